//! The Kinesis Video Streams components' settings, as a scenario stores them: a camera's
//! frame rate, key frames, bitrate and scene; a video stream's name and retention; how a
//! player reads the stream. They are read in every build (a scenario with a camera opens in
//! the first load too, which then switches to the build with the video model).

use super::settings::{check, SettingError};
use crate::video::limits::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CameraSettings {
    pub fps: u32,
    /// A key frame (and so a new fragment) every this many frames.
    pub key_frame_interval: u32,
    pub bitrate_kbps: u32,
    /// Shapes that keep crossing the picture (0 to 4).
    pub moving_shapes: u32,
    /// A figure that walks in, across and out again, once every `FIGURE_PERIOD`.
    pub walking_figure: bool,
}

impl Default for CameraSettings {
    fn default() -> Self {
        CameraSettings {
            fps: DEFAULT_FPS,
            key_frame_interval: DEFAULT_KEY_FRAME_INTERVAL,
            bitrate_kbps: DEFAULT_BITRATE_KBPS,
            moving_shapes: 1,
            walking_figure: true,
        }
    }
}

/// What a camera's scene holds. With no shapes and no figure the scene is still: nothing in
/// it moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SceneSettings {
    pub moving_shapes: u32,
    pub walking_figure: bool,
}

impl CameraSettings {
    pub fn scene(&self) -> SceneSettings {
        SceneSettings { moving_shapes: self.moving_shapes, walking_figure: self.walking_figure }
    }

    /// How long each fragment lasts: the key frame interval at the frame rate.
    pub fn fragment_duration(&self) -> crate::time::SimDuration {
        crate::time::SimDuration::from_micros(self.key_frame_interval as u64 * 1_000_000 / self.fps.max(1) as u64)
    }

    /// A fragment's size at the stated bitrate.
    pub fn fragment_bytes(&self) -> u64 {
        self.bitrate_kbps as u64 * 1_000 / 8 * self.fragment_duration().as_micros() / 1_000_000
    }

    /// The settings' own ranges. A fragment duration outside PutMedia's 1 to 20 seconds is
    /// allowed here on purpose: the camera runs and the stream refuses its fragments, with
    /// AWS's reason, which is the lesson.
    pub fn validate(&self) -> Result<(), SettingError> {
        let within = |v: u32, (low, high): (u32, u32)| (low..=high).contains(&v);
        check(within(self.fps, FPS_RANGE), "fps", "a camera records {0}–{1} frames a second")?;
        check(
            within(self.key_frame_interval, KEY_FRAME_INTERVAL_RANGE),
            "key_frame_interval",
            "a key frame comes every {0}–{1} frames",
        )?;
        check(within(self.bitrate_kbps, BITRATE_KBPS_RANGE), "bitrate_kbps", "the bitrate is {0}–{1} kbit/s")?;
        check(self.moving_shapes <= MAX_MOVING_SHAPES, "moving_shapes", "a scene has at most {0} moving shapes")
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VideoStreamSettings {
    pub stream_name: String,
    /// `DataRetentionInHours`: 0 keeps nothing but the service's short buffer.
    #[serde(default)]
    pub retention_hours: u32,
}

impl VideoStreamSettings {
    pub fn validate(&self) -> Result<(), SettingError> {
        check(
            (1..=VIDEO_STREAM_NAME_CHARS).contains(&self.stream_name.len())
                && self.stream_name.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b)),
            "video_stream_name",
            "a video stream name is {0}–{1} characters of letters, digits, _ . and -",
        )?;
        check(
            self.retention_hours <= RETENTION_HOURS_RANGE.1,
            "data_retention_hours",
            "a video stream keeps its data {0}–{1} hours ({0}: only the service's buffer)",
        )
    }
}

/// How a player reads the stream.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ViewerMode {
    /// GetMedia from now on: works on any stream, from the service's buffer if need be.
    #[default]
    GetMedia,
    /// HLS, in one of its playback modes: needs a stream that retains data.
    Live,
    LiveReplay,
    OnDemand,
}

impl ViewerMode {
    pub const ALL: [ViewerMode; 4] =
        [ViewerMode::GetMedia, ViewerMode::Live, ViewerMode::LiveReplay, ViewerMode::OnDemand];

