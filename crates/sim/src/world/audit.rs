//! The books checked against the world: what the ledger says is in shards and waiting at
//! producers is counted again from the shards' and the producers' own state. (The ledger
//! moves its counts as records move; this is a second, independent count.)

use super::World;
use crate::ledger::Place;
use crate::pipeline::Component;

impl World {
    /// The first place where the ledger and the world disagree, if any.
    pub fn audit_ledger(&self) -> Result<(), String> {
        if !self.ledger.balances() {
            return Err(format!("the ledger does not balance: {:?}", self.ledger));
        }
        let in_shards: u64 = self
            .kinesis
            .streams
            .values()
            .flat_map(|s| &s.shards)
            .flat_map(|sh| &sh.records)
            .map(|r| u64::from(r.user_records))
            .sum();
        let retrying: u64 = self
            .components()
            .filter_map(|c| match c {
                Component::Producer(p) => Some(p.retrying_records()),
                _ => None,
            })
            .sum();
        for (place, counted) in [(Place::InShard, in_shards), (Place::Retrying, retrying)] {
            let booked = self.ledger.count(place);
            if booked != counted {
                return Err(format!("the ledger has {booked} records {place:?}, the world holds {counted}"));
            }
        }
        // Each EMR job's books of splits and attempts, recounted from its tasks and nodes.
        #[cfg(feature = "emr")]
        for cluster in self.emr.clusters.values() {
            cluster.audit().map_err(|e| format!("EMR cluster {}: {e}", cluster.id))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::{Scenario, SimDuration, World};
    use serde_json::json;

    #[test]
    fn the_audit_counts_records_in_shards_from_the_shards() {
        let mut w = World::from_scenario(&Scenario::default()).unwrap();
        w.call("kinesis", "CreateStream", json!({"StreamName": "s", "ShardCount": 2})).unwrap();
        w.advance(SimDuration::from_secs(60));
        for k in 0..5 {
            w.call("kinesis", "PutRecord", json!({"StreamName": "s", "PartitionKey": format!("k{k}"), "Data": "aGk="}))
                .unwrap();
        }
        assert_eq!(w.audit_ledger(), Ok(()));
        // A record the ledger does not know of is found.
        let copy = w.kinesis.streams["s"].shards.iter().flat_map(|s| &s.records).next().unwrap().clone();
        w.kinesis.streams.get_mut("s").unwrap().shards[0].records.push_back(copy);
        assert!(w.audit_ledger().unwrap_err().contains("InShard"));
    }
}
