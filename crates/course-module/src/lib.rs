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

/// Opens the panel in `lang`. `host` carries the page's functions (`load`, `current`,
/// `probe`, `now`, `select`); `route` is what follows `#/` in the page's address when it asks
/// for a view (`exam?seed=42`), or empty.
#[wasm_bindgen]
pub fn open_learn(lang: &str, host: JsValue, route: &str) -> Result<(), JsValue> {
    let host = host::Host::new(&host)?;
    let seed = route.strip_prefix("exam").map(|q| {
        q.trim_start_matches('?')
            .split('&')
            .find_map(|kv| kv.strip_prefix("seed="))
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or_else(|| (js_sys::Math::random() * 1e6) as u64)
    });
    panel::open(lang, host, seed)
}

/// The page's language changed: the panel speaks it too.
#[wasm_bindgen]
pub fn set_lang(lang: &str) {
    panel::set_lang(lang);
}
