//! Records that did not reach their destination: written as JSON lines under the error or
//! backup prefix, or given up on by the destination's rule once the retry time ran out.

use super::limits::*;
use super::stream::{Batch, Buffered, DeliveryStream, Target};
use crate::ctx::Ctx;
use crate::event::EventKind;
use crate::ledger::Place;
use crate::stores::s3::Object;
use crate::stores::Stores;
use base64::Engine;
use serde_json::json;

pub(super) fn b64(data: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(data)
}

/// Why records did not reach their destination, as the JSON lines under an error or backup
/// prefix say it.
pub(super) struct Failure<'a> {
    /// The `!{firehose:error-output-type}`: `processing-failed`, `AmazonOpenSearchService-failed`…
    pub(super) output_type: &'a str,
    pub(super) error_code: &'a str,
    pub(super) error: &'a str,
    pub(super) attempts: u32,
    /// Destination-specific fields (`lambdaArn`, `url`).
    pub(super) extra: Vec<(&'a str, String)>,
    /// OpenSearch: the index and its rotation, for each record's `esIndexName`.
    pub(super) index: Option<(String, super::index_rotation::IndexRotation)>,
}

/// Writes records that did not reach their destination to the bucket, one JSON line each,
/// as Firehose writes them under an error or backup prefix. Returns whether the bucket took
/// them.
pub(super) fn write_error_records(
    s: &mut DeliveryStream,
    ctx: &Ctx,
    stores: &mut Stores,
    records: &[Buffered],
    failure: &Failure,
) -> bool {
    let Some(oldest) = records.first().map(|r| r.arrival) else { return true };
    let now_ms = ctx.epoch_ms + ctx.now.as_millis();
    let lines: String = records
        .iter()
        .map(|r| {
            let mut line = json!({
                "attemptsMade": failure.attempts,
                "arrivalTimestamp": ctx.epoch_ms + r.arrival.as_millis(),
                "errorCode": failure.error_code,
                "errorMessage": failure.error,
                "attemptEndingTimestamp": now_ms,
                "rawData": b64(&r.data.bytes()),
            });
            for (k, v) in &failure.extra {
                line[*k] = json!(v);
            }
            if let Some((base, rotation)) = &failure.index {
                line["esIndexName"] = json!(rotation.index(base, ctx.epoch_ms + r.arrival.as_millis()));
            }
            line.to_string() + "\n"
        })
        .collect();
    let key = s.object_key(ctx.epoch_ms + oldest.as_millis(), Some(failure.output_type), "");
    let object = Object::new(lines.into_bytes(), ctx.now, None);
    stores.s3.put(&s.destination.bucket, key, object).is_ok()
}

/// Writes documents the destination refused or never took to the S3 backup (OpenSearch,
/// HTTP endpoint); with no bucket to take them, they count as failed.
pub(super) fn back_up(
    s: &mut DeliveryStream,
    ctx: &mut Ctx,
    stores: &mut Stores,
    records: &[Buffered],
    error: &str,
    attempts: u32,
) {
    let n = records.len() as u64;
    let target = s.destination.target.clone();
    // Only OpenSearch and HTTP endpoints back up to S3 (S3 itself has nowhere else to go,
    // Redshift leaves a manifest: see `give_up`).
    let (output_type, error_code, extra, index) = match &target {
        Target::OpenSearch { index, rotation, .. } => {
            ("AmazonOpenSearchService-failed", "OS.DocumentFailed", vec![], Some((index.clone(), *rotation)))
        }
        Target::Http { url, .. } => {
            ("http-endpoint-failed", "HttpEndpoint.RequestFailed", vec![("url", url.clone())], None)
        }
        Target::S3 | Target::Redshift { .. } => {
            // Not called for them; were it, the records would still be counted, as failed.
            s.stats.failed_records += n;
            ctx.ledger.relocate(Place::InDeliveryBuffer, Place::FailedDelivery, n);
            return;
        }
    };
    let failure = Failure { output_type, error_code, error, attempts, extra, index };
    if write_error_records(s, ctx, stores, records, &failure) {
        s.stats.backed_up_records += n;
        ctx.ledger.relocate(Place::InDeliveryBuffer, Place::BackedUpToS3, n);
    } else {
        s.stats.failed_records += n;
        ctx.ledger.relocate(Place::InDeliveryBuffer, Place::FailedDelivery, n);
    }
}

/// The retry time ran out: OpenSearch and HTTP back the batch up to S3, Redshift leaves a
/// manifest of the staged object under `errors/`, S3 counts the records as failed.
pub(super) fn give_up(s: &mut DeliveryStream, ctx: &mut Ctx, stores: &mut Stores, batch: Batch, error: &str) {
    let n = batch.records.len() as u64;
    let attempts =
        1 + batch.failing_since.map_or(0, |since| ctx.now.saturating_sub(since).as_micros() / RETRY_EVERY.as_micros())
            as u32;
    ctx.log(
        &s.name,
        EventKind::DeliveryFailed { stream: s.name.clone(), records: n, gave_up: true, error: error.to_string() },
    );
    match (&s.destination.target, &batch.staged) {
        (Target::OpenSearch { .. } | Target::Http { .. }, _) => {
            back_up(s, ctx, stores, &batch.records, error, attempts)
        }
        (Target::Redshift { .. }, Some(staged)) => {
            let manifest =
                json!({ "entries": [{ "url": format!("s3://{}/{staged}", s.destination.bucket), "mandatory": true }] });
            let oldest = batch.records.first().map_or(ctx.now, |r| r.arrival);
            let key = s.object_key(ctx.epoch_ms + oldest.as_millis(), Some("errors/manifests"), "");
            let object = Object::new(manifest.to_string().into_bytes(), ctx.now, None);
            if stores.s3.put(&s.destination.bucket, key, object).is_ok() {
                ctx.ledger.relocate(Place::InDeliveryBuffer, Place::FailedToErrorPrefix, n);
            } else {
                s.stats.failed_records += n;
                ctx.ledger.relocate(Place::InDeliveryBuffer, Place::FailedDelivery, n);
            }
        }
        _ => {
            s.stats.failed_records += n;
            ctx.ledger.relocate(Place::InDeliveryBuffer, Place::FailedDelivery, n);
        }
    }
}
