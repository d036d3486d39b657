//! What views ask a delivery stream about its buffer: how full it is against the size hint
//! and how old its oldest record is against the interval hint — the two conditions of a
//! flush, whichever comes first.

use super::stream::DeliveryStream;
use crate::time::{SimDuration, SimTime};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BufferGauges {
    pub bytes: u64,
    pub size_hint_bytes: u64,
    /// bytes / size hint (1.0: the buffer flushes on size).
    pub size_share: f64,
    /// The oldest buffered record's age (zero when the buffer is empty).
    pub age: SimDuration,
    pub interval: SimDuration,
    /// age / interval (1.0: the buffer flushes on time); 0 with a zero interval.
    pub age_share: f64,
}

impl DeliveryStream {
    /// The delivery buffer's two gauges at `now`.
    pub fn buffer_gauges(&self, now: SimTime) -> BufferGauges {
        let size = self.destination.size_bytes.max(1);
        let interval = self.destination.interval;
        let age = self.buffer.first().map_or(SimDuration::ZERO, |b| now.saturating_sub(b.arrival));
        BufferGauges {
            bytes: self.buffered_bytes,
            size_hint_bytes: self.destination.size_bytes,
            size_share: self.buffered_bytes as f64 / size as f64,
            age,
            interval,
            age_share: if interval.as_micros() == 0 {
                0.0
            } else {
                age.as_micros() as f64 / interval.as_micros() as f64
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::time::SimDuration;
    use crate::{Scenario, World};
    use base64::Engine;
    use serde_json::json;

    #[test]
    fn the_gauges_measure_size_and_age_against_the_hints() {
        let mut w = World::from_scenario(&Scenario::default()).unwrap();
        w.call("s3", "CreateBucket", json!({"Bucket": "lab-b"})).unwrap();
        let config = json!({"DeliveryStreamName": "d", "ExtendedS3DestinationConfiguration": {
            "BucketARN": "arn:aws:s3:::lab-b", "RoleARN": "arn:aws:iam::123456789012:role/f",
            "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60}}});
        w.call("firehose", "CreateDeliveryStream", config).unwrap();
        w.advance(SimDuration::from_secs(10));
        let empty = w.firehose().streams["d"].buffer_gauges(w.now());
        assert_eq!((empty.bytes, empty.size_share, empty.age, empty.age_share), (0, 0.0, SimDuration::ZERO, 0.0));
        let half = base64::engine::general_purpose::STANDARD.encode(vec![b'x'; 512 * 1024]);
        w.call("firehose", "PutRecord", json!({"DeliveryStreamName": "d", "Record": {"Data": half}})).unwrap();
        let put_at = w.now();
        w.advance(SimDuration::from_secs(30));
        let g = w.firehose().streams["d"].buffer_gauges(w.now());
        assert_eq!((g.bytes, g.size_hint_bytes), (512 * 1024, 1024 * 1024));
        assert_eq!(g.size_share, 0.5);
        assert_eq!(g.age, w.now().saturating_sub(put_at));
        assert_eq!(g.age_share, 0.5, "30 s of the 60 s interval");
        assert_eq!(g.interval, SimDuration::from_secs(60));
    }
}
