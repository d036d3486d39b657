//! One table: its key schema, billing mode, status and items. Items live in item collections
//! (one per partition key value, as in DynamoDB), each ordered by sort key; the collections
//! are ordered by partition key value. Scan walks them in that order: DynamoDB scans in the
//! order of its internal hash of the partition key, which it does not publish, so the lab uses
//! key order — stable, and readable in a lesson.

use super::key::{KeyAttribute, KeySchema, KeyValue, PrimaryKey};
use super::limits::MAX_ITEM_BYTES;
use super::size::item_size;
use super::types::Item;
use crate::ctx::Ctx;
use crate::kinesis::error::ApiResult;
use crate::kinesis::limits::{ACCOUNT_ID, REGION};
use crate::time::SimTime;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::ops::Bound;

/// How the table is billed. PROVISIONED tables keep their capacity units for DescribeTable but
/// are not throttled by them: the lab models on-demand tables, and a provisioned one behaves
/// like one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BillingMode {
    PayPerRequest,
    Provisioned { read_capacity_units: u64, write_capacity_units: u64 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableStatus {
    Creating,
    Active,
    Deleting,
}

impl TableStatus {
    pub fn name(self) -> &'static str {
        match self {
            TableStatus::Creating => "CREATING",
            TableStatus::Active => "ACTIVE",
            TableStatus::Deleting => "DELETING",
        }
    }
}

/// What a new table is made of: CreateTable's input, or what another service in the model
/// asks for (`TableSpec::new("counts", KeyAttribute::new("word", ScalarType::S))`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableSpec {
    pub name: String,
    pub key_schema: KeySchema,
    /// AttributeDefinitions in the order given (only key attributes are defined).
    pub attribute_definitions: Vec<KeyAttribute>,
    pub billing: BillingMode,
}

impl TableSpec {
    /// An on-demand table with a partition key only.
    pub fn new(name: impl Into<String>, partition: KeyAttribute) -> TableSpec {
        TableSpec {
            name: name.into(),
            attribute_definitions: vec![partition.clone()],
            key_schema: KeySchema { partition, sort: None },
            billing: BillingMode::PayPerRequest,
        }
    }

    /// The same table with a sort key.
    pub fn with_sort_key(mut self, sort: KeyAttribute) -> TableSpec {
        self.attribute_definitions.push(sort.clone());
        self.key_schema.sort = Some(sort);
        self
    }
}

/// The items of one partition key value, by sort key (`None` when the table has none).
type Collection = BTreeMap<Option<KeyValue>, Item>;

#[derive(Clone, Debug)]
pub struct Table {
    spec: TableSpec,
    pub(super) status: TableStatus,
    created: SimTime,
    /// When CREATING ends (the table becomes ACTIVE) or DELETING ends (it is gone).
    pub(super) status_until: Option<SimTime>,
    collections: BTreeMap<KeyValue, Collection>,
    item_count: usize,
    size_bytes: usize,
}

impl Table {
    pub(super) fn new(spec: TableSpec, created: SimTime, status: TableStatus, status_until: Option<SimTime>) -> Table {
        Table { spec, status, created, status_until, collections: BTreeMap::new(), item_count: 0, size_bytes: 0 }
    }

    pub fn name(&self) -> &str {
        &self.spec.name
    }

    pub fn spec(&self) -> &TableSpec {
        &self.spec
    }

    pub fn key_schema(&self) -> &KeySchema {
        &self.spec.key_schema
    }

    pub fn status(&self) -> TableStatus {
        self.status
    }

    pub fn created(&self) -> SimTime {
        self.created
    }

    pub fn arn(&self) -> String {
        format!("arn:aws:dynamodb:{REGION}:{ACCOUNT_ID}:table/{}", self.spec.name)
    }

    /// A stable identifier in UUID form, derived from the name and creation time (a real
    /// table's is random; the lab's must be the same on every run).
    pub fn table_id(&self) -> String {
        use md5::Digest;
        let digest = md5::Md5::digest(format!("{}@{}", self.spec.name, self.created.as_micros()));
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
    }

    /// Items in key order: by partition key value, then by sort key.
    pub fn items(&self) -> impl DoubleEndedIterator<Item = &Item> {
        self.collections.values().flat_map(|c| c.values())
    }

    pub fn item_count(&self) -> usize {
        self.item_count
    }

    /// The items' total size, as DynamoDB counts item sizes.
    pub fn size_bytes(&self) -> usize {
        self.size_bytes
    }

    pub fn get(&self, key: &PrimaryKey) -> Option<&Item> {
        self.collections.get(&key.partition)?.get(&key.sort)
    }

    /// The item with this key, given as attributes (`{"pk": S("a")}`); the key is checked
    /// against the schema as GetItem checks it.
    pub fn get_item(&self, key: &Item) -> ApiResult<Option<&Item>> {
        Ok(self.get(&self.spec.key_schema.key_of_key(key)?))
    }

