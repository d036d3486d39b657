//! One shard: its hash key range and lineage, its records in sequence order, and the
//! per-second windows that enforce its write and read limits.

use super::hash_key::HashRange;
use super::limits::*;
use super::shard_log::ShardLog;
use crate::ctx::Ctx;
use crate::event::EventKind;
use crate::pipeline::generated_tick::{GeneratedTick, TickRecord};
use crate::pipeline::payload::Payload;
use crate::time::SimTime;
use std::rc::Rc;

/// A record stored in a shard.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredRecord {
    pub sequence_number: u128,
    pub arrival: SimTime,
    /// Shared with the producer's key table: a hot key is one allocation, not one per record.
    pub partition_key: Rc<str>,
    /// The hash key that placed it: the MD5 of its partition key, or its ExplicitHashKey.
    pub hash_key: u128,
    /// Whether `hash_key` came from an ExplicitHashKey.
    pub explicit: bool,
    pub data: Payload,
    /// The world-wide record id (for following one record through the pipeline).
    pub record_id: u64,
    /// User records inside (more than 1 when a KPL producer aggregated them).
    pub user_records: u32,
}

impl StoredRecord {
    /// What the record counts for against the limits: data plus partition key.
    pub fn size(&self) -> u64 {
        (self.data.len() + self.partition_key.len()) as u64
    }
}

/// Counters of the current virtual second, flushed into `Metrics` under CloudWatch's names.
#[derive(Clone, Debug, Default)]
pub struct SecondCounters {
    pub second: u64,
    pub incoming_bytes: u64,
    pub incoming_records: u64,
    pub write_throttled: u64,
    pub outgoing_bytes: u64,
    pub outgoing_records: u64,
    pub read_throttled: u64,
    pub get_records_calls: u64,
    /// The largest iterator age a read saw this second.
    pub iterator_age_ms: Option<u64>,
}

#[derive(Clone, Debug)]
pub struct Shard {
    /// Position in the stream's creation order: `shardId-%012d` of it.
    pub index: u32,
    pub range: HashRange,
    pub parent: Option<u32>,
    pub adjacent_parent: Option<u32>,
    /// The first sequence number this shard can hand out.
    pub starting_sequence: u128,
    /// Set when the shard is closed by a split or merge: the last sequence number it holds.
    pub ending_sequence: Option<u128>,
    /// Its records, as runs (see `shard_log`).
    pub log: ShardLog,
    next_sequence: u128,
    /// Write window: (second, bytes, records) accepted in that virtual second.
    write_window: (u64, u64, u64),
    /// This second's throttled writes and reads, logged when the second ends.
    pending_throttles: (u64, u64),
    /// Writes refused in the second of `write_window`.
    refused_in_window: u64,
    /// Read token bucket in byte-microseconds (bytes × 10⁶, so that refilling at 2 MiB/s is
    /// exact at any instant; may go negative after a large answer) and when it was last filled.
    read_tokens: i128,
    read_filled_at: SimTime,
    /// GetRecords calls in the current second: (second, calls).
    read_calls: (u64, u64),
    pub counters: SecondCounters,
}

/// The read bucket full: one second of 2 MiB/s, in byte-microseconds.
const READ_BUCKET_FULL: i128 = SHARD_READ_BYTES_PER_SEC as i128 * 1_000_000;
const SEQUENCE_PREFIX: u128 = 49 * 10u128.pow(30);
const SEQUENCE_SHARD_STEP: u128 = 10u128.pow(20);
/// Sequence numbers a shard has for each microsecond: a record arriving at t is numbered at
/// least this many times t's microseconds past the shard's prefix (the shard log reads a
/// run's first number back from its arrival by the same rule).
pub const SEQUENCES_PER_MICROSECOND: u64 = 1_000;

pub fn shard_id(index: u32) -> String {
    format!("shardId-{index:012}")
}

