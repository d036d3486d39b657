//! Firehose's Lambda transform, with the real contract, running learners' code in Rhai under
//! an operation budget. The function `handler(event)` gets the Lambda event —
//! `#{ records: [#{ recordId, approximateArrivalTimestamp, data }] }`, `data` in base64 — and
//! returns `#{ records: [#{ recordId, result, data }] }` with `result` one of `Ok`, `Dropped`,
//! `ProcessingFailed`. Helpers: `b64decode(text)`, `b64encode(text)`, `parse_json(text)`,
//! `to_json(value)`.

use base64::Engine as _;
use serde_json::{json, Value};
use std::collections::BTreeMap;

// The script engine behind the contract: linked in (natively, and in tests), or — in the
// page — the one the page loads as its own wasm module and registers (`host_engine.rs`).
#[cfg(feature = "script-engine")]
pub(crate) mod engine {
    pub use shardlab_script::{call, compile, Compiled};

    pub fn ready() -> bool {
        true
    }

    /// Compile errors are known when the code is compiled.
    pub fn late_compile_error(_compiled: &Compiled) -> Option<String> {
        None
    }
}
#[cfg(not(feature = "script-engine"))]
#[path = "host_engine.rs"]
pub(crate) mod engine;
#[cfg(not(feature = "script-engine"))]
pub use engine::{set_script_host, ScriptHost};

/// Whether transforms can run now (in the page, once the engine has loaded).
pub fn engine_ready() -> bool {
    engine::ready()
}

/// Operations one invocation may run: generous for real work, short for an endless loop.
/// The budget grows with the batch — like a Lambda timeout set for the biggest buffer — so
/// a 3 MB buffer of small records is as fine as a handful.
pub const OPERATION_BUDGET: u64 = 200_000;
pub const OPERATIONS_PER_RECORD: u64 = 1_000;

pub fn operation_budget(records: usize) -> u64 {
    OPERATION_BUDGET + OPERATIONS_PER_RECORD * records as u64
}

/// The templates shipped with the lab, by name (their Lambda function name in ARNs).
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "json-to-csv",
        r#"// JSON records → CSV lines (the values, in key order).
fn handler(event) {
    #{ records: event.records.map(|r| {
        let row = parse_json(b64decode(r.data));
        let line = "";
        for k in row.keys() {
            if line != "" { line += ","; }
            line += `${row[k]}`;
        }
        #{ recordId: r.recordId, result: "Ok", data: b64encode(line + "\n") }
    }) }
}"#,
    ),
    (
        "filter-by-field",
        r#"// Keeps records whose "action" is "purchase"; drops the rest.
fn handler(event) {
    #{ records: event.records.map(|r| {
        let row = parse_json(b64decode(r.data));
        let keep = row.action == "purchase";
        #{ recordId: r.recordId, result: if keep { "Ok" } else { "Dropped" }, data: r.data }
    }) }
}"#,
    ),
    (
        "add-field",
        r#"// Adds "processed": true to each JSON record.
fn handler(event) {
    #{ records: event.records.map(|r| {
        let row = parse_json(b64decode(r.data));
        row.processed = true;
        #{ recordId: r.recordId, result: "Ok", data: b64encode(to_json(row) + "\n") }
    }) }
}"#,
    ),
    (
        "drop-every-3rd",
        r#"// Drops every third record, to show the Dropped result.
fn handler(event) {
    #{ records: event.records.map(|r, i| {
        let third = (i + 1) % 3 == 0;
        #{ recordId: r.recordId, result: if third { "Dropped" } else { "Ok" }, data: r.data }
    }) }
}"#,
    ),
    (
        "broken-endless-loop",
        r#"// Never returns: the operation budget stops it and the invocation fails.
fn handler(event) {
    let n = 0;
    loop { n += 1; }
}"#,
    ),
];

pub fn template(name: &str) -> Option<&'static str> {
    TEMPLATES.iter().find(|(n, _)| *n == name).map(|(_, code)| *code)
}

/// One record's outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Ok(Vec<u8>),
    Dropped,
    ProcessingFailed,
}

/// A record handed to the transform.
pub struct Input<'a> {
    pub record_id: u64,
    pub arrival_epoch_ms: u64,
    pub data: &'a [u8],
}

pub(super) fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

#[derive(Clone, Debug)]
pub struct Transform {
    pub code: String,
    compiled: Result<engine::Compiled, String>,
}

impl PartialEq for Transform {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl Transform {
    /// Compiles `code`; a syntax error is kept (with line and column) and fails every invocation.
    pub fn new(code: &str) -> Transform {
        Transform { code: code.to_string(), compiled: engine::compile(code) }
    }

    pub fn compile_error(&self) -> Option<String> {
        match &self.compiled {
            Err(e) => Some(e.clone()),
            Ok(compiled) => engine::late_compile_error(compiled),
        }
    }

