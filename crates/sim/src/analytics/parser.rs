//! A recursive-descent parser for the Flink SQL the lab runs: `CREATE TABLE` statements, then
//! one `SELECT` (or `INSERT INTO sink SELECT`) over a table or a window table-valued function.
//! Every error names the line and column of the token where it went wrong and what was
//! expected there; a construct of Flink SQL the lab does not run says so.

use super::ast::*;
use super::error::SqlError;
use super::lexer::{tokens, Tok, Token};
use super::types::{parse_decimal, SqlType, Value};

/// Parses a script: its tables and its query.
pub fn parse(text: &str) -> Result<Script, SqlError> {
    let mut p = Parser::new(text, false)?;
    let mut tables = Vec::new();
    let mut query = None;
    while !matches!(p.peek().tok, Tok::End) {
        if p.eat_symbol(";") {
            continue;
        }
        if p.peek().is("CREATE") {
            tables.push(p.create_table()?);
        } else if p.peek().is("SELECT") || p.peek().is("INSERT") {
            if query.is_some() {
                return Err(p.error("one query a script: this is a second one"));
            }
            query = Some(p.query()?);
        } else {
            return Err(p.expected("CREATE TABLE, SELECT or INSERT INTO"));
        }
    }
    let query = query.ok_or_else(|| p.error("the script has no query: add a SELECT"))?;
    Ok(Script { tables, query })
}

pub(super) struct Parser {
    tokens: Vec<Token>,
    at: usize,
    /// Reading the legacy Kinesis Data Analytics dialect (`legacy.rs`): double-quoted names,
    /// `SELECT STREAM`, `STEP`/`FLOOR` of ROWTIME, `OVER` windows.
    legacy: bool,
    /// The tumbling window a legacy `STEP(… BY INTERVAL …)` or `FLOOR(… TO unit)` asked for,
    /// with where it was asked.
    pub(super) step: Option<(i64, u32, u32)>,
    /// The `OVER` clauses met in the query, with their places.
    overs: Vec<(OverUse, u32, u32)>,
}

/// An aggregate's `OVER`: a window named in the query's WINDOW clause, or written in place.
#[derive(Clone, Debug)]
enum OverUse {
    Named(String),
    Inline(Over),
}

/// Words Flink reserves (a subset of its list, the ones a lab query is likely to meet): as a
/// name they must be quoted with backticks, as Flink requires.
const RESERVED: [&str; 44] = [
    "FROM",
    "WHERE",
    "GROUP",
    "HAVING",
    "ORDER",
    "BY",
    "AS",
    "AND",
    "OR",
    "NOT",
    "CASE",
    "WHEN",
    "THEN",
    "ELSE",
    "END",
    "SELECT",
    "TABLE",
    "INTERVAL",
    "USER",
    "VIEWS",
    "TIMESTAMP",
    "DATE",
    "TIME",
    "VALUE",
    "VALUES",
    "YEAR",
    "MONTH",
    "DAY",
    "HOUR",
    "MINUTE",
    "SECOND",
    "COUNT",
    "SUM",
    "AVG",
    "MIN",
    "MAX",
    "WINDOW",
    "RANGE",
    "ROWS",
    "LIMIT",
    "JOIN",
    "IN",
    "IS",
    "NULL",
];

/// Whether Flink reserves `word` (as far as the lab's list goes).
pub(super) fn is_reserved(word: &str) -> bool {
    RESERVED.iter().any(|r| word.eq_ignore_ascii_case(r))
}

impl Parser {
    pub(super) fn new(text: &str, legacy: bool) -> Result<Parser, SqlError> {
        Ok(Parser { tokens: tokens(text)?, at: 0, legacy, step: None, overs: Vec::new() })
    }

    pub(super) fn peek(&self) -> &Token {
        &self.tokens[self.at]
    }

    pub(super) fn error(&self, message: impl Into<String>) -> SqlError {
        let t = self.peek();
        SqlError::at(t.line, t.column, message)
    }

