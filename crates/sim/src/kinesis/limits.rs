//! Kinesis Data Streams limits and defaults, and the rules of the clients around a stream
//! (the SDK's retries, the KPL, Lambda's event source mapping). Every number the model
//! enforces is here, named, with its source, so that a change of AWS's rules is a change of
//! one line; `docs/aws-rules.md` is generated from this file (see `crate::rules`).

use crate::time::SimDuration;

/// A mebibyte: Kinesis quotas are in binary units ("1 MiB per second").
/// Source: Amazon Kinesis Data Streams Developer Guide, "Quotas and limits".
pub const MIB: u64 = 1024 * 1024;

/// Write per shard: 1 MiB/s and 1,000 records/s; either one throttles.
/// Source: Amazon Kinesis Data Streams Developer Guide, "Quotas and limits" (per-shard write).
/// Study notes: "每個 shard 的資料處理能力是每秒 2MB read & 1MB write" — the same limits, in MB.
pub const SHARD_WRITE_BYTES_PER_SEC: u64 = MIB;
pub const SHARD_WRITE_RECORDS_PER_SEC: u64 = 1_000;

/// Read per shard, shared by all polling consumers: 2 MiB/s and 5 GetRecords calls/s.
/// Source: Amazon Kinesis Data Streams Developer Guide, "Quotas and limits"; Amazon Kinesis Data Streams API Reference, GetRecords.
pub const SHARD_READ_BYTES_PER_SEC: u64 = 2 * MIB;
pub const SHARD_READ_CALLS_PER_SEC: u64 = 5;

/// One GetRecords answer: up to 10 MiB and 10,000 records.
/// Source: Amazon Kinesis Data Streams API Reference, GetRecords (Limit; "up to 10 MiB").
pub const GET_RECORDS_MAX_BYTES: u64 = 10 * MIB;
pub const GET_RECORDS_MAX_LIMIT: u64 = 10_000;

/// Enhanced fan-out: 2 MiB/s per shard per consumer; 20 consumers per stream; a
/// subscription pushes for 5 minutes.
/// Source: Amazon Kinesis Data Streams Developer Guide, "Develop enhanced fan-out consumers with dedicated throughput" and "Quotas and
/// limits"; Amazon Kinesis Data Streams API Reference, SubscribeToShard.
pub const EFO_BYTES_PER_SEC: u64 = 2 * MIB;
pub const MAX_CONSUMERS_PER_STREAM: usize = 20;
pub const SUBSCRIPTION_LIFETIME: SimDuration = SimDuration::from_secs(300);
/// A registered consumer stays CREATING this long before it may subscribe. AWS gives no
/// figure ("a few seconds"); the lab uses 5 s, as for a stream.
/// Source: Amazon Kinesis Data Streams API Reference, RegisterStreamConsumer (ConsumerStatus); the duration is the lab's own figure.
pub const CONSUMER_CREATE_DELAY: SimDuration = SimDuration::from_secs(5);
/// Records reach an enhanced fan-out consumer about 70 ms after they are written; the model
/// pushes every 70 ms.
/// Source: Amazon Kinesis Data Streams Developer Guide, "Develop enhanced fan-out consumers with dedicated throughput" ("a typical
/// propagation delay of about 70 ms").
pub const EFO_PUSH_EVERY: SimDuration = SimDuration::from_millis(70);
/// At most 5 consumers of a stream may be CREATING at once: "registering a 6th consumer while
/// there are 5 in a CREATING status results in a LimitExceededException" (RegisterStreamConsumer).
/// Source: Amazon Kinesis Data Streams API Reference, RegisterStreamConsumer.
pub const MAX_CONSUMERS_CREATING: usize = 5;
/// SubscribeToShard: one call per second per consumer per shard; a call within 5 seconds of a
/// successful one for the same consumer and shard gets ResourceInUseException, a call after
/// that takes the subscription over (SubscribeToShard, API reference).
/// Source: Amazon Kinesis Data Streams API Reference, SubscribeToShard.
pub const SUBSCRIBE_CALL_EVERY: SimDuration = SimDuration::from_secs(1);
pub const SUBSCRIBE_IN_USE_FOR: SimDuration = SimDuration::from_secs(5);

