//! Expressions: their result types as Flink derives them, and their values. A row is the
//! source table's values in column order; the window's columns and a group's aggregates come
//! from the context the expression is evaluated in.

use super::ast::{Aggregate, BinaryOp, Expr};
use super::types::{divide_half_up, rescale, SqlType, Value};

/// What a column name refers to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Slot {
    /// The source row's column at this position.
    Input(usize),
    WindowStart,
    WindowEnd,
    WindowTime,
}

/// The names an expression can see, and their types.
pub struct Scope<'a> {
    pub columns: &'a [(String, SqlType)],
    pub windowed: bool,
}

impl Scope<'_> {
    pub fn resolve(&self, name: &str) -> Result<(Slot, SqlType), String> {
        if let Some(i) = self.columns.iter().position(|(n, _)| n.eq_ignore_ascii_case(name)) {
            return Ok((Slot::Input(i), self.columns[i].1));
        }
        let window = match name.to_ascii_lowercase().as_str() {
            "window_start" => Some(Slot::WindowStart),
            "window_end" => Some(Slot::WindowEnd),
            "window_time" => Some(Slot::WindowTime),
            _ => None,
        };
        match window {
            Some(slot) if self.windowed => Ok((slot, SqlType::Timestamp)),
            Some(_) => {
                Err(format!("{name} exists only in a query over a window function (TUMBLE, HOP, CUMULATE, SESSION)"))
            }
            None => {
                let known: Vec<&str> = self.columns.iter().map(|(n, _)| n.as_str()).collect();
                Err(format!("there is no column {name}; the table has {}", known.join(", ")))
            }
        }
    }

    /// The type of `expr`, or why it cannot be computed.
    pub fn type_of(&self, expr: &Expr) -> Result<SqlType, String> {
        Ok(match expr {
            Expr::Column(name) => self.resolve(name)?.1,
            Expr::Literal(v) => literal_type(v),
            Expr::Binary(op, a, b) => {
                let (ta, tb) = (self.type_of(a)?, self.type_of(b)?);
                binary_type(*op, ta, tb)?
            }
            Expr::Not(e) | Expr::IsNull(e, _) => {
                self.type_of(e)?;
                SqlType::Boolean
            }
            Expr::Negate(e) => {
                let t = self.type_of(e)?;
                if !t.is_numeric() {
                    return Err(format!("cannot negate a {}", t.name()));
                }
                t
            }
            Expr::Case { whens, otherwise } => {
                let mut result = None;
                for (condition, value) in whens {
                    if self.type_of(condition)? != SqlType::Boolean {
                        return Err("a WHEN's condition must be true or false".into());
                    }
                    let t = self.type_of(value)?;
                    result = Some(result.map_or(Ok(t), |r| common_type(r, t))?);
                }
                if let Some(e) = otherwise {
                    let t = self.type_of(e)?;
                    result = Some(result.map_or(Ok(t), |r| common_type(r, t))?);
                }
                result.unwrap_or(SqlType::String)
            }
            Expr::Cast(e, t) => {
                self.type_of(e)?;
                *t
            }
            Expr::Aggregate { function, argument, .. } => {
                let argument = match argument {
                    Some(a) => Some(self.type_of(a)?),
                    None => None,
                };
                aggregate_type(*function, argument)?
            }
            Expr::CurrentWatermark(column) => {
                if self.resolve(column)?.1 != SqlType::Timestamp {
                    return Err(format!("CURRENT_WATERMARK takes the event-time column, and {column} is not one"));
                }
                SqlType::Timestamp
            }
        })
    }
}

fn literal_type(v: &Value) -> SqlType {
    match v {
        Value::Int(_) => SqlType::Int,
        Value::BigInt(_) => SqlType::BigInt,
        Value::Double(_) => SqlType::Double,
        Value::Decimal(v, s) => SqlType::Decimal((v.unsigned_abs().to_string().len() as u8).max(*s).max(1), *s),
        Value::Str(_) | Value::Null => SqlType::String,
        Value::Bool(_) => SqlType::Boolean,
        Value::Timestamp(_) => SqlType::Timestamp,
    }
}

/// The type two numeric operands are computed in (Flink's widening: INT < BIGINT < DECIMAL <
/// DOUBLE), or, for others, the type they share.
fn common_type(a: SqlType, b: SqlType) -> Result<SqlType, String> {
    use SqlType::*;
    Ok(match (a, b) {
        _ if a == b => a,
        (Double, t) | (t, Double) if t.is_numeric() => Double,
        (Decimal(p1, s1), Decimal(p2, s2)) => Decimal(p1.max(p2), s1.max(s2)),
        (Decimal(p, s), Int | BigInt) | (Int | BigInt, Decimal(p, s)) => Decimal(p.max(19), s),
        (BigInt, Int) | (Int, BigInt) => BigInt,
        _ => return Err(format!("{} and {} cannot be combined", a.name(), b.name())),
    })
}

