//! An Analytics application on the canvas. It reads its source data stream as the Flink
//! Kinesis connector does — GetRecords on each shard every 200 ms, through the shard's shared
//! read limit, KPL aggregates de-aggregated — turns each record's JSON into a row, runs its
//! query, and sends each result row as a JSON record to its outputs (`sink.rs`).
//!
//! Each record's arrival time is its `METADATA FROM 'timestamp'` column (Flink SQL) and the
//! time it is read is its ROWTIME (legacy). A record that is not a JSON object is counted and
//! skipped, as the connector's `json.ignore-parse-errors` would. A query that cannot run
//! leaves the application stopped with its error: it reads nothing, and the rest of the
//! pipeline runs on. In the legacy dialect without a schema, the application discovers one
//! from the first records it reads (`schema.rs`) and runs on it.

use super::ast::Column;
use super::engine::{Query, Row};
use super::error::SqlError;
use super::limits::{GET_RECORDS_MAX, POLL_EVERY};
use super::results::Results;
use super::schema;
use super::sink::{Output, Target};
use crate::ctx::Ctx;
use crate::kinesis::error::ErrorType;
use crate::pipeline::analytics_settings::{AnalyticsSettings, Dialect};
use crate::pipeline::lineage::Cursor;
use crate::pipeline::poller::{open_new_shards, ReaderStats};
use crate::pipeline::Services;
use crate::rng::SimRng;
use crate::time::SimTime;
use std::collections::BTreeMap;

/// Result rows waiting for an output that refused them (throttled, not yet ACTIVE) before the
/// application stops reading its source: backpressure, as Flink applies it — rows wait, none
/// are dropped.
pub const BACKPRESSURE_ROWS: usize = 10_000;

/// What an application reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A data stream, by name: its shards, as the Flink Kinesis connector reads them.
    Stream(String),
    /// A Firehose delivery stream, by name: the records it takes in from when the
    /// application starts reading (the legacy dialect's Firehose source).
    Firehose(String),
}

/// Where the application is.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Its query runs on what it reads.
    Running,
    /// Nothing wired into it yet.
    NoSource,
    /// Legacy, no schema given: waiting for the first records to discover one.
    Discovering,
    /// Its SQL cannot run: the error, with its place.
    Stopped(SqlError),
}

/// The query `settings` run, or the error it stops with. A legacy application without a
/// schema runs on `discovered` (what it found in its first records). The editor asks this as
/// the learner types, so the error shows before the application stops with it.
pub fn compile(settings: &AnalyticsSettings, discovered: &[Column]) -> Result<Query, SqlError> {
    match settings.dialect {
        Dialect::Flink => Query::compile(&settings.sql),
        Dialect::Legacy => legacy_columns(settings, discovered).and_then(|c| Query::compile_legacy(&settings.sql, &c)),
    }
}

/// The legacy source stream's columns: the settings' schema, or the discovered one.
fn legacy_columns(settings: &AnalyticsSettings, discovered: &[Column]) -> Result<Vec<Column>, SqlError> {
    if settings.schema.is_empty() {
        return Ok(discovered.to_vec());
    }
    settings
        .schema
        .iter()
        .map(|c| {
            schema::parse_type(&c.sql_type).map(|ty| Column::new(c.name.trim(), ty)).map_err(|e| {
                SqlError::at(1, 1, format!("the schema's column {} has a type the lab does not read: {e}", c.name))
            })
        })
        .collect()
}

#[derive(Clone, Debug)]
pub struct Application {
    pub id: String,
    pub settings: AnalyticsSettings,
    /// The data stream or delivery stream it reads.
    pub source: Option<Source>,
    pub outputs: Vec<Output>,
    cursors: BTreeMap<u32, Cursor>,
    pub status: Status,
    query: Option<Query>,
    /// The schema of the first records it read (a legacy application without a schema runs
    /// on it).
    pub discovered: Vec<Column>,
    pub results: Results,
    pub stats: ReaderStats,
    /// Records that were not a JSON object, skipped.
    pub unreadable: u64,
    /// Batches for the Lambda functions it is wired to, for the world to invoke them with.
    pending_invocations: Vec<(String, Vec<Vec<u8>>)>,
    rng: SimRng,
}

