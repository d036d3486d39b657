//! The live state of the selected component: a stream's shards (ranges, lineage, records,
//! this second's writes against the limit) with split and merge; a producer's and a
//! consumer's figures; a KCL application's lease table and workers.

use crate::components::chart::{Chart, ChartSpan, Series};
use crate::components::delivery_state::DeliveryState;
use crate::components::facts::facts;
use crate::i18n::{fill, Lang, T};
use crate::notice::Notice;
use crate::world_handle::WorldHandle;
use serde_json::json;
use shardlab_sim::kinesis::limits::{MIB, SHARD_WRITE_BYTES_PER_SEC, SHARD_WRITE_RECORDS_PER_SEC};
use shardlab_sim::kinesis::shard::shard_id;
use shardlab_sim::kinesis::stream::status_name;
use shardlab_sim::metrics;
use shardlab_sim::pipeline::Component;
use shardlab_sim::scenario::{ComponentKind, ComponentSpec};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct StateProps {
    pub lang: Lang,
    pub spec: ComponentSpec,
    pub revision: u64,
    /// The clock's speed: the charts' span follows it (`ChartSpan`).
    pub speed: u32,
    pub on_world_changed: Callback<()>,
    pub on_notice: Callback<Notice>,
    pub dark: bool,
    pub on_follow: Callback<(String, u128)>,
}

/// Records listed under a stream in the inspector.
const NEWEST_SHOWN: usize = 10;

/// Seconds of history the charts show.
const CHART_SECONDS: u64 = 60;

/// 1234567 → "1,234,567".
pub fn grouped(n: u64) -> String {
    crate::components::top_bar::group_thousands(n)
}

/// A 128-bit hash key, short: 2^128 is 3.4e38.
fn short_key(k: u128) -> String {
    if k < 100_000 {
        k.to_string()
    } else {
        format!("{:.2e}", k as f64)
    }
}

/// How long a drawn state stands before the next frame may draw it again: figures change at
/// most 4 times a second, which a reader can follow; a frame in between reuses the drawing.
const REDRAW_EVERY_MS: f64 = 250.0;

