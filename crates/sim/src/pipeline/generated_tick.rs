//! What a producer generated in one tick, kept as the means to generate it again: the
//! generator's state before the tick drew its keys, the first record's number and id, and
//! the template. A shard keeps a run of such records as a reference to the tick and a range
//! of the tick's records (`kinesis::shard_log`), not as records, so a day at full load fits
//! in memory; a record is made again, identical, when something reads it.

use super::key_table::{KeyTable, Keyed};
use super::payload::{Payload, Template};
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

    /// Record k's data.
    pub fn payload(&self, k: u32) -> Payload {
        Payload::Generated { template: self.template, n: self.first_number + k as u64, size: self.size }
    }

    pub fn record_id(&self, k: u32) -> u64 {
        self.first_record_id + k as u64
    }
}
