//! A shard's records, kept as runs. A run is what one producer tick put into the shard in a
//! row: a reference to the tick (`GeneratedTick`, shared by the shards it wrote to) and the
//! range of the tick's records that fall in this shard's hash key range. Generated records
//! the shard took on a retry are kept together, each as its tick and place in it, in a
//! dozen bits or so (`shard_picks`). A record an API caller sent and a KPL aggregate are
//! kept whole. A record is made again only when something reads it (GetRecords and SubScribeToShard answers, Firehose, Lambda,
//! the inspector, a trace); counts, sizes, arrival times and sequence numbers come from the
//! runs without making any. So a day of a busy stream costs memory per tick, not per record.
//!
//! Positions are indices from the oldest record held, as with a queue of records; sequence
//! numbers within an entry are consecutive (a run is cut whenever they would not be). A run's
//! entry is 24 bytes: it keeps no count (its records reach to where the next entry starts)
//! and no sequence number (its first is its arrival's, as `Shard` numbers records, plus the
//! few records the shard numbered at that instant before it).

use super::hash_key::HashRange;
use super::shard::{StoredRecord, SEQUENCES_PER_MICROSECOND};
use super::shard_picks::Picks;
use crate::chunked::ChunkedQueue;
use crate::pipeline::generated_tick::{GeneratedTick, TickRecord};
use crate::time::SimTime;
use std::cell::Cell;
#[cfg(test)]
use std::collections::VecDeque;
use std::rc::Rc;

#[derive(Clone, Debug)]
pub struct ShardLog {
    /// The shard's hash key range: which of a tick's records are this shard's.
    range: HashRange,
    /// The shard's first sequence number: entries keep theirs as an offset from it.
    base_sequence: u128,
    /// When the shard was created, in µs: a record arriving at t has a sequence number at
    /// least (t − created) × 1,000 past the first (`Shard`'s numbering).
    created_micros: u64,
    entries: ChunkedQueue<Entry>,
    /// Entries dropped from the front so far: the absolute number of `entries[0]`.
    popped: u64,
    /// The absolute numbers of the entries the last lookups found, the latest first: a reader
    /// reads on from where it stopped, so its next lookup is most often there or next to
    /// it, without a search. Several are kept because a shard has several readers (a
    /// consumer and a KCL application), and a read looks up where it starts and where it
    /// ends.
    hints: Cell<[u64; HINTS]>,
    /// Records dropped from the front so far (expired): the absolute index of position 0.
    front: u64,
    len: u64,
    user_records: u64,
    data_bytes: u64,
    /// A write was refused since the last append: the next generated record starts a new run,
    /// so that a run never spans a record of its tick that the shard did not take.
    sealed: bool,
    /// In tests, every record kept whole as well, as shards kept them before runs: the
    /// reference the runs are checked against (`shard_log_reference`).
    #[cfg(test)]
    pub(crate) reference: VecDeque<StoredRecord>,
    /// In tests, the lookups that searched the log (none of the hints was near).
    #[cfg(test)]
    searches: Cell<u64>,
}

/// What a read of a shard's records amounts to (`ShardLog::summarize`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ReadSummary {
    /// The first and last records' sequence numbers; None when nothing was read.
    pub sequences: Option<(u128, u128)>,
    /// When the last record read arrived.
    pub last_arrival: Option<SimTime>,
    /// When the record after the last one read arrived, if the shard holds one.
    pub next_arrival: Option<SimTime>,
    /// User records read (a KPL aggregate holds several).
    pub user_records: u64,
    /// The sum over the user records read of (now − arrival), in ms.
    pub age_sum_ms: u64,
}

/// What `ShardLog::for_each` hands each record to: the record and, for one of a
/// producer's tick, the tick and its place k in it; it returns whether to go on.
pub type Replayed<'a> = dyn FnMut(&StoredRecord, Option<(&Rc<GeneratedTick>, u32)>) -> bool + 'a;

