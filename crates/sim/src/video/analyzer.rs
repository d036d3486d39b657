//! An analysis consumer: reads a video stream live over GetMedia, looks at the frames five
//! times per second of video, finds motion by frame differencing (`motion.rs`) and emits an
//! event for each look that found some — to a data stream (PutRecords), a Lambda function,
//! or only its own dashboard. It finds what is in the pixels, nothing else.

use super::frame::{BoundingBox, Frame};
use super::get_media::{MediaCursor, StartSelector};
use super::limits::{ANALYSIS_INTERVAL, CONSUMER_TICK, DASHBOARD_EVENTS};
use super::service::KinesisVideo;
use crate::analytics::sink::{Output, Target};
use crate::ctx::Ctx;
use crate::kinesis::ApiError;
use crate::pipeline::Services;
use crate::rng::SimRng;
use crate::time::{SimDuration, SimTime};
use serde::Serialize;
use std::collections::VecDeque;

/// Motion found in one look.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MotionEvent {
    /// When the frame was captured (camera clock).
    #[serde(skip)]
    pub at: SimTime,
    #[serde(rename = "StreamName")]
    pub stream: String,
    #[serde(rename = "FragmentNumber")]
    pub fragment_number: String,
    /// The capture time as epoch seconds, as AWS timestamps are written.
    #[serde(rename = "ProducerTimestamp")]
    pub producer_timestamp: f64,
    #[serde(rename = "BoundingBoxes")]
    pub boxes: Vec<BoundingBox>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AnalyzerStats {
    pub fragments_read: u64,
    pub frames_analysed: u64,
    pub events: u64,
    /// Fragments that ran out before the consumer got them.
    pub fragments_missed: u64,
}

#[derive(Clone, Debug)]
pub struct Analyzer {
    pub id: String,
    pub stream: Option<String>,
    pub outputs: Vec<Output>,
    cursor: Option<MediaCursor>,
    pub refusal: Option<ApiError>,
    retry_at: SimTime,
    /// The last frame looked at: its source, capture time and pixels.
    last: Option<(usize, SimTime, Frame)>,
    /// The newest events, for the dashboard and the player's overlay.
    pub recent: VecDeque<MotionEvent>,
    pub stats: AnalyzerStats,
    rng: SimRng,
    pending_invocations: Vec<(String, Vec<Vec<u8>>)>,
}

impl Analyzer {
    pub fn new(id: &str, stream: Option<String>, targets: Vec<Target>, rng: SimRng) -> Analyzer {
        Analyzer {
            id: id.to_string(),
            stream,
            outputs: targets.into_iter().map(Output::new).collect(),
            cursor: None,
            refusal: None,
            retry_at: SimTime::ZERO,
            last: None,
            recent: VecDeque::new(),
            stats: AnalyzerStats::default(),
            rng,
            pending_invocations: Vec::new(),
        }
    }

    /// The batches of events for Lambda functions, for the world to invoke them with.
    pub fn take_invocations(&mut self) -> Vec<(String, Vec<Vec<u8>>)> {
        std::mem::take(&mut self.pending_invocations)
    }

    pub fn tick(&mut self, services: &mut Services, ctx: &mut Ctx) -> SimTime {
        let now = ctx.now;
        let next = now + CONSUMER_TICK;
        let Some(stream) = self.stream.clone() else { return next };
        let video = &mut *services.video;
        if self.cursor.is_none() && now >= self.retry_at {
            match video.get_media(now, &stream, &self.id, StartSelector::Now) {
                Ok(cursor) => {
                    self.cursor = Some(cursor);
                    self.refusal = None;
                }
                Err(e) => {
                    self.refusal = Some(e);
                    self.retry_at = now + SimDuration::from_secs(5);
                }
            }
        }
        if let Some(cursor) = &mut self.cursor {
            match video.read_media(now, cursor) {
                Ok(fragments) => {
                    self.stats.fragments_missed = cursor.missed;
                    let created_ms = video.streams.get(&stream).map_or(0, |s| s.created_ms);
                    for f in fragments {
                        self.stats.fragments_read += 1;
                        let number = super::fragment::fragment_number(created_ms, f.number);
                        self.analyse(video, &f, &stream, &number, ctx.epoch_ms);
                    }
                }
                Err(e) => {
                    self.cursor = None;
                    self.refusal = Some(e);
                    self.retry_at = now + SimDuration::from_secs(5);
                }
            }
        }
        for output in &mut self.outputs {
            let batches = output.send(&self.id, services, ctx, &mut self.rng);
            let name = output.target.name().to_string();
            self.pending_invocations.extend(batches.into_iter().map(|b| (name.clone(), b)));
        }
        next
    }

