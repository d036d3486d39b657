//! How long a stream keeps a fragment. With a retention above 0 the stream keeps what it
//! ingested for that many hours (raising it keeps existing data longer; lowering it deletes
//! what is now older at once). With a retention of 0 nothing is kept for playback: the
//! fragment stays only in the service's host buffer, for at most 5 minutes and while the
//! buffer's newest fragments fit in 200 MB. A fragment ingested while the retention was 0
//! was never stored, so raising the retention later does not bring it back.

use super::fragment::Fragment;
use super::limits::{RETENTION_HOURS_RANGE, SERVICE_BUFFER, SERVICE_BUFFER_BYTES};
use crate::kinesis::ApiError;
use crate::time::{SimDuration, SimTime};
use std::collections::VecDeque;

/// How long `fragment` is kept under a retention of `hours`.
pub fn kept_for(fragment: &Fragment, hours: u32) -> SimDuration {
    if fragment.retained && hours > 0 {
        SimDuration::from_hours(hours as u64)
    } else {
        SERVICE_BUFFER
    }
}

/// Whether `fragment` is still in the stream at `now` by its age (the buffer's memory limit
/// is applied by `expire`).
pub fn is_kept(fragment: &Fragment, hours: u32, now: SimTime) -> bool {
    fragment.server_start + kept_for(fragment, hours) > now
}

/// Removes the fragments whose time is up at `now`, and those that no longer fit the host
/// buffer's 200 MB; returns how many left. `swept_to` is when this last ran for these
/// fragments (time zero at first): what ran out before then is gone already.
pub fn expire(fragments: &mut VecDeque<Fragment>, hours: u32, swept_to: SimTime, now: SimTime) -> u64 {
    let before = fragments.len();
    // Fragments kept alike run out in the order they came; the front goes first.
    while fragments.front().is_some_and(|f| !is_kept(f, hours, now)) {
        fragments.pop_front();
    }
    // A fragment kept only by the buffer can sit behind retained ones (the retention went
    // from 0 up, down to 0 and up again): look at those whose 5 minutes ended since the last
    // sweep, which server time finds without walking the rest.
    if hours > 0 {
        let first = fragments.partition_point(|f| f.server_start + SERVICE_BUFFER <= swept_to);
        let last = fragments.partition_point(|f| f.server_start + SERVICE_BUFFER <= now);
        let stale: Vec<usize> = (first..last).filter(|&i| !is_kept(&fragments[i], hours, now)).collect();
        for i in stale.into_iter().rev() {
            fragments.remove(i);
        }
    }
    // The buffer keeps its newest fragments within 200 MB. Only the last 5 minutes can still
    // be in it (older buffered ones left above), so the walk back stops there.
    let mut buffered = 0u64;
    let mut over = Vec::new();
    for (i, f) in fragments.iter().enumerate().rev() {
        if f.server_start + SERVICE_BUFFER <= now {
            break;
        }
        if f.retained && hours > 0 {
            continue;
        }
        buffered += f.size_bytes;
        if buffered > SERVICE_BUFFER_BYTES {
            over.push(i);
        }
    }
    for i in over {
        // Indices are in descending order, so removing one leaves the others in place.
        fragments.remove(i);
    }
    (before - fragments.len()) as u64
}

/// When the next fragment of `fragments` runs out by age, if any.
pub fn next_expiry(fragments: &VecDeque<Fragment>, hours: u32) -> Option<SimTime> {
    // Among fragments kept alike, the oldest runs out first: look at the first of each kind.
    let first_kept = fragments.front().filter(|f| f.retained && hours > 0);
    // Fragments in the buffer are all within 5 minutes of the newest (after `expire`): look
    // among those only.
    let newest = fragments.back()?.server_start;
    let first_buffered = fragments
        .iter()
        .rev()
        .take_while(|f| f.server_start + SERVICE_BUFFER > newest)
        .filter(|f| !(f.retained && hours > 0))
        .last();
    [first_kept, first_buffered].into_iter().flatten().map(|f| f.server_start + kept_for(f, hours)).min()
}

