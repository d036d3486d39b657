//! A producer's writes to a provisioned data stream decided a batch at a time: each shard
//! takes the first of the records routed to it that its limits of this second allow — what
//! writing them one by one takes — and keeps what it took as a run of the tick, or as the
//! picks of its retries. The books and the throttling are those of one-by-one writes; the
//! cost is per shard, not per record.

use super::generated_tick::{GeneratedTick, TickRecord};
use super::producer::Outgoing;
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
    placed: Vec<(usize, u32)>,
    /// How many records were routed to each shard, and how many it took: the first ones.
    routed: Vec<u32>,
    taken: Vec<u32>,
    /// Shards in the order their first record comes.
    first_seen: Vec<usize>,
    /// Each shard's run of a tick: its first record and its last one taken.
    span: Vec<Option<(u32, u32)>>,
}

impl Admitted {
    pub(super) fn accepted(&self, i: usize) -> bool {
        let (position, rank) = self.placed[i];
        rank < self.taken[position]
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

/// Admits a batch of records, all of `size` bytes, with hash keys `hashes`, into a
/// provisioned stream a shard at a time: each shard takes the first of the records routed to
/// it that its limits of this second allow — what writing them one by one takes — counting
/// them in its figures. The caller keeps what was taken. None when the records must go one by
/// one (a stream not taking writes, or an on-demand stream, whose capacity follows each
/// write): false, and `into` says nothing.
fn admit_batch(
    (s, router): (&mut Stream, &mut Router),
    ctx: &mut Ctx,
    hashes: impl Iterator<Item = u128>,
    size: u64,
    into: &mut Admitted,
) -> bool {
    if s.require_writable().is_err() || s.mode == crate::kinesis::stream::StreamMode::OnDemand {
        return false;
    }
    router.follow(s);
    let Admitted { placed, routed, taken, first_seen, .. } = into;
    let shards = s.shards.len();
    routed.clear();
    routed.resize(shards, 0);
    // The order in which writing one by one would start each shard's new second (and log
    // the last one's throttles).
    first_seen.clear();
    placed.clear();
    placed.extend(hashes.map(|hash| {
        let position = router.route(hash);
        if routed[position] == 0 {
            first_seen.push(position);
        }
        routed[position] += 1;
        (position, routed[position] - 1)
    }));
    let now = ctx.now;
    taken.clear();
    taken.resize(shards, 0);
    for &position in first_seen.iter() {
        let shard = &mut s.shards[position];
        shard.roll_counters(&s.name, ctx);
        let count = routed[position] as u64;
        let took = shard.admit_writes(now, size, count);
        shard.counters.incoming_bytes += took * size;
        shard.counters.incoming_records += took;
        shard.counters.write_throttled += count - took;
        taken[position] = took as u32;
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
    if hashes.is_empty() || !admit_batch((s, router), ctx, hashes.iter().copied(), size, admitted) {
        return false;
    }
    let Admitted { placed, taken, span, first_seen, .. } = &mut *admitted;
    // Each shard's run: from its first record to its last one taken.
    span.clear();
    span.resize(s.shards.len(), None);
    for (k, &(position, rank)) in placed.iter().enumerate() {
        if rank < taken[position] {
            let k = k as u32;
            let entry = span[position].get_or_insert((k, k));
            entry.1 = k;
        }
    }
    for &position in first_seen.iter() {
        let shard = &mut s.shards[position];
        let Some((first_k, last_k)) = span[position] else { continue };
        let first_sequence = shard.append_generated_run(tick, (first_k, last_k + 1), taken[position]);
        // Test builds keep each record whole as well, from what the producer drew.
        if cfg!(test) {
            for (k, &(p, rank)) in placed.iter().enumerate() {
                if p == position && rank < taken[position] {
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
    retries: &[Outgoing],
    admitted: &mut Admitted,
) -> bool {
    let Some(first) = retries.first().map(Outgoing::size) else { return false };
    if retries.iter().any(|o| o.size() != first)
        || !admit_batch((s, router), ctx, retries.iter().map(Outgoing::hash), first, admitted)
    {
        return false;
    }
    let mut picks: Vec<Vec<TickRecord>> = vec![Vec::new(); s.shards.len()];
    for (i, o) in retries.iter().enumerate() {
        if !admitted.accepted(i) {
            continue;
        }
        let position = admitted.placed[i].0;
        match o {
            Outgoing::Generated { record, .. } => picks[position].push(record.clone()),
            Outgoing::Whole(w) => {
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
