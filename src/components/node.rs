//! One component on the canvas: a card with its icon, name and a live status line; a data
//! stream also shows one lane per open shard with this second's writes against the limit.

use crate::i18n::{fill, Lang, T};
use crate::i18n_access::TA;
use crate::icons::icon;
use crate::kinds;
use crate::notice::refusal_text;
use crate::world_handle::WorldHandle;
use shardlab_sim::catalogue::family;
use shardlab_sim::kinesis::stream::status_name;
use shardlab_sim::pipeline::Component;
use shardlab_sim::scenario::{ComponentKind, ComponentSpec};
use shardlab_sim::wiring::{Kind, Refusal};
use yew::prelude::*;

pub const NODE_WIDTH: f64 = 176.0;
pub const HEADER_HEIGHT: f64 = 56.0;
pub const LANE_HEIGHT: f64 = 14.0;
/// Ports sit at the middle of the header, whatever the node's height.
pub const PORT_Y: f64 = HEADER_HEIGHT / 2.0;

pub fn node_size(kind: Kind, shards: usize) -> (f64, f64) {
    match kind {
        Kind::DataStream => (NODE_WIDTH, HEADER_HEIGHT + 6.0 + LANE_HEIGHT * shards.max(1) as f64),
        // Two gauges (buffer size, oldest record's age) and the last flush's reason.
        Kind::Firehose => (NODE_WIDTH, HEADER_HEIGHT + 6.0 + LANE_HEIGHT * 3.0),
        _ => (NODE_WIDTH, HEADER_HEIGHT),
    }
}

/// A Firehose node's buffer, drawn under its header: size and age against the hints.
struct BufferView {
    size_share: f64,
    age_share: f64,
    size_text: String,
    age_text: String,
    last_flush: Option<String>,
}

fn buffer_view(world: &shardlab_sim::World, name: &str, lang: Lang) -> Option<BufferView> {
    let s = world.firehose().streams.get(name)?;
    let g = s.buffer_gauges(world.now());
    let kib = |b: u64| format!("{:.0} KiB", b as f64 / 1024.0);
    Some(BufferView {
        size_share: g.size_share,
        age_share: g.age_share,
        size_text: format!("{} / {}", kib(g.bytes), kib(g.size_hint_bytes)),
        age_text: format!("{} s / {} s", g.age.as_millis() / 1_000, g.interval.as_millis() / 1_000),
        last_flush: s.recent_flushes.front().map(|f| {
            let reason = match f.reason {
                shardlab_sim::firehose::stream::FlushReason::Size => T::FlushSize.t(lang),
                shardlab_sim::firehose::stream::FlushReason::Interval => T::FlushInterval.t(lang),
            };
            fill(T::FhLastFlush.t(lang), &[&format!("{reason} @ {}", f.at)])
        }),
    })
}

#[derive(Properties, PartialEq)]
pub struct NodeProps {
    pub lang: Lang,
    pub spec: ComponentSpec,
    pub x: f64,
    pub y: f64,
    /// Redraw with the world.
    pub revision: u64,
    pub selected: bool,
    /// While a wire is being drawn: whether this node's input takes it, or the rule it breaks
    /// (the model's `wire_verdict`). `None` when no wire is being drawn.
    pub verdict: Option<Result<(), Refusal>>,
    pub onpointerdown: Callback<PointerEvent>,
    pub on_in_port: Callback<MouseEvent>,
    pub on_out_port: Callback<MouseEvent>,
    pub on_out_down: Callback<PointerEvent>,
    pub on_in_up: Callback<PointerEvent>,
    pub on_key: Callback<KeyboardEvent>,
    /// Keys on the ports: Enter or Space starts a wire (output) or finishes it (input).
    pub on_in_key: Callback<KeyboardEvent>,
    pub on_out_key: Callback<KeyboardEvent>,
}

/// A shard lane: its id, its records, and this second's writes against its limits.
struct Lane {
    id: String,
    index: u32,
    records: usize,
    load: shardlab_sim::kinesis::queries::WriteLoad,
}

