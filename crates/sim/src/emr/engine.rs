//! What time does to a running MapReduce job: the ApplicationMaster asks YARN for
//! containers, each node takes the pending task that suits it best (a retry first, then a
//! map whose block it holds, then any), attempts end in success or failure at times set
//! by their bytes, and lost nodes take their containers and map outputs with them.

use super::cluster::{Cluster, Timer};
use super::job::*;
use super::limits::*;
use super::mapper::run_map;
use super::node::{Container, ContainerKind, NodeRole};
use super::output::Output;
use super::reducer::run_reduce;
use super::splits::file_splits;
use super::uri::{is_hidden, parse_hdfs, parse_s3};
use crate::stores::s3::{Object, S3};
use crate::stores::Stores;
use crate::time::{SimDuration, SimTime};
use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

fn secs(s: f64) -> SimDuration {
    SimDuration::from_micros((s.max(0.0) * 1e6).round() as u64)
}

/// An object's bytes as Hadoop reads them: gzip is unpacked (and cannot be split).
fn object_bytes(key: &str, o: &Object) -> (Vec<u8>, bool) {
    let gz = o.content_encoding.as_deref() == Some("gzip") || key.ends_with(".gz");
    if gz {
        use std::io::Read;
        let mut out = Vec::new();
        if flate2::read::GzDecoder::new(o.body.as_slice()).read_to_end(&mut out).is_ok() {
            return (out, true);
        }
    }
    (o.body.clone(), false)
}

/// The objects under an `s3://` URI that Hadoop would read (hidden names skipped).
fn s3_inputs(s3: &S3, uri: &str) -> Result<Vec<(String, Vec<u8>, bool)>, String> {
    let (bucket, prefix) = parse_s3(uri).ok_or_else(|| format!("Not an S3 path: {uri}"))?;
    let b = s3.buckets.get(bucket).ok_or_else(|| format!("The specified bucket does not exist: {bucket}"))?;
    let files: Vec<_> = b
        .objects
        .iter()
        .filter(|(k, _)| k.starts_with(prefix) && !is_hidden(k) && !k.ends_with('/'))
        .map(|(k, o)| {
            let (data, gz) = object_bytes(k, o);
            (format!("s3://{bucket}/{k}"), data, gz)
        })
        .collect();
    if files.is_empty() {
        return Err(format!(
            "org.apache.hadoop.mapreduce.lib.input.InvalidInputException: Input path does not exist: {uri}"
        ));
    }
    Ok(files)
}

impl Cluster {
    pub(super) fn start_copy(
        &mut self,
        step: usize,
        src: &str,
        dest: &str,
        now: SimTime,
        s3: &S3,
    ) -> Result<(), String> {
        let files = s3_inputs(s3, src)?;
        parse_hdfs(dest).ok_or_else(|| format!("s3-dist-cp: --dest must be an hdfs:// path: {dest}"))?;
        let bytes: u64 = files.iter().map(|(_, d, _)| d.len() as u64).sum();
        let rate = DISTCP_MB_PER_S * self.live_core().len().max(1) as f64;
        let took = CONTAINER_LAUNCH + secs(self.config.scale.simulated_mb(bytes) / rate);
        self.at(now + took, Timer::CopyDone { step });
        Ok(())
    }

    pub(super) fn copy_done(&mut self, step: usize, now: SimTime, stores: &mut Stores, log: &mut Vec<String>) {
        if self.steps.get(step).map(|s| s.state) != Some(super::step::StepState::Running) {
            return;
        }
        let super::step::StepKind::DistCp { src, dest } = self.steps[step].kind.clone() else { return };
        let result = s3_inputs(&stores.s3, &src).map(|files| {
            let dir = parse_hdfs(&dest).unwrap_or("/").trim_end_matches('/').to_string();
            let (_, prefix) = parse_s3(&src).unwrap_or(("", ""));
            let live = self.live_core();
            for (path, data, _) in files {
                let key = path.splitn(4, '/').nth(3).unwrap_or("");
                let rel = key.strip_prefix(prefix).unwrap_or(key).trim_start_matches('/');
                self.hdfs.write(&format!("{dir}/{rel}"), Arc::from(data), &live);
            }
        });
        self.end_step(step, result, now, stores, log);
    }

