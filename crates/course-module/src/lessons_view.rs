//! The lessons: the list (with what is done), and a lesson — open its scenario, follow its
//! steps (each pointing at a component), take its challenge and read why it passed or failed.

use crate::dom::{self, append, attr, button, el};
use crate::panel::{update, Outcome, Panel, View, OWN_WORK_KEY};
use crate::render::{figure, focus, status};
use crate::texts as t;
use shardlab_course::course;
use shardlab_course::grade;
use web_sys::Element;

/// The name a scenario file gives itself.
fn scenario_name(json: &str) -> String {
    serde_json::from_str::<serde_json::Value>(json)
        .ok()
        .and_then(|v| v["name"].as_str().map(str::to_string))
        .unwrap_or_default()
}

fn progress_line(p: &Panel, id: &str) -> String {
    let lang = p.lang.as_str();
    let Some(lp) = p.progress.lessons.get(id) else { return String::new() };
    let mut parts = Vec::new();
    if lp.passed {
        parts.push(format!("✓ {}", t::DONE.get(lang)));
    }
    parts.push(t::ATTEMPTS.fill(lang, &[&lp.attempts.to_string()]));
    if let Some(best) = lp.best {
        parts.push(t::BEST.fill(lang, &[&figure(best)]));
    }
    parts.join(" · ")
}

pub fn list(p: &Panel) -> Element {
    let lang = p.lang.as_str();
    let body = el("div", "", "");
    let list = el("ol", "lesson-list", "");
    for (index, l) in course().lessons.iter().enumerate() {
        let item = el("li", "", "");
        let done = p.progress.lessons.get(&l.id).is_some_and(|x| x.passed);
        if done {
            item.class_list().add_1("done").ok();
        }
        let open = button("lesson-link", l.title.get(lang), move || {
            update(|p| p.view = View::Lesson { index, step: 0 });
        });
        append(&item, &open);
        append(&item, &el("p", "hint", l.summary.get(lang)));
        let line = progress_line(p, &l.id);
        if !line.is_empty() {
            append(&item, &el("p", "lesson-progress", &line));
        }
        append(&list, &item);
    }
    append(&body, &list);
    body
}

/// Opens the lesson's scenario on the canvas, keeping the learner's own work first (unless
/// what is on the canvas is a lesson's).
pub fn open_scenario(p: &mut Panel, index: usize) {
    let Some(lesson) = course().lessons.get(index) else { return };
    let current = scenario_name(&p.host.current());
    let on_a_lesson = course().lessons.iter().any(|l| scenario_name(&l.scenario) == current);
    if !on_a_lesson {
        dom::storage_set(OWN_WORK_KEY, &p.host.current());
    }
    if p.host.load(&lesson.scenario).is_ok() {
        p.attempt = None;
        if let Some(id) = lesson.steps.first().and_then(|s| s.highlight.as_deref()) {
            p.host.select(id);
        }
    }
}

fn back_to_own_work(p: &mut Panel) {
    if let Some(work) = dom::storage_get(OWN_WORK_KEY) {
        if p.host.load(&work).is_ok() {
            if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
                let _ = s.remove_item(OWN_WORK_KEY);
            }
            p.attempt = None;
        }
    }
}

