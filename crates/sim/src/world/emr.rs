//! EMR in the world: its clusters move on the world's clock, read the world's S3 buckets
//! and write into them or into its DynamoDB tables, and ask the world to wake them when
//! their next timer is due.

use super::World;
use crate::emr::Emr;
use crate::stores::Stores;
use crate::time::SimTime;

impl World {
    /// The EMR service, for views and tests to read.
    pub fn emr(&self) -> &Emr {
        &self.emr
    }

    /// Runs `f` on the EMR service (with the clock and the S3 buckets its jobs use), then
    /// handles anything it made due now and queues its next wake-up. Every change to EMR
    /// from outside the clock goes through here.
    pub fn with_emr<R>(&mut self, f: impl FnOnce(&mut Emr, SimTime, &mut Stores) -> R) -> R {
        let result = f(&mut self.emr, self.now, &mut self.stores);
        self.tick_emr();
        result
    }

    pub(super) fn tick_emr(&mut self) {
        // Nothing to do, and nothing to wake, while there is no cluster.
        if self.emr.clusters.is_empty() {
            return;
        }
        if let Some(at) = self.emr.tick(self.now, &mut self.stores) {
            self.queue_tick(at);
        }
    }
}
