//! A script job's editor: start from a template, edit the Rhai `mapper`, `reducer` and
//! optional `combiner`. The script engine (fetched on demand in the page) is loaded as soon
//! as the editor shows, so the job's tasks can run it.

use crate::i18n::{fill, Lang, T};
use crate::script_engine::{self, Status};
use shardlab_sim::emr::jobs::script::TEMPLATES;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct JobScriptProps {
    pub lang: Lang,
    pub code: AttrValue,
    pub on_change: Callback<String>,
}

#[function_component(JobScriptEditor)]
pub fn job_script_editor(p: &JobScriptProps) -> Html {
    let lang = p.lang;
    let engine = use_state(script_engine::status);
    {
        let engine = engine.clone();
        use_effect_with((), move |()| {
            script_engine::load(Some(Callback::from(move |()| engine.set(script_engine::status()))));
        });
    }
    let on_template = {
        let on_change = p.on_change.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some((_, code)) = TEMPLATES.iter().find(|(n, _)| *n == select.value()) {
                on_change.emit(code.to_string());
            }
        })
    };
    let on_edit = {
        let on_change = p.on_change.clone();
        Callback::from(move |e: Event| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_change.emit(area.value());
        })
    };
    let current = TEMPLATES.iter().find(|(_, c)| *c == p.code.as_str()).map(|(n, _)| *n).unwrap_or("");
    html! {
        <section class="transform-editor" aria-label={T::JobScript.t(lang)}>
            <label class="field">
                <span>{T::ScriptTemplate.t(lang)}</span>
                <select onchange={on_template}>
                    <option value="" selected={current.is_empty()} disabled=true>{"—"}</option>
                    // Template names are the scripts' own file names, as in a code repository.
                    { for TEMPLATES.iter().map(|(name, _)| html! {
                        <option value={*name} selected={*name == current}>{format!("{name}.rhai")}</option>
                    }) }
                </select>
            </label>
            <label class="field code-field">
                <span>{T::JobScript.t(lang)}</span>
                <textarea spellcheck="false" rows="12" value={p.code.clone()} onchange={on_edit} />
            </label>
            { match &*engine {
                Status::Ready => html! {},
                Status::Loading => html! { <p class="hint" role="status">{T::TfEngineLoading.t(lang)}</p> },
                Status::Failed(e) => html! { <p class="error-text" role="alert">{fill(T::TfEngineFailed.t(lang), &[e])}</p> },
            } }
        </section>
    }
}
