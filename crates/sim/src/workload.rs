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
                    max_retries: 3,
                    backoff_ms: 100,
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
    let mut world = World::from_scenario(&scenario()).expect("the benchmark scenario is valid");
    world.advance(RUN_FOR);
    world.ledger().created
}
