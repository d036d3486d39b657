//! The EC2 instance types a lab cluster can use, with the YARN and MapReduce memory EMR
//! configures on each. Source: Amazon EMR Release Guide, "Task configuration"
//! (emr-hadoop-task-config), default values per instance type (no HBase installed).
//!
//! How many containers a node runs follows from these: a node offers
//! `yarn.nodemanager.resource.memory-mb` to YARN, a map container takes
//! `mapreduce.map.memory.mb`, a reduce container `mapreduce.reduce.memory.mb`, and the
//! job's ApplicationMaster `yarn.app.mapreduce.am.resource.mb`.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct InstanceType {
    pub name: &'static str,
    pub vcpu: u32,
    /// The instance's memory, in MiB (EC2's figure).
    pub memory_mib: u32,
    /// `yarn.nodemanager.resource.memory-mb`: what the node offers to containers.
    pub yarn_memory_mb: u32,
    /// `mapreduce.map.memory.mb`.
    pub map_memory_mb: u32,
    /// `mapreduce.reduce.memory.mb`.
    pub reduce_memory_mb: u32,
    /// `yarn.app.mapreduce.am.resource.mb`.
    pub am_memory_mb: u32,
}

impl InstanceType {
    /// Map containers the node runs when nothing else uses its YARN memory.
    pub fn map_containers(&self) -> u32 {
        self.yarn_memory_mb / self.map_memory_mb
    }

    /// Reduce containers the node runs when nothing else uses its YARN memory.
    pub fn reduce_containers(&self) -> u32 {
        self.yarn_memory_mb / self.reduce_memory_mb
    }
}

/// The types the lab offers, general purpose first (`m5.xlarge` is the console's default).
pub const INSTANCE_TYPES: [InstanceType; 6] = [
    InstanceType {
        name: "m5.xlarge",
        vcpu: 4,
        memory_mib: 16_384,
        yarn_memory_mb: 12_288,
        map_memory_mb: 3_072,
        reduce_memory_mb: 6_144,
        am_memory_mb: 6_144,
    },
    InstanceType {
        name: "m5.2xlarge",
        vcpu: 8,
        memory_mib: 32_768,
        yarn_memory_mb: 24_576,
        map_memory_mb: 3_072,
        reduce_memory_mb: 6_144,
        am_memory_mb: 6_144,
    },
    InstanceType {
        name: "m5.4xlarge",
        vcpu: 16,
        memory_mib: 65_536,
        yarn_memory_mb: 57_344,
        map_memory_mb: 3_584,
        reduce_memory_mb: 7_168,
        am_memory_mb: 7_168,
    },
    InstanceType {
        name: "m4.large",
        vcpu: 2,
        memory_mib: 8_192,
        yarn_memory_mb: 6_144,
        map_memory_mb: 1_536,
        reduce_memory_mb: 3_072,
        am_memory_mb: 3_072,
    },
    InstanceType {
        name: "c4.xlarge",
        vcpu: 4,
        memory_mib: 7_680,
        yarn_memory_mb: 5_632,
        map_memory_mb: 1_408,
        reduce_memory_mb: 2_816,
        am_memory_mb: 2_816,
    },
    InstanceType {
        name: "r4.xlarge",
        vcpu: 4,
        memory_mib: 31_232,
        yarn_memory_mb: 23_424,
        map_memory_mb: 5_856,
        reduce_memory_mb: 11_712,
        am_memory_mb: 11_712,
    },
];

pub const DEFAULT_INSTANCE_TYPE: &str = "m5.xlarge";

pub fn instance_type(name: &str) -> Option<&'static InstanceType> {
    INSTANCE_TYPES.iter().find(|t| t.name == name)
}

/// The names the lab offers, for messages and pickers.
pub fn instance_type_names() -> Vec<&'static str> {
    INSTANCE_TYPES.iter().map(|t| t.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_m5_xlarge_runs_four_maps_or_two_reduces() {
        let t = instance_type("m5.xlarge").unwrap();
        assert_eq!((t.map_containers(), t.reduce_containers()), (4, 2));
        assert_eq!(instance_type("m5.4xlarge").unwrap().map_containers(), 16);
        assert!(instance_type("t2.micro").is_none());
    }

    #[test]
    fn every_type_runs_at_least_one_of_each_container() {
        for t in INSTANCE_TYPES {
            assert!(t.map_containers() >= 1 && t.reduce_containers() >= 1, "{}", t.name);
            assert!(t.yarn_memory_mb < t.memory_mib, "{}: YARN leaves memory for the OS and daemons", t.name);
        }
    }
}