    pub(super) fn expected(&self, what: &str) -> SqlError {
        self.error(format!("expected {what}, found {}", self.peek().describe()))
    }

    pub(super) fn eat(&mut self, word: &str) -> bool {
        let found = self.peek().is(word);
        if found {
            self.at += 1;
        }
        found
    }

    pub(super) fn expect(&mut self, word: &str) -> Result<(), SqlError> {
        if self.eat(word) {
            Ok(())
        } else {
            Err(self.expected(word))
        }
    }

    pub(super) fn eat_symbol(&mut self, symbol: &str) -> bool {
        let found = matches!(self.peek().tok, Tok::Symbol(s) if s == symbol);
        if found {
            self.at += 1;
        }
        found
    }

    pub(super) fn expect_symbol(&mut self, symbol: &str) -> Result<(), SqlError> {
        if self.eat_symbol(symbol) {
            Ok(())
        } else {
            Err(self.expected(&format!("'{symbol}'")))
        }
    }

    /// An identifier: a bare word that is not reserved, or a quoted one.
    pub(super) fn identifier(&mut self, what: &str) -> Result<String, SqlError> {
        match &self.peek().tok {
            Tok::Quoted(name) => {
                let name = name.clone();
                self.at += 1;
                Ok(name)
            }
            Tok::DoubleQuoted(name) if self.legacy => {
                let name = name.clone();
                self.at += 1;
                Ok(name)
            }
            Tok::DoubleQuoted(name) => Err(self.error(format!(
                "Flink SQL quotes names with backticks, not double quotes: write `{name}` (double quotes are the legacy dialect's)"
            ))),
            Tok::Word(w) if !RESERVED.iter().any(|r| w.eq_ignore_ascii_case(r)) => {
                let name = w.clone();
                self.at += 1;
                Ok(name)
            }
            Tok::Word(w) if self.legacy && is_reserved(w) => {
                Err(self.error(format!("{w} is a reserved word: quote it (\"{w}\") to use it as {what}")))
            }
            Tok::Word(w) if is_reserved(w) => {
                Err(self.error(format!("{w} is a reserved word: quote it with backticks (`{w}`) to use it as {what}")))
            }
            _ => Err(self.expected(what)),
        }
    }

    fn create_table(&mut self) -> Result<CreateTable, SqlError> {
        self.expect("CREATE")?;
        if self.peek().is("OR") {
            return Err(self.error(
                "CREATE OR REPLACE STREAM is the legacy Kinesis Data Analytics dialect: this application runs Flink SQL (choose the legacy dialect to run it), where a table is CREATE TABLE",
            ));
        }
        self.expect("TABLE")?;
        let name = self.identifier("a table name")?;
        self.expect_symbol("(")?;
        let mut columns = Vec::new();
        let mut watermark = None;
        loop {
            if self.eat("WATERMARK") {
                self.expect("FOR")?;
                let column = self.identifier("the event-time column")?;
                self.expect("AS")?;
                let again = self.identifier("the event-time column")?;
                if again != column {
                    return Err(self.error(format!("the watermark must be {column} - INTERVAL …")));
                }
                let delay = if self.eat_symbol("-") { self.interval()? } else { 0 };
                watermark = Some((column, delay));
            } else {
                let name = self.identifier("a column name")?;
                let ty = self.sql_type()?;
                let metadata = self.metadata(&name, ty)?;
                columns.push(Column { name, ty, metadata });
            }
            if self.eat_symbol(")") {
                break;
            }
            self.expect_symbol(",")?;
        }
        if let Some((column, _)) = &watermark {
            match columns.iter().find(|c| c.name == *column) {
                Some(c) if c.ty == SqlType::Timestamp => {}
                Some(_) => return Err(self.error(format!("the watermark's column {column} must be TIMESTAMP(3)"))),
                None => return Err(self.error(format!("the watermark names {column}, which is not a column"))),
            }
        }
        let mut options = Vec::new();
        if self.eat("WITH") {
            self.expect_symbol("(")?;
            loop {
                let key = self.string("an option name in quotes")?;
                self.expect_symbol("=")?;
                let value = self.string("an option value in quotes")?;
                options.push((key, value));
                if self.eat_symbol(")") {
                    break;
                }
                self.expect_symbol(",")?;
            }
        }
        Ok(CreateTable { name, columns, watermark, options })
    }

