//! What views and tests read from a world (services, stores, books, logs), and the few
//! direct actions the inspector offers (stopping a KCL worker, a destination outage).

use super::*;

impl World {
    /// The Firehose service, for views and tests to read.
    pub fn firehose(&self) -> &crate::firehose::Firehose {
        &self.firehose
    }

    /// The Firehose service, for the model's own tests to act on directly.
    #[cfg(test)]
    pub(crate) fn firehose_mut_for_tests(&mut self) -> &mut crate::firehose::Firehose {
        &mut self.firehose
    }

    /// The S3 buckets, for views and tests to read.
    pub fn s3(&self) -> &crate::stores::s3::S3 {
        &self.stores.s3
    }

    /// Every destination store (S3, Redshift, OpenSearch, HTTP endpoints), for views and
    /// tests to read.
    pub fn stores(&self) -> &crate::stores::Stores {
        &self.stores
    }

    /// The Kinesis service, for views and tests to read.
    pub fn kinesis(&self) -> &Kinesis {
        &self.kinesis
    }

    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// Logged events with `seq >= from`, oldest first.
    pub fn events_since(&self, from: u64) -> impl Iterator<Item = &Event> {
        self.log.since(from)
    }

    /// Samples of records in motion with `seq >= from`, for the canvas.
    pub fn flows_since(&self, from: u64) -> impl Iterator<Item = &crate::flow::Flow> {
        self.flows.since(from)
    }

    pub fn flows_total(&self) -> u64 {
        self.flows.total()
    }

    pub fn events_total(&self) -> u64 {
        self.log.total()
    }

    pub fn trace(&self) -> &[String] {
        &self.trace
    }

    /// The running components, in the order they were added.
    pub fn components(&self) -> impl Iterator<Item = &Component> {
        self.components.iter().flatten()
    }

    pub fn component(&self, id: &str) -> Option<&Component> {
        self.components().find(|c| c.id() == id)
    }

    /// Takes a destination down or brings it back (the lab's outage toggle): `kind` is
    /// `opensearch` (a domain), `http` (an endpoint URL) or `redshift` (a cluster). Returns
    /// false if there is no such destination.
    pub fn set_destination_available(&mut self, kind: &str, name: &str, available: bool) -> bool {
        let flag = match kind {
            "opensearch" => self.stores.opensearch.domains.get_mut(name).map(|d| &mut d.available),
            "http" => self.stores.http.endpoints.get_mut(name).map(|e| &mut e.available),
            "redshift" => self.stores.redshift.clusters.get_mut(name).map(|c| &mut c.available),
            _ => None,
        };
        let Some(flag) = flag else { return false };
        *flag = available;
        self.queue_tick(self.now);
        true
    }

    /// Kills worker `worker` (0-based) of the KCL application `app`. Returns false if there
    /// is no such live worker.
    pub fn kill_kcl_worker(&mut self, app: &str, worker: usize) -> bool {
        self.record(|| journal::Input::StopKclWorker { component: app.to_string(), worker });
        let (mut ctx, _, components) = self.parts();
        let Some(Component::KclApp(kcl)) = components.iter_mut().flatten().find(|c| c.id() == app) else {
            return false;
        };
        kcl.kill_worker(worker, &mut ctx)
    }

    /// An independent random generator for the component `name`, derived from the seed.
    pub fn rng_for(&self, name: &str) -> SimRng {
        self.rng.derive(name)
    }
}
