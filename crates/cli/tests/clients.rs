//! Real AWS clients against `shardlab serve --manual-clock`: boto3 (a producer's own code) and
//! the AWS CLI. Needs them, so it is ignored by a plain `cargo test`: `cargo xtask test`
//! installs both in a venv and runs this with `--ignored`, SHARDLAB_AWS_PYTHON and
//! SHARDLAB_AWS_CLI set.
//!
//! Each boto3 session is recorded (`serve --record`) and must equal its golden exchanges,
//! `tests/golden/boto3_*.jsonl`, which `shardlab api` must answer the same way (here, and in
//! `golden.rs` without Python). After a deliberate change of behaviour, regenerate them with
//! `UPDATE_GOLDEN=1` and review the diff.

mod served;

use serde_json::Value;
use served::Served;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

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

/// A lab that records its session as `name`'s exchanges, in a folder of its own.
struct Recorded {
    lab: Served,
    name: String,
    folder: PathBuf,
}

impl Recorded {
    fn start(name: &str) -> Recorded {
        let folder = std::env::temp_dir().join(format!("shardlab-clients-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let record = folder.join(name);
        let lab = Served::start_with(&["--record", record.to_str().unwrap()]);
        Recorded { lab, name: name.to_string(), folder }
    }

    fn endpoint(&self) -> String {
        format!("http://{}", self.lab.address)
    }

    /// The session's exchanges must be the golden ones, and `shardlab api` must answer its
    /// requests as the served lab did.
    fn check(self) {
        drop(self.lab);
        let read = |path: &Path| std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let recorded_in = read(&self.folder.join(format!("{}.in.jsonl", self.name)));
        let recorded_out = read(&self.folder.join(format!("{}.out.jsonl", self.name)));
        assert_eq!(api(&recorded_in), recorded_out, "shardlab api answers {}'s requests otherwise", self.name);
        let golden = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
        for (suffix, recorded) in [("in", &recorded_in), ("out", &recorded_out)] {
            let path = golden.join(format!("{}.{suffix}.jsonl", self.name));
            if std::env::var_os("UPDATE_GOLDEN").is_some() {
                std::fs::write(&path, recorded).unwrap();
            }
            let expected = read(&path);
            for (n, (got, want)) in recorded.lines().zip(expected.lines()).enumerate() {
                assert_eq!(got, want, "{} line {}", path.display(), n + 1);
            }
            assert_eq!(recorded.lines().count(), expected.lines().count(), "{}", path.display());
        }
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

/// `shardlab api`'s answers to `requests`.
fn api(requests: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shardlab"))
        .arg("api")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(requests.as_bytes()).unwrap();
    String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap()
}

#[test]
#[ignore = "needs boto3: cargo xtask test installs it and runs this"]
fn boto3_is_throttled_reads_back_in_order_and_follows_a_split() {
    let lab = Recorded::start("boto3_kinesis");
    let seen = boto3("kinesis_boto3.py", &lab.endpoint());
    assert_eq!(seen["accepted"], 1_000, "one shard takes 1,000 records a second: {seen}");
    assert_eq!(seen["throttled"], "ProvisionedThroughputExceededException");
    assert_eq!(seen["read_in_order"], 1_000);
    assert_eq!((seen["shards"].as_u64(), seen["children"].as_u64()), (Some(3), Some(2)), "{seen}");
    assert_eq!(seen["records_in_children"], 1, "the record put after the split is in a child: {seen}");
    lab.check();
}

#[test]
#[ignore = "needs boto3: cargo xtask test installs it and runs this"]
fn boto3_consumes_with_subscribe_to_shard_while_another_client_writes() {
    let lab = Recorded::start("boto3_efo");
    let seen = boto3("kinesis_efo_boto3.py", &lab.endpoint());
    let keys = ["before-0", "before-1", "before-2", "during-0", "during-1", "during-2"];
    assert_eq!(seen["received"], serde_json::json!(keys), "every record, in order, once: {seen}");
    assert_eq!(seen["data"][3], "during 0");
    assert_eq!(seen["events"], 4, "the backlog in the first event, then one event per record put: {seen}");
    assert_eq!(seen["in_use"], "ResourceInUseException");
    lab.check();
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
    let lab = Recorded::start("boto3_firehose");
    let endpoint = lab.endpoint();
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
    lab.check();
}

#[test]
#[ignore = "needs boto3: cargo xtask test installs it and runs this"]
fn boto3_writes_a_dynamodb_table_and_runs_an_emr_cluster() {
    let lab = Recorded::start("boto3_dynamodb_emr");
    let seen = boto3("dynamodb_emr_boto3.py", &lab.endpoint());
    assert_eq!(seen["too_short"], "ValidationException", "a table name has at least 3 characters: {seen}");
    assert_eq!((seen["created"].as_str(), seen["active"].as_str()), (Some("CREATING"), Some("ACTIVE")));
    assert_eq!(seen["item"], serde_json::json!({"id": {"S": "o-1"}, "total": {"N": "42.5"}}));
    assert_eq!(seen["missing_table"], "ResourceNotFoundException");
    assert_eq!(seen["cluster_states"], serde_json::json!(["STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING"]));
    assert_eq!(seen["steps"], serde_json::json!({"copy": "COMPLETED", "count words": "COMPLETED"}));
    assert_eq!(seen["counts"], serde_json::json!({"cat": "1", "dog": "1", "sat": "2", "the": "2"}));
    lab.check();
}

#[test]
#[ignore = "needs the AWS CLI: cargo xtask test installs it and runs this"]
fn the_aws_cli_downloads_an_object_over_8_mib_in_byte_ranges() {
    let lab = Served::start();
    let endpoint = format!("http://{}", lab.address);
    let folder = std::env::temp_dir().join(format!("shardlab-ranges-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    // 12 MiB: over the CLI's 8 MiB multipart threshold, so it downloads in ranges; under the
    // 16 MiB one request may carry, so one PutObject uploads it.
    let object: Vec<u8> = (0..12u32 * 1024 * 1024).map(|i| (i % 251) as u8).collect();
    let upload = folder.join("upload.bin");
    std::fs::write(&upload, &object).unwrap();
    let aws = |args: &[&str]| {
        let (ok, out, err) = aws(&endpoint, args);
        assert!(ok, "aws {args:?}: {err}");
        out
    };
    aws(&["s3api", "create-bucket", "--bucket", "big"]);
    aws(&["s3api", "put-object", "--bucket", "big", "--key", "blob.bin", "--body", upload.to_str().unwrap()]);
    let download = folder.join("download.bin");
    aws(&["s3", "cp", "s3://big/blob.bin", download.to_str().unwrap()]);
    let got = std::fs::read(&download).unwrap();
    assert_eq!(got.len(), object.len());
    assert!(got == object, "the ranges put together are the object");
    let _ = std::fs::remove_dir_all(&folder);
}
