//! `docs/aws-rules.md`: the table of every AWS rule the model enforces, generated from the
//! services' `limits.rs` files. These tests fail when the committed table is out of date
//! (`cargo xtask docs` rewrites it: it runs them with `SHARDLAB_WRITE_DOCS=1`), when a
//! constant of a limits file has no `Source:`, is missing from the file's `rule_values!`, or
//! is enforced nowhere, and when a behaviour names a file or a name that is not there.

use shardlab_sim::rules::{Behaviour, RuleValue};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A limits file: where it is under `crates/sim/src/`, the service's name, the module path the
/// rest of the model imports it by, and its tables.
struct LimitsFile {
    path: &'static str,
    service: &'static str,
    module: &'static str,
    rules: &'static [RuleValue],
    behaviours: &'static [Behaviour],
}

fn limits_files() -> Vec<LimitsFile> {
    use shardlab_sim::{analytics, emr, firehose, kinesis, stores, video};
    vec![
        LimitsFile {
            path: "kinesis/limits.rs",
            service: "Kinesis Data Streams, and the clients around a stream (SDK, KPL, KCL, Lambda)",
            module: "kinesis::limits",
            rules: kinesis::limits::RULES,
            behaviours: kinesis::limits::BEHAVIOURS,
        },
        LimitsFile {
            path: "firehose/limits.rs",
            service: "Data Firehose, and its destinations",
            module: "firehose::limits",
            rules: firehose::limits::RULES,
            behaviours: firehose::limits::BEHAVIOURS,
        },
        LimitsFile {
            path: "analytics/limits.rs",
            service: "Managed Service for Apache Flink (streaming SQL) and the legacy Kinesis Data Analytics",
            module: "analytics::limits",
            rules: analytics::limits::RULES,
            behaviours: analytics::limits::BEHAVIOURS,
        },
        LimitsFile {
            path: "video/limits.rs",
            service: "Kinesis Video Streams, and the lab's camera, players and analysis consumer",
            module: "video::limits",
            rules: video::limits::RULES,
            behaviours: video::limits::BEHAVIOURS,
        },
        LimitsFile {
            path: "emr/limits.rs",
            service: "Amazon EMR, HDFS and MapReduce",
            module: "emr::limits",
            rules: emr::limits::RULES,
            behaviours: emr::limits::BEHAVIOURS,
        },
        LimitsFile {
            path: "stores/dynamodb/limits.rs",
            service: "Amazon DynamoDB",
            module: "dynamodb::limits",
            rules: stores::dynamodb::limits::RULES,
            behaviours: stores::dynamodb::limits::BEHAVIOURS,
        },
        LimitsFile {
            path: "stores/s3/limits.rs",
            service: "Amazon S3",
            module: "s3::limits",
            rules: stores::s3::limits::RULES,
            behaviours: stores::s3::limits::BEHAVIOURS,
        },
    ]
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn docs_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/aws-rules.md")
}

/// Every `.rs` file under `dir`, as (path relative to `src/`, text without its tests).
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("src").map(|e| e.expect("entry").path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("source");
            // A mention in a unit test does not enforce anything.
            let code = text.split("#[cfg(test)]").next().unwrap_or_default().to_string();
            let rel = path.strip_prefix(src()).expect("under src").to_string_lossy().replace('\\', "/");
            out.push((rel, code));
        }
    }
}

/// One `pub const` of a limits file as written.
struct Constant {
    name: String,
    expression: String,
    /// The doc comment it shares with the constants right after it (a group is one rule).
    doc: String,
    first_of_group: bool,
}

impl Constant {
    fn part(&self, label: &str) -> Option<String> {
        let start = self.doc.find(label)? + label.len();
        let rest = &self.doc[start..];
        let end = ["Source:", "Study notes:"].iter().filter_map(|l| rest.find(l)).min().unwrap_or(rest.len());
        Some(rest[..end].trim().to_string())
    }
    fn description(&self) -> String {
        let end = ["Source:", "Study notes:"].iter().filter_map(|l| self.doc.find(l)).min().unwrap_or(self.doc.len());
        self.doc[..end].trim().to_string()
    }
    fn source(&self) -> Option<String> {
        self.part("Source:").filter(|s| !s.is_empty())
    }
    fn study_notes(&self) -> Option<String> {
        self.part("Study notes:")
    }
}

