//! A parsed script checked and made ready to run: the source table, its event time and
//! watermark, the window, the grouping, the aggregates and the output columns with their
//! types. What the lab cannot run exactly as Flink does is refused here, with its place.

use super::ast::*;
use super::error::SqlError;
use super::expr::Scope;
use super::legacy::{parse_legacy, translate, ROWTIME};
use super::parser::parse;
use super::types::SqlType;

#[derive(Clone, Debug)]
pub struct Plan {
    pub table: CreateTable,
    /// The source table's columns and types, in order (a row is its values in this order).
    pub columns: Vec<(String, SqlType)>,
    /// The event-time column's position and the watermark's delay (ms).
    pub time: Option<(usize, i64)>,
    pub window: Option<WindowKind>,
    /// SESSION's partition columns' positions.
    pub partition: Vec<usize>,
    pub filter: Option<Expr>,
    /// The GROUP BY expressions other than the window's columns.
    pub keys: Vec<Expr>,
    /// Every aggregate the query computes, once each, with its result type.
    pub aggregates: Vec<(Expr, SqlType)>,
    pub having: Option<Expr>,
    /// The output columns: name, expression, type.
    pub outputs: Vec<(String, Expr, SqlType)>,
    pub sink: Option<String>,
    /// A sliding window (legacy `OVER`): the partition columns' positions and the range (ms).
    pub over: Option<(Vec<usize>, i64)>,
    /// The legacy dialect's ROWTIME column: set from each row's arrival time, never falling.
    pub rowtime: Option<usize>,
    /// Flink's `METADATA FROM 'timestamp'` columns: set from each record's arrival time.
    pub arrival: Vec<usize>,
}

impl Plan {
    pub fn scope(&self) -> Scope<'_> {
        Scope { columns: &self.columns, windowed: self.window.is_some() }
    }

    /// Whether the query aggregates (over windows): otherwise each row is answered at once.
    pub fn aggregates_windows(&self) -> bool {
        !self.aggregates.is_empty() || !self.keys.is_empty()
    }
}

/// The line and column of the first whole-word `needle` in `text` after the query's start, or
/// of the query's start: where a semantic error is shown.
fn locate(text: &str, needle: &str) -> (u32, u32) {
    let lower = text.to_ascii_lowercase();
    let query_start = lower.find("select").unwrap_or(0);
    let needle = needle.to_ascii_lowercase();
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    let found = (!needle.is_empty())
        .then(|| {
            lower[query_start..].match_indices(&needle).map(|(i, _)| i + query_start).find(|&i| {
                !is_word(lower[..i].chars().next_back()) && !is_word(lower[i + needle.len()..].chars().next())
            })
        })
        .flatten()
        .unwrap_or(query_start);
    let before = &text[..found];
    let line = before.matches('\n').count() as u32 + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    (line, column)
}

/// The word an error message is about: the name it quotes after "column", "function" etc.
fn subject(message: &str) -> &str {
    for marker in ["no column ", "the column ", "takes the event-time column, and ", "reserved word: "] {
        if let Some(rest) = message.split(marker).nth(1) {
            return rest.split([' ', ',', ';']).next().unwrap_or_default();
        }
    }
    ""
}

/// Parses and plans `text`.
pub fn plan(text: &str) -> Result<Plan, SqlError> {
    plan_script(text, parse(text)?)
}

/// Parses and plans `text` in the legacy dialect, its source stream having `source`'s columns.
pub fn plan_legacy(text: &str, source: &[Column]) -> Result<Plan, SqlError> {
    let (script, sink_columns) = translate(parse_legacy(text)?, source)?;
    let mut plan = plan_script(text, script)?;
    if let Some(columns) = sink_columns {
        // The pump inserts the SELECT's values, one for one, into its stream's columns.
        for ((name, _, ty), column) in plan.outputs.iter_mut().zip(columns) {
            *name = column.name;
            *ty = column.ty;
        }
    }
    plan.rowtime = plan.columns.iter().position(|(n, _)| n == ROWTIME);
    Ok(plan)
}

