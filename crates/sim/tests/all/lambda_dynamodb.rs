//! A Lambda consumer wired to a DynamoDB table: its function writes every record of each
//! batch as an item, keyed by sequence number; while the table cannot take writes the event
//! source mapping waits and the records stay in the stream.

use shardlab_sim::catalogue::new_component;
use shardlab_sim::pipeline::Component;
use shardlab_sim::scenario::{ComponentKind, WireSpec};
use shardlab_sim::stores::dynamodb::AttributeValue;
use shardlab_sim::wiring::Kind;
use shardlab_sim::{Scenario, SimDuration, World};

fn scenario(with_table: bool) -> Scenario {
    let mut s = Scenario::default();
    for kind in [Kind::Producer, Kind::DataStream, Kind::LambdaConsumer] {
        s.components.push(new_component(&s, kind, 0.0, 0.0));
    }
    if let ComponentKind::Producer(p) = &mut s.components[0].kind {
        p.records_per_second = 20.0;
        p.record_bytes = 200;
    }
    let wire = |from: &str, to: &str| WireSpec { from: from.into(), to: to.into() };
    s.wires = vec![wire("producer", "stream"), wire("stream", "lambda")];
    if with_table {
        s.components.push(new_component(&s, Kind::DynamoDbTable, 0.0, 0.0));
        s.wires.push(wire("lambda", "table"));
    }
    s
}

fn lambda(w: &World) -> &shardlab_sim::pipeline::lambda::LambdaConsumer {
    match w.component("lambda") {
        Some(Component::LambdaConsumer(l)) => l,
        _ => panic!("no lambda"),
    }
}

#[test]
fn every_record_the_function_gets_becomes_an_item() {
    let mut w = World::from_scenario(&scenario(true)).unwrap();
    w.advance(SimDuration::from_secs(30));
    let l = lambda(&w);
    assert!(l.stats.processed > 100, "the function ran: {}", l.stats.processed);
    assert_eq!(l.item_errors, 0, "{:?}", l.last_item_error);
    let table = w.dynamodb().table("table").unwrap();
    assert_eq!(table.item_count() as u64, l.stats.processed, "one item per record read");
    assert_eq!(l.items_written, l.stats.processed);
    // Each item holds its record: the data as the producer sent it, keyed by sequence number.
    let stream = w.kinesis().stream("stream").unwrap();
    for shard in &stream.shards {
        for r in shard.log.records(0, 5) {
            let key = [("key".to_string(), AttributeValue::s(r.sequence_number.to_string()))].into_iter().collect();
            let item = table.get_item(&key).unwrap().unwrap_or_else(|| panic!("no item for {}", r.sequence_number));
            let data = String::from_utf8(r.data.render(&r.partition_key)).unwrap();
            assert_eq!(item["data"], AttributeValue::s(data));
            assert_eq!(item["partitionKey"], AttributeValue::s(r.partition_key.to_string()));
        }
    }
    w.audit_ledger().unwrap();
}

#[test]
fn while_the_table_is_being_created_the_records_wait_in_the_stream() {
    let mut w = World::from_scenario(&scenario(false)).unwrap();
    w.advance(SimDuration::from_secs(10));
    let read_before = lambda(&w).stats.processed;
    assert!(read_before > 0);
    // The table is placed while the stream runs: CREATING for a few seconds.
    w.sync(&scenario(true)).unwrap();
    w.advance(SimDuration::from_secs(2));
    assert_eq!(lambda(&w).stats.processed, read_before, "no batch while the table is CREATING");
    w.advance(SimDuration::from_secs(30));
    let l = lambda(&w);
    assert!(l.stats.processed > read_before);
    assert_eq!(
        w.dynamodb().table("table").unwrap().item_count() as u64,
        l.stats.processed - read_before,
        "nothing read after the wire was lost"
    );
    w.audit_ledger().unwrap();
}