    /// Writes an item for another service of the model (no JSON on the way), with PutItem's
    /// checks: the key attributes and the 400 KB limit. Returns the item it replaced. Unlike
    /// `DynamoDb::put_item` it does not look at the table's status.
    pub fn put_item_native(&mut self, item: Item) -> ApiResult<Option<Item>> {
        if item_size(&item) > MAX_ITEM_BYTES {
            return Err(super::errors::item_too_large());
        }
        let key = self.spec.key_schema.key_of_item(&item)?;
        Ok(self.insert(key, item))
    }

    /// Stores an item whose key and size were checked.
    pub(super) fn insert(&mut self, key: PrimaryKey, item: Item) -> Option<Item> {
        self.size_bytes += item_size(&item);
        let old = self.collections.entry(key.partition).or_default().insert(key.sort, item);
        match &old {
            Some(old) => self.size_bytes -= item_size(old),
            None => self.item_count += 1,
        }
        old
    }

    pub(super) fn remove(&mut self, key: &PrimaryKey) -> Option<Item> {
        let collection = self.collections.get_mut(&key.partition)?;
        let old = collection.remove(&key.sort)?;
        if collection.is_empty() {
            self.collections.remove(&key.partition);
        }
        self.item_count -= 1;
        self.size_bytes -= item_size(&old);
        Some(old)
    }

