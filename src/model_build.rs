//! Which build of the model the page runs. The first load has Kinesis Data Streams and
//! Firehose; EMR, DynamoDB, the Redshift Data API and the streaming SQL engine (Analytics
//! applications) are in a second build (see www/boot.js) that the page switches
//! to as soon as the scenario places one of their components — from the palette, a shared
//! link, an imported file or a lesson. The scenario is saved first, so it comes back.

use shardlab_sim::scenario::ComponentKind;
use shardlab_sim::{Scenario, ScenarioError};
use wasm_bindgen::JsCast;

/// Whether this build has the EMR, DynamoDB, Analytics and Video Streams models.
pub const FULL: bool = cfg!(feature = "emr") && cfg!(feature = "analytics") && cfg!(feature = "video");

/// Whether `doc` places a component only the full build runs, a bucket with sample data
/// (which is there for EMR jobs, and which that build makes), or a Redshift cluster (whose
/// tables the console reads with the Redshift Data API, which that build has).
pub fn needs_full(doc: &Scenario) -> bool {
    doc.components.iter().any(|c| match &c.kind {
        ComponentKind::S3Bucket(b) => b.sample.is_some(),
        ComponentKind::Redshift(_) => true,
        kind => kind.kind().needs_full_model(),
    })
}

/// Reloads into the full build (boot.js's `shardlabUseFullModel`), once `doc` is saved.
pub fn switch_if_needed(doc: &Scenario) {
    if FULL || !needs_full(doc) {
        return;
    }
    crate::storage::save_doc(doc);
    use_full_model();
}

/// Reads a scenario the learner opens (a file, a lesson of the Learn panel). The first load
/// does not read the components only the full build runs (`ScenarioError::NeedsFullModel`):
/// such a scenario is saved as it is, as the learner's work, and the page reloads into the
/// full build, which opens it (an embed reloads by its own address instead).
pub fn read_scenario(json: &str) -> Result<Scenario, ScenarioError> {
    let read = Scenario::from_json(json);
    if matches!(read, Err(ScenarioError::NeedsFullModel)) {
        if crate::embed::is_embedded() {
            reload_embed_in_full_build();
        } else {
            crate::storage::save_raw_doc(json);
            use_full_model();
        }
    }
    read
}

/// Reloads the page into the full build (boot.js's `shardlabUseFullModel`); what it opens
/// with is the autosave, or the address's link.
pub fn use_full_model() {
    let global = js_sys::global();
    if let Ok(f) = js_sys::Reflect::get(&global, &"shardlabUseFullModel".into()) {
        if let Ok(f) = f.dyn_into::<js_sys::Function>() {
            let _ = f.call0(&global);
        }
    }
}

/// An embed that needs the full build reloads itself into it by its own address
/// (`&model=full`, which boot.js reads), never through the full page's saved state.
pub fn switch_embed_if_needed(doc: &Scenario) {
    if FULL || !needs_full(doc) {
        return;
    }
    reload_embed_in_full_build();
}

/// Reloads an embed into the full build by its own address.
pub fn reload_embed_in_full_build() {
    if let Some(location) = web_sys::window().map(|w| w.location()) {
        let hash = location.hash().unwrap_or_default();
        if !hash.contains("model=full") {
            let _ = location.set_hash(&format!("{hash}&model=full"));
            let _ = location.reload();
        }
    }
}
