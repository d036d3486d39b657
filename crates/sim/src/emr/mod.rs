//! Amazon EMR: a managed cluster of EC2 nodes running Hadoop. Data comes from S3 (through
//! EMRFS) or HDFS, is cut into splits, mapped in parallel in YARN containers (in waves when
//! there are more splits than containers), shuffled to reducers by key hash, reduced, and
//! written back to S3. EMR keeps nothing itself: what the cluster held dies with it.
//!
//! One rule a file: the instance types' container memory, `dfs.replication`, HDFS blocks,
//! input splits, the partitioner, map and reduce on real bytes, the scheduler and its
//! faults (`engine.rs`), steps, and the cluster's life.

pub mod api;
pub mod cluster;
pub mod datasets;
pub mod engine;
pub mod hdfs;
pub mod instance_types;
pub mod job;
pub mod jobs;
pub mod kv;
pub mod limits;
pub mod lost_node;
pub mod mapper;
pub mod membership;
pub mod node;
pub mod output;
pub mod partition;
pub mod pyspark;
pub mod reducer;
pub mod replication;
pub mod report;
pub mod scale;
pub mod service;
pub mod speculation;
pub mod splits;
pub mod step;
pub mod step_args;
pub mod submit;
pub mod uri;

pub use service::{Emr, StepRequest};