/// PutRecords: 500 records, 5 MiB per request including partition keys.
/// Source: Amazon Kinesis Data Streams API Reference, PutRecords.
pub const PUT_RECORDS_MAX_ENTRIES: usize = 500;
pub const PUT_RECORDS_MAX_BYTES: u64 = 5 * MIB;
/// One record, data plus partition key.
/// Source: Amazon Kinesis Data Streams Developer Guide, "Quotas and limits" (maximum record size; a stream may raise it to 10 MiB with UpdateMaxRecordSize, which the lab does not model).
pub const MAX_RECORD_BYTES: u64 = MIB;
/// Partition key length, in Unicode characters.
/// Source: Amazon Kinesis Data Streams API Reference, PutRecord (PartitionKey: "Length Constraints: Minimum length of 1. Maximum length of 256.").
pub const PARTITION_KEY_MAX_CHARS: usize = 256;

/// Retention: default 24 h, 24–8,760 h.
/// Source: Amazon Kinesis Data Streams Developer Guide, "Change the data retention period"; Amazon Kinesis Data Streams API Reference, IncreaseStreamRetentionPeriod.
/// Study notes: "最長可以設定為 7 天" (at most 7 days), the old maximum.
pub const RETENTION_DEFAULT_HOURS: u32 = 24;
pub const RETENTION_MIN_HOURS: u32 = 24;
pub const RETENTION_MAX_HOURS: u32 = 8_760;

/// A shard iterator expires 5 minutes after it is issued.
/// Source: Amazon Kinesis Data Streams API Reference, GetShardIterator ("A shard iterator expires 5 minutes after it is returned").
pub const ITERATOR_LIFETIME: SimDuration = SimDuration::from_secs(300);

/// UpdateShardCount: at most 10 calls per rolling 24 h per stream; ≤ 10,000 shards a stream.
/// Source: Amazon Kinesis Data Streams API Reference, UpdateShardCount; Amazon Kinesis Data Streams Developer Guide, "Quotas and limits".
pub const UPDATE_SHARD_COUNT_PER_DAY: usize = 10;
pub const UPDATE_SHARD_COUNT_WINDOW: SimDuration = SimDuration::from_hours(24);
pub const MAX_SHARDS_PER_STREAM: u32 = 10_000;

/// Default per-account shard quota (AWS's default in the large regions is 500 shards; the
/// scenario may set its own).
/// Source: Amazon Kinesis Data Streams Developer Guide, "Quotas and limits" (shards per Region: 500 in us-east-1, us-west-2, eu-west-1).
pub const DEFAULT_ACCOUNT_SHARD_QUOTA: u32 = 500;

/// ON_DEMAND starts at 4 MiB/s and 4,000 records/s of writes (4 shards' worth) and makes room
/// for double its previous peak (the rule is in `on_demand`): a second's peak counts as the
/// "previous" one 15 minutes after it ends and is remembered 30 days; a stream scales to
/// 10 GB/s of writes, in the lab's shards of 1 MiB/s.
/// Source: Amazon Kinesis Data Streams Developer Guide, "Choose the data stream capacity mode" and "Quotas and limits" (on-demand).
/// Study notes: the shard count "must be set by hand" — written before on-demand mode.
pub const ON_DEMAND_INITIAL_SHARDS: u32 = 4;
pub const ON_DEMAND_PEAK_COUNTS_AFTER: SimDuration = SimDuration::from_secs(15 * 60);
pub const ON_DEMAND_PEAK_REMEMBERED_FOR: SimDuration = SimDuration::from_hours(30 * 24);
pub const ON_DEMAND_MAX_SHARDS: u32 = 10 * 1024;

/// Stream names: 1–128 characters of `[a-zA-Z0-9_.-]`.
/// Source: Amazon Kinesis Data Streams API Reference, CreateStream (StreamName: length 1–128, pattern `[a-zA-Z0-9_.-]+`).
pub const STREAM_NAME_MIN_CHARS: usize = 1;
pub const STREAM_NAME_MAX_CHARS: usize = 128;

/// How long the model keeps a stream in CREATING, UPDATING (resharding) or DELETING. AWS
/// gives no fixed figure ("a few seconds" to under a minute); ShardLab uses a short one so a
/// lesson need not wait.
/// Source: Amazon Kinesis Data Streams API Reference, CreateStream and DescribeStreamSummary (StreamStatus); the durations are the
/// lab's own figures.
pub const CREATE_DELAY: SimDuration = SimDuration::from_secs(5);
pub const RESHARD_DELAY: SimDuration = SimDuration::from_secs(5);
pub const DELETE_DELAY: SimDuration = SimDuration::from_secs(5);

