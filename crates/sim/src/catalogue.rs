//! What the palette offers: each kind of component with its service family and the
//! settings a newly placed one starts with (AWS's defaults where AWS has them).

use crate::emr::builtin_job::BuiltinJob;
use crate::pipeline::analytics_settings::{AnalyticsSettings, Dialect};
use crate::pipeline::delivery_settings::*;
use crate::pipeline::emr_settings::*;
use crate::pipeline::payload::Template;
use crate::pipeline::settings::*;
use crate::pipeline::video_settings::*;
use crate::scenario::{ComponentKind, ComponentSpec, Scenario};
use crate::wiring::Kind;
use serde::Serialize;

/// The palette's groups, one accent colour each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    Streams,
    /// Data Firehose, its transform and the stores it delivers into.
    Delivery,
    /// EMR clusters and the two stages of their MapReduce steps, and DynamoDB tables.
    Batch,
    /// Streaming SQL applications.
    Analytics,
    /// Kinesis Video Streams: cameras, video streams, players and analysis.
    Video,
}

pub fn family(kind: Kind) -> Family {
    match kind {
        Kind::Producer
        | Kind::DataStream
        | Kind::PollingConsumer
        | Kind::KclApp
        | Kind::EfoConsumer
        | Kind::LambdaConsumer => Family::Streams,
        Kind::Firehose
        | Kind::FirehoseTransform
        | Kind::S3Bucket
        | Kind::Redshift
        | Kind::OpenSearch
        | Kind::HttpEndpoint => Family::Delivery,
        Kind::EmrCluster | Kind::MapStep | Kind::ReduceStep | Kind::DynamoDbTable => Family::Batch,
        Kind::AnalyticsApp => Family::Analytics,
        Kind::Camera | Kind::VideoStream | Kind::VideoPlayer | Kind::MotionAnalyzer => Family::Video,
    }
}

/// The palette's order.
pub const PALETTE: [Kind; 21] = Kind::ALL;

/// The short name ids are made from.
pub fn slug(kind: Kind) -> &'static str {
    match kind {
        Kind::Producer => "producer",
        Kind::DataStream => "stream",
        Kind::PollingConsumer => "consumer",
        Kind::KclApp => "kcl-app",
        Kind::EfoConsumer => "efo-consumer",
        Kind::LambdaConsumer => "lambda",
        Kind::Firehose => "firehose",
        Kind::FirehoseTransform => "transform",
        Kind::S3Bucket => "bucket",
        Kind::Redshift => "redshift",
        Kind::OpenSearch => "opensearch",
        Kind::HttpEndpoint => "endpoint",
        Kind::EmrCluster => "cluster",
        Kind::MapStep => "map",
        Kind::ReduceStep => "reduce",
        Kind::DynamoDbTable => "table",
        Kind::AnalyticsApp => "sql-app",
        Kind::Camera => "camera",
        Kind::VideoStream => "video",
        Kind::VideoPlayer => "player",
        Kind::MotionAnalyzer => "motion",
    }
}

/// `base`, or `base-2`, `base-3`… : the first id no component of `scenario` has (and, for
/// streams, delivery streams, functions and buckets, no name either).
pub fn unused_id(scenario: &Scenario, base: &str) -> String {
    let taken = |id: &str| {
        scenario.components.iter().any(|c| {
            c.id == id
                || match &c.kind {
                    ComponentKind::DataStream(s) => s.stream_name == id,
                    ComponentKind::Firehose(f) => f.delivery_stream_name == id,
                    ComponentKind::FirehoseTransform(t) => t.function_name == id,
                    ComponentKind::S3Bucket(b) => b.bucket == format!("lab-{id}"),
                    ComponentKind::DynamoDbTable(t) => t.table_name == id,
                    ComponentKind::AnalyticsApp(a) => a.application_name == id,
                    ComponentKind::VideoStream(v) => v.stream_name == id,
                    _ => false,
                }
        })
    };
    if !taken(base) {
        return base.to_string();
    }
    (2..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).expect("some number is free")
}

