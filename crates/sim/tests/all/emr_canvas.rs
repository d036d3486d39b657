//! EMR placed on the canvas: a bucket with sample data, a cluster, a map step and a reduce
//! step wired to a DynamoDB table or a bucket. The scenario makes the cluster and the table;
//! running the map step adds its steps; edits go through ModifyInstanceGroups' rules. The
//! world's books are audited at the end of every test.

use shardlab_sim::catalogue::new_component;
use shardlab_sim::emr::cluster::{ClusterState, Fault};
use shardlab_sim::emr::datasets::Dataset;
use shardlab_sim::emr::job::AttemptState;
use shardlab_sim::emr::step::StepState;
use shardlab_sim::pipeline::delivery_settings::SampleData;
use shardlab_sim::pipeline::emr_settings::{InputSource, TaskMarket};
use shardlab_sim::scenario::{ComponentKind, WireSpec};
use shardlab_sim::stores::dynamodb::AttributeValue;
use shardlab_sim::wiring::Kind;
use shardlab_sim::world::emr_canvas::RunRefusal;
use shardlab_sim::{Scenario, ScenarioError, SimDuration, World};
use std::collections::BTreeMap;

const SAMPLE_KIB: u32 = 256;

/// bucket (corpus sample) → map ← cluster; map → reduce → table.
fn scenario() -> Scenario {
    let mut s = Scenario::default();
    for kind in [Kind::S3Bucket, Kind::EmrCluster, Kind::MapStep, Kind::ReduceStep, Kind::DynamoDbTable] {
        s.components.push(new_component(&s, kind, 0.0, 0.0));
    }
    if let ComponentKind::S3Bucket(b) = &mut s.components[0].kind {
        b.sample = Some(SampleData { dataset: Dataset::Corpus, kib: SAMPLE_KIB });
    }
    let wire = |from: &str, to: &str| WireSpec { from: from.into(), to: to.into() };
    s.wires = vec![wire("bucket", "map"), wire("cluster", "map"), wire("map", "reduce"), wire("reduce", "table")];
    s
}

fn edit(s: &mut Scenario, id: &str, f: impl FnOnce(&mut ComponentKind)) {
    f(&mut s.components.iter_mut().find(|c| c.id == id).unwrap().kind);
}

/// Runs the clock until the cluster waits for steps (it starts and bootstraps first).
fn until_waiting(w: &mut World) {
    for _ in 0..100 {
        if w.canvas_cluster("cluster").is_some_and(|c| c.state == ClusterState::Waiting) {
            return;
        }
        w.advance(SimDuration::from_secs(30));
    }
    panic!("the cluster never reached WAITING");
}

/// Runs the clock until the map step's last run has ended; returns its MapReduce step's state.
fn until_done(w: &mut World) -> StepState {
    for _ in 0..2_000 {
        let run = w.emr_runs("map").last().expect("a run").clone();
        let c = w.canvas_cluster("cluster").unwrap();
        let step = c.steps.iter().find(|s| Some(&s.id) == run.steps.last()).unwrap();
        if matches!(step.state, StepState::Completed | StepState::Failed | StepState::Cancelled) {
            return step.state;
        }
        w.advance(SimDuration::from_secs(5));
        w.audit_ledger().unwrap();
    }
    panic!("the job never ended");
}

fn words_of(text: &[u8]) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for w in String::from_utf8_lossy(text).split_whitespace() {
        *counts.entry(w.to_string()).or_insert(0) += 1;
    }
    counts
}

#[test]
fn word_count_from_the_sample_bucket_lands_in_the_table() {
    let mut w = World::from_scenario(&scenario()).unwrap();
    let sample = w.stores().s3.buckets["lab-bucket"].objects["sample/corpus.txt"].body().into_owned();
    assert!(sample.len() >= SAMPLE_KIB as usize * 1024, "the bucket holds its sample data");
    // A starting cluster takes steps: they wait, PENDING, until it is ready.
    let ids = w.run_map_step("map").unwrap();
    assert_eq!(ids.len(), 2, "an s3-dist-cp copy into HDFS, then the job");
    until_waiting(&mut w);
    assert_eq!(until_done(&mut w), StepState::Completed);
    let table = w.dynamodb().table("table").unwrap();
    let mut items = BTreeMap::new();
    for item in table.items() {
        let (Some(AttributeValue::S(k)), Some(AttributeValue::N(v))) = (item.get("key"), item.get("value")) else {
            panic!("an item without key and value: {item:?}");
        };
        items.insert(k.clone(), v.to_string().parse::<u64>().unwrap());
    }
    assert_eq!(items, words_of(&sample), "the table holds a straightforward count of the sample");
    w.audit_ledger().unwrap();
}

