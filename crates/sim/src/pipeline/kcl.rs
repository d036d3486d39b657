//! A KCL application: workers share the stream's shards through a lease table (one lease per
//! shard, kept in DynamoDB by the real KCL). A new lease starts at the application's initial
//! position (LATEST unless set; a child shard at its beginning). A worker reads the shards it
//! leases and checkpoints the last processed sequence number every N records. When a worker
//! dies, its leases expire after the failover time and move to the live workers; a worker that
//! joins steals leases from busier ones (`kcl_leases.rs`). A lease's new owner restarts from
//! the last checkpoint: what was processed after it is processed again (at-least-once), and
//! those duplicates are counted.

use super::kcl_leases::{lease_to_steal, taker_interval};
use super::lineage::{newly_readable, Cursor};
use super::poller::{initial_position, ReaderStats};
use super::settings::KclSettings;
use crate::ctx::Ctx;
use crate::event::EventKind;
use crate::kinesis::error::ErrorType;
use crate::kinesis::shard::shard_id;
use crate::kinesis::Kinesis;
use crate::time::{SimDuration, SimTime};
use serde::Serialize;
use std::collections::BTreeMap;

/// A row of the lease table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Lease {
    /// The worker holding it, if any.
    pub owner: Option<usize>,
    /// The last checkpoint: where a new owner starts.
    pub checkpoint: u128,
    /// Where the owner is reading now.
    #[serde(skip)]
    pub cursor: Cursor,
    /// One past the highest sequence number ever processed: anything below it processed again
    /// is a duplicate.
    #[serde(skip)]
    pub processed_up_to: u128,
    pub since_checkpoint: u32,
    pub finished: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Worker {
    pub name: String,
    pub alive: bool,
    /// When it died (its leases expire `failover_ms` later).
    #[serde(skip)]
    pub died_at: Option<SimTime>,
}

#[derive(Clone, Debug)]
pub struct KclApp {
    pub id: String,
    pub settings: KclSettings,
    pub stream: Option<String>,
    pub workers: Vec<Worker>,
    /// The lease table, by shard index.
    pub leases: BTreeMap<u32, Lease>,
    pub stats: ReaderStats,
    /// After each failover: (shard, from, to) — the sequence numbers from the last checkpoint
    /// up to what had been processed, which the new owner processes again.
    pub redelivered: Vec<(u32, u128, u128)>,
    /// When the lease taker next looks for a lease to steal.
    next_steal: SimTime,
}

impl KclApp {
    pub fn new(id: &str, settings: KclSettings, stream: Option<String>) -> Self {
        let workers = (0..settings.workers)
            .map(|i| Worker { name: format!("worker-{}", i + 1), alive: true, died_at: None })
            .collect();
        KclApp {
            id: id.to_string(),
            settings,
            stream,
            workers,
            leases: BTreeMap::new(),
            stats: ReaderStats::default(),
            redelivered: Vec::new(),
            next_steal: SimTime::ZERO,
        }
    }

    /// New settings and wire. More workers join the pool; fewer workers means the last ones
    /// leave and their leases are freed at once (a clean shutdown, unlike a death).
    pub fn reconfigure(&mut self, settings: KclSettings, stream: Option<String>) {
        let want = settings.workers as usize;
        while self.workers.len() < want {
            let n = self.workers.len() + 1;
            self.workers.push(Worker { name: format!("worker-{n}"), alive: true, died_at: None });
        }
        if self.workers.len() > want {
            self.workers.truncate(want);
            for lease in self.leases.values_mut() {
                if lease.owner.is_some_and(|o| o >= want) {
                    lease.owner = None;
                }
            }
        }
        self.settings = settings;
        self.stream = stream;
    }

    /// Stops a worker, as if its host died. Returns false if it was already dead or unknown.
    pub fn kill_worker(&mut self, worker: usize, ctx: &mut Ctx) -> bool {
        match self.workers.get_mut(worker) {
            Some(w) if w.alive => {
                w.alive = false;
                w.died_at = Some(ctx.now);
                let name = w.name.clone();
                ctx.log(&self.id, EventKind::WorkerDied { app: self.id.clone(), worker: name });
                true
            }
            _ => false,
        }
    }

    fn cursors(&self) -> BTreeMap<u32, Cursor> {
        self.leases.iter().map(|(&i, l)| (i, Cursor { position: l.checkpoint, finished: l.finished })).collect()
    }

