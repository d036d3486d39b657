//! The inspector's "Connect to…": the second way to make a wire, without pointing at ports.
//! It lists the components that would take a wire from the selected one — the model's
//! `wire_verdict` decides — and connects to the one picked.

use crate::announce::label_of;
use crate::i18n::Lang;
use crate::i18n_access::TA;
use crate::kinds;
use shardlab_sim::Scenario;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConnectToProps {
    pub lang: Lang,
    pub doc: Rc<Scenario>,
    /// The selected component: the wire starts at its output.
    pub from: String,
    pub on_connect: Callback<(String, String)>,
}

#[function_component(ConnectTo)]
pub fn connect_to(p: &ConnectToProps) -> Html {
    let lang = p.lang;
    let picked = use_state(|| None::<String>);
    let targets: Vec<(String, String)> = p
        .doc
        .components
        .iter()
        .filter(|c| p.doc.wire_verdict(&p.from, &c.id) == Some(Ok(())))
        .map(|c| (c.id.clone(), format!("{} {}", kinds::name(c.kind.kind()).t(lang), label_of(&p.doc, &c.id))))
        .collect();
    if targets.is_empty() {
        return html! { <p class="hint connect-none">{TA::ConnectNone.t(lang)}</p> };
    }
    // The pick stays while it is still a target; otherwise the first target is meant.
    let chosen = picked
        .as_ref()
        .filter(|id| targets.iter().any(|(t, _)| t == *id))
        .cloned()
        .unwrap_or_else(|| targets[0].0.clone());
    let onchange = {
        let picked = picked.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            picked.set(Some(select.value()));
        })
    };
    let onclick = {
        let (from, to, on_connect) = (p.from.clone(), chosen.clone(), p.on_connect.clone());
        Callback::from(move |_: MouseEvent| on_connect.emit((from.clone(), to.clone())))
    };
    html! {
        <div class="connect-to">
            <label class="field">
                <span>{TA::ConnectTo.t(lang)}</span>
                <select {onchange}>
                    { for targets.iter().map(|(id, name)| html! {
                        <option value={id.clone()} selected={*id == chosen}>{name.clone()}</option>
                    }) }
                </select>
            </label>
            <button type="button" {onclick}>{TA::Connect.t(lang)}</button>
        </div>
    }
}
