//! ProjectionExpression applied to an item: only the named paths come back, nested maps keep
//! only the keys asked for, and list elements picked by index come back as a shorter list in
//! index order (as DynamoDB answers `a[3], a[1]` with the two elements, first then third).

use super::expressions::{Path, PathPart};
use super::types::{AttributeValue, Item};
use std::collections::BTreeMap;

/// What is kept of one value while the paths are gathered.
enum Kept {
    Whole(AttributeValue),
    Map(BTreeMap<String, Kept>),
    List(BTreeMap<usize, Kept>),
}

impl Kept {
    fn into_value(self) -> AttributeValue {
        match self {
            Kept::Whole(v) => v,
            Kept::Map(m) => AttributeValue::M(m.into_iter().map(|(k, v)| (k, v.into_value())).collect()),
            Kept::List(l) => AttributeValue::L(l.into_values().map(Kept::into_value).collect()),
        }
    }
}

/// Keeps what `rest` points to inside `value` in `kept`; false if the path leads nowhere.
fn keep(value: &AttributeValue, rest: &[PathPart], kept: &mut Option<Kept>) -> bool {
    let Some((first, rest)) = rest.split_first() else {
        *kept = Some(Kept::Whole(value.clone()));
        return true;
    };
    match (value, first) {
        (AttributeValue::M(map), PathPart::Name(name)) => {
            let Some(inner) = map.get(name) else { return false };
            let Kept::Map(children) = kept.get_or_insert_with(|| Kept::Map(BTreeMap::new())) else {
                return false;
            };
            let mut child = children.remove(name);
            let found = keep(inner, rest, &mut child);
            if let Some(child) = child {
                children.insert(name.clone(), child);
            }
            found
        }
        (AttributeValue::L(list), PathPart::Index(i)) => {
            let Some(inner) = list.get(*i) else { return false };
            let Kept::List(children) = kept.get_or_insert_with(|| Kept::List(BTreeMap::new())) else {
                return false;
            };
            let mut child = children.remove(i);
            let found = keep(inner, rest, &mut child);
            if let Some(child) = child {
                children.insert(*i, child);
            }
            found
        }
        _ => false,
    }
}

/// The part of `item` that `paths` name.
pub fn project(item: &Item, paths: &[Path]) -> Item {
    let mut kept: BTreeMap<String, Option<Kept>> = BTreeMap::new();
    for path in paths {
        let head = path.head();
        let Some(value) = item.get(head) else { continue };
        let slot = kept.entry(head.to_string()).or_insert(None);
        keep(value, &path.0[1..], slot);
    }
    // A nested path that led nowhere leaves an empty map or list behind; DynamoDB leaves
    // the attribute out instead.
    kept.into_iter()
        .filter_map(|(name, k)| match k {
            Some(Kept::Map(m)) if m.is_empty() => None,
            Some(Kept::List(l)) if l.is_empty() => None,
            Some(k) => Some((name, k.into_value())),
            None => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stores::dynamodb::expressions::{parse_projection, Substitutions};
    use crate::stores::dynamodb::wire::{item_from_json, item_to_json};
    use serde_json::json;

    fn projected(expression: &str, item: serde_json::Value) -> serde_json::Value {
        let mut subs = Substitutions::new(None, None).unwrap();
        let paths = parse_projection(expression, &mut subs).unwrap();
        item_to_json(&project(&item_from_json(&item).unwrap(), &paths))
    }

    #[test]
    fn only_the_named_paths_come_back() {
        let item = json!({
            "pk": {"S": "a"}, "big": {"S": "x"},
            "m": {"M": {"keep": {"N": "1"}, "drop": {"N": "2"}}},
            "l": {"L": [{"S": "zero"}, {"S": "one"}, {"S": "two"}]}
        });
        assert_eq!(
            projected("pk, m.keep, l[2], l[0], absent, m.nothing.deeper", item),
            json!({
                "l": {"L": [{"S": "zero"}, {"S": "two"}]},
                "m": {"M": {"keep": {"N": "1"}}},
                "pk": {"S": "a"}
            })
        );
    }
}
