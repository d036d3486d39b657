//! EMR and Hadoop rules and defaults, from ../shared/FACTS.md (EMR section) and the sources
//! named beside each; then the lab's own figures, which are marked as such.

use crate::time::SimDuration;

/// HDFS block size (`dfs.blocksize`), and so the usual input split: 128 MB.
pub const BLOCK_MB_DEFAULT: u64 = 128;
/// The lab accepts block sizes from 1 MB to 2 GB (HDFS's own minimum is 1 MB,
/// `dfs.namenode.fs-limits.min-block-size`).
pub const BLOCK_MB_RANGE: (u64, u64) = (1, 2_048);

/// A task is tried at most 4 times (`mapreduce.map.maxattempts`, `mapreduce.reduce.maxattempts`).
pub const MAX_TASK_ATTEMPTS: u32 = 4;

/// A Spot instance gets a two-minute interruption notice before EC2 reclaims it.
pub const SPOT_NOTICE: SimDuration = SimDuration::from_secs(120);

/// The NameNode declares a DataNode dead after 2 × `dfs.namenode.heartbeat.recheck-interval`
/// (5 min) + 10 × `dfs.heartbeat.interval` (3 s) = 10 min 30 s without heartbeats, and only
/// then re-replicates its blocks (Apache Hadoop, hdfs-default.xml).
pub const DATANODE_DEAD_AFTER: SimDuration = SimDuration::from_secs(630);

/// Hadoop's FileInputFormat lets the last split of a file be up to 10% larger than the
/// split size rather than leave a sliver (`SPLIT_SLOP` = 1.1).
pub const SPLIT_SLOP: f64 = 1.1;

/// One primary node, or three for high availability.
pub const PRIMARY_COUNTS: [u32; 2] = [1, 3];
/// The lab's bounds on node counts (EMR's own quota is far higher; a page draws each node).
/// At least one core node (EMR also runs a single-node cluster; the lab's jobs need HDFS).
pub const MIN_CORE_NODES: u32 = 1;
pub const MAX_CORE_NODES: u32 = 20;
pub const MAX_TASK_NODES: u32 = 20;
/// Reducers a job may ask for in the lab (Hadoop also runs map-only jobs, with 0).
pub const MIN_REDUCERS: u32 = 1;
pub const MAX_REDUCERS: u32 = 64;

/// `dfs.replication` is at least 1 (HDFS's `dfs.namenode.replication.min`).
pub const MIN_REPLICATION: u32 = 1;

/// The first HDFS block ID a new NameNode hands out (2^30 + 1), as in a fresh cluster's logs.
pub const FIRST_BLOCK_ID: u64 = 1_073_741_825;

// The lab's own figures: AWS publishes none of these. They set the pace of a run so that
// waves, stragglers and retries can be watched; they do not claim to be what EMR measures.

/// Starting a container (a JVM) before a task reads its first byte.
pub const CONTAINER_LAUNCH: SimDuration = SimDuration::from_secs(2);
/// A map reads and maps its split at this rate when the block is on its own node…
pub const MAP_LOCAL_MB_PER_S: f64 = 16.0;
/// …and at this rate when it reads over the network (another node's block, or S3 via EMRFS).
pub const MAP_REMOTE_MB_PER_S: f64 = 12.0;
/// A reducer fetches map output (the shuffle) at this rate…
pub const SHUFFLE_MB_PER_S: f64 = 32.0;
/// …then merges, reduces and writes at this rate.
pub const REDUCE_MB_PER_S: f64 = 16.0;
/// Each attempt's duration varies by up to ±10%, drawn from the seed.
pub const DURATION_JITTER: f64 = 0.10;
/// An attempt that cannot read a missing HDFS block fails after the client's retries.
pub const MISSING_BLOCK_FAILS_AFTER: SimDuration = SimDuration::from_secs(3);
/// An injected failure strikes halfway through the attempt.
pub const INJECTED_FAILURE_AT: f64 = 0.5;
/// Provisioning EC2 instances (STARTING) and running bootstrap actions (BOOTSTRAPPING).
/// Real clusters take several minutes; the lab keeps the order of magnitude.
pub const STARTING_FOR: SimDuration = SimDuration::from_secs(300);
pub const BOOTSTRAPPING_FOR: SimDuration = SimDuration::from_secs(60);
/// Terminating a cluster's instances.
pub const TERMINATING_FOR: SimDuration = SimDuration::from_secs(60);
/// An added instance joins the cluster (provisioned and bootstrapped) after this long.
pub const NODE_JOINS_AFTER: SimDuration = SimDuration::from_secs(120);
/// s3-dist-cp copies S3 into HDFS at this rate per core node.
pub const DISTCP_MB_PER_S: f64 = 64.0;
