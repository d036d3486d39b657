//! Running a delivery stream's Lambda transform on its buffer: Ok records go on to the delivery
//! buffer, Dropped ones are counted, failed ones are written under the S3 error prefix.

use super::error_records::{write_error_records, Failure};
use super::limits::*;
use super::stream::{Buffered, DeliveryStream};
use super::transform::{Input, Outcome};
use crate::ctx::Ctx;
use crate::event::EventKind;
use crate::ledger::Place;
use crate::stores::Stores;

/// Invokes the transform on its buffer (retrying a failed invocation 3 times). Ok records go
/// on to the delivery buffer with their new data, Dropped ones are counted, and failed ones
/// are written to the S3 error prefix `processing-failed/`.
pub(super) fn run_transform(s: &mut DeliveryStream, ctx: &mut Ctx, stores: &mut Stores) {
    let Some(t) = s.transform.as_mut() else { return };
    let batch = std::mem::take(&mut t.buffer);
    t.buffered_bytes = 0;
    // The function reads every record's bytes: generated ones are made here.
    let bytes: Vec<_> = batch.iter().map(|b| b.data.bytes()).collect();
    let inputs: Vec<Input> = batch
        .iter()
        .zip(&bytes)
        .map(|(b, data)| Input { record_id: b.record_id, arrival_epoch_ms: ctx.epoch_ms + b.arrival.as_millis(), data })
        .collect();
    // A failed invocation is retried 3 times. The function sees no clock and no randomness,
    // so every retry would fail the same way: they are counted, not run again (an endless
    // loop over a full buffer would otherwise freeze the page four times over).
    let result = t.function.invoke(&inputs);
    let attempts = if result.is_ok() { 1 } else { TRANSFORM_ATTEMPTS as u64 };
    t.invocations += attempts;
    if result.is_err() {
        t.failed_invocations += attempts;
    }
    // They borrow the batch, whose records go on below.
    drop(inputs);
    drop(bytes);
    let lambda_arn = t.lambda_arn.clone();
    let (outcomes, error) = match result {
        Ok(outcomes) => (outcomes, "The record was marked ProcessingFailed by the function.".to_string()),
        Err(e) => (vec![Outcome::ProcessingFailed; batch.len()], e),
    };
    let (mut ok, mut dropped, mut failed) = (0u64, 0u64, Vec::new());
    for (record, outcome) in batch.into_iter().zip(outcomes) {
        match outcome {
            Outcome::Ok(data) => {
                ok += 1;
                s.buffered_bytes += data.len() as u64;
                s.buffer.push(Buffered { data: data.into(), ..record });
            }
            Outcome::Dropped => dropped += 1,
            Outcome::ProcessingFailed => failed.push(record),
        }
    }
    ctx.ledger.relocate(Place::InTransformBuffer, Place::InDeliveryBuffer, ok);
    ctx.ledger.relocate(Place::InTransformBuffer, Place::DroppedByTransform, dropped);
    s.stats.dropped_records += dropped;
    let n = failed.len() as u64;
    ctx.log(
        &s.name,
        EventKind::Transformed {
            stream: s.name.clone(),
            ok,
            dropped,
            failed: n,
            error: (n > 0).then(|| error.clone()),
        },
    );
    if failed.is_empty() {
        return;
    }
    s.stats.processing_failed_records += n;
    let failure = Failure {
        output_type: "processing-failed",
        error_code: "Lambda.FunctionError",
        error: &error,
        attempts: TRANSFORM_ATTEMPTS,
        extra: vec![("lambdaArn", lambda_arn)],
        index: None,
    };
    let written = write_error_records(s, ctx, stores, &failed, &failure);
    if written {
        ctx.ledger.relocate(Place::InTransformBuffer, Place::FailedToErrorPrefix, n);
    } else {
        // No bucket to hold them either: counted as failed deliveries, never silently gone.
        s.stats.failed_records += n;
        ctx.ledger.relocate(Place::InTransformBuffer, Place::FailedDelivery, n);
    }
}
