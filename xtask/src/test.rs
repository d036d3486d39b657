//! `cargo xtask test`: every test. Native crates first (fast, no browser), then the app's
//! wasm tests in headless Chromium, then the end-to-end tests against a fresh `dist/`.

use crate::cmd::{self, run, Result};
use crate::{dist, tools};

pub fn run_all() -> Result {
    tools::chromium()?;
    tools::for_build()?;

    run(cmd::cargo().args(["test", "-p", "shardlab-sim", "-p", "shardlab-cli", "-p", "devserve", "-p", "xtask"]))?;

    // wasm-bindgen-test-runner (cargo's runner for wasm32, see .cargo/config.toml) drives
    // headless Chromium through chromedriver; webdriver.json adds the flags root needs.
    run(cmd::cargo()
        .args(["test", "--target", "wasm32-unknown-unknown", "-p", "shardlab"])
        .env("PATH", tools::path_with_cargo_bin())
        .env("CHROMEDRIVER", "chromedriver"))?;

    let dist = dist::build()?;
    // One browser at a time: this machine has two cores.
    run(cmd::cargo().args(["test", "-p", "shardlab-e2e", "--", "--test-threads=1"]).env("SHARDLAB_DIST", &dist))
}
