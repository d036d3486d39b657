//! Pipelines of producers, streams and consumers running on the virtual clock: the behaviours
//! a learner is meant to see.

use serde_json::json;
use shardlab_sim::pipeline::Component;
use shardlab_sim::{Place, Scenario, SimDuration, World};

/// A scenario of one stream with `shards`, one producer, and the given consumers (kind, settings).
fn scenario(shards: u32, producer: serde_json::Value, consumers: &[(&str, serde_json::Value)]) -> Scenario {
    let mut components = vec![
        json!({ "id": "producer", "kind": "producer", "settings": producer }),
        json!({ "id": "stream", "kind": "data_stream", "settings": { "stream_name": "clicks", "shard_count": shards } }),
    ];
    let mut wires = vec![json!({ "from": "producer", "to": "stream" })];
    for (i, (kind, settings)) in consumers.iter().enumerate() {
        let id = format!("consumer{i}");
        components.push(json!({ "id": id, "kind": kind, "settings": settings }));
        wires.push(json!({ "from": "stream", "to": id }));
    }
    let text =
        json!({ "version": 1, "name": "test", "seed": 42, "components": components, "wires": wires }).to_string();
    Scenario::from_json(&text).unwrap()
}

fn throttles_per_shard(w: &World) -> Vec<f64> {
    w.kinesis()
        .stream("clicks")
        .unwrap()
        .shards
        .iter()
        .map(|s| {
            w.metrics()
                .series(&format!("StreamName=clicks,ShardId={}", s.id()), "WriteProvisionedThroughputExceeded")
                .map_or(0.0, |m| m.sum())
        })
        .collect()
}

#[test]
fn one_hot_key_throttles_exactly_one_shard_and_random_keys_do_not() {
    let hot = scenario(
        2,
        json!({ "records_per_second": 1500, "record_bytes": 1000, "keys": { "strategy": "hot_key" } }),
        &[],
    );
    let mut w = World::from_scenario(&hot).unwrap();
    w.advance(SimDuration::from_secs(30));
    let throttles = throttles_per_shard(&w);
    assert_eq!(throttles.iter().filter(|&&t| t > 0.0).count(), 1, "exactly one shard throttles: {throttles:?}");
    w.audit_ledger().unwrap();
    assert!(w.ledger().count(Place::Retrying) > 0 || w.ledger().count(Place::Rejected) > 0);
    let report = serde_json::to_value(w.report()).unwrap();
    let hot_shard = (0..2).find(|&i| throttles[i] > 0.0).unwrap();
    let dim = format!("StreamName=clicks,ShardId=shardId-00000000000{hot_shard}");
    assert!(
        report["metrics"][dim.as_str()]["WriteProvisionedThroughputExceeded"]["sum"].as_f64().unwrap() > 0.0,
        "the report shows it"
    );

    let random =
        scenario(2, json!({ "records_per_second": 1500, "record_bytes": 1000, "keys": { "strategy": "random" } }), &[]);
    let mut w = World::from_scenario(&random).unwrap();
    w.advance(SimDuration::from_secs(30));
    assert_eq!(throttles_per_shard(&w), [0.0, 0.0], "random keys spread ~750 records/s per shard: no throttling");
    assert_eq!(w.ledger().count(Place::InShard), 45_000);
}

#[test]
fn kpl_aggregation_turns_a_record_count_throttle_into_none() {
    // 1,200 small records/s on one key: over 1,000 records/s, but only ~120 KB/s.
    let plain =
        scenario(1, json!({ "records_per_second": 1200, "record_bytes": 100, "keys": { "strategy": "hot_key" } }), &[]);
    let mut w = World::from_scenario(&plain).unwrap();
    w.advance(SimDuration::from_secs(10));
    assert!(throttles_per_shard(&w)[0] > 0.0);
    let aggregated = scenario(
        1,
        json!({ "records_per_second": 1200, "record_bytes": 100, "keys": { "strategy": "hot_key" }, "aggregation": true }),
        &[],
    );
    let mut w = World::from_scenario(&aggregated).unwrap();
    w.advance(SimDuration::from_secs(10));
    assert_eq!(throttles_per_shard(&w)[0], 0.0);
    assert_eq!(w.ledger().count(Place::InShard), 12_000, "the ledger counts user records");
}

