//! The world: a virtual clock, a `(time, seq)` event queue, one seeded random generator, and
//! the books (ledger, metrics, event log). Tests and the page drive it through the same small
//! stepping API: `advance`, `run_until`, `now`.

use crate::ctx::Ctx;
use crate::event::{Event, EventKind, EventLog};
use crate::kinesis::stream::{Stream, StreamStatus};
use crate::kinesis::{self, ApiError, ErrorType, Kinesis};
use crate::ledger::Ledger;
use crate::metrics::Metrics;
use crate::pipeline::efo::EfoConsumer;
use crate::pipeline::kcl::KclApp;
use crate::pipeline::lambda::LambdaConsumer;
use crate::pipeline::poller::PollingConsumer;
use crate::pipeline::producer::Producer;
use crate::pipeline::Component;
use crate::queue::EventQueue;
use crate::rng::SimRng;
use crate::scenario::{ComponentKind, ComponentSpec};

mod audit;
mod deliveries;
#[cfg(feature = "dynamodb")]
mod dynamodb;
#[cfg(feature = "emr")]
mod emr;
#[cfg(feature = "emr")]
pub mod emr_canvas;
mod replay;
mod sync;
mod trace;

pub use deliveries::delivery_config;

use crate::scenario::{Scenario, ScenarioError};
use crate::time::{SimDuration, SimTime};
pub use replay::Replay;
pub use trace::RecordTrace;

/// Something the world has scheduled for itself. Services add their own variants.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Due {
    /// A timer a test or a caller set with `World::schedule_marker`; it only leaves a trace.
    Marker(String),
    /// A service asked to be woken (a status change or a review is due).
    ServiceTick,
    /// A pipeline component's next run (its slot in `components`).
    Component(usize),
}

/// The most events the world handles at one virtual instant (see `World::run_until`).
pub const MAX_EVENTS_AT_ONE_INSTANT: u64 = 1_000_000;

/// Disjoint borrows of a world's parts (see `World::split`).
struct Split<'a> {
    ctx: Ctx<'a>,
    kinesis: &'a mut Kinesis,
    components: &'a mut Vec<Option<Component>>,
    firehose: &'a mut crate::firehose::Firehose,
    stores: &'a mut crate::stores::Stores,
}

#[derive(Clone)]
pub struct World {
    scenario: Scenario,
    now: SimTime,
    queue: EventQueue<Due>,
    rng: SimRng,
    ledger: Ledger,
    metrics: Metrics,
    log: EventLog,
    /// Every `Due` handled so far, in order, as text: what determinism tests compare.
    trace: Vec<String>,
    kinesis: Kinesis,
    firehose: crate::firehose::Firehose,
    stores: crate::stores::Stores,
    #[cfg(feature = "emr")]
    emr: crate::emr::Emr,
    /// The canvas's clusters and the runs of its map steps.
    #[cfg(feature = "emr")]
    emr_canvas: emr_canvas::EmrCanvas,
    /// The running components; a removed one leaves an empty slot, so that the slots of the
    /// others (which their queued runs name) do not move.
    components: Vec<Option<Component>>,
    flows: crate::flow::FlowLog,
    next_record_id: u64,
    /// Wake-up times services asked for during the last call, not yet queued.
    wakeups: Vec<SimTime>,
    /// The instants a `ServiceTick` is queued for. One tick per instant is enough (a tick
    /// runs everything due), and a second would not stay one: each tick asks again for the
    /// services' next wake-up, so copies would breed along every later wake-up.
    ticks_queued: std::collections::BTreeSet<SimTime>,
}

impl World {
    pub fn from_scenario(scenario: &Scenario) -> Result<World, ScenarioError> {
        scenario.validate()?;
        let mut world = World {
            scenario: scenario.clone(),
            now: SimTime::ZERO,
            queue: EventQueue::default(),
            rng: SimRng::seed_from_u64(scenario.seed),
            ledger: Ledger::default(),
            metrics: Metrics::default(),
            log: EventLog::default(),
            trace: Vec::new(),
            kinesis: Kinesis { shard_quota: scenario.shard_quota, ..Kinesis::default() },
            firehose: crate::firehose::Firehose::new(SimRng::seed_from_u64(scenario.seed).derive("firehose")),
            stores: crate::stores::Stores::default(),
            #[cfg(feature = "emr")]
            emr: crate::emr::Emr::new(SimRng::seed_from_u64(scenario.seed).derive("emr")),
            #[cfg(feature = "emr")]
            emr_canvas: Default::default(),
            components: Vec::new(),
            flows: crate::flow::FlowLog::default(),
            next_record_id: 0,
            wakeups: Vec::new(),
            ticks_queued: Default::default(),
        };
        world.build_pipeline()?;
        world.log.push(
            SimTime::ZERO,
            "",
            EventKind::ScenarioLoaded { name: scenario.name.clone(), seed: scenario.seed },
        );
        Ok(world)
    }

