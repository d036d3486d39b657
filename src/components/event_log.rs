//! The event log: the newest events of the run, newest last, in the learner's language.

use crate::components::component_state::grouped;
use crate::i18n::{fill, Lang, T};
use crate::world_handle::WorldHandle;
use shardlab_sim::kinesis::limits::{
    MIB, SHARD_READ_BYTES_PER_SEC, SHARD_READ_CALLS_PER_SEC, SHARD_WRITE_BYTES_PER_SEC, SHARD_WRITE_RECORDS_PER_SEC,
};
use shardlab_sim::{Event, EventKind};
use yew::prelude::*;

/// How many of the newest events the table shows (the world keeps more, and the timeline
/// goes back to any instant): far more than the panel's few visible rows. At 3,600× every
/// row is new in every frame, and 200 of them were a quarter of the frame (17 ms of
/// building, laying out and dropping rows): the clock fell to 0.92 of real time.
const SHOWN: u64 = 50;

#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    pub lang: Lang,
    /// A row was clicked: the event's source (a component id or a stream name).
    pub on_select: Callback<String>,
    /// A row's instant was chosen: the timeline goes back (or forward) to it.
    pub on_go_to: Callback<shardlab_sim::SimTime>,
}

/// What an event says, in `lang`.
pub fn describe(event: &Event, lang: Lang) -> String {
    match &event.kind {
        EventKind::ScenarioLoaded { name, seed } => {
            format!("{} “{name}” ({} {seed})", T::EventScenarioLoaded.t(lang), T::Seed.t(lang))
        }
        EventKind::StreamStatus { stream, status } => fill(T::EvStreamStatus.t(lang), &[stream, status]),
        EventKind::ShardSplit { parent, children: [a, b], .. } => fill(T::EvShardSplit.t(lang), &[parent, a, b]),
        EventKind::ShardsMerged { parents: [a, b], child, .. } => fill(T::EvShardsMerged.t(lang), &[a, b, child]),
        EventKind::WritesThrottled { shard, count, .. } => {
            let (mib, records) = (SHARD_WRITE_BYTES_PER_SEC / MIB, grouped(SHARD_WRITE_RECORDS_PER_SEC));
            fill(T::EvWritesThrottled.t(lang), &[count, shard, &mib, &records])
        }
        EventKind::ReadsThrottled { shard, count, .. } => {
            let mib = SHARD_READ_BYTES_PER_SEC / MIB;
            fill(T::EvReadsThrottled.t(lang), &[count, shard, &SHARD_READ_CALLS_PER_SEC, &mib])
        }
        EventKind::RecordsExpired { shard, count, .. } => fill(T::EvRecordsExpired.t(lang), &[count, shard]),
        EventKind::RetentionChanged { stream, hours } => fill(T::EvRetentionChanged.t(lang), &[stream, hours]),
        EventKind::WorkerDied { app, worker } => fill(T::EvWorkerDied.t(lang), &[app, worker]),
        EventKind::LeaseTaken { app, shard, worker } => fill(T::EvLeaseTaken.t(lang), &[app, shard, worker]),
        EventKind::LeaseStolen { app, shard, from, to } => fill(T::EvLeaseStolen.t(lang), &[app, shard, from, to]),
        EventKind::LambdaInvoked { function, records } => fill(T::EvLambdaInvoked.t(lang), &[function, records]),
        EventKind::Flushed { stream, object, records, reason, .. } => {
            let text = match reason {
                shardlab_sim::firehose::stream::FlushReason::Size => T::EvFlushedSize,
                shardlab_sim::firehose::stream::FlushReason::Interval => T::EvFlushedInterval,
            };
            fill(text.t(lang), &[stream, records, object])
        }
        EventKind::Transformed { stream, ok, dropped, failed, error } => {
            let text = fill(T::EvTransformed.t(lang), &[stream, ok, dropped, failed]);
            match error {
                Some(e) => format!("{text} — {e}"),
                None => text,
            }
        }
        EventKind::DeliveryFailed { stream, records, gave_up, error } => {
            let text = fill(
                if *gave_up { T::EvDeliveryGaveUp.t(lang) } else { T::EvDeliveryRetrying.t(lang) },
                &[stream, records],
            );
            format!("{text} — {error}")
        }
    }
}

/// The kinds of event the log can be narrowed to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Status,
    Resharding,
    Throttling,
    Expiry,
    Kcl,
    Lambda,
    Scenario,
    Delivery,
}

const CATEGORIES: [(Category, T, &str); 8] = [
    (Category::Delivery, T::CatDelivery, "delivery"),
    (Category::Throttling, T::CatThrottling, "throttling"),
    (Category::Resharding, T::CatResharding, "resharding"),
    (Category::Status, T::CatStatus, "status"),
    (Category::Expiry, T::CatExpiry, "expiry"),
    (Category::Kcl, T::CatKcl, "kcl"),
    (Category::Lambda, T::CatLambda, "lambda"),
    (Category::Scenario, T::CatScenario, "scenario"),
];