fn run_once(s: Scenario, during: impl FnOnce(&mut World)) -> (World, StepState) {
    let mut w = World::from_scenario(&s).unwrap();
    until_waiting(&mut w);
    w.run_map_step("map").unwrap();
    // Into the job: past the copy and the first maps' start.
    for _ in 0..200 {
        let running = w.canvas_cluster("cluster").unwrap().steps.last().unwrap().state == StepState::Running;
        if running && w.canvas_cluster("cluster").unwrap().steps.last().unwrap().job.is_some() {
            break;
        }
        w.advance(SimDuration::from_secs(1));
    }
    w.advance(SimDuration::from_secs(10));
    during(&mut w);
    let state = until_done(&mut w);
    (w, state)
}

#[test]
fn a_reclaimed_spot_node_reruns_its_tasks_and_the_output_is_unchanged() {
    // A job longer than the two-minute notice: 4 MiB at 128 bytes a MB is 256 splits.
    let mut long = scenario();
    edit(&mut long, "bucket", |k| {
        if let ComponentKind::S3Bucket(b) = k {
            b.sample = Some(SampleData { dataset: Dataset::Corpus, kib: 4096 });
        }
    });
    edit(&mut long, "cluster", |k| {
        if let ComponentKind::EmrCluster(c) = k {
            c.bytes_per_mb = 128;
            c.task_count = 2;
            c.task_market = TaskMarket::Spot;
        }
    });
    let (plain, state) = run_once(long.clone(), |_| {});
    assert_eq!(state, StepState::Completed);
    // The notice comes while task-1 runs maps (new ones are not placed on it after).
    let reclaim = |w: &mut World| {
        let busy = |w: &World| {
            let c = w.canvas_cluster("cluster").unwrap();
            c.nodes[c.node_index("task-1").unwrap()].running_containers() > 0
        };
        while !busy(w) {
            w.advance(SimDuration::from_secs(1));
        }
        w.emr_fault("cluster", Fault::ReclaimSpot("task-1".into())).unwrap()
    };
    let (w, state) = run_once(long, reclaim);
    assert_eq!(state, StepState::Completed);
    let c = w.canvas_cluster("cluster").unwrap();
    let task_1 = c.node_index("task-1").unwrap();
    assert!(c.nodes[task_1].is_gone(), "EC2 took the node back");
    let job = c.steps.last().unwrap().job.clone().unwrap();
    let killed: Vec<_> = job.attempts.iter().filter(|a| a.node == task_1 && a.state == AttemptState::Killed).collect();
    assert!(!killed.is_empty(), "task-1's work was killed with it");
    for k in killed {
        let task = &job.tasks[k.task];
        assert!(
            task.attempts
                .iter()
                .any(|&a| job.attempts[a].node != task_1 && job.attempts[a].state == AttemptState::Succeeded),
            "{} reran elsewhere",
            task.name
        );
    }
    let items = |w: &World| w.dynamodb().table("table").unwrap().items().cloned().collect::<Vec<_>>();
    assert_eq!(items(&w), items(&plain));
}

#[test]
fn losing_a_core_node_with_replication_1_fails_the_step_naming_the_lost_blocks() {
    let (w, state) = run_once(scenario(), |w| w.emr_fault("cluster", Fault::LoseNode("core-2".into())).unwrap());
    assert_eq!(state, StepState::Failed);
    let step = w.canvas_cluster("cluster").unwrap().steps.last().unwrap().clone();
    let reason = step.failure.unwrap_or_default();
    assert!(reason.contains("blk_"), "the failure names the lost blocks: {reason}");
    // Read straight from S3 through EMRFS, nothing is lost with the node.
    let mut s = scenario();
    edit(&mut s, "map", |k| {
        if let ComponentKind::MapStep(m) = k {
            m.input_from = InputSource::S3;
        }
    });
    let (_, state) = run_once(s, |w| w.emr_fault("cluster", Fault::LoseNode("core-2".into())).unwrap());
    assert_eq!(state, StepState::Completed);
}

