//! Simulated records per second: the workload of `shardlab_sim::workload` (4 shards, a
//! producer, a consumer). `cargo xtask bench` reads criterion's estimate from
//! target/criterion/sim/throughput/new/estimates.json; and real bytes per second through
//! an EMR word count (target/criterion/emr/wordcount); and how long a reload takes to replay
//! a learner's hour of actions (target/criterion/journal/replay_hour); and rows per second
//! through a streaming SQL query (target/criterion/sql/tumble_count_distinct).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::json;
use shardlab_sim::scenario::ComponentKind;
use shardlab_sim::world::journal::Journal;
use shardlab_sim::{workload, Scenario, SimDuration, SimTime, World};

fn throughput(c: &mut Criterion) {
    let records = workload::run();
    let mut group = c.benchmark_group("sim");
    group.throughput(Throughput::Elements(records));
    group.sample_size(10);
    group.bench_function("throughput", |b| b.iter(workload::run));
    group.finish();
}

/// Real bytes of text through Hadoop's WordCount on a lab cluster (map, combiner, shuffle,
/// reduce, part files in S3); the world is built outside the measured time.
fn emr_wordcount(c: &mut Criterion) {
    let input = workload::emr_input();
    let mut group = c.benchmark_group("emr");
    group.throughput(Throughput::Bytes(input.len() as u64));
    group.sample_size(10);
    group.bench_function("wordcount", |b| {
        b.iter_batched(|| workload::emr_world(&input), workload::emr_run, criterion::BatchSize::LargeInput)
    });
    group.finish();
}

/// A learner's hour on the benchmark's pipeline, at the lab's default rate: the producer's
/// rate changed every minute (100 and 200 records/s in turn), a shard split at 10 minutes,
/// a record put from the console every 5 minutes; its journal, as the page saves it.
fn a_learners_hour() -> Journal {
    let mut scenario = workload::scenario();
    let set_rate = |s: &mut Scenario, rate: f64| {
        if let ComponentKind::Producer(p) = &mut s.components[0].kind {
            p.records_per_second = rate;
        }
    };
    set_rate(&mut scenario, 100.0);
    let mut world = World::from_scenario(&scenario).expect("the benchmark scenario is valid");
    world.keep_journal();
    for minute in 1..=60u64 {
        world.run_until(SimTime::ZERO + SimDuration::from_secs(minute * 60));
        let mut next = world.scenario().clone();
        set_rate(&mut next, if minute % 2 == 0 { 100.0 } else { 200.0 });
        world.sync(&next).expect("a rate in range");
        if minute == 10 {
            let split = json!({ "StreamName": "bench", "ShardToSplit": "shardId-000000000000", "NewStartingHashKey": "42535295865117307932921825928971026432" });
            world.call("kinesis", "SplitShard", split).expect("the split is allowed");
        }
        if minute % 5 == 0 {
            let put = json!({ "StreamName": "bench", "PartitionKey": "console", "Data": "aGVsbG8=" });
            world.call("kinesis", "PutRecord", put).expect("the put is accepted");
        }
    }
    Journal::from_json(&world.journal().expect("kept").to_json()).expect("the journal reads back")
}

/// How long a reload takes to bring back that hour: `World::resume` of its journal. The
/// figure is the time of one replay (criterion's throughput of one element).
fn journal_replay(c: &mut Criterion) {
    let journal = a_learners_hour();
    let hour = SimTime::ZERO + SimDuration::from_secs(3_600);
    let mut group = c.benchmark_group("journal");
    group.throughput(Throughput::Elements(1));
    group.sample_size(10);
    group.bench_function("replay_hour", |b| b.iter(|| World::resume(&journal, hour).expect("the journal replays")));
    group.finish();
}

/// Rows per second through the streaming SQL engine: `workload::SQL_QUERY` (a TUMBLE and a
/// COUNT(DISTINCT)) over a million rows; the rows are made outside the measured time.
fn sql(c: &mut Criterion) {
    const ROWS: usize = 1_000_000;
    let mut group = c.benchmark_group("sql");
    group.throughput(Throughput::Elements(ROWS as u64));
    group.sample_size(10);
    group.bench_function("tumble_count_distinct", |b| {
        b.iter_batched(|| workload::sql_rows(ROWS), workload::sql_run, criterion::BatchSize::LargeInput)
    });
    group.finish();
}

/// A camera's frames rendered and analysed for motion (`workload::video_frames`).
fn video(c: &mut Criterion) {
    const FRAMES: u64 = 600;
    let mut group = c.benchmark_group("video");
    group.throughput(Throughput::Elements(FRAMES));
    group.sample_size(10);
    group.bench_function("render_and_detect", |b| b.iter(|| workload::video_frames(FRAMES)));
    group.finish();
}

criterion_group!(benches, throughput, emr_wordcount, journal_replay, sql, video);
criterion_main!(benches);
