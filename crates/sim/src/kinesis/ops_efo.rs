//! Enhanced fan-out: RegisterStreamConsumer, DeregisterStreamConsumer, ListStreamConsumers,
//! DescribeStreamConsumer and SubscribeToShard. Each registered consumer gets its own
//! 2 MiB/s per shard, apart from the shared polling limit.

use super::error::{ApiError, ApiResult};
use super::limits::*;
use super::ops_read::{child_shards, read_batch, to_api_record};
use super::service::Kinesis;
use super::shard::shard_id;
use super::stream::{Consumer, Stream, SubscribeCalls};
use super::types::*;
use crate::ctx::Ctx;
use crate::time::SimTime;
use serde_json::{json, Value};

/// How long a new consumer stays CREATING.
use super::limits::CONSUMER_CREATE_DELAY;

fn consumer_arn(ctx: &Ctx, stream: &Stream, c: &Consumer) -> String {
    format!("{}/consumer/{}:{}", stream.arn(), c.name, (ctx.epoch_seconds(c.created)) as u64)
}

fn status(c: &Consumer, now: SimTime) -> &'static str {
    if now >= c.active_at {
        "ACTIVE"
    } else {
        "CREATING"
    }
}

fn summary(ctx: &Ctx, stream: &Stream, c: &Consumer) -> ConsumerSummary {
    ConsumerSummary {
        consumer_name: c.name.clone(),
        consumer_arn: consumer_arn(ctx, stream, c),
        consumer_status: status(c, ctx.now),
        consumer_creation_timestamp: ctx.epoch_seconds(c.created),
    }
}

impl Kinesis {
    fn stream_by_arn(&self, arn: Option<&str>) -> ApiResult<&Stream> {
        let arn = arn.ok_or_else(|| ApiError::invalid("StreamARN is required."))?;
        let name = Kinesis::stream_name(&StreamRef { stream_name: None, stream_arn: Some(arn.to_string()) })?;
        self.stream(&name)
    }

    /// The stream and consumer position a ConsumerARN, or a StreamARN and ConsumerName, names.
    pub(super) fn find_consumer(&self, ctx: &Ctx, r: &ConsumerRef) -> ApiResult<(String, usize)> {
        let (stream, name) = match (&r.consumer_arn, &r.stream_arn, &r.consumer_name) {
            (Some(arn), _, _) => {
                let (stream_arn, rest) = arn
                    .split_once("/consumer/")
                    .ok_or_else(|| ApiError::invalid(format!("Invalid ConsumerARN {arn}")))?;
                let name = rest.rsplit_once(':').map_or(rest, |(n, _)| n);
                (self.stream_by_arn(Some(stream_arn))?, name.to_string())
            }
            (None, Some(stream_arn), Some(name)) => (self.stream_by_arn(Some(stream_arn))?, name.clone()),
            _ => {
                return Err(ApiError::invalid(
                    "Either ConsumerARN or both StreamARN and ConsumerName should be provided.",
                ))
            }
        };
        let position =
            stream.consumers.iter().position(|c| c.name == name).ok_or_else(|| {
                ApiError::not_found(format!("Consumer {name} under stream {} not found.", stream.arn()))
            })?;
        if let Some(arn) = &r.consumer_arn {
            if *arn != consumer_arn(ctx, stream, &stream.consumers[position]) {
                return Err(ApiError::not_found(format!("Consumer {arn} not found.")));
            }
        }
        Ok((stream.name.clone(), position))
    }

    pub fn register_stream_consumer(
        &mut self,
        ctx: &mut Ctx,
        input: ConsumerRef,
    ) -> ApiResult<RegisterStreamConsumerOutput> {
        let name = input.consumer_name.clone().ok_or_else(|| ApiError::invalid("ConsumerName is required."))?;
        if name.is_empty()
            || name.len() > 128
            || !name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        {
            return Err(ApiError::validation(
                &name,
                "consumerName",
                "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
            ));
        }
        let stream_name = self.stream_by_arn(input.stream_arn.as_deref())?.name.clone();
        let now = ctx.now;
        let stream = self.stream_mut(&stream_name)?;
        stream.require_active()?;
        if stream.consumers.iter().any(|c| c.name == name) {
            return Err(ApiError::in_use(format!("Consumer {name} under stream {} already exists.", stream.arn())));
        }
        if stream.consumers.len() >= MAX_CONSUMERS_PER_STREAM {
            return Err(ApiError::limit(format!(
                "Stream {} under account {ACCOUNT_ID} already has {MAX_CONSUMERS_PER_STREAM} registered consumers, the most a stream may have.",
                stream.name
            )));
        }
        if stream.consumers.iter().filter(|c| status(c, now) == "CREATING").count() >= MAX_CONSUMERS_CREATING {
            return Err(ApiError::limit(format!(
                "Stream {} under account {ACCOUNT_ID} already has {MAX_CONSUMERS_CREATING} consumers in CREATING status; at most {MAX_CONSUMERS_CREATING} consumers can be created at the same time.",
                stream.name
            )));
        }
        stream.consumers.push(Consumer::new(name, now, now + CONSUMER_CREATE_DELAY));
        ctx.wake_at(now + CONSUMER_CREATE_DELAY);
        let stream = self.stream(&stream_name)?;
        Ok(RegisterStreamConsumerOutput {
            consumer: summary(ctx, stream, stream.consumers.last().expect("just added")),
        })
    }

