//! Building the panel with plain DOM calls (it is loaded on demand, outside the page's Yew
//! views): elements, buttons that run a change of the panel, and the browser's storage.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

pub fn document() -> Document {
    web_sys::window().and_then(|w| w.document()).unwrap_throw()
}

pub fn el(tag: &str, class: &str, text: &str) -> Element {
    let e = document().create_element(tag).unwrap_throw();
    if !class.is_empty() {
        e.set_class_name(class);
    }
    if !text.is_empty() {
        e.set_text_content(Some(text));
    }
    e
}

pub fn attr(e: &Element, name: &str, value: &str) {
    let _ = e.set_attribute(name, value);
}

pub fn append(parent: &Element, child: &Element) {
    let _ = parent.append_child(child);
}

/// A button that runs `act` when pressed (click, or Enter and Space as buttons do).
pub fn button(class: &str, text: &str, act: impl Fn() + 'static) -> Element {
    let b = el("button", class, text);
    attr(&b, "type", "button");
    let on_click = Closure::<dyn Fn()>::new(act);
    let _ = b.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    on_click.forget();
    b
}

pub fn storage_get(key: &str) -> Option<String> {
    web_sys::window()?.local_storage().ok()??.get_item(key).ok()?
}

pub fn storage_set(key: &str, value: &str) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(key, value);
    }
}

/// Milliseconds since 1970 by the browser's clock (for the exam's timer and its record).
pub fn wall_ms() -> f64 {
    js_sys::Date::now()
}

/// `m:ss` for a number of seconds.
pub fn clock(seconds: u64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}
