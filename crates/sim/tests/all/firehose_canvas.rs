//! Firehose components on the canvas: a scenario's producer → Firehose (→ transform) →
//! destination runs through the same service the API does; edits keep what is buffered;
//! the wires AWS would not allow are refused; the prepared side-by-side lesson shows real
//! time against near real time, and replay against nothing to replay.

use shardlab_sim::catalogue::new_component;
use shardlab_sim::lessons::streams_vs_firehose;
use shardlab_sim::metrics::LATENCY_METRIC;
use shardlab_sim::pipeline::consumer_dimension;
use shardlab_sim::scenario::{ComponentKind, WireSpec};
use shardlab_sim::wiring::{Kind, Refusal};
use shardlab_sim::world::Replay;
use shardlab_sim::{Place, Scenario, ScenarioError, SimDuration, World};

fn pipeline(transform: Option<&str>) -> Scenario {
    let mut s = Scenario::default();
    for kind in [Kind::Producer, Kind::Firehose, Kind::S3Bucket, Kind::FirehoseTransform] {
        let c = new_component(&s, kind, 0.0, 0.0);
        s.components.push(c);
    }
    for c in &mut s.components {
        match &mut c.kind {
            ComponentKind::Producer(p) => p.records_per_second = 30.0,
            ComponentKind::Firehose(f) => f.buffer_interval_s = 60,
            ComponentKind::FirehoseTransform(t) => {
                t.code = shardlab_sim::firehose::transform::template(transform.unwrap_or("add-field")).unwrap().into();
                t.buffer_interval_s = 10;
            }
            _ => {}
        }
    }
    s.wires.push(WireSpec { from: "producer".into(), to: "firehose".into() });
    s.wires.push(WireSpec { from: "firehose".into(), to: "bucket".into() });
    if transform.is_some() {
        s.wires.push(WireSpec { from: "firehose".into(), to: "transform".into() });
    }
    s
}

fn objects(w: &World, bucket: &str) -> Vec<(String, String)> {
    w.s3().buckets[bucket]
        .objects
        .iter()
        .map(|(k, o)| (k.clone(), String::from_utf8_lossy(&o.body()).into_owned()))
        .collect()
}

#[test]
fn a_producer_wired_to_firehose_and_s3_delivers_on_the_interval() {
    let mut w = World::from_scenario(&pipeline(None)).unwrap();
    w.advance(SimDuration::from_secs(59));
    assert!(objects(&w, "lab-bucket").is_empty(), "nothing before the 60 s interval");
    w.advance(SimDuration::from_secs(2));
    let objects = objects(&w, "lab-bucket");
    assert_eq!(objects.len(), 1);
    assert!(objects[0].0.starts_with("2026/01/01/00/firehose-1-2026-01-01-00-00-00-"), "{}", objects[0].0);
    let delivered = w.ledger().count(Place::DeliveredToS3);
    assert!((1_700..=1_800).contains(&delivered), "about 60 s × 30 records: {delivered}");
    w.audit_ledger().unwrap();
}

#[test]
fn the_transform_on_the_canvas_changes_what_lands_in_s3_and_drops_are_booked() {
    let mut w = World::from_scenario(&pipeline(Some("add-field"))).unwrap();
    w.advance(SimDuration::from_secs(80));
    let (_, body) = objects(&w, "lab-bucket").remove(0);
    assert!(body.lines().all(|l| l.contains("\"processed\":true")), "{}", &body[..200]);

    let mut w = World::from_scenario(&pipeline(Some("drop-every-3rd"))).unwrap();
    w.advance(SimDuration::from_secs(300));
    let (delivered, dropped) = (w.ledger().count(Place::DeliveredToS3), w.ledger().count(Place::DroppedByTransform));
    assert!(dropped > 0 && delivered > 0);
    w.audit_ledger().unwrap();
}

#[test]
fn new_code_for_the_transform_applies_to_the_next_invocation() {
    let s = pipeline(Some("add-field"));
    let mut w = World::from_scenario(&s).unwrap();
    w.advance(SimDuration::from_secs(5));
    let mut edited = s.clone();
    if let ComponentKind::FirehoseTransform(t) = &mut edited.components[3].kind {
        t.code = shardlab_sim::firehose::transform::template("drop-every-3rd").unwrap().into();
    }
    w.sync(&edited).unwrap();
    w.advance(SimDuration::from_secs(120));
    assert!(w.ledger().count(Place::DroppedByTransform) > 0, "the new code ran");
    w.audit_ledger().unwrap();
}

