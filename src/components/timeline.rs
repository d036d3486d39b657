//! The timeline under the top bar: a scrubber from the start to the furthest instant reached
//! (further than now after a rewind, until the learner acts or plays on), and "back one
//! second". Dragging pauses the clock and shows the instant under the thumb; letting go goes
//! there (the world is rebuilt by the model's `Timeline::rewind`).
//!
//! A plain function, not a component: the page draws it again whenever the world changes,
//! and while the thumb is dragged (the clock paused) nothing redraws it, so the thumb stays
//! where the hand puts it. (A component with its own state would cost the first load 3 KB.)

use crate::i18n::{Lang, T};
use shardlab_sim::{SimDuration, SimTime};
use wasm_bindgen::JsCast;
use yew::prelude::*;

pub struct TimelineBar {
    pub lang: Lang,
    pub now: SimTime,
    pub horizon: SimTime,
    pub running: bool,
    /// Stops the clock (a drag has begun while it ran).
    pub on_pause: Callback<()>,
    pub on_rewind: Callback<SimTime>,
}

fn millis(t: SimTime) -> u64 {
    t.as_micros() / 1_000
}

fn read(e: &Event) -> (web_sys::HtmlInputElement, SimTime) {
    let input: web_sys::HtmlInputElement = e.target_unchecked_into();
    let at = SimTime(input.value_as_number() as u64 * 1_000);
    (input, at)
}

fn shown(at: SimTime, horizon: SimTime) -> String {
    format!("{at} / {horizon}")
}

impl TimelineBar {
    pub fn view(self) -> Html {
        let TimelineBar { lang, now, horizon, running, on_pause, on_rewind } = self;
        // While dragged: the instant under the thumb, in an element of its own that the page
        // leaves empty (so that drawing the page again never fights this text).
        let dragged = |input: &web_sys::HtmlInputElement, text: &str| {
            if let Some(el) = input.next_element_sibling().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                el.set_inner_text(text);
            }
        };
        let on_input = Callback::from(move |e: InputEvent| {
            if running {
                on_pause.emit(());
            }
            let (input, at) = read(&e);
            dragged(&input, &shown(at, horizon));
            let _ = input.set_attribute("aria-valuetext", &at.to_string());
        });
        let on_change = on_rewind.reform(move |e: Event| {
            let (input, at) = read(&e);
            dragged(&input, "");
            at
        });
        let on_back = on_rewind.reform(move |_: MouseEvent| {
            SimTime(now.as_micros().saturating_sub(SimDuration::from_secs(1).as_micros()))
        });
        html! {
            <div class="timeline" role="group" aria-label={T::Timeline.t(lang)}>
                <button type="button" class="step-back" onclick={on_back} disabled={now == SimTime::ZERO} title={T::StepBack.t(lang)}>
                    <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M13 3v10L6 8z"/><rect x="2.5" y="3" width="2.5" height="10" rx="1"/></svg>
                    <span>{T::StepBack.t(lang)}</span>
                </button>
                <input type="range" class="scrubber" min="0" max={millis(horizon).to_string()} step="1"
                       value={millis(now).to_string()} aria-label={T::RewindTo.t(lang)}
                       aria-valuetext={now.to_string()} disabled={horizon == SimTime::ZERO}
                       oninput={on_input} onchange={on_change} />
                <output class="timeline-drag" aria-hidden="true"></output>
                <output class="timeline-at">{shown(now, horizon)}</output>
            </div>
        }
    }
}
