//! What a producer's refused records refer to while they wait for their retry. A refused
//! record waits as a `Waiting` of 12 bytes (which hold, its place there, its key, its retries
//! so far), and the record itself is held once: a tick for all its refused records, a whole
//! record alone. Under a hot key a producer queues, sorts and reads back four million
//! refused records a virtual second, so each byte a waiting record saves is a byte less moved
//! at each of those steps.

use super::generated_tick::{GeneratedTick, TickRecord};
use super::key_table::KeyTable;
use super::payload::Payload;
use super::record_data::RecordData;
use super::whole_record::WholeRecord;
use std::collections::VecDeque;
use std::rc::Rc;

/// A hold's number with this bit set is a whole record's slot; without it, a tick's number.
const WHOLE: u32 = 1 << 31;
/// A key's index takes the low 24 bits of `key_and_attempts` (the lab's distinct keys are at
/// most 100,000), the retries made the top 8 (at most 20).
const KEY_BITS: u32 = 24;
const KEY_MASK: u32 = (1 << KEY_BITS) - 1;

/// A refused record waiting for its retry.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Waiting {
    hold: u32,
    /// Its place k in its tick (0 for a whole record).
    k: u32,
    key_and_attempts: u32,
}

impl Waiting {
    /// Retries made so far.
    pub(super) fn attempts(self) -> u32 {
        self.key_and_attempts >> KEY_BITS
    }

    /// It after one more retry.
    pub(super) fn retried(self) -> Waiting {
        Waiting { key_and_attempts: self.key_and_attempts + (1 << KEY_BITS), ..self }
    }

    /// Its key's index in its tick's key table.
    pub(super) fn key(self) -> u32 {
        self.key_and_attempts & KEY_MASK
    }

    fn of(hold: u32, k: u32, key: u32, attempts: u32) -> Waiting {
        debug_assert!(key <= KEY_MASK && attempts < 1 << (32 - KEY_BITS), "key {key}, attempts {attempts}");
        Waiting { hold, k, key_and_attempts: key | attempts << KEY_BITS }
    }
}

/// What a waiting record refers to.
pub(super) enum Held<'a> {
    /// Record `k` of this tick, its key at `key` of the tick's key table.
    Tick {
        tick: &'a Rc<GeneratedTick>,
        k: u32,
        key: u32,
    },
    Whole(&'a WholeRecord),
}

impl Held<'_> {
    /// Its hash key (what routes it).
    pub(super) fn hash(&self) -> u128 {
        match self {
            Held::Tick { tick, k, key } => tick.keys().hash_at(*key, tick.first_number() + *k as u64),
            Held::Whole(w) => w.hash,
        }
    }

    /// Its size as a data stream counts it: data and partition key.
    pub(super) fn size(&self) -> u64 {
        match self {
            Held::Tick { tick, k, key } => {
                let key_len = tick.keys().len_at(*key, tick.first_number() + *k as u64);
                (tick.size() as usize + key_len) as u64
            }
            Held::Whole(w) => w.size(),
        }
    }

    pub(super) fn record_id(&self) -> u64 {
        match self {
            Held::Tick { tick, k, .. } => tick.record_id(*k),
            Held::Whole(w) => w.record_id,
        }
    }

    /// Its data's size (what Firehose counts).
    pub(super) fn data_len(&self) -> u64 {
        match self {
            Held::Tick { tick, .. } => tick.size() as u64,
            Held::Whole(w) => w.payload.len() as u64,
        }
    }

    /// Its partition key, hash key and data, made.
    pub(super) fn parts(&self) -> (Rc<str>, u128, Payload) {
        match self {
            Held::Tick { tick, k, key } => {
                let record = TickRecord { tick: Rc::clone(tick), k: *k, key: *key };
                let (key, hash) = record.keyed();
                (key, hash, record.payload())
            }
            Held::Whole(w) => (w.key.clone(), w.hash, w.payload.clone()),
        }
    }

    /// Its data as a copy of it (Firehose's) keeps it: a tick's record as the tick and its
    /// place, so that an object can keep a run of them as one.
    pub(super) fn record_data(&self) -> RecordData {
        match self {
            Held::Tick { tick, k, key } => {
                let key = tick.keys().key_at(*key, tick.first_number() + *k as u64).0;
                RecordData::Ticked { tick: Rc::clone(tick), k: *k, key }
            }
            Held::Whole(w) => RecordData::of(&w.payload, &w.key),
        }
    }

    pub(super) fn user_records(&self) -> u32 {
        match self {
            Held::Tick { .. } => 1,
            Held::Whole(w) => w.user_records,
        }
    }
}

/// The ticks and whole records a producer's waiting records refer to.
#[derive(Clone, Debug, Default)]
pub(super) struct Holds {
    /// Ticks some waiting record belongs to, oldest first, each with how many wait: tick
    /// number `first_tick + i` (wrapping below `WHOLE`) at i. A tick goes when none waits
    /// and no older one is left.
    ticks: VecDeque<(Rc<GeneratedTick>, u32)>,
    first_tick: u32,
    /// Whole records waiting, by slot; a freed slot is taken again.
    wholes: Vec<Option<Box<WholeRecord>>>,
    free: Vec<u32>,
}