#[test]
fn editing_the_buffer_keeps_what_it_holds_and_removing_the_bucket_makes_delivery_retry() {
    let s = pipeline(None);
    let mut w = World::from_scenario(&s).unwrap();
    w.advance(SimDuration::from_secs(30));
    let buffered = w.ledger().count(Place::InDeliveryBuffer);
    assert!(buffered > 0);
    let mut edited = s.clone();
    if let ComponentKind::Firehose(f) = &mut edited.components[1].kind {
        f.buffer_interval_s = 120;
    }
    w.sync(&edited).unwrap();
    assert_eq!(w.ledger().count(Place::InDeliveryBuffer), buffered, "an edit loses nothing");
    w.advance(SimDuration::from_secs(40));
    assert_eq!(w.ledger().count(Place::DeliveredToS3), 0, "the new 120 s interval applies");

    let mut no_bucket = edited.clone();
    no_bucket.components.retain(|c| c.id != "bucket");
    no_bucket.wires.retain(|w| w.to != "bucket");
    w.sync(&no_bucket).unwrap();
    assert!(w.s3().buckets.is_empty(), "removing the bucket component deletes the bucket");
    w.advance(SimDuration::from_millis(1));
    assert_eq!(w.firehose().streams.len(), 0, "a delivery stream without a destination is deleted");
    w.audit_ledger().unwrap();
}

#[test]
fn firehose_wires_follow_aws() {
    let mut s = pipeline(None);
    let second = new_component(&s, Kind::S3Bucket, 0.0, 0.0);
    s.wires.push(WireSpec { from: "firehose".into(), to: second.id.clone() });
    s.components.push(second);
    assert!(matches!(s.validate(), Err(ScenarioError::WireRefused { reason: Refusal::OneDestination, .. })));

    let mut s = pipeline(None);
    let stream = new_component(&s, Kind::DataStream, 0.0, 0.0);
    s.wires.push(WireSpec { from: stream.id.clone(), to: "firehose".into() });
    s.components.push(stream);
    assert!(matches!(s.validate(), Err(ScenarioError::WireRefused { reason: Refusal::OneSource, .. })));
}

#[test]
fn a_data_stream_wired_to_firehose_is_read_as_a_consumer() {
    let mut s = pipeline(None);
    let mut stream = new_component(&s, Kind::DataStream, 0.0, 0.0);
    if let ComponentKind::DataStream(d) = &mut stream.kind {
        d.shard_count = 4;
    }
    if let ComponentKind::Producer(p) = &mut s.components[0].kind {
        p.records_per_second = 2_000.0;
    }
    s.wires.retain(|w| w.from != "producer");
    s.wires.push(WireSpec { from: "producer".into(), to: stream.id.clone() });
    s.wires.push(WireSpec { from: stream.id.clone(), to: "firehose".into() });
    s.components.push(stream);
    let mut w = World::from_scenario(&s).unwrap();
    // It starts reading at the stream's tip about a second in: the first flush is at ~61 s.
    w.advance(SimDuration::from_secs(70));
    let outgoing = w.metrics().series("StreamName=stream", "OutgoingRecords").map(|s| s.sum()).unwrap_or(0.0);
    assert!(outgoing > 100_000.0, "Firehose's GetRecords count against the stream: {outgoing}");
    let delivered = w.ledger().count(Place::DeliveredToS3);
    assert!(delivered > 100_000, "{:?}", w.ledger());
    // What it delivered is the stream's records, each once: the object keeps each shard's
    // share of a producer's tick as one run, and opened it holds exactly the bytes the shards
    // give GetRecords.
    let objects = &w.s3().buckets["lab-bucket"].objects;
    let body: Vec<u8> = objects.values().flat_map(|o| o.body().into_owned()).collect();
    let held: usize = objects.values().map(|o| o.held_bytes()).sum();
    assert!(held < 4 * delivered as usize, "objects hold {held} bytes for {delivered} records");
    let shards = &w.kinesis().stream("stream").unwrap().shards;
    let records: Vec<_> = shards.iter().flat_map(|s| s.log.records(0, s.log.len())).collect();
    let made: std::collections::BTreeSet<Vec<u8>> = records.iter().map(|r| r.data.render(&r.partition_key)).collect();
    // Every record has the producer's size: the objects are records of that size, each one
    // of the stream's, none twice, as many as were delivered.
    let size = records[0].data.len();
    assert_eq!(body.len() % size, 0);
    let mut seen = std::collections::BTreeSet::new();
    for record in body.chunks(size) {
        assert!(made.contains(record), "not one of the stream's: {}", String::from_utf8_lossy(record));
        assert!(seen.insert(record), "twice: {}", String::from_utf8_lossy(record));
    }
    assert_eq!(seen.len() as u64, delivered, "every delivered record is one of the stream's");
    w.audit_ledger().unwrap();
}

