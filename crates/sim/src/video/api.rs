//! The Kinesis Video Streams API by operation name, as `shardlab api` and the console call
//! it: the control plane (`kinesisvideo`: CreateStream, DescribeStream, ListStreams,
//! UpdateDataRetention, DeleteStream) and archived media (`kinesis-video-archived-media`:
//! ListFragments, GetClip, GetHLSStreamingSessionURL), in AWS's shapes and errors.

use super::hls::{PlaybackMode, SessionRequest, TimestampKind};
use super::limits::*;
use super::service::{no_stream, KinesisVideo};
use crate::ctx::Ctx;
use crate::kinesis::{ApiError, ErrorType};
use crate::time::{SimDuration, SimTime};
use base64::Engine as _;
use serde_json::{json, Value};

/// The operations each service name answers.
pub const CONTROL_OPERATIONS: [&str; 5] =
    ["CreateStream", "DescribeStream", "ListStreams", "UpdateDataRetention", "DeleteStream"];
pub const ARCHIVED_MEDIA_OPERATIONS: [&str; 3] = ["ListFragments", "GetClip", "GetHLSStreamingSessionURL"];

/// Timestamps are read and written as AWS JSON does, through `ctx` (epoch seconds).
pub fn call(video: &mut KinesisVideo, clock: &Ctx, op: &str, input: Value) -> Result<Value, ApiError> {
    match op {
        "CreateStream" => {
            let name = string(&input, "StreamName")?.ok_or_else(|| missing("StreamName"))?;
            let hours = u32_field(&input, "DataRetentionInHours")?.unwrap_or(DEFAULT_RETENTION_HOURS);
            let created_ms = clock.epoch_ms + clock.now.as_millis();
            let stream = video.create_stream(&name, created_ms, hours)?;
            let arn = stream.arn.clone();
            let stream = video.stream_mut(&name)?;
            stream.device_name = string(&input, "DeviceName")?;
            if let Some(media) = string(&input, "MediaType")? {
                stream.media_type = Some(media);
            }
            if let Some(key) = string(&input, "KmsKeyId")? {
                stream.kms_key_id = key;
            }
            Ok(json!({ "StreamARN": arn }))
        }
        "DescribeStream" => {
            let name = stream_name(video, &input)?;
            let stream = video.stream_mut(&name)?;
            stream.control_calls.admit(clock.now, CONTROL_CALLS_PER_SECOND, "DescribeStream")?;
            Ok(json!({ "StreamInfo": stream.info() }))
        }
        "ListStreams" => list_streams(video, &input),
        "UpdateDataRetention" => {
            let name = stream_name(video, &input)?;
            let version = string(&input, "CurrentVersion")?.ok_or_else(|| missing("CurrentVersion"))?;
            let operation = string(&input, "Operation")?.ok_or_else(|| missing("Operation"))?;
            let change = input
                .get("DataRetentionChangeInHours")
                .and_then(Value::as_i64)
                .ok_or_else(|| missing("DataRetentionChangeInHours"))?;
            video.update_data_retention(clock.now, &name, &version, &operation, change)?;
            Ok(json!({}))
        }
        "DeleteStream" => {
            let arn = string(&input, "StreamARN")?.ok_or_else(|| missing("StreamARN"))?;
            let name = name_of_arn(video, &arn)?;
            let stream = video.stream_mut(&name)?;
            stream.control_calls.admit(clock.now, CONTROL_CALLS_PER_SECOND, "DeleteStream")?;
            if let Some(version) = string(&input, "CurrentVersion")? {
                if version != stream.version {
                    return Err(ApiError::new(
                        ErrorType::VersionMismatchException,
                        "The stream version that you specified is not the latest version. To get the latest version, use the DescribeStream API.",
                    ));
                }
            }
            video.delete_stream(&name)?;
            Ok(json!({}))
        }
        "ListFragments" => list_fragments(video, clock, &input),
        "GetClip" => {
            let name = stream_name(video, &input)?;
            let selector = input.get("ClipFragmentSelector").ok_or_else(|| missing("ClipFragmentSelector"))?;
            let (kind, start, end) = selector_range(clock, selector)?;
            let (start, end) =
                (start.ok_or_else(|| missing("StartTimestamp"))?, end.ok_or_else(|| missing("EndTimestamp"))?);
            let clip = video.get_clip(clock.now, &name, "GetClip (API)", kind, start, end)?;
            Ok(json!({
                "ContentType": clip.content_type,
                "Payload": base64::engine::general_purpose::STANDARD.encode(&clip.payload),
            }))
        }
        "GetHLSStreamingSessionURL" => {
            let name = stream_name(video, &input)?;
            let mut request = SessionRequest::live();
            if let Some(mode) = string(&input, "PlaybackMode")? {
                request.mode = PlaybackMode::parse(&mode)?;
            }
            if let Some(selector) = input.get("HLSFragmentSelector") {
                let (kind, start, end) = selector_range(clock, selector)?;
                request.selector = kind;
                request.start = start;
                request.end = end;
            }
            if let Some(expires) = input.get("Expires").and_then(Value::as_u64) {
                request.expires = SimDuration::from_secs(expires);
            }
            if let Some(max) = input.get("MaxMediaPlaylistFragmentResults").and_then(Value::as_u64) {
                request.max_fragments = Some(max as usize);
            }
            let url = video.get_hls_streaming_session_url(clock.now, &name, request)?;
            Ok(json!({ "HLSStreamingSessionURL": url }))
        }
        other => Err(ApiError::new(
            ErrorType::UnknownOperationException,
            format!(
                "Kinesis Video Streams has no operation '{other}' in the lab. It answers {} and {}.",
                CONTROL_OPERATIONS.join(", "),
                ARCHIVED_MEDIA_OPERATIONS.join(", ")
            ),
        )),
    }
}

