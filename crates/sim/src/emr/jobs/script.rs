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

/// Templates for the script editor: each built-in job's logic written as a script.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "wordcount",
        r#"// Hadoop's WordCount: each word of a line counts 1; the reducer adds them up.
fn mapper(line, file) {
    line.split(" ").filter(|w| w != "").map(|w| [w, 1])
}

fn combiner(key, values) {
    [values.reduce(|sum, v| sum + parse_int(v), 0)]
}

fn reducer(key, values) {
    values.reduce(|sum, v| sum + parse_int(v), 0)
}
"#,
    ),
    (
        "pageviews-per-hour",
        r#"// Page views per hour (UTC), from web server access logs — a GET answered 2xx, at the hour
// of its [10/Oct/2000:13:55:36 -0700] timestamp — or from clickstream JSON: a record with a
// "page" whose "action", if any, is "view", at the hour of its "timestamp" (ISO 8601 UTC or
// epoch seconds) or else of the YYYY/MM/DD/HH/ prefix Firehose wrote the object under.

// A whole number, or () when the text is not one.
fn num(s) {
    if s == "" { return (); }
    for c in s.chars() { if c < '0' || c > '9' { return (); } }
    parse_int(s)
}

// Days since 1970-01-01 of a civil date.
fn days(y, m, d) {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468
}

// "2026-11-30T13:00": the hour of epoch seconds t.
fn hour_key(t) {
    let z = t / 86400 + 719468;
    let era = z / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    let h = (t % 86400) / 3600;
    let two = |n| if n < 10 { `0${n}` } else { `${n}` };
    `${y}-${two.call(m)}-${two.call(d)}T${two.call(h)}:00`
}

fn access_log_view(line) {
    let open = line.index_of('[');
    if open < 0 { return (); }
    let close = line.index_of(']');
    if close < open { return (); }
    // 10/Oct/2000:13:55:36 -0700
    let stamp = line.sub_string(open + 1, close - open - 1).split(" ");
    if stamp.len() != 2 { return (); }
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let dmy = stamp[0].split("/");
    if dmy.len() != 3 { return (); }
    let month = months.index_of(dmy[1]) + 1;
    let ymd = dmy[2].split(":");
    if month == 0 || ymd.len() != 4 { return (); }
    let parts = [num(dmy[0]), num(ymd[0]), num(ymd[1]), num(ymd[2]), num(ymd[3])];
    if parts.contains(()) { return (); }
    let zone = stamp[1];
    if zone.len() != 5 { return (); }
    let zh = num(zone.sub_string(1, 2));
    let zm = num(zone.sub_string(3, 2));
    if zh == () || zm == () || !(zone.starts_with("-") || zone.starts_with("+")) { return (); }
    let sign = if zone.starts_with("-") { -1 } else { 1 };
    let offset = (zh * 3600 + zm * 60) * sign;
    let t = days(parts[1], month, parts[0]) * 86400 + parts[2] * 3600 + parts[3] * 60 + parts[4] - offset;
    // "GET /x HTTP/1.1" 200 …
    let rest = line.sub_string(close + 1).split("\"");
    if rest.len() < 3 { return (); }
    let words = rest[2].split(" ").filter(|w| w != "");
    let status = if words.len() > 0 { num(words[0]) } else { () };
    if rest[1].starts_with("GET ") && status != () && status >= 200 && status < 300 { t } else { () }
}

fn iso_time(text) {
    if !text.ends_with("Z") { return (); }
    let dt = text.sub_string(0, text.len() - 1).split("T");
    if dt.len() != 2 { return (); }
    let d = dt[0].split("-");
    let hms = dt[1].split(":");
    if d.len() != 3 || hms.len() < 2 { return (); }
    let sec = if hms.len() > 2 { num(hms[2].split(".")[0]) } else { 0 };
    let parts = [num(d[0]), num(d[1]), num(d[2]), num(hms[0]), num(hms[1]), sec];
    if parts.contains(()) { return (); }
    days(parts[0], parts[1], parts[2]) * 86400 + parts[3] * 3600 + parts[4] * 60 + parts[5]
}

// The hour of a Firehose prefix …/2026/11/30/13/… in the object's path.
fn prefix_time(path) {
    let p = path.split("/");
    for i in 0..(p.len() - 3) {
        if p[i].len() == 4 && p[i + 1].len() == 2 && p[i + 2].len() == 2 && p[i + 3].len() == 2 {
            let n = [num(p[i]), num(p[i + 1]), num(p[i + 2]), num(p[i + 3])];
            if !n.contains(()) { return days(n[0], n[1], n[2]) * 86400 + n[3] * 3600; }
        }
    }
    ()
}

fn clickstream_view(line, file) {
    let v = parse_json(line);
    if type_of(v) != "map" || type_of(v.page) != "string" { return (); }
    if v.action != () && v.action != "view" { return (); }
    let ts = v.timestamp;
    if type_of(ts) == "string" { iso_time(ts) }
    else if type_of(ts) == "i64" { ts }
    else if type_of(ts) == "f64" { ts.to_int() }
    else { prefix_time(file) }
}

fn mapper(line, file) {
    let l = line;
    l.trim();
    let t = if l.starts_with("{") { clickstream_view(l, file) } else { access_log_view(l) };
    if t == () || t < 0 { [] } else { [[hour_key(t), 1]] }
}

fn combiner(key, values) {
    [values.reduce(|sum, v| sum + parse_int(v), 0)]
}

fn reducer(key, values) {
    values.reduce(|sum, v| sum + parse_int(v), 0)
}
"#,
    ),
    (
        "log-levels",
        r#"// Lines per log level: the first word that is a level ([ERROR] or ERROR) counts 1.
fn mapper(line, file) {
    let levels = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];
    for w in line.split(" ") {
        let word = w;
        if word.starts_with("[") { word = word.sub_string(1); }
        if word.ends_with("]") { word = word.sub_string(0, word.len() - 1); }
        if levels.contains(word) { return [[word, 1]]; }
    }
    []
}

