//! Data Firehose limits and defaults, each with its source, so that a change of AWS's rules is
//! a change of one line; `docs/aws-rules.md` is generated from this file (see `crate::rules`).

use crate::time::SimDuration;

/// A mebibyte: Firehose's buffer sizes are in MiB ("SizeInMBs" counts 1,048,576 bytes).
/// Source: Amazon Data Firehose API Reference, BufferingHints.
pub const MIB: u64 = 1024 * 1024;

/// Buffering hints for S3: size 1–128 MiB (default 5), interval 0–900 s (default 300).
/// Source: Amazon Data Firehose Developer Guide, "Configure buffering hints"; Amazon Data Firehose API Reference, BufferingHints (SizeInMBs, IntervalInSeconds).
pub const S3_BUFFER_MIB: (u64, u64) = (1, 128);
pub const S3_BUFFER_MIB_DEFAULT: u64 = 5;
pub const BUFFER_INTERVAL_S: (u64, u64) = (0, 900);
pub const BUFFER_INTERVAL_S_DEFAULT: u64 = 300;

/// PutRecordBatch: 500 records, 1,000 KiB per record (before base64), 4 MiB per request.
/// Source: Amazon Data Firehose API Reference, PutRecordBatch; Amazon Data Firehose Developer Guide, "Amazon Data Firehose Quota".
pub const BATCH_MAX_RECORDS: usize = 500;
pub const RECORD_MAX_BYTES: u64 = 1_000 * 1024;
pub const BATCH_MAX_BYTES: u64 = 4 * MIB;

/// Direct PUT quotas per delivery stream (large regions): 500,000 records/s, 2,000 requests/s,
/// 5 MiB/s.
/// Source: Amazon Data Firehose Developer Guide, "Amazon Data Firehose Quota" (US East (N. Virginia), US West (Oregon), Europe (Ireland)).
pub const DIRECT_PUT_RECORDS_PER_SEC: u64 = 500_000;
pub const DIRECT_PUT_REQUESTS_PER_SEC: u64 = 2_000;
pub const DIRECT_PUT_BYTES_PER_SEC: u64 = 5 * MIB;

/// The transform's own buffer: 0.2–3 MB (default 1), interval 0–900 s (default 60).
/// Source: Amazon Data Firehose Developer Guide, "Transform source data in Amazon Data Firehose"; Amazon Data Firehose API Reference, ProcessorParameter (BufferSizeInMBs, BufferIntervalInSeconds).
pub const TRANSFORM_BUFFER_MB: (f64, f64) = (0.2, 3.0);
pub const TRANSFORM_BUFFER_MB_DEFAULT: f64 = 1.0;
pub const TRANSFORM_INTERVAL_S_DEFAULT: u64 = 60;
/// A synchronous Lambda invocation's request and response: 6 MB each.
/// Source: AWS Lambda Developer Guide, "Lambda quotas" (invocation payload, synchronous).
pub const LAMBDA_PAYLOAD_MAX_BYTES: usize = 6 * MIB as usize;
/// A failed invocation is retried 3 times: 4 attempts in all.
/// Source: Amazon Data Firehose Developer Guide, "Transform source data in Amazon Data Firehose" (failure handling; ProcessorParameter NumberOfRetries, default 3).
pub const TRANSFORM_ATTEMPTS: u32 = 4;

/// Direct PUT keeps retrying an unavailable S3 destination for up to 24 hours.
/// Source: Amazon Data Firehose Developer Guide, "Handle data delivery failure" (Amazon S3: retries for up to 24 hours).
pub const S3_RETRY_FOR: SimDuration = SimDuration::from_hours(24);
/// How often a failed delivery is tried again. AWS states no interval; the lab tries every 5 s.
/// Source: the lab's own figure.
pub const RETRY_EVERY: SimDuration = SimDuration::from_secs(5);

