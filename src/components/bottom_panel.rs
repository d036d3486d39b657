//! The bottom panel: tabs for the event log and, as services arrive, the record inspector and
//! the API console.

use crate::components::event_log::EventLog;
use crate::i18n::{Lang, T};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BottomPanelProps {
    pub lang: Lang,
}

#[function_component(BottomPanel)]
pub fn bottom_panel(p: &BottomPanelProps) -> Html {
    let lang = p.lang;
    html! {
        <section class="bottom-panel" aria-label={T::BottomPanel.t(lang)}>
            <div class="tabs" role="tablist" aria-label={T::BottomPanel.t(lang)}>
                <button type="button" role="tab" id="tab-events" aria-selected="true" aria-controls="panel-events">
                    {T::EventLog.t(lang)}
                </button>
            </div>
            <div class="tab-panel" role="tabpanel" id="panel-events" aria-labelledby="tab-events">
                <EventLog {lang} />
            </div>
        </section>
    }
}
