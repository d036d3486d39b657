//! PutItem, GetItem, DeleteItem: one item by its key. The request is checked whole before
//! the table is looked up (an item over 400 KB is refused even for a table that does not
//! exist), then the key against the table's schema, then the condition against the stored item.

use super::condition::matches;
use super::errors::{conditional_check_failed, item_too_large};
use super::expressions::ExpressionKind;
use super::limits::MAX_ITEM_BYTES;
use super::projection::project;
use super::request::{wants_old_item, ExpressionInput};
use super::size::item_size;
use super::types::Item;
use super::wire::{item_from_json, item_to_json};
use super::DynamoDb;
use crate::kinesis::api::parse;
use crate::kinesis::error::ApiResult;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PutItemInput {
    table_name: String,
    item: Value,
    condition_expression: Option<String>,
    expression_attribute_names: Option<BTreeMap<String, String>>,
    expression_attribute_values: Option<Value>,
    return_values: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct GetItemInput {
    table_name: String,
    key: Value,
    projection_expression: Option<String>,
    expression_attribute_names: Option<BTreeMap<String, String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DeleteItemInput {
    table_name: String,
    key: Value,
    condition_expression: Option<String>,
    expression_attribute_names: Option<BTreeMap<String, String>>,
    expression_attribute_values: Option<Value>,
    return_values: Option<String>,
}

/// `{"Attributes": old}` when ReturnValues ALL_OLD asked for it and there was one, else `{}`.
fn old_item_answer(want_old: bool, old: Option<Item>) -> Value {
    match old.filter(|_| want_old) {
        Some(old) => json!({ "Attributes": item_to_json(&old) }),
        None => json!({}),
    }
}

impl DynamoDb {
    pub(super) fn op_put_item(&mut self, input: Value) -> ApiResult<Value> {
        let i: PutItemInput = parse(input)?;
        let item = item_from_json(&i.item)?;
        let want_old = wants_old_item(i.return_values.as_deref())?;
        if item_size(&item) > MAX_ITEM_BYTES {
            return Err(item_too_large());
        }
        let expressions = ExpressionInput {
            condition: i.condition_expression.as_deref(),
            names: i.expression_attribute_names,
            values: i.expression_attribute_values,
            ..Default::default()
        }
        .parse(&[ExpressionKind::Condition])?;
        let table = self.active_mut(&i.table_name)?;
        let key = table.key_schema().key_of_item(&item)?;
        if let Some(condition) = &expressions.condition {
            let empty = Item::new();
            if !matches(condition, table.get(&key).unwrap_or(&empty)) {
                return Err(conditional_check_failed());
            }
        }
        let old = table.insert(key, item);
        Ok(old_item_answer(want_old, old))
    }

    pub(super) fn op_get_item(&mut self, input: Value) -> ApiResult<Value> {
        let i: GetItemInput = parse(input)?;
        let key = item_from_json(&i.key)?;
        let expressions = ExpressionInput {
            projection: i.projection_expression.as_deref(),
            names: i.expression_attribute_names,
            ..Default::default()
        }
        .parse(&[])?;
        let table = self.active(&i.table_name)?;
        Ok(match table.get_item(&key)? {
            Some(item) => {
                let shown = match &expressions.projection {
                    Some(paths) => project(item, paths),
                    None => item.clone(),
                };
                json!({ "Item": item_to_json(&shown) })
            }
            None => json!({}),
        })
    }

    pub(super) fn op_delete_item(&mut self, input: Value) -> ApiResult<Value> {
        let i: DeleteItemInput = parse(input)?;
        let key = item_from_json(&i.key)?;
        let want_old = wants_old_item(i.return_values.as_deref())?;
        let expressions = ExpressionInput {
            condition: i.condition_expression.as_deref(),
            names: i.expression_attribute_names,
            values: i.expression_attribute_values,
            ..Default::default()
        }
        .parse(&[ExpressionKind::Condition])?;
        let table = self.active_mut(&i.table_name)?;
        let key = table.key_schema().key_of_key(&key)?;
        if let Some(condition) = &expressions.condition {
            let empty = Item::new();
            if !matches(condition, table.get(&key).unwrap_or(&empty)) {
                return Err(conditional_check_failed());
            }
        }
        // Deleting an item that is not there succeeds, as in DynamoDB.
        let old = table.remove(&key);
        Ok(old_item_answer(want_old, old))
    }
}
