//! Prepared scenarios the page offers in its Scenario menu, each built to show one point of
//! the study notes.

use crate::catalogue::new_component;
use crate::pipeline::settings::PollingConsumerSettings;
use crate::scenario::{ComponentKind, ComponentSpec, Scenario, WireSpec};
use crate::wiring::Kind;

/// The prepared scenarios, by the id the page and the tests name them with.
pub const LESSONS: [&str; 1] = ["streams-vs-firehose"];

pub fn lesson(id: &str) -> Option<Scenario> {
    match id {
        "streams-vs-firehose" => Some(streams_vs_firehose()),
        _ => None,
    }
}

fn place(s: &mut Scenario, kind: Kind, id: &str, label: &str, x: f64, y: f64) -> ComponentSpec {
    let mut c = new_component(s, kind, x, y);
    c.id = id.to_string();
    c.label = label.to_string();
    s.components.push(c.clone());
    c
}

fn wire(s: &mut Scenario, from: &str, to: &str) {
    s.wires.push(WireSpec { from: from.into(), to: to.into() });
}

/// The notes' first exam point, side by side: the same web app writes its clicks to a data
/// stream read by a dashboard (real time, ≈ 200 ms) and, with Direct PUT, to a Firehose
/// delivery stream into S3 (near real time: the 60 s buffer interval). The stream keeps its
/// records and can be replayed; Firehose keeps nothing once delivered.
pub fn streams_vs_firehose() -> Scenario {
    let mut s = Scenario { name: "Data Streams vs Firehose".into(), ..Scenario::default() };
    // Ids, not labels, name the components: they read the same in both of the page's languages.
    for (id, y) in [("app-to-stream", 80.0), ("app-to-firehose", 300.0)] {
        let mut p = place(&mut s, Kind::Producer, id, "", 60.0, y);
        if let ComponentKind::Producer(settings) = &mut p.kind {
            settings.records_per_second = 20.0;
            settings.record_bytes = 300;
        }
        *s.components.last_mut().expect("just placed") = p;
    }
    let stream = place(&mut s, Kind::DataStream, "clicks", "", 340.0, 80.0);
    let mut dashboard = place(&mut s, Kind::PollingConsumer, "dashboard", "", 620.0, 80.0);
    dashboard.kind = ComponentKind::PollingConsumer(PollingConsumerSettings {
        poll_interval_ms: 200,
        batch_limit: 10_000,
        start: Default::default(),
    });
    *s.components.last_mut().expect("just placed") = dashboard;
    let mut firehose = place(&mut s, Kind::Firehose, "clicks-to-s3", "", 340.0, 300.0);
    if let ComponentKind::Firehose(f) = &mut firehose.kind {
        f.delivery_stream_name = "clicks-to-s3".into();
        f.buffer_mib = 1;
        f.buffer_interval_s = 60;
    }
    *s.components.iter_mut().find(|c| c.id == "clicks-to-s3").expect("placed") = firehose;
    place(&mut s, Kind::S3Bucket, "archive", "", 620.0, 300.0);
    wire(&mut s, "app-to-stream", &stream.id);
    wire(&mut s, &stream.id, "dashboard");
    wire(&mut s, "app-to-firehose", "clicks-to-s3");
    wire(&mut s, "clicks-to-s3", "archive");
    s
}
