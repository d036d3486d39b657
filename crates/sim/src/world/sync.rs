//! Editing a running world: the page edits the scenario (add, remove, rewire, change a
//! setting) and the world follows with the operations AWS would run — a placed stream is
//! created (CREATING, then ACTIVE), a removed one deleted, a new shard count goes through
//! UpdateShardCount with its limits. An edit AWS would refuse is refused whole, with the
//! reason, and the world is left as it was.

use super::World;
use crate::ctx::Ctx;
use crate::kinesis::stream::StreamMode;
use crate::kinesis::types::{
    CreateStreamInput, DeleteStreamInput, RetentionInput, StreamModeDetails, StreamRef, UpdateShardCountInput,
};
use crate::kinesis::{ApiError, Kinesis};
use crate::pipeline::settings::StreamSettings;
use crate::pipeline::Component;
use crate::scenario::{ComponentKind, Scenario, ScenarioError};

fn refused(id: &str, setting: &'static str, e: ApiError) -> ScenarioError {
    ScenarioError::BadSetting { id: id.to_string(), setting, rule: e.message }
}

fn streams(s: &Scenario) -> impl Iterator<Item = (&str, &StreamSettings)> {
    s.components.iter().filter_map(|c| match &c.kind {
        ComponentKind::DataStream(d) => Some((c.id.as_str(), d)),
        _ => None,
    })
}

impl World {
    fn kinesis_call<R>(&mut self, f: impl FnOnce(&mut Kinesis, &mut Ctx) -> R) -> R {
        self.with_kinesis(f)
    }

    /// Brings the world to `next`, the edited scenario. Only stream edits can be refused by
    /// the service once the scenario is valid; those are tried on a copy first, so a refusal
    /// part-way (the second of two new streams over the quota) changes nothing. Other edits
    /// (moving, renaming, rewiring, a producer's rate) apply at once, without copying a
    /// world that may hold millions of records.
    pub fn sync(&mut self, next: &Scenario) -> Result<(), ScenarioError> {
        let same_streams = streams(&self.scenario).map(|(_, s)| s).eq(streams(next).map(|(_, s)| s));
        // Delivery edits go through CreateDeliveryStream's checks, which can refuse them too;
        // EMR and DynamoDB edits through ModifyInstanceGroups' and CreateTable's.
        let deliveries = |s: &Scenario| {
            s.components
                .iter()
                .filter(|c| super::deliveries::is_delivery(&c.kind) || c.kind.kind().is_emr())
                .map(|c| c.kind.clone())
                .collect::<Vec<_>>()
        };
        let same_deliveries = deliveries(&self.scenario) == deliveries(next) && self.scenario.wires == next.wires;
        // Video stream edits go through CreateStream's and UpdateDataRetention's checks.
        let video_streams = |s: &Scenario| s.video_streams().map(|(n, h)| (n.to_string(), h)).collect::<Vec<_>>();
        let same_deliveries = same_deliveries && video_streams(&self.scenario) == video_streams(next);
        if same_streams && same_deliveries {
            self.apply(next)?;
        } else {
            let mut trial = self.clone();
            trial.apply(next)?;
            *self = trial;
        }
        // Only an accepted edit is kept: a refused one left the world as it was.
        self.record(|| super::journal::Input::Sync { scenario: next.clone() });
        Ok(())
    }

    fn apply(&mut self, next: &Scenario) -> Result<(), ScenarioError> {
        next.validate()?;
        self.check_stream_edits(next)?;
        let old = self.scenario.clone();

        // Streams that are gone from the canvas are deleted (with their consumers).
        for (_, s) in streams(&old) {
            if !streams(next).any(|(_, n)| n.stream_name == s.stream_name)
                && self.kinesis.streams.contains_key(&s.stream_name)
            {
                let input = DeleteStreamInput { stream: by_name(&s.stream_name), enforce_consumer_deletion: true };
                let _ = self.kinesis_call(|k, ctx| k.delete_stream(ctx, input));
            }
        }
        for (id, s) in streams(next) {
            let before = streams(&old).find(|(_, o)| o.stream_name == s.stream_name).map(|(_, o)| o.clone());
            if !self.kinesis.streams.contains_key(&s.stream_name) {
                let input = CreateStreamInput {
                    stream_name: s.stream_name.clone(),
                    shard_count: (s.mode == StreamMode::Provisioned).then_some(s.shard_count as i64),
                    stream_mode_details: Some(StreamModeDetails { stream_mode: s.mode }),
                };
                self.kinesis_call(|k, ctx| k.create_stream(ctx, input)).map_err(|e| refused(id, "shard_count", e))?;
                if let Some(stream) = self.kinesis.streams.get_mut(&s.stream_name) {
                    stream.retention_hours = s.retention_hours;
                }
                continue;
            }
            let Some(before) = before else { continue };
            if before.shard_count != s.shard_count && s.mode == StreamMode::Provisioned {
                let input = UpdateShardCountInput {
                    stream: by_name(&s.stream_name),
                    target_shard_count: s.shard_count as i64,
                    scaling_type: "UNIFORM_SCALING".into(),
                };
                self.kinesis_call(|k, ctx| k.update_shard_count(ctx, input))
                    .map_err(|e| refused(id, "shard_count", e))?;
            }
            if before.retention_hours != s.retention_hours {
                let increase = s.retention_hours > before.retention_hours;
                let input = RetentionInput {
                    stream: by_name(&s.stream_name),
                    retention_period_hours: s.retention_hours as i64,
                };
                self.kinesis_call(|k, ctx| k.change_retention(ctx, input, increase))
                    .map_err(|e| refused(id, "retention_hours", e))?;
            }
        }

        #[cfg(feature = "video")]
        self.sync_video_streams(&old, next)?;
        // Components: removed ones stop, new ones start, the rest take their new settings
        // and wires.
        #[cfg(feature = "video")]
        self.close_removed_video_clients(next);
        for slot in self.components.iter_mut() {
            if slot.as_ref().is_some_and(|c| next.component(c.id()).is_none()) {
                *slot = None;
            }
        }
        for spec in &next.components {
            if matches!(spec.kind, ComponentKind::DataStream(_) | ComponentKind::VideoStream(_))
                || super::deliveries::is_delivery(&spec.kind)
                || spec.kind.kind().is_emr()
            {
                continue;
            }
            let existing = self.components.iter_mut().flatten().find(|c| c.id() == spec.id);
            match existing {
                Some(component) => component.reconfigure(&spec.kind, next, &spec.id),
                None => self.add_component(next, spec),
            }
        }
        self.sync_deliveries(&old, next, false)?;
        self.sync_batch(&old, next, false)?;
        self.scenario = next.clone();
        #[cfg(feature = "analytics")]
        self.prune_application_readers();
        self.queue_tick(self.now);
        Ok(())
    }

