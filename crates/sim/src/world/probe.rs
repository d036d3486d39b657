//! Questions a lesson's challenge asks the running world, each answered with a number: a
//! CloudWatch metric over the attempt's window, a stream's shards, a consumer's progress, the
//! objects a bucket received. A question is a line of words (`metric_sum StreamName=clicks
//! WriteProvisionedThroughputExceeded`), so that lessons are data and the page's first load
//! carries no parser for them.

use super::World;
use crate::kinesis::shard_capacity::shards_for_load;
use crate::ledger::Place;
use crate::metrics::LATENCY_METRIC;
use crate::scenario::ComponentKind;
use crate::time::SimTime;

/// Whether an object's text is CSV: at least one line, every line the same number (two or
/// more) of comma-separated fields, none of them JSON.
fn is_csv(text: &str) -> bool {
    let mut widths = text.lines().filter(|l| !l.is_empty()).map(|l| (l.split(',').count(), l.contains('{')));
    let Some((first, json)) = widths.next() else { return false };
    first >= 2 && !json && widths.all(|(w, j)| w == first && !j)
}

impl World {
    /// The answer to `question` over the window `[from, to)` (metrics count the whole seconds
    /// in it; objects, those written in it); an unknown question or name is an error that says
    /// which.
    pub fn probe(&self, question: &str, from: SimTime, to: SimTime) -> Result<f64, String> {
        let words: Vec<&str> = question.split_whitespace().collect();
        let arg = |i: usize| words.get(i).copied().ok_or_else(|| format!("'{question}' needs more words"));
        let stream = |i: usize| {
            let name = arg(i)?;
            self.kinesis.streams.get(name).ok_or_else(|| format!("no data stream '{name}'"))
        };
        let reader = |i: usize| {
            let id = arg(i)?;
            self.component(id).and_then(|c| c.reader_stats()).ok_or_else(|| format!("no consumer '{id}'"))
        };
        let written_in_window = |i: usize| {
            let name = arg(i)?;
            let bucket = self.stores.s3.buckets.get(name).ok_or_else(|| format!("no bucket '{name}'"))?;
            Ok::<_, String>(bucket.objects.values().filter(|o| o.written >= from && o.written < to))
        };
        let (first_second, end_second) = (from.as_millis().div_ceil(1_000), to.second());
        Ok(match words.first().copied().unwrap_or_default() {
            "now_s" => self.now.as_millis() as f64 / 1_000.0,
            "metric_sum" | "metric_max" => {
                let series = self.metrics.series(arg(1)?, arg(2)?);
                let values = (first_second..end_second).map(|s| series.map_or(0.0, |x| x.at(s)));
                if words[0] == "metric_sum" {
                    values.sum()
                } else {
                    values.fold(0.0, f64::max)
                }
            }
            "open_shards" => stream(1)?.open_shards().count() as f64,
            "closed_shards" => stream(1)?.shards.iter().filter(|s| s.ending_sequence.is_some()).count() as f64,
            "merges" => stream(1)?.shards.iter().filter(|s| s.adjacent_parent.is_some()).count() as f64,
            "processed" => reader(1)?.processed as f64,
            // The books: records kept in the streams' shards, and records their retention ended.
            "ledger_in_shard" => self.ledger.count(Place::InShard) as f64,
            "ledger_expired" => self.ledger.count(Place::Expired) as f64,
            // The components reading the stream: how many, the most records one of them has
            // processed, and the slowest one's end-to-end latency over the window (the largest
            // of its per-second figures).
            "readers" | "max_processed" | "max_reader_latency_ms" => {
                let name = arg(1)?;
                let readers = self
                    .components()
                    .filter(|c| c.reader_stats().is_some())
                    .filter(|c| self.scenario.stream_of_wire(c.id()).as_deref() == Some(name));
                match words[0] {
                    "readers" => readers.count() as f64,
                    "max_processed" => {
                        readers.filter_map(|c| c.reader_stats()).map(|r| r.processed).max().unwrap_or(0) as f64
                    }
                    _ => readers
                        .filter_map(|c| {
                            self.metrics.series(&crate::pipeline::consumer_dimension(c.id()), LATENCY_METRIC)
                        })
                        .flat_map(|series| (first_second..end_second).map(|s| series.at(s)))
                        .fold(0.0, f64::max),
                }
            }
            "shards_needed" => {
                let id = arg(1)?;
                let Some(ComponentKind::Producer(p)) = self.scenario.component(id).map(|c| &c.kind) else {
                    return Err(format!("no producer '{id}'"));
                };
                shards_for_load(p.records_per_second, p.record_bytes as u64) as f64
            }
            "objects" => written_in_window(1)?.count() as f64,
            "csv_objects" => written_in_window(1)?.filter(|o| is_csv(&o.text())).count() as f64,
            other => {
                #[cfg(feature = "emr")]
                if let Some(answer) = self.emr_probe(&words) {
                    return answer;
                }
                return Err(format!("the lab has no probe '{other}'"));
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_is_lines_of_equal_width() {
        assert!(is_csv("a,1\nb,2\n"));
        assert!(!is_csv("{\"a\":1,\"b\":2}\n"), "JSON with commas is not CSV");
        assert!(!is_csv("a,1\nb\n"), "ragged");
        assert!(!is_csv("word\n"), "one field");
        assert!(!is_csv(""));
    }
}
