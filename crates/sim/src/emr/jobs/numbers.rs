//! Decimal numbers in fixed point (millionths), so that sums and averages are exact and do
//! not depend on the order reducers see values in — floating point would, and Spark and
//! ShardLab could then disagree in the last digit.

/// Millionths of a unit.
pub const SCALE: i64 = 1_000_000;

/// `-12.5`, `3`, `0.000001` as millionths; `None` for anything else (more than six
/// decimals, exponents, text).
pub fn parse_micros(text: &str) -> Option<i64> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty() && frac.is_empty()
        || frac.len() > 6
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let int: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let frac: i64 = format!("{frac:0<6}").parse().ok()?;
    let value = int.checked_mul(SCALE)?.checked_add(frac)?;
    Some(if negative { -value } else { value })
}

/// `sum / count` rounded half away from zero to two decimals, as text ("21.45", "-0.50").
pub fn average_2dp(sum_micros: i128, count: u64) -> String {
    let d = count as i128 * (SCALE as i128 / 100);
    let n = sum_micros;
    let hundredths = if n >= 0 { (2 * n + d) / (2 * d) } else { -((-2 * n + d) / (2 * d)) };
    let sign = if hundredths < 0 { "-" } else { "" };
    let h = hundredths.abs();
    format!("{sign}{}.{:02}", h / 100, h % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_parse_exactly() {
        assert_eq!(parse_micros("21.4"), Some(21_400_000));
        assert_eq!(parse_micros("-0.000001"), Some(-1));
        assert_eq!(parse_micros("7"), Some(7_000_000));
        assert_eq!(parse_micros(".5"), Some(500_000));
        for bad in ["", "-", ".", "1e3", "1.0000001", "abc", "1.2.3"] {
            assert_eq!(parse_micros(bad), None, "{bad}");
        }
    }

    #[test]
    fn averages_round_half_away_from_zero() {
        assert_eq!(average_2dp(3 * 21_400_000 + 1, 3), "21.40");
        assert_eq!(average_2dp(10_005_000, 1), "10.01");
        assert_eq!(average_2dp(-10_005_000, 1), "-10.01");
        assert_eq!(average_2dp(-4_000_000, 8), "-0.50");
        assert_eq!(average_2dp(1_000_000, 3), "0.33");
    }
}
