//! Generated records a shard took together that are not a run of one tick: the retries of a
//! tick, which come back from several ticks in the order of their backoffs. Each is kept as
//! its tick (an index into the entry's few ticks) and its place in that tick, packed into a
//! number and stored as the difference from the record before it in a variable-length byte
//! code: the records of one tick come in the order of their places, a few apart, so most
//! take one byte. They are made again when read, their keys drawn again from their tick's
//! start. On a saturated shard a day of retries is tens of millions of records.

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
    /// Each record's `tick index << PLACE_BITS | k`, as the zigzag difference from the
    /// record before (the first from 0) in LEB128 bytes.
    deltas: Box<[u8]>,
    len: u32,
}

/// Appends `value`'s difference from `before` to `out`.
fn put_delta(out: &mut Vec<u8>, before: u32, value: u32) {
    let delta = value as i64 - before as i64;
    let mut zigzag = ((delta << 1) ^ (delta >> 63)) as u64;
    loop {
        let byte = (zigzag & 0x7f) as u8;
        zigzag >>= 7;
        if zigzag == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// The packed records of `deltas`, in order.
fn unpacked(deltas: &[u8]) -> impl Iterator<Item = u32> + '_ {
    let (mut at, mut value) = (0usize, 0i64);
    std::iter::from_fn(move || {
        let (mut zigzag, mut shift) = (0u64, 0);
        loop {
            let byte = *deltas.get(at)?;
            at += 1;
            zigzag |= ((byte & 0x7f) as u64) << shift;
            shift += 7;
            if byte & 0x80 == 0 {
                break;
            }
        }
        value += (zigzag >> 1) as i64 ^ -((zigzag & 1) as i64);
        Some(value as u32)
    })
}

/// A packed record's tick (its index in the entry's ticks) and place in it.
fn split(packed: u32) -> (usize, u32) {
    ((packed >> PLACE_BITS) as usize, packed & ((1 << PLACE_BITS) - 1))
}

impl Picks {
    /// `records`, taken together at `arrival`, packed into as few entries as their ticks and
    /// places allow (one, unless they come from more than 256 ticks).
    pub fn pack(records: &[TickRecord], arrival: SimTime) -> Vec<Picks> {
        let mut out = Vec::new();
        let mut ticks: Vec<Rc<GeneratedTick>> = Vec::new();
        let (mut deltas, mut len, mut before) = (Vec::new(), 0u32, 0u32);
        for r in records {
            let index = match ticks.iter().rposition(|t| Rc::ptr_eq(t, &r.tick)) {
                Some(i) => i,
                None if ticks.len() < MAX_TICKS => {
                    ticks.push(r.tick.clone());
                    ticks.len() - 1
                }
                None => {
                    let full = (std::mem::take(&mut ticks), std::mem::take(&mut deltas));
                    out.push(Picks { arrival, ticks: full.0.into(), deltas: full.1.into(), len });
                    (len, before) = (0, 0);
                    ticks.push(r.tick.clone());
                    0
                }
            };
            // A tick holds a tenth of a second of a producer, whose rate the settings cap at a
            // million records a second: its places fit.
            debug_assert!(r.k < 1 << PLACE_BITS);
            let packed = (index as u32) << PLACE_BITS | r.k;
            put_delta(&mut deltas, before, packed);
            (before, len) = (packed, len + 1);
        }
        if len > 0 {
            out.push(Picks { arrival, ticks: ticks.into(), deltas: deltas.into(), len });
        }
        out
    }

    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn arrival(&self) -> SimTime {
        self.arrival
    }

    /// Each record's tick and place in it, in order.
    fn records(&self) -> impl Iterator<Item = (&GeneratedTick, u32)> + '_ {
        unpacked(&self.deltas).map(|packed| {
            let (t, k) = split(packed);
            (&*self.ticks[t], k)
        })
    }

    pub fn data_bytes(&self) -> u64 {
        self.records().map(|(tick, _)| tick.size as u64).sum()
    }

    /// The sizes of records `from..`, as a shard counts them: data and partition key.
    pub fn sizes_from(&self, from: usize) -> impl Iterator<Item = u64> + '_ {
        self.records().skip(from).map(|(tick, k)| tick.size_of(k))
    }

    pub fn holds_record(&self, record_id: u64) -> bool {
        self.records().any(|(tick, k)| tick.record_id(k) == record_id)
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
        let wanted = || unpacked(&self.deltas).map(split).enumerate().skip(from).take(to.saturating_sub(from));
        let mut furthest: Vec<Option<u32>> = vec![None; self.ticks.len()];
        for (_, (t, k)) in wanted() {
            furthest[t] = furthest[t].max(Some(k));
        }
        let indices: Vec<Vec<u32>> = self
            .ticks
            .iter()
            .zip(furthest)
            .map(|(tick, last)| last.map_or_else(Vec::new, |last| tick.key_indices(last)))
            .collect();
        wanted().all(|(j, (t, k))| {
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
        let data: u64 = records.iter().map(|r| r.tick.size as u64).sum();
        assert_eq!(packed.iter().map(Picks::data_bytes).sum::<u64>(), data);
        for p in &packed {
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

    #[test]
    fn differences_of_any_sign_and_size_come_back_as_packed() {
        let values = [0u32, 5, 6, 200, 3, u32::MAX, 0, 1 << 24, (1 << 24) + 2, 7, u32::MAX - 1];
        let mut bytes = Vec::new();
        let mut before = 0;
        for &v in &values {
            put_delta(&mut bytes, before, v);
            before = v;
        }
        assert_eq!(unpacked(&bytes).collect::<Vec<_>>(), values);
    }

    #[test]
    fn a_ticks_retries_a_few_places_apart_take_a_byte_each() {
        let mut seed = SimRng::seed_from_u64(5);
        let keys = Rc::new(KeyTable::new("p", KeyStrategy::Random, &mut seed));
        let t = tick(1, &keys);
        let records: Vec<TickRecord> = (0..100u32).map(|i| TickRecord { tick: t.clone(), k: i * 4, key: 0 }).collect();
        let packed = Picks::pack(&records, SimTime::ZERO);
        assert_eq!(packed.len(), 1);
        assert_eq!(packed[0].deltas.len(), 100);
        let places: Vec<u32> = packed[0].records().map(|(_, k)| k).collect();
        assert_eq!(places, (0..100).map(|i| i * 4).collect::<Vec<u32>>());
    }
}