pub fn lesson(p: &Panel, index: usize, step: usize) -> Element {
    let lang = p.lang.as_str();
    let body = el("div", "", "");
    let Some(l) = course().lessons.get(index) else { return list(p) };
    append(&body, &button("link", t::ALL_LESSONS.get(lang), || update(|p| p.view = View::Lessons)));
    append(&body, &el("p", "hint", &t::LESSON_N.fill(lang, &[&(index + 1).to_string()])));
    append(&body, &el("h3", "", l.title.get(lang)));
    let actions = el("div", "actions", "");
    let open = button("primary", t::OPEN_SCENARIO.get(lang), move || update(|p| open_scenario(p, index)));
    append(&actions, &open);
    if dom::storage_get(OWN_WORK_KEY).is_some() {
        append(&actions, &button("", t::BACK_TO_WORK.get(lang), || update(back_to_own_work)));
    }
    append(&body, &actions);
    append(&body, &el("p", "hint", t::OPEN_HINT.get(lang)));

    // The guided steps.
    let steps = el("section", "lesson-steps", "");
    let step = step.min(l.steps.len().saturating_sub(1));
    let n = l.steps.len();
    append(&steps, &el("h4", "", &t::STEP_N.fill(lang, &[&(step + 1).to_string(), &n.to_string()])));
    if let Some(s) = l.steps.get(step) {
        append(&steps, &el("p", "step-text", s.text().get(lang)));
        let nav = el("div", "actions", "");
        if step > 0 {
            append(&nav, &button("", t::PREVIOUS.get(lang), move || go_to_step(index, step - 1)));
        }
        if let Some(id) = s.highlight.clone() {
            append(&nav, &button("", t::SHOW.get(lang), move || show(&id)));
        }
        if step + 1 < n {
            append(&nav, &button("", t::NEXT.get(lang), move || go_to_step(index, step + 1)));
        }
        append(&steps, &nav);
    }
    append(&body, &steps);

    // The challenge.
    let section = el("section", "lesson-challenge", "");
    append(&section, &el("h4", "", t::CHALLENGE.get(lang)));
    append(&section, &el("p", "", l.challenge.text().get(lang)));
    let attempt = p.attempt.as_ref().filter(|a| a.lesson == index);
    let readings = el("ul", "readings", "");
    append(&section, &readings);
    let state = status("challenge-status");
    append(&section, &state);
    fill_status(p, &state);
    match attempt.and_then(|a| a.outcome.as_ref()) {
        Some(outcome) => {
            let (class, head, text, highlight) = match outcome {
                Outcome::Passed { .. } => (
                    "outcome passed",
                    t::PASSED.get(lang),
                    l.challenge.success.text().get(lang).to_string(),
                    l.challenge.success.highlight.clone(),
                ),
                Outcome::Failed { requirement } => {
                    let fail = l.challenge.require.get(*requirement).map(|r| &r.fail);
                    (
                        "outcome failed",
                        t::FAILED.get(lang),
                        fail.map(|f| f.text().get(lang).to_string()).unwrap_or_default(),
                        fail.and_then(|f| f.highlight.clone()),
                    )
                }
                Outcome::Unavailable(why) => {
                    ("outcome failed", t::FAILED.get(lang), t::UNAVAILABLE.fill(lang, &[why]), None)
                }
            };
            let result = el("div", class, "");
            attr(&result, "role", "alert");
            append(&result, &el("strong", "", head));
            append(&result, &el("p", "", &text));
            let again = el("div", "actions", "");
            if let Some(id) = highlight {
                append(&again, &button("", t::SHOW.get(lang), move || show(&id)));
            }
            append(&again, &button("primary", t::AGAIN.get(lang), move || update(|p| start(p, index))));
            append(&result, &again);
            append(&section, &result);
        }
        None if attempt.is_none() => {
            append(
                &section,
                &button("primary start-challenge", t::START.get(lang), move || update(|p| start(p, index))),
            );
        }
        None => {}
    }
    append(&body, &section);

    let footer = el("footer", "lesson-footer", "");
    let line = progress_line(p, &l.id);
    if !line.is_empty() {
        append(&footer, &el("p", "lesson-progress", &line));
        let id = l.id.clone();
        append(
            &footer,
            &button("link", t::RESET.get(lang), move || {
                update(|p| {
                    p.progress.reset(&id);
                    if p.attempt.as_ref().is_some_and(|a| a.lesson == index) {
                        p.attempt = None;
                    }
                })
            }),
        );
    }
    append(&body, &footer);
    body
}

fn go_to_step(index: usize, step: usize) {
    update(|p| {
        p.view = View::Lesson { index, step };
        if let Some(id) = course().lessons.get(index).and_then(|l| l.steps.get(step)).and_then(|s| s.highlight.clone())
        {
            p.host.select(&id);
        }
    });
    crate::panel::with(|p| focus(p, ".lesson-steps h4"));
}

fn show(id: &str) {
    crate::panel::with(|p| p.host.select(id));
}

/// Starts an attempt at the world's present instant.
fn start(p: &mut Panel, index: usize) {
    let Some(l) = course().lessons.get(index) else { return };
    let host = p.host.clone();
    let probe = move |q: &str, from: u64, to: u64| host.probe(q, from, to);
    let outcome = grade::start(&l.challenge, p.host.now_ms(), &probe);
    p.attempt = Some(match outcome {
        Ok(attempt) => {
            crate::panel::LessonAttempt { lesson: index, attempt, outcome: None, readings: Vec::new(), elapsed_ms: 0 }
        }
        Err(why) => crate::panel::LessonAttempt {
            lesson: index,
            attempt: shardlab_course::grade::Attempt { started_ms: 0, baselines: Vec::new() },
            outcome: Some(Outcome::Unavailable(why)),
            readings: Vec::new(),
            elapsed_ms: 0,
        },
    });
}

/// The attempt's figures and time so far, in the status paragraph and the readings list
/// before it.
pub fn fill_status(p: &Panel, status: &Element) {
    let lang = p.lang.as_str();
    let View::Lesson { index, .. } = &p.view else { return };
    let Some(a) = p.attempt.as_ref().filter(|a| a.lesson == *index) else { return };
    let Some(l) = course().lessons.get(*index) else { return };
    if a.outcome.is_none() {
        let window = l.challenge.window_s;
        status
            .set_text_content(Some(&t::RUNNING.fill(lang, &[&dom::clock(a.elapsed_ms / 1_000), &dom::clock(window)])));
    } else {
        status.set_text_content(None);
    }
    if let Some(list) = status.previous_element_sibling() {
        list.set_inner_html("");
        for (r, (value, low, high, holds)) in l.challenge.require.iter().zip(&a.readings) {
            let mut bound = Vec::new();
            if let Some(low) = low {
                bound.push(t::AT_LEAST.fill(lang, &[&figure(*low)]));
            }
            if let Some(high) = high {
                bound.push(t::AT_MOST.fill(lang, &[&figure(*high)]));
            }
            let verdict = if *holds { t::HOLDS.get(lang) } else { t::BREAKS.get(lang) };
            let item = el(
                "li",
                if *holds { "holds" } else { "breaks" },
                &format!("{}: {} ({}) — {}", r.label.get(lang), figure(*value), bound.join(", "), verdict),
            );
            append(&list, &item);
        }
    }
}
