//! `dist/shardlab.html`: the whole page in one file that opens from `file://` with no server.
//! The stylesheet and icon are inlined, the JS glue and the boot script become one inline
//! module, and the wasm travels inside it as base64 — the build with every service's model
//! and the script engine's, the AWS CLI's and the Learn panel's modules too, which the served page fetches on demand and this one
//! unpacks on demand. The
//! Content-Security-Policy keeps `unsafe-inline` out of scripts by allowing exactly that
//! module by its SHA-256 hash.

use crate::cmd::Result;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;

const STYLE_TAG: &str = r#"<link rel="stylesheet" href="./style.css">"#;
const ICON_TAG: &str = r#"<link rel="icon" href="./icon.svg" type="image/svg+xml">"#;
const BOOT_TAG: &str = r#"<script type="module" src="./boot.js"></script>"#;
const SCRIPT_SRC: &str = "script-src 'self' 'wasm-unsafe-eval'";
const LEAN_IMPORT: &str = "const app = await import('./shardlab.js');";
const LEAN_WASM_URL: &str = "new URL('./shardlab_bg.wasm', import.meta.url)";
const FULL_IMPORT: &str = "const app = await import('./shardlab_full.js');";
const FULL_WASM_URL: &str = "new URL('./shardlab_full_bg.wasm', import.meta.url)";
const ENGINE_IMPORT: &str = "const engine = await import('./shardlab_script.js');";
const ENGINE_WASM_URL: &str = "new URL('./shardlab_script_bg.wasm', import.meta.url)";
const CLI_IMPORT: &str = "const cli = await import('./shardlab_cli.js');";
const CLI_WASM_URL: &str = "new URL('./shardlab_cli_bg.wasm', import.meta.url)";
const COURSE_IMPORT: &str = "const course = await import('./shardlab_course.js');";
const COURSE_WASM_URL: &str = "new URL('./shardlab_course_bg.wasm', import.meta.url)";

