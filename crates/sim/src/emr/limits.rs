//! EMR and Hadoop rules and defaults, each with its source; then the lab's own figures, which
//! are marked as such. `docs/aws-rules.md` is generated from this file (see `crate::rules`).

use crate::time::SimDuration;

/// HDFS block size (`dfs.blocksize`), and so the usual input split: 128 MB.
/// Source: Apache Hadoop, hdfs-default.xml (`dfs.blocksize` = 134217728); Amazon EMR Release Guide, "HDFS configuration".
/// Study notes: "檔案會被切分成大小為 128MB 的 chunk" — the same figure.
pub const BLOCK_MB_DEFAULT: u64 = 128;
/// The lab accepts block sizes from 1 MB to 2 GB (HDFS's own minimum is 1 MB,
/// `dfs.namenode.fs-limits.min-block-size`).
/// Source: Apache Hadoop, hdfs-default.xml (`dfs.namenode.fs-limits.min-block-size` = 1048576); the 2 GB ceiling is the lab's own.
pub const BLOCK_MB_RANGE: (u64, u64) = (1, 2_048);

/// A task is tried at most 4 times (`mapreduce.map.maxattempts`, `mapreduce.reduce.maxattempts`).
/// Source: Apache Hadoop, mapred-default.xml (`mapreduce.map.maxattempts`, `mapreduce.reduce.maxattempts` = 4).
pub const MAX_TASK_ATTEMPTS: u32 = 4;

/// A Spot instance gets a two-minute interruption notice before EC2 reclaims it.
/// Source: Amazon EC2 User Guide, "Spot Instance interruption notices".
pub const SPOT_NOTICE: SimDuration = SimDuration::from_secs(120);

/// The NameNode declares a DataNode dead after 2 × `dfs.namenode.heartbeat.recheck-interval`
/// (5 min) + 10 × `dfs.heartbeat.interval` (3 s) = 10 min 30 s without heartbeats, and only
/// then re-replicates its blocks (Apache Hadoop, hdfs-default.xml).
/// Source: Apache Hadoop, hdfs-default.xml (`dfs.namenode.heartbeat.recheck-interval` = 300000, `dfs.heartbeat.interval` = 3).
pub const DATANODE_DEAD_AFTER: SimDuration = SimDuration::from_secs(630);

/// Hadoop's FileInputFormat lets the last split of a file be up to 10% larger than the
/// split size rather than leave a sliver (`SPLIT_SLOP` = 1.1).
/// Source: Apache Hadoop, `org.apache.hadoop.mapreduce.lib.input.FileInputFormat` (`SPLIT_SLOP`).
pub const SPLIT_SLOP: f64 = 1.1;

/// One primary node, or three for high availability.
/// Source: Amazon EMR Management Guide, "Plan and configure primary nodes" (multiple primary nodes: three).
pub const PRIMARY_COUNTS: [u32; 2] = [1, 3];
/// The lab's bounds on node counts (EMR's own quota is far higher; a page draws each node).
/// At least one core node (EMR also runs a single-node cluster; the lab's jobs need HDFS).
/// Source: the lab's own bounds; Amazon EMR Management Guide, "Understand node types".
pub const MIN_CORE_NODES: u32 = 1;
pub const MAX_CORE_NODES: u32 = 20;
pub const MAX_TASK_NODES: u32 = 20;
/// Reducers a job may ask for in the lab (Hadoop also runs map-only jobs, with 0).
/// Source: the lab's own bounds (`mapreduce.job.reduces`, Apache Hadoop, mapred-default.xml).
pub const MIN_REDUCERS: u32 = 1;
pub const MAX_REDUCERS: u32 = 64;

/// `dfs.replication` is at least 1 (HDFS's `dfs.namenode.replication.min`).
/// Source: Apache Hadoop, hdfs-default.xml (`dfs.namenode.replication.min` = 1).
pub const MIN_REPLICATION: u32 = 1;

/// The first HDFS block ID a new NameNode hands out (2^30 + 1), as in a fresh cluster's logs.
/// Source: Apache Hadoop, `BlockIdManager` / `SequentialBlockIdGenerator` (LAST_RESERVED_BLOCK_ID = 2^30).
pub const FIRST_BLOCK_ID: u64 = 1_073_741_825;

// The lab's own figures: AWS publishes none of these. They set the pace of a run so that
// waves, stragglers and retries can be watched; they do not claim to be what EMR measures.

