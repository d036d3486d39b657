//! What a Lambda consumer wired to a DynamoDB table writes: one item per record the function
//! handles, keyed by the record's sequence number (unique in the stream; a de-aggregated
//! user record adds its subsequence number, `SEQUENCE.00003`, which is a number too),
//! with the shard, the partition key, the data as text and the arrival time — the fields of
//! the Kinesis event record the function receives. While the table cannot take writes
//! (missing, CREATING, DELETING) the event source mapping does not advance: the batch would
//! fail and be retried, so the records wait in the stream, as Lambda's retries keep them.

use crate::time::SimTime;
use std::rc::Rc;

/// A record of a batch, as the function writes it.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordItem {
    pub sequence: u128,
    /// A de-aggregated user record's place in its KPL aggregate.
    pub sub: Option<u32>,
    pub shard: u32,
    pub partition_key: Rc<str>,
    pub data: Vec<u8>,
    pub arrival: SimTime,
}

/// Whether the table takes writes now. (A build without DynamoDB has no table to write.)
#[allow(unused_variables)]
pub fn table_writable(stores: &crate::stores::Stores, table: &str) -> bool {
    #[cfg(feature = "dynamodb")]
    return stores.dynamodb.table(table).is_some_and(|t| t.status() == crate::stores::dynamodb::TableStatus::Active);
    #[cfg(not(feature = "dynamodb"))]
    false
}

/// Writes the batch into `table`: how many items were written, and DynamoDB's reason for
/// each item it refused (an item over 400 KB; a number key that a sequence number does not
/// fit).
#[cfg(feature = "dynamodb")]
pub fn write(stores: &mut crate::stores::Stores, table: &str, records: &[RecordItem]) -> (u64, Vec<String>) {
    use crate::stores::dynamodb::{AttributeValue, Item, Number, ScalarType};
    let Some(t) = stores.dynamodb.table_mut(table) else {
        return (0, vec![format!("Requested resource not found: Table: {table} not found")]);
    };
    let schema = t.key_schema().clone();
    let (mut written, mut errors) = (0, Vec::new());
    for r in records {
        let sequence = match r.sub {
            Some(sub) => format!("{}.{sub:05}", r.sequence),
            None => r.sequence.to_string(),
        };
        let key = match schema.partition.ty {
            ScalarType::N => match Number::parse(&sequence) {
                Ok(n) => AttributeValue::N(n),
                Err(e) => {
                    errors.push(e.message(&sequence));
                    continue;
                }
            },
            ScalarType::B => AttributeValue::B(sequence.into_bytes()),
            ScalarType::S => AttributeValue::s(sequence),
        };
        let mut item: Item = [
            (schema.partition.name.clone(), key),
            ("shardId".to_string(), AttributeValue::s(format!("shardId-{:012}", r.shard))),
            ("partitionKey".to_string(), AttributeValue::s(r.partition_key.to_string())),
            ("data".to_string(), AttributeValue::s(String::from_utf8_lossy(&r.data).into_owned())),
            ("approximateArrivalTimestamp".to_string(), AttributeValue::n(r.arrival.as_millis() as i64)),
        ]
        .into_iter()
        .collect();
        if let Some(sort) = &schema.sort {
            item.insert(sort.name.clone(), AttributeValue::s(format!("shardId-{:012}", r.shard)));
        }
        match t.put_item_native(item) {
            Ok(_) => written += 1,
            Err(e) => errors.push(e.message),
        }
    }
    (written, errors)
}
