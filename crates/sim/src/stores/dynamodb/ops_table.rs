//! CreateTable, DescribeTable, ListTables, DeleteTable: tables over the JSON protocol, checked
//! in DynamoDB's order (member constraints, then the key schema, then whether the name is
//! free).

use super::errors::{table_not_found, validation, Constraints};
use super::key::{KeyAttribute, KeySchema, ScalarType};
use super::limits::{LIST_TABLES_MAX_LIMIT, TABLE_NAME_MAX_CHARS, TABLE_NAME_MIN_CHARS};
use super::request::{check_limit, table_name};
use super::table::{BillingMode, TableSpec};
use super::DynamoDb;
use crate::ctx::Ctx;
use crate::kinesis::api::parse;
use crate::kinesis::error::ApiResult;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AttributeDefinition {
    attribute_name: String,
    attribute_type: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct KeySchemaElement {
    attribute_name: String,
    key_type: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Throughput {
    read_capacity_units: i64,
    write_capacity_units: i64,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CreateTableInput {
    table_name: String,
    attribute_definitions: Vec<AttributeDefinition>,
    key_schema: Vec<KeySchemaElement>,
    billing_mode: Option<String>,
    provisioned_throughput: Option<Throughput>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct TableNameInput {
    table_name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListTablesInput {
    exclusive_start_table_name: Option<String>,
    limit: Option<i64>,
}

/// Table names: 3–255 characters of `[a-zA-Z0-9_.-]`.
pub(super) fn check_table_name(name: &str, member: &str, c: &mut Constraints) {
    let shown = format!("'{name}'");
    if !name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')) || name.is_empty() {
        c.fail(&shown, member, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }
    if name.chars().count() < TABLE_NAME_MIN_CHARS {
        c.fail(&shown, member, &format!("Member must have length greater than or equal to {TABLE_NAME_MIN_CHARS}"));
    }
    if name.chars().count() > TABLE_NAME_MAX_CHARS {
        c.fail(&shown, member, &format!("Member must have length less than or equal to {TABLE_NAME_MAX_CHARS}"));
    }
}

/// CreateTable's input as a table spec, with DynamoDB's checks and messages.
fn spec_of(i: CreateTableInput) -> ApiResult<TableSpec> {
    let mut c = Constraints::default();
    check_table_name(&i.table_name, "tableName", &mut c);
    for (n, d) in i.attribute_definitions.iter().enumerate() {
        if ScalarType::parse(&d.attribute_type).is_none() {
            c.fail(
                &format!("'{}'", d.attribute_type),
                &format!("attributeDefinitions.{}.member.attributeType", n + 1),
                "Member must satisfy enum value set: [B, N, S]",
            );
        }
    }
    for (n, k) in i.key_schema.iter().enumerate() {
        if k.key_type != "HASH" && k.key_type != "RANGE" {
            c.fail(
                &format!("'{}'", k.key_type),
                &format!("keySchema.{}.member.keyType", n + 1),
                "Member must satisfy enum value set: [HASH, RANGE]",
            );
        }
    }
    let key_list = || {
        let shown: Vec<String> = i
            .key_schema
            .iter()
            .map(|k| format!("KeySchemaElement(attributeName={}, keyType={})", k.attribute_name, k.key_type))
            .collect();
        format!("'[{}]'", shown.join(", "))
    };
    if i.key_schema.is_empty() {
        c.fail("'[]'", "keySchema", "Member must have length greater than or equal to 1");
    }
    if i.key_schema.len() > 2 {
        c.fail(&key_list(), "keySchema", "Member must have length less than or equal to 2");
    }
    if let Some(mode) = i.billing_mode.as_deref().filter(|m| !matches!(*m, "PROVISIONED" | "PAY_PER_REQUEST")) {
        c.fail(
            &format!("'{mode}'"),
            "billingMode",
            "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]",
        );
    }
    if let Some(t) = &i.provisioned_throughput {
        for (value, member) in [
            (t.read_capacity_units, "provisionedThroughput.readCapacityUnits"),
            (t.write_capacity_units, "provisionedThroughput.writeCapacityUnits"),
        ] {
            if value < 1 {
                c.fail(&format!("'{value}'"), member, "Member must have value greater than or equal to 1");
            }
        }
    }
    c.into_result()?;

    let invalid = |detail: &str| validation(format!("One or more parameter values were invalid: {detail}"));
    let billing =
        match (i.billing_mode.as_deref(), &i.provisioned_throughput) {
            (Some("PAY_PER_REQUEST"), None) => BillingMode::PayPerRequest,
            (Some("PAY_PER_REQUEST"), Some(_)) => return Err(invalid(
                "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST",
            )),
            // PROVISIONED is the default billing mode, and it needs its capacity.
            (_, None) => {
                return Err(invalid(
                    "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED",
                ))
            }
            (_, Some(t)) => BillingMode::Provisioned {
                read_capacity_units: t.read_capacity_units as u64,
                write_capacity_units: t.write_capacity_units as u64,
            },
        };
    let definitions: Vec<&str> = i.attribute_definitions.iter().map(|d| d.attribute_name.as_str()).collect();
    let keys: Vec<&str> = i.key_schema.iter().map(|k| k.attribute_name.as_str()).collect();
    if keys.len() > definitions.len() {
        return Err(validation("Invalid KeySchema: Some index key attribute have no definition"));
    }
    if keys.iter().any(|k| !definitions.contains(k)) {
        return Err(invalid(&format!(
            "Some index key attributes are not defined in AttributeDefinitions. Keys: [{}], AttributeDefinitions: [{}]",
            keys.join(", "),
            definitions.join(", ")
        )));
    }
    if keys.len() == 2 && keys[0] == keys[1] {
        return Err(validation("Both the Hash Key and the Range Key element in the KeySchema have the same name"));
    }
    if i.key_schema[0].key_type != "HASH" {
        return Err(validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type"));
    }
    if i.key_schema.get(1).is_some_and(|k| k.key_type != "RANGE") {
        return Err(validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type"));
    }
    if keys.len() != definitions.len() {
        return Err(invalid(
            "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions",
        ));
    }
    let attribute = |name: &str| {
        let d = i.attribute_definitions.iter().find(|d| d.attribute_name == name).expect("checked above");
        KeyAttribute::new(name, ScalarType::parse(&d.attribute_type).expect("checked above"))
    };
    Ok(TableSpec {
        name: i.table_name.clone(),
        key_schema: KeySchema { partition: attribute(keys[0]), sort: keys.get(1).map(|k| attribute(k)) },
        attribute_definitions: i.attribute_definitions.iter().map(|d| attribute(&d.attribute_name)).collect(),
        billing,
    })
}

impl DynamoDb {
    pub(super) fn op_create_table(&mut self, ctx: &mut Ctx, input: Value) -> ApiResult<Value> {
        let spec = spec_of(parse(input)?)?;
        let table = self.create_table(ctx.now, spec)?;
        let out = json!({ "TableDescription": table.description(ctx) });
        if let Some(at) = table.status_until {
            ctx.wake_at(at);
        }
        Ok(out)
    }

    pub(super) fn op_describe_table(&mut self, ctx: &mut Ctx, input: Value) -> ApiResult<Value> {
        let i: TableNameInput = parse(input)?;
        let name = table_name(&i.table_name);
        let table = self.tables.get(name).ok_or_else(|| table_not_found(name))?;
        Ok(json!({ "Table": table.description(ctx) }))
    }

    pub(super) fn op_list_tables(&mut self, input: Value) -> ApiResult<Value> {
        let i: ListTablesInput = parse(input)?;
        let limit = check_limit(i.limit)?.unwrap_or(LIST_TABLES_MAX_LIMIT);
        if limit > LIST_TABLES_MAX_LIMIT {
            let mut c = Constraints::default();
            c.fail(
                &format!("'{limit}'"),
                "limit",
                &format!("Member must have value less than or equal to {LIST_TABLES_MAX_LIMIT}"),
            );
            c.into_result()?;
        }
        let after = i.exclusive_start_table_name.unwrap_or_default();
        let mut names = self.tables.keys().filter(|n| n.as_str() > after.as_str());
        let page: Vec<&String> = names.by_ref().take(limit).collect();
        let mut out = json!({ "TableNames": page });
        if names.next().is_some() {
            out["LastEvaluatedTableName"] = json!(page.last());
        }
        Ok(out)
    }

    pub(super) fn op_delete_table(&mut self, ctx: &mut Ctx, input: Value) -> ApiResult<Value> {
        let i: TableNameInput = parse(input)?;
        let table = self.delete_table(ctx.now, table_name(&i.table_name))?;
        let out = json!({ "TableDescription": table.description(ctx) });
        if let Some(at) = table.status_until {
            ctx.wake_at(at);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(input: Value) -> ApiResult<TableSpec> {
        spec_of(parse(input)?)
    }

    fn message(input: Value) -> String {
        spec(input).unwrap_err().message
    }

    #[test]
    fn a_table_with_both_keys_and_on_demand_billing() {
        let s = spec(json!({
            "TableName": "orders",
            "AttributeDefinitions": [{"AttributeName": "customer", "AttributeType": "S"}, {"AttributeName": "at", "AttributeType": "N"}],
            "KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"}, {"AttributeName": "at", "KeyType": "RANGE"}],
            "BillingMode": "PAY_PER_REQUEST"
        }))
        .unwrap();
        assert_eq!(s.key_schema.partition, KeyAttribute::new("customer", ScalarType::S));
        assert_eq!(s.key_schema.sort, Some(KeyAttribute::new("at", ScalarType::N)));
        assert_eq!(s.billing, BillingMode::PayPerRequest);
    }

    #[test]
    fn provisioned_is_the_default_and_needs_capacity() {
        let base = json!({
            "TableName": "tbl", "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]
        });
        assert_eq!(
            message(base.clone()),
            "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"
        );
        let mut with = base.clone();
        with["ProvisionedThroughput"] = json!({"ReadCapacityUnits": 5, "WriteCapacityUnits": 5});
        assert_eq!(
            spec(with.clone()).unwrap().billing,
            BillingMode::Provisioned { read_capacity_units: 5, write_capacity_units: 5 }
        );
        with["BillingMode"] = json!("PAY_PER_REQUEST");
        assert!(message(with).starts_with("One or more parameter values were invalid: Neither ReadCapacityUnits"));
    }

    #[test]
    fn key_schemas_dynamodb_refuses() {
        let table = |defs: Value, keys: Value| json!({"TableName": "tbl", "AttributeDefinitions": defs, "KeySchema": keys, "BillingMode": "PAY_PER_REQUEST"});
        let d = |name: &str, ty: &str| json!({"AttributeName": name, "AttributeType": ty});
        let k = |name: &str, ty: &str| json!({"AttributeName": name, "KeyType": ty});
        assert_eq!(
            message(table(json!([d("id", "S")]), json!([k("pk", "HASH")]))),
            "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [pk], AttributeDefinitions: [id]"
        );
        assert_eq!(
            message(table(json!([d("pk", "S"), d("extra", "S")]), json!([k("pk", "HASH")]))),
            "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"
        );
        assert_eq!(
            message(table(json!([d("a", "S"), d("b", "S")]), json!([k("a", "RANGE"), k("b", "HASH")]))),
            "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"
        );
        assert_eq!(
            message(table(json!([d("pk", "X")]), json!([k("pk", "HASH")]))),
            "1 validation error detected: Value 'X' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]"
        );
        assert_eq!(
            message(json!({"TableName": "ab", "AttributeDefinitions": [d("pk", "S")], "KeySchema": [k("pk", "HASH")]})),
            "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"
        );
        assert_eq!(
            message(json!({"TableName": "tbl", "KeySchema": [k("pk", "HASH")]})),
            "1 validation error detected: Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null"
        );
    }
}
