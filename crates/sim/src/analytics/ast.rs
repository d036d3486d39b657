//! A Flink SQL script as the parser reads it: tables, then one query.

use super::types::{SqlType, Value};

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub name: String,
    pub ty: SqlType,
    /// `METADATA FROM 'timestamp'`: the column is filled from the record, not its JSON (the
    /// Kinesis connector's one key the lab has: the record's approximate arrival time).
    pub metadata: bool,
}

impl Column {
    pub fn new(name: impl Into<String>, ty: SqlType) -> Column {
        Column { name: name.into(), ty, metadata: false }
    }
}

/// `CREATE TABLE name (columns, WATERMARK FOR col AS col - INTERVAL …) WITH (options)`.
#[derive(Clone, Debug, PartialEq)]
pub struct CreateTable {
    pub name: String,
    pub columns: Vec<Column>,
    /// The event-time column and the watermark's delay in milliseconds.
    pub watermark: Option<(String, i64)>,
    /// The `WITH` options, shown as written (the source is what the component is wired to).
    pub options: Vec<(String, String)>,
}

/// A window table-valued function over a table's event-time column.
#[derive(Clone, Debug, PartialEq)]
pub enum WindowKind {
    Tumble { size: i64 },
    Hop { slide: i64, size: i64 },
    Cumulate { step: i64, max: i64 },
    Session { partition: Vec<String>, gap: i64 },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Window {
    pub kind: WindowKind,
    pub table: String,
    pub time_column: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    Table(String),
    Window(Window),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Eq,
    NotEq,
    Lt,
    LtEq,
    Gt,
    GtEq,
    And,
    Or,
    Concat,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Aggregate {
    Count,
    Sum,
    Avg,
    Min,
    Max,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Column(String),
    Literal(Value),
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Negate(Box<Expr>),
    IsNull(Box<Expr>, bool),
    Case {
        whens: Vec<(Expr, Expr)>,
        otherwise: Option<Box<Expr>>,
    },
    Cast(Box<Expr>, SqlType),
    /// `COUNT(*)` has no argument.
    Aggregate {
        function: Aggregate,
        argument: Option<Box<Expr>>,
        distinct: bool,
    },
    CurrentWatermark(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct SelectItem {
    pub expr: Expr,
    /// The output column's name: the alias, or the column's own name, or `EXPR$n`.
    pub name: String,
}

/// A sliding window over each row's past (the legacy dialect's `WINDOW w AS (PARTITION BY k
/// RANGE INTERVAL '10' SECOND PRECEDING)`): the aggregates of a row are over the rows of its
/// partition whose time is at most `range` before its own, itself included.
#[derive(Clone, Debug, PartialEq)]
pub struct Over {
    pub partition: Vec<String>,
    pub range: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    pub items: Vec<SelectItem>,
    pub source: Source,
    pub filter: Option<Expr>,
    pub group_by: Vec<Expr>,
    pub having: Option<Expr>,
    /// `INSERT INTO sink SELECT …`: the sink's name.
    pub sink: Option<String>,
    /// The sliding window the aggregates are `OVER`, if they are.
    pub over: Option<Over>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Script {
    pub tables: Vec<CreateTable>,
    pub query: Query,
}
