//! Primary keys: a table's key schema (a partition key, and perhaps a sort key, each of type S,
//! N or B), the key of an item, and the order DynamoDB keeps items in — strings and binaries
//! bytewise (UTF-8 bytes for strings), numbers by value.

use super::limits::{MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES};
use super::number::Number;
use super::types::{AttributeValue, Item};
use crate::kinesis::error::{ApiError, ApiResult, ErrorType};
use std::ops::Bound;

/// The types a key attribute may have (AttributeDefinitions' `AttributeType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ScalarType {
    S,
    N,
    B,
}

impl ScalarType {
    pub fn parse(text: &str) -> Option<ScalarType> {
        match text {
            "S" => Some(ScalarType::S),
            "N" => Some(ScalarType::N),
            "B" => Some(ScalarType::B),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ScalarType::S => "S",
            ScalarType::N => "N",
            ScalarType::B => "B",
        }
    }
}

/// One key attribute's value. Within a table every value of a key attribute has the same
/// type, so the derived order (variant first) only ever compares like with like: `String`
/// and `Vec<u8>` compare bytewise, as DynamoDB does.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum KeyValue {
    S(String),
    N(Number),
    B(Vec<u8>),
}

impl KeyValue {
    /// The key value of `value` if it is a scalar of type `ty`.
    pub fn of(value: &AttributeValue, ty: ScalarType) -> Option<KeyValue> {
        match (value, ty) {
            (AttributeValue::S(s), ScalarType::S) => Some(KeyValue::S(s.clone())),
            (AttributeValue::N(n), ScalarType::N) => Some(KeyValue::N(n.clone())),
            (AttributeValue::B(b), ScalarType::B) => Some(KeyValue::B(b.clone())),
            _ => None,
        }
    }

    pub fn to_value(&self) -> AttributeValue {
        match self {
            KeyValue::S(s) => AttributeValue::S(s.clone()),
            KeyValue::N(n) => AttributeValue::N(n.clone()),
            KeyValue::B(b) => AttributeValue::B(b.clone()),
        }
    }

    /// The bytes a key value takes against the key size limits. Numbers are not checked
    /// against them: 38 digits always fit.
    fn len(&self) -> usize {
        match self {
            KeyValue::S(s) => s.len(),
            KeyValue::N(_) => 0,
            KeyValue::B(b) => b.len(),
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            KeyValue::S(s) => s.is_empty(),
            KeyValue::N(_) => false,
            KeyValue::B(b) => b.is_empty(),
        }
    }
}

/// An item's primary key; items are stored and scanned in this order (partition key, then
/// sort key).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PrimaryKey {
    pub partition: KeyValue,
    pub sort: Option<KeyValue>,
}

/// A key attribute: its name and type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyAttribute {
    pub name: String,
    pub ty: ScalarType,
}

impl KeyAttribute {
    pub fn new(name: impl Into<String>, ty: ScalarType) -> KeyAttribute {
        KeyAttribute { name: name.into(), ty }
    }
}

/// A table's primary key: the partition (HASH) key and the optional sort (RANGE) key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeySchema {
    pub partition: KeyAttribute,
    pub sort: Option<KeyAttribute>,
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorType::ValidationException, message)
}

/// The message for a key given to GetItem, DeleteItem, BatchGetItem… that has other
/// attributes than the schema's, or one of the wrong type.
pub const KEY_MISMATCH: &str = "The provided key element does not match the schema";

impl KeySchema {
    /// The key attributes, partition key first.
    pub fn attributes(&self) -> impl Iterator<Item = &KeyAttribute> {
        std::iter::once(&self.partition).chain(self.sort.as_ref())
    }

    pub fn is_key_attribute(&self, name: &str) -> bool {
        self.attributes().any(|a| a.name == name)
    }