    /// `METADATA [FROM 'timestamp'] [VIRTUAL]` after a column's type: whether it is there.
    fn metadata(&mut self, name: &str, ty: SqlType) -> Result<bool, SqlError> {
        if !self.eat("METADATA") {
            return Ok(false);
        }
        let (line, column) = (self.peek().line, self.peek().column);
        let key = if self.eat("FROM") { self.string("the metadata key in quotes")? } else { name.to_string() };
        if key != "timestamp" {
            return Err(SqlError::at(
                line,
                column,
                format!("the Kinesis connector's metadata the lab fills is 'timestamp' (the record's arrival time), not '{key}'"),
            ));
        }
        if ty != SqlType::Timestamp {
            return Err(SqlError::at(
                line,
                column,
                format!("METADATA FROM 'timestamp' is a time: declare {name} TIMESTAMP(3)"),
            ));
        }
        self.eat("VIRTUAL");
        Ok(true)
    }

    pub(super) fn string(&mut self, what: &str) -> Result<String, SqlError> {
        match &self.peek().tok {
            Tok::Str(s) => {
                let s = s.clone();
                self.at += 1;
                Ok(s)
            }
            _ => Err(self.expected(what)),
        }
    }

    pub(super) fn sql_type(&mut self) -> Result<SqlType, SqlError> {
        let word = match &self.peek().tok {
            Tok::Word(w) => w.to_ascii_uppercase(),
            _ => return Err(self.expected("a type")),
        };
        self.at += 1;
        let ty = match word.as_str() {
            // In UTC, which is the lab's time zone, TIMESTAMP_LTZ(3) reads as TIMESTAMP(3).
            "TIMESTAMP" | "TIMESTAMP_LTZ" => {
                if self.eat_symbol("(") {
                    let precision = self.whole_number()?;
                    if precision != 3 {
                        return Err(self.error("the lab's timestamps are TIMESTAMP(3), to the millisecond"));
                    }
                    self.expect_symbol(")")?;
                }
                SqlType::Timestamp
            }
            "STRING" => SqlType::String,
            "VARCHAR" => {
                if self.eat_symbol("(") {
                    self.whole_number()?;
                    self.expect_symbol(")")?;
                }
                SqlType::String
            }
            "INT" | "INTEGER" => SqlType::Int,
            "BIGINT" => SqlType::BigInt,
            "DOUBLE" => SqlType::Double,
            // The legacy dialect's REAL is read as DOUBLE and CHAR(n) as text: its results
            // are checked against Flink's only through DOUBLE and STRING.
            "REAL" if self.legacy => SqlType::Double,
            "CHAR" if self.legacy => {
                if self.eat_symbol("(") {
                    self.whole_number()?;
                    self.expect_symbol(")")?;
                }
                SqlType::String
            }
            "BOOLEAN" => SqlType::Boolean,
            "DECIMAL" => {
                let (mut precision, mut scale) = (10, 0);
                if self.eat_symbol("(") {
                    precision = self.whole_number()?;
                    if self.eat_symbol(",") {
                        scale = self.whole_number()?;
                    }
                    self.expect_symbol(")")?;
                }
                if !(1..=38).contains(&precision) || scale > precision {
                    return Err(self.error("DECIMAL(p, s) needs 1 ≤ p ≤ 38 and s ≤ p"));
                }
                SqlType::Decimal(precision as u8, scale as u8)
            }
            other => {
                self.at -= 1;
                return Err(self.error(format!(
                    "the type {other} is not supported: use TIMESTAMP(3), STRING, VARCHAR, INT, BIGINT, DOUBLE, DECIMAL(p, s) or BOOLEAN"
                )));
            }
        };
        Ok(ty)
    }

