//! A queue kept in fixed chunks: pushed at the back, dropped from the front, read at any
//! index. A shard keeps a day of its entries in one (millions): a `VecDeque` that size grows
//! by reallocating, holding the old buffer and the new one at once and leaving up to half of
//! the new one empty; chunks are allocated one at a time, full but for the newest, and freed
//! as the front expires.

use std::collections::VecDeque;

/// Items a chunk holds: small enough that the newest chunk's empty room is a rounding error,
/// large enough that the chunk list stays short.
const CHUNK: usize = 4_096;

/// Every chunk but the first (which loses items at its front) and the last (which gains
/// them) holds `CHUNK` items; a chunk never grows past its first allocation.
#[derive(Clone, Debug)]
pub struct ChunkedQueue<T> {
    chunks: VecDeque<VecDeque<T>>,
    len: usize,
}

impl<T> Default for ChunkedQueue<T> {
    fn default() -> Self {
        ChunkedQueue { chunks: VecDeque::new(), len: 0 }
    }
}

impl<T> ChunkedQueue<T> {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn push_back(&mut self, item: T) {
        // The last chunk takes it while it has room: a lone chunk that lost items at its
        // front reuses their room without growing.
        match self.chunks.back_mut() {
            Some(last) if last.len() < CHUNK => last.push_back(item),
            _ => {
                let mut chunk = VecDeque::with_capacity(CHUNK);
                chunk.push_back(item);
                self.chunks.push_back(chunk);
            }
        }
        self.len += 1;
    }

    /// Takes the front item; a chunk is freed when its last item goes.
    pub fn pop_front(&mut self) -> Option<T> {
        let first = self.chunks.front_mut()?;
        let item = first.pop_front();
        if first.is_empty() {
            self.chunks.pop_front();
        }
        self.len -= item.is_some() as usize;
        item
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        let first = self.chunks.front()?;
        match i.checked_sub(first.len()) {
            None => first.get(i),
            Some(rest) => self.chunks.get(1 + rest / CHUNK).and_then(|c| c.get(rest % CHUNK)),
        }
    }

    pub fn front(&self) -> Option<&T> {
        self.get(0)
    }

    pub fn back(&self) -> Option<&T> {
        self.len.checked_sub(1).and_then(|i| self.get(i))
    }

    pub fn back_mut(&mut self) -> Option<&mut T> {
        if self.len == 0 {
            return None;
        }
        self.chunks.back_mut().and_then(|c| c.back_mut())
    }

    /// The index of the first item for which `pred` is false, `pred` being true for a first
    /// run of items and false after (as `slice::partition_point`).
    pub fn partition_point(&self, pred: impl Fn(&T) -> bool) -> usize {
        let (mut low, mut high) = (0, self.len);
        while low < high {
            let mid = low + (high - low) / 2;
            if self.get(mid).is_some_and(&pred) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }
}

impl<T> std::ops::Index<usize> for ChunkedQueue<T> {
    type Output = T;

    fn index(&self, i: usize) -> &T {
        match self.get(i) {
            Some(item) => item,
            None => panic!("index {i} of a queue of {}", self.len),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_keeps_what_a_vecdeque_keeps_across_chunks() {
        let (mut chunked, mut plain) = (ChunkedQueue::default(), VecDeque::new());
        let mut next = 0u64;
        // Pushes and pops in waves that cross chunk boundaries, down to empty and back.
        for (push, pop) in [(5_000, 100), (10_000, 14_900), (3, 3), (9_000, 4_096), (1, 2)] {
            for _ in 0..push {
                chunked.push_back(next);
                plain.push_back(next);
                next += 1;
            }
            for _ in 0..pop {
                assert_eq!(chunked.pop_front(), plain.pop_front());
            }
            assert_eq!(chunked.len(), plain.len());
            assert_eq!(chunked.front(), plain.front());
            assert_eq!(chunked.back(), plain.back());
            for i in (0..plain.len()).step_by(97).chain(plain.len().checked_sub(1)) {
                assert_eq!(chunked.get(i), plain.get(i), "{i}");
            }
            assert_eq!(chunked.get(plain.len()), None);
            if let Some(&last) = plain.back() {
                let cut = last.saturating_sub(1_234);
                assert_eq!(chunked.partition_point(|&v| v < cut), plain.partition_point(|&v| v < cut));
                *chunked.back_mut().expect("not empty") += 1;
                *plain.back_mut().expect("not empty") += 1;
                assert_eq!(chunked.back(), plain.back());
            }
        }
        // The memory of chunks the front has passed is freed.
        assert!(chunked.chunks.len() <= chunked.len().div_ceil(CHUNK) + 1);
        assert!(chunked.chunks.iter().all(|c| c.capacity() == CHUNK), "no chunk grew");
    }
}
