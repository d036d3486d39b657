//! On a narrow screen (below 900 px wide, see www/style.css) the palette and the inspector
//! are panels that slide over the canvas, so that the canvas has the screen. Two buttons in
//! the top bar open and close them; Esc or a press on the canvas closes the open one. On a
//! wide screen the buttons are not shown and both panels stay where they are.

use crate::i18n::{Lang, T};
use yew::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Palette,
    Inspector,
}

impl Panel {
    /// The panel's element id (its toggle's `aria-controls`).
    pub fn id(self) -> &'static str {
        match self {
            Panel::Palette => "palette",
            Panel::Inspector => "inspector",
        }
    }

    /// The class the page's root gets while this panel is open.
    pub fn open_class(self) -> &'static str {
        match self {
            Panel::Palette => "show-palette",
            Panel::Inspector => "show-inspector",
        }
    }

    fn toggle_id(self) -> &'static str {
        match self {
            Panel::Palette => "toggle-palette",
            Panel::Inspector => "toggle-inspector",
        }
    }

    fn name(self) -> T {
        match self {
            Panel::Palette => T::Palette,
            Panel::Inspector => T::Inspector,
        }
    }

    /// Gives the focus back to the button that opened the panel (after Esc).
    pub fn focus_toggle(self) {
        use wasm_bindgen::JsCast;
        let button = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(self.toggle_id()))
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(button) = button {
            let _ = button.focus();
        }
    }
}

/// The top bar's two buttons: each opens its panel (closing the other) or closes it.
pub fn toggles(lang: Lang, open: Option<Panel>, on_toggle: &Callback<Panel>) -> Html {
    let button = |panel: Panel| {
        let onclick = on_toggle.reform(move |_: MouseEvent| panel);
        let expanded = open == Some(panel);
        html! {
            <button type="button" id={panel.toggle_id()} class={classes!("panel-toggle", expanded.then_some("active"))}
                    aria-expanded={expanded.to_string()} aria-controls={panel.id()} {onclick}>
                {panel.name().t(lang)}
            </button>
        }
    };
    html! {
        <div class="panel-toggles">
            { button(Panel::Palette) }
            { button(Panel::Inspector) }
        </div>
    }
}
