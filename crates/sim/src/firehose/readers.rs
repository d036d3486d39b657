//! Analytics applications reading a delivery stream: the legacy Kinesis Data Analytics took
//! a Firehose delivery stream as its streaming source. Each application reading it gets a copy
//! of every record the delivery stream takes in (after Direct PUT's quotas, or from its
//! Kinesis source) from the moment it starts reading — there is no replay, as Firehose keeps
//! nothing for a reader — while the records themselves go on to the destination as ever. The
//! copies are not records of the books: the delivery stream's own are.

use super::service::Firehose;
use crate::time::SimTime;

/// Puts a copy of `records` in the queue of each application reading `s`.
#[cfg(feature = "analytics")]
pub(super) fn copy_to_readers(s: &mut super::stream::DeliveryStream, records: &[super::stream::Buffered]) {
    for queue in s.readers.values_mut() {
        queue.extend(records.iter().map(|r| (r.data.clone(), r.arrival)));
    }
}

impl Firehose {
    /// The records delivery stream `name` took in for application `app` since its last read,
    /// with their arrival times; the first read starts the application's queue. Empty when
    /// the delivery stream does not exist.
    pub fn read_for_application(&mut self, name: &str, app: &str) -> Vec<(Vec<u8>, SimTime)> {
        let Some(s) = self.streams.get_mut(name) else { return Vec::new() };
        s.readers.entry(app.to_string()).or_default().drain(..).map(|(data, at)| (data.into_bytes(), at)).collect()
    }

    /// Keeps only the readers `reading` says read each delivery stream (an application that
    /// was removed or rewired stops getting copies).
    pub fn keep_readers(&mut self, reading: impl Fn(&str, &str) -> bool) {
        for (name, s) in self.streams.iter_mut() {
            s.readers.retain(|app, _| reading(name, app));
        }
    }
}

#[cfg(all(test, feature = "analytics"))]
mod tests {
    use crate::Scenario;
    use crate::World;
    use serde_json::json;

    #[test]
    fn a_reader_gets_the_records_taken_in_after_its_first_read_and_no_others() {
        let mut w = World::from_scenario(&Scenario::default()).unwrap();
        let put = |w: &mut World, text: &str| {
            let data = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, text);
            w.call("firehose", "PutRecord", json!({"DeliveryStreamName": "d", "Record": {"Data": data}})).unwrap();
        };
        w.call(
            "firehose",
            "CreateDeliveryStream",
            json!({"DeliveryStreamName": "d", "S3DestinationConfiguration": {"BucketARN": "arn:aws:s3:::b", "RoleARN": "arn:aws:iam::123456789012:role/r"}}),
        )
        .unwrap();
        w.advance(crate::SimDuration::from_secs(10));
        put(&mut w, "before");
        let firehose = w.firehose_mut_for_tests();
        assert!(firehose.read_for_application("d", "app").is_empty(), "no replay of what came before");
        put(&mut w, "one");
        put(&mut w, "two");
        let read: Vec<Vec<u8>> =
            w.firehose_mut_for_tests().read_for_application("d", "app").into_iter().map(|r| r.0).collect();
        assert_eq!(read, [b"one".to_vec(), b"two".to_vec()]);
        assert!(w.firehose_mut_for_tests().read_for_application("d", "app").is_empty());
        w.firehose_mut_for_tests().keep_readers(|_, _| false);
        put(&mut w, "three");
        assert!(w.firehose().streams["d"].readers.is_empty(), "a removed reader gets no copies");
        w.audit_ledger().unwrap();
    }
}
