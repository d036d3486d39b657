//! Which windows a row's event time falls in, as Flink assigns them: aligned to the epoch,
//! `[start, end)`. TUMBLE gives one; HOP every window of `size` starting on a multiple of
//! `slide` that holds the time; CUMULATE the windows of its `max`-long period that end on a
//! multiple of `step` after the time. SESSION windows are merged per key in `session.rs`.
//!
//! A row is late — dropped — when the first of its windows has already fired: Flink keeps
//! windows as slices of `slide` (HOP) or `step` (CUMULATE) and drops a row whose slice has
//! ended by the watermark, even if later windows that hold it are still open.

/// The tumbling window `[start, end)` holding `ts`.
pub fn tumble_window(ts: i64, size: i64) -> (i64, i64) {
    let start = ts - ts.rem_euclid(size);
    (start, start + size)
}

/// The windows `[start, end)` holding `ts`, earliest end first.
pub fn tumble(ts: i64, size: i64) -> Vec<(i64, i64)> {
    vec![tumble_window(ts, size)]
}

pub fn hop(ts: i64, slide: i64, size: i64) -> Vec<(i64, i64)> {
    let last_start = ts - ts.rem_euclid(slide);
    let mut windows = Vec::new();
    let mut start = last_start;
    while start > ts - size {
        windows.push((start, start + size));
        start -= slide;
    }
    windows.sort_by_key(|w| w.1);
    windows
}

pub fn cumulate(ts: i64, step: i64, max: i64) -> Vec<(i64, i64)> {
    let start = ts - ts.rem_euclid(max);
    let first_end = ts - ts.rem_euclid(step) + step;
    (0..).map(|k| first_end + k * step).take_while(|&end| end <= start + max).map(|end| (start, end)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_aligned_to_the_epoch_with_exclusive_ends() {
        assert_eq!(tumble(59_999, 60_000), [(0, 60_000)]);
        assert_eq!(tumble(60_000, 60_000), [(60_000, 120_000)]);
        assert_eq!(hop(45_000, 30_000, 60_000), [(0, 60_000), (30_000, 90_000)]);
        assert_eq!(hop(30_000, 30_000, 60_000), [(0, 60_000), (30_000, 90_000)]);
        assert_eq!(hop(29_999, 30_000, 60_000), [(-30_000, 30_000), (0, 60_000)]);
        assert_eq!(cumulate(25_000, 20_000, 60_000), [(0, 40_000), (0, 60_000)]);
        assert_eq!(cumulate(60_000, 20_000, 60_000), [(60_000, 80_000), (60_000, 100_000), (60_000, 120_000)]);
    }
}
