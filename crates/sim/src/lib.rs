//! ShardLab's model of the AWS analytics services.
//!
//! Pure and deterministic: no web types, no wall clock, no unseeded randomness, and no
//! `HashMap` iteration deciding an outcome. The same scenario and seed give the same run,
//! natively and in WebAssembly.

pub mod analytics;
pub mod calendar;
pub mod caps;
pub mod catalogue;
pub mod chunked;
pub mod ctx;
pub mod emr;
pub mod emr_wiring;
pub mod event;
pub mod firehose;
pub mod flow;
pub mod kinesis;
pub mod ledger;
pub mod lessons;
pub mod metrics;
pub mod order;
pub mod pipeline;
pub mod queue;
pub mod report;
pub mod rng;
pub mod rules;
pub mod scenario;
mod scenario_component;
pub mod share;
pub mod stores;
pub mod time;
pub mod video;
mod video_wiring;
pub mod wiring;
pub mod workload;
pub mod world;

pub use event::{Event, EventKind};
pub use ledger::{Ledger, Place};
pub use metrics::Metrics;
pub use report::Report;
pub use scenario::{Scenario, ScenarioError};
pub use time::{parse_duration, SimDuration, SimTime};
pub use world::World;
