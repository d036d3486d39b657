//! One map task's work on real bytes: read the split's lines, map each, partition the pairs
//! by key hash into one sorted run per reducer, and run the combiner on each run, as a map's
//! spill does.

use super::jobs::{JobLogic, MapInput};
use super::kv::KvBuffer;
use super::partition::partition;
use super::splits::split_lines;

/// What a finished map holds on its node's local disk for the reducers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapOutput {
    /// One sorted run per reducer.
    pub partitions: Vec<KvBuffer>,
    pub input_records: u64,
    /// Pairs the map function emitted (before the combiner).
    pub output_records: u64,
}

impl MapOutput {
    /// Bytes the reducers fetch from this map: what the shuffle moves.
    pub fn shuffle_bytes(&self) -> u64 {
        self.partitions.iter().map(KvBuffer::serialized_bytes).sum()
    }

    /// Pairs left after the combiner (what the reducers receive).
    pub fn spilled_records(&self) -> u64 {
        self.partitions.iter().map(|p| p.len() as u64).sum()
    }
}

pub fn run_map(
    logic: &dyn JobLogic,
    file: &str,
    data: &[u8],
    offset: u64,
    length: u64,
    reducers: u32,
    combine: bool,
) -> Result<MapOutput, String> {
    let reducers = reducers.max(1);
    // Room for about as many bytes of pairs as the split has (a word count's pairs are its
    // words and a one-byte count), so the buffers rarely grow while the map runs.
    let share = (length as usize / reducers as usize).saturating_add(64);
    let mut partitions: Vec<KvBuffer> =
        (0..reducers).map(|_| KvBuffer::with_capacity(share + share / 4, share / 6)).collect();
    let mut output_records = 0;
    let input = MapInput { file };
    let input_records = logic.map_all(&input, &mut split_lines(data, offset, length), &mut |k, v| {
        output_records += 1;
        partitions[partition(k, reducers) as usize].push(k, v);
    })?;
    for run in &mut partitions {
        run.sort();
        if combine {
            let mut combined = KvBuffer::default();
            logic.combine_all(run, &mut |k, v| combined.push(k, v))?;
            // The combiner's output stays sorted only if it emits the keys it was given.
            combined.sort();
            *run = combined;
        }
    }
    Ok(MapOutput { partitions, input_records, output_records })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emr::jobs::BuiltinJob;

    #[test]
    fn the_combiner_shrinks_the_shuffle_not_the_keys() {
        let text = b"a b a c a b\nb a\n";
        let logic = BuiltinJob::Wordcount.logic();
        let plain = run_map(logic, "t", text, 0, text.len() as u64, 2, false).unwrap();
        let combined = run_map(logic, "t", text, 0, text.len() as u64, 2, true).unwrap();
        assert_eq!((plain.input_records, plain.output_records, plain.spilled_records()), (2, 8, 8));
        assert_eq!(combined.spilled_records(), 3);
        assert!(combined.shuffle_bytes() < plain.shuffle_bytes());
        let keys = |o: &MapOutput| {
            let mut k: Vec<Vec<u8>> = o.partitions.iter().flat_map(|p| p.iter().map(|(k, _)| k.to_vec())).collect();
            k.dedup();
            k.sort();
            k.dedup();
            k
        };
        assert_eq!(keys(&plain), keys(&combined));
    }
}
