//! The live state of the Video Streams components: what a camera sent (or why the stream
//! refused it), what a video stream holds (its retention, its books, a timeline of its
//! stored fragments up to the live edge), and what a motion analysis found. The player is
//! in `video_player.rs`. Every figure is the model's.

use crate::components::component_state::grouped;
use crate::i18n::{fill, Lang};
use crate::i18n_video::TV;
use crate::notice::Notice;
use crate::world_handle::WorldHandle;
use shardlab_sim::scenario::{ComponentKind, ComponentSpec};
use shardlab_sim::video::stream::VideoStream;
use shardlab_sim::{SimDuration, SimTime};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct VideoStateProps {
    pub lang: Lang,
    pub spec: ComponentSpec,
    pub revision: u64,
    pub on_world_changed: Callback<()>,
    pub on_notice: Callback<Notice>,
}

/// `label: figure` pairs of a `<dl>`.
fn figures(lang: Lang, rows: &[(TV, u64)]) -> Html {
    html! {
        <dl class="facts">
            { for rows.iter().map(|(label, value)| html! { <><dt>{label.t(lang)}</dt><dd>{grouped(*value)}</dd></> }) }
        </dl>
    }
}

fn refusal(lang: Lang, e: &shardlab_sim::kinesis::ApiError) -> Html {
    html! { <p class="error-text" role="status">{fill(TV::PlayerRefused.t(lang), &[&e.kind.name(), &e.message])}</p> }
}

#[function_component(VideoState)]
pub fn video_state(p: &VideoStateProps) -> Html {
    let lang = p.lang;
    let handle = use_context::<WorldHandle>().expect("the world is provided");
    let world = handle.world.borrow();
    match &p.spec.kind {
        ComponentKind::Camera(_) => {
            let Some(camera) = world.camera(&p.spec.id) else { return html! {} };
            let s = &camera.stats;
            html! { <>
                { figures(lang, &[
                    (TV::CameraRecorded, s.recorded),
                    (TV::CameraSent, s.sent),
                    (TV::CameraRefused, s.refused),
                    (TV::CameraUnsent, s.unsent),
                ]) }
                if let Some(number) = &s.last_fragment_number {
                    <p class="hint">{TV::LastFragment.t(lang)}{": "}<code>{number.clone()}</code></p>
                }
                if let Some(e) = &s.last_error {
                    <p class="error-text" role="status">{fill(TV::LastError.t(lang), &[&e.kind.name(), &e.message])}</p>
                }
            </> }
        }
        ComponentKind::VideoStream(v) => {
            let Some(stream) = world.video().streams.get(&v.stream_name) else { return html! {} };
            let b = &stream.books;
            let retention = if stream.retention_hours == 0 {
                TV::RetentionNone.t(lang).to_string()
            } else {
                fill(TV::RetentionHours.t(lang), &[&grouped(stream.retention_hours as u64)])
            };
            html! { <>
                <p>{TV::StreamRetention.t(lang)}{": "}<strong>{retention}</strong></p>
                { figures(lang, &[
                    (TV::FragmentsHeld, stream.fragments.len() as u64),
                    (TV::FragmentsIngested, b.ingested),
                    (TV::FragmentsExpired, b.expired),
                    (TV::FragmentsRefused, b.refused),
                ]) }
                { for b.read_by.iter().map(|(reader, n)| html! {
                    <p class="hint">{fill(TV::ReadBy.t(lang), &[reader, &grouped(*n)])}</p>
                }) }
                <FragmentTimeline {lang} stream={v.stream_name.clone()} revision={p.revision} />
                <NewestFragments {lang} stream={v.stream_name.clone()} revision={p.revision} />
            </> }
        }
        ComponentKind::VideoPlayer(_) => html! {
            <crate::components::video_player::VideoPlayerView {lang} id={p.spec.id.clone()} revision={p.revision}
                on_world_changed={p.on_world_changed.clone()} on_notice={p.on_notice.clone()} />
        },
        ComponentKind::MotionAnalyzer(_) => {
            let Some(a) = world.motion_analyzer(&p.spec.id) else { return html! {} };
            let s = &a.stats;
            html! { <>
                { figures(lang, &[
                    (TV::FramesAnalysed, s.frames_analysed),
                    (TV::MotionEvents, s.events),
                    (TV::FragmentsReceived, s.fragments_read),
                    (TV::FragmentsMissed, s.fragments_missed),
                ]) }
                if let Some(e) = &a.refusal { { refusal(lang, e) } }
                <h4>{TV::RecentEvents.t(lang)}</h4>
                if a.recent.is_empty() {
                    <p class="hint">{TV::NoEvents.t(lang)}</p>
                } else {
                    <ul class="motion-events">
                        { for a.recent.iter().rev().take(8).map(|e| html! {
                            <li>{fill(TV::EventLine.t(lang), &[&clock(e.at), &e.boxes.len()])}</li>
                        }) }
                    </ul>
                }
            </> }
        }
        _ => html! {},
    }
}

