//! What a producer generated in one tick, kept as the means to generate it again: the
//! generator's state before the tick drew its keys, the first record's number and id, and
//! the template. A shard keeps a run of such records as a reference to the tick and a range
//! of the tick's records (`kinesis::shard_log`), not as records, so a day at full load fits
//! in memory; a record is made again, identical, when something reads it.
//!
//! A day at full load is close to a million ticks, so a tick is kept in 56 bytes: what its
//! producer's ticks share (the key table, the template and size, and the bases its arrival
//! and numbers are offsets from) is one `TickShape` for many ticks.

use super::key_table::{KeyTable, Keyed};
use super::payload::{Payload, Template};
use crate::kinesis::shard::StoredRecord;
use crate::rng::SimRng;
use crate::time::{SimDuration, SimTime};
use std::rc::Rc;

/// What a producer's ticks share while its settings stay and their offsets fit.
#[derive(Debug)]
pub struct TickShape {
    keys: Rc<KeyTable>,
    template: Template,
    /// The data size of every record.
    size: u32,
    /// What a tick's arrival (in µs) and first number are offsets from.
    base_arrival: SimTime,
    base_number: u64,
}

impl TickShape {
    /// A shape for ticks from one arriving at `arrival` whose first number is `number`.
    pub fn new(keys: Rc<KeyTable>, template: Template, size: u32, arrival: SimTime, number: u64) -> Rc<TickShape> {
        Rc::new(TickShape { keys, template, size, base_arrival: arrival, base_number: number })
    }

    /// Whether its ticks draw keys from `keys` and have this template and size.
    pub fn is_for(&self, keys: &Rc<KeyTable>, template: Template, size: u32) -> bool {
        Rc::ptr_eq(&self.keys, keys) && self.template == template && self.size == size
    }
}

#[derive(Debug)]
pub struct GeneratedTick {
    shape: Rc<TickShape>,
    /// The producer's generator before the tick's first key draw.
    pub rng: SimRng,
    /// The world-wide id of the tick's record 0; record k has id + k.
    pub first_record_id: u64,
    /// When the tick's records were sent (every accepted one arrived then), in µs after its
    /// shape's base.
    arrival_offset: u32,
    /// The number (`Payload::Generated::n`) of the tick's record 0 after its shape's base;
    /// record k has number + k.
    number_offset: u32,
}

/// The same tick: the same generator state, first record, arrival and numbers (a copy of a
/// world's tick, or the one another run of the same scenario made).
impl PartialEq for GeneratedTick {
    fn eq(&self, other: &GeneratedTick) -> bool {
        (self.rng == other.rng && self.first_record_id == other.first_record_id)
            && (self.arrival(), self.first_number(), self.size())
                == (other.arrival(), other.first_number(), other.size())
    }
}

impl GeneratedTick {
    /// The tick of `shape` that arrived at `arrival`, its records numbered from
    /// `first_number`; None if it lies too far past the shape's bases (about 71 minutes, or
    /// 2^32 records) for its offsets: then it needs a shape of its own.
    pub fn new(
        shape: &Rc<TickShape>,
        arrival: SimTime,
        rng: SimRng,
        first_number: u64,
        first_record_id: u64,
    ) -> Option<GeneratedTick> {
        let arrival_offset = arrival.as_micros().checked_sub(shape.base_arrival.as_micros())?;
        let number_offset = first_number.checked_sub(shape.base_number)?;
        Some(GeneratedTick {
            shape: shape.clone(),
            rng,
            first_record_id,
            arrival_offset: u32::try_from(arrival_offset).ok()?,
            number_offset: u32::try_from(number_offset).ok()?,
        })
    }

    /// The tick `shape` was made from: at its bases.
    pub fn first_of(shape: &Rc<TickShape>, rng: SimRng, first_record_id: u64) -> GeneratedTick {
        GeneratedTick { shape: shape.clone(), rng, first_record_id, arrival_offset: 0, number_offset: 0 }
    }

    /// A tick with a shape of its own.
    pub fn alone(
        (keys, template, size): (Rc<KeyTable>, Template, u32),
        arrival: SimTime,
        rng: SimRng,
        first_number: u64,
        first_record_id: u64,
    ) -> GeneratedTick {
        GeneratedTick::first_of(&TickShape::new(keys, template, size, arrival, first_number), rng, first_record_id)
    }

    /// When the tick's records were sent: every accepted one arrived then.
    pub fn arrival(&self) -> SimTime {
        self.shape.base_arrival + SimDuration::from_micros(self.arrival_offset as u64)
    }

