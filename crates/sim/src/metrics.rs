//! Per-second metrics under the names CloudWatch gives them (`IncomingRecords`,
//! `WriteProvisionedThroughputExceeded`…), each with the dimension it belongs to
//! (`StreamName=clicks`, `StreamName=clicks,ShardId=shardId-000000000000`).

/// The lab's own per-second series of end-to-end latency (creation to processing or
/// delivery, in ms, the largest per-batch average of the second): what the side-by-side
/// chart compares. CloudWatch has no such metric, so the name says it is ShardLab's.
pub const LATENCY_METRIC: &str = "ShardLab.EndToEndLatencyMs";

use serde::{Serialize, Serializer};

/// `sum / count`, 0 when nothing was counted (an average latency before any record).
/// The dimension of a data stream's stream-level metrics: `StreamName=clicks`.
pub fn stream_dimension(stream: &str) -> String {
    format!("StreamName={stream}")
}

/// The dimension of a shard's metrics: `StreamName=clicks,ShardId=shardId-000000000000`.
pub fn shard_dimension(stream: &str, shard_id: &str) -> String {
    format!("StreamName={stream},ShardId={shard_id}")
}

pub fn mean(sum: u64, count: u64) -> f64 {
    if count == 0 {
        0.0
    } else {
        sum as f64 / count as f64
    }
}
use std::collections::BTreeMap;

/// How many seconds of each series are kept; older seconds are dropped (the charts show the
/// last few minutes, and a long run must not grow without bound).
pub const KEEP_SECONDS: usize = 3_600;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SeriesKey {
    pub dimension: String,
    pub name: &'static str,
}

/// One metric's values, one per virtual second, starting at `first_second`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Series {
    pub first_second: u64,
    pub values: std::collections::VecDeque<f64>,
}

impl Series {
    fn add(&mut self, second: u64, value: f64) {
        self.combine(second, value, |old, new| old + new);
    }

    fn combine(&mut self, second: u64, value: f64, how: impl Fn(f64, f64) -> f64) {
        if self.values.is_empty() {
            self.first_second = second;
        }
        if second < self.first_second {
            return; // older than what is kept
        }
        let index = (second - self.first_second) as usize;
        while self.values.len() <= index {
            self.values.push_back(0.0);
        }
        self.values[index] = how(self.values[index], value);
        while self.values.len() > KEEP_SECONDS {
            self.values.pop_front();
            self.first_second += 1;
        }
    }

    /// The value for `second`, 0 where nothing was recorded.
    pub fn at(&self, second: u64) -> f64 {
        second.checked_sub(self.first_second).and_then(|i| self.values.get(i as usize)).copied().unwrap_or(0.0)
    }

    /// The mean per second over seconds `from..to`, a second without a value counting 0 (a
    /// chart's point when a point stands for several seconds).
    pub fn mean(&self, from: u64, to: u64) -> f64 {
        if to <= from {
            return 0.0;
        }
        (from..to).map(|s| self.at(s)).sum::<f64>() / (to - from) as f64
    }

    pub fn sum(&self) -> f64 {
        self.values.iter().sum()
    }

    pub fn max(&self) -> f64 {
        self.values.iter().copied().fold(0.0, f64::max)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metrics {
    series: BTreeMap<SeriesKey, Series>,
}

impl Metrics {
    /// Adds `value` to the metric `name` of `dimension` for the virtual second `second`.
    pub fn add(&mut self, dimension: &str, name: &'static str, second: u64, value: f64) {
        let key = SeriesKey { dimension: dimension.to_string(), name };
        self.series.entry(key).or_default().add(second, value);
    }

    /// Keeps the larger of the recorded and the new value (for ages and other maxima).
    pub fn set_max(&mut self, dimension: &str, name: &'static str, second: u64, value: f64) {
        let key = SeriesKey { dimension: dimension.to_string(), name };
        self.series.entry(key).or_default().combine(second, value, f64::max);
    }

    pub fn series(&self, dimension: &str, name: &str) -> Option<&Series> {
        self.series.iter().find(|(k, _)| k.dimension == dimension && k.name == name).map(|(_, s)| s)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&SeriesKey, &Series)> {
        self.series.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.series.is_empty()
    }
}

/// In reports: `{ "StreamName=clicks": { "IncomingRecords": { "sum": …, "max": …, "per_second": […] } } }`.
impl Serialize for Metrics {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Summary<'a> {
            sum: f64,
            max_per_second: f64,
            first_second: u64,
            per_second: &'a std::collections::VecDeque<f64>,
        }
        let mut by_dimension: BTreeMap<&str, BTreeMap<&str, Summary>> = BTreeMap::new();
        for (k, series) in &self.series {
            by_dimension.entry(&k.dimension).or_default().insert(
                k.name,
                Summary {
                    sum: series.sum(),
                    max_per_second: series.max(),
                    first_second: series.first_second,
                    per_second: &series.values,
                },
            );
        }
        by_dimension.serialize(s)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn shard_and_stream_metrics_are_kept_under_the_dimensions_views_ask_for() {
        use serde_json::json;
        let mut w = crate::World::from_scenario(&crate::Scenario::default()).unwrap();
        w.call("kinesis", "CreateStream", json!({"StreamName": "clicks", "ShardCount": 1})).unwrap();
        w.advance(crate::SimDuration::from_secs(60));
        w.call("kinesis", "PutRecord", json!({"StreamName": "clicks", "PartitionKey": "k", "Data": "aGk="})).unwrap();
        w.advance(crate::SimDuration::from_secs(1));
        let shard = shard_dimension("clicks", "shardId-000000000000");
        assert!(w.metrics().series(&shard, "IncomingRecords").is_some_and(|s| s.sum() == 1.0), "{shard}");
        assert!(w.metrics().series(&stream_dimension("clicks"), "IncomingRecords").is_some());
    }

    use super::*;

    #[test]
    fn values_add_up_per_second_and_gaps_read_as_zero() {
        let mut m = Metrics::default();
        m.add("StreamName=s", "IncomingRecords", 3, 2.0);
        m.add("StreamName=s", "IncomingRecords", 3, 1.0);
        m.add("StreamName=s", "IncomingRecords", 5, 4.0);
        let s = m.series("StreamName=s", "IncomingRecords").unwrap();
        assert_eq!((s.at(3), s.at(4), s.at(5), s.at(2), s.at(99)), (3.0, 0.0, 4.0, 0.0, 0.0));
        assert_eq!((s.sum(), s.max()), (7.0, 4.0));
        // Means over spans: a gap counts 0, a span before the first value is 0, an empty one 0.
        assert_eq!((s.mean(3, 6), s.mean(3, 4), s.mean(0, 2), s.mean(5, 5)), (7.0 / 3.0, 3.0, 0.0, 0.0));
    }

    #[test]
    fn only_the_last_hour_is_kept() {
        let mut m = Metrics::default();
        for second in 0..(KEEP_SECONDS as u64 + 10) {
            m.add("d", "IncomingRecords", second, 1.0);
        }
        let s = m.series("d", "IncomingRecords").unwrap();
        assert_eq!(s.values.len(), KEEP_SECONDS);
        assert_eq!(s.first_second, 10);
    }
}
