//! Keyboard shortcuts for the whole page: Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z or Ctrl/⌘+Y redo,
//! Esc cancels a wire being drawn. Keys typed into a field are the field's, never a shortcut.

use crate::state::{Action, AppState};
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[hook]
pub fn use_page_shortcuts(undo: Callback<()>, redo: Callback<()>, state: UseReducerHandle<AppState>) {
    use_effect_with(state.history.clone(), move |_| {
        let window = web_sys::window().expect("a window");
        // Not passive: the handler calls `preventDefault` (the browser's own Ctrl+Z), which a
        // passive listener may not, and Chromium says so in the console.
        let options = gloo::events::EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(&window, "keydown", options, move |e| {
            let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
            let typing = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
            if typing {
                return;
            }
            let key = e.key().to_lowercase();
            if (e.ctrl_key() || e.meta_key()) && key == "z" {
                e.prevent_default();
                if e.shift_key() {
                    redo.emit(());
                } else {
                    undo.emit(());
                }
            } else if (e.ctrl_key() || e.meta_key()) && key == "y" {
                e.prevent_default();
                redo.emit(());
            } else if key == "escape" {
                state.dispatch(Action::StartWire(None));
            }
        });
        move || drop(listener)
    });
}
