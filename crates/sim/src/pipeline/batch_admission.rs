//! A producer's writes to a provisioned data stream decided a batch at a time: each shard
//! takes the first of the records routed to it that its limits of this second allow — what
//! writing them one by one takes — and keeps what it took as a run of the tick, or as the
//! picks of its retries. The books and the throttling are those of one-by-one writes; the
//! cost is per shard, not per record.

use super::generated_tick::{GeneratedTick, TickRecord};
use super::retry_holds::{Held, Holds, Waiting};
use crate::ctx::Ctx;
use crate::kinesis::router::Router;
use crate::kinesis::stream::Stream;
use std::rc::Rc;

/// Which records of a batch their shards took, decided at once per shard. A producer keeps
/// one between ticks and admits each batch into it: its vectors are cleared, not made anew,
/// ten times a virtual second.
#[derive(Clone, Debug, Default)]
pub(super) struct Admitted {
    /// Each record's shard (its position in the stream) and its rank among the batch's
    /// records routed there.
    placed: Vec<(u32, u32)>,
    /// How many records were routed to each shard, and how many it took: the first ones.
    routed: Vec<u32>,
    taken: Vec<u32>,
    /// Shards in the order their first record comes.
    first_seen: Vec<usize>,
    /// The first and last of the batch's records routed to each shard (by their place in
    /// the batch).
    bounds: Vec<(u32, u32)>,
    /// Whether some shard refused some: when none did, the caller need not ask record by
    /// record (most ticks of a stream below its limits).
    refused_any: bool,
}

impl Admitted {
    pub(super) fn accepted(&self, i: usize) -> bool {
        let (position, rank) = self.placed[i];
        rank < self.taken[position as usize]
    }

    /// Whether every record of the batch was taken.
    pub(super) fn all_taken(&self) -> bool {
        !self.refused_any
    }

    /// The place in the batch of the last record shard `position` took, if it took any.
    fn last_taken(&self, position: usize) -> Option<u32> {
        let taken = self.taken[position];
        if taken == 0 {
            None
        } else if taken == self.routed[position] {
            Some(self.bounds[position].1)
        } else {
            // Only a shard that refused some: the taken are its first, so look for the rank.
            let from = self.bounds[position].0 as usize;
            let last = (from..self.placed.len()).find(|&i| self.placed[i] == (position as u32, taken - 1));
            last.map(|i| i as u32)
        }
    }

    /// Ends the current run of each shard that refused some: what it takes next starts anew.
    fn seal_throttled(&self, s: &mut Stream) {
        for &position in &self.first_seen {
            if self.taken[position] < self.routed[position] {
                s.shards[position].log.seal();
            }
        }
    }
}

/// Admits a batch of records, given as their hash keys and sizes, all of `size` bytes, into
/// a provisioned stream a shard at a time: each shard takes the first of the records routed
/// to it that its limits of this second allow — what writing them one by one takes —
/// counting them in its figures, into `into`. The caller keeps what was taken. False when
/// the records must go one by one (a stream not taking writes, an on-demand stream, whose
/// capacity follows each write, or records of different sizes); `into` then says nothing.
fn admit_batch(
    (s, router): (&mut Stream, &mut Router),
    ctx: &mut Ctx,
    records: impl Iterator<Item = (u128, u64)>,
    size: u64,
    into: &mut Admitted,
) -> bool {
    if s.require_writable().is_err() || s.mode == crate::kinesis::stream::StreamMode::OnDemand {
        return false;
    }
    router.follow(s);
    let Admitted { placed, routed, taken, first_seen, bounds, refused_any } = into;
    let shards = s.shards.len();
    routed.clear();
    routed.resize(shards, 0);
    bounds.clear();
    bounds.resize(shards, (0, 0));
    // The order in which writing one by one would start each shard's new second (and log
    // the last one's throttles).
    first_seen.clear();
    placed.clear();
    // Sizes are checked while routing, which changes nothing yet: one pass over the records.
    let mut sizes_differ = false;
    placed.extend(records.enumerate().map(|(i, (hash, record_size))| {
        sizes_differ |= record_size != size;
        let (position, i) = (router.route(hash), i as u32);
        if routed[position] == 0 {
            first_seen.push(position);
            bounds[position].0 = i;
        }
        bounds[position].1 = i;
        routed[position] += 1;
        (position as u32, routed[position] - 1)
    }));
    if sizes_differ {
        return false;
    }
    let now = ctx.now;
    taken.clear();
    taken.resize(shards, 0);
    *refused_any = false;
    for &position in first_seen.iter() {
        let shard = &mut s.shards[position];
        shard.roll_counters(&s.name, ctx);
        let count = routed[position] as u64;
        let took = shard.admit_writes(now, size, count);
        shard.counters.incoming_bytes += took * size;
        shard.counters.incoming_records += took;
        shard.counters.write_throttled += count - took;
        taken[position] = took as u32;
        *refused_any |= took < count;
    }
    true
}

