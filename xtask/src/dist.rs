//! Building the page into `dist/`, and serving it.

use crate::cmd::{self, root, run, Result};
use crate::{single_file, tools};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The features rustc's wasm32 target uses by default; wasm-opt must accept them all.
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-multivalue",
];

pub fn dist_dir() -> PathBuf {
    root().join("dist")
}

/// Builds the page's wasm in release, runs wasm-bindgen and then wasm-opt into `optimized`;
/// returns wasm-bindgen's output folder (with the JS glue). `cargo_args` are added to the
/// build (features); `target` is its cargo target folder.
pub fn build_wasm(cargo_args: &[&str], target: &Path, optimized: &Path) -> Result<PathBuf> {
    let wasm_opt = tools::for_build()?;
    run(cmd::cargo()
        .args(["build", "--release", "--target", "wasm32-unknown-unknown", "-p", "shardlab", "--bin", "shardlab"])
        .args(cargo_args)
        .env("CARGO_TARGET_DIR", target))?;
    let bindgen_out = target.join("web");
    run(Command::new(tools::cargo_bin("wasm-bindgen"))
        .arg(target.join("wasm32-unknown-unknown/release/shardlab.wasm"))
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(&bindgen_out))?;
    run(Command::new(&wasm_opt)
        .args(["-Oz", "--strip-debug", "--strip-producers"])
        .args(WASM_FEATURES)
        .arg(bindgen_out.join("shardlab_bg.wasm"))
        .arg("-o")
        .arg(optimized))?;
    Ok(bindgen_out)
}

/// Builds `dist/` and `dist/shardlab.html`; returns the dist folder.
pub fn build() -> Result<PathBuf> {
    let dist = dist_dir();
    if dist.exists() {
        std::fs::remove_dir_all(&dist).map_err(|e| format!("cannot clear {}: {e}", dist.display()))?;
    }
    copy_dir(&root().join("www"), &dist)?;
    copy(&root().join("index.html"), &dist.join("index.html"))?;
    let bindgen_out = build_wasm(&[], &root().join("target"), &dist.join("shardlab_bg.wasm"))?;
    copy(&bindgen_out.join("shardlab.js"), &dist.join("shardlab.js"))?;
    single_file::write(&dist)?;
    eprintln!("built {} and {}", dist.display(), dist.join("shardlab.html").display());
    Ok(dist)
}

pub fn serve(args: &[String]) -> Result {
    let port = match args {
        [] => 8080,
        [flag, n] if flag == "--port" => n.parse().map_err(|_| format!("--port takes a number, not '{n}'"))?,
        _ => return Err("usage: cargo xtask serve [--port N]".into()),
    };
    let dist = build()?;
    let server = devserve::Server::bind(&dist, &format!("127.0.0.1:{port}"))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e} (another server running? try --port)"))?;
    println!("ShardLab is served at {}  (Ctrl+C stops it)", server.url());
    server.run();
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::copy(from, to).map(|_| ()).map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    let entries = std::fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()))?;
        } else {
            copy(&path, &to.join(entry.file_name()))?;
        }
    }
    Ok(())
}