    /// The key of an item being written (PutItem, BatchWriteItem's PutRequest): every key
    /// attribute must be there, of its type, not empty and within its size limit.
    pub fn key_of_item(&self, item: &Item) -> ApiResult<PrimaryKey> {
        let mut parts = Vec::with_capacity(2);
        for attr in self.attributes() {
            let Some(value) = item.get(&attr.name) else {
                return Err(invalid(format!(
                    "One or more parameter values were invalid: Missing the key {} in the item",
                    attr.name
                )));
            };
            let Some(key) = KeyValue::of(value, attr.ty) else {
                return Err(invalid(format!(
                    "One or more parameter values were invalid: Type mismatch for key {} expected: {} actual: {}",
                    attr.name,
                    attr.ty.name(),
                    value.type_name()
                )));
            };
            if key.is_empty() {
                // PutItem says "are not valid" where the key-only operations say "were invalid".
                return Err(invalid(format!(
                    "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty {} value. Key: {}",
                    empty_kind(attr.ty),
                    attr.name
                )));
            }
            parts.push(key);
        }
        self.checked(parts)
    }

    /// A key given on its own (GetItem, DeleteItem, ExclusiveStartKey, BatchGetItem's Keys,
    /// DeleteRequest): exactly the key attributes, of their types.
    pub fn key_of_key(&self, key: &Item) -> ApiResult<PrimaryKey> {
        if key.len() != self.attributes().count() {
            return Err(invalid(KEY_MISMATCH));
        }
        let mut parts = Vec::with_capacity(2);
        for attr in self.attributes() {
            let value =
                key.get(&attr.name).and_then(|v| KeyValue::of(v, attr.ty)).ok_or_else(|| invalid(KEY_MISMATCH))?;
            if value.is_empty() {
                return Err(invalid(format!(
                    "One or more parameter values were invalid: The AttributeValue for a key attribute cannot contain an empty {} value. Key: {}",
                    empty_kind(attr.ty),
                    attr.name
                )));
            }
            parts.push(value);
        }
        self.checked(parts)
    }

    fn checked(&self, mut parts: Vec<KeyValue>) -> ApiResult<PrimaryKey> {
        let sort = if parts.len() == 2 { parts.pop() } else { None };
        let partition = parts.pop().expect("a key schema has a partition key");
        if partition.len() > MAX_PARTITION_KEY_BYTES {
            // "limit of2048" (no space) is DynamoDB's wording.
            return Err(invalid(format!(
                "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of{MAX_PARTITION_KEY_BYTES} bytes"
            )));
        }
        if sort.as_ref().is_some_and(|s| s.len() > MAX_SORT_KEY_BYTES) {
            return Err(invalid(format!(
                "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of {MAX_SORT_KEY_BYTES} bytes"
            )));
        }
        Ok(PrimaryKey { partition, sort })
    }

    /// The key as an item of its attributes (what LastEvaluatedKey holds).
    pub fn key_item(&self, key: &PrimaryKey) -> Item {
        let mut item = Item::new();
        item.insert(self.partition.name.clone(), key.partition.to_value());
        if let (Some(attr), Some(sort)) = (&self.sort, &key.sort) {
            item.insert(attr.name.clone(), sort.to_value());
        }
        item
    }
}

/// The first value above every value that starts with `prefix` (the exclusive upper bound of
/// a `begins_with` range), or unbounded if there is none.
pub fn prefix_end(prefix: &KeyValue) -> Bound<KeyValue> {
    match prefix {
        KeyValue::S(s) => {
            let mut chars: Vec<char> = s.chars().collect();
            while let Some(last) = chars.pop() {
                // The next code point (skipping the surrogate gap), which is also the next in
                // UTF-8 byte order.
                let next = (last as u32 + 1..=char::MAX as u32).find_map(char::from_u32);
                if let Some(next) = next {
                    chars.push(next);
                    return Bound::Excluded(KeyValue::S(chars.into_iter().collect()));
                }
            }
            Bound::Unbounded
        }
        KeyValue::B(b) => {
            let mut bytes = b.clone();
            while let Some(last) = bytes.pop() {
                if last < u8::MAX {
                    bytes.push(last + 1);
                    return Bound::Excluded(KeyValue::B(bytes));
                }
            }
            Bound::Unbounded
        }
        // begins_with takes strings and binaries only.
        KeyValue::N(_) => Bound::Unbounded,
    }
}

