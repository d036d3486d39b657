//! EMR in the world: its clusters move on the world's clock, read the world's S3 buckets
//! and write into them or into its DynamoDB tables, and ask the world to wake them when
//! their next timer is due.

use super::World;
use crate::emr::Emr;
use crate::stores::Stores;
use crate::time::SimTime;

impl World {
    /// The EMR service, for views and tests to read.
    pub fn emr(&self) -> &Emr {
        &self.emr
    }

    /// Runs `f` on the EMR service (with the clock and the S3 buckets its jobs use), then
    /// handles anything it made due now and queues its next wake-up. Every change to EMR
    /// from outside the clock goes through here.
    pub fn with_emr<R>(&mut self, f: impl FnOnce(&mut Emr, SimTime, &mut Stores) -> R) -> R {
        let result = f(&mut self.emr, self.now, &mut self.stores);
        self.tick_emr();
        result
    }

    /// Whether a script job is queued or running: its tasks call the script engine (which
    /// the page loads on demand).
    pub(super) fn emr_needs_script_engine(&self) -> bool {
        use crate::emr::job::Program;
        use crate::emr::step::{StepKind, StepState};
        self.emr.clusters.values().flat_map(|c| &c.steps).any(|s| {
            matches!(s.state, StepState::Pending | StepState::Running)
                && matches!(&s.kind, StepKind::MapReduce(spec) if matches!(spec.program, Program::Script { .. }))
        })
    }

    pub(super) fn tick_emr(&mut self) {
        // Nothing to do, and nothing to wake, while there is no cluster.
        if self.emr.clusters.is_empty() {
            return;
        }
        if let Some(at) = self.emr.tick(self.now, &mut self.stores) {
            self.queue_tick(at);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::catalogue::new_component;
    use crate::pipeline::emr_settings::StepProgram;
    use crate::scenario::{ComponentKind, Scenario, WireSpec};
    use crate::wiring::Kind;
    use crate::World;

    #[test]
    fn a_queued_script_job_needs_the_script_engine_and_a_built_in_one_does_not() {
        let mut s = Scenario::default();
        for kind in [Kind::S3Bucket, Kind::EmrCluster, Kind::MapStep, Kind::ReduceStep] {
            s.components.push(new_component(&s, kind, 0.0, 0.0));
        }
        let wire = |from: &str, to: &str| WireSpec { from: from.into(), to: to.into() };
        s.wires = vec![wire("bucket", "map"), wire("cluster", "map"), wire("map", "reduce"), wire("reduce", "bucket")];
        if let ComponentKind::MapStep(m) = &mut s.components[2].kind {
            m.input_prefix = "in/".into();
        }
        let mut builtin = World::from_scenario(&s).unwrap();
        builtin.run_map_step("map").unwrap();
        assert!(!builtin.emr_needs_script_engine());
        if let ComponentKind::MapStep(m) = &mut s.components[2].kind {
            m.program = StepProgram::Script { code: crate::emr::jobs::script::TEMPLATES[0].1.to_string() };
        }
        let mut script = World::from_scenario(&s).unwrap();
        assert!(!script.emr_needs_script_engine(), "nothing queued yet");
        script.run_map_step("map").unwrap();
        assert!(script.emr_needs_script_engine(), "the queued script job will call the engine");
    }
}
