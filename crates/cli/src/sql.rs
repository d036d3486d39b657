//! `shardlab sql --query FILE.sql --input EVENTS.jsonl`: a Flink SQL file (CREATE TABLE and one
//! query) run over a JSON-lines input read as a bounded stream in file order, as Flink reads
//! one in streaming mode. The result rows are printed as JSON lines, keys in SELECT order,
//! written as Python's `json.dumps` writes them (so that they read like the expected outputs
//! of `tests/sql/`, which PyFlink produced); the late-row count goes to stderr.

use shardlab_sim::analytics::{Query, Row};
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
}

pub fn run(args: &SqlArgs) -> Result<String, String> {
    let shown = args.query.display();
    let text = std::fs::read_to_string(&args.query).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let mut query = Query::compile(&text).map_err(|e| format!("{shown}: {e}"))?;
    let input = std::fs::File::open(&args.input).map_err(|e| format!("cannot read {}: {e}", args.input.display()))?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut write = |rows: Vec<Row>| -> Result<(), String> {
        for row in rows {
            writeln!(out, "{}", json_line(&row)).map_err(|e| format!("cannot write: {e}"))?;
        }
        Ok(())
    };
    for (n, line) in std::io::BufReader::new(input).lines().enumerate() {
        let line = line.map_err(|e| format!("cannot read {}: {e}", args.input.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let object: serde_json::Value = serde_json::from_str(&line)
            .map_err(|e| format!("{} line {}: not JSON: {e}", args.input.display(), n + 1))?;
        if !object.is_object() {
            return Err(format!("{} line {}: each line must be a JSON object", args.input.display(), n + 1));
        }
        write(query.push(&object))?;
    }
    write(query.finish())?;
    out.flush().map_err(|e| format!("cannot write: {e}"))?;
    eprintln!("late rows dropped: {}", query.late_rows());
    if query.rows_without_time() > 0 {
        eprintln!("rows without an event time, skipped: {}", query.rows_without_time());
    }
    Ok(String::new())
}

/// A result row as one line of JSON, keys in SELECT order, `", "` and `": "` between them.
pub fn json_line(row: &Row) -> String {
    let fields: Vec<String> = row
        .iter()
        .map(|(name, value)| format!("{}: {}", serde_json::Value::from(name.as_str()), value.to_json()))
        .collect();
    format!("{{{}}}", fields.join(", "))
}
