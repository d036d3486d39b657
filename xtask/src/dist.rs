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

/// One wasm module of the page: a cargo package's build for wasm32, through wasm-bindgen
/// (JS glue `<out_name>.js`) and wasm-opt (`<out_name>_bg.wasm`).
pub struct Wasm {
    pub package: &'static str,
    /// `--bin NAME` or `--lib`, and the features.
    pub cargo_args: &'static [&'static str],
    /// The file cargo writes: `<artifact>.wasm`.
    pub artifact: &'static str,
    pub out_name: &'static str,
    /// wasm-opt's level: `-Oz` (size) for what the page downloads first (run until it
    /// converges: 0.5 KB less gzip), `-O3` (speed) for the build fetched on demand to run EMR
    /// jobs.
    pub wasm_opt: &'static [&'static str],
}

/// The page: the app without the script engine linked in...
pub const PAGE: Wasm = Wasm {
    package: "shardlab",
    cargo_args: &["--bin", "shardlab", "--no-default-features"],
    artifact: "shardlab",
    out_name: "shardlab",
    wasm_opt: &["-Oz", "--converge"],
};

/// The app with every service's model (EMR, DynamoDB and the Analytics applications too), which the page fetches instead
/// only when the lab asks for it (see www/boot.js); the benchmark pages start it.
/// It is built for speed, not size: it is fetched on demand, outside the first load's
/// budget, and runs EMR jobs, whose throughput is measured against the native build's.
pub const FULL_PAGE: Wasm = Wasm {
    package: "shardlab",
    cargo_args: &[
        "--bin",
        "shardlab",
        "--no-default-features",
        "--features",
        "emr,dynamodb,analytics,video",
        "--config",
        "profile.release.opt-level=3",
    ],
    artifact: "shardlab",
    out_name: "shardlab_full",
    wasm_opt: &["-O3"],
};

/// The full build without the Analytics applications: only `cargo xtask bench` builds it, to
/// tell what the streaming SQL engine weighs.
pub const FULL_PAGE_WITHOUT_SQL: Wasm = Wasm {
    package: "shardlab",
    cargo_args: &[
        "--bin",
        "shardlab",
        "--no-default-features",
        "--features",
        "emr,dynamodb",
        "--config",
        "profile.release.opt-level=3",
    ],
    artifact: "shardlab",
    out_name: "shardlab_full_without_sql",
    wasm_opt: &["-O3"],
};

/// ...and the engine as a module of its own, which the page fetches the first time a
/// delivery stream has a transform (`src/script_engine.rs`).
pub const SCRIPT_ENGINE: Wasm = Wasm {
    package: "shardlab-script-module",
    cargo_args: &["--lib"],
    artifact: "shardlab_script_module",
    out_name: "shardlab_script",
    wasm_opt: &["-Oz"],
};

/// ...and the console's AWS CLI, fetched the first time the console opens (`src/cli.rs`).
pub const CLI: Wasm = Wasm {
    package: "shardlab-awscli-module",
    cargo_args: &["--lib"],
    artifact: "shardlab_awscli_module",
    out_name: "shardlab_cli",
    wasm_opt: &["-Oz"],
};

/// ...and the Learn panel (lessons, quiz, exam, with their texts), fetched the first time a
/// learner opens it (`src/learn.rs`).
pub const COURSE: Wasm = Wasm {
    package: "shardlab-course-module",
    cargo_args: &["--lib"],
    artifact: "shardlab_course_module",
    out_name: "shardlab_course",
    wasm_opt: &["-Oz"],
};

