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
        (vec!["fly".to_string()], "unknown command 'fly'"),
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
