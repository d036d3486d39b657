//! Reading timestamps the way the CLI accepts them: epoch seconds or ISO 8601. Written by
//! hand (days-from-civil) because the crate must stay small and build for wasm without a
//! date library.

/// Epoch seconds for `text`: a number (`1767225605`, `1767225605.25`) or ISO 8601
/// (`2026-01-01`, `2026-01-01T00:00:05Z`, `...05.250Z`, `...05+02:00`). A time without an
/// offset is read as UTC: the real CLI would use the machine's zone, but a lab in a browser
/// should not give different answers in different countries.
pub(crate) fn parse_timestamp(text: &str) -> Option<f64> {
    let text = text.trim();
    if let Ok(secs) = text.parse::<f64>() {
        return secs.is_finite().then_some(secs);
    }
    parse_iso(text)
}

fn parse_iso(text: &str) -> Option<f64> {
    let mut c = Cursor { bytes: text.as_bytes(), pos: 0 };
    let year = c.digits(4)?;
    c.expect(b'-')?;
    let month = c.digits(2)?;
    c.expect(b'-')?;
    let day = c.digits(2)?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let mut secs = days_from_civil(year, month, day) * 86_400;
    let mut frac = 0.0;
    if matches!(c.peek(), Some(b'T' | b't' | b' ')) {
        c.pos += 1;
        let hour = c.digits(2)?;
        c.expect(b':')?;
        let minute = c.digits(2)?;
        let mut second = 0;
        if c.peek() == Some(b':') {
            c.pos += 1;
            second = c.digits(2)?;
            if matches!(c.peek(), Some(b'.' | b',')) {
                c.pos += 1;
                let start = c.pos;
                while c.peek().is_some_and(|b| b.is_ascii_digit()) {
                    c.pos += 1;
                }
                let digits = text.get(start..c.pos).filter(|d| !d.is_empty())?;
                frac = format!("0.{digits}").parse::<f64>().ok()?;
            }
        }
        if hour > 23 || minute > 59 || second > 59 {
            return None;
        }
        secs += hour * 3600 + minute * 60 + second;
        match c.peek() {
            Some(b'Z' | b'z') => c.pos += 1,
            Some(sign @ (b'+' | b'-')) => {
                c.pos += 1;
                let oh = c.digits(2)?;
                if c.peek() == Some(b':') {
                    c.pos += 1;
                }
                let om = if c.peek().is_some() { c.digits(2)? } else { 0 };
                if oh > 23 || om > 59 {
                    return None;
                }
                let offset = oh * 3600 + om * 60;
                secs += if sign == b'+' { -offset } else { offset };
            }
            _ => {}
        }
    }
    c.at_end().then_some(secs as f64 + frac)
}

struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn expect(&mut self, b: u8) -> Option<()> {
        (self.peek() == Some(b)).then(|| self.pos += 1)
    }

    fn digits(&mut self, n: usize) -> Option<i64> {
        let mut v = 0i64;
        for _ in 0..n {
            let d = self.peek().filter(u8::is_ascii_digit)?;
            v = v * 10 + i64::from(d - b'0');
            self.pos += 1;
        }
        Some(v)
    }

    fn at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Hinnant's inverse).
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// Epoch seconds as AWS CLI v2 prints a timestamp (`cli_timestamp_format = iso8601`, Python's
/// `isoformat()`): `2026-01-01T00:00:05+00:00`, with microseconds when there are any. The lab
/// prints UTC so that every learner sees the same text.
pub fn format_iso(epoch_seconds: f64) -> String {
    let micros_total = (epoch_seconds * 1_000_000.0).round() as i64;
    let (secs, micros) = (micros_total.div_euclid(1_000_000), micros_total.rem_euclid(1_000_000));
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    let time = format!("{:02}:{:02}:{:02}", rest / 3_600, rest / 60 % 60, rest % 60);
    let fraction = if micros > 0 { format!(".{micros:06}") } else { String::new() };
    format!("{y:04}-{m:02}-{d:02}T{time}{fraction}+00:00")
}

#[cfg(test)]
mod tests {
    use super::parse_timestamp;

    #[test]
    fn printing_is_the_inverse_of_parsing() {
        assert_eq!(super::format_iso(1_767_225_600.0), "2026-01-01T00:00:00+00:00");
        assert_eq!(super::format_iso(1_767_225_605.25), "2026-01-01T00:00:05.250000+00:00");
        assert_eq!(super::format_iso(951_782_400.0), "2000-02-29T00:00:00+00:00");
        for t in [0.0, 951_782_400.0, 1_767_225_605.25, 4_102_444_799.0] {
            assert_eq!(parse_timestamp(&super::format_iso(t)), Some(t));
        }
    }

    const NEW_YEAR_2026: f64 = 1_767_225_600.0;

    #[test]
    fn epoch_seconds_pass_through() {
        assert_eq!(parse_timestamp("1767225605"), Some(NEW_YEAR_2026 + 5.0));
        assert_eq!(parse_timestamp("1767225605.5"), Some(NEW_YEAR_2026 + 5.5));
        assert_eq!(parse_timestamp("0"), Some(0.0));
    }

    #[test]
    fn iso_8601_in_utc() {
        assert_eq!(parse_timestamp("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(parse_timestamp("2026-01-01T00:00:05Z"), Some(NEW_YEAR_2026 + 5.0));
        assert_eq!(parse_timestamp("2026-01-01"), Some(NEW_YEAR_2026));
        assert_eq!(parse_timestamp("2026-01-01T00:00"), Some(NEW_YEAR_2026));
        assert_eq!(parse_timestamp("2000-03-01T00:00:00Z"), Some(951_868_800.0));
    }

    #[test]
    fn iso_8601_fraction_and_offsets() {
        assert_eq!(parse_timestamp("2026-01-01T00:00:05.250Z"), Some(NEW_YEAR_2026 + 5.25));
        assert_eq!(parse_timestamp("2026-01-01T00:00:05+00:00"), Some(NEW_YEAR_2026 + 5.0));
        assert_eq!(parse_timestamp("2026-01-01T02:00:05+02:00"), Some(NEW_YEAR_2026 + 5.0));
        assert_eq!(parse_timestamp("2025-12-31T23:00:05-0100"), Some(NEW_YEAR_2026 + 5.0));
    }

    #[test]
    fn leap_days_exist_only_in_leap_years() {
        assert_eq!(parse_timestamp("2024-02-29T00:00:00Z"), Some(1_709_164_800.0));
        assert_eq!(parse_timestamp("2026-02-29"), None);
        assert_eq!(parse_timestamp("2100-02-29"), None);
    }

    #[test]
    fn rejects_what_is_not_a_time() {
        for bad in [
            "",
            "now",
            "NaN",
            "inf",
            "2026-13-01",
            "2026-01-32",
            "2026-01-01T24:00:00Z",
            "2026-01-01T00:00:05Zx",
            "2026-01-01T00:00:05.Z",
            "2026-1-1",
            "２０２６-01-01",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad:?}");
        }
    }
}