fn plan_script(text: &str, script: Script) -> Result<Plan, SqlError> {
    let fail = |message: String| {
        let (line, column) = locate(text, subject(&message));
        SqlError::at(line, column, message)
    };
    let query = script.query;
    let (table_name, window) = match &query.source {
        Source::Table(name) => (name.clone(), None),
        Source::Window(w) => (w.table.clone(), Some(w.clone())),
    };
    let table = script.tables.iter().find(|t| t.name.eq_ignore_ascii_case(&table_name)).cloned().ok_or_else(|| {
        let (line, column) = locate(text, &table_name);
        SqlError::at(line, column, format!("there is no table {table_name}: declare it with CREATE TABLE first"))
    })?;
    let columns: Vec<(String, SqlType)> = table.columns.iter().map(|c| (c.name.clone(), c.ty)).collect();
    let scope = Scope { columns: &columns, windowed: window.is_some() };
    let position = |name: &str| columns.iter().position(|(n, _)| n.eq_ignore_ascii_case(name));
    let time =
        table.watermark.as_ref().map(|(column, delay)| (position(column).expect("the parser checked it"), *delay));
    let mut partition = Vec::new();
    if let Some(w) = &window {
        let Some((time_at, _)) = time else {
            return Err(fail(format!(
                "{} has no WATERMARK: a window needs the event-time column's watermark (WATERMARK FOR {} AS {} - INTERVAL '5' SECOND)",
                table.name, w.time_column, w.time_column
            )));
        };
        if position(&w.time_column) != Some(time_at) {
            return Err(fail(format!(
                "the column {} is not the event-time column of {}: DESCRIPTOR must name {}",
                w.time_column, table.name, columns[time_at].0
            )));
        }
        if let WindowKind::Session { partition: names, .. } = &w.kind {
            for name in names {
                partition
                    .push(position(name).ok_or_else(|| fail(format!("there is no column {name} to partition by")))?);
            }
        }
    }
    if let Some(filter) = &query.filter {
        if contains_aggregate(filter) {
            return Err(fail("an aggregate cannot be in WHERE: filter groups with HAVING".into()));
        }
        if scope.type_of(filter).map_err(fail)? != SqlType::Boolean {
            return Err(fail("WHERE needs a condition (true or false)".into()));
        }
    }
    let is_window_column = |e: &Expr| matches!(e, Expr::Column(c) if ["window_start", "window_end", "window_time"].iter().any(|w| c.eq_ignore_ascii_case(w)));
    let mut keys = Vec::new();
    let (mut by_start, mut by_end) = (false, false);
    for g in &query.group_by {
        scope.type_of(g).map_err(fail)?;
        match g {
            Expr::Column(c) if c.eq_ignore_ascii_case("window_start") => by_start = true,
            Expr::Column(c) if c.eq_ignore_ascii_case("window_end") => by_end = true,
            e if is_window_column(e) => {}
            e => keys.push(e.clone()),
        }
    }
    let mut aggregates: Vec<(Expr, SqlType)> = Vec::new();
    let mut outputs = Vec::new();
    for item in &query.items {
        let t = scope.type_of(&item.expr).map_err(fail)?;
        collect_aggregates(&item.expr, &scope, &mut aggregates).map_err(fail)?;
        outputs.push((item.name.clone(), item.expr.clone(), t));
    }
    if let Some(h) = &query.having {
        if scope.type_of(h).map_err(fail)? != SqlType::Boolean {
            return Err(fail("HAVING needs a condition (true or false)".into()));
        }
        collect_aggregates(h, &scope, &mut aggregates).map_err(fail)?;
    }
    let mut over = None;
    if let Some(o) = &query.over {
        if time.is_none() {
            return Err(fail(format!("{} has no time column: a sliding window needs one", table.name)));
        }
        if window.is_some() || !query.group_by.is_empty() || query.having.is_some() {
            return Err(fail("a sliding window (OVER) is not combined with GROUP BY, HAVING or a tumbling window in the lab: use one or the other".into()));
        }
        let mut positions = Vec::new();
        for name in &o.partition {
            positions.push(position(name).ok_or_else(|| fail(format!("there is no column {name} to partition by")))?);
        }
        over = Some((positions, o.range));
    }
    let grouping = (over.is_none() && !aggregates.is_empty()) || !query.group_by.is_empty();
    if grouping {
        if window.is_none() {
            return Err(fail(
                "an aggregate without a window changes its answers as rows come: the lab runs window aggregates; use TABLE(TUMBLE(…))"
                    .into(),
            ));
        }
        if !(by_start && by_end) {
            return Err(fail("a window aggregate groups by window_start and window_end: add them to GROUP BY".into()));
        }
        for (name, expr, _) in &outputs {
            check_grouped(expr, &keys)
                .map_err(|c| fail(format!("the column {c} (in {name}) must be in GROUP BY or inside an aggregate")))?;
        }
        if let Some(h) = &query.having {
            check_grouped(h, &keys)
                .map_err(|c| fail(format!("the column {c} (in HAVING) must be in GROUP BY or inside an aggregate")))?;
        }
    } else if query.having.is_some() {
        return Err(fail("HAVING needs a GROUP BY".into()));
    }
    if let Some(WindowKind::Session { .. }) = window.as_ref().map(|w| &w.kind) {
        for &p in &partition {
            let name = &columns[p].0;
            if !keys.iter().any(|k| matches!(k, Expr::Column(c) if c.eq_ignore_ascii_case(name))) && grouping {
                return Err(fail(format!("the column {name} partitions the sessions: add it to GROUP BY")));
            }
        }
    }
    let arrival = table.columns.iter().enumerate().filter(|(_, c)| c.metadata).map(|(i, _)| i).collect();
    Ok(Plan {
        table,
        columns: columns.clone(),
        time,
        window: window.map(|w| w.kind),
        partition,
        filter: query.filter,
        keys,
        aggregates,
        having: query.having,
        outputs,
        sink: query.sink,
        over,
        rowtime: None,
        arrival,
    })
}

