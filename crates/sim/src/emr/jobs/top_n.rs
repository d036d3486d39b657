//! The three largest values per key over CSV lines (the same lines as average-by-key),
//! largest first, ties by text. The combiner keeps each map's three largest: the top three
//! of the tops is the top three.

use super::average::key_and_value;
use super::numbers::parse_micros;
use super::{Emit, JobLogic, MapInput};

pub struct TopN;

/// How many values per key the job keeps.
pub const N: usize = 3;

fn top(values: &[&[u8]]) -> Result<Vec<String>, String> {
    let mut parsed: Vec<(i64, String)> = values
        .iter()
        .map(|v| {
            let text = String::from_utf8_lossy(v).into_owned();
            parse_micros(&text).map(|m| (m, text.clone())).ok_or_else(|| format!("not a number: {text:?}"))
        })
        .collect::<Result<_, _>>()?;
    parsed.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    Ok(parsed.into_iter().take(N).map(|(_, t)| t).collect())
}

impl JobLogic for TopN {
    fn map(&self, _: &MapInput, line: &[u8], emit: &mut Emit) -> Result<(), String> {
        if let Some((key, value)) = key_and_value(line) {
            emit(key.as_bytes(), value.as_bytes());
        }
        Ok(())
    }

    fn combine(&self, key: &[u8], values: &[&[u8]], emit: &mut Emit) -> Result<(), String> {
        for v in top(values)? {
            emit(key, v.as_bytes());
        }
        Ok(())
    }

    fn reduce(&self, key: &[u8], values: &[&[u8]], emit: &mut Emit) -> Result<(), String> {
        emit(key, top(values)?.join(",").as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::emr::jobs::{run_locally, BuiltinJob};

    #[test]
    fn keeps_the_three_largest_per_key() {
        let text = "a,1\na,5\nb,2\na,3.5\na,10\na,-4\n";
        let plain = run_locally(BuiltinJob::TopN, "x.csv", text, false);
        assert_eq!(plain, [("a".into(), "10,5,3.5".into()), ("b".into(), "2".into())]);
        assert_eq!(run_locally(BuiltinJob::TopN, "x.csv", text, true), plain);
    }
}
