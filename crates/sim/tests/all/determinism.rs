//! The same scenario gives the same run however time is sliced: advanced in one step, or in
//! many small steps of random size as the page advances it frame by frame. Checked on every
//! golden scenario of the CLI, on the report, the event log and the trace. (The browser tests
//! run the same scenarios in wasm and compare with the same golden reports.)

use shardlab_sim::rng::SimRng;
use shardlab_sim::{parse_duration, Scenario, SimDuration, SimTime, World};
use std::path::PathBuf;

fn scenario(name: &str) -> Scenario {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../cli/tests/scenarios").join(format!("{name}.json"));
    Scenario::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// The run as text: its report, every event and the trace.
fn fingerprint(w: &World) -> String {
    let events: Vec<String> = w.events_since(0).map(|e| serde_json::to_string(e).unwrap()).collect();
    format!("{}\n{}\n{}", serde_json::to_string_pretty(&w.report()).unwrap(), events.join("\n"), w.trace().join("\n"))
}

fn run_in_slices(s: &Scenario, until: SimDuration, slices: Option<u64>) -> String {
    let mut w = World::from_scenario(s).unwrap();
    match slices {
        None => {
            w.advance(until);
            w.audit_ledger().unwrap();
        }
        Some(seed) => {
            let mut rng = SimRng::seed_from_u64(seed);
            let end = SimTime::ZERO + until;
            while w.now() < end {
                // A frame: from a microsecond to two seconds of virtual time.
                let step = SimDuration::from_micros(1 + rng.below(2_000_000));
                w.run_until((w.now() + step).min(end));
                w.audit_ledger().unwrap_or_else(|e| panic!("at {}: {e}", w.now()));
            }
        }
    }
    fingerprint(&w)
}

#[test]
fn a_run_is_the_same_in_one_step_or_in_many_small_ones() {
    for (name, until) in [("hot_shard", "30s"), ("random_keys", "30s"), ("streams_vs_firehose", "150s")] {
        let s = scenario(name);
        let until = parse_duration(until).unwrap();
        let whole = run_in_slices(&s, until, None);
        for seed in [1, 2, 3] {
            let sliced = run_in_slices(&s, until, Some(seed));
            if sliced != whole {
                let line = whole.lines().zip(sliced.lines()).position(|(a, b)| a != b).unwrap_or(0);
                panic!(
                    "{name}, slices from seed {seed}: the run differs at line {}:\n  one step: {}\n  sliced:   {}",
                    line + 1,
                    whole.lines().nth(line).unwrap_or(""),
                    sliced.lines().nth(line).unwrap_or("")
                );
            }
        }
    }
}

#[test]
fn on_demand_scaling_is_the_same_however_time_is_sliced() {
    // 25 records of 100 KB a second: 2.4 MiB/s, whose double needs 5 shards once it has
    // counted for 15 minutes. The capacity must rise at the same instant in every slicing.
    let text = serde_json::json!({
        "version": 1, "name": "on-demand", "seed": 7,
        "components": [
            { "id": "producer", "kind": "producer", "settings": { "records_per_second": 25, "record_bytes": 100_000, "keys": { "strategy": "random" } } },
            { "id": "stream", "kind": "data_stream", "settings": { "stream_name": "od", "mode": "ON_DEMAND" } },
        ],
        "wires": [{ "from": "producer", "to": "stream" }],
    })
    .to_string();
    let s = Scenario::from_json(&text).unwrap();
    let until = SimDuration::from_secs(17 * 60);
    let whole = run_in_slices(&s, until, None);
    assert!(whole.contains("shardId-000000000008"), "the stream resharded past its first 4 shards");
    for seed in [4, 5] {
        assert!(run_in_slices(&s, until, Some(seed)) == whole, "slices from seed {seed} differ");
    }
}