    pub(super) fn whole_number(&mut self) -> Result<i64, SqlError> {
        match &self.peek().tok {
            Tok::Number(n) if n.parse::<i64>().is_ok() => {
                let n = n.parse().unwrap();
                self.at += 1;
                Ok(n)
            }
            _ => Err(self.expected("a whole number")),
        }
    }

    /// `INTERVAL 'n' UNIT` in milliseconds (SECOND, MINUTE, HOUR, DAY; plural accepted).
    pub(super) fn interval(&mut self) -> Result<i64, SqlError> {
        self.expect("INTERVAL")?;
        let (line, column) = (self.peek().line, self.peek().column);
        let amount = self.string("the interval's amount in quotes, as '10'")?;
        let amount: i64 = amount
            .trim()
            .parse()
            .map_err(|_| SqlError::at(line, column, format!("'{amount}' is not a whole number")))?;
        let unit = match &self.peek().tok {
            Tok::Word(w) => w.to_ascii_uppercase(),
            _ => return Err(self.expected("SECOND, MINUTE, HOUR or DAY")),
        };
        let Some(ms) = unit_ms(unit.trim_end_matches('S')) else {
            return Err(self.expected("SECOND, MINUTE, HOUR or DAY"));
        };
        self.at += 1;
        Ok(amount * ms)
    }

    pub(super) fn query(&mut self) -> Result<Query, SqlError> {
        let sink = if self.eat("INSERT") {
            self.expect("INTO")?;
            Some(self.identifier("the sink table's name")?)
        } else {
            None
        };
        self.expect("SELECT")?;
        if self.legacy {
            if !self.eat("STREAM") {
                return Err(self.expected("STREAM: a legacy query reads its stream with SELECT STREAM"));
            }
        } else if self.peek().is("STREAM") {
            return Err(self.error(
                "SELECT STREAM is the legacy Kinesis Data Analytics dialect: this application runs Flink SQL (choose the legacy dialect to run it)",
            ));
        }
        let mut items = Vec::new();
        loop {
            let expr = self.expr()?;
            let name = if self.eat("AS") {
                self.identifier("the column's name after AS")?
            } else if matches!(self.peek().tok, Tok::Quoted(_))
                || matches!(&self.peek().tok, Tok::Word(w) if !RESERVED.iter().any(|r| w.eq_ignore_ascii_case(r)))
            {
                self.identifier("the column's name")?
            } else if let Expr::Column(c) = &expr {
                c.clone()
            } else {
                format!("EXPR${}", items.len())
            };
            items.push(SelectItem { expr, name });
            if !self.eat_symbol(",") {
                break;
            }
        }
        self.expect("FROM")?;
        let source = self.source()?;
        let filter = if self.eat("WHERE") { Some(self.expr()?) } else { None };
        let mut group_by = Vec::new();
        if self.eat("GROUP") {
            self.expect("BY")?;
            loop {
                group_by.push(self.expr()?);
                if !self.eat_symbol(",") {
                    break;
                }
            }
        }
        let having = if self.eat("HAVING") { Some(self.expr()?) } else { None };
        let over = self.overs()?;
        if self.peek().is("ORDER") || self.peek().is("LIMIT") || self.peek().is("JOIN") || self.peek().is("UNION") {
            return Err(
                self.error(format!("{} is not supported in the lab's streaming queries", self.peek().describe()))
            );
        }
        if !self.eat_symbol(";") && !matches!(self.peek().tok, Tok::End) {
            return Err(self.expected("the end of the query"));
        }
        Ok(Query { items, source, filter, group_by, having, sink, over })
    }

