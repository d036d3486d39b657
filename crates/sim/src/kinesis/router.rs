//! The shard of each hash key, for writes of many records at once: the rule is
//! `Stream::route` (the open shard whose hash key range holds the key); this answers it
//! without a search for most keys. Each 256th of the hash key space that lies in one shard
//! is routed by its key's top byte; only a slice a shard boundary cuts is searched. A router
//! is kept between writes and rebuilt when the stream's open shards change.

use super::stream::Stream;

#[derive(Clone, Debug, Default)]
pub struct Router {
    /// The open shards it was built for: (position in the stream, shard index).
    built_for: Vec<(usize, u32)>,
    /// Each open shard's first hash key and position, in key order.
    starts: Vec<(u128, usize)>,
    /// The shard of each slice of the key space by its top byte, if one shard holds it all.
    by_top: Vec<Option<usize>>,
}

impl Router {
    /// Makes it route for `s`'s open shards, rebuilding only if they changed (a shard's
    /// range never does: a reshard closes shards and adds new ones).
    pub fn follow(&mut self, s: &Stream) {
        let open = s.shards.iter().enumerate().filter(|(_, sh)| sh.is_open()).map(|(p, sh)| (p, sh.index));
        if open.clone().eq(self.built_for.iter().copied()) && !self.by_top.is_empty() {
            return;
        }
        self.built_for = open.collect();
        self.starts = self.built_for.iter().map(|&(p, _)| (s.shards[p].range.start, p)).collect();
        crate::order::sort(&mut self.starts);
        self.by_top = (0u128..256)
            .map(|b| {
                let (low, high) = (b << 120, b << 120 | (u128::MAX >> 8));
                Some(self.search(low)).filter(|&p| p == self.search(high))
            })
            .collect();
    }

    /// The position of the open shard that holds `hash`. The stream must have open shards
    /// (a writable stream does).
    pub fn route(&self, hash: u128) -> usize {
        self.by_top[(hash >> 120) as usize].unwrap_or_else(|| self.search(hash))
    }

    fn search(&self, hash: u128) -> usize {
        self.starts[self.starts.partition_point(|&(start, _)| start <= hash).saturating_sub(1)].1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinesis::stream::StreamMode;
    use crate::rng::SimRng;
    use crate::time::SimTime;

    #[test]
    fn it_routes_as_the_stream_does_before_and_after_a_reshard() {
        let mut s = Stream::new("s", StreamMode::Provisioned, 3, SimTime::ZERO);
        let mut router = Router::default();
        let mut rng = SimRng::seed_from_u64(9);
        let mut check = |s: &Stream, router: &mut Router| {
            router.follow(s);
            let bounds = s.shards.iter().filter(|sh| sh.is_open()).flat_map(|sh| [sh.range.start, sh.range.end]);
            let keys: Vec<u128> = (0..2_000)
                .map(|_| (rng.next_u64() as u128) << 64 | rng.next_u64() as u128)
                .chain(bounds.flat_map(|b| [b.saturating_sub(1), b, b.saturating_add(1)]))
                .collect();
            for key in keys {
                assert_eq!(Some(router.route(key)), s.route(key), "{key:x}");
            }
        };
        check(&s, &mut router);
        // Split the middle shard off its own midpoint: a boundary inside one slice.
        let middle = s.shards[1].range;
        let at = middle.start + (middle.end - middle.start) / 2 + 12_345;
        s.shards[1].close();
        let index = s.shards.len() as u32;
        for (i, range) in [(0, (middle.start, at - 1)), (1, (at, middle.end))] {
            let range = crate::kinesis::hash_key::HashRange { start: range.0, end: range.1 };
            s.shards.push(crate::kinesis::shard::Shard::new(index + i, range, SimTime::ZERO));
        }
        check(&s, &mut router);
    }
}
