//! Coming back to where the learner was. The page saves the scenario, the journal of what was
//! done to the running world and the virtual clock (src/storage.rs); on reload the world is
//! rebuilt from the journal up to the saved instant (`World::resume`), so a split shard, a
//! stream made in the console and the clock are all there again. `put_world` is how the page
//! puts any new world in place (New, a lesson, a restart, a resume), with its timeline.

use crate::model_build;
use crate::storage;
use shardlab_sim::world::journal::Journal;
use shardlab_sim::world::timeline::Timeline;
use shardlab_sim::{Scenario, SimTime, World};
use std::cell::RefCell;
use yew::Callback;

/// The saved journal and instant, when they are the history of `doc` (the document may have
/// been replaced in another tab, or the journal not saved because it outgrew the storage)
/// and this build can run it (a scenario with EMR waits for the full build's reload).
fn saved_for(doc: &Scenario) -> Option<(Journal, SimTime)> {
    let (journal, until) = storage::load_journal()?;
    let fits = journal.scenario() == doc && (model_build::FULL || !model_build::needs_full(doc));
    fits.then_some((journal, until))
}

thread_local! {
    /// A saved journal, or a moment link's, whose replay waits for the script engine
    /// (`resume_later`). A plain share link opens its own scenario at zero.
    static WAITING: RefCell<Option<(Journal, SimTime)>> = const { RefCell::new(None) };
}

/// The world `doc` had when the page was left, rebuilt now; None when there is nothing to
/// resume, or when its replay must wait for the script engine (`resume_later` does it then).
pub(crate) fn resume_now(doc: &Scenario) -> Option<World> {
    let (journal, until) = saved_for(doc)?;
    resume_journal(journal, until)
}

/// A link to a moment (`#m=…`): its run becomes the learner's work, saved as a reload would
/// find it (so that a switch to the full build finds it too), and opened as one.
pub(crate) fn open_moment(journal: Journal, at: SimTime) -> (Scenario, Option<World>) {
    let doc = journal.scenario().clone();
    storage::save_doc(&doc);
    storage::save_journal(&journal);
    storage::save_clock(at);
    let runs_here = model_build::FULL || !model_build::needs_full(&doc);
    let world = if runs_here { resume_journal(journal, at) } else { None };
    (doc, world)
}

/// The world `journal` gives at `until`, or None when its replay waits for the script engine.
fn resume_journal(journal: Journal, until: SimTime) -> Option<World> {
    if journal.uses_scripts() && !matches!(crate::script_engine::status(), crate::script_engine::Status::Ready) {
        WAITING.with(|w| *w.borrow_mut() = Some((journal, until)));
        return None;
    }
    World::resume(&journal, until).ok()
}

/// For the journal `resume_now` left waiting (its replay runs transforms or script jobs):
/// loads the script engine, then hands over the resumed world. Meanwhile the page shows the
/// scenario at time zero, and the saved journal is left alone (nothing is saved before
/// something happens).
pub(crate) fn resume_later(on_resumed: Callback<World>) {
    let Some((journal, until)) = WAITING.with(|w| w.borrow_mut().take()) else { return };
    crate::script_engine::load(Some(Callback::from(move |()| {
        if let Ok(world) = World::resume(&journal, until) {
            on_resumed.emit(world);
        }
    })));
}

/// What was last saved, so that only what changed is written again.
#[derive(Default)]
pub struct Saved {
    /// Bumped whenever the page puts another world in place (a rewind, New, a lesson, a
    /// restart): its journal is saved whole even if it has as many entries as the last.
    pub generation: u64,
    saved_generation: Option<u64>,
    entries: usize,
    clock: Option<SimTime>,
    clock_wall_ms: f64,
}

/// The clock is written at most this often while it runs (and whenever it stops, and when
/// the page is left).
const CLOCK_EVERY_MS: f64 = 1_000.0;

impl Saved {
    /// What the page opened with counts as saved: nothing is written until something changes.
    pub fn opened_with(world: &World) -> Saved {
        let entries = world.journal().map_or(0, |j| j.entries.len());
        Saved { generation: 0, saved_generation: Some(0), entries, clock: Some(world.now()), clock_wall_ms: 0.0 }
    }

    /// Writes the journal when it changed and the clock when it moved (at most once a
    /// second while running, unless `now_anyway`).
    pub fn save(&mut self, world: &World, wall_ms: f64, now_anyway: bool) {
        let Some(journal) = world.journal() else { return };
        if self.saved_generation != Some(self.generation) || self.entries != journal.entries.len() {
            storage::save_journal(journal);
            self.saved_generation = Some(self.generation);
            self.entries = journal.entries.len();
            // A journal without its clock would resume at a stale instant.
            self.clock = None;
        }
        let moved = self.clock != Some(world.now());
        if moved && (now_anyway || self.clock.is_none() || wall_ms - self.clock_wall_ms >= CLOCK_EVERY_MS) {
            storage::save_clock(world.now());
            self.clock = Some(world.now());
            self.clock_wall_ms = wall_ms;
        }
    }
}

/// Puts another world in place of the page's (New, a lesson, a restart, a resume that waited
/// for the script engine): it keeps a journal, its timeline starts with it, and its journal
/// is saved whole at the next save.
pub(crate) fn put_world(
    world: &RefCell<World>,
    timeline: &RefCell<Timeline>,
    saved: &RefCell<Saved>,
    mut fresh: World,
) {
    fresh.keep_journal();
    *timeline.borrow_mut() = Timeline::with_budget(&fresh, checkpoint_budget());
    *world.borrow_mut() = fresh;
    saved.borrow_mut().generation += 1;
}

/// What the timeline's copies of the world may hold: an eighth of the page's memory budget,
/// and no more than the model's own cap. They are memory the run itself cannot use, and the
/// memory guard counts them.
pub(crate) fn checkpoint_budget() -> u64 {
    let share = crate::memory_guard::budget_mb() as u64 * 1024 * 1024 / 8;
    share.min(shardlab_sim::world::timeline::CHECKPOINT_BUDGET_BYTES)
}
