//! A user's job in Rhai, the sandboxed script language Firehose transforms use, run as a
//! Hadoop Streaming step runs its scripts. The script defines
//!
//! ```text
//! fn mapper(line, file) { [[key, value], …] }   // the pairs a line gives (or nothing)
//! fn reducer(key, values) { value }              // what is written for a key (an array: one line each)
//! fn combiner(key, values) { [value, …] }        // optional: values passed on to the reducers
//! ```
//!
//! Keys and values are text (numbers are written as JSON writes them). Each call of the
//! engine takes a whole split, or every group of a run, under an operation budget that
//! grows with the records, so an endless loop fails its task attempt instead of the page.
//! Errors fail the task attempt with the engine's message (line and column included).

use super::{Emit, JobLogic, MapInput};
use crate::emr::kv::KvBuffer;
use crate::firehose::transform::{engine, operation_budget};
use serde_json::{json, Value};

/// What the lab appends to a script: one entry point that runs the script's functions over
/// a batch (anonymous functions, since the sandbox has no closures).
const GLUE: &str = r#"

fn handler(event) {
    if event.stage == "map" {
        event.records.map(|r| mapper(r[0], r[1]))
    } else if event.stage == "combine" {
        event.groups.map(|g| combiner(g[0], g[1]))
    } else {
        event.groups.map(|g| reducer(g[0], g[1]))
    }
}
"#;

pub use super::script_templates::TEMPLATES;

pub struct ScriptJob {
    compiled: engine::Compiled,
    has_combiner: bool,
}

impl ScriptJob {
    /// Compiles `code` (with the lab's glue); the error names line and column.
    pub fn compile(code: &str) -> Result<ScriptJob, String> {
        if code.contains("fn handler(") {
            return Err(
                "The script must not define handler(): the lab calls mapper, combiner and reducer through its own."
                    .into(),
            );
        }
        for needed in ["fn mapper(", "fn reducer("] {
            if !code.contains(needed) {
                return Err(format!(
                    "The script defines no {}…): a streaming job needs mapper(line, file) and reducer(key, values).",
                    &needed[3..]
                ));
            }
        }
        let full = format!("{code}{GLUE}");
        let compiled = engine::compile(&full).map_err(|e| format!("Script error: {e}"))?;
        if let Some(e) = engine::late_compile_error(&compiled) {
            return Err(format!("Script error: {e}"));
        }
        Ok(ScriptJob { compiled, has_combiner: code.contains("fn combiner(") })
    }

    pub fn has_combiner(&self) -> bool {
        self.has_combiner
    }

    fn call(&self, stage: &str, event: Value, records: usize) -> Result<Vec<Value>, String> {
        match engine::call(&self.compiled, event, operation_budget(records)).map_err(|e| format!("{stage}: {e}"))? {
            Value::Array(items) => Ok(items),
            other => Err(format!("{stage}: the glue returned {other} instead of an array")),
        }
    }
}

/// A key or value as the text written: strings as they are, anything else as JSON.
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The groups of a sorted run as `[[key, [values…]], …]`.
fn groups(run: &KvBuffer) -> (Vec<Value>, Vec<Vec<u8>>) {
    let mut out = Vec::new();
    let mut keys = Vec::new();
    let _ = run.for_each_group(|k, vs| {
        let values: Vec<Value> = vs.iter().map(|v| json!(String::from_utf8_lossy(v))).collect();
        out.push(json!([String::from_utf8_lossy(k), values]));
        keys.push(k.to_vec());
        Ok::<(), ()>(())
    });
    (out, keys)
}

/// Each result of a combiner or reducer: an array gives one value each, nothing gives none.
fn each_value(result: &Value, mut f: impl FnMut(&str)) {
    match result {
        Value::Null => {}
        Value::Array(values) => values.iter().for_each(|v| f(&text(v))),
        v => f(&text(v)),
    }
}

impl JobLogic for ScriptJob {
    fn map(&self, input: &MapInput, line: &[u8], emit: &mut Emit) -> Result<(), String> {
        self.map_all(input, &mut std::iter::once(line), emit).map(|_| ())
    }

    fn combine(&self, _: &[u8], _: &[&[u8]], _: &mut Emit) -> Result<(), String> {
        Err("combine is called on whole runs (combine_all)".into())
    }

    fn reduce(&self, _: &[u8], _: &[&[u8]], _: &mut Emit) -> Result<(), String> {
        Err("reduce is called on whole runs (reduce_all)".into())
    }

    fn map_all(
        &self,
        input: &MapInput,
        lines: &mut dyn Iterator<Item = &[u8]>,
        emit: &mut Emit,
    ) -> Result<u64, String> {
        let records: Vec<Value> = lines.map(|l| json!([String::from_utf8_lossy(l), input.file])).collect();
        let n = records.len();
        if n == 0 {
            return Ok(0);
        }
        let results = self.call("mapper", json!({ "stage": "map", "records": records }), n)?;
        for (i, result) in results.iter().enumerate() {
            match result {
                Value::Null => {}
                Value::Array(pairs) => {
                    for pair in pairs {
                        match pair.as_array().map(Vec::as_slice) {
                            Some([k, v]) => emit(text(k).as_bytes(), text(v).as_bytes()),
                            _ => return Err(format!("mapper: line {} gave {pair}, not a [key, value] pair", i + 1)),
                        }
                    }
                }
                other => {
                    return Err(format!("mapper: line {} gave {other}, not an array of [key, value] pairs", i + 1))
                }
            }
        }
        Ok(n as u64)
    }

