//! KPL aggregation as AWS has it: the KPL packs only user records it predicts for the same
//! shard, so each key's records stay on its shard and in order; Firehose reading the stream
//! de-aggregates them; a Lambda function gets each aggregate as one record unless it
//! de-aggregates.

use shardlab_sim::catalogue::new_component;
use shardlab_sim::pipeline::payload::Payload;
use shardlab_sim::pipeline::settings::KeyStrategy;
use shardlab_sim::pipeline::Component;
use shardlab_sim::scenario::{ComponentKind, WireSpec};
use shardlab_sim::wiring::Kind;
use shardlab_sim::{Place, Scenario, SimDuration, World};
use std::collections::BTreeMap;

const SHARDS: u32 = 4;

/// An aggregating producer with many keys → a stream of 4 shards → `reader`.
fn scenario(reader: Option<Kind>) -> Scenario {
    let mut s = Scenario::default();
    for kind in [Kind::Producer, Kind::DataStream].into_iter().chain(reader) {
        s.components.push(new_component(&s, kind, 0.0, 0.0));
    }
    for c in &mut s.components {
        match &mut c.kind {
            ComponentKind::Producer(p) => {
                p.records_per_second = 400.0;
                p.record_bytes = 300;
                p.keys = KeyStrategy::Random;
                p.aggregation = true;
            }
            ComponentKind::DataStream(d) => d.shard_count = SHARDS,
            ComponentKind::Firehose(f) => f.buffer_interval_s = 60,
            _ => {}
        }
    }
    let wire = |from: &str, to: &str| WireSpec { from: from.into(), to: to.into() };
    s.wires.push(wire("producer", "stream"));
    match reader {
        Some(Kind::Firehose) => {
            s.wires.push(wire("stream", "firehose"));
            s.components.push(new_component(&s, Kind::S3Bucket, 0.0, 0.0));
            s.wires.push(wire("firehose", "bucket"));
        }
        Some(Kind::LambdaConsumer) => {
            s.wires.push(wire("stream", "lambda"));
            s.components.push(new_component(&s, Kind::DynamoDbTable, 0.0, 0.0));
            s.wires.push(wire("lambda", "table"));
        }
        _ => {}
    }
    s
}

#[test]
fn an_aggregate_holds_only_user_records_of_its_shard_in_each_keys_order() {
    let mut w = World::from_scenario(&scenario(None)).unwrap();
    w.advance(SimDuration::from_secs(20));
    w.audit_ledger().unwrap();
    let stream = w.kinesis().stream("stream").unwrap();
    let (mut aggregates, mut users) = (0, 0u64);
    // Per key, the numbers of its records in the order the stream holds them.
    let mut order: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for shard in &stream.shards {
        for r in &shard.log.records(0, shard.log.len()) {
            users += u64::from(r.user_records);
            let Payload::Aggregated(a) = &r.data else { continue };
            aggregates += 1;
            assert_eq!(a.records.len() as u32, r.user_records);
            assert!(r.data.len() <= 51_200, "the KPL's AggregationMaxSize");
            for &(key, n) in &a.records {
                let key = &a.keys[key as usize];
                let hash = shardlab_sim::kinesis::hash_key::hash_partition_key(key);
                assert!(shard.range.contains(hash), "{key} belongs to another shard than {}", shard.id());
                order.entry(key.to_string()).or_default().push(n);
            }
        }
    }
    assert!(aggregates > SHARDS as usize, "records were aggregated: {aggregates}");
    assert!(users > 5 * aggregates as u64, "{users} user records in {aggregates} Kinesis records");
    for (key, numbers) in order {
        assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{key}'s records out of order: {numbers:?}");
    }
}

#[test]
fn firehose_de_aggregates_what_it_reads_from_the_stream() {
    let mut w = World::from_scenario(&scenario(Some(Kind::Firehose))).unwrap();
    w.advance(SimDuration::from_secs(30));
    // Stop producing, then let Firehose read everything and its buffer flush.
    let mut quiet = scenario(Some(Kind::Firehose));
    if let ComponentKind::Producer(p) = &mut quiet.components[0].kind {
        p.records_per_second = 0.0;
    }
    w.sync(&quiet).unwrap();
    // Two 60 s buffer intervals.
    w.advance(SimDuration::from_secs(150));
    w.audit_ledger().unwrap();
    // Firehose, the stream's only reader, read each shard from where the shard was when it
    // began to its end: the last OutgoingRecords records of each shard.
    let stream = w.kinesis().stream("stream").unwrap();
    let mut read = Vec::new();
    for shard in &stream.shards {
        let dimension = shardlab_sim::metrics::shard_dimension("stream", &shard.id());
        let n = w.metrics().series(&dimension, "OutgoingRecords").map_or(0.0, |s| s.sum()) as usize;
        assert!(n > 0 && n <= shard.log.len());
        read.extend(shard.log.records(shard.log.len() - n, n));
    }
    let user_records: u64 = read.iter().map(|r| u64::from(r.user_records)).sum();
    assert!(user_records > 5 * read.len() as u64, "{user_records} user records in {} Kinesis records", read.len());
    assert_eq!(
        w.firehose().streams["firehose"].stats.incoming_records,
        user_records,
        "one Firehose record per user record"
    );
    assert_eq!(w.ledger().count(Place::DeliveredToS3), user_records);
    // Each line of the objects is one user record, as the producer made it.
    let lines: usize = w.s3().buckets["lab-bucket"]
        .objects
        .values()
        .map(|o| String::from_utf8_lossy(&o.body()).matches("\"event_id\":").count())
        .sum();
    assert_eq!(lines as u64, user_records);
}

fn lambda(w: &World) -> &shardlab_sim::pipeline::lambda::LambdaConsumer {
    match w.component("lambda") {
        Some(Component::LambdaConsumer(l)) => l,
        _ => panic!("no lambda"),
    }
}

#[test]
fn a_lambda_function_gets_aggregates_unless_it_de_aggregates_them() {
    let run = |deaggregate: bool| {
        let mut s = scenario(Some(Kind::LambdaConsumer));
        for c in &mut s.components {
            if let ComponentKind::LambdaConsumer(l) = &mut c.kind {
                l.deaggregate = deaggregate;
            }
        }
        let mut w = World::from_scenario(&s).unwrap();
        w.advance(SimDuration::from_secs(30));
        w.audit_ledger().unwrap();
        w
    };
    let plain = run(false);
    let l = lambda(&plain);
    assert!(l.kinesis_records > 0);
    assert_eq!(l.stats.processed, l.kinesis_records, "each aggregate is one record of the event");
    let table = plain.dynamodb().table("table").unwrap();
    assert_eq!(table.item_count() as u64, l.kinesis_records);
    let magic = table.items().filter(|i| format!("{:?}", i["data"]).contains('\u{FFFD}')).count();
    assert!(magic > 0, "the aggregates' bytes reach the function as they are");

    let de = run(true);
    let l = lambda(&de);
    assert!(
        l.stats.processed > 5 * l.kinesis_records,
        "{} user records in {} records",
        l.stats.processed,
        l.kinesis_records
    );
    let table = de.dynamodb().table("table").unwrap();
    assert_eq!(table.item_count() as u64, l.stats.processed, "one item per user record (SEQUENCE.SUB keys)");
    assert!(table.items().all(|i| format!("{:?}", i["data"]).contains("event_id")));
}
