//! Attribute values in the JSON protocol (`{"S":"x"}`, `{"N":"12"}`, `{"B":"base64"}`,
//! `{"BOOL":true}`, `{"NULL":true}`, `{"L":[…]}`, `{"M":{…}}`, `{"SS":[…]}`, `{"NS":[…]}`,
//! `{"BS":[…]}`) and back, refused with DynamoDB's words: a value of the wrong JSON kind is a
//! SerializationException (the request does not parse), a value DynamoDB cannot store is a
//! ValidationException.

use super::number::Number;
use super::types::{AttributeValue, Item};
use crate::kinesis::error::{ApiError, ApiResult, ErrorType};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

fn serialization(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorType::SerializationException, message)
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorType::ValidationException, message)
}

fn invalid_param(detail: &str) -> ApiError {
    invalid(format!("One or more parameter values were invalid: {detail}"))
}

/// How the JSON parser behind DynamoDB words a value of the wrong kind where it wanted `java`.
fn wrong_kind(value: &Value, java: &str) -> ApiError {
    serialization(match value {
        Value::Bool(b) => format!("{} cannot be converted to {java}", if *b { "TRUE_VALUE" } else { "FALSE_VALUE" }),
        Value::Number(n) if n.is_f64() => format!("DECIMAL_VALUE cannot be converted to {java}"),
        Value::Number(_) => format!("NUMBER_VALUE cannot be converted to {java}"),
        Value::Array(_) => format!("Unrecognized collection type class java.lang.{java}"),
        _ => "Start of structure or map found where not expected".to_string(),
    })
}

fn string(value: &Value) -> ApiResult<String> {
    value.as_str().map(str::to_string).ok_or_else(|| wrong_kind(value, "String"))
}

fn bytes(value: &Value) -> ApiResult<Vec<u8>> {
    let Value::String(text) = value else {
        return Err(match value {
            Value::Object(_) => serialization("Start of structure or map found where not expected"),
            Value::Array(_) => serialization("Unrecognized collection type class java.nio.ByteBuffer"),
            _ => serialization("only base-64-encoded strings are convertible to bytes"),
        });
    };
    if text.len() % 4 != 0 {
        return Err(serialization(format!(
            "Base64 encoded length is expected a multiple of 4 bytes but found: {}",
            text.len()
        )));
    }
    // "dectected" is DynamoDB's spelling.
    STANDARD.decode(text).map_err(|_| serialization("Invalid last non-pad Base64 character dectected"))
}

fn list(value: &Value) -> ApiResult<&Vec<Value>> {
    match value {
        Value::Array(items) => Ok(items),
        Value::Object(_) => Err(serialization("Start of structure or map found where not expected")),
        _ => Err(serialization("Unexpected field type")),
    }
}

fn number(text: &str) -> ApiResult<Number> {
    Number::parse(text).map_err(|e| invalid(e.message(text)))
}

/// `[a, b]` as DynamoDB quotes a collection in its messages.
fn quoted(items: &[String]) -> String {
    format!("[{}]", items.join(", "))
}

/// One attribute value from its JSON form.
pub fn value_from_json(value: &Value) -> ApiResult<AttributeValue> {
    let members = match value {
        Value::Object(members) => members,
        Value::Array(_) => {
            return Err(serialization(
                "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue",
            ))
        }
        _ => return Err(serialization("Unexpected value type in payload")),
    };
    // Unknown members are ignored, as DynamoDB ignores them; only the ten types count.
    let mut found = Vec::new();
    for (name, v) in members {
        let parsed = match name.as_str() {
            "S" => AttributeValue::S(string(v)?),
            "N" => AttributeValue::N(number(&string(v)?)?),
            "B" => AttributeValue::B(bytes(v)?),
            "BOOL" => AttributeValue::Bool(v.as_bool().ok_or_else(|| wrong_kind(v, "Boolean"))?),
            "NULL" => match v.as_bool() {
                Some(true) => AttributeValue::Null,
                Some(false) => return Err(invalid_param("Null attribute value types must have the value of true")),
                None => return Err(wrong_kind(v, "Boolean")),
            },
            "L" => AttributeValue::L(list(v)?.iter().map(value_from_json).collect::<ApiResult<_>>()?),
            "M" => AttributeValue::M(map_from_json(v)?),
            "SS" => {
                let set: Vec<String> = list(v)?.iter().map(string).collect::<ApiResult<_>>()?;
                if set.is_empty() {
                    // "An string set  may not be empty" (two spaces) is DynamoDB's wording.
                    return Err(invalid_param("An string set  may not be empty"));
                }
                if has_duplicate(&set) {
                    return Err(invalid_param(&format!("Input collection {} contains duplicates.", quoted(&set))));
                }
                AttributeValue::Ss(set)
            }
            "NS" => {
                let texts: Vec<String> = list(v)?.iter().map(string).collect::<ApiResult<_>>()?;
                if texts.is_empty() {
                    return Err(invalid_param("An number set  may not be empty"));
                }
                let set: Vec<Number> = texts.iter().map(|t| number(t)).collect::<ApiResult<_>>()?;
                if has_duplicate(&set) {
                    return Err(invalid("Input collection contains duplicates"));
                }
                AttributeValue::Ns(set)
            }
            "BS" => {
                let set: Vec<Vec<u8>> = list(v)?.iter().map(bytes).collect::<ApiResult<_>>()?;
                if set.is_empty() {
                    return Err(invalid_param("Binary sets should not be empty"));
                }
                if has_duplicate(&set) {
                    let shown: Vec<String> = set.iter().map(|b| STANDARD.encode(b)).collect();
                    return Err(invalid_param(&format!(
                        "Input collection {}of type BS contains duplicates.",
                        quoted(&shown)
                    )));
                }
                AttributeValue::Bs(set)
            }
            _ => continue,
        };
        found.push(parsed);
    }
    match found.len() {
        0 => Err(invalid("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")),
        1 => Ok(found.remove(0)),
        _ => Err(invalid(
            "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes",
        )),
    }
}

