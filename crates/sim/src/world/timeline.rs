//! The timeline a learner rewinds: copies of the world kept as it runs (checkpoints), so that
//! going back to an earlier instant replays the journal from the nearest copy before it
//! rather than from the start. Memory stays bounded: at most `MAX_CHECKPOINTS` copies whose
//! held data together stay under a budget (`CHECKPOINT_BUDGET_BYTES`, or the page's share); when either would be passed, every
//! other copy is dropped (the first is kept) and copies are taken half as often, so the
//! copies thin out evenly over a long run.
//!
//! After a rewind the instants the learner left stay reachable (the scrubber still spans
//! them, replaying the same journal) until the learner acts or lets the clock run: that
//! starts a new branch, and what lay ahead of it on the old one is dropped.

use super::journal::{Journal, ResumeError};
use super::World;
use crate::time::{SimDuration, SimTime};

/// The most checkpoints kept at once.
pub const MAX_CHECKPOINTS: usize = 24;
/// The most data (records, objects, rows…, as `World::footprint` counts them) all checkpoints
/// together may hold: a world that holds more is not copied, and a rewind replays it from the
/// nearest smaller copy or from the start.
pub const CHECKPOINT_BUDGET_BYTES: u64 = 96 * 1024 * 1024;
/// How far apart checkpoints start out, in virtual time; it doubles at each thinning.
pub const FIRST_CHECKPOINT_EVERY: SimDuration = SimDuration::from_secs(5);
/// Per item held, what a copy costs beyond the data itself (its sequence number, key, times).
const ITEM_OVERHEAD_BYTES: u64 = 96;

struct Checkpoint {
    world: World,
    bytes: u64,
}

/// The branch a rewind left: its journal and the furthest instant it had reached.
struct Ahead {
    journal: Journal,
    horizon: SimTime,
    /// The world just after the rewind, as the timeline made it: any change to it (a frame,
    /// an action) starts a new branch.
    at: SimTime,
    entries: usize,
}

pub struct Timeline {
    checkpoints: Vec<Checkpoint>,
    /// The most data all checkpoints together may hold.
    budget: u64,
    every: SimDuration,
    ahead: Option<Ahead>,
}

/// What a world holds that a copy would copy, in bytes.
fn held_bytes(world: &World) -> u64 {
    world.footprint().iter().map(|h| h.bytes + h.items * ITEM_OVERHEAD_BYTES).sum()
}

impl Timeline {
    /// A timeline whose first checkpoint is `world` as it is now.
    pub fn new(world: &World) -> Timeline {
        Timeline::with_budget(world, CHECKPOINT_BUDGET_BYTES)
    }

    /// The same, with checkpoints holding at most `budget` bytes of data together (the page
    /// gives them a share of its own memory budget).
    pub fn with_budget(world: &World, budget: u64) -> Timeline {
        let mut timeline = Timeline { checkpoints: Vec::new(), budget, every: FIRST_CHECKPOINT_EVERY, ahead: None };
        timeline.take(world);
        timeline
    }

    /// The latest instant the scrubber reaches: where the world is, or further when a rewind
    /// left a branch ahead of it.
    pub fn horizon(&self, world: &World) -> SimTime {
        self.ahead.as_ref().map_or(world.now(), |a| a.horizon.max(world.now()))
    }

    /// The instants of the checkpoints kept, oldest first (the scrubber marks them).
    pub fn checkpoint_times(&self) -> impl Iterator<Item = SimTime> + '_ {
        self.checkpoints.iter().map(|c| c.world.now())
    }

    /// Called whenever the world has changed (a frame, an action): a change after a rewind
    /// starts a new branch, and a checkpoint is taken when one is due and `may_copy` (the page
    /// copies at most once a second of its own time, so that a fast run is not copied every
    /// frame). Returns whether it took one.
    pub fn note(&mut self, world: &World, may_copy: bool) -> bool {
        let entries = world.journal().map_or(0, |j| j.entries.len());
        if let Some(a) = &self.ahead {
            if world.now() != a.at || entries != a.entries {
                self.branch_at(a.at);
            }
        }
        let due = self.checkpoints.last().is_none_or(|last| world.now() >= last.world.now() + self.every);
        if due && may_copy {
            self.take(world);
        }
        due && may_copy
    }

    /// Drops what lay ahead of `at` on the branch a rewind left.
    fn branch_at(&mut self, at: SimTime) {
        self.ahead = None;
        self.checkpoints.retain(|c| c.world.now() <= at);
    }

    fn take(&mut self, world: &World) {
        let bytes = held_bytes(world);
        if bytes > self.budget {
            return;
        }
        while self.checkpoints.len() >= MAX_CHECKPOINTS
            || self.checkpoints.iter().map(|c| c.bytes).sum::<u64>() + bytes > self.budget
        {
            if self.checkpoints.len() <= 1 {
                break;
            }
            self.thin();
        }
        if self.checkpoints.iter().map(|c| c.bytes).sum::<u64>() + bytes <= self.budget {
            self.checkpoints.push(Checkpoint { world: world.clone(), bytes });
        }
    }

    /// Keeps the first checkpoint and every second one after it; later ones come half as often.
    fn thin(&mut self) {
        let mut i = 0;
        self.checkpoints.retain(|_| {
            i += 1;
            i % 2 == 1
        });
        self.every = self.every + self.every;
    }

    /// The world at `t` (clamped to the timeline), built from the nearest checkpoint at or
    /// before it and the journal of the branch the scrubber spans. `world` is the one the page
    /// shows now; it must keep a journal.
    pub fn rewind(&mut self, world: &World, t: SimTime) -> Result<World, ResumeError> {
        let horizon = self.horizon(world);
        let t = t.min(horizon);
        let journal = match &self.ahead {
            Some(a) => a.journal.clone(),
            None => world.journal().cloned().unwrap_or_else(|| Journal::new(world.scenario().clone())),
        };
        let base = self.checkpoints.iter().rev().find(|c| c.world.now() <= t);
        let rewound = match base {
            Some(c) => {
                let mut w = c.world.clone();
                w.replay_journal(&journal, t)?;
                w
            }
            None => World::resume(&journal, t)?,
        };
        let entries = rewound.journal().map_or(0, |j| j.entries.len());
        self.ahead = Some(Ahead { journal, horizon, at: rewound.now(), entries });
        Ok(rewound)
    }

    /// How many checkpoints are kept, and the data they hold.
    pub fn kept(&self) -> (usize, u64) {
        (self.checkpoints.len(), self.checkpoints.iter().map(|c| c.bytes).sum())
    }
}
