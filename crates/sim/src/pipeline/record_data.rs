//! A record's bytes once they have left a shard or a producer: what a Firehose buffer, a batch
//! in flight and an S3 object of records keep. Bytes someone supplied (a Direct PUT, a
//! transform's output, an aggregate an API caller encoded) are kept as given; a generated
//! record keeps only how to make it, a tenth of the bytes of a 400-byte record, and is made
//! again when something opens it. A record of a producer's tick keeps the tick and its place
//! in it, so that an S3 object can keep a run of them as one (`stores::s3::record_runs`).

use super::generated_tick::GeneratedTick;
use super::payload::{Payload, Template};
use std::borrow::Cow;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub enum RecordData {
    Bytes(Vec<u8>),
    /// A generated record: `Payload::Generated` with the partition key its body names (a
    /// KPL user record, or a retry that a shard took out of its tick's order).
    Generated {
        template: Template,
        size: u32,
        n: u64,
        key: Rc<str>,
    },
    /// Record k of a producer's tick, with the partition key its body names.
    Ticked {
        tick: Rc<GeneratedTick>,
        k: u32,
        key: Rc<str>,
    },
}

impl RecordData {
    /// A shard's or a producer's record as a reader of its bytes gets it. A KPL aggregate is
    /// its encoded bytes: a de-aggregating reader takes `user_records` instead.
    pub fn of(payload: &Payload, key: &Rc<str>) -> RecordData {
        match payload {
            Payload::Generated { template, n, size } => {
                RecordData::Generated { template: *template, size: *size, n: *n, key: key.clone() }
            }
            Payload::Bytes(b) => RecordData::Bytes(b.clone()),
            Payload::Aggregated(a) => RecordData::Bytes(a.render()),
        }
    }

    /// The user records inside a KPL aggregate, each as its own record's data, as a
    /// de-aggregating reader (Firehose, the KCL) gets them; None for an ordinary record.
    /// Generated user records stay generated.
    pub fn user_records(payload: &Payload) -> Option<Vec<RecordData>> {
        match payload {
            Payload::Aggregated(a) => Some(
                a.records
                    .iter()
                    .map(|&(i, n)| RecordData::Generated {
                        template: a.template,
                        size: a.size,
                        n,
                        key: a.keys[i as usize].clone(),
                    })
                    .collect(),
            ),
            _ => Some(payload.user_records()?.into_iter().map(|(_, data)| RecordData::Bytes(data)).collect()),
        }
    }

    pub fn len(&self) -> usize {
        match self {
            RecordData::Bytes(b) => b.len(),
            RecordData::Generated { size, .. } => *size as usize,
            RecordData::Ticked { tick, .. } => tick.size() as usize,
        }
    }

    /// Whether its bytes are made when opened, not kept.
    pub fn is_generated(&self) -> bool {
        !matches!(self, RecordData::Bytes(_))
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes, made if the record is generated.
    pub fn bytes(&self) -> Cow<'_, [u8]> {
        match self {
            RecordData::Bytes(b) => Cow::Borrowed(b),
            RecordData::Generated { template, size, n, key } => {
                Cow::Owned(Payload::Generated { template: *template, n: *n, size: *size }.render(key))
            }
            RecordData::Ticked { tick, k, key } => Cow::Owned(tick.payload(*k).render(key)),
        }
    }

    /// The bytes, taken.
    pub fn into_bytes(self) -> Vec<u8> {
        match self {
            RecordData::Bytes(b) => b,
            generated => generated.bytes().into_owned(),
        }
    }

    /// Bytes the record keeps in memory besides its own size: what it costs to hold.
    pub fn held_bytes(&self) -> usize {
        match self {
            RecordData::Bytes(b) => b.capacity(),
            // The key is shared with the producer's key table, the tick with the shard or
            // the producer that made it.
            RecordData::Generated { .. } | RecordData::Ticked { .. } => 0,
        }
    }
}

impl From<Vec<u8>> for RecordData {
    fn from(bytes: Vec<u8>) -> RecordData {
        RecordData::Bytes(bytes)
    }
}

/// The records' bytes one after another, as a delivery writes them.
pub fn concatenated(records: impl IntoIterator<Item = impl std::borrow::Borrow<RecordData>>) -> Vec<u8> {
    let mut out = Vec::new();
    for r in records {
        out.extend_from_slice(&r.borrow().bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::key_table::KeyTable;
    use crate::pipeline::kpl_aggregation::Aggregate;
    use crate::pipeline::settings::KeyStrategy;
    use crate::rng::SimRng;
    use crate::time::SimTime;

    #[test]
    fn a_generated_record_is_made_as_the_shard_makes_it_and_costs_a_few_words() {
        let key: Rc<str> = Rc::from("user-7");
        let payload = Payload::Generated { template: Template::Clickstream, n: 42, size: 400 };
        let data = RecordData::of(&payload, &key);
        assert_eq!(data.bytes().as_ref(), payload.render(&key).as_slice());
        assert_eq!(data.len(), 400);
        assert_eq!(data.held_bytes(), 0);
        assert!(std::mem::size_of::<RecordData>() <= 5 * std::mem::size_of::<u64>());
        // A tick's record k: its data as the tick's stored record k, under its key.
        let keys = Rc::new(KeyTable::new("p", KeyStrategy::Random, &mut SimRng::seed_from_u64(3)));
        let tick =
            Rc::new(GeneratedTick::alone((keys, Template::AppLog, 150), SimTime::ZERO, SimRng::seed_from_u64(4), 9, 1));
        let (k, keyed) = tick.keys_from_start().nth(5).expect("a tick's keys go on");
        let stored = tick.stored(k, keyed.clone(), 0, SimTime::ZERO);
        let ticked = RecordData::Ticked { tick: tick.clone(), k, key: keyed.0.clone() };
        assert_eq!((ticked.bytes().as_ref(), ticked.len()), (stored.data.render(&keyed.0).as_slice(), 150));
        assert!(ticked.is_generated() && data.is_generated());
        assert_eq!(ticked.held_bytes(), 0);
        let given = RecordData::of(&Payload::Bytes(b"abc".to_vec()), &key);
        assert_eq!((given.bytes().as_ref(), given.len()), (&b"abc"[..], 3));
        assert!(!given.is_generated());
    }

    #[test]
    fn an_aggregate_gives_its_user_records_generated_and_its_bytes_encoded() {
        let keys: Vec<Rc<str>> = vec![Rc::from("a"), Rc::from("b")];
        let records = vec![(0, 1), (1, 2), (0, 3)];
        let aggregate = Aggregate { template: Template::IotTelemetry, size: 120, keys, records, len: 0 };
        let payload = Payload::Aggregated(Rc::new(aggregate));
        let users = RecordData::user_records(&payload).expect("an aggregate");
        let expected: Vec<Vec<u8>> = payload.user_records().expect("an aggregate").into_iter().map(|u| u.1).collect();
        let made: Vec<Vec<u8>> = users.iter().map(|u| u.bytes().into_owned()).collect();
        assert_eq!(made, expected);
        assert!(users.iter().all(|u| matches!(u, RecordData::Generated { .. })));
        assert_eq!(RecordData::of(&payload, &Rc::from("a")).bytes().as_ref(), payload.render("a").as_slice());
        assert_eq!(concatenated(&users), expected.concat());
        assert!(RecordData::user_records(&Payload::Generated { template: Template::AppLog, n: 1, size: 9 }).is_none());
    }
}
