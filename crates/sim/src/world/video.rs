//! Kinesis Video Streams in the world: the service's clock (fragments running out, sessions
//! expiring) and what the inspector and the API console ask of it.

use super::World;
use crate::video::KinesisVideo;

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

    pub(super) fn queue_video_wakeup(&mut self) {
        if let Some(at) = self.video.next_wakeup() {
            self.queue_tick(at.max(self.now));
        }
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
}
