//! Every lesson's challenge, passed and failed in the simulation itself: each lesson's
//! scenario is opened as the page opens it, the learner's fix (or a wrong one) is applied as
//! the page applies it (a scenario edit, an API call, the Run button), and the attempt is
//! graded by the world's own figures.

use serde_json::json;
use shardlab_course::course;
use shardlab_course::grade::{self, Grade};
use shardlab_course::lesson::Lesson;
use shardlab_sim::pipeline::settings::StartPosition;
use shardlab_sim::scenario::{ComponentKind, ComponentSpec, WireSpec};
use shardlab_sim::{Scenario, SimDuration, SimTime, World};

fn lesson(id: &str) -> &'static Lesson {
    course().lesson(id).unwrap_or_else(|| panic!("no lesson {id}"))
}

fn open(id: &str) -> World {
    World::from_scenario(&Scenario::from_json(&lesson(id).scenario).unwrap()).unwrap()
}

/// Edits the running world's scenario as the page's inspector does.
fn edit(world: &mut World, f: impl FnOnce(&mut Scenario)) {
    let mut next = world.scenario().clone();
    f(&mut next);
    world.sync(&next).unwrap_or_else(|e| panic!("the edit is refused: {e}"));
}

fn settings<'a>(s: &'a mut Scenario, id: &str) -> &'a mut ComponentKind {
    &mut s.components.iter_mut().find(|c| c.id == id).unwrap_or_else(|| panic!("no {id}")).kind
}

/// The page's answer to a probe, as `src/learn.rs` gives it.
fn probe(w: &World) -> impl Fn(&str, u64, u64) -> Result<f64, String> + '_ {
    move |q, from, to| w.probe(q, SimTime::from_millis(from), SimTime::from_millis(to))
}

/// Starts an attempt now and runs the clock until it is graded; `during` runs after each
/// 5-second step (the Run button of an EMR lesson). Returns the grade.
fn attempt(id: &str, world: &mut World, mut during: impl FnMut(&mut World)) -> Grade {
    let challenge = &lesson(id).challenge;
    let a = grade::start(challenge, world.now().as_millis(), &probe(world)).unwrap();
    loop {
        world.advance(SimDuration::from_secs(5));
        during(world);
        let g = grade::grade(challenge, &a, world.now().as_millis(), &probe(world)).unwrap();
        if !matches!(g, Grade::Running { .. }) {
            world.audit_ledger().unwrap();
            return g;
        }
    }
}

fn failed_on(g: &Grade) -> usize {
    match g {
        Grade::Failed { requirement, .. } => *requirement,
        other => panic!("expected a failure, got {other:?}"),
    }
}

fn passed(g: &Grade) -> Option<f64> {
    match g {
        Grade::Passed { result, .. } => *result,
        other => panic!("expected a pass, got {other:?}"),
    }
}

#[test]
fn what_is_kinesis_passes_once_the_dashboard_is_wired() {
    let id = "what-is-kinesis";
    let mut w = open(id);
    assert_eq!(failed_on(&attempt(id, &mut w, |_| {})), 0, "nothing reads the stream");
    edit(&mut w, |s| s.wires.push(WireSpec { from: "telemetry".into(), to: "dashboard".into() }));
    passed(&attempt(id, &mut w, |_| {}));
}

#[test]
fn shard_capacity_passes_with_the_fewest_shards_only() {
    let id = "shard-capacity";
    let mut w = open(id);
    w.advance(SimDuration::from_secs(10));
    assert_eq!(failed_on(&attempt(id, &mut w, |_| {})), 0, "two shards throttle 2,400 records/s");
    let shards = |w: &mut World, n: u32| {
        edit(w, |s| {
            if let ComponentKind::DataStream(st) = settings(s, "orders") {
                st.shard_count = n;
            }
        });
        w.advance(SimDuration::from_secs(30));
    };
    shards(&mut w, 4);
    assert_eq!(failed_on(&attempt(id, &mut w, |_| {})), 2, "four shards hold, but are more than needed");
    shards(&mut w, 3);
    assert_eq!(passed(&attempt(id, &mut w, |_| {})), Some(3.0));
    // Sending less is not taking the load.
    edit(&mut w, |s| {
        if let ComponentKind::Producer(p) = settings(s, "checkout") {
            p.records_per_second = 1_000.0;
        }
    });
    assert_eq!(failed_on(&attempt(id, &mut w, |_| {})), 1);
}

