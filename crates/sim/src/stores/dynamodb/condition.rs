//! Conditions evaluated against an item, as DynamoDB evaluates ConditionExpression and
//! FilterExpression: a path that leads nowhere makes a comparison false (and `<>` true);
//! values of different types are never equal and never ordered.

use super::expressions::{Comparator, Condition, Function, Operand, Path, PathPart};
use super::number::Number;
use super::types::{AttributeValue, Item};
use std::borrow::Cow;
use std::cmp::Ordering;

/// The value at `path` in `item`, if there is one.
pub fn lookup<'a>(item: &'a Item, path: &Path) -> Option<&'a AttributeValue> {
    let mut parts = path.0.iter();
    let mut here = match parts.next()? {
        PathPart::Name(name) => item.get(name)?,
        PathPart::Index(_) => return None,
    };
    for part in parts {
        here = match (here, part) {
            (AttributeValue::M(map), PathPart::Name(name)) => map.get(name)?,
            (AttributeValue::L(list), PathPart::Index(i)) => list.get(*i)?,
            _ => return None,
        };
    }
    Some(here)
}

/// The order of two scalars of the same type (S and B bytewise, N by value); None for
/// values that cannot be ordered against each other.
pub fn compare_scalars(a: &AttributeValue, b: &AttributeValue) -> Option<Ordering> {
    match (a, b) {
        (AttributeValue::S(x), AttributeValue::S(y)) => Some(x.as_bytes().cmp(y.as_bytes())),
        (AttributeValue::N(x), AttributeValue::N(y)) => Some(x.cmp(y)),
        (AttributeValue::B(x), AttributeValue::B(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

fn resolve<'a>(operand: &'a Operand, item: &'a Item) -> Option<Cow<'a, AttributeValue>> {
    match operand {
        Operand::Path(path) => lookup(item, path).map(Cow::Borrowed),
        Operand::Value(v) => Some(Cow::Borrowed(v)),
        Operand::Size(inner) => {
            let size = match resolve(inner, item)?.as_ref() {
                AttributeValue::S(s) => s.chars().count(),
                AttributeValue::B(b) => b.len(),
                AttributeValue::L(l) => l.len(),
                AttributeValue::M(m) => m.len(),
                AttributeValue::Ss(s) => s.len(),
                AttributeValue::Ns(s) => s.len(),
                AttributeValue::Bs(s) => s.len(),
                AttributeValue::N(_) | AttributeValue::Bool(_) | AttributeValue::Null => return None,
            };
            Some(Cow::Owned(AttributeValue::N(Number::from(size as u64))))
        }
    }
}

fn compare(cmp: Comparator, a: Option<&AttributeValue>, b: Option<&AttributeValue>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return cmp == Comparator::Ne;
    };
    match cmp {
        Comparator::Eq => a == b,
        Comparator::Ne => a != b,
        _ => match compare_scalars(a, b) {
            Some(order) => match cmp {
                Comparator::Lt => order == Ordering::Less,
                Comparator::Le => order != Ordering::Greater,
                Comparator::Gt => order == Ordering::Greater,
                _ => order != Ordering::Less,
            },
            None => false,
        },
    }
}

fn contains(haystack: &AttributeValue, needle: &AttributeValue) -> bool {
    match (haystack, needle) {
        (AttributeValue::S(s), AttributeValue::S(n)) => s.contains(n.as_str()),
        (AttributeValue::B(b), AttributeValue::B(n)) => n.is_empty() || b.windows(n.len()).any(|w| w == n.as_slice()),
        (AttributeValue::Ss(set), AttributeValue::S(n)) => set.contains(n),
        (AttributeValue::Ns(set), AttributeValue::N(n)) => set.contains(n),
        (AttributeValue::Bs(set), AttributeValue::B(n)) => set.contains(n),
        (AttributeValue::L(list), n) => list.contains(n),
        _ => false,
    }
}

/// Whether `item` satisfies `condition`. A missing item (PutItem's condition when nothing is
/// stored under the key) is evaluated as an empty one.
pub fn matches(condition: &Condition, item: &Item) -> bool {
    match condition {
        Condition::And(a, b) => matches(a, item) && matches(b, item),
        Condition::Or(a, b) => matches(a, item) || matches(b, item),
        Condition::Not(c) => !matches(c, item),
        Condition::Compare(cmp, a, b) => compare(*cmp, resolve(a, item).as_deref(), resolve(b, item).as_deref()),
        Condition::Between(x, low, high) => {
            let (Some(x), Some(low), Some(high)) = (resolve(x, item), resolve(low, item), resolve(high, item)) else {
                return false;
            };
            compare_scalars(&x, &low).is_some_and(|o| o != Ordering::Less)
                && compare_scalars(&x, &high).is_some_and(|o| o != Ordering::Greater)
        }
        Condition::In(x, list) => {
            let Some(x) = resolve(x, item) else { return false };
            list.iter().any(|candidate| resolve(candidate, item).is_some_and(|c| *c == *x))
        }
        Condition::Call(function, args) => {
            let arg = |i: usize| args.get(i).and_then(|a| resolve(a, item));
            match function {
                Function::AttributeExists => arg(0).is_some(),
                Function::AttributeNotExists => arg(0).is_none(),
                Function::AttributeType => match (arg(0), arg(1)) {
                    (Some(v), Some(t)) => t.as_s() == Some(v.type_name()),
                    _ => false,
                },
                Function::BeginsWith => match (arg(0).as_deref(), arg(1).as_deref()) {
                    (Some(AttributeValue::S(s)), Some(AttributeValue::S(p))) => s.starts_with(p.as_str()),
                    (Some(AttributeValue::B(b)), Some(AttributeValue::B(p))) => b.starts_with(p),
                    _ => false,
                },
                Function::Contains => match (arg(0), arg(1)) {
                    (Some(h), Some(n)) => contains(&h, &n),
                    _ => false,
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stores::dynamodb::expressions::{parse_condition, ExpressionKind, Substitutions};
    use crate::stores::dynamodb::wire::item_from_json;
    use serde_json::json;

    fn check(expression: &str, values: serde_json::Value, item: serde_json::Value) -> bool {
        let values = item_from_json(&values).unwrap();
        let mut subs = Substitutions::new(None, (!values.is_empty()).then_some(values)).unwrap();
        let condition = parse_condition(expression, ExpressionKind::Condition, &mut subs).unwrap();
        matches(&condition, &item_from_json(&item).unwrap())
    }

    #[test]
    fn comparisons_use_the_types_order() {
        let item = json!({"n": {"N": "10"}, "s": {"S": "b"}});
        assert!(check("n > :v", json!({":v": {"N": "9"}}), item.clone()), "10 > 9 as numbers");
        assert!(!check("s > :v", json!({":v": {"S": "ba"}}), item.clone()));
        assert!(!check("n > :v", json!({":v": {"S": "1"}}), item.clone()), "a number is not ordered against a string");
        assert!(check("n between :a and :b", json!({":a": {"N": "10"}, ":b": {"N": "11"}}), item.clone()));
        assert!(check("s in (:a, :b)", json!({":a": {"S": "a"}, ":b": {"S": "b"}}), item));
    }

    #[test]
    fn missing_attributes_fail_comparisons_but_not_inequality() {
        let empty = json!({});
        assert!(check("attribute_not_exists(pk)", json!({}), empty.clone()));
        assert!(!check("attribute_exists(pk)", json!({}), empty.clone()));
        assert!(!check("a = :v", json!({":v": {"S": "x"}}), empty.clone()));
        assert!(check("a <> :v", json!({":v": {"S": "x"}}), empty.clone()));
        assert!(!check("NOT a <> :v", json!({":v": {"S": "x"}}), empty));
    }

    #[test]
    fn functions_look_into_strings_sets_lists_and_nested_paths() {
        let item = json!({
            "tags": {"SS": ["red", "blue"]}, "name_": {"S": "shardlab"},
            "doc": {"M": {"entries": {"L": [{"N": "1"}, {"S": "two"}]}}}
        });
        assert!(check("contains(tags, :v)", json!({":v": {"S": "red"}}), item.clone()));
        assert!(check("contains(name_, :v)", json!({":v": {"S": "dla"}}), item.clone()));
        assert!(check("begins_with(name_, :v)", json!({":v": {"S": "shard"}}), item.clone()));
        assert!(check("doc.entries[1] = :v", json!({":v": {"S": "two"}}), item.clone()));
        assert!(!check("doc.entries[2] = :v", json!({":v": {"S": "two"}}), item.clone()));
        assert!(check("size(tags) = :v", json!({":v": {"N": "2"}}), item.clone()));
        assert!(check("attribute_type(doc, :t)", json!({":t": {"S": "M"}}), item));
    }
}
