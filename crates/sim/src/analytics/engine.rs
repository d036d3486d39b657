//! A running query, as Flink runs it in streaming mode: each row is read, checked against the
//! watermark (dropped as late only if its window already fired), added to its windows'
//! groups; then the watermark moves to the largest event time seen minus the delay, and every
//! window whose last millisecond it reached fires, emitting a row per group that passes
//! HAVING. At the end of a bounded input every open window fires.

use super::aggregate::Accumulator;
use super::ast::Column;
use super::ast::{Aggregate, BinaryOp, Expr, WindowKind};
use super::error::SqlError;
use super::expr::{arithmetic, compare, convert, Scope, Slot};
use super::over::Sliding;
use super::plan::{plan, plan_legacy, Plan};
use super::types::{parse_decimal, parse_timestamp, Hasher, Key, SqlType, Value};
use super::window;
use std::collections::{BTreeMap, HashMap};

/// One result row: the output columns' names and values, in SELECT order.
pub type Row = Vec<(String, Value)>;

/// The groups of one window (or one session), in the order their keys were first seen (the
/// map only finds a key's group; the order of `groups` is the order rows come out in).
#[derive(Clone, Debug, Default)]
struct Groups {
    index: HashMap<Key, usize, Hasher>,
    groups: Vec<(Vec<Value>, Vec<Accumulator>)>,
}

impl Groups {
    /// The accumulators of the group of `keys`, made on its first row. `keys` is given back
    /// (its values) when the group exists, so the caller's buffer is reused: the common case
    /// allocates nothing.
    fn group(&mut self, keys: &mut Vec<Value>, plan: &Plan) -> &mut Vec<Accumulator> {
        let key = Key(std::mem::take(keys));
        let at = match self.index.get(&key) {
            Some(&at) => {
                *keys = key.0;
                at
            }
            None => {
                self.groups.push((key.0.clone(), new_accumulators(plan)));
                self.index.insert(key, self.groups.len() - 1);
                self.groups.len() - 1
            }
        };
        &mut self.groups[at].1
    }
}

/// A session of one partition: its extent and its rows (aggregated when it fires, since
/// sessions merge).
#[derive(Clone, Debug)]
struct Session {
    start: i64,
    end: i64,
    rows: Vec<Vec<Value>>,
}

#[derive(Clone, Debug)]
pub struct Query {
    plan: Plan,
    /// The watermark: the largest event time seen minus the delay (none before a row).
    watermark: Option<i64>,
    /// Open windows by (end, start).
    windows: BTreeMap<(i64, i64), Groups>,
    /// Open sessions by partition key.
    sessions: BTreeMap<String, Vec<Session>>,
    late: u64,
    /// For each group key and each aggregate's argument, the input column it is, when it is
    /// just one (read without evaluating an expression: the common case, and the hot path).
    key_columns: Vec<Option<usize>>,
    argument_columns: Vec<Option<usize>>,
    /// How many of those read each input column (the last read moves the value).
    column_reads: Vec<u32>,
    /// Rows whose event time is NULL or unreadable: no window can hold them.
    without_time: u64,
    read: u64,
    /// The sliding window's rows (legacy `OVER`).
    sliding: Sliding,
    /// The latest ROWTIME given (legacy): a row arriving with an earlier clock gets this one.
    rowtime: Option<i64>,
    /// Buffers a row's windows, keys, arguments and column reads are put in, kept from row to
    /// row so that reading one allocates nothing of its own.
    scratch: Scratch,
}

#[derive(Clone, Debug, Default)]
struct Scratch {
    windows: Vec<(i64, i64)>,
    keys: Vec<Value>,
    arguments: Vec<Option<Value>>,
    reads: Vec<u32>,
}

impl Query {
    /// Parses and plans `text` (CREATE TABLE statements and one query).
    pub fn compile(text: &str) -> Result<Query, SqlError> {
        Ok(Query::of_plan(plan(text)?))
    }

    /// Parses and plans `text` in the legacy dialect, the source stream having `source`'s
    /// columns (ROWTIME is added).
    pub fn compile_legacy(text: &str, source: &[Column]) -> Result<Query, SqlError> {
        Ok(Query::of_plan(plan_legacy(text, source)?))
    }

