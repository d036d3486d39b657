//! Which reducer a key goes to: Hadoop's HashPartitioner,
//! `(key.hashCode() & Integer.MAX_VALUE) % numReduceTasks`, where a Text key's hash is
//! `WritableComparator.hashBytes`: start at 1, then `31 × hash + byte` over its UTF-8 bytes
//! taken as Java's signed bytes, in 32-bit arithmetic.

pub fn text_hash(key: &[u8]) -> i32 {
    key.iter().fold(1i32, |h, &b| h.wrapping_mul(31).wrapping_add(b as i8 as i32))
}

/// The partition (reducer index) of `key` among `reducers` (> 0).
pub fn partition(key: &[u8], reducers: u32) -> u32 {
    ((text_hash(key) & i32::MAX) as u32) % reducers.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_javas() {
        // WritableComparator.hashBytes("a") = 31 × 1 + 97 = 128; of "hello": 31^5 + Σ…
        assert_eq!(text_hash(b""), 1);
        assert_eq!(text_hash(b"a"), 128);
        assert_eq!(text_hash(b"hello"), 127_791_473);
        // Bytes ≥ 0x80 count as negative, as Java's byte does ("é" is C3 A9 in UTF-8).
        assert_eq!(text_hash("é".as_bytes()), (31 + (0xC3u8 as i8 as i32)) * 31 + (0xA9u8 as i8 as i32));
    }

    #[test]
    fn keys_spread_over_every_reducer() {
        let mut seen = [0u32; 4];
        for i in 0..400 {
            seen[partition(format!("key-{i}").as_bytes(), 4) as usize] += 1;
        }
        assert!(seen.iter().all(|&n| n > 50), "{seen:?}");
        assert_eq!(partition(b"anything", 1), 0);
    }
}
