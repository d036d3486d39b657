//! The settings of each pipeline component, as a scenario stores them, with the ranges AWS
//! (or the client library) allows. `validate` names the rule a refused value breaks.

use super::payload::Template;
pub(super) use super::setting_rules::check;
pub use super::setting_rules::{decimal, grouped, quoted, SettingError};
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

/// A provisioned stream's shards: 1 to AWS's 10,000 a stream.
pub const SHARD_COUNT: (u32, u32) = (1, MAX_SHARDS_PER_STREAM);

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

/// A producer's rate, records a second: the lab's bound (a browser tab runs every record).
pub const RECORDS_PER_SECOND: (f64, f64) = (0.0, 1_000_000.0);
/// A record's data: at least a byte (the lab's choice; AWS accepts an empty blob), at most
/// AWS's 1 MiB (which the partition key shares).
pub const RECORD_DATA_BYTES: (u32, u32) = (1, MAX_RECORD_BYTES as u32);
/// Distinct partition keys a producer picks from: the lab's bound.
pub const DISTINCT_KEYS: (u32, u32) = (1, 100_000);
/// Retries of a throttled record: the lab's bound (the SDKs' standard mode makes 2).
pub const PRODUCER_MAX_RETRIES: u32 = 20;
/// The backoff's base, ms: the lab's bounds (the SDKs' default is 100 ms).
pub const BACKOFF_MS: (u64, u64) = (1, 60_000);

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

/// Time between GetRecords calls on a shard, ms: no shorter than AWS's 5 calls a second per
/// shard allow, no longer than a minute (the lab's choice). The KCL's polling keeps to it too.
pub const POLL_INTERVAL_MS: (u64, u64) = (1_000 / SHARD_READ_CALLS_PER_SEC, 60_000);
/// GetRecords' Limit: 1 to 10,000 records (AWS).
pub const GET_RECORDS_LIMIT: (u32, u32) = (1, GET_RECORDS_MAX_LIMIT as u32);

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

/// Workers of a KCL application: the lab's bound (the page draws each one).
pub const KCL_WORKERS: (u32, u32) = (1, 50);
/// Records of a shard between checkpoints: the lab's bound.
pub const CHECKPOINT_EVERY: (u32, u32) = (1, 100_000);
/// The KCL's failover time, ms: 1 s to 5 min, the lab's bounds (the KCL's default is 10 s).
pub const FAILOVER_MS: (u64, u64) = (1_000, 300_000);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EfoSettings {
    pub consumer_name: String,
    #[serde(default)]
    pub start: StartPosition,
}

/// A consumer name's length, and the event source mapping's ranges, are AWS's (in
/// `kinesis::limits`, with their sources).
pub use crate::kinesis::limits::{CONSUMER_NAME_CHARS, LAMBDA_BATCH_SIZE, LAMBDA_BATCH_WINDOW_S};

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
    SDK_BASE_DELAY_MS
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
    KCL_FAILOVER_MS_DEFAULT
}
fn default_lambda_batch() -> u32 {
    LAMBDA_BATCH_SIZE_DEFAULT
}

/// For quoting a limit in the unit its rule says: ms as s or min, hours as days.
const MS_A_SECOND: u64 = 1_000;
const MS_A_MINUTE: u64 = 60_000;
const HOURS_A_DAY: u32 = 24;