    /// One invocation: the event for `records`, the function's answer checked against the
    /// contract. `Err` is an invocation error (syntax, runtime error, budget, a bad answer).
    pub fn invoke(&self, records: &[Input]) -> Result<Vec<Outcome>, String> {
        self.invoke_raw(records).1.and_then(|answer| check_answer(records, &answer))
    }

    /// The "test with sample records" of the transform editor: the event sent and the raw
    /// answer (or the invocation error), then the checked outcomes.
    pub fn try_out(&self, records: &[Input]) -> TryOut {
        let (event, answer) = self.invoke_raw(records);
        let outcomes = answer.as_ref().map_err(Clone::clone).and_then(|a| check_answer(records, a));
        TryOut { event, answer, outcomes }
    }

    fn invoke_raw(&self, records: &[Input]) -> (Value, Result<Value, String>) {
        let event = json!({ "records": records.iter().map(|r| json!({
            "recordId": r.record_id.to_string(),
            "approximateArrivalTimestamp": r.arrival_epoch_ms as i64,
            "data": b64().encode(r.data),
        })).collect::<Vec<_>>() });
        let answer = match self.compiled.as_ref() {
            Err(e) => Err(format!("the function does not compile: {e}")),
            Ok(compiled) => engine::call(compiled, event.clone(), operation_budget(records.len())),
        };
        (event, answer)
    }
}

/// The editor's test batch: `samples` as Firehose would hand them to the function at
/// `epoch_ms` (the scenario's clock, so timestamps in the event are the run's), with
/// record IDs as a batch numbers them.
pub fn test_inputs(samples: &[Vec<u8>], epoch_ms: u64) -> Vec<Input<'_>> {
    samples
        .iter()
        .enumerate()
        .map(|(i, data)| Input { record_id: 49_000 + i as u64, arrival_epoch_ms: epoch_ms, data })
        .collect()
}

/// Three records like a new producer's (clickstream JSON), for the editor's test.
pub fn sample_records() -> Vec<Vec<u8>> {
    use crate::pipeline::payload::{Payload, Template};
    (0..3)
        .map(|n| Payload::Generated { template: Template::Clickstream, n, size: 120 }.render(&format!("user-{n}")))
        .collect()
}

/// What a test invocation showed.
#[derive(Clone, Debug, PartialEq)]
pub struct TryOut {
    pub event: Value,
    pub answer: Result<Value, String>,
    pub outcomes: Result<Vec<Outcome>, String>,
}