pub fn write(dist: &Path) -> Result {
    let read =
        |name: &str| std::fs::read_to_string(dist.join(name)).map_err(|e| format!("cannot read dist/{name}: {e}"));
    // The glue as wasm-bindgen wrote it (dist/ has it minified), which `scoped_module` reads
    // line by line.
    let glue_of = |out_name: &str| {
        let path = crate::cmd::root().join("target/web").join(out_name).join(format!("{out_name}.js"));
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let html = read("index.html")?;
    let css = read("style.css")?;
    let icon = read("icon.svg")?;
    let glue = glue_of("shardlab")?;
    // The boot script as written (dist/ has it minified), whose lines are rewritten below.
    let boot_path = crate::cmd::root().join("www/boot.js");
    let boot = std::fs::read_to_string(&boot_path).map_err(|e| format!("cannot read {}: {e}", boot_path.display()))?;
    let wasm =
        std::fs::read(dist.join("shardlab_bg.wasm")).map_err(|e| format!("cannot read dist/shardlab_bg.wasm: {e}"))?;
    let full_glue = glue_of("shardlab_full")?;
    let full_wasm = std::fs::read(dist.join("shardlab_full_bg.wasm"))
        .map_err(|e| format!("cannot read dist/shardlab_full_bg.wasm: {e}"))?;

    let engine_glue = glue_of("shardlab_script")?;
    let engine_wasm = std::fs::read(dist.join("shardlab_script_bg.wasm"))
        .map_err(|e| format!("cannot read dist/shardlab_script_bg.wasm: {e}"))?;

    let cli_glue = glue_of("shardlab_cli")?;
    let cli_wasm = std::fs::read(dist.join("shardlab_cli_bg.wasm"))
        .map_err(|e| format!("cannot read dist/shardlab_cli_bg.wasm: {e}"))?;

    let course_glue = glue_of("shardlab_course")?;
    let course_wasm = std::fs::read(dist.join("shardlab_course_bg.wasm"))
        .map_err(|e| format!("cannot read dist/shardlab_course_bg.wasm: {e}"))?;

    let b64 = base64::engine::general_purpose::STANDARD;
    let inline_bytes = |bytes: &[u8]| format!("Uint8Array.from(atob('{}'), (c) => c.charCodeAt(0))", b64.encode(bytes));
    let module =
        replace_once(&boot, ENGINE_IMPORT, &format!("const engine = {};", scoped_module(&engine_glue)?), "boot.js")?;
    let module = replace_once(&module, ENGINE_WASM_URL, &inline_bytes(&engine_wasm), "boot.js")?;
    let module = replace_once(&module, CLI_IMPORT, &format!("const cli = {};", scoped_module(&cli_glue)?), "boot.js")?;
    let module = replace_once(&module, CLI_WASM_URL, &inline_bytes(&cli_wasm), "boot.js")?;
    let module =
        replace_once(&module, COURSE_IMPORT, &format!("const course = {};", scoped_module(&course_glue)?), "boot.js")?;
    let module = replace_once(&module, COURSE_WASM_URL, &inline_bytes(&course_wasm), "boot.js")?;
    let module = replace_once(&module, LEAN_IMPORT, &format!("const app = {};", scoped_module(&glue)?), "boot.js")?;
    let module = replace_once(&module, LEAN_WASM_URL, &inline_bytes(&wasm), "boot.js")?;
    let module =
        replace_once(&module, FULL_IMPORT, &format!("const app = {};", scoped_module(&full_glue)?), "boot.js")?;
    let module = replace_once(&module, FULL_WASM_URL, &inline_bytes(&full_wasm), "boot.js")?;
    for g in [&glue, &full_glue] {
        if !g.contains("function __wbg_init") {
            return Err("wasm-bindgen's glue no longer defines __wbg_init: update single_file.rs".into());
        }
    }
    let hash = b64.encode(Sha256::digest(module.as_bytes()));

    let page = replace_once(&html, STYLE_TAG, &format!("<style>\n{css}</style>"), "index.html")?;
    let page = replace_once(
        &page,
        ICON_TAG,
        &format!(r#"<link rel="icon" href="data:image/svg+xml;base64,{}">"#, b64.encode(icon)),
        "index.html",
    )?;
    let page = replace_once(&page, BOOT_TAG, &format!(r#"<script type="module">{module}</script>"#), "index.html")?;
    let page =
        replace_once(&page, SCRIPT_SRC, &format!("script-src 'sha256-{hash}' 'wasm-unsafe-eval'"), "index.html")?;
    std::fs::write(dist.join("shardlab.html"), page).map_err(|e| format!("cannot write dist/shardlab.html: {e}"))
}

/// wasm-bindgen's ES-module glue as an expression: the module's body in a function scope (so
/// its names cannot meet the page's glue, which shares the inline module), giving an object
/// of its exports.
fn scoped_module(glue: &str) -> Result<String> {
    let mut body = String::new();
    let mut exports = vec!["initSync".to_string(), "default: __wbg_init".to_string()];
    for line in glue.lines() {
        if let Some(rest) = line.strip_prefix("export function ") {
            let name = rest.split('(').next().unwrap_or_default();
            exports.push(name.to_string());
            body.push_str(&format!("function {rest}\n"));
        } else if line == "export { initSync, __wbg_init as default };" {
            continue;
        } else if line.starts_with("export ") || line.starts_with("import ") {
            return Err(format!(
                "the script engine's glue has `{line}`, which single_file.rs does not know: update it"
            ));
        } else {
            body.push_str(line);
            body.push('\n');
        }
    }
    Ok(format!("(() => {{\n{body}return {{ {} }};\n}})()", exports.join(", ")))
}

/// Replaces the one occurrence of `needle`; anything else means the page's shape changed and
/// this build would be wrong, so it is an error rather than a silent miss.
fn replace_once(text: &str, needle: &str, with: &str, file: &str) -> Result<String> {
    match text.matches(needle).count() {
        1 => Ok(text.replacen(needle, with, 1)),
        n => Err(format!("{file}: expected `{needle}` exactly once, found it {n} times")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_once_refuses_a_missing_or_repeated_needle() {
        assert_eq!(replace_once("a-b", "-", "+", "f").unwrap(), "a+b");
        assert!(replace_once("ab", "-", "+", "f").unwrap_err().contains("0 times"));
        assert!(replace_once("a-b-", "-", "+", "f").unwrap_err().contains("2 times"));
    }

    #[test]
    fn a_module_s_exports_become_an_object_in_its_own_scope() {
        let glue = "let wasm;\nexport function invoke(a) {\n  return a;\n}\nfunction __wbg_init() {}\nfunction initSync() {}\nexport { initSync, __wbg_init as default };\n";
        let scoped = scoped_module(glue).unwrap();
        assert!(scoped.starts_with("(() => {\nlet wasm;\nfunction invoke(a) {"), "{scoped}");
        assert!(scoped.ends_with("return { initSync, default: __wbg_init, invoke };\n})()"), "{scoped}");
        assert!(scoped_module("export const x = 1;\n").unwrap_err().contains("export const x"));
    }
}
