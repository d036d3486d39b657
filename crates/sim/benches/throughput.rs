//! Simulated records per second: the workload of `shardlab_sim::workload` (4 shards, a
//! producer, a consumer). `cargo xtask bench` reads criterion's estimate from
//! target/criterion/sim_throughput/new/estimates.json.

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

criterion_group!(benches, throughput);
criterion_main!(benches);
