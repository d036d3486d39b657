//! Simulated records per second: the workload of `shardlab_sim::workload` (4 shards, a
//! producer, a consumer). `cargo xtask bench` reads criterion's estimate from
//! target/criterion/sim/throughput/new/estimates.json; and real bytes per second through
//! an EMR word count (target/criterion/emr/wordcount).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use shardlab_sim::workload;

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

criterion_group!(benches, throughput, emr_wordcount);
criterion_main!(benches);