fn binary_type(op: BinaryOp, a: SqlType, b: SqlType) -> Result<SqlType, String> {
    use BinaryOp::*;
    match op {
        And | Or => {
            if a == SqlType::Boolean && b == SqlType::Boolean {
                Ok(SqlType::Boolean)
            } else {
                Err("AND and OR take true or false on both sides".into())
            }
        }
        Eq | NotEq | Lt | LtEq | Gt | GtEq => {
            common_type(a, b)?;
            Ok(SqlType::Boolean)
        }
        Concat => Ok(SqlType::String),
        Add | Sub | Mul | Div | Mod => {
            if !a.is_numeric() || !b.is_numeric() {
                return Err(format!("arithmetic needs numbers, not {} and {}", a.name(), b.name()));
            }
            let t = common_type(a, b)?;
            match (op, t) {
                (Div | Mod, SqlType::Decimal(..)) => {
                    Err("dividing DECIMAL values is not supported in the lab: CAST them to DOUBLE".into())
                }
                (Mul, SqlType::Decimal(..)) => {
                    Err("multiplying DECIMAL values is not supported in the lab: CAST them to DOUBLE".into())
                }
                _ => Ok(t),
            }
        }
    }
}

/// An aggregate's result type, as Flink's: COUNT is BIGINT; SUM keeps INT, BIGINT and DOUBLE
/// and makes DECIMAL(38, s); AVG keeps the whole-number and DOUBLE types (truncating) and makes
/// DECIMAL(38, max(s, 6)); MIN and MAX keep the argument's.
pub fn aggregate_type(function: Aggregate, argument: Option<SqlType>) -> Result<SqlType, String> {
    let Some(t) = argument else { return Ok(SqlType::BigInt) };
    Ok(match function {
        Aggregate::Count => SqlType::BigInt,
        Aggregate::Min | Aggregate::Max => t,
        Aggregate::Sum | Aggregate::Avg if !t.is_numeric() => {
            return Err(format!("{function:?} needs numbers, not {}", t.name()).to_uppercase())
        }
        Aggregate::Sum => match t {
            SqlType::Decimal(_, s) => SqlType::Decimal(38, s),
            other => other,
        },
        Aggregate::Avg => match t {
            SqlType::Decimal(_, s) => SqlType::Decimal(38, s.max(6)),
            other => other,
        },
    })
}

/// A value converted to `to` (numbers widened; DECIMAL rescaled half up).
pub fn convert(v: &Value, to: SqlType) -> Value {
    match (v, to) {
        (Value::Null, _) => Value::Null,
        (Value::Int(n), SqlType::BigInt) => Value::BigInt(*n as i64),
        (Value::Int(n), SqlType::Double) => Value::Double(*n as f64),
        (Value::BigInt(n), SqlType::Double) => Value::Double(*n as f64),
        (Value::BigInt(n), SqlType::Int) => Value::Int(*n as i32),
        (Value::Int(n), SqlType::Decimal(_, s)) => Value::Decimal(*n as i128 * 10i128.pow(s as u32), s),
        (Value::BigInt(n), SqlType::Decimal(_, s)) => Value::Decimal(*n as i128 * 10i128.pow(s as u32), s),
        (Value::Decimal(d, from), SqlType::Decimal(_, s)) => Value::Decimal(rescale(*d, *from, s), s),
        (Value::Decimal(..), SqlType::Double) => Value::Double(v.as_f64().unwrap()),
        (Value::Decimal(d, from), SqlType::Int) => Value::Int((d / 10i128.pow(*from as u32)) as i32),
        (Value::Decimal(d, from), SqlType::BigInt) => Value::BigInt((d / 10i128.pow(*from as u32)) as i64),
        (Value::Double(x), SqlType::Int) => Value::Int(x.trunc() as i32),
        (Value::Double(x), SqlType::BigInt) => Value::BigInt(x.trunc() as i64),
        (Value::Double(x), SqlType::Decimal(_, s)) => Value::Decimal((x * 10f64.powi(s as i32)).round() as i128, s),
        (Value::Str(text), SqlType::Int) => text.trim().parse().map_or(Value::Null, Value::Int),
        (Value::Str(text), SqlType::BigInt) => text.trim().parse().map_or(Value::Null, Value::BigInt),
        (Value::Str(text), SqlType::Double) => text.trim().parse().map_or(Value::Null, Value::Double),
        (Value::Str(text), SqlType::Decimal(_, s)) => {
            super::types::parse_decimal(text, s).map_or(Value::Null, |d| Value::Decimal(d, s))
        }
        (Value::Str(text), SqlType::Timestamp) => {
            super::types::parse_timestamp(text).map_or(Value::Null, Value::Timestamp)
        }
        (Value::Str(text), SqlType::Boolean) => match text.trim().to_ascii_lowercase().as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::Null,
        },
        (other, SqlType::String) => match other {
            Value::Str(s) => Value::Str(s.clone()),
            Value::Bool(b) => Value::Str(if *b { "TRUE" } else { "FALSE" }.into()),
            Value::Timestamp(ms) => Value::Str(super::types::timestamp_text(*ms)),
            Value::Decimal(d, s) => Value::Str(super::types::decimal_text(*d, *s)),
            Value::Int(n) => Value::Str(n.to_string()),
            Value::BigInt(n) => Value::Str(n.to_string()),
            Value::Double(x) => Value::Str(x.to_string()),
            Value::Null => Value::Null,
        },
        (same, _) => same.clone(),
    }
}

