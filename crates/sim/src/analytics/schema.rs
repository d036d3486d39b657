//! Schema discovery, as the Kinesis Data Analytics console offered it: the columns of the
//! JSON records arriving, named after their fields (in the order first seen) and typed from a
//! sample. The learner may edit the result; the application reads rows by these columns.
//!
//! A field's type is the narrowest that holds every value seen: whole numbers INT (BIGINT past
//! 32 bits), numbers with a fraction DOUBLE, `true`/`false` BOOLEAN, text in the
//! `YYYY-MM-DD HH:MM:SS[.mmm]` form TIMESTAMP(3), other text STRING. Fields whose values
//! disagree (a number here, text there) are STRING; nested objects and arrays are STRING
//! holding their JSON. A field that was only ever null is STRING.

use super::ast::Column;
use super::types::{parse_timestamp, SqlType};
use serde_json::Value as J;

/// How many records the console sampled.
pub const SAMPLE_RECORDS: usize = 100;

/// What one field's values have been so far.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Seen {
    Nothing,
    Type(SqlType),
}

/// The columns of `records` (JSON objects; other values are skipped), from the first
/// `SAMPLE_RECORDS` of them.
pub fn discover<'a>(records: impl IntoIterator<Item = &'a J>) -> Vec<Column> {
    let mut fields: Vec<(String, Seen)> = Vec::new();
    for object in records.into_iter().filter_map(J::as_object).take(SAMPLE_RECORDS) {
        for (name, value) in object {
            let at = match fields.iter().position(|(n, _)| n == name) {
                Some(at) => at,
                None => {
                    fields.push((name.clone(), Seen::Nothing));
                    fields.len() - 1
                }
            };
            fields[at].1 = widen(fields[at].1, value);
        }
    }
    fields
        .into_iter()
        .map(|(name, seen)| {
            Column::new(
                name,
                match seen {
                    Seen::Type(t) => t,
                    Seen::Nothing => SqlType::String,
                },
            )
        })
        .collect()
}

fn type_of(value: &J) -> Option<SqlType> {
    Some(match value {
        J::Null => return None,
        J::Bool(_) => SqlType::Boolean,
        J::Number(n) if n.as_i64().is_some_and(|n| i32::try_from(n).is_ok()) => SqlType::Int,
        J::Number(n) if n.as_i64().is_some() => SqlType::BigInt,
        J::Number(_) => SqlType::Double,
        J::String(s) if parse_timestamp(s).is_some() => SqlType::Timestamp,
        _ => SqlType::String,
    })
}

fn widen(seen: Seen, value: &J) -> Seen {
    let Some(t) = type_of(value) else { return seen };
    Seen::Type(match seen {
        Seen::Nothing => t,
        Seen::Type(s) if s == t => t,
        Seen::Type(SqlType::Int) if t == SqlType::BigInt => SqlType::BigInt,
        Seen::Type(SqlType::BigInt) if t == SqlType::Int => SqlType::BigInt,
        Seen::Type(SqlType::Int | SqlType::BigInt) if t == SqlType::Double => SqlType::Double,
        Seen::Type(SqlType::Double) if matches!(t, SqlType::Int | SqlType::BigInt) => SqlType::Double,
        Seen::Type(_) => SqlType::String,
    })
}

/// A type as a schema's column writes it (`INTEGER`, `VARCHAR(64)`, `TIMESTAMP`…), read as
/// the legacy dialect reads types.
pub fn parse_type(text: &str) -> Result<SqlType, String> {
    let mut p = super::parser::Parser::new(text, true).map_err(|e| e.message)?;
    let ty = p.sql_type().map_err(|e| e.message)?;
    if !matches!(p.peek().tok, super::lexer::Tok::End) {
        return Err(format!("{text} is one type, as INTEGER or VARCHAR(64)"));
    }
    Ok(ty)
}

/// A column's type as written in a `CREATE TABLE` (or the legacy dialect's stream).
pub fn type_name(ty: SqlType, legacy: bool) -> String {
    match ty {
        SqlType::Timestamp => "TIMESTAMP(3)".into(),
        SqlType::String if legacy => "VARCHAR(256)".into(),
        SqlType::String => "STRING".into(),
        SqlType::Int if legacy => "INTEGER".into(),
        SqlType::Int => "INT".into(),
        SqlType::BigInt => "BIGINT".into(),
        SqlType::Double => "DOUBLE".into(),
        SqlType::Boolean => "BOOLEAN".into(),
        SqlType::Decimal(p, s) => format!("DECIMAL({p}, {s})"),
    }
}

