//! The Learn panel as a wasm module of its own: the lessons (graded by the page's running
//! world), the quiz and the exam. The page fetches it when the learner first opens Learn (see
//! the page's `src/learn.rs` and `www/boot.js`), so that the first load stays within its
//! budget; the course's texts come with it.

mod dom;
mod exam_view;
mod host;
mod lessons_view;
mod panel;
mod quiz_view;
mod render;
mod texts;

use wasm_bindgen::prelude::*;

/// The value of `key` in a route's query (`exam?seed=42` → `42` for `seed`).
fn query<'a>(route: &'a str, key: &str) -> Option<&'a str> {
    let (_, q) = route.split_once('?')?;
    q.split('&').find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
}

/// Opens the panel in `lang`. `host` carries the page's functions (`load`, `current`,
/// `probe`, `now`, `select`); `route` is what follows `#/` in the page's address when it asks
/// for a view — `exam?seed=42` (the exam's form with that set), `lesson?id=hot-shard` (that
/// lesson, its scenario opened) — or empty.
#[wasm_bindgen]
pub fn open_learn(lang: &str, host: JsValue, route: &str) -> Result<(), JsValue> {
    let host = host::Host::new(&host)?;
    let ask = if route.starts_with("exam") {
        let seed = query(route, "seed").and_then(|v| v.parse::<u64>().ok());
        panel::Ask::Exam(seed.unwrap_or_else(|| (js_sys::Math::random() * 1e6) as u64))
    } else if route.starts_with("lesson") {
        let id = query(route, "id").unwrap_or_default();
        match shardlab_course::course().lessons.iter().position(|l| l.id == id) {
            Some(index) => panel::Ask::Lesson(index),
            None => panel::Ask::Nothing,
        }
    } else {
        panel::Ask::Nothing
    };
    panel::open(lang, host, ask)
}

/// The scenario of the lesson `id` (as its file holds it), or nothing when there is no such
/// lesson: what an embed link's `lesson=NAME` opens.
#[wasm_bindgen]
pub fn lesson_scenario(id: &str) -> String {
    shardlab_course::course().lesson(id).map(|l| l.scenario.clone()).unwrap_or_default()
}

/// The page's language changed: the panel speaks it too.
#[wasm_bindgen]
pub fn set_lang(lang: &str) {
    panel::set_lang(lang);
}
