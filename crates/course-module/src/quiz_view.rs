//! Practice: the bank's questions one at a time, by topic; the learner chooses, checks, and
//! reads the explanation, with a link that opens the lesson showing the answer in the lab.

use crate::dom::{append, attr, button, el};
use crate::panel::{update, Panel, View};
use crate::render::{focus, letter};
use crate::texts as t;
use shardlab_course::course;
use shardlab_course::quiz::{Question, TOPICS};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// The questions of `topic` (all when None), in the bank's order.
fn questions(topic: Option<&str>) -> Vec<&'static Question> {
    course().questions.iter().filter(|q| topic.is_none_or(|t| q.topic == t)).collect()
}

/// The choices of `q` as checkboxes (several answers) or radio buttons (one), `chosen` ticked;
/// `on_change` gets the choices ticked after each change.
pub fn choices(
    p: &Panel,
    q: &Question,
    name: &str,
    chosen: &[usize],
    locked: bool,
    on_change: impl Fn(Vec<usize>) + Clone + 'static,
) -> Element {
    let lang = p.lang.as_str();
    let w = q.wording(lang);
    let set = el("fieldset", "choices", "");
    let legend = if q.is_multiple() {
        t::CHOOSE_N.fill(lang, &[&q.answers.len().to_string()])
    } else {
        t::CHOOSE_ONE.get(lang).to_string()
    };
    append(&set, &el("legend", "", &legend));
    for (i, text) in w.choices.iter().enumerate() {
        let label = el("label", "choice", "");
        let input: web_sys::HtmlInputElement = el("input", "", "").unchecked_into();
        input.set_type(if q.is_multiple() { "checkbox" } else { "radio" });
        input.set_name(name);
        input.set_value(&i.to_string());
        input.set_checked(chosen.contains(&i));
        input.set_disabled(locked);
        let (multiple, f) = (q.is_multiple(), on_change.clone());
        let fieldset = set.clone();
        let changed = Closure::<dyn Fn()>::new(move || {
            let mut now = Vec::new();
            if let Ok(inputs) = fieldset.query_selector_all("input") {
                for k in 0..inputs.length() {
                    if let Some(x) = inputs.item(k).and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                        if x.checked() {
                            now.push(k as usize);
                        }
                    }
                }
            }
            if !multiple {
                now.truncate(1);
            }
            f(now);
        });
        let _ = input.add_event_listener_with_callback("change", changed.as_ref().unchecked_ref());
        changed.forget();
        append(&label, &input);
        append(&label, &el("span", "", &format!("{}. {text}", letter(i))));
        append(&set, &label);
    }
    set
}

/// The feedback after a check: right, or the right answer; the explanation; the lab's link.
pub fn feedback(p: &Panel, q: &Question, chosen: &[usize]) -> Element {
    let lang = p.lang.as_str();
    let right = q.is_right(chosen);
    let answer: Vec<String> = q.answers.iter().map(|&a| letter(a)).collect();
    let box_ = el("div", if right { "outcome passed" } else { "outcome failed" }, "");
    let verdict = if right { t::RIGHT.get(lang).to_string() } else { t::WRONG.fill(lang, &[&answer.join(", ")]) };
    append(&box_, &el("strong", "", &verdict));
    append(&box_, &el("p", "", &q.wording(lang).explanation));
    if let Some(lab) = q.lab.clone() {
        append(&box_, &button("", t::OPEN_IN_LAB.get(lang), move || crate::exam_view::open_lab(&lab)));
    }
    box_
}

pub fn quiz(p: &Panel, topic: Option<&str>, index: usize, chosen: &[usize], checked: bool) -> Element {
    let lang = p.lang.as_str();
    let body = el("div", "", "");
    // The topic.
    let pick = el("label", "field", "");
    append(&pick, &el("span", "", t::TOPIC.get(lang)));
    let select: web_sys::HtmlSelectElement = el("select", "", "").unchecked_into();
    let all = el("option", "", t::ALL_TOPICS.get(lang));
    attr(&all, "value", "");
    append(&select, &all);
    for (id, name) in TOPICS {
        let o = el("option", "", if lang.starts_with("zh") { name.zh } else { name.en });
        attr(&o, "value", id);
        if topic == Some(id) {
            attr(&o, "selected", "");
        }
        append(&select, &o);
    }
    let picked = select.clone();
    let on_pick = Closure::<dyn Fn()>::new(move || {
        let v = picked.value();
        update(|p| {
            p.view =
                View::Quiz { topic: (!v.is_empty()).then_some(v.clone()), index: 0, chosen: Vec::new(), checked: false }
        });
    });
    let _ = select.add_event_listener_with_callback("change", on_pick.as_ref().unchecked_ref());
    on_pick.forget();
    append(&pick, &select);
    append(&body, &pick);

    let list = questions(topic);
    let Some(q) = list.get(index % list.len().max(1)).copied() else { return body };
    let index = index % list.len();
    append(&body, &el("p", "hint", &t::QUESTION_N.fill(lang, &[&(index + 1).to_string(), &list.len().to_string()])));
    append(&body, &el("p", "stem", &q.wording(lang).stem));
    let topic_owned = topic.map(str::to_string);
    // A choice changes the state only (no redraw, so the focus stays on the choice).
    let on_change = move |now: Vec<usize>| {
        crate::panel::with(|p| {
            crate::render::enable(p, ".check-answer", !now.is_empty());
            if let View::Quiz { chosen, .. } = &mut p.view {
                *chosen = now;
            }
            p.save();
        });
    };
    append(&body, &choices(p, q, "practice", chosen, checked, on_change));
    let actions = el("div", "actions", "");
    if checked {
        append(&body, &feedback(p, q, chosen));
        let next = button("primary", t::NEXT_QUESTION.get(lang), move || {
            let topic = topic_owned.clone();
            update(|p| p.view = View::Quiz { topic, index: index + 1, chosen: Vec::new(), checked: false });
            crate::panel::with(|p| focus(p, ".stem"));
        });
        append(&actions, &next);
    } else {
        let check = button("primary check-answer", t::CHECK.get(lang), move || {
            update(|p| {
                if let View::Quiz { checked, .. } = &mut p.view {
                    *checked = true;
                }
            });
            crate::panel::with(|p| focus(p, ".outcome strong"));
        });
        if chosen.is_empty() {
            attr(&check, "disabled", "");
        }
        append(&actions, &check);
    }
    append(&body, &actions);
    body
}
