//! The settings of each pipeline component, as a scenario stores them, with the ranges AWS
//! (or the client library) allows. `validate` names the rule a refused value breaks.

use super::payload::Template;
use crate::kinesis::limits::*;
use crate::kinesis::stream::StreamMode;
use serde::{Deserialize, Serialize};

/// How a producer chooses partition keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "strategy", rename_all = "snake_case")]
pub enum KeyStrategy {
    /// A new random key for every record: spreads evenly over the shards.
    Random,
    /// One of `count` keys, picked at random.
    Distinct { count: u32 },
    /// One key for everything: every record lands on the same shard.
    HotKey,
    /// Keys 0, 1, 2, … in order.
    Sequential,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StreamSettings {
    pub stream_name: String,
    #[serde(default)]
    pub mode: StreamMode,
    #[serde(default = "one")]
    pub shard_count: u32,
    #[serde(default = "default_retention")]
    pub retention_hours: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProducerSettings {
    pub records_per_second: f64,
    pub record_bytes: u32,
    pub keys: KeyStrategy,
    #[serde(default)]
    pub template: Template,
    /// Retries of a throttled record before it is given up: 2 by default, the SDKs' standard
    /// mode (3 attempts in all).
    #[serde(default = "default_retries")]
    pub max_retries: u32,
    /// The backoff's base: retry n waits a random time below min(20 s, base × 2^(n − 1))
    /// (full jitter, as the SDKs' standard mode does).
    #[serde(default = "default_backoff_ms")]
    pub backoff_ms: u64,
    /// KPL aggregation: pack user records into Kinesis records of up to 50 KiB.
    #[serde(default)]
    pub aggregation: bool,
    /// KPL collection: send records in PutRecords batches of up to 500.
    #[serde(default)]
    pub collection: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StartPosition {
    #[default]
    TrimHorizon,
    Latest,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PollingConsumerSettings {
    /// Time between GetRecords calls on each shard.
    #[serde(default = "default_poll_ms")]
    pub poll_interval_ms: u64,
    /// GetRecords Limit.
    #[serde(default = "default_batch")]
    pub batch_limit: u32,
    #[serde(default)]
    pub start: StartPosition,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KclSettings {
    pub workers: u32,
    /// Checkpoint after every this many records of a shard.
    #[serde(default = "default_checkpoint")]
    pub checkpoint_every: u32,
    #[serde(default = "default_poll_ms")]
    pub poll_interval_ms: u64,
    /// A dead worker's leases are taken over once they expire (KCL's failover time).
    #[serde(default = "default_failover_ms")]
    pub failover_ms: u64,
    /// Where a lease of a shard that existed when the application began starts, when it has
    /// no checkpoint yet: the KCL's initialPositionInStream, LATEST by default.
    #[serde(default = "latest")]
    pub initial_position: StartPosition,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EfoSettings {
    pub consumer_name: String,
    #[serde(default)]
    pub start: StartPosition,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LambdaSettings {
    /// Records per invocation at most (event source mapping BatchSize, 1–10,000).
    #[serde(default = "default_lambda_batch")]
    pub batch_size: u32,
    /// How long to gather records before invoking (MaximumBatchingWindowInSeconds, 0–300).
    #[serde(default)]
    pub batch_window_s: u32,
    #[serde(default)]
    pub start: StartPosition,
    /// The function de-aggregates KPL records (as the kinesis-aggregation library does) and
    /// handles their user records; otherwise an aggregate is one record of its event.
    #[serde(default)]
    pub deaggregate: bool,
}

fn one() -> u32 {
    1
}
fn default_retention() -> u32 {
    RETENTION_DEFAULT_HOURS
}
/// The SDKs' standard retry mode: 3 attempts, so 2 retries.
pub fn default_retries() -> u32 {
    super::producer::SDK_MAX_ATTEMPTS - 1
}
/// The base delay of the JavaScript and Java SDKs' standard mode.
pub fn default_backoff_ms() -> u64 {
    100
}
fn default_poll_ms() -> u64 {
    1_000
}
fn default_batch() -> u32 {
    GET_RECORDS_MAX_LIMIT as u32
}
fn default_checkpoint() -> u32 {
    100
}
fn latest() -> StartPosition {
    StartPosition::Latest
}
fn default_failover_ms() -> u64 {
    10_000
}
fn default_lambda_batch() -> u32 {
    100
}

/// A setting outside its allowed range: which setting, and the rule in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingError {
    pub setting: &'static str,
    pub rule: String,
}

fn check(ok: bool, setting: &'static str, rule: impl Into<String>) -> Result<(), SettingError> {
    if ok {
        Ok(())
    } else {
        Err(SettingError { setting, rule: rule.into() })
    }
}

impl StreamSettings {
    /// The shards the stream starts with: its shard count, or, ON_DEMAND, the shards AWS
    /// gives a new on-demand stream.
    pub fn initial_shard_count(&self) -> u32 {
        match self.mode {
            crate::kinesis::stream::StreamMode::OnDemand => crate::kinesis::limits::ON_DEMAND_INITIAL_SHARDS,
            crate::kinesis::stream::StreamMode::Provisioned => self.shard_count,
        }
    }

    pub fn validate(&self) -> Result<(), SettingError> {
        check(
            crate::kinesis::stream::validate_stream_name(&self.stream_name).is_ok(),
            "stream_name",
            "a stream name is 1–128 characters of letters, digits, _ . and -",
        )?;
        if self.mode == StreamMode::Provisioned {
            check(
                (1..=MAX_SHARDS_PER_STREAM).contains(&self.shard_count),
                "shard_count",
                format!("a provisioned stream has 1–{MAX_SHARDS_PER_STREAM} shards"),
            )?;
        }
        check(
            (RETENTION_MIN_HOURS..=RETENTION_MAX_HOURS).contains(&self.retention_hours),
            "retention_hours",
            format!("retention is {RETENTION_MIN_HOURS}–{RETENTION_MAX_HOURS} hours (1–365 days)"),
        )
    }
}

impl ProducerSettings {
    pub fn validate(&self) -> Result<(), SettingError> {
        check(
            self.records_per_second.is_finite() && (0.0..=1_000_000.0).contains(&self.records_per_second),
            "records_per_second",
            "a producer sends 0–1,000,000 records a second",
        )?;
        check(
            (1..=MAX_RECORD_BYTES as u32).contains(&self.record_bytes),
            "record_bytes",
            "a record's data is 1 byte to 1 MiB (data plus partition key may not pass 1 MiB)",
        )?;
        if let KeyStrategy::Distinct { count } = self.keys {
            check((1..=100_000).contains(&count), "keys", "choose 1–100,000 distinct keys")?;
        }
        check(self.max_retries <= 20, "max_retries", "at most 20 retries")?;
        check((1..=60_000).contains(&self.backoff_ms), "backoff_ms", "the first backoff is 1 ms – 60 s")
    }
}

impl PollingConsumerSettings {
    pub fn validate(&self) -> Result<(), SettingError> {
        check(
            (200..=60_000).contains(&self.poll_interval_ms),
            "poll_interval_ms",
            "poll every 200 ms – 60 s (5 calls/s per shard is the limit)",
        )?;
        check(
            (1..=GET_RECORDS_MAX_LIMIT as u32).contains(&self.batch_limit),
            "batch_limit",
            "GetRecords Limit is 1–10,000",
        )
    }
}

impl KclSettings {
    pub fn validate(&self) -> Result<(), SettingError> {
        check((1..=50).contains(&self.workers), "workers", "a KCL application here has 1–50 workers")?;
        check(
            (1..=100_000).contains(&self.checkpoint_every),
            "checkpoint_every",
            "checkpoint every 1–100,000 records",
        )?;
        check((200..=60_000).contains(&self.poll_interval_ms), "poll_interval_ms", "poll every 200 ms – 60 s")?;
        check((1_000..=300_000).contains(&self.failover_ms), "failover_ms", "failover time is 1 s – 5 min")
    }
}

impl EfoSettings {
    pub fn validate(&self) -> Result<(), SettingError> {
        check(
            !self.consumer_name.is_empty()
                && self.consumer_name.len() <= 128
                && self.consumer_name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')),
            "consumer_name",
            "a consumer name is 1–128 characters of letters, digits, _ . and -",
        )
    }
}

impl LambdaSettings {
    pub fn validate(&self) -> Result<(), SettingError> {
        check(
            (1..=10_000).contains(&self.batch_size),
            "batch_size",
            "BatchSize is 1–10,000 for a Kinesis event source",
        )?;
        check(self.batch_window_s <= 300, "batch_window_s", "MaximumBatchingWindowInSeconds is 0–300")
    }
}
