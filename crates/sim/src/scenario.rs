//! A scenario is data: what the page saves, shares and exports and what the CLI runs. It is
//! versioned; an older file is brought to the current shape by explicit migrations, a newer
//! one is refused with a message that says so.

use crate::caps;
pub use crate::emr_wiring::EmrStepWiring;
use crate::pipeline::analytics_settings::AnalyticsSettings;
use crate::pipeline::delivery_settings::*;
use crate::pipeline::emr_settings::*;
use crate::pipeline::settings::*;
use crate::pipeline::video_settings::*;
use crate::wiring::{check_wire, Kind, Refusal};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The version this build writes. Bump it with a migration in `migrate` when the shape changes.
/// Version 2 added the EMR components (cluster, map step, reduce step), DynamoDB tables and
/// buckets' sample data; a version 1 file is a version 2 file without them.
pub const CURRENT_VERSION: u32 = 2;

/// Longest scenario name, in characters (it titles the page and the exported file).
pub const MAX_NAME_CHARS: usize = 128;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub version: u32,
    pub name: String,
    /// Seeds the world's one random generator: the same scenario and seed give the same run.
    pub seed: u64,
    /// The wall-clock time (milliseconds since 1970, UTC) at virtual time zero: what API
    /// timestamps and S3 object names show.
    #[serde(default = "default_start_epoch_ms")]
    pub start_epoch_ms: u64,
    /// The account's Kinesis shard quota (open shards across all streams).
    #[serde(default = "default_shard_quota")]
    pub shard_quota: u32,
    #[serde(default)]
    pub components: Vec<ComponentSpec>,
    #[serde(default)]
    pub wires: Vec<WireSpec>,
}

/// One component on the canvas. (Unknown fields are not refused here, as they were not when
/// serde read the flattened `kind`; each kind's settings refuse theirs. Read by hand, in
/// `scenario_component.rs`.)
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComponentSpec {
    /// Unique in the scenario; wires name components by it.
    pub id: String,
    /// What the page shows; empty means the id.
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub x: f64,
    #[serde(default)]
    pub y: f64,
    #[serde(flatten)]
    pub kind: ComponentKind,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", content = "settings", rename_all = "snake_case")]
pub enum ComponentKind {
    Producer(ProducerSettings),
    DataStream(StreamSettings),
    PollingConsumer(PollingConsumerSettings),
    KclApp(KclSettings),
    EfoConsumer(EfoSettings),
    LambdaConsumer(LambdaSettings),
    Firehose(FirehoseSettings),
    FirehoseTransform(TransformSettings),
    S3Bucket(S3BucketSettings),
    Redshift(RedshiftSettings),
    OpenSearch(OpenSearchSettings),
    HttpEndpoint(HttpEndpointSettings),
    EmrCluster(EmrClusterSettings),
    MapStep(MapStepSettings),
    ReduceStep(ReduceStepSettings),
    DynamoDbTable(DynamoDbTableSettings),
    AnalyticsApp(AnalyticsSettings),
    Camera(CameraSettings),
    VideoStream(VideoStreamSettings),
    VideoPlayer(PlayerSettings),
    MotionAnalyzer(MotionAnalyzerSettings),
}

/// Where a producer's wire goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProducerTarget {
    /// A Kinesis data stream, by stream name.
    Stream(String),
    /// A Firehose delivery stream (Direct PUT), by delivery stream name.
    Firehose(String),
}

impl ComponentKind {
    pub fn kind(&self) -> Kind {
        match self {
            ComponentKind::Producer(_) => Kind::Producer,
            ComponentKind::DataStream(_) => Kind::DataStream,
            ComponentKind::PollingConsumer(_) => Kind::PollingConsumer,
            ComponentKind::KclApp(_) => Kind::KclApp,
            ComponentKind::EfoConsumer(_) => Kind::EfoConsumer,
            ComponentKind::LambdaConsumer(_) => Kind::LambdaConsumer,
            ComponentKind::Firehose(_) => Kind::Firehose,
            ComponentKind::FirehoseTransform(_) => Kind::FirehoseTransform,
            ComponentKind::S3Bucket(_) => Kind::S3Bucket,
            ComponentKind::Redshift(_) => Kind::Redshift,
            ComponentKind::OpenSearch(_) => Kind::OpenSearch,
            ComponentKind::HttpEndpoint(_) => Kind::HttpEndpoint,
            ComponentKind::EmrCluster(_) => Kind::EmrCluster,
            ComponentKind::MapStep(_) => Kind::MapStep,
            ComponentKind::ReduceStep(_) => Kind::ReduceStep,
            ComponentKind::DynamoDbTable(_) => Kind::DynamoDbTable,
            ComponentKind::AnalyticsApp(_) => Kind::AnalyticsApp,
            ComponentKind::Camera(_) => Kind::Camera,
            ComponentKind::VideoStream(_) => Kind::VideoStream,
            ComponentKind::VideoPlayer(_) => Kind::VideoPlayer,
            ComponentKind::MotionAnalyzer(_) => Kind::MotionAnalyzer,
        }
    }

