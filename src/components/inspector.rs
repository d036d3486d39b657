//! The inspector on the right: the selected component's name, settings and live state, or,
//! with nothing selected, the scenario as a whole.

use crate::components::component_state::ComponentState;
use crate::components::connect_to::ConnectTo;
use crate::components::fields::TextField;
use crate::components::settings_form::SettingsForm;
use crate::i18n::{Lang, T};
use crate::kinds;
use crate::world_handle::WorldHandle;
use shardlab_sim::scenario::{ComponentKind, ComponentSpec};
use shardlab_sim::Scenario;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub lang: Lang,
    pub doc: Rc<Scenario>,
    pub selected: Option<String>,
    pub revision: u64,
    /// The clock's speed: the charts' span follows it.
    pub speed: u32,
    /// Proposes the selected component with new label or settings.
    pub on_change: Callback<ComponentSpec>,
    pub on_delete: Callback<String>,
    pub on_duplicate: Callback<String>,
    /// Something was done to the world directly (split, merge, kill a worker).
    pub on_world_changed: Callback<()>,
    pub on_notice: Callback<crate::notice::Notice>,
    pub dark: bool,
    pub on_follow: Callback<(String, u128)>,
    /// Makes a wire (the "Connect to…" list): (from, to).
    pub on_connect: Callback<(String, String)>,
}

#[function_component(Inspector)]
pub fn inspector(p: &InspectorProps) -> Html {
    let lang = p.lang;
    let selected = p.selected.as_deref().and_then(|id| p.doc.component(id)).cloned();
    html! {
        <aside id="inspector" class="inspector" aria-label={T::Inspector.t(lang)}>
            <h2>{T::Inspector.t(lang)}</h2>
            if let Some(spec) = selected {
                { component_view(p, spec) }
            } else {
                <ScenarioSummary {lang} revision={p.revision} />
            }
        </aside>
    }
}

fn component_view(p: &InspectorProps, spec: ComponentSpec) -> Html {
    let lang = p.lang;
    let kind = spec.kind.kind();
    let on_label = {
        let (spec, on_change) = (spec.clone(), p.on_change.clone());
        Callback::from(move |label: String| {
            on_change.emit(ComponentSpec { label: label.trim().to_string(), ..spec.clone() })
        })
    };
    let on_settings = {
        let (spec, on_change) = (spec.clone(), p.on_change.clone());
        Callback::from(move |kind: ComponentKind| on_change.emit(ComponentSpec { kind, ..spec.clone() }))
    };
    let delete = p.on_delete.reform({
        let id = spec.id.clone();
        move |_: MouseEvent| id.clone()
    });
    let duplicate = p.on_duplicate.reform({
        let id = spec.id.clone();
        move |_: MouseEvent| id.clone()
    });
    html! {
        <section class="selected-component" aria-label={format!("{} {}", kinds::name(kind).t(lang), spec.id)}>
            <h3>{kinds::name(kind).t(lang)}{" · "}<code>{spec.id.clone()}</code></h3>
            <p class="hint">{kinds::about(kind, lang)}</p>
            <TextField label={T::Label.t(lang)} value={spec.label.clone()} on_change={on_label} />
            <h3>{T::Settings.t(lang)}</h3>
            <SettingsForm {lang} kind={spec.kind.clone()} on_change={on_settings} />
            if kinds::ports(kind).1 {
                <ConnectTo {lang} doc={p.doc.clone()} from={spec.id.clone()} on_connect={p.on_connect.clone()} />
            }
            <div class="actions">
                <button type="button" onclick={duplicate}>{T::DuplicateComponent.t(lang)}</button>
                <button type="button" class="danger" onclick={delete}>{T::DeleteComponent.t(lang)}</button>
            </div>
            <h3>{T::State.t(lang)}</h3>
            <ComponentState {lang} spec={spec} revision={p.revision} speed={p.speed} on_world_changed={p.on_world_changed.clone()}
                            on_notice={p.on_notice.clone()} dark={p.dark}
                            on_follow={p.on_follow.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct SummaryProps {
    lang: Lang,
    revision: u64,
}

/// With nothing selected: the scenario's name and seed, the virtual time, the ledger.
#[function_component(ScenarioSummary)]
fn scenario_summary(p: &SummaryProps) -> Html {
    let handle = use_context::<WorldHandle>().expect("the world is provided");
    let world = handle.world.borrow();
    let lang = p.lang;
    let ledger = world.ledger();
    let (balance_class, balance_text) =
        if ledger.balances() { ("ok", T::LedgerBalanced) } else { ("bad", T::LedgerUnbalanced) };
    html! {
        <>
            <p class="hint">{T::NothingSelected.t(lang)}</p>
            <section aria-label={T::Scenario.t(lang)}>
                <h3>{T::Scenario.t(lang)}</h3>
                <dl class="facts">
                    <dt>{T::ScenarioName.t(lang)}</dt><dd>{&world.scenario().name}</dd>
                    <dt>{T::Seed.t(lang)}</dt><dd>{world.scenario().seed}</dd>
                    <dt>{T::VirtualClock.t(lang)}</dt><dd>{world.now().to_string()}</dd>
                    <dt>{T::Records.t(lang)}</dt><dd>{ledger.created}</dd>
                    <dt>{T::EventsLogged.t(lang)}</dt><dd>{world.events_total()}</dd>
                </dl>
                <p class={classes!("ledger", balance_class)}>{balance_text.t(lang)}</p>
                <h3>{T::LedgerPlaces.t(lang)}</h3>
                <dl class="facts ledger-places" aria-label={T::LedgerPlaces.t(lang)}>
                    { for ledger.places.iter().map(|(place, n)| html! { <>
                        <dt>{kinds::place_name(*place).t(lang)}</dt>
                        <dd>{crate::components::component_state::grouped(*n)}</dd>
                    </> }) }
                </dl>
            </section>
        </>
    }
}
