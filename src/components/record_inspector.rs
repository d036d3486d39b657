//! The record inspector: one record followed from its partition key to its shard and
//! sequence number, and on to the consumers that have read it.

use crate::i18n::{fill, Lang, T};
use crate::world_handle::WorldHandle;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RecordInspectorProps {
    pub lang: Lang,
    pub followed: Option<(String, u128)>,
    pub revision: u64,
}

#[function_component(RecordInspector)]
pub fn record_inspector(p: &RecordInspectorProps) -> Html {
    let handle = use_context::<WorldHandle>().expect("the world is provided");
    let lang = p.lang;
    let Some((stream, seq)) = &p.followed else { return html! { <p class="hint">{T::NoRecordFollowed.t(lang)}</p> } };
    let world = handle.world.borrow();
    let Some(t) = world.trace_record(stream, *seq) else {
        return html! { <p class="hint">{T::RecordGone.t(lang)}</p> };
    };
    let yes_no = |b: bool| if b { T::Yes.t(lang) } else { T::No.t(lang) };
    let row = |k: T, v: String| html! { <><dt>{k.t(lang)}</dt><dd><code>{v}</code></dd></> };
    let epoch = world.scenario().start_epoch_ms;
    let wall = shardlab_sim::time::SimTime::from_millis(t.arrival.as_millis() + epoch % 86_400_000);
    html! {
        <div class="record-inspector">
            <dl class="facts wide">
                { row(T::PartitionKey, t.partition_key.clone()) }
                { row(T::HashKeyHex, format!("{:032x}", t.hash_key)) }
                { row(T::HashKeyDec, t.hash_key.to_string()) }
                { row(T::ExplicitKey, yes_no(t.explicit_hash_key).to_string()) }
                { row(T::ShardHolding, format!("{} [{} – {}]", t.shard, t.shard_range.0, t.shard_range.1)) }
                { row(T::SequenceNumber, t.sequence_number.to_string()) }
                { row(T::Arrival, format!("{} (UTC {})", t.arrival, wall)) }
                { row(T::SizeBytes, t.size.to_string()) }
                if t.user_records > 1 {
                    { row(T::UserRecords, t.user_records.to_string()) }
                }
            </dl>
            <h3>{T::Hops.t(lang)}</h3>
            <ol class="hops">
                <li>{fill(T::HopWritten.t(lang), &[&t.shard, &t.stream, &t.arrival])}</li>
                { for t.readers.iter().map(|(id, read)| html! {
                    <li class={classes!((!read).then_some("pending"))}>
                        {fill(if *read { T::HopRead.t(lang) } else { T::HopNotYet.t(lang) }, &[id])}
                    </li>
                }) }
            </ol>
            { for t.redelivered_by.iter().map(|app| html! { <p class="bad-text">{fill(T::Redelivered.t(lang), &[app])}</p> }) }
            { for t.at_risk_of_redelivery.iter().map(|app| html! { <p class="hint">{fill(T::Redelivery.t(lang), &[app])}</p> }) }
        </div>
    }
}
