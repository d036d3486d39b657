//! Walking the JSON of an API input: the strings of one field anywhere in it, and replacing
//! strings (an ARN of the lab's by a CloudFormation intrinsic, the lab's role by the export's).

use serde_json::Value;
use std::collections::BTreeMap;

/// Every string value of `field` anywhere in `v`.
pub fn referenced(v: &Value, field: &str) -> Vec<String> {
    let mut found = Vec::new();
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                match x {
                    Value::String(s) if k == field => found.push(s.clone()),
                    _ => found.extend(referenced(x, field)),
                }
            }
        }
        Value::Array(list) => list.iter().for_each(|x| found.extend(referenced(x, field))),
        _ => {}
    }
    found.sort();
    found.dedup();
    found
}

/// Replaces each string of `v` that is a key of `with` by its value (an ARN by its intrinsic).
pub fn replace_strings(v: &mut Value, with: &BTreeMap<String, Value>) {
    match v {
        Value::String(s) => {
            if let Some(x) = with.get(s.as_str()) {
                *v = x.clone();
            }
        }
        Value::Object(map) => map.values_mut().for_each(|x| replace_strings(x, with)),
        Value::Array(list) => list.iter_mut().for_each(|x| replace_strings(x, with)),
        _ => {}
    }
}
