//! An uncompressed Firehose object's records, kept as runs. The records a delivery took from
//! one producer tick in order — those of a `PutRecordBatch`, or those of one shard's run that
//! a stream source read — are kept as the tick, the first and last place k, and, when the run
//! skips some of the tick's records (those another shard took), a bit for each place saying
//! whether the run keeps it. So a day of objects costs a few words a run, not a record, and
//! the bytes are made again when the object is opened, as the shard makes its records.

use crate::pipeline::generated_tick::GeneratedTick;
use crate::pipeline::record_data::RecordData;
use std::rc::Rc;

/// A piece of an object: a run of a tick's records, or a record alone.
#[derive(Clone, Debug, PartialEq)]
enum Piece {
    Run(TickRun),
    One(RecordData),
}

/// Records k in `first_k..end_k` of `tick`; if `kept` is set, those whose bit k − `first_k`
/// is set.
#[derive(Clone, Debug, PartialEq)]
struct TickRun {
    tick: Rc<GeneratedTick>,
    first_k: u32,
    end_k: u32,
    kept: Option<Box<[u64]>>,
}

impl TickRun {
    /// The run that is exactly `group`'s records, a tick's records with rising k (`follows`);
    /// None when they are kept as cheaply alone (one record, or a few far apart).
    fn of(group: &[RecordData]) -> Option<TickRun> {
        let [RecordData::Ticked { tick, k: first_k, .. }, .., RecordData::Ticked { k: last_k, .. }] = group else {
            return None;
        };
        let (first_k, span) = (*first_k, (*last_k - *first_k + 1) as usize);
        let mut run = TickRun { tick: tick.clone(), first_k, end_k: *last_k + 1, kept: None };
        if span > group.len() {
            // Records of the tick between the first and the last were left out (another
            // shard took them): a bit for each place says which the run keeps, while the bits
            // cost less than the records alone.
            if span.div_ceil(64) * 8 >= group.len() * std::mem::size_of::<Piece>() {
                return None;
            }
            let mut bits = vec![0u64; span.div_ceil(64)];
            for record in group {
                if let RecordData::Ticked { k, .. } = record {
                    let i = (k - first_k) as usize;
                    bits[i / 64] |= 1 << (i % 64);
                }
            }
            run.kept = Some(bits.into());
        }
        Some(run)
    }

    /// Appends the run's records' bytes, made again: their keys drawn again from the tick's
    /// start as the producer drew them.
    fn write(&self, out: &mut Vec<u8>) {
        let indices = self.tick.key_indices(self.end_k - 1);
        for k in self.first_k..self.end_k {
            let i = (k - self.first_k) as usize;
            if self.kept.as_ref().is_none_or(|bits| bits[i / 64] >> (i % 64) & 1 == 1) {
                let key = self.tick.key_with(k, indices[k as usize]).0;
                out.extend_from_slice(&RecordData::Ticked { tick: self.tick.clone(), k, key }.bytes());
            }
        }
    }
}

/// An object's records as pieces.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct RecordRuns {
    /// Shared by the world's copies (the timeline's checkpoints): an object never changes.
    pieces: Rc<[Piece]>,
    /// In test builds, the records as they came, which the pieces must make again.
    #[cfg(test)]
    reference: Vec<RecordData>,
}

/// Whether `next` follows `record` in a run: the same tick, a later place.
fn follows(record: &RecordData, next: &RecordData) -> bool {
    match (record, next) {
        (RecordData::Ticked { tick, k, .. }, RecordData::Ticked { tick: t, k: j, .. }) => Rc::ptr_eq(tick, t) && j > k,
        _ => false,
    }
}

impl RecordRuns {
    /// `records` as pieces: each longest stretch of one tick's records with rising k a run
    /// where that costs less, every other record alone.
    pub(super) fn of(records: Vec<RecordData>) -> RecordRuns {
        let mut pieces = Vec::new();
        let mut rest = records.as_slice();
        while !rest.is_empty() {
            let n = 1 + rest.windows(2).take_while(|pair| follows(&pair[0], &pair[1])).count();
            let (group, after) = rest.split_at(n);
            match TickRun::of(group) {
                Some(run) => pieces.push(Piece::Run(run)),
                None => pieces.extend(group.iter().cloned().map(Piece::One)),
            }
            rest = after;
        }
        RecordRuns {
            pieces: pieces.into(),
            #[cfg(test)]
            reference: records,
        }
    }

    /// The records' bytes one after another, `len` of them.
    pub(super) fn bytes(&self, len: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(len);
        for piece in self.pieces.iter() {
            match piece {
                Piece::Run(run) => run.write(&mut out),
                Piece::One(record) => out.extend_from_slice(&record.bytes()),
            }
        }
        out
    }

    /// Bytes the pieces hold in memory (a tick is shared with the shards and producers that
    /// hold it).
    pub(super) fn held_bytes(&self) -> usize {
        let boxed = |p: &Piece| match p {
            Piece::Run(run) => run.kept.as_ref().map_or(0, |bits| bits.len() * 8),
            Piece::One(record) => record.held_bytes(),
        };
        self.pieces.len() * std::mem::size_of::<Piece>() + self.pieces.iter().map(boxed).sum::<usize>()
    }
}

