//! The legacy Kinesis Data Analytics dialect (SQL applications: no new ones from October 2025,
//! deleted in January 2026), read so that older notes and exam questions make sense:
//!
//! ```sql
//! CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (page VARCHAR(64), views INTEGER);
//! CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
//!   SELECT STREAM "page", COUNT(*) FROM "SOURCE_SQL_STREAM_001"
//!   GROUP BY "page", STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);
//! ```
//!
//! The source is the in-application stream `SOURCE_SQL_STREAM_001`, whose columns come from
//! the input's schema (discovered from the records, `schema.rs`) plus `ROWTIME`, the time the
//! row arrived. ROWTIME only grows, so nothing is ever late. The script is read into the same
//! plan as Flink SQL: `STEP(ROWTIME BY INTERVAL …)` and `FLOOR(ROWTIME TO unit)` in GROUP BY
//! are a TUMBLE over ROWTIME, `OVER w` with `WINDOW w AS (PARTITION BY … RANGE INTERVAL …
//! PRECEDING)` a sliding window. On in-order input a STEP query gives the rows of the same
//! TUMBLE query (`tests/sql/legacy_*.sql`).

use super::ast::*;
use super::error::SqlError;
use super::lexer::Tok;
use super::parser::{unit_ms, Parser};
use super::types::SqlType;

/// The in-application stream the input arrives on.
pub const SOURCE_STREAM: &str = "SOURCE_SQL_STREAM_001";
/// The column holding each row's arrival time.
pub const ROWTIME: &str = "ROWTIME";
/// ROWTIME's watermark delay. A group by STEP closes when a row arrives past its end, as the
/// legacy dialect emits it; rows with the same ROWTIME as the last are never late.
const ROWTIME_DELAY_MS: i64 = 1;

/// `CREATE OR REPLACE STREAM name (columns)`.
#[derive(Clone, Debug, PartialEq)]
pub struct InAppStream {
    pub name: String,
    pub columns: Vec<Column>,
}

/// A legacy script read: its in-application streams and its one query (the pump's, whose sink
/// is the stream it inserts into, or a bare `SELECT STREAM`).
#[derive(Clone, Debug, PartialEq)]
pub struct LegacyScript {
    pub streams: Vec<InAppStream>,
    pub query: Query,
    /// The columns a pump's `INSERT INTO stream (a, b)` names, if it names them.
    pub insert_columns: Option<Vec<String>>,
    /// Where the pump (or the bare query) starts, for errors about it.
    pub at: (u32, u32),
}

pub fn parse_legacy(text: &str) -> Result<LegacyScript, SqlError> {
    let mut p = Parser::new(text, true)?;
    let mut streams = Vec::new();
    // The pump's query, with its INSERT's column list and place (streams are added at the end).
    let mut found: Option<LegacyScript> = None;
    while !matches!(p.peek().tok, Tok::End) {
        if p.eat_symbol(";") {
            continue;
        }
        let at = (p.peek().line, p.peek().column);
        if p.eat("CREATE") {
            if p.eat("OR") {
                p.expect("REPLACE")?;
            }
            if p.eat("STREAM") {
                streams.push(stream(&mut p)?);
                continue;
            }
            if !p.peek().is("PUMP") {
                return Err(p.expected("STREAM or PUMP (the legacy dialect has no tables)"));
            }
        }
        if found.is_some() {
            return Err(SqlError::at(
                at.0,
                at.1,
                "the lab runs one pump (or one SELECT STREAM) an application: this is a second one",
            ));
        }
        if p.eat("PUMP") {
            p.identifier("the pump's name")?;
            if p.peek().is("STOPPED") {
                return Err(p.error("a STOPPED pump moves nothing: remove STOPPED"));
            }
            p.expect("AS")?;
            p.expect("INSERT")?;
            p.expect("INTO")?;
            let sink = p.identifier("the stream the pump inserts into")?;
            let mut names = None;
            if p.eat_symbol("(") {
                let mut list = Vec::new();
                loop {
                    list.push(p.identifier("a column of the stream")?);
                    if p.eat_symbol(")") {
                        break;
                    }
                    p.expect_symbol(",")?;
                }
                names = Some(list);
            }
            let mut query = p.query()?;
            query.sink = Some(sink);
            found = Some(LegacyScript { streams: Vec::new(), query, insert_columns: names, at });
        } else if p.peek().is("SELECT") {
            found = Some(LegacyScript { streams: Vec::new(), query: p.query()?, insert_columns: None, at });
        } else {
            return Err(p.expected("CREATE OR REPLACE STREAM, CREATE OR REPLACE PUMP or SELECT STREAM"));
        }
    }
    let LegacyScript { mut query, insert_columns, at, .. } = found.ok_or_else(|| {
        p.error("the script has no pump: add CREATE OR REPLACE PUMP … AS INSERT INTO … SELECT STREAM …")
    })?;
    if !query_reads(&query, SOURCE_STREAM) {
        let Source::Table(name) = &query.source else { unreachable!("a legacy query reads a stream") };
        return Err(SqlError::at(
            at.0,
            at.1,
            format!("the lab runs one pump reading {SOURCE_STREAM}: a pump reading {name} is not supported"),
        ));
    }
    if let Some((size, _, _)) = p.step {
        query.source = Source::Window(Window {
            kind: WindowKind::Tumble { size },
            table: SOURCE_STREAM.into(),
            time_column: ROWTIME.into(),
        });
        let is_start = |e: &Expr| matches!(e, Expr::Column(c) if c == "window_start");
        if query.group_by.iter().any(is_start) {
            query.group_by.push(Expr::Column("window_end".into()));
        }
    }
    Ok(LegacyScript { streams, query, insert_columns, at })
}

