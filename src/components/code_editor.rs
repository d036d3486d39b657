//! A script's code with a template picker, as the transform editor and a script job's editor
//! show it, and the state of the script engine (fetched on demand in the page), which it
//! starts loading when it first shows.

use crate::components::fields::{use_draft, Draft};
use crate::i18n::{fill, Lang, T};
use crate::script_engine::{self, Status};
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The script engine's status, drawn again once it has loaded (or failed to).
#[hook]
pub fn use_script_engine() -> Status {
    let engine = use_state(script_engine::status);
    {
        let engine = engine.clone();
        use_effect_with((), move |()| {
            script_engine::load(Some(Callback::from(move |()| engine.set(script_engine::status()))));
        });
    }
    (*engine).clone()
}

#[derive(Properties, PartialEq)]
pub struct CodeEditorProps {
    pub lang: Lang,
    pub code: AttrValue,
    /// (file name, what the picker shows, code).
    pub templates: Vec<(&'static str, AttrValue, &'static str)>,
    pub template_label: AttrValue,
    pub code_label: AttrValue,
    pub engine: Status,
    pub on_code: Callback<String>,
}

#[function_component(CodeEditor)]
pub fn code_editor(p: &CodeEditorProps) -> Html {
    let lang = p.lang;
    let on_template = {
        let (on_code, templates) = (p.on_code.clone(), p.templates.clone());
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some((_, _, code)) = templates.iter().find(|(n, _, _)| *n == select.value()) {
                on_code.emit(code.to_string());
            }
        })
    };
    let on_edit = p.on_code.reform(|e: Event| {
        let area: HtmlTextAreaElement = e.target_unchecked_into();
        area.value()
    });
    let Draft { value, oninput, onkeydown, onblur } = use_draft(p.code.to_string());
    let current = p.templates.iter().find(|(_, _, c)| *c == p.code.as_str()).map(|(n, _, _)| *n).unwrap_or("");
    html! { <>
        <label class="field">
            <span>{p.template_label.clone()}</span>
            <select onchange={on_template}>
                <option value="" selected={current.is_empty()} disabled=true>{"—"}</option>
                { for p.templates.iter().map(|(name, shown, _)| html! {
                    <option value={*name} selected={*name == current}>{shown.clone()}</option>
                }) }
            </select>
        </label>
        <label class="field code-field">
            <span>{p.code_label.clone()}</span>
            <textarea spellcheck="false" rows="12" {value} onchange={on_edit} {oninput} {onkeydown} {onblur} />
        </label>
        { match &p.engine {
            Status::Ready => html! {},
            Status::Loading => html! { <p class="hint" role="status">{T::TfEngineLoading.t(lang)}</p> },
            Status::Failed(e) => html! { <p class="error-text" role="alert">{fill(T::TfEngineFailed.t(lang), &[e])}</p> },
        } }
    </> }
}
