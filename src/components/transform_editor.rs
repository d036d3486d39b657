//! The transform's editor: start from a shipped template, edit the Rhai code, and test it
//! with sample records — showing the event Firehose sends, the function's response and each
//! record's result, as the Lambda console's test does.

use crate::components::code_editor::{use_script_engine, CodeEditor};
use crate::i18n::{fill, Lang, T};
use crate::script_engine::Status;
use shardlab_sim::firehose::transform::{sample_records, test_inputs, Outcome, Transform, TEMPLATES};
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
    // The editor needs the script engine to check and test code: it loads it.
    let engine = use_script_engine();
    let ready = engine == Status::Ready;
    let compile_error = ready.then(|| Transform::new(&p.code).compile_error()).flatten();
    let handle = use_context::<crate::world_handle::WorldHandle>().expect("the world is provided");
    let test = {
        let (shown, code, world) = (shown.clone(), p.code.to_string(), handle.world.clone());
        // The sample records arrive at the scenario's time now, as the running stream's would.
        Callback::from(move |_: MouseEvent| shown.set(Some(run_test(&code, world.borrow().epoch_ms_now()))))
    };
    let templates: Vec<_> =
        TEMPLATES.iter().map(|(name, code)| (*name, AttrValue::from(template_name(name).t(lang)), *code)).collect();
    html! {
        <section class="transform-editor" aria-label={T::TfCode.t(lang)}>
            <CodeEditor {lang} code={p.code.clone()} templates={templates} engine={engine.clone()}
                        template_label={T::TfTemplate.t(lang)} code_label={T::TfCode.t(lang)} on_code={p.on_code.clone()} />
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
