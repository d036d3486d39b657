//! The SQL golden tests: every case of `tests/sql/` (`NAME.sql`, whose first line names its
//! input) run by `shardlab sql` must give the rows Apache Flink gave (`NAME.out.jsonl`, made by
//! `tests/sql/flink_goldens.py`), and drop as late the rows its `-- late: N` line says.
//!
//! Rows are compared as a set: rows that one watermark fires together come out of Flink in
//! the order of its timers' heap, which no query can rely on (ORDER BY is what fixes an order).

use std::path::{Path, PathBuf};
use std::process::Command;

fn cases() -> (PathBuf, Vec<String>) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/sql");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.strip_suffix(".sql").map(str::to_string))
        .collect();
    names.sort();
    (dir, names)
}

fn sorted_lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort();
    lines
}

fn run(dir: &Path, name: &str) -> (String, String) {
    let query = dir.join(format!("{name}.sql"));
    let header = std::fs::read_to_string(&query).unwrap();
    let input = header.lines().next().and_then(|l| l.strip_prefix("-- input: ")).expect("-- input: FILE.jsonl");
    let out = Command::new(env!("CARGO_BIN_EXE_shardlab"))
        .args(["sql", "--query"])
        .arg(&query)
        .arg("--input")
        .arg(dir.join(input.trim()))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{name}: {stderr}");
    (String::from_utf8(out.stdout).unwrap(), stderr)
}

#[test]
fn every_case_gives_the_rows_flink_gives() {
    let (dir, names) = cases();
    assert!(names.len() >= 11, "the cases were not found in {}", dir.display());
    for name in &names {
        let (got, stderr) = run(&dir, name);
        let expected = std::fs::read_to_string(dir.join(format!("{name}.out.jsonl"))).unwrap();
        assert!(!expected.trim().is_empty(), "{name}: Flink gave no rows; the case tests nothing");
        assert_eq!(sorted_lines(&got), sorted_lines(&expected), "{name}: not the rows Flink gives");
        let sql = std::fs::read_to_string(dir.join(format!("{name}.sql"))).unwrap();
        let late = sql.lines().find_map(|l| l.strip_prefix("-- late: ")).unwrap_or("0");
        assert!(stderr.contains(&format!("late rows dropped: {}", late.trim())), "{name}: {stderr}");
    }
}

#[test]
fn an_error_names_its_line_and_column_and_fails() {
    let dir = std::env::temp_dir().join(format!("shardlab-sql-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let query = dir.join("bad.sql");
    std::fs::write(
        &query,
        "CREATE TABLE t (a INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND);\n\
         SELECT window_start, COUNT(*)\nFROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts) INTERVAL '1' MINUTE))\n\
         GROUP BY window_start, window_end",
    )
    .unwrap();
    let input = dir.join("in.jsonl");
    std::fs::write(&input, "").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_shardlab"))
        .args(["sql", "--query"])
        .arg(&query)
        .arg("--input")
        .arg(&input)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 3, column 43: expected ','"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}