fn query_reads(query: &Query, stream: &str) -> bool {
    matches!(&query.source, Source::Table(name) if name.eq_ignore_ascii_case(stream))
}

/// The rest of `CREATE OR REPLACE STREAM name (column TYPE, …) [DESCRIPTION '…']`.
fn stream(p: &mut Parser) -> Result<InAppStream, SqlError> {
    let name = p.identifier("the stream's name")?;
    p.expect_symbol("(")?;
    let mut columns = Vec::new();
    loop {
        let name = p.identifier("a column name")?;
        let ty = p.sql_type()?;
        columns.push(Column::new(name, ty));
        if p.eat_symbol(")") {
            break;
        }
        p.expect_symbol(",")?;
    }
    if p.eat("DESCRIPTION") {
        p.string("the description in quotes")?;
    }
    Ok(InAppStream { name, columns })
}

impl Parser {
    /// The rest of `STEP(ROWTIME BY INTERVAL 'n' UNIT)` or `FLOOR(ROWTIME TO UNIT)` after the
    /// function's name: a tumbling window over ROWTIME, read as its `window_start`.
    pub(super) fn step(&mut self, function: &str, at: &super::lexer::Token) -> Result<Expr, SqlError> {
        let argument = self.expr()?;
        if !matches!(&argument, Expr::Column(c) if c.eq_ignore_ascii_case(ROWTIME)) {
            return Err(SqlError::at(
                at.line,
                at.column,
                format!("the lab runs {function} over ROWTIME (the arrival time): {function}(\"{SOURCE_STREAM}\".ROWTIME …)"),
            ));
        }
        let size = if function == "STEP" {
            self.expect("BY")?;
            self.positive_interval()?
        } else {
            self.expect("TO")?;
            let unit = match &self.peek().tok {
                Tok::Word(w) => w.to_ascii_uppercase(),
                _ => return Err(self.expected("SECOND, MINUTE, HOUR or DAY")),
            };
            let Some(ms) = unit_ms(&unit) else {
                return Err(self.expected("SECOND, MINUTE, HOUR or DAY"));
            };
            self.eat(&unit);
            ms
        };
        self.expect_symbol(")")?;
        match self.step {
            Some((other, _, _)) if other != size => Err(SqlError::at(
                at.line,
                at.column,
                "the lab runs one window a query: every STEP and FLOOR must have the same interval",
            )),
            _ => {
                self.step = Some((size, at.line, at.column));
                Ok(Expr::Column("window_start".into()))
            }
        }
    }
}