    fn of_plan(plan: Plan) -> Query {
        let column = |e: &Expr| column_of(e, &plan.scope());
        let key_columns: Vec<Option<usize>> = plan.keys.iter().map(column).collect();
        let argument_columns: Vec<Option<usize>> = plan
            .aggregates
            .iter()
            .map(|(a, _)| match a {
                Expr::Aggregate { argument: Some(arg), .. } => column(arg),
                _ => None,
            })
            .collect();
        let mut column_reads = vec![0u32; plan.columns.len()];
        for i in key_columns.iter().chain(&argument_columns).flatten() {
            column_reads[*i] += 1;
        }
        Query {
            key_columns,
            argument_columns,
            column_reads,
            plan,
            watermark: None,
            windows: BTreeMap::new(),
            sessions: BTreeMap::new(),
            late: 0,
            without_time: 0,
            read: 0,
            sliding: Sliding::default(),
            rowtime: None,
            scratch: Scratch::default(),
        }
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The output columns' names, in SELECT order.
    pub fn columns(&self) -> Vec<String> {
        self.plan.outputs.iter().map(|o| o.0.clone()).collect()
    }

    /// Rows dropped because their window had already fired (Flink drops them silently).
    pub fn late_rows(&self) -> u64 {
        self.late
    }

    pub fn rows_without_time(&self) -> u64 {
        self.without_time
    }

    pub fn rows_read(&self) -> u64 {
        self.read
    }

    pub fn watermark(&self) -> Option<i64> {
        self.watermark
    }

    /// The source table's row of a JSON object: each column's field, read as its type
    /// (missing or unreadable: NULL).
    pub fn row_of(&self, object: &serde_json::Value) -> Vec<Value> {
        self.plan
            .columns
            .iter()
            .map(|(name, ty)| {
                let field = object
                    .get(name)
                    .or_else(|| object.as_object()?.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v));
                field.map_or(Value::Null, |v| json_value(v, *ty))
            })
            .collect()
    }

    /// Reads one row (a JSON object): the result rows it lets out.
    pub fn push(&mut self, object: &serde_json::Value) -> Vec<Row> {
        let row = self.row_of(object);
        self.push_row(row)
    }

    /// Reads one row that arrived at `arrival_ms` (epoch ms): its `METADATA FROM 'timestamp'`
    /// columns, or in the legacy dialect its ROWTIME, held from falling below the last one.
    pub fn push_arriving(&mut self, object: &serde_json::Value, arrival_ms: i64) -> Vec<Row> {
        let mut row = self.row_of(object);
        for &at in &self.plan.arrival {
            row[at] = Value::Timestamp(arrival_ms);
        }
        if let Some(at) = self.plan.rowtime {
            let rowtime = self.rowtime.map_or(arrival_ms, |last| last.max(arrival_ms));
            self.rowtime = Some(rowtime);
            row[at] = Value::Timestamp(rowtime);
        }
        self.push_row(row)
    }

    pub fn push_row(&mut self, row: Vec<Value>) -> Vec<Row> {
        self.read += 1;
        let ts = match self.plan.time {
            Some((at, _)) => match row[at] {
                Value::Timestamp(ms) => Some(ms),
                _ => None,
            },
            None => None,
        };
        if self.plan.window.is_some() && ts.is_none() {
            self.without_time += 1;
            return Vec::new();
        }
        let mut out = Vec::new();
        if self.passes_filter(&row) {
            match (&self.plan.window, ts) {
                (_, Some(ts)) if self.plan.over.is_some() => out.extend(self.slide(ts, row)),
                (Some(kind), Some(ts)) if self.plan.aggregates_windows() => {
                    let kind = kind.clone();
                    self.add(&kind, ts, row);
                }
                (Some(kind), Some(ts)) => {
                    // A window function without aggregation: each row, once per window, at once.
                    for (start, end) in windows_of(kind, ts) {
                        out.extend(self.project_row(&row, Some((start, end))));
                    }
                }
                _ => out.extend(self.project_row(&row, None)),
            }
        }
        if let (Some(ts), Some((_, delay))) = (ts, self.plan.time) {
            let candidate = ts - delay;
            if self.watermark.is_none_or(|w| candidate > w) {
                self.watermark = Some(candidate);
                out.extend(self.fire(candidate));
            }
        }
        out
    }

