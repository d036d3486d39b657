//! The Data Firehose service: delivery streams with Direct PUT, buffering to an S3
//! destination (GZIP for real), and the operations by name. What time does — flushing on the
//! interval, retrying an unavailable bucket for up to 24 h — happens in `tick`.

use super::limits::*;
use super::stream::{Buffered, Compression, DeliveryStream, FlushReason, S3Destination, TransformStage};
use crate::ctx::Ctx;
use crate::event::EventKind;
use crate::kinesis::api::parse;
use crate::kinesis::error::{ApiError, ApiResult, ErrorType};
use crate::ledger::Place;
use crate::rng::SimRng;
use crate::s3::{Object, S3};
use crate::time::SimDuration;
use base64::Engine;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::Write;

#[derive(Clone, Debug)]
pub struct Firehose {
    pub streams: BTreeMap<String, DeliveryStream>,
    rng: SimRng,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase")]
struct BufferingHints {
    #[serde(rename = "SizeInMBs")]
    size_in_mbs: Option<u64>,
    interval_in_seconds: Option<u64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ProcessorParameter {
    parameter_name: String,
    parameter_value: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Processor {
    #[serde(rename = "Type")]
    kind: String,
    #[serde(default)]
    parameters: Vec<ProcessorParameter>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ProcessingConfiguration {
    #[serde(default)]
    enabled: bool,
    #[serde(default)]
    processors: Vec<Processor>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct S3Config {
    #[serde(rename = "BucketARN")]
    bucket_arn: String,
    #[serde(rename = "RoleARN")]
    #[allow(dead_code)]
    role_arn: Option<String>,
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    error_output_prefix: String,
    #[serde(default)]
    buffering_hints: Option<BufferingHints>,
    compression_format: Option<Compression>,
    processing_configuration: Option<ProcessingConfiguration>,
}

/// The transform a ProcessingConfiguration names: a Lambda ARN whose function is one of the
/// lab's templates, with the transform buffer's hints.
fn transform_stage(config: Option<ProcessingConfiguration>) -> ApiResult<Option<TransformStage>> {
    let Some(config) = config.filter(|c| c.enabled) else { return Ok(None) };
    let Some(lambda) = config.processors.into_iter().find(|p| p.kind == "Lambda") else { return Ok(None) };
    let param =
        |name: &str| lambda.parameters.iter().find(|p| p.parameter_name == name).map(|p| p.parameter_value.clone());
    let arn =
        param("LambdaArn").ok_or_else(|| ApiError::invalid("The Lambda processor needs a LambdaArn parameter."))?;
    let function = arn.rsplit(':').next().unwrap_or_default();
    let code = super::transform::template(function).ok_or_else(|| {
        let names: Vec<&str> = super::transform::TEMPLATES.iter().map(|(n, _)| *n).collect();
        ApiError::invalid(format!(
            "Lambda function {function} does not exist. The lab's functions are: {}.",
            names.join(", ")
        ))
    })?;
    let size_mb = match param("BufferSizeInMBs") {
        Some(v) => v.parse::<f64>().map_err(|_| ApiError::invalid(format!("BufferSizeInMBs {v} is not a number.")))?,
        None => TRANSFORM_BUFFER_MB_DEFAULT,
    };
    if !(TRANSFORM_BUFFER_MB.0..=TRANSFORM_BUFFER_MB.1).contains(&size_mb) {
        return Err(ApiError::invalid(format!("BufferSizeInMBs {size_mb} is outside 0.2–3 for a Lambda processor.")));
    }
    let interval = match param("BufferIntervalInSeconds") {
        Some(v) => v
            .parse::<u64>()
            .map_err(|_| ApiError::invalid(format!("BufferIntervalInSeconds {v} is not a whole number.")))?,
        None => TRANSFORM_INTERVAL_S_DEFAULT,
    };
    if !(BUFFER_INTERVAL_S.0..=BUFFER_INTERVAL_S.1).contains(&interval) {
        return Err(ApiError::invalid(format!("BufferIntervalInSeconds {interval} is outside 0–900.")));
    }
    Ok(Some(TransformStage {
        function: super::transform::Transform::new(code),
        lambda_arn: arn,
        size_bytes: (size_mb * MIB as f64) as u64,
        interval: SimDuration::from_secs(interval),
        buffer: Vec::new(),
        buffered_bytes: 0,
        invocations: 0,
        failed_invocations: 0,
    }))
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CreateInput {
    delivery_stream_name: String,
    delivery_stream_type: Option<String>,
    #[serde(rename = "ExtendedS3DestinationConfiguration")]
    extended_s3: Option<S3Config>,
    #[serde(rename = "S3DestinationConfiguration")]
    s3: Option<S3Config>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct NameInput {
    delivery_stream_name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RecordInput {
    data: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PutInput {
    delivery_stream_name: String,
    record: RecordInput,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PutBatchInput {
    delivery_stream_name: String,
    records: Vec<RecordInput>,
}

fn not_found(name: &str) -> ApiError {
    ApiError::not_found(format!("Firehose {name} under account {} not found.", crate::kinesis::limits::ACCOUNT_ID))
}

fn decode(data: &str) -> ApiResult<Vec<u8>> {
    base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|_| ApiError::new(ErrorType::SerializationException, "Data must be base64-encoded."))
}

/// A record id as Firehose returns them: long and opaque.
fn record_id_text(id: u64, stream: &str) -> String {
    let mix = crate::kinesis::hash_key::hash_partition_key(&format!("{stream}/{id}"));
    format!("{:0>56}", format!("{mix:x}{id}"))
}

impl Firehose {
    pub fn new(rng: SimRng) -> Self {
        Firehose { streams: BTreeMap::new(), rng }
    }

    fn stream_mut(&mut self, name: &str) -> ApiResult<&mut DeliveryStream> {
        self.streams.get_mut(name).filter(|s| !s.deleting).ok_or_else(|| not_found(name))
    }

    fn create(&mut self, ctx: &mut Ctx, input: CreateInput) -> ApiResult<Value> {
        let name = input.delivery_stream_name;
        if name.is_empty()
            || name.chars().count() > NAME_MAX_CHARS
            || !name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        {
            return Err(ApiError::validation(
                &name,
                "deliveryStreamName",
                "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+ and have length between 1 and 64",
            ));
        }
        if self.streams.contains_key(&name) {
            return Err(ApiError::in_use(format!(
                "Firehose {name} under account {} already exists.",
                crate::kinesis::limits::ACCOUNT_ID
            )));
        }
        match input.delivery_stream_type.as_deref().unwrap_or("DirectPut") {
            "DirectPut" => {}
            "KinesisStreamAsSource" => {
                return Err(ApiError::invalid(
                    "KinesisStreamAsSource delivery streams are not modelled yet in ShardLab; use DirectPut.",
                ))
            }
            other => {
                return Err(ApiError::validation(
                    other,
                    "deliveryStreamType",
                    "Member must satisfy enum value set: [DirectPut, KinesisStreamAsSource]",
                ))
            }
        }
        let s3 = input.extended_s3.or(input.s3).ok_or_else(|| {
            ApiError::invalid("A destination configuration is required: ExtendedS3DestinationConfiguration.")
        })?;
        let bucket = s3.bucket_arn.strip_prefix("arn:aws:s3:::").ok_or_else(|| {
            ApiError::invalid(format!("BucketARN {} is not an S3 bucket ARN (arn:aws:s3:::NAME).", s3.bucket_arn))
        })?;
        let transform = transform_stage(s3.processing_configuration)?;
        let hints = s3.buffering_hints.unwrap_or_default();
        let size = hints.size_in_mbs.unwrap_or(S3_BUFFER_MIB_DEFAULT);
        let interval = hints.interval_in_seconds.unwrap_or(BUFFER_INTERVAL_S_DEFAULT);
        if !(S3_BUFFER_MIB.0..=S3_BUFFER_MIB.1).contains(&size) {
            return Err(ApiError::validation(
                &size.to_string(),
                "sizeInMBs",
                "Member must have value between 1 and 128",
            ));
        }
        if !(BUFFER_INTERVAL_S.0..=BUFFER_INTERVAL_S.1).contains(&interval) {
            return Err(ApiError::validation(
                &interval.to_string(),
                "intervalInSeconds",
                "Member must have value between 0 and 900",
            ));
        }
        let stream = DeliveryStream {
            name: name.clone(),
            created: ctx.now,
            active_at: ctx.now + CREATE_DELAY,
            deleting: false,
            destination: S3Destination {
                bucket: bucket.to_string(),
                prefix: s3.prefix,
                error_prefix: s3.error_output_prefix,
                size_bytes: size * MIB,
                interval: SimDuration::from_secs(interval),
                compression: s3.compression_format.unwrap_or(Compression::Uncompressed),
            },
            transform,
            buffer: Vec::new(),
            buffered_bytes: 0,
            put_window: (0, 0, 0, 0),
            failing_since: None,
            delivered_records: 0,
            delivered_objects: 0,
            failed_records: 0,
            dropped_records: 0,
            processing_failed_records: 0,
            rng: self.rng.derive(&name),
        };
        let arn = stream.arn();
        ctx.wake_at(stream.active_at);
        self.streams.insert(name, stream);
        Ok(json!({ "DeliveryStreamARN": arn }))
    }

    fn describe(&self, ctx: &Ctx, name: &str) -> ApiResult<Value> {
        let s = self.streams.get(name).ok_or_else(|| not_found(name))?;
        let d = &s.destination;
        Ok(json!({ "DeliveryStreamDescription": {
            "DeliveryStreamName": s.name,
            "DeliveryStreamARN": s.arn(),
            "DeliveryStreamStatus": s.status(ctx.now),
            "DeliveryStreamType": "DirectPut",
            "VersionId": "1",
            "CreateTimestamp": ctx.epoch_seconds(s.created),
            "Destinations": [{
                "DestinationId": "destinationId-000000000001",
                "ExtendedS3DestinationDescription": {
                    "BucketARN": format!("arn:aws:s3:::{}", d.bucket),
                    "Prefix": d.prefix,
                    "ErrorOutputPrefix": d.error_prefix,
                    "BufferingHints": { "SizeInMBs": d.size_bytes / MIB, "IntervalInSeconds": d.interval.as_millis() / 1_000 },
                    "CompressionFormat": d.compression,
                }
            }],
            "HasMoreDestinations": false,
        }}))
    }

    /// Takes records into a stream's buffer (after the Direct PUT quotas); flushes on size.
    fn accept(&mut self, ctx: &mut Ctx, s3: &mut S3, name: &str, records: Vec<Vec<u8>>) -> ApiResult<Vec<u64>> {
        let now = ctx.now;
        let s = self.stream_mut(name)?;
        if now < s.active_at {
            return Err(ApiError::in_use(format!("Firehose {name} is not ACTIVE, instead in state CREATING.")));
        }
        let bytes: u64 = records.iter().map(|r| r.len() as u64).sum();
        if !s.admit_put(now, records.len() as u64, bytes) {
            return Err(ApiError::new(ErrorType::ServiceUnavailableException, "Slow down."));
        }
        let mut ids = Vec::with_capacity(records.len());
        for data in records {
            let id = ctx.new_record_id();
            let record = Buffered { data, arrival: now, record_id: id };
            match s.transform.as_mut() {
                Some(t) => {
                    ctx.ledger.create(Place::InTransformBuffer);
                    t.buffered_bytes += record.data.len() as u64;
                    t.buffer.push(record);
                }
                None => {
                    ctx.ledger.create(Place::InDeliveryBuffer);
                    s.buffered_bytes += record.data.len() as u64;
                    s.buffer.push(record);
                }
            }
            ids.push(id);
        }
        advance_stream(s, ctx, s3);
        Ok(ids)
    }

    /// Flushes what is due and retries failed deliveries.
    pub fn tick(&mut self, ctx: &mut Ctx, s3: &mut S3) {
        let mut gone = Vec::new();
        for s in self.streams.values_mut() {
            if s.deleting {
                gone.push(s.name.clone());
                continue;
            }
            advance_stream(s, ctx, s3);
        }
        for name in gone {
            if let Some(s) = self.streams.remove(&name) {
                // A deleted stream's buffers are lost with it, as in AWS; the ledger says so.
                ctx.ledger.relocate(Place::InDeliveryBuffer, Place::Deleted, s.buffer.len() as u64);
                let waiting = s.transform.map_or(0, |t| t.buffer.len() as u64);
                ctx.ledger.relocate(Place::InTransformBuffer, Place::Deleted, waiting);
            }
        }
    }

    pub fn call(&mut self, ctx: &mut Ctx, s3: &mut S3, op: &str, input: Value) -> ApiResult<Value> {
        match op {
            "CreateDeliveryStream" => self.create(ctx, parse(input)?),
            "DescribeDeliveryStream" => {
                let i: NameInput = parse(input)?;
                self.describe(ctx, &i.delivery_stream_name)
            }
            "ListDeliveryStreams" => Ok(json!({
                "DeliveryStreamNames": self.streams.keys().collect::<Vec<_>>(),
                "HasMoreDeliveryStreams": false,
            })),
            "DeleteDeliveryStream" => {
                let i: NameInput = parse(input)?;
                self.stream_mut(&i.delivery_stream_name)?.deleting = true;
                ctx.wake_at(ctx.now);
                Ok(json!({}))
            }
            "PutRecord" => {
                let i: PutInput = parse(input)?;
                let data = decode(&i.record.data)?;
                if data.len() as u64 > RECORD_MAX_BYTES {
                    return Err(ApiError::validation(
                        "java.nio.HeapByteBuffer",
                        "record.data",
                        "Member must have length less than or equal to 1024000",
                    ));
                }
                let ids = self.accept(ctx, s3, &i.delivery_stream_name, vec![data])?;
                Ok(json!({ "RecordId": record_id_text(ids[0], &i.delivery_stream_name), "Encrypted": false }))
            }
            "PutRecordBatch" => {
                let i: PutBatchInput = parse(input)?;
                if i.records.is_empty() || i.records.len() > BATCH_MAX_RECORDS {
                    return Err(ApiError::validation(
                        &format!("{} records", i.records.len()),
                        "records",
                        "Member must have length between 1 and 500",
                    ));
                }
                let mut data = Vec::with_capacity(i.records.len());
                for r in &i.records {
                    let d = decode(&r.data)?;
                    if d.len() as u64 > RECORD_MAX_BYTES {
                        return Err(ApiError::validation(
                            "java.nio.HeapByteBuffer",
                            "records.member.data",
                            "Member must have length less than or equal to 1024000",
                        ));
                    }
                    data.push(d);
                }
                if data.iter().map(|d| d.len() as u64).sum::<u64>() > BATCH_MAX_BYTES {
                    return Err(ApiError::invalid("The PutRecordBatch request is larger than 4 MiB."));
                }
                let n = data.len();
                let name = i.delivery_stream_name;
                match self.accept(ctx, s3, &name, data) {
                    Ok(ids) => Ok(json!({
                        "FailedPutCount": 0,
                        "Encrypted": false,
                        "RequestResponses": ids.iter().map(|&id| json!({ "RecordId": record_id_text(id, &name) })).collect::<Vec<_>>(),
                    })),
                    // Over a quota, every record of the batch is answered as failed, as AWS does.
                    Err(e) if e.kind == ErrorType::ServiceUnavailableException => Ok(json!({
                        "FailedPutCount": n,
                        "Encrypted": false,
                        "RequestResponses": (0..n).map(|_| json!({ "ErrorCode": "ServiceUnavailableException", "ErrorMessage": "Slow down." })).collect::<Vec<_>>(),
                    })),
                    Err(e) => Err(e),
                }
            }
            other => {
                Err(ApiError::new(ErrorType::UnknownOperationException, format!("Firehose has no operation {other}.")))
            }
        }
    }
}

/// Runs what is due for a stream now: the transform's invocation, then the delivery flush;
/// and asks to be woken when the next interval falls due.
fn advance_stream(s: &mut DeliveryStream, ctx: &mut Ctx, s3: &mut S3) {
    let now = ctx.now;
    if s.transform.as_ref().is_some_and(|t| t.due(now)) {
        run_transform(s, ctx, s3);
    }
    if let Some(reason) = s.flush_due(now) {
        flush(s, ctx, s3, reason);
    }
    let transform_due = s.transform.as_ref().and_then(|t| t.buffer.first().map(|b| b.arrival + t.interval));
    // Only future times: what is due now was just done, and a failing delivery has asked
    // for its retry itself (a wake-up now would run again at the same instant, forever).
    for at in [transform_due, s.interval_due()].into_iter().flatten().filter(|&at| at > now) {
        ctx.wake_at(at);
    }
}

/// Invokes the transform on its buffer (retrying a failed invocation 3 times). Ok records go
/// on to the delivery buffer with their new data, Dropped ones are counted, and failed ones
/// are written to the S3 error prefix as AWS writes them.
fn run_transform(s: &mut DeliveryStream, ctx: &mut Ctx, s3: &mut S3) {
    let Some(t) = s.transform.as_mut() else { return };
    let batch = std::mem::take(&mut t.buffer);
    t.buffered_bytes = 0;
    let inputs: Vec<super::transform::Input> = batch
        .iter()
        .map(|b| super::transform::Input {
            record_id: b.record_id,
            arrival_epoch_ms: ctx.epoch_ms + b.arrival.as_millis(),
            data: &b.data,
        })
        .collect();
    let mut result = Err(String::new());
    for _ in 0..TRANSFORM_ATTEMPTS {
        t.invocations += 1;
        result = t.function.invoke(&inputs);
        if result.is_ok() {
            break;
        }
        t.failed_invocations += 1;
    }
    let lambda_arn = t.lambda_arn.clone();
    let (outcomes, error) = match result {
        Ok(outcomes) => (outcomes, "The record was marked ProcessingFailed by the function.".to_string()),
        Err(e) => (vec![super::transform::Outcome::ProcessingFailed; batch.len()], e),
    };
    let (mut ok, mut dropped, mut failed) = (0u64, 0u64, Vec::new());
    for (record, outcome) in batch.into_iter().zip(outcomes) {
        match outcome {
            super::transform::Outcome::Ok(data) => {
                ok += 1;
                s.buffered_bytes += data.len() as u64;
                s.buffer.push(Buffered { data, ..record });
            }
            super::transform::Outcome::Dropped => dropped += 1,
            super::transform::Outcome::ProcessingFailed => failed.push(record),
        }
    }
    ctx.ledger.relocate(Place::InTransformBuffer, Place::InDeliveryBuffer, ok);
    ctx.ledger.relocate(Place::InTransformBuffer, Place::DroppedByTransform, dropped);
    s.dropped_records += dropped;
    ctx.log(
        &s.name,
        EventKind::Transformed {
            stream: s.name.clone(),
            ok,
            dropped,
            failed: failed.len() as u64,
            error: (!failed.is_empty()).then(|| error.clone()),
        },
    );
    if failed.is_empty() {
        return;
    }
    let n = failed.len() as u64;
    s.processing_failed_records += n;
    let now_ms = ctx.epoch_ms + ctx.now.as_millis();
    let lines: String = failed
        .iter()
        .map(|r| {
            json!({
                "attemptsMade": TRANSFORM_ATTEMPTS,
                "arrivalTimestamp": ctx.epoch_ms + r.arrival.as_millis(),
                "errorCode": "Lambda.FunctionError",
                "errorMessage": error,
                "attemptEndingTimestamp": now_ms,
                "rawData": base64::engine::general_purpose::STANDARD.encode(&r.data),
                "lambdaArn": lambda_arn,
            })
            .to_string()
                + "\n"
        })
        .collect();
    let oldest = failed[0].arrival;
    let key = s.object_key(ctx.epoch_ms + oldest.as_millis(), Some("processing-failed"));
    let object = Object { body: lines.into_bytes(), written: ctx.now, content_encoding: None };
    match s3.put(&s.destination.bucket, key, object) {
        Ok(()) => ctx.ledger.relocate(Place::InTransformBuffer, Place::FailedToErrorPrefix, n),
        // No bucket to hold them either: counted as failed deliveries, never silently gone.
        Err(_) => {
            s.failed_records += n;
            ctx.ledger.relocate(Place::InTransformBuffer, Place::FailedDelivery, n);
        }
    }
}

/// Delivers the buffer to S3 as one object. If the bucket does not exist the records stay
/// buffered and delivery is retried; after 24 h of failing they are counted as failed.
fn flush(s: &mut DeliveryStream, ctx: &mut Ctx, s3: &mut S3, reason: FlushReason) {
    let now = ctx.now;
    let Some(oldest) = s.buffer.first().map(|b| b.arrival) else { return };
    let n = s.buffer.len() as u64;
    if !s3.buckets.contains_key(&s.destination.bucket) {
        let since = *s.failing_since.get_or_insert(now);
        if now.saturating_sub(since) >= S3_RETRY_FOR {
            s.failed_records += n;
            s.buffer.clear();
            s.buffered_bytes = 0;
            s.failing_since = None;
            ctx.ledger.relocate(Place::InDeliveryBuffer, Place::FailedDelivery, n);
            ctx.log(&s.name, EventKind::DeliveryFailed { stream: s.name.clone(), records: n, gave_up: true });
        } else {
            ctx.wake_at(now + RETRY_EVERY);
            if since == now {
                ctx.log(&s.name, EventKind::DeliveryFailed { stream: s.name.clone(), records: n, gave_up: false });
            }
        }
        return;
    }
    s.failing_since = None;
    let raw: Vec<u8> = s.buffer.iter().flat_map(|b| b.data.iter().copied()).collect();
    let (body, encoding) = match s.destination.compression {
        Compression::Uncompressed => (raw, None),
        Compression::Gzip => {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            gz.write_all(&raw).expect("writing to memory cannot fail");
            (gz.finish().expect("writing to memory cannot fail"), Some("gzip".to_string()))
        }
    };
    let key = s.object_key(ctx.epoch_ms + oldest.as_millis(), None);
    let bytes = body.len() as u64;
    s3.put(&s.destination.bucket, key.clone(), Object { body, written: now, content_encoding: encoding })
        .expect("the bucket exists: checked above");
    s.buffer.clear();
    s.buffered_bytes = 0;
    s.delivered_records += n;
    s.delivered_objects += 1;
    ctx.ledger.relocate(Place::InDeliveryBuffer, Place::Delivered, n);
    ctx.log(&s.name, EventKind::Flushed { stream: s.name.clone(), object: key, records: n, bytes, reason });
}