/// The line under a video component's name on the canvas: what a camera sent, what a stream
/// holds and keeps, how far behind live a player plays (or that it is refused), the events an
/// analysis found.
pub fn node_line(world: &shardlab_sim::World, spec: &ComponentSpec, lang: Lang) -> String {
    match &spec.kind {
        ComponentKind::Camera(_) => world.camera(&spec.id).map_or_else(String::new, |c| {
            fill(TV::NodeCamera.t(lang), &[&grouped(c.stats.sent), &grouped(c.stats.refused)])
        }),
        ComponentKind::VideoStream(v) => world.video().streams.get(&v.stream_name).map_or_else(String::new, |s| {
            fill(TV::NodeStream.t(lang), &[&grouped(s.fragments.len() as u64), &grouped(s.retention_hours as u64)])
        }),
        ComponentKind::VideoPlayer(_) => {
            world.player(&spec.id).map_or_else(String::new, |p| match (&p.refusal, p.view(world.now())) {
                (Some(e), _) => e.kind.name().to_string(),
                (None, Some(v)) => {
                    fill(TV::PlayerLatency.t(lang), &[&format!("{:.1}", v.latency.as_millis() as f64 / 1_000.0)])
                }
                (None, None) => TV::PlayerNothing.t(lang).to_string(),
            })
        }
        ComponentKind::MotionAnalyzer(_) => world
            .motion_analyzer(&spec.id)
            .map_or_else(String::new, |a| fill(TV::NodeMotion.t(lang), &[&grouped(a.stats.events)])),
        _ => String::new(),
    }
}

/// A moment of the camera's clock as the page's clock shows it.
pub fn clock(t: SimTime) -> String {
    let ms = t.as_millis();
    format!("{:02}:{:02}:{:02}.{:01}", ms / 3_600_000, ms / 60_000 % 60, ms / 1_000 % 60, ms % 1_000 / 100)
}

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub lang: Lang,
    pub stream: String,
    pub revision: u64,
    /// A player's playhead to mark on the strip (µs of the camera's clock).
    #[prop_or_default]
    pub playhead: Option<u64>,
}

/// How far back the timeline looks: the service buffer's 5 minutes, or more once the stream
/// has been running longer (up to an hour, the lab's own choice for a readable strip).
fn window(now: SimTime) -> SimDuration {
    let five = SimDuration::from_secs(300);
    let hour = SimDuration::from_secs(3_600);
    now.saturating_sub(SimTime::ZERO).clamp(five, hour)
}

