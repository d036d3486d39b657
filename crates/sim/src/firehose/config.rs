//! CreateDeliveryStream's input, read into a delivery stream: the source, one destination
//! (S3, Redshift, OpenSearch or an HTTP endpoint, each with its buffering ranges and retry
//! rule) and an optional Lambda transform. The page's Firehose components are created
//! through the same input, so the canvas and the API cannot disagree on a rule.

use super::config_input::*;
use super::limits::*;
use super::stream::{Compression, Destination, Source, Target, TransformStage};
use super::transform::Transform;
use crate::kinesis::error::{ApiError, ApiResult};
use crate::time::SimDuration;
use std::collections::BTreeMap;

/// What a delivery stream is made of, read and checked.
pub(super) struct Parsed {
    pub source: Source,
    pub destination: Destination,
    pub transform: Option<TransformStage>,
}

fn in_range(value: u64, (lo, hi): (u64, u64), field: &str) -> ApiResult<u64> {
    if (lo..=hi).contains(&value) {
        Ok(value)
    } else {
        Err(ApiError::validation(&value.to_string(), field, &format!("Member must have value between {lo} and {hi}")))
    }
}

fn bucket_of(arn: &str) -> ApiResult<String> {
    arn.strip_prefix("arn:aws:s3:::")
        .filter(|b| !b.is_empty())
        .map(str::to_string)
        .ok_or_else(|| ApiError::invalid(format!("BucketARN {arn} is not an S3 bucket ARN (arn:aws:s3:::NAME).")))
}

fn retry_for(options: Option<RetryOptions>, default: u64) -> ApiResult<SimDuration> {
    let seconds = options.and_then(|o| o.duration_in_seconds).unwrap_or(default);
    Ok(SimDuration::from_secs(in_range(seconds, RETRY_DURATION_S, "durationInSeconds")?))
}

/// Buffering hints as (MiB, seconds): both given or neither ("if you specify a value for one
/// of them, you must also provide a value for the other", BufferingHints in the API
/// reference), in range, defaults 5 MiB and 300 s.
fn hints_of(hints: Option<&BufferingHints>, size_range: (u64, u64)) -> ApiResult<(u64, u64)> {
    let (size, interval) = match hints.map(|h| (h.size_in_mbs, h.interval_in_seconds)) {
        None | Some((None, None)) => (S3_BUFFER_MIB_DEFAULT, BUFFER_INTERVAL_S_DEFAULT),
        Some((Some(size), Some(interval))) => (size, interval),
        Some((size, _)) => {
            let (given, missing) =
                if size.is_some() { ("SizeInMBs", "IntervalInSeconds") } else { ("IntervalInSeconds", "SizeInMBs") };
            return Err(ApiError::invalid(format!(
                "BufferingHints specifies {given} without {missing}: the SizeInMBs and IntervalInSeconds parameters are optional, but if you specify a value for one of them, you must also provide a value for the other."
            )));
        }
    };
    Ok((in_range(size, size_range, "sizeInMBs")?, in_range(interval, BUFFER_INTERVAL_S, "intervalInSeconds")?))
}

/// The destination read from one configuration: the bucket part from `s3`, the buffering
/// hints from `hints` checked against `size_range`. A backup bucket (`s3` of an OpenSearch or
/// HTTP endpoint destination) has hints of its own.
fn destination(
    target: Target,
    s3: &S3Config,
    hints: Option<&BufferingHints>,
    size_range: (u64, u64),
) -> ApiResult<Destination> {
    let (size, interval) = hints_of(hints, size_range)?;
    let backup_hints = if matches!(target, Target::OpenSearch { .. } | Target::Http { .. }) {
        hints_of(s3.buffering_hints.as_ref(), S3_BUFFER_MIB)?
    } else {
        (size, interval)
    };
    Ok(Destination {
        target,
        bucket: bucket_of(&s3.bucket_arn)?,
        prefix: s3.prefix.clone(),
        error_prefix: s3.error_output_prefix.clone(),
        size_bytes: size * MIB,
        interval: SimDuration::from_secs(interval),
        compression: s3.compression_format.unwrap_or(Compression::Uncompressed),
        s3_hints: backup_hints,
    })
}

