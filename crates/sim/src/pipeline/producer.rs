//! A producer: an application that writes records to a data stream — or, with Direct PUT,
//! to a Firehose delivery stream — at a steady rate, with the SDK's behaviour on throttling
//! (retries with exponential backoff and jitter) and, optionally, the KPL's aggregation and
//! collection. It is a client of the same write paths as PutRecord/PutRecords and
//! PutRecord/PutRecordBatch.

use super::batch_admission::{admit_retries, admit_tick, Admitted};
use super::generated_tick::{GeneratedTick, TickShape};
use super::key_table::{KeyTable, Keyed};
use super::kpl_aggregation::Aggregator;
use super::record_data::RecordData;
use super::retry_holds::{Holds, Waiting};
use super::retry_queue::RetryQueue;
use super::settings::ProducerSettings;
use super::whole_record::WholeRecord;
use crate::ctx::Ctx;
use crate::flow::{Flow, Outcome};
use crate::kinesis::error::ErrorType;
use crate::kinesis::ops_write::{write_generated, write_into};
use crate::kinesis::router::Router;
use crate::kinesis::stream::Stream;
use crate::kinesis::ApiResult;
use crate::ledger::Place;
use crate::rng::SimRng;
use crate::scenario::ProducerTarget;
use crate::time::{SimDuration, SimTime};
use serde::Serialize;
use std::collections::BTreeMap;
use std::rc::Rc;

pub use super::key_table::RANDOM_KEY_POOL;

/// How often a producer wakes to send what accumulated (the SDK's RecordMaxBufferedTime is
/// 100 ms for the KPL; a plain SDK producer sends as records come, which per-second limits
/// cannot tell apart from this).
pub const TICK: SimDuration = SimDuration::from_millis(100);
// KPL aggregation's size, and the SDK's standard retry mode (3 attempts, full-jitter backoff
// capped at 20 s), are in `kinesis::limits`. The backoff's base is the producer's `backoff_ms`
// (100 ms by default, the JavaScript and Java SDKs' base delay).
pub use crate::kinesis::limits::{
    KPL_AGGREGATION_MAX_BYTES as AGGREGATION_MAX_BYTES, SDK_MAX_ATTEMPTS, SDK_MAX_BACKOFF as MAX_BACKOFF,
};