fn empty_kind(ty: ScalarType) -> &'static str {
    if ty == ScalarType::B {
        "binary"
    } else {
        "string"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> KeySchema {
        KeySchema {
            partition: KeyAttribute::new("pk", ScalarType::S),
            sort: Some(KeyAttribute::new("sk", ScalarType::N)),
        }
    }

    fn item(pairs: &[(&str, AttributeValue)]) -> Item {
        pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }

    fn message(result: ApiResult<PrimaryKey>) -> String {
        result.unwrap_err().message
    }

    #[test]
    fn keys_order_strings_bytewise_and_numbers_by_value() {
        let s = |t: &str| KeyValue::S(t.into());
        let n = |t: i64| KeyValue::N(Number::from(t));
        assert!(s("B") < s("a"), "upper case sorts before lower case, by byte");
        assert!(s("a") < s("ab"));
        assert!(s("z") < s("é"), "UTF-8 bytes of é are above ASCII");
        assert!(n(9) < n(10), "numerically, not as text");
        assert!(n(-10) < n(-9));
        assert!(KeyValue::B(vec![0x01]) < KeyValue::B(vec![0xff]), "bytes compare unsigned");
        let key = |p: &str, so: i64| PrimaryKey { partition: s(p), sort: Some(n(so)) };
        assert!(key("a", 100) < key("b", 1), "the partition key decides first");
    }

    #[test]
    fn an_item_needs_every_key_attribute_of_its_type() {
        let ok = schema().key_of_item(&item(&[("pk", AttributeValue::s("a")), ("sk", AttributeValue::n(1))]));
        assert_eq!(ok.unwrap().sort, Some(KeyValue::N(Number::from(1))));
        assert_eq!(
            message(schema().key_of_item(&item(&[("pk", AttributeValue::s("a"))]))),
            "One or more parameter values were invalid: Missing the key sk in the item"
        );
        assert_eq!(
            message(schema().key_of_item(&item(&[("pk", AttributeValue::n(1)), ("sk", AttributeValue::n(1))]))),
            "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N"
        );
        assert_eq!(
            message(schema().key_of_item(&item(&[("pk", AttributeValue::s("")), ("sk", AttributeValue::n(1))]))),
            "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"
        );
    }

    #[test]
    fn a_key_must_be_exactly_the_key_attributes() {
        let full = item(&[("pk", AttributeValue::s("a")), ("sk", AttributeValue::n(1))]);
        assert!(schema().key_of_key(&full).is_ok());
        let mut extra = full.clone();
        extra.insert("x".into(), AttributeValue::Null);
        assert_eq!(message(schema().key_of_key(&extra)), KEY_MISMATCH);
        assert_eq!(message(schema().key_of_key(&item(&[("pk", AttributeValue::s("a"))]))), KEY_MISMATCH);
        let wrong_type = item(&[("pk", AttributeValue::s("a")), ("sk", AttributeValue::s("1"))]);
        assert_eq!(message(schema().key_of_key(&wrong_type)), KEY_MISMATCH);
    }

    #[test]
    fn key_values_have_size_limits() {
        let at = |pk: usize, sk: usize| {
            let only_pk = KeySchema { partition: KeyAttribute::new("pk", ScalarType::S), sort: None };
            let with_sk = KeySchema { sort: Some(KeyAttribute::new("sk", ScalarType::S)), ..only_pk.clone() };
            with_sk.key_of_item(&item(&[
                ("pk", AttributeValue::s("p".repeat(pk))),
                ("sk", AttributeValue::s("s".repeat(sk))),
            ]))
        };
        assert!(at(MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES).is_ok());
        assert!(message(at(MAX_PARTITION_KEY_BYTES + 1, 1))
            .contains("Size of hashkey has exceeded the maximum size limit of2048 bytes"));
        assert!(message(at(1, MAX_SORT_KEY_BYTES + 1))
            .contains("Aggregated size of all range keys has exceeded the size limit of 1024 bytes"));
    }

    #[test]
    fn prefix_ends_bound_exactly_the_values_with_the_prefix() {
        let s = |t: &str| KeyValue::S(t.into());
        assert_eq!(prefix_end(&s("ab")), Bound::Excluded(s("ac")));
        assert_eq!(prefix_end(&KeyValue::B(vec![1, 0xff])), Bound::Excluded(KeyValue::B(vec![2])));
        assert_eq!(prefix_end(&KeyValue::B(vec![0xff])), Bound::Unbounded);
    }
}
