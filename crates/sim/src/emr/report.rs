//! A MapReduce step's report: what `shardlab emr` prints and tests read. The output is read
//! back from the part files the reducers wrote, not from the reducers' memory.

use super::cluster::Cluster;
use super::hdfs::LostBlock;
use super::job::{AttemptState, Counters, JobBooks, JobState, Locality};
use super::splits::InputSplit;
use super::step::{StepKind, StepState};
use crate::stores::Stores;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Serialize)]
pub struct AttemptReport {
    pub id: String,
    pub task: String,
    pub node: String,
    /// The container slot on its node (a row of the Gantt chart).
    pub slot: usize,
    pub start_ms: u64,
    pub end_ms: u64,
    pub state: AttemptState,
    pub wave: u32,
    pub locality: Locality,
    pub speculative: bool,
    pub note: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct JobReport {
    /// `COMPLETED` or `FAILED` (or `CANCELLED`), the step's state.
    pub status: String,
    pub failure_reason: Option<String>,
    /// Exactly what the reducers wrote: key → value, from the part files.
    pub output: BTreeMap<String, String>,
    pub map_tasks: usize,
    pub reduce_tasks: usize,
    /// Map containers free for the job when it started (after its ApplicationMaster).
    pub containers: u32,
    pub waves: u32,
    /// Task name → how many attempts it took.
    pub attempts: BTreeMap<String, u32>,
    pub data_local_maps: u64,
    /// Real bytes the reducers fetched (map output after any combiner).
    pub shuffle_bytes: u64,
    /// Virtual milliseconds from the step's start to its end.
    pub duration_ms: u64,
    pub splits: Vec<InputSplit>,
    pub cluster_id: String,
    pub job_id: String,
    pub step_id: String,
    /// How many real bytes stand for one simulated MB, and the same in words.
    pub bytes_per_mb: u64,
    pub scale: String,
    pub replication: u32,
    pub counters: Counters,
    /// Splits, reduces and attempts per state.
    pub books: JobBooks,
    pub lost_blocks: Vec<LostBlock>,
    pub output_files: Vec<String>,
    pub attempt_log: Vec<AttemptReport>,
    pub activity: Vec<String>,
}

impl JobReport {
    /// The report of the last MapReduce step of `cluster`, if it has run.
    pub fn of_last_job(cluster: &Cluster, stores: &Stores) -> Option<JobReport> {
        let step = cluster.steps.iter().rev().find(|s| matches!(s.kind, StepKind::MapReduce(_)))?;
        let StepKind::MapReduce(spec) = &step.kind else { return None };
        let status = step.state.api_name().to_string();
        let mut report = JobReport {
            status,
            failure_reason: step.failure.clone(),
            output: BTreeMap::new(),
            map_tasks: 0,
            reduce_tasks: 0,
            containers: 0,
            waves: 0,
            attempts: BTreeMap::new(),
            data_local_maps: 0,
            shuffle_bytes: 0,
            duration_ms: match (step.started, step.ended) {
                (Some(a), Some(b)) => b.saturating_sub(a).as_millis(),
                _ => 0,
            },
            splits: Vec::new(),
            cluster_id: cluster.id.clone(),
            job_id: String::new(),
            step_id: step.id.clone(),
            bytes_per_mb: cluster.config.scale.bytes_per_mb,
            scale: cluster.config.scale.describe(),
            replication: cluster.hdfs.replication,
            counters: Counters::default(),
            books: JobBooks::default(),
            lost_blocks: cluster.hdfs.lost.clone(),
            output_files: Vec::new(),
            attempt_log: Vec::new(),
            activity: cluster.activity.iter().map(|(t, l)| format!("{} {l}", t)).collect(),
        };
        if let Ok(output) = super::output::Output::parse(&spec.output) {
            (report.output, report.output_files) = output.read_back(stores);
        }
        if let Some(job) = &step.job {
            report.map_tasks = job.map_count();
            report.reduce_tasks = job.reduce_count();
            report.containers = job.containers_at_start;
            report.waves = job.waves();
            report.attempts = job.attempts_by_task();
            report.data_local_maps = job.counters.data_local_maps;
            report.shuffle_bytes = job.counters.shuffle_bytes;
            report.splits = job.splits.clone();
            report.job_id = job.id.clone();
            report.counters = job.counters.clone();
            report.books = job.books.clone();
            report.attempt_log = job
                .attempts
                .iter()
                .map(|a| AttemptReport {
                    id: a.id.clone(),
                    task: job.tasks[a.task].name.clone(),
                    node: cluster.nodes[a.node].name.clone(),
                    slot: a.slot,
                    start_ms: a.start.as_millis(),
                    end_ms: a.end.as_millis(),
                    state: a.state,
                    wave: a.wave,
                    locality: a.locality,
                    speculative: a.speculative,
                    note: a.note.clone(),
                })
                .collect();
            if let JobState::Failed(reason) = &job.state {
                report.failure_reason.get_or_insert_with(|| reason.clone());
            }
        }
        if step.state == StepState::Pending || step.state == StepState::Running {
            report.duration_ms = 0;
        }
        Some(report)
    }
}
