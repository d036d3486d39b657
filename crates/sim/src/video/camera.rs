//! A camera: records its scene at its frame rate, starts a fragment at each key frame, and
//! sends each fragment over the stream's PutMedia connection once its last frame is captured.

use super::limits::*;
use super::put_media::SentFragment;
use super::scene::SceneSettings;
use super::service::KinesisVideo;
use crate::ctx::Ctx;
use crate::kinesis::ApiError;
use crate::time::{SimDuration, SimTime};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", default)]
pub struct CameraSettings {
    pub fps: u32,
    /// A key frame (and so a new fragment) every this many frames.
    pub key_frame_interval: u32,
    pub bitrate_kbps: u32,
    pub scene: SceneSettings,
}

impl Default for CameraSettings {
    fn default() -> Self {
        CameraSettings {
            fps: DEFAULT_FPS,
            key_frame_interval: DEFAULT_KEY_FRAME_INTERVAL,
            bitrate_kbps: DEFAULT_BITRATE_KBPS,
            scene: SceneSettings::default(),
        }
    }
}

impl CameraSettings {
    /// How long each fragment lasts: the key frame interval at the frame rate.
    pub fn fragment_duration(&self) -> SimDuration {
        SimDuration::from_micros(self.key_frame_interval as u64 * 1_000_000 / self.fps.max(1) as u64)
    }

    /// A fragment's size at the stated bitrate.
    pub fn fragment_bytes(&self) -> u64 {
        self.bitrate_kbps as u64 * 1_000 / 8 * self.fragment_duration().as_micros() / 1_000_000
    }

    /// The settings' own ranges. A fragment duration outside PutMedia's 1 to 20 seconds is
    /// allowed here on purpose: the camera runs and the stream refuses its fragments, with
    /// AWS's reason, which is the lesson.
    pub fn validate(&self) -> Result<(), String> {
        let ranges = [
            ("fps", self.fps, FPS_RANGE),
            ("key_frame_interval", self.key_frame_interval, KEY_FRAME_INTERVAL_RANGE),
            ("bitrate_kbps", self.bitrate_kbps, BITRATE_KBPS_RANGE),
        ];
        for (name, value, (low, high)) in ranges {
            if !(low..=high).contains(&value) {
                return Err(format!("{name} must be between {low} and {high}; it is {value}."));
            }
        }
        self.scene.validate()
    }
}

/// What a camera did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CameraStats {
    /// Fragments recorded (sent or not).
    pub recorded: u64,
    /// Fragments the stream ingested…
    pub sent: u64,
    /// …refused (the reason is `last_error`)…
    pub refused: u64,
    /// …or that had no stream to go to.
    pub unsent: u64,
    pub bytes_sent: u64,
    pub last_fragment_number: Option<String>,
    pub last_error: Option<ApiError>,
}

#[derive(Clone, Debug)]
pub struct Camera {
    pub id: String,
    pub stream: Option<String>,
    pub settings: CameraSettings,
    seed: u64,
    started_at: SimTime,
    /// The first frame of the fragment being recorded.
    next_frame: u64,
    pub stats: CameraStats,
}

impl Camera {
    pub fn new(id: &str, stream: Option<String>, settings: CameraSettings, seed: u64, now: SimTime) -> Camera {
        Camera {
            id: id.to_string(),
            stream,
            settings,
            seed,
            started_at: now,
            next_frame: 0,
            stats: CameraStats::default(),
        }
    }

    /// When the fragment being recorded is complete and has reached the service.
    fn next_due(&self) -> SimTime {
        let end_frame = self.next_frame + self.settings.key_frame_interval as u64;
        self.started_at + SimDuration::from_micros(end_frame * 1_000_000 / self.settings.fps as u64) + UPLOAD_LATENCY
    }

    /// Sends every fragment completed by now; returns when the next one will be.
    pub fn tick(&mut self, video: &mut KinesisVideo, ctx: &mut Ctx) -> SimTime {
        let s = &self.settings;
        let source = video.source_for(&self.id, self.seed, &s.scene, s.fps, self.started_at);
        while self.next_due() <= ctx.now {
            let sent = SentFragment {
                source,
                first_frame: self.next_frame,
                frames: s.key_frame_interval,
                producer_start: video.sources[source].frame_time(self.next_frame),
                duration: s.fragment_duration(),
                size_bytes: s.fragment_bytes(),
            };
            self.next_frame += s.key_frame_interval as u64;
            self.stats.recorded += 1;
            let Some(stream) = &self.stream else {
                self.stats.unsent += 1;
                continue;
            };
            match video.put_fragment(ctx.now, stream, &self.id, sent) {
                Ok(number) => {
                    self.stats.sent += 1;
                    self.stats.bytes_sent += s.fragment_bytes();
                    let stream = &video.streams[stream];
                    self.stats.last_fragment_number = Some(super::fragment::fragment_number(stream.created_ms, number));
                }
                Err(e) => {
                    self.stats.refused += 1;
                    self.stats.last_error = Some(e);
                }
            }
        }
        self.next_due()
    }
}