#[test]
fn the_hot_shard_is_fixed_by_the_key_not_by_shards() {
    let id = "hot-shard";
    let mut w = open(id);
    assert_eq!(failed_on(&attempt(id, &mut w, |_| {})), 0, "one key, one hot shard");
    edit(&mut w, |s| {
        if let ComponentKind::DataStream(st) = settings(s, "clicks") {
            st.shard_count = 4;
        }
    });
    w.advance(SimDuration::from_secs(30));
    assert_eq!(failed_on(&attempt(id, &mut w, |_| {})), 0, "more shards do not spread one key");
    let mut w = open(id);
    edit(&mut w, |s| {
        if let ComponentKind::Producer(p) = settings(s, "clickstream") {
            p.keys = shardlab_sim::pipeline::settings::KeyStrategy::Random;
        }
    });
    w.advance(SimDuration::from_secs(30));
    passed(&attempt(id, &mut w, |_| {}));
}

#[test]
fn a_fixed_consumer_replays_what_it_missed_from_trim_horizon() {
    let id = "retention-replay";
    let wire_reports = |w: &mut World, start: StartPosition| {
        edit(w, |s| {
            if let ComponentKind::PollingConsumer(p) = settings(s, "reports") {
                p.start = start;
            }
            s.wires.push(WireSpec { from: "orders".into(), to: "reports".into() });
        });
    };
    let mut w = open(id);
    w.advance(SimDuration::from_secs(180));
    wire_reports(&mut w, StartPosition::Latest);
    assert_eq!(failed_on(&attempt(id, &mut w, |_| {})), 0, "LATEST never sees the first 3 minutes");
    let mut w = open(id);
    w.advance(SimDuration::from_secs(180));
    wire_reports(&mut w, StartPosition::TrimHorizon);
    passed(&attempt(id, &mut w, |_| {}));
}

#[test]
fn three_consumers_read_without_throttling_through_enhanced_fan_out() {
    let id = "fan-out";
    let mut w = open(id);
    w.advance(SimDuration::from_secs(10));
    assert_eq!(failed_on(&attempt(id, &mut w, |_| {})), 1, "15 GetRecords a second on one shard");
    // Each polling consumer deleted and an enhanced fan-out consumer placed instead, as the
    // learner does with the palette.
    edit(&mut w, |s| {
        let polling: Vec<ComponentSpec> =
            s.components.iter().filter(|c| matches!(c.kind, ComponentKind::PollingConsumer(_))).cloned().collect();
        s.components.retain(|c| !matches!(c.kind, ComponentKind::PollingConsumer(_)));
        s.wires.retain(|w| polling.iter().all(|c| c.id != w.to));
        for c in polling {
            let id = format!("{}-efo", c.id);
            let kind = ComponentKind::EfoConsumer(shardlab_sim::pipeline::settings::EfoSettings {
                consumer_name: id.clone(),
                start: StartPosition::Latest,
            });
            s.components.push(ComponentSpec { id: id.clone(), kind, ..c });
            s.wires.push(WireSpec { from: "scores".into(), to: id });
        }
    });
    w.advance(SimDuration::from_secs(30));
    passed(&attempt(id, &mut w, |_| {}));
}

#[test]
fn resharding_splits_the_hot_stream_and_merges_the_cold_one() {
    let id = "resharding";
    let mut w = open(id);
    w.advance(SimDuration::from_secs(10));
    assert_eq!(failed_on(&attempt(id, &mut w, |_| {})), 0, "one shard for 1,500 records/s");
    let mid = (u128::MAX / 2 + 1).to_string();
    let call = |w: &mut World, op: &str, input: serde_json::Value| {
        w.call("kinesis", op, input).unwrap_or_else(|e| panic!("{op}: {e:?}"));
        w.advance(SimDuration::from_secs(10));
    };
    call(
        &mut w,
        "SplitShard",
        json!({ "StreamName": "clicks", "ShardToSplit": "shardId-000000000000", "NewStartingHashKey": mid }),
    );
    call(
        &mut w,
        "MergeShards",
        json!({ "StreamName": "audit", "ShardToMerge": "shardId-000000000000", "AdjacentShardToMerge": "shardId-000000000001" }),
    );
    // Merged once: three shards are still more than the challenge allows.
    assert_eq!(failed_on(&attempt(id, &mut w, |_| {})), 2);
    call(
        &mut w,
        "MergeShards",
        json!({ "StreamName": "audit", "ShardToMerge": "shardId-000000000002", "AdjacentShardToMerge": "shardId-000000000003" }),
    );
    passed(&attempt(id, &mut w, |_| {}));
}

