//! Turning what the learner typed into the JSON members AWS expects, checked against the
//! service table the way the CLI checks them before it sends anything.

use crate::model::{Member, ParamType};
use crate::shorthand::{parse_pairs, split_list};
use crate::timestamp::parse_timestamp;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde_json::{Map, Number, Value};

/// How blob values are typed, set by `--cli-binary-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum BinaryFormat {
    /// CLI v2's default: the learner types base64 and it must be valid.
    #[default]
    Base64,
    /// The learner types the raw text and the CLI base64-encodes it (`raw-in-base64-out`).
    RawInBase64Out,
}

/// The base64 text sent for a blob. Valid base64 is decoded and re-encoded because the
/// CLI sends the bytes, not the learner's spelling of them.
pub(crate) fn blob(text: &str, format: BinaryFormat) -> Result<Value, String> {
    let bytes = match format {
        BinaryFormat::RawInBase64Out => text.as_bytes().to_vec(),
        BinaryFormat::Base64 => STANDARD.decode(text).map_err(|_| format!("Invalid base64: \"{text}\""))?,
    };
    Ok(Value::String(STANDARD.encode(bytes)))
}

fn not_a(label: &str, text: &str, what: &str) -> String {
    format!("Invalid value for parameter {label}: '{text}' is not {what}")
}

const TIMESTAMP_HINT: &str = "a timestamp (give epoch seconds or ISO 8601, e.g. 2026-01-01T00:00:05Z)";

fn timestamp(label: &str, text: &str) -> Result<Value, String> {
    parse_timestamp(text)
        .and_then(Number::from_f64)
        .map(Value::Number)
        .ok_or_else(|| not_a(label, text, TIMESTAMP_HINT))
}

/// A scalar from its text; `label` names it in errors (`--shard-count`, or a member path
/// such as `StartingPosition.Timestamp` inside shorthand).
pub(crate) fn scalar_from_text(label: &str, ty: ParamType, text: &str, format: BinaryFormat) -> Result<Value, String> {
    match ty {
        ParamType::String => Ok(Value::String(text.to_string())),
        ParamType::Integer => text.trim().parse::<i64>().map(Value::from).map_err(|_| not_a(label, text, "an integer")),
        ParamType::Boolean => match text.trim().to_ascii_lowercase().as_str() {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(not_a(label, text, "true or false")),
        },
        ParamType::Blob => blob(text, format),
        ParamType::Timestamp => timestamp(label, text),
        ParamType::Strings => split_list(text)
            .map(|items| Value::Array(items.into_iter().map(Value::String).collect()))
            .map_err(|e| format!("Invalid value for parameter {label}: {e}")),
        ParamType::Structure(_) | ParamType::List(_) | ParamType::Map(_) | ParamType::Any => {
            Err(format!("Invalid value for parameter {label}: nested values must be given as JSON"))
        }
    }
}

fn json(option: &str, text: &str) -> Result<Value, String> {
    serde_json::from_str(text)
        .map_err(|e| format!("Error parsing parameter '{option}': Invalid JSON: {e}\nJSON received: {text}"))
}

/// A structure option's value: JSON when it starts with `{`, shorthand otherwise.
pub(crate) fn structure_from_text(
    option: &str,
    path: &str,
    members: &[Member],
    text: &str,
    format: BinaryFormat,
) -> Result<Value, String> {
    if text.trim_start().starts_with('{') {
        return coerce_struct(path, members, json(option, text)?, format);
    }
    let pairs = parse_pairs(text).map_err(|e| format!("Error parsing parameter '{option}': {e}"))?;
    let mut out = Map::new();
    for (key, value) in pairs {
        let member = find_member(path, members, &key)?;
        let label = child(path, &key);
        out.insert(key, scalar_from_text(&label, member.ty, &value, format)?);
    }
    Ok(Value::Object(out))
}

