//! Kinesis Video Streams in the world: the service's clock (fragments running out, sessions
//! expiring) and what the inspector and the API console ask of it.

use super::World;
use crate::pipeline::Component;
use crate::scenario::{ComponentKind, Scenario, ScenarioError};
use crate::video::KinesisVideo;

/// How much video a player's download button asks GetClip for: the page's own choice, a
/// short animation that downloads at once.
pub const CLIP_OFFERED: crate::time::SimDuration = crate::time::SimDuration::from_secs(10);

impl World {
    /// The Video Streams service, for the views and the tests.
    pub fn video(&self) -> &KinesisVideo {
        &self.video
    }

    /// Lets fragments run out and sessions expire up to now, and asks to be woken for the next.
    pub(super) fn tick_video(&mut self) {
        self.video.tick(self.now);
        self.queue_video_wakeup();
    }

    /// Checks the fragment books of every video stream against what the stream holds: each
    /// fragment ingested is either still stored or counted as expired, and what a stream
    /// holds is in ingestion order with no number twice. Returns what does not add up.
    pub fn video_audit(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (name, stream) in &self.video.streams {
            let books = &stream.books;
            let held = stream.fragments.len() as u64;
            if books.stored() != held {
                problems.push(format!(
                    "video stream {name}: {} ingested − {} expired = {} should be stored, but it holds {held}",
                    books.ingested,
                    books.expired,
                    books.stored()
                ));
            }
            if stream.fragments.iter().zip(stream.fragments.iter().skip(1)).any(|(a, b)| a.number >= b.number) {
                problems.push(format!("video stream {name}: its fragments are out of ingestion order"));
            }
            if stream.fragments.back().is_some_and(|f| f.number > books.ingested) {
                problems.push(format!("video stream {name}: holds a fragment numbered past what it ingested"));
            }
        }
        problems
    }