pub(super) fn kinesis_numbers(setting: &str) -> Option<Vec<String>> {
    let counts = |range: (u64, u64)| vec![grouped(range.0), grouped(range.1)];
    Some(match setting {
        "stream_name" => counts((STREAM_NAME_MIN_CHARS as u64, STREAM_NAME_MAX_CHARS as u64)),
        // As AWS's own messages write a shard count: no grouping.
        "shard_count" => vec![SHARD_COUNT.0.to_string(), SHARD_COUNT.1.to_string()],
        "retention_hours" => vec![
            grouped(RETENTION_MIN_HOURS.into()),
            grouped(RETENTION_MAX_HOURS.into()),
            grouped((RETENTION_MIN_HOURS / HOURS_A_DAY).into()),
            grouped((RETENTION_MAX_HOURS / HOURS_A_DAY).into()),
        ],
        "records_per_second" => vec![decimal(RECORDS_PER_SECOND.0), decimal(RECORDS_PER_SECOND.1)],
        // Bytes, then MiB.
        "record_bytes" => vec![grouped(RECORD_DATA_BYTES.0.into()), grouped(u64::from(RECORD_DATA_BYTES.1) / MIB)],
        "keys" => counts((DISTINCT_KEYS.0.into(), DISTINCT_KEYS.1.into())),
        "max_retries" => vec![grouped(PRODUCER_MAX_RETRIES.into())],
        // ms, then s.
        "backoff_ms" => vec![grouped(BACKOFF_MS.0), grouped(BACKOFF_MS.1 / MS_A_SECOND)],
        // ms, then s, then the read calls a second that the shortest interval keeps to.
        "poll_interval_ms" => vec![
            grouped(POLL_INTERVAL_MS.0),
            grouped(POLL_INTERVAL_MS.1 / MS_A_SECOND),
            grouped(SHARD_READ_CALLS_PER_SEC),
        ],
        "batch_limit" => counts((GET_RECORDS_LIMIT.0.into(), GET_RECORDS_LIMIT.1.into())),
        "workers" => counts((KCL_WORKERS.0.into(), KCL_WORKERS.1.into())),
        "checkpoint_every" => counts((CHECKPOINT_EVERY.0.into(), CHECKPOINT_EVERY.1.into())),
        // s, then min.
        "failover_ms" => vec![grouped(FAILOVER_MS.0 / MS_A_SECOND), grouped(FAILOVER_MS.1 / MS_A_MINUTE)],
        "consumer_name" => counts((CONSUMER_NAME_CHARS.0 as u64, CONSUMER_NAME_CHARS.1 as u64)),
        "batch_size" => counts((LAMBDA_BATCH_SIZE.0.into(), LAMBDA_BATCH_SIZE.1.into())),
        "batch_window_s" => counts((LAMBDA_BATCH_WINDOW_S.0.into(), LAMBDA_BATCH_WINDOW_S.1.into())),
        _ => return None,
    })
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
            "a stream name is {0}–{1} characters of letters, digits, _ . and -",
        )?;
        if self.mode == StreamMode::Provisioned {
            check(
                (SHARD_COUNT.0..=SHARD_COUNT.1).contains(&self.shard_count),
                "shard_count",
                "a provisioned stream has {0}–{1} shards",
            )?;
        }
        check(
            (RETENTION_MIN_HOURS..=RETENTION_MAX_HOURS).contains(&self.retention_hours),
            "retention_hours",
            "retention is {0}–{1} hours ({2}–{3} days)",
        )
    }
}

impl ProducerSettings {
    pub fn validate(&self) -> Result<(), SettingError> {
        check(
            self.records_per_second.is_finite()
                && (RECORDS_PER_SECOND.0..=RECORDS_PER_SECOND.1).contains(&self.records_per_second),
            "records_per_second",
            "a producer sends {0}–{1} records a second",
        )?;
        check(
            (RECORD_DATA_BYTES.0..=RECORD_DATA_BYTES.1).contains(&self.record_bytes),
            "record_bytes",
            "a record's data is {0} byte to {1} MiB (data plus partition key may not pass {1} MiB)",
        )?;
        if let KeyStrategy::Distinct { count } = self.keys {
            check((DISTINCT_KEYS.0..=DISTINCT_KEYS.1).contains(&count), "keys", "choose {0}–{1} distinct keys")?;
        }
        check(self.max_retries <= PRODUCER_MAX_RETRIES, "max_retries", "at most {0} retries")?;
        check(
            (BACKOFF_MS.0..=BACKOFF_MS.1).contains(&self.backoff_ms),
            "backoff_ms",
            "the first backoff is {0} ms – {1} s",
        )
    }
}

impl PollingConsumerSettings {
    pub fn validate(&self) -> Result<(), SettingError> {
        check(
            (POLL_INTERVAL_MS.0..=POLL_INTERVAL_MS.1).contains(&self.poll_interval_ms),
            "poll_interval_ms",
            "poll every {0} ms – {1} s ({2} calls/s per shard is the limit)",
        )?;
        check(
            (GET_RECORDS_LIMIT.0..=GET_RECORDS_LIMIT.1).contains(&self.batch_limit),
            "batch_limit",
            "GetRecords Limit is {0}–{1}",
        )
    }
}

impl KclSettings {
    pub fn validate(&self) -> Result<(), SettingError> {
        check(
            (KCL_WORKERS.0..=KCL_WORKERS.1).contains(&self.workers),
            "workers",
            "a KCL application here has {0}–{1} workers",
        )?;
        check(
            (CHECKPOINT_EVERY.0..=CHECKPOINT_EVERY.1).contains(&self.checkpoint_every),
            "checkpoint_every",
            "checkpoint every {0}–{1} records",
        )?;
        check(
            (POLL_INTERVAL_MS.0..=POLL_INTERVAL_MS.1).contains(&self.poll_interval_ms),
            "poll_interval_ms",
            "poll every {0} ms – {1} s",
        )?;
        check(
            (FAILOVER_MS.0..=FAILOVER_MS.1).contains(&self.failover_ms),
            "failover_ms",
            "failover time is {0} s – {1} min",
        )
    }
}

