//! Query and Scan, a page at a time. A page ends when `Limit` items have been read or 1 MB of
//! them (counted before FilterExpression drops any), and then carries LastEvaluatedKey — the
//! key of the last item read — even if no item is left, as DynamoDB does: only a page without
//! LastEvaluatedKey is the last. Count is what the filter kept, ScannedCount what was read.

use super::condition::matches;
use super::errors::validation;
use super::expressions::{Condition, ExpressionKind, Path};
use super::key::PrimaryKey;
use super::key_condition::key_range;
use super::limits::QUERY_PAGE_MAX_BYTES;
use super::projection::project;
use super::request::{check_limit, ExpressionInput};
use super::size::item_size;
use super::table::Table;
use super::types::Item;
use super::wire::{item_from_json, item_to_json};
use super::DynamoDb;
use crate::kinesis::api::parse;
use crate::kinesis::error::{ApiError, ApiResult};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::ops::Bound;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ReadInput {
    table_name: String,
    index_name: Option<String>,
    key_condition_expression: Option<String>,
    filter_expression: Option<String>,
    projection_expression: Option<String>,
    expression_attribute_names: Option<BTreeMap<String, String>>,
    expression_attribute_values: Option<Value>,
    scan_index_forward: Option<bool>,
    limit: Option<i64>,
    exclusive_start_key: Option<Value>,
    select: Option<String>,
    segment: Option<i64>,
    total_segments: Option<i64>,
}

/// What a page keeps of the items it reads.
struct PageRules<'a> {
    limit: Option<usize>,
    filter: Option<&'a Condition>,
    projection: Option<&'a [Path]>,
    count_only: bool,
}

/// Reads items until the limit or 1 MB, and answers the page.
fn page<'a>(table: &Table, items: impl Iterator<Item = (PrimaryKey, &'a Item)>, rules: PageRules) -> Value {
    let (mut scanned, mut bytes, mut kept, mut last) = (0usize, 0usize, Vec::new(), None);
    let mut stopped = false;
    for (key, item) in items {
        scanned += 1;
        bytes += item_size(item);
        if rules.filter.is_none_or(|f| matches(f, item)) {
            kept.push(match rules.projection {
                Some(paths) => project(item, paths),
                None => item.clone(),
            });
        }
        last = Some(key);
        if rules.limit.is_some_and(|l| scanned >= l) || bytes >= QUERY_PAGE_MAX_BYTES {
            stopped = true;
            break;
        }
    }
    let mut out = json!({});
    if !rules.count_only {
        out["Items"] = json!(kept.iter().map(item_to_json).collect::<Vec<_>>());
    }
    out["Count"] = json!(kept.len());
    out["ScannedCount"] = json!(scanned);
    if let (true, Some(last)) = (stopped, last) {
        out["LastEvaluatedKey"] = item_to_json(&table.key_schema().key_item(&last));
    }
    out
}