/// The account and region the model pretends to be in (ARNs and error messages name them).
/// Source: the lab's own choice; 123456789012 is the account id AWS's documentation uses in
/// its examples.
pub const ACCOUNT_ID: &str = "123456789012";
pub const REGION: &str = "us-east-1";

/// A consumer's name (RegisterStreamConsumer's ConsumerName): 1–128 characters.
/// Source: Amazon Kinesis Data Streams API Reference, RegisterStreamConsumer.
pub const CONSUMER_NAME_CHARS: (usize, usize) = (1, 128);

/// Lambda's event source mapping for a stream: batches of 1–10,000 records (100 by default), a batching window
/// of 0–300 s, and each shard polled once a second.
/// Source: AWS Lambda Developer Guide, "Using Lambda with Kinesis Data Streams" (polling and
/// batching); AWS Lambda API Reference, CreateEventSourceMapping (BatchSize,
/// MaximumBatchingWindowInSeconds).
pub const LAMBDA_BATCH_SIZE: (u32, u32) = (1, 10_000);
pub const LAMBDA_BATCH_SIZE_DEFAULT: u32 = 100;
pub const LAMBDA_BATCH_WINDOW_S: (u32, u32) = (0, 300);
pub const LAMBDA_POLL_EVERY: SimDuration = SimDuration::from_secs(1);

/// KPL AggregationMaxSize: 51,200 bytes per aggregated Kinesis record.
/// Source: Amazon Kinesis Producer Library, default_config.properties (AggregationMaxSize).
pub const KPL_AGGREGATION_MAX_BYTES: u64 = 51_200;

/// The AWS SDKs' standard retry mode: 3 attempts in all by default (the first and 2
/// retries), each retry after an exponential backoff with full jitter — a wait drawn evenly
/// from 0 up to min(20 s, base × 2^(retry − 1)) — capped at 20 s (the SDKs'
/// MAXIMUM_RETRY_DELAY).
/// Source: AWS SDKs and Tools Reference Guide, "Retry behavior" (standard mode).
pub const SDK_MAX_ATTEMPTS: u32 = 3;
pub const SDK_MAX_BACKOFF: SimDuration = SimDuration::from_secs(20);
/// The base of that backoff in the JavaScript and Java SDKs: 100 ms.
/// Source: AWS SDK for Java 2.x, `SdkDefaultRetrySetting` (BASE_DELAY); AWS SDK for
/// JavaScript v3, `@smithy/util-retry` (DEFAULT_RETRY_DELAY_BASE).
pub const SDK_BASE_DELAY_MS: u64 = 100;

/// The KCL's failover time: a lease not renewed for 10 s may be taken by another worker.
/// Source: Amazon Kinesis Data Streams Developer Guide, "KCL configurations"
/// (failoverTimeMillis, default 10,000).
pub const KCL_FAILOVER_MS_DEFAULT: u64 = 10_000;

