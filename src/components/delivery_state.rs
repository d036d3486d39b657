//! The live state of the Firehose family: a delivery stream's buffers (size and age gauges),
//! its flushes and their reasons, its figures and charts, and the replay it cannot do; and
//! each destination's contents — S3 objects (open one to read it), Redshift rows and load
//! errors, OpenSearch documents, the requests an HTTP endpoint received.

use crate::components::bucket_browser::BucketBrowser;
use crate::components::chart::{Chart, ChartSpan, Series};
use crate::components::component_state::grouped;
use crate::components::facts::{bytes, facts, LISTED};
use crate::i18n::{fill, Lang, T};
use crate::notice::Notice;
use crate::world_handle::WorldHandle;
use shardlab_sim::firehose::delivery::BUFFER_FILL_METRIC;
use shardlab_sim::firehose::stream::{DeliveryStream, FlushReason, Source, Target};
use shardlab_sim::metrics::{Series as MetricSeries, LATENCY_METRIC};
use shardlab_sim::scenario::{ComponentKind, ComponentSpec};
use shardlab_sim::{SimTime, World};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DeliveryStateProps {
    pub lang: Lang,
    pub spec: ComponentSpec,
    pub revision: u64,
    /// The clock's speed: the charts' span follows it (`ChartSpan`).
    pub speed: u32,
    pub on_notice: Callback<Notice>,
    pub on_world_changed: Callback<()>,
    pub dark: bool,
}

/// Seconds of history the charts show.
const CHART_SECONDS: u64 = 180;

fn points(span: ChartSpan, series: Option<&MetricSeries>, window: (u64, u64)) -> Vec<(f64, f64)> {
    span.points(window, &|a, b| series.map_or(0.0, |m| m.mean(a, b)))
}

/// Like `points`, but a second without a value counts the last one before it: latency is
/// measured when records arrive, and between two deliveries the last one still stands.
fn held_points(span: ChartSpan, series: Option<&MetricSeries>, (from, to): (u64, u64)) -> Vec<(f64, f64)> {
    let Some(m) = series else { return points(span, None, (from, to)) };
    let mut last = (m.first_second..from).rev().map(|s| m.at(s)).find(|v| *v > 0.0).unwrap_or(0.0);
    let held: Vec<f64> = (from..to)
        .map(|s| {
            let v = m.at(s);
            if v > 0.0 {
                last = v;
            }
            last
        })
        .collect();
    let at = |s: u64| held[(s - from) as usize];
    span.points((from, to), &|a, b| (a..b).map(at).sum::<f64>() / (b - a).max(1) as f64)
}

fn reason_text(reason: FlushReason, lang: Lang) -> &'static str {
    match reason {
        FlushReason::Size => T::FlushSize.t(lang),
        FlushReason::Interval => T::FlushInterval.t(lang),
    }
}

/// A labelled bar from 0 to 1.
fn gauge(label: String, share: f64, class: &'static str) -> Html {
    let pct = (share.clamp(0.0, 1.0) * 100.0).round();
    html! {
        <div class={classes!("gauge", class)} role="meter" aria-label={label.clone()} aria-valuemin="0" aria-valuemax="100"
             aria-valuenow={pct.to_string()}>
            <div class="gauge-fill" style={format!("width:{pct}%")}></div>
            <span class="gauge-text">{label}</span>
        </div>
    }
}

/// The size and age gauges of a delivery stream's buffer.
pub fn buffer_gauges(s: &DeliveryStream, now: SimTime, lang: Lang) -> Html {
    let g = s.buffer_gauges(now);
    let (age_s, interval_s) = (g.age.as_millis() / 1_000, g.interval.as_millis() / 1_000);
    html! { <>
        { gauge(fill(T::GaugeSize.t(lang), &[&bytes(g.bytes), &bytes(g.size_hint_bytes)]), g.size_share, "size") }
        { gauge(fill(T::GaugeAge.t(lang), &[&age_s, &interval_s]), g.age_share, "age") }
    </> }
}

