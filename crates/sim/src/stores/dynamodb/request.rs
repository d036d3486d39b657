//! What every item operation does with its request before it touches a table: find the
//! table (by name or ARN, ACTIVE only), read the placeholders, parse the expressions, check
//! the members that only make sense together.

use super::errors::{resource_not_found, validation, Constraints};
use super::expressions::{parse_condition, parse_projection, Condition, ExpressionKind, Path, Substitutions};
use super::table::{Table, TableStatus};
use super::types::Item;
use super::wire::item_from_json;
use super::DynamoDb;
use crate::kinesis::error::ApiResult;
use serde_json::Value;
use std::collections::BTreeMap;

/// A table name, or the name inside a table ARN (`arn:aws:dynamodb:…:table/NAME`).
pub(super) fn table_name(name_or_arn: &str) -> &str {
    match name_or_arn.strip_prefix("arn:") {
        Some(rest) => rest.rsplit_once(":table/").map_or(name_or_arn, |(_, name)| name),
        None => name_or_arn,
    }
}

impl DynamoDb {
    /// The ACTIVE table an item operation works on; any other is "not found", as in DynamoDB.
    pub(super) fn active(&self, name: &str) -> ApiResult<&Table> {
        self.tables.get(table_name(name)).filter(|t| t.status == TableStatus::Active).ok_or_else(resource_not_found)
    }

    pub(super) fn active_mut(&mut self, name: &str) -> ApiResult<&mut Table> {
        self.tables.get_mut(table_name(name)).filter(|t| t.status == TableStatus::Active).ok_or_else(resource_not_found)
    }
}

/// A request's expressions, parsed against its placeholders.
#[derive(Default)]
pub(super) struct Expressions {
    pub condition: Option<Condition>,
    pub key_condition: Option<Condition>,
    pub filter: Option<Condition>,
    pub projection: Option<Vec<Path>>,
}

/// The expression members of one request, as given.
#[derive(Default)]
pub(super) struct ExpressionInput<'a> {
    pub condition: Option<&'a str>,
    pub key_condition: Option<&'a str>,
    pub filter: Option<&'a str>,
    pub projection: Option<&'a str>,
    pub names: Option<BTreeMap<String, String>>,
    pub values: Option<Value>,
}

impl ExpressionInput<'_> {
    /// Parses every expression given. `value_members` lists the expressions this operation
    /// takes that may use values (for the message when values are given without them).
    pub fn parse(self, value_members: &[ExpressionKind]) -> ApiResult<Expressions> {
        let any_expression = self.condition.is_some()
            || self.key_condition.is_some()
            || self.filter.is_some()
            || self.projection.is_some();
        if self.names.is_some() && !any_expression {
            return Err(validation("ExpressionAttributeNames can only be specified when using expressions"));
        }
        let uses_values = self.condition.is_some() || self.key_condition.is_some() || self.filter.is_some();
        if self.values.is_some() && !uses_values && !value_members.is_empty() {
            let members: Vec<&str> = value_members.iter().map(|k| k.member()).collect();
            let verb = if members.len() > 1 { "are" } else { "is" };
            return Err(validation(format!(
                "ExpressionAttributeValues can only be specified when using expressions: {} {verb} null",
                members.join(" and ")
            )));
        }
        let values = match &self.values {
            None => None,
            Some(v) => Some(expression_values(v)?),
        };
        let mut subs = Substitutions::new(self.names, values)?;
        let mut out = Expressions::default();
        let mut condition = |text: Option<&str>, kind| text.map(|t| parse_condition(t, kind, &mut subs)).transpose();
        out.condition = condition(self.condition, ExpressionKind::Condition)?;
        out.key_condition = condition(self.key_condition, ExpressionKind::KeyCondition)?;
        out.filter = condition(self.filter, ExpressionKind::Filter)?;
        out.projection = self.projection.map(|t| parse_projection(t, &mut subs)).transpose()?;
        subs.check_all_used()?;
        Ok(out)
    }
}

/// ExpressionAttributeValues: attribute values, an invalid one named by its placeholder.
fn expression_values(values: &Value) -> ApiResult<Item> {
    let Value::Object(members) = values else { return item_from_json(values) };
    let mut out = Item::new();
    for (key, v) in members {
        let one = item_from_json(&Value::Object([(key.clone(), v.clone())].into_iter().collect()));
        match one {
            Ok(item) => out.extend(item),
            Err(mut e) if e.kind == crate::kinesis::error::ErrorType::ValidationException => {
                e.message = format!("ExpressionAttributeValues contains invalid value: {} for key {key}", e.message);
                return Err(e);
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// ReturnValues of PutItem and DeleteItem: whether the old item is wanted.
pub(super) fn wants_old_item(return_values: Option<&str>) -> ApiResult<bool> {
    const ALL: [&str; 5] = ["ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"];
    match return_values {
        None | Some("NONE") => Ok(false),
        Some("ALL_OLD") => Ok(true),
        Some(v) if ALL.contains(&v) => Err(validation("ReturnValues can only be ALL_OLD or NONE")),
        Some(v) => {
            let mut c = Constraints::default();
            c.fail(
                &format!("'{v}'"),
                "returnValues",
                "Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]",
            );
            c.into_result().map(|_| false)
        }
    }
}

/// `Limit` of Query, Scan and ListTables: at least 1.
pub(super) fn check_limit(limit: Option<i64>) -> ApiResult<Option<usize>> {
    match limit {
        Some(l) if l < 1 => {
            let mut c = Constraints::default();
            c.fail(&format!("'{l}'"), "limit", "Member must have value greater than or equal to 1");
            c.into_result().map(|_| None)
        }
        other => Ok(other.map(|l| l as usize)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_may_be_named_by_arn() {
        assert_eq!(table_name("arn:aws:dynamodb:us-east-1:123456789012:table/orders"), "orders");
        assert_eq!(table_name("orders"), "orders");
    }

    #[test]
    fn placeholders_without_expressions_are_refused() {
        let names = ExpressionInput { names: Some([("#n".into(), "n".into())].into()), ..Default::default() };
        assert_eq!(
            names.parse(&[ExpressionKind::Condition]).err().unwrap().message,
            "ExpressionAttributeNames can only be specified when using expressions"
        );
        let values = ExpressionInput { values: Some(serde_json::json!({":v": {"S": "x"}})), ..Default::default() };
        assert_eq!(
            values.parse(&[ExpressionKind::Filter, ExpressionKind::KeyCondition]).err().unwrap().message,
            "ExpressionAttributeValues can only be specified when using expressions: FilterExpression and KeyConditionExpression are null"
        );
        let bad_value = ExpressionInput {
            condition: Some("a = :v"),
            values: Some(serde_json::json!({":v": {"N": "x"}})),
            ..Default::default()
        };
        assert_eq!(
            bad_value.parse(&[ExpressionKind::Condition]).err().unwrap().message,
            "ExpressionAttributeValues contains invalid value: The parameter cannot be converted to a numeric value: x for key :v"
        );
    }

    #[test]
    fn return_values_other_than_all_old_or_none_are_refused() {
        assert_eq!(wants_old_item(Some("ALL_OLD")), Ok(true));
        assert_eq!(wants_old_item(None), Ok(false));
        assert_eq!(wants_old_item(Some("ALL_NEW")).unwrap_err().message, "ReturnValues can only be ALL_OLD or NONE");
        assert!(wants_old_item(Some("x")).unwrap_err().message.contains("enum value set"));
    }
}
