//! The centre of the page: the pipeline canvas. Nodes and wires are SVG (accessible and
//! clickable); moving records are drawn on one `<canvas>` layer above them.

use crate::i18n::{Lang, T};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    pub lang: Lang,
}

#[function_component(Canvas)]
pub fn canvas(p: &CanvasProps) -> Html {
    html! {
        <section class="canvas" aria-label={T::Canvas.t(p.lang)}>
            <svg class="canvas-grid" aria-hidden="true">
                <defs>
                    <pattern id="dot-grid" width="20" height="20" patternUnits="userSpaceOnUse">
                        <circle cx="1" cy="1" r="1" />
                    </pattern>
                </defs>
                <rect width="100%" height="100%" fill="url(#dot-grid)" />
            </svg>
            <canvas class="canvas-records" aria-hidden="true"></canvas>
            <p class="canvas-empty">{T::CanvasEmpty.t(p.lang)}</p>
        </section>
    }
}