    /// The query's WINDOW clause (legacy), and the one window its `OVER`s all name.
    fn overs(&mut self) -> Result<Option<Over>, SqlError> {
        let mut named: Vec<(String, Over)> = Vec::new();
        if self.legacy && self.eat("WINDOW") {
            loop {
                let name = self.identifier("the window's name")?;
                self.expect("AS")?;
                named.push((name, self.over_spec()?));
                if !self.eat_symbol(",") {
                    break;
                }
            }
        }
        let mut over: Option<Over> = None;
        for (used, line, column) in std::mem::take(&mut self.overs) {
            let this = match used {
                OverUse::Inline(o) => o,
                OverUse::Named(name) => {
                    named.iter().find(|(n, _)| n.eq_ignore_ascii_case(&name)).map(|(_, o)| o.clone()).ok_or_else(
                        || {
                            SqlError::at(
                                line,
                                column,
                                format!("there is no window {name}: define it with WINDOW {name} AS (…) after FROM"),
                            )
                        },
                    )?
                }
            };
            match &over {
                Some(first) if *first != this => {
                    return Err(SqlError::at(
                        line,
                        column,
                        "the lab runs one sliding window a query: every OVER must name the same one",
                    ))
                }
                _ => over = Some(this),
            }
        }
        Ok(over)
    }

    /// `(PARTITION BY a, b RANGE INTERVAL 'n' UNIT PRECEDING)`.
    fn over_spec(&mut self) -> Result<Over, SqlError> {
        self.expect_symbol("(")?;
        let mut partition = Vec::new();
        if self.eat("PARTITION") {
            self.expect("BY")?;
            loop {
                partition.push(self.qualified_name("a column to partition by")?);
                if !self.eat_symbol(",") {
                    break;
                }
            }
        }
        if self.peek().is("ROWS") {
            return Err(
                self.error("ROWS windows are not supported: the lab's sliding windows are RANGE INTERVAL … PRECEDING")
            );
        }
        self.expect("RANGE")?;
        let range = self.positive_interval()?;
        self.expect("PRECEDING")?;
        self.expect_symbol(")")?;
        Ok(Over { partition, range })
    }

    /// A column's name, perhaps after its stream's (`"SOURCE_SQL_STREAM_001".ROWTIME`): the
    /// query has one source, so the column's own name is what counts.
    fn qualified_name(&mut self, what: &str) -> Result<String, SqlError> {
        let mut name = self.identifier(what)?;
        while self.eat_symbol(".") {
            name = self.identifier(what)?;
        }
        Ok(name)
    }

    fn source(&mut self) -> Result<Source, SqlError> {
        if !self.eat("TABLE") {
            let table = self.identifier("a table name")?;
            // An alias: the query reads one table, so a qualified name means its column.
            if self.eat("AS")
                || matches!(&self.peek().tok, Tok::Quoted(_) | Tok::DoubleQuoted(_))
                || matches!(&self.peek().tok, Tok::Word(w) if !is_reserved(w))
            {
                self.identifier("the table's alias")?;
            }
            return Ok(Source::Table(table));
        }
        self.expect_symbol("(")?;
        let function = match &self.peek().tok {
            Tok::Word(w) => w.to_ascii_uppercase(),
            _ => return Err(self.expected("TUMBLE, HOP, CUMULATE or SESSION")),
        };
        if !["TUMBLE", "HOP", "CUMULATE", "SESSION"].contains(&function.as_str()) {
            return Err(self.expected("TUMBLE, HOP, CUMULATE or SESSION"));
        }
        self.at += 1;
        self.expect_symbol("(")?;
        self.expect("TABLE")?;
        let table = self.identifier("a table name")?;
        let mut partition = Vec::new();
        if function == "SESSION" && self.eat("PARTITION") {
            self.expect("BY")?;
            loop {
                partition.push(self.identifier("a column to partition by")?);
                if !self.eat_symbol(",") || self.peek().is("DESCRIPTOR") {
                    break;
                }
            }
        } else {
            self.expect_symbol(",")?;
        }
        self.expect("DESCRIPTOR")?;
        self.expect_symbol("(")?;
        let time_column = self.identifier("the event-time column")?;
        self.expect_symbol(")")?;
        self.expect_symbol(",")?;
        let first = self.positive_interval()?;
        let kind = match function.as_str() {
            "TUMBLE" => WindowKind::Tumble { size: first },
            "SESSION" => WindowKind::Session { partition, gap: first },
            _ => {
                self.expect_symbol(",")?;
                let second = self.positive_interval()?;
                if second % first != 0 {
                    let what = if function == "HOP" {
                        "size must be a whole number of slides"
                    } else {
                        "max must be a whole number of steps"
                    };
                    return Err(self.error(format!("{function}'s {what}")));
                }
                if function == "HOP" {
                    WindowKind::Hop { slide: first, size: second }
                } else {
                    WindowKind::Cumulate { step: first, max: second }
                }
            }
        };
        self.expect_symbol(")")?;
        self.expect_symbol(")")?;
        Ok(Source::Window(Window { kind, table, time_column }))
    }