thread_local! {
    /// How many times a component's state has been drawn, for `#/bench-frames`.
    static DRAWS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many times the inspector has drawn a component's state since the page started.
pub fn draws() -> u64 {
    DRAWS.with(|d| d.get())
}

/// A drawing of the state, with what it was drawn for and when.
struct Drawn {
    spec: ComponentSpec,
    lang: Lang,
    dark: bool,
    at_ms: f64,
    html: Html,
}

fn wall_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// The selected component's live state. The page redraws every frame while the clock runs;
/// this draws the state again only when the component, the language or the theme changed,
/// when the learner acted on the world from here, or when [`REDRAW_EVERY_MS`] has passed —
/// and a frame that reuses the drawing schedules the redraw that shows the latest figures.
#[function_component(ComponentState)]
pub fn component_state(p: &StateProps) -> Html {
    let handle = use_context::<WorldHandle>().expect("the world is provided");
    let drawn = use_mut_ref(|| None::<Drawn>);
    let pending = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    let redraw = use_force_update();
    let now_ms = wall_ms();
    if let Some(d) = drawn.borrow().as_ref() {
        let same = d.spec == p.spec && d.lang == p.lang && d.dark == p.dark;
        let wait = REDRAW_EVERY_MS - (now_ms - d.at_ms);
        if same && wait > 0.0 {
            if pending.borrow().is_none() {
                let (pending_then, redraw) = (pending.clone(), redraw.clone());
                *pending.borrow_mut() = Some(gloo::timers::callback::Timeout::new(wait.ceil() as u32, move || {
                    pending_then.borrow_mut().take();
                    redraw.force_update();
                }));
            }
            return d.html.clone();
        }
    }
    // An action taken here (split, merge, stop a worker…) shows at once.
    let on_world_changed = {
        let (drawn, outer) = (drawn.clone(), p.on_world_changed.clone());
        Callback::from(move |()| {
            drawn.borrow_mut().take();
            outer.emit(());
        })
    };
    let props = StateProps { on_world_changed, ..p.clone() };
    let html = draw(&props, &handle);
    DRAWS.with(|d| d.set(d.get() + 1));
    *drawn.borrow_mut() =
        Some(Drawn { spec: p.spec.clone(), lang: p.lang, dark: p.dark, at_ms: now_ms, html: html.clone() });
    html
}

fn draw(p: &StateProps, handle: &WorldHandle) -> Html {
    let lang = p.lang;
    let world_ref = handle.world.clone();
    let world = handle.world.borrow();
    let now = world.now();
    #[cfg(feature = "dynamodb")]
    if let ComponentKind::DynamoDbTable(t) = &p.spec.kind {
        return html! {
            <crate::components::table_browser::TableBrowser {lang} table={t.table_name.clone()} revision={p.revision} />
        };
    }
    #[cfg(feature = "emr")]
    if p.spec.kind.kind().is_emr() {
        return html! {
            <crate::components::emr_state::EmrState {lang} spec={p.spec.clone()} revision={p.revision}
                on_world_changed={p.on_world_changed.clone()} on_notice={p.on_notice.clone()} dark={p.dark} />
        };
    }
    #[cfg(feature = "analytics")]
    if matches!(p.spec.kind, ComponentKind::AnalyticsApp(_)) {
        return html! {
            <crate::components::analytics_state::AnalyticsState {lang} spec={p.spec.clone()} revision={p.revision} dark={p.dark} />
        };
    }
    #[cfg(feature = "video")]
    if p.spec.kind.kind().is_video() {
        return html! {
            <crate::components::video_state::VideoState {lang} spec={p.spec.clone()} revision={p.revision}
                on_world_changed={p.on_world_changed.clone()} on_notice={p.on_notice.clone()} />
        };
    }
    if p.spec.kind.kind().needs_full_model() {
        return html! {};
    }
    if p.spec.kind.kind().is_destination()
        || matches!(p.spec.kind, ComponentKind::Firehose(_) | ComponentKind::FirehoseTransform(_))
    {
        return html! {
            <DeliveryState {lang} spec={p.spec.clone()} revision={p.revision} speed={p.speed} on_notice={p.on_notice.clone()}
                           on_world_changed={p.on_world_changed.clone()} dark={p.dark} />
        };
    }
    let replay = {
        let (world, notice, id, done) =
            (world_ref.clone(), p.on_notice.clone(), p.spec.id.clone(), p.on_world_changed.clone());
        Callback::from(move |_: MouseEvent| {
            let outcome = world.borrow_mut().replay(&id);
            notice.emit(Notice::Replayed { id: id.clone(), outcome });
            done.emit(());
        })
    };
    let replay_button = matches!(p.spec.kind, ComponentKind::PollingConsumer(_) | ComponentKind::EfoConsumer(_))
        .then(|| html! { <button type="button" onclick={replay}>{T::Replay.t(lang)}</button> });
    match &p.spec.kind {
        ComponentKind::DataStream(s) => {
            let Ok(stream) = world.kinesis().stream(&s.stream_name) else {
                return html! { <p class="hint">{"—"}</p> };
            };
            let call = |op: &'static str, input: serde_json::Value| {
                let (world, done, notice) = (world_ref.clone(), p.on_world_changed.clone(), p.on_notice.clone());
                Callback::from(move |_: MouseEvent| {
                    // The same call the console makes; a refusal (the stream is CREATING or
                    // UPDATING…) is shown with AWS's message.
                    let result = world.borrow_mut().call("kinesis", op, input.clone());
                    if let Err(e) = result {
                        notice.emit(Notice::OperationRefused {
                            operation: op.to_string(),
                            error_type: e.kind.name().to_string(),
                            message: e.message,
                        });
                    }
                    done.emit(());
                })
            };
            let rows = stream.shards.iter().map(|sh| {
                let load = sh.write_load(now);
                let writes = load.records;
                let split = sh.is_open().then(|| sh.even_split_key()).flatten().map(|mid| {
                    call("SplitShard", json!({ "StreamName": s.stream_name, "ShardToSplit": sh.id(), "NewStartingHashKey": mid.to_string() }))
                });
                let merge = stream.merge_partner(sh.index).map(|n| {
                    call("MergeShards", json!({ "StreamName": s.stream_name, "ShardToMerge": sh.id(), "AdjacentShardToMerge": shard_id(n) }))
                });
                let parent = sh.parent.map(shard_id).into_iter().chain(sh.adjacent_parent.map(shard_id)).collect::<Vec<_>>().join(" + ");
                // Status and lineage under the id, and the actions on a row of their own: four
                // columns with room in the inspector's width, in both languages.
                let status = if sh.is_open() { T::Open.t(lang) } else { T::Closed.t(lang) };
                let lineage = if parent.is_empty() { status.to_string() } else { format!("{status} · {} {parent}", T::ParentCol.t(lang)) };
                let actions = split.is_some() || merge.is_some();
                html! { <>
                    <tr class={classes!(load.hot.then_some("hot"), actions.then_some("has-actions"))}>
                        <th scope="row"><code>{sh.id()}</code><span class="lineage">{lineage}</span></th>
                        <td class="num">{format!("{} – {}", short_key(sh.range.start), short_key(sh.range.end))}</td>
                        <td class="num records">{grouped(sh.log.len() as u64)}</td>
                        <td class="num">{format!("{} / {}", grouped(writes), grouped(SHARD_WRITE_RECORDS_PER_SEC))}</td>
                    </tr>
                    if actions {
                        <tr class="shard-actions">
                            <td colspan="4"><div class="row-actions">
                                if let Some(onclick) = split {
                                    <button type="button" {onclick} aria-label={fill(T::Split.t(lang), &[&sh.id()])} title={fill(T::Split.t(lang), &[&sh.id()])}>{T::SplitShort.t(lang)}</button>
                                }
                                if let Some(onclick) = merge {
                                    <button type="button" {onclick} aria-label={fill(T::MergeWithNext.t(lang), &[&sh.id()])} title={fill(T::MergeWithNext.t(lang), &[&sh.id()])}>{T::MergeShort.t(lang)}</button>
                                }
                            </div></td>
                        </tr>
                    }
                </> }
            });
            let span = ChartSpan::at(p.speed, CHART_SECONDS);
            let (from, to) = span.window(now.second());
            let window = (from as f64, to as f64);
            let step = span.step;
            let series_points = |series: Option<&metrics::Series>| {
                span.points((from, to), &|a, b| series.map_or(0.0, |m| m.mean(a, b)))
            };
            let per_shard = |metric: &str| -> Vec<Series> {
                stream
                    .shards
                    .iter()
                    .filter(|sh| {
                        sh.is_open()
                            || world
                                .metrics()
                                .series(&shardlab_sim::metrics::shard_dimension(&s.stream_name, &sh.id()), metric)
                                .is_some_and(|m| !m.values.is_empty())
                    })
                    .map(|sh| Series {
                        label: sh.id(),
                        points: series_points(
                            world
                                .metrics()
                                .series(&shardlab_sim::metrics::shard_dimension(&s.stream_name, &sh.id()), metric),
                        ),
                    })
                    .collect()
            };
            let age = vec![Series {
                label: s.stream_name.clone(),
                points: series_points(world.metrics().series(
                    &shardlab_sim::metrics::stream_dimension(&s.stream_name),
                    "GetRecords.IteratorAgeMilliseconds",
                )),
            }];
            html! { <>
                { facts(vec![(T::Status, status_name(stream.status).to_string()), (T::RetentionHours, stream.retention_hours.to_string())], lang) }
                <h3>{T::NewestRecords.t(lang)}</h3>
                { newest_records(stream, lang, &p.on_follow) }
                <h3>{span.heading(T::Charts.t(lang), lang)}</h3>
                <Chart {lang} title={fill(T::ChartIncomingRecords.t(lang), &[&grouped(SHARD_WRITE_RECORDS_PER_SEC)])} series={per_shard("IncomingRecords")} limit={Some(SHARD_WRITE_RECORDS_PER_SEC as f64)} {window} {step} dark={p.dark} />
                <Chart {lang} title={fill(T::ChartIncomingBytes.t(lang), &[&(SHARD_WRITE_BYTES_PER_SEC / MIB)])} series={per_shard("IncomingBytes")} limit={Some(SHARD_WRITE_BYTES_PER_SEC as f64)} {window} {step} dark={p.dark} />
                <Chart {lang} title={T::ChartThrottled.t(lang)} series={per_shard("WriteProvisionedThroughputExceeded")} {window} {step} dark={p.dark} />
                <Chart {lang} title={T::ChartIteratorAge.t(lang)} series={age} {window} {step} dark={p.dark} />
                <table class="shard-table" aria-label={T::Shards.t(lang)}>
                    <thead><tr>
                        <th scope="col">{T::ShardCol.t(lang)}</th><th scope="col">{T::HashRange.t(lang)}</th>
                        <th scope="col">{T::RecordsCol.t(lang)}</th><th scope="col">{T::WritesCol.t(lang)}</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </> }
        }
        _ => match world.component(&p.spec.id) {
            Some(Component::Producer(c)) => facts(
                vec![
                    (T::StatCreated, grouped(c.stats.created)),
                    (T::StatAccepted, grouped(c.stats.accepted)),
                    (T::StatThrottled, grouped(c.stats.throttled)),
                    (T::StatRetrying, grouped(c.retrying())),
                    (T::StatFailed, grouped(c.stats.failed)),
                ],
                lang,
            ),
            Some(Component::KclApp(app)) => {
                let kill = |w: usize| {
                    let (world, done, id) = (world_ref.clone(), p.on_world_changed.clone(), app.id.clone());
                    Callback::from(move |_: MouseEvent| {
                        world.borrow_mut().kill_kcl_worker(&id, w);
                        done.emit(());
                    })
                };
                html! { <>
                    { reader_facts(&app.stats, lang) }
                    <h3>{T::Leases.t(lang)}</h3>
                    <table class="lease-table" aria-label={T::Leases.t(lang)}>
                        <thead><tr><th scope="col">{T::ShardCol.t(lang)}</th><th scope="col">{T::OwnerCol.t(lang)}</th><th scope="col">{T::CheckpointCol.t(lang)}</th></tr></thead>
                        <tbody>
                            { for app.leases.iter().map(|(&shard, lease)| html! {
                                <tr>
                                    <th scope="row"><code>{shard_id(shard)}</code></th>
                                    <td>{lease.owner.map_or(T::NoOwner.t(lang).to_string(), |w| app.workers[w].name.clone())}</td>
                                    <td class="num"><code>{if lease.finished { "SHARD_END".to_string() } else { lease.checkpoint.to_string() }}</code></td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                    <ul class="workers">
                        { for app.workers.iter().enumerate().map(|(i, w)| html! {
                            <li>
                                <span>{&w.name}</span>
                                if w.alive {
                                    <button type="button" onclick={kill(i)} aria-label={fill(T::KillWorker.t(lang), &[&w.name])}>{"✕"}</button>
                                } else {
                                    <span class="dead">{T::WorkerDead.t(lang)}</span>
                                }
                            </li>
                        }) }
                    </ul>
                </> }
            }
            Some(Component::LambdaConsumer(l)) => html! { <>
                { reader_facts(&l.stats, lang) }
                { facts(vec![
                    (T::StatInvocations, grouped(l.invocations)),
                    (T::StatKinesisRecords, grouped(l.kinesis_records)),
                ], lang) }
                if let Some(table) = &l.table {
                    { facts(vec![
                        (T::LambdaTable, table.clone()),
                        (T::ItemsWritten, grouped(l.items_written)),
                        (T::ItemErrors, grouped(l.item_errors)),
                    ], lang) }
                    if let Some(e) = &l.last_item_error { <p class="error-text">{e}</p> }
                }
            </> },
            Some(other) => html! { <>
                { other.reader_stats().map_or(html! {}, |s| reader_facts(s, lang)) }
                { replay_button.unwrap_or_default() }
            </> },
            None => html! {},
        },
    }
}

/// The newest records of the stream's shards, newest first, each a button that follows it.
fn newest_records(
    stream: &shardlab_sim::kinesis::stream::Stream,
    lang: Lang,
    on_follow: &Callback<(String, u128)>,
) -> Html {
    let mut newest: Vec<(&shardlab_sim::kinesis::shard::Shard, shardlab_sim::kinesis::shard::StoredRecord)> =
        stream.shards.iter().flat_map(|sh| sh.log.newest(NEWEST_SHOWN).into_iter().map(move |r| (sh, r))).collect();
    shardlab_sim::order::sort_by_key(&mut newest, |(_, r)| std::cmp::Reverse((r.arrival, r.record_id)));
    newest.truncate(NEWEST_SHOWN);
    html! {
        <ul class="record-list">
            { for newest.into_iter().map(|(sh, r)| {
                let follow = on_follow.reform({ let (s, seq) = (stream.name.clone(), r.sequence_number); move |_: MouseEvent| (s.clone(), seq) });
                html! {
                    <li>
                        <button type="button" class="record-row" onclick={follow}
                                // The name holds the visible row, as WCAG 2.5.3 asks.
                                aria-label={fill(T::FollowRecord.t(lang), &[&format!("#{} {} {}", sh.index, r.partition_key, r.sequence_number)])}>
                            <code>{format!("#{} ", sh.index)}</code>
                            <span class="key">{r.partition_key.to_string()}</span>{" "}
                            <code class="seq">{r.sequence_number.to_string()}</code>
                        </button>
                    </li>
                }
            }) }
        </ul>
    }
}

fn reader_facts(s: &shardlab_sim::pipeline::poller::ReaderStats, lang: Lang) -> Html {
    facts(
        vec![
            (T::StatProcessed, grouped(s.processed)),
            (T::StatDuplicates, grouped(s.duplicates)),
            (T::StatBehind, grouped(s.millis_behind)),
            (T::StatLatency, format!("{:.0}", s.average_latency_ms())),
            (T::StatThrottledReads, grouped(s.throttled)),
        ],
        lang,
    )
}
