//! Drawing the panel: its heading and tabs, then the view it is on; and the timer's tick,
//! which grades the attempt under way and runs the exam's clock.

use crate::dom::{append, attr, button, el};
use crate::panel::{self, update, Outcome, Panel, View};
use crate::texts as t;
use shardlab_course::course;
use shardlab_course::grade::{self, Grade};
use wasm_bindgen::JsCast;
use web_sys::Element;

pub fn render(p: &Panel) {
    let lang = p.lang.as_str();
    p.root.set_inner_html("");
    let _ = p.root.set_attribute("lang", if lang.starts_with("zh") { "zh-Hant" } else { "en" });
    // Named by aria-label: a heading's name would carry its CSS capitals in Chromium.
    attr(&p.root, "aria-label", t::LEARN.get(lang));
    let head = el("header", "learn-head", "");
    let title = el("h2", "", t::LEARN.get(lang));
    title.set_id("learn-title");
    attr(&title, "tabindex", "-1");
    append(&head, &title);
    let close = button("icon close", "✕", panel::close);
    attr(&close, "aria-label", t::CLOSE.get(lang));
    attr(&close, "title", t::CLOSE.get(lang));
    append(&head, &close);
    append(&p.root, &head);
    let tabs = el("nav", "learn-tabs", "");
    attr(&tabs, "aria-label", t::LEARN.get(lang));
    let current = match p.view {
        View::Lessons | View::Lesson { .. } => 0,
        View::Quiz { .. } => 1,
        View::Exam(_) => 2,
    };
    for (i, (text, view)) in [
        (&t::LESSONS, View::Lessons),
        (&t::QUIZ, View::Quiz { topic: None, index: 0, chosen: Vec::new(), checked: false }),
        (&t::EXAM, View::Exam(None)),
    ]
    .into_iter()
    .enumerate()
    {
        // The exam under way stays when its tab is pressed again.
        let b = button("", text.get(lang), move || {
            update(|p| {
                let same = matches!((&p.view, &view), (View::Exam(Some(_)), View::Exam(None)));
                if !same {
                    p.view = view.clone();
                }
            })
        });
        attr(&b, "aria-pressed", if i == current { "true" } else { "false" });
        append(&tabs, &b);
    }
    append(&p.root, &tabs);
    let body = match &p.view {
        View::Lessons => crate::lessons_view::list(p),
        View::Lesson { index, step } => crate::lessons_view::lesson(p, *index, *step),
        View::Quiz { topic, index, chosen, checked } => {
            crate::quiz_view::quiz(p, topic.as_deref(), *index, chosen, *checked)
        }
        View::Exam(exam) => crate::exam_view::exam(p, exam.as_ref()),
    };
    body.class_list().add_1("learn-body").ok();
    append(&p.root, &body);
}

/// A figure as the panel shows it: whole numbers without decimals.
pub fn figure(v: f64) -> String {
    if v.fract() == 0.0 || v.abs() >= 100.0 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    }
}

/// Grades the attempt under way; at its end, books it and points at what happened.
fn grade_attempt(p: &mut Panel) -> bool {
    let Some(a) = p.attempt.as_mut() else { return false };
    if a.outcome.is_some() {
        return false;
    }
    let Some(lesson) = course().lessons.get(a.lesson) else { return false };
    let host = p.host.clone();
    let probe = move |q: &str, from: u64, to: u64| host.probe(q, from, to);
    let (outcome, readings, elapsed) = match grade::grade(&lesson.challenge, &a.attempt, p.host.now_ms(), &probe) {
        Ok(Grade::Running { elapsed_ms, readings }) => (None, readings, elapsed_ms),
        Ok(Grade::Passed { readings, result }) => (Some(Outcome::Passed { result }), readings, a.elapsed_ms),
        Ok(Grade::Failed { requirement, readings }) => (Some(Outcome::Failed { requirement }), readings, a.elapsed_ms),
        Err(why) => (Some(Outcome::Unavailable(why)), Vec::new(), a.elapsed_ms),
    };
    if !readings.is_empty() {
        a.readings = readings.iter().map(|r| (r.value, r.at_least, r.at_most, r.holds)).collect();
    }
    a.elapsed_ms = elapsed;
    let Some(outcome) = outcome else { return false };
    let challenge = &lesson.challenge;
    let (passed, result, highlight) = match &outcome {
        Outcome::Passed { result } => (true, *result, challenge.success.highlight.clone()),
        Outcome::Failed { requirement } => {
            (false, None, challenge.require.get(*requirement).and_then(|r| r.fail.highlight.clone()))
        }
        Outcome::Unavailable(_) => (false, None, None),
    };
    if !matches!(outcome, Outcome::Unavailable(_)) {
        let higher = challenge.result.as_ref().is_some_and(|r| r.higher_is_better);
        p.progress.record(&lesson.id, passed, result, higher);
    }
    a.outcome = Some(outcome);
    if let Some(id) = highlight {
        p.host.select(&id);
    }
    true
}

/// Every tick: an attempt's figures, or its end; the exam's clock, or its end.
pub fn tick() {
    let ended = panel::with(|p| {
        let attempt_ended = grade_attempt(p);
        if !attempt_ended {
            if let Some(status) = p.root.query_selector(".challenge-status").ok().flatten() {
                crate::lessons_view::fill_status(p, &status);
            }
        }
        let exam_ended = crate::exam_view::tick(p);
        attempt_ended || exam_ended
    });
    if ended == Some(true) {
        update(|_| {});
        // The verdict in view (it is announced as an alert; the focus stays where the learner is).
        panel::with(|p| {
            if let Some(outcome) = p.root.query_selector(".outcome").ok().flatten() {
                outcome.scroll_into_view();
            }
        });
    }
}

/// A paragraph announced to screen readers when it changes.
pub fn status(class: &str) -> Element {
    let s = el("p", class, "");
    attr(&s, "role", "status");
    attr(&s, "aria-live", "polite");
    s
}

/// Focuses the first element matching `selector` in the panel (after a change of view).
pub fn focus(p: &Panel, selector: &str) {
    if let Some(e) = p.root.query_selector(selector).ok().flatten() {
        if let Ok(e) = e.dyn_into::<web_sys::HtmlElement>() {
            let _ = e.focus();
        }
    }
}

/// Enables or disables the button matching `selector`.
pub fn enable(p: &Panel, selector: &str, on: bool) {
    if let Some(b) = p.root.query_selector(selector).ok().flatten() {
        if on {
            let _ = b.remove_attribute("disabled");
        } else {
            attr(&b, "disabled", "");
        }
    }
}

pub fn letter(i: usize) -> String {
    char::from(b'A' + (i as u8 % 26)).to_string()
}
