//! Replay: what a data stream allows and Firehose does not. A consumer of a data stream can
//! go back to the oldest record the stream retains (TRIM_HORIZON) and read everything again;
//! a Firehose delivery stream keeps records only until it delivers them, so there is
//! nothing to go back to.

use super::World;
use crate::firehose::stream::DeliveryStream;
use crate::pipeline::lineage::Cursor;
use crate::pipeline::Component;
use crate::scenario::ComponentKind;
use serde::Serialize;
use std::collections::BTreeMap;

/// What a replay did, or why there is nothing to replay.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Replay {
    /// The consumer went back to TRIM_HORIZON: `records` are there to be read again.
    Rewound { records: u64 },
    /// A Firehose delivery stream has no stored records to replay: only `waiting` are still
    /// in its buffers; the `delivered` ones are in the destination, not in Firehose.
    NothingToReplay { waiting: u64, delivered: u64 },
    /// This component does not read records (a producer, a store).
    NotAReader,
    /// KCL and Lambda readers track their place in checkpoints and event source mappings,
    /// which the lab does not rewind.
    NotModelled,
}

fn rewind(cursors: &mut BTreeMap<u32, Cursor>, stream: &crate::kinesis::stream::Stream) -> u64 {
    cursors.clear();
    // Every shard the stream still has, from its oldest record; children wait for their
    // parents as on a first read (`newly_readable` decides when they start).
    let mut records = 0;
    for shard in &stream.shards {
        records += shard.log.len() as u64;
        if shard.parent.is_none() || stream.shard(shard.parent.unwrap_or(u32::MAX)).is_none() {
            let position = shard.trim_horizon();
            cursors.insert(shard.index, Cursor { position, finished: false });
        }
    }
    records
}

fn nothing_in(s: &DeliveryStream) -> Replay {
    Replay::NothingToReplay { waiting: s.waiting(), delivered: s.stats.delivered_records }
}

impl World {
    /// Replays the component `id` from the start of what it reads.
    pub fn replay(&mut self, id: &str) -> Replay {
        self.record(|| super::journal::Input::Replay { component: id.to_string() });
        if let Some(ComponentKind::Firehose(f)) = self.scenario.component(id).map(|c| &c.kind) {
            return self
                .firehose
                .streams
                .get(&f.delivery_stream_name)
                .map_or(Replay::NothingToReplay { waiting: 0, delivered: 0 }, nothing_in);
        }
        let kinesis = &self.kinesis;
        let Some(component) = self.components.iter_mut().flatten().find(|c| c.id() == id) else {
            return Replay::NotAReader;
        };
        let (stream, cursors) = match component {
            Component::PollingConsumer(c) => (c.stream.clone(), &mut c.cursors),
            Component::EfoConsumer(c) => (c.stream.clone(), &mut c.cursors),
            Component::KclApp(_) | Component::LambdaConsumer(_) => return Replay::NotModelled,
            Component::Producer(_) => return Replay::NotAReader,
            #[cfg(feature = "analytics")]
            Component::AnalyticsApp(_) => return Replay::NotModelled,
            #[cfg(feature = "video")]
            Component::Camera(_) => return Replay::NotAReader,
            #[cfg(feature = "video")]
            Component::VideoPlayer(_) | Component::MotionAnalyzer(_) => return Replay::NotModelled,
        };
        let Some(stream) = stream.and_then(|s| kinesis.stream(&s).ok()) else {
            return Replay::Rewound { records: 0 };
        };
        let records = rewind(cursors, stream);
        self.queue_tick(self.now);
        Replay::Rewound { records }
    }
}