/// The function's answer checked against the contract: the same recordIds, each once, with
/// a known result and base64 data.
fn check_answer(records: &[Input], answer: &Value) -> Result<Vec<Outcome>, String> {
    let size = answer.to_string().len();
    if size > super::limits::LAMBDA_PAYLOAD_MAX_BYTES {
        return Err(format!(
            "the response is {size} bytes; a Lambda response may be at most {} bytes (6 MB)",
            super::limits::LAMBDA_PAYLOAD_MAX_BYTES
        ));
    }
    let out = answer["records"].as_array().ok_or("the answer has no records array")?;
    // The answer by recordId, looked up once per record sent (a scan per record would make
    // a big batch quadratic).
    let mut by_id: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
    for o in out {
        by_id.entry(o["recordId"].as_str().unwrap_or_default()).or_default().push(o);
    }
    let mut outcomes = Vec::with_capacity(records.len());
    for r in records {
        let id = r.record_id.to_string();
        let mine = by_id.get(id.as_str()).map_or(&[][..], Vec::as_slice);
        let [one] = mine else {
            return Err(format!(
                "record {id} appears {} times in the answer; each recordId must come back once",
                mine.len()
            ));
        };
        outcomes.push(match one["result"].as_str() {
            Some("Ok") => {
                let data = one["data"].as_str().ok_or(format!("record {id} is Ok but has no data"))?;
                Outcome::Ok(b64().decode(data).map_err(|_| format!("record {id}'s data is not base64"))?)
            }
            Some("Dropped") => Outcome::Dropped,
            Some("ProcessingFailed") => Outcome::ProcessingFailed,
            // (Quoted by hand: `{:?}` would link string escaping into the page's first load.)
            Some(other) => {
                return Err(format!("record {id} has result \"{other}\"; it must be Ok, Dropped or ProcessingFailed"))
            }
            None => return Err(format!("record {id} has no result; it must be Ok, Dropped or ProcessingFailed")),
        });
    }
    if out.len() != records.len() {
        return Err(format!("the answer has {} records for {} sent", out.len(), records.len()));
    }
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_editors_test_batch_arrives_at_the_time_it_is_given() {
        let samples = sample_records();
        let inputs = test_inputs(&samples, 1_800_000_000_000);
        assert_eq!(inputs.iter().map(|i| i.record_id).collect::<Vec<_>>(), [49_000, 49_001, 49_002]);
        let run = Transform::new(template("add-field").unwrap()).try_out(&inputs);
        assert_eq!(run.event["records"][2]["approximateArrivalTimestamp"], 1_800_000_000_000u64);
    }

    use super::*;

    fn inputs(data: &[&str]) -> Vec<Input<'static>> {
        data.iter()
            .enumerate()
            .map(|(i, d)| Input {
                record_id: i as u64 + 1,
                arrival_epoch_ms: 0,
                data: Box::leak(d.as_bytes().to_vec().into_boxed_slice()),
            })
            .collect()
    }

    #[test]
    fn templates_compile_and_keep_the_contract() {
        for (name, code) in TEMPLATES {
            let t = Transform::new(code);
            assert!(t.compile_error().is_none(), "{name}: {:?}", t.compile_error());
        }
        let t = Transform::new(template("json-to-csv").unwrap());
        let out = t.invoke(&inputs(&[r#"{"a":1,"b":"x"}"#])).unwrap();
        assert_eq!(out, [Outcome::Ok(b"1,x\n".to_vec())]);
        let t = Transform::new(template("drop-every-3rd").unwrap());
        let out = t.invoke(&inputs(&["1", "2", "3", "4", "5", "6"])).unwrap();
        assert_eq!(out.iter().filter(|o| **o == Outcome::Dropped).count(), 2);
        let t = Transform::new(template("filter-by-field").unwrap());
        let out = t.invoke(&inputs(&[r#"{"action":"purchase"}"#, r#"{"action":"view"}"#])).unwrap();
        assert!(matches!(out[0], Outcome::Ok(_)) && out[1] == Outcome::Dropped);
        let t = Transform::new(template("add-field").unwrap());
        let Outcome::Ok(data) = &t.invoke(&inputs(&[r#"{"a":1}"#])).unwrap()[0] else { panic!() };
        assert_eq!(serde_json::from_slice::<Value>(data).unwrap()["processed"], true);
    }

    #[test]
    fn the_budget_grows_with_the_batch() {
        // Thirty loop steps per record: 3,000 records need more operations than the
        // fixed part of the budget allows, and fit in what the per-record part adds.
        let busy = Transform::new(
            "fn handler(event) { #{ records: event.records.map(|r| { \
                 let n = 0; for i in 0..30 { n += i; } \
                 #{ recordId: r.recordId, result: \"Ok\", data: r.data } }) } }",
        );
        let rows = vec!["{}"; 3000];
        assert_eq!(busy.invoke(&inputs(&rows)).unwrap().len(), 3000);
        // Rhai's own counter starts again in each closure; this one counts the whole batch.
        let slow = Transform::new(
            "fn handler(event) { event.records.map(|r| { for i in 0..2000 { } #{ recordId: r.recordId, result: \"Ok\", data: r.data } }) }",
        );
        assert!(slow.invoke(&inputs(&rows)).unwrap_err().contains("Too many operations"));
        let err = Transform::new(template("broken-endless-loop").unwrap()).invoke(&inputs(&rows)).unwrap_err();
        assert!(err.contains(&format!("budget of {} operations", operation_budget(3000))), "{err}");
    }

    #[test]
    fn a_response_over_6_mb_fails_the_invocation() {
        // Each record comes back 400 KiB long: 16 of them make 6.4 MiB of base64.
        let fat = Transform::new(
            "fn handler(event) { #{ records: event.records.map(|r| { let big = \"\"; big.pad(300 * 1024, \"x\"); \
             #{ recordId: r.recordId, result: \"Ok\", data: b64encode(big) } }) } }",
        );
        let err = fat.invoke(&inputs(&["a"; 16])).unwrap_err();
        assert!(err.contains("at most 6291456 bytes"), "{err}");
        assert_eq!(fat.invoke(&inputs(&["a"; 4])).unwrap().len(), 4);
    }

    #[test]
    fn an_endless_loop_is_stopped_by_the_budget() {
        let err = Transform::new(template("broken-endless-loop").unwrap()).invoke(&inputs(&["x"])).unwrap_err();
        assert!(err.to_lowercase().contains("operations"), "{err}");
    }

    #[test]
    fn syntax_errors_name_their_place_and_bad_answers_fail_the_invocation() {
        let t = Transform::new("fn handler(event) { let x = ; }");
        assert!(t.compile_error().unwrap().contains("line 1"), "{:?}", t.compile_error());
        let forgets = Transform::new("fn handler(event) { #{ records: [] } }");
        assert!(forgets.invoke(&inputs(&["a"])).unwrap_err().contains("appears 0 times"));
    }
}