    /// The number of the tick's record 0.
    pub fn first_number(&self) -> u64 {
        self.shape.base_number + self.number_offset as u64
    }

    pub fn keys(&self) -> &KeyTable {
        &self.shape.keys
    }

    /// The data size of every record of the tick.
    pub fn size(&self) -> u32 {
        self.shape.size
    }

    /// The tick's records from 0, each (k, partition key, hash key), drawn as the producer
    /// drew them.
    pub fn keys_from_start(&self) -> impl Iterator<Item = (u32, Keyed)> + '_ {
        let (mut rng, first) = (self.rng.clone(), self.first_number());
        (0u32..).map(move |k| (k, self.keys().draw(&mut rng, first + k as u64)))
    }

    /// The indices in the key table of records `0..=last`'s keys, drawn again as the producer
    /// drew them.
    pub fn key_indices(&self, last: u32) -> Vec<u32> {
        let mut rng = self.rng.clone();
        (0..=last).map(|_| self.keys().pick(&mut rng)).collect()
    }

    /// Record k's partition key and hash key, its key's index in the table being `index`.
    pub fn key_with(&self, k: u32, index: u32) -> Keyed {
        self.keys().key_at(index, self.first_number() + k as u64)
    }

    /// Record k's partition key and hash key, drawn again from the tick's start.
    pub fn key_of(&self, k: u32) -> Keyed {
        let index = self.key_indices(k)[k as usize];
        self.key_with(k, index)
    }

    /// The size of every record of the tick as a shard counts it (data and partition key),
    /// when all its keys have one length.
    pub fn uniform_record_size(&self) -> Option<u64> {
        self.keys().uniform_key_len().map(|len| (self.size() as usize + len) as u64)
    }

    /// The size of record k as a shard counts it (data and partition key): without drawing
    /// its key when all the tick's keys have one length.
    pub fn size_of(&self, k: u32) -> u64 {
        self.uniform_record_size().unwrap_or_else(|| (self.size() as usize + self.key_of(k).0.len()) as u64)
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
        let shape = &self.shape;
        Payload::Generated { template: shape.template, n: self.first_number() + k as u64, size: shape.size }
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
        self.tick.first_number() + self.k as u64
    }

    /// Its partition key and hash key.
    pub fn keyed(&self) -> Keyed {
        self.tick.keys().key_at(self.key, self.number())
    }

    pub fn hash(&self) -> u128 {
        self.tick.keys().hash_at(self.key, self.number())
    }

    /// Its size as a shard counts it: data and partition key.
    pub fn size(&self) -> u64 {
        (self.tick.size() as usize + self.tick.keys().len_at(self.key, self.number())) as u64
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::settings::KeyStrategy;

    #[test]
    fn a_tick_is_its_shapes_bases_plus_offsets_while_they_fit() {
        // A day at full load is close to a million ticks: each word is 8 MB.
        assert!(std::mem::size_of::<GeneratedTick>() <= 7 * std::mem::size_of::<u64>());
        let keys = Rc::new(KeyTable::new("p", KeyStrategy::Random, &mut SimRng::seed_from_u64(1)));
        let base = SimTime::from_millis(3_600_000);
        let shape = TickShape::new(keys.clone(), Template::AppLog, 120, base, 5_000_000_000);
        let rng = SimRng::seed_from_u64(2);
        let later = base + SimDuration::from_millis(4_200_000);
        let tick = GeneratedTick::new(&shape, later, rng.clone(), 5_000_000_000 + 4_000_000_000, 77).expect("fits");
        assert_eq!((tick.arrival(), tick.first_number(), tick.size()), (later, 9_000_000_000, 120));
        assert_eq!(tick.payload(3), Payload::Generated { template: Template::AppLog, n: 9_000_000_003, size: 120 });
        // Past 2^32 µs (71.6 minutes), or 2^32 numbers, or before the bases: not this shape's.
        let too_late = base + SimDuration::from_micros(1 << 32);
        assert!(GeneratedTick::new(&shape, too_late, rng.clone(), 5_000_000_000, 1).is_none());
        assert!(GeneratedTick::new(&shape, later, rng.clone(), 5_000_000_000 + (1 << 32), 1).is_none());
        assert!(GeneratedTick::new(&shape, SimTime::ZERO, rng, 5_000_000_000, 1).is_none());
        assert!(shape.is_for(&keys, Template::AppLog, 120));
        assert!(!shape.is_for(&keys, Template::AppLog, 121));
    }
}