impl Shard {
    pub fn new(index: u32, range: HashRange, created: SimTime) -> Shard {
        // Sequence numbers, 32 decimal digits: "49", the shard's index (so numbers of
        // different shards look unrelated, as in AWS), then the arrival time in microseconds
        // with room for 1,000 records per microsecond.
        let starting_sequence = SEQUENCE_PREFIX
            + index as u128 * SEQUENCE_SHARD_STEP
            + created.as_micros() as u128 * SEQUENCES_PER_MICROSECOND as u128;
        Shard {
            index,
            range,
            parent: None,
            adjacent_parent: None,
            starting_sequence,
            ending_sequence: None,
            log: ShardLog::new(range, starting_sequence, created),
            next_sequence: starting_sequence,
            write_window: (0, 0, 0),
            pending_throttles: (0, 0),
            refused_in_window: 0,
            read_tokens: READ_BUCKET_FULL,
            read_filled_at: created,
            read_calls: (0, 0),
            counters: SecondCounters::default(),
        }
    }

    pub fn id(&self) -> String {
        shard_id(self.index)
    }

    pub fn is_open(&self) -> bool {
        self.ending_sequence.is_none()
    }

    /// Whether a write of `bytes` fits in this second's limits; counts it if it does.
    pub fn admit_write(&mut self, now: SimTime, bytes: u64) -> bool {
        self.admit_writes(now, bytes, 1) == 1
    }

    /// `count` writes of `bytes` each in a row at `now`: how many the second's limits take
    /// (the first ones), counting them; the rest are refused, as `admit_write` would one by
    /// one.
    pub fn admit_writes(&mut self, now: SimTime, bytes: u64, count: u64) -> u64 {
        let second = now.second();
        if self.write_window.0 != second {
            self.write_window = (second, 0, 0);
            self.refused_in_window = 0;
        }
        let (_, used_bytes, used_records) = self.write_window;
        let by_records = SHARD_WRITE_RECORDS_PER_SEC.saturating_sub(used_records);
        let by_bytes = SHARD_WRITE_BYTES_PER_SEC.saturating_sub(used_bytes).checked_div(bytes).unwrap_or(u64::MAX);
        let taken = count.min(by_records).min(by_bytes);
        self.write_window.1 += taken * bytes;
        self.write_window.2 += taken;
        self.refused_in_window += count - taken;
        taken
    }

    /// Writes refused so far this second (a throttle).
    pub fn writes_refused(&self, now: SimTime) -> u64 {
        if self.write_window.0 == now.second() {
            self.refused_in_window
        } else {
            0
        }
    }

    /// What this second's writes have used so far: (bytes, records).
    pub fn write_usage(&self, now: SimTime) -> (u64, u64) {
        if self.write_window.0 == now.second() {
            (self.write_window.1, self.write_window.2)
        } else {
            (0, 0)
        }
    }

    /// The sequence number of a record arriving at `arrival`, taken.
    fn take_sequence(&mut self, arrival: SimTime) -> u128 {
        let floor = SEQUENCE_PREFIX
            + self.index as u128 * SEQUENCE_SHARD_STEP
            + arrival.as_micros() as u128 * SEQUENCES_PER_MICROSECOND as u128;
        let seq = self.next_sequence.max(floor);
        self.next_sequence = seq + 1;
        seq
    }

    /// Appends a record; returns its sequence number.
    pub fn append(&mut self, mut record: StoredRecord) -> u128 {
        let seq = self.take_sequence(record.arrival);
        record.sequence_number = seq;
        self.log.append_one(record);
        seq
    }

    /// Appends record k of a producer's tick, whose key is `key` with hash key `hash` (kept as
    /// part of a run, made again when read); returns its sequence number.
    pub fn append_generated(&mut self, tick: &Rc<GeneratedTick>, k: u32, key: &Rc<str>, hash: u128) -> u128 {
        let seq = self.take_sequence(tick.arrival());
        self.log.append_generated(tick, k, key, hash, seq);
        seq
    }

    /// Appends `count` records of a producer's tick: those of records `first_k..end_k` in this
    /// shard's hash key range. Returns the first one's sequence number.
    pub fn append_generated_run(&mut self, tick: &Rc<GeneratedTick>, ks: (u32, u32), count: u32) -> u128 {
        let first = self.take_sequence(tick.arrival());
        self.next_sequence = first + count as u128;
        self.log.append_run(tick, ks, count, first);
        first
    }

    /// Appends generated records taken together at `arrival` (retries), in their order.
    pub fn append_picks(&mut self, records: Vec<TickRecord>, arrival: SimTime) {
        let Some(count) = std::num::NonZeroUsize::new(records.len()) else { return };
        let first = self.take_sequence(arrival);
        self.next_sequence = first + count.get() as u128;
        self.log.append_picks(records, arrival, first);
    }