#[test]
fn edits_follow_modify_instance_groups_and_its_refusals() {
    let mut s = scenario();
    edit(&mut s, "cluster", |k| {
        if let ComponentKind::EmrCluster(c) = k {
            c.core_count = 4;
        }
    });
    let mut w = World::from_scenario(&s).unwrap();
    // Before its first step, a cluster set up differently is a new cluster.
    let first = w.canvas_cluster("cluster").unwrap().id.clone();
    let mut spot = s.clone();
    edit(&mut spot, "cluster", |k| {
        if let ComponentKind::EmrCluster(c) = k {
            c.task_market = TaskMarket::Spot;
        }
    });
    w.sync(&spot).unwrap();
    assert_ne!(w.canvas_cluster("cluster").unwrap().id, first);
    assert_eq!(w.emr().cluster(&first).unwrap().state, ClusterState::Terminating);
    w.sync(&s).unwrap();
    until_waiting(&mut w);
    assert_eq!(w.canvas_cluster("cluster").unwrap().config.replication(), 2);
    w.run_map_step("map").unwrap();
    let mut shrink = s.clone();
    edit(&mut shrink, "cluster", |k| {
        if let ComponentKind::EmrCluster(c) = k {
            c.core_count = 1;
        }
    });
    match w.sync(&shrink) {
        Err(ScenarioError::BadSetting { setting: "core_count", rule, .. }) => {
            assert!(rule.contains("replication"), "{rule}")
        }
        other => panic!("shrinking below the replication factor must be refused, got {other:?}"),
    }
    assert_eq!(w.scenario(), &s, "a refused edit changes nothing");
    let mut other_type = s.clone();
    edit(&mut other_type, "cluster", |k| {
        if let ComponentKind::EmrCluster(c) = k {
            c.instance_type = "r4.xlarge".into();
        }
    });
    assert!(matches!(w.sync(&other_type), Err(ScenarioError::BadSetting { setting: "running_cluster", .. })));
    let mut grow = s.clone();
    edit(&mut grow, "cluster", |k| {
        if let ComponentKind::EmrCluster(c) = k {
            c.task_count = 3;
        }
    });
    w.sync(&grow).unwrap();
    let c = w.canvas_cluster("cluster").unwrap();
    assert_eq!(c.nodes.iter().filter(|n| n.role == shardlab_sim::emr::node::NodeRole::Task).count(), 3);
    // Removing the cluster from the canvas terminates it.
    let mut gone = grow.clone();
    gone.components.retain(|c| c.id != "cluster");
    gone.wires.retain(|w| w.from != "cluster");
    let cid = w.canvas_cluster("cluster").unwrap().id.clone();
    w.sync(&gone).unwrap();
    assert!(w.emr().cluster(&cid).unwrap().state == ClusterState::Terminating);
    w.audit_ledger().unwrap();
}

#[test]
fn a_step_that_cannot_run_says_which_wire_is_missing() {
    let mut s = scenario();
    s.wires.retain(|w| w.from != "bucket");
    let mut w = World::from_scenario(&s).unwrap();
    assert_eq!(w.run_map_step("map"), Err(RunRefusal::NoInputBucket));
    assert_eq!(w.run_map_step("reduce"), Err(RunRefusal::NotAMapStep));
    let mut s = scenario();
    s.wires.retain(|w| w.from != "reduce");
    let mut w = World::from_scenario(&s).unwrap();
    assert_eq!(w.run_map_step("map"), Err(RunRefusal::NoOutput));
    assert!(RunRefusal::NoOutput.to_string().contains("DynamoDB table"));
    // Writing into the bucket it reads, with no input prefix, would read its own output.
    let mut s = scenario();
    s.wires.retain(|w| w.from != "reduce");
    s.wires.push(WireSpec { from: "reduce".into(), to: "bucket".into() });
    let mut w = World::from_scenario(&s).unwrap();
    assert_eq!(w.run_map_step("map"), Err(RunRefusal::ReadsItsOwnOutput));
    edit(&mut s, "map", |k| {
        if let ComponentKind::MapStep(m) = k {
            m.input_prefix = "sample/".into();
        }
    });
    w.sync(&s).unwrap();
    until_waiting(&mut w);
    w.run_map_step("map").unwrap();
    assert_eq!(until_done(&mut w), StepState::Completed);
    let out = &w.stores().s3.buckets["lab-bucket"].objects;
    assert!(out.contains_key("emr-output/map-run-1/_SUCCESS"), "{:?}", out.keys().collect::<Vec<_>>());
    assert!(out.contains_key("emr-output/map-run-1/part-r-00000"));
}

