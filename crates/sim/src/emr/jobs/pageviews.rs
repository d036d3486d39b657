//! Page views per hour (UTC), from two kinds of line:
//! - web server access logs (Common or Combined Log Format): a `GET` answered 2xx is a view,
//!   at the hour of its `[10/Oct/2000:13:55:36 -0700]` timestamp;
//! - clickstream JSON (what a producer sends through Firehose): an object with a `page`
//!   whose `action`, if any, is `view`, at the hour of its `timestamp` (ISO 8601 UTC or epoch
//!   seconds) or, lacking one, of the `YYYY/MM/DD/HH/` prefix Firehose wrote the object
//!   under.
//!
//! Keys are hours as `2026-11-30T13:00`; the combiner and the reducer sum.

use super::{Counting, Emit, MapInput};
use crate::calendar::{epoch_seconds, utc};

pub static PAGEVIEWS_PER_HOUR: Counting = Counting(map);

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn hour_key(epoch_s: i64) -> Option<String> {
    let t = utc(u64::try_from(epoch_s).ok()? * 1_000);
    Some(format!("{:04}-{:02}-{:02}T{:02}:00", t.year, t.month, t.day, t.hour))
}

/// `10/Oct/2000:13:55:36 -0700` as epoch seconds.
fn clf_time(text: &str) -> Option<i64> {
    let (stamp, zone) = text.split_once(' ')?;
    let mut parts = stamp.splitn(3, '/');
    let day: u32 = parts.next()?.parse().ok()?;
    let month_name = parts.next()?;
    let month = MONTHS.iter().position(|m| *m == month_name)? as u32 + 1;
    let rest = parts.next()?;
    let mut hms = rest.split(':');
    let year: i64 = hms.next()?.parse().ok()?;
    let (h, m, s): (u32, u32, u32) = (hms.next()?.parse().ok()?, hms.next()?.parse().ok()?, hms.next()?.parse().ok()?);
    let (sign, zone) = match zone.as_bytes().first()? {
        b'+' => (1, &zone[1..]),
        b'-' => (-1, &zone[1..]),
        _ => return None,
    };
    let offset: i64 = zone.get(..2)?.parse::<i64>().ok()? * 3_600 + zone.get(2..4)?.parse::<i64>().ok()? * 60;
    Some(epoch_seconds(year, month, day, h, m, s) - sign * offset)
}

/// An access log line's view hour, if it is a GET answered 2xx.
fn access_log_view(line: &str) -> Option<i64> {
    let open = line.find('[')?;
    let close = open + line[open..].find(']')?;
    let time = clf_time(&line[open + 1..close])?;
    let rest = &line[close + 1..];
    let q1 = rest.find('"')?;
    let q2 = q1 + 1 + rest[q1 + 1..].find('"')?;
    let request = &rest[q1 + 1..q2];
    let status: u32 = rest[q2 + 1..].split_whitespace().next()?.parse().ok()?;
    (request.starts_with("GET ") && (200..300).contains(&status)).then_some(time)
}

/// `2026-11-30T13:05:00Z` (or with fractions of a second) as epoch seconds.
fn iso_time(text: &str) -> Option<i64> {
    let text = text.strip_suffix('Z')?;
    let (date, time) = text.split_once('T')?;
    let mut d = date.split('-');
    let (y, mo, da): (i64, u32, u32) = (d.next()?.parse().ok()?, d.next()?.parse().ok()?, d.next()?.parse().ok()?);
    let mut t = time.split(':');
    let (h, mi): (u32, u32) = (t.next()?.parse().ok()?, t.next()?.parse().ok()?);
    let s: f64 = t.next().unwrap_or("0").parse().ok()?;
    Some(epoch_seconds(y, mo, da, h, mi, s as u32))
}

/// The hour of a Firehose prefix `…/2026/11/30/13/…` in an object's path.
fn prefix_time(path: &str) -> Option<i64> {
    let parts: Vec<&str> = path.split('/').collect();
    parts.windows(4).find_map(|w| {
        let ok = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if ok(w[0], 4) && ok(w[1], 2) && ok(w[2], 2) && ok(w[3], 2) {
            Some(epoch_seconds(w[0].parse().ok()?, w[1].parse().ok()?, w[2].parse().ok()?, w[3].parse().ok()?, 0, 0))
        } else {
            None
        }
    })
}

fn clickstream_view(line: &str, file: &str) -> Option<i64> {
    let v: serde_json::Value = serde_json::from_str(line).ok()?;
    v.get("page")?.as_str()?;
    if let Some(action) = v.get("action") {
        if action.as_str()? != "view" {
            return None;
        }
    }
    match v.get("timestamp") {
        Some(serde_json::Value::String(s)) => iso_time(s),
        Some(serde_json::Value::Number(n)) => n.as_f64().map(|f| f as i64),
        _ => prefix_time(file),
    }
}

/// A view counts 1 in its hour.
fn map(input: &MapInput, line: &[u8], emit: &mut Emit) -> Result<(), String> {
    let line = String::from_utf8_lossy(line);
    let line = line.trim();
    let time = if line.starts_with('{') { clickstream_view(line, input.file) } else { access_log_view(line) };
    if let Some(key) = time.and_then(hour_key) {
        emit(key.as_bytes(), b"1");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emr::jobs::{run_locally, BuiltinJob};

    #[test]
    fn access_log_views_count_in_their_utc_hour() {
        let text = concat!(
            "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /index.html HTTP/1.0\" 200 2326\n",
            "127.0.0.1 - - [10/Oct/2000:13:59:59 -0700] \"GET /a HTTP/1.1\" 304 0\n",
            "127.0.0.1 - - [10/Oct/2000:14:00:00 -0700] \"POST /a HTTP/1.1\" 200 0\n",
            "10.0.0.2 - - [10/Oct/2000:21:00:00 +0000] \"GET /b HTTP/1.1\" 200 10 \"-\" \"curl\"\n",
        );
        let out = run_locally(BuiltinJob::PageviewsPerHour, "access.log", text, false);
        assert_eq!(out, [("2000-10-10T20:00".into(), "1".into()), ("2000-10-10T21:00".into(), "1".into())]);
    }

    #[test]
    fn clickstream_views_take_their_hour_from_the_record_or_the_firehose_prefix() {
        let text = concat!(
            "{\"page\":\"/\",\"action\":\"view\",\"timestamp\":\"2026-11-30T13:05:00Z\"}\n",
            "{\"page\":\"/cart\",\"action\":\"click\",\"timestamp\":\"2026-11-30T13:06:00Z\"}\n",
            "{\"event_id\":1,\"user\":\"u\",\"page\":\"/\",\"action\":\"view\"}\n",
        );
        let out = run_locally(BuiltinJob::PageviewsPerHour, "lab-bucket/2026/11/30/09/clicks-1", text, true);
        assert_eq!(out, [("2026-11-30T09:00".into(), "1".into()), ("2026-11-30T13:00".into(), "1".into())]);
        assert_eq!(clf_time("10/Oct/2000:13:55:36 -0700"), Some(971_211_336));
    }
}
