//! Reading one component of a scenario: `{"id", "label", "x", "y", "kind", "settings"}`.
//!
//! Written by hand rather than derived: serde's derive for a `flatten`ed, adjacently tagged
//! enum buffers the whole component and, for the page's first load, came to 33 KB of wasm in
//! one function. This reads the kind's name and hands the settings to that kind's own
//! deserializer, which refuses unknown fields as before. Writing stays derived: the format is
//! the one the derive writes (a test checks the round trip of every kind).

use crate::pipeline::delivery_settings::*;
use crate::pipeline::settings::*;
use crate::scenario::{ComponentKind, ComponentSpec};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// The kinds' names in a scenario file, as the derived writer spells them.
const KIND_NAMES: &[&str] = &[
    "producer",
    "data_stream",
    "polling_consumer",
    "kcl_app",
    "efo_consumer",
    "lambda_consumer",
    "firehose",
    "firehose_transform",
    "s3_bucket",
    "redshift",
    "open_search",
    "http_endpoint",
    "emr_cluster",
    "map_step",
    "reduce_step",
    "dynamo_db_table",
    "analytics_app",
    "camera",
    "video_stream",
    "video_player",
    "motion_analyzer",
];

/// The kinds only the full model runs (`Kind::needs_full_model`), by their names in a file.
pub(crate) const FULL_ONLY_KIND_NAMES: &[&str] = &[
    "emr_cluster",
    "map_step",
    "reduce_step",
    "dynamo_db_table",
    "analytics_app",
    "camera",
    "video_stream",
    "video_player",
    "motion_analyzer",
];

/// Whether this build reads the settings of those kinds. The page's first load (a wasm build
/// with none of their models) does not: their deserializers would weigh on its download for
/// documents it only hands to the full build, which reads them (see
/// `ScenarioError::NeedsFullModel`). It can still place them and write them.
pub const READS_FULL_ONLY_KINDS: bool = full_only::READS;

/// Checks the settings of a kind only the full model runs, in the builds that read them.
pub fn validate_full_only(kind: &ComponentKind) -> Result<(), crate::pipeline::setting_rules::SettingError> {
    full_only::validate(kind)
}

/// Whether `value` (a scenario, a journal, any JSON) holds a component of a kind only the full
/// model runs.
pub fn holds_full_only_kind(value: &Value) -> bool {
    match value {
        Value::Object(map) => {
            let full_only = map.get("kind").and_then(Value::as_str).is_some_and(|k| FULL_ONLY_KIND_NAMES.contains(&k));
            (full_only && map.contains_key("settings")) || map.values().any(holds_full_only_kind)
        }
        Value::Array(items) => items.iter().any(holds_full_only_kind),
        _ => false,
    }
}

impl ComponentKind {
    /// The component of kind `kind` (a scenario file's name for it) with `settings`.
    pub fn from_tagged(kind: &str, settings: Value) -> Result<ComponentKind, serde_json::Error> {
        use serde_json::from_value as read;
        Ok(match kind {
            "producer" => ComponentKind::Producer(read(settings)?),
            "data_stream" => ComponentKind::DataStream(read(settings)?),
            "polling_consumer" => ComponentKind::PollingConsumer(read::<PollingConsumerSettings>(settings)?),
            "kcl_app" => ComponentKind::KclApp(read::<KclSettings>(settings)?),
            "efo_consumer" => ComponentKind::EfoConsumer(read::<EfoSettings>(settings)?),
            "lambda_consumer" => ComponentKind::LambdaConsumer(read::<LambdaSettings>(settings)?),
            "firehose" => ComponentKind::Firehose(read::<FirehoseSettings>(settings)?),
            "firehose_transform" => ComponentKind::FirehoseTransform(read::<TransformSettings>(settings)?),
            "s3_bucket" => ComponentKind::S3Bucket(read::<S3BucketSettings>(settings)?),
            "redshift" => ComponentKind::Redshift(read::<RedshiftSettings>(settings)?),
            "open_search" => ComponentKind::OpenSearch(read::<OpenSearchSettings>(settings)?),
            "http_endpoint" => ComponentKind::HttpEndpoint(read::<HttpEndpointSettings>(settings)?),
            other if FULL_ONLY_KIND_NAMES.contains(&other) => return full_only::read(other, settings),
            other => return Err(serde_json::Error::unknown_variant(other, KIND_NAMES)),
        })
    }
}

/// The settings of the kinds only the full model runs, read in the builds that read them.
#[cfg(any(
    feature = "emr",
    feature = "dynamodb",
    feature = "analytics",
    feature = "video",
    not(target_arch = "wasm32")
))]
mod full_only {
    use crate::pipeline::analytics_settings::AnalyticsSettings;
    use crate::pipeline::emr_settings::*;
    use crate::pipeline::video_settings::*;
    use crate::scenario::ComponentKind;
    use serde::de::Error as _;
    use serde_json::{from_value, Value};

    pub const READS: bool = true;

