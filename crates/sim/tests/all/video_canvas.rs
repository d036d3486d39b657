//! Kinesis Video Streams on the canvas, through the `video-retention` lesson: a camera → a
//! video stream kept at retention 0 → a GetMedia viewer, an ON_DEMAND player and an analysis
//! consumer → a data stream. The learner's afternoon: watch live, be refused on demand,
//! raise the retention, let time pass, scrub back.

use shardlab_sim::lessons::video_retention;
use shardlab_sim::pipeline::video_settings::ViewerMode;
use shardlab_sim::scenario::{ComponentKind, WireSpec};
use shardlab_sim::{Scenario, SimDuration, SimTime, World};

fn edit(s: &mut Scenario, id: &str, f: impl FnOnce(&mut ComponentKind)) {
    f(&mut s.components.iter_mut().find(|c| c.id == id).unwrap().kind);
}

fn set_retention(w: &mut World, hours: u32) {
    let mut s = w.scenario().clone();
    edit(&mut s, "front-door", |k| {
        if let ComponentKind::VideoStream(v) = k {
            v.retention_hours = hours;
        }
    });
    w.sync(&s).unwrap();
}

fn events_in_stream(w: &World) -> Vec<serde_json::Value> {
    w.kinesis()
        .stream("motion-events")
        .unwrap()
        .shards
        .iter()
        .flat_map(|s| s.log.records(0, s.log.len()))
        .map(|r| serde_json::from_slice(&r.data.render(&r.partition_key)).unwrap())
        .collect()
}

#[test]
fn live_plays_from_the_buffer_while_on_demand_is_refused_until_retention_is_raised() {
    let mut w = World::from_scenario(&video_retention()).unwrap();
    w.advance(SimDuration::from_secs(20));
    let live = w.player("live-viewer").unwrap().view(w.now()).expect("the live viewer plays");
    assert!(live.frame.is_some());
    assert!(live.latency <= SimDuration::from_secs(3), "live latency {:?}", live.latency);
    let vod = w.player("on-demand").unwrap();
    assert_eq!(vod.refusal.as_ref().map(|e| e.kind.name()), Some("NoDataRetentionException"));
    assert!(vod.view(w.now()).is_none(), "nothing to play on demand");

    set_retention(&mut w, 1);
    let raised_at = w.now();
    w.advance(SimDuration::from_secs(30));
    let vod = w.player("on-demand").unwrap();
    assert!(vod.refusal.is_none(), "{:?}", vod.refusal);
    let (start, _) = vod.view(w.now()).expect("plays on demand now").buffered.unwrap();
    // What arrived while the stream kept nothing never comes back.
    assert!(start + SimDuration::from_secs(2) >= raised_at, "on demand starts at {start:?}, raised at {raised_at:?}");
    // Scrubbing: back into what was kept, but not before it.
    let back = start + SimDuration::from_secs(1);
    w.seek_player("on-demand", back).unwrap();
    assert_eq!(w.player("on-demand").unwrap().view(w.now()).unwrap().position, back);
    assert!(w.seek_player("on-demand", SimTime::ZERO + SimDuration::from_secs(5)).is_err());
    assert!(w.seek_player("live-viewer", back).is_err(), "a live viewer plays the live edge");
    assert_eq!(w.video_audit(), Vec::<String>::new());
    w.audit_ledger().unwrap();
}

#[test]
fn retention_set_to_one_hour_lets_older_fragments_go() {
    let mut s = video_retention();
    edit(&mut s, "front-door", |k| {
        if let ComponentKind::VideoStream(v) = k {
            v.retention_hours = 1;
        }
    });
    // Only the camera and the stream: an hour and a half of analysis is not the point here.
    s.components.retain(|c| c.id == "door-camera" || c.id == "front-door");
    s.wires.retain(|w| w.from == "door-camera");
    let mut w = World::from_scenario(&s).unwrap();
    w.advance(SimDuration::from_secs(90 * 60));
    let stream = &w.video().streams["front-door"];
    let oldest = stream.fragments.front().unwrap().ingested_at;
    assert!(w.now().saturating_sub(oldest) <= SimDuration::from_hours(1), "oldest kept {oldest:?} at {:?}", w.now());
    assert!(stream.books.expired > 0);
    assert_eq!(stream.books.ingested, stream.books.expired + stream.fragments.len() as u64);
    assert_eq!(w.video_audit(), Vec::<String>::new());
}

