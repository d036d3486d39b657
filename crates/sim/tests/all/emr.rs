//! EMR as a learner meets it: a cluster runs real MapReduce over data in S3 or HDFS, in
//! waves, and survives (or does not survive) the faults the exam asks about. Every test
//! audits the job's books against the cluster's own state at every event.

use base64::Engine;
use serde_json::json;
use shardlab_sim::emr::cluster::{ClusterConfig, Fault};
use shardlab_sim::emr::datasets::Dataset;
use shardlab_sim::emr::instance_types::instance_type;
use shardlab_sim::emr::job::{AttemptState, JobSpec, Program};
use shardlab_sim::emr::jobs::BuiltinJob;
use shardlab_sim::emr::node::{Market, NodeRole, NodeState};
use shardlab_sim::emr::report::{AttemptReport, JobReport};
use shardlab_sim::emr::scale::DataScale;
use shardlab_sim::emr::step::{ActionOnFailure, StepKind, StepState};
use shardlab_sim::emr::StepRequest;
use shardlab_sim::{Scenario, SimDuration, World};
use std::collections::BTreeMap;

/// A change to a running world's cluster (by ID).
type Action = fn(&mut World, &str);

struct Run {
    core: u32,
    task: u32,
    spot: bool,
    instance: &'static str,
    bytes_per_mb: u64,
    reducers: u32,
    replication: Option<u32>,
    combiner: bool,
    speculative: bool,
    from_hdfs: bool,
    seed: u64,
    faults: Vec<(u64, Fault)>,
    fail_tasks: Vec<(&'static str, u32)>,
    slow: Vec<(&'static str, f64)>,
    job: BuiltinJob,
    /// Advance the clock in slices of random size (from this seed) instead of event to event.
    slices: Option<u64>,
    /// Something to do to the cluster this many seconds after the job starts.
    during: Option<(u64, Action)>,
    /// Write the output into this DynamoDB table (created first, with a sort key if asked).
    table: Option<(&'static str, bool)>,
}

impl Default for Run {
    fn default() -> Self {
        Run {
            core: 2,
            task: 0,
            spot: false,
            instance: "m5.xlarge",
            bytes_per_mb: 100,
            reducers: 2,
            replication: None,
            combiner: false,
            speculative: false,
            from_hdfs: true,
            seed: 1,
            faults: Vec::new(),
            fail_tasks: Vec::new(),
            slow: Vec::new(),
            job: BuiltinJob::Wordcount,
            slices: None,
            during: None,
            table: None,
        }
    }
}

/// About 200 KB of corpus: 20 splits of 10 KB at 100 bytes per MB.
fn corpus() -> Vec<u8> {
    Dataset::Corpus.generate(200_000, 11)
}

fn world_with_input(seed: u64, files: &[(&str, &[u8])]) -> World {
    let mut w = World::from_scenario(&Scenario { seed, ..Scenario::default() }).unwrap();
    w.call("s3", "CreateBucket", json!({"Bucket": "lab-in"})).unwrap();
    for (name, data) in files {
        let body = base64::engine::general_purpose::STANDARD.encode(data);
        w.call("s3", "PutObject", json!({"Bucket": "lab-in", "Key": format!("input/{name}"), "Body": body})).unwrap();
    }
    w
}

/// Runs the job to its end, auditing the books at every event; returns the world, the
/// cluster ID and the report.
fn run(r: &Run, files: &[(&str, &[u8])]) -> (World, String, JobReport) {
    let mut w = world_with_input(r.seed, files);
    let t = instance_type(r.instance).unwrap();
    let config = ClusterConfig {
        name: "test".into(),
        primary_count: 1,
        primary_type: t,
        core_count: r.core,
        core_type: t,
        task_count: r.task,
        task_type: t,
        task_market: if r.spot { Market::Spot } else { Market::OnDemand },
        block_mb: 100,
        replication: r.replication,
        scale: DataScale::new(r.bytes_per_mb).unwrap(),
        auto_terminate: false,
    };
    let input = if r.from_hdfs { "hdfs:///input/" } else { "s3://lab-in/input/" };
    let output = match r.table {
        Some((name, sort)) => {
            let mut attrs = vec![json!({"AttributeName": "word", "AttributeType": "S"})];
            let mut keys = vec![json!({"AttributeName": "word", "KeyType": "HASH"})];
            if sort {
                attrs.push(json!({"AttributeName": "n", "AttributeType": "N"}));
                keys.push(json!({"AttributeName": "n", "KeyType": "RANGE"}));
            }
            let spec = json!({"TableName": name, "AttributeDefinitions": attrs, "KeySchema": keys, "BillingMode": "PAY_PER_REQUEST"});
            w.call("dynamodb", "CreateTable", spec).unwrap();
            format!("dynamodb://{name}")
        }
        None => "s3://lab-in/output/".to_string(),
    };
    let mut steps = Vec::new();
    if r.from_hdfs {
        steps.push(StepRequest {
            name: "copy".into(),
            action_on_failure: ActionOnFailure::CancelAndWait,
            kind: StepKind::DistCp { src: "s3://lab-in/input/".into(), dest: "hdfs:///input/".into() },
        });
    }
    steps.push(StepRequest {
        name: "job".into(),
        action_on_failure: ActionOnFailure::CancelAndWait,
        kind: StepKind::MapReduce(JobSpec {
            program: Program::Builtin(r.job),
            input: input.into(),
            output,
            reducers: r.reducers,
            combiner: r.combiner,
            speculative: r.speculative,
            fail_tasks: r.fail_tasks.iter().map(|(n, k)| (n.to_string(), *k)).collect(),
        }),
    });
    let id = w.with_emr(|emr, now, _| emr.run_job_flow(now, config, steps)).unwrap();
    w.with_emr(|emr, _, _| {
        for (secs, fault) in &r.faults {
            emr.fault_after_job_start(&id, SimDuration::from_secs(*secs), fault.clone()).unwrap();
        }
        let c = emr.cluster_mut(&id).unwrap();
        for (name, f) in &r.slow {
            let i = c.node_index(name).unwrap();
            c.nodes[i].slowdown = *f;
        }
    });
    let over = |w: &World| {
        w.emr()
            .cluster(&id)
            .unwrap()
            .steps
            .last()
            .is_some_and(|s| !matches!(s.state, StepState::Pending | StepState::Running))
    };
    let mut events = 0;
    let mut slicer = r.slices.map(shardlab_sim::rng::SimRng::seed_from_u64);
    let mut during = r.during;
    while !over(&w) {
        let t = match &mut slicer {
            Some(rng) => w.now() + SimDuration::from_micros(1 + rng.below(5_000_000)),
            None => w.next_event_time().expect("a running job has something due"),
        };
        let job_started = w.emr().cluster(&id).unwrap().steps.last().unwrap().started;
        if let (Some((secs, f)), Some(start)) = (during, job_started) {
            let at = start + SimDuration::from_secs(secs);
            if t >= at {
                w.run_until(at);
                f(&mut w, &id);
                during = None;
                continue;
            }
        }
        w.run_until(t);
        w.emr().cluster(&id).unwrap().audit().unwrap_or_else(|e| panic!("books disagree at {t}: {e}"));
        events += 1;
        assert!(events < 1_000_000, "the job should end");
    }
    let report = JobReport::of_last_job(w.emr().cluster(&id).unwrap(), w.stores()).unwrap();
    (w, id, report)
}

/// Word counts computed the plain way: split on Hadoop's whitespace, count.
fn plain_wordcount(text: &[u8]) -> BTreeMap<String, String> {
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for w in String::from_utf8_lossy(text).split([' ', '\t', '\n', '\r', '\x0c']).filter(|w| !w.is_empty()) {
        *counts.entry(w.to_string()).or_default() += 1;
    }
    counts.into_iter().map(|(k, v)| (k, v.to_string())).collect()
}

#[test]
fn waves_are_the_map_tasks_over_the_free_containers() {
    let text = corpus();
    // (core nodes, task nodes, instance type): containers after the ApplicationMaster.
    for (core, task, instance, containers) in [
        (1, 0, "m5.xlarge", 2),
        (2, 0, "m5.xlarge", 6),
        (2, 2, "m5.xlarge", 14),
        (3, 0, "m5.2xlarge", 22),
        (1, 1, "m4.large", 6),
    ] {
        let r = Run { core, task, instance, ..Run::default() };
        let (_, _, report) = run(&r, &[("corpus.txt", &text)]);
        assert_eq!(report.status, "COMPLETED");
        assert_eq!(report.containers, containers, "{core} core + {task} task {instance}");
        assert_eq!(report.map_tasks, 20);
        assert_eq!(report.waves as usize, report.map_tasks.div_ceil(containers as usize), "{core}+{task} {instance}");
    }
}

#[test]
fn wordcount_counts_every_word_with_or_without_a_combiner() {
    let text = corpus();
    let expected = plain_wordcount(&text);
    let (_, _, plain) = run(&Run::default(), &[("corpus.txt", &text)]);
    let (_, _, combined) = run(&Run { combiner: true, ..Run::default() }, &[("corpus.txt", &text)]);
    assert_eq!(plain.output, expected);
    assert_eq!(combined.output, expected, "a combiner changes nothing in the output…");
    assert!(
        combined.shuffle_bytes * 10 < plain.shuffle_bytes,
        "…but shrinks the shuffle: {} vs {}",
        combined.shuffle_bytes,
        plain.shuffle_bytes
    );
    assert_eq!(plain.output_files.len(), 3, "two part files and _SUCCESS: {:?}", plain.output_files);
    assert!(plain.output_files.iter().any(|f| f.ends_with("/_SUCCESS")));
}

#[test]
fn a_lost_core_node_fails_the_job_only_when_blocks_had_one_replica() {
    let text = corpus();
    let lose = vec![(5, Fault::LoseNode("core-2".into()))];
    let (_, _, single) =
        run(&Run { replication: Some(1), faults: lose.clone(), ..Run::default() }, &[("corpus.txt", &text)]);
    assert_eq!(single.status, "FAILED");
    assert!(!single.lost_blocks.is_empty());
    let reason = single.failure_reason.unwrap();
    assert!(reason.contains("BlockMissingException"), "{reason}");
    assert!(single.lost_blocks.iter().any(|b| reason.contains(&b.block)), "the failure names a lost block: {reason}");

    let (_, _, double) = run(&Run { replication: Some(2), faults: lose, ..Run::default() }, &[("corpus.txt", &text)]);
    assert_eq!(double.status, "COMPLETED");
    assert!(double.lost_blocks.is_empty());
    assert_eq!(double.output, plain_wordcount(&text));
}

#[test]
fn input_read_from_s3_survives_a_lost_core_node() {
    let text = corpus();
    let r = Run {
        replication: Some(1),
        from_hdfs: false,
        faults: vec![(5, Fault::LoseNode("core-2".into()))],
        ..Run::default()
    };
    let (_, _, report) = run(&r, &[("corpus.txt", &text)]);
    assert_eq!(report.status, "COMPLETED", "EMRFS input outlives the node: {:?}", report.failure_reason);
    assert_eq!(report.output, plain_wordcount(&text));
    assert_eq!(report.data_local_maps, 0, "no node holds S3 data");
}

#[test]
fn a_task_failing_four_times_fails_the_step_three_times_does_not() {
    let text = corpus();
    let (_, _, four) = run(&Run { fail_tasks: vec![("m_000003", 4)], ..Run::default() }, &[("corpus.txt", &text)]);
    assert_eq!(four.status, "FAILED");
    assert!(four.failure_reason.unwrap().contains("m_000003 failed 4 times"));
    assert_eq!(four.attempts["m_000003"], 4);
    assert_eq!(four.books.attempts.get(&AttemptState::Failed), Some(&4));

    let (_, _, three) = run(&Run { fail_tasks: vec![("m_000003", 3)], ..Run::default() }, &[("corpus.txt", &text)]);
    assert_eq!(three.status, "COMPLETED");
    assert_eq!(three.attempts["m_000003"], 4);
    assert_eq!(three.output, plain_wordcount(&text));
}

#[test]
fn a_reclaimed_spot_node_takes_the_map_output_it_held_and_those_maps_rerun_elsewhere() {
    let text = corpus();
    // 200 maps: the map phase is still running when EC2 takes the node.
    let base = Run { task: 2, spot: true, bytes_per_mb: 10, ..Run::default() };
    let (_, _, calm) = run(&base, &[("corpus.txt", &text)]);
    let r = Run { faults: vec![(5, Fault::ReclaimSpot("task-1".into()))], ..base };
    let (w, id, report) = run(&r, &[("corpus.txt", &text)]);
    assert_eq!(report.status, "COMPLETED");
    assert_eq!(report.output, calm.output, "the output does not change");
    let killed: Vec<_> =
        report.attempt_log.iter().filter(|a| a.state == AttemptState::Killed && a.node == "task-1").collect();
    assert!(!killed.is_empty(), "task-1's work was killed with it");
    for k in &killed {
        let rerun = report.attempt_log.iter().find(|a| a.task == k.task && a.state == AttemptState::Succeeded).unwrap();
        assert_ne!(rerun.node, "task-1", "{} reran elsewhere", k.task);
    }
    // The notice gave two minutes: work on task-1 was lost only when EC2 took it.
    let c = w.emr().cluster(&id).unwrap();
    let node = &c.nodes[c.node_index("task-1").unwrap()];
    let NodeState::Terminated { at, .. } = node.state else { panic!("task-1 should be gone") };
    let job_start = c.steps.last().unwrap().started.unwrap();
    assert_eq!(at, job_start + SimDuration::from_secs(5 + 120));
    // No new containers start on a node under notice, so its running maps (seconds long)
    // finish within the two minutes; what is lost is the output of maps it ran.
    assert!(killed.iter().all(|a| a.end_ms < at.as_millis() && a.note.as_deref().unwrap().contains("Map output lost")));
}

#[test]
fn a_failed_node_kills_its_running_attempts_which_rerun_elsewhere() {
    let text = corpus();
    let r = Run { task: 1, bytes_per_mb: 10, faults: vec![(30, Fault::LoseNode("task-1".into()))], ..Run::default() };
    let (w, id, report) = run(&r, &[("corpus.txt", &text)]);
    assert_eq!(report.status, "COMPLETED");
    assert_eq!(report.output, plain_wordcount(&text));
    let c = w.emr().cluster(&id).unwrap();
    let lost_at = c.steps.last().unwrap().started.unwrap() + SimDuration::from_secs(30);
    let running: Vec<&AttemptReport> =
        report.attempt_log.iter().filter(|a| a.note.as_deref().is_some_and(|n| n.contains("lost* node"))).collect();
    assert_eq!(running.len(), 4, "an m5.xlarge task node runs 4 maps at once");
    for a in running {
        assert_eq!((a.node.as_str(), a.end_ms), ("task-1", lost_at.as_millis()));
        let rerun = report.attempt_log.iter().find(|b| b.task == a.task && b.state == AttemptState::Succeeded).unwrap();
        assert!(rerun.start_ms >= lost_at.as_millis() && rerun.node != "task-1");
    }
}

#[test]
fn speculative_execution_beats_a_slow_node() {
    let text = corpus();
    let slow = Run { slow: vec![("core-2", 6.0)], ..Run::default() };
    let (_, _, without) = run(&slow, &[("corpus.txt", &text)]);
    let (_, _, with) = run(&Run { speculative: true, ..slow }, &[("corpus.txt", &text)]);
    assert!(with.attempt_log.iter().any(|a| a.speculative), "a backup attempt ran");
    assert!(with
        .attempt_log
        .iter()
        .any(|a| a.state == AttemptState::Killed && a.note.as_deref().unwrap_or("").contains("Speculation")));
    assert!(with.duration_ms < without.duration_ms, "{} vs {}", with.duration_ms, without.duration_ms);
    assert_eq!(with.output, without.output);
}

#[test]
fn shrinking_core_nodes_below_the_replication_factor_is_refused() {
    let text = corpus();
    let (mut w, id, _) = run(&Run { core: 4, ..Run::default() }, &[("corpus.txt", &text)]);
    assert_eq!(w.emr().cluster(&id).unwrap().hdfs.replication, 2, "4 core nodes: dfs.replication = 2");
    let refused = w.with_emr(|emr, now, _| emr.resize(now, &id, NodeRole::Core, 1)).unwrap_err();
    assert!(refused.contains("replication"), "{refused}");
    w.with_emr(|emr, now, _| emr.resize(now, &id, NodeRole::Core, 2)).unwrap();
    w.advance(SimDuration::from_secs(1));
    assert_eq!(w.emr().cluster(&id).unwrap().live_core().len(), 2);
}

#[test]
fn task_nodes_added_mid_job_take_work_and_shorten_it() {
    let text = corpus();
    // 200 maps of 100 MB: about 34 waves on 6 containers, long enough for new nodes to join.
    let (_, _, alone) = run(&Run { bytes_per_mb: 10, ..Run::default() }, &[("corpus.txt", &text)]);
    let grow: Action = |w, id| w.with_emr(|emr, now, _| emr.resize(now, id, NodeRole::Task, 2)).unwrap();
    let (_, _, helped) =
        run(&Run { bytes_per_mb: 10, during: Some((10, grow)), ..Run::default() }, &[("corpus.txt", &text)]);
    assert!(helped.attempt_log.iter().any(|a| a.node.starts_with("task-") && a.state == AttemptState::Succeeded));
    assert!(helped.duration_ms < alone.duration_ms, "{} vs {}", helped.duration_ms, alone.duration_ms);
    assert_eq!(helped.output, alone.output);
}

#[test]
fn removed_task_nodes_finish_their_containers_first() {
    let text = corpus();
    let shrink: Action = |w, id| w.with_emr(|emr, now, _| emr.resize(now, id, NodeRole::Task, 0)).unwrap();
    let (w, id, report) = run(&Run { task: 2, during: Some((5, shrink)), ..Run::default() }, &[("corpus.txt", &text)]);
    assert_eq!(report.status, "COMPLETED");
    assert!(
        !report.attempt_log.iter().any(|a| a.state == AttemptState::Killed),
        "graceful decommissioning kills nothing: {:?}",
        report.attempt_log.iter().filter(|a| a.state == AttemptState::Killed).collect::<Vec<_>>()
    );
    let c = w.emr().cluster(&id).unwrap();
    assert!(c.nodes.iter().filter(|n| n.role == NodeRole::Task).all(|n| n.is_gone()));
}

#[test]
fn whatever_goes_wrong_every_split_and_attempt_is_accounted_for() {
    let text = corpus();
    let expected = plain_wordcount(&text);
    for seed in 1..=12u64 {
        let mut faults = vec![(3 + seed * 7 % 40, Fault::ReclaimSpot("task-1".into()))];
        if seed % 3 == 0 {
            faults.push((10 + seed, Fault::LoseNode("core-3".into())));
        }
        let fail = format!("m_{:06}", seed % 20);
        let r = Run {
            seed,
            core: 4,
            task: 2,
            spot: true,
            speculative: seed % 2 == 0,
            combiner: seed % 4 == 1,
            reducers: 1 + (seed % 3) as u32,
            faults,
            fail_tasks: vec![(Box::leak(fail.into_boxed_str()), (seed % 4) as u32)],
            slow: vec![("core-1", 1.0 + (seed % 5) as f64)],
            ..Run::default()
        };
        let (_, _, report) = run(&r, &[("corpus.txt", &text)]);
        assert_eq!(report.status, "COMPLETED", "seed {seed}: {:?}", report.failure_reason);
        assert_eq!(report.output, expected, "seed {seed}");
        let attempts: u64 = report.books.attempts.values().sum();
        assert_eq!(attempts as usize, report.attempt_log.len(), "seed {seed}");
        let per_task: u32 = report.attempts.values().sum();
        assert_eq!(per_task as usize, report.attempt_log.len(), "seed {seed}");
    }
}

#[test]
fn the_same_seed_gives_the_same_timeline_however_time_is_sliced() {
    let text = corpus();
    let r = || Run {
        task: 1,
        spot: true,
        speculative: true,
        faults: vec![(20, Fault::ReclaimSpot("task-1".into()))],
        slow: vec![("core-2", 3.0)],
        ..Run::default()
    };
    let timeline = |r: &JobReport| serde_json::to_string(&r.attempt_log).unwrap();
    let (_, _, by_event) = run(&r(), &[("corpus.txt", &text)]);
    for slices in [1, 2, 3] {
        let (_, _, sliced) = run(&Run { slices: Some(slices), ..r() }, &[("corpus.txt", &text)]);
        assert_eq!(timeline(&sliced), timeline(&by_event), "slicing {slices}");
        assert_eq!(sliced.duration_ms, by_event.duration_ms);
    }
    let (_, _, other) = run(&Run { seed: 2, ..r() }, &[("corpus.txt", &text)]);
    assert_ne!(timeline(&by_event), timeline(&other), "another seed, other durations");
}

/// The timeline of `workload::emr_timeline` is pinned in a golden file that the browser
/// tests compare with too: a seed gives the same run natively and in wasm. After a
/// deliberate change: `UPDATE_GOLDEN=1 cargo test -p shardlab-sim --test all emr::the_timeline`.
#[test]
fn the_timeline_matches_the_golden_file_the_browser_tests_also_check() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/emr_timeline.json");
    let got = shardlab_sim::workload::emr_timeline();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path).expect("the golden file exists (UPDATE_GOLDEN=1 writes it)");
    if got != want {
        let first = got.lines().zip(want.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "the timeline differs from {} at line {}:\n  got:  {}\n  want: {}",
            path.display(),
            first + 1,
            got.lines().nth(first).unwrap_or(""),
            want.lines().nth(first).unwrap_or("")
        );
    }
    for needle in
        ["\"speculative\": true", "Map output lost with task-2", "injected failure", "\"status\": \"COMPLETED\""]
    {
        assert!(got.contains(needle), "the run exercises {needle}");
    }
}

#[test]
fn reducers_can_write_their_keys_into_a_dynamodb_table() {
    let text = corpus();
    let (mut w, _, report) =
        run(&Run { table: Some(("Words", false)), combiner: true, ..Run::default() }, &[("corpus.txt", &text)]);
    assert_eq!(report.status, "COMPLETED", "{:?}", report.failure_reason);
    assert_eq!(report.output, plain_wordcount(&text), "read back from the table's items");
    // The items are in the table itself: the top word by its count, as a learner reads it.
    let top = w.call("dynamodb", "GetItem", json!({"TableName": "Words", "Key": {"word": {"S": "the"}}})).unwrap();
    assert_eq!(top["Item"]["value"]["N"], json!(plain_wordcount(&text)["the"]));
    assert_eq!(report.output_files, ["dynamodb://Words"]);

    let (_, _, refused) = run(&Run { table: Some(("Pairs", true)), ..Run::default() }, &[("corpus.txt", &text)]);
    assert_eq!(refused.status, "FAILED");
    assert!(refused.failure_reason.unwrap().contains("sort key"));
}