fn has_duplicate<T: PartialEq>(items: &[T]) -> bool {
    items.iter().enumerate().any(|(i, x)| items[..i].contains(x))
}

fn map_from_json(value: &Value) -> ApiResult<BTreeMap<String, AttributeValue>> {
    match value {
        Value::Object(members) => {
            members.iter().map(|(name, v)| Ok((name.clone(), value_from_json(v)?))).collect()
        }
        Value::Array(_) => Err(serialization(
            "Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>",
        )),
        _ => Err(serialization("Unexpected field type")),
    }
}

/// An item (or a key, or ExpressionAttributeValues) from its JSON object form.
pub fn item_from_json(value: &Value) -> ApiResult<Item> {
    map_from_json(value)
}

/// One attribute value in its JSON form.
pub fn value_to_json(value: &AttributeValue) -> Value {
    match value {
        AttributeValue::S(s) => json!({ "S": s }),
        AttributeValue::N(n) => json!({ "N": n.to_string() }),
        AttributeValue::B(b) => json!({ "B": STANDARD.encode(b) }),
        AttributeValue::Bool(b) => json!({ "BOOL": b }),
        AttributeValue::Null => json!({ "NULL": true }),
        AttributeValue::L(items) => json!({ "L": items.iter().map(value_to_json).collect::<Vec<_>>() }),
        AttributeValue::M(map) => json!({ "M": item_to_json(map) }),
        AttributeValue::Ss(set) => json!({ "SS": set }),
        AttributeValue::Ns(set) => json!({ "NS": set.iter().map(Number::to_string).collect::<Vec<_>>() }),
        AttributeValue::Bs(set) => json!({ "BS": set.iter().map(|b| STANDARD.encode(b)).collect::<Vec<_>>() }),
    }
}

/// An item in its JSON object form, attributes in name order.
pub fn item_to_json(item: &Item) -> Value {
    Value::Object(item.iter().map(|(k, v)| (k.clone(), value_to_json(v))).collect::<Map<_, _>>())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(v: Value) -> ApiError {
        value_from_json(&v).unwrap_err()
    }

    #[test]
    fn every_type_survives_the_round_trip() {
        let v = json!({"M": {
            "s": {"S": "x"}, "n": {"N": "12.50"}, "b": {"B": "aGk="}, "t": {"BOOL": true}, "z": {"NULL": true},
            "l": {"L": [{"S": "a"}, {"N": "1"}]}, "ss": {"SS": ["a", "b"]}, "ns": {"NS": ["1", "2"]}, "bs": {"BS": ["aGk="]}
        }});
        let parsed = value_from_json(&v).unwrap();
        let back = value_to_json(&parsed);
        assert_eq!(back["M"]["n"], json!({"N": "12.5"}), "numbers come back canonical");
        assert_eq!(back["M"]["b"], json!({"B": "aGk="}));
        assert_eq!(value_from_json(&back).unwrap(), parsed);
    }

    #[test]
    fn values_dynamodb_cannot_store_are_validation_errors() {
        let cases = [
            (json!({}), "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
            (json!({"X": "a"}), "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
            (
                json!({"S": "a", "N": "1"}),
                "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes",
            ),
            (json!({"N": "b"}), "The parameter cannot be converted to a numeric value: b"),
            (json!({"SS": []}), "One or more parameter values were invalid: An string set  may not be empty"),
            (json!({"SS": ["a", "a"]}), "One or more parameter values were invalid: Input collection [a, a] contains duplicates."),
            (json!({"NS": ["1", "1.0"]}), "Input collection contains duplicates"),
            (json!({"NULL": false}), "One or more parameter values were invalid: Null attribute value types must have the value of true"),
        ];
        for (value, message) in cases {
            let e = err(value.clone());
            assert_eq!((e.kind, e.message.as_str()), (ErrorType::ValidationException, message), "{value}");
        }
    }

    #[test]
    fn values_of_the_wrong_json_kind_do_not_parse() {
        for (value, message) in [
            (json!({"S": 5}), "NUMBER_VALUE cannot be converted to String"),
            (json!({"B": "abc"}), "Base64 encoded length is expected a multiple of 4 bytes but found: 3"),
            (json!("x"), "Unexpected value type in payload"),
            (json!({"L": "x"}), "Unexpected field type"),
        ] {
            let e = err(value.clone());
            assert_eq!((e.kind, e.message.as_str()), (ErrorType::SerializationException, message), "{value}");
        }
    }
}