#[test]
fn the_same_scenario_gives_the_same_job_timeline() {
    let timeline = || {
        let (w, _) = run_once(scenario(), |_| {});
        let job = w.canvas_cluster("cluster").unwrap().steps.last().unwrap().job.clone().unwrap();
        job.attempts.iter().map(|a| format!("{} {} {} {}", a.id, a.node, a.start, a.end)).collect::<Vec<_>>()
    };
    let first = timeline();
    assert!(first.len() > 2);
    assert_eq!(first, timeline());
}

#[test]
fn the_lesson_counts_page_views_per_hour_from_firehose_objects_into_dynamodb() {
    let lesson = shardlab_sim::lessons::lesson("clickstream-to-dynamodb").unwrap();
    let mut w = World::from_scenario(&lesson).unwrap();
    // Eight minutes of clicks: the cluster is WAITING by then, S3 holds several objects.
    w.advance(SimDuration::from_secs(8 * 60));
    assert!(w.canvas_cluster("cluster").is_some_and(|c| c.state == ClusterState::Waiting));
    w.run_map_step("count-views").unwrap();
    let objects = w.stores().s3.buckets["lab-clicks"].objects.len();
    assert!(objects >= 5, "Firehose delivered once a minute: {objects} objects");
    for _ in 0..400 {
        w.advance(SimDuration::from_secs(5));
        let c = w.canvas_cluster("cluster").unwrap();
        if c.steps.last().is_some_and(|s| matches!(s.state, StepState::Completed | StepState::Failed)) {
            break;
        }
    }
    let c = w.canvas_cluster("cluster").unwrap();
    let step = c.steps.last().unwrap();
    assert_eq!(step.state, StepState::Completed, "{:?}", step.failure);
    // Every view the producer sent before the last delivery is counted, per hour.
    let table = w.dynamodb().table("pageviews").unwrap();
    assert!(table.item_count() >= 1);
    let views: f64 = table.items().map(|i| i["value"].as_n().unwrap().to_f64()).sum();
    // Counted again, straight from the objects the job read (those there when it started):
    // each line a record, each record's action.
    let started = step.job.as_ref().unwrap().started;
    let by_hand: usize = w.stores().s3.buckets["lab-clicks"]
        .objects
        .values()
        .filter(|o| o.written <= started)
        .flat_map(|o| String::from_utf8_lossy(&o.body()).lines().map(str::to_string).collect::<Vec<_>>())
        .filter(|line| serde_json::from_str::<serde_json::Value>(line).is_ok_and(|v| v["action"] == "view"))
        .count();
    assert!(by_hand > 0);
    assert_eq!(views as usize, by_hand);
    w.audit_ledger().unwrap();
}

