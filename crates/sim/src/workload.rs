//! The benchmark workload, shared by the native benchmark (criterion) and the in-browser one,
//! so the two measure the same thing: a 4-shard stream with one producer and one polling
//! consumer, run for a stretch of virtual time.

use crate::pipeline::payload::Template;
use crate::pipeline::settings::*;
use crate::scenario::{ComponentKind, ComponentSpec, Scenario, WireSpec};
use crate::time::SimDuration;
use crate::world::World;

/// Producer rate: 3,600 records/s over 4 shards stays under the 1,000 records/s per shard.
pub const RECORDS_PER_SECOND: f64 = 3_600.0;
/// Virtual time one run covers.
pub const RUN_FOR: SimDuration = SimDuration::from_secs(120);

pub fn scenario() -> Scenario {
    let component = |id: &str, kind| ComponentSpec { id: id.into(), label: String::new(), x: 0.0, y: 0.0, kind };
    Scenario {
        name: "Benchmark: 4 shards, a producer and a consumer".into(),
        components: vec![
            component(
                "producer",
                ComponentKind::Producer(ProducerSettings {
                    records_per_second: RECORDS_PER_SECOND,
                    record_bytes: 100,
                    keys: KeyStrategy::Random,
                    template: Template::Clickstream,
                    max_retries: default_retries(),
                    backoff_ms: default_backoff_ms(),
                    aggregation: false,
                    collection: true,
                }),
            ),
            component(
                "stream",
                ComponentKind::DataStream(StreamSettings {
                    stream_name: "bench".into(),
                    mode: Default::default(),
                    shard_count: 4,
                    retention_hours: 24,
                }),
            ),
            component(
                "consumer",
                ComponentKind::PollingConsumer(PollingConsumerSettings {
                    poll_interval_ms: 1_000,
                    batch_limit: 10_000,
                    start: StartPosition::TrimHorizon,
                }),
            ),
        ],
        wires: vec![
            WireSpec { from: "producer".into(), to: "stream".into() },
            WireSpec { from: "stream".into(), to: "consumer".into() },
        ],
        ..Scenario::default()
    }
}

/// Runs the workload once; returns how many records were simulated (created by the producer,
/// which the consumer also reads).
pub fn run() -> u64 {
    // A `match`, not `expect`: `expect` would link the error's Debug formatting into the page.
    let mut world = match World::from_scenario(&scenario()) {
        Ok(world) => world,
        Err(_) => unreachable!("the benchmark scenario is valid"),
    };
    world.advance(RUN_FOR);
    world.ledger().created
}

/// The fast-forward workload (issue 16): a 4-shard stream with 24 h retention at full load
/// (3,990 records/s of 200 bytes under random keys, just below 4 × 1,000), read by a polling
/// consumer and a KCL application. `cargo xtask bench` runs it for 24 virtual hours.
pub fn fast_forward_scenario() -> Scenario {
    let mut scenario = self::scenario();
    scenario.name = "Benchmark: a day of a 4-shard stream at full load".into();
    if let ComponentKind::Producer(p) = &mut scenario.components[0].kind {
        p.records_per_second = 3_990.0;
        p.record_bytes = 200;
    }
    if let ComponentKind::PollingConsumer(c) = &mut scenario.components[2].kind {
        c.poll_interval_ms = 200;
    }
    scenario.components.push(ComponentSpec {
        id: "kcl".into(),
        label: String::new(),
        x: 0.0,
        y: 0.0,
        kind: ComponentKind::KclApp(KclSettings {
            workers: 2,
            checkpoint_every: 1_000,
            poll_interval_ms: 1_000,
            failover_ms: 10_000,
            initial_position: StartPosition::TrimHorizon,
        }),
    });
    scenario.wires.push(WireSpec { from: "stream".into(), to: "kcl".into() });
    scenario
}