    /// A row through the sliding window: answered at once, with the aggregates over the rows
    /// its window holds.
    fn slide(&mut self, ts: i64, row: Vec<Value>) -> Option<Row> {
        let (partition, range) = self.plan.over.clone()?;
        let key = key_text(&partition.iter().map(|&p| row[p].clone()).collect::<Vec<_>>());
        let mut groups = Groups::default();
        let (plan, watermark) = (&self.plan, self.watermark);
        for held in self.sliding.add(key, ts, range, row.clone()) {
            add_to_groups(plan, &mut groups, held, watermark);
        }
        let results: Vec<Value> = groups.groups[0].1.iter().map(Accumulator::result).collect();
        let scope = self.plan.scope();
        let mut leaf = |e: &Expr| -> Option<Value> {
            if let Some(i) = self.plan.aggregates.iter().position(|(a, _)| a == e) {
                return Some(results[i].clone());
            }
            leaf_of_row(e, &scope, &row, None, watermark)
        };
        Some(
            self.plan
                .outputs
                .iter()
                .map(|(name, e, t)| (name.clone(), convert(&eval(e, &scope, &mut leaf), *t)))
                .collect(),
        )
    }

    /// The end of a bounded input: every open window fires.
    pub fn finish(&mut self) -> Vec<Row> {
        self.fire(i64::MAX)
    }

    fn passes_filter(&self, row: &[Value]) -> bool {
        let Some(filter) = &self.plan.filter else { return true };
        let scope = self.plan.scope();
        eval(filter, &scope, &mut |e| leaf_of_row(e, &scope, row, None, self.watermark)) == Value::Bool(true)
    }

    fn add(&mut self, kind: &WindowKind, ts: i64, row: Vec<Value>) {
        let fired = |end: i64, watermark: Option<i64>| watermark.is_some_and(|w| end - 1 <= w);
        if let WindowKind::Session { gap, .. } = kind {
            let key = key_text(&self.plan.partition.iter().map(|&p| row[p].clone()).collect::<Vec<_>>());
            let sessions = self.sessions.entry(key).or_default();
            // The sessions that touch the row's own [ts, ts + gap) merge with it (open
            // sessions of a partition never touch each other, so one pass finds them all).
            let touches = |s: &Session| s.start <= ts + gap && ts <= s.end;
            let start = sessions.iter().filter(|s| touches(s)).map(|s| s.start).fold(ts, i64::min);
            let end = sessions.iter().filter(|s| touches(s)).map(|s| s.end).fold(ts + gap, i64::max);
            if fired(end, self.watermark) {
                // The merged session would already have fired: the row is late.
                self.late += 1;
                return;
            }
            let mut rows = Vec::new();
            let mut kept = Vec::new();
            for s in sessions.drain(..) {
                if touches(&s) {
                    rows.extend(s.rows);
                } else {
                    kept.push(s);
                }
            }
            rows.push(row);
            kept.push(Session { start, end, rows });
            kept.sort_by_key(|s| (s.end, s.start));
            *sessions = kept;
            return;
        }
        let mut windows = std::mem::take(&mut self.scratch.windows);
        windows.clear();
        windows_into(kind, ts, &mut windows);
        if windows.first().is_some_and(|&(_, end)| fired(end, self.watermark)) {
            self.late += 1;
            self.scratch.windows = windows;
            return;
        }
        let (mut keys, mut arguments) = self.values_of(row);
        let last = windows.len() - 1;
        for (n, &(start, end)) in windows.iter().enumerate() {
            let groups = self.windows.entry((end, start)).or_default();
            if n == last {
                // The last window takes the row's values; the others (HOP, CUMULATE) copies.
                let accumulators = groups.group(&mut keys, &self.plan);
                for (acc, argument) in accumulators.iter_mut().zip(arguments.drain(..)) {
                    acc.add(argument);
                }
            } else {
                let mut copy = keys.clone();
                let accumulators = groups.group(&mut copy, &self.plan);
                for (acc, argument) in accumulators.iter_mut().zip(arguments.iter().cloned()) {
                    acc.add(argument);
                }
            }
        }
        keys.clear();
        arguments.clear();
        self.scratch.keys = keys;
        self.scratch.arguments = arguments;
        self.scratch.windows = windows;
    }

