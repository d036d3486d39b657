//! UTC calendar arithmetic for names AWS derives from time (S3 object keys, timestamps in
//! prefixes): Howard Hinnant's days-from-civil algorithms, no time-zone database needed.

/// A UTC date and time, to the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Utc {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

/// The UTC date and time of `epoch_ms` milliseconds since 1970-01-01T00:00:00Z.
pub fn utc(epoch_ms: u64) -> Utc {
    let secs = (epoch_ms / 1_000) as i64;
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    Utc { year, month, day, hour: (rest / 3_600) as u32, minute: (rest / 60 % 60) as u32, second: (rest % 60) as u32 }
}

/// Seconds since 1970-01-01T00:00:00Z of a UTC date and time (the inverse of `utc`).
pub fn epoch_seconds(year: i64, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + (hour * 3_600 + minute * 60 + second) as i64
}

/// `epoch_ms` as Java's `Date.toString()` prints it in UTC, which is how AWS's Java services
/// write instants into error messages: `Thu Jan 01 00:00:00 UTC 2026`.
pub fn java_date(epoch_ms: u64) -> String {
    const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let t = utc(epoch_ms);
    // 1970-01-01 was a Thursday.
    let weekday = ((epoch_ms / 86_400_000 + 4) % 7) as usize;
    format!(
        "{} {} {:02} {:02}:{:02}:{:02} UTC {}",
        DAYS[weekday],
        MONTHS[t.month as usize - 1],
        t.day,
        t.hour,
        t.minute,
        t.second,
        t.year
    )
}

impl Utc {
    /// Formats with the Java DateTimeFormatter letters Firehose prefixes use: `yyyy`, `MM`,
    /// `dd`, `HH`, `mm`, `ss`; anything else is copied.
    pub fn format(&self, pattern: &str) -> String {
        let mut out = String::new();
        let mut rest = pattern;
        while !rest.is_empty() {
            let (text, len) = if rest.starts_with("yyyy") {
                (format!("{:04}", self.year), 4)
            } else if rest.starts_with("MM") {
                (format!("{:02}", self.month), 2)
            } else if rest.starts_with("dd") {
                (format!("{:02}", self.day), 2)
            } else if rest.starts_with("HH") {
                (format!("{:02}", self.hour), 2)
            } else if rest.starts_with("mm") {
                (format!("{:02}", self.minute), 2)
            } else if rest.starts_with("ss") {
                (format!("{:02}", self.second), 2)
            } else {
                let c = rest.chars().next().expect("not empty");
                (c.to_string(), c.len_utf8())
            };
            out.push_str(&text);
            rest = &rest[len..];
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_seconds_inverts_utc() {
        for secs in [0i64, 951_782_400, 1_764_504_000, 4_102_444_799] {
            let t = utc(secs as u64 * 1_000);
            assert_eq!(epoch_seconds(t.year, t.month, t.day, t.hour, t.minute, t.second), secs);
        }
        assert_eq!(epoch_seconds(2000, 10, 10, 20, 55, 36), 971_211_336);
    }

    #[test]
    fn known_instants_in_utc() {
        assert_eq!(utc(0), Utc { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0 });
        assert_eq!(utc(1_767_225_600_000), Utc { year: 2026, month: 1, day: 1, hour: 0, minute: 0, second: 0 });
        assert_eq!(utc(951_825_599_000), Utc { year: 2000, month: 2, day: 29, hour: 11, minute: 59, second: 59 });
        assert_eq!(utc(1_767_225_600_000 + 3_723_000).format("yyyy/MM/dd/HH/ mm:ss"), "2026/01/01/01/ 02:03");
    }

    #[test]
    fn instants_print_as_java_dates() {
        // The example in AWS's expired-iterator messages, and the lab's start.
        let at = epoch_seconds(2020, 1, 15, 5, 31, 22) as u64 * 1_000;
        assert_eq!(java_date(at), "Wed Jan 15 05:31:22 UTC 2020");
        assert_eq!(java_date(1_767_225_600_000), "Thu Jan 01 00:00:00 UTC 2026");
        assert_eq!(java_date(951_825_599_999), "Tue Feb 29 11:59:59 UTC 2000");
    }
}