#[test]
fn firehose_delivers_csv_within_a_minute_once_buffered_briefly_and_transformed() {
    let id = "firehose-buffers";
    let mut w = open(id);
    assert_eq!(failed_on(&attempt(id, &mut w, |_| {})), 0, "300 s of buffering: nothing in 2 minutes");
    edit(&mut w, |s| {
        if let ComponentKind::Firehose(f) = settings(s, "events-to-s3") {
            f.buffer_interval_s = 30;
        }
    });
    w.advance(SimDuration::from_secs(60));
    assert_eq!(failed_on(&attempt(id, &mut w, |_| {})), 1, "delivered, but as JSON");
    edit(&mut w, |s| {
        s.wires.push(WireSpec { from: "events-to-s3".into(), to: "to-csv".into() });
        if let ComponentKind::FirehoseTransform(t) = settings(s, "to-csv") {
            t.buffer_interval_s = 20;
        }
    });
    w.advance(SimDuration::from_secs(90));
    passed(&attempt(id, &mut w, |_| {}));
}

#[test]
fn streams_and_firehose_both_meet_their_delays_once_tuned() {
    let id = "streams-vs-firehose";
    let mut w = open(id);
    let g = attempt(id, &mut w, |_| {});
    assert!(matches!(failed_on(&g), 1 | 2), "{g:?}");
    edit(&mut w, |s| {
        if let ComponentKind::PollingConsumer(p) = settings(s, "dashboard") {
            p.poll_interval_ms = 200;
        }
        if let ComponentKind::Firehose(f) = settings(s, "clicks-to-s3") {
            f.buffer_interval_s = 60;
        }
    });
    w.advance(SimDuration::from_secs(300));
    passed(&attempt(id, &mut w, |_| {}));
}

/// Runs the map step once its cluster waits for steps, from inside an attempt.
fn run_when_waiting(w: &mut World, ran: &mut bool) {
    use shardlab_sim::emr::cluster::ClusterState;
    if !*ran && w.canvas_cluster("cluster").is_some_and(|c| c.state == ClusterState::Waiting) {
        w.run_map_step("count-words").unwrap();
        *ran = true;
    }
}

#[test]
fn the_emr_job_runs_in_fewer_waves_on_more_nodes() {
    let id = "emr-waves";
    let mut w = open(id);
    let mut ran = false;
    let g = attempt(id, &mut w, |w| run_when_waiting(w, &mut ran));
    assert_eq!(failed_on(&g), 1, "one core node: too many waves");
    let mut w = open(id);
    edit(&mut w, |s| {
        if let ComponentKind::EmrCluster(c) = settings(s, "cluster") {
            c.task_count = 3;
            c.task_market = shardlab_sim::pipeline::emr_settings::TaskMarket::Spot;
        }
    });
    let mut ran = false;
    let waves = passed(&attempt(id, &mut w, |w| run_when_waiting(w, &mut ran)));
    assert!(waves.is_some_and(|n| n <= 2.0), "{waves:?}");
}

/// A lesson's components: what each step and explanation points at must be on its canvas.
#[test]
fn every_highlight_names_a_component_of_the_lesson_s_scenario() {
    for l in &course().lessons {
        let s = Scenario::from_json(&l.scenario).unwrap_or_else(|e| panic!("{}: {e}", l.id));
        s.validate().unwrap_or_else(|e| panic!("{}: {e}", l.id));
        let ids: Vec<&str> = s.components.iter().map(|c: &ComponentSpec| c.id.as_str()).collect();
        let highlights = l
            .steps
            .iter()
            .filter_map(|s| s.highlight.as_deref())
            .chain(l.challenge.require.iter().filter_map(|r| r.fail.highlight.as_deref()))
            .chain(l.challenge.success.highlight.as_deref());
        for h in highlights {
            assert!(ids.contains(&h), "{}: highlight '{h}' is not on its canvas", l.id);
        }
    }
}
