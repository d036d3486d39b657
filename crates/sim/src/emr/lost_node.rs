//! A node gone from under a running job: its running attempts are killed and run again
//! elsewhere, the ApplicationMaster moves if it ran there, and finished maps whose output was
//! on its disk run again while a reducer may still need it (as Hadoop's JobImpl does). And a
//! job that fails: its attempts killed, its waiting tasks too.

use super::cluster::Cluster;
use super::job::*;
use crate::time::SimTime;

impl Cluster {
    /// A node is gone: its running attempts are killed and rerun, the ApplicationMaster
    /// moves if it ran there, and finished maps whose output was on its disk run again if a
    /// reducer may still need it.
    pub(super) fn job_lost_node(&mut self, n: usize, now: SimTime, log: &mut Vec<String>) {
        let Some(i) = self.running_step() else { return };
        let Some(job) = self.steps[i].job.as_ref().filter(|j| j.state == JobState::Running) else { return };
        let name = self.nodes[n].name.clone();
        let running: Vec<usize> = (0..job.attempts.len())
            .filter(|&a| job.attempts[a].state == AttemptState::Running && job.attempts[a].node == n)
            .collect();
        let reduces_left = job.tasks.iter().any(|t| t.kind == TaskKind::Reduce && t.state != TaskState::Succeeded);
        let outputs_lost: Vec<usize> = if reduces_left {
            (0..job.map_count()).filter(|&m| job.map_outputs[m].as_ref().is_some_and(|(node, _)| *node == n)).collect()
        } else {
            Vec::new()
        };
        let am_here = job.app_master.is_some_and(|(node, _)| node == n);
        for a in running {
            self.kill_attempt(a, now, format!("Container released on a *lost* node ({name})"));
            self.requeue_if_idle(a);
        }
        for m in outputs_lost {
            let job = self.steps[i].job.as_mut().expect("a job runs");
            let (_, out) = job.map_outputs[m].take().expect("listed above");
            let c = &mut job.counters;
            c.map_input_records -= out.input_records;
            c.map_output_records -= out.output_records;
            c.spilled_records -= out.spilled_records();
            let winner =
                job.tasks[m].attempts.iter().copied().find(|&x| job.attempts[x].state == AttemptState::Succeeded);
            if let Some(w) = winner {
                match job.attempts[w].locality {
                    Locality::NodeLocal => c.data_local_maps -= 1,
                    Locality::RackLocal => c.rack_local_maps -= 1,
                    _ => c.off_node_maps -= 1,
                }
                job.attempts[w].note = Some(format!("Map output lost with {name}: the map runs again"));
                job.set_attempt_state(w, AttemptState::Killed);
            }
            job.set_task_state(m, TaskState::Pending);
            job.queue.push_front(m);
            log.push(format!("{} runs again: its output was on {name}", job.tasks[m].name));
        }
        if am_here {
            let job = self.steps[i].job.as_mut().expect("a job runs");
            job.app_master = None;
            self.nodes[n].containers.clear();
            match self.place_app_master() {
                Some(am) => {
                    self.steps[i].job.as_mut().expect("a job runs").app_master = Some(am);
                    log.push(format!("the ApplicationMaster restarted on {}", self.nodes[am.0].name));
                }
                None => {
                    let reason =
                        format!("The ApplicationMaster's node ({name}) was lost and no core node can run it again.");
                    self.fail_running_job(now, reason, log);
                }
            }
        }
    }

    /// Whether the running job's reducers may still fetch map output from node `n`.
    pub(super) fn job_needs_output_on(&self, n: usize) -> bool {
        let Some(i) = self.running_step() else { return false };
        let Some(job) = self.steps[i].job.as_ref().filter(|j| j.state == JobState::Running) else { return false };
        let reduces_left = job.tasks.iter().any(|t| t.kind == TaskKind::Reduce && t.state != TaskState::Succeeded);
        reduces_left && job.map_outputs.iter().flatten().any(|(node, _)| *node == n)
    }

    /// After its attempt `a` stopped, the task waits in the queue again unless another
    /// attempt of it still runs.
    fn requeue_if_idle(&mut self, a: usize) {
        let Some(i) = self.running_step() else { return };
        let job = self.steps[i].job.as_mut().expect("a job runs");
        let task = job.attempts[a].task;
        let t = &job.tasks[task];
        let running = t.attempts.iter().any(|&x| job.attempts[x].state == AttemptState::Running);
        if !running && t.state == TaskState::Running {
            job.set_task_state(task, TaskState::Pending);
            job.queue.push_front(task);
        }
    }

    /// Ends the running job as failed: its attempts are killed, its waiting tasks too.
    pub(super) fn fail_running_job(&mut self, now: SimTime, reason: String, log: &mut Vec<String>) {
        let Some(i) = self.running_step() else { return };
        let Some(job) = self.steps[i].job.as_ref().filter(|j| j.state == JobState::Running) else { return };
        let running: Vec<usize> =
            (0..job.attempts.len()).filter(|&a| job.attempts[a].state == AttemptState::Running).collect();
        for a in running {
            self.kill_attempt(a, now, "Killed: the job failed".into());
        }
        let job = self.steps[i].job.as_mut().expect("checked above");
        for t in 0..job.tasks.len() {
            if matches!(job.tasks[t].state, TaskState::Pending | TaskState::Running) {
                job.set_task_state(t, TaskState::Killed);
            }
        }
        job.queue.clear();
        if let Some((n, slot)) = job.app_master.take() {
            self.nodes[n].release(slot);
        }
        log.push(format!("{} failed: {reason}", job.id));
        job.state = JobState::Failed(reason);
        job.finished = Some(now);
    }
}
