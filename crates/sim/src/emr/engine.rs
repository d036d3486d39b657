//! What time does to a running MapReduce job: the ApplicationMaster asks YARN for
//! containers, each node takes the pending task that suits it best (a retry first, then a
//! map whose block it holds, then any), attempts end in success or failure at times set
//! by their bytes. Starting a step is `submit.rs`; lost nodes are `lost_node.rs`; backup
//! attempts are `speculation.rs`.

use super::cluster::{Cluster, Timer};
use super::job::*;
use super::limits::*;
use super::mapper::run_map;
use super::node::{Container, ContainerKind};
use super::reducer::run_reduce;
use crate::stores::Stores;
use crate::time::{SimDuration, SimTime};

pub(super) fn secs(s: f64) -> SimDuration {
    SimDuration::from_micros((s.max(0.0) * 1e6).round() as u64)
}

impl Cluster {
    /// The running job, with the step it belongs to.
    fn job_mut(&mut self) -> Option<&mut Job> {
        let i = self.running_step()?;
        self.steps[i].job.as_mut().filter(|j| j.state == JobState::Running)
    }

    /// Gives free containers to pending tasks, then considers speculative attempts.
    pub(super) fn schedule_job(&mut self, now: SimTime, log: &mut Vec<String>) {
        loop {
            let mut started = false;
            for n in 0..self.nodes.len() {
                if !self.nodes[n].accepts_containers() {
                    continue;
                }
                let Some(pos) = self.pick_for_node(n) else { continue };
                let Some(job) = self.job_mut() else { return };
                let task = job.queue.remove(pos).expect("picked from the queue");
                self.start_attempt(task, n, false, now, log);
                started = true;
            }
            if !started {
                break;
            }
        }
        self.speculate(now, log);
        self.finish_decommissions(now, log);
    }

    /// The queue position of the task node `n` should run next, if any fits.
    fn pick_for_node(&self, n: usize) -> Option<usize> {
        let i = self.running_step()?;
        let job = self.steps[i].job.as_ref().filter(|j| j.state == JobState::Running)?;
        let node = &self.nodes[n];
        let maps_done = job.tasks[..job.map_count()].iter().all(|t| t.state == TaskState::Succeeded);
        let mut first = None;
        for (pos, &t) in job.queue.iter().enumerate() {
            let task = &job.tasks[t];
            let fits = match task.kind {
                TaskKind::Map => node.free_mb() >= node.instance_type.map_memory_mb,
                TaskKind::Reduce => maps_done && node.free_mb() >= node.instance_type.reduce_memory_mb,
            };
            if !fits {
                continue;
            }
            // A task tried before goes first, wherever (Hadoop's fast-fail priority).
            if !task.attempts.is_empty() {
                return Some(pos);
            }
            if task.kind == TaskKind::Map && self.holds_block(job, task.index, n) {
                return Some(pos);
            }
            first.get_or_insert(pos);
        }
        first
    }

    /// Whether node `n` holds a replica of the (first) block of split `split`.
    fn holds_block(&self, job: &Job, split: usize, n: usize) -> bool {
        let s = &job.splits[split];
        let Some(path) = &job.inputs[job.split_inputs[split]].hdfs_path else { return false };
        self.hdfs.blocks_in(path, s.offset, s.length.max(1)).next().is_some_and(|b| b.replicas.contains(&n))
    }

