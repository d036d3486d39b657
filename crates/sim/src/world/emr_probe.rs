//! The questions a lesson asks about a canvas map step's jobs (see `probe.rs`): how many of
//! its runs completed, and in how many waves its last completed job ran its maps.

use super::World;
use crate::emr::step::StepState;

impl World {
    /// The answer to an EMR question, or None when `words` is not one.
    pub(super) fn emr_probe(&self, words: &[&str]) -> Option<Result<f64, String>> {
        let (&question, &map_id) = (words.first()?, words.get(1)?);
        if !matches!(question, "jobs_completed" | "job_waves") {
            return None;
        }
        // The MapReduce step of each run (its last step; a copy into HDFS may come first).
        let completed: Vec<_> = self
            .emr_runs(map_id)
            .iter()
            .filter_map(|run| {
                let cluster = self.emr.cluster(&run.cluster)?;
                cluster.steps.iter().find(|s| Some(&s.id) == run.steps.last())
            })
            .filter(|step| step.state == StepState::Completed)
            .collect();
        Some(Ok(match question {
            "jobs_completed" => completed.len() as f64,
            _ => completed.last().and_then(|s| s.job.as_ref()).map_or(0, |j| j.waves()) as f64,
        }))
    }
}
