//! Records in motion, for the canvas to animate: a bounded log of samples of what moved
//! where (a producer's write accepted or throttled, a consumer's read). At high rates a
//! sample stands for many records (`represents`), so the drawing stays light.

use crate::time::SimTime;
use std::collections::VecDeque;
use std::rc::Rc;

/// How many samples the log keeps.
pub const FLOW_CAPACITY: usize = 4_096;
/// Samples one component adds per run at most; the rest are counted in `represents`.
pub const SAMPLES_PER_RUN: usize = 24;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Written into a shard.
    Accepted,
    /// Refused by the shard's write limit: it goes back to its producer.
    Throttled,
    /// Read by a consumer.
    Read,
    /// Dropped from its shard when the retention period passed: it fades where it was.
    Expired,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Flow {
    pub seq: u64,
    pub at: SimTime,
    /// The component it leaves (a producer's id, or a stream's name for reads).
    pub from: Rc<str>,
    /// Where it goes (a stream's name for writes, a consumer's id for reads).
    pub to: Rc<str>,
    /// The shard's index in its stream.
    pub shard: u32,
    /// A hash of the partition key, for its colour.
    pub key_colour: u32,
    pub record_id: u64,
    pub outcome: Outcome,
    /// How many records this sample stands for (1 when every record is drawn).
    pub represents: u64,
}

#[derive(Clone, Debug, Default)]
pub struct FlowLog {
    entries: VecDeque<Flow>,
    next_seq: u64,
}

impl FlowLog {
    pub fn push(&mut self, mut flow: Flow) {
        flow.seq = self.next_seq;
        self.next_seq += 1;
        self.entries.push_back(flow);
        if self.entries.len() > FLOW_CAPACITY {
            self.entries.pop_front();
        }
    }

    /// Samples with `seq >= from`, oldest first.
    pub fn since(&self, from: u64) -> impl Iterator<Item = &Flow> {
        let first = self.entries.front().map_or(self.next_seq, |f| f.seq);
        self.entries.iter().skip(from.saturating_sub(first) as usize)
    }

    pub fn total(&self) -> u64 {
        self.next_seq
    }
}

/// Picks which of `n` items to sample so that at most `SAMPLES_PER_RUN` are: every k-th.
pub fn sample_every(n: usize) -> usize {
    n.div_ceil(SAMPLES_PER_RUN).max(1)
}

/// Which of `n` items, asked about in increasing order, are sampled: every
/// `sample_every(n)`-th from the first, found without a division an item (a tick of a fast
/// producer asks for each of tens of thousands).
#[derive(Clone, Copy, Debug)]
pub struct Sampler {
    pub every: usize,
    next: usize,
}

impl Sampler {
    pub fn new(n: usize) -> Sampler {
        Sampler { every: sample_every(n), next: 0 }
    }

    /// Whether item `i` is sampled; `i` must not be less than the one asked before.
    pub fn takes(&mut self, i: usize) -> bool {
        while self.next < i {
            self.next += self.every;
        }
        self.next == i
    }

    /// The items of `range` it takes, as asking `takes` of each in turn would find them,
    /// without asking of each (a tick whose records were all taken logs only its samples).
    pub fn taken_in(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = usize> {
        (range.start.div_ceil(self.every) * self.every..range.end).step_by(self.every)
    }
}

#[cfg(test)]
mod sampler_tests {
    use super::*;

    #[test]
    fn a_sampler_takes_every_kth_item_as_a_modulo_would() {
        for n in [0usize, 1, 7, SAMPLES_PER_RUN, SAMPLES_PER_RUN + 1, 10_007] {
            let mut sampler = Sampler::new(n);
            let taken: Vec<usize> = (0..n).filter(|&i| sampler.takes(i)).collect();
            let every = sample_every(n);
            assert_eq!(taken, (0..n).filter(|i| i % every == 0).collect::<Vec<_>>(), "{n}");
            // Past the first `asked` items, `taken_in` finds the rest as `takes` does.
            for asked in [0, 1, n / 3, n.saturating_sub(1), n].into_iter().filter(|&a| a <= n) {
                let mut sampler = Sampler::new(n);
                let before: Vec<usize> = (0..asked).filter(|&i| sampler.takes(i)).collect();
                let rest: Vec<usize> = sampler.taken_in(asked..n).collect();
                assert_eq!([before, rest].concat(), taken, "{n} after {asked}");
            }
        }
        // Items skipped in between: still the multiples.
        let mut sampler = Sampler { every: 3, next: 0 };
        assert_eq!([0, 2, 6, 7, 9].map(|i| sampler.takes(i)), [true, false, true, false, true]);
    }
}
