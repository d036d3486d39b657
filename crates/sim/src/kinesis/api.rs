//! The Kinesis operations by name, over JSON: what `shardlab api` and the page's console
//! call. Inputs are parsed into the typed requests; a missing member is reported the way
//! AWS reports it.

use super::error::{ApiError, ApiResult, ErrorType};
use super::service::Kinesis;
use crate::ctx::Ctx;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Every operation `call` answers, in the order the docs list them.
pub const OPERATIONS: &[&str] = &[
    "CreateStream",
    "DeleteStream",
    "DescribeStream",
    "DescribeStreamSummary",
    "ListStreams",
    "ListShards",
    "IncreaseStreamRetentionPeriod",
    "DecreaseStreamRetentionPeriod",
    "PutRecord",
    "PutRecords",
    "GetShardIterator",
    "GetRecords",
    "SplitShard",
    "MergeShards",
    "UpdateShardCount",
    "RegisterStreamConsumer",
    "DeregisterStreamConsumer",
    "DescribeStreamConsumer",
    "ListStreamConsumers",
    "SubscribeToShard",
];

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_lowercase().chain(c).collect()).unwrap_or_default()
}

pub fn parse<T: DeserializeOwned>(input: Value) -> ApiResult<T> {
    let input = if input.is_null() { Value::Object(Default::default()) } else { input };
    serde_json::from_value(input).map_err(|e| {
        let text = e.to_string();
        match text.strip_prefix("missing field `").and_then(|r| r.split_once('`')) {
            Some((field, _)) => {
                ApiError::validation("null", &lower_first(field), "Member must not be null").with_message_fix()
            }
            None => ApiError::new(ErrorType::SerializationException, text),
        }
    })
}

impl ApiError {
    /// AWS writes `Value null at 'x'`, without quotes around null.
    fn with_message_fix(mut self) -> Self {
        self.message = self.message.replacen("Value 'null'", "Value null", 1);
        self
    }
}

fn out<T: Serialize>(result: ApiResult<T>) -> ApiResult<Value> {
    result.map(|o| serde_json::to_value(o).expect("API outputs serialize"))
}

pub fn call(k: &mut Kinesis, ctx: &mut Ctx, op: &str, input: Value) -> ApiResult<Value> {
    match op {
        "CreateStream" => k.create_stream(ctx, parse(input)?),
        "DeleteStream" => k.delete_stream(ctx, parse(input)?),
        "DescribeStream" => {
            k.tick(ctx);
            out(k.describe_stream(ctx, parse(input)?))
        }
        "DescribeStreamSummary" => {
            k.tick(ctx);
            out(k.describe_stream_summary(ctx, parse(input)?))
        }
        "ListStreams" => out(k.list_streams(ctx, parse(input)?)),
        "ListShards" => {
            k.tick(ctx);
            out(k.list_shards(parse(input)?))
        }
        "IncreaseStreamRetentionPeriod" => k.change_retention(ctx, parse(input)?, true),
        "DecreaseStreamRetentionPeriod" => k.change_retention(ctx, parse(input)?, false),
        "PutRecord" => out(k.put_record(ctx, parse(input)?)),
        "PutRecords" => out(k.put_records(ctx, parse(input)?)),
        "GetShardIterator" => out(k.get_shard_iterator(ctx, parse(input)?)),
        "GetRecords" => out(k.get_records(ctx, parse(input)?)),
        "SplitShard" => k.split_shard(ctx, parse(input)?),
        "MergeShards" => k.merge_shards(ctx, parse(input)?),
        "UpdateShardCount" => out(k.update_shard_count(ctx, parse(input)?)),
        "RegisterStreamConsumer" => out(k.register_stream_consumer(ctx, parse(input)?)),
        "DeregisterStreamConsumer" => k.deregister_stream_consumer(ctx, parse(input)?),
        "DescribeStreamConsumer" => out(k.describe_stream_consumer(ctx, parse(input)?)),
        "ListStreamConsumers" => out(k.list_stream_consumers(ctx, parse(input)?)),
        "SubscribeToShard" => out(k.subscribe_to_shard(ctx, parse(input)?)),
        other => Err(ApiError::new(ErrorType::UnknownOperationException, format!("Kinesis has no operation {other}."))),
    }
}