    /// Brings the service's video streams in step with `next`: a placed stream is created
    /// (CreateStream), a removed one deleted (DeleteStream), a new retention applied with
    /// UpdateDataRetention — so lowering it deletes what is now too old, at once, as in AWS.
    pub(super) fn sync_video_streams(&mut self, old: &Scenario, next: &Scenario) -> Result<(), ScenarioError> {
        let id_of = |name: &str| {
            next.components
                .iter()
                .find(|c| matches!(&c.kind, ComponentKind::VideoStream(v) if v.stream_name == name))
                .map_or(name.to_string(), |c| c.id.clone())
        };
        for (name, _) in old.video_streams() {
            if !next.video_streams().any(|(n, _)| n == name) {
                let _ = self.video.delete_stream(name);
            }
        }
        let created_ms = self.epoch_ms_now();
        for (name, hours) in next.video_streams() {
            let refused = |setting: &'static str, e: crate::kinesis::ApiError| ScenarioError::BadSetting {
                id: id_of(name),
                setting,
                rule: e.message,
            };
            let Some(stream) = self.video.streams.get(name) else {
                self.video.create_stream(name, created_ms, hours).map_err(|e| refused("video_stream_name", e))?;
                continue;
            };
            if stream.retention_hours != hours {
                let (operation, change) = if hours > stream.retention_hours {
                    ("INCREASE_DATA_RETENTION", hours - stream.retention_hours)
                } else {
                    ("DECREASE_DATA_RETENTION", stream.retention_hours - hours)
                };
                let version = stream.version.clone();
                self.video
                    .update_data_retention(self.now, name, &version, operation, change as i64)
                    .map_err(|e| refused("data_retention_hours", e))?;
            }
        }
        self.queue_video_wakeup();
        Ok(())
    }

    /// Closes the connections of cameras, players and analysis consumers that `next` removes
    /// or wires to another stream: the stream's one PutMedia connection and its GetMedia
    /// connections are free for others at once.
    pub(super) fn close_removed_video_clients(&mut self, next: &Scenario) {
        let video = &mut self.video;
        for component in self.components.iter_mut().flatten() {
            let id = component.id().to_string();
            let stays = next.component(&id).is_some();
            let stream = next.video_stream_of_wire(&id);
            match component {
                Component::Camera(c) if !stays || c.stream != stream => {
                    if let Some(old) = &c.stream {
                        video.disconnect_put_media(old, &c.id);
                    }
                }
                Component::VideoPlayer(p) if !stays || p.stream != stream => p.close(video),
                Component::MotionAnalyzer(a) if !stays || a.stream != stream => a.close(video),
                _ => {}
            }
        }
    }

    /// The camera with component id `id`.
    pub fn camera(&self, id: &str) -> Option<&crate::video::camera::Camera> {
        self.components().find_map(|c| match c {
            Component::Camera(c) if c.id == id => Some(c),
            _ => None,
        })
    }

    /// The video player with component id `id`.
    pub fn player(&self, id: &str) -> Option<&crate::video::player::Player> {
        self.components().find_map(|c| match c {
            Component::VideoPlayer(p) if p.id == id => Some(&**p),
            _ => None,
        })
    }

    /// The analysis consumer with component id `id`.
    pub fn motion_analyzer(&self, id: &str) -> Option<&crate::video::analyzer::Analyzer> {
        self.components().find_map(|c| match c {
            Component::MotionAnalyzer(a) if a.id == id => Some(&**a),
            _ => None,
        })
    }

    /// The motion boxes to draw over a frame of video stream `stream` captured at `t`: those
    /// the first analysis consumer reading the stream found there (none without one).
    pub fn motion_boxes_for(&self, stream: &str, t: crate::time::SimTime) -> Vec<crate::video::frame::BoundingBox> {
        self.components()
            .find_map(|c| match c {
                Component::MotionAnalyzer(a) if a.stream.as_deref() == Some(stream) => Some(a.boxes_at(t)),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// The id of the analysis consumer reading video stream `stream`, if any.
    pub fn motion_analyzer_of(&self, stream: &str) -> Option<&str> {
        self.components().find_map(|c| match c {
            Component::MotionAnalyzer(a) if a.stream.as_deref() == Some(stream) => Some(a.id.as_str()),
            _ => None,
        })
    }

    /// The GetClip request a player's download button makes: the stream's media over the
    /// `CLIP_OFFERED` before the playhead (by producer timestamps). None when the player plays
    /// nothing.
    pub fn clip_request(&self, player: &str) -> Option<serde_json::Value> {
        let p = self.player(player)?;
        let (stream, view) = (p.stream.as_ref()?, p.view(self.now)?);
        let end = view.position;
        let start = crate::time::SimTime(end.as_micros().saturating_sub(CLIP_OFFERED.as_micros()));
        Some(serde_json::json!({
            "StreamName": stream,
            "ClipFragmentSelector": {
                "FragmentSelectorType": "PRODUCER_TIMESTAMP",
                "TimestampRange": {
                    "StartTimestamp": self.epoch_seconds_at(start),
                    "EndTimestamp": self.epoch_seconds_at(end),
                },
            },
        }))
    }

    /// A moment of the world's clock as the API writes timestamps: seconds since 1970.
    pub fn epoch_seconds_at(&self, t: crate::time::SimTime) -> f64 {
        (self.scenario.start_epoch_ms + t.as_millis()) as f64 / 1_000.0
    }

    /// Moves player `id`'s playhead to `t` (on the camera's clock), as the learner scrubs the
    /// timeline. Journaled, so a replay of the run scrubs at the same moment.
    pub fn seek_player(&mut self, id: &str, t: crate::time::SimTime) -> Result<(), crate::video::player::SeekRefusal> {
        let now = self.now;
        let player = self
            .components
            .iter_mut()
            .flatten()
            .find_map(|c| match c {
                Component::VideoPlayer(p) if p.id == id => Some(p),
                _ => None,
            })
            .ok_or(crate::video::player::SeekRefusal::NoSuchPlayer)?;
        player.seek(t, now)?;
        self.record(|| super::journal::Input::SeekPlayer { id: id.to_string(), at_micros: t.as_micros() });
        Ok(())
    }

    pub(super) fn queue_video_wakeup(&mut self) {
        if let Some(at) = self.video.next_wakeup() {
            self.queue_tick(at.max(self.now));
        }
    }
}

impl Component {
    /// Takes a video component's new settings and wires from `next`; `false` for any other
    /// component.
    pub(super) fn reconfigure_video(&mut self, kind: &ComponentKind, next: &Scenario, id: &str) -> bool {
        let stream = next.video_stream_of_wire(id);
        match (self, kind) {
            (Component::Camera(c), ComponentKind::Camera(s)) => c.reconfigure(s.clone(), stream),
            (Component::VideoPlayer(p), ComponentKind::VideoPlayer(s)) => p.reconfigure(s.clone(), stream),
            (Component::MotionAnalyzer(a), ComponentKind::MotionAnalyzer(_)) => {
                a.reconfigure(stream, next.application_outputs(id))
            }
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use crate::scenario::Scenario;
    use crate::time::SimDuration;
    use crate::World;
    use serde_json::json;

    #[test]
    fn the_api_creates_describes_and_updates_a_video_stream() {
        let mut w = World::from_scenario(&Scenario::default()).unwrap();
        let created =
            w.call("kinesisvideo", "CreateStream", json!({"StreamName": "door", "DataRetentionInHours": 0})).unwrap();
        assert!(created["StreamARN"]
            .as_str()
            .unwrap()
            .starts_with("arn:aws:kinesisvideo:us-east-1:123456789012:stream/door/"));
        let info =
            w.call("kinesisvideo", "DescribeStream", json!({"StreamName": "door"})).unwrap()["StreamInfo"].clone();
        assert_eq!(info["DataRetentionInHours"], 0);
        assert_eq!(info["Status"], "ACTIVE");
        let refused = w
            .call("kinesis-video-archived-media", "GetHLSStreamingSessionURL", json!({"StreamName": "door"}))
            .unwrap_err();
        assert_eq!(refused.kind.name(), "NoDataRetentionException");
        let version = info["Version"].as_str().unwrap();
        w.call(
            "kinesisvideo",
            "UpdateDataRetention",
            json!({"StreamName": "door", "CurrentVersion": version, "Operation": "INCREASE_DATA_RETENTION", "DataRetentionChangeInHours": 24}),
        )
        .unwrap();
        let stale = w
            .call(
                "kinesisvideo",
                "UpdateDataRetention",
                json!({"StreamName": "door", "CurrentVersion": version, "Operation": "INCREASE_DATA_RETENTION", "DataRetentionChangeInHours": 1}),
            )
            .unwrap_err();
        assert_eq!(stale.kind.name(), "VersionMismatchException");
        // Retained now, but nothing was ingested in the last 30 seconds: LIVE has nothing to play.
        w.advance(SimDuration::from_secs(1));
        let empty = w
            .call("kinesis-video-archived-media", "GetHLSStreamingSessionURL", json!({"StreamName": "door"}))
            .unwrap_err();
        assert_eq!(empty.kind.name(), "ResourceNotFoundException");
        let listed = w.call("kinesisvideo", "ListStreams", json!({})).unwrap();
        assert_eq!(listed["StreamInfoList"][0]["DataRetentionInHours"], 24);
        let arn = created["StreamARN"].clone();
        w.call("kinesisvideo", "DeleteStream", json!({"StreamARN": arn})).unwrap();
        assert_eq!(
            w.call("kinesisvideo", "DescribeStream", json!({"StreamName": "door"})).unwrap_err().kind.name(),
            "ResourceNotFoundException"
        );
    }

    #[test]
    fn the_audit_finds_books_that_do_not_match_the_stream() {
        let mut w = World::from_scenario(&Scenario::default()).unwrap();
        w.call("kinesisvideo", "CreateStream", json!({"StreamName": "door"})).unwrap();
        assert_eq!(w.video_audit(), Vec::<String>::new());
        // A fragment counted as ingested that the stream does not hold.
        w.video.streams.get_mut("door").unwrap().books.ingested += 1;
        let problems = w.video_audit();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("1 should be stored, but it holds 0"), "{problems:?}");
    }
}
