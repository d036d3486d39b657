//! `cargo xtask serve | test | dist | bench` — the project's four commands — and `docs` and
//! `sql-goldens`, which rewrite the generated documents and the SQL tests' expected outputs.
//!
//! Each one installs what it needs and is missing (the wasm target, wasm-bindgen-cli at the
//! version in Cargo.lock, binaryen's wasm-opt from npm, Chromium and chromedriver from
//! Debian), so that a fresh machine needs nothing but rustup, node and these commands.

mod bench;
mod cmd;
mod dist;
mod docs;
mod single_file;
mod sql_goldens;
mod test;
mod tools;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

  serve [--port N]   build the page and serve it on http://127.0.0.1:8080 (default port 8080)
  test               every test: native, wasm in headless Chromium, end-to-end against dist/
  dist               build dist/ (relative URLs) and the single file dist/shardlab.html
  bench              build, then print the measured figures and write target/bench.json
  docs               rewrite docs/aws-rules.md from the services' limits.rs files
  sql-goldens        rewrite tests/sql/*.out.jsonl by running each case on Apache Flink";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => dist::serve(&args[1..]),
        Some("test") => test::run_all(),
        Some("dist") => dist::build().map(|_| ()),
        Some("bench") => bench::run(),
        Some("docs") => docs::run(),
        Some("sql-goldens") => sql_goldens::run(),
        Some("-h" | "--help" | "help") | None => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(format!("unknown command '{other}'\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
