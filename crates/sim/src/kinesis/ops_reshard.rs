//! SplitShard, MergeShards and UpdateShardCount. Each puts the stream in UPDATING; the new
//! shards appear when that ends (`Kinesis::tick`), and writes go on meanwhile.

use super::error::{ApiError, ApiResult, ErrorType};
use super::limits::*;
use super::service::Kinesis;
use super::stream::{Reshard, Stream, StreamMode, StreamStatus};
use super::types::*;
use crate::ctx::Ctx;
use crate::event::EventKind;
use serde_json::{json, Value};

/// SplitShard, MergeShards and UpdateShardCount are "only supported for the data streams with
/// the provisioned capacity mode" (API reference); on an ON_DEMAND stream each fails with
/// ValidationException, the error the API reference lists for it. AWS publishes the error's
/// meaning, not its message text: the message says the same thing.
fn require_provisioned(stream: &Stream, op: &str) -> ApiResult<()> {
    if stream.mode == StreamMode::OnDemand {
        return Err(ApiError::new(
            ErrorType::ValidationException,
            format!(
                "{op} is only supported for data streams with the provisioned capacity mode. Stream {} under account {ACCOUNT_ID} is in ON_DEMAND mode.",
                stream.name
            ),
        ));
    }
    Ok(())
}

/// Whether `key` may start the upper child of a split of the range `start..=end`. AWS takes a
/// key "greater than one plus the shard's StartingHashKey and less than the shard's
/// EndingHashKey" (its error message's words), so each child gets at least two keys.
pub fn valid_split_key(start: u128, end: u128, key: u128) -> bool {
    start.checked_add(1).is_some_and(|low| key > low) && key < end
}

impl Kinesis {
    fn begin_reshard(&mut self, ctx: &mut Ctx, name: &str, reshard: Reshard) {
        let stream = self.streams.get_mut(name).expect("checked by the caller");
        stream.status = StreamStatus::Updating;
        stream.pending = Some(reshard);
        stream.busy_until = Some(ctx.now + RESHARD_DELAY);
        ctx.wake_at(ctx.now + RESHARD_DELAY);
        ctx.log(name, EventKind::StreamStatus { stream: name.to_string(), status: "UPDATING".into() });
    }

    pub fn split_shard(&mut self, ctx: &mut Ctx, input: SplitShardInput) -> ApiResult<Value> {
        let name = Kinesis::stream_name(&input.stream)?;
        self.tick(ctx);
        let stream = self.stream(&name)?;
        require_provisioned(stream, "SplitShard")?;
        stream.require_active()?;
        let position = stream.find_shard(&input.shard_to_split)?;
        let shard = &stream.shards[position];
        if !shard.is_open() {
            return Err(ApiError::invalid(format!(
                "Shard {} in stream {name} under account {ACCOUNT_ID} has already been merged or split, and thus is not eligible for merging or splitting.",
                shard.id()
            )));
        }
        let key = input.new_starting_hash_key.parse::<u128>().map_err(|_| {
            ApiError::invalid(format!(
                "NewStartingHashKey {} is not a hash key between 0 and 2^128-1.",
                input.new_starting_hash_key
            ))
        })?;
        if !valid_split_key(shard.range.start, shard.range.end, key) {
            return Err(ApiError::invalid(format!(
                "NewStartingHashKey {key} used in SplitShard() on shard {} in stream {name} under account {ACCOUNT_ID} is not both greater than one plus the shard's StartingHashKey {} and less than the shard's EndingHashKey {}.",
                shard.id(),
                shard.range.start,
                shard.range.end
            )));
        }
        let parent = shard.index;
        self.check_quota(1)?;
        self.begin_reshard(ctx, &name, Reshard::Split { parent, new_start: key });
        Ok(json!({}))
    }

    pub fn merge_shards(&mut self, ctx: &mut Ctx, input: MergeShardsInput) -> ApiResult<Value> {
        let name = Kinesis::stream_name(&input.stream)?;
        self.tick(ctx);
        let stream = self.stream(&name)?;
        require_provisioned(stream, "MergeShards")?;
        stream.require_active()?;
        let (a, b) = (stream.find_shard(&input.shard_to_merge)?, stream.find_shard(&input.adjacent_shard_to_merge)?);
        let (sa, sb) = (&stream.shards[a], &stream.shards[b]);
        for s in [sa, sb] {
            if !s.is_open() {
                return Err(ApiError::invalid(format!(
                    "Shard {} in stream {name} under account {ACCOUNT_ID} has already been merged or split, and thus is not eligible for merging or splitting.",
                    s.id()
                )));
            }
        }
        let adjacent =
            sa.range.end.checked_add(1) == Some(sb.range.start) || sb.range.end.checked_add(1) == Some(sa.range.start);
        if !adjacent {
            return Err(ApiError::invalid(format!(
                "Shards {} and {} in stream {name} under account {ACCOUNT_ID} are not an adjacent pair of shards eligible for merging",
                sa.id(),
                sb.id()
            )));
        }
        let (shard, adjacent) = (sa.index, sb.index);
        self.begin_reshard(ctx, &name, Reshard::Merge { shard, adjacent });
        Ok(json!({}))
    }

    pub fn update_shard_count(
        &mut self,
        ctx: &mut Ctx,
        input: UpdateShardCountInput,
    ) -> ApiResult<UpdateShardCountOutput> {
        let name = Kinesis::stream_name(&input.stream)?;
        if input.scaling_type != "UNIFORM_SCALING" {
            return Err(ApiError::validation(
                &input.scaling_type,
                "scalingType",
                "Member must satisfy enum value set: [UNIFORM_SCALING]",
            ));
        }
        self.tick(ctx);
        let now = ctx.now;
        let stream = self.stream_mut(&name)?;
        require_provisioned(stream, "UpdateShardCount")?;
        stream.require_active()?;
        while stream.update_calls.front().is_some_and(|&t| t + UPDATE_SHARD_COUNT_WINDOW <= now) {
            stream.update_calls.pop_front();
        }
        if stream.update_calls.len() >= UPDATE_SHARD_COUNT_PER_DAY {
            return Err(ApiError::limit(format!(
                "Maximum number of {UPDATE_SHARD_COUNT_PER_DAY} UpdateShardCount calls per rolling 24 hours reached for stream {name} under account {ACCOUNT_ID}."
            )));
        }
        let current = stream.open_shard_count();
        let target = input.target_shard_count;
        let (low, high) = (current.div_ceil(2) as i64, (current as i64 * 2).min(MAX_SHARDS_PER_STREAM as i64));
        if target < low || target > high {
            return Err(ApiError::invalid(format!(
                "TargetShardCount {target} for stream {name} under account {ACCOUNT_ID} must be between half ({low}) and double ({}) the current open shard count {current}{}.",
                current as i64 * 2,
                if target > MAX_SHARDS_PER_STREAM as i64 { format!(", and at most {MAX_SHARDS_PER_STREAM}") } else { String::new() }
            )));
        }
        let target = target as u32;
        if target > current {
            self.check_quota(target - current)?;
        }
        let stream = self.stream_mut(&name)?;
        stream.update_calls.push_back(now);
        let arn = stream.arn();
        self.begin_reshard(ctx, &name, Reshard::Uniform { target });
        Ok(UpdateShardCountOutput {
            stream_name: name,
            current_shard_count: current,
            target_shard_count: target,
            stream_arn: arn,
        })
    }
}