impl Application {
    pub fn new(
        id: &str,
        settings: AnalyticsSettings,
        source: Option<Source>,
        outputs: Vec<Target>,
        rng: SimRng,
    ) -> Self {
        let mut app = Application {
            id: id.to_string(),
            settings,
            source,
            outputs: outputs.into_iter().map(Output::new).collect(),
            cursors: BTreeMap::new(),
            status: Status::NoSource,
            query: None,
            discovered: Vec::new(),
            results: Results::default(),
            stats: ReaderStats::default(),
            unreadable: 0,
            pending_invocations: Vec::new(),
            rng,
        };
        app.start();
        app
    }

    /// Takes new settings and wires. Changed SQL (or dialect, or schema) restarts the query,
    /// as UpdateApplication does: open windows are dropped, reading goes on where it was.
    pub fn reconfigure(&mut self, settings: AnalyticsSettings, source: Option<Source>, outputs: Vec<Target>) {
        let restart = settings.sql != self.settings.sql
            || settings.dialect != self.settings.dialect
            || settings.schema != self.settings.schema
            || source != self.source;
        if source != self.source {
            self.cursors.clear();
        }
        self.settings = settings;
        self.source = source;
        let mut kept: Vec<Output> = std::mem::take(&mut self.outputs);
        self.outputs = outputs
            .into_iter()
            .map(|t| match kept.iter().position(|o| o.target == t) {
                Some(i) => kept.swap_remove(i),
                None => Output::new(t),
            })
            .collect();
        if restart {
            self.results.clear();
            self.start();
        }
    }

    /// Compiles the query (or waits for records to discover the schema).
    fn start(&mut self) {
        self.query = None;
        if self.source.is_none() {
            self.status = Status::NoSource;
            return;
        }
        if self.settings.dialect == Dialect::Legacy && self.settings.schema.is_empty() && self.discovered.is_empty() {
            self.status = Status::Discovering;
            return;
        }
        match compile(&self.settings, &self.discovered) {
            Ok(q) => {
                self.query = Some(q);
                self.status = Status::Running;
            }
            Err(e) => self.status = Status::Stopped(e),
        }
    }

    /// The query running, if one is.
    pub fn query(&self) -> Option<&Query> {
        self.query.as_ref()
    }

    /// Result rows waiting for an output that has not taken them.
    pub fn waiting_rows(&self) -> usize {
        self.outputs.iter().map(Output::waiting).max().unwrap_or(0)
    }

    /// The batches for Lambda functions since the last call: (function's component id, rows).
    pub fn take_invocations(&mut self) -> Vec<(String, Vec<Vec<u8>>)> {
        std::mem::take(&mut self.pending_invocations)
    }

    pub fn tick(&mut self, services: &mut Services, ctx: &mut Ctx) -> SimTime {
        let next = ctx.now + POLL_EVERY;
        self.send(services, ctx);
        let Some(source) = self.source.clone() else { return next };
        if matches!(self.status, Status::Stopped(_) | Status::NoSource) {
            // A delivery stream keeps nothing for a reader that does not run.
            if let Source::Firehose(name) = &source {
                services.firehose.read_for_application(name, &self.id);
            }
            return next;
        }
        if self.waiting_rows() >= BACKPRESSURE_ROWS {
            return next;
        }
        let records = match &source {
            Source::Stream(stream) => self.read_shards(stream, services, ctx),
            Source::Firehose(name) => {
                let taken = services.firehose.read_for_application(name, &self.id);
                self.stats.processed += taken.len() as u64;
                self.objects_of(taken.iter().map(|(data, arrival)| (data.as_slice(), *arrival)), ctx)
            }
        };
        // The schema of the first records read, whatever the dialect: the inspector offers it
        // to start from, and a legacy application without a schema runs on it.
        if self.discovered.is_empty() && !records.is_empty() {
            self.discovered = schema::discover(records.iter().map(|(v, _)| v));
            if self.status == Status::Discovering {
                self.start();
            }
        }
        let read_at = (ctx.epoch_ms + ctx.now.as_millis()) as i64;
        let legacy = self.settings.dialect == Dialect::Legacy;
        let mut rows: Vec<Row> = Vec::new();
        if let Some(query) = self.query.as_mut() {
            for (object, arrival) in &records {
                // ROWTIME is when the row enters the application; Flink's metadata column is
                // when the record entered the stream.
                rows.extend(query.push_arriving(object, if legacy { read_at } else { *arrival }));
            }
        }
        self.emit(rows);
        self.send(services, ctx);
        next
    }

