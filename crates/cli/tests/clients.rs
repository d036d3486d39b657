//! Real AWS clients against `shardlab serve --manual-clock`: boto3 (a producer's own code) and
//! the AWS CLI. Needs them, so it is ignored by a plain `cargo test`: `cargo xtask test`
//! installs both in a venv and runs this with `--ignored`, SHARDLAB_AWS_PYTHON and
//! SHARDLAB_AWS_CLI set.

mod served;

use serde_json::Value;
use served::Served;
use std::path::PathBuf;
use std::process::Command;

fn tool(var: &str) -> PathBuf {
    std::env::var_os(var).map(PathBuf::from).unwrap_or_else(|| panic!("{var} is not set (cargo xtask test sets it up)"))
}

/// The AWS CLI against `endpoint`, with throwaway credentials and no local configuration:
/// whether it succeeded, its output (JSON) and its errors.
fn aws(endpoint: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(tool("SHARDLAB_AWS_CLI"))
        .args(["--endpoint-url", endpoint, "--region", "us-east-1", "--output", "json"])
        .args(args)
        .env("AWS_ACCESS_KEY_ID", "AKIDSHARDLAB")
        .env("AWS_SECRET_ACCESS_KEY", "any-secret-works")
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .output()
        .unwrap();
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).to_string();
    (out.status.success(), text(&out.stdout), text(&out.stderr))
}

/// Runs `tests/clients/SCRIPT` with boto3 against `endpoint`: the one JSON line it prints.
fn boto3(script: &str, endpoint: &str) -> Value {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/clients").join(script);
    let out = Command::new(tool("SHARDLAB_AWS_PYTHON")).arg(&script).arg(endpoint).output().unwrap();
    assert!(out.status.success(), "boto3's script failed:\n{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("the script prints one JSON line")
}

#[test]
#[ignore = "needs boto3: cargo xtask test installs it and runs this"]
fn boto3_is_throttled_reads_back_in_order_and_follows_a_split() {
    let lab = Served::start();
    let seen = boto3("kinesis_boto3.py", &format!("http://{}", lab.address));
    assert_eq!(seen["accepted"], 1_000, "one shard takes 1,000 records a second: {seen}");
    assert_eq!(seen["throttled"], "ProvisionedThroughputExceededException");
    assert_eq!(seen["read_in_order"], 1_000);
    assert_eq!((seen["shards"].as_u64(), seen["children"].as_u64()), (Some(3), Some(2)), "{seen}");
    assert_eq!(seen["records_in_children"], 1, "the record put after the split is in a child: {seen}");
}

#[test]
#[ignore = "needs the AWS CLI: cargo xtask test installs it and runs this"]
fn the_aws_cli_creates_and_lists_a_stream() {
    let lab = Served::start();
    let endpoint = format!("http://{}", lab.address);
    let aws = |args: &[&str]| aws(&endpoint, args);
    let (ok, _, err) = aws(&["kinesis", "create-stream", "--stream-name", "orders", "--shard-count", "2"]);
    assert!(ok, "{err}");
    let (ok, listed, err) = aws(&["kinesis", "list-streams"]);
    assert!(ok, "{err}");
    let listed: Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(listed["StreamNames"], serde_json::json!(["orders"]));
    // A refusal reaches the CLI as AWS's error, with its type.
    let (ok, _, err) = aws(&["kinesis", "describe-stream-summary", "--stream-name", "missing"]);
    assert!(!ok);
    assert!(err.contains("ResourceNotFoundException"), "{err}");
}

#[test]
#[ignore = "needs boto3 and the AWS CLI: cargo xtask test installs them and runs this"]
fn firehose_delivers_to_s3_and_the_aws_cli_lists_and_downloads_the_object() {
    let lab = Served::start();
    let endpoint = format!("http://{}", lab.address);
    let seen = boto3("firehose_boto3.py", &endpoint);
    assert_eq!((seen["before_interval"].as_u64(), seen["after_interval"].as_u64()), (Some(0), Some(1)), "{seen}");

    let aws = |args: &[&str]| {
        let (ok, out, err) = aws(&endpoint, args);
        assert!(ok, "aws {args:?}: {err}");
        out
    };
    // `aws s3 ls` shows the delivery's date folder; with --recursive, the object and its key.
    let top = aws(&["s3", "ls", "s3://deliveries/"]);
    assert!(top.contains("PRE 2026/"), "{top}");
    let listed = aws(&["s3", "ls", "s3://deliveries/", "--recursive"]);
    let key = listed.split_whitespace().last().expect("one object listed").to_string();
    assert!(key.starts_with("2026/") && key.contains("to-s3"), "{listed}");
    let downloaded = aws(&["s3", "cp", &format!("s3://deliveries/{key}"), "-"]);
    assert_eq!(downloaded, seen["expected"].as_str().unwrap(), "the object holds the ten records");
}
