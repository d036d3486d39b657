//! How many shards a load needs: each shard takes 1 MiB and 1,000 records of writes a second,
//! and whichever runs out first throttles.

use super::limits::{SHARD_WRITE_BYTES_PER_SEC, SHARD_WRITE_RECORDS_PER_SEC};

/// The fewest shards that take `records_per_second` records of `record_bytes` each (data and
/// partition key) with no write throttling: each shard takes 1,000 records and 1 MiB a second.
pub fn shards_for_load(records_per_second: f64, record_bytes: u64) -> u32 {
    let by_records = records_per_second / SHARD_WRITE_RECORDS_PER_SEC as f64;
    let by_bytes = records_per_second * record_bytes as f64 / SHARD_WRITE_BYTES_PER_SEC as f64;
    (by_records.max(by_bytes).ceil() as u32).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinesis::limits::MIB;

    #[test]
    fn the_fewest_shards_take_the_larger_of_the_two_limits() {
        assert_eq!(shards_for_load(2_400.0, 100), 3, "records: 2.4 shards' worth");
        assert_eq!(shards_for_load(100.0, 50 * 1024), 5, "bytes: 4.9 MiB/s of 100 records");
        assert_eq!(shards_for_load(2.0, MIB), 2, "two records of 1 MiB");
        assert_eq!(shards_for_load(1_000.0, 10), 1, "exactly one shard's worth");
        assert_eq!(shards_for_load(0.0, 10), 1, "a stream has a shard at least");
    }
}