#[test]
fn the_side_by_side_lesson_shows_real_time_against_the_buffer_interval_and_replay_against_nothing() {
    let mut w = World::from_scenario(&streams_vs_firehose()).unwrap();
    w.advance(SimDuration::from_secs(180));
    let series = |dim: &str| w.metrics().series(dim, LATENCY_METRIC).map(|s| s.max()).unwrap_or(0.0);
    let stream_ms = series(&consumer_dimension("dashboard"));
    let firehose_ms = series("DeliveryStreamName=clicks-to-s3");
    assert!(
        stream_ms > 0.0 && stream_ms < 1_000.0,
        "the stream's consumer sees records in well under a second: {stream_ms}"
    );
    assert!(
        (25_000.0..=31_000.0).contains(&firehose_ms),
        "on average a record waits half the 60 s interval: {firehose_ms}"
    );
    let oldest = w.metrics().series("DeliveryStreamName=clicks-to-s3", "DeliveryToS3.DataFreshness").map(|s| s.max());
    assert_eq!(
        oldest,
        Some(60.0),
        "the oldest record of each delivery waited the whole interval (CloudWatch's DataFreshness)"
    );

    match w.replay("dashboard") {
        Replay::Rewound { records } => assert!(records > 3_000, "{records}"),
        other => panic!("{other:?}"),
    }
    match w.replay("clicks-to-s3") {
        Replay::NothingToReplay { delivered, .. } => assert!(delivered >= 2_000, "{delivered}"),
        other => panic!("{other:?}"),
    }
    w.advance(SimDuration::from_secs(5));
    w.audit_ledger().unwrap();
}

/// A busy producer's records wait in the buffer as how to make them, a few words a record,
/// and land in S3 as runs of its ticks, not their bytes; opened, every object holds each
/// record once, in order.
#[test]
fn generated_records_are_buffered_and_delivered_compactly_and_made_when_opened() {
    let mut s = pipeline(None);
    for c in &mut s.components {
        if let ComponentKind::Producer(p) = &mut c.kind {
            p.records_per_second = 500.0;
            p.record_bytes = 1_000;
        }
    }
    let mut w = World::from_scenario(&s).unwrap();
    w.advance(SimDuration::from_secs(200));
    let buffered = &w.firehose().streams["firehose"].buffer;
    assert!(!buffered.is_empty(), "a buffer filling");
    assert_eq!(buffered.iter().map(|b| b.data.held_bytes()).sum::<usize>(), 0, "no record's bytes are held");
    let bucket = &w.s3().buckets["lab-bucket"];
    let (len, held): (usize, usize) =
        bucket.objects.values().fold((0, 0), |(l, h), o| (l + o.len(), h + o.held_bytes()));
    assert!(len > 50_000_000, "three minutes of 500 KB/s delivered: {len}");
    // A producer's tick is a run of records in an object: under a byte a record.
    let delivered = w.ledger().count(Place::DeliveredToS3) as usize;
    assert!(held < delivered, "objects hold {held} bytes for {delivered} records, {len} bytes");
    // Opened, the objects are the records one after another: numbered in a row from 0,
    // each of its size, as many as the books say were delivered.
    let mut next = 0u64;
    for o in bucket.objects.values() {
        let body = o.body();
        assert_eq!(body.len(), o.len());
        for record in body.chunks(1_000) {
            let text = std::str::from_utf8(record).unwrap();
            assert!(text.starts_with(&format!("{{\"event_id\":{next},")), "record {next}: {}", &text[..40]);
            next += 1;
        }
    }
    assert_eq!(next, w.ledger().count(Place::DeliveredToS3));
    w.audit_ledger().unwrap();
}
