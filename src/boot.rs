//! What the page opens with: a share link's scenario (or a moment link's run), else the autosaved one (with its world
//! where the learner left it), else an empty one — each with the world built from it, and a
//! notice when what was asked for cannot open.

use crate::notice::Notice;
use crate::storage;
use shardlab_sim::{Scenario, ScenarioError, World};

/// The saved scenario and a world built from it; a saved scenario that no longer loads is
/// set aside (with a notice) for an empty one.
pub(crate) fn initial() -> (Scenario, World, Option<Notice>) {
    // A share link opens its scenario; the fragment is then dropped so that a reload keeps
    // the learner's edits rather than going back to the link.
    let location = web_sys::window().map(|w| w.location());
    let hash = location.as_ref().and_then(|l| l.hash().ok()).unwrap_or_default();
    let mut link_notice = None;
    let is_link = |prefix: &str| hash.starts_with(&format!("#{prefix}"));
    let (scenario_link, moment_link) =
        (is_link(shardlab_sim::share::PREFIX), is_link(shardlab_sim::share::MOMENT_PREFIX));
    if scenario_link || moment_link {
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let url = location.as_ref().and_then(|l| l.href().ok()).unwrap_or_default();
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(url.split('#').next().unwrap_or_default()),
            );
        }
    }
    if scenario_link {
        match shardlab_sim::share::from_fragment(&hash).and_then(|doc| World::from_scenario(&doc).map(|w| (doc, w))) {
            Ok((doc, world)) => return (doc, world, None),
            Err(ScenarioError::NeedsFullModel) => return open_link_in_full_build(&hash),
            Err(e) => link_notice = Some(Notice::CannotOpen(e)),
        }
    }
    if moment_link {
        // Where the sender was: the run replayed to the link's instant (or, while the script
        // engine loads or the full build is fetched, the scenario at zero until then).
        let opened = shardlab_sim::share::from_moment_fragment(&hash).and_then(|(journal, at)| {
            let (doc, resumed) = crate::resume::open_moment(journal, at);
            let world = resumed.map_or_else(|| World::from_scenario(&doc), Ok)?;
            Ok((doc, world))
        });
        match opened {
            Ok((doc, world)) => return (doc, world, None),
            Err(ScenarioError::NeedsFullModel) => return open_link_in_full_build(&hash),
            Err(e) => link_notice = Some(Notice::CannotOpen(e)),
        }
    }
    let (doc, world, notice) = saved();
    (doc, world, link_notice.or(notice))
}

pub(crate) fn saved() -> (Scenario, World, Option<Notice>) {
    let empty = |notice: Option<Notice>| (Scenario::default(), empty_world(), notice);
    match storage::load_doc() {
        // Where the learner was, when the journal allows; else the scenario at time zero.
        Some(Ok(doc)) => match crate::resume::resume_now(&doc).map_or_else(|| World::from_scenario(&doc), Ok) {
            Ok(world) => (doc, world, None),
            Err(e) => empty(Some(Notice::CannotOpen(e))),
        },
        // Saved by the full build: it opens it again after the reload.
        Some(Err(ScenarioError::NeedsFullModel)) => {
            storage::hand_off();
            crate::model_build::use_full_model();
            empty(Some(Notice::CannotOpen(ScenarioError::NeedsFullModel)))
        }
        Some(Err(e)) => empty(Some(Notice::CannotOpen(e))),
        None => empty(None),
    }
}

/// A link whose scenario only the full build reads: the address gets its link back, and the
/// page reloads into the full build, which opens it. Meanwhile, an empty canvas that says so.
fn open_link_in_full_build(hash: &str) -> (Scenario, World, Option<Notice>) {
    if let Some(location) = web_sys::window().map(|w| w.location()) {
        let _ = location.set_hash(hash);
    }
    storage::hand_off();
    crate::model_build::use_full_model();
    (Scenario::default(), empty_world(), Some(Notice::CannotOpen(ScenarioError::NeedsFullModel)))
}

/// The world of the empty scenario. (A `match`, not `expect`: `expect` would link the
/// error's Debug formatting into the page for a case that cannot happen.)
fn empty_world() -> World {
    match World::from_scenario(&Scenario::default()) {
        Ok(world) => world,
        Err(_) => unreachable!("the empty scenario is valid"),
    }
}