fn list_streams(video: &KinesisVideo, input: &Value) -> Result<Value, ApiError> {
    let max = input.get("MaxResults").and_then(Value::as_u64).unwrap_or(10_000) as usize;
    if !(1..=10_000).contains(&max) {
        return Err(ApiError::invalid(format!("MaxResults must be between 1 and 10000; it was {max}.")));
    }
    let prefix = match input.get("StreamNameCondition") {
        Some(c) => {
            let op = c.get("ComparisonOperator").and_then(Value::as_str).unwrap_or("BEGINS_WITH");
            if op != "BEGINS_WITH" {
                return Err(ApiError::invalid(format!("ComparisonOperator must be BEGINS_WITH, not '{op}'.")));
            }
            c.get("ComparisonValue").and_then(Value::as_str).unwrap_or("").to_string()
        }
        None => String::new(),
    };
    let after = decode_token(input)?;
    let names: Vec<&String> = video
        .streams
        .keys()
        .filter(|n| n.starts_with(&prefix) && after.as_ref().is_none_or(|a| n.as_str() > a.as_str()))
        .collect();
    let page: Vec<Value> = names.iter().take(max).map(|n| video.streams[*n].info()).collect();
    let mut answer = json!({ "StreamInfoList": page });
    if names.len() > max {
        answer["NextToken"] = json!(encode_token(names[max - 1]));
    }
    Ok(answer)
}

