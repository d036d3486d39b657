//! Editing a running world as the canvas does: through `World::sync` with the edited scenario.

use shardlab_sim::catalogue::new_component;
use shardlab_sim::scenario::{ComponentKind, WireSpec};
use shardlab_sim::wiring::Kind;
use shardlab_sim::{Place, Scenario, SimDuration, World};

fn wire(from: &str, to: &str) -> WireSpec {
    WireSpec { from: from.into(), to: to.into() }
}

#[test]
fn placing_and_wiring_a_producer_and_a_stream_makes_records_flow() {
    let mut doc = Scenario::default();
    let mut w = World::from_scenario(&doc).unwrap();
    doc.components.push(new_component(&doc, Kind::Producer, 0.0, 0.0));
    doc.components.push(new_component(&doc, Kind::DataStream, 200.0, 0.0));
    w.sync(&doc).unwrap();
    assert_eq!(w.kinesis().stream("stream").unwrap().status, shardlab_sim::kinesis::stream::StreamStatus::Creating);
    doc.wires.push(wire("producer", "stream"));
    w.sync(&doc).unwrap();
    w.advance(SimDuration::from_secs(20));
    assert!(w.ledger().count(Place::InShard) > 1_000, "{:?}", w.ledger());
    w.audit_ledger().unwrap();

    // Raise the rate past one shard's 1,000 records/s: the producer throttles.
    if let ComponentKind::Producer(p) = &mut doc.components[0].kind {
        p.records_per_second = 1_500.0;
    }
    w.sync(&doc).unwrap();
    w.advance(SimDuration::from_secs(10));
    let throttled =
        w.metrics().series("StreamName=stream", "WriteProvisionedThroughputExceeded").map_or(0.0, |s| s.sum());
    assert!(throttled > 0.0);

    // Two shards through UpdateShardCount: the stream is UPDATING, then has two open shards.
    if let ComponentKind::DataStream(s) = &mut doc.components[1].kind {
        s.shard_count = 2;
    }
    w.sync(&doc).unwrap();
    w.advance(SimDuration::from_secs(10));
    assert_eq!(w.kinesis().stream("stream").unwrap().open_shard_count(), 2);

    // Removing the stream deletes it; the producer, unwired, stops writing.
    doc.wires.clear();
    doc.components.remove(1);
    w.sync(&doc).unwrap();
    w.advance(SimDuration::from_secs(10));
    assert!(w.kinesis().stream("stream").is_err());
    w.audit_ledger().unwrap();
}

#[test]
fn an_edit_aws_would_refuse_is_refused_whole() {
    let mut doc = Scenario::default();
    doc.components.push(new_component(&doc, Kind::DataStream, 0.0, 0.0));
    let mut w = World::from_scenario(&doc).unwrap();
    let mut bad = doc.clone();
    if let ComponentKind::DataStream(s) = &mut bad.components[0].kind {
        s.shard_count = 5;
    }
    let err = w.sync(&bad).unwrap_err().to_string();
    assert!(err.contains("between half") && err.contains("double"), "{err}");
    assert_eq!(w.scenario(), &doc, "the world keeps the scenario it had");
    let mut renamed = doc.clone();
    if let ComponentKind::DataStream(s) = &mut renamed.components[0].kind {
        s.stream_name = "other".into();
    }
    assert!(w.sync(&renamed).unwrap_err().to_string().contains("cannot be renamed"));
}

#[test]
fn streams_made_in_the_console_join_the_canvas() {
    let doc = Scenario::default();
    let mut w = World::from_scenario(&doc).unwrap();
    w.call("kinesis", "CreateStream", serde_json::json!({ "StreamName": "from-console", "ShardCount": 2 })).unwrap();
    let adopted = w.adopt_api_streams(&doc);
    assert_eq!(adopted.components.len(), 1);
    assert!(
        matches!(&adopted.components[0].kind, ComponentKind::DataStream(s) if s.stream_name == "from-console" && s.shard_count == 2)
    );
    w.sync(&adopted).unwrap();
    w.call("kinesis", "DeleteStream", serde_json::json!({ "StreamName": "from-console" })).unwrap();
    w.advance(SimDuration::from_secs(10));
    assert!(w.adopt_api_streams(&adopted).components.is_empty(), "a deleted stream leaves the canvas");
}
