//! `shardlab sql --query FILE.sql --input EVENTS.jsonl`: a Flink SQL file (CREATE TABLE and one
//! query) run over a JSON-lines input read as a bounded stream in file order, as Flink reads
//! one in streaming mode. The result rows are printed as JSON lines, keys in SELECT order,
//! written as Python's `json.dumps` writes them (so that they read like the expected outputs
//! of `tests/sql/`, which PyFlink produced); the late-row count goes to stderr.
//!
//! `--legacy COLUMN` runs the legacy Kinesis Data Analytics dialect instead: the source
//! stream's columns are discovered from the input's first records, and each row's ROWTIME
//! (its arrival time) is read from COLUMN.

use shardlab_sim::analytics::types::parse_timestamp;
use shardlab_sim::analytics::{schema, Query, Row};
use std::io::{BufRead, Write};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct SqlArgs {
    /// The SQL file: CREATE TABLE statements, then one SELECT or INSERT INTO … SELECT.
    #[arg(long)]
    query: PathBuf,
    /// The input rows, one JSON object a line, timestamps as `YYYY-MM-DD HH:MM:SS.mmm`.
    #[arg(long)]
    input: PathBuf,
    /// Run the legacy dialect (CREATE OR REPLACE STREAM / PUMP, SELECT STREAM), each row's
    /// ROWTIME read from this column of the input.
    #[arg(long, value_name = "COLUMN")]
    legacy: Option<String>,
}

pub fn run(args: &SqlArgs) -> Result<String, String> {
    let shown = args.query.display();
    let text = std::fs::read_to_string(&args.query).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let rows = read_input(&args.input)?;
    let mut query = match &args.legacy {
        None => Query::compile(&text),
        Some(_) => Query::compile_legacy(&text, &schema::discover(rows.iter().map(|(_, o)| o))),
    }
    .map_err(|e| format!("{shown}: {e}"))?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut write = |rows: Vec<Row>| -> Result<(), String> {
        for row in rows {
            writeln!(out, "{}", json_line(&row)).map_err(|e| format!("cannot write: {e}"))?;
        }
        Ok(())
    };
    for (line, object) in &rows {
        match &args.legacy {
            None => write(query.push(object))?,
            Some(column) => {
                let arrival = object.get(column).and_then(epoch_ms).ok_or_else(|| {
                    format!(
                        "{} line {line}: no time in the field {column}, which --legacy reads ROWTIME from",
                        args.input.display()
                    )
                })?;
                write(query.push_arriving(object, arrival))?
            }
        }
    }
    write(query.finish())?;
    out.flush().map_err(|e| format!("cannot write: {e}"))?;
    eprintln!("late rows dropped: {}", query.late_rows());
    if query.rows_without_time() > 0 {
        eprintln!("rows without an event time, skipped: {}", query.rows_without_time());
    }
    Ok(String::new())
}

/// The input's JSON objects with their line numbers, blank lines skipped.
fn read_input(path: &std::path::Path) -> Result<Vec<(usize, serde_json::Value)>, String> {
    let input = std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut rows = Vec::new();
    for (n, line) in std::io::BufReader::new(input).lines().enumerate() {
        let line = line.map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let object: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| format!("{} line {}: not JSON: {e}", path.display(), n + 1))?;
        if !object.is_object() {
            return Err(format!("{} line {}: each line must be a JSON object", path.display(), n + 1));
        }
        rows.push((n + 1, object));
    }
    Ok(rows)
}

/// A time field as epoch milliseconds: `YYYY-MM-DD HH:MM:SS.mmm` text or a number of ms.
fn epoch_ms(v: &serde_json::Value) -> Option<i64> {
    match v {
        serde_json::Value::String(s) => parse_timestamp(s),
        other => other.as_i64(),
    }
}

/// A result row as one line of JSON, keys in SELECT order, `", "` and `": "` between them.
pub fn json_line(row: &Row) -> String {
    let fields: Vec<String> = row
        .iter()
        .map(|(name, value)| format!("{}: {}", serde_json::Value::from(name.as_str()), value.to_json()))
        .collect();
    format!("{{{}}}", fields.join(", "))
}
