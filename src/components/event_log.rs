//! The event log: the newest events of the run, newest last, in the learner's language.

use crate::i18n::{fill, Lang, T};
use crate::world_handle::WorldHandle;
use shardlab_sim::{Event, EventKind};
use yew::prelude::*;

/// How many of the newest events the table shows (the world keeps more).
const SHOWN: u64 = 200;

#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    pub lang: Lang,
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
        EventKind::WritesThrottled { shard, count, .. } => fill(T::EvWritesThrottled.t(lang), &[count, shard]),
        EventKind::ReadsThrottled { shard, count, .. } => fill(T::EvReadsThrottled.t(lang), &[count, shard]),
        EventKind::RecordsExpired { shard, count, .. } => fill(T::EvRecordsExpired.t(lang), &[count, shard]),
        EventKind::RetentionChanged { stream, hours } => fill(T::EvRetentionChanged.t(lang), &[stream, hours]),
        EventKind::WorkerDied { app, worker } => fill(T::EvWorkerDied.t(lang), &[app, worker]),
        EventKind::LeaseTaken { app, shard, worker } => fill(T::EvLeaseTaken.t(lang), &[app, shard, worker]),
        EventKind::LambdaInvoked { function, records } => fill(T::EvLambdaInvoked.t(lang), &[function, records]),
    }
}

#[function_component(EventLog)]
pub fn event_log(p: &EventLogProps) -> Html {
    let handle = use_context::<WorldHandle>().expect("the world is provided");
    let world = handle.world.borrow();
    let lang = p.lang;
    let from = world.events_total().saturating_sub(SHOWN);
    let rows: Vec<Html> = world
        .events_since(from)
        .map(|e| {
            let source = if e.source.is_empty() { T::WorldSource.t(lang).to_string() } else { e.source.clone() };
            html! {
                <tr key={e.seq}>
                    <td class="num">{e.at.to_string()}</td>
                    <td>{source}</td>
                    <td>{describe(e, lang)}</td>
                </tr>
            }
        })
        .collect();
    html! {
        <div class="event-log" role="log" aria-label={T::EventLog.t(lang)}>
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
    }
}