/// A legacy script as the Flink plan reads it, over a source stream of `source`'s columns:
/// the source table with ROWTIME and its watermark, and the query with the pump's stream's
/// column names and types for its outputs (returned separately: the plan applies them).
pub fn translate(script: LegacyScript, source: &[Column]) -> Result<(Script, Option<Vec<Column>>), SqlError> {
    let (line, column) = script.at;
    if source.iter().any(|c| c.name.eq_ignore_ascii_case(ROWTIME)) {
        return Err(SqlError::at(
            line,
            column,
            "the input has a field named ROWTIME, which is the arrival time's column: rename it in the schema",
        ));
    }
    let mut columns = source.to_vec();
    columns.push(Column::new(ROWTIME, SqlType::Timestamp));
    let table = CreateTable {
        name: SOURCE_STREAM.into(),
        columns,
        watermark: Some((ROWTIME.into(), ROWTIME_DELAY_MS)),
        options: Vec::new(),
    };
    let outputs = match &script.query.sink {
        None => None,
        Some(sink) => {
            let stream = script.streams.iter().find(|s| s.name.eq_ignore_ascii_case(sink)).ok_or_else(|| {
                SqlError::at(
                    line,
                    column,
                    format!("there is no stream {sink}: declare it with CREATE OR REPLACE STREAM first"),
                )
            })?;
            let columns =
                match &script.insert_columns {
                    None => stream.columns.clone(),
                    Some(names) => names
                        .iter()
                        .map(|n| {
                            stream.columns.iter().find(|c| c.name.eq_ignore_ascii_case(n)).cloned().ok_or_else(|| {
                                SqlError::at(line, column, format!("the stream {sink} has no column {n}"))
                            })
                        })
                        .collect::<Result<_, _>>()?,
                };
            if columns.len() != script.query.items.len() {
                return Err(SqlError::at(
                    line,
                    column,
                    format!(
                        "the pump inserts {} columns into {sink}, and its SELECT STREAM gives {}: they must match one for one",
                        columns.len(),
                        script.query.items.len()
                    ),
                ));
            }
            Some(columns)
        }
    };
    Ok((Script { tables: vec![table], query: script.query }, outputs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::{Query, Row};
    use serde_json::json;

    fn source() -> Vec<Column> {
        vec![Column::new("page", SqlType::String), Column::new("ms", SqlType::Int)]
    }

    const PUMP: &str = "CREATE OR REPLACE STREAM \"DEST\" (page VARCHAR(8), n BIGINT);\n\
        CREATE OR REPLACE PUMP \"P\" AS INSERT INTO \"DEST\"\n\
        SELECT STREAM \"page\", COUNT(*) FROM \"SOURCE_SQL_STREAM_001\"\n\
        GROUP BY \"page\", STEP(\"SOURCE_SQL_STREAM_001\".ROWTIME BY INTERVAL '10' SECOND);";

    fn texts(rows: Vec<Row>) -> Vec<String> {
        rows.iter()
            .map(|r| r.iter().map(|(k, v)| format!("{k}={}", v.to_json())).collect::<Vec<_>>().join(" "))
            .collect()
    }

    #[test]
    fn a_step_group_closes_when_a_row_arrives_past_its_end_and_nothing_is_late() {
        let mut q = Query::compile_legacy(PUMP, &source()).unwrap();
        let row = json!({"page": "/a", "ms": 1});
        assert!(q.push_arriving(&row, 1_000).is_empty());
        assert!(q.push_arriving(&row, 9_999).is_empty());
        assert!(q.push_arriving(&row, 9_999).is_empty(), "a row with the last ROWTIME again is still in its group");
        // The clock of a row may be behind the last: ROWTIME never falls, so it is not late.
        assert!(q.push_arriving(&row, 5_000).is_empty());
        assert_eq!(texts(q.push_arriving(&row, 10_000)), ["page=\"/a\" n=4"]);
        assert_eq!(q.late_rows(), 0);
        assert_eq!(texts(q.finish()), ["page=\"/a\" n=1"]);
        assert_eq!(q.columns(), ["page", "n"], "the pump's stream names the outputs");
    }

    #[test]
    fn what_the_lab_cannot_run_is_refused_at_its_place() {
        let e = |text: &str| Query::compile_legacy(text, &source()).expect_err(text);
        let m = e(&PUMP.replace("INSERT INTO \"DEST\"", "INSERT INTO \"OTHER\""));
        assert!(m.message.contains("no stream OTHER"), "{m}");
        let m = e(&PUMP.replace("COUNT(*)", "COUNT(*), 1"));
        assert!(m.message.contains("inserts 2 columns") && m.message.contains("gives 3"), "{m}");
        assert_eq!((m.line, m.column), (2, 1), "{m}");
        let m = e(&PUMP.replace("FROM \"SOURCE_SQL_STREAM_001\"\n", "FROM \"INTERMEDIATE\"\n"));
        assert!(m.message.contains("one pump reading SOURCE_SQL_STREAM_001"), "{m}");
        let m = e(&PUMP.replace("STEP(\"SOURCE_SQL_STREAM_001\".ROWTIME", "STEP(\"ms\""));
        assert!(m.message.contains("over ROWTIME"), "{m}");
        assert_eq!((m.line, m.column), (4, 18), "{m}");
        let m = e(&PUMP.replace("SELECT STREAM \"page\"", "SELECT \"page\""));
        assert!(m.message.contains("SELECT STREAM"), "{m}");
        let m = e(&PUMP.replace("COUNT(*) FROM", "COUNT(*) OVER w FROM"));
        assert!(m.message.contains("no window w"), "{m}");
        let m = e("SELECT STREAM \"page\", COUNT(*) OVER (ROWS 3 PRECEDING) FROM \"SOURCE_SQL_STREAM_001\"");
        assert!(m.message.contains("ROWS windows are not supported"), "{m}");
        let m = e("SELECT STREAM views FROM \"SOURCE_SQL_STREAM_001\"");
        assert!(m.message.contains("(\"views\")"), "a reserved word is quoted as the dialect quotes: {m}");
    }

    #[test]
    fn flink_sql_refuses_the_legacy_forms_and_says_which_they_are() {
        let table =
            "CREATE TABLE t (page STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'kinesis');\n";
        let e = Query::compile(&format!("{table}SELECT \"page\" FROM t")).err().unwrap();
        assert!(e.message.contains("backticks"), "{e}");
        let e = Query::compile(&format!("{table}SELECT STREAM page FROM t")).err().unwrap();
        assert!(e.message.contains("legacy"), "{e}");
        let e = Query::compile(&format!("{table}SELECT COUNT(*) OVER w FROM t")).err().unwrap();
        assert!(e.message.contains("OVER windows are not supported"), "{e}");
        let e = Query::compile(&format!("{table}SELECT FLOOR(ts TO MINUTE) FROM t")).err().unwrap();
        assert!(e.message.contains("FLOOR is not supported"), "{e}");
    }
}