/// Delivery stream names: 1–64 characters of `[a-zA-Z0-9_.-]`.
/// Source: Amazon Data Firehose API Reference, CreateDeliveryStream (DeliveryStreamName: length 1–64, pattern `[a-zA-Z0-9_.-]+`).
pub const NAME_MAX_CHARS: usize = 64;

/// CREATING → ACTIVE, as the model's Kinesis streams do.
/// Source: Amazon Data Firehose API Reference, DescribeDeliveryStream (DeliveryStreamStatus); the duration is the lab's own figure.
pub const CREATE_DELAY: SimDuration = SimDuration::from_secs(5);

/// OpenSearch buffering: 1–100 MiB (default 5), interval 0–900 s (default 300).
/// Source: Amazon Data Firehose API Reference, AmazonopensearchserviceBufferingHints (SizeInMBs 1–100).
/// Study notes: "Elasticsearch" — the service's name before it became OpenSearch Service.
pub const OPENSEARCH_BUFFER_MIB: (u64, u64) = (1, 100);
/// HTTP endpoint buffering: 1–64 MiB (default 5), interval 0–900 s (default 300).
/// Source: Amazon Data Firehose API Reference, HttpEndpointBufferingHints (SizeInMBs 1–64).
pub const HTTP_BUFFER_MIB: (u64, u64) = (1, 64);
/// OpenSearch, HTTP endpoint and Redshift retry for 0–7,200 s after a failed delivery.
/// Source: Amazon Data Firehose API Reference, AmazonopensearchserviceRetryOptions, HttpEndpointRetryOptions and RedshiftRetryOptions (DurationInSeconds 0–7,200; defaults 300, 300 and 3,600); Amazon Data Firehose Developer Guide, "Handle data delivery failure".
pub const RETRY_DURATION_S: (u64, u64) = (0, 7_200);
pub const OPENSEARCH_RETRY_S_DEFAULT: u64 = 300;
pub const HTTP_RETRY_S_DEFAULT: u64 = 300;
pub const REDSHIFT_RETRY_S_DEFAULT: u64 = 3_600;

/// A Kinesis data stream source is read once a second per shard, up to 10,000 records a call.
/// Source: Amazon Data Firehose Developer Guide, "Send data to a Firehose stream from Kinesis Data Streams"; the poll interval is the lab's own figure (AWS reads each shard continuously).
pub const SOURCE_POLL_EVERY: SimDuration = SimDuration::from_secs(1);
pub const SOURCE_POLL_LIMIT: usize = 10_000;

/// A Lambda function name (the transform's): 1–64 characters without its ARN.
/// Source: AWS Lambda API Reference, CreateFunction (FunctionName).
pub const FUNCTION_NAME_CHARS: (usize, usize) = (1, 64);
/// Redshift identifiers: a cluster identifier is 1–63 characters; the lab holds table and
/// column names to the same length (Redshift allows 127 bytes).
/// Source: Amazon Redshift Management Guide, "Creating a cluster" (cluster identifier);
/// Amazon Redshift Database Developer Guide, "Names and identifiers".
pub const REDSHIFT_NAME_CHARS: (usize, usize) = (1, 63);
/// An OpenSearch Service domain name: 3–28 characters. An index name: 1–80 characters, the
/// lab's bound (OpenSearch allows 255 bytes).
/// Source: Amazon OpenSearch Service Developer Guide, "Creating OpenSearch Service domains"
/// (domain name); OpenSearch documentation, "Index APIs: create index" (naming restrictions).
pub const OPENSEARCH_DOMAIN_CHARS: (usize, usize) = (3, 28);
pub const OPENSEARCH_INDEX_CHARS: (usize, usize) = (1, 80);
/// An HTTP endpoint's URL: at most 1,000 characters.
/// Source: Amazon Data Firehose API Reference, HttpEndpointConfiguration (Url: length 1–1,000, `https://`).
pub const HTTP_URL_MAX_CHARS: usize = 1_000;