/// The stream's stored fragments on a strip that ends at the live edge: kept for playback, or
/// only in the service's buffer (retention 0).
#[function_component(FragmentTimeline)]
pub fn fragment_timeline(p: &TimelineProps) -> Html {
    let lang = p.lang;
    let handle = use_context::<WorldHandle>().expect("the world is provided");
    let world = handle.world.borrow();
    let Some(stream) = world.video().streams.get(&p.stream) else { return html! {} };
    let now = world.now();
    let span = window(now);
    let start = SimTime(now.as_micros().saturating_sub(span.as_micros()));
    let x = |t: SimTime| (t.saturating_sub(start).as_micros() as f64 / span.as_micros() as f64 * 1_000.0).min(1_000.0);
    let label = fill(TV::TimelineLabel.t(lang), &[&format!("{} min", span.as_micros() / 60_000_000)]);
    html! {
        <figure class="fragment-timeline">
            <svg viewBox="0 0 1000 40" preserveAspectRatio="none" role="img" aria-label={label.clone()}>
                <rect x="0" y="8" width="1000" height="24" class="track" />
                { for runs(stream, start).into_iter().map(|(from, to, retained)| {
                    let (x0, x1) = (x(from), x(to));
                    html! {
                        <rect x={format!("{x0:.1}")} y="10" width={format!("{:.1}", (x1 - x0).max(1.0))} height="20"
                              class={if retained { "kept" } else { "buffered" }} />
                    }
                }) }
                <line x1="999" x2="999" y1="2" y2="38" class="live-edge" />
                if let Some(at) = p.playhead.map(|us| x(SimTime(us))) {
                    <line x1={format!("{at:.1}")} x2={format!("{at:.1}")} y1="4" y2="36" class="playhead" />
                }
            </svg>
            <figcaption>
                {label}{" · "}
                <span class="legend kept">{TV::TimelineRetained.t(lang)}</span>{" · "}
                <span class="legend buffered">{TV::TimelineBuffer.t(lang)}</span>{" · "}
                <span class="legend live">{TV::LiveEdge.t(lang)}</span>
                if p.playhead.is_some() {
                    {" · "}<span class="legend playhead">{TV::PlayheadLegend.t(lang)}</span>
                }
                if stream.fragments.is_empty() {
                    {" · "}{TV::TimelineEmpty.t(lang)}
                }
            </figcaption>
        </figure>
    }
}

/// The stored fragments that end after `start`, newest first from the back of the stream
/// (the rest is older), joined into runs of back-to-back fragments kept alike: one shape per
/// run rather than one per fragment, however long the stream's retention.
fn runs(stream: &VideoStream, start: SimTime) -> Vec<(SimTime, SimTime, bool)> {
    let mut runs: Vec<(SimTime, SimTime, bool)> = Vec::new();
    for f in stream.fragments.iter().rev().take_while(|f| f.producer_end() > start) {
        match runs.last_mut() {
            Some((from, _, retained)) if *retained == f.retained && f.producer_end() >= *from => {
                *from = f.producer_start
            }
            _ => runs.push((f.producer_start, f.producer_end(), f.retained)),
        }
    }
    runs
}

/// The newest fragments the stream holds, as ListFragments names them: number, producer
/// timestamp, duration and size, and whether it is kept for playback.
#[function_component(NewestFragments)]
pub fn newest_fragments(p: &TimelineProps) -> Html {
    let lang = p.lang;
    let handle = use_context::<WorldHandle>().expect("the world is provided");
    let world = handle.world.borrow();
    let Some(stream) = world.video().streams.get(&p.stream) else { return html! {} };
    if stream.fragments.is_empty() {
        return html! {};
    }
    html! {
        <table class="fragments">
            <caption>{TV::NewestFragments.t(lang)}</caption>
            <thead><tr>
                <th scope="col">{"FragmentNumber"}</th>
                <th scope="col">{"ProducerTimestamp"}</th>
                <th scope="col">{TV::FragmentLength.t(lang)}</th>
                <th scope="col">{TV::FragmentKept.t(lang)}</th>
            </tr></thead>
            <tbody>
                { for stream.fragments.iter().rev().take(5).map(|f| html! {
                    <tr>
                        <td><code>{stream.fragment_number(f)}</code></td>
                        <td>{clock(f.producer_start)}</td>
                        <td>{format!("{:.1} s · {}", f.duration.as_millis() as f64 / 1_000.0, crate::components::facts::bytes(f.size_bytes))}</td>
                        <td>{if f.retained { TV::TimelineRetained.t(lang) } else { TV::TimelineBuffer.t(lang) }}</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