    pub(super) fn start_attempt(
        &mut self,
        task: usize,
        n: usize,
        speculative: bool,
        now: SimTime,
        log: &mut Vec<String>,
    ) {
        let i = self.running_step().expect("a job runs");
        let scale = self.config.scale;
        let locality;
        let (outcome, work) = {
            let job = self.steps[i].job.as_ref().expect("a job runs");
            let t = &job.tasks[task];
            let injected = job.spec.fail_tasks.get(&t.name).copied().unwrap_or(0) > t.failed_attempts;
            let logic = job.logic.get();
            match t.kind {
                TaskKind::Map => {
                    let split = &job.splits[t.index];
                    let input = &job.inputs[job.split_inputs[t.index]];
                    let missing = input.hdfs_path.as_ref().and_then(|p| {
                        self.hdfs
                            .blocks_in(p, split.offset, split.length.max(1))
                            .find(|b| b.replicas.is_empty())
                            .map(|b| (p, b))
                    });
                    locality = match &input.hdfs_path {
                        None => Locality::OffNode,
                        Some(_) if self.holds_block(job, t.index, n) => Locality::NodeLocal,
                        Some(_) => Locality::RackLocal,
                    };
                    let rate = if locality == Locality::NodeLocal { MAP_LOCAL_MB_PER_S } else { MAP_REMOTE_MB_PER_S };
                    let work = scale.simulated_mb(split.length) / rate;
                    if let Some((path, block)) = missing {
                        let stamp = 1_000 + block.id - FIRST_BLOCK_ID + 1;
                        let msg = format!(
                            "org.apache.hadoop.hdfs.BlockMissingException: Could not obtain block: BP-lab:{}_{stamp} file={path}",
                            block.name()
                        );
                        (Outcome::Fail(msg), -1.0)
                    } else if injected {
                        (Outcome::Fail(injected_message(&t.name, t.failed_attempts)), work * INJECTED_FAILURE_AT)
                    } else {
                        match run_map(
                            logic,
                            &input.path,
                            &input.data,
                            split.offset,
                            split.length,
                            job.spec.reducers,
                            job.spec.combiner,
                        ) {
                            Ok(out) => (Outcome::Map(out), work),
                            Err(e) => (Outcome::Fail(format!("Error in map: {e}")), work * 0.5),
                        }
                    }
                }
                TaskKind::Reduce => {
                    locality = Locality::Shuffle;
                    let runs: Vec<_> =
                        job.map_outputs.iter().flatten().map(|(_, out)| &out.partitions[t.index]).collect();
                    let fetched: u64 = runs.iter().map(|r| r.serialized_bytes()).sum();
                    let mb = scale.simulated_mb(fetched);
                    let work = mb / SHUFFLE_MB_PER_S + mb / REDUCE_MB_PER_S;
                    if injected {
                        (Outcome::Fail(injected_message(&t.name, t.failed_attempts)), work * INJECTED_FAILURE_AT)
                    } else {
                        match run_reduce(logic, &runs) {
                            Ok(out) => (Outcome::Reduce(out, fetched), work),
                            Err(e) => (Outcome::Fail(format!("Error in reduce: {e}")), work * 0.5),
                        }
                    }
                }
            }
        };
        let slowdown = self.nodes[n].slowdown;
        let job = self.steps[i].job.as_mut().expect("a job runs");
        let jitter = 1.0 + DURATION_JITTER * (2.0 * job.rng.next_f64() - 1.0);
        let took = if work < 0.0 {
            CONTAINER_LAUNCH + MISSING_BLOCK_FAILS_AFTER
        } else {
            CONTAINER_LAUNCH + secs(work * jitter * slowdown)
        };
        let kind = job.tasks[task].kind;
        let node = &mut self.nodes[n];
        let memory_mb = match kind {
            TaskKind::Map => node.instance_type.map_memory_mb,
            TaskKind::Reduce => node.instance_type.reduce_memory_mb,
        };
        let index = job.attempts.len();
        let container_kind = if kind == TaskKind::Map { ContainerKind::Map } else { ContainerKind::Reduce };
        let slot = node.start_container(Container { kind: container_kind, memory_mb, attempt: Some(index) });
        let wave = if kind == TaskKind::Map {
            let w = job.slot_waves.entry((n, slot)).or_default();
            *w += 1;
            *w
        } else {
            1
        };
        let t = &mut job.tasks[task];
        let id = format!("attempt_{}_{}_{}", job.id.trim_start_matches("job_"), t.name, t.attempts.len());
        if speculative || !t.attempts.is_empty() {
            let why = if speculative { "speculative attempt" } else { "retry" };
            log.push(format!("{id} started on {} ({why})", node.name));
        }
        t.attempts.push(index);
        job.attempts.push(Attempt {
            id,
            task,
            node: n,
            slot,
            start: now,
            end: now + took,
            state: AttemptState::Running,
            locality,
            speculative,
            wave,
            note: None,
            outcome: Some(outcome),
        });
        *job.books.attempts.entry(AttemptState::Running).or_default() += 1;
        job.set_task_state(task, TaskState::Running);
        let seq = job.seq;
        self.at(now + took, Timer::AttemptEnds { job: seq, attempt: index });
    }

    /// Stops a running attempt (another attempt won, or its node is gone).
    pub(super) fn kill_attempt(&mut self, a: usize, now: SimTime, why: String) {
        let Some(i) = self.running_step() else { return };
        let job = self.steps[i].job.as_mut().expect("a job runs");
        let at = &mut job.attempts[a];
        if at.state != AttemptState::Running {
            return;
        }
        at.end = now;
        at.note = Some(why);
        at.outcome = None;
        let (n, slot) = (at.node, at.slot);
        job.set_attempt_state(a, AttemptState::Killed);
        self.nodes[n].release(slot);
    }