/// The transform a ProcessingConfiguration names: a Lambda ARN whose function is one of
/// `functions` (the lab's templates and the canvas's functions), with the transform
/// buffer's hints.
fn transform_stage(
    config: Option<ProcessingConfiguration>,
    functions: &BTreeMap<String, String>,
) -> ApiResult<Option<TransformStage>> {
    let Some(config) = config.filter(|c| c.enabled) else { return Ok(None) };
    let Some(lambda) = config.processors.into_iter().find(|p| p.kind == "Lambda") else { return Ok(None) };
    let param =
        |name: &str| lambda.parameters.iter().find(|p| p.parameter_name == name).map(|p| p.parameter_value.clone());
    let arn =
        param("LambdaArn").ok_or_else(|| ApiError::invalid("The Lambda processor needs a LambdaArn parameter."))?;
    let function = arn.rsplit(':').next().unwrap_or_default();
    let code = functions.get(function).map(String::as_str).or_else(|| super::transform::template(function));
    let code = code.ok_or_else(|| {
        let names: Vec<&str> =
            super::transform::TEMPLATES.iter().map(|(n, _)| *n).chain(functions.keys().map(String::as_str)).collect();
        ApiError::invalid(format!(
            "Lambda function {function} does not exist. The lab's functions are: {}.",
            names.join(", ")
        ))
    })?;
    let size_mb = match param("BufferSizeInMBs") {
        Some(v) => v.parse::<f64>().map_err(|_| ApiError::invalid(format!("BufferSizeInMBs {v} is not a number.")))?,
        None => TRANSFORM_BUFFER_MB_DEFAULT,
    };
    if !(TRANSFORM_BUFFER_MB.0..=TRANSFORM_BUFFER_MB.1).contains(&size_mb) {
        return Err(ApiError::invalid(format!("BufferSizeInMBs {size_mb} is outside 0.2–3 for a Lambda processor.")));
    }
    let interval = match param("BufferIntervalInSeconds") {
        Some(v) => v
            .parse::<u64>()
            .map_err(|_| ApiError::invalid(format!("BufferIntervalInSeconds {v} is not a whole number.")))?,
        None => TRANSFORM_INTERVAL_S_DEFAULT,
    };
    if !(BUFFER_INTERVAL_S.0..=BUFFER_INTERVAL_S.1).contains(&interval) {
        return Err(ApiError::invalid(format!("BufferIntervalInSeconds {interval} is outside 0–900.")));
    }
    Ok(Some(TransformStage {
        function: Transform::new(code),
        lambda_arn: arn,
        size_bytes: (size_mb * MIB as f64) as u64,
        interval: SimDuration::from_secs(interval),
        buffer: Vec::new(),
        buffered_bytes: 0,
        invocations: 0,
        failed_invocations: 0,
    }))
}

fn backup_all(mode: Option<String>, failed_only: &str, all: &str) -> ApiResult<bool> {
    match mode.as_deref() {
        None => Ok(false),
        Some(m) if m == failed_only => Ok(false),
        Some(m) if m == all => Ok(true),
        Some(other) => Err(ApiError::validation(
            other,
            "s3BackupMode",
            &format!("Member must satisfy enum value set: [{failed_only}, {all}]"),
        )),
    }
}

