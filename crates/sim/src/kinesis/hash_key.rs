//! The 128-bit hash key space and how a record finds its shard: the MD5 of the partition
//! key's UTF-8 bytes, read as a big-endian 128-bit integer, or an explicit hash key.

use md5::{Digest, Md5};

/// The largest hash key, 2^128 − 1.
pub const MAX_HASH_KEY: u128 = u128::MAX;

/// An inclusive range of hash keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct HashRange {
    pub start: u128,
    pub end: u128,
}

impl HashRange {
    pub fn contains(&self, key: u128) -> bool {
        self.start <= key && key <= self.end
    }
}

/// The hash key of a partition key.
pub fn hash_partition_key(key: &str) -> u128 {
    u128::from_be_bytes(Md5::digest(key.as_bytes()).into())
}

/// The ranges of a new stream of `n` shards: shard i starts at i·floor(2^128/n) and the last
/// ends at 2^128 − 1.
pub fn even_split(n: u32) -> Vec<HashRange> {
    assert!(n > 0, "a stream has at least one shard");
    if n == 1 {
        return vec![HashRange { start: 0, end: MAX_HASH_KEY }];
    }
    // floor(2^128 / n), computed without 2^128 itself: (2^128 − 1)/n, plus one when n divides 2^128.
    let width = if n.is_power_of_two() { (MAX_HASH_KEY >> n.trailing_zeros()) + 1 } else { MAX_HASH_KEY / n as u128 };
    (0..n)
        .map(|i| {
            let start = width * i as u128;
            let end = if i + 1 == n { MAX_HASH_KEY } else { width * (i as u128 + 1) - 1 };
            HashRange { start, end }
        })
        .collect()
}

/// Reads an ExplicitHashKey: a decimal string matching `0|([1-9]\d{0,38})`, below 2^128.
pub fn parse_explicit_hash_key(text: &str) -> Result<u128, String> {
    let well_formed = text == "0"
        || (!text.is_empty() && text.len() <= 39 && !text.starts_with('0') && text.bytes().all(|b| b.is_ascii_digit()));
    if !well_formed {
        return Err(format!(
            "Value '{text}' at 'explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{{0,38}})"
        ));
    }
    text.parse::<u128>().map_err(|_| {
        format!(
            "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was {text}"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn md5_routing_matches_known_digests() {
        // md5("") = d41d8cd98f00b204e9800998ecf8427e; md5("a") = 0cc175b9c0f1b6a831c399e269772661
        assert_eq!(hash_partition_key(""), 0xd41d8cd98f00b204e9800998ecf8427e);
        assert_eq!(hash_partition_key("a"), 0x0cc175b9c0f1b6a831c399e269772661);
    }

    #[test]
    fn even_split_follows_the_formula_for_the_counts_checked_against_aws() {
        let two_128_over = |n: u128| {
            // floor(2^128 / n) by long division on (2^128 - 1): exact unless n divides 2^128.
            let q = u128::MAX / n;
            if (u128::MAX % n) == n - 1 {
                q + 1
            } else {
                q
            }
        };
        // N = 1 is the whole space (checked below); floor(2^128/1) itself does not fit in 128 bits.
        for n in [2u32, 3, 4, 5, 7, 10] {
            let ranges = even_split(n);
            let width = two_128_over(n as u128);
            assert_eq!(ranges.len(), n as usize);
            for (i, r) in ranges.iter().enumerate() {
                assert_eq!(r.start, width * i as u128, "n={n} shard {i} start");
            }
            assert_eq!(ranges.last().unwrap().end, MAX_HASH_KEY);
            for pair in ranges.windows(2) {
                assert_eq!(pair[0].end + 1, pair[1].start, "n={n}: ranges must be contiguous");
            }
        }
        assert_eq!(even_split(3)[0].end, 113427455640312821154458202477256070484);
        assert_eq!(even_split(2)[1].start, 1u128 << 127);
        assert_eq!(even_split(1)[0], HashRange { start: 0, end: MAX_HASH_KEY });
    }

    #[test]
    fn explicit_hash_keys_follow_the_aws_pattern() {
        assert_eq!(parse_explicit_hash_key("0"), Ok(0));
        assert_eq!(parse_explicit_hash_key("340282366920938463463374607431768211455"), Ok(MAX_HASH_KEY));
        assert!(parse_explicit_hash_key("340282366920938463463374607431768211456").unwrap_err().contains("2^128-1"));
        for bad in ["", "01", "-1", "1e5", "12a"] {
            assert!(parse_explicit_hash_key(bad).unwrap_err().contains("regular expression"), "{bad:?}");
        }
    }
}