#[test]
fn consumers_read_what_was_written() {
    let s = scenario(
        2,
        json!({ "records_per_second": 200, "record_bytes": 500, "keys": { "strategy": "random" } }),
        &[
            ("polling_consumer", json!({ "poll_interval_ms": 1000 })),
            ("efo_consumer", json!({ "consumer_name": "dashboard" })),
            ("lambda_consumer", json!({ "batch_size": 100 })),
            ("kcl_app", json!({ "workers": 2 })),
        ],
    );
    let mut w = World::from_scenario(&s).unwrap();
    w.advance(SimDuration::from_secs(30));
    let at_30s: Vec<(u64, u64)> =
        w.components().filter_map(|c| c.reader_stats()).map(|s| (s.processed, s.latency_ms_sum)).collect();
    w.advance(SimDuration::from_secs(30));
    let written = w.ledger().count(Place::InShard);
    assert_eq!(written, 12_000);
    for c in w.components().filter_map(|c| c.reader_stats().map(|s| (c.id().to_string(), s.clone()))) {
        let (id, stats) = c;
        assert!(
            stats.processed >= written - 600 && stats.processed <= written,
            "{id} processed {} of {written}",
            stats.processed
        );
    }
    // Over the last 30 s (after the EFO consumer became ACTIVE): EFO is pushed within ~70 ms;
    // polling once a second averages ~500 ms.
    let latency = |i: usize| {
        let s = w.components().nth(i + 1).unwrap().reader_stats().unwrap();
        (s.latency_ms_sum - at_30s[i].1) as f64 / (s.processed - at_30s[i].0) as f64
    };
    assert!(latency(1) < 150.0, "EFO latency {}", latency(1));
    assert!(latency(0) > 300.0, "polling latency {}", latency(0));
}

#[test]
fn a_dead_kcl_worker_s_leases_move_and_records_after_the_checkpoint_are_processed_again() {
    let s = scenario(
        2,
        json!({ "records_per_second": 100, "record_bytes": 200, "keys": { "strategy": "random" } }),
        &[("kcl_app", json!({ "workers": 2, "checkpoint_every": 500, "failover_ms": 10000 }))],
    );
    let mut w = World::from_scenario(&s).unwrap();
    w.advance(SimDuration::from_millis(20_500));
    let Some(Component::KclApp(app)) = w.component("consumer0") else { panic!() };
    let owners: Vec<Option<usize>> = app.leases.values().map(|l| l.owner).collect();
    assert_eq!(owners, [Some(0), Some(1)], "one lease per worker");
    assert_eq!(app.stats.duplicates, 0);
    assert!(w.kill_kcl_worker("consumer0", 0));
    assert!(!w.kill_kcl_worker("consumer0", 0), "a dead worker cannot die twice");
    w.advance(SimDuration::from_secs(30));
    let Some(Component::KclApp(app)) = w.component("consumer0") else { panic!() };
    assert!(app.leases.values().all(|l| l.owner == Some(1)), "the live worker holds every lease");
    assert!(app.stats.duplicates > 0, "records after the last checkpoint are processed again");
    let &(shard, from, _) = app.redelivered.first().expect("the failover is remembered");
    let stream = w.kinesis().stream("clicks").unwrap();
    let shard = stream.shard(shard).unwrap();
    let again = shard.log.sequence_at(shard.position_of(from)).unwrap();
    assert_eq!(
        w.trace_record("clicks", again).unwrap().redelivered_by,
        ["consumer0"],
        "the record inspector names the re-delivery"
    );
    assert!(app.stats.processed >= w.ledger().count(Place::InShard) - 200);
    let kinds: Vec<String> =
        w.events_since(0).map(|e| serde_json::to_value(e).unwrap()["kind"].as_str().unwrap().to_string()).collect();
    assert!(kinds.contains(&"worker_died".to_string()) && kinds.contains(&"lease_taken".to_string()));
}

