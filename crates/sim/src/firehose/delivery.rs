//! What time does to a delivery stream: the transform's buffer is invoked when due, the
//! delivery buffer flushes on size or interval (whichever first) into a batch, and batches
//! are delivered to the destination — retried while it is unavailable, then given up on by
//! the destination's rule (S3: 24 h; OpenSearch, HTTP endpoint: their retry duration, then
//! the S3 backup; Redshift: its retry duration, then a manifest under `errors/`). The
//! transform's run is in `transform_run`, records that failed in `error_records`.

use super::error_records::{back_up, give_up};
use super::limits::*;
use super::stream::{Batch, Buffered, Compression, DeliveryStream, FlushInfo, FlushReason, Target, FLUSHES_KEPT};
use super::transform_run::run_transform;
use crate::ctx::Ctx;
use crate::event::EventKind;
use crate::ledger::Place;
use crate::metrics::LATENCY_METRIC;
use crate::pipeline::record_data::concatenated;
use crate::stores::http_endpoint::Request;
use crate::stores::s3::Object;
use crate::stores::Stores;
use crate::time::{SimDuration, SimTime};
use std::io::Write;

/// Runs what is due for a stream now: the transform's invocation, the delivery flush and
/// the deliveries due; and asks to be woken when the next of those falls due.
pub(super) fn advance_stream(s: &mut DeliveryStream, ctx: &mut Ctx, stores: &mut Stores) {
    let now = ctx.now;
    if s.transform.as_ref().is_some_and(|t| t.due(now)) {
        run_transform(s, ctx, stores);
    }
    if let Some(reason) = s.flush_due(now) {
        flush(s, ctx, reason);
    }
    deliver_due(s, ctx, stores);
    let transform_due = s.transform.as_ref().and_then(|t| t.buffer.first().map(|b| b.arrival + t.interval));
    let retry_due = s.in_flight.iter().map(|b| b.next_try).min();
    // Only future times: what is due now was just done (a wake-up now would run again at the
    // same instant, forever).
    for at in [transform_due, s.interval_due(), retry_due].into_iter().flatten().filter(|&at| at > now) {
        ctx.wake_at(at);
    }
    let fill = 100.0 * s.buffered_bytes as f64 / s.destination.size_bytes.max(1) as f64;
    ctx.metrics.set_max(&s.dimension(), BUFFER_FILL_METRIC, now.second(), fill.min(100.0));
}

/// The lab's own per-second series of how full the delivery buffer got (percent of the size
/// hint); CloudWatch has no such metric, so the name says it is ShardLab's.
pub const BUFFER_FILL_METRIC: &str = "ShardLab.BufferFillPercent";

/// Turns the delivery buffer into a batch in flight.
fn flush(s: &mut DeliveryStream, ctx: &mut Ctx, reason: FlushReason) {
    let records = std::mem::take(&mut s.buffer);
    let bytes = std::mem::take(&mut s.buffered_bytes);
    s.recent_flushes.push_front(FlushInfo { at: ctx.now, reason, records: records.len() as u64, bytes });
    s.recent_flushes.truncate(FLUSHES_KEPT);
    s.in_flight.push_back(Batch { records, reason, failing_since: None, next_try: ctx.now, staged: None });
}

/// The object a batch's records make: uncompressed, the records themselves when some are
/// generated (bytes made when the object is opened, a tick's kept as runs), else their bytes
/// in one piece (a few words a record would cost more than small records given whole); GZIP,
/// the compressed bytes.
fn object_of(records: &[Buffered], compression: Compression, written: SimTime) -> Object {
    let data = records.iter().map(|b| &b.data);
    let generated = records.iter().any(|b| b.data.is_generated());
    match compression {
        Compression::Uncompressed if generated => Object::of_records(data.cloned().collect(), written),
        Compression::Uncompressed => Object::new(concatenated(data), written, None),
        Compression::Gzip => {
            // Writing into memory cannot fail. (Not `expect`: its message would link the
            // formatting of I/O errors into the page's first load for a case that never comes.)
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            for d in data {
                let _ = gz.write_all(&d.bytes());
            }
            Object::new(gz.finish().unwrap_or_default(), written, Some("gzip".to_string()))
        }
    }
}

/// The outcome of one delivery attempt.
enum Attempt {
    /// Taken: the object key (S3, Redshift staging) or the request's description.
    Delivered { what: String, bytes: u64, rejected: Vec<(usize, String)> },
    /// The destination could not take it now: why, and how long to keep retrying from the
    /// first failure.
    Failed { error: String, retry_for: SimDuration },
}

