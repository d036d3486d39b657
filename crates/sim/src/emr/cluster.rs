//! A cluster: its nodes, HDFS on its core nodes, its queue of steps, and its life —
//! STARTING → BOOTSTRAPPING → WAITING ⇄ RUNNING → TERMINATING → TERMINATED (or
//! TERMINATED_WITH_ERRORS). Everything that happens later is a timer here, handled in time
//! order by `advance`, so a run does not depend on how often it is ticked.

use super::hdfs::Hdfs;
use super::instance_types::InstanceType;
use super::limits::*;
use super::node::{Gone, Market, Node, NodeRole, NodeState};
use super::replication::default_replication;
use super::scale::DataScale;
use super::step::{ActionOnFailure, Step, StepKind, StepState};
use crate::rng::SimRng;
use crate::stores::Stores;
use crate::time::{SimDuration, SimTime};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ClusterState {
    Starting,
    Bootstrapping,
    Running,
    Waiting,
    Terminating,
    Terminated,
    TerminatedWithErrors,
}

impl ClusterState {
    /// Every state, in the order a cluster passes through them.
    pub const ALL: [ClusterState; 7] = [
        ClusterState::Starting,
        ClusterState::Bootstrapping,
        ClusterState::Running,
        ClusterState::Waiting,
        ClusterState::Terminating,
        ClusterState::Terminated,
        ClusterState::TerminatedWithErrors,
    ];

    pub fn api_name(self) -> &'static str {
        match self {
            ClusterState::Starting => "STARTING",
            ClusterState::Bootstrapping => "BOOTSTRAPPING",
            ClusterState::Running => "RUNNING",
            ClusterState::Waiting => "WAITING",
            ClusterState::Terminating => "TERMINATING",
            ClusterState::Terminated => "TERMINATED",
            ClusterState::TerminatedWithErrors => "TERMINATED_WITH_ERRORS",
        }
    }

    pub fn is_terminal(self) -> bool {
        matches!(self, ClusterState::Terminated | ClusterState::TerminatedWithErrors)
    }
}

/// What a cluster is made of (RunJobFlow's Instances and Configurations).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClusterConfig {
    pub name: String,
    /// 1, or 3 for high availability.
    pub primary_count: u32,
    pub primary_type: &'static InstanceType,
    pub core_count: u32,
    pub core_type: &'static InstanceType,
    pub task_count: u32,
    pub task_type: &'static InstanceType,
    pub task_market: Market,
    /// `dfs.blocksize` in simulated MB.
    pub block_mb: u64,
    /// `dfs.replication` if set; otherwise EMR's default for the core count.
    pub replication: Option<u32>,
    pub scale: DataScale,
    /// KeepJobFlowAliveWhenNoSteps = false: terminate after the last step.
    pub auto_terminate: bool,
}

impl ClusterConfig {
    pub fn replication(&self) -> u32 {
        self.replication.unwrap_or_else(|| default_replication(self.core_count))
    }

    /// Checks the configuration against EMR's rules and the lab's bounds.
    pub fn validate(&self) -> Result<(), String> {
        if !PRIMARY_COUNTS.contains(&self.primary_count) {
            return Err(format!(
                "A cluster has 1 primary node, or 3 for high availability; {} is not allowed.",
                self.primary_count
            ));
        }
        if self.core_count == 0 || self.core_count > MAX_CORE_NODES {
            return Err(format!(
                "The lab's clusters have 1 to {MAX_CORE_NODES} core nodes (a one-node cluster, where the primary node also runs tasks, is not modelled); {} asked.",
                self.core_count
            ));
        }
        if self.task_count > MAX_TASK_NODES {
            return Err(format!(
                "The lab's clusters have at most {MAX_TASK_NODES} task nodes; {} asked.",
                self.task_count
            ));
        }
        if !(BLOCK_MB_RANGE.0..=BLOCK_MB_RANGE.1).contains(&self.block_mb) {
            return Err(format!(
                "dfs.blocksize must be from {} MB to {} MB; {} MB asked.",
                BLOCK_MB_RANGE.0, BLOCK_MB_RANGE.1, self.block_mb
            ));
        }
        if self.replication == Some(0) {
            return Err("dfs.replication must be at least 1.".into());
        }
        Ok(())
    }
}

