//! The fragment ledger of a stream: every fragment ingested is stored until it expires (or
//! its stream is deleted), and each reader's deliveries are counted. `World::video_audit`
//! checks these books against what the streams hold.

use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FragmentBooks {
    /// Fragments the stream ingested.
    pub ingested: u64,
    /// Fragments that left it when their retention (or the service buffer) ran out.
    pub expired: u64,
    /// Fragments a camera sent that the stream refused (with the reason in the camera's state).
    pub refused: u64,
    /// Fragments delivered to each reader (GetMedia viewers, HLS players, analysis consumers,
    /// clips), by reader.
    pub read_by: BTreeMap<String, u64>,
}

impl FragmentBooks {
    /// Fragments the stream should hold now.
    pub fn stored(&self) -> u64 {
        self.ingested - self.expired
    }

    pub fn count_read(&mut self, reader: &str, n: u64) {
        if n > 0 {
            *self.read_by.entry(reader.to_string()).or_default() += n;
        }
    }
}