    pub fn validate(&self) -> Result<(), SettingError> {
        match self {
            ComponentKind::Producer(s) => s.validate(),
            ComponentKind::DataStream(s) => s.validate(),
            ComponentKind::PollingConsumer(s) => s.validate(),
            ComponentKind::KclApp(s) => s.validate(),
            ComponentKind::EfoConsumer(s) => s.validate(),
            ComponentKind::LambdaConsumer(s) => s.validate(),
            ComponentKind::Firehose(s) => s.validate(),
            ComponentKind::FirehoseTransform(s) => s.validate(),
            ComponentKind::S3Bucket(s) => s.validate(),
            ComponentKind::Redshift(s) => s.validate(),
            ComponentKind::OpenSearch(s) => s.validate(),
            ComponentKind::HttpEndpoint(s) => s.validate(),
            ComponentKind::EmrCluster(_)
            | ComponentKind::MapStep(_)
            | ComponentKind::ReduceStep(_)
            | ComponentKind::DynamoDbTable(_)
            | ComponentKind::AnalyticsApp(_)
            | ComponentKind::Camera(_)
            | ComponentKind::VideoStream(_)
            | ComponentKind::VideoPlayer(_)
            | ComponentKind::MotionAnalyzer(_) => crate::scenario_component::validate_full_only(self),
        }
    }
}

/// A wire from one component's output to another's input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireSpec {
    pub from: String,
    pub to: String,
}

/// 2026-01-01T00:00:00Z.
pub const DEFAULT_START_EPOCH_MS: u64 = 1_767_225_600_000;

fn default_start_epoch_ms() -> u64 {
    DEFAULT_START_EPOCH_MS
}