    /// A row's group keys and aggregates' arguments (`None` for COUNT(*)): expressions are
    /// evaluated, and plain columns moved out of the row (copied when read twice).
    fn values_of(&mut self, mut row: Vec<Value>) -> (Vec<Value>, Vec<Option<Value>>) {
        let mut keys = std::mem::take(&mut self.scratch.keys);
        let mut arguments = std::mem::take(&mut self.scratch.arguments);
        let mut remaining = std::mem::take(&mut self.scratch.reads);
        let scope = self.plan.scope();
        let watermark = self.watermark;
        let evaluated =
            |e: &Expr, row: &[Value]| eval(e, &scope, &mut |e| leaf_of_row(e, &scope, row, None, watermark));
        // First what reads the row whole, then the columns, each moved on its last read.
        for (k, column) in self.plan.keys.iter().zip(&self.key_columns) {
            keys.push(if column.is_some() { Value::Null } else { evaluated(k, &row) });
        }
        for ((a, _), column) in self.plan.aggregates.iter().zip(&self.argument_columns) {
            arguments.push(match a {
                Expr::Aggregate { argument: Some(arg), .. } if column.is_none() => Some(evaluated(arg, &row)),
                Expr::Aggregate { argument: Some(_), .. } => Some(Value::Null),
                _ => None,
            });
        }
        remaining.clear();
        remaining.extend_from_slice(&self.column_reads);
        let mut take = |i: usize, row: &mut Vec<Value>| {
            remaining[i] -= 1;
            if remaining[i] == 0 {
                std::mem::replace(&mut row[i], Value::Null)
            } else {
                row[i].clone()
            }
        };
        for (slot, column) in keys.iter_mut().zip(&self.key_columns) {
            if let Some(i) = *column {
                *slot = take(i, &mut row);
            }
        }
        for (slot, column) in arguments.iter_mut().zip(&self.argument_columns) {
            if let (Some(v), Some(i)) = (slot.as_mut(), *column) {
                *v = take(i, &mut row);
            }
        }
        self.scratch.reads = remaining;
        (keys, arguments)
    }

    /// Fires every window (and session) whose last millisecond `watermark` reached, earliest
    /// end first.
    fn fire(&mut self, watermark: i64) -> Vec<Row> {
        let mut out = Vec::new();
        let mut due: Vec<(i64, i64, Groups)> = Vec::new();
        while let Some((&(end, start), _)) = self.windows.first_key_value() {
            if end - 1 > watermark {
                break;
            }
            let groups = self.windows.remove(&(end, start)).expect("just seen");
            due.push((end, start, groups));
        }
        for sessions in self.sessions.values_mut() {
            let (closed, open): (Vec<Session>, Vec<Session>) = sessions.drain(..).partition(|s| s.end - 1 <= watermark);
            *sessions = open;
            for s in closed {
                let mut groups = Groups::default();
                for row in &s.rows {
                    add_to_groups(&self.plan, &mut groups, row, self.watermark);
                }
                due.push((s.end, s.start, groups));
            }
        }
        self.sessions.retain(|_, s| !s.is_empty());
        due.sort_by_key(|(end, start, _)| (*end, *start));
        for (end, start, groups) in due {
            for (keys, accumulators) in &groups.groups {
                let results: Vec<Value> = accumulators.iter().map(Accumulator::result).collect();
                if let Some(row) = self.project_group(keys, &results, (start, end)) {
                    out.push(row);
                }
            }
        }
        out
    }

    fn project_group(&self, keys: &[Value], results: &[Value], window: (i64, i64)) -> Option<Row> {
        let scope = self.plan.scope();
        let mut leaf = |e: &Expr| -> Option<Value> {
            if let Some(i) = self.plan.keys.iter().position(|k| k == e) {
                return Some(keys[i].clone());
            }
            if let Some(i) = self.plan.aggregates.iter().position(|(a, _)| a == e) {
                return Some(results[i].clone());
            }
            window_leaf(e, &scope, window, self.watermark)
        };
        if let Some(having) = &self.plan.having {
            if eval(having, &scope, &mut leaf) != Value::Bool(true) {
                return None;
            }
        }
        Some(
            self.plan
                .outputs
                .iter()
                .map(|(name, e, t)| (name.clone(), convert(&eval(e, &scope, &mut leaf), *t)))
                .collect(),
        )
    }

    fn project_row(&self, row: &[Value], window: Option<(i64, i64)>) -> Option<Row> {
        let scope = self.plan.scope();
        Some(
            self.plan
                .outputs
                .iter()
                .map(|(name, e, t)| {
                    let v = eval(e, &scope, &mut |e| leaf_of_row(e, &scope, row, window, self.watermark));
                    (name.clone(), convert(&v, *t))
                })
                .collect(),
        )
    }
}

