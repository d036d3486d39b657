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
use crate::emr::job::{JobSpec, Program};
use crate::emr::node::{Market, NodeRole};
use crate::emr::scale::DataScale;
use crate::emr::step::{ActionOnFailure, StepKind};
use crate::emr::StepRequest;
use crate::pipeline::emr_settings::{EmrClusterSettings, InputSource, StepProgram, TaskMarket};
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

/// The bucket a script job's script goes in when its input is a table (Hadoop Streaming reads
/// its scripts from S3).
pub const SCRIPT_BUCKET: &str = "lab-emr-scripts";

/// What running a map step would do.
#[derive(Clone, Debug, PartialEq)]
pub struct RunPlan {
    pub map: crate::pipeline::emr_settings::MapStepSettings,
    pub reducers: u32,
    /// The bucket a script job's script is put in: the input bucket, or, for a table input,
    /// the lab's bucket for EMR's files.
    pub script_bucket: String,
    pub cluster_id: String,
    /// 1 for the step's first run.
    pub run: usize,
    pub input_uri: String,
    /// `s3://bucket/prefix/` or `dynamodb://TABLE`.
    pub output_uri: String,
}

/// Why a map step cannot run now. `Display` gives the English; the page words each in both
/// languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunRefusal {
    NotAMapStep,
    NoInputBucket,
    NoCluster,
    NoReduceStep,
    NoOutput,
    /// The cluster is terminating or terminated; its state is named.
    ClusterEnded(&'static str),
    /// The output folder is inside the folder the job reads.
    ReadsItsOwnOutput,
    /// EMR refused the step (its message).
    Refused(String),
}

