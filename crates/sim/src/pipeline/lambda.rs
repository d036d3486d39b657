//! A Lambda function reading a stream through an event source mapping: it polls each shard
//! once a second (through the shared read limit), gathers records until BatchSize or the
//! batching window is reached, and invokes the function with the batch.

use super::lineage::{newly_readable, Cursor};
use super::poller::{initial_position, ReaderStats};
use super::settings::LambdaSettings;
use crate::ctx::Ctx;
use crate::event::EventKind;
use crate::kinesis::error::ErrorType;
use crate::kinesis::Kinesis;
use crate::time::{SimDuration, SimTime};
use std::collections::BTreeMap;

/// The event source mapping polls each shard once a second.
pub const POLL_EVERY: SimDuration = SimDuration::from_secs(1);

/// Records gathered for one shard's next invocation.
#[derive(Clone, Debug, Default)]
struct Gathered {
    records: u64,
    latency_ms_sum: u64,
    since: Option<SimTime>,
}

#[derive(Clone, Debug)]
pub struct LambdaConsumer {
    pub id: String,
    pub settings: LambdaSettings,
    pub stream: Option<String>,
    pub cursors: BTreeMap<u32, Cursor>,
    gathered: BTreeMap<u32, Gathered>,
    pub invocations: u64,
    pub stats: ReaderStats,
}

impl LambdaConsumer {
    pub fn new(id: &str, settings: LambdaSettings, stream: Option<String>) -> Self {
        LambdaConsumer {
            id: id.to_string(),
            settings,
            stream,
            cursors: BTreeMap::new(),
            gathered: BTreeMap::new(),
            invocations: 0,
            stats: ReaderStats::default(),
        }
    }

    pub fn tick(&mut self, kinesis: &mut Kinesis, ctx: &mut Ctx) -> SimTime {
        let now = ctx.now;
        let next = now + POLL_EVERY;
        let Some(stream) = self.stream.clone() else { return next };
        let Ok(s) = kinesis.stream(&stream) else { return next };
        let start = self.settings.start;
        for (shard, position) in newly_readable(s, &self.cursors, |p| initial_position(kinesis, &stream, p, start)) {
            self.cursors.insert(shard, Cursor { position, finished: false });
        }
        let batch_size = self.settings.batch_size as u64;
        let window = SimDuration::from_secs(self.settings.batch_window_s as u64);
        for (&shard, cursor) in self.cursors.iter_mut().filter(|(_, c)| !c.finished) {
            let gathered = self.gathered.entry(shard).or_default();
            let room = batch_size.saturating_sub(gathered.records).max(1);
            self.stats.get_records_calls += 1;
            match kinesis.poll(ctx, &stream, shard, cursor.position, room as usize) {
                Ok((polled, _)) => {
                    super::log_read(ctx, &stream, &self.id, shard, &polled);
                    cursor.position = polled.next_position;
                    cursor.finished = polled.at_end;
                    self.stats.millis_behind = polled.millis_behind;
                    if polled.user_records > 0 {
                        gathered.since.get_or_insert(now);
                        gathered.records += polled.user_records;
                        gathered.latency_ms_sum += polled.latency_ms_sum;
                    }
                }
                Err(e) if e.kind == ErrorType::ProvisionedThroughputExceededException => self.stats.throttled += 1,
                Err(_) => cursor.finished = true,
            }
            let full = gathered.records >= batch_size;
            let waited = gathered.since.is_some_and(|t| t + window <= now);
            if gathered.records > 0 && (full || waited || cursor.finished) {
                let g = std::mem::take(gathered);
                self.invocations += 1;
                self.stats.processed += g.records;
                // The invocation happens now: latency runs to this moment.
                let latency = g.latency_ms_sum + g.since.map_or(0, |t| now.saturating_sub(t).as_millis() * g.records);
                self.stats.latency_ms_sum += latency;
                super::record_latency(ctx, &self.id, g.records, latency);
                ctx.log(&self.id, EventKind::LambdaInvoked { function: self.id.clone(), records: g.records });
            }
        }
        next
    }
}
