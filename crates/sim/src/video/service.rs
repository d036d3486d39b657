//! The Kinesis Video Streams service: its streams, the cameras' media sources that
//! regenerate their frames, and its playback sessions.

use super::frame::Frame;
use super::hls::HlsSession;
use super::limits::*;
use super::scene::{Scene, SceneSettings};
use super::stream::VideoStream;
use crate::kinesis::{ApiError, ErrorType};
use crate::time::{SimDuration, SimTime};
use std::collections::BTreeMap;

/// What regenerates a camera's frames: its scene and frame rate. Changing a camera's scene
/// or rate starts a new source, so that fragments already recorded keep their own pictures.
#[derive(Clone, Debug)]
pub struct MediaSource {
    pub camera: String,
    pub fps: u32,
    /// When the camera's frame 0 was captured.
    pub started_at: SimTime,
    pub settings: SceneSettings,
    pub seed: u64,
    pub scene: Scene,
}

impl MediaSource {
    /// When frame `index` was captured.
    pub fn frame_time(&self, index: u64) -> SimTime {
        self.started_at + SimDuration::from_micros(index * 1_000_000 / self.fps as u64)
    }

    pub fn render(&self, index: u64) -> Frame {
        self.scene.render(self.frame_time(index).saturating_sub(self.started_at), index)
    }
}

#[derive(Clone, Debug, Default)]
pub struct KinesisVideo {
    pub streams: BTreeMap<String, VideoStream>,
    pub sources: Vec<MediaSource>,
    pub(super) hls_sessions: BTreeMap<String, HlsSession>,
    pub(super) sessions_made: u64,
}

/// The answer for a stream that does not exist.
pub fn no_stream(name: &str) -> ApiError {
    ApiError::not_found(format!("Amazon Kinesis Video Streams can't find the stream that you specified ({name})."))
}

impl KinesisVideo {
    /// A camera's media source: the one it already has when nothing changed, else a new one.
    pub fn source_for(
        &mut self,
        camera: &str,
        seed: u64,
        settings: &SceneSettings,
        fps: u32,
        started_at: SimTime,
    ) -> usize {
        if let Some(i) = self.sources.iter().rposition(|s| {
            s.camera == camera
                && s.seed == seed
                && &s.settings == settings
                && s.fps == fps
                && s.started_at == started_at
        }) {
            return i;
        }
        self.sources.push(MediaSource {
            camera: camera.to_string(),
            fps,
            started_at,
            settings: *settings,
            seed,
            scene: Scene::new(seed, settings),
        });
        self.sources.len() - 1
    }

    pub fn stream(&self, name: &str) -> Result<&VideoStream, ApiError> {
        self.streams.get(name).ok_or_else(|| no_stream(name))
    }

    pub fn stream_mut(&mut self, name: &str) -> Result<&mut VideoStream, ApiError> {
        self.streams.get_mut(name).ok_or_else(|| no_stream(name))
    }

    /// CreateStream. Names are unique in the account and Region.
    pub fn create_stream(
        &mut self,
        name: &str,
        created_ms: u64,
        retention_hours: u32,
    ) -> Result<&VideoStream, ApiError> {
        validate_name(name)?;
        let (low, high) = RETENTION_HOURS_RANGE;
        if !(low..=high).contains(&retention_hours) {
            return Err(ApiError::invalid(format!(
                "DataRetentionInHours must be between {low} and {high} hours; it was {retention_hours}."
            )));
        }
        if self.streams.contains_key(name) {
            return Err(ApiError::in_use(format!("The stream {name} already exists.")));
        }
        Ok(self.streams.entry(name.to_string()).or_insert_with(|| VideoStream::new(name, created_ms, retention_hours)))
    }

    /// DeleteStream: the data becomes unreachable at once; the books keep what it held.
    pub fn delete_stream(&mut self, name: &str) -> Result<VideoStream, ApiError> {
        let stream = self.streams.remove(name).ok_or_else(|| no_stream(name))?;
        self.hls_sessions.retain(|_, s| s.stream != name);
        Ok(stream)
    }

    /// UpdateDataRetention: `CurrentVersion` must be the stream's version.
    pub fn update_data_retention(
        &mut self,
        now: SimTime,
        name: &str,
        current_version: &str,
        operation: &str,
        change: i64,
    ) -> Result<u32, ApiError> {
        let stream = self.stream_mut(name)?;
        stream.control_calls.admit(now, CONTROL_CALLS_PER_SECOND, "UpdateDataRetention")?;
        if current_version != stream.version {
            return Err(ApiError::new(
                ErrorType::VersionMismatchException,
                format!(
                    "The stream version that you specified is not the latest version. To get the latest version, use the DescribeStream API. (The stream's version is {}.)",
                    stream.version
                ),
            ));
        }
        stream.retention_hours = super::retention::changed(stream.retention_hours, operation, change)?;
        stream.bump_version();
        // Lowering it deletes what is now too old at once.
        stream.expire(now);
        Ok(stream.retention_hours)
    }

    /// Removes what ran out by `now` in every stream, and HLS sessions past their expiry.
    pub fn tick(&mut self, now: SimTime) {
        for stream in self.streams.values_mut() {
            stream.expire(now);
        }
        self.hls_sessions.retain(|_, s| s.expires_at > now);
    }

    /// When the service next needs to run (a fragment running out, a session expiring).
    pub fn next_wakeup(&self) -> Option<SimTime> {
        let fragments =
            self.streams.values().filter_map(|s| super::retention::next_expiry(&s.fragments, s.retention_hours));
        fragments.chain(self.hls_sessions.values().map(|s| s.expires_at)).min()
    }
}

/// Stream names: 1 to 256 letters, digits, `_`, `.` and `-`.
pub fn validate_name(name: &str) -> Result<(), ApiError> {
    if name.is_empty()
        || name.len() > VIDEO_STREAM_NAME_CHARS
        || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-')
    {
        return Err(ApiError::validation(
            name,
            "streamName",
            "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+ and have length between 1 and 256",
        ));
    }
    Ok(())
}
