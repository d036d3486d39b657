//! A video player's view: the frame under its playhead drawn on a `<canvas>` (real pixels,
//! rendered by the model from the camera's scene), the motion boxes of the analysis reading
//! the same stream over it, how far behind live it plays, the refusal when the stream says
//! no, a playhead to drag in ON_DEMAND and LIVE_REPLAY, and a GetClip download.

use crate::i18n::{fill, Lang};
use crate::i18n_video::TV;
use crate::notice::Notice;
use crate::world_handle::WorldHandle;
use shardlab_sim::SimTime;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{HtmlCanvasElement, HtmlInputElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PlayerViewProps {
    pub lang: Lang,
    pub id: String,
    pub revision: u64,
    pub on_world_changed: Callback<()>,
    pub on_notice: Callback<Notice>,
}

/// The frame last drawn on the canvas, and its boxes, so an unchanged picture is not drawn again.
type Drawn = Option<((usize, u64), Vec<shardlab_sim::video::frame::BoundingBox>)>;

/// Draws the frame `(source, index)` of the world's video with `boxes` over it.
fn draw(
    canvas: &HtmlCanvasElement,
    world: &shardlab_sim::World,
    frame: (usize, u64),
    boxes: &[shardlab_sim::video::frame::BoundingBox],
) {
    let Some(source) = world.video().sources.get(frame.0) else { return };
    let picture = source.render(frame.1);
    let Ok(Some(ctx)) = canvas.get_context("2d") else { return };
    let Ok(ctx) = ctx.dyn_into::<web_sys::CanvasRenderingContext2d>() else { return };
    canvas.set_width(picture.width);
    canvas.set_height(picture.height);
    if let Ok(image) =
        web_sys::ImageData::new_with_u8_clamped_array_and_sh(Clamped(&picture.rgba), picture.width, picture.height)
    {
        let _ = ctx.put_image_data(&image, 0.0, 0.0);
    }
    ctx.set_stroke_style_str("#ffd400");
    ctx.set_line_width(1.5);
    for b in boxes {
        ctx.stroke_rect(b.left as f64 + 0.5, b.top as f64 + 0.5, b.width as f64 - 1.0, b.height as f64 - 1.0);
    }
}

#[function_component(VideoPlayerView)]
pub fn video_player_view(p: &PlayerViewProps) -> Html {
    let lang = p.lang;
    let handle = use_context::<WorldHandle>().expect("the world is provided");
    let canvas = use_node_ref();
    let drawn = use_mut_ref(|| None as Drawn);
    // The playhead being dragged: shown as dragged until it is let go, whatever the clock does.
    let scrub = use_state_eq(|| None::<u64>);
    {
        let (canvas, world, drawn) = (canvas.clone(), handle.world.clone(), drawn.clone());
        let id = p.id.clone();
        use_effect_with(p.revision, move |_| {
            let world = world.borrow();
            let shown = world.player(&id).and_then(|player| {
                let view = player.view(world.now())?;
                let frame = view.frame?;
                let boxes =
                    player.stream.as_deref().map(|s| world.motion_boxes_for(s, view.position)).unwrap_or_default();
                Some((frame, boxes))
            });
            if let (Some(shown), Some(canvas)) = (shown, canvas.cast::<HtmlCanvasElement>()) {
                if drawn.borrow().as_ref() != Some(&shown) {
                    draw(&canvas, &world, shown.0, &shown.1);
                    *drawn.borrow_mut() = Some(shown);
                }
            }
        });
    }
    let world = handle.world.borrow();
    let now = world.now();
    let Some(player) = world.player(&p.id) else { return html! {} };
    let view = player.view(now);
    let mode = crate::components::video_settings_form::mode_name(player.settings.mode).t(lang);
    let analysis = player.stream.as_deref().and_then(|s| world.motion_analyzer_of(s)).map(str::to_string);
    let seek = {
        let (world, id, notice, done, scrub) =
            (handle.world.clone(), p.id.clone(), p.on_notice.clone(), p.on_world_changed.clone(), scrub.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            scrub.set(None);
            let Ok(ms) = input.value().parse::<u64>() else { return };
            if let Err(refusal) = world.borrow_mut().seek_player(&id, SimTime::from_millis(ms)) {
                notice.emit(Notice::SeekRefused(refusal));
            }
            done.emit(());
        })
    };
    let dragging = {
        let scrub = scrub.clone();
        Callback::from(move |e: InputEvent| {
            scrub.set(e.target_unchecked_into::<HtmlInputElement>().value().parse().ok());
        })
    };
    let clip = {
        let (world, id, notice, done) =
            (handle.world.clone(), p.id.clone(), p.on_notice.clone(), p.on_world_changed.clone());
        Callback::from(move |_: MouseEvent| {
            let request = world.borrow().clip_request(&id);
            let Some(request) = request else { return };
            let result = world.borrow_mut().call("kinesis-video-archived-media", "GetClip", request);
            match result {
                Ok(answer) => {
                    use base64::Engine;
                    let payload = answer["Payload"].as_str().unwrap_or_default();
                    let kind = answer["ContentType"].as_str().unwrap_or("image/gif").to_string();
                    if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(payload) {
                        crate::download::offer(&format!("{id}-clip.gif"), &bytes, &kind);
                    }
                }
                Err(e) => notice.emit(Notice::OperationRefused {
                    operation: "GetClip".into(),
                    error_type: e.kind.name().to_string(),
                    message: e.message,
                }),
            }
            done.emit(());
        })
    };
    let alt = view
        .as_ref()
        .and_then(|v| v.frame)
        .map(|(_, index)| fill(TV::PlayerFrameAlt.t(lang), &[&index, &p.id]))
        .unwrap_or_else(|| TV::PlayerNothing.t(lang).to_string());
    html! {
        <div class="video-player">
            <p><strong>{mode}</strong></p>
            <canvas ref={canvas} class="video-frame" width="160" height="120" role="img" aria-label={alt}
                    hidden={view.is_none()} />
            if let Some(e) = &player.refusal {
                <p class="error-text" role="status">{fill(TV::PlayerRefused.t(lang), &[&e.kind.name(), &e.message])}</p>
                <p class="hint">{TV::PlayerRetry.t(lang)}</p>
            }
            if let Some(v) = &view {
                <p class="player-status" role="status">
                    {fill(TV::PlayerPosition.t(lang), &[&crate::components::video_state::clock(v.position)])}{" · "}
                    {fill(TV::PlayerLatency.t(lang), &[&format!("{:.1}", v.latency.as_millis() as f64 / 1_000.0)])}
                    if v.stalled { {" · "}{TV::PlayerStalled.t(lang)} }
                </p>
                if let (true, Some((start, end))) = (player.settings.mode.can_seek(), v.buffered) {
                    <label class="field scrub">
                        <span>{TV::ScrubLabel.t(lang)}</span>
                        <input type="range" min={start.as_millis().to_string()} max={end.as_millis().saturating_sub(1).to_string()}
                               step="100" value={scrub.unwrap_or(v.position.as_millis()).to_string()}
                               oninput={dragging} onchange={seek} />
                    </label>
                }
                <button type="button" onclick={clip}>{TV::DownloadClip.t(lang)}</button>
            } else if player.refusal.is_none() {
                <p class="hint">{TV::PlayerNothing.t(lang)}</p>
            }
            if let Some(stream) = player.stream.clone() {
                <crate::components::video_state::FragmentTimeline {lang} {stream} revision={p.revision}
                    playhead={view.as_ref().map(|v| v.position.as_micros())} />
            }
            if let Some(a) = analysis {
                <p class="hint">{fill(TV::ShowBoxes.t(lang), &[&a])}</p>
            }
            <dl class="facts">
                <dt>{TV::SessionsOpened.t(lang)}</dt><dd>{player.stats.sessions_opened}</dd>
                <dt>{TV::FragmentsReceived.t(lang)}</dt><dd>{player.stats.fragments_received}</dd>
                <dt>{TV::FragmentsMissed.t(lang)}</dt><dd>{player.stats.fragments_missed}</dd>
            </dl>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    /// The frames a player draws are the model's pixels: the same seed gives the same bytes in
    /// the browser as natively (`shardlab_sim::video::tests` pins the same figure).
    #[wasm_bindgen_test]
    fn the_same_seed_draws_the_same_pixels_in_wasm() {
        use shardlab_sim::video::scene::{sample_hash, PIXELS_HASH_2024};
        assert_eq!(sample_hash(2024), PIXELS_HASH_2024);
    }

    /// What the player draws is opaque: a canvas shows these bytes as they are.
    #[wasm_bindgen_test]
    fn frames_are_opaque() {
        let scene = shardlab_sim::video::scene::Scene::new(
            7,
            &shardlab_sim::pipeline::video_settings::SceneSettings { moving_shapes: 2, walking_figure: true },
        );
        let frame = scene.render(shardlab_sim::SimDuration::from_secs(3), 45);
        assert!(frame.rgba.chunks_exact(4).all(|p| p[3] == 255));
    }
}
