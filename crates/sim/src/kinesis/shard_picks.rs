//! Generated records a shard took together that are not a run of one tick: the retries of a
//! tick, which come back from several ticks in the order of their backoffs (full jitter, so
//! in no order of their places). Each is kept as its tick (an index into the entry's few
//! ticks) and its place in that tick, packed into as few bits as the entry's ticks and places
//! need — 13 or so for a producer of 4,000 records a second — and made again when read, its
//! key drawn again from its tick's start. On a saturated shard a day of retries is tens of
//! millions of records.

use super::shard::StoredRecord;
use crate::pipeline::generated_tick::{GeneratedTick, TickRecord};
use crate::time::SimTime;
use std::rc::Rc;

/// Ticks an entry may refer to, so that a record's tick takes at most 8 bits: retries come
/// back within 20 s of backoff, a few hundred ticks at most.
const MAX_TICKS: usize = 1 << 8;

#[derive(Clone, Debug)]
pub struct Picks {
    arrival: SimTime,
    ticks: Ticks,
    /// A header — the number of records (4 bytes, little-endian), `tick_bits` and `width` —
    /// then each record's `k << tick_bits | tick index` in `width` bits, one after the
    /// other. In one allocation with the header, an entry stays in 56 bytes of `Kept`.
    data: Box<[u8]>,
}

/// Bytes of `Picks::data` before the records' bits.
const HEADER: usize = 6;

/// An entry's ticks: most often one (the retries of the tick before), kept without an
/// allocation of its own.
#[derive(Clone, Debug)]
enum Ticks {
    One(Rc<GeneratedTick>),
    Many(Box<[Rc<GeneratedTick>]>),
}

impl Ticks {
    fn new(mut ticks: Vec<Rc<GeneratedTick>>) -> Ticks {
        match ticks.pop() {
            Some(one) if ticks.is_empty() => Ticks::One(one),
            Some(last) => {
                ticks.push(last);
                Ticks::Many(ticks.into())
            }
            None => Ticks::Many(Box::default()),
        }
    }

    fn as_slice(&self) -> &[Rc<GeneratedTick>] {
        match self {
            Ticks::One(tick) => std::slice::from_ref(tick),
            Ticks::Many(ticks) => ticks,
        }
    }
}

/// Bits that hold every value up to `max`.
fn bits_for(max: u32) -> u8 {
    (32 - max.leading_zeros()) as u8
}

impl Picks {
    /// `records`, taken together at `arrival`, packed into as few entries as their ticks
    /// allow (one, unless they come from more than 256 ticks).
    pub fn pack(records: &[TickRecord], arrival: SimTime) -> Vec<Picks> {
        let mut out = Vec::new();
        let mut rest = records;
        while !rest.is_empty() {
            let mut ticks: Vec<Rc<GeneratedTick>> = Vec::new();
            let mut indices = Vec::with_capacity(rest.len());
            for r in rest {
                let index = match ticks.iter().rposition(|t| Rc::ptr_eq(t, &r.tick)) {
                    Some(i) => i,
                    None if ticks.len() < MAX_TICKS => {
                        ticks.push(r.tick.clone());
                        ticks.len() - 1
                    }
                    None => break,
                };
                indices.push(index as u32);
            }
            let (these, more) = rest.split_at(indices.len());
            out.push(Picks::new(arrival, ticks, these, &indices));
            rest = more;
        }
        out
    }

    fn new(arrival: SimTime, ticks: Vec<Rc<GeneratedTick>>, records: &[TickRecord], indices: &[u32]) -> Picks {
        let tick_bits = bits_for(ticks.len() as u32 - 1);
        let max_k = records.iter().map(|r| r.k).max().unwrap_or(0);
        // A tick holds a tenth of a second of a producer, whose rate the settings cap at a
        // million records a second: a place takes at most 17 bits, a record at most 25.
        let width = tick_bits + bits_for(max_k);
        let mut data = vec![0u8; HEADER + (records.len() * width as usize).div_ceil(8)];
        data[..4].copy_from_slice(&(records.len() as u32).to_le_bytes());
        (data[4], data[5]) = (tick_bits, width);
        let bits = &mut data[HEADER..];
        for (j, (r, &index)) in records.iter().zip(indices).enumerate() {
            let value = (r.k as u64) << tick_bits | index as u64;
            let at = j * width as usize;
            // Its bits, from bit `at % 8` of byte `at / 8` on: `value` has `width` bits, so
            // the bytes it reaches are the record's own.
            let (mut rest, mut byte) = (value << (at % 8), at / 8);
            while rest != 0 {
                bits[byte] |= rest as u8;
                (rest, byte) = (rest >> 8, byte + 1);
            }
        }
        Picks { arrival, ticks: Ticks::new(ticks), data: data.into() }
    }

