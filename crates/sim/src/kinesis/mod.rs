//! Amazon Kinesis Data Streams: streams of shards with per-shard write and read limits, MD5
//! routing, resharding with lineage, retention, enhanced fan-out — answering the AWS
//! operations with their field names and error types.

pub mod api;
pub mod error;
pub mod hash_key;
pub mod iterator;
pub mod limits;
pub mod older_rules;
pub mod on_demand;
mod ops_admin;
mod ops_efo;
pub mod ops_read;
mod ops_reshard;
pub mod ops_write;
pub mod queries;
pub mod router;
pub mod service;
pub mod shard;
pub mod shard_capacity;
pub mod shard_log;
#[cfg(test)]
mod shard_log_reference;
pub mod shard_picks;
pub mod stream;
pub mod subscription;
pub mod types;

pub use error::{ApiError, ApiResult, ErrorType};
pub use service::Kinesis;