fn firehose_view(p: &DeliveryStateProps, handle: &WorldHandle, world: &World, name: &str) -> Html {
    let lang = p.lang;
    let Some(s) = world.firehose().streams.get(name) else {
        return html! { <p class="hint">{T::FhNoDestination.t(lang)}</p> };
    };
    let now = world.now();
    let source = match &s.source {
        Source::DirectPut => "Direct PUT".to_string(),
        Source::Kinesis { stream, .. } => fill(T::FhSourceStream.t(lang), &[stream]),
    };
    let destination = match &s.destination.target {
        Target::S3 => format!("s3://{}", s.destination.bucket),
        Target::Redshift { cluster, table, .. } => format!("Redshift {cluster}.{table}"),
        Target::OpenSearch { domain, index, .. } => format!("OpenSearch {domain}/{index}"),
        Target::Http { url, .. } => url.clone(),
    };
    let in_flight: usize = s.in_flight.iter().map(|b| b.records.len()).sum();
    let mut rows = vec![
        (T::Status, s.status(now).to_string()),
        (T::FhSource, source),
        (T::FhDestination, destination),
        (T::StatIncoming, grouped(s.stats.incoming_records)),
        (T::StatDeliveryBuffer, grouped(s.buffer.len() as u64)),
        (T::StatInFlight, format!("{} ({})", s.in_flight.len(), grouped(in_flight as u64))),
        (T::StatDelivered, grouped(s.stats.delivered_records)),
        (T::StatDeliveries, grouped(s.stats.deliveries)),
        (T::StatAvgLatency, format!("{:.1}", s.stats.average_latency_ms() / 1_000.0)),
        (T::StatBackedUp, grouped(s.stats.backed_up_records)),
        (T::StatFailedDelivery, grouped(s.stats.failed_records)),
    ];
    if let Some(t) = &s.transform {
        rows.push((T::StatTransformBuffer, grouped(t.buffer.len() as u64)));
        rows.push((T::StatInvocations, grouped(t.invocations)));
        rows.push((T::StatDroppedByTransform, grouped(s.stats.dropped_records)));
        rows.push((T::StatProcessingFailed, grouped(s.stats.processing_failed_records)));
    }
    if let Source::Kinesis { throttled, .. } = &s.source {
        rows.push((T::StatSourceThrottled, grouped(*throttled)));
    }
    let span = ChartSpan::at(p.speed, CHART_SECONDS);
    let shown = span.window(now.second());
    let (window, step) = ((shown.0 as f64, shown.1 as f64), span.step);
    let dim = s.dimension();
    let one = |metric: &str| {
        vec![Series { label: name.to_string(), points: points(span, world.metrics().series(&dim, metric), shown) }]
    };
    // Latency against every stream consumer of the scenario: the side-by-side comparison.
    // Firehose's oldest record in a delivery waited the whole buffer interval (CloudWatch's
    // DataFreshness); on average a record waits about half of it.
    let seconds = |ms: f64| format!("{:.1} s", ms / 1_000.0);
    let freshness: Vec<(f64, f64)> =
        held_points(span, world.metrics().series(&dim, s.destination.target.freshness_metric()), shown)
            .into_iter()
            .map(|(t, v)| (t, v * 1_000.0))
            .collect();
    let oldest_ms = freshness.last().map_or(0.0, |p| p.1);
    let mut latency = vec![
        Series { label: fill(T::LatencyOldest.t(lang), &[&name, &seconds(oldest_ms)]), points: freshness },
        Series {
            label: fill(T::LatencyAverage.t(lang), &[&name, &seconds(s.stats.average_latency_ms())]),
            points: held_points(span, world.metrics().series(&dim, LATENCY_METRIC), shown),
        },
    ];
    for c in &world.scenario().components {
        let Some(stats) = world.component(&c.id).and_then(|c| c.reader_stats()) else { continue };
        let series = world.metrics().series(&shardlab_sim::pipeline::consumer_dimension(&c.id), LATENCY_METRIC);
        latency.push(Series {
            label: fill(T::LatencyAverage.t(lang), &[&c.id, &seconds(stats.average_latency_ms())]),
            points: held_points(span, series, shown),
        });
    }
    let replay = {
        let (world, notice, id, done) =
            (handle.world.clone(), p.on_notice.clone(), p.spec.id.clone(), p.on_world_changed.clone());
        Callback::from(move |_: MouseEvent| {
            let outcome = world.borrow_mut().replay(&id);
            notice.emit(Notice::Replayed { id: id.clone(), outcome });
            done.emit(());
        })
    };
    html! { <>
        <div class="gauges">{ buffer_gauges(s, now, lang) }</div>
        { facts(rows, lang) }
        <button type="button" onclick={replay}>{T::Replay.t(lang)}</button>
        <h3>{T::FhFlushes.t(lang)}</h3>
        <table class="flush-table" aria-label={T::FhFlushes.t(lang)}>
            <thead><tr>
                <th scope="col">{T::ColTime.t(lang)}</th><th scope="col">{T::ColReason.t(lang)}</th>
                <th scope="col">{T::RecordsCol.t(lang)}</th><th scope="col">{T::ColBytes.t(lang)}</th>
            </tr></thead>
            <tbody>
                { for s.recent_flushes.iter().map(|f| html! {
                    <tr>
                        <td class="num">{f.at.to_string()}</td>
                        <td class={classes!("reason", if f.reason == FlushReason::Size { "size" } else { "interval" })}>{reason_text(f.reason, lang)}</td>
                        <td class="num">{grouped(f.records)}</td>
                        <td class="num">{bytes(f.bytes)}</td>
                    </tr>
                }) }
            </tbody>
        </table>
        <h3>{span.heading(T::ChartsThreeMinutes.t(lang), lang)}</h3>
        <Chart {lang} title={T::ChartIncomingPerSecond.t(lang)} series={one("IncomingRecords")} {window} {step} dark={p.dark} />
        <Chart {lang} title={T::ChartLatency.t(lang)} series={latency} {window} {step} dark={p.dark} />
        <Chart {lang} title={T::ChartBufferFill.t(lang)} series={one(BUFFER_FILL_METRIC)} limit={Some(100.0)} {window} {step} dark={p.dark} />
    </> }
}