    pub fn deregister_stream_consumer(&mut self, ctx: &mut Ctx, input: ConsumerRef) -> ApiResult<Value> {
        let (stream, position) = self.find_consumer(ctx, &input)?;
        self.stream_mut(&stream)?.consumers.remove(position);
        Ok(json!({}))
    }

    pub fn describe_stream_consumer(&self, ctx: &Ctx, input: ConsumerRef) -> ApiResult<DescribeStreamConsumerOutput> {
        let (stream, position) = self.find_consumer(ctx, &input)?;
        let stream = self.stream(&stream)?;
        let s = summary(ctx, stream, &stream.consumers[position]);
        Ok(DescribeStreamConsumerOutput {
            consumer_description: ConsumerDescription {
                consumer_name: s.consumer_name,
                consumer_arn: s.consumer_arn,
                consumer_status: s.consumer_status,
                consumer_creation_timestamp: s.consumer_creation_timestamp,
                stream_arn: stream.arn(),
            },
        })
    }

    pub fn list_stream_consumers(&self, ctx: &Ctx, input: ConsumerRef) -> ApiResult<ListStreamConsumersOutput> {
        let stream = self.stream_by_arn(input.stream_arn.as_deref())?;
        Ok(ListStreamConsumersOutput { consumers: stream.consumers.iter().map(|c| summary(ctx, stream, c)).collect() })
    }

    /// SubscribeToShard answers with the first event of the push stream: the records from the
    /// starting position that the consumer's own 2 MiB/s allows in one second. A consumer may
    /// call once a second per shard (LimitExceededException); within 5 seconds of a successful
    /// call for the same shard it gets ResourceInUseException; after that its call takes the
    /// subscription over.
    pub fn subscribe_to_shard(
        &mut self,
        ctx: &mut Ctx,
        input: SubscribeToShardInput,
    ) -> ApiResult<SubscribeToShardOutput> {
        self.tick(ctx);
        let r = ConsumerRef { stream_arn: None, consumer_name: None, consumer_arn: Some(input.consumer_arn.clone()) };
        let (stream_name, consumer) = self.find_consumer(ctx, &r)?;
        let stream = self.stream(&stream_name)?;
        let c = &stream.consumers[consumer];
        if status(c, ctx.now) != "ACTIVE" {
            // AWS's words, spacing included, as SDK users log them.
            return Err(ApiError::in_use(format!(
                "Consumer {} with creation timestamp {} under stream: {} , account {ACCOUNT_ID} is not in ACTIVE status.",
                c.name,
                ctx.epoch_seconds(c.created) as u64,
                stream.name
            )));
        }
        let position = stream.find_shard(&input.shard_id)?;
        let shard_index = stream.shards[position].index;
        let now = ctx.now;
        let calls = c.subscriptions.get(&shard_index).copied();
        if calls.is_some_and(|k| now < k.last_call + SUBSCRIBE_CALL_EVERY) {
            return Err(ApiError::limit(format!(
                "Rate exceeded for consumer {} and shard {} in stream {} under account {ACCOUNT_ID}.",
                input.consumer_arn,
                shard_id(shard_index),
                stream.name
            )));
        }
        let in_use = calls.and_then(|k| k.last_success).is_some_and(|t| now < t + SUBSCRIBE_IN_USE_FOR);
        let consumer_name = c.name.clone();
        let s = self.stream_mut(&stream_name)?;
        let calls = s.consumers[consumer]
            .subscriptions
            .entry(shard_index)
            .or_insert(SubscribeCalls { last_call: now, last_success: None });
        calls.last_call = now;
        if in_use {
            // AWS's words: ACCOUNT:STREAM:SHARD:CONSUMER.
            return Err(ApiError::in_use(format!(
                "Another active subscription exists for this consumer: {ACCOUNT_ID}:{stream_name}:{}:{consumer_name}",
                shard_id(shard_index)
            )));
        }
        let stream = self.stream(&stream_name)?;
        let p = &input.starting_position;
        let start =
            self.starting_position(ctx, stream, position, &p.kind, p.sequence_number.as_deref(), p.timestamp)?;
        let batch = read_batch(stream, position, start, GET_RECORDS_MAX_LIMIT as usize, EFO_BYTES_PER_SEC, ctx.now);
        let shard = &stream.shards[position];
        let records = shard.log.records(batch.first, batch.count).iter().map(|rec| to_api_record(ctx, rec)).collect();
        let event = SubscribeToShardEvent {
            records,
            continuation_sequence_number: (!batch.at_end).then(|| batch.next_position.to_string()),
            millis_behind_latest: batch.millis_behind,
            child_shards: batch.at_end.then(|| child_shards(stream, shard.index)),
        };
        let stream = self.stream_mut(&stream_name)?;
        if let Some(calls) = stream.consumers[consumer].subscriptions.get_mut(&shard_index) {
            calls.last_success = Some(now);
        }
        let shard = &mut stream.shards.iter_mut().find(|s| s.index == shard_index).expect("found above");
        shard.roll_counters(&stream_name, ctx);
        shard.counters.outgoing_bytes += batch.bytes;
        shard.counters.outgoing_records += batch.count as u64;
        Ok(SubscribeToShardOutput {
            event_stream: vec![SubscribeToShardEventStream { subscribe_to_shard_event: event }],
        })
    }
}
