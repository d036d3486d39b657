//! The clock: handling what is due in `(time, seq)` order, and queueing what services and
//! components ask for.

use super::*;

impl World {
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
        #[cfg(feature = "video")]
        self.tick_video();
    }

    pub(super) fn handle(&mut self, due: Due) {
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
                #[cfg(feature = "video")]
                self.tick_video();
            }
            Due::Component(i) => {
                let Split {
                    mut ctx,
                    kinesis,
                    components,
                    firehose,
                    stores,
                    #[cfg(feature = "video")]
                    video,
                } = self.split();
                let Some(component) = components[i].as_mut() else { return };
                let mut services = crate::pipeline::Services {
                    kinesis,
                    firehose,
                    stores,
                    #[cfg(feature = "video")]
                    video,
                };
                let next = component.tick(&mut services, &mut ctx);
                self.queue.push(next.max(self.now), Due::Component(i));
                #[cfg(feature = "analytics")]
                self.invoke_functions_of(i);
                self.queue_wakeups();
            }
        }
    }

    pub(super) fn queue_wakeups(&mut self) {
        let mut wakeups = std::mem::take(&mut self.wakeups);
        // The standard sort, not `order::sort`: this runs after every call of a service, and
        // the index sort's allocations cost the simulation 15% of its speed here.
        wakeups.sort_unstable();
        wakeups.dedup();
        for at in wakeups {
            self.queue_tick(at);
        }
    }

    /// Queues a `ServiceTick` at `at` (or now, if `at` has passed) unless one is queued there.
    pub(super) fn queue_tick(&mut self, at: SimTime) {
        let at = at.max(self.now);
        if self.ticks_queued.insert(at) {
            self.queue.push(at, Due::ServiceTick);
        }
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

    /// Runs `f` on the Kinesis service with a context over the world's books, then queues the
    /// wake-ups it asked for.
    pub(super) fn with_kinesis<R>(&mut self, f: impl FnOnce(&mut Kinesis, &mut Ctx) -> R) -> R {
        let (mut ctx, kinesis, _) = self.parts();
        let result = f(kinesis, &mut ctx);
        self.queue_wakeups();
        result
    }

    pub(super) fn tick_firehose(&mut self) {
        let Split { mut ctx, kinesis, firehose, stores, .. } = self.split();
        firehose.tick(&mut ctx, kinesis, stores);
        self.queue_wakeups();
    }
}
