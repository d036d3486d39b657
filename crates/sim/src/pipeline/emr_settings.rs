//! The settings of the EMR components a scenario places — the cluster, a step's map stage
//! and its reduce stage — and of a DynamoDB table, with the ranges EMR and DynamoDB allow.
//! The world turns a cluster into a RunJobFlow and a run of a map step into AddJobFlowSteps
//! (see `world::emr_canvas`), so the services' own checks apply too.

use super::settings::{check, grouped, SettingError};
use crate::emr::builtin_job::BuiltinJob;
use crate::emr::instance_types::{instance_type, instance_type_names, DEFAULT_INSTANCE_TYPE};
use crate::emr::limits::*;
use crate::emr::replication::default_replication;
use crate::emr::scale::{DEFAULT_BYTES_PER_MB, MIN_BYTES_PER_MB};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A cluster's name: 1–256 characters (RunJobFlow's Name, in `emr::limits`).
pub use crate::emr::limits::CLUSTER_NAME_CHARS;
/// The lab's fault injection fails at least one attempt of a task it names, and at most all
/// [`MAX_TASK_ATTEMPTS`] of them.
pub const INJECTED_FAILURES: (u32, u32) = (1, MAX_TASK_ATTEMPTS);
/// A DynamoDB table name: 3–255 characters (CreateTable's TableName).
pub const TABLE_NAME_CHARS: (usize, usize) = (3, 255);
/// A key attribute's name: 1–255 characters (CreateTable's KeySchemaElement AttributeName).
pub const KEY_NAME_CHARS: (usize, usize) = (1, 255);

/// The numbers of each EMR and DynamoDB setting's rule (see [`super::settings::quoted`]).
pub(super) fn numbers(setting: &str) -> Option<Vec<String>> {
    let counts = |range: (u64, u64)| vec![grouped(range.0), grouped(range.1)];
    let chars = |range: (usize, usize)| counts((range.0 as u64, range.1 as u64));
    let nodes = |range: (u32, u32)| counts((range.0.into(), range.1.into()));
    Some(match setting {
        "name" => chars(CLUSTER_NAME_CHARS),
        "primary_count" => PRIMARY_COUNTS.iter().map(|&n| grouped(n.into())).collect(),
        "core_count" => nodes((MIN_CORE_NODES, MAX_CORE_NODES)),
        "task_count" => vec![grouped(MAX_TASK_NODES.into())],
        "replication" => vec![grouped(MIN_REPLICATION.into())],
        "block_mb" => counts(BLOCK_MB_RANGE),
        "bytes_per_mb" => vec![grouped(MIN_BYTES_PER_MB)],
        "fail_tasks" => nodes(INJECTED_FAILURES),
        "reducers" => nodes((MIN_REDUCERS, MAX_REDUCERS)),
        "table_name" => chars(TABLE_NAME_CHARS),
        "partition_key" | "sort_key" => chars(KEY_NAME_CHARS),
        _ => return None,
    })
}

/// How task nodes are bought.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskMarket {
    #[default]
    OnDemand,
    /// Cheaper, and EC2 may take the instance back with two minutes' notice.
    Spot,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmrClusterSettings {
    /// The cluster's name (RunJobFlow's `Name`).
    pub name: String,
    /// 1, or 3 for high availability.
    #[serde(default = "one")]
    pub primary_count: u32,
    /// Every node's EC2 instance type.
    #[serde(default = "default_instance_type")]
    pub instance_type: String,
    pub core_count: u32,
    #[serde(default)]
    pub task_count: u32,
    #[serde(default)]
    pub task_market: TaskMarket,
    /// `dfs.replication`; none means EMR's default for the core count.
    #[serde(default)]
    pub replication: Option<u32>,
    /// `dfs.blocksize`, in simulated MB (and so the input split size).
    #[serde(default = "default_block_mb")]
    pub block_mb: u64,
    /// How many real bytes stand for one simulated MB.
    #[serde(default = "default_bytes_per_mb")]
    pub bytes_per_mb: u64,
    /// Terminate after the last step (KeepJobFlowAliveWhenNoSteps = false): a transient
    /// cluster. Off, the cluster waits for more steps.
    #[serde(default)]
    pub auto_terminate: bool,
}