/// A copy of the component `id` for `scenario`, beside it: a new id, and new names wherever
/// AWS wants a name unique (a data stream, an enhanced fan-out consumer, a delivery stream,
/// a Lambda function, a bucket, a Redshift cluster, an OpenSearch domain, an HTTP
/// endpoint's name and URL), so the copy is valid next to the original. Not wired.
pub fn duplicate(scenario: &Scenario, id: &str) -> Option<ComponentSpec> {
    let original = scenario.component(id)?;
    let new_id = unused_id(scenario, slug(original.kind.kind()));
    let mut kind = original.kind.clone();
    match &mut kind {
        ComponentKind::DataStream(s) => s.stream_name = new_id.clone(),
        ComponentKind::EfoConsumer(s) => s.consumer_name = new_id.clone(),
        ComponentKind::Firehose(f) => f.delivery_stream_name = new_id.clone(),
        ComponentKind::FirehoseTransform(t) => t.function_name = new_id.clone(),
        ComponentKind::S3Bucket(b) => b.bucket = format!("lab-{new_id}"),
        ComponentKind::Redshift(r) => r.cluster = new_id.clone(),
        ComponentKind::OpenSearch(o) => o.domain = format!("lab-{new_id}"),
        ComponentKind::HttpEndpoint(h) => {
            h.name = new_id.clone();
            h.url = format!("https://{new_id}.example.com/ingest");
        }
        ComponentKind::EmrCluster(c) => c.name = new_id.clone(),
        ComponentKind::DynamoDbTable(t) => t.table_name = new_id.clone(),
        ComponentKind::AnalyticsApp(a) => a.application_name = new_id.clone(),
        ComponentKind::VideoStream(v) => v.stream_name = new_id.clone(),
        ComponentKind::Camera(_) | ComponentKind::VideoPlayer(_) | ComponentKind::MotionAnalyzer(_) => {}
        ComponentKind::Producer(_)
        | ComponentKind::PollingConsumer(_)
        | ComponentKind::KclApp(_)
        | ComponentKind::LambdaConsumer(_)
        | ComponentKind::MapStep(_)
        | ComponentKind::ReduceStep(_) => {}
    }
    Some(ComponentSpec { id: new_id, label: original.label.clone(), x: original.x + 30.0, y: original.y + 30.0, kind })
}