    pub fn name(self) -> &'static str {
        match self {
            ViewerMode::GetMedia => "GET_MEDIA",
            ViewerMode::Live => "LIVE",
            ViewerMode::LiveReplay => "LIVE_REPLAY",
            ViewerMode::OnDemand => "ON_DEMAND",
        }
    }

    /// Whether the learner may move the playhead.
    pub fn can_seek(self) -> bool {
        matches!(self, ViewerMode::OnDemand | ViewerMode::LiveReplay)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PlayerSettings {
    pub mode: ViewerMode,
    /// LIVE_REPLAY starts this many seconds before the session opens.
    pub replay_from_seconds: u64,
}

impl Default for PlayerSettings {
    fn default() -> Self {
        PlayerSettings { mode: ViewerMode::GetMedia, replay_from_seconds: 60 }
    }
}

impl PlayerSettings {
    pub fn validate(&self) -> Result<(), SettingError> {
        check(
            self.replay_from_seconds <= MAX_PLAYBACK_RANGE.as_millis() / 1_000,
            "replay_from_seconds",
            "a replay starts at most {0} hours back (an HLS session's longest range)",
        )
    }
}

/// An analysis consumer has no settings of its own: it looks at every fragment of the
/// stream it is wired from, on the lab's analysis grid, and sends each motion event to every
/// output it is wired to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MotionAnalyzerSettings {}

impl MotionAnalyzerSettings {
    pub fn validate(&self) -> Result<(), SettingError> {
        Ok(())
    }
}

/// The numbers the rules above quote.
#[cfg_attr(not(feature = "video"), allow(dead_code))]
pub(super) fn numbers(setting: &str) -> Option<Vec<String>> {
    let pair = |(low, high): (u32, u32)| vec![low.to_string(), super::settings::grouped(high as u64)];
    Some(match setting {
        "fps" => pair(FPS_RANGE),
        "key_frame_interval" => pair(KEY_FRAME_INTERVAL_RANGE),
        "bitrate_kbps" => pair(BITRATE_KBPS_RANGE),
        "moving_shapes" => vec![MAX_MOVING_SHAPES.to_string()],
        "video_stream_name" => vec!["1".to_string(), VIDEO_STREAM_NAME_CHARS.to_string()],
        "data_retention_hours" => pair(RETENTION_HOURS_RANGE),
        "replay_from_seconds" => vec![(MAX_PLAYBACK_RANGE.as_millis() / 3_600_000).to_string()],
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_read_back_what_they_write_and_refuse_what_they_do_not_know() {
        let camera = CameraSettings { fps: 10, moving_shapes: 3, walking_figure: false, ..CameraSettings::default() };
        let back: CameraSettings = serde_json::from_value(serde_json::to_value(&camera).unwrap()).unwrap();
        assert_eq!(back, camera);
        assert!(serde_json::from_str::<CameraSettings>(r#"{"fsp": 10}"#).is_err());
        let player = PlayerSettings { mode: ViewerMode::OnDemand, replay_from_seconds: 5 };
        let json = serde_json::to_string(&player).unwrap();
        assert!(json.contains("\"ON_DEMAND\""), "{json}");
        assert_eq!(serde_json::from_str::<PlayerSettings>(&json).unwrap(), player);
    }

    #[test]
    fn each_setting_is_refused_outside_its_range_with_the_numbers_it_quotes() {
        let e = CameraSettings { fps: 31, ..CameraSettings::default() }.validate().unwrap_err();
        assert_eq!((e.setting, e.rule.as_str()), ("fps", "a camera records 1–30 frames a second"));
        let e = CameraSettings { moving_shapes: 5, ..CameraSettings::default() }.validate().unwrap_err();
        assert_eq!(e.quoted, vec!["4"]);
        let stream = |name: &str, retention_hours| VideoStreamSettings { stream_name: name.into(), retention_hours };
        assert!(stream("door-1", 0).validate().is_ok());
        assert_eq!(stream("door 1", 0).validate().unwrap_err().setting, "video_stream_name");
        assert_eq!(stream(&"a".repeat(257), 0).validate().unwrap_err().setting, "video_stream_name");
        let e = stream("door", 87_601).validate().unwrap_err();
        assert_eq!(e.rule, "a video stream keeps its data 0–87,600 hours (0: only the service's buffer)");
        assert!(PlayerSettings { replay_from_seconds: 86_401, ..PlayerSettings::default() }.validate().is_err());
    }
}
