//! A MapReduce job as the ApplicationMaster tracks it: its input splits, one map task per
//! split and R reduce tasks, every attempt of every task, and the books that account for
//! each of them. What time does to a job is in `engine.rs`.

use super::jobs::BuiltinJob;
use super::mapper::MapOutput;
use super::reducer::ReduceOutput;
use super::splits::InputSplit;
use crate::time::SimTime;
use serde::Serialize;
use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

/// Where a job reads: S3 through EMRFS (survives the cluster), or HDFS on the core nodes.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputFrom {
    S3,
    Hdfs,
}

/// The program a job runs.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Program {
    /// One of the lab's built-in jobs (a JAR step).
    Builtin(BuiltinJob),
    /// A Hadoop Streaming step whose mapper, reducer (and combiner) are the functions of a
    /// Rhai script in S3 (`s3://bucket/job.rhai`), read when the job starts.
    Script { uri: String },
}

impl Program {
    /// The job's name: the built-in job's, or the script's file name.
    pub fn name(&self) -> &str {
        match self {
            Program::Builtin(job) => job.name(),
            Program::Script { uri } => uri.rsplit('/').next().unwrap_or(uri),
        }
    }
}

/// The functions a running job calls: a built-in job's, or a compiled script's.
#[derive(Clone)]
pub enum Logic {
    Builtin(BuiltinJob),
    Script(std::rc::Rc<super::jobs::script::ScriptJob>),
}

impl Logic {
    pub fn get(&self) -> &dyn super::jobs::JobLogic {
        match self {
            Logic::Builtin(job) => job.logic(),
            Logic::Script(script) => script.as_ref(),
        }
    }
}

impl std::fmt::Debug for Logic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Logic::Builtin(job) => write!(f, "Builtin({})", job.name()),
            Logic::Script(_) => f.write_str("Script"),
        }
    }
}

/// What a step's job is, as its arguments say.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JobSpec {
    pub program: Program,
    /// `s3://bucket/prefix/` or `hdfs:///dir/`.
    pub input: String,
    /// `s3://bucket/prefix/`.
    pub output: String,
    /// `mapreduce.job.reduces`.
    pub reducers: u32,
    /// Whether the job sets a combiner class.
    pub combiner: bool,
    /// `mapreduce.map.speculative` / `mapreduce.reduce.speculative`.
    pub speculative: bool,
    /// The lab's fault injection: task name → how many of its first attempts fail.
    pub fail_tasks: BTreeMap<String, u32>,
}

/// One input file as the job read it when it started.
#[derive(Clone, Debug)]
pub struct JobInput {
    /// Its path as the job names it (`s3://b/in/a.txt`, `hdfs:///input/a.txt`).
    pub path: String,
    /// The HDFS path, when it is read from HDFS (its blocks are looked up there).
    pub hdfs_path: Option<String>,
    pub data: Arc<[u8]>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    Map,
    Reduce,
}

/// A task's state, as Hadoop names them (NEW and SCHEDULED are both "pending" here).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskState {
    Pending,
    Running,
    Succeeded,
    Failed,
    Killed,
}

#[derive(Clone, Debug, Serialize)]
pub struct Task {
    /// Hadoop's short name: `m_000003`, `r_000000`.
    pub name: String,
    pub kind: TaskKind,
    /// The split (maps) or the partition (reduces) it works on.
    pub index: usize,
    pub state: TaskState,
    pub failed_attempts: u32,
    pub attempts: Vec<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AttemptState {
    Running,
    Succeeded,
    Failed,
    Killed,
}

/// Where a map read its split from, relative to its container.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Locality {
    /// A replica of the block is on the node running the map.
    NodeLocal,
    /// The block was read from another node over the network.
    RackLocal,
    /// The input is in S3: no node holds it, every map reads it over the network.
    OffNode,
    /// Reduces read map outputs from every node.
    Shuffle,
}

/// What an attempt will do when its time comes (decided when it starts).
#[derive(Clone, Debug)]
pub enum Outcome {
    Map(MapOutput),
    Reduce(ReduceOutput, u64),
    Fail(String),
}

#[derive(Clone, Debug, Serialize)]
pub struct Attempt {
    /// `attempt_1764504000000_0001_m_000003_1`.
    pub id: String,
    pub task: usize,
    pub node: usize,
    pub slot: usize,
    pub start: SimTime,
    /// When it ends (or ended, or was killed).
    pub end: SimTime,
    pub state: AttemptState,
    pub locality: Locality,
    pub speculative: bool,
    /// Which wave of its container slot it ran in (1 = the first task that slot ran).
    pub wave: u32,
    /// Why it failed or was killed.
    pub note: Option<String>,
    #[serde(skip)]
    pub outcome: Option<Outcome>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "state", content = "reason", rename_all = "snake_case")]
pub enum JobState {
    Running,
    Succeeded,
    Failed(String),
}

/// Hadoop's job counters that the lab reports.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Counters {
    pub map_input_records: u64,
    pub map_output_records: u64,
    /// Pairs the maps' combiners passed on (equals map output records without a combiner).
    pub spilled_records: u64,
    /// Real bytes the successful reducers fetched.
    pub shuffle_bytes: u64,
    pub reduce_input_groups: u64,
    pub reduce_output_records: u64,
    pub data_local_maps: u64,
    pub rack_local_maps: u64,
    pub off_node_maps: u64,
}

