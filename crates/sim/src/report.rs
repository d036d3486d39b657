//! The summary of a run that `shardlab run` prints and golden tests compare.

use crate::ledger::Ledger;
use crate::metrics::Metrics;
use crate::world::World;
use serde::Serialize;

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
        }
    }
}