    pub(super) fn start_job(
        &mut self,
        step: usize,
        spec: JobSpec,
        now: SimTime,
        stores: &mut Stores,
        log: &mut Vec<String>,
    ) -> Result<(), String> {
        self.jobs_started += 1;
        let seq = self.jobs_started;
        let stamp = self.created.as_millis() + 1_764_504_000_000;
        let id = format!("job_{stamp}_{seq:04}");
        let logic = match &spec.program {
            Program::Builtin(job) => Logic::Builtin(*job),
            Program::Script { uri } => Logic::Script(std::rc::Rc::new(load_script(&stores.s3, uri, spec.combiner)?)),
        };
        // Inputs, as the job's InputFormat lists them at submission.
        let inputs: Vec<(JobInput, bool)> = if spec.input.starts_with("s3://") {
            s3_inputs(&stores.s3, &spec.input)?
                .into_iter()
                .map(|(path, data, gz)| (JobInput { path, hdfs_path: None, data: Arc::from(data) }, gz))
                .collect()
        } else {
            let dir = parse_hdfs(&spec.input).ok_or_else(|| format!("Not an S3 or HDFS path: {}", spec.input))?;
            let found: Vec<_> = self
                .hdfs
                .files
                .iter()
                .filter(|(p, _)| p.starts_with(dir) && !is_hidden(p))
                .map(|(p, f)| {
                    (JobInput { path: format!("hdfs://{p}"), hdfs_path: Some(p.clone()), data: f.data.clone() }, false)
                })
                .collect();
            if found.is_empty() {
                return Err(format!(
                    "org.apache.hadoop.mapreduce.lib.input.InvalidInputException: Input path does not exist: {}",
                    spec.input
                ));
            }
            found
        };
        // FileOutputFormat refuses an output directory that exists; a table must be ready.
        let output = Output::parse(&spec.output)?;
        output.check(&spec.output, stores)?;
        let mut splits = Vec::new();
        let mut split_inputs = Vec::new();
        for (i, (input, gz)) in inputs.iter().enumerate() {
            let len = input.data.len() as u64;
            let cut = if *gz { len.max(1) } else { self.hdfs.block_bytes };
            for s in file_splits(&input.path, len, cut) {
                splits.push(s);
                split_inputs.push(i);
            }
        }
        let mut tasks: Vec<Task> = (0..splits.len())
            .map(|i| Task {
                name: format!("m_{i:06}"),
                kind: TaskKind::Map,
                index: i,
                state: TaskState::Pending,
                failed_attempts: 0,
                attempts: Vec::new(),
            })
            .collect();
        for r in 0..spec.reducers.max(1) as usize {
            tasks.push(Task {
                name: format!("r_{r:06}"),
                kind: TaskKind::Reduce,
                index: r,
                state: TaskState::Pending,
                failed_attempts: 0,
                attempts: Vec::new(),
            });
        }
        // The ApplicationMaster runs on a core node (EMR's node labels keep it off Spot
        // task nodes, so a reclaimed task node never takes the job's master with it).
        let am = self.place_app_master().ok_or("No core node has room for the job's ApplicationMaster.")?;
        let map_count = splits.len();
        let mut job = Job {
            id: id.clone(),
            seq,
            inputs: inputs.into_iter().map(|(i, _)| i).collect(),
            split_inputs,
            splits,
            queue: (0..tasks.len()).collect::<VecDeque<_>>(),
            tasks,
            attempts: Vec::new(),
            map_outputs: vec![None; map_count],
            app_master: Some(am),
            state: JobState::Running,
            started: now,
            finished: None,
            counters: Counters::default(),
            books: JobBooks::default(),
            containers_at_start: self.free_map_containers(),
            slot_waves: BTreeMap::new(),
            parts: BTreeMap::new(),
            rng: self.rng.derive(&id),
            logic,
            output,
            spec,
        };
        job.books = job.recount();
        log.push(format!("{id} started: {map_count} map task(s), {} reduce task(s)", job.reduce_count()));
        self.steps[step].job = Some(job);
        for (delay, fault) in std::mem::take(&mut self.job_faults) {
            self.at(now + delay, Timer::Fault(fault));
        }
        self.schedule_job(now, log);
        Ok(())
    }

    /// Starts the ApplicationMaster's container on the first core node with room.
    fn place_app_master(&mut self) -> Option<(usize, usize)> {
        let n = (0..self.nodes.len()).find(|&i| {
            let node = &self.nodes[i];
            node.role == NodeRole::Core
                && node.accepts_containers()
                && node.free_mb() >= node.instance_type.am_memory_mb
        })?;
        let memory_mb = self.nodes[n].instance_type.am_memory_mb;
        let slot =
            self.nodes[n].start_container(Container { kind: ContainerKind::AppMaster, memory_mb, attempt: None });
        Some((n, slot))
    }

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

    fn start_attempt(&mut self, task: usize, n: usize, speculative: bool, now: SimTime, log: &mut Vec<String>) {
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
    fn kill_attempt(&mut self, a: usize, now: SimTime, why: String) {
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

    /// Speculative execution: once no task of a kind waits, a task whose attempt will end
    /// later than a fresh attempt would (started now, taking the mean time of the finished
    /// ones) gets a second attempt on another node; the first to finish wins.
    fn speculate(&mut self, now: SimTime, log: &mut Vec<String>) {
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

/// Reads and compiles a streaming job's script from S3, as the step's `-files` ships it.
fn load_script(s3: &S3, uri: &str, combiner: bool) -> Result<super::jobs::script::ScriptJob, String> {
    let (bucket, key) = parse_s3(uri).ok_or_else(|| format!("-files must name an s3:// script: {uri}"))?;
    let object = s3
        .buckets
        .get(bucket)
        .and_then(|b| b.objects.get(key))
        .ok_or_else(|| format!("java.io.FileNotFoundException: File does not exist: {uri}"))?;
    let code = String::from_utf8(object.body.clone()).map_err(|_| format!("{uri} is not UTF-8 text"))?;
    let job = super::jobs::script::ScriptJob::compile(&code)?;
    if combiner && !job.has_combiner() {
        return Err(format!("-combiner names {uri}, which defines no combiner(key, values)"));
    }
    Ok(job)
}

fn injected_message(task: &str, failed_before: u32) -> String {
    format!(
        "Error: java.lang.RuntimeException: injected failure of {task} (attempt {} of the lab's --fail-task)",
        failed_before + 1
    )
}
