//! The result rows an application emitted lately, for the inspector's table and chart: the
//! latest `RESULTS_KEPT`, and one chosen column's values summed per window (the model adds
//! them up, so the chart only draws what it is given).

use super::engine::Row;
use super::types::Value;
use std::collections::VecDeque;

/// Result rows the inspector's table and chart can show (the latest).
pub const RESULTS_KEPT: usize = 240;

#[derive(Clone, Debug, Default)]
pub struct Results {
    rows: VecDeque<Row>,
    /// Rows emitted since the application started (the kept ones are the latest).
    pub emitted: u64,
}

impl Results {
    pub fn push(&mut self, row: Row) {
        if self.rows.len() == RESULTS_KEPT {
            self.rows.pop_front();
        }
        self.rows.push_back(row);
        self.emitted += 1;
    }

    /// The kept rows, newest first.
    pub fn latest(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().rev()
    }

    pub fn clear(&mut self) {
        self.rows.clear();
    }

    /// The columns whose values are numbers, in the rows' order: what a chart can show.
    pub fn numeric_columns(&self) -> Vec<String> {
        let Some(row) = self.rows.back() else { return Vec::new() };
        row.iter().filter(|(_, v)| v.as_f64().is_some()).map(|(name, _)| name.clone()).collect()
    }

    /// `column` over the windows of the kept rows: per window (the epoch ms of the row's
    /// first TIMESTAMP column, `window_start` in a window query), the sum over its rows,
    /// oldest window first. Rows without a time are their own points, numbered from 1.
    pub fn series(&self, column: &str) -> Vec<(i64, f64)> {
        let mut points: Vec<(i64, f64)> = Vec::new();
        for (n, row) in self.rows.iter().enumerate() {
            let Some(value) = row.iter().find(|(name, _)| name == column).and_then(|(_, v)| v.as_f64()) else {
                continue;
            };
            let at = row.iter().find_map(|(_, v)| match v {
                Value::Timestamp(ms) => Some(*ms),
                _ => None,
            });
            match (points.last_mut(), at) {
                (Some((w, sum)), Some(ms)) if *w == ms => *sum += value,
                _ => points.push((at.unwrap_or(n as i64 + 1), value)),
            }
        }
        points
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(start: i64, page: &str, n: i64) -> Row {
        vec![
            ("window_start".into(), Value::Timestamp(start)),
            ("page".into(), Value::Str(page.into())),
            ("n".into(), Value::BigInt(n)),
        ]
    }

    #[test]
    fn a_column_is_summed_per_window_and_old_rows_leave() {
        let mut r = Results::default();
        r.push(row(0, "/a", 2));
        r.push(row(0, "/b", 3));
        r.push(row(60_000, "/a", 4));
        assert_eq!(r.numeric_columns(), ["n"]);
        let series = r.series("n");
        assert_eq!(series.iter().map(|p| p.1).collect::<Vec<_>>(), [5.0, 4.0]);
        assert_eq!(series[1].0, 60_000);
        for i in 0..RESULTS_KEPT {
            r.push(row(120_000 + i as i64, "/c", 1));
        }
        assert_eq!(r.latest().count(), RESULTS_KEPT);
        assert_eq!(r.emitted, 3 + RESULTS_KEPT as u64);
        assert!(r.series("n").iter().all(|p| p.1 == 1.0), "the first windows' rows left");
    }
}