/// Writes a tick's new records, all of `size` bytes, with `admit_batch`; each shard keeps
/// what it took as one run of the tick. The records are given as their keys' indices in the
/// tick's key table and their hash keys. False when they must go one by one.
pub(super) fn admit_tick(
    (s, router): (&mut Stream, &mut Router),
    ctx: &mut Ctx,
    tick: &Rc<GeneratedTick>,
    (picked, hashes): (&[u32], &[u128]),
    size: u64,
    admitted: &mut Admitted,
) -> bool {
    if hashes.is_empty() || !admit_batch((s, router), ctx, hashes.iter().map(|&h| (h, size)), size, admitted) {
        return false;
    }
    let admitted = &*admitted;
    for &position in &admitted.first_seen {
        // Each shard's run: from its first record to its last one taken.
        let Some(last_k) = admitted.last_taken(position) else { continue };
        let (first_k, taken) = (admitted.bounds[position].0, admitted.taken[position]);
        let shard = &mut s.shards[position];
        let first_sequence = shard.append_generated_run(tick, (first_k, last_k + 1), taken);
        // Test builds keep each record whole as well, from what the producer drew.
        if cfg!(test) {
            for (k, &(p, rank)) in admitted.placed.iter().enumerate() {
                if p as usize == position && rank < taken {
                    let (k, key) = (k as u32, tick.key_with(k as u32, picked[k]).0);
                    let sequence = first_sequence + rank as u128;
                    shard.log.keep_in_reference(|| tick.stored(k, (key, hashes[k as usize]), sequence, tick.arrival()));
                }
            }
        }
    }
    admitted.seal_throttled(s);
    true
}

/// Writes retried records with `admit_batch` when all have the same size. Each shard keeps
/// the generated records it took together, as their ticks and places (`TickRecord`), and
/// any other record whole. False when they must go one by one.
pub(super) fn admit_retries(
    (s, router): (&mut Stream, &mut Router),
    ctx: &mut Ctx,
    (retries, holds): (&[Waiting], &Holds),
    admitted: &mut Admitted,
) -> bool {
    let Some(first) = retries.first().map(|&w| holds.get(w).size()) else { return false };
    let one_table = holds.one_key_table();
    let records = retries.iter().map(|&w| match one_table {
        Some((keys, size)) => (keys.hash_in_table(w.key()), size),
        None => {
            let held = holds.get(w);
            (held.hash(), held.size())
        }
    });
    if !admit_batch((s, router), ctx, records, first, admitted) {
        return false;
    }
    // Only the records up to the last one taken need a look: under a hot key, often none.
    let Some(last) = admitted.first_seen.iter().filter_map(|&p| admitted.last_taken(p)).max() else {
        admitted.seal_throttled(s);
        return true;
    };
    let mut picks: Vec<Vec<TickRecord>> = vec![Vec::new(); s.shards.len()];
    for (i, &w) in retries[..=last as usize].iter().enumerate() {
        if !admitted.accepted(i) {
            continue;
        }
        let position = admitted.placed[i].0 as usize;
        match holds.get(w) {
            Held::Tick { tick, k, key } => picks[position].push(TickRecord { tick: tick.clone(), k, key }),
            Held::Whole(w) => {
                // The shard's order is the retries' order: what it took before this comes first.
                let before = std::mem::take(&mut picks[position]);
                let shard = &mut s.shards[position];
                shard.append_picks(before, ctx.now);
                shard.append(w.stored(ctx.now));
            }
        }
    }
    for (position, records) in picks.into_iter().enumerate() {
        s.shards[position].append_picks(records, ctx.now);
    }
    admitted.seal_throttled(s);
    true
}