impl std::fmt::Display for RunRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunRefusal::NotAMapStep => f.write_str("Only a map step runs a job."),
            RunRefusal::NoInputBucket => {
                f.write_str("The map step has no input: wire an S3 bucket, a DynamoDB table or a Redshift table to it.")
            }
            RunRefusal::NoCluster => f.write_str("The map step runs on no cluster: wire an EMR cluster to it."),
            RunRefusal::NoReduceStep => f.write_str("The map step has no reduce stage: wire it to a reduce step."),
            RunRefusal::NoOutput => f.write_str(
                "The reduce step writes nowhere: wire it to an S3 bucket, a DynamoDB table or a Redshift table.",
            ),
            RunRefusal::ClusterEnded(state) => {
                write!(f, "The cluster is {state}: a cluster that is shutting down or terminated takes no steps.")
            }
            RunRefusal::ReadsItsOwnOutput => f.write_str(
                "The job would read its own output: its output folder is inside the input it reads. Set an input prefix.",
            ),
            RunRefusal::Refused(message) => f.write_str(message),
        }
    }
}

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
    pub fn plan_map_step(&self, map_id: &str) -> Result<RunPlan, RunRefusal> {
        let scenario = &self.scenario;
        let Some(ComponentKind::MapStep(map)) = scenario.component(map_id).map(|c| &c.kind) else {
            return Err(RunRefusal::NotAMapStep);
        };
        let wiring = scenario.emr_step(map_id);
        let input = wiring.input.ok_or(RunRefusal::NoInputBucket)?;
        let cluster = wiring.cluster.ok_or(RunRefusal::NoCluster)?;
        let reduce = wiring.reduce.ok_or(RunRefusal::NoReduceStep)?;
        let output = wiring.output.ok_or(RunRefusal::NoOutput)?;
        // A bucket is read under the map step's prefix; a DynamoDB table is scanned whole
        // through the EMR DynamoDB connector, a Redshift table unloaded whole (there is nothing
        // to copy into HDFS first).
        let (input_uri, input_bucket) = match scenario.component(&input).map(|c| &c.kind) {
            Some(ComponentKind::S3Bucket(b)) => {
                (format!("s3://{}/{}", b.bucket, map.input_prefix), Some(b.bucket.clone()))
            }
            Some(ComponentKind::DynamoDbTable(t)) => (format!("dynamodb://{}", t.table_name), None),
            Some(ComponentKind::Redshift(r)) => (format!("redshift://{}/{}", r.cluster, r.table), None),
            _ => return Err(RunRefusal::NoInputBucket),
        };
        let Some(ComponentKind::ReduceStep(reduce)) = scenario.component(&reduce).map(|c| &c.kind) else {
            return Err(RunRefusal::NoReduceStep);
        };
        let cluster_id = match self.canvas_cluster(&cluster) {
            Some(c) if c.state.is_terminal() || c.state == crate::emr::cluster::ClusterState::Terminating => {
                return Err(RunRefusal::ClusterEnded(c.state.api_name()))
            }
            Some(c) => c.id.clone(),
            None => return Err(RunRefusal::NoCluster),
        };
        let run = self.emr_runs(map_id).len() + 1;
        let output_uri = match scenario.component(&output).map(|c| &c.kind) {
            Some(ComponentKind::S3Bucket(b)) => {
                let prefix = format!("{}{map_id}-run-{run}/", reduce.output_prefix);
                if input_bucket.as_deref() == Some(b.bucket.as_str()) && prefix.starts_with(&map.input_prefix) {
                    return Err(RunRefusal::ReadsItsOwnOutput);
                }
                format!("s3://{}/{prefix}", b.bucket)
            }
            Some(ComponentKind::DynamoDbTable(t)) => format!("dynamodb://{}", t.table_name),
            Some(ComponentKind::Redshift(r)) => format!("redshift://{}/{}", r.cluster, r.table),
            _ => return Err(RunRefusal::NoOutput),
        };
        Ok(RunPlan {
            map: map.clone(),
            reducers: reduce.reducers,
            script_bucket: input_bucket.unwrap_or_else(|| SCRIPT_BUCKET.to_string()),
            cluster_id,
            run,
            input_uri,
            output_uri,
        })
    }

    /// Runs the job of the map step `map_id` on the cluster it is wired to: AddJobFlowSteps
    /// with an `s3-dist-cp` copy first when the job reads HDFS. Returns the steps' IDs.
    pub fn run_map_step(&mut self, map_id: &str) -> Result<Vec<String>, RunRefusal> {
        let RunPlan { map, reducers, script_bucket, cluster_id: cid, run, input_uri, output_uri } =
            self.plan_map_step(map_id)?;
        let program = match &map.program {
            StepProgram::Builtin { job } => Program::Builtin(*job),
            StepProgram::Script { code } => {
                // Hadoop Streaming reads its scripts from S3. A name starting with `_` is a
                // hidden file, which no job reads as input.
                let key = format!("scripts/_{map_id}-run-{run}.rhai");
                let now = self.now;
                if !self.stores.s3.buckets.contains_key(&script_bucket) {
                    let _ = self.stores.s3.create_bucket(now, &script_bucket);
                }
                let bucket = self.stores.s3.buckets.get_mut(&script_bucket).ok_or(RunRefusal::NoInputBucket)?;
                bucket.objects.insert(
                    key.clone(),
                    Object { body: code.clone().into_bytes(), written: now, content_encoding: None },
                );
                Program::Script { uri: format!("s3://{script_bucket}/{key}") }
            }
        };
        let mut steps = Vec::new();
        let job_input = match map.input_from {
            _ if !input_uri.starts_with("s3://") => input_uri.clone(),
            InputSource::S3 => input_uri.clone(),
            InputSource::Hdfs => {
                let dest = format!("hdfs:///input/{map_id}-run-{run}/");
                steps.push(StepRequest {
                    name: format!("Copy {input_uri} into HDFS (s3-dist-cp)"),
                    action_on_failure: ActionOnFailure::CancelAndWait,
                    kind: StepKind::DistCp { src: input_uri.clone(), dest: dest.clone() },
                });
                dest
            }
        };
        steps.push(StepRequest {
            name: format!("{} ({map_id}, run {run})", program.name()),
            action_on_failure: ActionOnFailure::Continue,
            kind: StepKind::MapReduce(JobSpec {
                program,
                input: job_input,
                output: output_uri.clone(),
                reducers,
                combiner: map.combiner,
                speculative: map.speculative,
                fail_tasks: map.fail_tasks.clone(),
            }),
        });
        let ids = self
            .with_emr(|emr, now, stores| emr.add_job_flow_steps(now, &cid, steps, stores))
            .map_err(RunRefusal::Refused)?;
        self.emr_canvas.runs.entry(map_id.to_string()).or_default().push(CanvasRun {
            cluster: cid,
            steps: ids.clone(),
            output: output_uri,
        });
        Ok(ids)
    }

    /// A fault on a canvas cluster's node, now (the inspector's buttons).
    pub fn emr_fault(&mut self, cluster_component: &str, fault: Fault) -> Result<(), String> {
        let cid = self
            .emr_canvas
            .clusters
            .get(cluster_component)
            .cloned()
            .ok_or_else(|| format!("'{cluster_component}' is not a cluster on the canvas"))?;
        self.with_emr(|emr, now, _| emr.inject(now, &cid, fault))
    }
}
