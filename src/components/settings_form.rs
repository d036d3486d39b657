//! The settings of the selected component, as form fields. Each change proposes new settings;
//! the model accepts them or refuses them with the rule they break.

use crate::components::fields::{CheckField, NumberField, SelectField, TextField};
use crate::i18n::{Lang, T};
use shardlab_sim::kinesis::stream::StreamMode;
use shardlab_sim::pipeline::payload::Template;
use shardlab_sim::pipeline::settings::{KeyStrategy, StartPosition};
use shardlab_sim::scenario::ComponentKind;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub lang: Lang,
    pub kind: ComponentKind,
    pub on_change: Callback<ComponentKind>,
}

fn opt(value: &str, text: &str) -> (AttrValue, AttrValue) {
    (AttrValue::from(value.to_string()), AttrValue::from(text.to_string()))
}

fn start_field(lang: Lang, start: StartPosition, emit: impl Fn(StartPosition) + 'static) -> Html {
    let options = vec![opt("TRIM_HORIZON", "TRIM_HORIZON"), opt("LATEST", "LATEST")];
    let value = if start == StartPosition::Latest { "LATEST" } else { "TRIM_HORIZON" };
    let on_change = Callback::from(move |v: String| {
        emit(if v == "LATEST" { StartPosition::Latest } else { StartPosition::TrimHorizon })
    });
    html! { <SelectField label={T::StartPositionField.t(lang)} {options} value={value} {on_change} /> }
}

/// The notes, beside a setting, on what older study material says of its rule, and what
/// AWS's rule is now (the model's `kinesis::older_rules`).
fn older_notes(lang: Lang, setting: &str) -> Html {
    older_note_texts(lang, setting)
        .into_iter()
        .map(|(id, current, older)| {
            html! {
                <aside class="older-rule hint" data-rule={id} aria-label={T::OlderRuleHeading.t(lang)}>
                    <strong>{T::OlderRuleHeading.t(lang)}</strong>{" "}{older}{" "}{current}
                </aside>
            }
        })
        .collect::<Html>()
}

/// (id, the rule now, what older material says) in `lang`, for the setting.
fn older_note_texts(lang: Lang, setting: &str) -> Vec<(&'static str, &'static str, &'static str)> {
    shardlab_sim::kinesis::older_rules::older_rules_for(setting)
        .map(|r| {
            let text = |t: shardlab_sim::kinesis::older_rules::Text| if lang == Lang::ZhTw { t.zh_hant } else { t.en };
            (r.id, text(r.current), text(r.older))
        })
        .collect()
}

