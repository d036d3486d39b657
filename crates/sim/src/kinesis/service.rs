//! The Kinesis Data Streams service of the simulated account: its streams, the account's
//! shard quota, and what happens as time passes (status changes, resharding taking effect,
//! records expiring, ON_DEMAND scaling). The operations live in the `ops_*` files.

use super::error::{ApiError, ApiResult};
use super::limits::*;
use super::shard::shard_id;
use super::stream::{status_name, Reshard, Stream, StreamMode, StreamStatus};
use super::types::*;
use crate::ctx::Ctx;
use crate::event::EventKind;
use crate::ledger::Place;
use crate::time::SimTime;
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
pub struct Kinesis {
    pub streams: BTreeMap<String, Stream>,
    pub shard_quota: u32,
}

impl Default for Kinesis {
    fn default() -> Self {
        Kinesis { streams: BTreeMap::new(), shard_quota: DEFAULT_ACCOUNT_SHARD_QUOTA }
    }
}

pub(super) fn not_found(name: &str) -> ApiError {
    ApiError::not_found(format!("Stream {name} under account {ACCOUNT_ID} not found."))
}

impl Kinesis {
    /// The stream a request names, by StreamName or StreamARN.
    pub(super) fn stream_name(r: &StreamRef) -> ApiResult<String> {
        if let Some(name) = &r.stream_name {
            return Ok(name.clone());
        }
        if let Some(arn) = &r.stream_arn {
            return arn
                .rsplit_once(":stream/")
                .map(|(_, n)| n.to_string())
                .ok_or_else(|| ApiError::invalid(format!("StreamARN {arn} is not a Kinesis stream ARN")));
        }
        Err(ApiError::invalid("Either StreamName or StreamARN should be provided."))
    }

    pub fn stream(&self, name: &str) -> ApiResult<&Stream> {
        self.streams.get(name).ok_or_else(|| not_found(name))
    }

    pub fn stream_mut(&mut self, name: &str) -> ApiResult<&mut Stream> {
        self.streams.get_mut(name).ok_or_else(|| not_found(name))
    }

    /// Open shards across the account, against the quota.
    pub fn open_shards_total(&self) -> u32 {
        self.streams.values().map(|s| s.open_shard_count()).sum()
    }

    pub fn check_quota(&self, extra: u32) -> ApiResult<()> {
        let total = self.open_shards_total();
        if total + extra > self.shard_quota {
            return Err(ApiError::limit(format!(
                "This request would exceed the shard limit for the account {ACCOUNT_ID} in {REGION}. Current limit of shards is {}. Number of shards that would have resulted from this request is {}.",
                self.shard_quota,
                total + extra
            )));
        }
        Ok(())
    }

    pub(super) fn describe_shard(stream: &Stream, position: usize) -> ShardDescription {
        let s = &stream.shards[position];
        ShardDescription {
            shard_id: s.id(),
            parent_shard_id: s.parent.map(shard_id),
            adjacent_parent_shard_id: s.adjacent_parent.map(shard_id),
            hash_key_range: HashKeyRange {
                starting_hash_key: s.range.start.to_string(),
                ending_hash_key: s.range.end.to_string(),
            },
            sequence_number_range: SequenceNumberRange {
                starting_sequence_number: s.starting_sequence.to_string(),
                ending_sequence_number: s.ending_sequence.map(|n| n.to_string()),
            },
        }
    }

    /// Everything time does to the service up to `ctx.now`.
    pub fn tick(&mut self, ctx: &mut Ctx) {
        let now = ctx.now;
        let mut deleted = Vec::new();
        for stream in self.streams.values_mut() {
            if let Some(until) = stream.busy_until.filter(|&t| t <= now) {
                stream.busy_until = None;
                match stream.status {
                    StreamStatus::Creating | StreamStatus::Updating => {
                        if let Some(reshard) = stream.pending.take() {
                            apply_reshard(stream, reshard, until, ctx);
                        }
                        stream.status = StreamStatus::Active;
                        ctx.log(
                            &stream.name,
                            EventKind::StreamStatus { stream: stream.name.clone(), status: "ACTIVE".into() },
                        );
                    }
                    StreamStatus::Deleting => deleted.push(stream.name.clone()),
                    StreamStatus::Active => {}
                }
            }
            expire_records(stream, ctx);
            if stream.mode == StreamMode::OnDemand {
                review_on_demand(stream, ctx);
            }
        }
        for name in deleted {
            if let Some(stream) = self.streams.remove(&name) {
                let held: u64 = stream.shards.iter().map(|s| s.log.user_records()).sum();
                ctx.ledger.relocate(Place::InShard, Place::Deleted, held);
                ctx.log(&name, EventKind::StreamStatus { stream: name.clone(), status: "DELETED".into() });
            }
        }
    }

