//! Flink SQL's types as the lab runs them, and values of them. DECIMAL is exact (an i128
//! scaled by 10^scale); TIMESTAMP(3) is milliseconds since the epoch, in UTC.

use crate::calendar;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SqlType {
    Timestamp,
    String,
    Int,
    BigInt,
    Double,
    Decimal(u8, u8),
    Boolean,
}

impl SqlType {
    pub fn name(self) -> String {
        match self {
            SqlType::Timestamp => "TIMESTAMP(3)".into(),
            SqlType::String => "STRING".into(),
            SqlType::Int => "INT".into(),
            SqlType::BigInt => "BIGINT".into(),
            SqlType::Double => "DOUBLE".into(),
            SqlType::Decimal(p, s) => format!("DECIMAL({p}, {s})"),
            SqlType::Boolean => "BOOLEAN".into(),
        }
    }

    pub fn is_numeric(self) -> bool {
        matches!(self, SqlType::Int | SqlType::BigInt | SqlType::Double | SqlType::Decimal(..))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Int(i32),
    BigInt(i64),
    Double(f64),
    /// Unscaled value and scale: 6.68 is (668, 2).
    Decimal(i128, u8),
    Str(String),
    Bool(bool),
    /// Milliseconds since 1970-01-01 00:00:00 UTC.
    Timestamp(i64),
}

impl Value {
    /// As a JSON value, as `shardlab sql` prints results: TIMESTAMP as
    /// `YYYY-MM-DD HH:MM:SS.mmm`, DECIMAL as a string, BOOLEAN as a bool.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::json;
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Int(n) => json!(n),
            Value::BigInt(n) => json!(n),
            Value::Double(x) => json!(x),
            Value::Decimal(v, s) => json!(decimal_text(*v, *s)),
            Value::Str(s) => json!(s),
            Value::Bool(b) => json!(b),
            Value::Timestamp(ms) => json!(timestamp_text(*ms)),
        }
    }

    /// The value as f64 (for DOUBLE arithmetic), if numeric.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(n) => Some(*n as f64),
            Value::BigInt(n) => Some(*n as f64),
            Value::Double(x) => Some(*x),
            Value::Decimal(v, s) => Some(*v as f64 / 10f64.powi(*s as i32)),
            _ => None,
        }
    }

    /// The value as i64, if a whole number type.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Int(n) => Some(*n as i64),
            Value::BigInt(n) => Some(*n),
            _ => None,
        }
    }
}

/// `v` × 10^-scale as text with exactly `scale` decimals.
pub fn decimal_text(v: i128, scale: u8) -> String {
    if scale == 0 {
        return v.to_string();
    }
    let digits = v.unsigned_abs().to_string();
    let scale = scale as usize;
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (int, frac) = padded.split_at(padded.len() - scale);
    format!("{}{int}.{frac}", if v < 0 { "-" } else { "" })
}

/// A decimal literal or input text as (unscaled, scale) at `scale`, rounded half up.
pub fn parse_decimal(text: &str, scale: u8) -> Option<i128> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty() && frac.is_empty() || !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut value: i128 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let frac: Vec<u32> = frac.chars().map(|c| c.to_digit(10).unwrap()).collect();
    for k in 0..scale as usize {
        value = value.checked_mul(10)?.checked_add(*frac.get(k).unwrap_or(&0) as i128)?;
    }
    if frac.get(scale as usize).is_some_and(|&d| d >= 5) {
        value += 1;
    }
    Some(if negative { -value } else { value })
}

/// `v` at scale `from` rescaled to `to`, rounded half up (away from zero); beyond what 128 bits
/// hold (38 digits and more), it stays at the largest value of its sign.
pub fn rescale(v: i128, from: u8, to: u8) -> i128 {
    if to >= from {
        10i128.checked_pow((to - from) as u32).and_then(|f| v.checked_mul(f)).unwrap_or(if v < 0 {
            i128::MIN
        } else {
            i128::MAX
        })
    } else {
        divide_half_up(v, 10i128.pow((from - to) as u32))
    }
}

/// `a / b` rounded half up (away from zero), as Java's BigDecimal HALF_UP.
pub fn divide_half_up(a: i128, b: i128) -> i128 {
    let q = a / b;
    let r = a % b;
    if 2 * r.abs() >= b.abs() {
        q + if (a < 0) != (b < 0) { -1 } else { 1 }
    } else {
        q
    }
}