/// Select: ALL_ATTRIBUTES (the default) or COUNT; projections choose attributes themselves.
fn count_only(select: Option<&str>, projection: bool) -> ApiResult<bool> {
    match select {
        None | Some("ALL_ATTRIBUTES") if !projection => Ok(false),
        None | Some("SPECIFIC_ATTRIBUTES") => Ok(false),
        Some("COUNT") if !projection => Ok(true),
        Some("ALL_ATTRIBUTES" | "COUNT") => Err(validation(
            "Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES or COUNT",
        )),
        Some("ALL_PROJECTED_ATTRIBUTES") => {
            Err(validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"))
        }
        Some(other) => Err(validation(format!(
            "1 validation error detected: Value '{other}' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]"
        ))),
    }
}

/// The lab's tables have no secondary indexes, and it does not split scans into segments.
fn refuse_unmodelled(i: &ReadInput) -> ApiResult<()> {
    if let Some(index) = &i.index_name {
        return Err(validation(format!("The table does not have the specified index: {index}")));
    }
    if i.segment.is_some() || i.total_segments.is_some() {
        return Err(validation("ShardLab does not model parallel scans (Segment, TotalSegments)"));
    }
    Ok(())
}

fn start_key_error(e: ApiError) -> ApiError {
    validation(format!("The provided starting key is invalid: {}", e.message))
}

impl DynamoDb {
    pub(super) fn op_query(&mut self, input: Value) -> ApiResult<Value> {
        let i: ReadInput = parse(input)?;
        let limit = check_limit(i.limit)?;
        let start = i.exclusive_start_key.as_ref().map(item_from_json).transpose()?;
        let Some(key_condition) = i.key_condition_expression.as_deref() else {
            return Err(validation(
                "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.",
            ));
        };
        let expressions = ExpressionInput {
            key_condition: Some(key_condition),
            filter: i.filter_expression.as_deref(),
            projection: i.projection_expression.as_deref(),
            names: i.expression_attribute_names.clone(),
            values: i.expression_attribute_values.clone(),
            ..Default::default()
        }
        .parse(&[ExpressionKind::Filter, ExpressionKind::KeyCondition])?;
        let count_only = count_only(i.select.as_deref(), expressions.projection.is_some())?;
        let table = self.active(&i.table_name)?;
        refuse_unmodelled(&i)?;
        let schema = table.key_schema();
        let condition = expressions.key_condition.as_ref().expect("given above");
        let range = key_range(condition, schema)?;
        if let Some(filter) = &expressions.filter {
            if let Some(key) = filter.path_heads().into_iter().find(|h| schema.is_key_attribute(h)) {
                return Err(validation(format!(
                    "Filter Expression can only contain non-primary key attributes: Primary key attribute: {key}"
                )));
            }
        }
        let forward = i.scan_index_forward.unwrap_or(true);
        let (mut lower, mut upper) = (range.lower.clone(), range.upper.clone());
        let mut exhausted = false;
        if let Some(start) = &start {
            let start = schema.key_of_key(start).map_err(start_key_error)?;
            if start.partition != range.partition {
                return Err(validation(
                    "The provided starting key is outside query boundaries based on provided conditions",
                ));
            }
            match &start.sort {
                Some(sort) if !range.contains_sort(sort) => {
                    return Err(validation("The provided starting key does not match the range key predicate"))
                }
                Some(sort) if forward => lower = Bound::Excluded(sort.clone()),
                Some(sort) => upper = Bound::Excluded(sort.clone()),
                // Without a sort key a partition holds one item, already answered.
                None => exhausted = true,
            }
        }
        let items = table.collection_range(&range.partition, lower, upper, !forward).filter(|_| !exhausted);
        let rules = PageRules {
            limit,
            filter: expressions.filter.as_ref(),
            projection: expressions.projection.as_deref(),
            count_only,
        };
        Ok(page(table, items, rules))
    }

    pub(super) fn op_scan(&mut self, input: Value) -> ApiResult<Value> {
        let i: ReadInput = parse(input)?;
        let limit = check_limit(i.limit)?;
        let start = i.exclusive_start_key.as_ref().map(item_from_json).transpose()?;
        let expressions = ExpressionInput {
            filter: i.filter_expression.as_deref(),
            projection: i.projection_expression.as_deref(),
            names: i.expression_attribute_names.clone(),
            values: i.expression_attribute_values.clone(),
            ..Default::default()
        }
        .parse(&[ExpressionKind::Filter])?;
        let count_only = count_only(i.select.as_deref(), expressions.projection.is_some())?;
        let table = self.active(&i.table_name)?;
        refuse_unmodelled(&i)?;
        let start = start.map(|s| table.key_schema().key_of_key(&s).map_err(start_key_error)).transpose()?;
        let rules = PageRules {
            limit,
            filter: expressions.filter.as_ref(),
            projection: expressions.projection.as_deref(),
            count_only,
        };
        Ok(page(table, table.scan_from(start.as_ref()), rules))
    }
}
