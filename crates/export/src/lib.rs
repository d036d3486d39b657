//! A ShardLab scenario as real AWS: a CloudFormation template (`cloudformation`) or the
//! AWS CLI commands that build the same pipeline (`cli_script`), in the syntax the page's
//! console accepts.

mod cli_script;
mod cloudformation;
mod emr_steps;
mod function_code;
mod iam;
mod json_walk;
mod names;
mod yaml;

pub use cli_script::cli_script;
pub use cloudformation::{cloudformation, template};
pub use yaml::to_yaml;

/// Why an Analytics application is left out of both exports: the lab's SQL has no resource
/// of its own in AWS any more.
pub(crate) const MOTION_NOT_EXPORTED: &str = "its frame differencing is the lab's own analysis: in AWS it is your application reading the stream with GetMedia (or Amazon Rekognition Video with a stream processor), so only its permissions are exported.";
pub(crate) const ANALYTICS_NOT_EXPORTED: &str = "an Analytics application is not exported: SQL applications of Kinesis Data Analytics take no new applications since October 2025, and Managed Service for Apache Flink runs Flink SQL in a Studio notebook or a packaged application, which neither a template nor a CLI command can hold. Its SQL is in the scenario file.";
