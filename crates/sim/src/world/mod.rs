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

#[cfg(feature = "analytics")]
mod analytics;
mod api;
mod audit;
mod build;
mod clock;
mod deliveries;
#[cfg(feature = "dynamodb")]
mod dynamodb;
#[cfg(feature = "emr")]
mod emr;
#[cfg(feature = "emr")]
pub mod emr_canvas;
#[cfg(feature = "emr")]
mod emr_probe;
mod footprint;
pub mod journal;
mod probe;
mod replay;
mod subscriptions;
mod sync;
pub mod timeline;
mod trace;
#[cfg(feature = "video")]
mod video;
mod views;

pub use deliveries::delivery_config;

use crate::scenario::{Scenario, ScenarioError};
use crate::time::{SimDuration, SimTime};
pub use footprint::{Holder, Holding};
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
    #[cfg(feature = "video")]
    video: &'a mut crate::video::KinesisVideo,
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
    #[cfg(feature = "video")]
    video: crate::video::KinesisVideo,
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
    /// Every action taken on the world, when the page asked it to keep them (`journal.rs`).
    journal: Option<journal::Journal>,
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
            #[cfg(feature = "video")]
            video: Default::default(),
            #[cfg(feature = "emr")]
            emr: crate::emr::Emr::new(SimRng::seed_from_u64(scenario.seed).derive("emr")),
            #[cfg(feature = "emr")]
            emr_canvas: Default::default(),
            components: Vec::new(),
            flows: crate::flow::FlowLog::default(),
            next_record_id: 0,
            wakeups: Vec::new(),
            ticks_queued: Default::default(),
            journal: None,
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
            #[cfg(feature = "video")]
            video,
            ..
        } = self;
        let ctx =
            Ctx { now: *now, epoch_ms: scenario.start_epoch_ms, ledger, metrics, log, wakeups, next_record_id, flows };
        Split {
            ctx,
            kinesis,
            components,
            firehose,
            stores,
            #[cfg(feature = "video")]
            video,
        }
    }

    fn parts(&mut self) -> (Ctx<'_>, &mut Kinesis, &mut Vec<Option<Component>>) {
        let split = self.split();
        (split.ctx, split.kinesis, split.components)
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