fn one() -> u32 {
    1
}

fn default_instance_type() -> String {
    DEFAULT_INSTANCE_TYPE.to_string()
}

fn default_block_mb() -> u64 {
    BLOCK_MB_DEFAULT
}

fn default_bytes_per_mb() -> u64 {
    DEFAULT_BYTES_PER_MB
}

impl EmrClusterSettings {
    pub fn new(name: &str) -> EmrClusterSettings {
        EmrClusterSettings {
            name: name.to_string(),
            primary_count: 1,
            instance_type: default_instance_type(),
            core_count: 2,
            task_count: 0,
            task_market: TaskMarket::OnDemand,
            replication: None,
            block_mb: BLOCK_MB_DEFAULT,
            bytes_per_mb: DEFAULT_BYTES_PER_MB,
            auto_terminate: false,
        }
    }

    /// The replication factor HDFS uses: the one set, or EMR's default for the core count.
    pub fn replication(&self) -> u32 {
        self.replication.unwrap_or_else(|| default_replication(self.core_count))
    }

    pub fn validate(&self) -> Result<(), SettingError> {
        check(
            (CLUSTER_NAME_CHARS.0..=CLUSTER_NAME_CHARS.1).contains(&self.name.chars().count()),
            "name",
            "a cluster name is {0}–{1} characters",
        )?;
        check(
            PRIMARY_COUNTS.contains(&self.primary_count),
            "primary_count",
            "a cluster has {0} primary node, or {1} for high availability",
        )?;
        if instance_type(&self.instance_type).is_none() {
            return Err(SettingError::worded(
                "instance_type",
                format!("the lab offers these instance types: {}", instance_type_names().join(", ")),
            ));
        }
        check(
            (MIN_CORE_NODES..=MAX_CORE_NODES).contains(&self.core_count),
            "core_count",
            "the lab's clusters have {0} to {1} core nodes",
        )?;
        check(self.task_count <= MAX_TASK_NODES, "task_count", "the lab's clusters have at most {0} task nodes")?;
        check(
            self.replication.is_none_or(|r| r >= MIN_REPLICATION),
            "replication",
            "dfs.replication must be at least {0}",
        )?;
        check(
            (BLOCK_MB_RANGE.0..=BLOCK_MB_RANGE.1).contains(&self.block_mb),
            "block_mb",
            "dfs.blocksize is {0}–{1} MB here",
        )?;
        crate::emr::scale::DataScale::new(self.bytes_per_mb)
            .map(|_| ())
            .map_err(|rule| SettingError::worded("bytes_per_mb", rule))
    }
}

/// Where a job reads its input: straight from S3 through EMRFS, or from a copy in HDFS that an
/// `s3-dist-cp` step makes first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputSource {
    /// Read from S3 (EMRFS): nothing is lost with a node.
    S3,
    /// Copied into HDFS on the core nodes first (data-local maps; lost with an unreplicated node).
    #[default]
    Hdfs,
}

/// The program a map step runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum StepProgram {
    /// One of the built-in jobs (its map and, on the reduce stage, its reduce).
    Builtin { job: BuiltinJob },
    /// A Hadoop Streaming job: `mapper`, `reducer` and optional `combiner` in Rhai.
    Script { code: String },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapStepSettings {
    pub program: StepProgram,
    /// The key prefix the job reads in its input bucket ("" reads every object).
    #[serde(default)]
    pub input_prefix: String,
    #[serde(default)]
    pub input_from: InputSource,
    /// Whether the job runs its combiner on each map's output.
    #[serde(default)]
    pub combiner: bool,
    /// `mapreduce.map.speculative`: a slow map gets a second attempt elsewhere.
    #[serde(default)]
    pub speculative: bool,
    /// The lab's fault injection: task name (`m_000003`, `r_000000`) → how many of its first
    /// attempts fail.
    #[serde(default)]
    pub fail_tasks: BTreeMap<String, u32>,
}