    /// Closes the shard (split or merge): no more writes; readers reach its end.
    pub fn close(&mut self) {
        self.ending_sequence = Some(self.next_sequence.saturating_sub(1).max(self.starting_sequence));
    }

    /// The sequence number the next record would get (for LATEST iterators).
    pub fn next_sequence(&self) -> u128 {
        self.next_sequence
    }

    /// Whether a GetRecords call may run now: at most 5 calls a second, and the shared read
    /// bucket (2 MiB/s, at most one second's worth saved) not in debt.
    pub fn admit_read_call(&mut self, now: SimTime) -> bool {
        self.refill_read(now);
        let second = now.second();
        if self.read_calls.0 != second {
            self.read_calls = (second, 0);
        }
        if self.read_calls.1 >= SHARD_READ_CALLS_PER_SEC || self.read_tokens < 0 {
            return false;
        }
        self.read_calls.1 += 1;
        true
    }

    /// Takes an answer of `bytes` from the read bucket. An answer the shard had saved up for
    /// is paid at once; a larger one (up to 10 MiB) is paid back in full at 2 MiB/s before
    /// the next call is admitted, whatever was saved: "if a call returns 10 MiB of data,
    /// subsequent calls made within the next 5 seconds throw
    /// ProvisionedThroughputExceededException" (GetRecords, API reference).
    pub fn charge_read(&mut self, bytes: u64) {
        let bytes = bytes as i128 * 1_000_000;
        if bytes <= self.read_tokens {
            self.read_tokens -= bytes;
        } else {
            self.read_tokens = self.read_tokens.min(0) - bytes;
        }
    }

    fn refill_read(&mut self, now: SimTime) {
        let elapsed = now.saturating_sub(self.read_filled_at).as_micros() as i128;
        self.read_tokens = (self.read_tokens + elapsed * SHARD_READ_BYTES_PER_SEC as i128).min(READ_BUCKET_FULL);
        self.read_filled_at = now.max(self.read_filled_at);
    }

    /// Index of the first record with a sequence number ≥ `seq`.
    pub fn position_of(&self, seq: u128) -> usize {
        self.log.position_of(seq)
    }

    /// Index of the first record that arrived at or after `t`.
    pub fn position_at_time(&self, t: SimTime) -> usize {
        self.log.position_at_time(t)
    }

    /// The sequence number a TRIM_HORIZON reader starts at: the oldest record's, or the
    /// next one's when the shard holds none.
    pub fn trim_horizon(&self) -> u128 {
        self.log.front_sequence().unwrap_or(self.next_sequence)
    }

    /// Starts counting a new second if `now` is in one, flushing the finished second and
    /// logging its throttles.
    pub fn roll_counters(&mut self, stream: &str, ctx: &mut Ctx) {
        if self.counters.second != ctx.now.second() {
            self.flush_counters(stream, ctx);
            self.log_throttles(stream, ctx);
            self.counters.second = ctx.now.second();
        }
    }

    /// Logs the finished second's throttles, once per shard and second (not once per
    /// record), stamped at the second's end. Only a finished second is logged: the world
    /// flushes metrics whenever it is advanced, and a page advances it frame by frame, so
    /// logging there would split a second's count at every frame.
    fn log_throttles(&mut self, stream: &str, ctx: &mut Ctx) {
        let (writes, reads) = std::mem::take(&mut self.pending_throttles);
        let at = SimTime::from_millis((self.counters.second + 1) * 1_000);
        if writes > 0 {
            ctx.log.push(
                at,
                stream,
                EventKind::WritesThrottled { stream: stream.into(), shard: self.id(), count: writes },
            );
        }
        if reads > 0 {
            ctx.log.push(
                at,
                stream,
                EventKind::ReadsThrottled { stream: stream.into(), shard: self.id(), count: reads },
            );
        }
    }

