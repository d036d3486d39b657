//! Where every record is. Each record a producer creates is counted once in `created` and, at
//! any instant, in exactly one place; `balances()` is the invariant the tests assert.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The places a record can be. Services add places as they arrive; the names are what the
/// CLI report and the page print.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// Created, waiting at its producer for its first attempt.
    AtProducer,
    /// Refused by a throttle; waiting at its producer for a retry.
    Retrying,
    /// Stored in a shard of a data stream.
    InShard,
    /// Dropped from a shard when the retention period passed.
    Expired,
    /// Refused for good with an error the user is shown (validation, retries exhausted).
    Rejected,
    /// Gone with the stream that held it (DeleteStream, DeleteDeliveryStream).
    Deleted,
    /// Waiting in a Firehose transform's buffer for its Lambda invocation.
    InTransformBuffer,
    /// Waiting in a Firehose delivery stream's buffer.
    InDeliveryBuffer,
    /// Dropped by a Firehose transform (result `Dropped`).
    DroppedByTransform,
    /// Failed in a Firehose transform and written to the S3 error prefix.
    FailedToErrorPrefix,
    /// Delivered by Firehose into an S3 bucket.
    DeliveredToS3,
    /// Loaded by Firehose into a Redshift table (COPY).
    DeliveredToRedshift,
    /// Indexed by Firehose into an OpenSearch index.
    DeliveredToOpenSearch,
    /// Accepted by an HTTP endpoint Firehose posted to.
    DeliveredToHttpEndpoint,
    /// Not delivered: written by Firehose to the S3 backup bucket (OpenSearch, HTTP endpoint)
    /// after the destination refused it or stayed unavailable past the retry duration.
    BackedUpToS3,
    /// Expired in Firehose: its destination stayed unavailable past the retry time (24 h for
    /// S3) and there was nowhere to back it up.
    FailedDelivery,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    /// Records ever created by producers.
    pub created: u64,
    /// How many records are in each place now. Places with none are left out.
    pub places: BTreeMap<Place, u64>,
}

impl Ledger {
    /// A new record, counted in its first place.
    pub fn create(&mut self, place: Place) {
        self.create_many(place, 1);
    }

    /// `n` new records, all counted in `place`.
    pub fn create_many(&mut self, place: Place, n: u64) {
        if n == 0 {
            return;
        }
        self.created += n;
        *self.places.entry(place).or_default() += n;
    }

    /// `n` records move from one place to another.
    pub fn relocate(&mut self, from: Place, to: Place, n: u64) {
        if n == 0 || from == to {
            return;
        }
        let left = self.places.entry(from).or_default();
        debug_assert!(*left >= n, "ledger: moving {n} records out of {from:?}, which holds {left}");
        *left = left.saturating_sub(n);
        if *left == 0 {
            self.places.remove(&from);
        }
        *self.places.entry(to).or_default() += n;
    }

    pub fn count(&self, place: Place) -> u64 {
        self.places.get(&place).copied().unwrap_or(0)
    }

    /// Every created record is in exactly one place.
    pub fn balances(&self) -> bool {
        self.places.values().sum::<u64>() == self.created
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_records_keeps_the_books_balanced() {
        let mut l = Ledger::default();
        for _ in 0..5 {
            l.create(Place::AtProducer);
        }
        l.relocate(Place::AtProducer, Place::InShard, 3);
        l.relocate(Place::AtProducer, Place::Retrying, 2);
        l.relocate(Place::InShard, Place::Expired, 1);
        assert!(l.balances());
        assert_eq!((l.count(Place::InShard), l.count(Place::Retrying), l.count(Place::Expired)), (2, 2, 1));
        assert_eq!(l.count(Place::AtProducer), 0);
        assert!(!l.places.contains_key(&Place::AtProducer), "empty places are left out of the report");
    }
}