impl MapStepSettings {
    pub fn new(job: BuiltinJob) -> MapStepSettings {
        MapStepSettings {
            program: StepProgram::Builtin { job },
            input_prefix: String::new(),
            input_from: InputSource::Hdfs,
            combiner: true,
            speculative: false,
            fail_tasks: BTreeMap::new(),
        }
    }

    pub fn validate(&self) -> Result<(), SettingError> {
        if let StepProgram::Script { code } = &self.program {
            for needed in ["fn mapper(", "fn reducer("] {
                check(
                    code.contains(needed),
                    "program",
                    "a script job defines mapper(line, file) and reducer(key, values) (and may define combiner(key, values))",
                )
                .map_err(|e| SettingError { rule: format!("{} — {needed}…) is missing", e.rule), ..e })?;
            }
        }
        check(!self.input_prefix.starts_with('/'), "input_prefix", "an S3 key prefix does not start with '/'")?;
        for (task, attempts) in &self.fail_tasks {
            if !is_task_name(task) {
                return Err(SettingError::worded(
                    "fail_tasks",
                    format!("'{task}' is not a task name: map tasks are m_000000, m_000001…, reduce tasks r_000000…"),
                ));
            }
            check(
                (INJECTED_FAILURES.0..=INJECTED_FAILURES.1).contains(attempts),
                "fail_tasks",
                "a task is tried at most {1} times: fail {0} to {1} of its attempts",
            )?;
        }
        Ok(())
    }
}

/// `m_000003:2, r_000000:1` → the map of injected failures. Whatever is written is kept, so
/// that `validate` can name what is wrong: an entry without a number fails one attempt, a
/// number that does not parse fails none (and is refused).
pub fn parse_fail_tasks(text: &str) -> BTreeMap<String, u32> {
    text.split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|e| match e.split_once(':') {
            Some((task, n)) => (task.trim().to_string(), n.trim().parse().unwrap_or(0)),
            None => (e.to_string(), 1),
        })
        .collect()
}

/// The injected failures as the field shows them: `m_000003:2, r_000000:1`.
pub fn format_fail_tasks(tasks: &BTreeMap<String, u32>) -> String {
    tasks.iter().map(|(t, n)| format!("{t}:{n}")).collect::<Vec<_>>().join(", ")
}

/// `m_000003` or `r_000000`: Hadoop's short task names.
pub fn is_task_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.len() == 8
        && (bytes[0] == b'm' || bytes[0] == b'r')
        && bytes[1] == b'_'
        && bytes[2..].iter().all(u8::is_ascii_digit)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReduceStepSettings {
    /// `mapreduce.job.reduces`.
    pub reducers: u32,
    /// Where part files go in an output bucket; each run writes under its own folder here.
    #[serde(default = "default_output_prefix")]
    pub output_prefix: String,
}

fn default_output_prefix() -> String {
    "emr-output/".to_string()
}

impl ReduceStepSettings {
    pub fn new() -> ReduceStepSettings {
        ReduceStepSettings { reducers: 2, output_prefix: default_output_prefix() }
    }

    pub fn validate(&self) -> Result<(), SettingError> {
        check(
            (MIN_REDUCERS..=MAX_REDUCERS).contains(&self.reducers),
            "reducers",
            "a job asks for {0} to {1} reducers here",
        )?;
        check(
            !self.output_prefix.is_empty() && self.output_prefix.ends_with('/') && !self.output_prefix.starts_with('/'),
            "output_prefix",
            "the output prefix is a folder: not empty, ending with '/', not starting with '/'",
        )
    }
}

impl Default for ReduceStepSettings {
    fn default() -> Self {
        ReduceStepSettings::new()
    }
}

/// A DynamoDB key attribute's type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeyType {
    #[default]
    S,
    N,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DynamoDbTableSettings {
    pub table_name: String,
    pub partition_key: String,
    #[serde(default)]
    pub partition_key_type: KeyType,
    /// Empty: the table has a partition key only.
    #[serde(default)]
    pub sort_key: String,
}

impl DynamoDbTableSettings {
    pub fn new(name: &str) -> DynamoDbTableSettings {
        DynamoDbTableSettings {
            table_name: name.to_string(),
            partition_key: "key".into(),
            partition_key_type: KeyType::S,
            sort_key: String::new(),
        }
    }