#[test]
fn motion_events_land_in_the_data_stream_one_record_each() {
    let mut w = World::from_scenario(&video_retention()).unwrap();
    w.advance(SimDuration::from_secs(40));
    let found = w.motion_analyzer("motion").unwrap().stats.events;
    assert!(found > 0, "the scene moves");
    let events = events_in_stream(&w);
    assert_eq!(events.len() as u64, found);
    assert!(events[0]["BoundingBoxes"][0]["Width"].as_f64().unwrap() > 0.0, "{}", events[0]);
    w.audit_ledger().unwrap();
}

#[test]
fn a_still_scene_gives_no_motion_events() {
    let mut s = video_retention();
    edit(&mut s, "door-camera", |k| {
        if let ComponentKind::Camera(c) = k {
            c.moving_shapes = 0;
            c.walking_figure = false;
        }
    });
    let mut w = World::from_scenario(&s).unwrap();
    w.advance(SimDuration::from_secs(40));
    let analyzer = w.motion_analyzer("motion").unwrap();
    assert!(analyzer.stats.frames_analysed > 100, "it looked: {:?}", analyzer.stats);
    assert_eq!(analyzer.stats.events, 0);
    assert!(events_in_stream(&w).is_empty());
}

#[test]
fn switching_the_player_to_on_demand_is_refused_then_a_new_camera_takes_the_freed_connection() {
    let mut w = World::from_scenario(&video_retention()).unwrap();
    w.advance(SimDuration::from_secs(5));
    let mut s = w.scenario().clone();
    edit(&mut s, "live-viewer", |k| {
        if let ComponentKind::VideoPlayer(p) = k {
            p.mode = ViewerMode::OnDemand;
        }
    });
    w.sync(&s).unwrap();
    w.advance(SimDuration::from_secs(1));
    let refused = w.player("live-viewer").unwrap().refusal.clone().expect("refused");
    assert_eq!(refused.kind.name(), "NoDataRetentionException");
    assert!(refused.message.contains("retention"), "{}", refused.message);

    // The camera goes; a new one is wired to the stream and its PutMedia is accepted.
    s.components.retain(|c| c.id != "door-camera");
    s.wires.retain(|w| w.from != "door-camera");
    let mut camera = shardlab_sim::catalogue::new_component(&s, shardlab_sim::wiring::Kind::Camera, 0.0, 0.0);
    camera.id = "side-camera".into();
    s.components.push(camera);
    s.wires.push(WireSpec { from: "side-camera".into(), to: "front-door".into() });
    w.sync(&s).unwrap();
    w.advance(SimDuration::from_secs(5));
    let camera = w.camera("side-camera").unwrap();
    assert!(camera.stats.sent > 0 && camera.stats.refused == 0, "{:?}", camera.stats);
}

#[test]
fn a_journal_of_the_afternoon_replays_to_the_same_player() {
    let mut w = World::from_scenario(&video_retention()).unwrap();
    w.keep_journal();
    w.advance(SimDuration::from_secs(3));
    set_retention(&mut w, 2);
    w.advance(SimDuration::from_secs(20));
    let start = w.player("on-demand").unwrap().view(w.now()).unwrap().buffered.unwrap().0;
    w.seek_player("on-demand", start + SimDuration::from_secs(2)).unwrap();
    w.advance(SimDuration::from_millis(700));
    let journal = w.journal().unwrap().clone();
    let again = World::resume(&journal, w.now()).unwrap();
    assert_eq!(again.player("on-demand").unwrap().view(again.now()), w.player("on-demand").unwrap().view(w.now()));
    assert_eq!(again.video().streams["front-door"].books, w.video().streams["front-door"].books);
}
