//! The served world's virtual time: it follows the wall clock at N× (AWS runs at 1×), or it
//! stands still until an admin request moves it (`--manual-clock`), so that a scripted test
//! gets the same answers every time.

use shardlab_sim::{SimDuration, SimTime, World};
use std::time::Instant;

pub enum LabClock {
    /// Virtual time = where it started + speed × the wall time since.
    Wall {
        speed: u32,
        started: Instant,
        origin: SimTime,
    },
    Manual,
}

impl LabClock {
    pub fn wall(speed: u32, world: &World) -> LabClock {
        LabClock::Wall { speed, started: Instant::now(), origin: world.now() }
    }

    /// Brings `world` up to the virtual instant of now, before a request is answered. (Nothing
    /// can observe the world between requests, so it is run lazily.)
    pub fn catch_up(&self, world: &mut World) {
        if let LabClock::Wall { speed, started, origin } = self {
            // Whole milliseconds, as `shardlab api`'s advance_ms counts: a recorded session
            // then replays to the same instants.
            let elapsed = started.elapsed().as_millis().saturating_mul(*speed as u128);
            let target = *origin + SimDuration::from_millis(elapsed.min(u64::MAX as u128) as u64);
            if target > world.now() {
                world.run_until(target);
            }
        }
    }

    /// How the clock runs, for the admin answer: "manual" or "10x".
    pub fn describe(&self) -> String {
        match self {
            LabClock::Wall { speed, .. } => format!("{speed}x"),
            LabClock::Manual => "manual".into(),
        }
    }
}
