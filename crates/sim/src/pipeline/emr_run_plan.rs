//! What running a map step submits, from the scenario alone: which wires it needs, what it
//! reads and writes, and the steps AddJobFlowSteps takes — an `s3-dist-cp` copy first when
//! the job reads HDFS, then the MapReduce step. The world adds the cluster's state (see
//! `world/emr_canvas.rs`); the exports write the same steps for real AWS.

use crate::emr::job::{JobSpec, Program};
use crate::emr::step::{ActionOnFailure, StepKind};
use crate::emr::StepRequest;
use crate::pipeline::emr_settings::{InputSource, MapStepSettings, StepProgram};
use crate::scenario::{ComponentKind, Scenario};

/// The bucket a script job's script goes in when its input is a table (Hadoop Streaming reads
/// its scripts from S3).
pub const SCRIPT_BUCKET: &str = "lab-emr-scripts";

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

/// A map step's run `run` (1 for its first), as its wires say.
#[derive(Clone, Debug, PartialEq)]
pub struct StepPlan {
    pub map_id: String,
    pub map: MapStepSettings,
    pub reducers: u32,
    /// The cluster component the step runs on.
    pub cluster: String,
    /// The bucket a script job's script is put in: the input bucket, or, for a table input,
    /// the lab's bucket for EMR's files.
    pub script_bucket: String,
    pub run: usize,
    pub input_uri: String,
    /// `s3://bucket/prefix/` or `dynamodb://TABLE`.
    pub output_uri: String,
}

impl Scenario {
    /// What the map step `map_id`'s run `run` would submit, or which wire is missing.
    pub fn map_step_plan(&self, map_id: &str, run: usize) -> Result<StepPlan, RunRefusal> {
        let Some(ComponentKind::MapStep(map)) = self.component(map_id).map(|c| &c.kind) else {
            return Err(RunRefusal::NotAMapStep);
        };
        let wiring = self.emr_step(map_id);
        let input = wiring.input.ok_or(RunRefusal::NoInputBucket)?;
        let cluster = wiring.cluster.ok_or(RunRefusal::NoCluster)?;
        let reduce = wiring.reduce.ok_or(RunRefusal::NoReduceStep)?;
        let output = wiring.output.ok_or(RunRefusal::NoOutput)?;
        // A bucket is read under the map step's prefix; a DynamoDB table is scanned whole
        // through the EMR DynamoDB connector, a Redshift table unloaded whole (there is nothing
        // to copy into HDFS first).
        let (input_uri, input_bucket) = match self.component(&input).map(|c| &c.kind) {
            Some(ComponentKind::S3Bucket(b)) => {
                (format!("s3://{}/{}", b.bucket, map.input_prefix), Some(b.bucket.clone()))
            }
            Some(ComponentKind::DynamoDbTable(t)) => (format!("dynamodb://{}", t.table_name), None),
            Some(ComponentKind::Redshift(r)) => (format!("redshift://{}/{}", r.cluster, r.table), None),
            _ => return Err(RunRefusal::NoInputBucket),
        };
        let Some(ComponentKind::ReduceStep(reduce)) = self.component(&reduce).map(|c| &c.kind) else {
            return Err(RunRefusal::NoReduceStep);
        };
        if !matches!(self.component(&cluster).map(|c| &c.kind), Some(ComponentKind::EmrCluster(_))) {
            return Err(RunRefusal::NoCluster);
        }
        let output_uri = match self.component(&output).map(|c| &c.kind) {
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
        Ok(StepPlan {
            map_id: map_id.to_string(),
            map: map.clone(),
            reducers: reduce.reducers,
            cluster,
            script_bucket: input_bucket.unwrap_or_else(|| SCRIPT_BUCKET.to_string()),
            run,
            input_uri,
            output_uri,
        })
    }
}

impl StepPlan {
    /// Where a script job's script is put: Hadoop Streaming reads its scripts from S3. A name
    /// starting with `_` is a hidden file, which no job reads as input.
    pub fn script_key(&self) -> String {
        format!("scripts/_{}-run-{}.rhai", self.map_id, self.run)
    }

    /// The script's source, for a script job.
    pub fn script_code(&self) -> Option<&str> {
        match &self.map.program {
            StepProgram::Script { code } => Some(code),
            StepProgram::Builtin { .. } => None,
        }
    }

    /// The steps AddJobFlowSteps takes for this run, in order.
    pub fn step_requests(&self) -> Vec<StepRequest> {
        let (map_id, run) = (&self.map_id, self.run);
        let program = match &self.map.program {
            StepProgram::Builtin { job } => Program::Builtin(*job),
            StepProgram::Script { .. } => {
                Program::Script { uri: format!("s3://{}/{}", self.script_bucket, self.script_key()) }
            }
        };
        let mut steps = Vec::new();
        let job_input = match self.map.input_from {
            _ if !self.input_uri.starts_with("s3://") => self.input_uri.clone(),
            InputSource::S3 => self.input_uri.clone(),
            InputSource::Hdfs => {
                let dest = format!("hdfs:///input/{map_id}-run-{run}/");
                steps.push(StepRequest {
                    name: format!("Copy {} into HDFS (s3-dist-cp)", self.input_uri),
                    action_on_failure: ActionOnFailure::CancelAndWait,
                    kind: StepKind::DistCp { src: self.input_uri.clone(), dest: dest.clone() },
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
                output: self.output_uri.clone(),
                reducers: self.reducers,
                combiner: self.map.combiner,
                speculative: self.map.speculative,
                fail_tasks: self.map.fail_tasks.clone(),
            }),
        });
        steps
    }
}
