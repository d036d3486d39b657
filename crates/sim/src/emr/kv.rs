//! Key/value pairs as bytes in one buffer, as Hadoop's map output buffer and IFile segments
//! hold them: no allocation per pair, sorted by key bytes, grouped for a combiner or reducer.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Pairs in one byte buffer, with an index of where each one is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KvBuffer {
    data: Vec<u8>,
    /// Where each pair starts in `data`, and its key and value lengths.
    index: Vec<Entry>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    start: u32,
    key_len: u32,
    value_len: u32,
}

/// FNV-1a: a fast hash for short keys, the same on every platform (the table's order is
/// never used, but a seeded hasher would make the work differ from run to run).
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xCBF2_9CE4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ b as u64).wrapping_mul(0x0100_0000_01B3);
        }
        self.0 = h;
    }
}

/// Bytes Hadoop's `WritableUtils.writeVInt` takes for `n`: one up to 127, else one more
/// than the bytes of the number.
fn vint_size(n: usize) -> u64 {
    if n <= 127 {
        1
    } else {
        1 + (usize::BITS - n.leading_zeros()).div_ceil(8) as u64
    }
}

impl KvBuffer {
    /// An empty buffer with room for `bytes` of keys and values in `pairs` pairs.
    pub fn with_capacity(bytes: usize, pairs: usize) -> KvBuffer {
        KvBuffer { data: Vec::with_capacity(bytes), index: Vec::with_capacity(pairs) }
    }

    pub fn push(&mut self, key: &[u8], value: &[u8]) {
        self.index.push(Entry {
            start: self.data.len() as u32,
            key_len: key.len() as u32,
            value_len: value.len() as u32,
        });
        self.data.extend_from_slice(key);
        self.data.extend_from_slice(value);
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Size as an IFile segment would hold it (what a reducer fetches in the shuffle): each
    /// key and value with its variable-length size in front.
    pub fn serialized_bytes(&self) -> u64 {
        self.index
            .iter()
            .map(|e| vint_size(e.key_len as usize) + vint_size(e.value_len as usize) + (e.key_len + e.value_len) as u64)
            .sum()
    }

    pub fn get(&self, i: usize) -> (&[u8], &[u8]) {
        let e = self.index[i];
        let (start, k, v) = (e.start as usize, e.key_len as usize, e.value_len as usize);
        (&self.data[start..start + k], &self.data[start + k..start + k + v])
    }

    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Sorts the pairs by key bytes; pairs with equal keys keep their order. Map output
    /// repeats keys a lot (every "the" of a text), so rather than compare pairs with each
    /// other, each pair is given its key's group (a hash lookup), the distinct keys are
    /// sorted, and the pairs are laid out group by group: n lookups and d·log d comparisons
    /// for d distinct keys. Only the sorted keys decide the order, never the hash table's.
    pub fn sort(&mut self) {
        let data = &self.data;
        let key = |e: &Entry| &data[e.start as usize..(e.start + e.key_len) as usize];
        let mut groups: HashMap<&[u8], u32, BuildHasherDefault<Fnv>> = HashMap::default();
        let mut group_of = Vec::with_capacity(self.index.len());
        let mut keys: Vec<&[u8]> = Vec::new();
        for e in &self.index {
            let k = key(e);
            let g = *groups.entry(k).or_insert_with(|| {
                keys.push(k);
                keys.len() as u32 - 1
            });
            group_of.push(g);
        }
        // The rank of each group in key order, then where each group's pairs start.
        let mut order: Vec<u32> = (0..keys.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| keys[a as usize].cmp(keys[b as usize]));
        let mut counts = vec![0u32; keys.len()];
        for &g in &group_of {
            counts[g as usize] += 1;
        }
        let mut start = vec![0u32; keys.len()];
        let mut at = 0;
        for &g in &order {
            start[g as usize] = at;
            at += counts[g as usize];
        }
        let mut sorted = vec![Entry { start: 0, key_len: 0, value_len: 0 }; self.index.len()];
        for (e, &g) in self.index.iter().zip(&group_of) {
            sorted[start[g as usize] as usize] = *e;
            start[g as usize] += 1;
        }
        self.index = sorted;
    }

    /// How many distinct keys a sorted buffer holds.
    pub fn group_count(&self) -> usize {
        (0..self.len()).filter(|&i| i == 0 || self.get(i - 1).0 != self.get(i).0).count()
    }

    /// Appends every pair of `other`.
    pub fn extend(&mut self, other: &KvBuffer) {
        for (k, v) in other.iter() {
            self.push(k, v);
        }
    }

    /// Calls `f(key, values)` once per run of equal keys, in order (sort first).
    pub fn for_each_group<E>(&self, mut f: impl FnMut(&[u8], &[&[u8]]) -> Result<(), E>) -> Result<(), E> {
        let mut i = 0;
        let mut values: Vec<&[u8]> = Vec::new();
        while i < self.len() {
            let (key, _) = self.get(i);
            values.clear();
            while i < self.len() && self.get(i).0 == key {
                values.push(self.get(i).1);
                i += 1;
            }
            f(key, &values)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_sort_by_key_and_group() {
        let mut kv = KvBuffer::default();
        for (k, v) in [("b", "1"), ("a", "2"), ("b", "3"), ("c", "4"), ("a", "5")] {
            kv.push(k.as_bytes(), v.as_bytes());
        }
        kv.sort();
        let mut groups = Vec::new();
        kv.for_each_group(|k, vs| {
            groups.push(format!(
                "{}={}",
                String::from_utf8_lossy(k),
                vs.iter().map(|v| String::from_utf8_lossy(v)).collect::<Vec<_>>().join("+")
            ));
            Ok::<(), ()>(())
        })
        .unwrap();
        assert_eq!(groups, ["a=2+5", "b=1+3", "c=4"]);
    }

    #[test]
    fn serialized_size_counts_lengths_and_bytes() {
        let mut kv = KvBuffer::default();
        kv.push(b"word", b"1");
        assert_eq!(kv.serialized_bytes(), 1 + 1 + 4 + 1);
        kv.push(&[b'x'; 200], b"");
        assert_eq!(kv.serialized_bytes(), 7 + 2 + 1 + 200);
    }
}