/// The most characters of a label the card's title line holds; a longer one ends in "…"
/// (the whole label is the node's accessible name and its tooltip).
const TITLE_CHARS: usize = 17;

fn short_label(label: &str) -> String {
    if label.chars().count() <= TITLE_CHARS {
        label.to_string()
    } else {
        label.chars().take(TITLE_CHARS - 1).chain(['…']).collect()
    }
}

/// " · unavailable" on a destination's status line during its outage.
fn down_suffix(available: bool, lang: Lang) -> String {
    if available {
        String::new()
    } else {
        format!(" · {}", T::DestinationDown.t(lang))
    }
}

#[function_component(Node)]
pub fn node(p: &NodeProps) -> Html {
    let handle = use_context::<WorldHandle>().expect("the world is provided");
    let world = handle.world.borrow();
    let lang = p.lang;
    let kind = p.spec.kind.kind();
    let label = if p.spec.label.is_empty() { p.spec.id.clone() } else { p.spec.label.clone() };
    let (status, lanes) = match &p.spec.kind {
        ComponentKind::DataStream(s) => match world.kinesis().stream(&s.stream_name) {
            Ok(stream) => {
                let lanes: Vec<Lane> = stream
                    .open_shards()
                    .map(|sh| Lane {
                        id: sh.id(),
                        index: sh.index,
                        records: sh.log.len(),
                        load: sh.write_load(world.now()),
                    })
                    .collect();
                (format!("{} · {}", lanes.len(), status_name(stream.status)), lanes)
            }
            Err(_) => ("—".to_string(), Vec::new()),
        },
        ComponentKind::Producer(s) => {
            (fill(T::ProducerStatus.t(lang), &[&s.records_per_second, &s.record_bytes]), Vec::new())
        }
        ComponentKind::Firehose(f) => {
            let status = world.firehose().streams.get(&f.delivery_stream_name).map_or("—".to_string(), |s| {
                fill(T::NodeFirehose.t(lang), &[&s.waiting(), &s.stats.delivered_records])
            });
            (status, Vec::new())
        }
        ComponentKind::FirehoseTransform(t) => {
            let invocations: u64 = world
                .firehose()
                .streams
                .values()
                .filter_map(|s| s.transform.as_ref())
                .filter(|tr| tr.lambda_arn.ends_with(&format!(":{}", t.function_name)))
                .map(|tr| tr.invocations)
                .sum();
            (format!("{} {invocations}", T::StatInvocations.t(lang)), Vec::new())
        }
        ComponentKind::S3Bucket(b) => {
            let n = world.s3().buckets.get(&b.bucket).map_or(0, |b| b.objects.len());
            (format!("{n} · s3://{}", b.bucket), Vec::new())
        }
        ComponentKind::Redshift(r) => {
            let rows = world
                .stores()
                .redshift
                .clusters
                .get(&r.cluster)
                .and_then(|c| c.tables.get(&r.table))
                .map_or(0, |t| t.rows.len());
            (format!("{}{}", fill(T::NodeStore.t(lang), &[&rows]), down_suffix(r.available, lang)), Vec::new())
        }
        ComponentKind::OpenSearch(o) => {
            let docs = world.stores().opensearch.domains.get(&o.domain).map_or(0, |d| d.documents_in(&o.index).len());
            (format!("{}{}", fill(T::NodeStore.t(lang), &[&docs]), down_suffix(o.available, lang)), Vec::new())
        }
        ComponentKind::HttpEndpoint(h) => {
            let n = world.stores().http.endpoints.get(&h.url).map_or(0, |e| e.requests.len());
            (format!("{n} POST{}", down_suffix(h.available, lang)), Vec::new())
        }
        #[cfg(feature = "emr")]
        ComponentKind::EmrCluster(_) => {
            let status = world.canvas_cluster(&p.spec.id).map_or("—".to_string(), |c| {
                let live = c.nodes.iter().filter(|n| !n.is_gone()).count();
                fill(crate::i18n_emr::TE::NodeCluster.t(lang), &[&c.state.api_name(), &live])
            });
            (status, Vec::new())
        }
        #[cfg(feature = "emr")]
        ComponentKind::MapStep(_) | ComponentKind::ReduceStep(_) => {
            let map_id = match &p.spec.kind {
                ComponentKind::ReduceStep(_) => world.scenario().map_step_of(&p.spec.id).map(str::to_string),
                _ => Some(p.spec.id.clone()),
            };
            let job = map_id.and_then(|m| {
                let run = world.emr_runs(&m).last()?;
                let c = world.emr().cluster(&run.cluster)?;
                c.steps.iter().find(|s| Some(&s.id) == run.steps.last()).map(|s| (s.state.api_name(), s.job.clone()))
            });
            let status = match job {
                None => "—".to_string(),
                Some((state, None)) => state.to_string(),
                Some((state, Some(job))) => {
                    use shardlab_sim::emr::job::TaskState;
                    let books = if matches!(p.spec.kind, ComponentKind::MapStep(_)) {
                        &job.books.splits
                    } else {
                        &job.books.reduces
                    };
                    let n = |s| books.get(&s).copied().unwrap_or(0);
                    if state == "RUNNING" {
                        let counts = [n(TaskState::Pending), n(TaskState::Running), n(TaskState::Succeeded)];
                        fill(crate::i18n_emr::TE::NodeStepRunning.t(lang), &[&counts[0], &counts[1], &counts[2]])
                    } else {
                        fill(crate::i18n_emr::TE::NodeStepEnded.t(lang), &[&state, &n(TaskState::Succeeded)])
                    }
                }
            };
            (status, Vec::new())
        }
        #[cfg(feature = "dynamodb")]
        ComponentKind::DynamoDbTable(t) => {
            let n = world.dynamodb().table(&t.table_name).map_or(0, |t| t.item_count());
            (fill(crate::i18n_emr::TE::ItemsCount.t(lang), &[&n]), Vec::new())
        }
        #[cfg(feature = "video")]
        kind if kind.kind().is_video() => {
            (crate::components::video_state::node_line(&world, &p.spec, lang), Vec::new())
        }
        _ => {
            let processed = world.component(&p.spec.id).and_then(Component::reader_stats).map_or(0, |s| s.processed);
            (format!("{} {processed}", T::StatProcessed.t(lang)), Vec::new())
        }
    };
    let (width, height) = node_size(kind, lanes.len());
    let buffer = match &p.spec.kind {
        ComponentKind::Firehose(f) => buffer_view(&world, &f.delivery_stream_name, lang),
        _ => None,
    };
    let bar_width = width - 20.0;
    let buffer_views = buffer.map(|b| {
        let bar = |i: usize, share: f64, text: String, class: &'static str| {
            let y = HEADER_HEIGHT + 2.0 + LANE_HEIGHT * i as f64;
            html! {
                <g class={classes!("lane", "buffer-gauge", class, (share >= 1.0).then_some("full"))} transform={format!("translate(10,{y})")}>
                    <rect class="lane-bg" width={bar_width.to_string()} height={(LANE_HEIGHT - 3.0).to_string()} rx="3" />
                    <rect class="lane-fill" width={(bar_width * share.clamp(0.0, 1.0)).to_string()} height={(LANE_HEIGHT - 3.0).to_string()} rx="3" />
                    <text x="4" y="9" class="lane-text">{text}</text>
                </g>
            }
        };
        html! { <>
            { bar(0, b.size_share, b.size_text, "size") }
            { bar(1, b.age_share, b.age_text, "age") }
            if let Some(text) = b.last_flush {
                <text x="12" y={(HEADER_HEIGHT + 2.0 + LANE_HEIGHT * 2.0 + 9.0).to_string()} class="lane-text flush-reason">{text}</text>
            }
        </> }
    });
    let (has_in, has_out) = kinds::ports(kind);
    let lane_views = lanes.iter().enumerate().map(|(i, lane)| {
        let y = HEADER_HEIGHT + 2.0 + LANE_HEIGHT * i as f64;
        let share = lane.load.share.min(1.0);
        let hot = lane.load.hot;
        html! {
            <g class={classes!("lane", hot.then_some("hot"))} transform={format!("translate(10,{y})")} data-shard={lane.id.clone()}>
                <rect class="lane-bg" width={(width - 20.0).to_string()} height={(LANE_HEIGHT - 3.0).to_string()} rx="3" />
                <rect class="lane-fill" width={((width - 20.0) * share).to_string()} height={(LANE_HEIGHT - 3.0).to_string()} rx="3" />
                <text x="4" y="9" class="lane-text">{fill(T::LaneText.t(lang), &[&lane.index, &lane.records, &lane.load.records])}</text>
            </g>
        }
    });
    let name = kinds::name(kind).t(lang);
    let (in_state, refused_because) = match p.verdict {
        None => (None, None),
        Some(Ok(())) => (Some("inviting"), None),
        Some(Err(r)) => (Some("refusing"), Some(refusal_text(r, lang))),
    };
    let status_id = format!("node-status-{}", p.spec.id);
    // The button is the card and its title: its accessible name ("Data stream clicks") holds
    // the visible title, as WCAG 2.5.3 asks. The live status line and the lanes are drawn on
    // the card beside it (they let pointer events through to the card) and describe it.
    html! {
        <g class={classes!("node", kinds::family_class(family(kind)), p.selected.then_some("selected"))}
           transform={format!("translate({},{})", p.x, p.y)} onpointerdown={p.onpointerdown.clone()}>
            // The whole label as the card's tooltip (the title line may cut it short). It
            // sits outside the button, whose name already holds the label.
            <title>{label.clone()}</title>
            <g class="node-body" role="button" tabindex="0" aria-pressed={p.selected.to_string()}
               aria-label={format!("{name} {label}")} aria-describedby={status_id.clone()} data-id={p.spec.id.clone()}
               onkeydown={p.on_key.clone()}>
                <rect class="card" width={width.to_string()} height={height.to_string()} rx="10" />
                <rect class="accent" width="4" height={(height - 16.0).to_string()} x="0" y="8" rx="2" />
                <svg x="12" y="14" width="26" height="26" class="node-icon" aria-hidden="true">{icon(kind)}</svg>
                <text x="46" y="24" class="node-title">{short_label(&label)}</text>
            </g>
            <g class="node-live">
                <text x="46" y="42" class="node-status" id={status_id}>{status}</text>
                { for lane_views }
                { buffer_views.unwrap_or_default() }
            </g>
            if has_in {
                <circle class={classes!("port", "in", in_state)} cx="0" cy={PORT_Y.to_string()} r="7"
                        role="button" tabindex="0" aria-label={fill(T::InputOf.t(lang), &[&label])}
                        data-component={p.spec.id.clone()}
                        onclick={p.on_in_port.clone()} onpointerup={p.on_in_up.clone()} onkeydown={p.on_in_key.clone()}
                        onpointerdown={Callback::from(|e: PointerEvent| e.stop_propagation())}>
                    // A refused input says why: the tooltip, and its description for a screen reader.
                    if let Some(why) = refused_because {
                        <title>{fill(TA::PortRefuses.t(lang), &[&why])}</title>
                    }
                </circle>
            }
            if has_out {
                <circle class="port out" cx={width.to_string()} cy={PORT_Y.to_string()} r="7"
                        role="button" tabindex="0" aria-label={fill(T::OutputOf.t(lang), &[&label])}
                        data-component={p.spec.id.clone()}
                        onclick={p.on_out_port.clone()} onpointerdown={p.on_out_down.clone()} onkeydown={p.on_out_key.clone()} />
            }
        </g>
    }
}