/// Compares two values of one type (numbers across types by value).
pub fn compare(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => None,
        (Value::Str(x), Value::Str(y)) => Some(x.cmp(y)),
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        (Value::Timestamp(x), Value::Timestamp(y)) => Some(x.cmp(y)),
        (Value::Decimal(x, s), Value::Decimal(y, t)) => {
            let scale = (*s).max(*t);
            Some(rescale(*x, *s, scale).cmp(&rescale(*y, *t, scale)))
        }
        _ => match (a.as_i64(), b.as_i64()) {
            (Some(x), Some(y)) => Some(x.cmp(&y)),
            _ => a.as_f64()?.partial_cmp(&b.as_f64()?),
        },
    }
}

/// Arithmetic in `t`, as Java computes it: whole numbers wrap and divide toward zero, `%` takes
/// the dividend's sign; division by zero is NULL.
pub fn arithmetic(op: BinaryOp, a: &Value, b: &Value, t: SqlType) -> Value {
    let (a, b) = (convert(a, t), convert(b, t));
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => Value::Null,
        (Value::Int(x), Value::Int(y)) => match op {
            BinaryOp::Add => Value::Int(x.wrapping_add(y)),
            BinaryOp::Sub => Value::Int(x.wrapping_sub(y)),
            BinaryOp::Mul => Value::Int(x.wrapping_mul(y)),
            BinaryOp::Div if y != 0 => Value::Int(x.wrapping_div(y)),
            BinaryOp::Mod if y != 0 => Value::Int(x.wrapping_rem(y)),
            _ => Value::Null,
        },
        (Value::BigInt(x), Value::BigInt(y)) => match op {
            BinaryOp::Add => Value::BigInt(x.wrapping_add(y)),
            BinaryOp::Sub => Value::BigInt(x.wrapping_sub(y)),
            BinaryOp::Mul => Value::BigInt(x.wrapping_mul(y)),
            BinaryOp::Div if y != 0 => Value::BigInt(x.wrapping_div(y)),
            BinaryOp::Mod if y != 0 => Value::BigInt(x.wrapping_rem(y)),
            _ => Value::Null,
        },
        (Value::Double(x), Value::Double(y)) => Value::Double(match op {
            BinaryOp::Add => x + y,
            BinaryOp::Sub => x - y,
            BinaryOp::Mul => x * y,
            BinaryOp::Div => x / y,
            _ => x % y,
        }),
        // Past 38 digits a DECIMAL overflows, and Flink gives NULL.
        (Value::Decimal(x, s), Value::Decimal(y, _)) => match op {
            BinaryOp::Add => x
                .checked_add(y)
                .filter(|v| v.unsigned_abs() < 10u128.pow(38))
                .map_or(Value::Null, |v| Value::Decimal(v, s)),
            BinaryOp::Sub => x
                .checked_sub(y)
                .filter(|v| v.unsigned_abs() < 10u128.pow(38))
                .map_or(Value::Null, |v| Value::Decimal(v, s)),
            _ => Value::Null,
        },
        _ => Value::Null,
    }
}

/// The average of `sum` over `count` rows in the type AVG gives.
pub fn average(sum: &Value, count: i64, t: SqlType) -> Value {
    if count == 0 {
        return Value::Null;
    }
    match (sum, t) {
        (Value::Int(s), SqlType::Int) => Value::Int((*s as i64 / count) as i32),
        (Value::BigInt(s), SqlType::BigInt) => Value::BigInt(s / count),
        (Value::Int(s), SqlType::BigInt) => Value::BigInt(*s as i64 / count),
        (Value::Double(s), _) => Value::Double(s / count as f64),
        (Value::Decimal(d, from), SqlType::Decimal(_, to)) => {
            Value::Decimal(divide_half_up(rescale(*d, *from, to), count as i128), to)
        }
        _ => Value::Null,
    }
}