/// The fast-forward workload with a delivery stream reading the stream into an S3 bucket
/// (issue 16: "Firehose deliver a day of objects"), its buffer at its defaults (5 MiB or
/// 300 s).
pub fn fast_forward_to_s3_scenario() -> Scenario {
    let mut scenario = fast_forward_scenario();
    scenario.name = "Benchmark: a day of a 4-shard stream at full load, delivered to S3".into();
    for kind in [crate::wiring::Kind::Firehose, crate::wiring::Kind::S3Bucket] {
        let component = crate::catalogue::new_component(&scenario, kind, 0.0, 0.0);
        scenario.components.push(component);
    }
    let id = |i: usize| scenario.components[scenario.components.len() - 2 + i].id.clone();
    let (firehose, bucket) = (id(0), id(1));
    scenario.wires.push(WireSpec { from: "stream".into(), to: firehose.clone() });
    scenario.wires.push(WireSpec { from: firehose, to: bucket });
    scenario
}

/// The heaviest load the settings allow (issue 16): a producer at 1,000,000 records/s of
/// 100 bytes under one hot key into a 2-shard stream, read by a polling consumer. One shard
/// takes 1,000 a second; the rest are refused, retried and given up.
pub fn heaviest_scenario() -> Scenario {
    let mut scenario = self::scenario();
    scenario.name = "Benchmark: a million records a second at a hot key".into();
    if let ComponentKind::Producer(p) = &mut scenario.components[0].kind {
        p.records_per_second = 1_000_000.0;
        p.keys = KeyStrategy::HotKey;
    }
    if let ComponentKind::DataStream(s) = &mut scenario.components[1].kind {
        s.shard_count = 2;
    }
    scenario
}

#[cfg(feature = "emr")]
/// Real bytes of text the EMR benchmark's word count reads: 4 MiB, 32 splits of 128 MB at the
/// default scale.
pub const EMR_INPUT_BYTES: usize = 4 * 1024 * 1024;

#[cfg(feature = "emr")]
/// The EMR benchmark's input: the sample corpus, always the same.
pub fn emr_input() -> Vec<u8> {
    crate::emr::datasets::Dataset::Corpus.generate(EMR_INPUT_BYTES, 1)
}

#[cfg(feature = "emr")]
/// A world holding `input` in S3 and a cluster (2 core and 2 task m5.xlarge nodes) with
/// Hadoop's WordCount queued on it (combiner set, as the example sets it; 4 reducers).
pub fn emr_world(input: &[u8]) -> World {
    use crate::emr::cluster::ClusterConfig;
    use crate::emr::instance_types::instance_type;
    use crate::emr::job::JobSpec;
    use crate::emr::jobs::BuiltinJob;
    use crate::emr::node::Market;
    use crate::emr::step::{ActionOnFailure, StepKind};
    let mut world = match World::from_scenario(&Scenario::default()) {
        Ok(world) => world,
        Err(_) => unreachable!("the default scenario is valid"),
    };
    let t = instance_type("m5.xlarge").expect("offered");
    world.with_emr(|emr, now, stores| {
        stores.s3.create_bucket(now, "lab-bench").expect("a new bucket");
        stores.s3.put_object(now, "lab-bench", "in/corpus.txt", input.to_vec(), None).expect("the bucket exists");
        let config = ClusterConfig {
            name: "bench".into(),
            primary_count: 1,
            primary_type: t,
            core_count: 2,
            core_type: t,
            task_count: 2,
            task_type: t,
            task_market: Market::OnDemand,
            block_mb: crate::emr::limits::BLOCK_MB_DEFAULT,
            replication: None,
            scale: Default::default(),
            auto_terminate: true,
        };
        let step = crate::emr::StepRequest {
            name: "wordcount".into(),
            action_on_failure: ActionOnFailure::Continue,
            kind: StepKind::MapReduce(JobSpec {
                program: crate::emr::job::Program::Builtin(BuiltinJob::Wordcount),
                input: "s3://lab-bench/in/".into(),
                output: "s3://lab-bench/out/".into(),
                reducers: 4,
                combiner: true,
                speculative: false,
                fail_tasks: Default::default(),
            }),
        };
        emr.run_job_flow(now, config, vec![step]).expect("a valid cluster");
    });
    world
}

