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

#[cfg(test)]
mod tests {
    #[test]
    fn the_canvas_benchmark_pipeline_has_ten_valid_components() {
        let s = super::canvas_scenario();
        assert_eq!(s.components.len(), 10);
        s.validate().unwrap();
    }
}