/// Writes the batch as one S3 object under the stream's prefix; `Err` if the bucket is gone.
fn put_object(
    s: &mut DeliveryStream,
    ctx: &Ctx,
    stores: &mut Stores,
    records: &[Buffered],
) -> Result<(String, u64), String> {
    if !stores.s3.buckets.contains_key(&s.destination.bucket) {
        return Err(format!("The bucket {} does not exist.", s.destination.bucket));
    }
    let object = object_of(records, s.destination.compression, ctx.now);
    let oldest = records.first().map_or(ctx.now, |r| r.arrival);
    let key = s.object_key(ctx.epoch_ms + oldest.as_millis(), None, s.destination.compression.extension());
    let bytes = object.len() as u64;
    stores.s3.put(&s.destination.bucket, key.clone(), object).map_err(|e| e.message)?;
    Ok((key, bytes))
}

fn attempt(s: &mut DeliveryStream, batch: &mut Batch, ctx: &Ctx, stores: &mut Stores) -> Attempt {
    let failed = |error: String, retry_for: SimDuration| Attempt::Failed { error, retry_for };
    match s.destination.target.clone() {
        Target::S3 => match put_object(s, ctx, stores, &batch.records) {
            Ok((key, bytes)) => Attempt::Delivered { what: key, bytes, rejected: Vec::new() },
            Err(e) => failed(e, S3_RETRY_FOR),
        },
        Target::Redshift { cluster, table, copy_options, retry_for, .. } => {
            if batch.staged.is_none() {
                match put_object(s, ctx, stores, &batch.records) {
                    Ok((key, _)) => batch.staged = Some(key),
                    Err(e) => return failed(e, S3_RETRY_FOR),
                }
            }
            let raw = concatenated(batch.records.iter().map(|b| &b.data));
            match stores.redshift.copy(&cluster, &table, &copy_options, &raw) {
                Ok(_) => Attempt::Delivered {
                    what: format!(
                        "COPY {table} FROM 's3://{}/{}'",
                        s.destination.bucket,
                        batch.staged.as_deref().unwrap_or("")
                    ),
                    bytes: raw.len() as u64,
                    rejected: Vec::new(),
                },
                Err(e) => failed(e, retry_for),
            }
        }
        Target::OpenSearch { domain, index, rotation, retry_for, .. } => {
            let bodies: Vec<_> = batch.records.iter().map(|r| r.data.bytes()).collect();
            let docs: Vec<(String, String, &[u8])> = batch
                .records
                .iter()
                .zip(&bodies)
                .map(|(r, body)| {
                    (
                        rotation.index(&index, ctx.epoch_ms + r.arrival.as_millis()),
                        super::service::record_id_text(r.record_id, &s.name),
                        body.as_ref(),
                    )
                })
                .collect();
            let bytes = docs.iter().map(|(_, _, d)| d.len() as u64).sum();
            match stores.opensearch.bulk(&domain, docs) {
                Ok(results) => Attempt::Delivered {
                    what: format!("_bulk {index}"),
                    bytes,
                    rejected: results.into_iter().enumerate().filter_map(|(i, r)| r.err().map(|e| (i, e))).collect(),
                },
                Err(e) => failed(e, retry_for),
            }
        }
        Target::Http { url, retry_for, .. } => {
            let request = Request {
                request_id: crate::firehose::stream::uuid(&mut s.rng),
                timestamp_ms: ctx.epoch_ms + ctx.now.as_millis(),
                records: batch.records.iter().map(|r| r.data.bytes().into_owned()).collect(),
            };
            let bytes = request.records.iter().map(|r| r.len() as u64).sum();
            match stores.http.post(&url, request) {
                Ok(()) => Attempt::Delivered { what: format!("POST {url}"), bytes, rejected: Vec::new() },
                Err(e) => failed(e, retry_for),
            }
        }
    }
}

fn delivered_place(target: &Target) -> Place {
    match target {
        Target::S3 => Place::DeliveredToS3,
        Target::Redshift { .. } => Place::DeliveredToRedshift,
        Target::OpenSearch { .. } => Place::DeliveredToOpenSearch,
        Target::Http { .. } => Place::DeliveredToHttpEndpoint,
    }
}