fn list_fragments(video: &mut KinesisVideo, clock: &Ctx, input: &Value) -> Result<Value, ApiError> {
    let name = stream_name(video, input)?;
    let max = input.get("MaxResults").and_then(Value::as_u64).unwrap_or(LIST_FRAGMENTS_MAX_RESULTS as u64) as usize;
    if !(1..=LIST_FRAGMENTS_MAX_RESULTS).contains(&max) {
        return Err(ApiError::invalid(format!(
            "MaxResults must be between 1 and {LIST_FRAGMENTS_MAX_RESULTS}; it was {max}."
        )));
    }
    let range = match input.get("FragmentSelector") {
        Some(selector) => Some(selector_range(clock, selector)?),
        None => None,
    };
    let after: Option<u64> = decode_token(input)?.map(|t| t.parse().unwrap_or(0));
    let stream = video.stream_mut(&name)?;
    // ListFragments costs its MaxResults in metadata points.
    stream.metadata_points.admit_many(clock.now, max, METADATA_POINTS_PER_SECOND, "ListFragments")?;
    stream.expire(clock.now);
    let matching: Vec<&super::fragment::Fragment> = stream
        .live_fragments(clock.now)
        .filter(|f| after.is_none_or(|a| f.number > a))
        .filter(|f| match &range {
            Some((kind, start, end)) => {
                let t = kind.of(f);
                start.is_none_or(|s| t >= s) && end.is_none_or(|e| t <= e)
            }
            None => true,
        })
        .collect();
    let page: Vec<Value> = matching
        .iter()
        .take(max)
        .map(|f| {
            json!({
                "FragmentNumber": stream.fragment_number(f),
                "FragmentSizeInBytes": f.size_bytes,
                "ProducerTimestamp": clock.epoch_seconds(f.producer_start),
                "ServerTimestamp": clock.epoch_seconds(f.server_start),
                "FragmentLengthInMilliseconds": f.duration.as_millis(),
            })
        })
        .collect();
    let mut answer = json!({ "Fragments": page });
    if matching.len() > max {
        answer["NextToken"] = json!(encode_token(&matching[max - 1].number.to_string()));
    }
    Ok(answer)
}

/// A fragment selector's type and time range.
fn selector_range(
    clock: &Ctx,
    selector: &Value,
) -> Result<(TimestampKind, Option<SimTime>, Option<SimTime>), ApiError> {
    let kind = selector.get("FragmentSelectorType").and_then(Value::as_str).unwrap_or("SERVER_TIMESTAMP");
    let kind = TimestampKind::parse(kind)?;
    let range = selector.get("TimestampRange");
    let at = |field: &str| -> Result<Option<SimTime>, ApiError> {
        match range.and_then(|r| r.get(field)) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v.as_f64().map(|s| Some(clock.from_epoch_seconds(s))).ok_or_else(|| {
                ApiError::new(
                    ErrorType::SerializationException,
                    format!("{field} must be a timestamp in seconds since 1970."),
                )
            }),
        }
    };
    Ok((kind, at("StartTimestamp")?, at("EndTimestamp")?))
}

/// The stream a request names, by `StreamName` or `StreamARN` (one of them).
fn stream_name(video: &KinesisVideo, input: &Value) -> Result<String, ApiError> {
    match (string(input, "StreamName")?, string(input, "StreamARN")?) {
        (Some(name), _) => Ok(name),
        (None, Some(arn)) => name_of_arn(video, &arn),
        (None, None) => Err(ApiError::invalid("Specify either the StreamName or the StreamARN.")),
    }
}

fn name_of_arn(video: &KinesisVideo, arn: &str) -> Result<String, ApiError> {
    video.streams.values().find(|s| s.arn == arn).map(|s| s.name.clone()).ok_or_else(|| no_stream(arn))
}

fn string(input: &Value, field: &str) -> Result<Option<String>, ApiError> {
    match input.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(ApiError::new(ErrorType::SerializationException, format!("{field} must be a string."))),
    }
}

fn u32_field(input: &Value, field: &str) -> Result<Option<u32>, ApiError> {
    match input.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v.as_u64().and_then(|n| u32::try_from(n).ok()).map(Some).ok_or_else(|| {
            ApiError::new(ErrorType::SerializationException, format!("{field} must be a whole number of hours."))
        }),
    }
}

fn missing(field: &str) -> ApiError {
    ApiError::invalid(format!("The request has no {field}, which this operation requires."))
}

fn encode_token(after: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(after)
}

fn decode_token(input: &Value) -> Result<Option<String>, ApiError> {
    let Some(token) = string(input, "NextToken")? else { return Ok(None) };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(&token)
        .map_err(|_| ApiError::invalid("NextToken is not a token this API gave."))?;
    String::from_utf8(bytes).map(Some).map_err(|_| ApiError::invalid("NextToken is not a token this API gave."))
}
