//! Records waiting for their retry. A producer under a hot key may hold hundreds of thousands,
//! each due at its own backoff; they are kept in buckets of a tenth of a second and sorted
//! only when their time comes, which gives them in the order a map sorted by (due time,
//! arrival in the queue) would, at a fraction of its cost.

use crate::time::SimTime;
use std::collections::BTreeMap;

/// The width of a bucket, in µs: a producer's tick.
const BUCKET_US: u64 = 100_000;

#[derive(Clone, Debug)]
pub struct RetryQueue<T> {
    buckets: BTreeMap<u64, Vec<(SimTime, u64, T)>>,
    next_seq: u64,
}

impl<T> Default for RetryQueue<T> {
    fn default() -> Self {
        RetryQueue { buckets: BTreeMap::new(), next_seq: 0 }
    }
}

impl<T> RetryQueue<T> {
    /// Queues `item` to be retried at `due`.
    pub fn push(&mut self, due: SimTime, item: T) {
        self.next_seq += 1;
        self.buckets.entry(due.as_micros() / BUCKET_US).or_default().push((due, self.next_seq, item));
    }

    /// Everything due at or before `now`, earliest first (queued first among equal times).
    pub fn take_due(&mut self, now: SimTime) -> Vec<T> {
        let last = now.as_micros() / BUCKET_US;
        // Most ticks find nothing due: they cost no allocation.
        if self
            .buckets
            .first_key_value()
            .is_none_or(|(&first, bucket)| first > last || (first == last && bucket.iter().all(|e| e.0 > now)))
        {
            return Vec::new();
        }
        let mut due = Vec::new();
        while let Some(entry) = self.buckets.first_entry() {
            if *entry.key() > last {
                break;
            }
            if *entry.key() < last {
                due.append(entry.remove().as_mut());
                continue;
            }
            // The bucket of `now` may hold some due later.
            let bucket = entry.into_mut();
            let mut i = 0;
            while i < bucket.len() {
                if bucket[i].0 <= now {
                    due.push(bucket.swap_remove(i));
                } else {
                    i += 1;
                }
            }
            if bucket.is_empty() {
                self.buckets.remove(&last);
            }
            break;
        }
        // Sorted by index: the items may be large, and moving them is what a sort costs.
        let mut order: Vec<(SimTime, u64, u32)> =
            due.iter().enumerate().map(|(i, &(at, seq, _))| (at, seq, i as u32)).collect();
        order.sort_unstable();
        let mut items: Vec<Option<T>> = due.into_iter().map(|(_, _, item)| Some(item)).collect();
        order.into_iter().map(|(_, _, i)| items[i as usize].take().expect("each index once")).collect()
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.buckets.values().flatten().map(|(_, _, item)| item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SimRng;

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
