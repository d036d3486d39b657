//! A Kinesis data stream as a delivery stream's source: Firehose reads each shard once a
//! second with GetRecords, through the shard's shared read limits (so it competes with the
//! stream's other polling consumers, and can be throttled), starting where the stream was
//! when it began reading. What it reads is a copy: the records stay in the stream. KPL
//! aggregates are de-aggregated: each user record is a Firehose record of its own.

use super::limits::*;
use super::stream::{Buffered, DeliveryStream, Source};
use crate::ctx::Ctx;
use crate::kinesis::error::ErrorType;
use crate::kinesis::Kinesis;
use crate::pipeline::lineage::{newly_readable, Cursor};
use crate::pipeline::record_data::RecordData;
use crate::time::SimTime;

/// Reads the source stream if a poll is due; returns the records read, for the caller to
/// take in.
pub(super) fn poll_source(s: &mut DeliveryStream, ctx: &mut Ctx, kinesis: &mut Kinesis) -> Vec<Buffered> {
    let name = s.name.clone();
    let Source::Kinesis { stream, cursors, next_poll, throttled } = &mut s.source else { return Vec::new() };
    let now = ctx.now;
    if now < *next_poll || now < s.active_at {
        return Vec::new();
    }
    *next_poll = now + SOURCE_POLL_EVERY;
    ctx.wake_at(*next_poll);
    let Ok(k) = kinesis.stream(stream) else { return Vec::new() };
    for (shard, position) in newly_readable(k, cursors, |p| k.shards[p].next_sequence()) {
        cursors.insert(shard, Cursor { position, finished: false });
    }
    let mut read = Vec::new();
    for (&shard, cursor) in cursors.iter_mut().filter(|(_, c)| !c.finished) {
        match kinesis.poll(ctx, stream, shard, cursor.position, SOURCE_POLL_LIMIT) {
            Ok((polled, first)) => {
                crate::pipeline::log_read(ctx, stream, &name, shard, &polled);
                let k = kinesis.stream(stream).expect("just read from it");
                if let Some(p) = k.position(shard) {
                    k.shards[p].log.for_each(first, polled.records as usize, &mut |r, origin| {
                        // Firehose buffers by when it received a record. A user record keeps
                        // its aggregate's id, so a trace follows it from the shard. A
                        // generated record stays generated, a tick's keeps its tick and
                        // place: its bytes are made when opened.
                        let buffered = |data| Buffered { data, arrival: now, record_id: r.record_id };
                        match (RecordData::user_records(&r.data), origin) {
                            (Some(users), _) => read.extend(users.into_iter().map(buffered)),
                            (None, Some((tick, k))) => read.push(buffered(RecordData::Ticked {
                                tick: tick.clone(),
                                k,
                                key: r.partition_key.clone(),
                            })),
                            (None, None) => read.push(buffered(RecordData::of(&r.data, &r.partition_key))),
                        }
                        true
                    });
                }
                cursor.position = polled.next_position;
                cursor.finished = polled.at_end;
            }
            Err(e) if e.kind == ErrorType::ProvisionedThroughputExceededException => *throttled += 1,
            // The shard expired away: nothing more to read there.
            Err(_) => cursor.finished = true,
        }
    }
    read
}

/// When the source is next read, for a delivery stream that has one.
pub(super) fn next_poll(s: &DeliveryStream) -> Option<SimTime> {
    match &s.source {
        Source::Kinesis { next_poll, .. } => Some(*next_poll),
        Source::DirectPut => None,
    }
}
