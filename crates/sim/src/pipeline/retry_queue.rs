//! Records waiting for their retry. A producer under a hot key may hold hundreds of thousands,
//! each due at its own backoff; they are kept in buckets of about 4 ms, in the order
//! they were queued, and ordered by due time only when their time comes. That gives them in
//! the order a map sorted by (due time, arrival in the queue) would, at a fraction of its
//! cost.

use crate::time::SimTime;
use std::collections::VecDeque;

/// A bucket spans 2^12 µs (4.096 ms): a hot key's tick sorts about 25 of them, each small
/// enough to stay in the processor's cache while one counting pass sorts it. (Narrower
/// buckets sort faster but make the queueing of a tick's refusals scatter over more.)
const BUCKET_BITS: u32 = 12;
const BUCKET_OFFSETS: usize = 1 << BUCKET_BITS;
/// Emptied buckets kept for reuse: the 256 ms ahead of a tick that its refusals' first
/// backoffs (100 and 200 ms by default) fill. A bucket reused is memory the cache may still
/// hold; a new one grows by copying and faults in its pages.
const SPARE_BUCKETS: usize = 64;

#[derive(Clone, Debug)]
pub struct RetryQueue<T> {
    /// Bucket `first + i` at index i (the retries due in that span, each with its due time's
    /// offset in the bucket, in the order they were queued): a retry is queued by arithmetic,
    /// not by a search, a hundred thousand times a tick under a hot key.
    buckets: VecDeque<Vec<(u32, T)>>,
    first: u64,
    /// The part of a bucket due, when only a part is: kept between takes.
    part: Vec<(u32, T)>,
    /// Emptied buckets, kept to be filled again without growing anew.
    spare: Vec<Vec<(u32, T)>>,
}

impl<T> Default for RetryQueue<T> {
    fn default() -> Self {
        RetryQueue { buckets: VecDeque::new(), first: 0, part: Vec::new(), spare: Vec::new() }
    }
}

impl<T: Copy + Default> RetryQueue<T> {
    /// Queues `item` to be retried at `due`.
    pub fn push(&mut self, due: SimTime, item: T) {
        let (bucket, offset) = (due.as_micros() >> BUCKET_BITS, due.as_micros() as usize & (BUCKET_OFFSETS - 1));
        let i = bucket.wrapping_sub(self.first) as usize;
        match self.buckets.get_mut(i) {
            Some(bucket) => bucket.push((offset as u32, item)),
            _ => self.push_to_new_bucket(bucket, (offset as u32, item)),
        }
    }

    /// `push` to a bucket not yet made.
    fn push_to_new_bucket(&mut self, bucket: u64, entry: (u32, T)) {
        if self.buckets.is_empty() {
            self.first = bucket;
        }
        while bucket < self.first {
            self.buckets.push_front(self.spare.pop().unwrap_or_default());
            self.first -= 1;
        }
        let i = (bucket - self.first) as usize;
        while self.buckets.len() <= i {
            self.buckets.push_back(self.spare.pop().unwrap_or_default());
        }
        self.buckets[i].push(entry);
    }

    /// Writes everything due at or before `now` to the start of `into`, earliest first
    /// (queued first among equal times), and says how many. Past them `into` keeps what it
    /// held (it grows if it is too short): a buffer kept between ticks is overwritten, not
    /// cleared and filled with defaults first, a few MB a tick under a hot key.
    pub fn take_due(&mut self, now: SimTime, into: &mut Vec<T>) -> usize {
        let mut due = 0;
        let last = now.as_micros() >> BUCKET_BITS;
        let now_offset = (now.as_micros() as usize & (BUCKET_OFFSETS - 1)) as u32;
        while self.first <= last {
            let Some(bucket) = self.buckets.front_mut() else { break };
            if self.first < last {
                let mut bucket = self.buckets.pop_front().expect("just looked at it");
                self.first += 1;
                due += in_due_order(&bucket, (into, due));
                if self.spare.len() < SPARE_BUCKETS {
                    bucket.clear();
                    self.spare.push(bucket);
                }
                continue;
            }
            // The bucket of `now` may hold some due later: they stay, in their order.
            self.part.clear();
            self.part.extend(bucket.iter().filter(|e| e.0 <= now_offset));
            if !self.part.is_empty() {
                bucket.retain(|e| e.0 > now_offset);
                due += in_due_order(&self.part, (into, due));
            }
            break;
        }
        due
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.buckets.iter().flatten().map(|(_, item)| item)
    }
}

/// Writes a bucket's items to `into` from `at` by due time, in queue order among equal times,
/// and returns how many. A bucket holds them in queue order, each with its due time's offset
/// in the bucket, so a counting sort on the offset, one stable pass, orders them without
/// comparing (and without another copy of the standard sort in the page). A bucket of a few
/// (most, but under a hot key) is sorted by insertion instead, which needs no table of
/// counts to clear and sum.
fn in_due_order<T: Copy + Default>(bucket: &[(u32, T)], (into, at): (&mut Vec<T>, usize)) -> usize {
    const FEW: usize = 64;
    let n = bucket.len();
    if into.len() < at + n {
        into.resize(at + n, T::default());
    }
    if n <= FEW {
        let mut offsets = [0u32; FEW];
        for (j, &(offset, item)) in bucket.iter().enumerate() {
            // Moved only past strictly later ones: equal times keep their queue order.
            let mut p = j;
            while p > 0 && offsets[p - 1] > offset {
                (offsets[p], into[at + p]) = (offsets[p - 1], into[at + p - 1]);
                p -= 1;
            }
            (offsets[p], into[at + p]) = (offset, item);
        }
        return n;
    }
    let mut starts = [0u32; BUCKET_OFFSETS];
    for &(offset, _) in bucket {
        starts[offset as usize] += 1;
    }
    let mut sum = at as u32;
    for start in starts.iter_mut() {
        (*start, sum) = (sum, sum + *start);
    }
    for &(offset, item) in bucket {
        let start = &mut starts[offset as usize];
        into[*start as usize] = item;
        *start += 1;
    }
    n
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
            // Every seventh round a hot key's burst: hundreds in one bucket, sorted by counting;
            // otherwise a few a bucket, sorted by insertion.
            let burst = round % 7 == 0;
            for i in 0..rng.below(if burst { 2_000 } else { 60 }) {
                // Many share an instant, so that the order of queueing decides among them.
                let later = match (burst, rng.below(2)) {
                    (true, _) => rng.below(9_000),
                    (false, 0) => rng.below(40) * 50_000,
                    (false, _) => rng.below(2_000_000),
                };
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
            // What the buffer held past them stays: only the first `n` are this take's.
            let mut due = vec![(9, 9); 50];
            let n = queue.take_due(SimTime(now), &mut due);
            assert_eq!(due[..n], expected, "round {round}");
            assert!(due[n..].iter().all(|&e| e == (9, 9)), "round {round}");
        }
        assert_eq!(queue.iter().count(), map.len());
    }
}