impl Holds {
    /// Holds record `k` of `tick`, its key at `key`, refused after `attempts` retries.
    pub(super) fn hold_tick_record(&mut self, tick: &Rc<GeneratedTick>, k: u32, key: u32, attempts: u32) -> Waiting {
        // A tick's refused records are held one after another: it is the newest hold.
        match self.ticks.back_mut() {
            Some((newest, waiting)) if Rc::ptr_eq(newest, tick) => *waiting += 1,
            _ => self.ticks.push_back((tick.clone(), 1)),
        }
        let number = self.first_tick.wrapping_add(self.ticks.len() as u32 - 1) & !WHOLE;
        Waiting::of(number, k, key, attempts)
    }

    /// Holds a whole record, refused after `attempts` retries (or about to be sent: 0).
    pub(super) fn hold_whole(&mut self, whole: WholeRecord, attempts: u32) -> Waiting {
        let whole = Box::new(whole);
        let slot = match self.free.pop() {
            Some(slot) => {
                self.wholes[slot as usize] = Some(whole);
                slot
            }
            None => {
                self.wholes.push(Some(whole));
                self.wholes.len() as u32 - 1
            }
        };
        Waiting::of(slot | WHOLE, 0, 0, attempts)
    }

    fn tick_index(&self, hold: u32) -> usize {
        (hold.wrapping_sub(self.first_tick) & !WHOLE) as usize
    }