/// Something a cluster will do at a given time.
#[derive(Clone, Debug, PartialEq)]
pub enum Timer {
    /// The cluster's state moves on (provisioning, bootstrapping or terminating is done).
    StateDue,
    /// An added node has been provisioned and bootstrapped.
    NodeJoins(usize),
    /// EC2 takes back a Spot node whose notice has run out.
    SpotGone(usize),
    /// The NameNode declares a lost DataNode dead and re-replicates its blocks.
    DatanodeDead(usize),
    /// The running step's attempt ends (the step's job number guards against stale timers).
    AttemptEnds { job: u32, attempt: usize },
    /// An s3-dist-cp step has copied its files.
    CopyDone { step: usize },
    /// A fault the lab scheduled relative to the start of a job.
    Fault(Fault),
}

/// The lab's fault injections.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fault {
    /// A two-minute Spot interruption notice for the node (by name).
    ReclaimSpot(String),
    /// The node (by name) fails at once.
    LoseNode(String),
}

#[derive(Clone, Debug)]
pub struct Cluster {
    /// `j-` and 13 characters, as EMR names clusters.
    pub id: String,
    pub config: ClusterConfig,
    pub state: ClusterState,
    pub state_since: SimTime,
    /// Why it terminated, when it did.
    pub state_reason: Option<String>,
    pub nodes: Vec<Node>,
    pub hdfs: Hdfs,
    pub steps: Vec<Step>,
    /// Faults to schedule when the next MapReduce step starts, after a delay.
    pub job_faults: Vec<(SimDuration, Fault)>,
    pub(super) timers: BTreeMap<(SimTime, u64), Timer>,
    timer_seq: u64,
    pub(super) jobs_started: u32,
    pub(super) rng: SimRng,
    pub created: SimTime,
    /// The instance groups' IDs (`ig-…`), by role.
    pub group_ids: BTreeMap<NodeRole, String>,
    /// What happened, in order, as lines for the CLI's report and tests.
    pub activity: Vec<(SimTime, String)>,
}

impl Cluster {
    pub fn new(id: String, config: ClusterConfig, now: SimTime, rng: SimRng) -> Result<Cluster, String> {
        config.validate()?;
        let block_bytes = config.scale.real_bytes(config.block_mb);
        let hdfs = Hdfs::new(block_bytes, config.replication(), rng.derive("hdfs"));
        let mut cluster = Cluster {
            id,
            state: ClusterState::Starting,
            state_since: now,
            state_reason: None,
            nodes: Vec::new(),
            hdfs,
            steps: Vec::new(),
            job_faults: Vec::new(),
            timers: BTreeMap::new(),
            timer_seq: 0,
            jobs_started: 0,
            rng,
            created: now,
            group_ids: BTreeMap::new(),
            activity: Vec::new(),
            config: config.clone(),
        };
        for role in [NodeRole::Primary, NodeRole::Core, NodeRole::Task] {
            let id = Cluster::draw_id(&mut cluster.rng, "ig-");
            cluster.group_ids.insert(role, id);
        }
        let ready = now + STARTING_FOR + BOOTSTRAPPING_FOR;
        for _ in 0..config.primary_count {
            cluster.add_node(NodeRole::Primary, config.primary_type, Market::OnDemand, ready);
        }
        for _ in 0..config.core_count {
            cluster.add_node(NodeRole::Core, config.core_type, Market::OnDemand, ready);
        }
        for _ in 0..config.task_count {
            cluster.add_node(NodeRole::Task, config.task_type, config.task_market, ready);
        }
        cluster.at(now + STARTING_FOR, Timer::StateDue);
        Ok(cluster)
    }

    pub(super) fn add_node(
        &mut self,
        role: NodeRole,
        itype: &'static InstanceType,
        market: Market,
        ready_at: SimTime,
    ) -> usize {
        let n = self.nodes.iter().filter(|x| x.role == role).count() + 1;
        let name = format!("{}-{n}", role.short());
        let ec2_id = format!("i-0{:016x}", self.rng.derive(&name).next_u64());
        self.nodes.push(Node {
            name,
            ec2_id,
            role,
            market,
            instance_type: itype,
            state: NodeState::Provisioning { ready_at },
            containers: Vec::new(),
            slowdown: 1.0,
        });
        self.nodes.len() - 1
    }