/// The rules of a delivery stream that are behaviours rather than numbers.
pub const BEHAVIOURS: &[crate::rules::Behaviour] = &[
    crate::rules::Behaviour {
        rule: "A buffer flushes when it reaches its size or its interval, whichever comes first.",
        enforced_in: "firehose/stream.rs",
        by: "flush_due",
        source: "Amazon Data Firehose Developer Guide, \"Configure buffering hints\"",
    },
    crate::rules::Behaviour {
        rule: "An S3 object is named by the prefix (default `YYYY/MM/dd/HH/`, UTC, the time of its oldest record) and `<stream>-<version>-<yyyy>-<MM>-<dd>-<HH>-<mm>-<ss>-<uuid>` with the compression's extension.",
        enforced_in: "firehose/stream.rs",
        by: "object_key",
        source: "Amazon Data Firehose Developer Guide, \"Configure Amazon S3 object name format\"",
    },
    crate::rules::Behaviour {
        rule: "A transform answers each recordId with Ok, Dropped or ProcessingFailed; failed records go to the error prefix `processing-failed/`.",
        enforced_in: "firehose/transform_run.rs",
        by: "processing-failed",
        source: "Amazon Data Firehose Developer Guide, \"Transform source data in Amazon Data Firehose\"",
    },
    crate::rules::Behaviour {
        rule: "UpdateDestination needs the current version id and raises it by one; the version appears in later object names.",
        enforced_in: "firehose/update.rs",
        by: "current_delivery_stream_version_id",
        source: "Amazon Data Firehose API Reference, UpdateDestination",
    },
    crate::rules::Behaviour {
        rule: "OpenSearch index rotation appends the period to the index name (NoRotation, OneHour, OneDay, OneWeek, OneMonth).",
        enforced_in: "firehose/index_rotation.rs",
        by: "us_week",
        source: "Amazon Data Firehose Developer Guide, \"Configure index rotation for OpenSearch Service\"",
    },
    crate::rules::Behaviour {
        rule: "Reading a Kinesis data stream, Firehose de-aggregates KPL records into their user records.",
        enforced_in: "pipeline/payload.rs",
        by: "kpl_aggregation::decode",
        source: "Amazon Data Firehose Developer Guide, \"Send data to a Firehose stream from Kinesis Data Streams\"",
    },
];

crate::rule_values!(
    MIB,
    S3_BUFFER_MIB,
    S3_BUFFER_MIB_DEFAULT,
    BUFFER_INTERVAL_S,
    BUFFER_INTERVAL_S_DEFAULT,
    BATCH_MAX_RECORDS,
    RECORD_MAX_BYTES,
    BATCH_MAX_BYTES,
    DIRECT_PUT_RECORDS_PER_SEC,
    DIRECT_PUT_REQUESTS_PER_SEC,
    DIRECT_PUT_BYTES_PER_SEC,
    TRANSFORM_BUFFER_MB,
    TRANSFORM_BUFFER_MB_DEFAULT,
    TRANSFORM_INTERVAL_S_DEFAULT,
    LAMBDA_PAYLOAD_MAX_BYTES,
    TRANSFORM_ATTEMPTS,
    S3_RETRY_FOR,
    RETRY_EVERY,
    NAME_MAX_CHARS,
    CREATE_DELAY,
    OPENSEARCH_BUFFER_MIB,
    HTTP_BUFFER_MIB,
    RETRY_DURATION_S,
    OPENSEARCH_RETRY_S_DEFAULT,
    HTTP_RETRY_S_DEFAULT,
    REDSHIFT_RETRY_S_DEFAULT,
    SOURCE_POLL_EVERY,
    SOURCE_POLL_LIMIT,
    FUNCTION_NAME_CHARS,
    REDSHIFT_NAME_CHARS,
    OPENSEARCH_DOMAIN_CHARS,
    OPENSEARCH_INDEX_CHARS,
    HTTP_URL_MAX_CHARS,
);
