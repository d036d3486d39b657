//! The summary of a run that `shardlab run` prints and golden tests compare.

use crate::ledger::Ledger;
use crate::metrics::Metrics;
use crate::pipeline::poller::ReaderStats;
use crate::pipeline::producer::ProducerStats;
use crate::pipeline::Component;
use crate::world::World;
use serde::Serialize;

fn component_report(c: &Component) -> ComponentReport<'_> {
    let mut r = ComponentReport {
        id: c.id(),
        producer: None,
        reader: c.reader_stats(),
        retrying: None,
        lease_owners: None,
        invocations: None,
    };
    match c {
        Component::Producer(p) => {
            r.producer = Some(&p.stats);
            r.retrying = Some(p.retrying());
        }
        Component::KclApp(k) => {
            r.lease_owners = Some(k.leases.values().map(|l| l.owner.map(|w| k.workers[w].name.as_str())).collect());
        }
        Component::LambdaConsumer(l) => r.invocations = Some(l.invocations),
        _ => {}
    }
    r
}

#[derive(Serialize)]
pub struct Report<'a> {
    pub scenario: &'a str,
    pub seed: u64,
    /// Virtual time at the end of the run, in milliseconds and as the page shows it.
    pub clock_ms: u64,
    pub clock: String,
    pub ledger: &'a Ledger,
    /// Whether every created record is in exactly one place (it always should be).
    pub ledger_balances: bool,
    pub metrics: &'a Metrics,
    pub events_logged: u64,
    /// What each pipeline component did.
    pub components: Vec<ComponentReport<'a>>,
}

#[derive(Serialize)]
pub struct ComponentReport<'a> {
    pub id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub producer: Option<&'a ProducerStats>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reader: Option<&'a ReaderStats>,
    /// Records waiting at a producer for a retry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retrying: Option<u64>,
    /// Duplicates and lease owners, for a KCL application.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lease_owners: Option<Vec<Option<&'a str>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invocations: Option<u64>,
}

impl World {
    pub fn report(&self) -> Report<'_> {
        Report {
            scenario: &self.scenario().name,
            seed: self.scenario().seed,
            clock_ms: self.now().as_millis(),
            clock: self.now().to_string(),
            ledger: self.ledger(),
            ledger_balances: self.ledger().balances(),
            metrics: self.metrics(),
            events_logged: self.events_total(),
            components: self.components().map(component_report).collect(),
        }
    }
}