fn combiner(key, values) {
    [values.reduce(|sum, v| sum + parse_int(v), 0)]
}

fn reducer(key, values) {
    values.reduce(|sum, v| sum + parse_int(v), 0)
}
"#,
    ),
    (
        "inverted-index",
        r#"// For each word (lower case, split on anything not a letter or digit), the files it is in.
// (Letters and digits here are ASCII ones.)
fn mapper(line, file) {
    let name = file.split("/").pop();
    let pairs = [];
    let word = "";
    for c in (line.to_lower() + " ").chars() {
        if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
            word += c;
        } else if word != "" {
            pairs.push([word, name]);
            word = "";
        }
    }
    pairs
}

fn combiner(key, values) {
    let seen = [];
    for v in values { if !seen.contains(v) { seen.push(v); } }
    seen
}

fn reducer(key, values) {
    let seen = [];
    for v in values { if !seen.contains(v) { seen.push(v); } }
    seen.sort();
    seen.reduce(|all, v| if all == "" { v } else { all + "," + v }, "")
}
"#,
    ),
    (
        "top-n",
        r#"// For each key, its three largest values, from CSV lines "key,value" or "time,key,…,value".
fn key_and_value(line) {
    // trim() trims a string in place.
    let fields = line.split(",").map(|f| { let t = f; t.trim(); t });
    if fields.len() < 2 { return (); }
    let key = if fields.len() == 2 { fields[0] } else { fields[1] };
    let value = fields[fields.len() - 1];
    if key == "" || value == "" { return (); }
    [key, value]
}

// "21.4" → 21400000: a decimal in millionths, read exactly (no floating point).
fn micros(v) {
    let neg = v.starts_with("-");
    let t = if neg { v.sub_string(1) } else { v };
    let parts = t.split(".");
    let whole = if parts[0] == "" { 0 } else { parse_int(parts[0]) };
    let frac = 0;
    if parts.len() > 1 {
        let f = parts[1];
        while f.len() < 6 { f += "0"; }
        frac = parse_int(f.sub_string(0, 6));
    }
    let m = whole * 1000000 + frac;
    if neg { -m } else { m }
}

// Largest first; equal values by their text.
fn top3(values) {
    let rest = values;
    let top = [];
    while top.len() < 3 && rest.len() > 0 {
        let best = 0;
        for i in 1..rest.len() {
            let x = micros(rest[i]); let y = micros(rest[best]);
            if x > y || (x == y && rest[i] < rest[best]) { best = i; }
        }
        top.push(rest.remove(best));
    }
    top
}

fn mapper(line, file) {
    let kv = key_and_value(line);
    if kv == () { [] } else { [kv] }
}

fn combiner(key, values) { top3(values) }

fn reducer(key, values) {
    top3(values).reduce(|all, v| if all == "" { v } else { all + "," + v }, "")
}
"#,
    ),
    (
        "average-by-key",
        r#"// For each key, the average of its values to two decimals (halves away from zero), from
// CSV lines "key,value" or "time,key,…,value". Sums are kept in millionths, exactly.
fn key_and_value(line) {
    // trim() trims a string in place.
    let fields = line.split(",").map(|f| { let t = f; t.trim(); t });
    if fields.len() < 2 { return (); }
    let key = if fields.len() == 2 { fields[0] } else { fields[1] };
    let value = fields[fields.len() - 1];
    if key == "" || value == "" { return (); }
    [key, value]
}

// "21.4" → 21400000: a decimal in millionths, read exactly (no floating point).
fn micros(v) {
    let neg = v.starts_with("-");
    let t = if neg { v.sub_string(1) } else { v };
    let parts = t.split(".");
    let whole = if parts[0] == "" { 0 } else { parse_int(parts[0]) };
    let frac = 0;
    if parts.len() > 1 {
        let f = parts[1];
        while f.len() < 6 { f += "0"; }
        frac = parse_int(f.sub_string(0, 6));
    }
    let m = whole * 1000000 + frac;
    if neg { -m } else { m }
}

fn mapper(line, file) {
    let kv = key_and_value(line);
    if kv == () { [] } else { [[kv[0], `${micros(kv[1])},1`]] }
}

// "sum,count" pairs, added up.
fn totals(values) {
    let sum = 0; let count = 0;
    for v in values {
        let parts = v.split(",");
        sum += parse_int(parts[0]); count += parse_int(parts[1]);
    }
    [sum, count]
}

fn combiner(key, values) {
    let t = totals(values);
    [`${t[0]},${t[1]}`]
}

fn reducer(key, values) {
    let t = totals(values);
    let d = t[1] * 10000;
    let n = t[0];
    let h = if n >= 0 { (2 * n + d) / (2 * d) } else { -((-2 * n + d) / (2 * d)) };
    let sign = if h < 0 { "-" } else { "" };
    let a = h.abs();
    let cents = a % 100;
    `${sign}${a / 100}.${if cents < 10 { "0" } else { "" }}${cents}`
}
"#,
    ),
    (
        "longest-word-per-letter",
        r#"// For each first letter, the longest word that starts with it.
fn mapper(line, file) {
    line.split(" ").filter(|w| w != "").map(|w| [w.sub_string(0, 1), w])
}

fn reducer(key, values) {
    values.reduce(|best, v| if v.len() > best.len() || (v.len() == best.len() && v < best) { v } else { best }, "")
}
"#,
    ),
    (
        "broken-endless-loop",
        r#"// A mapper that never returns: each attempt runs out of its operation budget and fails;
// after 4 attempts the step fails.
fn mapper(line, file) {
    let n = 0;
    loop { n += 1; }
}

fn reducer(key, values) { values.len() }
"#,
    ),
];

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
