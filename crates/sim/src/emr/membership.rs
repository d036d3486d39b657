//! Nodes coming and going: the lab's faults (a Spot interruption notice, a node lost at
//! once), what a lost node takes with it, and resizes with ModifyInstanceGroups — new nodes
//! join after provisioning, removed ones are decommissioned gracefully, and core nodes are
//! never shrunk below the replication factor.

use super::cluster::{Cluster, ClusterState, Fault, Timer};
use super::limits::*;
use super::node::{Gone, Market, NodeRole, NodeState};
use super::replication::check_core_shrink;
use crate::time::SimTime;

impl Cluster {
    /// Applies a fault now: a Spot notice, or a node lost at once.
    pub fn inject(&mut self, fault: Fault, now: SimTime, log: &mut Vec<String>) {
        match fault {
            Fault::ReclaimSpot(name) => {
                if let Some(i) = self.node_index(&name) {
                    let _ = self.reclaim_spot(i, now, log);
                }
            }
            Fault::LoseNode(name) => {
                if let Some(i) = self.node_index(&name) {
                    if !self.nodes[i].is_gone() {
                        self.node_gone(i, Gone::InstanceFailure, now, log);
                    }
                }
            }
        }
    }

    /// Gives a Spot node its two-minute notice: YARN starts nothing new on it, and EC2 takes
    /// it when the notice runs out.
    pub fn reclaim_spot(&mut self, i: usize, now: SimTime, log: &mut Vec<String>) -> Result<(), String> {
        let node = &self.nodes[i];
        if node.market != Market::Spot {
            return Err(format!("{} is an On-Demand instance: only Spot instances are reclaimed.", node.name));
        }
        if node.is_gone() || matches!(node.state, NodeState::Reclaiming { .. }) {
            return Err(format!("{} is already being reclaimed or gone.", node.name));
        }
        let gone_at = now + SPOT_NOTICE;
        self.nodes[i].state = NodeState::Reclaiming { gone_at };
        log.push(format!("{} got a Spot interruption notice: gone in 2 minutes", self.nodes[i].name));
        self.at(gone_at, Timer::SpotGone(i));
        Ok(())
    }

    /// The node is gone: its containers with it, its HDFS replicas too if it is a core node.
    pub(super) fn node_gone(&mut self, i: usize, reason: Gone, now: SimTime, log: &mut Vec<String>) {
        log.push(format!("{} is gone ({reason:?})", self.nodes[i].name));
        self.nodes[i].state = NodeState::Terminated { reason, at: now };
        if self.nodes[i].role == NodeRole::Core {
            let lost = self.hdfs.lose_node(i);
            if !lost.is_empty() {
                let names: Vec<String> = lost.iter().map(|b| b.block.clone()).collect();
                log.push(format!("HDFS lost {} block(s) with no other replica: {}", lost.len(), names.join(", ")));
            }
            self.at(now + DATANODE_DEAD_AFTER, Timer::DatanodeDead(i));
        }
        self.job_lost_node(i, now, log);
        self.nodes[i].containers.clear();
        self.schedule_job(now, log);
    }

    /// Resizes the core or task instance group to `count` running instances, as
    /// ModifyInstanceGroups does: new nodes join after provisioning; removed ones stop taking
    /// containers and leave when theirs finish. Core nodes are never shrunk below the
    /// replication factor.
    pub fn resize(&mut self, role: NodeRole, count: u32, now: SimTime, log: &mut Vec<String>) -> Result<(), String> {
        if self.state.is_terminal() || self.state == ClusterState::Terminating {
            return Err(format!("The cluster {} is {}: it cannot be resized.", self.id, self.state.api_name()));
        }
        let active: Vec<usize> = (0..self.nodes.len())
            .filter(|&i| {
                self.nodes[i].role == role
                    && matches!(self.nodes[i].state, NodeState::Running | NodeState::Provisioning { .. })
            })
            .collect();
        let current = active.len() as u32;
        match role {
            NodeRole::Primary => return Err("The primary instance group cannot be resized.".into()),
            NodeRole::Core => {
                check_core_shrink(current, count, self.hdfs.replication)?;
                if count > MAX_CORE_NODES {
                    return Err(format!("The lab's clusters have at most {MAX_CORE_NODES} core nodes."));
                }
            }
            NodeRole::Task => {
                if count > MAX_TASK_NODES {
                    return Err(format!("The lab's clusters have at most {MAX_TASK_NODES} task nodes."));
                }
            }
        }
        if count > current {
            let (itype, market) = match role {
                NodeRole::Core => (self.config.core_type, Market::OnDemand),
                _ => (self.config.task_type, self.config.task_market),
            };
            for _ in current..count {
                let i = self.add_node(role, itype, market, now + NODE_JOINS_AFTER);
                self.at(now + NODE_JOINS_AFTER, Timer::NodeJoins(i));
            }
            log.push(format!("{} group growing to {count}", role.api_name()));
        } else {
            // The newest go first.
            for &i in active.iter().rev().take((current - count) as usize) {
                self.nodes[i].state = NodeState::Decommissioning;
            }
            log.push(format!("{} group shrinking to {count}", role.api_name()));
            self.finish_decommissions(now, log);
        }
        Ok(())
    }

    /// A decommissioning node leaves once its containers have finished and no running job
    /// still needs map output on its disk (decommissioning is graceful: removing task nodes
    /// from a resize does not make the job redo work).
    pub(super) fn finish_decommissions(&mut self, now: SimTime, log: &mut Vec<String>) {
        for i in 0..self.nodes.len() {
            if self.nodes[i].state == NodeState::Decommissioning
                && self.nodes[i].running_containers() == 0
                && !self.job_needs_output_on(i)
            {
                self.node_gone(i, Gone::Decommissioned, now, log);
            }
        }
    }
}
