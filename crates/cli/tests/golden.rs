//! Golden files for `shardlab api`: each `tests/golden/NAME.in.jsonl` is fed to the real
//! binary and its answers must equal `NAME.out.jsonl` line for line. After a deliberate change
//! of behaviour, regenerate with `UPDATE_GOLDEN=1 cargo test -p shardlab-cli --test golden`
//! and review the diff.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn converse(input: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shardlab"))
        .arg("api")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("shardlab runs");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn api_answers_match_the_golden_files() {
    let mut checked = 0;
    let mut entries: Vec<_> = std::fs::read_dir(golden_dir()).unwrap().flatten().map(|e| e.path()).collect();
    entries.sort();
    for input in entries.iter().filter(|p| p.to_string_lossy().ends_with(".in.jsonl")) {
        let expected_path = PathBuf::from(input.to_string_lossy().replace(".in.jsonl", ".out.jsonl"));
        let request = std::fs::read_to_string(input).unwrap();
        let answer = converse(&request);
        assert_eq!(
            answer.lines().count(),
            request.lines().filter(|l| !l.trim().is_empty()).count(),
            "{}: one answer per line",
            input.display()
        );
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&expected_path, &answer).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("missing {}: run with UPDATE_GOLDEN=1", expected_path.display()));
        for (n, (got, want)) in answer.lines().zip(expected.lines()).enumerate() {
            assert_eq!(got, want, "{} line {}", input.display(), n + 1);
        }
        assert_eq!(answer.lines().count(), expected.lines().count(), "{}", input.display());
        checked += 1;
    }
    assert!(checked >= 3, "golden files were not found");
}

#[test]
fn each_answer_is_flushed_before_the_next_line_is_read() {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_shardlab"))
        .arg("api")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    for (request, expected) in
        [(r#"{"advance_ms":1500}"#, r#"{"now_ms":1500}"#), (r#"{"advance_ms":500}"#, r#"{"now_ms":2000}"#)]
    {
        writeln!(stdin, "{request}").unwrap();
        stdin.flush().unwrap();
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        assert_eq!(line.trim(), expected, "the answer must arrive while stdin is still open");
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}