/// Reads and checks a CreateDeliveryStream input.
pub(super) fn parse_create(input: CreateInput, functions: &BTreeMap<String, String>) -> ApiResult<Parsed> {
    let source =
        match (input.delivery_stream_type.as_deref().unwrap_or("DirectPut"), input.kinesis_stream_source_configuration)
        {
            ("DirectPut", None) => Source::DirectPut,
            ("DirectPut", Some(_)) => {
                return Err(ApiError::invalid(
                    "KinesisStreamSourceConfiguration is only for a delivery stream of type KinesisStreamAsSource.",
                ))
            }
            ("KinesisStreamAsSource", Some(k)) => {
                let stream =
                    k.kinesis_stream_arn.rsplit_once(":stream/").map(|(_, s)| s.to_string()).ok_or_else(|| {
                        ApiError::invalid(format!(
                            "KinesisStreamARN {} is not a Kinesis stream ARN.",
                            k.kinesis_stream_arn
                        ))
                    })?;
                Source::Kinesis {
                    stream,
                    cursors: BTreeMap::new(),
                    next_poll: crate::time::SimTime::ZERO,
                    throttled: 0,
                }
            }
            ("KinesisStreamAsSource", None) => {
                return Err(ApiError::invalid(
                    "A KinesisStreamAsSource delivery stream needs a KinesisStreamSourceConfiguration.",
                ))
            }
            (other, _) => {
                return Err(ApiError::validation(
                    other,
                    "deliveryStreamType",
                    "Member must satisfy enum value set: [DirectPut, KinesisStreamAsSource]",
                ))
            }
        };
    let given = [
        input.extended_s3.is_some() || input.s3.is_some(),
        input.redshift.is_some(),
        input.opensearch.is_some(),
        input.http.is_some(),
    ];
    let exactly_one = || {
        ApiError::invalid(
            "Exactly one destination configuration is required: ExtendedS3DestinationConfiguration, RedshiftDestinationConfiguration, AmazonopensearchserviceDestinationConfiguration or HttpEndpointDestinationConfiguration.",
        )
    };
    if given.iter().filter(|g| **g).count() != 1 {
        return Err(exactly_one());
    }
    let (destination, processing) = if let Some(s3) = input.extended_s3.or(input.s3) {
        let d = destination(Target::S3, &s3, s3.buffering_hints.as_ref(), S3_BUFFER_MIB)?;
        (d, s3.processing_configuration)
    } else if let Some(r) = input.redshift {
        // jdbc:redshift://CLUSTER.abc123.REGION.redshift.amazonaws.com:5439/DB
        let cluster = r
            .cluster_jdbc_url
            .strip_prefix("jdbc:redshift://")
            .and_then(|rest| rest.split(['.', ':', '/']).next())
            .filter(|c| !c.is_empty())
            .ok_or_else(|| {
                ApiError::invalid(format!(
                    "ClusterJDBCURL {} is not a Redshift JDBC URL (jdbc:redshift://CLUSTER.….redshift.amazonaws.com:5439/DB).",
                    r.cluster_jdbc_url
                ))
            })?
            .to_string();
        if r.s3_configuration
            .compression_format
            .is_some_and(|c| c != Compression::Uncompressed && c != Compression::Gzip)
        {
            return Err(ApiError::invalid("Redshift COPY reads UNCOMPRESSED or GZIP staged objects only."));
        }
        let columns: Vec<String> = r
            .copy_command
            .data_table_columns
            .split(',')
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect();
        if columns.is_empty() {
            return Err(ApiError::invalid("CopyCommand.DataTableColumns must name the table's columns (a,b,c)."));
        }
        let target = Target::Redshift {
            cluster,
            table: r.copy_command.data_table_name,
            columns,
            copy_options: r.copy_command.copy_options,
            retry_for: retry_for(r.retry_options, REDSHIFT_RETRY_S_DEFAULT)?,
        };
        let hints = r.s3_configuration.buffering_hints.as_ref();
        (destination(target, &r.s3_configuration, hints, S3_BUFFER_MIB)?, r.processing_configuration)
    } else if let Some(o) = input.opensearch {
        let domain = o.domain_arn.rsplit_once(":domain/").map(|(_, d)| d.to_string()).ok_or_else(|| {
            ApiError::invalid(format!(
                "DomainARN {} is not an OpenSearch domain ARN (arn:aws:es:…:domain/NAME).",
                o.domain_arn
            ))
        })?;
        let target = Target::OpenSearch {
            domain,
            index: o.index_name,
            rotation: o.index_rotation_period.unwrap_or_default(),
            retry_for: retry_for(o.retry_options, OPENSEARCH_RETRY_S_DEFAULT)?,
            backup_all: backup_all(o.s3_backup_mode, "FailedDocumentsOnly", "AllDocuments")?,
        };
        (
            destination(target, &o.s3_configuration, o.buffering_hints.as_ref(), OPENSEARCH_BUFFER_MIB)?,
            o.processing_configuration,
        )
    } else if let Some(h) = input.http {
        let url = h.endpoint_configuration.url;
        if !url.starts_with("https://") {
            return Err(ApiError::validation(
                &url,
                "endpointConfiguration.url",
                "Member must satisfy regular expression pattern: https://.*",
            ));
        }
        let target = Target::Http {
            url,
            name: h.endpoint_configuration.name,
            retry_for: retry_for(h.retry_options, HTTP_RETRY_S_DEFAULT)?,
            backup_all: backup_all(h.s3_backup_mode, "FailedDataOnly", "AllData")?,
        };
        (
            destination(target, &h.s3_configuration, h.buffering_hints.as_ref(), HTTP_BUFFER_MIB)?,
            h.processing_configuration,
        )
    } else {
        return Err(exactly_one());
    };
    Ok(Parsed { source, destination, transform: transform_stage(processing, functions)? })
}
