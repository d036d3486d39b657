//! CreateStream, DeleteStream, DescribeStream(Summary), ListStreams, ListShards and the
//! retention operations.

use super::error::{ApiError, ApiResult};
use super::limits::*;
use super::service::Kinesis;
use super::stream::{validate_stream_name, Stream, StreamMode, StreamStatus};
use super::types::*;
use crate::ctx::Ctx;
use crate::event::EventKind;
use base64::Engine;
use serde_json::{json, Value};

impl Kinesis {
    pub fn create_stream(&mut self, ctx: &mut Ctx, input: CreateStreamInput) -> ApiResult<Value> {
        validate_stream_name(&input.stream_name)?;
        let mode = input.stream_mode_details.map(|d| d.stream_mode).unwrap_or_default();
        let shards = match (mode, input.shard_count) {
            (StreamMode::Provisioned, None) => {
                return Err(ApiError::invalid("ShardCount is required for a stream in PROVISIONED mode."))
            }
            (StreamMode::Provisioned, Some(n)) if n < 1 || n > MAX_SHARDS_PER_STREAM as i64 => {
                return Err(ApiError::validation(
                    &n.to_string(),
                    "shardCount",
                    &format!("Member must have value between 1 and {MAX_SHARDS_PER_STREAM}"),
                ))
            }
            (StreamMode::Provisioned, Some(n)) => n as u32,
            (StreamMode::OnDemand, Some(_)) => {
                return Err(ApiError::invalid("ShardCount cannot be specified for a stream in ON_DEMAND mode."))
            }
            (StreamMode::OnDemand, None) => ON_DEMAND_INITIAL_SHARDS,
        };
        if self.streams.contains_key(&input.stream_name) {
            return Err(ApiError::in_use(format!(
                "Stream {} under account {ACCOUNT_ID} already exists.",
                input.stream_name
            )));
        }
        self.check_quota(shards)?;
        let stream = Stream::new(&input.stream_name, mode, shards, ctx.now);
        ctx.wake_at(stream.busy_until.expect("a new stream is CREATING"));
        ctx.log(
            &input.stream_name,
            EventKind::StreamStatus { stream: input.stream_name.clone(), status: "CREATING".into() },
        );
        self.streams.insert(input.stream_name.clone(), stream);
        Ok(json!({}))
    }

    pub fn delete_stream(&mut self, ctx: &mut Ctx, input: DeleteStreamInput) -> ApiResult<Value> {
        let name = Kinesis::stream_name(&input.stream)?;
        let stream = self.stream_mut(&name)?;
        if stream.status == StreamStatus::Deleting {
            return Err(super::service::not_found(&name));
        }
        if !stream.consumers.is_empty() && !input.enforce_consumer_deletion {
            return Err(ApiError::in_use(format!(
                "Stream {name} under account {ACCOUNT_ID} has registered consumers. Set EnforceConsumerDeletion to delete them with the stream."
            )));
        }
        stream.status = StreamStatus::Deleting;
        stream.pending = None;
        stream.busy_until = Some(ctx.now + DELETE_DELAY);
        ctx.wake_at(ctx.now + DELETE_DELAY);
        ctx.log(&name, EventKind::StreamStatus { stream: name.clone(), status: "DELETING".into() });
        Ok(json!({}))
    }

    pub fn describe_stream_summary(&self, ctx: &Ctx, input: StreamRef) -> ApiResult<DescribeStreamSummaryOutput> {
        let name = Kinesis::stream_name(&input)?;
        let s = self.stream(&name)?;
        Ok(DescribeStreamSummaryOutput {
            stream_description_summary: StreamDescriptionSummary {
                stream_name: s.name.clone(),
                stream_arn: s.arn(),
                stream_status: s.status,
                stream_mode_details: StreamModeDetails { stream_mode: s.mode },
                retention_period_hours: s.retention_hours,
                stream_creation_timestamp: ctx.epoch_seconds(s.created),
                enhanced_monitoring: vec![EnhancedMetrics { shard_level_metrics: vec![] }],
                encryption_type: "NONE",
                open_shard_count: s.open_shard_count(),
                consumer_count: s.consumers.len() as u32,
            },
        })
    }

    pub fn describe_stream(&self, ctx: &Ctx, input: StreamRef) -> ApiResult<DescribeStreamOutput> {
        let name = Kinesis::stream_name(&input)?;
        let s = self.stream(&name)?;
        Ok(DescribeStreamOutput {
            stream_description: StreamDescription {
                stream_name: s.name.clone(),
                stream_arn: s.arn(),
                stream_status: s.status,
                stream_mode_details: StreamModeDetails { stream_mode: s.mode },
                shards: (0..s.shards.len()).map(|p| Kinesis::describe_shard(s, p)).collect(),
                has_more_shards: false,
                retention_period_hours: s.retention_hours,
                stream_creation_timestamp: ctx.epoch_seconds(s.created),
                enhanced_monitoring: vec![EnhancedMetrics { shard_level_metrics: vec![] }],
                encryption_type: "NONE",
            },
        })
    }

