//! Prepared scenarios the page offers in its Scenario menu, each built to show one point of
//! the study notes.

use crate::catalogue::new_component;
use crate::pipeline::settings::PollingConsumerSettings;
use crate::scenario::{ComponentKind, ComponentSpec, Scenario, WireSpec};
use crate::wiring::Kind;

/// The prepared scenarios, by the id the page and the tests name them with.
pub const LESSONS: [&str; 4] = ["streams-vs-firehose", "clickstream-to-dynamodb", "page-views-sql", "video-retention"];

pub fn lesson(id: &str) -> Option<Scenario> {
    match id {
        "streams-vs-firehose" => Some(streams_vs_firehose()),
        "clickstream-to-dynamodb" => Some(clickstream_to_dynamodb()),
        "page-views-sql" => Some(page_views_sql()),
        "video-retention" => Some(video_retention()),
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

/// The notes' batch pipeline: a web app's clicks go through Firehose into S3 (one object a
/// minute, under the hour's `YYYY/MM/DD/HH/` prefix); an EMR cluster's MapReduce step counts
/// the page views of each hour and writes one item per hour into a DynamoDB table. The
/// cluster takes minutes to start, as EMR's do; run the map step once objects have landed.
/// Firehose writes records back to back, without a delimiter: a Lambda transform gives each
/// record its own line (the `add-field` template), so a line is a record for the job.
pub fn clickstream_to_dynamodb() -> Scenario {
    use crate::emr::builtin_job::BuiltinJob;
    use crate::pipeline::emr_settings::{InputSource, MapStepSettings};
    let mut s = Scenario { name: "Clickstream to DynamoDB with EMR".into(), ..Scenario::default() };
    let mut app = place(&mut s, Kind::Producer, "web-app", "", 40.0, 80.0);
    if let ComponentKind::Producer(p) = &mut app.kind {
        p.records_per_second = 50.0;
        p.record_bytes = 200;
    }
    *s.components.last_mut().expect("just placed") = app;
    let mut firehose = place(&mut s, Kind::Firehose, "clicks-to-s3", "", 260.0, 80.0);
    if let ComponentKind::Firehose(f) = &mut firehose.kind {
        f.delivery_stream_name = "clicks-to-s3".into();
        f.buffer_mib = 1;
        f.buffer_interval_s = 60;
    }
    *s.components.last_mut().expect("just placed") = firehose;
    let mut bucket = place(&mut s, Kind::S3Bucket, "clicks", "", 480.0, 80.0);
    if let ComponentKind::S3Bucket(b) = &mut bucket.kind {
        b.bucket = "lab-clicks".into();
    }
    *s.components.last_mut().expect("just placed") = bucket;
    let mut cluster = place(&mut s, Kind::EmrCluster, "cluster", "", 480.0, 300.0);
    if let ComponentKind::EmrCluster(c) = &mut cluster.kind {
        c.name = "pageviews".into();
    }
    *s.components.last_mut().expect("just placed") = cluster;
    let mut map = place(&mut s, Kind::MapStep, "count-views", "", 700.0, 190.0);
    map.kind = ComponentKind::MapStep(MapStepSettings {
        input_from: InputSource::S3,
        ..MapStepSettings::new(BuiltinJob::PageviewsPerHour)
    });
    *s.components.last_mut().expect("just placed") = map;
    place(&mut s, Kind::ReduceStep, "sum-views", "", 920.0, 190.0);
    let mut table = place(&mut s, Kind::DynamoDbTable, "pageviews", "", 1140.0, 190.0);
    if let ComponentKind::DynamoDbTable(t) = &mut table.kind {
        t.table_name = "pageviews".into();
        t.partition_key = "hour".into();
    }
    *s.components.last_mut().expect("just placed") = table;
    let mut transform = place(&mut s, Kind::FirehoseTransform, "one-per-line", "", 260.0, 300.0);
    if let ComponentKind::FirehoseTransform(t) = &mut transform.kind {
        t.function_name = "one-per-line".into();
    }
    *s.components.last_mut().expect("just placed") = transform;
    wire(&mut s, "web-app", "clicks-to-s3");
    wire(&mut s, "clicks-to-s3", "one-per-line");
    wire(&mut s, "clicks-to-s3", "clicks");
    wire(&mut s, "clicks", "count-views");
    wire(&mut s, "cluster", "count-views");
    wire(&mut s, "count-views", "sum-views");
    wire(&mut s, "sum-views", "pageviews");
    s
}

/// The notes' second exam point: SQL over a stream, a result per window. A web app's clicks
/// go into a data stream; an Analytics application counts page views per page per minute
/// (Flink SQL, the arrival time as event time, a 5-second watermark) and sends each closed
/// minute's rows to a Firehose delivery stream into S3.
pub fn page_views_sql() -> Scenario {
    let mut s = Scenario { name: "Page views per minute with streaming SQL".into(), ..Scenario::default() };
    let mut app = place(&mut s, Kind::Producer, "web-app", "", 40.0, 120.0);
    if let ComponentKind::Producer(p) = &mut app.kind {
        p.records_per_second = 50.0;
        p.record_bytes = 200;
    }
    *s.components.last_mut().expect("just placed") = app;
    let mut stream = place(&mut s, Kind::DataStream, "clicks", "", 280.0, 120.0);
    if let ComponentKind::DataStream(d) = &mut stream.kind {
        d.stream_name = "clicks".into();
    }
    *s.components.last_mut().expect("just placed") = stream;
    let mut sql = place(&mut s, Kind::AnalyticsApp, "page-views", "", 520.0, 120.0);
    if let ComponentKind::AnalyticsApp(a) = &mut sql.kind {
        a.application_name = "page-views".into();
    }
    *s.components.last_mut().expect("just placed") = sql;
    let mut firehose = place(&mut s, Kind::Firehose, "page-views-to-s3", "", 760.0, 120.0);
    if let ComponentKind::Firehose(f) = &mut firehose.kind {
        f.delivery_stream_name = "page-views-to-s3".into();
        f.buffer_mib = 1;
        f.buffer_interval_s = 60;
    }
    *s.components.last_mut().expect("just placed") = firehose;
    let mut bucket = place(&mut s, Kind::S3Bucket, "page-views-bucket", "", 1000.0, 120.0);
    if let ComponentKind::S3Bucket(b) = &mut bucket.kind {
        b.bucket = "lab-page-views".into();
    }
    *s.components.last_mut().expect("just placed") = bucket;
    wire(&mut s, "web-app", "clicks");
    wire(&mut s, "clicks", "page-views");
    wire(&mut s, "page-views", "page-views-to-s3");
    wire(&mut s, "page-views-to-s3", "page-views-bucket");
    s
}

/// The notes' Video Streams point: a camera sends into a video stream that keeps nothing
/// (retention 0, the default). A GetMedia viewer plays it live from the service's short
/// buffer; an HLS player in ON_DEMAND mode is refused (NoDataRetentionException) until the
/// learner raises the stream's retention, and then plays only what arrived since; an
/// analysis consumer finds the motion in the frames and sends each event into a data stream.
pub fn video_retention() -> Scenario {
    let mut s = Scenario { name: "Video retention: live vs on-demand".into(), ..Scenario::default() };
    place(&mut s, Kind::Camera, "door-camera", "", 40.0, 160.0);
    let mut stream = place(&mut s, Kind::VideoStream, "front-door", "", 300.0, 160.0);
    if let ComponentKind::VideoStream(v) = &mut stream.kind {
        v.stream_name = "front-door".into();
    }
    *s.components.last_mut().expect("just placed") = stream;
    place(&mut s, Kind::VideoPlayer, "live-viewer", "", 580.0, 40.0);
    let mut vod = place(&mut s, Kind::VideoPlayer, "on-demand", "", 580.0, 200.0);
    if let ComponentKind::VideoPlayer(p) = &mut vod.kind {
        p.mode = crate::pipeline::video_settings::ViewerMode::OnDemand;
    }
    *s.components.last_mut().expect("just placed") = vod;
    place(&mut s, Kind::MotionAnalyzer, "motion", "", 580.0, 360.0);
    let mut events = place(&mut s, Kind::DataStream, "motion-events", "", 840.0, 360.0);
    if let ComponentKind::DataStream(d) = &mut events.kind {
        d.stream_name = "motion-events".into();
    }
    *s.components.last_mut().expect("just placed") = events;
    wire(&mut s, "door-camera", "front-door");
    wire(&mut s, "front-door", "live-viewer");
    wire(&mut s, "front-door", "on-demand");
    wire(&mut s, "front-door", "motion");
    wire(&mut s, "motion", "motion-events");
    s
}