fn default_shard_quota() -> u32 {
    crate::kinesis::limits::DEFAULT_ACCOUNT_SHARD_QUOTA
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            version: CURRENT_VERSION,
            name: "Untitled".to_string(),
            seed: 1,
            start_epoch_ms: DEFAULT_START_EPOCH_MS,
            shard_quota: default_shard_quota(),
            components: Vec::new(),
            wires: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ScenarioError {
    #[error("the scenario is not valid JSON: {0}")]
    NotJson(String),
    #[error("the link cannot be opened: {0}")]
    BadLink(&'static str),
    #[error("the scenario has no \"version\" number, so it is not a ShardLab scenario")]
    MissingVersion,
    #[error("the scenario is version {found}, newer than this ShardLab understands (up to {supported}); open it in a newer ShardLab")]
    TooNew { found: u64, supported: u32 },
    #[error("the scenario is version {0}, which never existed")]
    UnknownVersion(u64),
    #[error("the scenario does not have the expected shape: {0}")]
    BadShape(String),
    #[error("the scenario's name must be 1–{MAX_NAME_CHARS} characters (it has {0})")]
    BadName(usize),
    #[error("the scenario's shard_quota must be at least 1")]
    BadQuota,
    #[error("two components have the id '{0}'; ids must be unique")]
    DuplicateId(String),
    #[error("component '{id}': {setting} — {rule}")]
    BadSetting { id: String, setting: &'static str, rule: String },
    #[error("a wire names '{0}', which is not a component of the scenario")]
    UnknownWireEnd(String),
    #[error("the wire from '{from}' to '{to}' is not allowed: {reason}")]
    WireRefused { from: String, to: String, reason: Refusal },
    #[error("two data streams are named '{0}'")]
    DuplicateStream(String),
    #[error("two {what} are named '{name}'")]
    DuplicateName { what: &'static str, name: String },
    #[error("the link is {chars} characters long; the lab opens links of up to {max}")]
    LinkTooLong { chars: usize, max: usize },
    #[error("the file is {bytes} bytes; the lab opens scenario files of up to {max} bytes")]
    FileTooLarge { bytes: u64, max: u64 },
    #[error("the scenario has {count} components; one scenario may have up to {max}")]
    TooManyComponents { count: usize, max: usize },
    #[error("the scenario's producers together send {records_per_second} records a second; the lab runs up to {max} in one scenario")]
    TooMuchLoad { records_per_second: u64, max: u64 },
    /// Only in a build that does not read the kinds the full model runs (the page's first
    /// load): the document is to be opened by the full build.
    #[error(
        "the scenario holds EMR, DynamoDB, streaming SQL or Video Streams components, which this build does not run"
    )]
    NeedsFullModel,
}

impl ScenarioError {
    /// The numbers a refused setting's rule quotes, for wordings of the rule other than
    /// `rule` (the page's, in its languages): see [`crate::pipeline::settings::quoted`]. A
    /// setting's rule quotes the same numbers whichever check refused it — its settings'
    /// `validate` (whose [`SettingError::quoted`] they are) or a service the world called —
    /// so a `BadSetting` carries them by its setting. Nothing for the other errors.
    pub fn quoted(&self) -> Vec<String> {
        match self {
            ScenarioError::BadSetting { setting, .. } => quoted(setting),
            _ => Vec::new(),
        }
    }
}

impl Scenario {
    /// Reads a scenario of any known version, migrating it to the current shape.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| ScenarioError::NotJson(e.to_string()))?;
        Scenario::from_value(value)
    }

    /// The scenario a parsed JSON value holds (a journal keeps scenarios inside its own JSON).
    pub fn from_value(value: serde_json::Value) -> Result<Scenario, ScenarioError> {
        let version = value.get("version").and_then(|v| v.as_u64()).ok_or(ScenarioError::MissingVersion)?;
        let value = migrate(value, version)?;
        if !crate::scenario_component::READS_FULL_ONLY_KINDS
            && value.get("components").is_some_and(crate::scenario_component::holds_full_only_kind)
        {
            return Err(ScenarioError::NeedsFullModel);
        }
        let scenario: Scenario = serde_json::from_value(value).map_err(|e| ScenarioError::BadShape(e.to_string()))?;
        scenario.validate()?;
        Ok(scenario)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a scenario always serializes")
    }

    /// The rules serde cannot express.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        let chars = self.name.chars().count();
        if chars == 0 || chars > MAX_NAME_CHARS {
            return Err(ScenarioError::BadName(chars));
        }
        if self.shard_quota == 0 {
            return Err(ScenarioError::BadQuota);
        }
        if self.components.len() > caps::MAX_COMPONENTS {
            return Err(ScenarioError::TooManyComponents { count: self.components.len(), max: caps::MAX_COMPONENTS });
        }
        let load: f64 = self
            .components
            .iter()
            .filter_map(|c| match &c.kind {
                ComponentKind::Producer(p) => Some(p.records_per_second),
                _ => None,
            })
            .sum();
        if load > caps::MAX_TOTAL_RECORDS_PER_SECOND as f64 {
            let records_per_second = load.ceil() as u64;
            return Err(ScenarioError::TooMuchLoad { records_per_second, max: caps::MAX_TOTAL_RECORDS_PER_SECOND });
        }
        let mut ids = std::collections::BTreeSet::new();
        let mut streams = std::collections::BTreeSet::new();
        let mut names = std::collections::BTreeSet::new();
        for c in &self.components {
            if c.id.is_empty() || !ids.insert(c.id.as_str()) {
                return Err(ScenarioError::DuplicateId(c.id.clone()));
            }
            c.kind.validate().map_err(|e| ScenarioError::BadSetting {
                id: c.id.clone(),
                setting: e.setting,
                rule: e.rule,
            })?;
            if let ComponentKind::DataStream(s) = &c.kind {
                if !streams.insert(s.stream_name.as_str()) {
                    return Err(ScenarioError::DuplicateStream(s.stream_name.clone()));
                }
            }
            let named = match &c.kind {
                ComponentKind::Firehose(f) => Some(("Firehose delivery streams", f.delivery_stream_name.as_str())),
                ComponentKind::FirehoseTransform(t) => Some(("transform functions", t.function_name.as_str())),
                ComponentKind::S3Bucket(b) => Some(("S3 buckets", b.bucket.as_str())),
                ComponentKind::DynamoDbTable(t) => Some(("DynamoDB tables", t.table_name.as_str())),
                ComponentKind::AnalyticsApp(a) => Some(("Analytics applications", a.application_name.as_str())),
                ComponentKind::VideoStream(v) => Some(("video streams", v.stream_name.as_str())),
                _ => None,
            };
            if let Some((what, name)) = named {
                if !names.insert((what, name)) {
                    return Err(ScenarioError::DuplicateName { what, name: name.to_string() });
                }
            }
        }
        for w in &self.wires {
            let kind_of = |id: &str| {
                self.components
                    .iter()
                    .find(|c| c.id == id)
                    .map(|c| c.kind.kind())
                    .ok_or_else(|| ScenarioError::UnknownWireEnd(id.to_string()))
            };
            let (from, to) = (kind_of(&w.from)?, kind_of(&w.to)?);
            self.check_wire_in_place(&w.from, &w.to, from, to).map_err(|reason| ScenarioError::WireRefused {
                from: w.from.clone(),
                to: w.to.clone(),
                reason,
            })?;
        }
        Ok(())
    }

    /// The rules one wire of this scenario must meet: its ends' kinds, and how many wires of
    /// its sort each end may have.
    fn check_wire_in_place(&self, from: &str, to: &str, from_kind: Kind, to_kind: Kind) -> Result<(), Refusal> {
        let verdict = if from == to { Err(Refusal::SelfWire) } else { check_wire(from_kind, to_kind) };
        verdict
            .and_then(|()| self.check_firehose_wire_counts(from, to, to_kind))
            .and_then(|()| self.check_emr_wire_counts(from, to, from_kind, to_kind))
            .and_then(|()| self.check_application_wire_counts(to, to_kind))
            .and_then(|()| self.check_video_wire_counts(from, to, from_kind, to_kind))
    }

    /// An application reads one stream; a Lambda function is fed by one stream or one
    /// application.
    fn check_application_wire_counts(&self, to: &str, to_kind: Kind) -> Result<(), Refusal> {
        match to_kind {
            Kind::AnalyticsApp if self.inputs_of(to).count() > 1 => Err(Refusal::OneApplicationSource),
            Kind::LambdaConsumer if self.inputs_of(to).count() > 1 => Err(Refusal::OneFunctionSource),
            _ => Ok(()),
        }
    }

    /// The data stream or Firehose delivery stream an Analytics application reads.
    pub fn application_source(&self, id: &str) -> Option<crate::analytics::application::Source> {
        use crate::analytics::application::Source;
        self.inputs_of(id).find_map(|other| match self.component(other).map(|c| &c.kind) {
            Some(ComponentKind::DataStream(s)) => Some(Source::Stream(s.stream_name.clone())),
            Some(ComponentKind::Firehose(f)) => Some(Source::Firehose(f.delivery_stream_name.clone())),
            _ => None,
        })
    }

    /// Where an Analytics application sends its rows, in the order of its wires.
    pub fn application_outputs(&self, id: &str) -> Vec<crate::analytics::sink::Target> {
        use crate::analytics::sink::Target;
        self.outputs_of(id)
            .filter_map(|other| match &self.component(other)?.kind {
                ComponentKind::DataStream(s) => Some(Target::Stream(s.stream_name.clone())),
                ComponentKind::Firehose(f) => Some(Target::Firehose(f.delivery_stream_name.clone())),
                ComponentKind::LambdaConsumer(_) => Some(Target::Function(other.to_string())),
                _ => None,
            })
            .collect()
    }

    /// Whether a new wire from `from`'s output to `to`'s input would be accepted, and if not,
    /// the rule it breaks — asked before the wire is drawn, so the page can offer only the
    /// inputs that take it and say why the others do not. `None` when either id is unknown.
    pub fn wire_verdict(&self, from: &str, to: &str) -> Option<Result<(), Refusal>> {
        let (from_kind, to_kind) = (self.component(from)?.kind.kind(), self.component(to)?.kind.kind());
        if self.wires.iter().any(|w| w.from == from && w.to == to) {
            return Some(Err(Refusal::AlreadyWired));
        }
        let mut with = self.clone();
        with.wires.push(WireSpec { from: from.to_string(), to: to.to_string() });
        Some(with.check_wire_in_place(from, to, from_kind, to_kind))
    }

    /// A delivery stream has one destination, at most one transform, and one kind of source.
    fn check_firehose_wire_counts(&self, from: &str, to: &str, to_kind: Kind) -> Result<(), Refusal> {
        let kind_of = |id: &str| self.component(id).map(|c| c.kind.kind());
        if kind_of(from) == Some(Kind::Firehose) {
            let same = |k: &dyn Fn(Kind) -> bool| self.outputs_of(from).filter(|o| kind_of(o).is_some_and(k)).count();
            if to_kind.is_destination() && same(&|k: Kind| k.is_destination()) > 1 {
                return Err(Refusal::OneDestination);
            }
            if to_kind == Kind::FirehoseTransform && same(&|k: Kind| k == Kind::FirehoseTransform) > 1 {
                return Err(Refusal::OneTransform);
            }
        }
        if to_kind == Kind::Firehose {
            let inputs: Vec<Kind> = self.inputs_of(to).filter_map(kind_of).collect();
            let streams = inputs.iter().filter(|k| **k == Kind::DataStream).count();
            if streams > 1 || (streams == 1 && inputs.len() > 1) {
                return Err(Refusal::OneSource);
            }
        }
        if to_kind == Kind::FirehoseTransform && self.inputs_of(to).count() > 1 {
            // One function could serve two delivery streams in AWS; on the canvas each
            // transform belongs to one, so its buffer and figures are that stream's.
            return Err(Refusal::OneTransform);
        }
        Ok(())
    }

    /// The component with `id`.
    pub fn component(&self, id: &str) -> Option<&ComponentSpec> {
        self.components.iter().find(|c| c.id == id)
    }

    /// Where a producer's wire goes: a data stream or a Firehose delivery stream.
    pub fn producer_target(&self, id: &str) -> Option<ProducerTarget> {
        self.outputs_of(id).find_map(|other| match self.component(other).map(|c| &c.kind) {
            Some(ComponentKind::DataStream(s)) => Some(ProducerTarget::Stream(s.stream_name.clone())),
            Some(ComponentKind::Firehose(f)) => Some(ProducerTarget::Firehose(f.delivery_stream_name.clone())),
            _ => None,
        })
    }

    /// The data stream a component writes to (a producer) or reads from (a consumer).
    pub fn stream_of_wire(&self, id: &str) -> Option<String> {
        self.outputs_of(id).chain(self.inputs_of(id)).find_map(|other| match self.component(other).map(|c| &c.kind) {
            Some(ComponentKind::DataStream(s)) => Some(s.stream_name.clone()),
            _ => None,
        })
    }

    /// The DynamoDB table a component (a Lambda consumer) writes into, by table name.
    pub fn table_of_wire(&self, id: &str) -> Option<String> {
        self.outputs_of(id).find_map(|other| match self.component(other).map(|c| &c.kind) {
            Some(ComponentKind::DynamoDbTable(t)) => Some(t.table_name.clone()),
            _ => None,
        })
    }

    /// The ids of the components wired from `id`'s output.
    pub fn outputs_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.wires.iter().filter(move |w| w.from == id).map(|w| w.to.as_str())
    }

    /// The ids of the components wired into `id`.
    pub fn inputs_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.wires.iter().filter(move |w| w.to == id).map(|w| w.from.as_str())
    }
}

