//! BatchWriteItem and BatchGetItem: several items in one call, in one or more tables. A batch
//! write is checked whole before anything is written — a bad request leaves every table as it
//! was — and then applied whole: the lab never throttles, so UnprocessedItems is always `{}`.

use super::errors::{item_too_large, validation, Constraints};
use super::key::PrimaryKey;
use super::limits::{
    BATCH_GET_MAX_BYTES, BATCH_GET_MAX_KEYS, BATCH_WRITE_MAX_BYTES, BATCH_WRITE_MAX_REQUESTS, MAX_ITEM_BYTES,
};
use super::projection::project;
use super::request::{table_name, ExpressionInput};
use super::size::item_size;
use super::types::Item;
use super::wire::{item_from_json, item_to_json};
use super::DynamoDb;
use crate::kinesis::api::parse;
use crate::kinesis::error::ApiResult;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct BatchWriteInput {
    request_items: BTreeMap<String, Vec<WriteRequest>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct WriteRequest {
    put_request: Option<PutRequest>,
    delete_request: Option<DeleteRequest>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PutRequest {
    item: Value,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DeleteRequest {
    key: Value,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct BatchGetInput {
    request_items: BTreeMap<String, KeysAndAttributes>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct KeysAndAttributes {
    keys: Vec<Value>,
    projection_expression: Option<String>,
    expression_attribute_names: Option<BTreeMap<String, String>>,
}

/// One request as given: the item to put, or the key to delete.
enum Requested {
    Put(Item),
    Delete(Item),
}

/// One checked write.
enum Write {
    Put(PrimaryKey, Item),
    Delete(PrimaryKey),
}

/// How DynamoDB's Java front end prints a request list in a constraint message:
/// `{orders=[com.amazonaws.dynamodb.v20120810.WriteRequest@1a2b3c4d, …]}`. The hash is the
/// request's MD5 here (Java's identity hash would differ on every run).
fn shown_request_items(input: &Value) -> String {
    use md5::Digest;
    let Some(tables) = input.get("RequestItems").and_then(Value::as_object) else { return "'{}'".into() };
    let shown: Vec<String> = tables
        .iter()
        .map(|(table, requests)| {
            let requests: Vec<String> = requests
                .as_array()
                .map(|list| {
                    list.iter()
                        .map(|r| {
                            let digest = md5::Md5::digest(r.to_string());
                            let hex: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
                            format!("com.amazonaws.dynamodb.v20120810.WriteRequest@{hex}")
                        })
                        .collect()
                })
                .unwrap_or_default();
            format!("{table}=[{}]", requests.join(", "))
        })
        .collect();
    format!("'{{{}}}'", shown.join(", "))
}

impl DynamoDb {
    pub(super) fn op_batch_write_item(&mut self, input: Value) -> ApiResult<Value> {
        let shown = shown_request_items(&input);
        let request_bytes = input.get("RequestItems").map_or(0, |r| r.to_string().len());
        let i: BatchWriteInput = parse(input)?;
        let mut c = Constraints::default();
        if i.request_items.is_empty() {
            c.fail("'{}'", "requestItems", "Member must have length greater than or equal to 1");
        }
        if i.request_items.values().any(|r| r.is_empty() || r.len() > BATCH_WRITE_MAX_REQUESTS) {
            c.fail(
                &shown,
                "requestItems",
                &format!(
                    "Map value must satisfy constraint: [Member must have length less than or equal to {BATCH_WRITE_MAX_REQUESTS}, Member must have length greater than or equal to 1]"
                ),
            );
        }
        c.into_result()?;
        if i.request_items.values().map(Vec::len).sum::<usize>() > BATCH_WRITE_MAX_REQUESTS {
            return Err(validation("Too many items requested for the BatchWriteItem call"));
        }
        // The 16 MB are the request as sent; 25 items of 400 KB count less than that, but
        // their JSON (base64 binaries, escaped strings) can weigh more.
        if request_bytes > BATCH_WRITE_MAX_BYTES {
            return Err(validation("Request size exceeds the maximum allowed size of 16 MB for BatchWriteItem"));
        }
        // Values and sizes first, then tables, then keys and duplicates, as DynamoDB checks.
        let mut parsed = Vec::new();
        for (table, requests) in &i.request_items {
            for request in requests {
                let parsed_one = match (&request.put_request, &request.delete_request) {
                    (Some(put), None) => {
                        let item = item_from_json(&put.item)?;
                        if item_size(&item) > MAX_ITEM_BYTES {
                            return Err(item_too_large());
                        }
                        (table, Requested::Put(item))
                    }
                    (None, Some(delete)) => (table, Requested::Delete(item_from_json(&delete.key)?)),
                    // DynamoDB words an empty (or doubled) WriteRequest like an attribute value.
                    _ => {
                        return Err(validation(
                            "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes",
                        ))
                    }
                };
                parsed.push(parsed_one);
            }
        }
        for table in i.request_items.keys() {
            self.active(table)?;
        }
        let mut writes: Vec<(String, Write)> = Vec::new();
        let mut seen: BTreeSet<(String, PrimaryKey)> = BTreeSet::new();
        for (table, requested) in parsed {
            let name = table_name(table).to_string();
            let schema = self.active(table)?.key_schema();
            let write = match requested {
                Requested::Put(item) => Write::Put(schema.key_of_item(&item)?, item),
                Requested::Delete(key) => Write::Delete(schema.key_of_key(&key)?),
            };
            let key = match &write {
                Write::Put(k, _) | Write::Delete(k) => k.clone(),
            };
            if !seen.insert((name.clone(), key)) {
                return Err(validation("Provided list of item keys contains duplicates"));
            }
            writes.push((name, write));
        }
        for (name, write) in writes {
            let table = self.active_mut(&name)?;
            match write {
                Write::Put(key, item) => {
                    table.insert(key, item);
                }
                Write::Delete(key) => {
                    table.remove(&key);
                }
            }
        }
        Ok(json!({ "UnprocessedItems": {} }))
    }

    pub(super) fn op_batch_get_item(&mut self, input: Value) -> ApiResult<Value> {
        let i: BatchGetInput = parse(input)?;
        if i.request_items.is_empty() {
            let mut c = Constraints::default();
            c.fail("'{}'", "requestItems", "Member must have length greater than or equal to 1");
            c.into_result()?;
        }
        let mut wanted = Vec::new();
        let mut total = 0;
        for (table, request) in i.request_items {
            let projection = ExpressionInput {
                projection: request.projection_expression.as_deref(),
                names: request.expression_attribute_names,
                ..Default::default()
            }
            .parse(&[])?
            .projection;
            let keys: Vec<Item> = request.keys.iter().map(item_from_json).collect::<ApiResult<_>>()?;
            total += keys.len();
            if total > BATCH_GET_MAX_KEYS {
                return Err(validation("Too many items requested for the BatchGetItem call"));
            }
            wanted.push((table, keys, projection));
        }
        let mut responses = Map::new();
        let mut unprocessed = Map::new();
        let mut bytes = 0;
        for (table_ref, keys, projection) in wanted {
            let table = self.active(&table_ref)?;
            let mut seen = BTreeSet::new();
            let mut found = Vec::new();
            let mut left = Vec::new();
            for key in keys {
                let primary = table.key_schema().key_of_key(&key)?;
                if !seen.insert(primary.clone()) {
                    return Err(validation("Provided list of item keys contains duplicates"));
                }
                // An answer stops at 16 MB; the keys it could not hold come back unprocessed.
                if bytes >= BATCH_GET_MAX_BYTES {
                    left.push(item_to_json(&key));
                    continue;
                }
                if let Some(item) = table.get(&primary) {
                    bytes += item_size(item);
                    let shown = projection.as_deref().map_or_else(|| item.clone(), |paths| project(item, paths));
                    found.push(item_to_json(&shown));
                }
            }
            responses.insert(table_ref.clone(), json!(found));
            if !left.is_empty() {
                unprocessed.insert(table_ref, json!({ "Keys": left }));
            }
        }
        Ok(json!({ "Responses": responses, "UnprocessedKeys": unprocessed }))
    }
}
