//! The journal: a world rebuilt from its scenario and the actions taken on it is the world
//! the learner had — after a reload (the journal saved as JSON) or from a checkpoint of the
//! same run (a rewind), however the page sliced time into frames.

use serde_json::json;
use shardlab_sim::rng::SimRng;
use shardlab_sim::scenario::ComponentKind;
use shardlab_sim::world::journal::{Input, Journal, ResumeError};
use shardlab_sim::{Scenario, SimDuration, SimTime, World};
use std::path::PathBuf;

fn scenario(name: &str) -> Scenario {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../cli/tests/scenarios").join(format!("{name}.json"));
    Scenario::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// The run as text: its report, every event, the trace and the shards (lineage and the last
/// sequence number of each).
fn fingerprint(w: &World) -> String {
    let events: Vec<String> = w.events_since(0).map(|e| serde_json::to_string(e).unwrap()).collect();
    let shards: Vec<String> = w
        .kinesis()
        .streams
        .values()
        .flat_map(|s| s.shards.iter())
        .map(|sh| format!("{} parent {:?} next {}", sh.index, sh.parent, sh.next_sequence()))
        .collect();
    format!(
        "{}\n{}\n{}\n{}",
        serde_json::to_string_pretty(&w.report()).unwrap(),
        events.join("\n"),
        w.trace().join("\n"),
        shards.join("\n")
    )
}

/// Fails on the first line where two runs differ (a whole report would drown it).
fn assert_same_run(got: &World, want: &World) {
    let (got, want) = (fingerprint(got), fingerprint(want));
    if let Some((i, (g, w))) = got.lines().zip(want.lines()).enumerate().find(|(_, (g, w))| g != w) {
        panic!("the runs differ at line {}:\n  got:  {g}\n  want: {w}", i + 1);
    }
    assert_eq!(got.lines().count(), want.lines().count(), "one run has more lines");
}

/// Runs the clock to `t` in frames of random length, as the page does.
fn run_in_frames(w: &mut World, t: SimTime, rng: &mut SimRng) {
    while w.now() < t {
        let step = SimDuration::from_micros(1 + rng.below(700_000));
        w.run_until((w.now() + step).min(t));
    }
}

fn secs(s: u64) -> SimTime {
    SimTime::ZERO + SimDuration::from_secs(s)
}

/// The hot-shard scenario's first producer, set to `rate` records a second.
fn set_producer_rate(s: &mut Scenario, rate: f64) {
    if let Some(ComponentKind::Producer(p)) = s.components.iter_mut().map(|c| &mut c.kind).next() {
        p.records_per_second = rate;
    }
}

/// The first twenty seconds of a learner's minute: a split at 8 s; at 20 s a record put from
/// the console and the rate typed lower. Returns the scenario as it was before that edit.
fn first_twenty_seconds(w: &mut World, rng: &mut SimRng) -> Scenario {
    run_in_frames(w, secs(8), rng);
    let shard = shardlab_sim::kinesis::shard::shard_id(0);
    let split = json!({ "StreamName": "clicks", "ShardToSplit": shard, "NewStartingHashKey": "85070591730234615865843651857942052864" });
    w.call("kinesis", "SplitShard", split).unwrap();
    run_in_frames(w, secs(20), rng);
    w.call("kinesis", "PutRecord", json!({ "StreamName": "clicks", "PartitionKey": "k", "Data": "aGk=" })).unwrap();
    let before = w.scenario().clone();
    let mut slower = before.clone();
    set_producer_rate(&mut slower, 300.0);
    w.sync(&slower).unwrap();
    before
}

/// A learner's minute on the hot-shard scenario: a split, a record put from the console, a
/// rate typed while it runs, a stopped worker, an edit undone; the clock runs between them.
fn a_learners_minute() -> World {
    let mut rng = SimRng::seed_from_u64(11);
    let mut w = World::from_scenario(&scenario("hot_shard")).unwrap();
    w.keep_journal();
    let before = first_twenty_seconds(&mut w, &mut rng);
    run_in_frames(&mut w, secs(35), &mut rng);
    assert!(w.kill_kcl_worker("dashboard", 0));
    run_in_frames(&mut w, secs(45), &mut rng);
    w.sync(&before).unwrap();
    run_in_frames(&mut w, secs(60) + SimDuration::from_micros(123), &mut rng);
    w
}

#[test]
fn a_reloaded_journal_gives_the_world_the_learner_had() {
    let live = a_learners_minute();
    let journal = live.journal().unwrap();
    assert_eq!(journal.entries.len(), 5, "the split, the put, two edits and the stopped worker");
    let saved = journal.to_json();
    let read = Journal::from_json(&saved).unwrap();
    assert_eq!(&read, journal);
    let resumed = World::resume(&read, live.now()).unwrap();
    assert_eq!(resumed.now(), live.now());
    assert_eq!(
        resumed.kinesis().streams["clicks"].shards.len(),
        4,
        "the split is there: a closed parent and its two children"
    );
    assert_same_run(&resumed, &live);
    assert_eq!(resumed.journal(), live.journal(), "the resumed world goes on keeping the same journal");
    resumed.audit_ledger().unwrap();
}

#[test]
fn a_link_to_a_moment_opens_the_world_the_sender_had_then() {
    use shardlab_sim::share::{from_moment_fragment, to_moment_fragment};
    let live = a_learners_minute();
    let link = to_moment_fragment(live.journal().unwrap(), live.now()).unwrap();
    assert!(link.starts_with("m="));
    let (journal, at) = from_moment_fragment(&format!("#{link}")).unwrap();
    assert_eq!(at, live.now());
    let opened = World::resume(&journal, at).unwrap();
    assert_same_run(&opened, &live);
    // A cut link, a scenario link and one with no instant each say what is wrong.
    let cut = &link[..link.len() / 2];
    assert!(from_moment_fragment(cut).unwrap_err().to_string().contains("cut"), "{cut}");
    let scenario_link = shardlab_sim::share::to_fragment(live.scenario());
    assert!(from_moment_fragment(&scenario_link).unwrap_err().to_string().contains("#m="));
}

#[test]
fn a_run_too_long_for_a_link_is_refused_with_the_rule() {
    // Thousands of console calls, each a journal entry with its own data: past what a link
    // may hold, even deflated.
    let mut w = World::from_scenario(&scenario("hot_shard")).unwrap();
    w.keep_journal();
    let mut rng = SimRng::seed_from_u64(3);
    for i in 0..20_000u64 {
        let key = format!("{:016x}", rng.below(u64::MAX));
        let _ = w.call("kinesis", "PutRecord", json!({ "StreamName": "clicks", "PartitionKey": key, "Data": "aGk=" }));
        if i % 1_000 == 0 {
            w.run_until(w.now() + SimDuration::from_secs(1));
        }
    }
    let err = shardlab_sim::share::to_moment_fragment(w.journal().unwrap(), w.now()).unwrap_err();
    assert!(matches!(err, shardlab_sim::ScenarioError::LinkTooLong { .. }), "{err}");
}

#[test]
fn the_journal_ends_on_the_last_accepted_edit() {
    let live = a_learners_minute();
    let journal = live.journal().unwrap();
    assert_eq!(journal.scenario(), live.scenario());
    assert_eq!(journal.origin, scenario("hot_shard"));
}

#[test]
fn a_checkpoint_of_the_run_goes_on_to_the_same_later_instant() {
    let live = a_learners_minute();
    let journal = live.journal().unwrap();
    // A checkpoint taken at 30 s of the same run: two of the actions are behind it.
    let mut checkpoint = World::resume(journal, secs(30)).unwrap();
    assert_eq!(checkpoint.journal().unwrap().entries.len(), 3);
    checkpoint.replay_journal(journal, live.now()).unwrap();
    assert_same_run(&checkpoint, &live);
}

#[test]
fn rewinding_to_an_earlier_instant_gives_the_world_that_was_there() {
    let live = a_learners_minute();
    // The same run stopped at 25 s, without a journal: what the learner saw then.
    let mut rng = SimRng::seed_from_u64(11);
    let mut then = World::from_scenario(&scenario("hot_shard")).unwrap();
    first_twenty_seconds(&mut then, &mut rng);
    run_in_frames(&mut then, secs(25), &mut rng);
    let rewound = World::resume(live.journal().unwrap(), secs(25)).unwrap();
    assert_same_run(&rewound, &then);
}

#[test]
fn a_refused_edit_is_not_kept() {
    let mut w = World::from_scenario(&scenario("hot_shard")).unwrap();
    w.keep_journal();
    let mut too_many = w.scenario().clone();
    if let Some(ComponentKind::DataStream(s)) = too_many.components.iter_mut().map(|c| &mut c.kind).nth(1) {
        s.shard_count = 100_000;
    }
    assert!(w.sync(&too_many).is_err());
    assert!(w.journal().unwrap().entries.is_empty());
}

#[test]
fn a_journal_out_of_time_order_is_refused() {
    let put = |at| shardlab_sim::world::journal::Entry {
        at,
        input: Input::Call { service: "kinesis".into(), operation: "ListStreams".into(), input: json!({}) },
    };
    let mut journal = Journal::new(scenario("hot_shard"));
    journal.entries = vec![put(2_000_000), put(1_000_000)];
    assert_eq!(World::resume(&journal, secs(3)).err(), Some(ResumeError::OutOfOrder { entry: 1 }));
}

#[test]
fn a_world_keeps_no_journal_unless_asked() {
    let mut w = World::from_scenario(&scenario("hot_shard")).unwrap();
    w.call("kinesis", "ListStreams", json!({})).unwrap();
    assert!(w.journal().is_none());
}

mod timeline {
    use super::*;
    use shardlab_sim::world::timeline::{Timeline, CHECKPOINT_BUDGET_BYTES, MAX_CHECKPOINTS};

    /// The hot-shard scenario run to `until` in frames, the timeline told after each.
    fn run_noting(w: &mut World, timeline: &mut Timeline, until: SimTime, rng: &mut SimRng) {
        while w.now() < until {
            let step = SimDuration::from_micros(1 + rng.below(900_000));
            w.run_until((w.now() + step).min(until));
            timeline.note(w, true);
        }
    }

    fn throttled(w: &World) -> u64 {
        w.report().components[0].producer.as_ref().map_or(0, |p| p.throttled)
    }

    /// The hot-shard scenario with records of 100 bytes: a minute of it holds 6 MB, not 60,
    /// so that copies of it fit the checkpoints' budget.
    fn light_hot_shard() -> Scenario {
        let mut s = scenario("hot_shard");
        if let ComponentKind::Producer(p) = &mut s.components[0].kind {
            p.record_bytes = 100;
        }
        s
    }

    fn started() -> (World, Timeline, SimRng) {
        let mut w = World::from_scenario(&light_hot_shard()).unwrap();
        w.keep_journal();
        let timeline = Timeline::new(&w);
        (w, timeline, SimRng::seed_from_u64(5))
    }

    #[test]
    fn rewound_before_a_throttle_and_played_again_it_throttles_the_same() {
        let (mut w, mut timeline, mut rng) = started();
        run_noting(&mut w, &mut timeline, secs(40), &mut rng);
        let live_throttled = throttled(&w);
        let live = w.clone();
        let mut again = timeline.rewind(&w, secs(3)).unwrap();
        assert_eq!(again.now(), secs(3));
        assert!(throttled(&again) < live_throttled, "at 3 s fewer writes had been throttled");
        timeline.note(&again, true);
        run_noting(&mut again, &mut timeline, secs(40), &mut rng);
        assert_eq!(throttled(&again), live_throttled);
        assert_same_run(&again, &live);
    }

    #[test]
    fn a_rewind_from_a_checkpoint_is_the_world_the_start_gives() {
        let (mut w, mut timeline, mut rng) = started();
        run_noting(&mut w, &mut timeline, secs(12), &mut rng);
        let split = json!({ "StreamName": "clicks", "ShardToSplit": shardlab_sim::kinesis::shard::shard_id(0), "NewStartingHashKey": "85070591730234615865843651857942052864" });
        w.call("kinesis", "SplitShard", split).unwrap();
        timeline.note(&w, true);
        run_noting(&mut w, &mut timeline, secs(80), &mut rng);
        assert!(timeline.kept().0 > 2, "checkpoints were taken along the way");
        let t = secs(61) + SimDuration::from_millis(500);
        let from_checkpoint = timeline.rewind(&w, t).unwrap();
        let from_start = World::resume(w.journal().unwrap(), t).unwrap();
        assert_same_run(&from_checkpoint, &from_start);
        assert_eq!(from_checkpoint.kinesis().streams["clicks"].shards.len(), 4, "the split is behind 61 s");
    }

    #[test]
    fn after_a_rewind_the_instants_left_stay_reachable_until_the_learner_acts() {
        let (mut w, mut timeline, mut rng) = started();
        run_noting(&mut w, &mut timeline, secs(30), &mut rng);
        let live = w.clone();
        let back = timeline.rewind(&w, secs(10)).unwrap();
        timeline.note(&back, true);
        assert_eq!(timeline.horizon(&back), secs(30), "the scrubber still reaches 30 s");
        let forward = timeline.rewind(&back, secs(30)).unwrap();
        assert_same_run(&forward, &live);
        // Back to 10 s, and an action there: a new branch, the old 30 s is gone.
        let mut back = timeline.rewind(&forward, secs(10)).unwrap();
        back.call("kinesis", "ListStreams", json!({})).unwrap();
        timeline.note(&back, true);
        assert_eq!(timeline.horizon(&back), secs(10));
        assert!(timeline.checkpoint_times().all(|t| t <= secs(10)));
    }

    #[test]
    fn a_due_checkpoint_waits_until_the_page_may_copy() {
        let (mut w, mut timeline, _) = started();
        w.advance(SimDuration::from_secs(30));
        assert!(!timeline.note(&w, false));
        assert_eq!(timeline.kept().0, 1, "only the start");
        assert!(timeline.note(&w, true));
        assert_eq!(timeline.kept().0, 2);
    }

    #[test]
    fn playing_on_after_a_rewind_also_starts_a_new_branch() {
        let (mut w, mut timeline, mut rng) = started();
        run_noting(&mut w, &mut timeline, secs(30), &mut rng);
        let mut back = timeline.rewind(&w, secs(10)).unwrap();
        timeline.note(&back, true);
        back.advance(SimDuration::from_millis(16));
        timeline.note(&back, true);
        assert_eq!(timeline.horizon(&back), back.now());
    }

    #[test]
    fn checkpoints_stay_few_and_spread_over_a_long_run() {
        // 20 records a second: ten minutes of it hold about 4 MB, well within the budget.
        let mut s = light_hot_shard();
        set_producer_rate(&mut s, 20.0);
        let mut w = World::from_scenario(&s).unwrap();
        w.keep_journal();
        let (mut timeline, mut rng) = (Timeline::new(&w), SimRng::seed_from_u64(5));
        run_noting(&mut w, &mut timeline, secs(600), &mut rng);
        let times: Vec<SimTime> = timeline.checkpoint_times().collect();
        assert!(times.len() <= MAX_CHECKPOINTS, "{} checkpoints", times.len());
        assert!(times.len() >= MAX_CHECKPOINTS / 2, "only {} checkpoints", times.len());
        assert_eq!(times[0], SimTime::ZERO, "the start is kept");
        let gaps: Vec<u64> = times.windows(2).map(|p| (p[1] - p[0]).as_micros()).collect();
        let (min, max) = (gaps.iter().min().unwrap(), gaps.iter().max().unwrap());
        assert!(*max <= 3 * *min, "checkpoints evenly spread: gaps from {min} to {max} µs");
        assert!(600_000_000 - times.last().unwrap().as_micros() <= 2 * max, "the last is near the end");
    }

    #[test]
    fn the_checkpoints_of_a_world_that_grows_stay_within_their_budget() {
        // A thousand records of 100 bytes a second kept for 24 hours: ten minutes hold more
        // than the budget, so copies thin out and then stop.
        let (mut w, mut timeline, mut rng) = started();
        run_noting(&mut w, &mut timeline, secs(600), &mut rng);
        let (count, bytes) = timeline.kept();
        assert!(count >= 2, "the early, small copies are kept ({count})");
        assert!(bytes <= CHECKPOINT_BUDGET_BYTES, "{bytes} bytes kept");
        // A smaller budget, as the page gives one under a small memory budget, is kept too.
        let mut small_world = World::from_scenario(&light_hot_shard()).unwrap();
        small_world.keep_journal();
        let mut small = Timeline::with_budget(&small_world, 2 * 1024 * 1024);
        run_noting(&mut small_world, &mut small, secs(120), &mut SimRng::seed_from_u64(5));
        assert!(small.kept().1 <= 2 * 1024 * 1024, "{} bytes kept", small.kept().1);
        // A rewind past the last copy still gives the world of that instant.
        let t = secs(590);
        assert_same_run(&timeline.rewind(&w, t).unwrap(), &World::resume(w.journal().unwrap(), t).unwrap());
    }
}

/// Placed on the page one by one, at time zero: a producer at 1,500 records/s, a new stream
/// (CREATING for its first seconds) and the wire between them.
fn placed_on_the_page(w: &mut World) {
    use shardlab_sim::catalogue::new_component;
    use shardlab_sim::scenario::WireSpec;
    use shardlab_sim::wiring::Kind;
    let mut doc = w.scenario().clone();
    doc.components.push(new_component(&doc, Kind::Producer, 100.0, 100.0));
    w.sync(&doc).unwrap();
    doc.components.push(new_component(&doc, Kind::DataStream, 300.0, 100.0));
    w.sync(&doc).unwrap();
    let (from, to) = (doc.components[0].id.clone(), doc.components[1].id.clone());
    doc.wires.push(WireSpec { from, to });
    w.sync(&doc).unwrap();
    if let ComponentKind::Producer(p) = &mut doc.components[0].kind {
        p.records_per_second = 1_500.0;
    }
    w.sync(&doc).unwrap();
}

#[test]
fn a_pipeline_placed_on_the_page_resumes_the_same_stepped_or_not() {
    let mut live = World::from_scenario(&Scenario::default()).unwrap();
    live.keep_journal();
    placed_on_the_page(&mut live);
    for s in 1..=8 {
        live.run_until(secs(s));
    }
    let resumed = World::resume(live.journal().unwrap(), secs(8)).unwrap();
    assert_same_run(&resumed, &live);
}
