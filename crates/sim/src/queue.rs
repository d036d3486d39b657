//! The event queue: a min-heap ordered by `(time, seq)`. `seq` grows with every push, so
//! events due at the same instant come out in the order they were scheduled, and a run is
//! reproducible whatever the payloads are.

use crate::time::SimTime;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

#[derive(Clone)]
struct Entry<T> {
    at: SimTime,
    seq: u64,
    payload: T,
}

impl<T> PartialEq for Entry<T> {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.seq) == (other.at, other.seq)
    }
}
impl<T> Eq for Entry<T> {}
impl<T> PartialOrd for Entry<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<T> Ord for Entry<T> {
    // Reversed: BinaryHeap is a max-heap and we want the earliest (time, seq) on top.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.at, other.seq).cmp(&(self.at, self.seq))
    }
}

#[derive(Clone)]
pub struct EventQueue<T> {
    heap: BinaryHeap<Entry<T>>,
    next_seq: u64,
}

impl<T> Default for EventQueue<T> {
    fn default() -> Self {
        EventQueue { heap: BinaryHeap::new(), next_seq: 0 }
    }
}

impl<T> EventQueue<T> {
    pub fn push(&mut self, at: SimTime, payload: T) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.heap.push(Entry { at, seq, payload });
    }

    /// The time of the earliest pending event.
    pub fn peek_time(&self) -> Option<SimTime> {
        self.heap.peek().map(|e| e.at)
    }

    /// Removes and returns the earliest event if it is due at or before `limit`.
    pub fn pop_due(&mut self, limit: SimTime) -> Option<(SimTime, T)> {
        if self.peek_time()? > limit {
            return None;
        }
        self.heap.pop().map(|e| (e.at, e.payload))
    }

    pub fn len(&self) -> usize {
        self.heap.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_time_events_come_out_in_scheduling_order() {
        let mut q = EventQueue::default();
        let t = SimTime::from_millis(5);
        for label in ["first", "second", "third", "fourth"] {
            q.push(t, label);
        }
        let order: Vec<_> = std::iter::from_fn(|| q.pop_due(t).map(|(_, p)| p)).collect();
        assert_eq!(order, ["first", "second", "third", "fourth"]);
    }

    #[test]
    fn earlier_events_come_first_whatever_the_push_order() {
        let mut q = EventQueue::default();
        q.push(SimTime::from_millis(30), 'c');
        q.push(SimTime::from_millis(10), 'a');
        q.push(SimTime::from_millis(20), 'b');
        q.push(SimTime::from_millis(10), 'A');
        let order: Vec<_> = std::iter::from_fn(|| q.pop_due(SimTime::from_millis(100)).map(|(_, p)| p)).collect();
        assert_eq!(order, ['a', 'A', 'b', 'c']);
    }

    #[test]
    fn events_after_the_limit_stay_queued() {
        let mut q = EventQueue::default();
        q.push(SimTime::from_millis(10), 1);
        q.push(SimTime::from_millis(11), 2);
        assert_eq!(q.pop_due(SimTime::from_millis(10)), Some((SimTime::from_millis(10), 1)));
        assert_eq!(q.pop_due(SimTime::from_millis(10)), None);
        assert_eq!(q.len(), 1);
        assert_eq!(q.peek_time(), Some(SimTime::from_millis(11)));
    }
}