    /// Adds this second's per-shard counters to the metrics.
    pub fn flush_metrics(&mut self, ctx: &mut Ctx) {
        for stream in self.streams.values_mut() {
            for shard in &mut stream.shards {
                shard.flush_counters(&stream.name, ctx);
            }
        }
    }

    /// When the service next needs a tick on its own (a status change due; ON_DEMAND streams
    /// book their own reviews as their writes need them).
    pub fn next_wakeup(&self) -> Option<SimTime> {
        self.streams.values().filter_map(|s| s.busy_until).min()
    }
}

fn apply_reshard(stream: &mut Stream, reshard: Reshard, at: SimTime, ctx: &mut Ctx) {
    let name = stream.name.clone();
    let done = match reshard {
        Reshard::Split { parent, new_start } => {
            stream.split(parent, new_start, at);
            vec![Reshard::Split { parent, new_start }]
        }
        Reshard::Merge { shard, adjacent } => {
            stream.merge(shard, adjacent, at);
            vec![Reshard::Merge { shard, adjacent }]
        }
        Reshard::Uniform { target } => stream.scale_uniformly(target, at),
    };
    for step in done {
        match step {
            Reshard::Split { parent, .. } => {
                let kids: Vec<String> = stream
                    .shards
                    .iter()
                    .filter(|s| s.parent == Some(parent) && s.adjacent_parent.is_none())
                    .map(|s| s.id())
                    .collect();
                if let [a, b] = kids.as_slice() {
                    ctx.log(
                        &name,
                        EventKind::ShardSplit {
                            stream: name.clone(),
                            parent: shard_id(parent),
                            children: [a.clone(), b.clone()],
                        },
                    );
                }
            }
            Reshard::Merge { shard, adjacent } => {
                if let Some(child) =
                    stream.shards.iter().find(|s| s.parent == Some(shard) && s.adjacent_parent == Some(adjacent))
                {
                    ctx.log(
                        &name,
                        EventKind::ShardsMerged {
                            stream: name.clone(),
                            parents: [shard_id(shard), shard_id(adjacent)],
                            child: child.id(),
                        },
                    );
                }
            }
            Reshard::Uniform { .. } => {}
        }
    }
}

/// Drops records older than the retention period, and closed shards whose records are all
/// gone and whose retention has passed since they closed.
fn expire_records(stream: &mut Stream, ctx: &mut Ctx) {
    let retention = stream.retention();
    let now = ctx.now;
    for shard in &mut stream.shards {
        let gone = shard.log.expire(|arrival| arrival + retention <= now);
        if gone > 0 {
            let name: std::rc::Rc<str> = stream.name.as_str().into();
            ctx.flows.push(crate::flow::Flow {
                seq: 0,
                at: now,
                from: name.clone(),
                to: name,
                shard: shard.index,
                key_colour: 0,
                record_id: 0,
                outcome: crate::flow::Outcome::Expired,
                represents: gone,
            });
            ctx.ledger.relocate(Place::InShard, Place::Expired, gone);
            ctx.log(
                &stream.name,
                EventKind::RecordsExpired { stream: stream.name.clone(), shard: shard.id(), count: gone },
            );
        }
    }
    let mut position = 0;
    while position < stream.shards.len() {
        let expired_closed =
            stream.closed_at[position].is_some_and(|t| t + retention <= now) && stream.shards[position].log.is_empty();
        if expired_closed {
            stream.shards.remove(position);
            stream.closed_at.remove(position);
        } else {
            position += 1;
        }
    }
}

/// ON_DEMAND capacity (the rule is in `on_demand`): when the previous peak calls for more
/// shards than the stream has and it is ACTIVE, it reshards to them, UNIFORM_SCALING as
/// UpdateShardCount does, in one step.
fn review_on_demand(stream: &mut Stream, ctx: &mut Ctx) {
    let now = ctx.now;
    let Some(target) = stream.on_demand.review(now) else { return };
    if stream.status != StreamStatus::Active {
        // Reviewed again when the current status change ends.
        return;
    }
    stream.on_demand.reached(target);
    stream.status = StreamStatus::Updating;
    stream.pending = Some(Reshard::Uniform { target });
    stream.busy_until = Some(now + RESHARD_DELAY);
    ctx.wake_at(now + RESHARD_DELAY);
    ctx.log(
        &stream.name,
        EventKind::StreamStatus { stream: stream.name.clone(), status: status_name(StreamStatus::Updating).into() },
    );
}
