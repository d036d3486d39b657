//! The SQL golden tests' expected outputs (`tests/sql/*.out.jsonl`) are what Apache Flink gives
//! on their inputs: `tests/sql/flink_goldens.py --check` runs every case on PyFlink and
//! compares. Needs PyFlink and Java, so it is ignored by a plain `cargo test`: `cargo xtask
//! test` installs them in a venv and runs this with `--ignored`, SHARDLAB_FLINK_PYTHON set.

use std::path::PathBuf;
use std::process::Command;

#[test]
#[ignore = "needs PyFlink: cargo xtask test installs it and runs this"]
fn every_expected_output_is_what_flink_gives() {
    let python =
        std::env::var_os("SHARDLAB_FLINK_PYTHON").expect("SHARDLAB_FLINK_PYTHON (cargo xtask test sets it up)");
    let sql = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/sql");
    let cases = std::fs::read_dir(&sql).unwrap().flatten().filter(|e| e.path().extension().is_some_and(|x| x == "sql"));
    assert!(cases.count() >= 11, "the SQL cases were not found in {}", sql.display());
    let out = Command::new(python).arg(sql.join("flink_goldens.py")).arg("--check").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}\n{}", String::from_utf8_lossy(&out.stderr));
    // One line a case, each with its row count: the script ran them all.
    assert!(text.lines().filter(|l| l.ends_with(" rows")).count() >= 11, "{text}");
}