    fn combine_all(&self, run: &KvBuffer, emit: &mut Emit) -> Result<(), String> {
        let (groups, keys) = groups(run);
        if groups.is_empty() {
            return Ok(());
        }
        let n = run.len();
        let results = self.call("combiner", json!({ "stage": "combine", "groups": groups }), n)?;
        for (key, result) in keys.iter().zip(&results) {
            each_value(result, |v| emit(key, v.as_bytes()));
        }
        Ok(())
    }

    fn reduce_all(&self, run: &KvBuffer, emit: &mut Emit) -> Result<(), String> {
        let (groups, keys) = groups(run);
        if groups.is_empty() {
            return Ok(());
        }
        let n = run.len();
        let results = self.call("reducer", json!({ "stage": "reduce", "groups": groups }), n)?;
        for (key, result) in keys.iter().zip(&results) {
            each_value(result, |v| emit(key, v.as_bytes()));
        }
        Ok(())
    }
}

#[cfg(all(test, feature = "script-engine"))]
mod tests {
    use super::*;
    use crate::emr::mapper::run_map;
    use crate::emr::reducer::run_reduce;

    fn template(name: &str) -> &'static str {
        TEMPLATES.iter().find(|(n, _)| *n == name).unwrap().1
    }

    #[test]
    fn the_wordcount_template_counts_as_the_built_in_job_does() {
        let job = ScriptJob::compile(template("wordcount")).unwrap();
        assert!(job.has_combiner());
        let text = b"the cat and the hat\nand the bat\n";
        for combine in [false, true] {
            let out = run_map(&job, "t", text, 0, text.len() as u64, 1, combine).unwrap();
            let reduced = run_reduce(&job, &[&out.partitions[0]]).unwrap();
            assert_eq!(String::from_utf8(reduced.part).unwrap(), "and\t2\nbat\t1\ncat\t1\nhat\t1\nthe\t3\n");
        }
    }

    #[test]
    fn bad_scripts_fail_with_a_message_naming_the_rule() {
        assert!(ScriptJob::compile("fn mapper(l, f) { [] }").err().unwrap().contains("reducer"));
        assert!(ScriptJob::compile("fn mapper(l, f) { [ }\nfn reducer(k, v) { 1 }")
            .err()
            .unwrap()
            .contains("Script error"));
        let looping = ScriptJob::compile(template("broken-endless-loop")).unwrap();
        let err = run_map(&looping, "t", b"a\n", 0, 2, 1, false).unwrap_err();
        assert!(err.contains("mapper") && err.contains("budget"), "{err}");
        let shape = ScriptJob::compile("fn mapper(l, f) { [[1, 2, 3]] }\nfn reducer(k, v) { 1 }").unwrap();
        assert!(run_map(&shape, "t", b"a\n", 0, 2, 1, false).unwrap_err().contains("not a [key, value] pair"));
    }

    /// Runs a job over `text` as one split and one reducer: its output lines.
    fn output(logic: &dyn JobLogic, file: &str, text: &[u8], combine: bool) -> String {
        let out = run_map(logic, file, text, 0, text.len() as u64, 1, combine).unwrap();
        String::from_utf8(run_reduce(logic, &[&out.partitions[0]]).unwrap().part).unwrap()
    }

    #[test]
    fn each_built_in_jobs_template_writes_what_the_built_in_job_writes_on_its_sample() {
        use crate::emr::datasets::Dataset;
        use crate::emr::jobs::BuiltinJob;
        let cases = [
            ("wordcount", BuiltinJob::Wordcount, Dataset::Corpus),
            ("log-levels", BuiltinJob::LogLevels, Dataset::AppLogs),
            ("pageviews-per-hour", BuiltinJob::PageviewsPerHour, Dataset::AccessLogs),
            ("inverted-index", BuiltinJob::InvertedIndex, Dataset::Corpus),
            ("top-n", BuiltinJob::TopN, Dataset::IotReadings),
            ("average-by-key", BuiltinJob::AverageByKey, Dataset::IotReadings),
        ];
        for (name, builtin, dataset) in cases {
            let text = dataset.generate(16 * 1024, 7);
            let script = ScriptJob::compile(template(name)).unwrap();
            for combine in [false, true] {
                let expected = output(builtin.logic(), "s3://b/in/sample.txt", &text, combine);
                assert!(expected.lines().count() > 1, "{name}: the sample gives output");
                assert_eq!(
                    output(&script, "s3://b/in/sample.txt", &text, combine),
                    expected,
                    "{name}, combiner {combine}"
                );
            }
        }
        // Page views from clickstream JSON too: a record's own timestamp (text or number), or
        // the hour of the Firehose prefix; other actions and other shapes count nothing.
        let clicks = concat!(
            "{\"page\":\"/\",\"action\":\"view\",\"timestamp\":\"2026-11-30T13:05:00.250Z\"}\n",
            "{\"page\":\"/cart\",\"action\":\"click\",\"timestamp\":\"2026-11-30T13:06:00Z\"}\n",
            "{\"page\":\"/a\",\"timestamp\":1764514800}\n",
            "{\"event_id\":1,\"user\":\"u\",\"page\":\"/\",\"action\":\"view\"}\n",
            "{\"user\":\"u\"}\n",
            "not a log line\n",
        );
        let script = ScriptJob::compile(template("pageviews-per-hour")).unwrap();
        let file = "s3://lab-bucket/2026/11/30/09/clicks-1";
        let expected = output(BuiltinJob::PageviewsPerHour.logic(), file, clicks.as_bytes(), false);
        assert_eq!(expected.lines().count(), 3, "{expected}");
        assert_eq!(output(&script, file, clicks.as_bytes(), false), expected);
    }

    #[test]
    fn every_template_compiles() {
        for (name, code) in TEMPLATES {
            assert!(ScriptJob::compile(code).is_ok(), "{name}");
        }
    }
}
