//! Amazon DynamoDB, as far as the lab needs it: tables with a partition key and an optional
//! sort key, their items, and the operations EMR jobs and a learner use on them — CreateTable,
//! DescribeTable, ListTables, DeleteTable, PutItem, GetItem, DeleteItem, Query, Scan,
//! BatchWriteItem, BatchGetItem — in the JSON protocol's shapes, with DynamoDB's limits and
//! error messages. Other services of the model use the typed API instead (`create_table`,
//! `put_item`, `table(…).items()`), with the same checks and no JSON on the way.

pub mod condition;
pub mod errors;
pub mod expressions;
pub mod key;
pub mod key_condition;
pub mod limits;
pub mod number;
mod ops_batch;
mod ops_item;
mod ops_read;
mod ops_table;
pub mod projection;
mod request;
mod reserved;
pub mod size;
pub mod table;
pub mod types;
pub mod wire;

pub use key::{KeyAttribute, KeySchema, KeyValue, PrimaryKey, ScalarType};
pub use number::Number;
pub use table::{BillingMode, Table, TableSpec, TableStatus};
pub use types::{AttributeValue, Item};

use crate::ctx::Ctx;
use crate::kinesis::error::{ApiError, ApiResult, ErrorType};
use crate::time::SimTime;
use errors::{table_exists, table_in_use, table_not_found};
use serde_json::Value;
use std::collections::BTreeMap;

/// Every operation `call` answers.
pub const OPERATIONS: &[&str] = &[
    "CreateTable",
    "DescribeTable",
    "ListTables",
    "DeleteTable",
    "PutItem",
    "GetItem",
    "DeleteItem",
    "Query",
    "Scan",
    "BatchWriteItem",
    "BatchGetItem",
];

/// The account's tables, by name.
#[derive(Clone, Debug, Default)]
pub struct DynamoDb {
    tables: BTreeMap<String, Table>,
}

impl DynamoDb {
    /// A table by name, whatever its status.
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.get(name)
    }

    /// A table to write into directly (see `Table::put_item_native`).
    pub fn table_mut(&mut self, name: &str) -> Option<&mut Table> {
        self.tables.get_mut(name)
    }

    /// Every table, by name.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.tables.values()
    }

    /// Creates a table as CreateTable does: CREATING now, ACTIVE after `CREATE_DELAY`.
    pub fn create_table(&mut self, now: SimTime, spec: TableSpec) -> ApiResult<&Table> {
        self.add_table(spec, now, TableStatus::Creating, Some(now + limits::CREATE_DELAY))
    }

    /// Creates a table that is ACTIVE at once: one a scenario starts with, or one another
    /// service of the model sets up before the clock runs.
    pub fn create_active_table(&mut self, now: SimTime, spec: TableSpec) -> ApiResult<&Table> {
        self.add_table(spec, now, TableStatus::Active, None)
    }

    fn add_table(
        &mut self,
        spec: TableSpec,
        now: SimTime,
        status: TableStatus,
        until: Option<SimTime>,
    ) -> ApiResult<&Table> {
        let mut c = errors::Constraints::default();
        ops_table::check_table_name(&spec.name, "tableName", &mut c);
        c.into_result()?;
        if let Some(existing) = self.tables.get(&spec.name) {
            return Err(match existing.status {
                TableStatus::Creating => table_in_use(&spec.name, "created"),
                TableStatus::Deleting => table_in_use(&spec.name, "deleted"),
                TableStatus::Active => table_exists(&spec.name),
            });
        }
        let name = spec.name.clone();
        Ok(self.tables.entry(name).or_insert(Table::new(spec, now, status, until)))
    }

    /// Starts deleting a table as DeleteTable does: DELETING now, gone after `DELETE_DELAY`.
    pub fn delete_table(&mut self, now: SimTime, name: &str) -> ApiResult<&Table> {
        let table = self.tables.get_mut(name).ok_or_else(|| table_not_found(name))?;
        match table.status {
            TableStatus::Creating => return Err(table_in_use(name, "created")),
            TableStatus::Deleting => return Err(table_in_use(name, "deleted")),
            TableStatus::Active => {}
        }
        table.status = TableStatus::Deleting;
        table.status_until = Some(now + limits::DELETE_DELAY);
        Ok(table)
    }

    /// Writes an item into an ACTIVE table, with PutItem's checks (key attributes, 400 KB);
    /// returns the item it replaced.
    pub fn put_item(&mut self, table: &str, item: Item) -> ApiResult<Option<Item>> {
        self.active_mut(table)?.put_item_native(item)
    }

    /// Moves tables on to their next status when its time has come.
    pub fn tick(&mut self, now: SimTime) {
        for table in self.tables.values_mut() {
            if table.status == TableStatus::Creating && table.status_until.is_some_and(|t| t <= now) {
                table.status = TableStatus::Active;
                table.status_until = None;
            }
        }
        self.tables.retain(|_, t| !(t.status == TableStatus::Deleting && t.status_until.is_some_and(|at| at <= now)));
    }

    /// When a table next changes status, if one will.
    pub fn next_wakeup(&self) -> Option<SimTime> {
        self.tables.values().filter_map(|t| t.status_until).min()
    }

    /// Calls an operation by name with its JSON input, as the console and `shardlab api` do.
    pub fn call(&mut self, ctx: &mut Ctx, op: &str, input: Value) -> ApiResult<Value> {
        self.tick(ctx.now);
        match op {
            "CreateTable" => self.op_create_table(ctx, input),
            "DescribeTable" => self.op_describe_table(ctx, input),
            "ListTables" => self.op_list_tables(input),
            "DeleteTable" => self.op_delete_table(ctx, input),
            "PutItem" => self.op_put_item(input),
            "GetItem" => self.op_get_item(input),
            "DeleteItem" => self.op_delete_item(input),
            "Query" => self.op_query(input),
            "Scan" => self.op_scan(input),
            "BatchWriteItem" => self.op_batch_write_item(input),
            "BatchGetItem" => self.op_batch_get_item(input),
            other => Err(ApiError::new(
                ErrorType::UnknownOperationException,
                format!("DynamoDB has no operation {other} in ShardLab."),
            )),
        }
    }
}

#[cfg(test)]
mod tests;