/// The `CREATE TABLE` of a discovered schema, with a watermark `delay_s` seconds behind the
/// first TIMESTAMP column if there is one: what the editor offers to start from.
pub fn create_table(name: &str, columns: &[Column], delay_s: u32, with: &[(&str, &str)]) -> String {
    let mut lines: Vec<String> = columns
        .iter()
        .map(|c| {
            let metadata = if c.metadata { " METADATA FROM 'timestamp'" } else { "" };
            format!("  {} {}{metadata}", quoted(&c.name), type_name(c.ty, false))
        })
        .collect();
    if let Some(time) = columns.iter().find(|c| c.ty == SqlType::Timestamp) {
        let t = quoted(&time.name);
        lines.push(format!("  WATERMARK FOR {t} AS {t} - INTERVAL '{delay_s}' SECOND"));
    }
    let options: Vec<String> = with.iter().map(|(k, v)| format!("'{k}' = '{v}'")).collect();
    format!("CREATE TABLE {} (\n{}\n) WITH ({})", quoted(name), lines.join(",\n"), options.join(", "))
}

/// A Flink SQL script to start from for a discovered schema: its `CREATE TABLE` (with the
/// record's arrival time as a METADATA column when no field is a time, and a 5-second
/// watermark) and a count of rows per minute.
pub fn starter_script(columns: &[Column]) -> String {
    let mut columns = columns.to_vec();
    if !columns.iter().any(|c| c.ty == SqlType::Timestamp) {
        columns.push(Column { name: "arrival".into(), ty: SqlType::Timestamp, metadata: true });
    }
    let time = columns.iter().find(|c| c.ty == SqlType::Timestamp).map(|c| quoted(&c.name)).unwrap_or_default();
    let table = create_table("events", &columns, 5, &[("connector", "kinesis"), ("format", "json")]);
    format!(
        "{table};\n\nSELECT window_start, window_end, COUNT(*) AS events_per_minute\n\
         FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR({time}), INTERVAL '1' MINUTE))\n\
         GROUP BY window_start, window_end;\n"
    )
}

/// A name as Flink SQL must write it: in backticks unless it is a plain lower-case word.
fn quoted(name: &str) -> String {
    let plain = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !super::parser::is_reserved(name);
    if plain {
        name.to_string()
    } else {
        format!("`{}`", name.replace('`', "``"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_field_gets_the_narrowest_type_that_holds_its_values() {
        let records = [
            json!({"page": "/home", "ts": "2026-01-01 00:00:00.000", "ms": 120, "n": 1, "ok": true, "user": null}),
            json!({"page": "/cart", "ts": "2026-01-01 00:00:01.500", "ms": 7.5, "n": 5_000_000_000i64, "extra": {"a": 1}}),
            json!({"page": 3, "ts": "2026-01-01 00:00:02", "ms": 9, "n": 2, "ok": false}),
            json!("not an object"),
        ];
        let got: Vec<(String, SqlType)> = discover(&records).into_iter().map(|c| (c.name, c.ty)).collect();
        let want = [
            ("page", SqlType::String),
            ("ts", SqlType::Timestamp),
            ("ms", SqlType::Double),
            ("n", SqlType::BigInt),
            ("ok", SqlType::Boolean),
            ("user", SqlType::String),
            ("extra", SqlType::String),
        ];
        assert_eq!(got, want.map(|(n, t)| (n.to_string(), t)));
    }

    #[test]
    fn a_schema_s_types_are_read_as_the_legacy_dialect_writes_them() {
        assert_eq!(parse_type("VARCHAR(64)"), Ok(SqlType::String));
        assert_eq!(parse_type("integer"), Ok(SqlType::Int));
        assert_eq!(parse_type(&type_name(SqlType::Decimal(10, 2), true)), Ok(SqlType::Decimal(10, 2)));
        assert!(parse_type("BLOB").unwrap_err().contains("BLOB is not supported"));
        assert!(parse_type("INT INT").is_err());
    }

    #[test]
    fn the_starter_script_of_records_without_a_time_runs_on_their_arrival() {
        let columns = discover(&[json!({"page": "/home", "n": 1})]);
        let script = starter_script(&columns);
        assert!(script.contains("arrival TIMESTAMP(3) METADATA FROM 'timestamp'"), "{script}");
        let mut q = crate::analytics::Query::compile(&script).unwrap();
        assert!(q.push_arriving(&json!({"page": "/home", "n": 1}), 1_000).is_empty());
        assert_eq!(q.push_arriving(&json!({"page": "/x", "n": 2}), 70_000).len(), 1, "the first minute closes");
    }

    #[test]
    fn the_sample_is_the_first_hundred_records() {
        let mut records: Vec<J> = (0..SAMPLE_RECORDS).map(|i| json!({ "n": i })).collect();
        records.push(json!({"n": "text", "late": 1}));
        let got = discover(&records);
        assert_eq!(got, [Column::new("n", SqlType::Int)]);
    }

    #[test]
    fn the_create_table_of_a_schema_runs() {
        let columns = discover(&[json!({"user": "ann", "page": "/home", "ts": "2026-01-01 00:00:00.000"})]);
        let text = create_table("clicks", &columns, 5, &[("connector", "kinesis")]);
        assert!(text.contains("`user` STRING"), "{text}");
        assert!(text.contains("WATERMARK FOR ts AS ts - INTERVAL '5' SECOND"), "{text}");
        let query = format!(
            "{text};\nSELECT window_start, page, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end, page"
        );
        let plan = super::super::plan::plan(&query).unwrap();
        assert_eq!(plan.columns.len(), 3);
    }
}