#[function_component(DeliveryState)]
pub fn delivery_state(p: &DeliveryStateProps) -> Html {
    let handle = use_context::<WorldHandle>().expect("the world is provided");
    let world = handle.world.borrow();
    let lang = p.lang;
    let stores = world.stores();
    let down = |available: bool| {
        (!available).then(|| html! { <p class="down" role="status">{T::DestinationDown.t(lang)}</p> })
    };
    match &p.spec.kind {
        ComponentKind::Firehose(f) => firehose_view(p, &handle, &world, &f.delivery_stream_name),
        ComponentKind::S3Bucket(b) => {
            html! { <BucketBrowser {lang} bucket={b.bucket.clone()} revision={p.revision} /> }
        }
        ComponentKind::FirehoseTransform(_) => html! {},
        ComponentKind::Redshift(r) => {
            let cluster = stores.redshift.clusters.get(&r.cluster);
            let table = cluster.and_then(|c| c.tables.get(&r.table));
            let rows = table.map_or(&[][..], |t| t.rows.as_slice());
            let columns = table.map_or(Vec::new(), |t| t.columns.clone());
            let errors = cluster.map_or(&[][..], |c| c.load_errors.as_slice());
            html! { <>
                { down(r.available).unwrap_or_default() }
                <h3>{fill(T::RsRows.t(lang), &[&r.table, &grouped(rows.len() as u64)])}</h3>
                <div class="table-scroll">
                    <table class="rows-table" aria-label={fill(T::RsRows.t(lang), &[&r.table, &rows.len()])}>
                        <thead><tr>{ for columns.iter().map(|c| html! { <th scope="col">{c.clone()}</th> }) }</tr></thead>
                        <tbody>
                            { for rows.iter().rev().take(LISTED).map(|row| html! {
                                <tr>{ for row.iter().map(|v| html! { <td>{v.clone()}</td> }) }</tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                if !errors.is_empty() {
                    <h3>{T::RsLoadErrors.t(lang)}</h3>
                    <ul class="load-errors">
                        { for errors.iter().rev().take(10).map(|e| html! {
                            <li><code>{format!("line {}: {}", e.line, e.reason)}</code><pre class="body">{e.raw_line.clone()}</pre></li>
                        }) }
                    </ul>
                }
            </> }
        }
        ComponentKind::OpenSearch(o) => {
            // Firehose rotates the index (OneDay by default): the documents of every
            // `index-YYYY-MM-DD`, oldest index first, named as OpenSearch names them.
            let domain = stores.opensearch.domains.get(&o.domain);
            let docs = domain.map(|d| d.documents_in(&o.index)).unwrap_or_default();
            let names: Vec<&str> = domain.map_or_else(Vec::new, |d| d.indices_of(&o.index));
            let shown = if names.is_empty() { o.index.clone() } else { names.join(", ") };
            html! { <>
                { down(o.available).unwrap_or_default() }
                <h3>{fill(T::OsDocuments.t(lang), &[&shown, &grouped(docs.len() as u64)])}</h3>
                <ul class="doc-list">
                    { for docs.iter().rev().take(LISTED).map(|d| html! {
                        <li><code class="key">{d.id.clone()}</code><pre class="body">{d.source.to_string()}</pre></li>
                    }) }
                </ul>
            </> }
        }
        ComponentKind::HttpEndpoint(h) => {
            let requests = stores.http.endpoints.get(&h.url).map_or(&[][..], |e| e.requests.as_slice());
            html! { <>
                { down(h.available).unwrap_or_default() }
                <h3>{fill(T::HttpRequests.t(lang), &[&grouped(requests.len() as u64)])}</h3>
                <ul class="doc-list">
                    { for requests.iter().rev().take(10).map(|r| {
                        let body: String = r.body().to_string().chars().take(2_000).collect();
                        html! { <li><code class="key">{r.request_id.clone()}</code><pre class="body">{body}</pre></li> }
                    }) }
                </ul>
            </> }
        }
        _ => html! {},
    }
}
