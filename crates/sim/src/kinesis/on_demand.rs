//! ON_DEMAND capacity, as the developer guide ("Choose the data stream capacity mode") and the
//! quotas page describe it: a new stream can write 4 MiB/s and 4,000 records/s (4 shards'
//! worth); it "accommodates up to double the previous peak write throughput observed in the
//! last 30 days", and as traffic sets a new peak the capacity follows it (a peak of 50 MiB/s
//! makes room for 100 MiB/s); but "write throttling can occur if your traffic grows to more
//! than double the previous peak within a 15-minute duration"; a stream scales up to
//! 10 GB/s of writes (us-east-1, us-west-2, eu-west-1, where the lab runs).
//!
//! The model, per virtual second: each second's accepted writes need, at double, some
//! number of shards of 1 MiB/s and 1,000 records/s. A second becomes part of the *previous*
//! peak 15 minutes after it ends, and stays part of it for 30 days. The capacity is the
//! largest need among those seconds (at least the 4 shards a stream starts with, at most the
//! ceiling), reached by resharding like UpdateShardCount's uniform scaling. Traffic that more
//! than doubles within 15 minutes is throttled by the shards it has until its own peak counts.
//! Accepted writes only: throttled ones never reached the stream, so capacity at most
//! doubles every 15 minutes under sustained pressure. AWS scales down "gradually"; within the
//! 30 days the peak is remembered it does not, and the model keeps the capacity it reached.
//!
//! Cheap: the seconds of the last 15 minutes (at most 900) and hourly maxima for 30 days (at
//! most 721); a service tick only at the instant a second that needs more than the current
//! capacity starts to count.

use super::limits::{SHARD_WRITE_BYTES_PER_SEC, SHARD_WRITE_RECORDS_PER_SEC};
use crate::ctx::Ctx;
use crate::time::SimTime;
use std::collections::VecDeque;

// The numbers (4 shards to start, 15 minutes, 30 days, the 10 GB/s ceiling) are in `limits`.
use super::limits::{
    ON_DEMAND_INITIAL_SHARDS as INITIAL_SHARDS, ON_DEMAND_MAX_SHARDS as MAX_SHARDS,
    ON_DEMAND_PEAK_COUNTS_AFTER as PEAK_COUNTS_AFTER, ON_DEMAND_PEAK_REMEMBERED_FOR as PEAK_REMEMBERED_FOR,
};

/// The shards of 1 MiB/s and 1,000 records/s that double one second's writes need.
pub fn shards_for_double(bytes: u64, records: u64) -> u32 {
    let need = (2 * bytes).div_ceil(SHARD_WRITE_BYTES_PER_SEC).max((2 * records).div_ceil(SHARD_WRITE_RECORDS_PER_SEC));
    need.min(u32::MAX as u64) as u32
}

/// When second `second`'s writes start to count as the previous peak.
pub fn counts_from(second: u64) -> SimTime {
    SimTime::from_millis((second + 1) * 1_000) + PEAK_COUNTS_AFTER
}

const HOUR_SECS: u64 = 3_600;

#[derive(Clone, Debug, PartialEq)]
pub struct OnDemandCapacity {
    /// The capacity the stream has or is resharding to, in shards.
    target: u32,
    /// The second being written: (second, bytes, records), and whether a review is booked for
    /// when it counts.
    current: (u64, u64, u64),
    current_booked: bool,
    /// Finished seconds not counted yet: (second, shards needed).
    recent: VecDeque<(u64, u32)>,
    /// Counted seconds, as hourly maxima: (hour, shards needed).
    history: VecDeque<(u64, u32)>,
}

impl OnDemandCapacity {
    pub fn new(shards: u32) -> Self {
        OnDemandCapacity {
            target: shards,
            current: (0, 0, 0),
            current_booked: false,
            recent: VecDeque::new(),
            history: VecDeque::new(),
        }
    }

    /// The capacity in shards the stream has, or is resharding to.
    pub fn target(&self) -> u32 {
        self.target
    }

    /// The previous peak as the capacity reads it: the shards double the busiest counted
    /// second of the last 30 days needs (0 before any second counts).
    pub fn previous_peak_shards(&self) -> u32 {
        self.history.iter().map(|&(_, need)| need).max().unwrap_or(0)
    }