impl EfoSettings {
    pub fn validate(&self) -> Result<(), SettingError> {
        check(
            (CONSUMER_NAME_CHARS.0..=CONSUMER_NAME_CHARS.1).contains(&self.consumer_name.len())
                && self.consumer_name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')),
            "consumer_name",
            "a consumer name is {0}–{1} characters of letters, digits, _ . and -",
        )
    }
}

impl LambdaSettings {
    pub fn validate(&self) -> Result<(), SettingError> {
        check(
            (LAMBDA_BATCH_SIZE.0..=LAMBDA_BATCH_SIZE.1).contains(&self.batch_size),
            "batch_size",
            "BatchSize is {0}–{1} for a Kinesis event source",
        )?;
        check(
            (LAMBDA_BATCH_WINDOW_S.0..=LAMBDA_BATCH_WINDOW_S.1).contains(&self.batch_window_s),
            "batch_window_s",
            "MaximumBatchingWindowInSeconds is {0}–{1}",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emr::limits::MAX_TASK_ATTEMPTS;
    use crate::pipeline::emr_settings::*;

    fn refusals() -> Vec<SettingError> {
        crate::pipeline::settings_examples::one_refusal_per_rule()
    }

    fn quoted_by(setting: &str) -> Vec<String> {
        refusals().into_iter().find(|e| e.setting == setting).expect("a refusal of that setting").quoted
    }

    #[test]
    fn a_refusal_quotes_the_limits_it_is_checked_against() {
        assert_eq!(quoted_by("retention_hours"), ["24", "8,760", "1", "365"]);
        assert_eq!(quoted_by("records_per_second"), ["0", "1,000,000"]);
        assert_eq!(quoted_by("backoff_ms"), ["1", "60"], "60,000 ms is quoted in seconds");
        assert_eq!(quoted_by("poll_interval_ms"), ["200", "60", "5"]);
        assert_eq!(quoted_by("failover_ms"), ["1", "5"], "seconds, then minutes");
        assert_eq!(quoted_by("buffer_mib"), ["1", "128", "1", "100", "1", "64"]);
        assert_eq!(quoted_by("buffer_mb"), ["0.2", "3"]);
        assert_eq!(quoted_by("block_mb"), ["1", "2,048"]);
        assert_eq!(quoted_by("sample"), ["1", "16,384"]);
        assert_eq!(quoted_by("fail_tasks"), ["1", &MAX_TASK_ATTEMPTS.to_string()]);
        assert_eq!(quoted_by("shard_count"), ["1", "10000"], "as AWS's own messages write it");
        let retention = refusals().into_iter().find(|e| e.setting == "retention_hours").unwrap();
        assert_eq!(retention.rule, "retention is 24–8,760 hours (1–365 days)");
    }

    #[test]
    fn every_rule_is_worded_with_its_numbers() {
        for e in refusals() {
            assert!(!e.rule.contains('{'), "{}: a place left in {:?}", e.setting, e.rule);
        }
        // Most rules have numbers (names and formats do not), each quoted from the constants.
        let numbered = refusals().iter().filter(|e| !e.quoted.is_empty()).count();
        assert!(numbered >= 30, "only {numbered} refusals quote numbers");
        for e in refusals() {
            assert_eq!(e.quoted, quoted(e.setting), "{}", e.setting);
        }
        // Worded refusals (what was written, AWS's words) quote the setting's numbers too.
        let mut m = MapStepSettings::new(crate::emr::builtin_job::BuiltinJob::Wordcount);
        m.fail_tasks.insert("m_3".into(), 1);
        let e = m.validate().unwrap_err();
        assert!(e.rule.contains("'m_3' is not a task name"));
        assert_eq!(e.quoted, quoted("fail_tasks"));
    }

    #[test]
    fn numbers_are_grouped_as_the_rules_write_them() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(8_760), "8,760");
        assert_eq!(grouped(1_000_000), "1,000,000");
        assert_eq!(decimal(0.2), "0.2");
        assert_eq!(decimal(3.0), "3");
        assert_eq!(decimal(1_000_000.0), "1,000,000");
    }
}
