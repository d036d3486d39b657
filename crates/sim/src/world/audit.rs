//! The books checked against the world: what the ledger says is in shards, waiting at
//! producers, in Firehose's buffers and indexed or posted by Firehose is counted again from
//! the shards', the producers', the delivery streams' and the destinations' own state. (The
//! ledger moves its counts as records move; this is a second, independent count.) Objects in
//! S3 and rows in Redshift are not recounted: an object does not say how many records it
//! joined, and Redshift also takes EMR's COPYs.

use super::World;
use crate::ledger::Place;
use crate::pipeline::Component;

impl World {
    /// The first place where the ledger and the world disagree, if any.
    pub fn audit_ledger(&self) -> Result<(), String> {
        if !self.ledger.balances() {
            return Err(format!("the ledger does not balance: {:?}", self.ledger));
        }
        let in_shards: u64 =
            self.kinesis.streams.values().flat_map(|s| &s.shards).map(|sh| sh.log.user_records()).sum();
        let retrying: u64 = self
            .components()
            .filter_map(|c| match c {
                Component::Producer(p) => Some(p.retrying()),
                _ => None,
            })
            .sum();
        let streams = || self.firehose.streams.values();
        let in_transform: u64 = streams().filter_map(|s| s.transform.as_ref()).map(|t| t.buffer.len() as u64).sum();
        let in_delivery: u64 = streams()
            .map(|s| (s.buffer.len() + s.in_flight.iter().map(|b| b.records.len()).sum::<usize>()) as u64)
            .sum();
        let indexed: u64 = self
            .stores
            .opensearch
            .domains
            .values()
            .flat_map(|d| d.indices.values())
            .map(|docs| docs.len() as u64)
            .sum();
        let posted: u64 = self.stores.http.endpoints.values().map(|e| e.records_received).sum();
        for (place, counted) in [
            (Place::InShard, in_shards),
            (Place::Retrying, retrying),
            (Place::InTransformBuffer, in_transform),
            (Place::InDeliveryBuffer, in_delivery),
            (Place::DeliveredToOpenSearch, indexed),
            (Place::DeliveredToHttpEndpoint, posted),
        ] {
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
        let copy = w.kinesis.streams["s"].shards.iter().find_map(|s| s.log.get(0)).unwrap();
        w.kinesis.streams.get_mut("s").unwrap().shards[0].append(copy);
        assert!(w.audit_ledger().unwrap_err().contains("InShard"));
    }

    /// producer → Firehose (60 s buffer) → `destination`, run for `secs`.
    fn delivering_to(destination: crate::wiring::Kind, secs: u64) -> World {
        use crate::catalogue::new_component;
        use crate::scenario::{ComponentKind, WireSpec};
        use crate::wiring::Kind;
        let mut s = Scenario::default();
        for kind in [Kind::Producer, Kind::Firehose, destination] {
            s.components.push(new_component(&s, kind, 0.0, 0.0));
        }
        for c in &mut s.components {
            if let ComponentKind::Firehose(f) = &mut c.kind {
                f.buffer_interval_s = 60;
            }
        }
        let (from, to) = (s.components[1].id.clone(), s.components[2].id.clone());
        s.wires.push(WireSpec { from: s.components[0].id.clone(), to: from.clone() });
        s.wires.push(WireSpec { from, to });
        let mut w = World::from_scenario(&s).unwrap();
        w.advance(SimDuration::from_secs(secs));
        w
    }

    #[test]
    fn the_audit_counts_firehose_buffers_from_the_delivery_streams() {
        let mut w = delivering_to(crate::wiring::Kind::S3Bucket, 30);
        assert_eq!(w.audit_ledger(), Ok(()));
        let stream = w.firehose.streams.values_mut().next().unwrap();
        assert!(stream.buffer.len() > 10, "30 s of records wait for the 60 s interval");
        stream.buffer.pop();
        assert!(w.audit_ledger().unwrap_err().contains("InDeliveryBuffer"));
    }

    #[test]
    fn the_audit_counts_what_opensearch_indexed_and_an_endpoint_received() {
        let mut w = delivering_to(crate::wiring::Kind::OpenSearch, 70);
        assert!(w.ledger.count(crate::ledger::Place::DeliveredToOpenSearch) > 0);
        assert_eq!(w.audit_ledger(), Ok(()));
        let docs = w.stores.opensearch.domains.values_mut().flat_map(|d| d.indices.values_mut()).next().unwrap();
        docs.pop();
        assert!(w.audit_ledger().unwrap_err().contains("DeliveredToOpenSearch"));

        let mut w = delivering_to(crate::wiring::Kind::HttpEndpoint, 70);
        assert!(w.ledger.count(crate::ledger::Place::DeliveredToHttpEndpoint) > 0);
        assert_eq!(w.audit_ledger(), Ok(()));
        w.stores.http.endpoints.values_mut().next().unwrap().records_received += 1;
        assert!(w.audit_ledger().unwrap_err().contains("DeliveredToHttpEndpoint"));
    }
}