    fn tick_bits(&self) -> u8 {
        self.data[4]
    }

    fn width(&self) -> u8 {
        self.data[5]
    }

    /// Record j's tick (its index in `ticks`) and place in it.
    fn unpack(&self, j: usize) -> (usize, u32) {
        let (width, tick_bits) = (self.width(), self.tick_bits());
        let at = j * width as usize;
        // A record's at most 40 bits, from bit `at % 8` on, lie in 6 bytes.
        let bits = &self.data[HEADER + at / 8..];
        let window = bits.iter().take(6).rev().fold(0u64, |w, &b| w << 8 | b as u64);
        let value = (window >> (at % 8)) & ((1 << width) - 1);
        ((value & ((1 << tick_bits) - 1)) as usize, (value >> tick_bits) as u32)
    }

    /// Each record's tick and place in it, in order.
    fn records(&self) -> impl Iterator<Item = (&GeneratedTick, u32)> + '_ {
        (0..self.len()).map(|j| {
            let (t, k) = self.unpack(j);
            (&*self.ticks.as_slice()[t], k)
        })
    }

    pub fn len(&self) -> usize {
        u32::from_le_bytes([self.data[0], self.data[1], self.data[2], self.data[3]]) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn arrival(&self) -> SimTime {
        self.arrival
    }

    pub fn data_bytes(&self) -> u64 {
        self.records().map(|(tick, _)| tick.size() as u64).sum()
    }

    /// The sizes of records `from..`, as a shard counts them: data and partition key.
    pub fn sizes_from(&self, from: usize) -> impl Iterator<Item = u64> + '_ {
        (from..self.len()).map(|j| {
            let (t, k) = self.unpack(j);
            self.ticks.as_slice()[t].size_of(k)
        })
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
        let wanted = || (from..to.min(self.len())).map(|j| (j, self.unpack(j)));
        let ticks = self.ticks.as_slice();
        let mut furthest: Vec<Option<u32>> = vec![None; ticks.len()];
        for (_, (t, k)) in wanted() {
            furthest[t] = furthest[t].max(Some(k));
        }
        let indices: Vec<Vec<u32>> = ticks
            .iter()
            .zip(furthest)
            .map(|(tick, last)| last.map_or_else(Vec::new, |last| tick.key_indices(last)))
            .collect();
        wanted().all(|(j, (t, k))| {
            let tick = &ticks[t];
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
        let shape = (keys.clone(), Template::Clickstream, 100 + n as u32 % 3);
        let rng = SimRng::seed_from_u64(n);
        Rc::new(GeneratedTick::alone(shape, SimTime::from_millis(n * 100), rng, n * 1_000, n * 1_000 + 7))
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
        assert!(packed.iter().all(|p| p.ticks.as_slice().len() <= MAX_TICKS));
        assert_eq!(packed.iter().map(Picks::len).sum::<usize>(), 600);
        assert!(packed.len() >= 2, "300 ticks do not fit one entry");
        let mut made = Vec::new();
        let mut sequence = 1_000;
        let data: u64 = records.iter().map(|r| r.tick.size() as u64).sum();
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
    fn a_ticks_retries_take_the_bits_their_places_need() {
        let mut seed = SimRng::seed_from_u64(5);
        let keys = Rc::new(KeyTable::new("p", KeyStrategy::Random, &mut seed));
        let ticks: Vec<Rc<GeneratedTick>> = (0..5).map(|n| tick(n, &keys)).collect();
        // 100 records of 5 ticks, places up to 399, in no order: 3 bits of tick, 9 of place.
        let records: Vec<TickRecord> = (0..100u32)
            .map(|i| TickRecord { tick: ticks[(i * 3 % 5) as usize].clone(), k: (i * 37) % 400, key: 0 })
            .collect();
        let packed = Picks::pack(&records, SimTime::ZERO);
        assert_eq!(packed.len(), 1);
        assert_eq!(packed[0].data.len(), HEADER + (100 * 12usize).div_ceil(8));
        let back: Vec<(u64, u32)> = packed[0].records().map(|(t, k)| (t.first_number(), k)).collect();
        let sent: Vec<(u64, u32)> = records.iter().map(|r| (r.tick.first_number(), r.k)).collect();
        assert_eq!(back, sent);
        // The largest place a tick can hold, and a lone record at place 0.
        for k in [(1 << 17) - 1, 0] {
            let one = Picks::pack(&[TickRecord { tick: ticks[0].clone(), k, key: 0 }], SimTime::ZERO);
            assert_eq!(one[0].unpack(0), (0, k));
        }
    }
}
