//! The jobs a step can run: built-in ones, written the way Hadoop's examples write them, each
//! with its map, combiner and reduce. Keys and values are text, and the output is
//! `key<TAB>value` lines, as TextOutputFormat writes them.

mod average;
mod inverted_index;
mod log_levels;
pub mod numbers;
mod pageviews;
pub mod script;
mod script_templates;
mod top_n;
mod wordcount;

use super::kv::KvBuffer;

/// What a map function knows besides its line: the file the split comes from (Hadoop's
/// `((FileSplit) context.getInputSplit()).getPath()`).
pub struct MapInput<'a> {
    pub file: &'a str,
}

/// Where a function's pairs go.
pub type Emit<'a> = dyn FnMut(&[u8], &[u8]) + 'a;

/// A job's three functions. A function that fails fails its task attempt with the message.
pub trait JobLogic {
    fn map(&self, input: &MapInput, line: &[u8], emit: &mut Emit) -> Result<(), String>;
    /// Runs on a map's sorted output, one key at a time; it must emit values the reducer
    /// takes as if they came from the map.
    fn combine(&self, key: &[u8], values: &[&[u8]], emit: &mut Emit) -> Result<(), String>;
    fn reduce(&self, key: &[u8], values: &[&[u8]], emit: &mut Emit) -> Result<(), String>;

    /// Maps every line of a split; returns how many lines it read. A job whose functions
    /// are costly to call (a script) takes the whole split in one call.
    fn map_all(
        &self,
        input: &MapInput,
        lines: &mut dyn Iterator<Item = &[u8]>,
        emit: &mut Emit,
    ) -> Result<u64, String> {
        let mut n = 0;
        for line in lines {
            n += 1;
            self.map(input, line, emit)?;
        }
        Ok(n)
    }

    /// Combines every group of a sorted run.
    fn combine_all(&self, run: &KvBuffer, emit: &mut Emit) -> Result<(), String> {
        run.for_each_group(|k, vs| self.combine(k, vs, emit))
    }

    /// Reduces every group of a sorted run.
    fn reduce_all(&self, run: &KvBuffer, emit: &mut Emit) -> Result<(), String> {
        run.for_each_group(|k, vs| self.reduce(k, vs, emit))
    }
}

pub use super::builtin_job::BuiltinJob;

impl BuiltinJob {
    pub fn logic(self) -> &'static dyn JobLogic {
        match self {
            BuiltinJob::Wordcount => &wordcount::WORD_COUNT,
            BuiltinJob::PageviewsPerHour => &pageviews::PAGEVIEWS_PER_HOUR,
            BuiltinJob::LogLevels => &log_levels::LOG_LEVELS,
            BuiltinJob::InvertedIndex => &inverted_index::InvertedIndex,
            BuiltinJob::TopN => &top_n::TopN,
            BuiltinJob::AverageByKey => &average::AverageByKey,
        }
    }
}

/// A counting job's map function.
pub type MapFn = fn(&MapInput, &[u8], &mut Emit) -> Result<(), String>;

/// A job that counts: its map emits `(key, count)` pairs, and its combiner and its reducer
/// both add them up (wordcount, log-levels, pageviews-per-hour).
pub struct Counting(pub MapFn);

impl JobLogic for Counting {
    fn map(&self, input: &MapInput, line: &[u8], emit: &mut Emit) -> Result<(), String> {
        (self.0)(input, line, emit)
    }

    fn combine(&self, key: &[u8], values: &[&[u8]], emit: &mut Emit) -> Result<(), String> {
        sum_counts(key, values, emit)
    }

    fn reduce(&self, key: &[u8], values: &[&[u8]], emit: &mut Emit) -> Result<(), String> {
        sum_counts(key, values, emit)
    }
}

/// Sums decimal counts: the reducer (and combiner) of every counting job.
pub(crate) fn sum_counts(key: &[u8], values: &[&[u8]], emit: &mut Emit) -> Result<(), String> {
    let mut total: u64 = 0;
    for v in values {
        // Digits by hand: this runs once per word of the input.
        let n = (!v.is_empty() && v.len() <= 19 && v.iter().all(u8::is_ascii_digit))
            .then(|| v.iter().fold(0u64, |n, d| n * 10 + u64::from(d - b'0')))
            .ok_or_else(|| format!("a count that is not a number: {:?}", String::from_utf8_lossy(v)))?;
        total += n;
    }
    emit(key, total.to_string().as_bytes());
    Ok(())
}

#[cfg(test)]
pub(crate) fn run_locally(job: BuiltinJob, file: &str, text: &str, combine: bool) -> Vec<(String, String)> {
    use super::kv::KvBuffer;
    let logic = job.logic();
    let mut mapped = KvBuffer::default();
    for line in text.lines() {
        logic.map(&MapInput { file }, line.as_bytes(), &mut |k, v| mapped.push(k, v)).unwrap();
    }
    mapped.sort();
    if combine {
        let mut combined = KvBuffer::default();
        mapped.for_each_group(|k, vs| logic.combine(k, vs, &mut |k, v| combined.push(k, v))).unwrap();
        mapped = combined;
    }
    let mut out = Vec::new();
    mapped
        .for_each_group(|k, vs| {
            logic.reduce(k, vs, &mut |k, v| {
                out.push((String::from_utf8_lossy(k).into_owned(), String::from_utf8_lossy(v).into_owned()))
            })
        })
        .unwrap();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for job in BuiltinJob::ALL {
            assert_eq!(BuiltinJob::from_name(job.name()), Some(job));
        }
        assert_eq!(BuiltinJob::from_name("grep"), None);
    }
}