pub fn category(kind: &EventKind) -> Category {
    match kind {
        EventKind::ScenarioLoaded { .. } => Category::Scenario,
        EventKind::StreamStatus { .. } => Category::Status,
        EventKind::ShardSplit { .. } | EventKind::ShardsMerged { .. } => Category::Resharding,
        EventKind::WritesThrottled { .. } | EventKind::ReadsThrottled { .. } => Category::Throttling,
        EventKind::RecordsExpired { .. } | EventKind::RetentionChanged { .. } => Category::Expiry,
        EventKind::WorkerDied { .. } | EventKind::LeaseTaken { .. } | EventKind::LeaseStolen { .. } => Category::Kcl,
        EventKind::LambdaInvoked { .. } => Category::Lambda,
        EventKind::Flushed { .. } | EventKind::DeliveryFailed { .. } | EventKind::Transformed { .. } => {
            Category::Delivery
        }
    }
}

#[function_component(EventLog)]
pub fn event_log(p: &EventLogProps) -> Html {
    let handle = use_context::<WorldHandle>().expect("the world is provided");
    let world = handle.world.borrow();
    let lang = p.lang;
    let source_filter = use_state(String::new);
    let kind_filter = use_state(String::new);
    let from = world.events_total().saturating_sub(SHOWN);
    let mut sources: Vec<String> =
        world.events_since(from).map(|e| e.source.clone()).filter(|s| !s.is_empty()).collect();
    shardlab_sim::order::sort(&mut sources);
    sources.dedup();
    let wanted_kind = CATEGORIES.iter().find(|(_, _, v)| *v == kind_filter.as_str()).map(|(c, _, _)| *c);
    let rows: Vec<Html> = world
        .events_since(from)
        .filter(|e| source_filter.is_empty() || e.source == *source_filter)
        .filter(|e| wanted_kind.is_none_or(|k| category(&e.kind) == k))
        .map(|e| {
            let source = if e.source.is_empty() { T::WorldSource.t(lang).to_string() } else { e.source.clone() };
            // A row names its component: clicking it selects that component.
            let select = p.on_select.reform({
                let s = e.source.clone();
                move |_: MouseEvent| s.clone()
            });
            // Its instant is a button: the timeline goes there (the row is not also selected).
            let go_to = p.on_go_to.reform({
                let at = e.at;
                move |click: MouseEvent| {
                    click.stop_propagation();
                    at
                }
            });
            html! {
                <tr key={e.seq} onclick={select} class={classes!((category(&e.kind) == Category::Throttling).then_some("bad"))}>
                    <td class="num">
                        <button type="button" class="go-to" title={fill(T::GoToInstant.t(lang), &[&e.at])} onclick={go_to}>{e.at.to_string()}</button>
                    </td>
                    <td>{source}</td>
                    <td>{describe(e, lang)}</td>
                </tr>
            }
        })
        .collect();
    let on_source = {
        let f = source_filter.clone();
        Callback::from(move |e: web_sys::Event| f.set(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value()))
    };
    let on_kind = {
        let f = kind_filter.clone();
        Callback::from(move |e: web_sys::Event| f.set(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value()))
    };
    html! {
        <div class="event-log">
            <div class="filters">
                <label>
                    <span>{T::FilterComponent.t(lang)}</span>
                    <select onchange={on_source} aria-label={T::FilterComponent.t(lang)}>
                        <option value="" selected={source_filter.is_empty()}>{T::AllEvents.t(lang)}</option>
                        { for sources.iter().map(|s| html! { <option value={s.clone()} selected={*s == *source_filter}>{s}</option> }) }
                    </select>
                </label>
                <label>
                    <span>{T::FilterKind.t(lang)}</span>
                    <select onchange={on_kind} aria-label={T::FilterKind.t(lang)}>
                        <option value="" selected={kind_filter.is_empty()}>{T::AllEvents.t(lang)}</option>
                        { for CATEGORIES.iter().map(|(_, label, v)| html! { <option value={*v} selected={*v == kind_filter.as_str()}>{label.t(lang)}</option> }) }
                    </select>
                </label>
            </div>
            <div role="log" aria-label={T::EventLog.t(lang)}>
                if rows.is_empty() {
                    <p class="hint">{T::NoEvents.t(lang)}</p>
                } else {
                    <table>
                        <thead><tr>
                            <th scope="col">{T::EventTime.t(lang)}</th>
                            <th scope="col">{T::EventSource.t(lang)}</th>
                            <th scope="col">{T::EventWhat.t(lang)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
            </div>
        </div>
    }
}
