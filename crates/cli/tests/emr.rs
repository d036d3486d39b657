//! `shardlab emr` as a user calls it: real files, the real binary, one JSON report.

use std::collections::BTreeMap;
use std::process::Command;

fn shardlab(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_shardlab")).args(args).output().expect("the shardlab binary runs");
    (out.status.success(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn input(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("shardlab-emr-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn wordcount_reports_the_job_as_hadoop_ran_it() {
    let line = "the quick brown fox jumps over the lazy dog\n";
    let text = line.repeat(500);
    let file = input("fox.txt", &text);
    // 22,000 bytes at 1,000 bytes per MB with 5 MB splits: 5 splits of 5,000 bytes (the last 2,000).
    let (ok, out, err) = shardlab(&[
        "emr",
        "--input",
        &file,
        "--job",
        "wordcount",
        "--bytes-per-mb",
        "1000",
        "--split-mb",
        "5",
        "--reducers",
        "2",
    ]);
    assert!(ok, "{err}");
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["status"], "COMPLETED");
    assert_eq!(r["failure_reason"], serde_json::Value::Null);
    let output: BTreeMap<String, String> = serde_json::from_value(r["output"].clone()).unwrap();
    assert_eq!(output["the"], "1000");
    assert_eq!(output["fox"], "500");
    assert_eq!(output.len(), 8);
    assert_eq!((r["map_tasks"].as_u64(), r["reduce_tasks"].as_u64()), (Some(5), Some(2)));
    assert_eq!(r["containers"], 6, "2 core m5.xlarge: 4 + 4 map containers, less 2 for the ApplicationMaster");
    assert_eq!(r["waves"], 1);
    assert_eq!(r["splits"][4], serde_json::json!({"file": "hdfs:///input/fox.txt", "offset": 20000, "length": 2000}));
    assert_eq!(r["attempts"]["m_000000"], 1);
    // Maps run where their block is while that node has room; the rest read it over the network.
    let local = r["data_local_maps"].as_u64().unwrap();
    assert!(local >= 1);
    assert_eq!(local + r["counters"]["rack_local_maps"].as_u64().unwrap(), 5);
    assert!(r["shuffle_bytes"].as_u64().unwrap() > text.len() as u64, "no combiner: every (word, 1) is shuffled");
    assert!(r["duration_ms"].as_u64().unwrap() > 0);
}

#[test]
fn a_failing_task_and_a_lost_core_node_are_reported() {
    let file = input("words.txt", &"alpha beta gamma\n".repeat(2_000));
    let (ok, out, err) = shardlab(&[
        "emr",
        "--input",
        &file,
        "--job",
        "wordcount",
        "--bytes-per-mb",
        "100",
        "--fail-task",
        "m_000001:4",
    ]);
    assert!(ok, "{err}");
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["status"], "FAILED");
    assert!(r["failure_reason"].as_str().unwrap().contains("m_000001 failed 4 times"));
    assert_eq!(r["attempts"]["m_000001"], 4);

    let (ok, out, _) = shardlab(&[
        "emr",
        "--input",
        &file,
        "--job",
        "wordcount",
        "--bytes-per-mb",
        "100",
        "--replication",
        "1",
        "--lose-core-at",
        "3",
    ]);
    assert!(ok);
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["status"], "FAILED");
    assert!(r["failure_reason"].as_str().unwrap().contains("Could not obtain block: BP-lab:blk_"));
}

#[test]
fn bad_options_get_one_line_naming_the_rule() {
    let file = input("x.txt", "x\n");
    let cases: [(&[&str], &str); 5] = [
        (&["--job", "grep"], "no built-in job 'grep'"),
        (&["--job", "wordcount", "--instance-type", "t2.micro"], "no instance type 't2.micro'"),
        (&["--job", "wordcount", "--reclaim-spot-at", "10"], "needs Spot task nodes"),
        (&["--job", "wordcount", "--fail-task", "m_000000"], "NAME:NUMBER"),
        (&["--job", "wordcount", "--core", "0"], "1 to 20 core nodes"),
    ];
    for (extra, expected) in cases {
        let mut args = vec!["emr", "--input", &file];
        args.extend_from_slice(extra);
        let (ok, out, err) = shardlab(&args);
        assert!(!ok && out.is_empty(), "{args:?}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(err.contains(expected), "{args:?}: {err}");
    }
}

#[test]
fn a_script_job_runs_its_mapper_combiner_and_reducer_as_a_streaming_step() {
    let text = "to be or not to be\nthat is the question\n".repeat(300);
    let file = input("hamlet.txt", &text);
    let script = input(
        "count.rhai",
        "fn mapper(line, file) { line.split(\" \").filter(|w| w != \"\").map(|w| [w, 1]) }\n\
         fn combiner(key, values) { [values.reduce(|s, v| s + parse_int(v), 0)] }\n\
         fn reducer(key, values) { values.reduce(|s, v| s + parse_int(v), 0) }\n",
    );
    let args = |extra: &[&str]| {
        let mut a = vec!["emr", "--input", &file, "--bytes-per-mb", "50", "--reducers", "2"];
        a.extend_from_slice(extra);
        let (ok, out, err) = shardlab(&a);
        assert!(ok, "{err}");
        serde_json::from_str::<serde_json::Value>(&out).unwrap()
    };
    let scripted = args(&["--script", &script, "--combiner"]);
    let builtin = args(&["--job", "wordcount", "--combiner"]);
    assert_eq!(scripted["status"], "COMPLETED", "{}", scripted["failure_reason"]);
    assert_eq!(scripted["output"], builtin["output"]);
    assert_eq!(scripted["output"]["be"], "600");
    assert!(scripted["map_tasks"].as_u64().unwrap() > 1);

    let looping = input("loop.rhai", "fn mapper(line, file) { loop { } }\nfn reducer(key, values) { 0 }\n");
    let failed = args(&["--script", &looping]);
    assert_eq!(failed["status"], "FAILED");
    let reason = failed["failure_reason"].as_str().unwrap();
    assert!(reason.contains("failed 4 times") && reason.contains("budget"), "{reason}");

    let broken = input("broken.rhai", "fn mapper(line, file) { [ }\nfn reducer(key, values) { 0 }\n");
    let failed = args(&["--script", &broken]);
    assert_eq!(failed["status"], "FAILED");
    assert!(failed["failure_reason"].as_str().unwrap().contains("Script error"), "{}", failed["failure_reason"]);
}

#[test]
fn output_table_writes_one_dynamodb_item_per_key() {
    let file = input("table.txt", &"alpha beta beta\ngamma beta\n".repeat(100));
    let run = |extra: &[&str]| {
        let mut a = vec!["emr", "--input", &file, "--job", "wordcount"];
        a.extend_from_slice(extra);
        let (ok, out, err) = shardlab(&a);
        assert!(ok, "{err}");
        serde_json::from_str::<serde_json::Value>(&out).unwrap()
    };
    let table = run(&["--output-table", "Words"]);
    let files = run(&[]);
    assert_eq!(table["status"], "COMPLETED", "{}", table["failure_reason"]);
    assert_eq!(table["output"], files["output"]);
    assert_eq!(table["output"]["beta"], "300");
    assert_eq!(table["output_files"], serde_json::json!(["dynamodb://Words"]));
}
