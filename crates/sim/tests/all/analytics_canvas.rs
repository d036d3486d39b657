//! An Analytics application on the canvas: a clickstream producer → a data stream → the
//! application (page views per page per minute) → a Firehose into S3, a second stream and a
//! Lambda function. The rows it emits are checked against the records the source stream
//! holds, counted again here; what it writes is checked where it lands; the books are
//! audited.

use shardlab_sim::analytics::application::{Application, Status};
use shardlab_sim::analytics::types::Value;
use shardlab_sim::catalogue::new_component;
use shardlab_sim::pipeline::analytics_settings::Dialect;
use shardlab_sim::scenario::{ComponentKind, WireSpec};
use shardlab_sim::wiring::{Kind, Refusal};
use shardlab_sim::{Scenario, ScenarioError, SimDuration, World};
use std::collections::BTreeMap;

/// producer → stream → sql-app → firehose → bucket; sql-app → stream-2; sql-app → lambda.
fn scenario() -> Scenario {
    let mut s = Scenario::default();
    for kind in [
        Kind::Producer,
        Kind::DataStream,
        Kind::AnalyticsApp,
        Kind::Firehose,
        Kind::S3Bucket,
        Kind::DataStream,
        Kind::LambdaConsumer,
    ] {
        s.components.push(new_component(&s, kind, 0.0, 0.0));
    }
    if let ComponentKind::Producer(p) = &mut s.components[0].kind {
        p.records_per_second = 40.0;
        p.record_bytes = 200;
    }
    if let ComponentKind::Firehose(f) = &mut s.components[3].kind {
        f.buffer_interval_s = 60;
    }
    let wire = |from: &str, to: &str| WireSpec { from: from.into(), to: to.into() };
    s.wires = vec![
        wire("producer", "stream"),
        wire("stream", "sql-app"),
        wire("sql-app", "firehose"),
        wire("firehose", "bucket"),
        wire("sql-app", "stream-2"),
        wire("sql-app", "lambda"),
    ];
    s
}

fn app(w: &World) -> &Application {
    w.application("sql-app").expect("the application runs")
}

fn edit(s: &mut Scenario, id: &str, f: impl FnOnce(&mut ComponentKind)) {
    f(&mut s.components.iter_mut().find(|c| c.id == id).unwrap().kind);
}

fn text(v: &Value) -> String {
    v.to_json().as_str().map(str::to_string).unwrap_or_else(|| v.to_json().to_string())
}

/// The source stream's records per (minute start, page), counted from the shards by their
/// arrival time: what "page views per page per minute" must say.
fn views_in_stream(w: &World) -> BTreeMap<(String, String), i64> {
    let start = w.scenario().start_epoch_ms as i64;
    let mut counts = BTreeMap::new();
    for shard in &w.kinesis().stream("stream").unwrap().shards {
        for r in &shard.log.records(0, shard.log.len()) {
            let data: serde_json::Value = serde_json::from_slice(&r.data.render(&r.partition_key)).unwrap();
            let ms = start + r.arrival.as_millis() as i64;
            let minute = text(&Value::Timestamp(ms - ms.rem_euclid(60_000)));
            *counts.entry((minute, data["page"].as_str().unwrap().to_string())).or_insert(0) += 1;
        }
    }
    counts
}

#[test]
fn each_closed_minute_s_row_counts_exactly_the_records_of_its_page_and_minute() {
    let mut w = World::from_scenario(&scenario()).unwrap();
    for _ in 0..(4 * 60 / 5) {
        w.advance(SimDuration::from_secs(5));
        w.audit_ledger().unwrap();
    }
    let a = app(&w);
    assert_eq!(a.status, Status::Running);
    let in_stream = views_in_stream(&w);
    let rows: Vec<_> = a.results.latest().collect();
    assert!(rows.len() >= 3 * 5, "three closed minutes of five pages: {} rows", rows.len());
    for row in &rows {
        let get = |name: &str| row.iter().find(|(n, _)| n == name).map(|(_, v)| text(v)).unwrap();
        let key = (get("window_start"), get("page"));
        assert_eq!(get("page_views").parse::<i64>().unwrap(), in_stream[&key], "{key:?}");
    }
    assert_eq!(a.query().unwrap().late_rows(), 0, "arrival times only grow");
    assert_eq!(a.unreadable, 0);
    assert!(a.query().unwrap().watermark().is_some());
}

