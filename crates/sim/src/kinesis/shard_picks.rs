//! Generated records a shard took together that are not a run of one tick: the retries of a
//! tick, which come back from several ticks in the order of their backoffs. Each is kept as
//! four bytes — its tick (an index into the entry's few ticks) and its place in that tick —
//! and made again when read, its key drawn again from its tick's start. On a saturated
//! shard a day of retries is tens of millions of records.

use super::shard::StoredRecord;
use crate::pipeline::generated_tick::{GeneratedTick, TickRecord};
use crate::time::SimTime;
use std::rc::Rc;

/// Bits of a packed record that hold its place in its tick: a tick holds at most a tenth of
/// a second of the fastest producer, far below 2^24 records.
const PLACE_BITS: u32 = 24;
/// Ticks an entry may refer to: the rest of the 32 bits.
const MAX_TICKS: usize = 1 << (32 - PLACE_BITS);

#[derive(Clone, Debug)]
pub struct Picks {
    arrival: SimTime,
    ticks: Box<[Rc<GeneratedTick>]>,
    /// Each record, in order: `tick index << PLACE_BITS | k`.
    records: Box<[u32]>,
}

impl Picks {
    /// `records`, taken together at `arrival`, packed into as few entries as their ticks and
    /// places allow (one, unless they come from more than 256 ticks).
    pub fn pack(records: &[TickRecord], arrival: SimTime) -> Vec<Picks> {
        let mut out = Vec::new();
        let (mut ticks, mut packed): (Vec<Rc<GeneratedTick>>, Vec<u32>) = (Vec::new(), Vec::new());
        for r in records {
            let index = match ticks.iter().position(|t| Rc::ptr_eq(t, &r.tick)) {
                Some(i) => i,
                None if ticks.len() < MAX_TICKS => {
                    ticks.push(r.tick.clone());
                    ticks.len() - 1
                }
                None => {
                    let full = (std::mem::take(&mut ticks), std::mem::take(&mut packed));
                    out.push(Picks { arrival, ticks: full.0.into(), records: full.1.into() });
                    ticks.push(r.tick.clone());
                    0
                }
            };
            // A tick holds a tenth of a second of a producer, whose rate the settings cap at a
            // million records a second: its places fit.
            debug_assert!(r.k < 1 << PLACE_BITS);
            packed.push((index as u32) << PLACE_BITS | r.k);
        }
        if !packed.is_empty() {
            out.push(Picks { arrival, ticks: ticks.into(), records: packed.into() });
        }
        out
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    pub fn arrival(&self) -> SimTime {
        self.arrival
    }

    /// Record j's tick (its index in `ticks`) and place in it.
    fn unpack(&self, j: usize) -> (usize, u32) {
        let packed = self.records[j];
        ((packed >> PLACE_BITS) as usize, packed & ((1 << PLACE_BITS) - 1))
    }

    /// Record j's tick and place in it.
    fn record(&self, j: usize) -> (&GeneratedTick, u32) {
        let (t, k) = self.unpack(j);
        (&self.ticks[t], k)
    }

    pub fn data_bytes(&self) -> u64 {
        (0..self.len()).map(|j| self.record(j).0.size as u64).sum()
    }

    /// Record j's size as a shard counts it: data and partition key.
    pub fn size(&self, j: usize) -> u64 {
        let (tick, k) = self.record(j);
        tick.size_of(k)
    }

    pub fn holds_record(&self, record_id: u64) -> bool {
        (0..self.len()).any(|j| {
            let (tick, k) = self.record(j);
            tick.record_id(k) == record_id
        })
    }

    /// Makes records `from..to`, the first numbered `first_sequence`, and hands each to `f`
    /// until it returns false (then false). Each tick's keys are drawn again once, up to the
    /// furthest of its records the read needs.
    pub fn for_each(
        &self,
        (from, to): (usize, usize),
        first_sequence: u128,
        f: &mut dyn FnMut(&StoredRecord) -> bool,
    ) -> bool {
        let mut furthest: Vec<Option<u32>> = vec![None; self.ticks.len()];
        for j in from..to {
            let (t, k) = self.unpack(j);
            furthest[t] = furthest[t].max(Some(k));
        }
        let indices: Vec<Vec<u32>> = self
            .ticks
            .iter()
            .zip(furthest)
            .map(|(tick, last)| last.map_or_else(Vec::new, |last| tick.key_indices(last)))
            .collect();
        (from..to).all(|j| {
            let (t, k) = self.unpack(j);
            let tick = &self.ticks[t];
            let keyed = tick.key_with(k, indices[t][k as usize]);
            f(&tick.stored(k, keyed, first_sequence + (j - from) as u128, self.arrival))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::key_table::KeyTable;
    use crate::pipeline::payload::Template;
    use crate::pipeline::settings::KeyStrategy;
    use crate::rng::SimRng;

    fn tick(n: u64, keys: &Rc<KeyTable>) -> Rc<GeneratedTick> {
        Rc::new(GeneratedTick {
            arrival: SimTime::from_millis(n * 100),
            keys: keys.clone(),
            rng: SimRng::seed_from_u64(n),
            first_number: n * 1_000,
            first_record_id: n * 1_000 + 7,
            template: Template::Clickstream,
            size: 100 + n as u32 % 3,
        })
    }

    #[test]
    fn picks_from_many_ticks_pack_into_entries_of_256_ticks_and_make_the_records_again() {
        let mut seed = SimRng::seed_from_u64(5);
        let keys = Rc::new(KeyTable::new("p", KeyStrategy::Random, &mut seed));
        let ticks: Vec<Rc<GeneratedTick>> = (0..300).map(|n| tick(n, &keys)).collect();
        // Two records of each tick, at places far apart, in an order that is not the ticks'.
        let records: Vec<TickRecord> = (0..600u32)
            .map(|i| {
                let t = &ticks[(i as usize * 7) % 300];
                let k = if i % 2 == 0 { 3 } else { 250 };
                TickRecord { tick: t.clone(), k, key: t.key_indices(k)[k as usize] }
            })
            .collect();
        let arrival = SimTime::from_millis(99_000);
        let packed = Picks::pack(&records, arrival);
        assert!(packed.iter().all(|p| p.ticks.len() <= MAX_TICKS));
        assert_eq!(packed.iter().map(Picks::len).sum::<usize>(), 600);
        assert!(packed.len() >= 2, "300 ticks do not fit one entry");
        let mut made = Vec::new();
        let mut sequence = 1_000;
        for p in &packed {
            assert_eq!(p.data_bytes(), (0..p.len()).map(|j| p.record(j).0.size as u64).sum::<u64>());
            p.for_each((0, p.len()), sequence, &mut |r| {
                made.push(r.clone());
                true
            });
            sequence += p.len() as u128;
        }
        let expected: Vec<StoredRecord> =
            records.iter().enumerate().map(|(i, r)| r.stored(1_000 + i as u128, arrival)).collect();
        assert_eq!(made, expected);
        // A read from the middle, stopped early.
        let mut some = Vec::new();
        packed[0].for_each((10, 20), 5, &mut |r| {
            some.push(r.sequence_number);
            some.len() < 4
        });
        assert_eq!(some, vec![5, 6, 7, 8]);
        assert!(packed[0].holds_record(records[0].record_id()));
        assert!(!packed[0].holds_record(u64::MAX));
    }
}
