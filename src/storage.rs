//! Autosave: the scenario being edited is kept in localStorage after every change, and found
//! again when the page is reloaded.

use gloo::storage::{LocalStorage, Storage};
use shardlab_sim::{Scenario, ScenarioError};

const DOC_KEY: &str = "shardlab.scenario";

pub fn save_doc(doc: &Scenario) {
    // A full or disabled storage only means the work is not kept across reloads.
    let _ = LocalStorage::set(DOC_KEY, doc.to_json());
}

/// The saved scenario: None when there is none, an error when what is saved cannot be read.
pub fn load_doc() -> Option<Result<Scenario, ScenarioError>> {
    let text: String = LocalStorage::get(DOC_KEY).ok()?;
    Some(Scenario::from_json(&text))
}
