//! Autosave: the scenario being edited is kept in localStorage after every change, with the
//! journal of what was done to the running world and its clock, and all are found again when
//! the page is reloaded.

use gloo::storage::{LocalStorage, Storage};
use shardlab_sim::world::journal::Journal;
use shardlab_sim::{Scenario, ScenarioError, SimTime};

const DOC_KEY: &str = "shardlab.scenario";

thread_local! {
    /// Set once the saved work is the full build's to open (`hand_off`): this page, about to
    /// reload into that build, must not write its own state over it as it goes.
    static HANDED_OFF: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// From now on this page saves nothing: what is saved is for the full build it reloads into.
pub fn hand_off() {
    HANDED_OFF.with(|h| h.set(true));
}

fn handed_off() -> bool {
    HANDED_OFF.with(|h| h.get())
}

pub fn save_doc(doc: &Scenario) {
    if handed_off() {
        return;
    }
    // A full or disabled storage only means the work is not kept across reloads.
    let _ = LocalStorage::set(DOC_KEY, doc.to_json());
}

/// Saves a scenario's text as it is: one this build cannot read (`ScenarioError::NeedsFullModel`),
/// for the full build to open after the reload. The run of the work it replaces is forgotten.
pub fn save_raw_doc(json: &str) {
    // Kept as `save_doc` keeps a scenario (a JSON string of its text), for `load_doc` to read.
    let _ = LocalStorage::set(DOC_KEY, json);
    if let Some(storage) = raw() {
        let _ = storage.remove_item(JOURNAL_KEY);
        let _ = storage.remove_item(CLOCK_KEY);
    }
    hand_off();
}

/// The saved scenario: None when there is none, an error when what is saved cannot be read.
pub fn load_doc() -> Option<Result<Scenario, ScenarioError>> {
    let text: String = LocalStorage::get(DOC_KEY).ok()?;
    Some(Scenario::from_json(&text))
}

/// The journal of actions taken on the running world (`shardlab_sim::world::journal`), and
/// the virtual instant the world had reached: with the scenario they bring a reload back to
/// where the learner was. The clock is kept apart because it changes every frame and the
/// journal only when the learner acts.
const JOURNAL_KEY: &str = "shardlab.journal";
const CLOCK_KEY: &str = "shardlab.clock";

fn raw() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Saves the journal. One too large for the storage is removed instead: a reload then opens
/// the saved scenario at time zero, as it would without a journal. (Written as it is, not as
/// a JSON string of itself as gloo would: half the escaping, and no serde code for it.)
pub fn save_journal(journal: &Journal) {
    if handed_off() {
        return;
    }
    let Some(storage) = raw() else { return };
    if storage.set_item(JOURNAL_KEY, &journal.to_json()).is_err() {
        let _ = storage.remove_item(JOURNAL_KEY);
    }
}

pub fn save_clock(now: SimTime) {
    if handed_off() {
        return;
    }
    if let Some(storage) = raw() {
        let _ = storage.set_item(CLOCK_KEY, &now.as_micros().to_string());
    }
}

/// The saved journal and instant, when both are there and readable.
pub fn load_journal() -> Option<(Journal, SimTime)> {
    let storage = raw()?;
    let text = storage.get_item(JOURNAL_KEY).ok()??;
    let micros: u64 = storage.get_item(CLOCK_KEY).ok()??.parse().ok()?;
    Some((Journal::from_json(&text)?, SimTime(micros)))
}