    pub fn now(&self) -> SimTime {
        self.now
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The lab's wall-clock time now, in milliseconds since 1970: the scenario's start plus
    /// the virtual time run (what timestamps in answers and events show).
    pub fn epoch_ms_now(&self) -> u64 {
        self.scenario.start_epoch_ms + self.now.as_millis()
    }

    /// Moves the clock forward by `dt`, handling every event due on the way.
    pub fn advance(&mut self, dt: SimDuration) {
        self.run_until(self.now + dt);
    }

    /// Handles every event due at or before `t`, in `(time, seq)` order, then sets the clock
    /// to `t`. A `t` in the past changes nothing: the clock never runs backwards.
    pub fn run_until(&mut self, t: SimTime) {
        // Events at one instant are bounded: a model bug that keeps scheduling "now" must not
        // freeze the page. Tests catch it (debug builds panic); a release build moves on.
        // A release build stops the clock at that instant; the next advance goes on from there.
        let mut same_instant = 0u64;
        let mut until = t;
        while let Some(at) = self.queue.peek_time().filter(|&at| at <= until) {
            same_instant = if at == self.now { same_instant + 1 } else { 0 };
            if same_instant > MAX_EVENTS_AT_ONE_INSTANT {
                debug_assert!(
                    false,
                    "over {MAX_EVENTS_AT_ONE_INSTANT} events at {at}: something reschedules itself at the same instant"
                );
                until = at;
                break;
            }
            let (at, due) = self.queue.pop_due(until).expect("peeked above");
            self.now = at;
            self.handle(due);
        }
        self.now = self.now.max(until);
        self.with_kinesis(|k, ctx| {
            k.tick(ctx);
            k.flush_metrics(ctx);
        });
        self.tick_firehose();
        #[cfg(feature = "emr")]
        self.tick_emr();
        #[cfg(feature = "dynamodb")]
        self.tick_dynamodb();
    }

    /// Runs `f` on the Kinesis service with a context over the world's books, then queues the
    /// wake-ups it asked for.
    fn with_kinesis<R>(&mut self, f: impl FnOnce(&mut Kinesis, &mut Ctx) -> R) -> R {
        let (mut ctx, kinesis, _) = self.parts();
        let result = f(kinesis, &mut ctx);
        self.queue_wakeups();
        result
    }

    fn tick_firehose(&mut self) {
        let Split { mut ctx, kinesis, firehose, stores, .. } = self.split();
        firehose.tick(&mut ctx, kinesis, stores);
        self.queue_wakeups();
    }

    /// The Firehose service, for views and tests to read.
    pub fn firehose(&self) -> &crate::firehose::Firehose {
        &self.firehose
    }

    /// The S3 buckets, for views and tests to read.
    pub fn s3(&self) -> &crate::stores::s3::S3 {
        &self.stores.s3
    }

    /// Takes a destination down or brings it back (the lab's outage toggle): `kind` is
    /// `opensearch` (a domain), `http` (an endpoint URL) or `redshift` (a cluster). Returns
    /// false if there is no such destination.
    pub fn set_destination_available(&mut self, kind: &str, name: &str, available: bool) -> bool {
        let flag = match kind {
            "opensearch" => self.stores.opensearch.domains.get_mut(name).map(|d| &mut d.available),
            "http" => self.stores.http.endpoints.get_mut(name).map(|e| &mut e.available),
            "redshift" => self.stores.redshift.clusters.get_mut(name).map(|c| &mut c.available),
            _ => None,
        };
        let Some(flag) = flag else { return false };
        *flag = available;
        self.queue_tick(self.now);
        true
    }

    /// Every destination store (S3, Redshift, OpenSearch, HTTP endpoints), for views and
    /// tests to read.
    pub fn stores(&self) -> &crate::stores::Stores {
        &self.stores
    }

    /// The world split into a service context and the parts services and components act on,
    /// so that a component can call a service while both are borrowed.
    fn split(&mut self) -> Split<'_> {
        let World {
            now,
            scenario,
            ledger,
            metrics,
            log,
            wakeups,
            next_record_id,
            flows,
            kinesis,
            components,
            firehose,
            stores,
            ..
        } = self;
        let ctx =
            Ctx { now: *now, epoch_ms: scenario.start_epoch_ms, ledger, metrics, log, wakeups, next_record_id, flows };
        Split { ctx, kinesis, components, firehose, stores }
    }