/// Starting a container (a JVM) before a task reads its first byte.
/// Source: the lab's own figure.
pub const CONTAINER_LAUNCH: SimDuration = SimDuration::from_secs(2);
/// A map reads and maps its split at this rate when the block is on its own node…
/// Source: the lab's own figure.
pub const MAP_LOCAL_MB_PER_S: f64 = 16.0;
/// …and at this rate when it reads over the network (another node's block, or S3 via EMRFS).
/// Source: the lab's own figure.
pub const MAP_REMOTE_MB_PER_S: f64 = 12.0;
/// A reducer fetches map output (the shuffle) at this rate…
/// Source: the lab's own figure.
pub const SHUFFLE_MB_PER_S: f64 = 32.0;
/// …then merges, reduces and writes at this rate.
/// Source: the lab's own figure.
pub const REDUCE_MB_PER_S: f64 = 16.0;
/// Each attempt's duration varies by up to ±10%, drawn from the seed.
/// Source: the lab's own figure.
pub const DURATION_JITTER: f64 = 0.10;
/// An attempt that cannot read a missing HDFS block fails after the client's retries.
/// Source: the lab's own figure.
pub const MISSING_BLOCK_FAILS_AFTER: SimDuration = SimDuration::from_secs(3);
/// An injected failure strikes halfway through the attempt.
/// Source: the lab's own figure.
pub const INJECTED_FAILURE_AT: f64 = 0.5;
/// Provisioning EC2 instances (STARTING) and running bootstrap actions (BOOTSTRAPPING).
/// Real clusters take several minutes; the lab keeps the order of magnitude.
/// Source: the lab's own figure.
pub const STARTING_FOR: SimDuration = SimDuration::from_secs(300);
pub const BOOTSTRAPPING_FOR: SimDuration = SimDuration::from_secs(60);
/// Terminating a cluster's instances.
/// Source: the lab's own figure.
pub const TERMINATING_FOR: SimDuration = SimDuration::from_secs(60);
/// An added instance joins the cluster (provisioned and bootstrapped) after this long.
/// Source: the lab's own figure.
pub const NODE_JOINS_AFTER: SimDuration = SimDuration::from_secs(120);
/// s3-dist-cp copies S3 into HDFS at this rate per core node.
/// Source: the lab's own figure.
pub const DISTCP_MB_PER_S: f64 = 64.0;

/// A cluster's name: 1–256 characters.
/// Source: Amazon EMR API Reference, RunJobFlow (Name: length 0–256; the lab asks for one).
pub const CLUSTER_NAME_CHARS: (usize, usize) = (1, 256);

/// The rules of a cluster and its jobs that are behaviours rather than numbers.
pub const BEHAVIOURS: &[crate::rules::Behaviour] = &[
    crate::rules::Behaviour {
        rule: "`dfs.replication` defaults to 1 with fewer than 4 core nodes, 2 with 4–9 and 3 with 10 or more; EMR will not shrink core nodes below it.",
        enforced_in: "emr/replication.rs",
        by: "check_core_shrink",
        source: "Amazon EMR Release Guide, \"HDFS configuration\"",
    },
    crate::rules::Behaviour {
        rule: "Map and reduce containers per node follow the instance type's `yarn.nodemanager.resource.memory-mb` over `mapreduce.map.memory.mb` (or `mapreduce.reduce.memory.mb`).",
        enforced_in: "emr/instance_types.rs",
        by: "map_containers",
        source: "Amazon EMR Release Guide, \"Task configuration\"",
    },
    crate::rules::Behaviour {
        rule: "One map task per input split, a split per block; a line crossing a split's end belongs to the split it starts in.",
        enforced_in: "emr/splits.rs",
        by: "file_splits",
        source: "Apache Hadoop, FileInputFormat and LineRecordReader",
    },
    crate::rules::Behaviour {
        rule: "Map output goes to reducer (hash of the key & Integer.MAX_VALUE) mod R, the hash being Java's over the key's bytes (HashPartitioner over Text).",
        enforced_in: "emr/partition.rs",
        by: "text_hash",
        source: "Apache Hadoop, `org.apache.hadoop.mapreduce.lib.partition.HashPartitioner`",
    },
    crate::rules::Behaviour {
        rule: "A lost node's running attempts run again elsewhere, and finished maps whose output was on its disk run again while a reducer may still need it.",
        enforced_in: "emr/lost_node.rs",
        by: "job_lost_node",
        source: "Apache Hadoop, MapReduce `JobImpl` (node-lost handling)",
    },
    crate::rules::Behaviour {
        rule: "Speculative execution may start a second attempt of a slow task and keeps whichever finishes first.",
        enforced_in: "emr/speculation.rs",
        by: "speculate",
        source: "Apache Hadoop, mapred-default.xml (`mapreduce.map.speculative`)",
    },
    crate::rules::Behaviour {
        rule: "A Spot task node gets a two-minute notice, takes no new containers, then is reclaimed.",
        enforced_in: "emr/node.rs",
        by: "SpotReclaimed",
        source: "Amazon EC2 User Guide, \"Spot Instance interruptions\"",
    },
];

crate::rule_values!(
    BLOCK_MB_DEFAULT,
    BLOCK_MB_RANGE,
    MAX_TASK_ATTEMPTS,
    SPOT_NOTICE,
    DATANODE_DEAD_AFTER,
    SPLIT_SLOP,
    PRIMARY_COUNTS,
    MIN_CORE_NODES,
    MAX_CORE_NODES,
    MAX_TASK_NODES,
    MIN_REDUCERS,
    MAX_REDUCERS,
    MIN_REPLICATION,
    FIRST_BLOCK_ID,
    CONTAINER_LAUNCH,
    MAP_LOCAL_MB_PER_S,
    MAP_REMOTE_MB_PER_S,
    SHUFFLE_MB_PER_S,
    REDUCE_MB_PER_S,
    DURATION_JITTER,
    MISSING_BLOCK_FAILS_AFTER,
    INJECTED_FAILURE_AT,
    STARTING_FOR,
    BOOTSTRAPPING_FOR,
    TERMINATING_FOR,
    NODE_JOINS_AFTER,
    DISTCP_MB_PER_S,
    CLUSTER_NAME_CHARS,
);