    /// Edits AWS has no operation for are refused before anything changes.
    fn check_stream_edits(&self, next: &Scenario) -> Result<(), ScenarioError> {
        for (id, s) in streams(next) {
            let Some(old) = streams(&self.scenario).find(|(old_id, _)| *old_id == id).map(|(_, o)| o) else { continue };
            let refuse = |setting, rule: &str| {
                Err(ScenarioError::BadSetting { id: id.to_string(), setting, rule: rule.to_string() })
            };
            if old.stream_name != s.stream_name {
                return refuse("stream_name", "a data stream cannot be renamed: add a new stream and delete this one");
            }
            if old.mode != s.mode {
                return refuse(
                    "mode",
                    "switch the capacity mode with the console (UpdateStreamMode) is not modelled: add a new stream",
                );
            }
        }
        Ok(())
    }

    /// A scenario like `doc` but with the streams made or deleted through the API since:
    /// streams made in the console appear on the canvas, deleted ones leave it.
    pub fn adopt_api_streams(&self, doc: &Scenario) -> Scenario {
        let mut next = doc.clone();
        next.components.retain(|c| match &c.kind {
            ComponentKind::DataStream(s) => self.kinesis.streams.contains_key(&s.stream_name),
            _ => true,
        });
        next.wires
            .retain(|w| next.components.iter().any(|c| c.id == w.from) && next.components.iter().any(|c| c.id == w.to));
        let shown: Vec<String> = streams(&next).map(|(_, s)| s.stream_name.clone()).collect();
        for (name, stream) in &self.kinesis.streams {
            if shown.contains(name) {
                continue;
            }
            // Below what is on the canvas already.
            let lowest = next.components.iter().map(|c| c.y + 120.0).fold(40.0, f64::max);
            next.components.push(crate::scenario::ComponentSpec {
                id: crate::catalogue::unused_id(&next, name),
                label: name.clone(),
                x: 340.0,
                y: lowest,
                kind: ComponentKind::DataStream(StreamSettings {
                    stream_name: name.clone(),
                    mode: stream.mode,
                    shard_count: stream.open_shard_count().max(1),
                    retention_hours: stream.retention_hours,
                }),
            });
        }
        next
    }
}

fn by_name(name: &str) -> StreamRef {
    StreamRef { stream_name: Some(name.to_string()), stream_arn: None }
}

impl Component {
    /// Takes new settings and a new wire from `next`; what the component has done so far
    /// stays.
    pub fn reconfigure(&mut self, kind: &ComponentKind, next: &Scenario, id: &str) {
        #[cfg(feature = "video")]
        if self.reconfigure_video(kind, next, id) {
            return;
        }
        let stream = next.stream_of_wire(id);
        match (self, kind) {
            (Component::Producer(c), ComponentKind::Producer(s)) => c.reconfigure(s.clone(), next.producer_target(id)),
            (Component::PollingConsumer(c), ComponentKind::PollingConsumer(s)) => {
                c.settings = s.clone();
                c.stream = stream;
            }
            (Component::KclApp(c), ComponentKind::KclApp(s)) => c.reconfigure(s.clone(), stream),
            (Component::EfoConsumer(c), ComponentKind::EfoConsumer(s)) => {
                c.settings = s.clone();
                c.stream = stream;
            }
            (Component::LambdaConsumer(c), ComponentKind::LambdaConsumer(s)) => {
                c.settings = s.clone();
                c.stream = stream;
                c.table = next.table_of_wire(id);
            }
            #[cfg(feature = "analytics")]
            (Component::AnalyticsApp(c), ComponentKind::AnalyticsApp(s)) => {
                c.reconfigure(s.clone(), next.application_source(id), next.application_outputs(id))
            }
            // A component's kind never changes under the same id.
            _ => {}
        }
    }
}
