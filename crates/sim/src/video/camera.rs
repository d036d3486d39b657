//! A camera: records its scene at its frame rate, starts a fragment at each key frame, and
//! sends each fragment over the stream's PutMedia connection once its last frame is captured.

use super::limits::*;
use super::put_media::SentFragment;
use super::service::KinesisVideo;
use crate::ctx::Ctx;
use crate::kinesis::ApiError;
use crate::time::{SimDuration, SimTime};
use serde::Serialize;

pub use crate::pipeline::video_settings::CameraSettings;

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
    /// New settings were taken: the next tick starts a new recording.
    restart: bool,
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
            restart: false,
            stats: CameraStats::default(),
        }
    }

    /// Takes new settings and a new wire. New settings start a new recording at the next
    /// tick (a new media source, from frame 0); what the camera sent so far stays sent. The
    /// fragment it was part-way through never reaches its next key frame, so it is not one.
    pub fn reconfigure(&mut self, settings: CameraSettings, stream: Option<String>) {
        if settings != self.settings {
            self.settings = settings;
            self.restart = true;
        }
        self.stream = stream;
    }

    /// When the fragment being recorded is complete and has reached the service.
    fn next_due(&self) -> SimTime {
        let end_frame = self.next_frame + self.settings.key_frame_interval as u64;
        self.started_at + SimDuration::from_micros(end_frame * 1_000_000 / self.settings.fps as u64) + UPLOAD_LATENCY
    }

    /// Sends every fragment completed by now; returns when the next one will be.
    pub fn tick(&mut self, video: &mut KinesisVideo, ctx: &mut Ctx) -> SimTime {
        if std::mem::take(&mut self.restart) {
            self.started_at = ctx.now;
            self.next_frame = 0;
        }
        let s = &self.settings;
        let source = video.source_for(&self.id, self.seed, &s.scene(), s.fps, self.started_at);
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
