//! A polling consumer: an application calling GetRecords on every shard at an interval,
//! through the shard's shared read limits (5 calls/s, 2 MiB/s for all polling consumers).

use super::lineage::{newly_readable, Cursor};
use super::settings::{PollingConsumerSettings, StartPosition};
use crate::ctx::Ctx;
use crate::kinesis::error::ErrorType;
use crate::kinesis::Kinesis;
use crate::time::{SimDuration, SimTime};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ReaderStats {
    /// User records processed (a re-delivered record counts again).
    pub processed: u64,
    /// User records processed more than once (KCL failover).
    pub duplicates: u64,
    pub get_records_calls: u64,
    /// Calls refused by the shared read limit.
    pub throttled: u64,
    /// How far behind the tip the reader was at its last read, in ms.
    pub millis_behind: u64,
    /// Sum of (processing time − arrival) over processed records, in ms.
    pub latency_ms_sum: u64,
}

impl ReaderStats {
    pub fn average_latency_ms(&self) -> f64 {
        crate::metrics::mean(self.latency_ms_sum, self.processed)
    }
}

/// Where a reader starts in a shard that existed when it began.
pub fn initial_position(kinesis: &Kinesis, stream: &str, position: usize, start: StartPosition) -> u128 {
    let s = kinesis.stream(stream).expect("the reader's stream exists");
    let shard = &s.shards[position];
    match start {
        StartPosition::TrimHorizon => shard.trim_horizon(),
        StartPosition::Latest => shard.next_sequence(),
    }
}

/// What every reader of a stream does first (the polling, Lambda and EFO consumers): opens a
/// cursor on each shard it should start reading now — see `newly_readable` — at `start` for
/// a shard that existed when it began. False when the stream is gone.
pub fn open_new_shards(
    kinesis: &Kinesis,
    stream: &str,
    cursors: &mut BTreeMap<u32, Cursor>,
    start: StartPosition,
) -> bool {
    let Ok(s) = kinesis.stream(stream) else { return false };
    for (shard, position) in newly_readable(s, cursors, |p| initial_position(kinesis, stream, p, start)) {
        cursors.insert(shard, Cursor { position, finished: false });
    }
    true
}

#[derive(Clone, Debug)]
pub struct PollingConsumer {
    pub id: String,
    pub settings: PollingConsumerSettings,
    pub stream: Option<String>,
    pub cursors: BTreeMap<u32, Cursor>,
    pub stats: ReaderStats,
}

impl PollingConsumer {
    pub fn new(id: &str, settings: PollingConsumerSettings, stream: Option<String>) -> Self {
        PollingConsumer {
            id: id.to_string(),
            settings,
            stream,
            cursors: BTreeMap::new(),
            stats: ReaderStats::default(),
        }
    }

    pub fn tick(&mut self, kinesis: &mut Kinesis, ctx: &mut Ctx) -> SimTime {
        let next = ctx.now + SimDuration::from_millis(self.settings.poll_interval_ms);
        let Some(stream) = self.stream.clone() else { return next };
        if !open_new_shards(kinesis, &stream, &mut self.cursors, self.settings.start) {
            return next;
        }
        for (&shard, cursor) in self.cursors.iter_mut().filter(|(_, c)| !c.finished) {
            self.stats.get_records_calls += 1;
            match kinesis.poll(ctx, &stream, shard, cursor.position, self.settings.batch_limit as usize) {
                Ok((polled, _)) => {
                    super::log_read(ctx, &stream, &self.id, shard, &polled);
                    cursor.position = polled.next_position;
                    cursor.finished = polled.at_end;
                    self.stats.processed += polled.user_records;
                    self.stats.latency_ms_sum += polled.latency_ms_sum;
                    super::record_latency(ctx, &self.id, polled.user_records, polled.latency_ms_sum);
                    self.stats.millis_behind = polled.millis_behind;
                }
                Err(e) if e.kind == ErrorType::ProvisionedThroughputExceededException => self.stats.throttled += 1,
                // The shard expired away: nothing more to read there.
                Err(_) => cursor.finished = true,
            }
        }
        next
    }
}
