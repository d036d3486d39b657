//! A SubscribeToShard subscription after its first event: Kinesis keeps pushing the shard's
//! records to the consumer at its own 2 MiB/s for up to 5 minutes, then ends the push (the
//! consumer subscribes again). It ends early with ResourceInUseException when a later call
//! for the same consumer and shard takes it over, with ResourceNotFoundException when the
//! consumer or the stream is gone, and at the end of a closed shard after the event that
//! names its children. (API reference, SubscribeToShard and SubscribeToShardEvent.)
//!
//! The push is driven from outside — `shardlab serve` asks after every request and while
//! it waits — so it reads what arrived since the last push, with the budget of the virtual
//! time since then.

use super::error::{ApiError, ApiResult};
use super::limits::{ACCOUNT_ID, EFO_BYTES_PER_SEC, GET_RECORDS_MAX_LIMIT, SUBSCRIPTION_LIFETIME};
use super::ops_read::{child_shards, read_batch, to_api_record};
use super::service::Kinesis;
use super::shard::shard_id;
use super::types::{ConsumerRef, SubscribeToShardEvent, SubscribeToShardInput};
use crate::ctx::Ctx;
use crate::time::SimTime;

/// An open subscription: whose, on which shard, read up to where, since when.
#[derive(Clone, Debug, PartialEq)]
pub struct Subscription {
    pub consumer_arn: String,
    pub stream: String,
    pub shard_index: u32,
    /// The sequence number the next push reads from.
    pub position: u128,
    /// When the call that opened it succeeded (a later success is a takeover).
    pub started: SimTime,
    /// Up to when records have been pushed (the next push has the budget of the time since).
    pub pushed_until: SimTime,
    /// Bytes of budget the last push left unused, at most a second's: a record bigger than
    /// one short push's budget goes in the next.
    pub carried: u64,
}

/// What a push has for the consumer.
#[derive(Debug, PartialEq)]
pub enum Push {
    /// The events since the last push (none when nothing arrived); the subscription goes on.
    Events(Vec<SubscribeToShardEvent>),
    /// The last events, then the push ends: after 5 minutes (`None`) or for the reason given.
    Ended(Vec<SubscribeToShardEvent>, Option<ApiError>),
}

impl Kinesis {
    /// The subscription a successful SubscribeToShard call opened, given the
    /// ContinuationSequenceNumber of the first event it answered with; `None` when that event
    /// already ended it (it had none: the end of a closed shard).
    pub fn subscription_after(
        &self,
        ctx: &Ctx,
        input: &SubscribeToShardInput,
        continuation: Option<&str>,
    ) -> ApiResult<Option<Subscription>> {
        let Some(continuation) = continuation else { return Ok(None) };
        let r = ConsumerRef { stream_arn: None, consumer_name: None, consumer_arn: Some(input.consumer_arn.clone()) };
        let (stream, _) = self.find_consumer(ctx, &r)?;
        let s = self.stream(&stream)?;
        let shard_index = s.shards[s.find_shard(&input.shard_id)?].index;
        let position = continuation
            .parse::<u128>()
            .map_err(|_| ApiError::invalid(format!("{continuation} is not a sequence number")))?;
        Ok(Some(Subscription {
            consumer_arn: input.consumer_arn.clone(),
            stream,
            shard_index,
            position,
            started: ctx.now,
            pushed_until: ctx.now,
            carried: 0,
        }))
    }

    /// Pushes what `subscription` may have now: the records that arrived since its last push,
    /// within 2 MiB for each second since then (and what the last push left, up to a
    /// second's worth), in events of at most 10,000 records.
    pub fn push_subscription(&mut self, ctx: &mut Ctx, subscription: &mut Subscription) -> Push {
        let ends_at = subscription.started + SUBSCRIPTION_LIFETIME;
        let until = ctx.now.min(ends_at);
        if let Err(e) = self.still_subscribed(ctx, subscription) {
            return Push::Ended(Vec::new(), Some(e));
        }
        let elapsed = until.saturating_sub(subscription.pushed_until);
        let mut budget = subscription.carried + EFO_BYTES_PER_SEC * elapsed.as_micros() / 1_000_000;
        subscription.pushed_until = until;
        let name = subscription.stream.clone();
        let mut events = Vec::new();
        let mut at_end = false;
        while budget > 0 && !at_end {
            let Ok(stream) = self.stream(&name) else { break };
            let Some(position) = stream.position(subscription.shard_index) else { break };
            let batch =
                read_batch(stream, position, subscription.position, GET_RECORDS_MAX_LIMIT as usize, budget, ctx.now);
            // A record bigger than what is left waits for the next push.
            if batch.count == 0 && !batch.at_end || batch.bytes > budget {
                break;
            }
            let shard = &stream.shards[position];
            let records = shard.log.records(batch.first, batch.count).iter().map(|r| to_api_record(ctx, r)).collect();
            at_end = batch.at_end;
            events.push(SubscribeToShardEvent {
                records,
                continuation_sequence_number: (!at_end).then(|| batch.next_position.to_string()),
                millis_behind_latest: batch.millis_behind,
                child_shards: at_end.then(|| child_shards(stream, shard.index)),
            });
            budget -= batch.bytes;
            subscription.position = batch.next_position;
            if let Ok(s) = self.stream_mut(&name) {
                if let Some(shard) = s.shards.iter_mut().find(|s| s.index == subscription.shard_index) {
                    shard.roll_counters(&name, ctx);
                    shard.counters.outgoing_bytes += batch.bytes;
                    shard.counters.outgoing_records += batch.count as u64;
                }
            }
            if batch.count == 0 {
                break;
            }
        }
        subscription.carried = budget.min(EFO_BYTES_PER_SEC);
        if at_end || ctx.now >= ends_at {
            Push::Ended(events, None)
        } else {
            Push::Events(events)
        }
    }

    /// Whether the consumer, its stream and its subscription are still there, or why not.
    fn still_subscribed(&self, ctx: &Ctx, subscription: &Subscription) -> ApiResult<()> {
        let r = ConsumerRef {
            stream_arn: None,
            consumer_name: None,
            consumer_arn: Some(subscription.consumer_arn.clone()),
        };
        let (stream, consumer) = self.find_consumer(ctx, &r)?;
        let s = self.stream(&stream)?;
        let c = &s.consumers[consumer];
        let last = c.subscriptions.get(&subscription.shard_index).and_then(|calls| calls.last_success);
        if last != Some(subscription.started) {
            // AWS's words for a subscription another call took over.
            return Err(ApiError::in_use(format!(
                "Another active subscription exists for this consumer: {ACCOUNT_ID}:{stream}:{}:{}",
                shard_id(subscription.shard_index),
                c.name
            )));
        }
        Ok(())
    }
}
