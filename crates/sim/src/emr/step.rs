//! Steps, as EMR runs them: a cluster works through a queue of steps one at a time,
//! PENDING → RUNNING → COMPLETED / FAILED / CANCELLED, and a failed step's ActionOnFailure
//! says what happens to the rest: CONTINUE with the next, CANCEL_AND_WAIT (cancel the
//! pending steps, keep the cluster), or TERMINATE_CLUSTER.

use super::job::{Job, JobSpec};
use crate::time::SimTime;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ActionOnFailure {
    Continue,
    CancelAndWait,
    TerminateCluster,
}

impl ActionOnFailure {
    pub fn api_name(self) -> &'static str {
        match self {
            ActionOnFailure::Continue => "CONTINUE",
            ActionOnFailure::CancelAndWait => "CANCEL_AND_WAIT",
            ActionOnFailure::TerminateCluster => "TERMINATE_CLUSTER",
        }
    }

    /// `TERMINATE_JOB_FLOW` is the older name of `TERMINATE_CLUSTER`, still accepted.
    pub fn from_api(name: &str) -> Option<ActionOnFailure> {
        match name {
            "CONTINUE" => Some(ActionOnFailure::Continue),
            "CANCEL_AND_WAIT" => Some(ActionOnFailure::CancelAndWait),
            "TERMINATE_CLUSTER" | "TERMINATE_JOB_FLOW" => Some(ActionOnFailure::TerminateCluster),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StepState {
    Pending,
    Running,
    Completed,
    Cancelled,
    Failed,
}

impl StepState {
    pub fn api_name(self) -> &'static str {
        match self {
            StepState::Pending => "PENDING",
            StepState::Running => "RUNNING",
            StepState::Completed => "COMPLETED",
            StepState::Cancelled => "CANCELLED",
            StepState::Failed => "FAILED",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// `s3-dist-cp --src=s3://… --dest=hdfs:///…`: copies S3 objects into HDFS.
    DistCp { src: String, dest: String },
    /// A MapReduce job.
    MapReduce(JobSpec),
}

#[derive(Clone, Debug)]
pub struct Step {
    /// `s-` and 13 characters, as EMR names steps.
    pub id: String,
    pub name: String,
    pub action_on_failure: ActionOnFailure,
    pub kind: StepKind,
    pub state: StepState,
    pub created: SimTime,
    pub started: Option<SimTime>,
    pub ended: Option<SimTime>,
    /// Why it failed.
    pub failure: Option<String>,
    /// The job a MapReduce step ran (kept after it ends, for its report and its chart).
    pub job: Option<Job>,
}
