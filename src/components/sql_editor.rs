//! An Analytics application's SQL: a template picker and the editor, with the error of the
//! text being typed marked at its line and column (the model compiles it as it is typed, the
//! way the application would), under the line it is on.

use crate::components::fields::{use_draft, Draft};
use crate::i18n::{fill, Lang};
use crate::i18n_analytics::TS;
use shardlab_sim::analytics::application::compile;
use shardlab_sim::analytics::ast::Column;
use shardlab_sim::analytics::templates::TEMPLATES;
use shardlab_sim::pipeline::analytics_settings::{AnalyticsSettings, Dialect};
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SqlEditorProps {
    pub lang: Lang,
    pub settings: AnalyticsSettings,
    /// The schema the application discovered (a legacy query without a schema runs on it).
    pub discovered: Vec<Column>,
    /// A template's SQL and dialect, or the edited SQL (same dialect).
    pub on_sql: Callback<(Dialect, String)>,
}

fn template_name(name: &str) -> TS {
    match name {
        "count-per-minute" => TS::TplCountPerMinute,
        "hop-average" => TS::TplHopAverage,
        "sessions" => TS::TplSessions,
        "top-pages" => TS::TplTopPages,
        "filtered-having" => TS::TplFilteredHaving,
        _ => TS::TplLegacyPump,
    }
}

#[function_component(SqlEditor)]
pub fn sql_editor(p: &SqlEditorProps) -> Html {
    let lang = p.lang;
    let on_template = {
        let on_sql = p.on_sql.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(t) = TEMPLATES.iter().find(|t| t.name == select.value()) {
                on_sql.emit((t.dialect, t.sql.to_string()));
            }
        })
    };
    let on_edit = {
        let (on_sql, dialect) = (p.on_sql.clone(), p.settings.dialect);
        Callback::from(move |e: Event| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_sql.emit((dialect, area.value()))
        })
    };
    let Draft { value, oninput, onkeydown, onblur } = use_draft(p.settings.sql.clone());
    let current = TEMPLATES.iter().find(|t| t.sql == p.settings.sql).map(|t| t.name).unwrap_or("");
    // What is typed is checked as the application would run it.
    let typed = AnalyticsSettings { sql: value.clone(), ..p.settings.clone() };
    let waiting_for_schema = typed.dialect == Dialect::Legacy && typed.schema.is_empty() && p.discovered.is_empty();
    let verdict = (!waiting_for_schema).then(|| compile(&typed, &p.discovered).err());
    let error_mark = |line: u32, column: u32| {
        let text = value.lines().nth(line.saturating_sub(1) as usize).unwrap_or_default().to_string();
        let caret = format!("{}^", " ".repeat(column.saturating_sub(1) as usize));
        html! { <pre class="sql-error-mark" aria-hidden="true">{text}{"\n"}{caret}</pre> }
    };
    html! {
        <section class="sql-editor" aria-label={TS::SqlField.t(lang)}>
            <label class="field">
                <span>{TS::SqlTemplate.t(lang)}</span>
                <select onchange={on_template}>
                    <option value="" selected={current.is_empty()} disabled=true>{"—"}</option>
                    { for TEMPLATES.iter().map(|t| html! {
                        <option value={t.name} selected={t.name == current}>{template_name(t.name).t(lang)}</option>
                    }) }
                </select>
            </label>
            <label class="field code-field">
                <span>{TS::SqlField.t(lang)}</span>
                <textarea spellcheck="false" wrap="off" rows="14" value={value.clone()} onchange={on_edit} {oninput} {onkeydown} {onblur} />
            </label>
            <p class="hint">{TS::SqlHint.t(lang)}</p>
            { match verdict {
                None => html! { <p class="hint" role="status">{TS::SqlNeedsRecords.t(lang)}</p> },
                Some(None) => html! { <p class="ok-text" role="status">{TS::SqlRuns.t(lang)}</p> },
                Some(Some(e)) => html! { <div class="sql-error" role="alert">
                    <p class="error-text">{fill(TS::SqlErrorAt.t(lang), &[&e.line, &e.column, &e.message])}</p>
                    { error_mark(e.line, e.column) }
                </div> },
            } }
        </section>
    }
}
