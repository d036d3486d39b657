//! Turns the lessons (`lessons/NN-id.toml`, each with its scenario `lessons/NN-id.json`) and
//! the quiz bank (`quiz/bank.toml`) into one JSON document in OUT_DIR, which `src/lib.rs`
//! includes. A file that is not valid TOML stops the build with its name and the reason.

use serde_json::Value;
use std::path::Path;

fn toml_file(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::to_value(value).expect("TOML is JSON")
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-changed=lessons");
    println!("cargo:rerun-if-changed=quiz");
    let mut files: Vec<_> = std::fs::read_dir(root.join("lessons"))
        .expect("lessons/")
        .map(|e| e.expect("a lesson file").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let lessons: Vec<Value> = files
        .iter()
        .map(|path| {
            println!("cargo:rerun-if-changed={}", path.display());
            let mut lesson = toml_file(path);
            // The lesson's scenario, as its file holds it (the page opens it as an import).
            let scenario = path.with_extension("json");
            println!("cargo:rerun-if-changed={}", scenario.display());
            let text = std::fs::read_to_string(&scenario).unwrap_or_else(|e| panic!("{}: {e}", scenario.display()));
            lesson["scenario"] = Value::String(text);
            lesson
        })
        .collect();
    let quiz = toml_file(&root.join("quiz/bank.toml"));
    let course = serde_json::json!({ "lessons": lessons, "questions": quiz["question"] });
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("course.json");
    std::fs::write(out, course.to_string()).expect("write course.json");
}