    pub(super) fn at(&mut self, t: SimTime, timer: Timer) {
        self.timer_seq += 1;
        self.timers.insert((t, self.timer_seq), timer);
    }

    pub fn next_wakeup(&self) -> Option<SimTime> {
        self.timers.keys().next().map(|(t, _)| *t)
    }

    pub fn node_index(&self, name: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.name == name)
    }

    /// Live core nodes (their indexes): HDFS's DataNodes.
    pub fn live_core(&self) -> Vec<usize> {
        (0..self.nodes.len()).filter(|&i| self.nodes[i].role == NodeRole::Core && !self.nodes[i].is_gone()).collect()
    }

    /// The running step, if any.
    pub fn running_step(&self) -> Option<usize> {
        self.steps.iter().position(|s| s.state == StepState::Running)
    }

    fn set_state(&mut self, state: ClusterState, now: SimTime, log: &mut Vec<String>) {
        if self.state != state {
            self.state = state;
            self.state_since = now;
            log.push(format!("cluster {} is {}", self.id, state.api_name()));
        }
    }

    /// Handles every timer due at or before `now`, each at its own time. Returns lines for
    /// the event log.
    pub fn advance(&mut self, now: SimTime, stores: &mut Stores) -> Vec<String> {
        let mut log = Vec::new();
        while let Some(entry) = self.timers.first_entry() {
            let (t, _) = *entry.key();
            if t > now {
                break;
            }
            let timer = entry.remove();
            let from = log.len();
            self.handle(t, timer, stores, &mut log);
            self.activity.extend(log[from..].iter().map(|l| (t, l.clone())));
        }
        log
    }

    fn handle(&mut self, t: SimTime, timer: Timer, stores: &mut Stores, log: &mut Vec<String>) {
        match timer {
            Timer::StateDue => match self.state {
                ClusterState::Starting => {
                    self.set_state(ClusterState::Bootstrapping, t, log);
                    self.at(t + BOOTSTRAPPING_FOR, Timer::StateDue);
                }
                ClusterState::Bootstrapping => {
                    for n in &mut self.nodes {
                        if matches!(n.state, NodeState::Provisioning { ready_at } if ready_at <= t) {
                            n.state = NodeState::Running;
                        }
                    }
                    self.set_state(ClusterState::Waiting, t, log);
                    self.start_next_step(t, stores, log);
                }
                ClusterState::Terminating => {
                    for n in &mut self.nodes {
                        if !n.is_gone() {
                            n.state = NodeState::Terminated { reason: Gone::ClusterTerminated, at: t };
                            n.containers.clear();
                        }
                    }
                    let failed = self.state_reason.as_deref().is_some_and(|r| r.starts_with("Step failure"));
                    let end = if failed { ClusterState::TerminatedWithErrors } else { ClusterState::Terminated };
                    self.set_state(end, t, log);
                    self.timers.clear();
                }
                _ => {}
            },
            Timer::NodeJoins(i) => {
                if matches!(self.nodes[i].state, NodeState::Provisioning { .. }) && !self.state.is_terminal() {
                    self.nodes[i].state = NodeState::Running;
                    log.push(format!("{} joined the cluster", self.nodes[i].name));
                    self.schedule_job(t, log);
                }
            }
            Timer::SpotGone(i) => {
                if !self.nodes[i].is_gone() {
                    self.node_gone(i, Gone::SpotReclaimed, t, log);
                }
            }
            Timer::DatanodeDead(_) => {
                let live = self.live_core();
                let made = self.hdfs.rereplicate(&live);
                if made > 0 {
                    log.push(format!("HDFS re-replicated {made} block replica(s)"));
                }
            }
            Timer::AttemptEnds { job, attempt } => self.attempt_ends(job, attempt, t, stores, log),
            Timer::CopyDone { step } => self.copy_done(step, t, stores, log),
            Timer::Fault(fault) => self.inject(fault, t, log),
        }
    }

    /// Starts the next pending step, if the cluster is waiting for one.
    pub(super) fn start_next_step(&mut self, now: SimTime, stores: &mut Stores, log: &mut Vec<String>) {
        if self.state != ClusterState::Waiting || self.running_step().is_some() {
            return;
        }
        let Some(i) = self.steps.iter().position(|s| s.state == StepState::Pending) else {
            if self.config.auto_terminate && !self.steps.is_empty() {
                self.terminate(now, "All steps completed.".into(), log);
            }
            return;
        };
        self.steps[i].state = StepState::Running;
        self.steps[i].started = Some(now);
        self.set_state(ClusterState::Running, now, log);
        log.push(format!("step {} ({}) is RUNNING", self.steps[i].id, self.steps[i].name));
        let result = match self.steps[i].kind.clone() {
            StepKind::DistCp { src, dest } => self.start_copy(i, &src, &dest, now, &stores.s3),
            StepKind::MapReduce(spec) => self.start_job(i, spec, now, stores, log),
        };
        if let Err(reason) = result {
            self.end_step(i, Err(reason), now, stores, log);
        }
    }

    /// A step is over: the next one starts, or its ActionOnFailure applies.
    pub(super) fn end_step(
        &mut self,
        i: usize,
        result: Result<(), String>,
        now: SimTime,
        stores: &mut Stores,
        log: &mut Vec<String>,
    ) {
        let step = &mut self.steps[i];
        step.ended = Some(now);
        match result {
            Ok(()) => {
                step.state = StepState::Completed;
                log.push(format!("step {} is COMPLETED", step.id));
            }
            Err(reason) => {
                step.state = StepState::Failed;
                log.push(format!("step {} is FAILED: {reason}", step.id));
                step.failure = Some(reason);
                match step.action_on_failure {
                    ActionOnFailure::Continue => {}
                    ActionOnFailure::CancelAndWait | ActionOnFailure::TerminateCluster => {
                        let terminate = step.action_on_failure == ActionOnFailure::TerminateCluster;
                        let failed_id = step.id.clone();
                        for s in &mut self.steps {
                            if s.state == StepState::Pending {
                                s.state = StepState::Cancelled;
                                s.ended = Some(now);
                            }
                        }
                        if terminate {
                            self.set_state(ClusterState::Waiting, now, log);
                            self.terminate(now, format!("Step failure: {failed_id} failed."), log);
                            return;
                        }
                    }
                }
            }
        }
        self.set_state(ClusterState::Waiting, now, log);
        self.finish_decommissions(now, log);
        self.start_next_step(now, stores, log);
    }

    /// TerminateJobFlows, or the end of an auto-terminating cluster's last step.
    pub fn terminate(&mut self, now: SimTime, reason: String, log: &mut Vec<String>) {
        if self.state.is_terminal() || self.state == ClusterState::Terminating {
            return;
        }
        if let Some(i) = self.running_step() {
            self.fail_running_job(now, "The cluster was terminated.".into(), log);
            let step = &mut self.steps[i];
            step.state = StepState::Cancelled;
            step.ended = Some(now);
        }
        for s in &mut self.steps {
            if s.state == StepState::Pending {
                s.state = StepState::Cancelled;
                s.ended = Some(now);
            }
        }
        self.state_reason = Some(reason);
        self.set_state(ClusterState::Terminating, now, log);
        self.timers.retain(|_, t| *t == Timer::StateDue);
        self.at(now + TERMINATING_FOR, Timer::StateDue);
    }

    /// Checks every job's books against the job and the nodes (see `Job::audit`), and that
    /// no container runs on a node that is gone.
    pub fn audit(&self) -> Result<(), String> {
        for n in &self.nodes {
            if n.is_gone() && n.running_containers() > 0 {
                return Err(format!("{} is gone but still runs containers", n.name));
            }
        }
        for step in &self.steps {
            if let Some(job) = &step.job {
                // Only the running job holds containers; a finished one must hold none.
                let running = step.state == super::step::StepState::Running;
                job.audit(if running { &self.nodes } else { &[] })?;
            }
        }
        Ok(())
    }

    /// Map containers free on the nodes that take containers now.
    pub fn free_map_containers(&self) -> u32 {
        self.nodes.iter().filter(|n| n.accepts_containers()).map(|n| n.free_mb() / n.instance_type.map_memory_mb).sum()
    }

    /// Draws an ID of `prefix` and 13 upper-case letters and digits, as EMR's IDs look.
    pub(super) fn draw_id(rng: &mut SimRng, prefix: &str) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        let tail: String = (0..13).map(|_| ALPHABET[rng.below(ALPHABET.len() as u64) as usize] as char).collect();
        format!("{prefix}{tail}")
    }
}
