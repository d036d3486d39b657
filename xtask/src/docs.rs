//! `cargo xtask docs`: rewrites `docs/aws-rules.md`, the table of the AWS rules the model
//! enforces. The table is written by the model's own test of it (`crates/sim/tests/all/
//! aws_rules.rs`), which compares it with the committed file in every `cargo xtask test`; run
//! with `SHARDLAB_WRITE_DOCS` it writes the file instead, so there is one renderer, not two.

use crate::cmd;

pub fn run() -> cmd::Result {
    cmd::run(
        cmd::cargo()
            .args(["test", "-p", "shardlab-sim", "--test", "all", "aws_rules", "--", "--test-threads=1"])
            .env("SHARDLAB_WRITE_DOCS", "1"),
    )?;
    println!("xtask docs: wrote docs/aws-rules.md");
    Ok(())
}