    /// What `w` refers to.
    pub(super) fn get(&self, w: Waiting) -> Held<'_> {
        if w.hold & WHOLE != 0 {
            Held::Whole(self.wholes[(w.hold & !WHOLE) as usize].as_deref().expect("a waiting record's slot is held"))
        } else {
            Held::Tick { tick: &self.ticks[self.tick_index(w.hold)].0, k: w.k, key: w.key() }
        }
    }

    /// The user records `w` stands for, without a look at a tick's record (always one).
    pub(super) fn user_records(&self, w: Waiting) -> u32 {
        if w.hold & WHOLE == 0 {
            1
        } else {
            self.get(w).user_records()
        }
    }

    /// Whether some whole record is held.
    pub(super) fn holds_whole(&self) -> bool {
        self.wholes.len() > self.free.len()
    }

    /// When every waiting record is a tick's, and their ticks draw keys of one length from one
    /// table and have one data size: that table, and the size of each record. Then a waiting
    /// record's hash key and size need no look at its tick, a few million times a virtual
    /// second under a hot key.
    pub(super) fn one_key_table(&self) -> Option<(&KeyTable, u64)> {
        if self.holds_whole() {
            return None;
        }
        let (first, _) = self.ticks.front()?;
        let (keys, size) = (first.keys(), first.size());
        // No uniform length without a table: Sequential keys are made from each number.
        let key_len = keys.uniform_key_len()?;
        let one = self.ticks.iter().all(|(tick, _)| std::ptr::eq(tick.keys(), keys) && tick.size() == size);
        one.then_some((keys, (size as usize + key_len) as u64))
    }

    /// `w` waits no more: it was taken, or given up.
    pub(super) fn let_go(&mut self, w: Waiting) {
        if w.hold & WHOLE == 0 {
            self.let_go_of_tick(w.hold);
        } else {
            let slot = w.hold & !WHOLE;
            self.wholes[slot as usize] = None;
            self.free.push(slot);
        }
    }

    fn let_go_of_tick(&mut self, hold: u32) {
        let i = self.tick_index(hold);
        self.ticks[i].1 -= 1;
        if i == 0 && self.ticks[0].1 == 0 {
            self.let_go_of_oldest();
        }
    }

    /// Lets go of the oldest ticks while none of their records waits.
    fn let_go_of_oldest(&mut self) {
        while self.ticks.front().is_some_and(|(_, waiting)| *waiting == 0) {
            self.ticks.pop_front();
            self.first_tick = self.first_tick.wrapping_add(1) & !WHOLE;
        }
    }

    /// Ticks held, for tests: a tick is let go once none of its records waits.
    #[cfg(test)]
    pub(super) fn ticks_held(&self) -> usize {
        self.ticks.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::key_table::KeyTable;
    use crate::pipeline::payload::Template;
    use crate::pipeline::settings::KeyStrategy;
    use crate::rng::SimRng;
    use crate::time::SimTime;

    fn tick(first_record_id: u64) -> Rc<GeneratedTick> {
        let keys = Rc::new(KeyTable::new("p", KeyStrategy::Random, &mut SimRng::seed_from_u64(1)));
        tick_of(keys, 100, first_record_id)
    }

    fn tick_of(keys: Rc<KeyTable>, size: u32, first_record_id: u64) -> Rc<GeneratedTick> {
        let shape = (keys, Template::default(), size);
        Rc::new(GeneratedTick::alone(shape, SimTime(0), SimRng::seed_from_u64(2), first_record_id, first_record_id))
    }

    #[test]
    fn one_key_table_is_given_only_when_every_waiting_record_draws_from_it_at_one_size() {
        let keys = Rc::new(KeyTable::new("p", KeyStrategy::Random, &mut SimRng::seed_from_u64(1)));
        let other = Rc::new(KeyTable::new("p", KeyStrategy::Random, &mut SimRng::seed_from_u64(1)));
        let sequential = Rc::new(KeyTable::new("p", KeyStrategy::Sequential, &mut SimRng::seed_from_u64(1)));
        let one = |ticks: &[Rc<GeneratedTick>]| {
            let mut holds = Holds::default();
            let waiting: Vec<Waiting> = ticks.iter().map(|t| holds.hold_tick_record(t, 0, 5, 0)).collect();
            let found = holds.one_key_table().map(|(table, size)| (table as *const KeyTable, size));
            // What it gives is what each record's own tick says.
            if let Some((table, size)) = holds.one_key_table() {
                for &w in &waiting {
                    assert_eq!((table.hash_in_table(w.key()), size), (holds.get(w).hash(), holds.get(w).size()));
                }
            }
            found
        };
        let key_len = keys.uniform_key_len().expect("random keys are 16 hex digits") as u64;
        let a = tick_of(keys.clone(), 100, 0);
        let b = tick_of(keys.clone(), 100, 10);
        assert_eq!(one(&[a.clone(), b.clone()]), Some((&*keys as *const KeyTable, 100 + key_len)));
        // An equal table that is not the same, another size, keys made from each number.
        assert_eq!(one(&[a.clone(), tick_of(other, 100, 10)]), None);
        assert_eq!(one(&[a.clone(), tick_of(keys.clone(), 50, 10)]), None);
        assert_eq!(one(&[tick_of(sequential, 100, 0)]), None);
        // A whole record waiting: its own size and key.
        let mut holds = Holds::default();
        holds.hold_tick_record(&a, 0, 5, 0);
        let whole = WholeRecord {
            key: "k".into(),
            hash: 1,
            payload: Payload::Bytes(vec![0; 100]),
            user_records: 1,
            record_id: 9,
        };
        holds.hold_whole(whole, 0);
        assert!(holds.one_key_table().is_none());
    }

    #[test]
    fn a_waiting_record_refers_to_its_tick_until_let_go_and_keeps_its_retries() {
        let (a, b) = (tick(0), tick(100));
        let mut holds = Holds::default();
        let first = holds.hold_tick_record(&a, 3, 7, 0);
        let second = holds.hold_tick_record(&a, 5, 16_383, 2);
        let third = holds.hold_tick_record(&b, 1, 9, 0);
        assert_eq!(holds.ticks_held(), 2, "a tick is held once for all its refused records");
        assert_eq!((second.key(), second.attempts(), second.retried().attempts()), (16_383, 2, 3));
        match holds.get(second.retried()) {
            Held::Tick { tick, k, key } => assert!(Rc::ptr_eq(tick, &a) && (k, key) == (5, 16_383)),
            Held::Whole(_) => panic!("a tick's record"),
        }
        assert_eq!(holds.get(third).record_id(), 101);
        assert_eq!(holds.get(first).hash(), a.keys().hash_at(7, 3));
        // The newer tick stays while the older is held; the older goes with its last record.
        holds.let_go(third);
        assert_eq!(holds.ticks_held(), 2);
        holds.let_go(first);
        assert_eq!(holds.ticks_held(), 2);
        holds.let_go(second);
        assert_eq!(holds.ticks_held(), 0);
        // Numbers go on from where they were: a new tick is not taken for an old one.
        let again = holds.hold_tick_record(&b, 2, 4, 1);
        assert_eq!(holds.get(again).record_id(), 102);
    }

    #[test]
    fn a_whole_record_is_held_alone_and_its_slot_taken_again() {
        let mut holds = Holds::default();
        let whole = |record_id| WholeRecord {
            key: "k".into(),
            hash: 42,
            payload: Payload::Bytes(b"data".to_vec()),
            user_records: 3,
            record_id,
        };
        let first = holds.hold_whole(whole(1), 4);
        let second = holds.hold_whole(whole(2), 0);
        assert_eq!((holds.get(first).user_records(), holds.get(first).record_id(), first.attempts()), (3, 1, 4));
        assert_eq!(holds.get(first).parts(), ("k".into(), 42, Payload::Bytes(b"data".to_vec())));
        holds.let_go(first);
        let third = holds.hold_whole(whole(3), 0);
        assert_eq!(third.hold, first.hold, "the freed slot is taken again");
        assert_eq!((holds.get(second).record_id(), holds.get(third).record_id()), (2, 3));
    }
}
