//! A Query's KeyConditionExpression turned into what the table can read directly: one
//! partition key value (`=` only) and a range of sort keys (`= < <= > >=`, `BETWEEN`,
//! `begins_with`). Anything else is refused with DynamoDB's words.

use super::errors::validation;
use super::expressions::{Comparator, Condition, Function, Operand, PathPart};
use super::key::{prefix_end, KeySchema, KeyValue};
use super::types::AttributeValue;
use crate::kinesis::error::ApiResult;
use std::ops::Bound;

/// The items a Query reads: one item collection, and the sort keys within it.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyRange {
    pub partition: KeyValue,
    pub lower: Bound<KeyValue>,
    pub upper: Bound<KeyValue>,
}

impl KeyRange {
    /// Whether a sort key lies within the range (for checking an ExclusiveStartKey).
    pub fn contains_sort(&self, sort: &KeyValue) -> bool {
        let above = match &self.lower {
            Bound::Included(l) => sort >= l,
            Bound::Excluded(l) => sort > l,
            Bound::Unbounded => true,
        };
        let below = match &self.upper {
            Bound::Included(u) => sort <= u,
            Bound::Excluded(u) => sort < u,
            Bound::Unbounded => true,
        };
        above && below
    }
}

/// One condition on one key attribute.
enum KeyTest {
    Cmp(Comparator, AttributeValue),
    Between(AttributeValue, AttributeValue),
    BeginsWith(AttributeValue),
}

fn invalid_operator(what: &str) -> String {
    format!("Invalid operator used in KeyConditionExpression: {what}")
}

/// Splits `a AND b AND …` into single conditions on one attribute each.
fn collect(condition: &Condition, out: &mut Vec<(String, KeyTest)>) -> Result<(), String> {
    let path_of = |operand: &Operand| -> Result<Option<String>, String> {
        match operand {
            Operand::Path(p) if p.0.len() > 1 => {
                Err("KeyConditionExpressions cannot have conditions on nested attributes".into())
            }
            Operand::Path(p) => Ok(match p.0.first() {
                Some(PathPart::Name(n)) => Some(n.clone()),
                _ => None,
            }),
            Operand::Size(_) => Err("KeyConditionExpressions cannot contain nested operations".into()),
            Operand::Value(_) => Ok(None),
        }
    };
    let value_of = |operand: &Operand| match operand {
        Operand::Value(v) => v.clone(),
        _ => AttributeValue::Null,
    };
    let (name, test) = match condition {
        Condition::And(a, b) => {
            collect(a, out)?;
            return collect(b, out);
        }
        Condition::Or(..) => return Err(invalid_operator("OR")),
        Condition::Not(_) => return Err(invalid_operator("NOT")),
        Condition::In(..) => return Err(invalid_operator("IN")),
        Condition::Compare(Comparator::Ne, ..) => return Err(invalid_operator("<>")),
        Condition::Compare(cmp, a, b) => match (path_of(a)?, path_of(b)?) {
            (Some(_), Some(_)) => {
                return Err("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition".into())
            }
            (Some(name), None) => (name, KeyTest::Cmp(*cmp, value_of(b))),
            (None, Some(name)) => (name, KeyTest::Cmp(cmp.flipped(), value_of(a))),
            (None, None) => return Err("Invalid condition in KeyConditionExpression: No key attribute specified".into()),
        },
        Condition::Between(x, low, high) => match path_of(x)? {
            Some(name) => (name, KeyTest::Between(value_of(low), value_of(high))),
            None => {
                return Err(
                    "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand"
                        .into(),
                )
            }
        },
        Condition::Call(Function::BeginsWith, args) => match args.first().map(path_of).transpose()?.flatten() {
            Some(name) => (name, KeyTest::BeginsWith(args.get(1).map(value_of).unwrap_or(AttributeValue::Null))),
            None => {
                return Err(
                    "Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand"
                        .into(),
                )
            }
        },
        Condition::Call(f, _) => return Err(invalid_operator(f.name())),
    };
    if out.iter().any(|(n, _)| *n == name) {
        return Err("KeyConditionExpressions must only contain one condition per key".into());
    }
    out.push((name, test));
    Ok(())
}

const TYPE_MISMATCH: &str =
    "One or more parameter values were invalid: Condition parameter type does not match schema type";

