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
