//! What a service operation may touch besides its own state: the clock, the books (ledger,
//! metrics, event log) and the world's timer. Services get one of these for each call, so
//! an operation from the API console and one from a canvas producer are the same call.

use crate::event::{EventKind, EventLog};
use crate::ledger::Ledger;
use crate::metrics::Metrics;
use crate::time::SimTime;

pub struct Ctx<'a> {
    pub now: SimTime,
    /// Wall-clock milliseconds since 1970 at virtual time zero (timestamps in API answers).
    pub epoch_ms: u64,
    pub ledger: &'a mut Ledger,
    pub metrics: &'a mut Metrics,
    pub log: &'a mut EventLog,
    /// Times at which the service asks to be ticked again.
    pub wakeups: &'a mut Vec<SimTime>,
    pub next_record_id: &'a mut u64,
    /// Samples of records in motion, for the canvas.
    pub flows: &'a mut crate::flow::FlowLog,
}

impl Ctx<'_> {
    /// `t` as AWS JSON writes timestamps: seconds since 1970, with milliseconds.
    pub fn epoch_seconds(&self, t: SimTime) -> f64 {
        (self.epoch_ms + t.as_millis()) as f64 / 1_000.0
    }

    /// The virtual time of an epoch-seconds timestamp (before the run started: time zero).
    pub fn from_epoch_seconds(&self, seconds: f64) -> SimTime {
        let ms = (seconds * 1_000.0).round() as i128 - self.epoch_ms as i128;
        SimTime::from_millis(ms.max(0) as u64)
    }

    pub fn new_record_id(&mut self) -> u64 {
        *self.next_record_id += 1;
        *self.next_record_id
    }

    /// `n` new record ids in a row, as `new_record_id` would give them; the first.
    pub fn new_record_ids(&mut self, n: u64) -> u64 {
        let first = *self.next_record_id + 1;
        *self.next_record_id += n;
        first
    }

    pub fn wake_at(&mut self, t: SimTime) {
        self.wakeups.push(t);
    }

    pub fn log(&mut self, source: &str, kind: EventKind) {
        self.log.push(self.now, source, kind);
    }
}