/// The top-level constants of a limits file, each with its doc comment: consecutive
/// constants after one comment share it.
fn constants(text: &str) -> Vec<Constant> {
    let mut out = Vec::new();
    let mut doc: Vec<String> = Vec::new();
    let mut group_doc: Option<String> = None;
    for line in text.lines() {
        if let Some(d) = line.strip_prefix("///") {
            doc.push(d.trim().to_string());
            continue;
        }
        if let Some(rest) = line.strip_prefix("pub const ") {
            let Some((name, after)) = rest.split_once(':') else { continue };
            if name == "BEHAVIOURS" {
                doc.clear();
                group_doc = None;
                continue;
            }
            let expression = after.split_once('=').map(|(_, e)| e.trim().trim_end_matches(';').trim()).unwrap_or("");
            let first_of_group = !doc.is_empty() || group_doc.is_none();
            if !doc.is_empty() {
                group_doc = Some(doc.join(" "));
                doc.clear();
            }
            out.push(Constant {
                name: name.trim().to_string(),
                expression: expression.to_string(),
                doc: group_doc.clone().unwrap_or_default(),
                first_of_group,
            });
            continue;
        }
        doc.clear();
        group_doc = None;
    }
    out
}

fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !ident(before) && !ident(after)
    })
}

/// Whether `code` names `name` of `module`: `module::NAME`, `module::*` or `module::{…NAME…}`.
fn imports(code: &str, module: &str, name: &str) -> bool {
    code.match_indices(module).any(|(i, _)| {
        let rest = &code[i + module.len()..];
        let Some(rest) = rest.strip_prefix("::") else { return false };
        if rest.starts_with('*') {
            return true;
        }
        if let Some(group) = rest.strip_prefix('{') {
            return has_word(&group[..group.find('}').unwrap_or(group.len())], name);
        }
        rest.starts_with(name) && !rest[name.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
    })
}

/// The files (under `src/`) that use `c` of `file`: a mention of its name in the service's own
/// folder or in a file that imports it from the service's limits; for a constant that only restates
/// another (`crate::pipeline::emr_settings::KEY_NAME_CHARS`), the users of that one.
fn enforced_in(c: &Constant, file: &LimitsFile, all: &[(String, String)]) -> Vec<String> {
    let folder = file.path.trim_end_matches("limits.rs");
    let mut users = BTreeSet::new();
    for (path, code) in all {
        if path.ends_with("limits.rs") || path == "rules.rs" || path.ends_with("tests.rs") || path.contains("/tests/") {
            continue;
        }
        if has_word(code, &c.name) && (path.starts_with(folder) || imports(code, file.module, &c.name)) {
            users.insert(path.clone());
        }
    }
    if let Some(target) = c.expression.strip_prefix("crate::") {
        let target = target.split('.').next().unwrap_or(target);
        if let Some((module, name)) = target.rsplit_once("::") {
            let module_file = format!("{}.rs", module.replace("::", "/"));
            for (path, code) in all {
                if (path == &module_file || code.contains(module)) && has_word(code, name) {
                    users.insert(path.clone());
                }
            }
        }
    }
    users.into_iter().collect()
}

/// A value with the unit its name says.
fn with_unit(name: &str, value: &str) -> String {
    let bytes = name.contains("BYTES") || ["MIB", "KB", "MB"].contains(&name);
    if bytes {
        let n: u128 = value.replace(',', "").parse().unwrap_or(0);
        let binary = [(1u128 << 20, "MiB"), (1 << 10, "KiB")].into_iter().find(|(size, _)| n >= *size && n % size == 0);
        let per = if name.ends_with("_PER_SEC") { "/s" } else { "" };
        return match binary {
            Some((size, unit)) => format!("{value} bytes{per} ({} {unit}{per})", n / size),
            None => format!("{value} bytes{per}"),
        };
    }
    let units = [
        ("RECORDS_PER_SEC", " records/s"),
        ("REQUESTS_PER_SEC", " requests/s"),
        ("CALLS_PER_SEC", " calls/s"),
        ("_MB_PER_S", " MB/s"),
        ("_MIB_DEFAULT", " MiB"),
        ("_MIB", " MiB"),
        ("_MB_DEFAULT", " MB"),
        ("_MB_RANGE", " MB"),
        ("_MB", " MB"),
        ("_S_DEFAULT", " s"),
        ("_S", " s"),
        ("_HOURS", " h"),
        ("_MS_DEFAULT", " ms"),
        ("_MS", " ms"),
        ("_CHARS", " characters"),
    ];
    match units.iter().find(|(suffix, _)| name.ends_with(suffix)) {
        Some((_, " characters")) if value == "1" => "1 character".to_string(),
        Some((_, unit)) => format!("{value}{unit}"),
        None => value.to_string(),
    }
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// `docs/aws-rules.md`, and the problems found on the way.
fn render() -> (String, Vec<String>) {
    let mut all = Vec::new();
    sources(&src(), &mut all);
    let mut problems = Vec::new();
    let mut md = String::from(
        "# The AWS rules ShardLab enforces\n\n\
         Generated by `cargo xtask docs` from each service's `limits.rs` in `crates/sim/src/`; do not edit it by hand. \
         A test (`crates/sim/tests/all/aws_rules.rs`) fails when this file is out of date, when a constant has no source, \
         and when one is enforced nowhere.\n\n\
         Every number is a named constant beside its source (the AWS document and section). \
         \"The lab's own figure\" marks a number AWS does not publish (how long a stream stays CREATING, how fast a map task reads): \
         the lab picks one so that the thing can be watched. \
         *Enforced in* lists the files under `crates/sim/src/` that use the constant. \
         Where the study notes the lab grew from teach an older value, the table says so (**Study notes**).\n",
    );
    let found: BTreeSet<String> =
        all.iter().filter(|(p, _)| p.ends_with("/limits.rs") || p == "limits.rs").map(|(p, _)| p.clone()).collect();
    let listed: BTreeSet<String> = limits_files().iter().map(|f| f.path.to_string()).collect();
    for missing in found.difference(&listed) {
        problems.push(format!("{missing} is a limits file the rules table does not list (add it to limits_files)"));
    }
    for file in limits_files() {
        let text = all.iter().find(|(p, _)| p == file.path).map(|(_, t)| t.clone()).unwrap_or_default();
        let consts = constants(&text);
        let written: BTreeSet<&str> = consts.iter().map(|c| c.name.as_str()).collect();
        let valued: BTreeSet<&str> = file.rules.iter().map(|r| r.name).collect();
        for name in written.difference(&valued) {
            problems.push(format!("{}: {name} is missing from its rule_values! list", file.path));
        }
        md.push_str(&format!("\n## {}\n\nFrom `crates/sim/src/{}`.\n\n", file.service, file.path));
        md.push_str("| Rule | Value | Constant | Enforced in | Source |\n|---|---|---|---|---|\n");
        let mut notes = Vec::new();
        for c in &consts {
            let Some(source) = c.source() else {
                problems.push(format!("{}: {} has no `Source:` in its doc comment", file.path, c.name));
                continue;
            };
            let value = file.rules.iter().find(|r| r.name == c.name).map(|r| (r.value)()).unwrap_or_default();
            let users = enforced_in(c, &file, &all);
            if users.is_empty() {
                problems.push(format!("{}: {} is enforced nowhere (no file of the model uses it)", file.path, c.name));
            }
            let rule = if c.first_of_group { c.description() } else { "(the same rule)".to_string() };
            let users = users.iter().map(|u| format!("`{u}`")).collect::<Vec<_>>().join(", ");
            let source = if c.first_of_group { source } else { "(as above)".to_string() };
            md.push_str(&format!(
                "| {} | {} | `{}` | {} | {} |\n",
                cell(&rule),
                cell(&with_unit(&c.name, &value)),
                c.name,
                users,
                cell(&source)
            ));
            if let Some(n) = c.study_notes().filter(|_| c.first_of_group) {
                notes.push(format!("- `{}`: {}\n", c.name, n));
            }
        }
        if !file.behaviours.is_empty() {
            md.push_str(
                "\nRules that are behaviours rather than numbers:\n\n| Rule | Enforced in | Source |\n|---|---|---|\n",
            );
        }
        for b in file.behaviours {
            let code = all.iter().find(|(p, _)| p == b.enforced_in).map(|(_, t)| t.as_str());
            match code {
                None => {
                    problems.push(format!("{}: a behaviour names {}, which is not a file", file.path, b.enforced_in))
                }
                Some(code) if !code.contains(b.by) => {
                    problems.push(format!("{}: {} no longer has `{}` (\"{}\")", file.path, b.enforced_in, b.by, b.rule))
                }
                Some(_) => {}
            }
            if b.source.trim().is_empty() {
                problems.push(format!("{}: a behaviour has no source (\"{}\")", file.path, b.rule));
            }
            md.push_str(&format!("| {} | `{}` (`{}`) | {} |\n", cell(b.rule), b.enforced_in, b.by, cell(b.source)));
        }
        if !notes.is_empty() {
            md.push_str("\n**Study notes** that say something else, or the same in other words:\n\n");
            for n in notes {
                md.push_str(&n);
            }
        }
    }
    (md, problems)
}

#[test]
fn every_constant_of_a_limits_file_has_a_source_and_is_enforced() {
    let (_, problems) = render();
    assert!(problems.is_empty(), "the rules table found:\n{}", problems.join("\n"));
}

#[test]
fn the_rules_table_in_docs_is_current() {
    let (md, _) = render();
    if std::env::var_os("SHARDLAB_WRITE_DOCS").is_some() {
        std::fs::write(docs_file(), &md).expect("write docs/aws-rules.md");
        return;
    }
    let committed = std::fs::read_to_string(docs_file()).unwrap_or_default();
    assert!(committed == md, "docs/aws-rules.md is out of date: run `cargo xtask docs` and commit it");
}

#[test]
fn a_constant_without_a_source_is_found() {
    let text = "/// Has one.\n/// Source: somewhere.\npub const A: u32 = 1;\npub const B: u32 = 2;\n\n/// None here.\npub const C: u32 = 3;\n";
    let consts = constants(text);
    let named: Vec<(&str, bool, Option<String>)> =
        consts.iter().map(|c| (c.name.as_str(), c.first_of_group, c.source())).collect();
    assert_eq!(
        named,
        vec![("A", true, Some("somewhere.".into())), ("B", false, Some("somewhere.".into())), ("C", true, None)]
    );
}

#[test]
fn values_carry_the_unit_their_names_say() {
    assert_eq!(with_unit("SHARD_WRITE_BYTES_PER_SEC", "1,048,576"), "1,048,576 bytes/s (1 MiB/s)");
    assert_eq!(with_unit("RECORD_MAX_BYTES", "1,024,000"), "1,024,000 bytes (1000 KiB)");
    assert_eq!(with_unit("RETENTION_MAX_HOURS", "8,760"), "8,760 h");
    assert_eq!(with_unit("S3_BUFFER_MIB", "1–128"), "1–128 MiB");
    assert_eq!(with_unit("MAX_TASK_ATTEMPTS", "4"), "4");
    assert_eq!(with_unit("STREAM_NAME_MIN_CHARS", "1"), "1 character");
}

#[test]
fn a_file_counts_as_a_user_only_when_it_imports_that_constant() {
    let module = "kinesis::limits";
    assert!(imports("use crate::kinesis::limits::{ACCOUNT_ID, CREATE_DELAY};", module, "CREATE_DELAY"));
    assert!(imports("use crate::kinesis::limits::*;", module, "CREATE_DELAY"));
    assert!(imports("crate::kinesis::limits::CREATE_DELAY + x", module, "CREATE_DELAY"));
    assert!(!imports(
        "use crate::kinesis::limits::ACCOUNT_ID; use super::limits::CREATE_DELAY;",
        module,
        "CREATE_DELAY"
    ));
    assert!(!imports("crate::kinesis::limits::CREATE_DELAY_LONG", module, "CREATE_DELAY"));
}
