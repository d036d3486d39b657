//! OpenSearch index rotation ("Configure index rotation for OpenSearch Service"): Firehose
//! appends a portion of each record's UTC arrival timestamp to the index name — NoRotation
//! `myindex`, OneHour `myindex-2016-02-25-13`, OneDay `myindex-2016-02-25` (the default),
//! OneWeek `myindex-2016-w08`, OneMonth `myindex-2016-02`. Weeks follow the US convention the
//! page states: a week starts on Sunday, and week 1 is the one holding January 1.

use crate::calendar::{epoch_seconds, utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum IndexRotation {
    NoRotation,
    OneHour,
    #[default]
    OneDay,
    OneWeek,
    OneMonth,
}

impl IndexRotation {
    /// The index a record that arrived at `epoch_ms` goes to.
    pub fn index(self, base: &str, epoch_ms: u64) -> String {
        let t = utc(epoch_ms);
        match self {
            IndexRotation::NoRotation => base.to_string(),
            IndexRotation::OneHour => format!("{base}-{}", t.format("yyyy-MM-dd-HH")),
            IndexRotation::OneDay => format!("{base}-{}", t.format("yyyy-MM-dd")),
            IndexRotation::OneWeek => {
                let (year, week) = us_week(epoch_ms);
                format!("{base}-{year:04}-w{week:02}")
            }
            IndexRotation::OneMonth => format!("{base}-{}", t.format("yyyy-MM")),
        }
    }

    /// Whether `index` is `base` or one of its rotations.
    pub fn is_rotation_of(index: &str, base: &str) -> bool {
        index == base
            || index.strip_prefix(base).and_then(|rest| rest.strip_prefix('-')).is_some_and(|suffix| {
                !suffix.is_empty() && suffix.chars().all(|c| c.is_ascii_digit() || c == '-' || c == 'w')
            })
    }
}

/// The US week of `epoch_ms`: weeks start on Sunday and week 1 holds January 1, so the last
/// days of December may fall in week 1 of the next year. Returns (year, week).
pub fn us_week(epoch_ms: u64) -> (i64, u32) {
    let day = (epoch_ms / 86_400_000) as i64;
    // 1970-01-01 was a Thursday: Sunday is 0.
    let weekday = |d: i64| (d + 4).rem_euclid(7);
    let t = utc(epoch_ms);
    let next_jan1 = epoch_seconds(t.year + 1, 1, 1, 0, 0, 0) / 86_400;
    if day >= next_jan1 - weekday(next_jan1) {
        return (t.year + 1, 1);
    }
    let jan1 = epoch_seconds(t.year, 1, 1, 0, 0, 0) / 86_400;
    (t.year, ((day - jan1 + weekday(jan1)) / 7 + 1) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i64, m: u32, d: u32, h: u32) -> u64 {
        epoch_seconds(y, m, d, h, 0, 0) as u64 * 1_000
    }

    #[test]
    fn index_names_as_the_rotation_page_shows_them() {
        let t = at(2016, 2, 25, 13);
        assert_eq!(IndexRotation::NoRotation.index("myindex", t), "myindex");
        assert_eq!(IndexRotation::OneHour.index("myindex", t), "myindex-2016-02-25-13");
        assert_eq!(IndexRotation::OneDay.index("myindex", t), "myindex-2016-02-25");
        assert_eq!(IndexRotation::OneMonth.index("myindex", t), "myindex-2016-02");
        // The page's table shows w08 for this date, but its own US rule (weeks from Sunday,
        // week 1 holding January 1, a Friday in 2016) puts 25 February in week 9; the lab
        // follows the rule.
        assert_eq!(IndexRotation::OneWeek.index("myindex", t), "myindex-2016-w09");
        assert_eq!(IndexRotation::default(), IndexRotation::OneDay);
    }

    #[test]
    fn us_weeks_start_on_sunday_and_week_1_holds_january_1() {
        assert_eq!(us_week(at(2026, 1, 1, 0)), (2026, 1));
        assert_eq!(us_week(at(2025, 12, 28, 0)), (2026, 1), "the Sunday that starts January 1's week");
        assert_eq!(us_week(at(2025, 12, 27, 23)), (2025, 52));
        assert_eq!(us_week(at(2026, 1, 4, 0)), (2026, 2));
        assert_eq!(us_week(at(2016, 1, 2, 0)), (2016, 1));
        assert_eq!(us_week(at(2016, 1, 3, 0)), (2016, 2));
    }

    #[test]
    fn rotations_of_an_index_are_recognised() {
        assert!(IndexRotation::is_rotation_of("events-2026-01-01", "events"));
        assert!(IndexRotation::is_rotation_of("events-2026-w01", "events"));
        assert!(IndexRotation::is_rotation_of("events", "events"));
        assert!(!IndexRotation::is_rotation_of("events-archive", "events"));
        assert!(!IndexRotation::is_rotation_of("eventsx", "events"));
    }
}