    /// Counts an accepted write. A second that needs more than the current capacity books a
    /// review for when it counts, so the capacity rises at that instant however the clock is
    /// advanced.
    pub fn note_write(&mut self, ctx: &mut Ctx, bytes: u64) {
        let second = ctx.now.second();
        self.close_seconds_before(second);
        if self.current.0 != second {
            self.current = (second, 0, 0);
            self.current_booked = false;
        }
        self.current.1 += bytes;
        self.current.2 += 1;
        if !self.current_booked && shards_for_double(self.current.1, self.current.2) > self.target {
            self.current_booked = true;
            ctx.wake_at(counts_from(second));
        }
    }

    /// Moves a finished second into the not-yet-counted ones.
    fn close_seconds_before(&mut self, second: u64) {
        let (s, bytes, records) = self.current;
        if s < second && (bytes, records) != (0, 0) {
            self.recent.push_back((s, shards_for_double(bytes, records)));
            self.current = (second, 0, 0);
            self.current_booked = false;
        }
    }

    /// The capacity due at `now`: seconds whose 15 minutes have passed count, hours older
    /// than 30 days are forgotten. Returns the shards to reshard to when that is more than the
    /// stream has (`None` otherwise); the caller starts the resharding and then `reached`.
    pub fn review(&mut self, now: SimTime) -> Option<u32> {
        self.close_seconds_before(now.second());
        while let Some(&(second, need)) = self.recent.front().filter(|&&(s, _)| counts_from(s) <= now) {
            self.recent.pop_front();
            let hour = second / HOUR_SECS;
            match self.history.back_mut() {
                Some(last) if last.0 == hour => last.1 = last.1.max(need),
                _ => self.history.push_back((hour, need)),
            }
        }
        let remembered = PEAK_REMEMBERED_FOR.as_millis() / 1_000;
        while self.history.front().is_some_and(|&(hour, _)| (hour + 1) * HOUR_SECS + remembered <= now.second()) {
            self.history.pop_front();
        }
        let due = self.previous_peak_shards().clamp(INITIAL_SHARDS, MAX_SHARDS);
        (due > self.target).then_some(due)
    }

    /// The stream started resharding to `shards`.
    pub fn reached(&mut self, shards: u32) {
        self.target = self.target.max(shards);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_a_second_in_shards_of_1_mib_and_1000_records() {
        assert_eq!(shards_for_double(0, 0), 0);
        assert_eq!(shards_for_double(2 * 1024 * 1024, 10), 4, "2 MiB/s at double is 4 MiB/s");
        assert_eq!(shards_for_double(100, 2_500), 5, "2,500 records/s at double is 5,000");
        assert_eq!(counts_from(9), SimTime::from_millis(910_000));
    }

    fn ctx_parts(
    ) -> (crate::ledger::Ledger, crate::metrics::Metrics, crate::event::EventLog, Vec<SimTime>, u64, crate::flow::FlowLog)
    {
        Default::default()
    }

    #[test]
    fn a_peak_counts_after_15_minutes_and_is_forgotten_after_30_days() {
        let (mut ledger, mut metrics, mut log, mut wakeups, mut ids, mut flows) = ctx_parts();
        let mut cap = OnDemandCapacity::new(INITIAL_SHARDS);
        let at = |s: u64| SimTime::from_millis(s * 1_000);
        {
            let mut ctx = Ctx {
                now: at(100),
                epoch_ms: 0,
                ledger: &mut ledger,
                metrics: &mut metrics,
                log: &mut log,
                wakeups: &mut wakeups,
                next_record_id: &mut ids,
                flows: &mut flows,
            };
            for _ in 0..3_000 {
                cap.note_write(&mut ctx, 10);
            }
        }
        assert_eq!(wakeups, [counts_from(100)], "a second that needs more than 4 shards books its review");
        assert_eq!(cap.review(at(1_000)), None, "not yet 15 minutes after");
        assert_eq!(cap.review(counts_from(100)), Some(6), "3,000 records/s, doubled");
        cap.reached(6);
        assert_eq!(cap.review(counts_from(100)), None);
        assert_eq!(cap.previous_peak_shards(), 6);
        // The hour it fell in is forgotten 30 days after that hour ended.
        let forgotten = at(3_600) + PEAK_REMEMBERED_FOR;
        assert_eq!(cap.review(at(3_599) + PEAK_REMEMBERED_FOR), None);
        assert_eq!(cap.previous_peak_shards(), 6);
        cap.review(forgotten);
        assert_eq!(cap.previous_peak_shards(), 0);
        assert_eq!(cap.target(), 6, "the capacity reached is kept");
    }
}