    pub(super) fn attempt_ends(
        &mut self,
        seq: u32,
        a: usize,
        now: SimTime,
        stores: &mut Stores,
        log: &mut Vec<String>,
    ) {
        let Some(i) = self.running_step() else { return };
        let Some(job) = self.steps[i].job.as_mut() else { return };
        if job.seq != seq || job.state != JobState::Running || job.attempts[a].state != AttemptState::Running {
            return;
        }
        let (n, slot, task) = (job.attempts[a].node, job.attempts[a].slot, job.attempts[a].task);
        let mut outcome = job.attempts[a].outcome.take().expect("a running attempt knows its outcome");
        // A reduce commits its part file (or its items); a vanished bucket or table fails it.
        if let Outcome::Reduce(out, _) = &outcome {
            let partition = job.tasks[task].index;
            match job.output.commit_task(stores, partition, &out.part, now) {
                Ok(place) => {
                    job.parts.insert(partition, place);
                }
                Err(e) => outcome = Outcome::Fail(e),
            }
        }
        self.nodes[n].release(slot);
        let job = self.steps[i].job.as_mut().expect("checked above");
        match outcome {
            Outcome::Fail(msg) => {
                job.attempts[a].note = Some(msg.clone());
                job.set_attempt_state(a, AttemptState::Failed);
                job.tasks[task].failed_attempts += 1;
                let t = &job.tasks[task];
                log.push(format!("{} failed on {}: {msg}", job.attempts[a].id, self.nodes[n].name));
                if t.failed_attempts >= MAX_TASK_ATTEMPTS {
                    let reason = format!(
                        "Task {} failed {} times (mapreduce.{}.maxattempts = {MAX_TASK_ATTEMPTS}); its last attempt: {msg}",
                        t.name,
                        t.failed_attempts,
                        if t.kind == TaskKind::Map { "map" } else { "reduce" },
                    );
                    job.set_task_state(task, TaskState::Failed);
                    self.fail_running_job(now, reason.clone(), log);
                    self.end_step(i, Err(reason), now, stores, log);
                    return;
                }
                let others_running = t.attempts.iter().any(|&x| job.attempts[x].state == AttemptState::Running);
                if !others_running {
                    job.set_task_state(task, TaskState::Pending);
                    job.queue.push_front(task);
                }
            }
            Outcome::Map(out) => {
                let c = &mut job.counters;
                c.map_input_records += out.input_records;
                c.map_output_records += out.output_records;
                c.spilled_records += out.spilled_records();
                match job.attempts[a].locality {
                    Locality::NodeLocal => c.data_local_maps += 1,
                    Locality::RackLocal => c.rack_local_maps += 1,
                    _ => c.off_node_maps += 1,
                }
                job.map_outputs[job.tasks[task].index] = Some((n, out));
                self.task_succeeded(task, a, now);
            }
            Outcome::Reduce(out, fetched) => {
                let c = &mut job.counters;
                c.shuffle_bytes += fetched;
                c.reduce_input_groups += out.input_groups;
                c.reduce_output_records += out.output_records;
                self.task_succeeded(task, a, now);
            }
        }
        let job = self.steps[i].job.as_mut().expect("checked above");
        if job.tasks.iter().all(|t| t.state == TaskState::Succeeded) {
            // Job commit: FileOutputCommitter marks the output complete with `_SUCCESS`.
            job.output.commit_job(stores, now);
            job.state = JobState::Succeeded;
            job.finished = Some(now);
            if let Some((n, slot)) = job.app_master.take() {
                self.nodes[n].release(slot);
            }
            log.push(format!("{} succeeded", job.id));
            self.end_step(i, Ok(()), now, stores, log);
            self.finish_decommissions(now, log);
            return;
        }
        self.schedule_job(now, log);
    }

    fn task_succeeded(&mut self, task: usize, a: usize, now: SimTime) {
        let i = self.running_step().expect("a job runs");
        let job = self.steps[i].job.as_mut().expect("a job runs");
        job.set_attempt_state(a, AttemptState::Succeeded);
        job.set_task_state(task, TaskState::Succeeded);
        let winner = job.attempts[a].id.clone();
        let others: Vec<usize> = job.tasks[task].attempts.iter().copied().filter(|&x| x != a).collect();
        for x in others {
            self.kill_attempt(x, now, format!("Speculation: {winner} succeeded first"));
        }
    }
}

fn injected_message(task: &str, failed_before: u32) -> String {
    format!(
        "Error: java.lang.RuntimeException: injected failure of {task} (attempt {} of the lab's --fail-task)",
        failed_before + 1
    )
}
