//! `cargo xtask test`: every test. Native crates first (fast, no browser), then the app's
//! wasm tests in headless Chromium, then the end-to-end tests against a fresh `dist/`.
//! The last line sums every runner's results as `N passed, N failed`.

use crate::cmd::{self, describe, Result};
use crate::{dist, tools};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
}

impl Tally {
    /// Reads a `test result: ok. 12 passed; 0 failed; …` line (cargo's and wasm-bindgen's).
    fn count(&mut self, line: &str) {
        let Some(rest) = line.trim().strip_prefix("test result: ") else { return };
        let number_before = |word: &str| {
            rest.split(';').find_map(|part| {
                part.trim().strip_suffix(word).and_then(|n| n.trim().rsplit(' ').next()?.parse::<u64>().ok())
            })
        };
        self.passed += number_before(" passed").unwrap_or(0);
        self.failed += number_before(" failed").unwrap_or(0);
    }
}

/// Runs a test command, passing its output through and counting its results.
fn run_counted(command: &mut Command, tally: &mut Tally) -> Result {
    eprintln!("$ {}", describe(command));
    let mut child =
        command.stdout(Stdio::piped()).spawn().map_err(|e| format!("cannot start {}: {e}", describe(command)))?;
    let stdout = child.stdout.take().expect("stdout is piped");
    for line in BufReader::new(stdout).lines().map_while(|l| l.ok()) {
        println!("{line}");
        tally.count(&line);
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(command)))
    }
}

/// PATH with `dir` in front.
fn prepend_path(dir: &std::path::Path) -> std::ffi::OsString {
    let mut dirs = vec![dir.to_path_buf()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}

pub fn run_all() -> Result {
    tools::chromium()?;
    tools::for_build()?;
    let mut tally = Tally::default();
    let result = run_suites(&mut tally);
    println!("xtask test: {} passed, {} failed", tally.passed, tally.failed);
    result
}

fn run_suites(tally: &mut Tally) -> Result {
    // Every native crate: all of the workspace but the wasm app and the browser tests.
    run_counted(
        cmd::cargo().args(["test", "--workspace", "--exclude", "shardlab", "--exclude", "shardlab-e2e"]),
        tally,
    )?;
    // Every built-in EMR job exported to PySpark, run on a real Spark (local mode), must
    // give the lab's output.
    let venv = tools::pyspark()?;
    run_counted(
        cmd::cargo()
            .args(["test", "-p", "shardlab-cli", "--test", "pyspark", "--", "--ignored"])
            .env("SHARDLAB_SPARK_SUBMIT", venv.join("spark-submit"))
            .env("PYSPARK_PYTHON", venv.join("python"))
            .env("PATH", prepend_path(&venv)),
        tally,
    )?;
    // The SQL golden tests' expected outputs are what Apache Flink gives on their inputs.
    let flink = tools::pyflink()?;
    run_counted(
        cmd::cargo()
            .args(["test", "-p", "shardlab-cli", "--test", "flink", "--", "--ignored"])
            .env("SHARDLAB_FLINK_PYTHON", flink.join("python")),
        tally,
    )?;
    // Every prepared scenario's CloudFormation export passes AWS's linter.
    let cfn_lint = tools::cfn_lint()?;
    run_counted(
        cmd::cargo()
            .args(["test", "-p", "shardlab-cli", "--test", "cfn_lint", "--", "--ignored"])
            .env("SHARDLAB_CFN_LINT", cfn_lint),
        tally,
    )?;
    // Real AWS clients (boto3, the AWS CLI) against `shardlab serve`.
    let clients = tools::aws_clients()?;
    run_counted(
        cmd::cargo()
            .args(["test", "-p", "shardlab-cli", "--test", "clients", "--", "--ignored"])
            .env("SHARDLAB_AWS_PYTHON", clients.join("python"))
            .env("SHARDLAB_AWS_CLI", clients.join("aws")),
        tally,
    )?;
    // The model as the page links it: without the script engine, which the page loads as
    // a module of its own and registers (the transforms then wait for it).
    run_counted(
        cmd::cargo().args(["test", "-p", "shardlab-sim", "--no-default-features", "--lib", "transform::engine"]),
        tally,
    )?;

    // wasm-bindgen-test-runner (cargo's runner for wasm32, see .cargo/config.toml) drives
    // headless Chromium through chromedriver; webdriver.json adds the flags root needs.
    run_counted(
        cmd::cargo()
            .args(["test", "--target", "wasm32-unknown-unknown", "-p", "shardlab"])
            .env("PATH", tools::path_with_cargo_bin())
            .env("CHROMEDRIVER", "chromedriver"),
        tally,
    )?;

    let dist = dist::build()?;
    let axe = tools::axe_core()?;
    // One browser at a time: this machine has two cores.
    run_counted(
        cmd::cargo()
            .args(["test", "-p", "shardlab-e2e", "--", "--test-threads=1"])
            .env("SHARDLAB_DIST", &dist)
            .env("SHARDLAB_AXE", &axe),
        tally,
    )
}

#[cfg(test)]
mod tests {
    use super::Tally;

    #[test]
    fn result_lines_of_cargo_and_wasm_bindgen_are_summed() {
        let mut t = Tally::default();
        t.count("test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s");
        t.count("test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 filtered out; finished in 1.13s");
        t.count("running 4 tests");
        assert_eq!((t.passed, t.failed), (15, 2));
    }
}
