//! The palette on the left: the components a learner can place, grouped by service family.
//! A family is listed once it has a component to place.

use crate::i18n::{Lang, T};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PaletteProps {
    pub lang: Lang,
}

#[function_component(Palette)]
pub fn palette(p: &PaletteProps) -> Html {
    html! {
        <nav class="palette" aria-label={T::Palette.t(p.lang)}>
            <h2>{T::Palette.t(p.lang)}</h2>
        </nav>
    }
}