    /// Adds what was counted so far to the metrics (stream and shard dimensions); the
    /// throttles wait to be logged when their second ends.
    pub fn flush_counters(&mut self, stream: &str, ctx: &mut Ctx) {
        self.pending_throttles.0 += self.counters.write_throttled;
        self.pending_throttles.1 += self.counters.read_throttled;
        let metrics = &mut *ctx.metrics;
        let second = self.counters.second;
        let c = std::mem::replace(&mut self.counters, SecondCounters { second, ..Default::default() });
        let s = c.second;
        let stream_dim = crate::metrics::stream_dimension(stream);
        let shard_dim = crate::metrics::shard_dimension(stream, &self.id());
        let pairs = [
            ("IncomingBytes", c.incoming_bytes),
            ("IncomingRecords", c.incoming_records),
            ("WriteProvisionedThroughputExceeded", c.write_throttled),
            ("OutgoingBytes", c.outgoing_bytes),
            ("OutgoingRecords", c.outgoing_records),
            ("ReadProvisionedThroughputExceeded", c.read_throttled),
        ];
        for (name, value) in pairs {
            if value > 0 {
                metrics.add(&stream_dim, name, s, value as f64);
                metrics.add(&shard_dim, name, s, value as f64);
            }
        }
        if c.get_records_calls > 0 {
            metrics.add(&stream_dim, "GetRecords.Success", s, c.get_records_calls as f64);
        }
        if let Some(age) = c.iterator_age_ms {
            metrics.set_max(&stream_dim, "GetRecords.IteratorAgeMilliseconds", s, age as f64);
            metrics.set_max(&shard_dim, "IteratorAgeMilliseconds", s, age as f64);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinesis::hash_key::even_split;

    fn record(at_ms: u64, bytes: usize) -> StoredRecord {
        StoredRecord {
            sequence_number: 0,
            arrival: SimTime::from_millis(at_ms),
            partition_key: "k".into(),
            hash_key: 0,
            explicit: false,
            data: Payload::Bytes(vec![0; bytes]),
            record_id: 0,
            user_records: 1,
        }
    }

    #[test]
    fn a_shard_takes_1000_records_or_1_mib_a_second() {
        let mut s = Shard::new(0, even_split(1)[0], SimTime::ZERO);
        let t = SimTime::from_millis(10);
        assert!((0..1_000).all(|_| s.admit_write(t, 10)));
        assert!(!s.admit_write(t, 10), "the 1,001st record in a second is throttled");
        assert!(s.admit_write(SimTime::from_millis(1_000), 10), "a new second, a new allowance");

        let mut s = Shard::new(0, even_split(1)[0], SimTime::ZERO);
        assert!(s.admit_write(t, MIB - 100));
        assert!(!s.admit_write(t, 101), "past 1 MiB in a second is throttled");
        assert!(s.admit_write(t, 100));
    }

    #[test]
    fn sequence_numbers_strictly_increase() {
        let mut s = Shard::new(3, even_split(4)[3], SimTime::ZERO);
        let a = s.append(record(5, 1));
        let b = s.append(record(5, 1));
        let c = s.append(record(2_000, 1));
        assert!(a < b && b < c);
        assert!(a >= s.starting_sequence);
    }

    #[test]
    fn reads_are_limited_to_five_calls_a_second_and_pay_back_large_answers() {
        let mut s = Shard::new(0, even_split(1)[0], SimTime::ZERO);
        let t = SimTime::from_millis(1_500);
        assert!((0..5).all(|_| s.admit_read_call(t)));
        assert!(!s.admit_read_call(t), "a sixth call in one second is throttled");

        let mut s = Shard::new(0, even_split(1)[0], SimTime::ZERO);
        assert!(s.admit_read_call(SimTime::from_millis(10)));
        s.charge_read(10 * MIB);
        assert!(
            !s.admit_read_call(SimTime::from_millis(4_500)),
            "4.5 s after a 10 MiB answer the shard is still paying it back"
        );
        assert!(!s.admit_read_call(SimTime::from_millis(5_009)));
        assert!(s.admit_read_call(SimTime::from_millis(5_010)), "5 s after it, calls are taken again");

        // An answer the shard had saved up for costs no wait.
        let mut s = Shard::new(0, even_split(1)[0], SimTime::ZERO);
        assert!(s.admit_read_call(SimTime::from_millis(10)));
        s.charge_read(MIB);
        assert!(s.admit_read_call(SimTime::from_millis(20)));
    }
}
