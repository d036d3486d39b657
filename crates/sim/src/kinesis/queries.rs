//! What views ask a stream and its shards, so that no view works a rule out for itself: how
//! loaded a shard is against both write limits, the hash key that splits it evenly, and the
//! shard it can merge with.

use super::limits::{SHARD_WRITE_BYTES_PER_SEC, SHARD_WRITE_RECORDS_PER_SEC};
use super::shard::Shard;
use super::stream::Stream;
use crate::time::SimTime;

/// A shard's writes in the current second against its two write limits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WriteLoad {
    pub records: u64,
    pub bytes: u64,
    /// The larger of records/1,000 and bytes/1 MiB: 1.0 is a full shard.
    pub share: f64,
    /// Throttling now: a write was refused this second, or either limit is reached.
    pub hot: bool,
}

impl Shard {
    /// This second's writes against 1,000 records/s and 1 MiB/s, whichever is nearer.
    pub fn write_load(&self, now: SimTime) -> WriteLoad {
        let (bytes, records) = self.write_usage(now);
        let share =
            (records as f64 / SHARD_WRITE_RECORDS_PER_SEC as f64).max(bytes as f64 / SHARD_WRITE_BYTES_PER_SEC as f64);
        WriteLoad {
            records,
            bytes,
            share,
            hot: self.writes_refused(now) > 0
                || records >= SHARD_WRITE_RECORDS_PER_SEC
                || bytes >= SHARD_WRITE_BYTES_PER_SEC,
        }
    }

    /// The NewStartingHashKey that splits the shard into two halves of its hash key range
    /// (AWS's own example of SplitShard); `None` for a shard of fewer than four keys, which
    /// SplitShard cannot split (each child needs two keys).
    pub fn even_split_key(&self) -> Option<u128> {
        let (start, end) = (self.range.start, self.range.end);
        let key = start.checked_add((end - start) / 2 + 1)?;
        super::ops_reshard::valid_split_key(start, end, key).then_some(key)
    }
}

impl Stream {
    /// The open shard whose hash key range starts right after shard `index`'s ends: the one
    /// MergeShards accepts as its adjacent shard.
    pub fn merge_partner(&self, index: u32) -> Option<u32> {
        let shard = self.shard(index).filter(|s| s.is_open())?;
        let next = shard.range.end.checked_add(1)?;
        self.open_shards().find(|s| s.range.start == next).map(|s| s.index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinesis::stream::StreamMode;

    #[test]
    fn a_shard_is_hot_on_bytes_as_well_as_on_records() {
        let mut stream = Stream::new("s", StreamMode::Provisioned, 1, SimTime::ZERO);
        let shard = &mut stream.shards[0];
        let now = SimTime::from_millis(1_500);
        for _ in 0..8 {
            assert!(shard.admit_write(now, 128 * 1024));
        }
        let load = shard.write_load(now);
        assert!(load.hot, "8 records of 128 KiB fill the shard's 1 MiB/s, far below 1,000 records");
        assert_eq!((load.records, load.share), (8, 1.0));
        let later = SimTime::from_millis(2_000);
        assert_eq!(shard.write_load(later).records, 0, "a new second starts empty");
        for _ in 0..500 {
            assert!(shard.admit_write(later, 10));
        }
        assert_eq!((shard.write_load(later).hot, shard.write_load(later).share), (false, 0.5));
        // 131 records of 8,000 bytes leave no room for a 132nd: refused, the shard is hot
        // though it holds less than 1 MiB.
        let third = SimTime::from_millis(3_000);
        for _ in 0..131 {
            assert!(shard.admit_write(third, 8_000));
        }
        assert!(!shard.write_load(third).hot);
        assert!(!shard.admit_write(third, 8_000));
        assert!(shard.write_load(third).hot && shard.write_load(third).share < 1.0);
    }

    #[test]
    fn even_splits_and_merge_partners() {
        let stream = Stream::new("s", StreamMode::Provisioned, 3, SimTime::ZERO);
        let first = &stream.shards[0];
        let key = first.even_split_key().unwrap();
        assert!(crate::kinesis::ops_reshard::valid_split_key(first.range.start, first.range.end, key));
        assert_eq!(stream.merge_partner(0), Some(1));
        assert_eq!(stream.merge_partner(1), Some(2));
        assert_eq!(stream.merge_partner(2), None, "the last shard has nothing after it");
        // SplitShard leaves each child two keys at least: a shard of three keys cannot split.
        let tiny = |end| {
            crate::kinesis::shard::Shard::new(9, crate::kinesis::hash_key::HashRange { start: 10, end }, SimTime::ZERO)
        };
        assert_eq!(tiny(12).even_split_key(), None);
        assert_eq!(tiny(13).even_split_key(), Some(12));
    }
}
