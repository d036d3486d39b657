//! Kinesis Data Streams limits and defaults, from ../shared/FACTS.md. Every number the model
//! enforces is here, named, so that a change of AWS's rules is a change of one line.

use crate::time::SimDuration;

pub const MIB: u64 = 1024 * 1024;

/// Write per shard: 1 MiB/s and 1,000 records/s; either one throttles.
pub const SHARD_WRITE_BYTES_PER_SEC: u64 = MIB;
pub const SHARD_WRITE_RECORDS_PER_SEC: u64 = 1_000;

/// Read per shard, shared by all polling consumers: 2 MiB/s and 5 GetRecords calls/s.
pub const SHARD_READ_BYTES_PER_SEC: u64 = 2 * MIB;
pub const SHARD_READ_CALLS_PER_SEC: u64 = 5;

/// One GetRecords answer: up to 10 MiB and 10,000 records.
pub const GET_RECORDS_MAX_BYTES: u64 = 10 * MIB;
pub const GET_RECORDS_MAX_LIMIT: u64 = 10_000;

/// Enhanced fan-out: 2 MiB/s per shard per consumer; 20 consumers per stream; a
/// subscription pushes for 5 minutes.
pub const EFO_BYTES_PER_SEC: u64 = 2 * MIB;
pub const MAX_CONSUMERS_PER_STREAM: usize = 20;
pub const SUBSCRIPTION_LIFETIME: SimDuration = SimDuration::from_secs(300);
/// At most 5 consumers of a stream may be CREATING at once: "registering a 6th consumer while
/// there are 5 in a CREATING status results in a LimitExceededException" (RegisterStreamConsumer).
pub const MAX_CONSUMERS_CREATING: usize = 5;
/// SubscribeToShard: one call per second per consumer per shard; a call within 5 seconds of a
/// successful one for the same consumer and shard gets ResourceInUseException, a call after
/// that takes the subscription over (SubscribeToShard, API reference).
pub const SUBSCRIBE_CALL_EVERY: SimDuration = SimDuration::from_secs(1);
pub const SUBSCRIBE_IN_USE_FOR: SimDuration = SimDuration::from_secs(5);

/// PutRecords: 500 records, 5 MiB per request including partition keys.
pub const PUT_RECORDS_MAX_ENTRIES: usize = 500;
pub const PUT_RECORDS_MAX_BYTES: u64 = 5 * MIB;
/// One record, data plus partition key.
pub const MAX_RECORD_BYTES: u64 = MIB;
/// Partition key length, in Unicode characters.
pub const PARTITION_KEY_MAX_CHARS: usize = 256;

/// Retention: default 24 h, 24–8,760 h.
pub const RETENTION_DEFAULT_HOURS: u32 = 24;
pub const RETENTION_MIN_HOURS: u32 = 24;
pub const RETENTION_MAX_HOURS: u32 = 8_760;

/// A shard iterator expires 5 minutes after it is issued.
pub const ITERATOR_LIFETIME: SimDuration = SimDuration::from_secs(300);

/// UpdateShardCount: at most 10 calls per rolling 24 h per stream; ≤ 10,000 shards a stream.
pub const UPDATE_SHARD_COUNT_PER_DAY: usize = 10;
pub const UPDATE_SHARD_COUNT_WINDOW: SimDuration = SimDuration::from_hours(24);
pub const MAX_SHARDS_PER_STREAM: u32 = 10_000;

/// Default per-account shard quota (AWS's default in the large regions is 500 shards; the
/// scenario may set its own).
pub const DEFAULT_ACCOUNT_SHARD_QUOTA: u32 = 500;

/// ON_DEMAND starts at 4 MiB/s write (4 shards' worth) and scales to double its previous
/// peak (the rule is in `on_demand`).
pub const ON_DEMAND_INITIAL_SHARDS: u32 = super::on_demand::INITIAL_SHARDS;

/// Stream names: 1–128 characters of `[a-zA-Z0-9_.-]`.
pub const STREAM_NAME_MIN_CHARS: usize = 1;
pub const STREAM_NAME_MAX_CHARS: usize = 128;

/// How long the model keeps a stream in CREATING, UPDATING (resharding) or DELETING. AWS
/// gives no fixed figure ("a few seconds" to under a minute); ShardLab uses a short one so a
/// lesson need not wait.
pub const CREATE_DELAY: SimDuration = SimDuration::from_secs(5);
pub const RESHARD_DELAY: SimDuration = SimDuration::from_secs(5);
pub const DELETE_DELAY: SimDuration = SimDuration::from_secs(5);

/// The account and region the model pretends to be in (ARNs and error messages name them).
pub const ACCOUNT_ID: &str = "123456789012";
pub const REGION: &str = "us-east-1";
