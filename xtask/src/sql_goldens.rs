//! `cargo xtask sql-goldens`: rewrites the expected outputs of the SQL golden tests
//! (`tests/sql/*.out.jsonl`) by running each case on Apache Flink (PyFlink, installed in
//! target/flink-venv), with `tests/sql/flink_goldens.py`. Review the diff before committing.
//! `cargo xtask test` runs the same script with `--check`, through `crates/cli/tests/flink.rs`.

use crate::cmd::{self, root};
use crate::tools;
use std::process::Command;

pub fn run() -> cmd::Result {
    let flink = tools::pyflink()?;
    cmd::run(Command::new(flink.join("python")).arg(root().join("tests/sql/flink_goldens.py")))?;
    println!("xtask sql-goldens: wrote tests/sql/*.out.jsonl");
    Ok(())
}
