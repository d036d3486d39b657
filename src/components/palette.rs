//! The palette on the left: the components a learner can place, grouped by service family,
//! each with its icon and name. Drag one onto the canvas, or press it (click, Enter or Space)
//! to place it in view (on a phone: tap it).

use crate::i18n::{fill, Lang};
use crate::icons::icon;
use crate::kinds;
use shardlab_sim::catalogue::{family, slug, PALETTE};
use shardlab_sim::wiring::Kind;
use yew::prelude::*;

/// The drag data type that carries a kind's slug.
pub const DRAG_TYPE: &str = "application/x-shardlab-kind";

pub fn kind_from_slug(s: &str) -> Option<Kind> {
    PALETTE.into_iter().find(|&k| slug(k) == s)
}

#[derive(Properties, PartialEq)]
pub struct PaletteProps {
    pub lang: Lang,
    pub on_place: Callback<Kind>,
}

#[function_component(Palette)]
pub fn palette(p: &PaletteProps) -> Html {
    let lang = p.lang;
    let mut families: Vec<_> = PALETTE.iter().map(|&k| family(k)).collect();
    families.dedup();
    html! {
        <nav id="palette" class="palette" aria-label={crate::i18n::T::Palette.t(lang)}>
            <h2>{crate::i18n::T::Palette.t(lang)}</h2>
            { for families.into_iter().map(|f| html! {
                <section class={classes!("palette-group", kinds::family_class(f))} aria-label={kinds::family_name(f).t(lang)}>
                    <h3>{kinds::family_name(f).t(lang)}</h3>
                    <ul>
                        { for PALETTE.iter().filter(|&&k| family(k) == f).map(|&kind| {
                            let onclick = p.on_place.reform(move |_: MouseEvent| kind);
                            let ondragstart = Callback::from(move |e: DragEvent| {
                                if let Some(dt) = e.data_transfer() {
                                    let _ = dt.set_data(DRAG_TYPE, slug(kind));
                                    dt.set_effect_allowed("copy");
                                }
                            });
                            let name = kinds::name(kind).t(lang);
                            html! {
                                <li>
                                    <button type="button" class="palette-item" draggable="true" {onclick} {ondragstart}
                                            aria-label={fill(crate::i18n::T::Place.t(lang), &[&name])}
                                            title={kinds::about(kind, lang)}>
                                        {icon(kind)}
                                        <span>{name}</span>
                                    </button>
                                </li>
                            }
                        }) }
                    </ul>
                </section>
            }) }
        </nav>
    }
}
