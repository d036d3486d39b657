//! The canvas's EMR components, kept in step with the EMR service: each cluster component
//! is a cluster made by RunJobFlow (kept alive between steps), a changed node count is a
//! ModifyInstanceGroups (with its refusals), a removed cluster is terminated. Other settings
//! are fixed at RunJobFlow: changing them replaces a cluster that has taken no step yet, and
//! is refused once it has. Running a map
//! step adds its step to the cluster it is wired to with AddJobFlowSteps — an `s3-dist-cp`
//! copy first when the job reads HDFS — reading the wired bucket and writing the store its
//! reduce step is wired to.

use super::World;
use crate::emr::cluster::{Cluster, ClusterConfig, Fault};
use crate::emr::instance_types::instance_type;
use crate::emr::node::{Market, NodeRole};
use crate::emr::scale::DataScale;
use crate::pipeline::emr_settings::{EmrClusterSettings, TaskMarket};
use crate::scenario::{ComponentKind, Scenario, ScenarioError};
use crate::stores::s3::Object;
use std::collections::BTreeMap;

/// Which cluster each cluster component stands for, and the runs of each map step.
#[derive(Clone, Debug, Default)]
pub struct EmrCanvas {
    /// Component id → cluster ID (`j-…`).
    pub clusters: BTreeMap<String, String>,
    /// Map step id → its runs, oldest first.
    pub runs: BTreeMap<String, Vec<CanvasRun>>,
}

/// One run of a map step: the steps it added and where it writes.
#[derive(Clone, Debug, PartialEq)]
pub struct CanvasRun {
    pub cluster: String,
    /// The copy step (when the job reads HDFS), then the MapReduce step.
    pub steps: Vec<String>,
    /// `s3://bucket/prefix/` or `dynamodb://TABLE`.
    pub output: String,
}

pub use crate::pipeline::emr_run_plan::{RunRefusal, StepPlan, SCRIPT_BUCKET};

fn config_of(c: &EmrClusterSettings) -> Result<ClusterConfig, String> {
    let itype = instance_type(&c.instance_type).ok_or_else(|| format!("no instance type '{}'", c.instance_type))?;
    Ok(ClusterConfig {
        name: c.name.clone(),
        primary_count: c.primary_count,
        primary_type: itype,
        core_count: c.core_count,
        core_type: itype,
        task_count: c.task_count,
        task_type: itype,
        task_market: match c.task_market {
            TaskMarket::OnDemand => Market::OnDemand,
            TaskMarket::Spot => Market::Spot,
        },
        block_mb: c.block_mb,
        replication: c.replication,
        scale: DataScale::new(c.bytes_per_mb)?,
        auto_terminate: c.auto_terminate,
    })
}

fn clusters(s: &Scenario) -> impl Iterator<Item = (&str, &EmrClusterSettings)> {
    s.components.iter().filter_map(|c| match &c.kind {
        ComponentKind::EmrCluster(e) => Some((c.id.as_str(), e)),
        _ => None,
    })
}

impl World {
    /// The cluster a cluster component stands for.
    pub fn canvas_cluster(&self, component: &str) -> Option<&Cluster> {
        self.emr_canvas.clusters.get(component).and_then(|id| self.emr.cluster(id))
    }

