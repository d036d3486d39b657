//! Amazon Data Firehose: no shards and no replay — records wait only in a buffer that flushes
//! on size or interval, whichever comes first, into a fixed destination.

pub mod limits;
pub mod service;
pub mod stream;
pub mod transform;

pub use service::Firehose;