#[cfg(feature = "emr")]
/// Runs the world of `emr_world` until its job is over; returns the real bytes it read
/// (0 if the job did not complete).
pub fn emr_run(mut world: World) -> u64 {
    while let Some(t) = world.next_event_time() {
        world.run_until(t);
    }
    let cluster = world.emr().clusters.values().next().expect("one cluster");
    let done = cluster.steps.iter().all(|s| s.state == crate::emr::step::StepState::Completed);
    if done {
        cluster.steps.iter().filter_map(|s| s.job.as_ref()).flat_map(|j| &j.inputs).map(|i| i.data.len() as u64).sum()
    } else {
        0
    }
}

#[cfg(feature = "emr")]
/// A run that exercises every source of variation in an EMR job — jittered durations, a
/// slow node and speculative attempts, a failing task, a Spot node reclaimed mid-job — as
/// JSON: the attempt log and the output. Native tests and the browser tests compare it with
/// the same golden file, so a seed gives the same timeline natively and in wasm.
pub fn emr_timeline() -> String {
    use crate::emr::cluster::Fault;
    use crate::emr::report::JobReport;
    let input = crate::emr::datasets::Dataset::Corpus.generate(120_000, 5);
    let mut world = emr_world(&input);
    world.with_emr(|emr, _, _| {
        let id = emr.clusters.keys().next().expect("one cluster").clone();
        let c = emr.cluster_mut(&id).expect("listed");
        // 10 bytes stand for 1 MB: 94 splits of 128 MB, long enough for the Spot node to go.
        c.config.scale = crate::emr::scale::DataScale::new(10).expect("positive");
        c.hdfs.block_bytes = c.config.scale.real_bytes(crate::emr::limits::BLOCK_MB_DEFAULT);
        let i = c.node_index("core-2").expect("two core nodes");
        c.nodes[i].slowdown = 3.0;
        c.nodes
            .iter_mut()
            .filter(|n| n.name.starts_with("task-"))
            .for_each(|n| n.market = crate::emr::node::Market::Spot);
        if let Some(crate::emr::step::StepKind::MapReduce(spec)) = c.steps.first_mut().map(|s| &mut s.kind) {
            spec.speculative = true;
            spec.fail_tasks.insert("m_000004".into(), 2);
        }
        emr.fault_after_job_start(&id, SimDuration::from_secs(6), Fault::ReclaimSpot("task-2".into())).expect("exists");
    });
    while let Some(t) = world.next_event_time() {
        world.run_until(t);
    }
    let cluster = world.emr().clusters.values().next().expect("one cluster");
    let report = JobReport::of_last_job(cluster, world.stores()).expect("the job ran");
    let mut text = serde_json::to_string_pretty(&serde_json::json!({
        "status": report.status,
        "duration_ms": report.duration_ms,
        "attempts": report.attempt_log,
        "output": report.output,
    }))
    .expect("a report serializes");
    text.push('\n');
    text
}

/// The canvas benchmark's pipeline: ten components — three producers, three streams and four
/// consumers — busy enough to keep a couple of thousand records in flight on the canvas.
pub fn canvas_scenario() -> Scenario {
    use crate::catalogue::new_component;
    use crate::wiring::Kind;
    let mut s = Scenario { name: "Benchmark: a 10-component pipeline".into(), ..Scenario::default() };
    let rows = [(Kind::KclApp, Some(Kind::PollingConsumer)), (Kind::EfoConsumer, None), (Kind::LambdaConsumer, None)];
    for (row, (consumer, second)) in rows.into_iter().enumerate() {
        let y = 40.0 + 150.0 * row as f64;
        let mut producer = new_component(&s, crate::wiring::Kind::Producer, 40.0, y);
        if let ComponentKind::Producer(p) = &mut producer.kind {
            p.records_per_second = 1_800.0;
        }
        let p_id = producer.id.clone();
        s.components.push(producer);
        let mut stream = new_component(&s, Kind::DataStream, 340.0, y);
        if let ComponentKind::DataStream(d) = &mut stream.kind {
            d.shard_count = 2;
        }
        let s_id = stream.id.clone();
        s.components.push(stream);
        s.wires.push(WireSpec { from: p_id, to: s_id.clone() });
        for (i, kind) in std::iter::once(consumer).chain(second).enumerate() {
            let c = new_component(&s, kind, 640.0, y + 70.0 * i as f64);
            s.wires.push(WireSpec { from: s_id.clone(), to: c.id.clone() });
            s.components.push(c);
        }
    }
    s
}