    /// The runs of a map step, oldest first.
    pub fn emr_runs(&self, map_step: &str) -> &[CanvasRun] {
        self.emr_canvas.runs.get(map_step).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Brings the clusters in step with the cluster components of `next`.
    pub(super) fn sync_emr(&mut self, old: &Scenario, next: &Scenario) -> Result<(), ScenarioError> {
        let refused = |id: &str, setting: &'static str, rule: String| ScenarioError::BadSetting {
            id: id.to_string(),
            setting,
            rule,
        };
        for (id, _) in clusters(old) {
            if next.component(id).is_none() {
                if let Some(cid) = self.emr_canvas.clusters.remove(id) {
                    let _ = self.with_emr(|emr, now, _| emr.terminate(now, &cid));
                }
            }
        }
        for (id, settings) in clusters(next) {
            let live = self.canvas_cluster(id).filter(|c| !c.state.is_terminal()).map(|c| c.id.clone());
            let before = clusters(old).find(|(o, _)| *o == id).map(|(_, s)| s.clone());
            match (live, before) {
                (Some(cid), Some(before)) if before != *settings => {
                    let fixed = EmrClusterSettings {
                        core_count: settings.core_count,
                        task_count: settings.task_count,
                        ..before.clone()
                    };
                    // Before it has taken a step, a cluster set up differently is simply
                    // another cluster: this one is terminated and a new one started.
                    let unused = self.canvas_cluster(id).is_some_and(|c| c.steps.is_empty());
                    if fixed != *settings && unused {
                        let config = config_of(settings).map_err(|e| refused(id, "emr_cluster", e))?;
                        let _ = self.with_emr(|emr, now, _| emr.terminate(now, &cid));
                        let new_id = self
                            .with_emr(|emr, now, _| emr.run_job_flow(now, config, Vec::new()))
                            .map_err(|e| refused(id, "emr_cluster", e))?;
                        self.emr_canvas.clusters.insert(id.to_string(), new_id);
                        continue;
                    }
                    if fixed != *settings {
                        return Err(refused(
                            id,
                            "running_cluster",
                            "a running cluster keeps the instance type, primary nodes, market, replication, block size, scale and auto-termination it was created with (only the core and task node counts change, with ModifyInstanceGroups): place a new cluster".into(),
                        ));
                    }
                    for (role, was, now_count, setting) in [
                        (NodeRole::Core, before.core_count, settings.core_count, "core_count"),
                        (NodeRole::Task, before.task_count, settings.task_count, "task_count"),
                    ] {
                        if was != now_count {
                            self.with_emr(|emr, now, _| emr.resize(now, &cid, role, now_count))
                                .map_err(|e| refused(id, setting, e))?;
                        }
                    }
                }
                (Some(_), _) => {}
                // New, or its cluster has terminated: a new cluster with these settings.
                (None, before) => {
                    if before.is_some() && before.as_ref() == Some(settings) && self.canvas_cluster(id).is_some() {
                        // Terminated, and nothing asks for a new one.
                        continue;
                    }
                    let config = config_of(settings).map_err(|e| refused(id, "emr_cluster", e))?;
                    let cid = self
                        .with_emr(|emr, now, _| emr.run_job_flow(now, config, Vec::new()))
                        .map_err(|e| refused(id, "emr_cluster", e))?;
                    self.emr_canvas.clusters.insert(id.to_string(), cid);
                }
            }
        }
        Ok(())
    }

    /// Whether the map step `map_id` can run now, and what its run would be: the refusal
    /// says which wire is missing or why the cluster cannot take it.
    pub fn plan_map_step(&self, map_id: &str) -> Result<(StepPlan, String), RunRefusal> {
        let plan = self.scenario.map_step_plan(map_id, self.emr_runs(map_id).len() + 1)?;
        let cluster_id = match self.canvas_cluster(&plan.cluster) {
            Some(c) if c.state.is_terminal() || c.state == crate::emr::cluster::ClusterState::Terminating => {
                return Err(RunRefusal::ClusterEnded(c.state.api_name()))
            }
            Some(c) => c.id.clone(),
            None => return Err(RunRefusal::NoCluster),
        };
        Ok((plan, cluster_id))
    }

    /// Runs the job of the map step `map_id` on the cluster it is wired to: AddJobFlowSteps
    /// with an `s3-dist-cp` copy first when the job reads HDFS. Returns the steps' IDs.
    pub fn run_map_step(&mut self, map_id: &str) -> Result<Vec<String>, RunRefusal> {
        self.record(|| super::journal::Input::RunMapStep { component: map_id.to_string() });
        let (plan, cid) = self.plan_map_step(map_id)?;
        if let Some(code) = plan.script_code() {
            let now = self.now;
            if !self.stores.s3.buckets.contains_key(&plan.script_bucket) {
                let _ = self.stores.s3.create_bucket(now, &plan.script_bucket);
            }
            let bucket = self.stores.s3.buckets.get_mut(&plan.script_bucket).ok_or(RunRefusal::NoInputBucket)?;
            bucket.objects.insert(plan.script_key(), Object::new(code.as_bytes().to_vec(), now, None));
        }
        let steps = plan.step_requests();
        let ids = self
            .with_emr(|emr, now, stores| emr.add_job_flow_steps(now, &cid, steps, stores))
            .map_err(RunRefusal::Refused)?;
        self.emr_canvas.runs.entry(map_id.to_string()).or_default().push(CanvasRun {
            cluster: cid,
            steps: ids.clone(),
            output: plan.output_uri,
        });
        Ok(ids)
    }

    /// A fault on a canvas cluster's node, now (the inspector's buttons).
    pub fn emr_fault(&mut self, cluster_component: &str, fault: Fault) -> Result<(), String> {
        self.record(|| super::journal::Input::EmrFault {
            cluster: cluster_component.to_string(),
            fault: fault.clone(),
        });
        let cid = self
            .emr_canvas
            .clusters
            .get(cluster_component)
            .cloned()
            .ok_or_else(|| format!("'{cluster_component}' is not a cluster on the canvas"))?;
        self.with_emr(|emr, now, _| emr.inject(now, &cid, fault))
    }
}