/// Milliseconds since the epoch as `YYYY-MM-DD HH:MM:SS.mmm` (UTC; the lab's times are
/// after 1970).
pub fn timestamp_text(ms: i64) -> String {
    let t = calendar::utc(ms.max(0) as u64);
    let milli = ms.max(0) % 1_000;
    format!("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{milli:03}", t.year, t.month, t.day, t.hour, t.minute, t.second)
}

/// `YYYY-MM-DD HH:MM:SS[.f…]` (UTC) as milliseconds since the epoch.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let (date, time) = text.trim().split_once([' ', 'T'])?;
    let mut d = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    let (hms, frac) = time.split_once('.').unwrap_or((time, ""));
    let mut t = hms.split(':').map(|p| p.parse::<i64>().ok());
    let (h, min, s) = (t.next()??, t.next()??, t.next().unwrap_or(Some(0))?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) || h > 23 || min > 59 || s > 59 {
        return None;
    }
    let millis = format!("{frac:0<3}").get(..3)?.parse::<i64>().ok()?;
    Some(calendar::epoch_seconds(y, m as u32, day as u32, h as u32, min as u32, s as u32) * 1_000 + millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_exact_and_rounded_half_up() {
        assert_eq!(parse_decimal("6.68", 2), Some(668));
        assert_eq!(parse_decimal("-0.5", 0), Some(-1));
        assert_eq!(parse_decimal("2.2266665", 6), Some(2_226_667));
        assert_eq!(decimal_text(2_226_667, 6), "2.226667");
        assert_eq!(decimal_text(-5, 2), "-0.05");
        assert_eq!(decimal_text(1100, 2), "11.00");
        assert_eq!(divide_half_up(668 * 10_000, 3), 2_226_667);
        assert_eq!(divide_half_up(-7, 2), -4);
        assert_eq!(rescale(668, 2, 6), 6_680_000);
        assert_eq!(parse_decimal("1e5", 2), None);
        assert_eq!(rescale(10i128.pow(37), 0, 5), i128::MAX, "past 128 bits it stays at the largest value");
    }

    #[test]
    fn timestamps_are_read_and_written_in_utc_to_the_millisecond() {
        let ms = parse_timestamp("2026-01-01 00:00:59.999").unwrap();
        assert_eq!(ms, 1_767_225_659_999);
        assert_eq!(timestamp_text(ms), "2026-01-01 00:00:59.999");
        assert_eq!(timestamp_text(ms - 60_000 * 60 * 24), "2025-12-31 00:00:59.999");
        assert_eq!(parse_timestamp("2026-01-01 00:01:00"), Some(1_767_225_660_000));
        assert_eq!(parse_timestamp("2026-13-01 00:00:00"), None);
    }
}

/// The hasher of the engine's maps: std's SipHash with fixed keys, the same on every run and
/// target (the maps are looked up, never iterated to decide an outcome). A faster hasher
/// (foldhash) was measured and gained nothing: the time goes to allocating and comparing.
pub type Hasher = std::hash::BuildHasherDefault<std::hash::DefaultHasher>;

/// Values as a key of a hash map (a group's keys): equal when the same values of the same
/// types, DOUBLEs compared by their bits (so NaN finds itself).
#[derive(Clone, Debug)]
pub struct Key(pub Vec<Value>);

/// One value as a key of a hash map (a DISTINCT value), compared as `Key` compares.
#[derive(Clone, Debug)]
pub struct KeyValue(pub Value);

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Double(x), Value::Double(y)) => x.to_bits() == y.to_bits(),
        _ => a == b,
    }
}

fn hash_value<H: std::hash::Hasher>(v: &Value, state: &mut H) {
    use std::hash::Hash;
    std::mem::discriminant(v).hash(state);
    match v {
        Value::Null => {}
        Value::Int(n) => n.hash(state),
        Value::BigInt(n) => n.hash(state),
        Value::Double(x) => x.to_bits().hash(state),
        Value::Decimal(d, s) => (d, s).hash(state),
        Value::Str(s) => s.hash(state),
        Value::Bool(b) => b.hash(state),
        Value::Timestamp(t) => t.hash(state),
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len() && self.0.iter().zip(&other.0).all(|(a, b)| same(a, b))
    }
}

impl Eq for Key {}

impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.iter().for_each(|v| hash_value(v, state));
    }
}

impl PartialEq for KeyValue {
    fn eq(&self, other: &Self) -> bool {
        same(&self.0, &other.0)
    }
}

impl Eq for KeyValue {}

impl std::hash::Hash for KeyValue {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        hash_value(&self.0, state);
    }
}
