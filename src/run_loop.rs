//! The run loop: on every animation frame, the world advances by the wall time since the last
//! frame times the speed. A long gap (a background tab, a breakpoint) is capped, not replayed,
//! so coming back to the page never freezes it while the model catches up. A frame spends at
//! most its budget advancing (`pace`): what does not fit is dropped, and the speed achieved
//! is reported when it falls short of the speed asked for.

use crate::memory_guard::{self, MemoryFull};
use crate::pace::{frame_budget, Pace, SliceCost};
use gloo::render::{request_animation_frame, AnimationFrame};
use shardlab_sim::{SimDuration, World};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The most wall time one frame may account for, in milliseconds.
pub const MAX_FRAME_MS: f64 = 250.0;

/// Virtual microseconds a frame of `wall_ms` is worth at `speed`, with the carry of the
/// fraction the previous frame could not use (the clock is integer microseconds).
pub fn virtual_step(wall_ms: f64, speed: u32, carry: f64) -> (u64, f64) {
    let micros = wall_ms.clamp(0.0, MAX_FRAME_MS) * 1_000.0 * speed as f64 + carry;
    let whole = micros.floor();
    (whole as u64, micros - whole)
}

struct LoopState {
    world: Rc<RefCell<World>>,
    speed: u32,
    last: Cell<Option<f64>>,
    carry: Cell<f64>,
    cost: Cell<SliceCost>,
    pace: RefCell<Pace>,
    /// The shortfall last reported: a new one is reported when it changes.
    reported: Cell<Option<f64>>,
    on_frame: Box<dyn Fn()>,
    /// The speed achieved, when it falls short of the speed asked for (None when it no longer
    /// does).
    on_pace: Box<dyn Fn(Option<f64>)>,
    /// The memory guard tripped: the loop has stopped, the page pauses and says why.
    on_memory_full: Box<dyn Fn(MemoryFull)>,
    frame: RefCell<Option<AnimationFrame>>,
}

/// A running loop; dropping it stops it.
pub struct RunLoop(Rc<LoopState>);

impl RunLoop {
    pub fn start(
        world: Rc<RefCell<World>>,
        speed: u32,
        on_frame: impl Fn() + 'static,
        on_pace: impl Fn(Option<f64>) + 'static,
        on_memory_full: impl Fn(MemoryFull) + 'static,
    ) -> RunLoop {
        let state = Rc::new(LoopState {
            world,
            speed,
            last: Cell::new(None),
            carry: Cell::new(0.0),
            cost: Cell::new(SliceCost::default()),
            pace: RefCell::new(Pace::default()),
            reported: Cell::new(None),
            on_frame: Box::new(on_frame),
            on_pace: Box::new(on_pace),
            on_memory_full: Box::new(on_memory_full),
            frame: RefCell::new(None),
        });
        schedule(&state);
        RunLoop(state)
    }
}

impl Drop for RunLoop {
    fn drop(&mut self) {
        // Dropping the pending frame cancels it and breaks the state → closure → state cycle.
        self.0.frame.borrow_mut().take();
    }
}

fn schedule(state: &Rc<LoopState>) {
    let next = state.clone();
    let frame = request_animation_frame(move |timestamp| {
        let wall_ms = next.last.replace(Some(timestamp)).map_or(0.0, |last| timestamp - last);
        let (micros, carry) = virtual_step(wall_ms, next.speed, next.carry.get());
        next.carry.set(carry);
        // A transform could fall due before its engine has loaded: the clock waits for it
        // (the wall time meanwhile is dropped, as for a background tab).
        let may_run = crate::script_engine::clock_may_run(&next.world.borrow());
        if may_run && micros > 0 {
            let advanced = advance_within_budget(&next, micros, frame_budget(wall_ms));
            let mut pace = next.pace.borrow_mut();
            // The wall time the frame stood for: a gap (a background tab) counts as the capped
            // frame it was replaced by, or coming back would read as a shortfall.
            pace.record(wall_ms.min(MAX_FRAME_MS), advanced);
            let shortfall = pace.shortfall(next.speed);
            drop(pace);
            (next.on_frame)();
            if next.reported.replace(shortfall) != shortfall {
                (next.on_pace)(shortfall);
            }
        }
        // Checked after each frame, before the next can grow the memory further.
        let full = memory_guard::check(&next.world.borrow());
        match full {
            Some(full) => (next.on_memory_full)(full),
            None => schedule(&next),
        }
    });
    *state.frame.borrow_mut() = Some(frame);
}

/// Advances the world by up to `micros`, in slices sized by what the last ones cost, until it
/// is there or `budget_ms` is spent; returns the virtual µs advanced.
fn advance_within_budget(state: &LoopState, micros: u64, budget_ms: f64) -> u64 {
    let now = || web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now());
    let started = now();
    let mut cost = state.cost.get();
    let mut advanced = 0;
    let mut world = state.world.borrow_mut();
    while advanced < micros {
        let before = now();
        let spent = before - started;
        if advanced > 0 && spent >= budget_ms {
            break;
        }
        let slice = cost.next_slice(micros - advanced, budget_ms - spent);
        world.advance(SimDuration::from_micros(slice));
        cost.learn(now() - before, slice);
        advanced += slice;
    }
    state.cost.set(cost);
    advanced
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_frame_is_worth_wall_time_times_speed() {
        assert_eq!(virtual_step(16.0, 1, 0.0), (16_000, 0.0));
        assert_eq!(virtual_step(16.0, 3_600, 0.0), (57_600_000, 0.0));
    }

    #[wasm_bindgen_test]
    fn a_long_gap_is_capped_and_fractions_carry_over() {
        assert_eq!(virtual_step(10_000.0, 10, 0.0).0, 2_500_000);
        let (whole, carry) = virtual_step(0.0004, 1, 0.0);
        assert_eq!(whole, 0);
        assert!((carry - 0.4).abs() < 1e-9);
        assert_eq!(virtual_step(0.0007, 1, carry).0, 1);
    }
}
