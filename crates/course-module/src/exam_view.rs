//! The exam: a timed set drawn from the bank by a set number (the same number gives the same
//! set, so a teacher can give it by link), handed in by the learner or by the clock, then the
//! score and a review of the wrong answers with their explanations.

use crate::dom::{self, append, attr, button, el};
use crate::panel::{update, Exam, Panel, View};
use crate::quiz_view::{choices, feedback};
use crate::render::{focus, letter};
use crate::texts as t;
use shardlab_course::course;
use shardlab_course::progress::ExamResult;
use shardlab_course::quiz::{draw, EXAM_QUESTIONS, EXAM_SECONDS_PER_QUESTION};
use wasm_bindgen::JsCast;
use web_sys::Element;

/// Opens the lesson `id` in the panel and its scenario on the canvas (a question's "open in
/// the lab").
pub fn open_lab(id: &str) {
    let Some(index) = course().lessons.iter().position(|l| l.id == id) else { return };
    update(|p| {
        p.view = View::Lesson { index, step: 0 };
        crate::lessons_view::open_scenario(p, index);
    });
}

/// The address of the exam with the set `seed`: this page with `#/exam?seed=N`.
fn exam_link(seed: u64) -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    format!("{base}#/exam?seed={seed}")
}

fn right_count(e: &Exam) -> usize {
    e.questions
        .iter()
        .zip(&e.answers)
        .filter(|(&q, a)| course().questions.get(q).is_some_and(|q| q.is_right(a)))
        .count()
}

fn hand_in(p: &mut Panel, timed_out: bool) {
    let View::Exam(Some(e)) = &mut p.view else { return };
    if e.handed_in {
        return;
    }
    e.handed_in = true;
    e.timed_out = timed_out;
    let result = ExamResult { seed: e.seed, right: right_count(e), total: e.questions.len(), at_ms: dom::wall_ms() };
    p.progress.record_exam(result);
}

/// The exam's clock: true when it has just run out (the exam is handed in).
pub fn tick(p: &mut Panel) -> bool {
    let View::Exam(Some(e)) = &p.view else { return false };
    if e.handed_in {
        return false;
    }
    let left = ((e.deadline_ms - dom::wall_ms()) / 1_000.0).max(0.0) as u64;
    if left == 0 {
        hand_in(p, true);
        return true;
    }
    if let Some(timer) = p.root.query_selector(".exam-timer").ok().flatten() {
        timer.set_text_content(Some(&t::TIME_LEFT.fill(&p.lang, &[&dom::clock(left)])));
    }
    false
}

pub fn exam(p: &Panel, exam: Option<&Exam>) -> Element {
    match exam {
        None => intro(p),
        Some(e) if e.handed_in => review(p, e),
        Some(e) => sitting(p, e),
    }
}

fn intro(p: &Panel) -> Element {
    let lang = p.lang.as_str();
    let body = el("div", "", "");
    let n = EXAM_QUESTIONS.min(course().questions.len());
    let minutes = (n as u64 * EXAM_SECONDS_PER_QUESTION) / 60;
    append(&body, &el("p", "", &t::EXAM_INTRO.fill(lang, &[&n.to_string(), &minutes.to_string()])));
    let field = el("label", "field", "");
    append(&field, &el("span", "", t::SET_NUMBER.get(lang)));
    let input: web_sys::HtmlInputElement = el("input", "exam-seed", "").unchecked_into();
    input.set_type("number");
    input.set_min("0");
    input.set_value(&p.suggested_seed.to_string());
    append(&field, &input);
    append(&body, &field);
    let start = button("primary start-exam", t::START_EXAM.get(lang), move || {
        let seed = input.value().trim().parse::<u64>().unwrap_or(0);
        update(|p| {
            let questions = draw(seed, course().questions.len(), EXAM_QUESTIONS);
            let deadline_ms = dom::wall_ms() + (questions.len() as u64 * EXAM_SECONDS_PER_QUESTION * 1_000) as f64;
            let answers = vec![Vec::new(); questions.len()];
            p.view = View::Exam(Some(Exam {
                seed,
                questions,
                answers,
                current: 0,
                deadline_ms,
                handed_in: false,
                timed_out: false,
            }));
        });
        crate::panel::with(|p| focus(p, ".stem"));
    });
    append(&body, &start);
    if !p.progress.exams.is_empty() {
        append(&body, &el("h4", "", t::PAST_EXAMS.get(lang)));
        let list = el("ul", "past-exams", "");
        for r in p.progress.exams.iter().rev().take(5) {
            let percent = (r.right * 100).checked_div(r.total).unwrap_or(0);
            let line = format!(
                "#{} — {}",
                r.seed,
                t::SCORE.fill(lang, &[&r.right.to_string(), &r.total.to_string(), &percent.to_string()])
            );
            append(&list, &el("li", "", &line));
        }
        append(&body, &list);
    }
    body
}