    pub fn tick(&mut self, kinesis: &mut Kinesis, ctx: &mut Ctx) -> SimTime {
        let next = ctx.now + SimDuration::from_millis(self.settings.poll_interval_ms);
        let Some(stream) = self.stream.clone() else { return next };
        let Ok(s) = kinesis.stream(&stream) else { return next };
        // New shards get a lease once their parents are done.
        let cursors = self.cursors();
        let start = self.settings.initial_position;
        for (shard, position) in newly_readable(s, &cursors, |p| initial_position(kinesis, &stream, p, start)) {
            self.leases.insert(
                shard,
                Lease {
                    owner: None,
                    checkpoint: position,
                    cursor: Cursor { position, finished: false },
                    processed_up_to: position,
                    since_checkpoint: 0,
                    finished: false,
                },
            );
        }
        self.expire_dead_leases(ctx);
        self.balance_leases(ctx);
        self.steal_leases(ctx);

        for (&shard, lease) in self.leases.iter_mut().filter(|(_, l)| !l.finished) {
            let Some(owner) = lease.owner else { continue };
            if !self.workers[owner].alive {
                continue;
            }
            self.stats.get_records_calls += 1;
            match kinesis.poll(
                ctx,
                &stream,
                shard,
                lease.cursor.position,
                crate::kinesis::limits::GET_RECORDS_MAX_LIMIT as usize,
            ) {
                Ok((polled, _)) => {
                    super::log_read(ctx, &stream, &self.id, shard, &polled);
                    self.stats.processed += polled.user_records;
                    self.stats.latency_ms_sum += polled.latency_ms_sum;
                    super::record_latency(ctx, &self.id, polled.user_records, polled.latency_ms_sum);
                    self.stats.millis_behind = polled.millis_behind;
                    if let (Some(first), Some(last)) = (polled.first_sequence, polled.last_sequence) {
                        if first < lease.processed_up_to {
                            let again = kinesis
                                .stream(&stream)
                                .ok()
                                .and_then(|s| s.shard(shard))
                                .map_or(0, |sh| sh.log.user_records_between(first, lease.processed_up_to));
                            self.stats.duplicates += again;
                        }
                        lease.processed_up_to = lease.processed_up_to.max(last + 1);
                        lease.since_checkpoint += polled.records as u32;
                    }
                    lease.cursor.position = polled.next_position;
                    if polled.at_end {
                        // KCL checkpoints SHARD_END when a closed shard is done.
                        lease.finished = true;
                        lease.checkpoint = polled.next_position;
                    } else if lease.since_checkpoint >= self.settings.checkpoint_every {
                        lease.checkpoint = polled.next_position;
                        lease.since_checkpoint = 0;
                    }
                }
                Err(e) if e.kind == ErrorType::ProvisionedThroughputExceededException => self.stats.throttled += 1,
                Err(_) => lease.finished = true,
            }
        }
        next
    }

    /// A dead worker's leases become free once the failover time has passed.
    fn expire_dead_leases(&mut self, ctx: &mut Ctx) {
        let failover = SimDuration::from_millis(self.settings.failover_ms);
        for lease in self.leases.values_mut() {
            if let Some(owner) = lease.owner {
                let w = &self.workers[owner];
                if !w.alive && w.died_at.is_some_and(|t| t + failover <= ctx.now) {
                    lease.owner = None;
                }
            }
        }
    }

    /// Free leases go to the live worker holding the fewest.
    fn balance_leases(&mut self, ctx: &mut Ctx) {
        let alive: Vec<usize> = (0..self.workers.len()).filter(|&w| self.workers[w].alive).collect();
        if alive.is_empty() {
            return;
        }
        let free: Vec<u32> =
            self.leases.iter().filter(|(_, l)| l.owner.is_none() && !l.finished).map(|(&i, _)| i).collect();
        for shard in free {
            let load = |w: usize| self.leases.values().filter(|l| l.owner == Some(w) && !l.finished).count();
            let worker = *alive.iter().min_by_key(|&&w| (load(w), w)).expect("some worker is alive");
            self.hand_over(shard, worker, None, ctx);
        }
    }

    /// Each live worker's lease taker, once per taker interval: a worker below its share
    /// steals one lease from the busiest.
    fn steal_leases(&mut self, ctx: &mut Ctx) {
        if ctx.now < self.next_steal {
            return;
        }
        // The application ticks at its poll interval, which notices this in time.
        self.next_steal = ctx.now + taker_interval(self.settings.failover_ms);
        let alive: Vec<usize> = (0..self.workers.len()).filter(|&w| self.workers[w].alive).collect();
        for &taker in &alive {
            if let Some((shard, from)) = lease_to_steal(&self.leases, &alive, taker) {
                self.hand_over(shard, taker, Some(from), ctx);
            }
        }
    }

    /// Gives `shard`'s lease to `worker` (stolen from `from`, or free): the new owner starts
    /// at the checkpoint, and what was processed after it will be processed again.
    fn hand_over(&mut self, shard: u32, worker: usize, from: Option<usize>, ctx: &mut Ctx) {
        let lease = self.leases.get_mut(&shard).expect("a lease of the table");
        let moved = lease.cursor.position != lease.checkpoint;
        if lease.processed_up_to > lease.checkpoint {
            self.redelivered.push((shard, lease.checkpoint, lease.processed_up_to));
        }
        lease.owner = Some(worker);
        lease.cursor = Cursor { position: lease.checkpoint, finished: false };
        lease.since_checkpoint = 0;
        let (app, shard, to) = (self.id.clone(), shard_id(shard), self.workers[worker].name.clone());
        match from {
            Some(from) => {
                let from = self.workers[from].name.clone();
                ctx.log(&self.id, EventKind::LeaseStolen { app, shard, from, to });
            }
            None if moved => ctx.log(&self.id, EventKind::LeaseTaken { app, shard, worker: to }),
            None => {}
        }
    }
}
