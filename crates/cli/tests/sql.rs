//! The SQL golden tests: every case of `tests/sql/` (`NAME.sql`, whose first line names its
//! input) run by `shardlab sql` must give the rows Apache Flink gave (`NAME.out.jsonl`, made by
//! `tests/sql/flink_goldens.py`), and drop as late the rows its `-- late: N` line says.
//!
//! A legacy-dialect case (`-- legacy: COLUMN`, run with `--legacy COLUMN`) must give the rows
//! of the Flink case its `-- same rows as: CASE` names; a `-- reference for:` case is only such
//! an output's Flink query (an OVER aggregate the Flink editor does not run), not run here.
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

/// The value of the case's header line `-- key: value`.
fn header<'a>(sql: &'a str, key: &str) -> Option<&'a str> {
    sql.lines().find_map(|l| l.strip_prefix(&format!("-- {key}: ")[..])).map(str::trim)
}

fn run(dir: &Path, name: &str) -> (String, String) {
    let query = dir.join(format!("{name}.sql"));
    let sql = std::fs::read_to_string(&query).unwrap();
    let input = header(&sql, "input").expect("-- input: FILE.jsonl");
    let mut command = Command::new(env!("CARGO_BIN_EXE_shardlab"));
    command.args(["sql", "--query"]).arg(&query).arg("--input").arg(dir.join(input));
    if let Some(column) = header(&sql, "legacy") {
        command.args(["--legacy", column]);
    }
    let out = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{name}: {stderr}");
    (String::from_utf8(out.stdout).unwrap(), stderr)
}

#[test]
fn every_case_gives_the_rows_flink_gives() {
    let (dir, names) = cases();
    let mut legacy = 0;
    for name in &names {
        let sql = std::fs::read_to_string(dir.join(format!("{name}.sql"))).unwrap();
        if header(&sql, "reference for").is_some() {
            continue;
        }
        let (got, stderr) = run(&dir, name);
        let expected_from = header(&sql, "same rows as").unwrap_or(name);
        legacy += usize::from(header(&sql, "legacy").is_some());
        assert_eq!(
            header(&sql, "legacy").is_some(),
            expected_from != name,
            "{name}: a legacy case names the Flink case it must equal, and only a legacy case does"
        );
        let expected = std::fs::read_to_string(dir.join(format!("{expected_from}.out.jsonl"))).unwrap();
        assert!(!expected.trim().is_empty(), "{name}: Flink gave no rows; the case tests nothing");
        assert_eq!(sorted_lines(&got), sorted_lines(&expected), "{name}: not the rows Flink gives ({expected_from})");
        let late = header(&sql, "late").unwrap_or("0");
        assert!(stderr.contains(&format!("late rows dropped: {late}")), "{name}: {stderr}");
    }
    assert!(names.len() >= 15 && legacy >= 3, "the cases were not found in {}", dir.display());
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
