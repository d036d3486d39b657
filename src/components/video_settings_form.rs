//! The settings of the Video Streams components as form fields: a camera's frame rate, key
//! frames, bitrate and scene; a video stream's name and data retention; how a player reads
//! the stream. (A motion analysis has no settings.)

use crate::components::fields::{CheckField, NumberField, SelectField, TextField};
use crate::i18n::{fill, Lang};
use crate::i18n_video::TV;
use shardlab_sim::pipeline::video_settings::ViewerMode;
use shardlab_sim::scenario::ComponentKind;
use yew::prelude::*;

/// How the page names a way of playing.
pub fn mode_name(mode: ViewerMode) -> TV {
    match mode {
        ViewerMode::GetMedia => TV::ModeGetMedia,
        ViewerMode::Live => TV::ModeLive,
        ViewerMode::LiveReplay => TV::ModeLiveReplay,
        ViewerMode::OnDemand => TV::ModeOnDemand,
    }
}

/// The fields for `kind`, or None if it is not one of the Video Streams family.
pub fn video_fields(lang: Lang, kind: &ComponentKind, on_change: &Callback<ComponentKind>) -> Option<Html> {
    macro_rules! edit {
        ($($rest:tt)*) => { crate::components::fields::edit_setting!(kind, on_change, $($rest)*) };
    }
    // Out-of-range values go to the model, which refuses them with the rule.
    let count = |v: f64| v.clamp(0.0, u32::MAX as f64) as u32;
    Some(match kind {
        ComponentKind::Camera(s) => {
            let duration = s.fragment_duration().as_millis() as f64 / 1_000.0;
            let size = crate::components::facts::bytes(s.fragment_bytes());
            html! { <>
                <NumberField label={TV::FpsField.t(lang)} value={s.fps as f64} step={"1"}
                             on_change={edit!(Camera, |s, v: f64| s.fps = count(v))} />
                <NumberField label={TV::KeyFrameField.t(lang)} value={s.key_frame_interval as f64} step={"1"}
                             on_change={edit!(Camera, |s, v: f64| s.key_frame_interval = count(v))} />
                <NumberField label={TV::BitrateField.t(lang)} value={s.bitrate_kbps as f64} step={"50"}
                             on_change={edit!(Camera, |s, v: f64| s.bitrate_kbps = count(v))} />
                <p class="hint">{fill(TV::FragmentEvery.t(lang), &[&duration, &size])}</p>
                <NumberField label={TV::ShapesField.t(lang)} value={s.moving_shapes as f64} step={"1"}
                             on_change={edit!(Camera, |s, v: f64| s.moving_shapes = count(v))} />
                <CheckField label={TV::FigureField.t(lang)} checked={s.walking_figure}
                            on_change={edit!(Camera, |s, v: bool| s.walking_figure = v)} />
            </> }
        }
        ComponentKind::VideoStream(s) => html! { <>
            <TextField label={TV::VideoStreamNameField.t(lang)} value={s.stream_name.clone()}
                       on_change={edit!(VideoStream, |s, v: String| s.stream_name = v.trim().to_string())} />
            <NumberField label={TV::DataRetentionField.t(lang)} value={s.retention_hours as f64} step={"1"}
                         on_change={edit!(VideoStream, |s, v: f64| s.retention_hours = count(v))} />
            if s.retention_hours == 0 {
                <p class="hint">{TV::RetentionZeroHint.t(lang)}</p>
            }
        </> },
        ComponentKind::VideoPlayer(s) => {
            let options = ViewerMode::ALL
                .iter()
                .map(|m| (AttrValue::from(m.name()), AttrValue::from(mode_name(*m).t(lang))))
                .collect::<Vec<_>>();
            html! { <>
                <SelectField label={TV::ModeField.t(lang)} value={s.mode.name()} {options}
                    on_change={edit!(VideoPlayer, |s, v: String| {
                        s.mode = ViewerMode::ALL.into_iter().find(|m| m.name() == v).unwrap_or_default()
                    })} />
                if s.mode == ViewerMode::LiveReplay {
                    <NumberField label={TV::ReplayFromField.t(lang)} value={s.replay_from_seconds as f64} step={"1"}
                                 on_change={edit!(VideoPlayer, |s, v: f64| s.replay_from_seconds = v.max(0.0) as u64)} />
                }
            </> }
        }
        ComponentKind::MotionAnalyzer(_) => html! {},
        _ => return None,
    })
}