fn sitting(p: &Panel, e: &Exam) -> Element {
    let lang = p.lang.as_str();
    let body = el("div", "", "");
    let timer = el("p", "exam-timer", "");
    attr(&timer, "role", "timer");
    let left = ((e.deadline_ms - dom::wall_ms()) / 1_000.0).max(0.0) as u64;
    timer.set_text_content(Some(&t::TIME_LEFT.fill(lang, &[&dom::clock(left)])));
    append(&body, &timer);
    let current = e.current.min(e.questions.len().saturating_sub(1));
    let Some(q) = e.questions.get(current).and_then(|&i| course().questions.get(i)) else { return body };
    append(
        &body,
        &el("p", "hint", &t::QUESTION_N.fill(lang, &[&(current + 1).to_string(), &e.questions.len().to_string()])),
    );
    let stem = el("p", "stem", &q.wording(lang).stem);
    attr(&stem, "tabindex", "-1");
    append(&body, &stem);
    let chosen = e.answers.get(current).cloned().unwrap_or_default();
    let on_change = move |now: Vec<usize>| {
        crate::panel::with(|p| {
            if let View::Exam(Some(e)) = &mut p.view {
                if let Some(a) = e.answers.get_mut(current) {
                    *a = now;
                }
            }
            p.save();
        });
    };
    append(&body, &choices(p, q, "exam", &chosen, false, on_change));
    let nav = el("div", "actions", "");
    let go = move |to: usize| {
        move || {
            update(|p| {
                if let View::Exam(Some(e)) = &mut p.view {
                    e.current = to;
                }
            });
            crate::panel::with(|p| focus(p, ".stem"));
        }
    };
    if current > 0 {
        append(&nav, &button("", t::PREVIOUS.get(lang), go(current - 1)));
    }
    if current + 1 < e.questions.len() {
        append(&nav, &button("", t::NEXT.get(lang), go(current + 1)));
    }
    append(
        &nav,
        &button("primary hand-in", t::HAND_IN.get(lang), || {
            update(|p| hand_in(p, false));
            crate::panel::with(|p| focus(p, ".exam-score"));
        }),
    );
    append(&body, &nav);
    body
}

fn review(p: &Panel, e: &Exam) -> Element {
    let lang = p.lang.as_str();
    let body = el("div", "", "");
    if e.timed_out {
        append(&body, &el("p", "hint", t::TIMES_UP.get(lang)));
    }
    let right = right_count(e);
    let total = e.questions.len();
    let percent = (right * 100).checked_div(total).unwrap_or(0);
    let score =
        el("p", "exam-score", &t::SCORE.fill(lang, &[&right.to_string(), &total.to_string(), &percent.to_string()]));
    attr(&score, "tabindex", "-1");
    append(&body, &score);
    append(&body, &el("p", "hint", t::PASS_MARK.get(lang)));
    let link = el("label", "field", "");
    append(&link, &el("span", "", t::EXAM_LINK.get(lang)));
    let url: web_sys::HtmlInputElement = el("input", "exam-link", "").unchecked_into();
    url.set_read_only(true);
    url.set_value(&exam_link(e.seed));
    append(&link, &url);
    append(&body, &link);
    append(&body, &el("h4", "", t::REVIEW.get(lang)));
    let wrong: Vec<(usize, &Vec<usize>)> = e
        .questions
        .iter()
        .zip(&e.answers)
        .filter(|(&q, a)| course().questions.get(q).is_some_and(|q| !q.is_right(a)))
        .map(|(&q, a)| (q, a))
        .collect();
    if wrong.is_empty() {
        append(&body, &el("p", "", t::ALL_RIGHT.get(lang)));
    }
    let list = el("ol", "exam-review", "");
    for (qi, answer) in wrong {
        let Some(q) = course().questions.get(qi) else { continue };
        let item = el("li", "", "");
        append(&item, &el("p", "stem", &q.wording(lang).stem));
        let yours: Vec<String> = answer.iter().map(|&a| letter(a)).collect();
        let yours = if yours.is_empty() { t::NO_ANSWER.get(lang).to_string() } else { yours.join(", ") };
        append(&item, &el("p", "", &t::YOUR_ANSWER.fill(lang, &[&yours])));
        let options = el("ol", "review-choices", "");
        attr(&options, "type", "A");
        for c in &q.wording(lang).choices {
            append(&options, &el("li", "", c));
        }
        append(&item, &options);
        append(&item, &feedback(p, q, answer));
        append(&list, &item);
    }
    append(&body, &list);
    append(&body, &button("primary", t::NEW_EXAM.get(lang), || update(|p| p.view = View::Exam(None))));
    body
}