/// A map option's value: a JSON object, or shorthand `K=V,K2=V2` when its values are
/// scalars (`--expression-attribute-names '#y=Year'`).
pub(crate) fn map_from_text(
    option: &str,
    path: &str,
    values: &'static ParamType,
    text: &str,
    format: BinaryFormat,
) -> Result<Value, String> {
    if text.trim_start().starts_with('{') {
        return coerce(path, ParamType::Map(values), json(option, text)?, format);
    }
    if matches!(values, ParamType::Structure(_) | ParamType::List(_) | ParamType::Map(_) | ParamType::Any) {
        return Err(format!(
            "Error parsing parameter '{option}': Expected: '{{', received: '{}' (give a JSON object)",
            text.chars().next().unwrap_or(' ')
        ));
    }
    let pairs = parse_pairs(text).map_err(|e| format!("Error parsing parameter '{option}': {e}"))?;
    let mut out = Map::new();
    for (key, value) in pairs {
        let label = child(path, &key);
        out.insert(key, scalar_from_text(&label, *values, &value, format)?);
    }
    Ok(Value::Object(out))
}

/// A list option's values: one JSON array, or one item per token (JSON object or shorthand).
pub(crate) fn list_from_tokens(
    option: &str,
    path: &str,
    members: &'static [Member],
    tokens: &[String],
    format: BinaryFormat,
) -> Result<Value, String> {
    if let [only] = tokens {
        if only.trim_start().starts_with('[') {
            return coerce(path, ParamType::List(members), json(option, only)?, format);
        }
    }
    let mut items = Vec::with_capacity(tokens.len());
    for (i, token) in tokens.iter().enumerate() {
        let item_path = format!("{path}[{i}]");
        items.push(structure_from_text(option, &item_path, members, token, format)?);
    }
    Ok(Value::Array(items))
}

/// A string-list option's values: one JSON array, or one string per word.
pub(crate) fn strings_from_tokens(option: &str, path: &str, tokens: &[String]) -> Result<Value, String> {
    if let [only] = tokens {
        if only.trim_start().starts_with('[') {
            return coerce(path, ParamType::Strings, json(option, only)?, BinaryFormat::default());
        }
    }
    Ok(Value::Array(tokens.iter().cloned().map(Value::String).collect()))
}

/// Checks a JSON value against its type, applying the blob and timestamp rules inside it
/// too, so JSON and shorthand send the same thing. `path` is the member path for errors.
pub(crate) fn coerce(path: &str, ty: ParamType, value: Value, format: BinaryFormat) -> Result<Value, String> {
    match (ty, value) {
        (ParamType::String, v @ Value::String(_)) => Ok(v),
        (ParamType::Integer, Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(Value::Number(n)),
        (ParamType::Boolean, v @ Value::Bool(_)) => Ok(v),
        (ParamType::Blob, Value::String(s)) => blob(&s, format),
        (ParamType::Timestamp, Value::Number(n)) => Ok(Value::Number(n)),
        (ParamType::Timestamp, Value::String(s)) => timestamp(path, &s),
        (ParamType::Structure(members), v) => coerce_struct(path, members, v, format),
        (ParamType::Map(values), Value::Object(map)) => map
            .into_iter()
            .map(|(key, v)| Ok((key.clone(), coerce(&child(path, &key), *values, v, format)?)))
            .collect::<Result<Map<_, _>, String>>()
            .map(Value::Object),
        (ParamType::Any, v) => Ok(v),
        (ParamType::Strings, Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, item)| match item {
                v @ Value::String(_) => Ok(v),
                other => Err(wrong_type(&format!("{path}[{i}]"), &other, "string")),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        (ParamType::List(members), Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, item)| coerce_struct(&format!("{path}[{i}]"), members, item, format))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        (ty, v) => Err(wrong_type(path, &v, type_name(ty))),
    }
}

/// [`coerce`] for a structure whose members may be built at run time (the operation's
/// parameters, for `--cli-input-json`). An empty `path` means the whole input.
pub(crate) fn coerce_struct(
    path: &str,
    members: &[Member],
    value: Value,
    format: BinaryFormat,
) -> Result<Value, String> {
    let Value::Object(map) = value else {
        return Err(wrong_type(path, &value, "object"));
    };
    let mut out = Map::new();
    for (key, v) in map {
        let member = find_member(path, members, &key)?;
        let v = coerce(&child(path, &key), member.ty, v, format)?;
        out.insert(key, v);
    }
    Ok(Value::Object(out))
}

fn wrong_type(path: &str, value: &Value, expected: &str) -> String {
    let label = if path.is_empty() { "input" } else { path };
    format!(
        "Parameter validation failed:\nInvalid type for parameter {label}, value: {value}, type: {}, valid types: {expected}",
        json_type(value)
    )
}

fn find_member<'m>(path: &str, members: &'m [Member], key: &str) -> Result<&'m Member, String> {
    members.iter().find(|m| m.name == key).ok_or_else(|| {
        let names: Vec<&str> = members.iter().map(|m| m.name).collect();
        let within = if path.is_empty() { "input" } else { path };
        format!(
            "Parameter validation failed:\nUnknown parameter in {within}: \"{key}\", must be one of: {}",
            names.join(", ")
        )
    })
}

fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    }
}

fn type_name(ty: ParamType) -> &'static str {
    match ty {
        ParamType::String => "string",
        ParamType::Integer => "integer",
        ParamType::Boolean => "boolean",
        ParamType::Blob => "string (base64)",
        ParamType::Timestamp => "number or ISO 8601 string",
        ParamType::Structure(_) | ParamType::Map(_) => "object",
        ParamType::List(_) | ParamType::Strings => "list",
        ParamType::Any => "any JSON value",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORD: &[Member] = &[Member::new("Data", ParamType::Blob), Member::new("PartitionKey", ParamType::String)];

    #[test]
    fn raw_blobs_are_encoded_and_base64_blobs_are_checked() {
        assert_eq!(blob("hello", BinaryFormat::RawInBase64Out), Ok(Value::from("aGVsbG8=")));
        assert_eq!(blob("aGVsbG8=", BinaryFormat::Base64), Ok(Value::from("aGVsbG8=")));
        assert_eq!(blob("hello", BinaryFormat::Base64), Err("Invalid base64: \"hello\"".to_string()));
    }

    #[test]
    fn integers_must_be_whole_numbers() {
        let int = |t| scalar_from_text("--limit", ParamType::Integer, t, BinaryFormat::Base64);
        assert_eq!(int("25"), Ok(Value::from(25)));
        assert_eq!(int("2.5"), Err("Invalid value for parameter --limit: '2.5' is not an integer".to_string()));
    }

    #[test]
    fn json_items_follow_the_blob_rule_too() {
        let v = serde_json::json!([{"Data": "hi", "PartitionKey": "k"}]);
        let out = coerce("Records", ParamType::List(RECORD), v, BinaryFormat::RawInBase64Out);
        assert_eq!(out, Ok(serde_json::json!([{"Data": "aGk=", "PartitionKey": "k"}])));
    }

    #[test]
    fn json_of_the_wrong_type_names_the_member() {
        let v = serde_json::json!([{"Data": "aGk=", "PartitionKey": 7}]);
        let err = coerce("Records", ParamType::List(RECORD), v, BinaryFormat::Base64).unwrap_err();
        assert_eq!(
            err,
            "Parameter validation failed:\nInvalid type for parameter Records[0].PartitionKey, value: 7, type: integer, valid types: string"
        );
    }

    #[test]
    fn maps_take_any_keys_as_json_or_as_shorthand_of_scalars() {
        let names = ParamType::Map(&ParamType::String);
        assert_eq!(
            map_from_text(
                "--expression-attribute-names",
                "ExpressionAttributeNames",
                &ParamType::String,
                "#y=Year,#n=Name",
                BinaryFormat::Base64
            ),
            Ok(serde_json::json!({"#y": "Year", "#n": "Name"}))
        );
        let item = serde_json::json!({"pk": {"S": "a"}, "n": {"N": "1"}});
        assert_eq!(coerce("Item", ParamType::Map(&ParamType::Any), item.clone(), BinaryFormat::Base64), Ok(item));
        let err =
            coerce("ExpressionAttributeNames", names, serde_json::json!({"#y": 7}), BinaryFormat::Base64).unwrap_err();
        assert!(
            err.ends_with(
                "Invalid type for parameter ExpressionAttributeNames.#y, value: 7, type: integer, valid types: string"
            ),
            "{err}"
        );
        let err = map_from_text("--item", "Item", &ParamType::Any, "pk=a", BinaryFormat::Base64).unwrap_err();
        assert!(err.starts_with("Error parsing parameter '--item': Expected: '{'"), "{err}");
    }

    #[test]
    fn unknown_members_are_listed_with_the_valid_ones() {
        let err = structure_from_text("--records", "Records[0]", RECORD, "Data=aGk=,Key=k", BinaryFormat::Base64)
            .unwrap_err();
        assert_eq!(
            err,
            "Parameter validation failed:\nUnknown parameter in Records[0]: \"Key\", must be one of: Data, PartitionKey"
        );
    }
}
