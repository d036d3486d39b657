//! Where an application's result rows go, one JSON record a row (Flink's `json` format:
//! the columns in SELECT order): PutRecords into a data stream (partition keys at random, the
//! Flink Kinesis sink's default partitioner), PutRecordBatch into a Firehose delivery stream,
//! or an invocation of a Lambda function with the batch. A write an output refuses (a
//! throttled record, a stream not ACTIVE) stays queued for the next tick: rows wait, none are
//! dropped, and past `BACKPRESSURE_ROWS` the application stops reading (`application.rs`).

use crate::ctx::Ctx;
use crate::flow::{Flow, Outcome};
use crate::kinesis::types::{PutRecordsEntry, PutRecordsInput, StreamRef};
use crate::pipeline::record_data::RecordData;
use crate::rng::SimRng;
use base64::Engine as _;
use std::collections::VecDeque;
use std::rc::Rc;

/// Rows a write carries at most: PutRecords takes 500 records, PutRecordBatch 500.
const OUTPUT_BATCH: usize =
    if crate::kinesis::limits::PUT_RECORDS_MAX_ENTRIES < crate::firehose::limits::BATCH_MAX_RECORDS {
        crate::kinesis::limits::PUT_RECORDS_MAX_ENTRIES
    } else {
        crate::firehose::limits::BATCH_MAX_RECORDS
    };

/// An output the application is wired to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A data stream, by stream name.
    Stream(String),
    /// A Firehose delivery stream, by name.
    Firehose(String),
    /// A Lambda function: the component's id (the world hands it the batches).
    Function(String),
}

impl Target {
    /// The stream's, delivery stream's or function's name.
    pub fn name(&self) -> &str {
        match self {
            Target::Stream(n) | Target::Firehose(n) | Target::Function(n) => n,
        }
    }
}

/// One output: its queue of rows not yet taken and its figures.
#[derive(Clone, Debug)]
pub struct Output {
    pub target: Target,
    queue: VecDeque<Vec<u8>>,
    /// Rows the output took.
    pub written: u64,
    /// Writes (or records of a write) the output refused, to be sent again.
    pub refused: u64,
    pub last_error: Option<String>,
}

impl Output {
    pub fn new(target: Target) -> Output {
        Output { target, queue: VecDeque::new(), written: 0, refused: 0, last_error: None }
    }

    pub fn waiting(&self) -> usize {
        self.queue.len()
    }

    pub fn enqueue(&mut self, record: Vec<u8>) {
        self.queue.push_back(record);
    }

    /// Sends what is queued, a batch at a time, until the output refuses or the queue is
    /// empty. A function's batches are returned for the world to invoke it with, one
    /// invocation each.
    pub fn send(
        &mut self,
        app: &str,
        services: &mut crate::pipeline::Services,
        ctx: &mut Ctx,
        rng: &mut SimRng,
    ) -> Vec<Vec<Vec<u8>>> {
        let mut for_function = Vec::new();
        while !self.queue.is_empty() {
            let n = self.queue.len().min(OUTPUT_BATCH);
            let taken = match &self.target.clone() {
                Target::Function(_) => {
                    for_function.push(self.queue.drain(..n).collect());
                    n
                }
                Target::Stream(name) => self.put_records(name, n, services, ctx, rng),
                Target::Firehose(name) => self.put_record_batch(name, n, services, ctx),
            };
            self.written += taken as u64;
            if taken > 0 {
                let to = self.target.name();
                ctx.flows.push(Flow {
                    seq: 0,
                    at: ctx.now,
                    from: Rc::from(app),
                    to: Rc::from(to),
                    shard: 0,
                    key_colour: 0x5A7D_C0DE,
                    record_id: 0,
                    outcome: Outcome::Accepted,
                    represents: taken as u64,
                });
            }
            if taken < n {
                break;
            }
        }
        for_function
    }

    /// PutRecords with the first `n` queued rows: how many the stream took (those leave the
    /// queue; a throttled record stays, in its place).
    fn put_records(
        &mut self,
        stream: &str,
        n: usize,
        services: &mut crate::pipeline::Services,
        ctx: &mut Ctx,
        rng: &mut SimRng,
    ) -> usize {
        let b64 = base64::engine::general_purpose::STANDARD;
        let records = self
            .queue
            .iter()
            .take(n)
            .map(|data| PutRecordsEntry {
                data: b64.encode(data),
                partition_key: format!("{:016x}", rng.next_u64()),
                explicit_hash_key: None,
            })
            .collect();
        let input =
            PutRecordsInput { stream: StreamRef { stream_name: Some(stream.to_string()), stream_arn: None }, records };
        match services.kinesis.put_records(ctx, input) {
            Ok(out) => {
                let mut kept = VecDeque::new();
                let mut taken = 0;
                for (result, data) in out.records.iter().zip(self.queue.drain(..n)) {
                    match &result.error_code {
                        None => taken += 1,
                        Some(code) => {
                            self.refused += 1;
                            self.last_error =
                                Some(format!("{code}: {}", result.error_message.clone().unwrap_or_default()));
                            kept.push_back(data);
                        }
                    }
                }
                // The refused rows go back to the front, in their order, to be sent first.
                while let Some(data) = kept.pop_back() {
                    self.queue.push_front(data);
                }
                taken
            }
            Err(e) => {
                self.refused += 1;
                self.last_error = Some(format!("{:?}: {}", e.kind, e.message));
                0
            }
        }
    }

    /// PutRecordBatch with the first `n` queued rows: all or none are taken.
    fn put_record_batch(
        &mut self,
        name: &str,
        n: usize,
        services: &mut crate::pipeline::Services,
        ctx: &mut Ctx,
    ) -> usize {
        let records: Vec<(RecordData, Option<u64>)> =
            self.queue.iter().take(n).map(|d| (RecordData::Bytes(d.clone()), None)).collect();
        match services.firehose.put_records(ctx, services.stores, name, records, None) {
            Ok(_) => {
                self.queue.drain(..n);
                n
            }
            Err(e) => {
                self.refused += 1;
                self.last_error = Some(format!("{:?}: {}", e.kind, e.message));
                0
            }
        }
    }
}
