//! Key/value pairs as bytes in one buffer, as Hadoop's map output buffer and IFile segments
//! hold them: no allocation per pair, sorted by key bytes, grouped for a combiner or reducer.

/// Pairs in one byte buffer, with an index of where each one is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KvBuffer {
    data: Vec<u8>,
    /// (start in `data`, key length, value length) of each pair.
    index: Vec<(u32, u32, u32)>,
    /// What the pairs take serialized as an IFile does: each key and value with its
    /// variable-length size in front.
    serialized: u64,
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
    pub fn push(&mut self, key: &[u8], value: &[u8]) {
        self.index.push((self.data.len() as u32, key.len() as u32, value.len() as u32));
        self.data.extend_from_slice(key);
        self.data.extend_from_slice(value);
        self.serialized += vint_size(key.len()) + vint_size(value.len()) + (key.len() + value.len()) as u64;
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Size as an IFile segment would hold it (what a reducer fetches in the shuffle).
    pub fn serialized_bytes(&self) -> u64 {
        self.serialized
    }

    pub fn get(&self, i: usize) -> (&[u8], &[u8]) {
        let (start, k, v) = self.index[i];
        let (start, k, v) = (start as usize, k as usize, v as usize);
        (&self.data[start..start + k], &self.data[start + k..start + k + v])
    }

    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Sorts the pairs by key bytes; pairs with equal keys keep their order.
    pub fn sort(&mut self) {
        let data = &self.data;
        self.index.sort_by(|a, b| {
            let ka = &data[a.0 as usize..(a.0 + a.1) as usize];
            let kb = &data[b.0 as usize..(b.0 + b.1) as usize];
            ka.cmp(kb)
        });
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
