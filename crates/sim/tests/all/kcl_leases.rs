//! The KCL as the library behaves: a new application starts at LATEST unless told
//! TRIM_HORIZON, and a worker that joins takes leases from busier workers.

use serde_json::json;
use shardlab_sim::pipeline::Component;
use shardlab_sim::{Scenario, SimDuration, World};

/// A producer → a stream of `shards`, and, if given, a KCL application with `kcl` settings.
fn scenario(shards: u32, kcl: Option<serde_json::Value>) -> Scenario {
    let mut components = vec![
        json!({ "id": "producer", "kind": "producer", "settings": {
            "records_per_second": 100, "record_bytes": 200, "keys": { "strategy": "random" } } }),
        json!({ "id": "stream", "kind": "data_stream", "settings": { "stream_name": "clicks", "shard_count": shards } }),
    ];
    let mut wires = vec![json!({ "from": "producer", "to": "stream" })];
    if let Some(settings) = kcl {
        components.push(json!({ "id": "app", "kind": "kcl_app", "settings": settings }));
        wires.push(json!({ "from": "stream", "to": "app" }));
    }
    let text = json!({ "version": 1, "name": "kcl", "seed": 7, "components": components, "wires": wires }).to_string();
    Scenario::from_json(&text).unwrap()
}

fn app(w: &World) -> &shardlab_sim::pipeline::kcl::KclApp {
    match w.component("app") {
        Some(Component::KclApp(a)) => a,
        _ => panic!("no KCL application"),
    }
}

/// Records processed by an application placed after 20 s of traffic, reading for 5 s.
fn processed_when_placed_late(kcl: serde_json::Value) -> u64 {
    let mut w = World::from_scenario(&scenario(2, None)).unwrap();
    w.advance(SimDuration::from_secs(20));
    w.sync(&scenario(2, Some(kcl))).unwrap();
    w.advance(SimDuration::from_secs(5));
    w.audit_ledger().unwrap();
    app(&w).stats.processed
}

#[test]
fn a_new_application_starts_at_latest_unless_told_trim_horizon() {
    let latest = processed_when_placed_late(json!({ "workers": 2 }));
    let horizon = processed_when_placed_late(json!({ "workers": 2, "initial_position": "TRIM_HORIZON" }));
    assert!(latest <= 5 * 100 + 100, "LATEST: only what arrived since ({latest})");
    assert!(horizon >= 25 * 100 - 100, "TRIM_HORIZON: the 20 s before too ({horizon})");
}

#[test]
fn a_worker_that_joins_steals_a_lease_from_a_busier_one() {
    let kcl = |workers: u32| json!({ "workers": workers, "checkpoint_every": 5000, "failover_ms": 10000 });
    let mut w = World::from_scenario(&scenario(4, Some(kcl(2)))).unwrap();
    w.advance(SimDuration::from_secs(30));
    let held = |w: &World| -> Vec<usize> {
        let a = app(w);
        (0..a.workers.len()).map(|i| a.leases.values().filter(|l| l.owner == Some(i)).count()).collect()
    };
    assert_eq!(held(&w), [2, 2]);
    let events_before = w.events_total();
    w.sync(&scenario(4, Some(kcl(3)))).unwrap();
    // The lease taker runs every (10 s + 25 ms) × 2.
    w.advance(SimDuration::from_secs(45));
    let mut shares = held(&w);
    shares.sort_unstable();
    assert_eq!(shares, [1, 1, 2], "the new worker took one lease, not two: 4 leases over 3 workers");
    assert_eq!(held(&w)[2], 1);
    let stolen: Vec<serde_json::Value> = w
        .events_since(events_before)
        .map(|e| serde_json::to_value(e).unwrap())
        .filter(|e| e["kind"] == "lease_stolen")
        .collect();
    assert_eq!(stolen.len(), 1, "{stolen:?}");
    assert_eq!(stolen[0]["to"], "worker-3");
    // The new owner restarted the stolen shard from its checkpoint: at-least-once.
    let a = app(&w);
    assert!(a.redelivered.iter().any(|&(shard, from, to)| a.leases[&shard].owner == Some(2) && to > from));
    w.audit_ledger().unwrap();
}