/// How long retry number `retry` (1 for the first) of a throttled record waits, with full
/// jitter from the producer's own generator: evenly in 0 ..< min(MAX_BACKOFF, base × 2^(retry − 1)).
pub fn backoff(base_ms: u64, retry: u32, rng: &mut SimRng) -> SimDuration {
    let doubled = base_ms.saturating_mul(1u64 << retry.saturating_sub(1).min(32)).saturating_mul(1_000);
    let ceiling = doubled.min(MAX_BACKOFF.as_micros()).max(1);
    SimDuration::from_micros(rng.below(ceiling))
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ProducerStats {
    /// User records created.
    pub created: u64,
    /// User records accepted by a shard.
    pub accepted: u64,
    /// Write attempts refused by a throttle (a retried record counts each time).
    pub throttled: u64,
    /// User records given up after the last attempt.
    pub failed: u64,
    /// PutRecord / PutRecords requests sent.
    pub requests: u64,
}

#[derive(Clone, Debug)]
pub struct Producer {
    pub id: String,
    pub settings: ProducerSettings,
    /// The data stream or delivery stream it is wired to, if any.
    pub target: Option<ProducerTarget>,
    rng: SimRng,
    /// When it last created records: each tick creates those of the time since.
    last_tick: Option<SimTime>,
    carry: f64,
    made: u64,
    /// The keys it draws from; shared with the runs of records it wrote, which draw them
    /// again when read.
    keys: Rc<KeyTable>,
    /// This tick's records' keys, as their indices in the key table and their hash keys
    /// (kept between ticks so that a tick does not allocate them). Not the keys themselves:
    /// copying a key's `Rc` touches its allocation, a cache miss a record on a pool of
    /// 16,384 keys, and only a record written one by one needs its key.
    picked: Vec<u32>,
    hashes: Vec<u128>,
    /// The shards of its target stream by hash key, kept between ticks.
    router: Router,
    /// Which records of a batch their shards took: kept between ticks, as `picked` (boxed:
    /// a canvas component is as large as its largest kind).
    admitted: Box<Admitted>,
    /// What its ticks share, until its settings change or their offsets outgrow it.
    shape: Option<Rc<TickShape>>,
    /// Records waiting to be retried, by when (equal times in the order they were queued),
    /// and what they refer to (boxed, as `admitted`).
    retries: Box<RetryQueue<Waiting>>,
    holds: Box<Holds>,
    /// The records of a tick, retries first: kept between ticks, as `picked`.
    batch: Vec<Waiting>,
    /// User records refused this tick: (queued for a retry, given up), for the ledger.
    refusals: (u64, u64),
    pub stats: ProducerStats,
}

impl Producer {
    pub fn new(id: &str, settings: ProducerSettings, target: Option<ProducerTarget>, rng: SimRng) -> Producer {
        let mut rng = rng;
        let keys = Rc::new(KeyTable::new(id, settings.keys, &mut rng));
        Producer {
            id: id.to_string(),
            settings,
            target,
            rng,
            last_tick: None,
            carry: 0.0,
            made: 0,
            keys,
            picked: Vec::new(),
            hashes: Vec::new(),
            router: Router::default(),
            admitted: Box::default(),
            shape: None,
            retries: Box::default(),
            holds: Box::default(),
            batch: Vec::new(),
            refusals: (0, 0),
            stats: ProducerStats::default(),
        }
    }

    /// New settings and wire, keeping what it has done (and its queued retries).
    pub fn reconfigure(&mut self, settings: ProducerSettings, target: Option<ProducerTarget>) {
        if settings.keys != self.settings.keys {
            let fresh = Producer::new(&self.id, settings.clone(), None, self.rng.clone());
            self.keys = fresh.keys;
        }
        self.settings = settings;
        self.target = target;
    }

    /// User records waiting at this producer for a retry, counted from its own queue: what
    /// the ledger's `Retrying` must agree with, and what the inspector shows.
    pub fn retrying(&self) -> u64 {
        self.retries.iter().map(|&w| u64::from(self.holds.user_records(w))).sum()
    }

    fn next_key(&mut self) -> Keyed {
        self.keys.draw(&mut self.rng, self.made)
    }

    /// One tick: create the records of the last `TICK`, send them and the retries now due.
    /// Returns when it wants to run next.
    pub fn tick(&mut self, services: &mut super::Services, ctx: &mut Ctx) -> SimTime {
        let next = self.send_tick(services, ctx);
        // The tick's refusals, booked at once: under a hot key they are a hundred thousand.
        let (retrying, rejected) = std::mem::take(&mut self.refusals);
        ctx.ledger.relocate(Place::AtProducer, Place::Retrying, retrying);
        ctx.ledger.relocate(Place::AtProducer, Place::Rejected, rejected);
        next
    }

    fn send_tick(&mut self, services: &mut super::Services, ctx: &mut Ctx) -> SimTime {
        let now = ctx.now;
        let Some(target) = self.target.clone() else { return now + TICK };
        let mut batch = std::mem::take(&mut self.batch);
        let retried = self.retries.take_due(now, &mut batch);
        // Each waiting tick's record is one user record: the sum needs a look only at whole ones.
        let waiting = match self.holds.holds_whole() {
            true => batch[..retried].iter().map(|&w| u64::from(self.holds.user_records(w))).sum(),
            false => retried as u64,
        };
        ctx.ledger.relocate(Place::Retrying, Place::AtProducer, waiting);

        let elapsed = self.last_tick.map_or(0, |t| now.saturating_sub(t).as_micros());
        self.last_tick = Some(now);
        let due = self.settings.records_per_second * elapsed as f64 / 1_000_000.0 + self.carry;
        let n = due.floor() as u64;
        self.carry = due - n as f64;
        // KPL aggregation packs user records the KPL predicts for the same shard (from the
        // stream's shard map), one aggregate a shard at a time.
        let aggregating = self.settings.aggregation && matches!(target, ProducerTarget::Stream(_));
        let shard_map = match &target {
            ProducerTarget::Stream(name) if aggregating => services.kinesis.stream(name).ok(),
            _ => None,
        };
        // KPL collection sends up to 500 records a request; otherwise one PutRecord each.
        let per_request = if self.settings.collection { 500 } else { 1 };
        let stream = match (target, aggregating) {
            (ProducerTarget::Stream(stream), false) => {
                return self.send_to_stream(services, ctx, &stream, (batch, retried), n);
            }
            (ProducerTarget::Firehose(name), _) => {
                // The new records are a tick's, held as the tick and their places in it, so
                // that Firehose keeps a run of them as one.
                batch.truncate(retried);
                let tick = self.generate(ctx, n);
                let holds = &mut self.holds;
                batch.extend(self.picked.iter().zip(0..).map(|(&key, k)| holds.hold_tick_record(&tick, k, key, 0)));
                self.stats.requests += batch.len().div_ceil(per_request) as u64;
                return self.send_to_firehose(services, ctx, &name, batch, per_request);
            }
            (ProducerTarget::Stream(stream), true) => stream,
        };
        batch.truncate(retried);
        let mut aggregates: BTreeMap<usize, Packing> = BTreeMap::new();
        for _ in 0..n {
            let (key, hash) = self.next_key();
            let number = self.made;
            self.made += 1;
            self.stats.created += 1;
            ctx.ledger.create(Place::AtProducer);
            let shard = shard_map.and_then(|s| s.route(hash)).unwrap_or(0);
            if aggregates.get(&shard).is_some_and(|p| p.agg.len_with(&key) > AGGREGATION_MAX_BYTES as usize) {
                batch.extend(aggregates.remove(&shard).map(|p| self.holds.hold_whole(p.into_whole(), 0)));
            }
            let packing = aggregates.entry(shard).or_insert_with(|| Packing {
                key: key.clone(),
                hash,
                record_id: ctx.new_record_id(),
                agg: Aggregator::new(self.settings.template, self.settings.record_bytes),
            });
            packing.agg.push(&key, number);
        }
        batch.extend(aggregates.into_values().map(|p| self.holds.hold_whole(p.into_whole(), 0)));
        self.stats.requests += batch.len().div_ceil(per_request) as u64;
        let kinesis = &mut *services.kinesis;
        let mut accepted = 0;
        // A sample of the records is logged for the canvas to animate; each stands for `every`.
        let every = crate::flow::sample_every(batch.len());
        let (from, to): (Rc<str>, Rc<str>) = (self.id.as_str().into(), stream.as_str().into());
        let mut target = kinesis.stream_mut(&stream);
        for (i, &w) in batch.iter().enumerate() {
            let (hash, record_id) = (self.holds.get(w).hash(), self.holds.get(w).record_id());
            let users = self.send(target.as_deref_mut().map_err(|e| e.clone()), ctx, w);
            accepted += users;
            if i % every == 0 {
                log_sample(ctx, (&from, &to), target.as_deref().ok(), hash, record_id, users > 0, every);
            }
        }
        // Booked once per tick rather than per record: the same books, far fewer map updates.
        self.stats.accepted += accepted;
        ctx.ledger.relocate(Place::AtProducer, Place::InShard, accepted);
        self.batch = batch;
        now + TICK
    }

    /// Creates `n` records and sends them, after the `retries` due, to a data stream one
    /// record at a time (each admitted or refused by its shard's limits of this second, as
    /// PutRecord and PutRecords do). The shards keep what they take of the new records as runs
    /// of this tick (`GeneratedTick`), not as records.
    fn send_to_stream(
        &mut self,
        services: &mut super::Services,
        ctx: &mut Ctx,
        stream: &str,
        (batch, retried): (Vec<Waiting>, usize),
        n: u64,
    ) -> SimTime {
        let retries = &batch[..retried];
        let now = ctx.now;
        let tick = self.generate(ctx, n);
        let (picked, hashes) = (std::mem::take(&mut self.picked), std::mem::take(&mut self.hashes));
        // KPL collection sends up to 500 records a request; otherwise one PutRecord each.
        let per_request = if self.settings.collection { 500 } else { 1 };
        let total = retries.len() + hashes.len();
        self.stats.requests += total.div_ceil(per_request) as u64;
        let kinesis = &mut *services.kinesis;
        let mut accepted = 0;
        // A sample of the records is logged for the canvas to animate; each stands for `every`.
        let mut sampler = crate::flow::Sampler::new(total);
        let (from, to): (Rc<str>, Rc<str>) = (self.id.as_str().into(), stream.into());
        let mut target = kinesis.stream_mut(stream);
        let mut admitted = std::mem::take(&mut *self.admitted);
        let retries_admitted = match target.as_deref_mut() {
            Ok(s) => {
                admit_retries((s, &mut self.router), ctx, (retries, &self.holds), &mut admitted).then_some(&admitted)
            }
            Err(_) => None,
        };
        for (i, &w) in retries.iter().enumerate() {
            // Its hash key is looked up again only for a record the canvas is shown.
            let shown = sampler.takes(i).then(|| (self.holds.get(w).hash(), self.holds.get(w).record_id()));
            let ok = match &retries_admitted {
                Some(admitted) if admitted.accepted(i) => {
                    accepted += u64::from(self.holds.user_records(w));
                    self.holds.let_go(w);
                    true
                }
                Some(_) => {
                    self.refused(ctx, w, true);
                    false
                }
                None => {
                    let taken = self.send(target.as_deref_mut().map_err(|e| e.clone()), ctx, w);
                    accepted += taken;
                    taken > 0
                }
            };
            if let Some((hash, record_id)) = shown {
                log_sample(ctx, (&from, &to), target.as_deref().ok(), hash, record_id, ok, sampler.every);
            }
        }
        let size = tick.uniform_record_size();
        let batched = match (target.as_deref_mut(), size) {
            (Ok(s), Some(size)) => {
                admit_tick((s, &mut self.router), ctx, &tick, (&picked, &hashes), size, &mut admitted)
                    .then_some(&admitted)
            }
            _ => None,
        };
        if batched.is_some_and(Admitted::all_taken) {
            // Every record taken (most ticks): only the canvas's samples need a look, the
            // same ones the loop below would log.
            if cfg!(test) {
                let admitted = batched.expect("batched");
                assert!((0..hashes.len()).all(|k| admitted.accepted(k)), "all taken means each taken");
            }
            accepted += hashes.len() as u64;
            let stream = target.as_deref().ok();
            for i in sampler.taken_in(retried..retried + hashes.len()) {
                let k = i - retried;
                log_sample(ctx, (&from, &to), stream, hashes[k], tick.record_id(k as u32), true, sampler.every);
            }
        } else {
            for (k, hash) in hashes.iter().enumerate() {
                let k = k as u32;
                // Admitted in the batch, or written one by one.
                let refusal = match (&batched, target.as_deref_mut()) {
                    (Some(admitted), _) => (!admitted.accepted(k as usize)).then_some(true),
                    (None, Ok(s)) => write_generated(s, ctx, &tick, k, &tick.key_with(k, picked[k as usize]).0, *hash)
                        .err()
                        .map(|e| e.kind == ErrorType::ProvisionedThroughputExceededException),
                    (None, Err(e)) => Some(e.kind == ErrorType::ProvisionedThroughputExceededException),
                };
                match refusal {
                    None => accepted += 1,
                    Some(throttled) => {
                        let w = self.holds.hold_tick_record(&tick, k, picked[k as usize], 0);
                        self.refused(ctx, w, throttled);
                    }
                }
                if sampler.takes(retried + k as usize) {
                    let stream = target.as_deref().ok();
                    log_sample(ctx, (&from, &to), stream, *hash, tick.record_id(k), refusal.is_none(), sampler.every);
                }
            }
        }
        self.picked = picked;
        self.hashes = hashes;
        self.batch = batch;
        *self.admitted = admitted;
        // Booked once per tick rather than per record: the same books, far fewer map updates.
        self.stats.accepted += accepted;
        ctx.ledger.relocate(Place::AtProducer, Place::InShard, accepted);
        now + TICK
    }

    /// Creates `n` records as one tick: draws their keys (their indices in the key table into
    /// `picked`, their hash keys into `hashes`) and books them.
    fn generate(&mut self, ctx: &mut Ctx, n: u64) -> Rc<GeneratedTick> {
        let rng_before = self.rng.clone();
        let first_number = self.made;
        let first_record_id = if n > 0 { ctx.new_record_ids(n) } else { 0 };
        self.picked.clear();
        self.hashes.clear();
        for _ in 0..n {
            let index = self.keys.pick(&mut self.rng);
            self.hashes.push(self.keys.hash_at(index, self.made));
            self.picked.push(index);
            self.made += 1;
        }
        self.stats.created += n;
        ctx.ledger.create_many(Place::AtProducer, n);
        Rc::new(self.generated_tick(ctx.now, rng_before, first_number, first_record_id))
    }

    /// Direct PUT: sends the batch to a delivery stream in PutRecordBatch requests of up to
    /// `per_request` records (and 4 MiB). A request over the Direct PUT quota answers every
    /// record ServiceUnavailableException, which the SDK retries like a throttle.
    fn send_to_firehose(
        &mut self,
        services: &mut super::Services,
        ctx: &mut Ctx,
        name: &str,
        batch: Vec<Waiting>,
        per_request: usize,
    ) -> SimTime {
        let now = ctx.now;
        let every = crate::flow::sample_every(batch.len());
        let (from, to): (Rc<str>, Rc<str>) = (self.id.as_str().into(), name.into());
        let mut requests: Vec<Vec<Waiting>> = Vec::new();
        let mut bytes = 0u64;
        for &w in &batch {
            let len = self.holds.get(w).data_len();
            match requests.last_mut() {
                Some(r) if r.len() < per_request && bytes + len <= crate::firehose::limits::BATCH_MAX_BYTES => {
                    bytes += len;
                    r.push(w);
                }
                _ => {
                    bytes = len;
                    requests.push(vec![w]);
                }
            }
        }
        let mut sent = 0usize;
        for request in requests {
            // Generated records travel as how to make them: the buffer and the object hold
            // a few words a record, and bytes are made when something opens them.
            let records: Vec<(RecordData, Option<u64>)> = request
                .iter()
                .map(|&w| (self.holds.get(w).record_data(), Some(self.holds.get(w).record_id())))
                .collect();
            let n = request.len() as u64;
            let result = services.firehose.put_records(ctx, services.stores, name, records, Some(Place::AtProducer));
            let accepted = result.is_ok();
            for &w in &request {
                let o = self.holds.get(w);
                if sent % every == 0 {
                    ctx.flows.push(Flow {
                        seq: 0,
                        at: now,
                        from: from.clone(),
                        to: to.clone(),
                        shard: 0,
                        key_colour: (o.hash() >> 96) as u32,
                        record_id: o.record_id(),
                        outcome: if accepted { Outcome::Accepted } else { Outcome::Throttled },
                        represents: every as u64,
                    });
                }
                sent += 1;
            }
            match result {
                Ok(_) => {
                    self.stats.accepted += n;
                    request.into_iter().for_each(|w| self.holds.let_go(w));
                }
                Err(e) => {
                    for w in request {
                        self.refused(ctx, w, e.kind == ErrorType::ServiceUnavailableException);
                    }
                }
            }
        }
        self.batch = batch;
        now + TICK
    }

    /// The record of a tick arriving at `arrival`, with the producer's current shape (a new
    /// one if its settings changed or the tick lies past what the shape's offsets reach).
    fn generated_tick(
        &mut self,
        arrival: SimTime,
        rng: SimRng,
        first_number: u64,
        first_record_id: u64,
    ) -> GeneratedTick {
        let (template, size) = (self.settings.template, self.settings.record_bytes);
        if let Some(shape) = self.shape.as_ref().filter(|s| s.is_for(&self.keys, template, size)) {
            if let Some(tick) = GeneratedTick::new(shape, arrival, rng.clone(), first_number, first_record_id) {
                return tick;
            }
        }
        let shape = TickShape::new(self.keys.clone(), template, size, arrival, first_number);
        let tick = GeneratedTick::first_of(&shape, rng, first_record_id);
        self.shape = Some(shape);
        tick
    }

    /// A record the service refused: retried with backoff if the error is a throttle and
    /// retries are left, otherwise given up (and counted where the books can see it).
    fn refused(&mut self, ctx: &mut Ctx, w: Waiting, throttled: bool) {
        let users = u64::from(self.holds.user_records(w));
        if throttled {
            self.stats.throttled += 1;
        }
        if throttled && w.attempts() < self.settings.max_retries {
            let w = w.retried();
            let wait = backoff(self.settings.backoff_ms, w.attempts(), &mut self.rng);
            self.refusals.0 += users;
            self.retries.push(ctx.now + wait, w);
        } else {
            self.stats.failed += users;
            self.refusals.1 += users;
            self.holds.let_go(w);
        }
    }

    /// Sends one record; returns how many user records a shard accepted (0 if refused).
    fn send(&mut self, stream: ApiResult<&mut Stream>, ctx: &mut Ctx, w: Waiting) -> u64 {
        let held = self.holds.get(w);
        let (users, record_id) = (held.user_records(), held.record_id());
        let result = stream.and_then(|s| {
            let (key, hash, payload) = held.parts();
            write_into(s, ctx, &key, Some(hash), false, payload, record_id, users)
        });
        match result {
            Ok(_) => {
                self.holds.let_go(w);
                users.into()
            }
            Err(e) => {
                self.refused(ctx, w, e.kind == ErrorType::ProvisionedThroughputExceededException);
                0
            }
        }
    }
}

/// Logs one record of a write to a data stream for the canvas to animate, standing for
/// `every` records: the shard it went to (as the stream routes it now) and whether it was
/// taken.
fn log_sample(
    ctx: &mut Ctx,
    (from, to): (&Rc<str>, &Rc<str>),
    stream: Option<&Stream>,
    hash: u128,
    record_id: u64,
    taken: bool,
    every: usize,
) {
    let shard = stream.and_then(|s| s.route(hash).map(|p| s.shards[p].index)).unwrap_or(0);
    ctx.flows.push(Flow {
        seq: 0,
        at: ctx.now,
        from: from.clone(),
        to: to.clone(),
        shard,
        key_colour: (hash >> 96) as u32,
        record_id,
        outcome: if taken { Outcome::Accepted } else { Outcome::Throttled },
        represents: every as u64,
    });
}

/// A KPL aggregate being packed for one shard. It goes out under its first user record's
/// partition key and hash key, so it lands on the shard its records were predicted for.
struct Packing {
    key: Rc<str>,
    hash: u128,
    record_id: u64,
    agg: Aggregator,
}

impl Packing {
    fn into_whole(self) -> WholeRecord {
        let user_records = self.agg.count() as u32;
        WholeRecord {
            key: self.key,
            hash: self.hash,
            payload: self.agg.finish(),
            user_records,
            record_id: self.record_id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_full_jitter_below_a_doubling_ceiling_capped_at_20_s() {
        let mut rng = SimRng::seed_from_u64(7);
        let draws = |retry: u32, rng: &mut SimRng| -> Vec<u64> {
            (0..2_000).map(|_| backoff(100, retry, rng).as_micros()).collect()
        };
        for (retry, ceiling) in [(1, 100_000), (2, 200_000), (3, 400_000), (12, 20_000_000), (40, 20_000_000)] {
            let waits = draws(retry, &mut rng);
            assert!(waits.iter().all(|&w| w < ceiling), "retry {retry} waits below {ceiling} µs");
            // Full jitter: anywhere from 0, not only in the upper half.
            assert!(waits.iter().any(|&w| w < ceiling / 10), "retry {retry}");
            assert!(waits.iter().any(|&w| w > ceiling / 10 * 9), "retry {retry}");
        }
        let (mut a, mut b) = (SimRng::seed_from_u64(1), SimRng::seed_from_u64(1));
        assert_eq!(draws(3, &mut a), draws(3, &mut b), "the producer's seeded generator decides");
    }
}
