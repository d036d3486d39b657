//! What happened, for the page's event log and for traces. The log is bounded: the UI drains
//! it by sequence number, and a long run keeps only the newest entries.

use crate::time::SimTime;
use serde::Serialize;
use std::collections::VecDeque;

/// How many events the log keeps.
pub const LOG_CAPACITY: usize = 10_000;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    /// The world was built from a scenario.
    ScenarioLoaded { name: String, seed: u64 },
    /// A data stream changed status (CREATING, ACTIVE, UPDATING, DELETING) or was deleted.
    StreamStatus { stream: String, status: String },
    /// A shard was split in two.
    ShardSplit { stream: String, parent: String, children: [String; 2] },
    /// Two adjacent shards were merged into one.
    ShardsMerged { stream: String, parents: [String; 2], child: String },
    /// Writes a shard refused in one virtual second (logged once per shard and second).
    WritesThrottled { stream: String, shard: String, count: u64 },
    /// GetRecords calls a shard refused in one virtual second.
    ReadsThrottled { stream: String, shard: String, count: u64 },
    /// Records that left a shard because the retention period passed.
    RecordsExpired { stream: String, shard: String, count: u64 },
    /// The retention period of a stream changed.
    RetentionChanged { stream: String, hours: u32 },
    /// A KCL worker stopped; its leases will move once they expire.
    WorkerDied { app: String, worker: String },
    /// A KCL worker took over a lease and restarts it from the last checkpoint.
    LeaseTaken { app: String, shard: String, worker: String },
    /// A KCL worker below its share of leases took one from a busier worker (lease stealing);
    /// it restarts the shard from the last checkpoint.
    LeaseStolen { app: String, shard: String, from: String, to: String },
    /// A Lambda function was invoked with a batch of records.
    LambdaInvoked { function: String, records: u64 },
    /// A Firehose buffer was delivered as one object, because of its size or its interval.
    Flushed { stream: String, object: String, records: u64, bytes: u64, reason: crate::firehose::stream::FlushReason },
    /// A Firehose transform ran on a batch: how many records came back Ok, Dropped, failed.
    Transformed { stream: String, ok: u64, dropped: u64, failed: u64, error: Option<String> },
    /// A Firehose delivery failed (the destination is unavailable); `gave_up` after 24 h.
    DeliveryFailed { stream: String, records: u64, gave_up: bool, error: String },
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    /// Position in the whole run, from 0; the UI asks for events after the last it saw.
    pub seq: u64,
    pub at: SimTime,
    /// The component the event belongs to (`""` for the world itself).
    pub source: String,
    #[serde(flatten)]
    pub kind: EventKind,
}

#[derive(Clone, Debug, Default)]
pub struct EventLog {
    entries: VecDeque<Event>,
    next_seq: u64,
}

impl EventLog {
    pub fn push(&mut self, at: SimTime, source: &str, kind: EventKind) {
        self.entries.push_back(Event { seq: self.next_seq, at, source: source.to_string(), kind });
        self.next_seq += 1;
        if self.entries.len() > LOG_CAPACITY {
            self.entries.pop_front();
        }
    }

    /// Events with `seq >= from` that are still kept, oldest first.
    pub fn since(&self, from: u64) -> impl Iterator<Item = &Event> {
        let first_kept = self.entries.front().map_or(self.next_seq, |e| e.seq);
        let skip = from.saturating_sub(first_kept) as usize;
        self.entries.iter().skip(skip)
    }

    /// Number of events ever logged (the `seq` the next one will get).
    pub fn total(&self) -> u64 {
        self.next_seq
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded(n: u64) -> EventKind {
        EventKind::ScenarioLoaded { name: format!("s{n}"), seed: n }
    }

    #[test]
    fn since_returns_only_newer_events() {
        let mut log = EventLog::default();
        for n in 0..5 {
            log.push(SimTime::from_millis(n), "", loaded(n));
        }
        let seqs: Vec<u64> = log.since(3).map(|e| e.seq).collect();
        assert_eq!(seqs, [3, 4]);
        assert_eq!(log.since(99).count(), 0);
    }

    #[test]
    fn the_log_keeps_only_the_newest_entries() {
        let mut log = EventLog::default();
        for n in 0..(LOG_CAPACITY as u64 + 3) {
            log.push(SimTime::ZERO, "", loaded(n));
        }
        assert_eq!(log.total(), LOG_CAPACITY as u64 + 3);
        assert_eq!(log.since(0).next().map(|e| e.seq), Some(3));
        assert_eq!(log.since(0).count(), LOG_CAPACITY);
    }
}
