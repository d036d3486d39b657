//! What a producer generated in one tick, kept as the means to generate it again: the
//! generator's state before the tick drew its keys, the first record's number and id, and
//! the template. A shard keeps a run of such records as a reference to the tick and a range
//! of the tick's records (`kinesis::shard_log`), not as records, so a day at full load fits
//! in memory; a record is made again, identical, when something reads it.

use super::key_table::{KeyTable, Keyed};
use super::payload::{Payload, Template};
use crate::kinesis::shard::StoredRecord;
use crate::rng::SimRng;
use crate::time::SimTime;
use std::rc::Rc;

#[derive(Debug)]
pub struct GeneratedTick {
    /// When the tick's records were sent: every accepted one arrived then.
    pub arrival: SimTime,
    pub keys: Rc<KeyTable>,
    /// The producer's generator before the tick's first key draw.
    pub rng: SimRng,
    /// The number (`Payload::Generated::n`) and world-wide id of the tick's record 0; record
    /// k has number + k and id + k.
    pub first_number: u64,
    pub first_record_id: u64,
    pub template: Template,
    /// The data size of every record of the tick.
    pub size: u32,
}

impl GeneratedTick {
    /// The tick's records from 0, each (k, partition key, hash key), drawn as the producer
    /// drew them.
    pub fn keys_from_start(&self) -> impl Iterator<Item = (u32, Keyed)> + '_ {
        let mut rng = self.rng.clone();
        (0u32..).map(move |k| (k, self.keys.draw(&mut rng, self.first_number + k as u64)))
    }

    /// The indices in the key table of records `0..=last`'s keys, drawn again as the producer
    /// drew them.
    pub fn key_indices(&self, last: u32) -> Vec<u32> {
        let mut rng = self.rng.clone();
        (0..=last).map(|_| self.keys.pick(&mut rng)).collect()
    }

    /// Record k's partition key and hash key, its key's index in the table being `index`.
    pub fn key_with(&self, k: u32, index: u32) -> Keyed {
        self.keys.key_at(index, self.first_number + k as u64)
    }

    /// Record k's partition key and hash key, drawn again from the tick's start.
    pub fn key_of(&self, k: u32) -> Keyed {
        let index = self.key_indices(k)[k as usize];
        self.key_with(k, index)
    }

    /// The size of record k as a shard counts it (data and partition key): without drawing
    /// its key when all the tick's keys have one length.
    pub fn size_of(&self, k: u32) -> u64 {
        let key_len = self.keys.uniform_key_len().unwrap_or_else(|| self.key_of(k).0.len());
        (self.size as usize + key_len) as u64
    }

    /// Record k made, with its key `keyed`, as a shard that took it at `arrival` under
    /// `sequence_number` holds it: the one way every reader of a tick makes a record.
    pub fn stored(
        &self,
        k: u32,
        (partition_key, hash_key): Keyed,
        sequence_number: u128,
        arrival: SimTime,
    ) -> StoredRecord {
        StoredRecord {
            sequence_number,
            arrival,
            partition_key,
            hash_key,
            explicit: false,
            data: self.payload(k),
            record_id: self.record_id(k),
            user_records: 1,
        }
    }

    /// Record k's data.
    pub fn payload(&self, k: u32) -> Payload {
        Payload::Generated { template: self.template, n: self.first_number + k as u64, size: self.size }
    }

    pub fn record_id(&self, k: u32) -> u64 {
        self.first_record_id + k as u64
    }
}

/// One record of a tick, kept as the tick, the record's place k in it and the index of its
/// key in the tick's key table (16 bytes): how a producer keeps a refused record until its
/// retry, and how a shard keeps the retried records it took.
#[derive(Clone, Debug)]
pub struct TickRecord {
    pub tick: Rc<GeneratedTick>,
    pub k: u32,
    pub key: u32,
}

impl TickRecord {
    fn number(&self) -> u64 {
        self.tick.first_number + self.k as u64
    }

    /// Its partition key and hash key.
    pub fn keyed(&self) -> Keyed {
        self.tick.keys.key_at(self.key, self.number())
    }

    pub fn hash(&self) -> u128 {
        self.tick.keys.hash_at(self.key, self.number())
    }

    /// Its size as a shard counts it: data and partition key.
    pub fn size(&self) -> u64 {
        (self.tick.size as usize + self.tick.keys.len_at(self.key, self.number())) as u64
    }

    pub fn payload(&self) -> Payload {
        self.tick.payload(self.k)
    }

    pub fn record_id(&self) -> u64 {
        self.tick.record_id(self.k)
    }

    /// The record made, as a shard that took it at `arrival` under `sequence_number` holds it.
    pub fn stored(&self, sequence_number: u128, arrival: SimTime) -> StoredRecord {
        self.tick.stored(self.k, self.keyed(), sequence_number, arrival)
    }
}
