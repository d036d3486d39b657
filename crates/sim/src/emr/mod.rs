//! Amazon EMR: a managed cluster of EC2 nodes running Hadoop. Data comes from S3 (through
//! EMRFS) or HDFS, is cut into splits, mapped in parallel in YARN containers (in waves when
//! there are more splits than containers), shuffled to reducers by key hash, reduced, and
//! written back to S3. EMR keeps nothing itself: what the cluster held dies with it.
//!
//! One rule a file: the instance types' container memory, `dfs.replication`, HDFS blocks,
//! input splits, the partitioner, map and reduce on real bytes, the scheduler and its
//! faults (`engine.rs`), steps, and the cluster's life.
//!
//! Without the `emr` feature (the page's first load) only the tables a scenario's settings
//! are checked against are here: instance types, limits, the data scale, `dfs.replication`,
//! the built-in jobs' names and the sample datasets.

#[cfg(feature = "emr")]
pub mod api;
#[cfg(feature = "emr")]
mod api_input;
pub mod builtin_job;
#[cfg(feature = "emr")]
pub mod cluster;
pub mod datasets;
#[cfg(feature = "emr")]
pub mod engine;
#[cfg(feature = "emr")]
pub mod hdfs;
pub mod instance_types;
#[cfg(feature = "emr")]
pub mod job;
#[cfg(feature = "emr")]
pub mod jobs;
#[cfg(feature = "emr")]
pub mod kv;
pub mod limits;
#[cfg(feature = "emr")]
pub mod lost_node;
#[cfg(feature = "emr")]
pub mod mapper;
#[cfg(feature = "emr")]
pub mod membership;
#[cfg(feature = "emr")]
pub mod node;
#[cfg(feature = "emr")]
pub mod output;
#[cfg(feature = "emr")]
pub mod partition;
#[cfg(feature = "emr")]
pub mod pyspark;
#[cfg(feature = "emr")]
pub mod reducer;
pub mod replication;
#[cfg(feature = "emr")]
pub mod report;
#[cfg(feature = "emr")]
pub mod sample_data;
pub mod scale;
#[cfg(feature = "emr")]
pub mod service;
#[cfg(feature = "emr")]
pub mod speculation;
#[cfg(feature = "emr")]
pub mod splits;
#[cfg(feature = "emr")]
pub mod step;
#[cfg(feature = "emr")]
pub mod step_args;
#[cfg(feature = "emr")]
pub mod submit;
#[cfg(feature = "emr")]
pub mod uri;

#[cfg(feature = "emr")]
pub use service::{Emr, StepRequest};