/// The retention after UpdateDataRetention: the change is added or subtracted, and the
/// result must stay within 0 to 87,600 hours.
pub fn changed(current: u32, operation: &str, change: i64) -> Result<u32, ApiError> {
    if change < 1 {
        return Err(ApiError::invalid(format!("DataRetentionChangeInHours must be at least 1 (it was {change}).")));
    }
    let (low, high) = RETENTION_HOURS_RANGE;
    let next = match operation {
        "INCREASE_DATA_RETENTION" => current as i64 + change,
        "DECREASE_DATA_RETENTION" => current as i64 - change,
        other => {
            return Err(ApiError::invalid(format!(
                "Operation must be INCREASE_DATA_RETENTION or DECREASE_DATA_RETENTION, not '{other}'."
            )))
        }
    };
    if next < low as i64 || next > high as i64 {
        return Err(ApiError::invalid(format!(
            "The data retention would become {next} hours: it must stay between {low} and {high} hours (ten years)."
        )));
    }
    Ok(next as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fragment(number: u64, at_s: u64, retained: bool, size_bytes: u64) -> Fragment {
        Fragment {
            number,
            source: 0,
            first_frame: number * 15,
            frames: 15,
            producer_start: SimTime::from_millis(at_s * 1_000),
            server_start: SimTime::from_millis(at_s * 1_000),
            ingested_at: SimTime::from_millis(at_s * 1_000 + 1_000),
            duration: SimDuration::from_secs(1),
            size_bytes,
            retained,
        }
    }

    #[test]
    fn with_retention_0_only_the_last_5_minutes_stay() {
        let mut fs: VecDeque<Fragment> = (0..600).map(|s| fragment(s + 1, s, false, 1_000)).collect();
        let gone = expire(&mut fs, 0, SimTime::ZERO, SimTime::from_millis(600_000));
        // The fragment received at 300 s runs out at 600 s exactly.
        assert_eq!(gone, 301);
        assert_eq!(fs.front().unwrap().server_start, SimTime::from_millis(301_000));
        assert_eq!(next_expiry(&fs, 0), Some(SimTime::from_millis(601_000)));
    }

    #[test]
    fn the_buffer_also_drops_what_passes_200_mb() {
        let mut fs: VecDeque<Fragment> = (0..10).map(|s| fragment(s + 1, s, false, 30 * 1024 * 1024)).collect();
        assert_eq!(
            expire(&mut fs, 0, SimTime::ZERO, SimTime::from_millis(10_000)),
            4,
            "6 × 30 MB fit in 200 MB, not 7"
        );
        assert_eq!(fs.front().unwrap().number, 5);
    }

    #[test]
    fn retained_fragments_live_for_the_hours_and_buffered_ones_do_not_come_back() {
        let mut fs: VecDeque<Fragment> = VecDeque::new();
        fs.push_back(fragment(1, 0, false, 1_000)); // ingested while retention was 0
        fs.push_back(fragment(2, 10, true, 1_000));
        assert_eq!(
            expire(&mut fs, 1, SimTime::ZERO, SimTime::from_millis(301_000)),
            1,
            "the buffered one left after 5 min"
        );
        assert_eq!(expire(&mut fs, 1, SimTime::from_millis(301_000), SimTime::from_millis(3_609_999)), 0);
        assert_eq!(
            expire(&mut fs, 1, SimTime::from_millis(3_609_999), SimTime::from_millis(3_610_000)),
            1,
            "one hour after it was received"
        );
        // Lowering the retention to 0 leaves a retained fragment only the buffer's 5 minutes.
        let mut fs: VecDeque<Fragment> = [fragment(1, 0, true, 1_000)].into();
        assert_eq!(expire(&mut fs, 0, SimTime::ZERO, SimTime::from_millis(300_000)), 1);
    }

    #[test]
    fn a_buffered_fragment_behind_retained_ones_still_leaves_after_5_minutes() {
        // Retained, then ingested while the retention was 0, then retained again.
        let mut fs: VecDeque<Fragment> =
            [fragment(1, 0, true, 1_000), fragment(2, 10, false, 1_000), fragment(3, 20, true, 1_000)].into();
        assert_eq!(expire(&mut fs, 1, SimTime::ZERO, SimTime::from_millis(200_000)), 0);
        assert_eq!(expire(&mut fs, 1, SimTime::from_millis(200_000), SimTime::from_millis(310_000)), 1);
        assert_eq!(fs.iter().map(|f| f.number).collect::<Vec<_>>(), vec![1, 3]);
    }

    #[test]
    fn a_retention_change_adds_or_subtracts_within_ten_years() {
        assert_eq!(changed(0, "INCREASE_DATA_RETENTION", 24).unwrap(), 24);
        assert_eq!(changed(24, "DECREASE_DATA_RETENTION", 23).unwrap(), 1);
        assert!(changed(1, "DECREASE_DATA_RETENTION", 2).unwrap_err().message.contains("between 0 and 87600"));
        assert!(changed(87_600, "INCREASE_DATA_RETENTION", 1).is_err());
        assert!(changed(1, "INCREASE_DATA_RETENTION", 0).is_err());
        assert!(changed(1, "SET", 3).is_err());
    }
}
