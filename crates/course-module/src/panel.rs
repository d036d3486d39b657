//! The panel's state — which view it shows, the learner's progress, the attempt under way, the
//! exam being taken — kept in the browser so that a reload (the page switching to its build
//! with EMR, say) comes back to the same place; and the timer that grades an attempt while the
//! page's clock runs.

use crate::dom::{self, el};
use crate::host::Host;
use serde::{Deserialize, Serialize};
use shardlab_course::grade::Attempt;
use shardlab_course::progress::Progress;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

const PROGRESS_KEY: &str = "shardlab.course.progress";
const STATE_KEY: &str = "shardlab.course.state";
/// The learner's own scenario, kept when a lesson's replaced it on the canvas.
pub const OWN_WORK_KEY: &str = "shardlab.course.own-work";
/// Set while the panel is open: the page opens it again after a reload.
const OPEN_KEY: &str = "shardlab.course.open";
/// How often an attempt is graded and the exam's clock redrawn (ms of the browser's clock).
const TICK_MS: i32 = 400;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum View {
    Lessons,
    Lesson { index: usize, step: usize },
    Quiz { topic: Option<String>, index: usize, chosen: Vec<usize>, checked: bool },
    Exam(Option<Exam>),
}

/// An exam: its set, the answers so far, its deadline, and whether it was handed in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Exam {
    pub seed: u64,
    pub questions: Vec<usize>,
    pub answers: Vec<Vec<usize>>,
    pub current: usize,
    pub deadline_ms: f64,
    pub handed_in: bool,
    #[serde(default)]
    pub timed_out: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Outcome {
    Passed {
        result: Option<f64>,
    },
    Failed {
        requirement: usize,
    },
    /// The world cannot answer (the lesson's scenario was replaced) — why.
    Unavailable(String),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LessonAttempt {
    pub lesson: usize,
    pub attempt: Attempt,
    pub outcome: Option<Outcome>,
    /// The readings last graded (value, holds), for the panel to show.
    #[serde(default)]
    pub readings: Vec<(f64, Option<f64>, Option<f64>, bool)>,
    #[serde(default)]
    pub elapsed_ms: u64,
}

/// What is kept across reloads.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Saved {
    view: View,
    attempt: Option<LessonAttempt>,
}

pub struct Panel {
    pub lang: String,
    pub host: Host,
    pub root: Element,
    pub view: View,
    pub progress: Progress,
    pub attempt: Option<LessonAttempt>,
    /// The set number the exam's form offers: a link's, or a random one.
    pub suggested_seed: u64,
}

thread_local! {
    static PANEL: RefCell<Option<Panel>> = const { RefCell::new(None) };
    static TIMER: RefCell<Option<i32>> = const { RefCell::new(None) };
}

/// Runs `f` on the panel, if it is open.
/// Runs `f` on the panel, if it is open (and not busy: a change the page makes while the
/// panel calls it waits for the next one).
pub fn with<R>(f: impl FnOnce(&mut Panel) -> R) -> Option<R> {
    PANEL.with(|p| p.try_borrow_mut().ok()?.as_mut().map(f))
}

/// Changes the panel, keeps the change and draws it again.
pub fn update(f: impl FnOnce(&mut Panel)) {
    with(|p| {
        f(p);
        p.save();
        crate::render::render(p);
    });
}

impl Panel {
    pub fn save(&self) {
        let saved = Saved { view: self.view.clone(), attempt: self.attempt.clone() };
        if let Ok(text) = serde_json::to_string(&saved) {
            dom::storage_set(STATE_KEY, &text);
        }
        dom::storage_set(PROGRESS_KEY, &self.progress.to_json());
    }
}

/// What a link asks the panel to show.
pub enum Ask {
    Nothing,
    /// The exam's form with this set number (unless an exam is under way).
    Exam(u64),
    /// This lesson, its scenario opened on the canvas.
    Lesson(usize),
}

/// Opens the panel (or shows it again) in `lang`, on what `ask` asks for.
pub fn open(lang: &str, host: Host, ask: Ask) -> Result<(), JsValue> {
    let to_exam = |p: &mut Panel| match ask {
        Ask::Exam(seed) => {
            p.suggested_seed = seed;
            if !matches!(&p.view, View::Exam(Some(e)) if !e.handed_in) {
                p.view = View::Exam(None);
            }
        }
        Ask::Lesson(index) => {
            p.view = View::Lesson { index, step: 0 };
            crate::lessons_view::open_scenario(p, index);
        }
        Ask::Nothing => {}
    };
    let reopened = with(|p| {
        p.lang = lang.to_string();
        p.host = host.clone();
        to_exam(p);
        p.root.remove_attribute("hidden").is_ok()
    });
    if reopened.is_none() {
        let saved: Option<Saved> = dom::storage_get(STATE_KEY).and_then(|t| serde_json::from_str(&t).ok());
        let progress = Progress::from_json(&dom::storage_get(PROGRESS_KEY).unwrap_or_default());
        let style = el("style", "", include_str!("learn.css"));
        dom::document().head().ok_or("no head")?.append_child(&style)?;
        let root = el("aside", "learn-panel", "");
        dom::document().body().ok_or("no body")?.append_child(&root)?;
        let (view, attempt) = saved.map(|s| (s.view, s.attempt)).unwrap_or((View::Lessons, None));
        let suggested_seed = (js_sys::Math::random() * 1e6) as u64;
        let mut panel = Panel { lang: lang.to_string(), host, root, view, progress, attempt, suggested_seed };
        to_exam(&mut panel);
        PANEL.with(|p| *p.borrow_mut() = Some(panel));
        start_timer()?;
    }
    dom::storage_set(OPEN_KEY, "1");
    learning(true);
    update(|_| {});
    with(|p| {
        // The focus goes into the panel, on its heading, so that a keyboard user is there.
        if let Some(h) = p.root.query_selector("h2").ok().flatten() {
            if let Ok(h) = h.dyn_into::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        }
    });
    Ok(())
}

/// Marks the page as being learnt on: the panel takes the palette's column.
fn learning(on: bool) {
    if let Some(body) = dom::document().body() {
        let _ = if on { body.class_list().add_1("learning") } else { body.class_list().remove_1("learning") };
    }
}

pub fn close() {
    with(|p| dom::attr(&p.root, "hidden", ""));
    learning(false);
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.remove_item(OPEN_KEY);
    }
}

pub fn set_lang(lang: &str) {
    update(|p| p.lang = lang.to_string());
}

fn start_timer() -> Result<(), JsValue> {
    let tick = Closure::<dyn Fn()>::new(crate::render::tick);
    let window = web_sys::window().ok_or("no window")?;
    let id = window.set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), TICK_MS)?;
    tick.forget();
    TIMER.with(|t| *t.borrow_mut() = Some(id));
    Ok(())
}
