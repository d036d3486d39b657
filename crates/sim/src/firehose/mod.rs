//! Amazon Data Firehose: delivery streams with no shards and no replay, whose records wait
//! only in buffers that flush on size or interval, optionally through a Lambda transform,
//! into fixed destinations.

mod api;
pub mod config;
mod config_input;
pub mod delivery;
mod error_records;
pub mod index_rotation;
pub mod limits;
pub mod queries;
pub mod readers;
pub mod service;
pub mod source;
pub mod stream;
pub mod transform;
mod transform_run;
mod update;

pub use service::Firehose;