/// The lookups remembered (`ShardLog::hints`): where each of two readers starts and ends.
const HINTS: usize = 4;
/// Bits of `Entry::at` that hold the absolute index of the entry's first record: a shard
/// holds less than 2^40 records (a thousand a second for 34 years).
const START_BITS: u32 = 40;
/// What a run's first sequence number may be past its arrival's floor, inline: the records
/// a shard numbers at one instant, a few thousand at most under its limits of a second.
const MAX_INLINE_EXCESS: u64 = (1 << (64 - START_BITS)) - 1;

#[derive(Clone, Debug)]
struct Entry {
    /// The absolute index of its first record (low `START_BITS` bits) and, for a run kept
    /// inline, how far its first sequence number is past its arrival's floor (the rest).
    at: u64,
    body: Body,
}

/// 16 bytes: a run inline (the common entry, one a tick), anything else boxed.
#[derive(Clone, Debug)]
enum Body {
    Run(Run),
    Kept(Box<Kept>),
}

/// An entry kept boxed, with its first sequence number.
#[derive(Clone, Debug)]
struct Kept {
    /// Its first record's sequence number minus the shard's first.
    sequence_offset: u64,
    held: Held,
}

#[derive(Clone, Debug)]
enum Held {
    One(Box<StoredRecord>),
    Picks(Picks),
    /// A run numbered too far past its arrival's floor to keep inline.
    Run(Run),
}