/// The key range `condition` selects in a table with `schema`.
pub fn key_range(condition: &Condition, schema: &KeySchema) -> ApiResult<KeyRange> {
    let mut tests = Vec::new();
    collect(condition, &mut tests).map_err(|d| validation(format!("Invalid KeyConditionExpression: {d}")))?;
    if schema.sort.is_none() && tests.len() > 1 {
        return Err(validation("Query key condition not supported"));
    }
    let mut partition = None;
    let mut sort_test = None;
    for (name, test) in tests {
        if name == schema.partition.name {
            let KeyTest::Cmp(Comparator::Eq, value) = test else {
                return Err(validation("Query key condition not supported"));
            };
            partition = Some(KeyValue::of(&value, schema.partition.ty).ok_or_else(|| validation(TYPE_MISMATCH))?);
        } else if schema.sort.as_ref().is_some_and(|s| s.name == name) {
            sort_test = Some(test);
        } else {
            // A condition on an attribute outside the key: DynamoDB names the key attribute
            // that is then missing.
            let missing = if partition.is_none() && sort_test.is_none() {
                &schema.partition.name
            } else {
                schema.sort.as_ref().map_or(&schema.partition.name, |s| &s.name)
            };
            return Err(validation(format!("Query condition missed key schema element: {missing}")));
        }
    }
    let partition = partition
        .ok_or_else(|| validation(format!("Query condition missed key schema element: {}", schema.partition.name)))?;
    let (mut lower, mut upper) = (Bound::Unbounded, Bound::Unbounded);
    if let (Some(test), Some(sort)) = (sort_test, &schema.sort) {
        let key = |v: &AttributeValue| KeyValue::of(v, sort.ty).ok_or_else(|| validation(TYPE_MISMATCH));
        match test {
            KeyTest::Cmp(cmp, v) => {
                let v = key(&v)?;
                match cmp {
                    Comparator::Eq => (lower, upper) = (Bound::Included(v.clone()), Bound::Included(v)),
                    Comparator::Lt => upper = Bound::Excluded(v),
                    Comparator::Le => upper = Bound::Included(v),
                    Comparator::Gt => lower = Bound::Excluded(v),
                    Comparator::Ge => lower = Bound::Included(v),
                    // `collect` refuses `<>` before it gets here; refuse it here too.
                    Comparator::Ne => {
                        return Err(validation(format!("Invalid KeyConditionExpression: {}", invalid_operator("<>"))))
                    }
                }
            }
            KeyTest::Between(low, high) => (lower, upper) = (Bound::Included(key(&low)?), Bound::Included(key(&high)?)),
            KeyTest::BeginsWith(prefix) => {
                let prefix = key(&prefix)?;
                upper = prefix_end(&prefix);
                lower = Bound::Included(prefix);
            }
        }
    }
    Ok(KeyRange { partition, lower, upper })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stores::dynamodb::expressions::{parse_condition, ExpressionKind, Substitutions};
    use crate::stores::dynamodb::key::{KeyAttribute, ScalarType};
    use crate::stores::dynamodb::number::Number;
    use crate::stores::dynamodb::wire::item_from_json;
    use serde_json::json;

    fn schema() -> KeySchema {
        KeySchema {
            partition: KeyAttribute::new("pk", ScalarType::S),
            sort: Some(KeyAttribute::new("sk", ScalarType::N)),
        }
    }

    fn range(expression: &str, values: serde_json::Value) -> ApiResult<KeyRange> {
        let mut subs = Substitutions::new(None, Some(item_from_json(&values).unwrap())).unwrap();
        let condition = parse_condition(expression, ExpressionKind::KeyCondition, &mut subs)?;
        key_range(&condition, &schema())
    }

    fn n(x: i64) -> KeyValue {
        KeyValue::N(Number::from(x))
    }

    #[test]
    fn partition_equality_and_sort_comparisons_become_bounds() {
        let v = json!({":p": {"S": "a"}, ":lo": {"N": "1"}, ":hi": {"N": "5"}});
        let r = range("pk = :p AND sk BETWEEN :lo AND :hi", v.clone()).unwrap();
        assert_eq!(
            (r.partition, r.lower, r.upper),
            (KeyValue::S("a".into()), Bound::Included(n(1)), Bound::Included(n(5)))
        );
        let r = range(":lo < sk and pk = :p", json!({":p": {"S": "a"}, ":lo": {"N": "1"}})).unwrap();
        assert_eq!(
            (&r.lower, &r.upper),
            (&Bound::Excluded(n(1)), &Bound::Unbounded),
            "a value on the left flips the operator"
        );
        assert!(r.contains_sort(&n(2)) && !r.contains_sort(&n(1)));
    }

    #[test]
    fn key_conditions_dynamodb_cannot_serve_are_refused() {
        let v = |extra: serde_json::Value| {
            let mut m = json!({":p": {"S": "a"}});
            m.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            m
        };
        let cases = [
            (
                "pk = :p OR sk = :s",
                v(json!({":s": {"N": "1"}})),
                "Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: OR",
            ),
            ("pk = :p AND sk = :s", v(json!({":s": {"S": "1"}})), TYPE_MISMATCH),
            ("pk > :p", v(json!({})), "Query key condition not supported"),
            ("sk = :s", json!({":s": {"N": "1"}}), "Query condition missed key schema element: pk"),
            ("pk = :p AND extra = :s", v(json!({":s": {"N": "1"}})), "Query condition missed key schema element: sk"),
            (
                "pk = :p AND pk = :p",
                v(json!({})),
                "Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key",
            ),
            ("pk = :p AND begins_with(sk, :s)", v(json!({":s": {"S": "1"}})), TYPE_MISMATCH),
        ];
        for (expression, values, message) in cases {
            assert_eq!(range(expression, values).unwrap_err().message, message, "{expression}");
        }
    }
}