fn contains_aggregate(e: &Expr) -> bool {
    let mut found = false;
    walk(e, &mut |e| found |= matches!(e, Expr::Aggregate { .. }));
    found
}

/// Calls `f` on `e` and every expression inside it.
fn walk(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    f(e);
    match e {
        Expr::Binary(_, a, b) => {
            walk(a, f);
            walk(b, f);
        }
        Expr::Not(a) | Expr::Negate(a) | Expr::IsNull(a, _) | Expr::Cast(a, _) => walk(a, f),
        Expr::Case { whens, otherwise } => {
            for (c, v) in whens {
                walk(c, f);
                walk(v, f);
            }
            if let Some(o) = otherwise {
                walk(o, f);
            }
        }
        Expr::Aggregate { argument: Some(a), .. } => walk(a, f),
        _ => {}
    }
}

fn collect_aggregates(e: &Expr, scope: &Scope, into: &mut Vec<(Expr, SqlType)>) -> Result<(), String> {
    let mut result = Ok(());
    walk(e, &mut |e| {
        if let Expr::Aggregate { argument, .. } = e {
            if argument.as_deref().is_some_and(contains_aggregate) {
                result = Err("an aggregate cannot hold another aggregate".to_string());
                return;
            }
            if !into.iter().any(|(a, _)| a == e) {
                match scope.type_of(e) {
                    Ok(t) => into.push((e.clone(), t)),
                    Err(m) => result = Err(m),
                }
            }
        }
    });
    result
}

/// Whether `e` reads only grouped values: group keys, window columns, aggregates, literals;
/// otherwise the first input column it reads outside them.
fn check_grouped(e: &Expr, keys: &[Expr]) -> Result<(), String> {
    if keys.contains(e) {
        return Ok(());
    }
    match e {
        Expr::Aggregate { .. } | Expr::Literal(_) | Expr::CurrentWatermark(_) => Ok(()),
        Expr::Column(c) if ["window_start", "window_end", "window_time"].iter().any(|w| c.eq_ignore_ascii_case(w)) => {
            Ok(())
        }
        Expr::Column(c) => Err(c.clone()),
        Expr::Binary(_, a, b) => check_grouped(a, keys).and_then(|_| check_grouped(b, keys)),
        Expr::Not(a) | Expr::Negate(a) | Expr::IsNull(a, _) | Expr::Cast(a, _) => check_grouped(a, keys),
        Expr::Case { whens, otherwise } => {
            for (c, v) in whens {
                check_grouped(c, keys)?;
                check_grouped(v, keys)?;
            }
            otherwise.as_deref().map_or(Ok(()), |o| check_grouped(o, keys))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "CREATE TABLE clicks (page STRING, ms INT, ts TIMESTAMP(3), \
                         WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'kinesis');\n";

    #[test]
    fn a_window_aggregate_is_planned_with_its_types() {
        let p = plan(&format!(
            "{TABLE}SELECT window_start, page, COUNT(*) AS n, AVG(ms) AS a FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end, page"
        ))
        .unwrap();
        let types: Vec<SqlType> = p.outputs.iter().map(|o| o.2).collect();
        assert_eq!(types, [SqlType::Timestamp, SqlType::String, SqlType::BigInt, SqlType::Int]);
        assert_eq!(p.keys, [Expr::Column("page".into())]);
        assert_eq!(p.aggregates.len(), 2);
        assert_eq!(p.time, Some((2, 5_000)));
    }

    #[test]
    fn what_flink_would_refuse_or_the_lab_cannot_run_is_refused_at_its_place() {
        let window = "FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))";
        let e = plan(&format!("{TABLE}SELECT page, COUNT(*) {window} GROUP BY window_start, window_end")).unwrap_err();
        assert!(e.message.contains("page") && e.message.contains("GROUP BY"), "{e}");
        assert_eq!((e.line, e.column), (2, 8));
        let e = plan(&format!("{TABLE}SELECT COUNT(*) {window} GROUP BY window_start")).unwrap_err();
        assert!(e.message.contains("window_end"), "{e}");
        let e = plan(&format!("{TABLE}SELECT COUNT(*) FROM clicks")).unwrap_err();
        assert!(e.message.contains("window aggregates"), "{e}");
        let e = plan(&format!("{TABLE}SELECT nope {window}")).unwrap_err();
        assert!(e.message.contains("no column nope"), "{e}");
        assert_eq!((e.line, e.column), (2, 8));
        let e = plan(&format!("{TABLE}SELECT page || 'x' AS p, ms * 1.5 FROM clicks")).unwrap_err();
        assert!(e.message.contains("DECIMAL"), "{e}");
    }
}