    /// Looks at the fragment's frames on the analysis grid (every 200 ms of camera time) and
    /// compares each with the look before it.
    fn analyse(
        &mut self,
        video: &KinesisVideo,
        f: &super::fragment::Fragment,
        stream: &str,
        number: &str,
        epoch_ms: u64,
    ) {
        let step = ANALYSIS_INTERVAL.as_micros();
        let mut t = SimTime(f.producer_start.as_micros().div_ceil(step) * step);
        let source = &video.sources[f.source];
        while let Some(index) = f.frame_at(t) {
            let frame = source.render(index);
            self.stats.frames_analysed += 1;
            if let Some((last_source, last_t, last_frame)) = &self.last {
                // Only consecutive looks at one camera's picture are compared.
                if *last_source == f.source && t.saturating_sub(*last_t) == ANALYSIS_INTERVAL {
                    let boxes = super::motion::detect(last_frame, &frame);
                    if !boxes.is_empty() {
                        self.emit(MotionEvent {
                            at: t,
                            stream: stream.to_string(),
                            fragment_number: number.to_string(),
                            producer_timestamp: (epoch_ms + t.as_millis()) as f64 / 1_000.0,
                            boxes,
                        });
                    }
                }
            }
            self.last = Some((f.source, t, frame));
            t += ANALYSIS_INTERVAL;
        }
    }

    fn emit(&mut self, event: MotionEvent) {
        self.stats.events += 1;
        let record = serde_json::to_vec(&event).expect("an event is plain data");
        for output in &mut self.outputs {
            output.enqueue(record.clone());
        }
        self.recent.push_back(event);
        if self.recent.len() > DASHBOARD_EVENTS {
            self.recent.pop_front();
        }
    }

    /// The boxes to draw over a frame captured at `t`: those of the look at or just before
    /// it, if that look was at most one analysis interval earlier.
    pub fn boxes_at(&self, t: SimTime) -> Vec<BoundingBox> {
        self.recent
            .iter()
            .rev()
            .find(|e| e.at <= t)
            .filter(|e| t.saturating_sub(e.at) < ANALYSIS_INTERVAL)
            .map(|e| e.boxes.clone())
            .unwrap_or_default()
    }

    /// Takes a new wire in and new outputs; an output that stays keeps the events it has not
    /// delivered yet.
    pub fn reconfigure(&mut self, stream: Option<String>, targets: Vec<Target>) {
        if stream != self.stream {
            self.stream = stream;
            self.cursor = None;
            self.last = None;
            self.refusal = None;
            self.retry_at = SimTime::ZERO;
        }
        let mut kept: Vec<Output> = std::mem::take(&mut self.outputs);
        self.outputs = targets
            .into_iter()
            .map(|t| match kept.iter().position(|o| o.target == t) {
                Some(i) => kept.swap_remove(i),
                None => Output::new(t),
            })
            .collect();
    }

    pub fn close(&mut self, video: &mut KinesisVideo) {
        if let (Some(cursor), Some(stream)) = (&self.cursor, &self.stream) {
            video.close_get_media(stream, &cursor.reader);
        }
        self.cursor = None;
    }
}
