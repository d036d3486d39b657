//! A Lambda function reading a stream through an event source mapping: it polls each shard
//! once a second (through the shared read limit), gathers records until BatchSize or the
//! batching window is reached, and invokes the function with the batch. BatchSize counts
//! Kinesis records: a KPL aggregate is one record of the event, and the function handles its
//! user records only if it de-aggregates them (`deaggregate`). Wired to a DynamoDB table, the
//! function writes each record it handles as an item (`lambda_items.rs`).

use super::lambda_items::{table_writable, RecordItem};
use super::lineage::Cursor;
use super::poller::{open_new_shards, ReaderStats};
use super::settings::LambdaSettings;
use crate::ctx::Ctx;
use crate::event::EventKind;
use crate::kinesis::error::ErrorType;
use crate::time::{SimDuration, SimTime};
use std::collections::BTreeMap;

/// The event source mapping polls each shard once a second.
use crate::kinesis::limits::LAMBDA_POLL_EVERY as POLL_EVERY;

/// Records gathered for one shard's next invocation.
#[derive(Clone, Debug, Default)]
struct Gathered {
    /// Kinesis records, which BatchSize counts.
    records: u64,
    /// The user records inside them.
    user_records: u64,
    latency_ms_sum: u64,
    since: Option<SimTime>,
    /// The batch's records, kept when the function writes them into a table.
    items: Vec<RecordItem>,
}

#[derive(Clone, Debug)]
pub struct LambdaConsumer {
    pub id: String,
    pub settings: LambdaSettings,
    pub stream: Option<String>,
    pub cursors: BTreeMap<u32, Cursor>,
    gathered: BTreeMap<u32, Gathered>,
    pub invocations: u64,
    /// Kinesis records its invocations were given (a KPL aggregate counts once).
    pub kinesis_records: u64,
    pub stats: ReaderStats,
    /// The DynamoDB table the function writes each record into, when wired to one.
    pub table: Option<String>,
    pub items_written: u64,
    /// Items DynamoDB refused, and the last reason.
    pub item_errors: u64,
    pub last_item_error: Option<String>,
}

impl LambdaConsumer {
    pub fn new(id: &str, settings: LambdaSettings, stream: Option<String>, table: Option<String>) -> Self {
        LambdaConsumer {
            id: id.to_string(),
            settings,
            stream,
            cursors: BTreeMap::new(),
            gathered: BTreeMap::new(),
            invocations: 0,
            kinesis_records: 0,
            stats: ReaderStats::default(),
            table,
            items_written: 0,
            item_errors: 0,
            last_item_error: None,
        }
    }

    pub fn tick(&mut self, services: &mut super::Services, ctx: &mut Ctx) -> SimTime {
        let now = ctx.now;
        let next = now + POLL_EVERY;
        let Some(stream) = self.stream.clone() else { return next };
        // A batch for a table that cannot take writes would fail and be retried: the mapping
        // waits, and the records stay in the stream.
        if self.table.as_deref().is_some_and(|t| !table_writable(services.stores, t)) {
            return next;
        }
        let kinesis = &mut *services.kinesis;
        if !open_new_shards(kinesis, &stream, &mut self.cursors, self.settings.start) {
            return next;
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
                    if polled.records > 0 {
                        if self.table.is_some() {
                            let deaggregate = self.settings.deaggregate;
                            gathered.items.extend(batch_records(kinesis, &stream, shard, &polled, deaggregate));
                        }
                        gathered.since.get_or_insert(now);
                        gathered.records += polled.records;
                        gathered.user_records += polled.user_records;
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
                // What the function handles: user records if it de-aggregates, else the
                // Kinesis records of its event.
                self.stats.processed += if self.settings.deaggregate { g.user_records } else { g.records };
                self.kinesis_records += g.records;
                // The invocation happens now: latency (of the data, per user record) runs to
                // this moment.
                let latency =
                    g.latency_ms_sum + g.since.map_or(0, |t| now.saturating_sub(t).as_millis() * g.user_records);
                self.stats.latency_ms_sum += latency;
                super::record_latency(ctx, &self.id, g.user_records, latency);
                ctx.log(&self.id, EventKind::LambdaInvoked { function: self.id.clone(), records: g.records });
                #[cfg(feature = "dynamodb")]
                if let Some(table) = &self.table {
                    let (written, errors) = super::lambda_items::write(services.stores, table, &g.items);
                    self.items_written += written;
                    self.item_errors += errors.len() as u64;
                    if let Some(last) = errors.last() {
                        self.last_item_error = Some(last.clone());
                    }
                }
            }
        }
        next
    }
}

impl LambdaConsumer {
    /// An invocation by an Analytics application with a batch of its result rows (the
    /// application's output, not a stream's event): counted as the function's, and written
    /// into its table when it is wired to one (numbered after the rows it had before).
    pub fn invoked_by_application(&mut self, services: &mut super::Services, ctx: &mut Ctx, rows: Vec<Vec<u8>>) {
        let n = rows.len() as u64;
        self.invocations += 1;
        self.stats.processed += n;
        ctx.log(&self.id, EventKind::LambdaInvoked { function: self.id.clone(), records: n });
        #[cfg(feature = "dynamodb")]
        if let Some(table) = &self.table {
            let first = self.kinesis_records + self.stats.processed - n;
            let items: Vec<RecordItem> = rows
                .into_iter()
                .enumerate()
                .map(|(i, data)| RecordItem {
                    sequence: (first + i as u64) as u128,
                    sub: None,
                    shard: 0,
                    partition_key: "".into(),
                    data,
                    arrival: ctx.now,
                })
                .collect();
            let (written, errors) = super::lambda_items::write(services.stores, table, &items);
            self.items_written += written;
            self.item_errors += errors.len() as u64;
            if let Some(last) = errors.last() {
                self.last_item_error = Some(last.clone());
            }
        }
        #[cfg(not(feature = "dynamodb"))]
        let _ = (services, rows);
    }
}

/// The records of a poll's batch (by their sequence numbers) as the function handles them:
/// the Kinesis records, or, de-aggregating, the user records inside each KPL aggregate
/// (numbered by their subsequence number).
pub(crate) fn batch_records(
    kinesis: &crate::kinesis::Kinesis,
    stream: &str,
    shard: u32,
    polled: &crate::kinesis::ops_read::Polled,
    deaggregate: bool,
) -> Vec<RecordItem> {
    let (Some(first), Some(last)) = (polled.first_sequence, polled.last_sequence) else { return Vec::new() };
    let Ok(s) = kinesis.stream(stream) else { return Vec::new() };
    let Some(sh) = s.shard(shard) else { return Vec::new() };
    let from = sh.position_of(first);
    sh.log
        .records(from, sh.position_of(last + 1).saturating_sub(from))
        .iter()
        .flat_map(|r| {
            let whole = |sub, partition_key, data| RecordItem {
                sequence: r.sequence_number,
                sub,
                shard,
                partition_key,
                data,
                arrival: r.arrival,
            };
            match r.data.user_records().filter(|_| deaggregate) {
                Some(users) => users
                    .into_iter()
                    .enumerate()
                    .map(|(i, (key, data))| whole(Some(i as u32), key, data))
                    .collect::<Vec<_>>(),
                None => vec![whole(None, r.partition_key.clone(), r.data.render(&r.partition_key))],
            }
        })
        .collect()
}