/// Builds `wasm` in release into `out` (`<out_name>.js` and the optimized `<out_name>_bg.wasm`).
pub fn build_wasm(wasm: &Wasm, out: &Path) -> Result {
    let wasm_opt = tools::for_build()?;
    let target = root().join("target");
    run(cmd::cargo()
        .args(["build", "--release", "--target", "wasm32-unknown-unknown", "-p", wasm.package])
        .args(wasm.cargo_args)
        .env("CARGO_TARGET_DIR", &target))?;
    let bindgen_out = target.join("web").join(wasm.out_name);
    run(Command::new(tools::cargo_bin("wasm-bindgen"))
        .arg(target.join(format!("wasm32-unknown-unknown/release/{}.wasm", wasm.artifact)))
        .args(["--target", "web", "--no-typescript", "--out-name", wasm.out_name, "--out-dir"])
        .arg(&bindgen_out))?;
    let bg = format!("{}_bg.wasm", wasm.out_name);
    // What no browser reads goes: names, the producers section, and the target features
    // section (a note for linkers; 0.1 KB gzip of the first load).
    run(Command::new(&wasm_opt)
        .args(wasm.wasm_opt)
        .args(["--strip-debug", "--strip-producers", "--strip-target-features"])
        .args(WASM_FEATURES)
        .arg(bindgen_out.join(&bg))
        .arg("-o")
        .arg(out.join(&bg)))?;
    // The glue minified (terser, from npm): 56 KB of script is 25 KB, 2 KB less gzip in the
    // first load. The single file inlines the unminified glue from target/web.
    let glue = format!("{}.js", wasm.out_name);
    run(Command::new(tools::terser()?)
        .arg(bindgen_out.join(&glue))
        .args(["--module", "--compress", "--mangle", "--output"])
        .arg(out.join(&glue)))
}

/// The stylesheet without comments and runs of white space (1 KB less gzip in the first load).
pub fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start + 2..].find("*/").map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    out.push_str(rest);
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut tight = String::with_capacity(collapsed.len());
    // The quote a string in the sheet was opened with, while inside it: its text is kept.
    let mut quote: Option<char> = None;
    for (i, c) in collapsed.char_indices() {
        // A space beside a brace, a semicolon or a child combinator says nothing, nor one
        // after a colon or a comma. (Not before a colon: `.x :hover` is not `.x:hover`; not
        // beside + or -: calc() needs those.)
        let (before, after) = (collapsed[..i].chars().last(), collapsed[i + 1..].chars().next());
        let beside = |j: Option<char>, what: &str| j.is_some_and(|x| what.contains(x));
        if quote.is_none() && c == ' ' && (beside(before, "{};>:,") || beside(after, "{};>")) {
            continue;
        }
        quote = match (quote, c) {
            (None, '"' | '\'') => Some(c),
            (Some(q), _) if c == q && before != Some('\\') => None,
            (q, _) => q,
        };
        tight.push(c);
    }
    tight
}

/// Builds `dist/` and `dist/shardlab.html`; returns the dist folder.
pub fn build() -> Result<PathBuf> {
    let dist = dist_dir();
    if dist.exists() {
        std::fs::remove_dir_all(&dist).map_err(|e| format!("cannot clear {}: {e}", dist.display()))?;
    }
    copy_dir(&root().join("www"), &dist)?;
    let css =
        std::fs::read_to_string(root().join("www/style.css")).map_err(|e| format!("cannot read www/style.css: {e}"))?;
    std::fs::write(dist.join("style.css"), minify_css(&css))
        .map_err(|e| format!("cannot write dist/style.css: {e}"))?;
    copy(&root().join("index.html"), &dist.join("index.html"))?;
    // The boot script minified as the glue is (600 bytes less gzip in the first load); the
    // single file reads www/boot.js, whose lines it rewrites.
    run(Command::new(tools::terser()?)
        .arg(root().join("www/boot.js"))
        .args(["--module", "--compress", "--mangle", "--output"])
        .arg(dist.join("boot.js")))?;
    // The full build first: both write cargo's `shardlab.wasm`, each copies it out at once.
    build_wasm(&FULL_PAGE, &dist)?;
    build_wasm(&PAGE, &dist)?;
    build_wasm(&SCRIPT_ENGINE, &dist)?;
    build_wasm(&CLI, &dist)?;
    build_wasm(&COURSE, &dist)?;
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

#[cfg(test)]
mod tests {
    use super::minify_css;

    #[test]
    fn css_loses_comments_and_spaces_but_not_what_it_says() {
        let css = "/* the frame */\n.app {\n  grid-template-areas: \"top top\" \"a b\";\n  width: calc(100% - 24px); /* why */\n}\n@media (max-width: 760px) { .x > .y { margin: 0 } }\n.a, .b :hover { font: 12px/1 x, y }\n.q::after { content: \"a, b: {c}\" }\n";
        assert_eq!(
            minify_css(css),
            ".app{grid-template-areas:\"top top\" \"a b\";width:calc(100% - 24px);}@media (max-width:760px){.x>.y{margin:0}}.a,.b :hover{font:12px/1 x,y}.q::after{content:\"a, b: {c}\"}"
        );
    }
}
