//! Records waiting for their retry. A producer under a hot key may hold hundreds of thousands,
//! each due at its own backoff; they are kept in buckets of a tenth of a second, in the order
//! they were queued, and ordered by due time only when their time comes. That gives them in
//! the order a map sorted by (due time, arrival in the queue) would, at a fraction of its
//! cost.

use crate::time::SimTime;
use std::collections::VecDeque;

/// The width of a bucket, in µs: a producer's tick.
const BUCKET_US: u64 = 100_000;

#[derive(Clone, Debug)]
pub struct RetryQueue<T> {
    /// Bucket `first + i` at index i (the retries due in that tenth of a second, each with its
    /// due time's offset in the bucket, in the order they were queued): a retry is queued by
    /// arithmetic, not by a search, a hundred thousand times a tick under a hot key.
    buckets: VecDeque<Vec<(u32, T)>>,
    first: u64,
    /// The radix sort's first pass, kept between takes.
    scratch: Vec<(u32, T)>,
}

impl<T> Default for RetryQueue<T> {
    fn default() -> Self {
        RetryQueue { buckets: VecDeque::new(), first: 0, scratch: Vec::new() }
    }
}

impl<T: Copy + Default> RetryQueue<T> {
    /// Queues `item` to be retried at `due`.
    pub fn push(&mut self, due: SimTime, item: T) {
        let bucket = due.as_micros() / BUCKET_US;
        if self.buckets.is_empty() {
            self.first = bucket;
        }
        while bucket < self.first {
            self.buckets.push_front(Vec::new());
            self.first -= 1;
        }
        let i = (bucket - self.first) as usize;
        if self.buckets.len() <= i {
            self.buckets.resize_with(i + 1, Vec::new);
        }
        self.buckets[i].push(((due.as_micros() % BUCKET_US) as u32, item));
    }

    /// Replaces what `into` held with everything due at or before `now`, earliest first
    /// (queued first among equal times).
    pub fn take_due(&mut self, now: SimTime, into: &mut Vec<T>) {
        into.clear();
        let last = now.as_micros() / BUCKET_US;
        let now_offset = (now.as_micros() % BUCKET_US) as u32;
        while self.first <= last {
            let Some(bucket) = self.buckets.front_mut() else { break };
            if self.first < last {
                let bucket = self.buckets.pop_front().expect("just looked at it");
                self.first += 1;
                in_due_order(&bucket, &mut self.scratch, into);
                continue;
            }
            // The bucket of `now` may hold some due later: they stay, in their order. Most
            // ticks find nothing due there: they cost no allocation.
            if bucket.iter().any(|e| e.0 <= now_offset) {
                let (ready, later): (Vec<_>, Vec<_>) =
                    std::mem::take(bucket).into_iter().partition(|e| e.0 <= now_offset);
                *bucket = later;
                in_due_order(&ready, &mut self.scratch, into);
            }
            break;
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.buckets.iter().flatten().map(|(_, item)| item)
    }
}

/// Appends a bucket's items to `into` by due time, in queue order among equal times. A bucket
/// holds them in queue order, each with its due time's offset in the bucket (less than
/// 2^18 µs), so a stable radix sort on the offset, two passes of 9 bits, orders it without
/// comparing (and without another copy of the standard sort in the page). Each pass moves the
/// items themselves, reading them in order: a hot key's tick sorts a few hundred thousand,
/// and fetching each from where its rank says would be a cache miss apiece.
fn in_due_order<T: Copy + Default>(bucket: &[(u32, T)], scratch: &mut Vec<(u32, T)>, into: &mut Vec<T>) {
    const BITS: u32 = 9;
    const DIGITS: usize = 1 << BITS;
    let (low, high) = (|o: u32| o as usize & (DIGITS - 1), |o: u32| (o >> BITS) as usize & (DIGITS - 1));
    // Where each digit's items start in each pass, both counted in one sweep.
    let (mut low_at, mut high_at) = ([0usize; DIGITS], [0usize; DIGITS]);
    for &(offset, _) in bucket {
        low_at[low(offset)] += 1;
        high_at[high(offset)] += 1;
    }
    let (mut low_sum, mut high_sum) = (0, into.len());
    for d in 0..DIGITS {
        (low_at[d], low_sum) = (low_sum, low_sum + low_at[d]);
        (high_at[d], high_sum) = (high_sum, high_sum + high_at[d]);
    }
    scratch.clear();
    scratch.resize(bucket.len(), (0, T::default()));
    for &(offset, item) in bucket {
        scratch[low_at[low(offset)]] = (offset, item);
        low_at[low(offset)] += 1;
    }
    into.resize(into.len() + bucket.len(), T::default());
    for &(offset, item) in scratch.iter() {
        into[high_at[high(offset)]] = item;
        high_at[high(offset)] += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SimRng;
    use std::collections::BTreeMap;

    #[test]
    fn it_gives_what_is_due_in_the_order_of_a_sorted_map() {
        let mut rng = SimRng::seed_from_u64(5);
        let mut queue = RetryQueue::default();
        let mut map = BTreeMap::new();
        let mut now = 0u64;
        for round in 0..300u64 {
            for i in 0..rng.below(60) {
                // Many share an instant, so that the order of queueing decides among them.
                let later = if rng.below(2) == 0 { rng.below(40) * 50_000 } else { rng.below(2_000_000) };
                let due = SimTime(now + later);
                queue.push(due, (round, i));
                map.insert((due, round, i), (round, i));
            }
            now += rng.below(150_000);
            let expected: Vec<(u64, u64)> = {
                let mut out = Vec::new();
                while let Some(e) = map.first_entry() {
                    if e.key().0 > SimTime(now) {
                        break;
                    }
                    out.push(e.remove());
                }
                out
            };
            let mut due = vec![(9, 9)];
            queue.take_due(SimTime(now), &mut due);
            assert_eq!(due, expected, "round {round}");
        }
        assert_eq!(queue.iter().count(), map.len());
    }
}
