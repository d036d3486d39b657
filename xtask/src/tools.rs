//! Installing what the build and the tests need, only when it is missing. Everything comes
//! from the package registries this project may use (crates.io, npm, Debian): no tool here
//! downloads a binary of its own.

use crate::cmd::{self, output, root, run, Result};
use std::path::PathBuf;
use std::process::Command;

/// binaryen from npm: Debian's wasm-opt (binaryen 108) cannot parse current wasm-bindgen output.
const BINARYEN_NPM: &str = "binaryen@132.0.0";

pub fn wasm_target() -> Result {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The wasm-bindgen version Cargo.lock pins; the CLI must be exactly that version.
fn locked_wasm_bindgen() -> Result<String> {
    let lock =
        std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

/// wasm-bindgen and wasm-bindgen-test-runner at the locked version, installed with cargo.
pub fn wasm_bindgen() -> Result {
    let want = locked_wasm_bindgen()?;
    let have = output(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(want.as_str()) {
        return Ok(());
    }
    // Not --locked: wasm-bindgen-cli's own lock file does not resolve against this registry.
    run(cmd::cargo().args(["install", "wasm-bindgen-cli", "--version", &want]))
}

fn tools_dir() -> PathBuf {
    root().join(".tools")
}

/// `file` of the npm package `spec` installed under `.tools/<folder>/` (installed first if
/// it is missing).
fn npm_tool(folder: &str, spec: &str, file: &str) -> Result<PathBuf> {
    let dir = tools_dir().join(folder);
    let path = dir.join("node_modules").join(file);
    if !path.exists() {
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        run(Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--no-save", "--prefix"])
            .arg(&dir)
            .arg(spec))?;
    }
    Ok(path)
}

/// binaryen's wasm-opt from npm, under `.tools/`.
pub fn wasm_opt() -> Result<PathBuf> {
    npm_tool("binaryen", BINARYEN_NPM, "binaryen/bin/wasm-opt")
}

/// terser from npm: minifies wasm-bindgen's JS glue for dist/.
const TERSER_NPM: &str = "terser@5.51.4";

pub fn terser() -> Result<PathBuf> {
    npm_tool("terser", TERSER_NPM, "terser/bin/terser")
}

/// axe-core from npm: the browser tests run its WCAG rules inside the page.
const AXE_CORE_NPM: &str = "axe-core@4.11.0";

/// axe-core's `axe.min.js`, under `.tools/`, for the accessibility checks of the browser tests.
pub fn axe_core() -> Result<PathBuf> {
    npm_tool("axe-core", AXE_CORE_NPM, "axe-core/axe.min.js")
}

/// Chromium and chromedriver, from Debian, for the browser tests.
pub fn chromium() -> Result {
    let have = |name: &str| output(Command::new("which").arg(name)).is_some();
    if have("chromium") && have("chromedriver") {
        return Ok(());
    }
    if output(Command::new("id").arg("-u")).as_deref().map(str::trim) != Some("0") {
        return Err("Chromium and chromedriver are missing: install Debian's `chromium` and `chromium-driver` \
                    (sudo apt-get install chromium chromium-driver), then run this again"
            .into());
    }
    run(Command::new("apt-get").args(["update", "-qq"]))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-qq", "--no-install-recommends", "chromium", "chromium-driver"])
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// PySpark, pinned, in a venv under target/ (and Java 17 from Debian, which Spark 4 needs),
/// for the check that exported PySpark jobs give the lab's output. Returns the venv's
/// `bin` folder (spark-submit and the python with pyspark).
pub fn pyspark() -> Result<PathBuf> {
    const PYSPARK: &str = "pyspark==4.0.1";
    java()?;
    venv("pyspark-venv", &[PYSPARK], &["-c", "import pyspark; print(pyspark.__version__)"])
}

/// PyFlink, pinned to the Flink whose semantics FACTS.md lists (2.3), in a venv under target/
/// (with Java 17 from Debian), for the expected outputs of the SQL golden tests. Returns the
/// venv's `bin` folder.
pub fn pyflink() -> Result<PathBuf> {
    const PYFLINK: &str = "apache-flink==2.3.0";
    java()?;
    let check = ["-c", "import importlib.metadata as m; print(m.version('apache-flink'))"];
    venv("flink-venv", &[PYFLINK], &check)
}

/// Java 17 from Debian, which Spark 4 and Flink 2 need, unless a `java` is there.
fn java() -> Result {
    if output(Command::new("which").arg("java")).is_some() {
        return Ok(());
    }
    if output(Command::new("id").arg("-u")).as_deref().map(str::trim) != Some("0") {
        return Err("Java is missing: install Debian's `openjdk-17-jre-headless`, then run this again".into());
    }
    run(Command::new("apt-get").args(["update", "-qq"]))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-qq", "--no-install-recommends", "openjdk-17-jre-headless"])
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// boto3 and the AWS CLI, pinned (together: the CLI pins the botocore it runs on), in a venv
/// under target/, to drive `shardlab serve` as real clients do. Returns the venv's `bin`
/// folder (its python with boto3, and `aws`).
pub fn aws_clients() -> Result<PathBuf> {
    const CLIENTS: [&str; 2] = ["boto3==1.44.8", "awscli==1.46.3"];
    venv("aws-venv", &CLIENTS, &["-c", "import boto3; print(boto3.__version__)"])
}

/// cfn-lint, pinned, in a venv under target/, for the check of the exported CloudFormation
/// templates. Returns the path of the `cfn-lint` program.
pub fn cfn_lint() -> Result<PathBuf> {
    const CFN_LINT: &str = "cfn-lint==1.58.0";
    let bin = venv("cfn-venv", &[CFN_LINT], &["-c", "import importlib.metadata as m; print(m.version('cfn-lint'))"])?;
    Ok(bin.join("cfn-lint"))
}

/// A venv `target/<name>` with `specs` (`package==version`) installed, unless `check` (python
/// arguments that print the version) already prints the first one's version. Returns its
/// `bin` folder.
fn venv(name: &str, specs: &[&str], check: &[&str]) -> Result<PathBuf> {
    let venv = root().join("target").join(name);
    let bin = venv.join("bin");
    let version = specs.first().and_then(|s| s.rsplit("==").next()).unwrap_or_default();
    let installed = output(Command::new(bin.join("python")).args(check));
    if !installed.as_deref().map(str::trim).is_some_and(|v| v.ends_with(version)) {
        if !bin.join("python").exists() && run(Command::new("python3").args(["-m", "venv"]).arg(&venv)).is_err() {
            // Debian's python3 makes venvs only with python3-venv installed.
            run(Command::new("apt-get")
                .args(["install", "-y", "-qq", "--no-install-recommends", "python3-venv"])
                .env("DEBIAN_FRONTEND", "noninteractive"))?;
            let _ = std::fs::remove_dir_all(&venv);
            run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
        }
        run(Command::new(bin.join("pip")).args(["install", "-q", "--disable-pip-version-check"]).args(specs))?;
    }
    Ok(bin)
}

/// Everything the page's build needs.
pub fn for_build() -> Result<PathBuf> {
    wasm_target()?;
    if !root().join("Cargo.lock").exists() {
        run(cmd::cargo().arg("generate-lockfile"))?;
    }
    wasm_bindgen()?;
    wasm_opt()
}

/// A program `cargo install` put in cargo's bin folder, found even when that folder is not
/// on PATH.
pub fn cargo_bin(name: &str) -> PathBuf {
    cargo_bin_dir().map(|d| d.join(name)).filter(|p| p.exists()).unwrap_or_else(|| PathBuf::from(name))
}

pub fn cargo_bin_dir() -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    Some(home.join("bin"))
}

/// PATH with cargo's bin folder in front, for child processes (cargo's wasm runner looks up
/// wasm-bindgen-test-runner on PATH).
pub fn path_with_cargo_bin() -> std::ffi::OsString {
    let mut dirs: Vec<PathBuf> = cargo_bin_dir().into_iter().collect();
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}