#[test]
fn result_rows_land_in_every_output_as_json_records() {
    let mut w = World::from_scenario(&scenario()).unwrap();
    w.advance(SimDuration::from_secs(4 * 60));
    let emitted = app(&w).results.emitted;
    assert!(emitted > 0);
    // The second stream holds one record per row.
    let out: Vec<serde_json::Value> = w
        .kinesis()
        .stream("stream-2")
        .unwrap()
        .shards
        .iter()
        .flat_map(|s| s.log.records(0, s.log.len()))
        .map(|r| serde_json::from_slice(&r.data.render(&r.partition_key)).unwrap())
        .collect();
    assert_eq!(out.len() as u64, emitted);
    let keys: Vec<&String> = out[0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["window_start", "window_end", "page", "page_views"], "columns in SELECT order");
    // Firehose delivered them to the bucket as JSON lines.
    let bucket = &w.stores().s3.buckets["lab-bucket"];
    let delivered: usize =
        bucket.objects.values().map(|o| String::from_utf8_lossy(&o.body()).matches("\"page_views\"").count()).sum();
    assert!(delivered > 0 && delivered as u64 <= emitted, "{delivered} of {emitted}");
    // The function was invoked with the rows.
    let lambda = w
        .components()
        .find_map(|c| match c {
            shardlab_sim::pipeline::Component::LambdaConsumer(l) if l.id == "lambda" => Some(l),
            _ => None,
        })
        .unwrap();
    assert!(lambda.invocations > 0);
    assert_eq!(lambda.stats.processed, emitted);
    w.audit_ledger().unwrap();
}

#[test]
fn a_query_that_cannot_run_stops_the_application_and_the_pipeline_runs_on() {
    let mut s = scenario();
    edit(&mut s, "sql-app", |k| {
        if let ComponentKind::AnalyticsApp(a) = k {
            a.sql = a.sql.replace("COUNT(*)", "COUNT(*,");
        }
    });
    let mut w = World::from_scenario(&s).unwrap();
    w.advance(SimDuration::from_secs(30));
    let Status::Stopped(e) = &app(&w).status else { panic!("{:?}", app(&w).status) };
    assert_eq!(e.line, 11, "{e}");
    assert!(e.message.contains("expected"), "{e}");
    assert!(w.kinesis().stream("stream").unwrap().shards.iter().map(|s| s.log.len()).sum::<usize>() > 0);
    // Fixing it starts the application; it reads the stream from where it is.
    let mut fixed = s.clone();
    edit(&mut fixed, "sql-app", |k| {
        if let ComponentKind::AnalyticsApp(a) = k {
            a.sql = a.sql.replace("COUNT(*,", "COUNT(*)");
        }
    });
    w.sync(&fixed).unwrap();
    assert_eq!(app(&w).status, Status::Running);
    w.advance(SimDuration::from_secs(120));
    assert!(app(&w).results.emitted > 0);
    w.audit_ledger().unwrap();
}

#[test]
fn the_legacy_dialect_discovers_the_schema_from_the_first_records() {
    let mut s = scenario();
    edit(&mut s, "sql-app", |k| {
        if let ComponentKind::AnalyticsApp(a) = k {
            let t = shardlab_sim::analytics::templates::template("legacy-pump").unwrap();
            a.dialect = Dialect::Legacy;
            a.sql = t.sql.to_string();
        }
    });
    let mut w = World::from_scenario(&s).unwrap();
    assert_eq!(app(&w).status, Status::Discovering);
    w.advance(SimDuration::from_secs(3 * 60));
    let a = app(&w);
    assert_eq!(a.status, Status::Running);
    let names: Vec<&str> = a.discovered.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(&names[..4], ["event_id", "user", "page", "action"]);
    let rows: Vec<_> = a.results.latest().collect();
    assert!(!rows.is_empty());
    assert_eq!(rows[0].iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["window_start", "page", "page_views"]);
}

