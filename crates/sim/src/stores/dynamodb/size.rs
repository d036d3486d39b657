//! An item's size as DynamoDB counts it against the 400 KB limit and the 1 MB page: attribute
//! names plus values, by the rules of the developer guide's "DynamoDB item sizes and formats":
//! strings and binaries by their bytes (UTF-8 / raw, not base64), numbers 1 byte per two
//! significant digits plus 1, BOOL and NULL 1 byte, lists and maps 3 bytes plus 1 byte per
//! element plus their elements (a map's names included). Sets count their elements.

use super::types::{AttributeValue, Item};

/// The size of one value, without the name it is stored under.
pub fn value_size(value: &AttributeValue) -> usize {
    match value {
        AttributeValue::S(s) => s.len(),
        AttributeValue::N(n) => n.significant_digits().div_ceil(2) + 1,
        AttributeValue::B(b) => b.len(),
        AttributeValue::Bool(_) | AttributeValue::Null => 1,
        AttributeValue::L(items) => 3 + items.iter().map(|v| 1 + value_size(v)).sum::<usize>(),
        AttributeValue::M(map) => 3 + map.iter().map(|(k, v)| 1 + k.len() + value_size(v)).sum::<usize>(),
        AttributeValue::Ss(set) => set.iter().map(String::len).sum(),
        AttributeValue::Ns(set) => set.iter().map(|n| n.significant_digits().div_ceil(2) + 1).sum(),
        AttributeValue::Bs(set) => set.iter().map(Vec::len).sum(),
    }
}

/// The size of an item: each attribute's name and value.
pub fn item_size(item: &Item) -> usize {
    item.iter().map(|(name, value)| name.len() + value_size(value)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stores::dynamodb::number::Number;

    fn item(pairs: &[(&str, AttributeValue)]) -> Item {
        pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }

    #[test]
    fn names_count_as_much_as_values() {
        // "pk" (2) + "abc" (3); "données" is 8 bytes of UTF-8, "é" 2.
        assert_eq!(item_size(&item(&[("pk", AttributeValue::s("abc"))])), 5);
        assert_eq!(item_size(&item(&[("données", AttributeValue::s("é"))])), 10);
    }

    #[test]
    fn numbers_cost_one_byte_per_two_digits_plus_one() {
        let n = |t: &str| AttributeValue::N(Number::parse(t).unwrap());
        assert_eq!(value_size(&n("7")), 2);
        assert_eq!(value_size(&n("12345")), 4);
        assert_eq!(value_size(&n("1200")), 2, "trailing zeros are trimmed before counting");
    }

    #[test]
    fn lists_and_maps_have_overhead_per_container_and_element() {
        assert_eq!(value_size(&AttributeValue::L(vec![])), 3);
        // 3 + (1 + 1) + (1 + 1) for two booleans.
        assert_eq!(value_size(&AttributeValue::L(vec![AttributeValue::Bool(true), AttributeValue::Null])), 7);
        // 3 + 1 + "k" (1) + "vv" (2).
        let map = AttributeValue::M(item(&[("k", AttributeValue::s("vv"))]));
        assert_eq!(value_size(&map), 7);
        assert_eq!(value_size(&AttributeValue::B(vec![0; 10])), 10, "raw bytes, not base64");
    }
}