#[test]
fn a_script_job_reads_a_dynamodb_table_and_loads_a_redshift_table() {
    use shardlab_sim::pipeline::emr_settings::StepProgram;
    let mut s = Scenario::default();
    for kind in [Kind::DynamoDbTable, Kind::EmrCluster, Kind::MapStep, Kind::ReduceStep, Kind::Redshift] {
        s.components.push(new_component(&s, kind, 0.0, 0.0));
    }
    edit(&mut s, "redshift", |k| {
        if let ComponentKind::Redshift(r) = k {
            r.table = "word_counts".into();
            r.columns = "word,n".into();
        }
    });
    // Each item holds a sentence; the mapper parses the item's DynamoDB JSON.
    let code = r#"
fn mapper(line, file) {
    let item = parse_json(line);
    item.text.S.split(" ").filter(|w| w != "").map(|w| [w, 1])
}
fn reducer(key, values) { values.reduce(|sum, v| sum + parse_int(v), 0) }
"#;
    edit(&mut s, "map", |k| {
        if let ComponentKind::MapStep(m) = k {
            m.program = StepProgram::Script { code: code.into() };
            // The script defines no combiner (with the box ticked, the step fails saying so).
            m.combiner = false;
        }
    });
    let wire = |from: &str, to: &str| WireSpec { from: from.into(), to: to.into() };
    s.wires = vec![wire("table", "map"), wire("cluster", "map"), wire("map", "reduce"), wire("reduce", "redshift")];
    let mut w = World::from_scenario(&s).unwrap();
    let sentences = ["the cat sat", "the dog ran", "a cat and the dog"];
    w.with_dynamodb(|db, _| {
        for (i, text) in sentences.iter().enumerate() {
            let item = [
                ("key".to_string(), AttributeValue::s(format!("s{i}"))),
                ("text".to_string(), AttributeValue::s(*text)),
            ];
            db.put_item("table", item.into_iter().collect()).unwrap();
        }
    });
    until_waiting(&mut w);
    let ids = w.run_map_step("map").unwrap();
    assert_eq!(ids.len(), 1, "a table is scanned by the job itself: no copy into HDFS");
    let state = until_done(&mut w);
    let failure = w.canvas_cluster("cluster").unwrap().steps.last().unwrap().failure.clone();
    assert_eq!(state, StepState::Completed, "{failure:?}");
    let table = &w.stores().redshift.clusters["redshift"].tables["word_counts"];
    let rows: BTreeMap<String, u64> = table.rows.iter().map(|r| (r[0].clone(), r[1].parse().unwrap())).collect();
    assert_eq!(rows, words_of(sentences.join("\n").as_bytes()));
    // A second step reads the Redshift table back (UNLOAD's `word|n` lines) and sums the
    // counts into a bucket: the total is the number of words.
    let mut back = s.clone();
    for kind in [Kind::MapStep, Kind::ReduceStep, Kind::S3Bucket] {
        back.components.push(new_component(&back, kind, 0.0, 0.0));
    }
    let total = r#"
fn mapper(line, file) { let f = line.split("|"); [["words", parse_int(f[1])]] }
fn reducer(key, values) { values.reduce(|sum, v| sum + parse_int(v), 0) }
"#;
    edit(&mut back, "map-2", |k| {
        if let ComponentKind::MapStep(m) = k {
            m.program = StepProgram::Script { code: total.into() };
            m.combiner = false;
        }
    });
    back.wires.extend([
        wire("redshift", "map-2"),
        wire("cluster", "map-2"),
        wire("map-2", "reduce-2"),
        wire("reduce-2", "bucket"),
    ]);
    w.sync(&back).unwrap();
    let before = w.emr_runs("map-2").len();
    w.run_map_step("map-2").unwrap();
    assert_eq!(w.emr_runs("map-2").len(), before + 1);
    for _ in 0..400 {
        w.advance(SimDuration::from_secs(5));
        if w.canvas_cluster("cluster")
            .unwrap()
            .steps
            .last()
            .is_some_and(|s| matches!(s.state, StepState::Completed | StepState::Failed))
        {
            break;
        }
    }
    let step = w.canvas_cluster("cluster").unwrap().steps.last().unwrap().clone();
    assert_eq!(step.state, StepState::Completed, "{:?}", step.failure);
    let part = &w.stores().s3.buckets["lab-bucket"].objects["emr-output/map-2-run-1/part-r-00000"];
    let words: usize = sentences.iter().map(|t| t.split_whitespace().count()).sum();
    assert_eq!(String::from_utf8_lossy(&part.body()), format!("words\t{words}\n"));
    w.sync(&s).unwrap();

    // A table of the wrong shape: COPY refuses the load, and the step fails saying why.
    let mut wrong = s.clone();
    edit(&mut wrong, "redshift", |k| {
        if let ComponentKind::Redshift(r) = k {
            r.table = "events".into();
            r.columns = "a,b,c".into();
        }
    });
    w.sync(&wrong).unwrap();
    w.run_map_step("map").unwrap();
    assert_eq!(until_done(&mut w), StepState::Failed);
    let failure = w.canvas_cluster("cluster").unwrap().steps.last().unwrap().failure.clone().unwrap();
    assert!(failure.contains("stl_load_errors"), "Redshift's own words: {failure}");
    let errors = &w.stores().redshift.clusters["redshift"].load_errors;
    assert!(errors.iter().any(|e| e.table == "events" && e.reason.contains("2 fields for 3 columns")), "{errors:?}");
}

#[test]
fn a_transient_cluster_terminates_after_its_last_step_and_takes_no_more() {
    let mut s = scenario();
    edit(&mut s, "cluster", |k| {
        if let ComponentKind::EmrCluster(c) = k {
            c.auto_terminate = true;
        }
    });
    let mut w = World::from_scenario(&s).unwrap();
    until_waiting(&mut w);
    w.run_map_step("map").unwrap();
    assert_eq!(until_done(&mut w), StepState::Completed);
    w.advance(SimDuration::from_secs(120));
    let c = w.canvas_cluster("cluster").unwrap();
    assert_eq!(c.state, ClusterState::Terminated, "no step left: the cluster went away");
    assert_eq!(w.run_map_step("map"), Err(RunRefusal::ClusterEnded("TERMINATED")));
    // The items it wrote outlive it: EMR keeps nothing, the table keeps them.
    assert!(w.dynamodb().table("table").unwrap().item_count() > 0);
    w.audit_ledger().unwrap();
}