/// What an entry holds, however it is kept.
enum View<'a> {
    One(&'a StoredRecord),
    Picks(&'a Picks),
    Run(&'a Run),
}

/// Records k in `first_k..end_k` of `tick` whose hash key is in the shard's range.
#[derive(Clone, Debug)]
struct Run {
    tick: Rc<GeneratedTick>,
    first_k: u32,
    end_k: u32,
}

impl Entry {
    fn start(&self) -> u64 {
        self.at & ((1 << START_BITS) - 1)
    }

    fn view(&self) -> View<'_> {
        match &self.body {
            Body::Run(run) => View::Run(run),
            Body::Kept(kept) => match &kept.held {
                Held::One(r) => View::One(r),
                Held::Picks(p) => View::Picks(p),
                Held::Run(run) => View::Run(run),
            },
        }
    }

    fn arrival(&self) -> SimTime {
        match self.view() {
            View::Run(r) => r.tick.arrival(),
            View::One(r) => r.arrival,
            View::Picks(p) => p.arrival(),
        }
    }

    /// User records in its `count` records (a KPL aggregate holds several).
    fn user_records(&self, count: u64) -> u64 {
        match self.view() {
            View::One(r) => r.user_records as u64,
            View::Picks(_) | View::Run(_) => count,
        }
    }

    /// Bytes of data its `count` records hold (without partition keys).
    fn data_bytes(&self, count: u64) -> u64 {
        match self.view() {
            View::Run(r) => count * r.tick.size() as u64,
            View::One(r) => r.data.len() as u64,
            View::Picks(p) => p.data_bytes(),
        }
    }
}

impl ShardLog {
    /// The log of a shard created at `created`, whose first sequence number is
    /// `base_sequence`.
    pub fn new(range: HashRange, base_sequence: u128, created: SimTime) -> ShardLog {
        ShardLog {
            range,
            base_sequence,
            created_micros: created.as_micros(),
            entries: ChunkedQueue::default(),
            popped: 0,
            hints: Cell::new([0; HINTS]),
            front: 0,
            len: 0,
            user_records: 0,
            data_bytes: 0,
            sealed: false,
            #[cfg(test)]
            reference: VecDeque::new(),
            #[cfg(test)]
            searches: Cell::new(0),
        }
    }

    /// Records held.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// User records held (a KPL aggregate holds several).
    pub fn user_records(&self) -> u64 {
        self.user_records
    }

    /// Bytes of data held (without partition keys).
    pub fn data_bytes(&self) -> u64 {
        self.data_bytes
    }

    /// Records of entry `e`: up to where the next one starts.
    fn count_at(&self, e: usize) -> u64 {
        let end = self.entries.get(e + 1).map_or(self.front + self.len, Entry::start);
        end - self.entries[e].start()
    }

    /// The offset from the shard's first sequence number below which a record arriving at
    /// `arrival` is not numbered: 1,000 numbers a microsecond since the shard was created.
    fn floor_offset(&self, arrival: SimTime) -> u64 {
        arrival.as_micros().saturating_sub(self.created_micros) * SEQUENCES_PER_MICROSECOND
    }

    fn sequence_offset(&self, entry: &Entry) -> u64 {
        match &entry.body {
            Body::Run(run) => self.floor_offset(run.tick.arrival()) + (entry.at >> START_BITS),
            Body::Kept(kept) => kept.sequence_offset,
        }
    }

    fn sequence(&self, entry: &Entry) -> u128 {
        self.base_sequence + self.sequence_offset(entry) as u128
    }

    /// An entry for `run`, starting at the end of the log, numbered from `offset`: inline
    /// unless it is numbered too far past its arrival's floor.
    fn run_entry(&self, run: Run, offset: u64) -> Entry {
        let start = self.front + self.len;
        match offset.checked_sub(self.floor_offset(run.tick.arrival())) {
            Some(excess) if excess <= MAX_INLINE_EXCESS => {
                Entry { at: start | excess << START_BITS, body: Body::Run(run) }
            }
            _ => self.kept_entry(Held::Run(run), offset),
        }
    }

    /// An entry kept boxed, starting at the end of the log, numbered from `offset`.
    fn kept_entry(&self, held: Held, offset: u64) -> Entry {
        let at = self.front + self.len;
        Entry { at, body: Body::Kept(Box::new(Kept { sequence_offset: offset, held })) }
    }

    /// The entry holding the record with absolute index `absolute` (which the log holds),
    /// looked for first where the last lookup found one.
    fn entry_holding(&self, absolute: u64) -> usize {
        self.find_entry(&|e: &Entry| e.start() <= absolute)
    }

    /// The last entry for which `before` holds (it holds for a first run of entries, and for
    /// the first one), looked for first at and next to the last lookups' entries: a search
    /// through a day of entries misses the cache at each step.
    fn find_entry(&self, before: &dyn Fn(&Entry) -> bool) -> usize {
        let hints = self.hints.get();
        let is_last =
            |e: usize| self.entries.get(e).is_some_and(before) && !self.entries.get(e + 1).is_some_and(before);
        let hinted = hints.iter().enumerate().find_map(|(slot, &hint)| {
            // A hint at an entry that has expired since is no hint.
            let e = hint.checked_sub(self.popped)? as usize;
            [e, e + 1].into_iter().find(|&e| is_last(e)).map(|e| (Some(slot), e))
        });
        let (slot, e) = hinted.unwrap_or_else(|| {
            #[cfg(test)]
            self.searches.set(self.searches.get() + 1);
            (None, self.entries.partition_point(|e| before(e)).saturating_sub(1))
        });
        self.remember(e, slot);
        e
    }

    /// Makes entry `e` the latest hint, in place of the hint in `slot` (a reader read on
    /// from it), of the same hint, or of the oldest.
    fn remember(&self, e: usize, slot: Option<usize>) {
        let (mut hints, absolute) = (self.hints.get(), self.popped + e as u64);
        let slot = slot.or_else(|| hints.iter().position(|&h| h == absolute)).unwrap_or(HINTS - 1);
        hints.copy_within(0..slot, 1);
        hints[0] = absolute;
        self.hints.set(hints);
    }

    /// The entries holding positions `first..first + count`: each one's index, the place of
    /// its first position there in it, and how many of the positions it holds. Only the
    /// first is looked up: each entry's positions follow the last one's.
    fn spans(&self, first: usize, count: usize) -> impl Iterator<Item = (usize, u64, u64)> + '_ {
        let end = (first + count).min(self.len as usize);
        // An empty read looks nothing up (nor moves the hints).
        let mut next = if first < end { self.locate(first) } else { None };
        let mut i = first;
        std::iter::from_fn(move || {
            let (e, within) = next?;
            let n = (self.count_at(e) - within).min((end - i) as u64);
            i += n as usize;
            next = (i < end).then_some((e + 1, 0));
            Some((e, within, n))
        })
    }

    fn offset_of(&self, sequence_number: u128) -> u64 {
        u64::try_from(sequence_number - self.base_sequence).expect("a shard's sequence numbers span less than 2^64")
    }

    /// Keeps a record sent whole (its sequence number already given).
    pub fn append_one(&mut self, record: StoredRecord) {
        #[cfg(test)]
        self.reference.push_back(record.clone());
        let offset = self.offset_of(record.sequence_number);
        let entry = self.kept_entry(Held::One(Box::new(record)), offset);
        self.push(entry, 1);
    }

    /// Keeps record k of `tick`, whose partition key is `key` with hash key `hash`, under
    /// `sequence_number`: it extends the tick's run when it follows it directly. The key is
    /// not kept: the run draws it again.
    pub fn append_generated(
        &mut self,
        tick: &Rc<GeneratedTick>,
        k: u32,
        key: &Rc<str>,
        hash: u128,
        sequence_number: u128,
    ) {
        #[cfg(test)]
        self.reference.push_back(StoredRecord {
            sequence_number,
            arrival: tick.arrival(),
            partition_key: key.clone(),
            hash_key: hash,
            explicit: false,
            data: tick.payload(k),
            record_id: tick.record_id(k),
            user_records: 1,
        });
        let _ = (key, hash); // only the test reference keeps them
        let offset = self.offset_of(sequence_number);
        if !self.sealed {
            let end = self.front + self.len;
            let next_offset = self.entries.back().map(|last| self.sequence_offset(last) + (end - last.start()));
            if let Some(last) = self.entries.back_mut() {
                if let Body::Run(run) = &mut last.body {
                    if Rc::ptr_eq(&run.tick, tick) && next_offset == Some(offset) && k >= run.end_k {
                        run.end_k = k + 1;
                        self.len += 1;
                        self.user_records += 1;
                        self.data_bytes += tick.size() as u64;
                        return;
                    }
                }
            }
        }
        let run = Run { tick: tick.clone(), first_k: k, end_k: k + 1 };
        let entry = self.run_entry(run, offset);
        self.push(entry, 1);
    }

    /// Keeps `count` records of `tick` at once: those of records `first_k..end_k` in the
    /// shard's range, numbered from `first_sequence`. The caller adds them to the test
    /// reference (`keep_in_reference`).
    pub fn append_run(
        &mut self,
        tick: &Rc<GeneratedTick>,
        (first_k, end_k): (u32, u32),
        count: u32,
        first_sequence: u128,
    ) {
        let run = Run { tick: tick.clone(), first_k, end_k };
        let entry = self.run_entry(run, self.offset_of(first_sequence));
        self.push(entry, count as u64);
    }

    /// Keeps generated records taken together at `arrival`, numbered from `first_sequence`
    /// (a shard's retries of one tick).
    pub fn append_picks(&mut self, records: Vec<TickRecord>, arrival: SimTime, first_sequence: u128) {
        #[cfg(test)]
        for (i, r) in records.iter().enumerate() {
            self.reference.push_back(r.stored(first_sequence + i as u128, arrival));
        }
        let mut sequence = first_sequence;
        for picks in Picks::pack(&records, arrival) {
            let count = picks.len() as u64;
            let entry = self.kept_entry(Held::Picks(picks), self.offset_of(sequence));
            sequence += count as u128;
            self.push(entry, count);
        }
    }

    /// Test builds keep each record whole as well (the reference the runs are checked
    /// against); elsewhere this does nothing.
    pub fn keep_in_reference(&mut self, record: impl FnOnce() -> StoredRecord) {
        #[cfg(test)]
        self.reference.push_back(record());
        #[cfg(not(test))]
        let _ = record;
    }

    /// Keeps `entry`, of `count` records.
    fn push(&mut self, entry: Entry, count: u64) {
        self.len += count;
        self.user_records += entry.user_records(count);
        self.data_bytes += entry.data_bytes(count);
        self.entries.push_back(entry);
        self.sealed = false;
    }

    /// A write to the shard was refused: the current run ends here.
    pub fn seal(&mut self) {
        self.sealed = true;
    }

    /// Drops the oldest records while `expired` says their arrival is past retention;
    /// returns how many user records went. A run arrived at one instant, so it goes whole.
    pub fn expire(&mut self, expired: impl Fn(SimTime) -> bool) -> u64 {
        #[cfg(test)]
        while self.reference.front().is_some_and(|r| expired(r.arrival)) {
            self.reference.pop_front();
        }
        let mut gone = 0;
        while let Some(entry) = self.entries.front() {
            if !expired(entry.arrival()) {
                break;
            }
            let count = self.count_at(0);
            let Some(entry) = self.entries.pop_front() else { break };
            self.popped += 1;
            let users = entry.user_records(count);
            self.front += count;
            self.len -= count;
            self.user_records -= users;
            self.data_bytes -= entry.data_bytes(count);
            gone += users;
        }
        gone
    }

    /// The entry holding position `i`, and `i`'s place in it.
    fn locate(&self, i: usize) -> Option<(usize, u64)> {
        if i as u64 >= self.len {
            return None;
        }
        let absolute = self.front + i as u64;
        let e = self.entry_holding(absolute);
        Some((e, absolute - self.entries[e].start()))
    }

    /// The sequence number of the record at position `i`.
    pub fn sequence_at(&self, i: usize) -> Option<u128> {
        self.locate(i).map(|(e, within)| self.sequence(&self.entries[e]) + within as u128)
    }

    /// When the record at position `i` arrived.
    pub fn arrival_at(&self, i: usize) -> Option<SimTime> {
        self.locate(i).map(|(e, _)| self.entries[e].arrival())
    }

    /// The oldest record's sequence number.
    pub fn front_sequence(&self) -> Option<u128> {
        self.entries.front().map(|e| self.sequence(e))
    }

    /// The position of the first record with a sequence number ≥ `sequence_number`.
    pub fn position_of(&self, sequence_number: u128) -> usize {
        // The last entry that starts at or before it; past its end, the next entry's start.
        let at_or_before = |e: &Entry| self.sequence(e) <= sequence_number;
        if !self.entries.front().is_some_and(at_or_before) {
            return 0;
        }
        let e = self.find_entry(&at_or_before);
        let entry = &self.entries[e];
        let within = (sequence_number - self.sequence(entry)).min(self.count_at(e) as u128) as u64;
        (entry.start() + within - self.front) as usize
    }

    /// The position of the first record that arrived at or after `t`.
    pub fn position_at_time(&self, t: SimTime) -> usize {
        let e = self.entries.partition_point(|e| e.arrival() < t);
        self.entries.get(e).map_or(self.len, |entry| entry.start() - self.front) as usize
    }

    /// From position `first`, how many records (at most `limit`) and bytes (data plus
    /// partition key) a read takes under `max_bytes`: it stops before the record that would
    /// pass `max_bytes`, but always takes one if there is one.
    pub fn take(&self, first: usize, limit: usize, max_bytes: u64) -> (usize, u64) {
        let (mut count, mut bytes) = (0usize, 0u64);
        for (e, within, left) in self.spans(first, limit) {
            let (entry, left) = (&self.entries[e], left as usize);
            let before = count;
            let view = entry.view();
            let run_size = match view {
                View::Run(run) => run.tick.uniform_record_size(),
                View::One(_) | View::Picks(_) => None,
            };
            match (run_size, view) {
                (Some(size), _) => {
                    let mut n = left;
                    if count > 0 || bytes > 0 {
                        n = n.min((max_bytes.saturating_sub(bytes) / size.max(1)) as usize);
                    } else {
                        // The first record is taken whatever its size.
                        n = n.min(1 + (max_bytes.saturating_sub(size) / size.max(1)) as usize);
                    }
                    count += n;
                    bytes += n as u64 * size;
                }
                (None, View::Picks(p)) => {
                    for size in p.sizes_from(within as usize).take(left) {
                        if count > 0 && bytes + size > max_bytes {
                            break;
                        }
                        bytes += size;
                        count += 1;
                    }
                }
                _ => self.for_each(first + count, left, &mut |r, _| {
                    let size = r.size();
                    if count > 0 && bytes + size > max_bytes {
                        return false;
                    }
                    bytes += size;
                    count += 1;
                    true
                }),
            }
            if count - before < left {
                break;
            }
        }
        (count, bytes)
    }

    /// What the records at positions `first..first + count` amount to for a read, found in
    /// one walk over their entries: a consumer's read asks all of it, and each lookup in a
    /// day of entries may be a search. The entry the read ends in is remembered, for the
    /// reader's next read.
    pub fn summarize(&self, first: usize, count: usize, now: SimTime) -> ReadSummary {
        let mut read = ReadSummary::default();
        let mut end = None;
        for (e, within, n) in self.spans(first, count) {
            let entry = &self.entries[e];
            let each = match entry.view() {
                View::One(r) => r.user_records as u64,
                View::Picks(_) | View::Run(_) => 1,
            };
            read.user_records += n * each;
            read.age_sum_ms += n * each * now.saturating_sub(entry.arrival()).as_millis();
            let from = self.sequence(entry) + within as u128;
            read.sequences = Some((read.sequences.map_or(from, |(first, _)| first), from + n as u128 - 1));
            read.last_arrival = Some(entry.arrival());
            end = Some((e, within + n));
        }
        read.next_arrival = match end {
            None => self.arrival_at(first),
            Some((e, end)) => {
                // The reader's next read starts here, or in the entry after.
                self.remember(e, None);
                let next = if end < self.count_at(e) { e } else { e + 1 };
                self.entries.get(next).map(Entry::arrival)
            }
        };
        read
    }

    /// User records with sequence numbers in `from..to`.
    pub fn user_records_between(&self, from: u128, to: u128) -> u64 {
        let (first, end) = (self.position_of(from), self.position_of(to));
        self.summarize(first, end.saturating_sub(first), SimTime::ZERO).user_records
    }

    /// Makes the records at positions `first..first + count`, oldest first, and hands each
    /// to `f` until it returns false; with a record of a producer's tick, the tick and its
    /// place k in it, what a copy of the record (Firehose's) can keep instead of the record.
    /// `f` is a dynamic call: one copy of the replay serves every caller (the page's first
    /// load counts its bytes).
    pub fn for_each(&self, first: usize, count: usize, f: &mut Replayed) {
        for (e, within, n) in self.spans(first, count) {
            let entry = &self.entries[e];
            let go_on = match entry.view() {
                View::Run(run) => self.replay(run, self.sequence(entry), within, n, f),
                View::One(r) => f(r, None),
                View::Picks(p) => {
                    let first = self.sequence(entry) + within as u128;
                    p.for_each((within as usize, (within + n) as usize), first, &mut |r| f(r, None))
                }
            };
            if !go_on {
                return;
            }
        }
    }

    /// Makes records `within..within + n` of `run` again, as the producer made them.
    fn replay(&self, run: &Run, first_sequence: u128, within: u64, n: u64, f: &mut Replayed) -> bool {
        let tick = &run.tick;
        let mut j = 0u64;
        for (k, (partition_key, hash_key)) in tick.keys_from_start() {
            if k >= run.end_k || j >= within + n {
                break;
            }
            if k < run.first_k || !self.range.contains(hash_key) {
                continue;
            }
            if j >= within {
                let record = tick.stored(k, (partition_key, hash_key), first_sequence + j as u128, tick.arrival());
                if !f(&record, Some((tick, k))) {
                    return false;
                }
            }
            j += 1;
        }
        true
    }

    /// The records at positions `first..first + count`, made.
    pub fn records(&self, first: usize, count: usize) -> Vec<StoredRecord> {
        let mut out = Vec::with_capacity(count.min(self.len()));
        self.for_each(first, count, &mut |r, _| {
            out.push(r.clone());
            true
        });
        out
    }

    /// The record at position `i`, made.
    pub fn get(&self, i: usize) -> Option<StoredRecord> {
        self.records(i, 1).pop()
    }

    /// The record with this sequence number, if the shard still holds it.
    pub fn find(&self, sequence_number: u128) -> Option<StoredRecord> {
        let p = self.position_of(sequence_number);
        (self.sequence_at(p) == Some(sequence_number)).then(|| self.get(p)).flatten()
    }

    /// The sequence number of the record with world-wide id `record_id`, if the shard holds
    /// it (a dot on the canvas names its record by id). Newest first: a dot is recent.
    pub fn sequence_of_record(&self, record_id: u64) -> Option<u128> {
        for e in (0..self.entries.len()).rev() {
            let entry = &self.entries[e];
            let holds = match entry.view() {
                View::Run(run) => (run.tick.record_id(run.first_k)..run.tick.record_id(run.end_k)).contains(&record_id),
                View::One(r) => r.record_id == record_id,
                View::Picks(p) => p.holds_record(record_id),
            };
            if !holds {
                continue;
            }
            let first = (entry.start() - self.front) as usize;
            let mut found = None;
            self.for_each(first, self.count_at(e) as usize, &mut |r, _| {
                found = (r.record_id == record_id).then_some(r.sequence_number);
                found.is_none()
            });
            if found.is_some() {
                return found;
            }
        }
        None
    }

    /// The newest `n` records, newest first.
    pub fn newest(&self, n: usize) -> Vec<StoredRecord> {
        let first = self.len().saturating_sub(n);
        let mut out = self.records(first, self.len() - first);
        out.reverse();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_takes_at_most_three_words() {
        // A day of a busy stream is millions of entries: a field more is tens of megabytes.
        assert!(std::mem::size_of::<Entry>() <= 3 * std::mem::size_of::<u64>());
        assert!(std::mem::size_of::<Body>() <= 2 * std::mem::size_of::<u64>());
        // A boxed entry (most are a shard's retries) fills an allocation of 64 bytes.
        assert!(std::mem::size_of::<Kept>() <= 7 * std::mem::size_of::<u64>());
    }

    #[test]
    fn a_run_numbered_far_past_its_arrivals_floor_is_kept_boxed_with_its_number() {
        use crate::pipeline::key_table::KeyTable;
        use crate::pipeline::payload::Template;
        use crate::pipeline::settings::KeyStrategy;
        use crate::rng::SimRng;
        let keys = Rc::new(KeyTable::new("p", KeyStrategy::HotKey, &mut SimRng::seed_from_u64(1)));
        let shape = (keys, Template::Clickstream, 10);
        let tick = Rc::new(GeneratedTick::alone(shape, SimTime::from_millis(5), SimRng::seed_from_u64(2), 0, 1));
        let base = 7_000u128;
        let mut log = ShardLog::new(HashRange { start: 0, end: u128::MAX }, base, SimTime::from_millis(1));
        // The floor of an arrival 4 ms after the shard was created.
        let floor = base + 4_000 * 1_000;
        let far = floor + 3 + (1 << 30);
        log.append_run(&tick, (0, 3), 3, floor);
        log.append_run(&tick, (3, 5), 2, far);
        assert!(matches!(log.entries[0].body, Body::Run(_)));
        assert!(matches!(log.entries[1].body, Body::Kept(_)));
        let numbers: Vec<u128> = log.records(0, 5).iter().map(|r| r.sequence_number).collect();
        assert_eq!(numbers, vec![floor, floor + 1, floor + 2, far, far + 1]);
        assert_eq!(log.position_of(far + 1), 4);
        assert_eq!(log.position_of(floor + 3), 3, "a number in the gap leads to the next record");
        assert_eq!(log.position_of(floor + 1), 1);
        assert_eq!(log.position_of(floor - 1), 0);
        assert_eq!(log.position_of(far + 2), 5);
    }

    #[test]
    fn two_readers_reading_on_search_the_log_only_for_where_they_start() {
        use crate::pipeline::key_table::KeyTable;
        use crate::pipeline::payload::Template;
        use crate::pipeline::settings::KeyStrategy;
        use crate::rng::SimRng;
        let keys = Rc::new(KeyTable::new("p", KeyStrategy::Random, &mut SimRng::seed_from_u64(1)));
        let base = 1_000u128;
        let mut log = ShardLog::new(HashRange { start: 0, end: u128::MAX }, base, SimTime::ZERO);
        // 5,000 writes of 10 records, a millisecond apart: an entry each.
        for t in 0..5_000u64 {
            let shape = (keys.clone(), Template::Clickstream, 10);
            let tick =
                Rc::new(GeneratedTick::alone(shape, SimTime::from_millis(t), SimRng::seed_from_u64(t), 0, t * 10));
            log.append_run(&tick, (0, 10), 10, base + t as u128 * 1_000_000);
            for k in 0..10 {
                let sequence = base + t as u128 * 1_000_000 + k as u128;
                log.keep_in_reference(|| tick.stored(k, tick.key_of(k), sequence, tick.arrival()));
            }
        }
        assert_eq!(log.entries.len(), 5_000);
        let now = SimTime::from_millis(6_000);
        // One read as a consumer's GetRecords makes it (`ops_read::read_batch`): where it
        // starts, what it takes, and what that amounts to.
        let read = |from: u128| -> u128 {
            let first = log.position_of(from);
            let (count, _) = log.take(first, 25, u64::MAX);
            let read = log.summarize(first, count, now);
            let reference = &log.reference;
            assert!(reference[first].sequence_number >= from, "the read starts at or after {from}");
            assert!(first == 0 || reference[first - 1].sequence_number < from, "the read starts at {from}");
            let (first_sequence, last) = read.sequences.expect("records were read");
            assert_eq!(first_sequence, reference[first].sequence_number);
            assert_eq!(last, reference[first + count - 1].sequence_number);
            assert_eq!(read.last_arrival, Some(reference[first + count - 1].arrival));
            assert_eq!(read.next_arrival, reference.get(first + count).map(|r| r.arrival));
            let ages: u64 =
                reference.range(first..first + count).map(|r| now.saturating_sub(r.arrival).as_millis()).sum();
            assert_eq!((read.user_records, read.age_sum_ms), (count as u64, ages));
            last + 1
        };
        // Two readers, one at the oldest record, one half a day of entries on.
        let (mut a, mut b) = (base, log.reference[25_000].sequence_number);
        for _ in 0..400 {
            a = read(a);
            b = read(b);
        }
        assert_eq!(a, log.reference[400 * 25 - 1].sequence_number + 1, "the first reader read 400 × 25 records");
        let searches = log.searches.get();
        assert!(searches <= 2, "{searches} searches in 800 reads");
    }
}
