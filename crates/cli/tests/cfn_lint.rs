//! `cfn-lint` (AWS's CloudFormation linter, from PyPI) passes on the exported template of
//! every prepared scenario, example scenario and lesson: `shardlab export --format cloudformation`.
//! `cargo xtask test` installs cfn-lint in a venv and runs this with `--ignored` and
//! SHARDLAB_CFN_LINT set to it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn shardlab(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_shardlab")).args(args).output().expect("run shardlab");
    assert!(out.status.success(), "shardlab {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
#[ignore = "needs cfn-lint: cargo xtask test installs it and sets SHARDLAB_CFN_LINT"]
fn cfn_lint_finds_no_error_in_any_exported_template() {
    let cfn_lint =
        std::env::var_os("SHARDLAB_CFN_LINT").expect("SHARDLAB_CFN_LINT names cfn-lint (cargo xtask test sets it up)");
    let dir = std::env::temp_dir().join(format!("shardlab-cfn-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut scenarios: Vec<PathBuf> = Vec::new();
    for lesson in shardlab_sim::lessons::LESSONS {
        let path = dir.join(format!("{lesson}.json"));
        std::fs::write(&path, shardlab(&["lesson", lesson])).unwrap();
        scenarios.push(path);
    }
    // The Learn panel's lessons, each with its own scenario.
    for lesson in &shardlab_course::course().lessons {
        let path = dir.join(format!("lesson-{}.json", lesson.id));
        std::fs::write(&path, &lesson.scenario).unwrap();
        scenarios.push(path);
    }
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    for name in ["hot_shard", "random_keys", "streams_vs_firehose", "emr_jobs"] {
        scenarios.push(examples.join(format!("{name}.json")));
    }
    let mut templates = Vec::new();
    for scenario in &scenarios {
        let template = dir.join(format!("{}.yaml", scenario.file_stem().unwrap().to_string_lossy()));
        std::fs::write(&template, shardlab(&["export", "--format", "cloudformation", scenario.to_str().unwrap()]))
            .unwrap();
        templates.push(template);
    }
    let out = Command::new(&cfn_lint).args(&templates).output().expect("run cfn-lint");
    let report = String::from_utf8_lossy(&out.stdout);
    println!("{report}");
    // cfn-lint's exit code is a bit mask: 2 errors, 4 warnings, 8 informational.
    let code = out.status.code().unwrap_or(2);
    assert_eq!(code & 2, 0, "cfn-lint found errors:\n{report}{}", String::from_utf8_lossy(&out.stderr));
    let examples = 4;
    assert_eq!(
        templates.len(),
        shardlab_sim::lessons::LESSONS.len() + examples + shardlab_course::course().lessons.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
