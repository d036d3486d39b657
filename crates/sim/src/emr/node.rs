//! The cluster's EC2 instances: one primary node (or three), core nodes that run tasks and
//! hold HDFS, task nodes that only run tasks. Each node offers its YARN memory to
//! containers; a container runs the job's ApplicationMaster, a map or a reduce.

use super::instance_types::InstanceType;
use crate::time::SimTime;
use serde::Serialize;

/// EMR's instance group types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum NodeRole {
    #[serde(rename = "MASTER")]
    Primary,
    #[serde(rename = "CORE")]
    Core,
    #[serde(rename = "TASK")]
    Task,
}

impl NodeRole {
    pub fn api_name(self) -> &'static str {
        match self {
            NodeRole::Primary => "MASTER",
            NodeRole::Core => "CORE",
            NodeRole::Task => "TASK",
        }
    }
    /// The lab's short name for nodes of this role (`core-2`).
    pub fn short(self) -> &'static str {
        match self {
            NodeRole::Primary => "primary",
            NodeRole::Core => "core",
            NodeRole::Task => "task",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Market {
    #[serde(rename = "ON_DEMAND")]
    OnDemand,
    #[serde(rename = "SPOT")]
    Spot,
}

impl Market {
    pub fn api_name(self) -> &'static str {
        match self {
            Market::OnDemand => "ON_DEMAND",
            Market::Spot => "SPOT",
        }
    }
}

/// Why a node went away.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Gone {
    /// EC2 reclaimed the Spot instance after its two-minute notice.
    SpotReclaimed,
    /// The instance failed (the lab's "lose a core node").
    InstanceFailure,
    /// Removed by a resize, after its containers finished.
    Decommissioned,
    /// The cluster terminated.
    ClusterTerminated,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum NodeState {
    /// Being provisioned and bootstrapped; joins at `ready_at`.
    Provisioning {
        ready_at: SimTime,
    },
    Running,
    /// Spot interruption notice: no new containers; EC2 takes it at `gone_at`.
    Reclaiming {
        gone_at: SimTime,
    },
    /// Being removed by a resize: no new containers; goes when its containers finish.
    Decommissioning,
    Terminated {
        reason: Gone,
        at: SimTime,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContainerKind {
    AppMaster,
    Map,
    Reduce,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Container {
    pub kind: ContainerKind,
    pub memory_mb: u32,
    /// The task attempt it runs (an index into the job's attempts); none for the AM.
    pub attempt: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Node {
    /// The lab's name: `primary-1`, `core-2`, `task-1`.
    pub name: String,
    /// An EC2 instance ID, derived from the cluster and the name.
    pub ec2_id: String,
    pub role: NodeRole,
    pub market: Market,
    pub instance_type: &'static InstanceType,
    pub state: NodeState,
    /// Container slots: a finished container leaves its slot empty for the next one, so a
    /// slot's history is a column of the Gantt chart.
    pub containers: Vec<Option<Container>>,
    /// How much slower than usual its tasks run (1.0 normally; the lab's straggler knob).
    pub slowdown: f64,
}

impl Node {
    pub fn is_gone(&self) -> bool {
        matches!(self.state, NodeState::Terminated { .. })
    }

    /// Whether YARN may start new containers here.
    pub fn accepts_containers(&self) -> bool {
        self.state == NodeState::Running && self.role != NodeRole::Primary
    }

    pub fn used_mb(&self) -> u32 {
        self.containers.iter().flatten().map(|c| c.memory_mb).sum()
    }

    pub fn free_mb(&self) -> u32 {
        self.instance_type.yarn_memory_mb.saturating_sub(self.used_mb())
    }

    pub fn running_containers(&self) -> usize {
        self.containers.iter().flatten().count()
    }

    /// Starts a container in the first empty slot; returns the slot.
    pub fn start_container(&mut self, container: Container) -> usize {
        match self.containers.iter().position(Option::is_none) {
            Some(slot) => {
                self.containers[slot] = Some(container);
                slot
            }
            None => {
                self.containers.push(Some(container));
                self.containers.len() - 1
            }
        }
    }

    pub fn release(&mut self, slot: usize) {
        if let Some(c) = self.containers.get_mut(slot) {
            *c = None;
        }
    }

    /// EMR's instance state for ListInstances.
    pub fn api_state(&self) -> &'static str {
        match self.state {
            NodeState::Provisioning { .. } => "PROVISIONING",
            NodeState::Running | NodeState::Reclaiming { .. } | NodeState::Decommissioning => "RUNNING",
            NodeState::Terminated { .. } => "TERMINATED",
        }
    }
}
