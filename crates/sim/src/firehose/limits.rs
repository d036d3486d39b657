//! Data Firehose limits and defaults, from ../shared/FACTS.md.

use crate::time::SimDuration;

pub const MIB: u64 = 1024 * 1024;

/// Buffering hints for S3: size 1–128 MiB (default 5), interval 0–900 s (default 300).
pub const S3_BUFFER_MIB: (u64, u64) = (1, 128);
pub const S3_BUFFER_MIB_DEFAULT: u64 = 5;
pub const BUFFER_INTERVAL_S: (u64, u64) = (0, 900);
pub const BUFFER_INTERVAL_S_DEFAULT: u64 = 300;

/// PutRecordBatch: 500 records, 1,000 KiB per record (before base64), 4 MiB per request.
pub const BATCH_MAX_RECORDS: usize = 500;
pub const RECORD_MAX_BYTES: u64 = 1_000 * 1024;
pub const BATCH_MAX_BYTES: u64 = 4 * MIB;

/// Direct PUT quotas per delivery stream (large regions): 500,000 records/s, 2,000 requests/s,
/// 5 MiB/s.
pub const DIRECT_PUT_RECORDS_PER_SEC: u64 = 500_000;
pub const DIRECT_PUT_REQUESTS_PER_SEC: u64 = 2_000;
pub const DIRECT_PUT_BYTES_PER_SEC: u64 = 5 * MIB;

/// The transform's own buffer: 0.2–3 MB (default 1), interval 0–900 s (default 60).
pub const TRANSFORM_BUFFER_MB: (f64, f64) = (0.2, 3.0);
pub const TRANSFORM_BUFFER_MB_DEFAULT: f64 = 1.0;
pub const TRANSFORM_INTERVAL_S_DEFAULT: u64 = 60;
/// A synchronous Lambda invocation's request and response: 6 MB each.
pub const LAMBDA_PAYLOAD_MAX_BYTES: usize = 6 * MIB as usize;
/// A failed invocation is retried 3 times: 4 attempts in all.
pub const TRANSFORM_ATTEMPTS: u32 = 4;

/// Direct PUT keeps retrying an unavailable S3 destination for up to 24 hours.
pub const S3_RETRY_FOR: SimDuration = SimDuration::from_hours(24);
/// How often a failed delivery is tried again.
pub const RETRY_EVERY: SimDuration = SimDuration::from_secs(5);

/// Delivery stream names: 1–64 characters of `[a-zA-Z0-9_.-]`.
pub const NAME_MAX_CHARS: usize = 64;

/// CREATING → ACTIVE, as the model's Kinesis streams do.
pub const CREATE_DELAY: SimDuration = SimDuration::from_secs(5);

/// OpenSearch buffering: 1–100 MiB (default 5), interval 0–900 s (default 300).
pub const OPENSEARCH_BUFFER_MIB: (u64, u64) = (1, 100);
/// HTTP endpoint buffering: 1–64 MiB (default 5), interval 0–900 s (default 300).
pub const HTTP_BUFFER_MIB: (u64, u64) = (1, 64);
/// OpenSearch, HTTP endpoint and Redshift retry for 0–7,200 s after a failed delivery.
pub const RETRY_DURATION_S: (u64, u64) = (0, 7_200);
pub const OPENSEARCH_RETRY_S_DEFAULT: u64 = 300;
pub const HTTP_RETRY_S_DEFAULT: u64 = 300;
pub const REDSHIFT_RETRY_S_DEFAULT: u64 = 3_600;

/// A Kinesis data stream source is read once a second per shard, up to 10,000 records a call.
pub const SOURCE_POLL_EVERY: SimDuration = SimDuration::from_secs(1);
pub const SOURCE_POLL_LIMIT: usize = 10_000;
