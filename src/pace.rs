//! How fast the clock really runs. At 3,600× a frame asks for a virtual minute, which a busy
//! pipeline may not simulate within a frame. The run loop then advances, in slices, only what
//! fits in the frame's budget and drops the rest: the page stays responsive, the clock runs
//! slower than asked, and the speed achieved is measured here and shown beside the speed
//! asked for, so the clock never lags silently.

/// Wall time a frame may spend advancing the world, in ms, at least: the rest of a 60 Hz frame
/// is left to drawing.
pub const FRAME_BUDGET_MS: f64 = 10.0;
/// The share of the time since the last frame that advancing may take, when that is more.
/// Frames come on the display's beat: one whose drawing and advancing pass 16.7 ms waits for
/// the next beat, 33 ms after the last, and a fixed 10 ms would leave two thirds of that to a
/// drawing that needs far less. A day of a busy stream at 3,600× drew 30 frames a second
/// with 10 ms each for the model, and its clock ran at 0.47 of real time.
const FRAME_SHARE: f64 = 0.75;
/// The most a frame may spend advancing, in ms: the page still answers about 20 times a
/// second when the model is as busy as the settings allow.
const MAX_FRAME_BUDGET_MS: f64 = 50.0;

/// What a frame that came `interval_ms` after the last may spend advancing the world, in ms.
/// A clock that keeps up spends less: it stops when the frame's virtual time is done.
pub fn frame_budget(interval_ms: f64) -> f64 {
    (interval_ms * FRAME_SHARE).clamp(FRAME_BUDGET_MS, MAX_FRAME_BUDGET_MS)
}
/// The first slice of virtual time a run advances, in µs, before it knows what a slice costs.
const FIRST_SLICE_US: u64 = 1_000;
/// The browser's timer resolution (performance.now() without cross-origin isolation): a slice
/// that seems to take no time took up to this.
const TIMER_RESOLUTION_MS: f64 = 0.1;
/// The frames the achieved speed is measured over: about the last second of them.
const WINDOW_MS: f64 = 1_000.0;
/// Achieved below this share of the speed asked for is shown.
const SHORTFALL: f64 = 0.95;

/// What advancing the world costs, learnt from the slices run so far.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SliceCost {
    /// Wall ms per virtual µs; 0 before the first slice.
    ms_per_us: f64,
}

impl SliceCost {
    /// The next slice, of at most `left` virtual µs: what `budget_left_ms` of wall time
    /// affords at the cost learnt.
    pub fn next_slice(&self, left: u64, budget_left_ms: f64) -> u64 {
        let affordable = if self.ms_per_us > 0.0 { (budget_left_ms / self.ms_per_us) as u64 } else { FIRST_SLICE_US };
        affordable.max(1).min(left)
    }

    /// Learns from a slice of `slice_us` that took `took_ms`: a slower one is believed at
    /// once (a busier minute must not overrun the next frame), a faster one halfway.
    pub fn learn(&mut self, took_ms: f64, slice_us: u64) {
        let seen = took_ms.max(TIMER_RESOLUTION_MS) / slice_us.max(1) as f64;
        self.ms_per_us = if seen >= self.ms_per_us { seen } else { (self.ms_per_us + seen) / 2.0 };
    }
}

/// The frames of about the last second: wall ms and virtual µs, each older frame counting
/// less (a sum that decays over `WINDOW_MS`, kept without a list of frames).
#[derive(Debug, Default)]
pub struct Pace {
    wall_ms: f64,
    advanced_us: f64,
}

impl Pace {
    pub fn record(&mut self, wall_ms: f64, advanced_us: u64) {
        let keep = (1.0 - wall_ms / WINDOW_MS).max(0.0);
        self.wall_ms = self.wall_ms * keep + wall_ms;
        self.advanced_us = self.advanced_us * keep + advanced_us as f64;
    }

    /// The speed achieved over the last second when it falls short of `speed`, rounded to two
    /// significant digits (so that it does not flicker); None while the clock keeps up, or
    /// before half a second has been measured.
    pub fn shortfall(&self, speed: u32) -> Option<f64> {
        if self.wall_ms < WINDOW_MS / 2.0 {
            return None;
        }
        let achieved = self.advanced_us / 1_000.0 / self.wall_ms;
        if achieved >= speed as f64 * SHORTFALL {
            return None;
        }
        let mut unit = 0.1;
        while achieved >= 100.0 * unit {
            unit *= 10.0;
        }
        Some((achieved / unit).round() * unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn slices_grow_to_what_the_budget_affords_and_shrink_when_the_world_gets_busy() {
        let near = |got: u64, want: u64| assert!(got.abs_diff(want) <= 1, "{got} is not {want}");
        let mut cost = SliceCost::default();
        assert_eq!(cost.next_slice(57_600_000, FRAME_BUDGET_MS), FIRST_SLICE_US);
        // A cheap world: a millisecond of it seems free, so slices grow a hundredfold.
        cost.learn(0.0, 1_000);
        near(cost.next_slice(57_600_000, FRAME_BUDGET_MS), 100_000);
        // Never more than the frame asks for.
        assert_eq!(cost.next_slice(16_000, FRAME_BUDGET_MS), 16_000);
        // A busy second: 40 ms for 100 ms of virtual time is believed at once.
        cost.learn(40.0, 100_000);
        near(cost.next_slice(57_600_000, 8.0), 20_000);
        // A quicker slice is believed halfway.
        cost.learn(10.0, 100_000);
        near(cost.next_slice(57_600_000, 10.0), 40_000);
        // However little budget is left, a slice advances the clock.
        assert_eq!(cost.next_slice(57_600_000, 0.0), 1);
    }

    #[wasm_bindgen_test]
    fn a_frame_may_spend_three_quarters_of_its_interval_between_10_and_50_ms() {
        let near = |got: f64, want: f64| assert!((got - want).abs() < 1e-9, "{got} is not {want}");
        near(frame_budget(0.0), FRAME_BUDGET_MS);
        near(frame_budget(16.0), 12.0);
        near(frame_budget(33.2), 24.9);
        near(frame_budget(250.0), MAX_FRAME_BUDGET_MS);
    }

    #[wasm_bindgen_test]
    fn the_speed_achieved_is_shown_only_when_it_falls_short() {
        let mut pace = Pace::default();
        for _ in 0..100 {
            pace.record(16.0, 16_000 * 3_600);
        }
        assert_eq!(pace.shortfall(3_600), None, "keeping up");
        let mut slow = Pace::default();
        assert_eq!(slow.shortfall(3_600), None, "nothing measured yet");
        slow.record(16.0, 0);
        assert_eq!(slow.shortfall(3_600), None, "a frame is too little to tell");
        // Frames of 16 ms, each advancing 19.2 virtual seconds: 1,200×.
        for _ in 0..100 {
            slow.record(16.0, 19_200_000);
        }
        assert_eq!(slow.shortfall(3_600), Some(1_200.0));
        assert_eq!(slow.shortfall(600), None, "faster than asked is no shortfall");
        // Only the last second or so counts: the run caught up.
        for _ in 0..200 {
            slow.record(16.0, 16_000 * 3_600);
        }
        assert_eq!(slow.shortfall(3_600), None);
        let mut crawl = Pace::default();
        for _ in 0..60 {
            crawl.record(16.0, 8_000);
        }
        assert_eq!(crawl.shortfall(1), Some(0.5), "half of 1×");
        let mut odd = Pace::default();
        for _ in 0..60 {
            odd.record(16.0, 16_000 * 1_234);
        }
        assert_eq!(odd.shortfall(3_600), Some(1_200.0), "two significant digits");
    }
}