/// A new component of `kind` for `scenario`, at (x, y), with default settings.
pub fn new_component(scenario: &Scenario, kind: Kind, x: f64, y: f64) -> ComponentSpec {
    let id = unused_id(scenario, slug(kind));
    let settings = match kind {
        Kind::Producer => ComponentKind::Producer(ProducerSettings {
            records_per_second: 100.0,
            record_bytes: 1_000,
            keys: KeyStrategy::Random,
            template: Template::Clickstream,
            max_retries: crate::pipeline::settings::default_retries(),
            backoff_ms: crate::pipeline::settings::default_backoff_ms(),
            aggregation: false,
            collection: false,
        }),
        Kind::DataStream => ComponentKind::DataStream(StreamSettings {
            stream_name: id.clone(),
            mode: Default::default(),
            shard_count: 1,
            retention_hours: crate::kinesis::limits::RETENTION_DEFAULT_HOURS,
        }),
        Kind::PollingConsumer => ComponentKind::PollingConsumer(PollingConsumerSettings {
            poll_interval_ms: 1_000,
            batch_limit: 10_000,
            start: StartPosition::TrimHorizon,
        }),
        Kind::KclApp => ComponentKind::KclApp(KclSettings {
            workers: 2,
            checkpoint_every: 100,
            poll_interval_ms: 1_000,
            failover_ms: 10_000,
            initial_position: StartPosition::Latest,
        }),
        Kind::EfoConsumer => {
            ComponentKind::EfoConsumer(EfoSettings { consumer_name: id.clone(), start: StartPosition::TrimHorizon })
        }
        Kind::LambdaConsumer => ComponentKind::LambdaConsumer(LambdaSettings {
            batch_size: 100,
            batch_window_s: 0,
            start: StartPosition::TrimHorizon,
            deaggregate: false,
        }),
        Kind::Firehose => ComponentKind::Firehose(FirehoseSettings::new(&id)),
        Kind::FirehoseTransform => ComponentKind::FirehoseTransform(TransformSettings {
            function_name: id.clone(),
            code: crate::firehose::transform::template("add-field").expect("a shipped template").to_string(),
            buffer_mb: crate::firehose::limits::TRANSFORM_BUFFER_MB_DEFAULT,
            buffer_interval_s: crate::firehose::limits::TRANSFORM_INTERVAL_S_DEFAULT,
        }),
        // Bucket names are global in AWS; here the id (unique in the scenario) is the name.
        Kind::S3Bucket => ComponentKind::S3Bucket(S3BucketSettings { bucket: format!("lab-{id}"), sample: None }),
        Kind::Redshift => ComponentKind::Redshift(RedshiftSettings {
            cluster: id.clone(),
            table: "events".into(),
            // The clickstream template's fields, which is what a new producer sends.
            columns: "event_id,user,page,action".into(),
            copy_options: "JSON 'auto'".into(),
            available: true,
        }),
        Kind::OpenSearch => ComponentKind::OpenSearch(OpenSearchSettings {
            domain: format!("lab-{id}"),
            index: "events".into(),
            available: true,
        }),
        Kind::HttpEndpoint => ComponentKind::HttpEndpoint(HttpEndpointSettings {
            url: format!("https://{id}.example.com/ingest"),
            name: id.clone(),
            available: true,
        }),
        Kind::EmrCluster => ComponentKind::EmrCluster(EmrClusterSettings::new(&id)),
        Kind::MapStep => ComponentKind::MapStep(MapStepSettings::new(BuiltinJob::Wordcount)),
        Kind::ReduceStep => ComponentKind::ReduceStep(ReduceStepSettings::new()),
        Kind::DynamoDbTable => ComponentKind::DynamoDbTable(DynamoDbTableSettings::new(&id)),
        Kind::AnalyticsApp => ComponentKind::AnalyticsApp(AnalyticsSettings {
            application_name: id.clone(),
            dialect: Dialect::Flink,
            sql: crate::analytics::templates::DEFAULT_SQL.to_string(),
            schema: Vec::new(),
            start: StartPosition::TrimHorizon,
        }),
        Kind::Camera => ComponentKind::Camera(CameraSettings::default()),
        Kind::VideoStream => ComponentKind::VideoStream(VideoStreamSettings {
            stream_name: id.clone(),
            retention_hours: crate::video::limits::DEFAULT_RETENTION_HOURS,
        }),
        Kind::VideoPlayer => ComponentKind::VideoPlayer(PlayerSettings::default()),
        Kind::MotionAnalyzer => ComponentKind::MotionAnalyzer(MotionAnalyzerSettings::default()),
    };
    ComponentSpec { id, label: String::new(), x, y, kind: settings }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_duplicates_into_a_valid_scenario_twice_over() {
        let mut s = Scenario::default();
        for kind in PALETTE {
            s.components.push(new_component(&s, kind, 0.0, 0.0));
        }
        let originals: Vec<String> = s.components.iter().map(|c| c.id.clone()).collect();
        for id in &originals {
            for _ in 0..2 {
                let copy = duplicate(&s, id).unwrap();
                assert_ne!(&copy.id, id);
                assert_eq!(copy.kind.kind(), s.component(id).unwrap().kind.kind());
                s.components.push(copy);
                s.validate().unwrap_or_else(|e| panic!("duplicating {id}: {e}"));
            }
        }
        assert_eq!(s.components.len(), 3 * PALETTE.len());
        assert!(duplicate(&s, "nothing-here").is_none());
    }

    #[test]
    fn new_components_are_valid_and_get_unused_ids() {
        let mut s = Scenario::default();
        for kind in PALETTE {
            for _ in 0..2 {
                let c = new_component(&s, kind, 0.0, 0.0);
                assert!(c.kind.validate().is_ok(), "{kind:?}");
                s.components.push(c);
                s.validate().unwrap();
            }
        }
        assert!(s.component("producer").is_some() && s.component("producer-2").is_some());
    }
}