#[function_component(SettingsForm)]
pub fn settings_form(p: &SettingsProps) -> Html {
    let lang = p.lang;
    // `edit(f)`: a callback that applies `f` to a copy of the settings and proposes it.
    macro_rules! edit {
        ($($rest:tt)*) => { crate::components::fields::edit_setting!(p.kind, p.on_change, $($rest)*) };
    }
    if let Some(fields) = crate::components::delivery_settings_form::delivery_fields(lang, &p.kind, &p.on_change) {
        return fields;
    }
    #[cfg(feature = "emr")]
    if let Some(fields) = crate::components::emr_settings_form::emr_fields(lang, &p.kind, &p.on_change) {
        return fields;
    }
    #[cfg(feature = "analytics")]
    if let ComponentKind::AnalyticsApp(settings) = &p.kind {
        return html! {
            <crate::components::analytics_settings_form::AnalyticsFields {lang} settings={settings.clone()}
                on_change={p.on_change.clone()} />
        };
    }
    #[cfg(feature = "video")]
    if let Some(fields) = crate::components::video_settings_form::video_fields(lang, &p.kind, &p.on_change) {
        return fields;
    }
    // The first load has no EMR or SQL model: the page is switching to the build that has it.
    if p.kind.kind().needs_full_model() && !crate::model_build::FULL {
        return html! { <p class="hint" role="status">{T::NeedsFullModel.t(lang)}</p> };
    }
    match &p.kind {
        ComponentKind::Producer(s) => {
            let keys = match s.keys {
                KeyStrategy::Random => "random",
                KeyStrategy::Distinct { .. } => "distinct",
                KeyStrategy::HotKey => "hot",
                KeyStrategy::Sequential => "sequential",
            };
            let distinct = if let KeyStrategy::Distinct { count } = s.keys { Some(count) } else { None };
            let template = match s.template {
                Template::Clickstream => "clickstream",
                Template::IotTelemetry => "iot",
                Template::AppLog => "log",
                Template::MediaChunk => "media",
            };
            html! { <>
                <NumberField label={T::RecordsPerSecond.t(lang)} value={s.records_per_second}
                             on_change={edit!(Producer, |s, v: f64| s.records_per_second = v)} />
                <NumberField label={T::RecordBytes.t(lang)} value={s.record_bytes as f64} step={"1"}
                             on_change={edit!(Producer, |s, v: f64| s.record_bytes = v.clamp(0.0, u32::MAX as f64) as u32)} />
                <SelectField label={T::Keys.t(lang)} value={keys}
                    options={vec![opt("random", T::KeysRandom.t(lang)), opt("distinct", T::KeysDistinct.t(lang)),
                                  opt("hot", T::KeysHot.t(lang)), opt("sequential", T::KeysSequential.t(lang))]}
                    on_change={edit!(Producer, |s, v: String| s.keys = match v.as_str() {
                        "distinct" => KeyStrategy::Distinct { count: 5 },
                        "hot" => KeyStrategy::HotKey,
                        "sequential" => KeyStrategy::Sequential,
                        _ => KeyStrategy::Random,
                    })} />
                if let Some(count) = distinct {
                    <NumberField label={T::DistinctCount.t(lang)} value={count as f64} step={"1"}
                                 on_change={edit!(Producer, |s, v: f64| s.keys = KeyStrategy::Distinct { count: v.clamp(0.0, u32::MAX as f64) as u32 })} />
                }
                <SelectField label={T::Template.t(lang)} value={template}
                    options={vec![opt("clickstream", T::TplClickstream.t(lang)), opt("iot", T::TplIot.t(lang)),
                                  opt("log", T::TplAppLog.t(lang)), opt("media", T::TplMedia.t(lang))]}
                    on_change={edit!(Producer, |s, v: String| s.template = match v.as_str() {
                        "iot" => Template::IotTelemetry,
                        "log" => Template::AppLog,
                        "media" => Template::MediaChunk,
                        _ => Template::Clickstream,
                    })} />
                <NumberField label={T::MaxRetries.t(lang)} value={s.max_retries as f64} step={"1"}
                             on_change={edit!(Producer, |s, v: f64| s.max_retries = v.clamp(0.0, u32::MAX as f64) as u32)} />
                <NumberField label={T::BackoffMs.t(lang)} value={s.backoff_ms as f64} step={"1"}
                             on_change={edit!(Producer, |s, v: f64| s.backoff_ms = v.max(0.0) as u64)} />
                <CheckField label={T::Aggregation.t(lang)} checked={s.aggregation}
                            on_change={edit!(Producer, |s, v: bool| s.aggregation = v)} />
                <CheckField label={T::Collection.t(lang)} checked={s.collection}
                            on_change={edit!(Producer, |s, v: bool| s.collection = v)} />
            </> }
        }
        ComponentKind::DataStream(s) => {
            let mode = if s.mode == StreamMode::OnDemand { "ON_DEMAND" } else { "PROVISIONED" };
            html! { <>
                <TextField label={T::StreamNameField.t(lang)} value={s.stream_name.clone()} readonly={true}
                           on_change={Callback::from(|_| ())} />
                <TextField label={T::CapacityMode.t(lang)} value={mode} readonly={true} on_change={Callback::from(|_| ())} />
                { older_notes(lang, "mode") }
                if s.mode == StreamMode::Provisioned {
                    <NumberField label={T::ShardCount.t(lang)} value={s.shard_count as f64} step={"1"}
                                 on_change={edit!(DataStream, |s, v: f64| s.shard_count = v.clamp(0.0, u32::MAX as f64) as u32)} />
                }
                <NumberField label={T::RetentionHours.t(lang)} value={s.retention_hours as f64} step={"1"}
                             on_change={edit!(DataStream, |s, v: f64| s.retention_hours = v.clamp(0.0, u32::MAX as f64) as u32)} />
                { older_notes(lang, "retention_hours") }
            </> }
        }
        ComponentKind::PollingConsumer(s) => html! { <>
            <NumberField label={T::PollInterval.t(lang)} value={s.poll_interval_ms as f64} step={"1"}
                         on_change={edit!(PollingConsumer, |s, v: f64| s.poll_interval_ms = v.max(0.0) as u64)} />
            <NumberField label={T::BatchLimit.t(lang)} value={s.batch_limit as f64} step={"1"}
                         on_change={edit!(PollingConsumer, |s, v: f64| s.batch_limit = v.clamp(0.0, u32::MAX as f64) as u32)} />
            { start_field(lang, s.start, { let e = edit!(PollingConsumer, |s, v: StartPosition| s.start = v); move |v| e.emit(v) }) }
        </> },
        ComponentKind::KclApp(s) => html! { <>
            <NumberField label={T::Workers.t(lang)} value={s.workers as f64} step={"1"}
                         on_change={edit!(KclApp, |s, v: f64| s.workers = v.clamp(0.0, u32::MAX as f64) as u32)} />
            <NumberField label={T::CheckpointEvery.t(lang)} value={s.checkpoint_every as f64} step={"1"}
                         on_change={edit!(KclApp, |s, v: f64| s.checkpoint_every = v.clamp(0.0, u32::MAX as f64) as u32)} />
            <NumberField label={T::PollInterval.t(lang)} value={s.poll_interval_ms as f64} step={"1"}
                         on_change={edit!(KclApp, |s, v: f64| s.poll_interval_ms = v.max(0.0) as u64)} />
            <NumberField label={T::FailoverMs.t(lang)} value={s.failover_ms as f64} step={"1"}
                         on_change={edit!(KclApp, |s, v: f64| s.failover_ms = v.max(0.0) as u64)} />
            { start_field(lang, s.initial_position, { let e = edit!(KclApp, |s, v: StartPosition| s.initial_position = v); move |v| e.emit(v) }) }
        </> },
        ComponentKind::EfoConsumer(s) => html! { <>
            <TextField label={T::ConsumerNameField.t(lang)} value={s.consumer_name.clone()}
                       on_change={edit!(EfoConsumer, |s, v: String| s.consumer_name = v)} />
            { start_field(lang, s.start, { let e = edit!(EfoConsumer, |s, v: StartPosition| s.start = v); move |v| e.emit(v) }) }
        </> },
        ComponentKind::LambdaConsumer(s) => html! { <>
            <NumberField label={T::BatchSize.t(lang)} value={s.batch_size as f64} step={"1"}
                         on_change={edit!(LambdaConsumer, |s, v: f64| s.batch_size = v.clamp(0.0, u32::MAX as f64) as u32)} />
            <NumberField label={T::BatchWindow.t(lang)} value={s.batch_window_s as f64} step={"1"}
                         on_change={edit!(LambdaConsumer, |s, v: f64| s.batch_window_s = v.clamp(0.0, u32::MAX as f64) as u32)} />
            { start_field(lang, s.start, { let e = edit!(LambdaConsumer, |s, v: StartPosition| s.start = v); move |v| e.emit(v) }) }
            <CheckField label={T::Deaggregate.t(lang)} checked={s.deaggregate}
                        on_change={edit!(LambdaConsumer, |s, v: bool| s.deaggregate = v)} />
            <p class="hint">{T::DeaggregateHint.t(lang)}</p>
        </> },
        _ => html! {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn the_retention_field_carries_the_older_rule_in_the_page_s_language() {
        let en = older_note_texts(Lang::En, "retention_hours");
        assert_eq!(en.len(), 1);
        assert!(en[0].1.contains("8,760") && en[0].2.contains("7 days"), "{en:?}");
        let zh = older_note_texts(Lang::ZhTw, "retention_hours");
        assert!(zh[0].2.contains("7 天"), "{zh:?}");
        assert_eq!(older_note_texts(Lang::En, "mode")[0].0, "shard-scaling");
        assert!(older_note_texts(Lang::En, "batch_size").is_empty());
    }
}
