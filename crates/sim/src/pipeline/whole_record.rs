//! A record a producer keeps whole until a shard or a delivery stream takes it: a KPL
//! aggregate, or a record to a delivery stream. (Its generated records to a data stream are
//! kept as their tick and place, `TickRecord`.)

use super::payload::Payload;
use crate::kinesis::shard::StoredRecord;
use crate::time::SimTime;
use std::rc::Rc;

#[derive(Clone, Debug)]
pub(super) struct WholeRecord {
    pub(super) key: Rc<str>,
    /// MD5 of the key, computed once per key.
    pub(super) hash: u128,
    pub(super) payload: Payload,
    /// The user records it carries: more than one for a KPL aggregate.
    pub(super) user_records: u32,
    pub(super) record_id: u64,
}

impl WholeRecord {
    /// Its size as a data stream counts it: data and partition key.
    pub(super) fn size(&self) -> u64 {
        (self.payload.len() + self.key.len()) as u64
    }

    /// It as a shard that took it at `arrival` keeps it (its sequence number given there).
    pub(super) fn stored(&self, arrival: SimTime) -> StoredRecord {
        StoredRecord {
            sequence_number: 0,
            arrival,
            partition_key: self.key.clone(),
            hash_key: self.hash,
            explicit: false,
            data: self.payload.clone(),
            record_id: self.record_id,
            user_records: self.user_records,
        }
    }
}