/// The rules of a stream that are behaviours rather than numbers.
pub const BEHAVIOURS: &[crate::rules::Behaviour] = &[
    crate::rules::Behaviour {
        rule: "A write over either per-shard limit (bytes or records a second) is refused with ProvisionedThroughputExceededException; PutRecords refuses only the records over it, and the caller must resend them.",
        enforced_in: "kinesis/shard.rs",
        by: "admit_write",
        source: "Amazon Kinesis Data Streams API Reference, PutRecord and PutRecords",
    },
    crate::rules::Behaviour {
        rule: "The MD5 of a partition key's UTF-8 bytes, read as a 128-bit big-endian integer, picks the shard whose hash key range holds it; an ExplicitHashKey overrides it.",
        enforced_in: "kinesis/hash_key.rs",
        by: "hash_partition_key",
        source: "Amazon Kinesis Data Streams API Reference, PutRecord (PartitionKey, ExplicitHashKey)",
    },
    crate::rules::Behaviour {
        rule: "A new stream splits the 2^128 hash key space evenly among its shards.",
        enforced_in: "kinesis/hash_key.rs",
        by: "even_split",
        source: "Amazon Kinesis Data Streams Developer Guide, \"Terminology and concepts\" (hash key range)",
    },
    crate::rules::Behaviour {
        rule: "Sequence numbers increase strictly within a shard and are not comparable across shards.",
        enforced_in: "kinesis/shard.rs",
        by: "next_sequence",
        source: "Amazon Kinesis Data Streams Developer Guide, \"Terminology and concepts\" (sequence number)",
    },
    crate::rules::Behaviour {
        rule: "SplitShard, MergeShards and UpdateShardCount work on provisioned streams only; a split's new starting hash key lies strictly inside the parent's range; only adjacent shards merge; a parent closes and stays readable until retention drops its records.",
        enforced_in: "kinesis/ops_reshard.rs",
        by: "require_provisioned",
        source: "Amazon Kinesis Data Streams API Reference, SplitShard, MergeShards and UpdateShardCount",
    },
    crate::rules::Behaviour {
        rule: "An iterator older than 5 minutes is refused with ExpiredIteratorException.",
        enforced_in: "kinesis/iterator.rs",
        by: "check_fresh",
        source: "Amazon Kinesis Data Streams API Reference, GetShardIterator and GetRecords",
    },
    crate::rules::Behaviour {
        rule: "An on-demand stream makes room for double its previous peak; traffic that more than doubles within 15 minutes throttles until its peak counts.",
        enforced_in: "kinesis/on_demand.rs",
        by: "previous_peak_shards",
        source: "Amazon Kinesis Data Streams Developer Guide, \"Choose the data stream capacity mode\"",
    },
    crate::rules::Behaviour {
        rule: "KCL: one lease per shard; a worker with fewer leases takes one from the busiest; a failed worker's shards resume from their last checkpoint, so records after it are processed again (at least once).",
        enforced_in: "pipeline/kcl_leases.rs",
        by: "lease_to_steal",
        source: "Amazon Kinesis Data Streams Developer Guide, \"Use a lease table to track the shards processed by the KCL consumer application\"",
    },
    crate::rules::Behaviour {
        rule: "KPL aggregation packs user records bound for the same shard into one Kinesis record; consumers that do not de-aggregate see the aggregate as one record.",
        enforced_in: "pipeline/kpl_aggregation.rs",
        by: "encode",
        source: "Amazon Kinesis Data Streams Developer Guide, \"Implement key concepts of the KPL\" (aggregation); amazon-kinesis-producer, aggregation-format.md",
    },
];

crate::rule_values!(
    MIB,
    SHARD_WRITE_BYTES_PER_SEC,
    SHARD_WRITE_RECORDS_PER_SEC,
    SHARD_READ_BYTES_PER_SEC,
    SHARD_READ_CALLS_PER_SEC,
    GET_RECORDS_MAX_BYTES,
    GET_RECORDS_MAX_LIMIT,
    EFO_BYTES_PER_SEC,
    MAX_CONSUMERS_PER_STREAM,
    SUBSCRIPTION_LIFETIME,
    CONSUMER_CREATE_DELAY,
    EFO_PUSH_EVERY,
    MAX_CONSUMERS_CREATING,
    SUBSCRIBE_CALL_EVERY,
    SUBSCRIBE_IN_USE_FOR,
    PUT_RECORDS_MAX_ENTRIES,
    PUT_RECORDS_MAX_BYTES,
    MAX_RECORD_BYTES,
    PARTITION_KEY_MAX_CHARS,
    RETENTION_DEFAULT_HOURS,
    RETENTION_MIN_HOURS,
    RETENTION_MAX_HOURS,
    ITERATOR_LIFETIME,
    UPDATE_SHARD_COUNT_PER_DAY,
    UPDATE_SHARD_COUNT_WINDOW,
    MAX_SHARDS_PER_STREAM,
    DEFAULT_ACCOUNT_SHARD_QUOTA,
    ON_DEMAND_INITIAL_SHARDS,
    ON_DEMAND_PEAK_COUNTS_AFTER,
    ON_DEMAND_PEAK_REMEMBERED_FOR,
    ON_DEMAND_MAX_SHARDS,
    STREAM_NAME_MIN_CHARS,
    STREAM_NAME_MAX_CHARS,
    CREATE_DELAY,
    RESHARD_DELAY,
    DELETE_DELAY,
    ACCOUNT_ID,
    REGION,
    CONSUMER_NAME_CHARS,
    LAMBDA_BATCH_SIZE,
    LAMBDA_BATCH_SIZE_DEFAULT,
    LAMBDA_BATCH_WINDOW_S,
    LAMBDA_POLL_EVERY,
    KPL_AGGREGATION_MAX_BYTES,
    SDK_MAX_ATTEMPTS,
    SDK_MAX_BACKOFF,
    SDK_BASE_DELAY_MS,
    KCL_FAILOVER_MS_DEFAULT,
);
