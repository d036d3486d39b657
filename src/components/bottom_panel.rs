//! The bottom panel: tabs for the event log and the AWS console. Both stay mounted (the
//! hidden one is `hidden`), so switching tabs keeps the console's history and output.

use crate::components::console::Console;
use crate::components::event_log::EventLog;
use crate::components::record_inspector::RecordInspector;
use crate::i18n::{Lang, T};
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Events,
    Record,
    Console,
}

const TABS: [(Tab, T, &str); 3] = [
    (Tab::Events, T::EventLog, "events"),
    (Tab::Record, T::RecordTab, "record"),
    (Tab::Console, T::Console, "console"),
];

#[derive(Properties, PartialEq)]
pub struct BottomPanelProps {
    pub lang: Lang,
    pub on_world_changed: Callback<()>,
    pub followed: Option<(String, u128)>,
    pub revision: u64,
    pub on_select_source: Callback<String>,
    /// An event row's instant was chosen: the timeline goes there.
    pub on_rewind: Callback<shardlab_sim::SimTime>,
}

#[function_component(BottomPanel)]
pub fn bottom_panel(p: &BottomPanelProps) -> Html {
    let lang = p.lang;
    let selected = use_state(|| Tab::Events);
    // Following a record opens its tab.
    {
        let selected = selected.clone();
        use_effect_with(p.followed.clone(), move |followed| {
            if followed.is_some() {
                selected.set(Tab::Record);
            }
        });
    }
    // Arrow keys move between tabs, as the WAI-ARIA tabs pattern asks.
    let onkeydown = {
        let selected = selected.clone();
        Callback::from(move |e: KeyboardEvent| {
            let at = TABS.iter().position(|(t, _, _)| *t == *selected).unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowRight" => (at + 1) % TABS.len(),
                "ArrowLeft" => (at + TABS.len() - 1) % TABS.len(),
                _ => return,
            };
            selected.set(TABS[next].0);
        })
    };
    html! {
        <section class="bottom-panel" aria-label={T::BottomPanel.t(lang)}>
            <div class="tabs" role="tablist" aria-label={T::BottomPanel.t(lang)} {onkeydown}>
                { for TABS.iter().map(|&(tab, label, id)| {
                    let onclick = { let selected = selected.clone(); Callback::from(move |_| selected.set(tab)) };
                    let active = *selected == tab;
                    html! {
                        <button type="button" role="tab" id={format!("tab-{id}")} aria-selected={active.to_string()}
                                aria-controls={format!("panel-{id}")} tabindex={if active { "0" } else { "-1" }} {onclick}>
                            {label.t(lang)}
                        </button>
                    }
                }) }
            </div>
            <div class="tab-panel" role="tabpanel" id="panel-events" aria-labelledby="tab-events" hidden={*selected != Tab::Events}>
                <EventLog {lang} on_select={p.on_select_source.clone()} on_go_to={p.on_rewind.clone()} />
            </div>
            <div class="tab-panel" role="tabpanel" id="panel-record" aria-labelledby="tab-record" hidden={*selected != Tab::Record}>
                <RecordInspector {lang} followed={p.followed.clone()} revision={p.revision} />
            </div>
            <div class="tab-panel" role="tabpanel" id="panel-console" aria-labelledby="tab-console" hidden={*selected != Tab::Console}>
                <Console {lang} shown={*selected == Tab::Console} on_ran={p.on_world_changed.clone()} />
            </div>
        </section>
    }
}