    pub(super) fn positive_interval(&mut self) -> Result<i64, SqlError> {
        let (line, column) = (self.peek().line, self.peek().column);
        let ms = self.interval()?;
        if ms <= 0 {
            return Err(SqlError::at(line, column, "a window's interval must be more than zero"));
        }
        Ok(ms)
    }

    // Expressions, loosest first: OR, AND, NOT, comparison, + - ||, * / %, unary, primary.
    pub(super) fn expr(&mut self) -> Result<Expr, SqlError> {
        let mut left = self.and()?;
        while self.eat("OR") {
            left = Expr::Binary(BinaryOp::Or, Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, SqlError> {
        let mut left = self.not()?;
        while self.eat("AND") {
            left = Expr::Binary(BinaryOp::And, Box::new(left), Box::new(self.not()?));
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Expr, SqlError> {
        if self.eat("NOT") {
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, SqlError> {
        let left = self.additive()?;
        if self.eat("IS") {
            let negated = self.eat("NOT");
            self.expect("NULL")?;
            return Ok(Expr::IsNull(Box::new(left), negated));
        }
        let op = match self.peek().tok {
            Tok::Symbol("=") => BinaryOp::Eq,
            Tok::Symbol("<>") | Tok::Symbol("!=") => BinaryOp::NotEq,
            Tok::Symbol("<") => BinaryOp::Lt,
            Tok::Symbol("<=") => BinaryOp::LtEq,
            Tok::Symbol(">") => BinaryOp::Gt,
            Tok::Symbol(">=") => BinaryOp::GtEq,
            _ => return Ok(left),
        };
        self.at += 1;
        Ok(Expr::Binary(op, Box::new(left), Box::new(self.additive()?)))
    }

    fn additive(&mut self) -> Result<Expr, SqlError> {
        let mut left = self.multiplicative()?;
        loop {
            let op = match self.peek().tok {
                Tok::Symbol("+") => BinaryOp::Add,
                Tok::Symbol("-") => BinaryOp::Sub,
                Tok::Symbol("||") => BinaryOp::Concat,
                _ => return Ok(left),
            };
            self.at += 1;
            left = Expr::Binary(op, Box::new(left), Box::new(self.multiplicative()?));
        }
    }

    fn multiplicative(&mut self) -> Result<Expr, SqlError> {
        let mut left = self.unary()?;
        loop {
            let op = match self.peek().tok {
                Tok::Symbol("*") => BinaryOp::Mul,
                Tok::Symbol("/") => BinaryOp::Div,
                Tok::Symbol("%") => BinaryOp::Mod,
                _ => return Ok(left),
            };
            self.at += 1;
            left = Expr::Binary(op, Box::new(left), Box::new(self.unary()?));
        }
    }

    fn unary(&mut self) -> Result<Expr, SqlError> {
        if self.eat_symbol("-") {
            return Ok(Expr::Negate(Box::new(self.unary()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr, SqlError> {
        let token = self.peek().clone();
        match &token.tok {
            Tok::Number(n) => {
                self.at += 1;
                number(n).ok_or_else(|| SqlError::at(token.line, token.column, format!("{n} is not a number")))
            }
            Tok::Str(s) => {
                self.at += 1;
                Ok(Expr::Literal(Value::Str(s.clone())))
            }
            Tok::Symbol("(") => {
                self.at += 1;
                let e = self.expr()?;
                self.expect_symbol(")")?;
                Ok(e)
            }
            Tok::Quoted(_) | Tok::DoubleQuoted(_) => Ok(Expr::Column(self.qualified_name("a column")?)),
            Tok::Word(w) => {
                let upper = w.to_ascii_uppercase();
                let is_call = matches!(self.tokens[self.at + 1].tok, Tok::Symbol("("));
                match upper.as_str() {
                    "TRUE" | "FALSE" => {
                        self.at += 1;
                        Ok(Expr::Literal(Value::Bool(upper == "TRUE")))
                    }
                    "NULL" => {
                        self.at += 1;
                        Ok(Expr::Literal(Value::Null))
                    }
                    "CASE" => self.case(),
                    "CAST" if is_call => {
                        self.at += 2;
                        let e = self.expr()?;
                        self.expect("AS")?;
                        let ty = self.sql_type()?;
                        self.expect_symbol(")")?;
                        Ok(Expr::Cast(Box::new(e), ty))
                    }
                    _ if is_call => self.call(&upper, &token),
                    _ => Ok(Expr::Column(self.qualified_name("a column")?)),
                }
            }
            _ => Err(self.expected("an expression")),
        }
    }

    fn case(&mut self) -> Result<Expr, SqlError> {
        self.expect("CASE")?;
        let mut whens = Vec::new();
        while self.eat("WHEN") {
            let condition = self.expr()?;
            self.expect("THEN")?;
            whens.push((condition, self.expr()?));
        }
        if whens.is_empty() {
            return Err(self.expected("WHEN"));
        }
        let otherwise = if self.eat("ELSE") { Some(Box::new(self.expr()?)) } else { None };
        self.expect("END")?;
        Ok(Expr::Case { whens, otherwise })
    }

    fn call(&mut self, function: &str, token: &Token) -> Result<Expr, SqlError> {
        self.at += 2;
        let aggregate = match function {
            "COUNT" => Some(Aggregate::Count),
            "SUM" => Some(Aggregate::Sum),
            "AVG" => Some(Aggregate::Avg),
            "MIN" => Some(Aggregate::Min),
            "MAX" => Some(Aggregate::Max),
            _ => None,
        };
        if let Some(function) = aggregate {
            let distinct = self.eat("DISTINCT");
            let argument = if function == Aggregate::Count && !distinct && self.eat_symbol("*") {
                None
            } else {
                Some(Box::new(self.expr()?))
            };
            self.expect_symbol(")")?;
            if self.peek().is("OVER") {
                let (line, column) = (self.peek().line, self.peek().column);
                if !self.legacy {
                    return Err(self.error("OVER windows are not supported in the lab's Flink queries: use a window table-valued function (TUMBLE, HOP, CUMULATE, SESSION)"));
                }
                self.at += 1;
                let used = if matches!(self.peek().tok, Tok::Symbol("(")) {
                    OverUse::Inline(self.over_spec()?)
                } else {
                    OverUse::Named(self.identifier("a window's name or (PARTITION BY … RANGE …)")?)
                };
                self.overs.push((used, line, column));
            }
            return Ok(Expr::Aggregate { function, argument, distinct });
        }
        if self.legacy && (function == "STEP" || function == "FLOOR") {
            return self.step(function, token);
        }
        match function {
            "MOD" => {
                let a = self.expr()?;
                self.expect_symbol(",")?;
                let b = self.expr()?;
                self.expect_symbol(")")?;
                Ok(Expr::Binary(BinaryOp::Mod, Box::new(a), Box::new(b)))
            }
            "CURRENT_WATERMARK" => {
                let column = self.identifier("the event-time column")?;
                self.expect_symbol(")")?;
                Ok(Expr::CurrentWatermark(column))
            }
            other => Err(SqlError::at(
                token.line,
                token.column,
                if self.legacy {
                    format!("the function {other} is not supported: the lab runs COUNT, SUM, AVG, MIN, MAX, MOD, CAST, CASE, STEP and FLOOR")
                } else {
                    format!("the function {other} is not supported: the lab runs COUNT, SUM, AVG, MIN, MAX, MOD, CAST, CASE and CURRENT_WATERMARK")
                },
            )),
        }
    }
}

/// A time unit's length in milliseconds.
pub(super) fn unit_ms(unit: &str) -> Option<i64> {
    match unit {
        "SECOND" => Some(1_000),
        "MINUTE" => Some(60_000),
        "HOUR" => Some(3_600_000),
        "DAY" => Some(86_400_000),
        _ => None,
    }
}

/// A number literal: INT if it fits, else BIGINT; with a point, DECIMAL of its digits.
fn number(text: &str) -> Option<Expr> {
    let value = match text.split_once('.') {
        None => match text.parse::<i64>().ok()? {
            n if i32::try_from(n).is_ok() => Value::Int(n as i32),
            n => Value::BigInt(n),
        },
        // DECIMAL's scale is at most 38 digits.
        Some((_, frac)) if frac.len() <= 38 => Value::Decimal(parse_decimal(text, frac.len() as u8)?, frac.len() as u8),
        Some(_) => return None,
    };
    Some(Expr::Literal(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "CREATE TABLE clicks (page STRING, ts TIMESTAMP(3), \
                         WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH ('connector' = 'kinesis');";

    #[test]
    fn a_table_and_a_windowed_query_are_read() {
        let script = parse(&format!(
            "{TABLE}\nSELECT window_start, page, COUNT(*) AS n\n\
             FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '30' SECOND, INTERVAL '1' MINUTE))\n\
             WHERE page <> '/x' GROUP BY window_start, window_end, page HAVING COUNT(*) >= 2"
        ))
        .unwrap();
        let table = &script.tables[0];
        assert_eq!(table.watermark, Some(("ts".into(), 5_000)));
        assert_eq!(table.options, [("connector".to_string(), "kinesis".to_string())]);
        let q = &script.query;
        assert_eq!(q.items.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), ["window_start", "page", "n"]);
        assert_eq!(
            q.source,
            Source::Window(Window {
                kind: WindowKind::Hop { slide: 30_000, size: 60_000 },
                table: "clicks".into(),
                time_column: "ts".into()
            })
        );
        assert_eq!(q.group_by.len(), 3);
        assert!(q.filter.is_some() && q.having.is_some());
    }

    #[test]
    fn errors_point_at_their_place_and_say_what_was_expected() {
        let e = parse(&format!(
            "{TABLE}\nSELECT page\nFROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts) INTERVAL '1' MINUTE))"
        ))
        .unwrap_err();
        assert_eq!((e.line, e.column), (3, 48), "{e}");
        assert!(e.message.contains("expected ','"), "{e}");
        let e = parse(&format!("{TABLE}\nSELECT user FROM clicks")).unwrap_err();
        assert!(e.message.contains("`user`"), "{e}");
        let e = parse(&format!("{TABLE}\nSELECT LAG(page) FROM clicks")).unwrap_err();
        assert!(e.message.contains("LAG is not supported"), "{e}");
        assert_eq!((e.line, e.column), (2, 8));
        let e = parse("CREATE OR REPLACE STREAM s (a INT);").unwrap_err();
        assert!(e.message.contains("legacy"), "{e}");
        let e = parse(&format!("{TABLE}\nSELECT 0.{} FROM clicks", "1".repeat(39))).unwrap_err();
        assert!(e.message.contains("is not a number"), "a scale past 38 digits: {e}");
        let e = parse(&format!("{TABLE}\nSELECT page FROM clicks ORDER BY page")).unwrap_err();
        assert!(e.message.contains("not supported"), "{e}");
    }

    #[test]
    fn expressions_bind_as_sql_says() {
        let script = parse(&format!("{TABLE} SELECT 1 + 2 * 3 AS a, NOT TRUE OR FALSE AS b FROM clicks")).unwrap();
        let Expr::Binary(BinaryOp::Add, _, right) = &script.query.items[0].expr else { panic!() };
        assert!(matches!(**right, Expr::Binary(BinaryOp::Mul, _, _)));
        assert!(matches!(script.query.items[1].expr, Expr::Binary(BinaryOp::Or, _, _)));
    }
}