#[test]
fn a_twenty_first_enhanced_fan_out_consumer_is_refused() {
    let consumers: Vec<(&str, serde_json::Value)> =
        (0..21).map(|i| ("efo_consumer", json!({ "consumer_name": format!("c{i}") }))).collect();
    let s = scenario(
        1,
        json!({ "records_per_second": 10, "record_bytes": 100, "keys": { "strategy": "random" } }),
        &consumers,
    );
    let mut w = World::from_scenario(&s).unwrap();
    // Five at a time may be CREATING (5 s each): the first twenty are registered after four
    // rounds, the rest retrying meanwhile.
    w.advance(SimDuration::from_secs(30));
    let refused: Vec<&str> = w
        .components()
        .filter_map(|c| match c {
            Component::EfoConsumer(e) if e.registration_error.is_some() => Some(e.id.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(refused, ["consumer20"]);
}

#[test]
fn same_seed_same_run_and_the_books_always_balance() {
    let build = |seed: u64| {
        let mut s = scenario(
            3,
            json!({ "records_per_second": 2500, "record_bytes": 300, "keys": { "strategy": "distinct", "count": 5 } }),
            &[("kcl_app", json!({ "workers": 2 }))],
        );
        s.seed = seed;
        let mut w = World::from_scenario(&s).unwrap();
        for _ in 0..20 {
            w.advance(SimDuration::from_millis(733));
            w.audit_ledger().unwrap();
        }
        serde_json::to_string(&w.report()).unwrap()
    };
    assert_eq!(build(1), build(1));
    assert_ne!(build(1), build(2));
}

#[test]
fn wires_aws_does_not_allow_are_refused_when_loading() {
    let text = json!({ "version": 1, "name": "t", "seed": 1,
        "components": [
            { "id": "p", "kind": "producer", "settings": { "records_per_second": 1, "record_bytes": 10, "keys": { "strategy": "random" } } },
            { "id": "c", "kind": "polling_consumer", "settings": {} } ],
        "wires": [ { "from": "p", "to": "c" } ] })
    .to_string();
    let err = Scenario::from_json(&text).unwrap_err().to_string();
    assert!(err.contains("consumers read from a Kinesis data stream"), "{err}");
    let text = json!({ "version": 1, "name": "t", "seed": 1,
        "components": [ { "id": "s", "kind": "data_stream", "settings": { "stream_name": "s", "shard_count": 0 } } ] })
    .to_string();
    assert!(Scenario::from_json(&text).unwrap_err().to_string().contains("1–10000 shards"));
}

#[test]
fn on_demand_grows_to_twice_its_peak_but_a_sudden_jump_still_throttles() {
    let text = |rate: u32| {
        json!({ "version": 1, "name": "od", "seed": 3,
            "components": [
                { "id": "p", "kind": "producer", "settings": { "records_per_second": rate, "record_bytes": 200, "keys": { "strategy": "random" } } },
                { "id": "s", "kind": "data_stream", "settings": { "stream_name": "od", "mode": "ON_DEMAND" } } ],
            "wires": [ { "from": "p", "to": "s" } ] })
        .to_string()
    };
    // 3,000 records/s fit the 4 shards a stream starts with; that peak counts as the
    // previous peak 15 minutes on, and the stream then makes room for double it.
    let mut w = World::from_scenario(&Scenario::from_json(&text(3_000)).unwrap()).unwrap();
    w.advance(SimDuration::from_secs(180));
    assert_eq!(w.kinesis().stream("od").unwrap().open_shard_count(), 4, "3 minutes in");
    w.advance(SimDuration::from_secs(14 * 60));
    let open = w.kinesis().stream("od").unwrap().open_shard_count();
    assert_eq!(open, 6, "3,000 records/s peak → room for 6,000 records/s");
    assert_eq!(throttles(&w, "od"), 0.0);
    w.audit_ledger().unwrap();

    // A jump straight to 20,000 records/s is far past double the peak: it throttles.
    let mut w = World::from_scenario(&Scenario::from_json(&text(20_000)).unwrap()).unwrap();
    w.advance(SimDuration::from_secs(30));
    assert!(throttles(&w, "od") > 0.0);
}

fn throttles(w: &World, stream: &str) -> f64 {
    w.metrics().series(&format!("StreamName={stream}"), "WriteProvisionedThroughputExceeded").map_or(0.0, |m| m.sum())
}

#[test]
fn a_throttled_record_gets_the_sdks_three_attempts() {
    // A record of 1 MiB plus its key never fits a shard's 1 MiB/s: every attempt is
    // throttled. The SDKs' standard retry mode makes 3 attempts in all (AWS SDKs and Tools
    // reference, "Retry behavior"), each retry after at most min(20 s, 100 ms × 2^(n − 1)).
    let producer = json!({ "records_per_second": 1, "record_bytes": 1_048_576, "keys": { "strategy": "hot_key" } });
    let s = scenario(1, producer, &[]);
    let mut w = World::from_scenario(&s).unwrap();
    w.advance(SimDuration::from_millis(10_500));
    let Some(Component::Producer(p)) = w.component("producer") else { panic!("no producer") };
    assert_eq!(p.retrying(), 0, "every record's retries are over within 300 ms");
    assert!(p.stats.created >= 10);
    assert_eq!(p.stats.failed, p.stats.created, "given up after the last attempt");
    assert_eq!(p.stats.throttled, 3 * p.stats.failed, "3 attempts each");
    assert_eq!(w.ledger().count(Place::Rejected), p.stats.created);
    w.audit_ledger().unwrap();
}