    /// `kind` is one of `FULL_ONLY_KIND_NAMES`.
    pub fn read(kind: &str, settings: Value) -> Result<ComponentKind, serde_json::Error> {
        Ok(match kind {
            "emr_cluster" => ComponentKind::EmrCluster(from_value::<EmrClusterSettings>(settings)?),
            "map_step" => ComponentKind::MapStep(from_value::<MapStepSettings>(settings)?),
            "reduce_step" => ComponentKind::ReduceStep(from_value::<ReduceStepSettings>(settings)?),
            "dynamo_db_table" => ComponentKind::DynamoDbTable(from_value::<DynamoDbTableSettings>(settings)?),
            "analytics_app" => ComponentKind::AnalyticsApp(from_value::<AnalyticsSettings>(settings)?),
            "camera" => ComponentKind::Camera(from_value::<CameraSettings>(settings)?),
            "video_stream" => ComponentKind::VideoStream(from_value::<VideoStreamSettings>(settings)?),
            "video_player" => ComponentKind::VideoPlayer(from_value::<PlayerSettings>(settings)?),
            "motion_analyzer" => ComponentKind::MotionAnalyzer(from_value::<MotionAnalyzerSettings>(settings)?),
            other => return Err(serde_json::Error::unknown_variant(other, super::FULL_ONLY_KIND_NAMES)),
        })
    }

    /// Checks the settings of a kind of `FULL_ONLY_KIND_NAMES`.
    pub fn validate(kind: &ComponentKind) -> Result<(), crate::pipeline::setting_rules::SettingError> {
        match kind {
            ComponentKind::EmrCluster(s) => s.validate(),
            ComponentKind::MapStep(s) => s.validate(),
            ComponentKind::ReduceStep(s) => s.validate(),
            ComponentKind::DynamoDbTable(s) => s.validate(),
            ComponentKind::AnalyticsApp(s) => s.validate(),
            ComponentKind::Camera(s) => s.validate(),
            ComponentKind::VideoStream(s) => s.validate(),
            ComponentKind::VideoPlayer(s) => s.validate(),
            ComponentKind::MotionAnalyzer(s) => s.validate(),
            _ => Ok(()),
        }
    }
}

/// The first load: a kind only the full model runs is refused here, and
/// `Scenario::from_value` hands the document to the full build before it gets this far.
#[cfg(not(any(
    feature = "emr",
    feature = "dynamodb",
    feature = "analytics",
    feature = "video",
    not(target_arch = "wasm32")
)))]
mod full_only {
    use crate::scenario::ComponentKind;
    use serde::de::Error as _;
    use serde_json::Value;

    pub const READS: bool = false;

    pub fn read(kind: &str, _: Value) -> Result<ComponentKind, serde_json::Error> {
        Err(serde_json::Error::custom(format!("a {kind} runs in the full model only")))
    }

    /// This build neither reads nor edits the settings of these kinds: one it places has
    /// its kind's defaults, and the full build, which the page switches to for it, checks
    /// them. So their rules are not part of the first load.
    pub fn validate(_: &ComponentKind) -> Result<(), crate::pipeline::setting_rules::SettingError> {
        Ok(())
    }
}

/// `{"kind", "settings"}`, as a component holds them.
#[derive(Deserialize)]
struct Tagged {
    kind: String,
    settings: Value,
}

impl<'de> Deserialize<'de> for ComponentKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let t = Tagged::deserialize(d)?;
        ComponentKind::from_tagged(&t.kind, t.settings).map_err(D::Error::custom)
    }
}

/// A component as written, its other fields unknown to this version ignored (as before).
#[derive(Deserialize)]
struct Written {
    id: String,
    #[serde(default)]
    label: String,
    #[serde(default)]
    x: f64,
    #[serde(default)]
    y: f64,
    kind: String,
    settings: Value,
}

impl<'de> Deserialize<'de> for ComponentSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let w = Written::deserialize(d)?;
        let kind = ComponentKind::from_tagged(&w.kind, w.settings).map_err(D::Error::custom)?;
        Ok(ComponentSpec { id: w.id, label: w.label, x: w.x, y: w.y, kind })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wiring::Kind;

    #[test]
    fn every_kind_reads_back_what_it_writes() {
        for kind in Kind::ALL {
            let mut spec = crate::catalogue::new_component(&crate::scenario::Scenario::default(), kind, 12.5, -3.0);
            spec.label = "a label".into();
            let json = serde_json::to_string(&spec).expect("writes");
            let back: ComponentSpec = serde_json::from_str(&json).expect("reads");
            assert_eq!(back, spec, "{json}");
            let kind_only: ComponentKind =
                serde_json::to_value(&spec.kind).and_then(serde_json::from_value).expect("kind");
            assert_eq!(kind_only, spec.kind);
        }
        assert_eq!(KIND_NAMES.len(), Kind::ALL.len());
        let full_only: Vec<&str> =
            Kind::ALL.iter().zip(KIND_NAMES).filter(|(k, _)| k.needs_full_model()).map(|(_, n)| *n).collect();
        assert_eq!(full_only, FULL_ONLY_KIND_NAMES, "the names follow Kind::ALL's order and needs_full_model");
    }

    #[test]
    fn an_unknown_kind_or_setting_is_refused_by_name() {
        let unknown = serde_json::from_str::<ComponentSpec>(r#"{"id":"a","kind":"teleporter","settings":{}}"#);
        assert!(unknown.unwrap_err().to_string().contains("unknown variant `teleporter`"));
        let field = serde_json::from_str::<ComponentSpec>(
            r#"{"id":"a","kind":"data_stream","settings":{"stream_name":"s","colour":"red"}}"#,
        );
        assert!(field.unwrap_err().to_string().contains("unknown field `colour`"));
        let missing = serde_json::from_str::<ComponentSpec>(r#"{"id":"a","kind":"data_stream"}"#);
        assert!(missing.unwrap_err().to_string().contains("missing field `settings`"));
    }
}
