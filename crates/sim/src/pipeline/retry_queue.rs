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
    /// Bucket `first + i` at index i (the retries due in that tenth of a second, in the order
    /// they were queued): a retry is queued by arithmetic, not by a search, a hundred
    /// thousand times a tick under a hot key.
    buckets: VecDeque<Vec<(SimTime, T)>>,
    first: u64,
    /// Retries queued so far.
    next_seq: u64,
}

impl<T> Default for RetryQueue<T> {
    fn default() -> Self {
        RetryQueue { buckets: VecDeque::new(), first: 0, next_seq: 0 }
    }
}

impl<T> RetryQueue<T> {
    /// Queues `item` to be retried at `due`.
    pub fn push(&mut self, due: SimTime, item: T) {
        self.next_seq += 1;
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
        self.buckets[i].push((due, item));
    }

    /// Everything due at or before `now`, earliest first (queued first among equal times).
    pub fn take_due(&mut self, now: SimTime) -> Vec<T> {
        let last = now.as_micros() / BUCKET_US;
        let mut due = Vec::new();
        while self.first <= last {
            let Some(bucket) = self.buckets.front_mut() else { break };
            if self.first < last {
                let bucket = self.buckets.pop_front().expect("just looked at it");
                self.first += 1;
                due.extend(in_due_order(bucket));
                continue;
            }
            // The bucket of `now` may hold some due later: they stay, in their order. Most
            // ticks find nothing due there: they cost no allocation.
            if bucket.iter().any(|e| e.0 <= now) {
                let (ready, later): (Vec<_>, Vec<_>) = std::mem::take(bucket).into_iter().partition(|e| e.0 <= now);
                *bucket = later;
                due.extend(in_due_order(ready));
            }
            break;
        }
        due
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.buckets.iter().flatten().map(|(_, item)| item)
    }
}

/// A bucket's items by due time, in queue order among equal times. A bucket holds them in
/// queue order and spans less than 2^18 µs, so a stable radix sort on the due time's offset in
/// the bucket, two passes of 9 bits, orders it without comparing (and without another copy of
/// the standard sort in the page).
fn in_due_order<T>(bucket: Vec<(SimTime, T)>) -> impl Iterator<Item = T> {
    const BITS: u32 = 9;
    const DIGITS: usize = 1 << BITS;
    let offsets: Vec<u32> = bucket.iter().map(|e| (e.0.as_micros() % BUCKET_US) as u32).collect();
    let mut order: Vec<u32> = (0..bucket.len() as u32).collect();
    let mut next = vec![0u32; bucket.len()];
    for pass in 0..2 {
        let digit = |i: u32| ((offsets[i as usize] >> (pass * BITS)) as usize) & (DIGITS - 1);
        let mut starts = [0usize; DIGITS + 1];
        for &i in &order {
            starts[digit(i) + 1] += 1;
        }
        for d in 0..DIGITS {
            starts[d + 1] += starts[d];
        }
        for &i in &order {
            let d = digit(i);
            next[starts[d]] = i;
            starts[d] += 1;
        }
        std::mem::swap(&mut order, &mut next);
    }
    let mut slots: Vec<Option<T>> = bucket.into_iter().map(|(_, item)| Some(item)).collect();
    order.into_iter().map(move |i| slots[i as usize].take().expect("each index once"))
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
                map.insert((due, queue.next_seq), (round, i));
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
            assert_eq!(queue.take_due(SimTime(now)), expected, "round {round}");
        }
        assert_eq!(queue.iter().count(), map.len());
    }
}
