//! The EMR service of a world: its clusters, created by RunJobFlow, given steps by
//! AddJobFlowSteps, and moved on by the world's clock.

use super::cluster::{Cluster, ClusterConfig, Fault};
use super::node::NodeRole;
use super::step::{ActionOnFailure, Step, StepKind, StepState};
use crate::rng::SimRng;
use crate::stores::Stores;
use crate::time::{SimDuration, SimTime};
use std::collections::BTreeMap;

/// A step as RunJobFlow and AddJobFlowSteps take it.
#[derive(Clone, Debug, PartialEq)]
pub struct StepRequest {
    pub name: String,
    pub action_on_failure: ActionOnFailure,
    pub kind: StepKind,
}

#[derive(Clone, Debug)]
pub struct Emr {
    pub clusters: BTreeMap<String, Cluster>,
    rng: SimRng,
}

impl Emr {
    pub fn new(rng: SimRng) -> Emr {
        Emr { clusters: BTreeMap::new(), rng }
    }

    pub fn cluster(&self, id: &str) -> Option<&Cluster> {
        self.clusters.get(id)
    }

    pub fn cluster_mut(&mut self, id: &str) -> Option<&mut Cluster> {
        self.clusters.get_mut(id)
    }

    /// Creates a cluster (STARTING) with its first steps; returns its ID.
    pub fn run_job_flow(
        &mut self,
        now: SimTime,
        config: ClusterConfig,
        steps: Vec<StepRequest>,
    ) -> Result<String, String> {
        let id = Cluster::draw_id(&mut self.rng, "j-");
        let rng = self.rng.derive(&id);
        let mut cluster = Cluster::new(id.clone(), config, now, rng)?;
        add_steps(&mut cluster, now, steps);
        self.clusters.insert(id.clone(), cluster);
        Ok(id)
    }

    /// Queues steps on a cluster; returns their IDs.
    pub fn add_job_flow_steps(
        &mut self,
        now: SimTime,
        cluster: &str,
        steps: Vec<StepRequest>,
        stores: &mut Stores,
    ) -> Result<Vec<String>, String> {
        let c = self.clusters.get_mut(cluster).ok_or_else(|| format!("Cluster id '{cluster}' is not valid."))?;
        if c.state.is_terminal() || c.state == super::cluster::ClusterState::Terminating {
            return Err(format!(
                "A job flow that is shutting down, terminated, or finished may not be modified: {cluster}"
            ));
        }
        let ids = add_steps(c, now, steps);
        let mut log = Vec::new();
        c.start_next_step(now, stores, &mut log);
        c.activity.extend(log.into_iter().map(|l| (now, l)));
        Ok(ids)
    }

    /// Schedules a fault relative to the start of the cluster's next MapReduce job.
    pub fn fault_after_job_start(&mut self, cluster: &str, after: SimDuration, fault: Fault) -> Result<(), String> {
        let c = self.clusters.get_mut(cluster).ok_or_else(|| format!("Cluster id '{cluster}' is not valid."))?;
        c.job_faults.push((after, fault));
        Ok(())
    }

    /// Applies a fault now (the page's buttons).
    pub fn inject(&mut self, now: SimTime, cluster: &str, fault: Fault) -> Result<(), String> {
        let c = self.clusters.get_mut(cluster).ok_or_else(|| format!("Cluster id '{cluster}' is not valid."))?;
        let mut log = Vec::new();
        c.inject(fault, now, &mut log);
        c.activity.extend(log.into_iter().map(|l| (now, l)));
        Ok(())
    }

    /// ModifyInstanceGroups for the core or task group.
    pub fn resize(&mut self, now: SimTime, cluster: &str, role: NodeRole, count: u32) -> Result<(), String> {
        let c = self.clusters.get_mut(cluster).ok_or_else(|| format!("Cluster id '{cluster}' is not valid."))?;
        let mut log = Vec::new();
        let result = c.resize(role, count, now, &mut log);
        c.activity.extend(log.into_iter().map(|l| (now, l)));
        result
    }

    /// TerminateJobFlows.
    pub fn terminate(&mut self, now: SimTime, cluster: &str) -> Result<(), String> {
        let c = self.clusters.get_mut(cluster).ok_or_else(|| format!("Cluster id '{cluster}' is not valid."))?;
        let mut log = Vec::new();
        c.terminate(now, "Terminated by user request".into(), &mut log);
        c.activity.extend(log.into_iter().map(|l| (now, l)));
        Ok(())
    }

    /// Handles everything due by `now`; returns when it next needs to be woken.
    pub fn tick(&mut self, now: SimTime, stores: &mut Stores) -> Option<SimTime> {
        for c in self.clusters.values_mut() {
            c.advance(now, stores);
        }
        self.clusters.values().filter_map(Cluster::next_wakeup).min()
    }
}

fn add_steps(c: &mut Cluster, now: SimTime, steps: Vec<StepRequest>) -> Vec<String> {
    steps
        .into_iter()
        .map(|r| {
            let id = Cluster::draw_id(&mut c.rng, "s-");
            c.steps.push(Step {
                id: id.clone(),
                name: r.name,
                action_on_failure: r.action_on_failure,
                kind: r.kind,
                state: StepState::Pending,
                created: now,
                started: None,
                ended: None,
                failure: None,
                job: None,
            });
            id
        })
        .collect()
}