    fn parts(&mut self) -> (Ctx<'_>, &mut Kinesis, &mut Vec<Option<Component>>) {
        let split = self.split();
        (split.ctx, split.kinesis, split.components)
    }

    fn queue_wakeups(&mut self) {
        let mut wakeups = std::mem::take(&mut self.wakeups);
        wakeups.sort();
        wakeups.dedup();
        for at in wakeups {
            self.queue_tick(at);
        }
    }

    /// Queues a `ServiceTick` at `at` (or now, if `at` has passed) unless one is queued there.
    fn queue_tick(&mut self, at: SimTime) {
        let at = at.max(self.now);
        if self.ticks_queued.insert(at) {
            self.queue.push(at, Due::ServiceTick);
        }
    }

    /// Creates the scenario's streams (already ACTIVE: they exist when the scenario starts)
    /// and its components, wired to the streams they write to or read from.
    fn build_pipeline(&mut self) -> Result<(), ScenarioError> {
        let scenario = self.scenario.clone();
        for spec in &scenario.components {
            if let ComponentKind::DataStream(s) = &spec.kind {
                let shards = s.initial_shard_count();
                self.kinesis.check_quota(shards).map_err(|e| ScenarioError::BadSetting {
                    id: spec.id.clone(),
                    setting: "shard_count",
                    rule: e.message,
                })?;
                let mut stream = Stream::new(&s.stream_name, s.mode, shards, SimTime::ZERO);
                stream.status = StreamStatus::Active;
                stream.busy_until = None;
                stream.retention_hours = s.retention_hours;
                self.kinesis.streams.insert(s.stream_name.clone(), stream);
            }
        }
        // ON_DEMAND streams review their capacity on their own from the start.
        if let Some(at) = self.kinesis.next_wakeup() {
            self.queue_tick(at);
        }
        for spec in &scenario.components {
            self.add_component(&scenario, spec);
        }
        self.sync_deliveries(&scenario, &scenario, true)?;
        self.sync_batch(&scenario, &scenario, true)
    }

    /// Brings DynamoDB tables and EMR clusters in step with `next` (in a build with those
    /// models; the page's first load has neither, and loads the build that has them as soon
    /// as a scenario places one).
    #[allow(unused_variables)]
    pub(super) fn sync_batch(&mut self, old: &Scenario, next: &Scenario, at_start: bool) -> Result<(), ScenarioError> {
        #[cfg(feature = "dynamodb")]
        self.sync_tables(old, next, at_start)?;
        #[cfg(feature = "emr")]
        self.sync_emr(old, next)?;
        Ok(())
    }