    pub fn validate(&self) -> Result<(), SettingError> {
        let name_ok = (TABLE_NAME_CHARS.0..=TABLE_NAME_CHARS.1).contains(&self.table_name.len())
            && self.table_name.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
        check(name_ok, "table_name", "a table name is {0}–{1} characters: letters, digits, '_', '-' and '.'")?;
        check(
            (KEY_NAME_CHARS.0..=KEY_NAME_CHARS.1).contains(&self.partition_key.len()),
            "partition_key",
            "an attribute name is {0}–{1} characters",
        )?;
        check(self.sort_key.len() <= KEY_NAME_CHARS.1, "sort_key", "an attribute name is {0}–{1} characters")?;
        check(
            self.sort_key != self.partition_key,
            "sort_key",
            "the sort key must be another attribute than the partition key",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_settings_are_valid() {
        assert!(EmrClusterSettings::new("c").validate().is_ok());
        assert!(MapStepSettings::new(BuiltinJob::Wordcount).validate().is_ok());
        assert!(ReduceStepSettings::new().validate().is_ok());
        assert!(DynamoDbTableSettings::new("words").validate().is_ok());
    }

    #[test]
    fn each_rule_refuses_with_the_setting_it_concerns() {
        let c = EmrClusterSettings::new("c");
        let cases: Vec<(EmrClusterSettings, &str)> = vec![
            (EmrClusterSettings { primary_count: 2, ..c.clone() }, "primary_count"),
            (EmrClusterSettings { instance_type: "t2.micro".into(), ..c.clone() }, "instance_type"),
            (EmrClusterSettings { core_count: 0, ..c.clone() }, "core_count"),
            (EmrClusterSettings { core_count: MAX_CORE_NODES + 1, ..c.clone() }, "core_count"),
            (EmrClusterSettings { task_count: MAX_TASK_NODES + 1, ..c.clone() }, "task_count"),
            (EmrClusterSettings { replication: Some(0), ..c.clone() }, "replication"),
            (EmrClusterSettings { block_mb: 0, ..c.clone() }, "block_mb"),
            (EmrClusterSettings { bytes_per_mb: 0, ..c.clone() }, "bytes_per_mb"),
        ];
        for (s, setting) in cases {
            assert_eq!(s.validate().unwrap_err().setting, setting);
        }
        let mut m = MapStepSettings::new(BuiltinJob::Wordcount);
        m.fail_tasks.insert("m_3".into(), 1);
        assert_eq!(m.validate().unwrap_err().setting, "fail_tasks");
        m.fail_tasks = [("m_000003".to_string(), MAX_TASK_ATTEMPTS + 1)].into();
        assert!(m.validate().unwrap_err().rule.contains("at most 4"));
        let script = MapStepSettings { program: StepProgram::Script { code: "fn mapper(l, f) {}".into() }, ..m };
        assert!(script.validate().unwrap_err().rule.contains("fn reducer("));
        assert_eq!(
            ReduceStepSettings { reducers: 0, ..ReduceStepSettings::new() }.validate().unwrap_err().setting,
            "reducers"
        );
        let t = DynamoDbTableSettings { sort_key: "key".into(), ..DynamoDbTableSettings::new("words") };
        assert_eq!(t.validate().unwrap_err().setting, "sort_key");
    }

    #[test]
    fn injected_failures_read_and_write_as_the_field_shows_them() {
        let tasks = parse_fail_tasks(" m_000003:2, r_000000 ,, ");
        assert_eq!(format_fail_tasks(&tasks), "m_000003:2, r_000000:1");
        let mut m = MapStepSettings::new(BuiltinJob::Wordcount);
        m.fail_tasks = parse_fail_tasks("m_000001:x");
        assert_eq!(m.validate().unwrap_err().setting, "fail_tasks", "an unreadable count is refused, not dropped");
    }

    #[test]
    fn the_replication_factor_follows_the_core_count_unless_set() {
        let mut c = EmrClusterSettings::new("c");
        assert_eq!(c.replication(), 1);
        c.core_count = 4;
        assert_eq!(c.replication(), 2);
        c.replication = Some(3);
        assert_eq!(c.replication(), 3);
    }
}