    /// The items of one partition whose sort key lies within `(lower, upper)`, in sort key
    /// order (or reversed): what a Query reads.
    pub(super) fn collection_range<'a>(
        &'a self,
        partition: &KeyValue,
        lower: Bound<KeyValue>,
        upper: Bound<KeyValue>,
        reverse: bool,
    ) -> Box<dyn Iterator<Item = (PrimaryKey, &'a Item)> + 'a> {
        let Some(collection) = self.collections.get(partition) else {
            return Box::new(std::iter::empty());
        };
        // An empty range (lower above upper) is no items, not a panic of BTreeMap::range.
        if let (Bound::Included(l) | Bound::Excluded(l), Bound::Included(u) | Bound::Excluded(u)) = (&lower, &upper) {
            let touching = matches!((&lower, &upper), (Bound::Included(_), Bound::Included(_)));
            if l > u || (l == u && !touching) {
                return Box::new(std::iter::empty());
            }
        }
        let some = |b: Bound<KeyValue>| b.map(Some);
        let lower = match (&self.spec.key_schema.sort, lower) {
            (None, _) => Bound::Unbounded,
            (_, b) => some(b),
        };
        let upper = match (&self.spec.key_schema.sort, upper) {
            (None, _) => Bound::Unbounded,
            (_, b) => some(b),
        };
        let partition = partition.clone();
        let range = collection.range((lower, upper));
        let with_key = move |(sort, item): (&Option<KeyValue>, &'a Item)| {
            (PrimaryKey { partition: partition.clone(), sort: sort.clone() }, item)
        };
        if reverse {
            Box::new(range.rev().map(with_key))
        } else {
            Box::new(range.map(with_key))
        }
    }

    /// Every item from just after `after` (or from the start), in key order: what a Scan reads.
    pub(super) fn scan_from<'a>(
        &'a self,
        after: Option<&'a PrimaryKey>,
    ) -> Box<dyn Iterator<Item = (PrimaryKey, &'a Item)> + 'a> {
        let all = |(p, c): (&'a KeyValue, &'a Collection)| {
            c.iter().map(move |(s, item)| (PrimaryKey { partition: p.clone(), sort: s.clone() }, item))
        };
        match after {
            None => Box::new(self.collections.iter().flat_map(all)),
            Some(start) => {
                let rest_of_first =
                    self.collections.get_key_value(&start.partition).into_iter().flat_map(move |(p, c)| {
                        c.range((Bound::Excluded(start.sort.clone()), Bound::Unbounded))
                            .map(move |(s, item)| (PrimaryKey { partition: p.clone(), sort: s.clone() }, item))
                    });
                let later =
                    self.collections.range((Bound::Excluded(start.partition.clone()), Bound::Unbounded)).flat_map(all);
                Box::new(rest_of_first.chain(later))
            }
        }
    }

    /// The table as DescribeTable, CreateTable and DeleteTable answer it. ItemCount and
    /// TableSizeBytes are live here; DynamoDB refreshes them about every six hours.
    pub(super) fn description(&self, ctx: &Ctx) -> Value {
        let created = ctx.epoch_seconds(self.created);
        let (read, write) = match self.spec.billing {
            BillingMode::PayPerRequest => (0, 0),
            BillingMode::Provisioned { read_capacity_units, write_capacity_units } => {
                (read_capacity_units, write_capacity_units)
            }
        };
        let definitions: Vec<Value> = self
            .spec
            .attribute_definitions
            .iter()
            .map(|a| json!({ "AttributeName": a.name, "AttributeType": a.ty.name() }))
            .collect();
        let mut key_schema = vec![json!({ "AttributeName": self.spec.key_schema.partition.name, "KeyType": "HASH" })];
        if let Some(sort) = &self.spec.key_schema.sort {
            key_schema.push(json!({ "AttributeName": sort.name, "KeyType": "RANGE" }));
        }
        let mut out = json!({
            "AttributeDefinitions": definitions,
            "TableName": self.spec.name,
            "KeySchema": key_schema,
            "TableStatus": self.status.name(),
            "CreationDateTime": created,
            "ProvisionedThroughput": { "NumberOfDecreasesToday": 0, "ReadCapacityUnits": read, "WriteCapacityUnits": write },
            "TableSizeBytes": self.size_bytes,
            "ItemCount": self.item_count,
            "TableArn": self.arn(),
            "TableId": self.table_id(),
        });
        if self.spec.billing == BillingMode::PayPerRequest {
            out["BillingModeSummary"] =
                json!({ "BillingMode": "PAY_PER_REQUEST", "LastUpdateToPayPerRequestDateTime": created });
        }
        out["DeletionProtectionEnabled"] = json!(false);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stores::dynamodb::key::ScalarType;
    use crate::stores::dynamodb::number::Number;
    use crate::stores::dynamodb::types::AttributeValue;

    fn table() -> Table {
        let spec = TableSpec::new("t", KeyAttribute::new("pk", ScalarType::S))
            .with_sort_key(KeyAttribute::new("sk", ScalarType::N));
        Table::new(spec, SimTime::ZERO, TableStatus::Active, None)
    }

    fn put(t: &mut Table, pk: &str, sk: i64) {
        let item: Item = [("pk".to_string(), AttributeValue::s(pk)), ("sk".to_string(), AttributeValue::n(sk))].into();
        t.put_item_native(item).unwrap();
    }

    fn sorts<'a>(iter: impl Iterator<Item = (PrimaryKey, &'a Item)>) -> Vec<String> {
        iter.map(|(k, _)| match k.sort {
            Some(KeyValue::N(n)) => n.to_string(),
            other => format!("{other:?}"),
        })
        .collect()
    }

    #[test]
    fn items_are_kept_in_key_order_with_numbers_by_value() {
        let mut t = table();
        for (pk, sk) in [("b", 1), ("a", 10), ("a", 9), ("a", -1)] {
            put(&mut t, pk, sk);
        }
        let keys: Vec<(String, String)> =
            t.items().map(|i| (i["pk"].as_s().unwrap().to_string(), i["sk"].as_n().unwrap().to_string())).collect();
        assert_eq!(
            keys,
            [("a", "-1"), ("a", "9"), ("a", "10"), ("b", "1")].map(|(a, b)| (a.to_string(), b.to_string()))
        );
        assert_eq!(t.item_count(), 4);
    }

    #[test]
    fn replacing_and_removing_keep_the_counts() {
        let mut t = table();
        put(&mut t, "a", 1);
        let one = t.size_bytes();
        put(&mut t, "a", 1);
        assert_eq!((t.item_count(), t.size_bytes()), (1, one), "a put with the same key replaces");
        let key = PrimaryKey { partition: KeyValue::S("a".into()), sort: Some(KeyValue::N(Number::from(1))) };
        assert!(t.remove(&key).is_some());
        assert_eq!((t.item_count(), t.size_bytes(), t.items().count()), (0, 0, 0));
        assert!(t.remove(&key).is_none());
    }

    #[test]
    fn a_collection_is_read_within_bounds_either_way() {
        let mut t = table();
        for sk in [1, 2, 3, 4] {
            put(&mut t, "a", sk);
        }
        put(&mut t, "b", 0);
        let n = |x: i64| KeyValue::N(Number::from(x));
        let a = KeyValue::S("a".into());
        assert_eq!(sorts(t.collection_range(&a, Bound::Excluded(n(1)), Bound::Included(n(3)), false)), ["2", "3"]);
        assert_eq!(sorts(t.collection_range(&a, Bound::Unbounded, Bound::Unbounded, true)), ["4", "3", "2", "1"]);
        assert!(sorts(t.collection_range(&a, Bound::Included(n(3)), Bound::Included(n(2)), false)).is_empty());
        let start = PrimaryKey { partition: a, sort: Some(n(3)) };
        assert_eq!(sorts(t.scan_from(Some(&start))), ["4", "0"], "a scan goes on into the next partition");
    }

    #[test]
    fn item_size_limit_is_checked_on_native_writes() {
        let mut t = table();
        let mut item: Item =
            [("pk".to_string(), AttributeValue::s("a")), ("sk".to_string(), AttributeValue::n(1))].into();
        // Names and values together: "pk"+"a" (3) + "sk"+1 (4) + "d" (1) + body.
        item.insert("d".into(), AttributeValue::s("x".repeat(MAX_ITEM_BYTES - 8)));
        assert!(t.put_item_native(item.clone()).is_ok(), "exactly 400 KB fits");
        item.insert("d".into(), AttributeValue::s("x".repeat(MAX_ITEM_BYTES - 7)));
        assert_eq!(t.put_item_native(item).unwrap_err().message, "Item size has exceeded the maximum allowed size");
    }
}
