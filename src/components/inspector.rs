//! The inspector on the right. With nothing selected it shows the scenario as a whole: its
//! name and seed, the virtual time, and the ledger's balance.

use crate::i18n::{Lang, T};
use crate::world_handle::WorldHandle;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub lang: Lang,
}

#[function_component(Inspector)]
pub fn inspector(p: &InspectorProps) -> Html {
    let handle = use_context::<WorldHandle>().expect("the world is provided");
    let world = handle.world.borrow();
    let lang = p.lang;
    let ledger = world.ledger();
    let (balance_class, balance_text) =
        if ledger.balances() { ("ok", T::LedgerBalanced) } else { ("bad", T::LedgerUnbalanced) };
    html! {
        <aside class="inspector" aria-label={T::Inspector.t(lang)}>
            <h2>{T::Inspector.t(lang)}</h2>
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
            </section>
        </aside>
    }
}