    /// Starts the component `spec` of `scenario` (a data stream is not a component: it lives
    /// in the service). It runs first at the current time.
    fn add_component(&mut self, scenario: &Scenario, spec: &ComponentSpec) {
        // A producer's wire goes out to a stream or a Firehose; a consumer's comes in from a stream.
        let reads_from = scenario.stream_of_wire(&spec.id);
        let rng = self.rng.derive(&spec.id);
        let component = match &spec.kind {
            // Services' resources, not running components (see `sync_deliveries`).
            ComponentKind::DataStream(_)
            | ComponentKind::Firehose(_)
            | ComponentKind::FirehoseTransform(_)
            | ComponentKind::S3Bucket(_)
            | ComponentKind::Redshift(_)
            | ComponentKind::OpenSearch(_)
            | ComponentKind::HttpEndpoint(_)
            | ComponentKind::EmrCluster(_)
            | ComponentKind::MapStep(_)
            | ComponentKind::ReduceStep(_)
            | ComponentKind::DynamoDbTable(_) => return,
            ComponentKind::Producer(s) => {
                Component::Producer(Producer::new(&spec.id, s.clone(), scenario.producer_target(&spec.id), rng))
            }
            ComponentKind::PollingConsumer(s) => {
                Component::PollingConsumer(PollingConsumer::new(&spec.id, s.clone(), reads_from))
            }
            ComponentKind::KclApp(s) => Component::KclApp(KclApp::new(&spec.id, s.clone(), reads_from)),
            ComponentKind::EfoConsumer(s) => Component::EfoConsumer(EfoConsumer::new(&spec.id, s.clone(), reads_from)),
            ComponentKind::LambdaConsumer(s) => Component::LambdaConsumer(LambdaConsumer::new(
                &spec.id,
                s.clone(),
                reads_from,
                scenario.table_of_wire(&spec.id),
            )),
        };
        self.queue.push(self.now, Due::Component(self.components.len()));
        self.components.push(Some(component));
    }

    /// The running components, in the order they were added.
    pub fn components(&self) -> impl Iterator<Item = &Component> {
        self.components.iter().flatten()
    }

    pub fn component(&self, id: &str) -> Option<&Component> {
        self.components().find(|c| c.id() == id)
    }

    /// Kills worker `worker` (0-based) of the KCL application `app`. Returns false if there
    /// is no such live worker.
    pub fn kill_kcl_worker(&mut self, app: &str, worker: usize) -> bool {
        let (mut ctx, _, components) = self.parts();
        let Some(Component::KclApp(kcl)) = components.iter_mut().flatten().find(|c| c.id() == app) else {
            return false;
        };
        kcl.kill_worker(worker, &mut ctx)
    }

    /// Calls an AWS operation of `service` by name with its JSON input, as the API console
    /// and `shardlab api` do. The answer is the AWS response body or the AWS error.
    pub fn call(&mut self, service: &str, op: &str, input: serde_json::Value) -> Result<serde_json::Value, ApiError> {
        match service {
            "kinesis" => {
                let answer = self.with_kinesis(|k, ctx| kinesis::api::call(k, ctx, op, input));
                self.with_kinesis(|k, ctx| k.flush_metrics(ctx));
                answer
            }
            "firehose" => {
                let Split { mut ctx, kinesis, firehose, stores, .. } = self.split();
                let answer = firehose.call(&mut ctx, kinesis, stores, op, input);
                self.queue_wakeups();
                answer
            }
            "s3" => {
                let Split { mut ctx, stores, .. } = self.split();
                stores.s3.call(&mut ctx, op, input)
            }
            #[cfg(feature = "emr")]
            "emr" => {
                let epoch_ms = self.scenario.start_epoch_ms;
                self.with_emr(|emr, now, s3| emr.call(now, epoch_ms, s3, op, input))
            }
            #[cfg(feature = "dynamodb")]
            "dynamodb" => {
                let Split { mut ctx, stores, .. } = self.split();
                let answer = stores.dynamodb.call(&mut ctx, op, input);
                self.queue_wakeups();
                answer
            }
            other => Err(ApiError::new(
                ErrorType::UnknownOperationException,
                format!("ShardLab does not model the service '{other}'."),
            )),
        }
    }

    /// The Kinesis service, for views and tests to read.
    pub fn kinesis(&self) -> &Kinesis {
        &self.kinesis
    }

    /// When the next scheduled event is due, for "run to the next event".
    pub fn next_event_time(&self) -> Option<SimTime> {
        self.queue.peek_time()
    }

    /// Records a labelled point in the trace at `at` (for tests and for lessons that want a
    /// checkpoint). A time in the past is taken as now.
    pub fn schedule_marker(&mut self, at: SimTime, label: &str) {
        self.schedule(at, Due::Marker(label.to_string()));
    }

    pub(crate) fn schedule(&mut self, at: SimTime, due: Due) {
        self.queue.push(at.max(self.now), due);
    }