fn new_accumulators(plan: &Plan) -> Vec<Accumulator> {
    plan.aggregates
        .iter()
        .map(|(a, t)| match a {
            Expr::Aggregate { function, distinct, .. } => Accumulator::new(*function, *t, *distinct),
            _ => Accumulator::new(Aggregate::Count, SqlType::BigInt, false),
        })
        .collect()
}

fn add_to_groups(plan: &Plan, groups: &mut Groups, row: &[Value], watermark: Option<i64>) {
    let scope = plan.scope();
    let mut keys: Vec<Value> =
        plan.keys.iter().map(|k| eval(k, &scope, &mut |e| leaf_of_row(e, &scope, row, None, watermark))).collect();
    let accumulators = groups.group(&mut keys, plan);
    for ((a, _), acc) in plan.aggregates.iter().zip(accumulators.iter_mut()) {
        match a {
            Expr::Aggregate { argument: Some(arg), .. } => {
                acc.add(Some(eval(arg, &scope, &mut |e| leaf_of_row(e, &scope, row, None, watermark))))
            }
            _ => acc.add(None),
        }
    }
}

/// The input column `e` is, if it is just one.
fn column_of(e: &Expr, scope: &Scope) -> Option<usize> {
    match e {
        Expr::Column(name) => match scope.resolve(name) {
            Ok((Slot::Input(i), _)) => Some(i),
            _ => None,
        },
        _ => None,
    }
}

/// The windows holding `ts`, put in `out` (a TUMBLE window without allocating).
fn windows_into(kind: &WindowKind, ts: i64, out: &mut Vec<(i64, i64)>) {
    match kind {
        WindowKind::Tumble { size } => out.push(window::tumble_window(ts, *size)),
        other => out.extend(windows_of(other, ts)),
    }
}

fn windows_of(kind: &WindowKind, ts: i64) -> Vec<(i64, i64)> {
    match kind {
        WindowKind::Tumble { size } => window::tumble(ts, *size),
        WindowKind::Hop { slide, size } => window::hop(ts, *slide, *size),
        WindowKind::Cumulate { step, max } => window::cumulate(ts, *step, *max),
        WindowKind::Session { gap, .. } => vec![(ts, ts + gap)],
    }
}

/// A group key as text, to find its group (values of one plan's keys have fixed types).
fn key_text(keys: &[Value]) -> String {
    format!("{keys:?}")
}

/// A value of a row's column: an input column, or a window's.
fn leaf_of_row(
    e: &Expr,
    scope: &Scope,
    row: &[Value],
    window: Option<(i64, i64)>,
    watermark: Option<i64>,
) -> Option<Value> {
    if let Expr::Column(name) = e {
        if let Ok((Slot::Input(i), _)) = scope.resolve(name) {
            return Some(row[i].clone());
        }
    }
    window.and_then(|w| window_leaf(e, scope, w, watermark)).or_else(|| watermark_leaf(e, watermark))
}

fn window_leaf(e: &Expr, scope: &Scope, (start, end): (i64, i64), watermark: Option<i64>) -> Option<Value> {
    if let Expr::Column(name) = e {
        return match scope.resolve(name) {
            Ok((Slot::WindowStart, _)) => Some(Value::Timestamp(start)),
            Ok((Slot::WindowEnd, _)) => Some(Value::Timestamp(end)),
            Ok((Slot::WindowTime, _)) => Some(Value::Timestamp(end - 1)),
            _ => None,
        };
    }
    watermark_leaf(e, watermark)
}

fn watermark_leaf(e: &Expr, watermark: Option<i64>) -> Option<Value> {
    match e {
        Expr::CurrentWatermark(_) => Some(watermark.map_or(Value::Null, Value::Timestamp)),
        _ => None,
    }
}

