//! A script job's editor: start from a template (one for each built-in job, and two of our
//! own), edit the Rhai `mapper`, `reducer` and optional `combiner`. The script engine is
//! loaded as soon as the editor shows, so the job's tasks can run it.

use crate::components::code_editor::{use_script_engine, CodeEditor};
use crate::i18n::Lang;
use crate::i18n_emr::TE;
use shardlab_sim::emr::jobs::script::TEMPLATES;
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
    let engine = use_script_engine();
    // Template names are the scripts' own file names, as in a code repository.
    let templates: Vec<_> =
        TEMPLATES.iter().map(|(name, code)| (*name, AttrValue::from(format!("{name}.rhai")), *code)).collect();
    html! {
        <section class="transform-editor" aria-label={TE::JobScript.t(lang)}>
            <CodeEditor {lang} code={p.code.clone()} {templates} {engine}
                        template_label={TE::ScriptTemplate.t(lang)} code_label={TE::JobScript.t(lang)}
                        on_code={p.on_change.clone()} />
        </section>
    }
}
