//! The exported CLI script, replayed through the page console's own parser into an empty
//! world, builds the same streams, delivery streams and buckets as the scenario it came from.
//! A shell expands `${REGION}` and `${ACCOUNT}`; here they are the lab's. Commands for what the
//! lab does not model as a service (IAM roles, Lambda functions, the account lookup) are
//! skipped, and `aws kinesis wait stream-exists` lets the lab's clock run until it would.
//! The steps each cluster is given are those the lab's Run button adds for each map step.

use shardlab_awscli::{model_service, parse, Command};
use shardlab_export::cli_script;
use shardlab_sim::kinesis::limits::{ACCOUNT_ID, REGION};
use shardlab_sim::scenario::ComponentKind;
use shardlab_sim::{Scenario, SimDuration, World};
use std::collections::BTreeMap;

/// What a world has built: streams (mode, shards, retention), delivery streams, buckets, and
/// each cluster's steps (name, JAR and arguments) by the cluster's name.
type Built = (BTreeMap<String, String>, Vec<String>, Vec<String>, BTreeMap<String, Vec<String>>);

fn built(world: &World) -> Built {
    let streams = world
        .kinesis()
        .streams
        .iter()
        .map(|(name, s)| {
            (name.clone(), format!("{:?} {} shards {} h", s.mode, s.open_shards().count(), s.retention_hours))
        })
        .collect();
    let deliveries = world.firehose().streams.keys().cloned().collect();
    let buckets = world.s3().buckets.keys().cloned().collect();
    let clusters = world
        .emr()
        .clusters
        .values()
        .map(|c| {
            let steps = c
                .steps
                .iter()
                .map(|s| {
                    let (jar, args) = shardlab_sim::emr::step_args::render(&s.kind);
                    format!("{} [{}] {jar} {}", s.name, s.action_on_failure.api_name(), args.join(" "))
                })
                .collect();
            (c.config.name.clone(), steps)
        })
        .collect();
    (streams, deliveries, buckets, clusters)
}

/// Runs the script's `aws` lines in an empty world; returns the world and the commands run.
/// `aws lambda create-function` makes the function with the script the lab ran (the export
/// asks for it to be ported to Python; the lab runs it as it is).
fn replay(script: &str, scenario: &Scenario) -> (World, usize) {
    let mut world = World::from_scenario(&Scenario::default()).unwrap();
    let mut ran = 0;
    let mut lines = script.lines();
    while let Some(line) = lines.next() {
        if line.ends_with("<<'PY'") {
            // A function's code, written to a file for `zip`: the lab has no Lambda to take it.
            lines.by_ref().find(|l| *l == "PY").expect("the here-document ends");
            continue;
        }
        let Some(command) = line.strip_prefix("aws ") else { continue };
        let line = line
            .replace("${REGION}", REGION)
            .replace("${ACCOUNT}", ACCOUNT_ID)
            .replace("${REDSHIFT_PASSWORD}", "lab-password");
        let service = command.split_whitespace().next().unwrap();
        if let Some(rest) = command.strip_prefix("lambda create-function --function-name ") {
            let name = rest.split_whitespace().next().unwrap();
            let code = scenario.components.iter().find_map(|c| match &c.kind {
                ComponentKind::FirehoseTransform(t) if t.function_name == name => Some(t.code.clone()),
                _ => None,
            });
            if let Some(code) = code {
                world.create_function(name, &code);
            }
            continue;
        }
        if ["iam", "lambda", "sts"].contains(&service) {
            continue;
        }
        if command.starts_with("kinesis wait stream-exists") {
            world.advance(SimDuration::from_secs(60));
            continue;
        }
        let call = match parse(&line) {
            Ok(Command::Call(call)) => call,
            Ok(_) => panic!("not a call: {line}"),
            Err(e) => panic!("the console cannot parse `{line}`: {e}"),
        };
        let answer = world.call(model_service(&call.service), &call.operation, call.input.clone());
        assert!(answer.is_ok(), "`{line}` was refused: {answer:?}");
        ran += 1;
        world.advance(SimDuration::from_secs(1));
    }
    world.advance(SimDuration::from_secs(60));
    (world, ran)
}

fn scenarios() -> Vec<(String, Scenario)> {
    let mut all: Vec<(String, Scenario)> = shardlab_sim::lessons::LESSONS
        .iter()
        .map(|id| (id.to_string(), shardlab_sim::lessons::lesson(id).unwrap()))
        .collect();
    for lesson in &shardlab_course::course().lessons {
        all.push((format!("lesson {}", lesson.id), Scenario::from_json(&lesson.scenario).unwrap()));
    }
    for file in ["hot_shard", "random_keys", "streams_vs_firehose", "emr_jobs"] {
        let path = format!("{}/../cli/tests/scenarios/{file}.json", env!("CARGO_MANIFEST_DIR"));
        all.push((file.into(), Scenario::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()));
    }
    all
}

#[test]
fn every_prepared_scenario_s_cli_script_rebuilds_its_streams_delivery_streams_and_buckets() {
    for (name, scenario) in scenarios() {
        let (replayed, ran) = replay(&cli_script(&scenario), &scenario);
        let mut original = World::from_scenario(&scenario).unwrap();
        for map in scenario.components.iter().filter(|c| matches!(c.kind, ComponentKind::MapStep(_))) {
            original.run_map_step(&map.id).unwrap();
        }
        original.advance(SimDuration::from_secs(60));
        let (want, got) = (built(&original), built(&replayed));
        assert!(ran > 0, "{name}: the script runs commands in the lab");
        assert_eq!(got, want, "{name}: the script builds what the scenario has");
    }
}