/// Tries the batches whose time has come, oldest first.
fn deliver_due(s: &mut DeliveryStream, ctx: &mut Ctx, stores: &mut Stores) {
    let now = ctx.now;
    let mut waiting = std::collections::VecDeque::new();
    while let Some(mut batch) = s.in_flight.pop_front() {
        if batch.next_try > now {
            waiting.push_back(batch);
            continue;
        }
        let n = batch.records.len() as u64;
        match attempt(s, &mut batch, ctx, stores) {
            Attempt::Delivered { what, bytes, rejected } => {
                let target = s.destination.target.clone();
                let mut rejected_records = Vec::new();
                for (i, _) in rejected.iter().rev() {
                    rejected_records.push(batch.records.remove(*i));
                }
                rejected_records.reverse();
                let ok = batch.records.len() as u64;
                let latency_sum: u64 = batch.records.iter().map(|r| now.saturating_sub(r.arrival).as_millis()).sum();
                s.stats.delivered_records += ok;
                s.stats.deliveries += 1;
                s.stats.latency_ms_sum += latency_sum;
                ctx.ledger.relocate(Place::InDeliveryBuffer, delivered_place(&target), ok);
                let second = now.second();
                ctx.metrics.add(&s.dimension(), target.records_metric(), second, ok as f64);
                if let Some(oldest) = batch.records.first().map(|r| r.arrival) {
                    ctx.metrics.set_max(
                        &s.dimension(),
                        target.freshness_metric(),
                        second,
                        now.saturating_sub(oldest).as_millis() as f64 / 1_000.0,
                    );
                    ctx.metrics.set_max(&s.dimension(), LATENCY_METRIC, second, (latency_sum / ok.max(1)) as f64);
                }
                let backup_all = matches!(
                    target,
                    Target::OpenSearch { backup_all: true, .. } | Target::Http { backup_all: true, .. }
                );
                if backup_all && !batch.records.is_empty() {
                    // A copy of everything in the backup bucket: the records are delivered
                    // (the books count them there); the copy is extra.
                    let _ = put_object(s, ctx, stores, &batch.records);
                }
                ctx.log(
                    &s.name,
                    EventKind::Flushed {
                        stream: s.name.clone(),
                        object: what,
                        records: ok,
                        bytes,
                        reason: batch.reason,
                    },
                );
                if !rejected_records.is_empty() {
                    let error = rejected[0].1.clone();
                    back_up(s, ctx, stores, &rejected_records, &error, 1);
                }
            }
            Attempt::Failed { error, retry_for } => {
                let since = *batch.failing_since.get_or_insert(now);
                if now.saturating_sub(since) >= retry_for {
                    give_up(s, ctx, stores, batch, &error);
                    continue;
                }
                if since == now {
                    ctx.log(
                        &s.name,
                        EventKind::DeliveryFailed { stream: s.name.clone(), records: n, gave_up: false, error },
                    );
                }
                batch.next_try = (now + RETRY_EVERY).min(since + retry_for).max(now + SimDuration::from_millis(1));
                waiting.push_back(batch);
            }
        }
    }
    s.in_flight = waiting;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::payload::Template;
    use crate::pipeline::record_data::RecordData;

    #[test]
    fn an_object_keeps_generated_records_as_records_and_given_bytes_in_one_piece() {
        let record = |data: RecordData| Buffered { data, arrival: SimTime::ZERO, record_id: 1 };
        let generated = RecordData::Generated { template: Template::AppLog, size: 300, n: 5, key: "k".into() };
        let given = vec![record(RecordData::Bytes(b"ab".to_vec())), record(RecordData::Bytes(b"c\n".to_vec()))];
        let mixed = vec![record(generated.clone()), record(RecordData::Bytes(b"c\n".to_vec()))];
        let object = object_of(&given, Compression::Uncompressed, SimTime::ZERO);
        assert_eq!(object.body().as_ref(), b"abc\n");
        assert!(object.held_bytes() < 2 * std::mem::size_of::<RecordData>(), "one piece, not two records");
        let object = object_of(&mixed, Compression::Uncompressed, SimTime::ZERO);
        assert_eq!(object.body().as_ref(), [generated.bytes().as_ref(), b"c\n"].concat().as_slice());
        assert!(object.held_bytes() < 302 / 2, "{} bytes held for 302", object.held_bytes());
        let zipped = object_of(&mixed, Compression::Gzip, SimTime::ZERO);
        let mut text = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(zipped.body().as_ref()), &mut text).unwrap();
        assert_eq!((text, zipped.content_encoding.as_deref()), (object.body().into_owned(), Some("gzip")));
    }
}