    /// Reads each shard of `stream` once (GetRecords through the shard's read limit): its
    /// records' JSON objects with their arrival times (epoch ms).
    fn read_shards(&mut self, stream: &str, services: &mut Services, ctx: &mut Ctx) -> Vec<(serde_json::Value, i64)> {
        if !open_new_shards(services.kinesis, stream, &mut self.cursors, self.settings.start) {
            return Vec::new();
        }
        let mut records = Vec::new();
        let shards: Vec<u32> = self.cursors.iter().filter(|(_, c)| !c.finished).map(|(s, _)| *s).collect();
        for shard in shards {
            let cursor = self.cursors.get_mut(&shard).expect("listed above");
            self.stats.get_records_calls += 1;
            match services.kinesis.poll(ctx, stream, shard, cursor.position, GET_RECORDS_MAX) {
                Ok((polled, _)) => {
                    crate::pipeline::log_read(ctx, stream, &self.id, shard, &polled);
                    cursor.position = polled.next_position;
                    cursor.finished = polled.at_end;
                    self.stats.millis_behind = polled.millis_behind;
                    self.stats.processed += polled.user_records;
                    self.stats.latency_ms_sum += polled.latency_ms_sum;
                    let batch = crate::pipeline::lambda::batch_records(services.kinesis, stream, shard, &polled, true);
                    let objects = self.objects_of(batch.iter().map(|r| (r.data.as_slice(), r.arrival)), ctx);
                    records.extend(objects);
                }
                Err(e) if e.kind == ErrorType::ProvisionedThroughputExceededException => self.stats.throttled += 1,
                Err(_) => cursor.finished = true,
            }
        }
        records
    }

    /// Records' data as JSON objects with their arrival times (epoch ms); what is not a JSON
    /// object is counted and skipped.
    fn objects_of<'a>(
        &mut self,
        records: impl Iterator<Item = (&'a [u8], SimTime)>,
        ctx: &Ctx,
    ) -> Vec<(serde_json::Value, i64)> {
        let mut objects = Vec::new();
        for (data, arrival) in records {
            match serde_json::from_slice::<serde_json::Value>(data) {
                Ok(v) if v.is_object() => objects.push((v, (ctx.epoch_ms + arrival.as_millis()) as i64)),
                _ => self.unreadable += 1,
            }
        }
        objects
    }

    /// Keeps the rows for the inspector and queues each, as JSON, for every output.
    fn emit(&mut self, rows: Vec<Row>) {
        for row in rows {
            let object: serde_json::Map<String, serde_json::Value> =
                row.iter().map(|(k, v)| (k.clone(), v.to_json())).collect();
            let record = serde_json::Value::Object(object).to_string().into_bytes();
            for output in &mut self.outputs {
                output.enqueue(record.clone());
            }
            self.results.push(row);
        }
    }

    fn send(&mut self, services: &mut Services, ctx: &mut Ctx) {
        for output in &mut self.outputs {
            let batches = output.send(&self.id, services, ctx, &mut self.rng);
            if let Target::Function(f) = &output.target {
                self.pending_invocations.extend(batches.into_iter().map(|b| (f.clone(), b)));
            }
        }
    }
}