/// The streaming SQL benchmark's query: distinct users per page in 10-second windows (a
/// TUMBLE and a COUNT(DISTINCT), the costliest aggregate).
pub const SQL_QUERY: &str = "CREATE TABLE clicks (user_id STRING, page STRING, ts TIMESTAMP(3), \
    WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH ('connector' = 'kinesis');\n\
    SELECT window_start, page, COUNT(DISTINCT user_id) AS users, COUNT(*) AS clicks \
    FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND)) \
    GROUP BY window_start, window_end, page";

/// `n` rows for `SQL_QUERY`: 10,000 a second of event time, 5,000 users over 20 pages, one row
/// in fifty up to a second out of order (seeded, the same every run).
pub fn sql_rows(n: usize) -> Vec<Vec<crate::analytics::types::Value>> {
    use crate::analytics::types::Value;
    let mut rng = crate::rng::SimRng::seed_from_u64(7);
    let start = 1_767_225_600_000i64;
    (0..n)
        .map(|i| {
            let late = if rng.next_u64() % 50 == 0 { (rng.next_u64() % 1_000) as i64 } else { 0 };
            vec![
                Value::Str(format!("u{}", rng.next_u64() % 5_000)),
                Value::Str(format!("/p{}", rng.next_u64() % 20)),
                Value::Timestamp(start + i as i64 / 10 - late),
            ]
        })
        .collect()
}

/// Runs `SQL_QUERY` over `rows`: the result rows it emitted.
pub fn sql_run(rows: Vec<Vec<crate::analytics::types::Value>>) -> u64 {
    let mut query = crate::analytics::Query::compile(SQL_QUERY).expect("the benchmark's query compiles");
    let mut emitted = 0;
    for row in rows {
        emitted += query.push_row(row).len() as u64;
    }
    emitted + query.finish().len() as u64
}

/// What a camera and its analysis do to each frame, `frames` times: a busy scene (3 shapes,
/// the figure) rendered at 15 fps into 160 × 120 pixels, each frame compared with the one
/// before for motion. Returns the frames done and the motion boxes found (so the work is
/// not optimised away). The benchmark's `video_frames_per_s`.
#[cfg(feature = "video")]
pub fn video_frames(frames: u64) -> (u64, u64) {
    use crate::video::scene::{Scene, SceneSettings};
    let scene = Scene::new(11, &SceneSettings { moving_shapes: 3, walking_figure: true });
    let frame_at = |i: u64| scene.render(SimDuration::from_micros(i * 1_000_000 / 15), i);
    let mut before = frame_at(0);
    let mut boxes = 0;
    for i in 1..=frames {
        let now = frame_at(i);
        boxes += crate::video::motion::detect(&before, &now).len() as u64;
        before = now;
    }
    (frames, boxes)
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(feature = "emr")]
    fn the_emr_benchmark_job_completes_over_all_its_input() {
        let input = super::emr_input();
        assert_eq!(super::emr_run(super::emr_world(&input)), input.len() as u64);
    }

    #[test]
    fn the_canvas_benchmark_pipeline_has_ten_valid_components() {
        let s = super::canvas_scenario();
        assert_eq!(s.components.len(), 10);
        s.validate().unwrap();
    }
}
