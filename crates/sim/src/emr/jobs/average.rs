//! The average value per key over CSV lines (`key,value`, or `time,key,…,value`): the map
//! emits `value,1`, the combiner adds sums and counts (averaging averages would be wrong:
//! the classic reason a combiner is not always the reducer), and the reducer divides.

use super::numbers::{average_2dp, parse_micros};
use super::{Emit, JobLogic, MapInput};

pub struct AverageByKey;

/// The key and the numeric value of a CSV line: with two fields the first and the second,
/// with more the second and the last. A header or a line whose value is not a number gives
/// `None` and is skipped.
pub fn key_and_value(line: &[u8]) -> Option<(&str, &str)> {
    let line = std::str::from_utf8(line).ok()?.trim();
    let fields: Vec<&str> = line.split(',').map(str::trim).collect();
    let (key, value) = match fields.len() {
        0 | 1 => return None,
        2 => (fields[0], fields[1]),
        n => (fields[1], fields[n - 1]),
    };
    (!key.is_empty() && parse_micros(value).is_some()).then_some((key, value))
}

fn sum_and_count(values: &[&[u8]]) -> Result<(i128, u64), String> {
    let mut sum: i128 = 0;
    let mut count: u64 = 0;
    for v in values {
        let text = String::from_utf8_lossy(v);
        let (s, c) = text.split_once(',').ok_or_else(|| format!("not a sum,count pair: {text:?}"))?;
        sum += parse_micros(s).ok_or_else(|| format!("not a number: {s:?}"))? as i128;
        count += c.parse::<u64>().map_err(|_| format!("not a count: {c:?}"))?;
    }
    Ok((sum, count))
}

/// Millionths as the shortest decimal text (21400000 → "21.4").
fn micros_text(m: i128) -> String {
    let sign = if m < 0 { "-" } else { "" };
    let m = m.abs();
    let frac = format!("{:06}", m % 1_000_000);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        format!("{sign}{}", m / 1_000_000)
    } else {
        format!("{sign}{}.{frac}", m / 1_000_000)
    }
}

impl JobLogic for AverageByKey {
    fn map(&self, _: &MapInput, line: &[u8], emit: &mut Emit) -> Result<(), String> {
        if let Some((key, value)) = key_and_value(line) {
            emit(key.as_bytes(), format!("{value},1").as_bytes());
        }
        Ok(())
    }

    fn combine(&self, key: &[u8], values: &[&[u8]], emit: &mut Emit) -> Result<(), String> {
        let (sum, count) = sum_and_count(values)?;
        emit(key, format!("{},{count}", micros_text(sum)).as_bytes());
        Ok(())
    }

    fn reduce(&self, key: &[u8], values: &[&[u8]], emit: &mut Emit) -> Result<(), String> {
        let (sum, count) = sum_and_count(values)?;
        emit(key, average_2dp(sum, count).as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::emr::jobs::{run_locally, BuiltinJob};

    #[test]
    fn averages_per_key_with_or_without_the_combiner() {
        let text = "time,device,metric,value\nt1,d1,temp,20.5\nt2,d2,temp,18\nt3,d1,temp,21.6\nt4,d1,temp,x\n";
        let plain = run_locally(BuiltinJob::AverageByKey, "iot.csv", text, false);
        assert_eq!(plain, [("d1".into(), "21.05".into()), ("d2".into(), "18.00".into())]);
        assert_eq!(run_locally(BuiltinJob::AverageByKey, "iot.csv", text, true), plain);
    }
}
