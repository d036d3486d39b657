//! Following one record: where it is and what happened to it, for the record inspector.

use super::World;
use crate::kinesis::hash_key::hash_partition_key;
use crate::pipeline::Component;
use crate::time::SimTime;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RecordTrace {
    pub stream: String,
    pub shard: String,
    pub shard_range: (u128, u128),
    pub sequence_number: u128,
    pub partition_key: String,
    /// The hash key that placed it (MD5 of the key, or its ExplicitHashKey).
    pub hash_key: u128,
    pub explicit_hash_key: bool,
    /// Whether the hash key is the MD5 of the partition key (always, unless explicit).
    pub md5_matches: bool,
    pub arrival: SimTime,
    pub size: u64,
    pub user_records: u32,
    /// The consumers reading this stream, and whether each has read past this record.
    pub readers: Vec<(String, bool)>,
    /// KCL applications that have processed it and could process it again after a failover
    /// (it lies after their last checkpoint).
    pub at_risk_of_redelivery: Vec<String>,
    /// KCL applications that processed it twice because a worker died after processing it
    /// and before checkpointing.
    pub redelivered_by: Vec<String>,
}

impl World {
    /// The record `sequence_number` of `stream`, if it is still in one of its shards.
    pub fn trace_record(&self, stream: &str, sequence_number: u128) -> Option<RecordTrace> {
        let s = self.kinesis().stream(stream).ok()?;
        let (shard, record) = s.shards.iter().find_map(|sh| sh.log.find(sequence_number).map(|r| (sh, r)))?;
        let mut readers = Vec::new();
        let mut at_risk = Vec::new();
        let mut redelivered_by = Vec::new();
        for c in self.components() {
            let (id, position) = match c {
                Component::PollingConsumer(p) if p.stream.as_deref() == Some(stream) => {
                    (&p.id, p.cursors.get(&shard.index).map(|c| c.position))
                }
                Component::EfoConsumer(p) if p.stream.as_deref() == Some(stream) => {
                    (&p.id, p.cursors.get(&shard.index).map(|c| c.position))
                }
                Component::LambdaConsumer(p) if p.stream.as_deref() == Some(stream) => {
                    (&p.id, p.cursors.get(&shard.index).map(|c| c.position))
                }
                Component::KclApp(k) if k.stream.as_deref() == Some(stream) => {
                    let lease = k.leases.get(&shard.index);
                    if lease.is_some_and(|l| l.checkpoint <= sequence_number && l.cursor.position > sequence_number) {
                        at_risk.push(k.id.clone());
                    }
                    if k.redelivered
                        .iter()
                        .any(|&(sh, from, to)| sh == shard.index && from <= sequence_number && sequence_number < to)
                    {
                        redelivered_by.push(k.id.clone());
                    }
                    (&k.id, lease.map(|l| l.cursor.position))
                }
                _ => continue,
            };
            readers.push((id.clone(), position.is_some_and(|p| p > sequence_number)));
        }
        Some(RecordTrace {
            stream: stream.to_string(),
            shard: shard.id(),
            shard_range: (shard.range.start, shard.range.end),
            sequence_number,
            partition_key: record.partition_key.to_string(),
            hash_key: record.hash_key,
            explicit_hash_key: record.explicit,
            md5_matches: hash_partition_key(&record.partition_key) == record.hash_key,
            arrival: record.arrival,
            size: record.size(),
            user_records: record.user_records,
            readers,
            at_risk_of_redelivery: at_risk,
            redelivered_by,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::catalogue::new_component;
    use crate::scenario::{Scenario, WireSpec};
    use crate::time::SimDuration;
    use crate::wiring::Kind;
    use crate::World;

    #[test]
    fn a_record_can_be_followed_to_its_shard_and_readers() {
        let mut s = Scenario::default();
        for kind in [Kind::Producer, Kind::DataStream, Kind::PollingConsumer] {
            let c = new_component(&s, kind, 0.0, 0.0);
            s.components.push(c);
        }
        s.wires = vec![
            WireSpec { from: "producer".into(), to: "stream".into() },
            WireSpec { from: "stream".into(), to: "consumer".into() },
        ];
        let mut w = World::from_scenario(&s).unwrap();
        w.advance(SimDuration::from_secs(3));
        let first = w.kinesis().stream("stream").unwrap().shards[0].log.sequence_at(0).unwrap();
        let trace = w.trace_record("stream", first).unwrap();
        assert_eq!(trace.shard, "shardId-000000000000");
        assert!(trace.md5_matches && !trace.explicit_hash_key);
        assert!(trace.shard_range.0 <= trace.hash_key && trace.hash_key <= trace.shard_range.1);
        assert_eq!(trace.readers, [("consumer".to_string(), true)]);
        assert!(w.trace_record("stream", 1).is_none());
    }
}