#[test]
fn an_application_reads_a_delivery_stream_from_when_it_starts_and_the_records_still_reach_s3() {
    // producer → firehose → bucket; firehose → sql-app (the legacy dialect's Firehose source).
    let mut s = Scenario::default();
    for kind in [Kind::Producer, Kind::Firehose, Kind::S3Bucket, Kind::AnalyticsApp] {
        s.components.push(new_component(&s, kind, 0.0, 0.0));
    }
    if let ComponentKind::Producer(p) = &mut s.components[0].kind {
        p.records_per_second = 20.0;
        p.record_bytes = 200;
    }
    if let ComponentKind::Firehose(f) = &mut s.components[1].kind {
        f.buffer_interval_s = 60;
    }
    let wire = |from: &str, to: &str| WireSpec { from: from.into(), to: to.into() };
    s.wires = vec![wire("producer", "firehose"), wire("firehose", "bucket"), wire("firehose", "sql-app")];
    let mut w = World::from_scenario(&s).unwrap();
    for _ in 0..(3 * 60 / 5) {
        w.advance(SimDuration::from_secs(5));
        w.audit_ledger().unwrap();
    }
    let a = app(&w);
    assert_eq!(a.status, Status::Running);
    let rows: Vec<_> = a.results.latest().collect();
    assert!(rows.len() >= 5, "{} rows", rows.len());
    let taken_in = w.firehose().streams["firehose"].stats.incoming_records;
    let read = a.query().unwrap().rows_read();
    assert!(read > 0 && read <= taken_in, "the application read {read} of the {taken_in} records taken in");
    let delivered: usize = w.stores().s3.buckets["lab-bucket"].objects.values().map(|o| o.len()).sum();
    assert!(delivered > 0, "the records still reach the destination");
    // Rewired away, the delivery stream stops keeping copies for it.
    let mut rewired = s.clone();
    rewired.wires.retain(|w| w.to != "sql-app");
    w.sync(&rewired).unwrap();
    w.advance(SimDuration::from_secs(30));
    assert!(w.firehose().streams["firehose"].readers.is_empty());
}

#[test]
fn only_the_wires_aws_allows_are_taken() {
    let s = scenario();
    assert_eq!(s.wire_verdict("producer", "sql-app"), Some(Err(Refusal::ApplicationReadsAStream)));
    assert_eq!(s.wire_verdict("sql-app", "bucket"), Some(Err(Refusal::ApplicationWritesToStreamFirehoseOrLambda)));
    assert_eq!(s.wire_verdict("stream-2", "sql-app"), Some(Err(Refusal::OneApplicationSource)));
    assert_eq!(s.wire_verdict("stream", "lambda"), Some(Err(Refusal::OneFunctionSource)));
    let mut s = scenario();
    s.wires.push(WireSpec { from: "sql-app".into(), to: "bucket".into() });
    assert!(matches!(
        World::from_scenario(&s).err().unwrap(),
        ScenarioError::WireRefused { reason: Refusal::ApplicationWritesToStreamFirehoseOrLambda, .. }
    ));
}

#[test]
fn the_same_run_gives_the_same_rows_however_time_is_sliced() {
    let run = |step_ms: u64| {
        let mut w = World::from_scenario(&scenario()).unwrap();
        let mut t = 0;
        while t < 150_000 {
            w.advance(SimDuration::from_millis(step_ms));
            t += step_ms;
        }
        app(&w).results.latest().map(|r| format!("{r:?}")).collect::<Vec<_>>()
    };
    let whole = run(150_000);
    assert!(!whole.is_empty());
    assert_eq!(whole, run(16));
    assert_eq!(whole, run(1_000));
}
