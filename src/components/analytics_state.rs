//! An Analytics application's live state: whether it runs (or the error it stopped with), the
//! watermark and the late rows, what it read and emitted, each output's figures, a table of
//! the latest window results and a chart of a chosen result column over the windows. Every
//! figure is the model's; the chart draws the sums the model gives.

use crate::components::chart::{Chart, Series};
use crate::components::component_state::grouped;
use crate::i18n::{fill, Lang, T};
use crate::i18n_analytics::TS;
use crate::world_handle::WorldHandle;
use shardlab_sim::analytics::application::{Application, Status};
use shardlab_sim::analytics::types::Value;
use shardlab_sim::scenario::ComponentSpec;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AnalyticsStateProps {
    pub lang: Lang,
    pub spec: ComponentSpec,
    pub revision: u64,
    pub dark: bool,
}

/// Result rows the table shows (the newest).
const ROWS_SHOWN: usize = 12;

fn shown(v: &Value) -> String {
    match v.to_json() {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    }
}

fn status_line(app: &Application, lang: Lang) -> Html {
    match &app.status {
        Status::Running => html! { <span class="ok-text">{TS::StatusRunning.t(lang)}</span> },
        Status::NoSource => html! { <span class="hint">{TS::StatusNoSource.t(lang)}</span> },
        Status::Discovering => html! { <span class="hint">{TS::StatusDiscovering.t(lang)}</span> },
        Status::Stopped(e) => html! {
            <span class="error-text" role="alert">{fill(TS::StatusStopped.t(lang), &[&e.line, &e.column, &e.message])}</span>
        },
    }
}

#[function_component(AnalyticsState)]
pub fn analytics_state(p: &AnalyticsStateProps) -> Html {
    let lang = p.lang;
    let handle = use_context::<WorldHandle>().expect("the world is provided");
    let chosen = use_state(|| None::<String>);
    let world = handle.world.borrow();
    let Some(app) = world.application(&p.spec.id) else { return html! {} };
    let query = app.query();
    let watermark = query
        .and_then(|q| q.watermark())
        .map_or_else(|| TS::WatermarkNone.t(lang).to_string(), |w| shown(&Value::Timestamp(w)));
    let figure = |label: TS, value: u64| html! { <><dt>{label.t(lang)}</dt><dd>{grouped(value)}</dd></> };
    let outputs = app.outputs.iter().map(|o| {
        let name = o.target.name().to_string();
        html! {
            <li>
                {fill(TS::OutputLine.t(lang), &[&name, &grouped(o.written), &grouped(o.waiting() as u64)])}
                if let Some(e) = &o.last_error {
                    <span class="hint">{" — "}{fill(TS::OutputRefused.t(lang), &[e])}</span>
                }
            </li>
        }
    });
    let rows: Vec<_> = app.results.latest().take(ROWS_SHOWN).collect();
    let columns: Vec<String> = rows.first().map(|r| r.iter().map(|(n, _)| n.clone()).collect()).unwrap_or_default();
    let numeric = app.results.numeric_columns();
    let column = chosen.as_ref().filter(|c| numeric.contains(c)).cloned().or_else(|| numeric.last().cloned());
    let chart = column.map(|column| {
        let start = world.scenario().start_epoch_ms as f64;
        let points: Vec<(f64, f64)> =
            app.results.series(&column).into_iter().map(|(ms, v)| ((ms as f64 - start) / 1000.0, v)).collect();
        let first = points.first().map_or(0.0, |p| p.0);
        let window = (first, points.last().map_or(first, |p| p.0).max(first + 1.0));
        let on_column = {
            let chosen = chosen.clone();
            Callback::from(move |e: Event| chosen.set(Some(e.target_unchecked_into::<HtmlSelectElement>().value())))
        };
        html! { <>
            <label class="field">
                <span>{TS::ChartColumn.t(lang)}</span>
                <select onchange={on_column}>
                    { for numeric.iter().map(|c| html! { <option value={c.clone()} selected={*c == column}>{c}</option> }) }
                </select>
            </label>
            <Chart {lang} title={fill(TS::ChartTitle.t(lang), &[&column])} series={vec![Series { label: column.clone(), points }]} {window} dark={p.dark} />
        </> }
    });
    html! {
        <section class="analytics-state" aria-label={T::KindAnalyticsApp.t(lang)}>
            <p><strong>{TS::StatusLabel.t(lang)}{": "}</strong>{ status_line(app, lang) }</p>
            <dl class="facts">
                <dt>{TS::Watermark.t(lang)}</dt><dd data-watermark="">{watermark}</dd>
                <dt>{TS::LateRows.t(lang)}</dt><dd data-late-rows="">{grouped(query.map_or(0, |q| q.late_rows()))}</dd>
                { figure(TS::RowsRead, query.map_or(0, |q| q.rows_read())) }
                { figure(TS::RowsWithoutTime, query.map_or(0, |q| q.rows_without_time())) }
                { figure(TS::Unreadable, app.unreadable) }
                { figure(TS::RowsEmitted, app.results.emitted) }
            </dl>
            <h4>{TS::OutputsHeading.t(lang)}</h4>
            if app.outputs.is_empty() {
                <p class="hint">{TS::NoOutputs.t(lang)}</p>
            } else {
                <ul class="outputs">{ for outputs }</ul>
            }
            <h4>{TS::ResultsHeading.t(lang)}</h4>
            if rows.is_empty() {
                <p class="hint">{TS::ResultsNone.t(lang)}</p>
            } else {
                <div class="table-scroll">
                    <table class="results-table" aria-label={TS::ResultsHeading.t(lang)}>
                        <thead><tr>{ for columns.iter().map(|c| html! { <th scope="col">{c}</th> }) }</tr></thead>
                        <tbody>{ for rows.iter().map(|r| html! {
                            <tr>{ for r.iter().map(|(_, v)| html! { <td>{shown(v)}</td> }) }</tr>
                        }) }</tbody>
                    </table>
                </div>
                { chart.unwrap_or_default() }
            }
        </section>
    }
}