/// The value of `e`, with `leaf` giving the values the context holds (columns, keys,
/// aggregates); operators are computed here.
fn eval(e: &Expr, scope: &Scope, leaf: &mut dyn FnMut(&Expr) -> Option<Value>) -> Value {
    if let Some(v) = leaf(e) {
        return v;
    }
    match e {
        Expr::Literal(v) => v.clone(),
        Expr::Column(_) | Expr::Aggregate { .. } | Expr::CurrentWatermark(_) => Value::Null,
        Expr::Binary(op, a, b) => {
            let (x, y) = (eval(a, scope, leaf), eval(b, scope, leaf));
            binary(*op, &x, &y, scope, a, b)
        }
        Expr::Not(a) => match eval(a, scope, leaf) {
            Value::Bool(b) => Value::Bool(!b),
            _ => Value::Null,
        },
        Expr::Negate(a) => {
            let v = eval(a, scope, leaf);
            let t = scope.type_of(a).unwrap_or(SqlType::Double);
            arithmetic(BinaryOp::Sub, &convert(&Value::Int(0), t), &v, t)
        }
        Expr::IsNull(a, negated) => Value::Bool((eval(a, scope, leaf) == Value::Null) != *negated),
        Expr::Case { whens, otherwise } => {
            let t = scope.type_of(e).unwrap_or(SqlType::String);
            for (condition, value) in whens {
                if eval(condition, scope, leaf) == Value::Bool(true) {
                    return convert(&eval(value, scope, leaf), t);
                }
            }
            otherwise.as_ref().map_or(Value::Null, |o| convert(&eval(o, scope, leaf), t))
        }
        Expr::Cast(a, t) => convert(&eval(a, scope, leaf), *t),
    }
}

fn binary(op: BinaryOp, x: &Value, y: &Value, scope: &Scope, a: &Expr, b: &Expr) -> Value {
    use std::cmp::Ordering::*;
    match op {
        BinaryOp::And => match (x, y) {
            (Value::Bool(false), _) | (_, Value::Bool(false)) => Value::Bool(false),
            (Value::Bool(true), Value::Bool(true)) => Value::Bool(true),
            _ => Value::Null,
        },
        BinaryOp::Or => match (x, y) {
            (Value::Bool(true), _) | (_, Value::Bool(true)) => Value::Bool(true),
            (Value::Bool(false), Value::Bool(false)) => Value::Bool(false),
            _ => Value::Null,
        },
        BinaryOp::Concat => match (convert(x, SqlType::String), convert(y, SqlType::String)) {
            (Value::Str(p), Value::Str(q)) => Value::Str(p + q.as_str()),
            _ => Value::Null,
        },
        BinaryOp::Eq | BinaryOp::NotEq | BinaryOp::Lt | BinaryOp::LtEq | BinaryOp::Gt | BinaryOp::GtEq => {
            match compare(x, y) {
                None => Value::Null,
                Some(order) => Value::Bool(match op {
                    BinaryOp::Eq => order == Equal,
                    BinaryOp::NotEq => order != Equal,
                    BinaryOp::Lt => order == Less,
                    BinaryOp::LtEq => order != Greater,
                    BinaryOp::Gt => order == Greater,
                    _ => order != Less,
                }),
            }
        }
        _ => {
            let t =
                scope.type_of(&Expr::Binary(op, Box::new(a.clone()), Box::new(b.clone()))).unwrap_or(SqlType::Double);
            arithmetic(op, x, y, t)
        }
    }
}

/// A JSON field read as a column of type `ty`: TIMESTAMP from `YYYY-MM-DD HH:MM:SS.mmm`,
/// DECIMAL from a number or a string, numbers from numbers (or their text).
fn json_value(v: &serde_json::Value, ty: SqlType) -> Value {
    use serde_json::Value as J;
    match (v, ty) {
        (J::Null, _) => Value::Null,
        (J::String(s), SqlType::Timestamp) => parse_timestamp(s).map_or(Value::Null, Value::Timestamp),
        (J::Number(n), SqlType::Timestamp) => n.as_i64().map_or(Value::Null, Value::Timestamp),
        (J::Number(n), SqlType::Int) => n.as_i64().and_then(|n| i32::try_from(n).ok()).map_or(Value::Null, Value::Int),
        (J::Number(n), SqlType::BigInt) => n.as_i64().map_or(Value::Null, Value::BigInt),
        (J::Number(n), SqlType::Double) => n.as_f64().map_or(Value::Null, Value::Double),
        (J::Number(_) | J::String(_), SqlType::Decimal(_, s)) => {
            let text = match v {
                J::String(t) => t.clone(),
                number => number.to_string(),
            };
            parse_decimal(&text, s).map_or(Value::Null, |d| Value::Decimal(d, s))
        }
        (J::Bool(b), SqlType::Boolean) => Value::Bool(*b),
        (J::String(s), SqlType::String) => Value::Str(s.clone()),
        (other, SqlType::String) => Value::Str(other.to_string()),
        (J::String(s), t) => convert(&Value::Str(s.clone()), t),
        _ => Value::Null,
    }
}
