//! The partition keys a producer draws from, and the one way a record draws its key. The
//! producer uses it when it sends and a shard uses it when it regenerates a stored record
//! (`generated_tick`), so the two cannot disagree.

use super::settings::KeyStrategy;
use crate::kinesis::hash_key::hash_partition_key;
use crate::rng::SimRng;
use std::rc::Rc;

/// How many random keys a producer draws up front for the Random strategy: plenty to spread
/// records evenly over any number of shards a lesson uses.
pub const RANDOM_KEY_POOL: usize = 16_384;

/// A partition key with its hash key.
pub type Keyed = (Rc<str>, u128);

fn keyed(key: String) -> Keyed {
    let hash = hash_partition_key(&key);
    (key.into(), hash)
}

/// Keys a producer reuses, with their hash keys: the distinct keys, the hot key, or a pool of
/// random keys (drawn once; records pick from it, so a random key costs neither an
/// allocation nor an MD5 per record). Sequential keys are made from the record's number.
#[derive(Debug)]
pub struct KeyTable {
    strategy: KeyStrategy,
    keys: Vec<Keyed>,
    /// The length of every key, when all have the same.
    uniform_key_len: Option<usize>,
}

impl KeyTable {
    /// The table of producer `id`; a Random pool takes its keys from `rng`.
    pub fn new(id: &str, strategy: KeyStrategy, rng: &mut SimRng) -> KeyTable {
        let keys = match strategy {
            KeyStrategy::Distinct { count } => (0..count).map(|i| keyed(format!("{id}-key-{i}"))).collect(),
            KeyStrategy::HotKey => vec![keyed(format!("{id}-hot"))],
            KeyStrategy::Random => (0..RANDOM_KEY_POOL).map(|_| keyed(hex16(rng.next_u64()))).collect(),
            KeyStrategy::Sequential => Vec::new(),
        };
        let first = keys.first().map(|k: &Keyed| k.0.len());
        let uniform_key_len = first.filter(|&len| keys.iter().all(|k| k.0.len() == len));
        KeyTable { strategy, keys, uniform_key_len }
    }

    pub fn strategy(&self) -> KeyStrategy {
        self.strategy
    }

    /// The length of every key it draws, when all have the same (not Sequential keys, nor
    /// distinct keys of different lengths): then every record of a tick has the same size.
    pub fn uniform_key_len(&self) -> Option<usize> {
        self.uniform_key_len
    }

    /// The key of record number `number`, drawing from `rng` where the strategy picks at
    /// random.
    pub fn draw(&self, rng: &mut SimRng, number: u64) -> Keyed {
        self.key_at(self.pick(rng), number)
    }

    /// Which of the table's keys the next record gets (its index), drawing from `rng` where
    /// the strategy picks at random. Sequential keys have no table: 0.
    pub fn pick(&self, rng: &mut SimRng) -> u32 {
        match self.strategy {
            KeyStrategy::Random | KeyStrategy::Distinct { .. } => rng.below(self.keys.len() as u64) as u32,
            KeyStrategy::HotKey | KeyStrategy::Sequential => 0,
        }
    }

    /// The key at `index` of the table, or for Sequential keys the one made from record
    /// number `number`.
    pub fn key_at(&self, index: u32, number: u64) -> Keyed {
        match self.strategy {
            KeyStrategy::Sequential => keyed(number.to_string()),
            _ => self.keys[index as usize].clone(),
        }
    }

    /// The hash key of `key_at(index, number)`, without copying the key.
    /// The hash key of the key at `index` of the table (Sequential keys have none).
    #[inline]
    pub fn hash_in_table(&self, index: u32) -> u128 {
        self.keys[index as usize].1
    }

    pub fn hash_at(&self, index: u32, number: u64) -> u128 {
        match self.strategy {
            KeyStrategy::Sequential => hash_partition_key(&number.to_string()),
            _ => self.hash_in_table(index),
        }
    }

    /// The length of `key_at(index, number)`.
    pub fn len_at(&self, index: u32, number: u64) -> usize {
        match self.strategy {
            KeyStrategy::Sequential => number.checked_ilog10().unwrap_or(0) as usize + 1,
            _ => self.keys[index as usize].0.len(),
        }
    }
}

/// A u64 as 16 lower-case hex digits, without `format!`'s machinery.
fn hex16(v: u64) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let bytes: Vec<u8> = (0..16).rev().map(|i| DIGITS[(v >> (i * 4)) as usize & 0xf]).collect();
    String::from_utf8(bytes).expect("hex digits are ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex16_matches_format() {
        for v in [0u64, 1, 0xdead_beef, u64::MAX, 0x0123_4567_89ab_cdef] {
            assert_eq!(hex16(v), format!("{v:016x}"));
        }
    }

    #[test]
    fn a_table_draws_the_same_keys_from_the_same_generator() {
        let mut seed = SimRng::seed_from_u64(3);
        let table = KeyTable::new("p", KeyStrategy::Random, &mut seed);
        let (mut a, mut b) = (seed.clone(), seed);
        let first: Vec<Keyed> = (0..50).map(|n| table.draw(&mut a, n)).collect();
        let again: Vec<Keyed> = (0..50).map(|n| table.draw(&mut b, n)).collect();
        assert_eq!(first, again);
        assert!(first.iter().any(|k| k.0 != first[0].0), "random keys differ");
        let sequential = KeyTable::new("p", KeyStrategy::Sequential, &mut SimRng::seed_from_u64(1));
        assert_eq!(&*sequential.draw(&mut SimRng::seed_from_u64(1), 42).0, "42");
    }

    #[test]
    fn a_key_kept_by_its_index_is_the_key_drawn() {
        for strategy in
            [KeyStrategy::Random, KeyStrategy::Distinct { count: 7 }, KeyStrategy::HotKey, KeyStrategy::Sequential]
        {
            let mut seed = SimRng::seed_from_u64(11);
            let table = KeyTable::new("p", strategy, &mut seed);
            let (mut a, mut b) = (seed.clone(), seed);
            for number in [0u64, 9, 10, 99, 100, 12_345, u64::MAX] {
                let drawn = table.draw(&mut a, number);
                let index = table.pick(&mut b);
                assert_eq!(table.key_at(index, number), drawn, "{strategy:?} {number}");
                assert_eq!(table.hash_at(index, number), drawn.1, "{strategy:?} {number}");
                assert_eq!(table.len_at(index, number), drawn.0.len(), "{strategy:?} {number}");
            }
        }
    }
}