/// The job's books: how many tasks (splits, for maps) and attempts are in each state. The
/// engine moves them at every transition; `Job::audit` recounts them from the tasks and
/// attempts themselves.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct JobBooks {
    pub splits: BTreeMap<TaskState, u64>,
    pub reduces: BTreeMap<TaskState, u64>,
    pub attempts: BTreeMap<AttemptState, u64>,
}

#[derive(Clone, Debug)]
pub struct Job {
    /// `job_1764504000000_0001`.
    pub id: String,
    /// The cluster's job number (1, 2…): timers name it, so a stale one is recognised.
    pub seq: u32,
    pub spec: JobSpec,
    pub inputs: Vec<JobInput>,
    /// Which input each split reads.
    pub split_inputs: Vec<usize>,
    pub splits: Vec<InputSplit>,
    /// Maps first (one per split), then reduces.
    pub tasks: Vec<Task>,
    pub attempts: Vec<Attempt>,
    /// Pending tasks in the order they will be scheduled (retries first).
    pub queue: VecDeque<usize>,
    /// Each finished map's output and the node whose disk holds it.
    pub map_outputs: Vec<Option<(usize, MapOutput)>>,
    /// The node and slot of the ApplicationMaster's container.
    pub app_master: Option<(usize, usize)>,
    pub state: JobState,
    pub started: SimTime,
    pub finished: Option<SimTime>,
    pub counters: Counters,
    pub books: JobBooks,
    /// Map containers free for this job when it started (after the ApplicationMaster).
    pub containers_at_start: u32,
    /// Map attempts each (node, slot) has run: the wave of the next one there.
    pub slot_waves: BTreeMap<(usize, usize), u32>,
    /// The part files written, by reducer.
    pub parts: BTreeMap<usize, String>,
    /// Jitter of attempt durations, drawn from the seed.
    pub(crate) rng: crate::rng::SimRng,
    /// The map, combine and reduce functions it runs.
    pub logic: Logic,
    /// Where its reducers write.
    pub output: super::output::Output,
}

impl Job {
    pub fn map_count(&self) -> usize {
        self.splits.len()
    }

    pub fn reduce_count(&self) -> usize {
        self.tasks.len() - self.splits.len()
    }

    pub fn task(&self, name: &str) -> Option<&Task> {
        self.tasks.iter().find(|t| t.name == name)
    }

    /// The waves the maps ran in: the most map attempts any one container slot ran.
    pub fn waves(&self) -> u32 {
        self.slot_waves.values().copied().max().unwrap_or(0)
    }

    /// Attempts per task name.
    pub fn attempts_by_task(&self) -> BTreeMap<String, u32> {
        self.tasks.iter().map(|t| (t.name.clone(), t.attempts.len() as u32)).collect()
    }

    pub fn set_task_state(&mut self, task: usize, state: TaskState) {
        let t = &mut self.tasks[task];
        let book = if t.kind == TaskKind::Map { &mut self.books.splits } else { &mut self.books.reduces };
        move_count(book, t.state, state);
        t.state = state;
    }

    pub fn set_attempt_state(&mut self, attempt: usize, state: AttemptState) {
        let a = &mut self.attempts[attempt];
        move_count(&mut self.books.attempts, a.state, state);
        a.state = state;
    }

    /// The books recounted from the tasks and attempts.
    pub fn recount(&self) -> JobBooks {
        let mut books = JobBooks::default();
        for t in &self.tasks {
            let book = if t.kind == TaskKind::Map { &mut books.splits } else { &mut books.reduces };
            *book.entry(t.state).or_default() += 1;
        }
        for a in &self.attempts {
            *books.attempts.entry(a.state).or_default() += 1;
        }
        books
    }

    /// Checks the books against the job's own state: every split is in exactly one state,
    /// every attempt too, each running attempt holds a container on a live node, and each
    /// running task has a running attempt. The first discrepancy, if any.
    pub fn audit(&self, nodes: &[super::node::Node]) -> Result<(), String> {
        let recount = self.recount();
        if recount != self.books {
            return Err(format!("books {:?} but the tasks and attempts say {:?}", self.books, recount));
        }
        let splits: u64 = self.books.splits.values().sum();
        if splits != self.splits.len() as u64 {
            return Err(format!("{} splits, {splits} in the books", self.splits.len()));
        }
        for (i, a) in self.attempts.iter().enumerate() {
            let holds = nodes
                .get(a.node)
                .and_then(|n| n.containers.get(a.slot))
                .and_then(|c| c.as_ref())
                .is_some_and(|c| c.attempt == Some(i));
            if (a.state == AttemptState::Running) != holds {
                return Err(format!("{} is {:?} but its container says otherwise", a.id, a.state));
            }
        }
        for t in &self.tasks {
            let running = t.attempts.iter().any(|&a| self.attempts[a].state == AttemptState::Running);
            if (t.state == TaskState::Running) != running {
                return Err(format!("{} is {:?} with running attempts: {running}", t.name, t.state));
            }
        }
        Ok(())
    }
}

fn move_count<K: Ord + Copy>(book: &mut BTreeMap<K, u64>, from: K, to: K) {
    if from == to {
        return;
    }
    if let Some(n) = book.get_mut(&from) {
        *n = n.saturating_sub(1);
        if *n == 0 {
            book.remove(&from);
        }
    }
    *book.entry(to).or_default() += 1;
}
