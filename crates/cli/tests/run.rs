//! `shardlab run` as a user calls it: real files, the real binary, its output and exit code.

use std::path::PathBuf;
use std::process::Command;

fn shardlab(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_shardlab")).args(args).output().expect("the shardlab binary runs");
    (out.status.success(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn scenario(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios").join(name).display().to_string()
}

#[test]
fn run_prints_a_json_report_at_the_requested_time() {
    let (ok, out, err) = shardlab(&["run", &scenario("empty.json"), "--until", "90s"]);
    assert!(ok, "stderr: {err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["clock_ms"], 90_000);
    assert_eq!(report["clock"], "00:01:30.000");
    assert_eq!(report["scenario"], "Empty lab");
    assert_eq!(report["ledger_balances"], true);
}

#[test]
fn bad_input_gets_one_line_naming_the_problem_and_a_failing_exit() {
    let cases = [
        (vec!["run".to_string(), scenario("too_new.json")], "newer than this ShardLab"),
        (vec!["run".to_string(), scenario("not_json.json")], "not valid JSON"),
        (vec!["run".to_string(), scenario("missing.json")], "cannot read"),
        (vec!["run".to_string(), scenario("empty.json"), "--until".into(), "soon".into()], "--until"),
        (vec!["fly".to_string()], "unrecognized subcommand 'fly'"),
        (vec![], "no command"),
    ];
    for (args, expected) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (ok, out, err) = shardlab(&args);
        assert!(!ok, "{args:?} should fail");
        assert!(out.is_empty(), "{args:?} printed a report on failure: {out}");
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: one line expected, got {err:?}");
        assert!(err.contains(expected), "{args:?}: {err:?} should mention {expected:?}");
    }
}

/// The first line where `want` and `got` part, with the two lines before it, as a reader of
/// a failing golden test needs it (the whole reports are hundreds of lines).
fn first_difference(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    let at = w.iter().zip(&g).position(|(a, b)| a != b).unwrap_or(w.len().min(g.len()));
    let mut out: Vec<String> = w[at.saturating_sub(2)..at].iter().map(|l| format!("    {l}")).collect();
    out.push(format!("  - {}", w.get(at).copied().unwrap_or("(end of file)")));
    out.push(format!("  + {}", g.get(at).copied().unwrap_or("(end of output)")));
    format!("line {}:\n{}", at + 1, out.join("\n"))
}

#[test]
fn a_golden_difference_is_shown_where_it_is() {
    let shown = first_difference("a\nb\nc\nd\n", "a\nb\nX\nd\n");
    assert_eq!(shown, "line 3:\n    a\n    b\n  - c\n  + X");
    assert!(first_difference("a\n", "a\nb\n").contains("(end of file)"));
}

/// Golden scenario reports: `tests/scenarios/NAME.json` run for 30 s must print
/// `tests/scenarios/NAME.report.json`. Regenerate after a deliberate change with
/// `UPDATE_GOLDEN=1 cargo test -p shardlab-cli --test run` and review the diff.
#[test]
fn scenario_reports_match_the_golden_files() {
    for (name, until) in
        [("hot_shard", "30s"), ("random_keys", "30s"), ("streams_vs_firehose", "150s"), ("page_views_sql", "200s")]
    {
        let (ok, out, err) = shardlab(&["run", &scenario(&format!("{name}.json")), "--until", until]);
        assert!(ok, "{name}: {err}");
        let golden = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/scenarios/{name}.report.json"));
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&golden, &out).unwrap();
        }
        let expected = std::fs::read_to_string(&golden)
            .unwrap_or_else(|_| panic!("missing {}: run with UPDATE_GOLDEN=1", golden.display()));
        if out != expected {
            panic!("{name}: the report differs from {}:\n{}", golden.display(), first_difference(&expected, &out));
        }
    }
}

#[test]
fn the_lessons_print_as_scenarios_the_cli_runs() {
    let (ok, out, err) = shardlab(&["lesson", "streams-vs-firehose"]);
    assert!(ok, "{err}");
    let saved = std::fs::read_to_string(scenario("streams_vs_firehose.json")).unwrap();
    assert_eq!(out.trim_end(), saved.trim_end(), "the golden scenario is the lesson as printed");
    let (ok, out, err) = shardlab(&["lesson", "page-views-sql"]);
    assert!(ok, "{err}");
    let saved = std::fs::read_to_string(scenario("page_views_sql.json")).unwrap();
    assert_eq!(out.trim_end(), saved.trim_end(), "the golden scenario is the lesson as printed");
    let (ok, _, err) = shardlab(&["lesson", "nope"]);
    assert!(!ok && err.contains("streams-vs-firehose"), "{err}");
}

#[test]
fn the_hot_shard_scenario_throttles_one_shard_and_random_keys_none() {
    let report = |name: &str| -> serde_json::Value {
        let (ok, out, err) = shardlab(&["run", &scenario(name), "--until", "30s"]);
        assert!(ok, "{err}");
        serde_json::from_str(&out).unwrap()
    };
    let throttled = |r: &serde_json::Value, shard: &str| {
        r["metrics"][format!("StreamName=clicks,ShardId={shard}")]["WriteProvisionedThroughputExceeded"]["sum"]
            .as_f64()
            .unwrap_or(0.0)
    };
    let hot = report("hot_shard.json");
    let (a, b) = (throttled(&hot, "shardId-000000000000"), throttled(&hot, "shardId-000000000001"));
    assert!((a > 0.0) != (b > 0.0), "exactly one shard throttles: {a} / {b}");
    let random = report("random_keys.json");
    assert_eq!(throttled(&random, "shardId-000000000000") + throttled(&random, "shardId-000000000001"), 0.0);
    assert_eq!(random["ledger_balances"], true);
}

#[test]
fn export_prints_a_template_or_a_script_and_refuses_a_bad_format() {
    let (ok, out, err) = shardlab(&["export", "--format", "cloudformation", &scenario("hot_shard.json")]);
    assert!(ok, "stderr: {err}");
    assert!(out.starts_with("# ShardLab export of the scenario"), "{out}");
    assert!(out.contains("Type: AWS::Kinesis::Stream"), "{out}");
    let (ok, out, err) = shardlab(&["export", "--format", "cli", &scenario("hot_shard.json")]);
    assert!(ok, "stderr: {err}");
    assert!(out.starts_with("#!/bin/sh\n"), "{out}");
    assert!(out.contains("aws kinesis create-stream --stream-name "), "{out}");
    let (ok, _, err) = shardlab(&["export", "--format", "terraform", &scenario("hot_shard.json")]);
    assert!(!ok);
    assert!(err.contains("terraform") && err.lines().count() == 1, "{err}");
    let (ok, _, err) = shardlab(&["export", "--format", "cli", &scenario("too_new.json")]);
    assert!(!ok && err.contains("newer than this ShardLab"), "{err}");
}
