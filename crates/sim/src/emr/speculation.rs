//! Speculative execution (`mapreduce.map.speculative`, `mapreduce.reduce.speculative`).

use super::cluster::Cluster;
use super::job::*;
use crate::time::{SimDuration, SimTime};

impl Cluster {
    /// Speculative execution: once no task of a kind waits, a task whose attempt will end
    /// later than a fresh attempt would (started now, taking the mean time of the finished
    /// ones) gets a second attempt on another node; the first to finish wins.
    pub(super) fn speculate(&mut self, now: SimTime, log: &mut Vec<String>) {
        let Some(i) = self.running_step() else { return };
        let Some(job) = self.steps[i].job.as_ref().filter(|j| j.state == JobState::Running && j.spec.speculative)
        else {
            return;
        };
        let mut best: Option<(SimDuration, usize, usize)> = None;
        for kind in [TaskKind::Map, TaskKind::Reduce] {
            if job.queue.iter().any(|&t| job.tasks[t].kind == kind) {
                continue;
            }
            let done: Vec<u64> = job
                .attempts
                .iter()
                .filter(|a| a.state == AttemptState::Succeeded && job.tasks[a.task].kind == kind)
                .map(|a| a.end.saturating_sub(a.start).as_micros())
                .collect();
            if done.is_empty() {
                continue;
            }
            let mean = SimDuration::from_micros(done.iter().sum::<u64>() / done.len() as u64);
            for (t, task) in
                job.tasks.iter().enumerate().filter(|(_, t)| t.kind == kind && t.state == TaskState::Running)
            {
                let attempts: Vec<&Attempt> = task.attempts.iter().map(|&a| &job.attempts[a]).collect();
                if attempts.iter().any(|a| a.speculative) {
                    continue;
                }
                let Some(a) = task.attempts.iter().copied().find(|&a| job.attempts[a].state == AttemptState::Running)
                else {
                    continue;
                };
                let fresh_end = now + mean;
                if job.attempts[a].end > fresh_end {
                    let gain = job.attempts[a].end.saturating_sub(fresh_end);
                    if best.is_none_or(|(g, _, _)| gain > g) {
                        best = Some((gain, t, job.attempts[a].node));
                    }
                }
            }
        }
        let Some((_, task, avoid)) = best else { return };
        let kind = job.tasks[task].kind;
        let node = (0..self.nodes.len()).find(|&n| {
            let node = &self.nodes[n];
            let need = if kind == TaskKind::Map {
                node.instance_type.map_memory_mb
            } else {
                node.instance_type.reduce_memory_mb
            };
            n != avoid && node.accepts_containers() && node.free_mb() >= need
        });
        if let Some(n) = node {
            self.start_attempt(task, n, true, now, log);
        }
    }
}