/// Brings a scenario of `version` up to `CURRENT_VERSION`, one step at a time.
fn migrate(mut value: serde_json::Value, version: u64) -> Result<serde_json::Value, ScenarioError> {
    match version {
        v if v > CURRENT_VERSION as u64 => Err(ScenarioError::TooNew { found: v, supported: CURRENT_VERSION }),
        // Version 2 only added kinds and optional settings: a version 1 file reads as is.
        1 => {
            value["version"] = serde_json::json!(2);
            migrate(value, 2)
        }
        2 => Ok(value),
        v => Err(ScenarioError::UnknownVersion(v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scenario_survives_a_round_trip() {
        let s = Scenario { name: "Hot shard".into(), seed: 99, ..Scenario::default() };
        assert_eq!(Scenario::from_json(&s.to_json()), Ok(s));
    }

    #[test]
    fn a_version_1_file_opens_as_version_2() {
        let s = Scenario::from_json(r#"{"version":1,"name":"old","seed":3}"#).unwrap();
        assert_eq!((s.version, s.name.as_str(), s.seed), (2, "old", 3));
    }

    #[test]
    fn a_wire_is_judged_before_it_is_drawn_with_the_rule_it_would_break() {
        use crate::catalogue::new_component;
        let mut s = Scenario::default();
        for kind in [Kind::Producer, Kind::DataStream, Kind::Firehose, Kind::S3Bucket, Kind::S3Bucket, Kind::KclApp] {
            s.components.push(new_component(&s, kind, 0.0, 0.0));
        }
        let wire = |from: &str, to: &str| WireSpec { from: from.into(), to: to.into() };
        s.wires = vec![wire("producer", "stream"), wire("firehose", "bucket")];
        s.validate().unwrap();
        // By the ends' kinds.
        assert_eq!(s.wire_verdict("stream", "kcl-app"), Some(Ok(())));
        assert_eq!(s.wire_verdict("producer", "kcl-app"), Some(Err(Refusal::ConsumerReadsFromAStream)));
        assert_eq!(s.wire_verdict("stream", "stream"), Some(Err(Refusal::SelfWire)));
        // By what is wired already: Firehose has its one destination.
        assert_eq!(s.wire_verdict("firehose", "bucket-2"), Some(Err(Refusal::OneDestination)));
        assert_eq!(s.wire_verdict("producer", "stream"), Some(Err(Refusal::AlreadyWired)));
        assert_eq!(s.wire_verdict("producer", "nobody"), None);
        // The verdict agrees with what validating the scenario with the wire says.
        for (from, to) in [("stream", "kcl-app"), ("firehose", "bucket-2"), ("stream", "firehose")] {
            let mut with = s.clone();
            with.wires.push(wire(from, to));
            let validated = with.validate().map_err(|e| match e {
                ScenarioError::WireRefused { reason, .. } => reason,
                other => panic!("{other}"),
            });
            assert_eq!(s.wire_verdict(from, to), Some(validated), "{from} → {to}");
        }
        // Asking changes nothing.
        assert_eq!(s.wires.len(), 2);
    }

    #[test]
    fn an_emr_step_has_one_of_each_wire() {
        use crate::catalogue::new_component;
        let mut s = Scenario::default();
        for kind in [
            Kind::S3Bucket,
            Kind::S3Bucket,
            Kind::EmrCluster,
            Kind::MapStep,
            Kind::ReduceStep,
            Kind::DynamoDbTable,
            Kind::ReduceStep,
        ] {
            s.components.push(new_component(&s, kind, 0.0, 0.0));
        }
        let wire = |from: &str, to: &str| WireSpec { from: from.into(), to: to.into() };
        s.wires = vec![wire("bucket", "map"), wire("cluster", "map"), wire("map", "reduce"), wire("reduce", "table")];
        s.validate().unwrap();
        let step = s.emr_step("map");
        assert_eq!(step.input.as_deref(), Some("bucket"));
        assert_eq!(step.cluster.as_deref(), Some("cluster"));
        assert_eq!(step.output.as_deref(), Some("table"));
        assert_eq!(s.map_step_of("reduce"), Some("map"));
        for (extra, reason) in [
            (wire("bucket-2", "map"), Refusal::OneInputBucket),
            (wire("map", "reduce-2"), Refusal::OneReduceStep),
            (wire("reduce", "bucket-2"), Refusal::OneOutput),
        ] {
            let mut t = s.clone();
            t.wires.push(extra);
            match t.validate() {
                Err(ScenarioError::WireRefused { reason: r, .. }) => assert_eq!(r, reason),
                other => panic!("wanted {reason:?}, got {other:?}"),
            }
        }
    }

    #[test]
    fn bad_input_gets_a_message_naming_the_problem() {
        let cases = [
            ("{", "not valid JSON"),
            (r#"{"name":"x","seed":1}"#, "no \"version\""),
            (r#"{"version":7,"name":"x","seed":1}"#, "newer than this ShardLab"),
            (r#"{"version":0,"name":"x","seed":1}"#, "never existed"),
            (r#"{"version":1,"name":"x"}"#, "missing field `seed`"),
            (r#"{"version":1,"name":"x","seed":1,"colour":"red"}"#, "unknown field `colour`"),
            (r#"{"version":1,"name":"","seed":1}"#, "1–128 characters"),
        ];
        for (text, expected) in cases {
            let message = Scenario::from_json(text).unwrap_err().to_string();
            assert!(message.contains(expected), "{text}: got {message:?}, wanted it to mention {expected:?}");
        }
    }
}
