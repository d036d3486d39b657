//! The PySpark export of every built-in job gives, on a real Spark, exactly the output the
//! lab's cluster gives on the same input. Needs Spark, so it is ignored by a plain
//! `cargo test`: `cargo xtask test` installs PySpark in a venv (and Java 17) and runs it with
//! `--ignored` and SHARDLAB_SPARK_SUBMIT set to the venv's spark-submit.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn shardlab(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_shardlab")).args(args).output().expect("the shardlab binary runs");
    assert!(out.status.success(), "shardlab {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Every `key<TAB>value` line of the part files Spark wrote into `dir`.
fn spark_output(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut parts: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("part-"))
        .collect();
    parts.sort();
    for part in parts {
        for line in std::fs::read_to_string(&part).unwrap().lines() {
            let (k, v) = line.split_once('\t').unwrap_or((line, ""));
            assert!(out.insert(k.to_string(), v.to_string()).is_none(), "Spark wrote the key {k:?} twice");
        }
    }
    out
}

#[test]
#[ignore = "needs Spark: cargo xtask test installs it and runs this"]
fn spark_runs_every_exported_job_to_the_labs_output() {
    let spark_submit = std::env::var_os("SHARDLAB_SPARK_SUBMIT")
        .expect("SHARDLAB_SPARK_SUBMIT names spark-submit (cargo xtask test sets it up)");
    let work = std::env::temp_dir().join(format!("shardlab-pyspark-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    // (job, dataset, extra input lines that test an edge of the rules)
    let cases = [
        ("wordcount", "corpus", "tabs\tand\x0cform feeds  and\u{a0}no-break spaces\r\nend"),
        ("inverted-index", "corpus", "Ünïcödé words, Mixed CASE and digits 42"),
        ("log-levels", "app-logs", "[ERROR] bracketed\nno level at all\nWARN"),
        ("pageviews-per-hour", "access-logs", "{\"page\":\"/\",\"timestamp\":\"2026-11-30T23:59:59Z\"}\n{\"page\":\"/x\",\"action\":\"click\",\"timestamp\":1764547200}"),
        ("top-n", "iot-readings", "k,5\nk,-1.5\nk,5.0\nk,x\nk,10."),
        ("average-by-key", "iot-readings", "neg,-0.005\nneg,-0.004\nhalf,0.125\nhalf,0.13"),
    ];
    for (job, dataset, extra) in cases {
        let dir = work.join(job);
        let input = dir.join("input");
        std::fs::create_dir_all(&input).unwrap();
        let data = shardlab_sim::emr::datasets::Dataset::from_name(dataset).unwrap().generate(60_000, 3);
        std::fs::write(input.join(format!("{dataset}.txt")), &data).unwrap();
        std::fs::write(input.join("edges.txt"), extra).unwrap();
        let files: Vec<String> = ["edges.txt".to_string(), format!("{dataset}.txt")]
            .iter()
            .map(|f| input.join(f).display().to_string())
            .collect();
        let report = shardlab(&[
            "emr",
            "--job",
            job,
            "--reducers",
            "3",
            "--bytes-per-mb",
            "1000",
            "--input",
            &files[0],
            &files[1],
        ]);
        let report: serde_json::Value = serde_json::from_str(&report).unwrap();
        assert_eq!(report["status"], "COMPLETED", "{job}");
        let lab: BTreeMap<String, String> = serde_json::from_value(report["output"].clone()).unwrap();
        assert!(!lab.is_empty(), "{job}: the lab's output is empty");

        let script = dir.join(format!("{job}.py"));
        std::fs::write(&script, shardlab(&["emr", "--job", job, "--reducers", "3", "--export-pyspark"])).unwrap();
        let out = dir.join("output");
        let run = Command::new(&spark_submit)
            .args(["--master", "local[2]", "--conf", "spark.ui.enabled=false"])
            .arg(&script)
            .arg(&input)
            .arg(&out)
            .output()
            .expect("spark-submit runs");
        assert!(run.status.success(), "{job}: spark-submit failed:\n{}", String::from_utf8_lossy(&run.stderr));
        let spark = spark_output(&out);
        if spark != lab {
            let differ: Vec<_> = lab
                .keys()
                .chain(spark.keys())
                .filter(|k| lab.get(*k) != spark.get(*k))
                .take(5)
                .map(|k| format!("{k:?}: lab {:?}, Spark {:?}", lab.get(k), spark.get(k)))
                .collect();
            panic!(
                "{job}: Spark's output differs from the lab's ({} vs {} keys):\n{}",
                spark.len(),
                lab.len(),
                differ.join("\n")
            );
        }
        eprintln!("{job}: Spark and the lab agree on {} keys", lab.len());
    }
}