/// In test builds: how an object's pieces fail to make the records that came, if they do;
/// and how many runs of a tick's records they keep.
#[cfg(test)]
impl super::Object {
    pub fn against_reference(&self) -> (Result<(), String>, usize) {
        let super::Body::Records { runs, .. } = &self.body else { return (Ok(()), 0) };
        let count = runs.pieces.iter().filter(|p| matches!(p, Piece::Run(_))).count();
        let expected = crate::pipeline::record_data::concatenated(&runs.reference);
        let made = self.body();
        let check = match made.iter().zip(&expected).position(|(a, b)| a != b) {
            None if made.len() == expected.len() => Ok(()),
            at => Err(format!(
                "{} records as {} pieces make {} bytes, not {}; first difference at {at:?}",
                runs.reference.len(),
                runs.pieces.len(),
                made.len(),
                expected.len()
            )),
        };
        (check, count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::generated_tick::TickShape;
    use crate::pipeline::key_table::KeyTable;
    use crate::pipeline::payload::Template;
    use crate::pipeline::record_data::concatenated;
    use crate::pipeline::settings::KeyStrategy;
    use crate::rng::SimRng;
    use crate::time::SimTime;
    use proptest::prelude::*;

    fn tick(seed: u64) -> Rc<GeneratedTick> {
        let keys = Rc::new(KeyTable::new("p", KeyStrategy::Random, &mut SimRng::seed_from_u64(seed)));
        let shape = TickShape::new(keys, Template::Clickstream, 90, SimTime::from_millis(5), 1_000);
        Rc::new(GeneratedTick::first_of(&shape, SimRng::seed_from_u64(seed + 1), 40))
    }

    /// Records `ks` of `tick`, as Firehose takes them.
    fn records(tick: &Rc<GeneratedTick>, ks: impl IntoIterator<Item = u32>) -> Vec<RecordData> {
        let keys: Vec<_> = tick.keys_from_start().take(5_000).collect();
        ks.into_iter()
            .map(|k| RecordData::Ticked { tick: tick.clone(), k, key: keys[k as usize].1 .0.clone() })
            .collect()
    }

    /// (pieces, runs among them).
    fn counts(runs: &RecordRuns) -> (usize, usize) {
        (runs.pieces.len(), runs.pieces.iter().filter(|p| matches!(p, Piece::Run(_))).count())
    }

    #[test]
    fn a_batch_and_a_shards_share_of_a_tick_are_one_run_each() {
        let t = tick(1);
        // A PutRecordBatch: records 10..510 of the tick.
        let batch = records(&t, 10..510);
        let pieces = RecordRuns::of(batch.clone());
        assert_eq!(counts(&pieces), (1, 1));
        assert_eq!(pieces.bytes(0), concatenated(&batch));
        // What the lower half of the hash key space took of records 0..600, then the upper
        // half's: two runs, each with a bit a place.
        let hashes: Vec<u128> = t.keys_from_start().take(600).map(|(_, (_, h))| h).collect();
        let half =
            |upper: bool| (0..600).filter(|&k| (hashes[k as usize] >= u128::MAX / 2) == upper).collect::<Vec<u32>>();
        let shards: Vec<RecordData> = records(&t, half(false)).into_iter().chain(records(&t, half(true))).collect();
        let pieces = RecordRuns::of(shards.clone());
        assert_eq!(counts(&pieces), (2, 2));
        assert_eq!(pieces.bytes(0), concatenated(&shards));
        let alone = shards.len() * std::mem::size_of::<RecordData>();
        assert!(
            pieces.held_bytes() * 20 < alone,
            "two runs hold {} bytes, the records alone {alone}",
            pieces.held_bytes()
        );
    }

    #[test]
    fn records_far_apart_stay_alone_and_so_do_others() {
        let t = tick(2);
        // Records 0 and 4,999 with all between left out: 5,000 bits cost more than two
        // records. Record 5 alone; 3, 10 and 12 a run of ten bits.
        let mixed: Vec<RecordData> = records(&t, [0, 4_999])
            .into_iter()
            .chain([RecordData::Bytes(b"given\n".to_vec())])
            .chain(records(&t, [5, 3, 10, 12]))
            .collect();
        let pieces = RecordRuns::of(mixed.clone());
        assert_eq!(counts(&pieces), (5, 1));
        assert_eq!(pieces.bytes(0), concatenated(&mixed));
    }

    proptest! {
        /// Stretches of two ticks' records — all of a span of k, those of a span of hash keys
        /// (a shard's), any of them — and given bytes, in any order: the pieces make the
        /// records' bytes.
        #[test]
        fn pieces_make_the_records_bytes(
            stretches in prop::collection::vec((0u8..3, 0u32..500, 1u32..100, any::<u64>(), 0u8..3), 0..12)
        ) {
            // A key table takes a while to make: two ticks serve every case.
            thread_local!(static TICKS: [Rc<GeneratedTick>; 2] = [tick(3), tick(4)]);
            let ticks = TICKS.with(|t| t.clone());
            let mut given = Vec::new();
            for (which, start, len, bits, kind) in stretches {
                if which == 2 {
                    given.push(RecordData::Bytes(bits.to_string().into_bytes()));
                    continue;
                }
                let t = &ticks[which as usize];
                let hashes: Vec<u128> = t.keys_from_start().take(600).map(|(_, (_, h))| h).collect();
                let (a, b) = ((bits as u128) << 64, (bits.rotate_left(17) as u128) << 64);
                let span = a.min(b)..=a.max(b);
                let ks = (start..start + len).filter(|&k| match kind {
                    0 => true,
                    1 => span.contains(&hashes[k as usize]),
                    _ => bits >> (k % 64) & 1 == 1,
                });
                given.extend(records(t, ks));
            }
            let pieces = RecordRuns::of(given.clone());
            prop_assert_eq!(pieces.bytes(0), concatenated(&given));
        }
    }
}
