//! What the world holds, holder by holder: records a stream retains, objects in a bucket,
//! rows, documents, requests, items. The page's memory guard names the largest when the
//! lab's memory runs short, so the learner knows what to shorten or clear.

use super::World;
use serde::Serialize;

/// Where data accumulates in the world.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Holder {
    /// Records a data stream keeps for its retention period.
    StreamRecords { stream: String, retention_hours: u32 },
    /// Objects delivered into an S3 bucket (they stay until deleted).
    BucketObjects { bucket: String },
    /// Rows loaded into a Redshift table.
    RedshiftRows { cluster: String, table: String },
    /// Documents indexed in an OpenSearch domain.
    OpenSearchDocuments { domain: String },
    /// Requests an HTTP endpoint keeps for browsing.
    HttpRequests { url: String },
    /// Items in a DynamoDB table.
    DynamoDbItems { table: String },
}

/// One holder: how many things it holds and their data bytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Holding {
    pub holder: Holder,
    pub items: u64,
    pub bytes: u64,
}

impl World {
    /// Every holder that holds something, largest (by data bytes, then items) first.
    pub fn footprint(&self) -> Vec<Holding> {
        let mut all = Vec::new();
        for (name, stream) in &self.kinesis().streams {
            let items = stream.shards.iter().map(|sh| sh.log.len() as u64).sum();
            let bytes = stream.shards.iter().map(|sh| sh.log.data_bytes()).sum();
            let holder = Holder::StreamRecords { stream: name.clone(), retention_hours: stream.retention_hours };
            all.push(Holding { holder, items, bytes });
        }
        for (name, bucket) in &self.s3().buckets {
            let bytes = bucket.objects.iter().map(|(key, o)| (key.len() + o.len()) as u64).sum();
            let holder = Holder::BucketObjects { bucket: name.clone() };
            all.push(Holding { holder, items: bucket.objects.len() as u64, bytes });
        }
        let stores = self.stores();
        for (cluster, c) in &stores.redshift.clusters {
            for (table, t) in &c.tables {
                let bytes = t.rows.iter().flatten().map(|v| v.len() as u64).sum();
                let holder = Holder::RedshiftRows { cluster: cluster.clone(), table: table.clone() };
                all.push(Holding { holder, items: t.rows.len() as u64, bytes });
            }
        }
        for (domain, d) in &stores.opensearch.domains {
            let docs = d.indices.values().flatten();
            let (items, bytes) =
                docs.fold((0u64, 0u64), |(n, b), doc| (n + 1, b + doc.source.to_string().len() as u64));
            all.push(Holding { holder: Holder::OpenSearchDocuments { domain: domain.clone() }, items, bytes });
        }
        for (url, e) in &stores.http.endpoints {
            let bytes = e.requests.iter().flat_map(|r| r.records.iter()).map(|r| r.len() as u64).sum();
            let holder = Holder::HttpRequests { url: url.clone() };
            all.push(Holding { holder, items: e.requests.len() as u64, bytes });
        }
        #[cfg(feature = "dynamodb")]
        for t in self.dynamodb().tables() {
            let holder = Holder::DynamoDbItems { table: t.name().to_string() };
            all.push(Holding { holder, items: t.item_count() as u64, bytes: t.size_bytes() as u64 });
        }
        all.retain(|h| h.items > 0);
        // Unstable is enough: no two holders are equal, so the order is the same every run.
        crate::order::sort_by(&mut all, |a, b| {
            (b.bytes, b.items).cmp(&(a.bytes, a.items)).then_with(|| a.holder.cmp(&b.holder))
        });
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons::lesson;
    use crate::SimDuration;

    #[test]
    fn the_side_by_side_lesson_fills_its_stream_and_its_bucket_and_says_so() {
        let doc = lesson("streams-vs-firehose").unwrap();
        let mut world = World::from_scenario(&doc).unwrap();
        assert_eq!(world.footprint(), Vec::new(), "nothing is held before the clock runs");
        world.advance(SimDuration::from_secs(600));
        let held = world.footprint();
        let stream = held.iter().find(|h| matches!(h.holder, Holder::StreamRecords { .. })).expect("the stream holds");
        // The ledger, kept record by record as they move, agrees on how many are in shards.
        let in_shards = world.ledger().places.get(&crate::ledger::Place::InShard).copied().unwrap_or(0);
        assert!(in_shards > 10_000, "ten minutes at 20 records a second: {in_shards}");
        assert_eq!(stream.items, in_shards);
        assert!(held.iter().any(|h| matches!(h.holder, Holder::BucketObjects { .. }) && h.bytes > 0), "{held:?}");
        assert!(held.windows(2).all(|w| w[0].bytes >= w[1].bytes), "largest first: {held:?}");
    }
}
