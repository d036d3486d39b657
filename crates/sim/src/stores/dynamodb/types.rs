//! DynamoDB's data: attribute values of the ten types and items (attribute name → value).
//! Items keep their attributes in a `BTreeMap`, so they are answered in name order (DynamoDB
//! promises no order; the lab's is stable).

use super::number::Number;
use std::collections::BTreeMap;

/// An item: attribute names and their values.
pub type Item = BTreeMap<String, AttributeValue>;

/// One attribute value, as `{"S": …}`, `{"N": …}`, … in the JSON protocol.
#[derive(Clone, Debug)]
pub enum AttributeValue {
    S(String),
    N(Number),
    B(Vec<u8>),
    Bool(bool),
    Null,
    L(Vec<AttributeValue>),
    M(BTreeMap<String, AttributeValue>),
    /// Sets keep the order they were given in; they compare as sets.
    Ss(Vec<String>),
    Ns(Vec<Number>),
    Bs(Vec<Vec<u8>>),
}

impl AttributeValue {
    /// A string value.
    pub fn s(text: impl Into<String>) -> AttributeValue {
        AttributeValue::S(text.into())
    }

    /// A number value from an integer.
    pub fn n(value: i64) -> AttributeValue {
        AttributeValue::N(Number::from(value))
    }

    /// The type's name as DynamoDB writes it (`S`, `N`, `B`, `BOOL`, `NULL`, `L`, `M`, `SS`,
    /// `NS`, `BS`), which is also the member name in the JSON form.
    pub fn type_name(&self) -> &'static str {
        match self {
            AttributeValue::S(_) => "S",
            AttributeValue::N(_) => "N",
            AttributeValue::B(_) => "B",
            AttributeValue::Bool(_) => "BOOL",
            AttributeValue::Null => "NULL",
            AttributeValue::L(_) => "L",
            AttributeValue::M(_) => "M",
            AttributeValue::Ss(_) => "SS",
            AttributeValue::Ns(_) => "NS",
            AttributeValue::Bs(_) => "BS",
        }
    }

    pub fn as_s(&self) -> Option<&str> {
        match self {
            AttributeValue::S(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_n(&self) -> Option<&Number> {
        match self {
            AttributeValue::N(n) => Some(n),
            _ => None,
        }
    }
}

/// Equality as DynamoDB's `=` sees it: numbers by value, sets whatever their order.
impl PartialEq for AttributeValue {
    fn eq(&self, other: &AttributeValue) -> bool {
        use AttributeValue as V;
        fn same_set<T: PartialEq>(a: &[T], b: &[T]) -> bool {
            a.len() == b.len() && a.iter().all(|x| b.contains(x))
        }
        match (self, other) {
            (V::S(a), V::S(b)) => a == b,
            (V::N(a), V::N(b)) => a == b,
            (V::B(a), V::B(b)) => a == b,
            (V::Bool(a), V::Bool(b)) => a == b,
            (V::Null, V::Null) => true,
            (V::L(a), V::L(b)) => a == b,
            (V::M(a), V::M(b)) => a == b,
            (V::Ss(a), V::Ss(b)) => same_set(a, b),
            (V::Ns(a), V::Ns(b)) => same_set(a, b),
            (V::Bs(a), V::Bs(b)) => same_set(a, b),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equality_is_by_value_and_sets_ignore_order() {
        let n = |t: &str| AttributeValue::N(Number::parse(t).unwrap());
        assert_eq!(n("1.50"), n("1.5"));
        assert_ne!(n("1"), AttributeValue::s("1"), "a number is never equal to a string");
        assert_eq!(AttributeValue::Ss(vec!["a".into(), "b".into()]), AttributeValue::Ss(vec!["b".into(), "a".into()]));
        assert_ne!(
            AttributeValue::L(vec![n("1"), n("2")]),
            AttributeValue::L(vec![n("2"), n("1")]),
            "lists keep order"
        );
        assert_eq!(AttributeValue::n(7).type_name(), "N");
    }
}
