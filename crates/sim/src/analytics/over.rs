//! Sliding windows, the legacy dialect's `OVER w` with `WINDOW w AS (PARTITION BY k RANGE
//! INTERVAL '10' SECOND PRECEDING)`: each row is answered when it arrives, with aggregates
//! over the rows of its partition whose time is at most the range before its own (itself
//! and rows of the same time included). Times come from ROWTIME, which never falls, so a
//! partition's rows leave its window oldest first.

use super::types::Value;
use std::collections::{BTreeMap, VecDeque};

/// The rows each partition's window holds, oldest first.
#[derive(Clone, Debug, Default)]
pub struct Sliding {
    partitions: BTreeMap<String, VecDeque<(i64, Vec<Value>)>>,
    /// When every partition was last cleared of rows past the range (a partition that gets
    /// no new row would otherwise keep its old ones).
    swept_at: i64,
}

impl Sliding {
    /// Adds `row` (time `ts`) to the window of partition `key` and gives that window's rows.
    pub fn add(&mut self, key: String, ts: i64, range: i64, row: Vec<Value>) -> impl Iterator<Item = &Vec<Value>> {
        let oldest = ts.saturating_sub(range);
        if ts.saturating_sub(self.swept_at) > range {
            for rows in self.partitions.values_mut() {
                evict(rows, oldest);
            }
            self.partitions.retain(|_, rows| !rows.is_empty());
            self.swept_at = ts;
        }
        let rows = self.partitions.entry(key).or_default();
        evict(rows, oldest);
        rows.push_back((ts, row));
        rows.iter().map(|(_, r)| r)
    }

    /// How many rows the windows hold.
    pub fn held(&self) -> usize {
        self.partitions.values().map(VecDeque::len).sum()
    }
}

fn evict(rows: &mut VecDeque<(i64, Vec<Value>)>, oldest: i64) {
    while rows.front().is_some_and(|(t, _)| *t < oldest) {
        rows.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn times(s: &mut Sliding, key: &str, ts: i64) -> Vec<i32> {
        s.add(key.into(), ts, 10_000, vec![Value::Int((ts / 1000) as i32)])
            .map(|r| match r[0] {
                Value::Int(n) => n,
                _ => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn a_row_sees_its_partition_s_rows_within_the_range_itself_included() {
        let mut s = Sliding::default();
        assert_eq!(times(&mut s, "a", 0), [0]);
        assert_eq!(times(&mut s, "b", 5_000), [5]);
        assert_eq!(times(&mut s, "a", 10_000), [0, 10], "exactly the range before is inside");
        assert_eq!(times(&mut s, "a", 10_001), [10, 10]);
        assert_eq!(times(&mut s, "a", 30_000), [30]);
        assert_eq!(s.held(), 1, "partition b's old row was swept");
    }
}