    /// An independent random generator for the component `name`, derived from the seed.
    pub fn rng_for(&self, name: &str) -> SimRng {
        self.rng.derive(name)
    }

    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// Logged events with `seq >= from`, oldest first.
    pub fn events_since(&self, from: u64) -> impl Iterator<Item = &Event> {
        self.log.since(from)
    }

    /// Samples of records in motion with `seq >= from`, for the canvas.
    pub fn flows_since(&self, from: u64) -> impl Iterator<Item = &crate::flow::Flow> {
        self.flows.since(from)
    }

    pub fn flows_total(&self) -> u64 {
        self.flows.total()
    }

    pub fn events_total(&self) -> u64 {
        self.log.total()
    }

    pub fn trace(&self) -> &[String] {
        &self.trace
    }

    fn handle(&mut self, due: Due) {
        match due {
            Due::Marker(label) => self.trace.push(format!("{} marker {label}", self.now.as_micros())),
            Due::ServiceTick => {
                self.ticks_queued.remove(&self.now);
                self.with_kinesis(|k, ctx| k.tick(ctx));
                self.tick_firehose();
                #[cfg(feature = "emr")]
                self.tick_emr();
                #[cfg(feature = "dynamodb")]
                self.tick_dynamodb();
            }
            Due::Component(i) => {
                let Split { mut ctx, kinesis, components, firehose, stores } = self.split();
                let Some(component) = components[i].as_mut() else { return };
                let mut services = crate::pipeline::Services { kinesis, firehose, stores };
                let next = component.tick(&mut services, &mut ctx);
                self.queue.push(next.max(self.now), Due::Component(i));
                self.queue_wakeups();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world(seed: u64) -> World {
        World::from_scenario(&Scenario { seed, ..Scenario::default() }).unwrap()
    }

    #[test]
    fn the_clock_moves_only_when_told() {
        let mut w = world(1);
        assert_eq!(w.now(), SimTime::ZERO);
        w.advance(SimDuration::from_millis(1_500));
        assert_eq!(w.now(), SimTime::from_millis(1_500));
        w.run_until(SimTime::from_millis(1_000));
        assert_eq!(w.now(), SimTime::from_millis(1_500), "run_until a past time must not rewind");
    }

    #[test]
    fn same_time_events_run_in_the_order_they_were_scheduled() {
        let mut w = world(1);
        let t = SimTime::from_millis(10);
        w.schedule_marker(SimTime::from_millis(20), "late");
        for label in ["a", "b", "c"] {
            w.schedule_marker(t, label);
        }
        w.run_until(SimTime::from_millis(15));
        assert_eq!(w.trace(), ["10000 marker a", "10000 marker b", "10000 marker c"]);
        assert_eq!(w.next_event_time(), Some(SimTime::from_millis(20)));
        w.advance(SimDuration::from_millis(5));
        assert_eq!(w.trace().len(), 4);
    }

    #[test]
    fn a_service_tick_is_queued_once_per_instant() {
        // Every tick asks again for the services' next wake-up; were each request queued,
        // a retry every 5 s would gather copies until one instant held millions.
        let mut w = world(1);
        let t = SimTime::from_millis(5_000);
        for _ in 0..3 {
            w.wakeups.extend([t, t]);
            w.queue_wakeups();
        }
        assert_eq!(w.queue.len(), 1);
        w.run_until(t);
        w.queue_tick(t);
        assert_eq!(w.queue.len(), 1, "once handled, the instant may be queued again");
    }

    #[test]
    fn same_seed_gives_the_same_trace() {
        let run = |seed| {
            let mut w = world(seed);
            let mut rng = w.rng_for("timer");
            for i in 0..50 {
                w.schedule_marker(SimTime(rng.below(1_000_000)), &format!("m{i}"));
            }
            w.advance(SimDuration::from_secs(2));
            w.trace().to_vec()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
    }

    #[test]
    fn a_bad_scenario_is_refused_with_its_reason() {
        let err = World::from_scenario(&Scenario { name: String::new(), ..Scenario::default() }).err().unwrap();
        assert!(err.to_string().contains("name"));
    }

    #[test]
    fn loading_a_scenario_is_logged() {
        let w = world(3);
        let first = w.events_since(0).next().unwrap();
        assert_eq!(first.kind, EventKind::ScenarioLoaded { name: "Untitled".into(), seed: 3 });
        assert!(w.ledger().balances());
    }
}
