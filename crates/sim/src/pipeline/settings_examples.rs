//! Examples of refusals, for tests: one out-of-range value for every setting whose rule
//! quotes numbers. The model's tests check the numbers each refusal quotes; the page's
//! tests check that its texts in both languages word every one of them whole.

use super::delivery_settings::*;
use super::emr_settings::*;
use super::settings::*;
use super::video_settings::*;
use crate::catalogue::new_component;
use crate::emr::builtin_job::BuiltinJob;
use crate::emr::limits::{BLOCK_MB_RANGE, MAX_TASK_ATTEMPTS, MAX_TASK_NODES};
use crate::kinesis::limits::RETENTION_MAX_HOURS;
use crate::scenario::{ComponentKind, Scenario};
use crate::video::limits::{
    BITRATE_KBPS_RANGE, FPS_RANGE, MAX_MOVING_SHAPES, MAX_PLAYBACK_RANGE, RETENTION_HOURS_RANGE,
};
use crate::wiring::Kind;

fn new(kind: Kind) -> ComponentKind {
    new_component(&Scenario::default(), kind, 0.0, 0.0).kind
}

/// One value out of range for every setting with a range, each refused by its settings'
/// `validate`: what the tests of the texts that word these rules check against (the model's
/// here, the page's in both languages).
pub fn one_refusal_per_rule() -> Vec<SettingError> {
    let ComponentKind::Producer(p) = new(Kind::Producer) else { unreachable!() };
    let ComponentKind::DataStream(s) = new(Kind::DataStream) else { unreachable!() };
    let ComponentKind::PollingConsumer(c) = new(Kind::PollingConsumer) else { unreachable!() };
    let ComponentKind::KclApp(k) = new(Kind::KclApp) else { unreachable!() };
    let ComponentKind::LambdaConsumer(l) = new(Kind::LambdaConsumer) else { unreachable!() };
    let ComponentKind::FirehoseTransform(t) = new(Kind::FirehoseTransform) else { unreachable!() };
    let ComponentKind::Redshift(r) = new(Kind::Redshift) else { unreachable!() };
    let ComponentKind::OpenSearch(o) = new(Kind::OpenSearch) else { unreachable!() };
    let ComponentKind::HttpEndpoint(h) = new(Kind::HttpEndpoint) else { unreachable!() };
    let f = FirehoseSettings::new("f");
    let e = EmrClusterSettings::new("c");
    let m = MapStepSettings::new(BuiltinJob::Wordcount);
    let fail = |task: &str, n: u32| MapStepSettings { fail_tasks: [(task.to_string(), n)].into(), ..m.clone() };
    let d = DynamoDbTableSettings::new("words");
    let bucket = S3BucketSettings { bucket: "lab".into(), sample: None };
    let camera = CameraSettings::default();
    [
        ProducerSettings { records_per_second: RECORDS_PER_SECOND.1 + 1.0, ..p.clone() }.validate(),
        ProducerSettings { record_bytes: 0, ..p.clone() }.validate(),
        ProducerSettings { keys: KeyStrategy::Distinct { count: DISTINCT_KEYS.1 + 1 }, ..p.clone() }.validate(),
        ProducerSettings { max_retries: PRODUCER_MAX_RETRIES + 1, ..p.clone() }.validate(),
        ProducerSettings { backoff_ms: BACKOFF_MS.1 + 1, ..p }.validate(),
        StreamSettings { stream_name: "a b".into(), ..s.clone() }.validate(),
        StreamSettings { shard_count: 0, ..s.clone() }.validate(),
        StreamSettings { retention_hours: RETENTION_MAX_HOURS + 1, ..s }.validate(),
        PollingConsumerSettings { poll_interval_ms: POLL_INTERVAL_MS.0 - 1, ..c.clone() }.validate(),
        PollingConsumerSettings { batch_limit: GET_RECORDS_LIMIT.1 + 1, ..c }.validate(),
        KclSettings { workers: 0, ..k.clone() }.validate(),
        KclSettings { checkpoint_every: CHECKPOINT_EVERY.1 + 1, ..k.clone() }.validate(),
        KclSettings { poll_interval_ms: POLL_INTERVAL_MS.1 + 1, ..k.clone() }.validate(),
        KclSettings { failover_ms: FAILOVER_MS.0 - 1, ..k }.validate(),
        EfoSettings { consumer_name: "x".repeat(CONSUMER_NAME_CHARS.1 + 1), start: StartPosition::Latest }.validate(),
        LambdaSettings { batch_size: LAMBDA_BATCH_SIZE.1 + 1, ..l.clone() }.validate(),
        LambdaSettings { batch_window_s: LAMBDA_BATCH_WINDOW_S.1 + 1, ..l }.validate(),
        FirehoseSettings { delivery_stream_name: String::new(), ..f.clone() }.validate(),
        FirehoseSettings { buffer_mib: 0, ..f.clone() }.validate(),
        FirehoseSettings { buffer_interval_s: 901, ..f.clone() }.validate(),
        FirehoseSettings { retry_duration_s: Some(7_201), ..f.clone() }.validate(),
        FirehoseSettings { backup_bucket: "B".into(), ..f }.validate(),
        TransformSettings { function_name: "a b".into(), ..t.clone() }.validate(),
        TransformSettings { buffer_mb: 3.5, ..t.clone() }.validate(),
        TransformSettings { buffer_interval_s: 901, ..t.clone() }.validate(),
        TransformSettings { code: "x".repeat(CODE_MAX_BYTES + 1), ..t }.validate(),
        S3BucketSettings { bucket: "ab".into(), ..bucket.clone() }.validate(),
        S3BucketSettings {
            sample: Some(SampleData {
                kib: SAMPLE_KIB.1 + 1,
                ..SampleData::new(crate::emr::datasets::Dataset::Corpus)
            }),
            ..bucket
        }
        .validate(),
        RedshiftSettings { cluster: "1a".into(), ..r.clone() }.validate(),
        RedshiftSettings { table: "T".into(), ..r.clone() }.validate(),
        RedshiftSettings { columns: "a,,b".into(), ..r }.validate(),
        OpenSearchSettings { domain: "ab".into(), ..o.clone() }.validate(),
        OpenSearchSettings { index: "x".repeat(OPENSEARCH_INDEX_CHARS.1 + 1), ..o }.validate(),
        HttpEndpointSettings { url: "http://x".into(), ..h }.validate(),
        EmrClusterSettings { name: String::new(), ..e.clone() }.validate(),
        EmrClusterSettings { primary_count: 2, ..e.clone() }.validate(),
        EmrClusterSettings { instance_type: "t2.micro".into(), ..e.clone() }.validate(),
        EmrClusterSettings { core_count: 0, ..e.clone() }.validate(),
        EmrClusterSettings { task_count: MAX_TASK_NODES + 1, ..e.clone() }.validate(),
        EmrClusterSettings { replication: Some(0), ..e.clone() }.validate(),
        EmrClusterSettings { block_mb: BLOCK_MB_RANGE.1 + 1, ..e.clone() }.validate(),
        EmrClusterSettings { bytes_per_mb: 0, ..e }.validate(),
        MapStepSettings { program: StepProgram::Script { code: String::new() }, ..m.clone() }.validate(),
        MapStepSettings { input_prefix: "/in".into(), ..m.clone() }.validate(),
        fail("m_3", 1).validate(),
        fail("m_000003", MAX_TASK_ATTEMPTS + 1).validate(),
        ReduceStepSettings { reducers: 0, ..ReduceStepSettings::new() }.validate(),
        ReduceStepSettings { output_prefix: "out".into(), ..ReduceStepSettings::new() }.validate(),
        DynamoDbTableSettings { table_name: "ab".into(), ..d.clone() }.validate(),
        DynamoDbTableSettings { partition_key: String::new(), ..d.clone() }.validate(),
        DynamoDbTableSettings { sort_key: "key".into(), ..d }.validate(),
        CameraSettings { fps: FPS_RANGE.1 + 1, ..camera.clone() }.validate(),
        CameraSettings { key_frame_interval: 0, ..camera.clone() }.validate(),
        CameraSettings { bitrate_kbps: BITRATE_KBPS_RANGE.0 - 1, ..camera.clone() }.validate(),
        CameraSettings { moving_shapes: MAX_MOVING_SHAPES + 1, ..camera }.validate(),
        VideoStreamSettings { stream_name: "a b".into(), retention_hours: 0 }.validate(),
        VideoStreamSettings { stream_name: "v".into(), retention_hours: RETENTION_HOURS_RANGE.1 + 1 }.validate(),
        PlayerSettings { replay_from_seconds: MAX_PLAYBACK_RANGE.as_millis() / 1_000 + 1, ..PlayerSettings::default() }
            .validate(),
    ]
    .into_iter()
    .map(|r| r.expect_err("an out-of-range value is refused"))
    .collect()
}