    pub fn list_streams(&self, ctx: &Ctx, input: ListStreamsInput) -> ApiResult<ListStreamsOutput> {
        let limit = match input.limit {
            None => 100,
            Some(n @ 1..=10_000) => n as usize,
            Some(n) => {
                return Err(ApiError::validation(&n.to_string(), "limit", "Member must have value between 1 and 10000"))
            }
        };
        let after = input.exclusive_start_stream_name.unwrap_or_default();
        let mut names = self.streams.keys().filter(|n| n.as_str() > after.as_str());
        let page: Vec<&String> = names.by_ref().take(limit).collect();
        let has_more = names.next().is_some();
        Ok(ListStreamsOutput {
            stream_names: page.iter().map(|n| n.to_string()).collect(),
            has_more_streams: has_more,
            stream_summaries: page
                .iter()
                .map(|n| {
                    let s = &self.streams[*n];
                    StreamSummary {
                        stream_name: s.name.clone(),
                        stream_arn: s.arn(),
                        stream_status: s.status,
                        stream_mode_details: StreamModeDetails { stream_mode: s.mode },
                        stream_creation_timestamp: ctx.epoch_seconds(s.created),
                    }
                })
                .collect(),
        })
    }

    pub fn list_shards(&self, input: ListShardsInput) -> ApiResult<ListShardsOutput> {
        let max = match input.max_results {
            None => 1_000,
            Some(n @ 1..=10_000) => n as usize,
            Some(n) => {
                return Err(ApiError::validation(
                    &n.to_string(),
                    "maxResults",
                    "Member must have value between 1 and 10000",
                ))
            }
        };
        // NextToken carries the stream and the last shard index listed.
        let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let (name, after) = match &input.next_token {
            Some(token) => {
                if input.stream.stream_name.is_some() || input.stream.stream_arn.is_some() {
                    return Err(ApiError::invalid("NextToken and StreamName cannot be provided together."));
                }
                let text = engine.decode(token).ok().and_then(|b| String::from_utf8(b).ok()).unwrap_or_default();
                let (index, name) =
                    text.split_once('|').ok_or_else(|| ApiError::invalid(format!("Invalid NextToken: {token}")))?;
                (name.to_string(), index.parse::<u32>().ok())
            }
            None => {
                let name = Kinesis::stream_name(&input.stream)?;
                let after = match &input.exclusive_start_shard_id {
                    Some(id) => Some(
                        id.strip_prefix("shardId-")
                            .unwrap_or(id)
                            .parse::<u32>()
                            .map_err(|_| ApiError::invalid(format!("Invalid ExclusiveStartShardId: {id}")))?,
                    ),
                    None => None,
                };
                (name, after)
            }
        };
        let s = self.stream(&name)?;
        let mut positions = (0..s.shards.len()).filter(|&p| after.is_none_or(|a| s.shards[p].index > a));
        let page: Vec<usize> = positions.by_ref().take(max).collect();
        let next_token = match (positions.next(), page.last()) {
            (Some(_), Some(&last)) => Some(engine.encode(format!("{}|{name}", s.shards[last].index))),
            _ => None,
        };
        Ok(ListShardsOutput { shards: page.into_iter().map(|p| Kinesis::describe_shard(s, p)).collect(), next_token })
    }

    pub fn change_retention(&mut self, ctx: &mut Ctx, input: RetentionInput, increase: bool) -> ApiResult<Value> {
        let name = Kinesis::stream_name(&input.stream)?;
        let stream = self.stream_mut(&name)?;
        stream.require_active()?;
        let hours = input.retention_period_hours;
        if hours < RETENTION_MIN_HOURS as i64 {
            return Err(ApiError::invalid(format!(
                "Minimum allowed retention period is {RETENTION_MIN_HOURS} hours. Requested retention period ({hours} hours) is too short."
            )));
        }
        if hours > RETENTION_MAX_HOURS as i64 {
            return Err(ApiError::invalid(format!(
                "Maximum allowed retention period is {RETENTION_MAX_HOURS} hours. Requested retention period ({hours} hours) is too long."
            )));
        }
        let (hours, current) = (hours as u32, stream.retention_hours);
        if increase && hours < current {
            return Err(ApiError::invalid(format!(
                "Requested retention period ({hours} hours) for stream {name} can not be shorter than existing retention period ({current} hours). Use DecreaseRetentionPeriod API."
            )));
        }
        if !increase && hours > current {
            return Err(ApiError::invalid(format!(
                "Requested retention period ({hours} hours) for stream {name} can not be longer than existing retention period ({current} hours). Use IncreaseRetentionPeriod API."
            )));
        }
        stream.retention_hours = hours;
        ctx.log(&name, EventKind::RetentionChanged { stream: name.clone(), hours });
        // Shortening it drops what is now too old, at once.
        self.tick(ctx);
        Ok(json!({}))
    }
}
