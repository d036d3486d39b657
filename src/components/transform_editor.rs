//! The transform's editor: start from a shipped template, edit the Rhai code, and test it
//! with sample records — showing the event Firehose sends, the function's response and each
//! record's result, as the Lambda console's test does.

use crate::i18n::{fill, Lang, T};
use crate::script_engine::{self, Status};
use shardlab_sim::firehose::transform::{sample_records, test_inputs, Outcome, Transform, TEMPLATES};
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub lang: Lang,
    pub code: AttrValue,
    pub on_code: Callback<String>,
}

fn template_name(name: &str) -> T {
    match name {
        "json-to-csv" => T::TplJsonToCsv,
        "filter-by-field" => T::TplFilterByField,
        "add-field" => T::TplAddField,
        "drop-every-3rd" => T::TplDropEvery3rd,
        _ => T::TplBroken,
    }
}

/// A test run, as shown.
#[derive(Clone, PartialEq)]
struct Shown {
    event: String,
    answer: Result<String, String>,
    results: Result<Vec<String>, String>,
}

fn run_test(code: &str, epoch_ms: u64) -> Shown {
    let samples = sample_records();
    let inputs = test_inputs(&samples, epoch_ms);
    let run = Transform::new(code).try_out(&inputs);
    let pretty = |v: &serde_json::Value| serde_json::to_string_pretty(v).unwrap_or_default();
    let results = run.outcomes.map(|outcomes| {
        outcomes
            .into_iter()
            .zip(&inputs)
            .map(|(o, i)| match o {
                Outcome::Ok(data) => format!("{} Ok: {}", i.record_id, String::from_utf8_lossy(&data).trim_end()),
                Outcome::Dropped => format!("{} Dropped", i.record_id),
                Outcome::ProcessingFailed => format!("{} ProcessingFailed", i.record_id),
            })
            .collect()
    });
    Shown { event: pretty(&run.event), answer: run.answer.map(|a| pretty(&a)), results }
}

#[function_component(TransformEditor)]
pub fn transform_editor(p: &EditorProps) -> Html {
    let lang = p.lang;
    let shown = use_state(|| None::<Shown>);
    // The editor needs the script engine to check and test code: load it (in the page it
    // is fetched on demand) and draw again once it is there.
    let engine = use_state(script_engine::status);
    {
        let engine = engine.clone();
        use_effect_with((), move |()| {
            script_engine::load(Some(Callback::from(move |()| engine.set(script_engine::status()))));
        });
    }
    let ready = *engine == Status::Ready;
    let compile_error = ready.then(|| Transform::new(&p.code).compile_error()).flatten();
    let on_template = {
        let on_code = p.on_code.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some((_, code)) = TEMPLATES.iter().find(|(n, _)| *n == select.value()) {
                on_code.emit(code.to_string());
            }
        })
    };
    let on_edit = {
        let on_code = p.on_code.clone();
        Callback::from(move |e: Event| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_code.emit(area.value());
        })
    };
    let handle = use_context::<crate::world_handle::WorldHandle>().expect("the world is provided");
    let test = {
        let (shown, code, world) = (shown.clone(), p.code.to_string(), handle.world.clone());
        // The sample records arrive at the scenario's time now, as the running stream's would.
        Callback::from(move |_: MouseEvent| shown.set(Some(run_test(&code, world.borrow().epoch_ms_now()))))
    };
    let current = TEMPLATES.iter().find(|(_, c)| *c == p.code.as_str()).map(|(n, _)| *n).unwrap_or("");
    html! {
        <section class="transform-editor" aria-label={T::TfCode.t(lang)}>
            <label class="field">
                <span>{T::TfTemplate.t(lang)}</span>
                <select onchange={on_template}>
                    <option value="" selected={current.is_empty()} disabled=true>{"—"}</option>
                    { for TEMPLATES.iter().map(|(name, _)| html! {
                        <option value={*name} selected={*name == current}>{template_name(name).t(lang)}</option>
                    }) }
                </select>
            </label>
            <label class="field code-field">
                <span>{T::TfCode.t(lang)}</span>
                <textarea spellcheck="false" rows="12" value={p.code.clone()} onchange={on_edit} />
            </label>
            { match &*engine {
                Status::Ready => html! {},
                Status::Loading => html! { <p class="hint" role="status">{T::TfEngineLoading.t(lang)}</p> },
                Status::Failed(e) => html! { <p class="error-text" role="alert">{fill(T::TfEngineFailed.t(lang), &[e])}</p> },
            } }
            if let Some(e) = compile_error {
                <p class="error-text" role="status">{fill(T::TfCompileError.t(lang), &[&e])}</p>
            }
            <p class="hint">{T::TfSamples.t(lang)}</p>
            <button type="button" onclick={test} disabled={!ready}>{T::TfTest.t(lang)}</button>
            if let Some(s) = (*shown).clone() {
                <div class="test-run" role="region" aria-label={T::TfResults.t(lang)}>
                    <h4>{T::TfEvent.t(lang)}</h4>
                    <pre class="json">{s.event}</pre>
                    <h4>{T::TfResponse.t(lang)}</h4>
                    { match s.answer {
                        Ok(a) => html! { <pre class="json">{a}</pre> },
                        Err(e) => html! { <p class="error-text">{fill(T::TfInvocationFailed.t(lang), &[&e])}</p> },
                    } }
                    <h4>{T::TfResults.t(lang)}</h4>
                    { match s.results {
                        Ok(rows) => html! { <ul class="test-results">{ for rows.into_iter().map(|r| html! { <li><code>{r}</code></li> }) }</ul> },
                        Err(e) => html! { <p class="error-text">{fill(T::TfInvocationFailed.t(lang), &[&e])}</p> },
                    } }
                </div>
            }
        </section>
    }
}
