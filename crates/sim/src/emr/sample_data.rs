//! The sample datasets' lines, generated from a seed: the same bytes for the same seed,
//! natively and in the browser.

use super::datasets::Dataset;
use crate::calendar::utc;
use crate::rng::SimRng;

impl Dataset {
    /// About `bytes` bytes of the dataset (whole lines), the same for the same seed.
    pub fn generate(self, bytes: usize, seed: u64) -> Vec<u8> {
        let mut rng = SimRng::seed_from_u64(seed).derive(self.name());
        let mut out = Vec::with_capacity(bytes + 200);
        let mut n: u64 = 0;
        while out.len() < bytes {
            let line = match self {
                Dataset::Corpus => corpus_line(&mut rng),
                Dataset::AccessLogs => access_line(&mut rng, n),
                Dataset::AppLogs => app_line(&mut rng, n),
                Dataset::IotReadings => iot_line(&mut rng, n),
            };
            out.extend_from_slice(line.as_bytes());
            out.push(b'\n');
            n += 1;
        }
        out
    }
}

fn pick<'a>(rng: &mut SimRng, items: &[&'a str]) -> &'a str {
    items[rng.below(items.len() as u64) as usize]
}

const SUBJECTS: &[&str] = &[
    "the producer",
    "a shard",
    "the stream",
    "every record",
    "the consumer",
    "a cluster",
    "the reducer",
    "each mapper",
    "the buffer",
    "a core node",
    "the partition key",
    "a task node",
];
const VERBS: &[&str] =
    &["writes", "reads", "splits", "counts", "sorts", "replicates", "throttles", "delivers", "merges", "replays"];
const OBJECTS: &[&str] = &[
    "records in order",
    "blocks to disk",
    "the data to S3",
    "words by key",
    "a hot partition",
    "clicks per hour",
    "the last checkpoint",
    "shuffled pairs",
    "logs from the fleet",
    "readings from sensors",
];

fn corpus_line(rng: &mut SimRng) -> String {
    let clauses = 1 + rng.below(3);
    (0..clauses)
        .map(|_| format!("{} {} {}", pick(rng, SUBJECTS), pick(rng, VERBS), pick(rng, OBJECTS)))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// 2026-11-30T00:00:00Z, the day the generated logs cover.
const DAY_START_MS: u64 = 1_764_460_800_000;
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn access_line(rng: &mut SimRng, n: u64) -> String {
    // Traffic rises through the day: later hours get more lines.
    let second = (rng.next_f64().sqrt() * 86_399.0) as u64;
    let t = utc(DAY_START_MS + second * 1_000);
    let path = pick(rng, &["/", "/products/42", "/cart", "/checkout", "/search?q=shoes", "/static/app.js"]);
    let method = if rng.below(10) == 0 { "POST" } else { "GET" };
    let status = pick(rng, &["200", "200", "200", "200", "304", "404", "500"]);
    format!(
        "10.0.{}.{} - - [{:02}/{}/{}:{:02}:{:02}:{:02} +0000] \"{method} {path} HTTP/1.1\" {status} {} \"-\" \"shardlab/{n}\"",
        rng.below(4),
        1 + rng.below(250),
        t.day,
        MONTHS[t.month as usize - 1],
        t.year,
        t.hour,
        t.minute,
        t.second,
        200 + rng.below(5_000)
    )
}

fn app_line(rng: &mut SimRng, n: u64) -> String {
    let t = utc(DAY_START_MS + n * 1_500);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z {} [{}] request {n} completed in {} ms",
        t.year,
        t.month,
        t.day,
        t.hour,
        t.minute,
        t.second,
        pick(rng, &["INFO", "INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"]),
        pick(rng, &["api", "auth", "billing", "search"]),
        5 + rng.below(400)
    )
}

fn iot_line(rng: &mut SimRng, n: u64) -> String {
    let t = utc(DAY_START_MS + n * 1_000);
    let device = rng.below(8);
    let tenths = 150 + device * 10 + rng.below(100);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z,sensor-{device:02},temperature_c,{}.{}",
        t.year,
        t.month,
        t.day,
        t.hour,
        t.minute,
        t.second,
        tenths / 10,
        tenths % 10
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emr::jobs::{run_locally, BuiltinJob};

    #[test]
    fn datasets_are_the_same_for_the_same_seed_and_feed_their_jobs() {
        for d in Dataset::ALL {
            let a = d.generate(4_000, 7);
            assert_eq!(a, d.generate(4_000, 7), "{}", d.name());
            assert_ne!(a, d.generate(4_000, 8), "{}", d.name());
            assert!(a.len() >= 4_000 && a.ends_with(b"\n"));
            assert_eq!(Dataset::from_name(d.name()), Some(d));
        }
        let text = |d: Dataset| String::from_utf8(d.generate(20_000, 1)).unwrap();
        assert!(run_locally(BuiltinJob::PageviewsPerHour, "a.log", &text(Dataset::AccessLogs), true).len() > 12);
        assert!(run_locally(BuiltinJob::LogLevels, "app.log", &text(Dataset::AppLogs), true).len() == 4);
        assert_eq!(run_locally(BuiltinJob::AverageByKey, "iot.csv", &text(Dataset::IotReadings), true).len(), 8);
    }
}
