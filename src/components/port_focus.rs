//! Moving the keyboard focus among the canvas's ports while a wire is drawn from the
//! keyboard: to the first input that takes the wire, from one such input to the next, and
//! back to the output the wire started at when it is cancelled.

use wasm_bindgen::JsCast;
use web_sys::{Element, SvgElement};

/// The input ports that would take the wire being drawn (the canvas marks them `inviting`).
const INVITING: &str = ".port.in.inviting";

fn focus(el: Option<Element>) {
    if let Some(el) = el.and_then(|e| e.dyn_into::<SvgElement>().ok()) {
        let _ = el.focus();
    }
}

fn inviting(svg: &Element) -> Vec<Element> {
    let Ok(list) = svg.query_selector_all(INVITING) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
}

/// Focuses the first input port that takes the wire; false when none does.
pub fn first_inviting(svg: &Element) -> bool {
    let first = inviting(svg).into_iter().next();
    let found = first.is_some();
    focus(first);
    found
}

/// From the focused port `current`, focuses the next (or previous) input that takes the wire,
/// wrapping around; from a port that refuses it, the first (or last) one.
pub fn step_inviting(svg: &Element, current: &Element, forward: bool) {
    let ports = inviting(svg);
    if ports.is_empty() {
        return;
    }
    let at = ports.iter().position(|p| p == current);
    let n = ports.len();
    let next = match (at, forward) {
        (Some(i), true) => (i + 1) % n,
        (Some(i), false) => (i + n - 1) % n,
        (None, true) => 0,
        (None, false) => n - 1,
    };
    focus(Some(ports[next].clone()));
}

/// Focuses the output port of component `id`.
pub fn output_of(svg: &Element, id: &str) {
    let selector = format!(".port.out[data-component=\"{}\"]", id.replace('\\', "\\\\").replace('"', "\\\""));
    focus(svg.query_selector(&selector).ok().flatten());
}
