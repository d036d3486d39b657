//! AWS CLI v2 command lines for ShardLab's console, without the web and without AWS.
//!
//! A learner types `aws kinesis create-stream --stream-name s --shard-count 2`; [`parse`]
//! turns it into the service, the operation and the AWS JSON 1.1 input the real CLI would
//! send, rejecting what the real CLI rejects with the real CLI's words. The simulator runs
//! the call; [`format_output`] and [`format_error`] print its answer as the CLI would. This
//! crate never executes anything, so it can be tested without a simulator or a browser.
//!
//! Services are tables ([`SERVICES`]); adding one is adding data, not parsing code.

#[cfg(feature = "dynamodb")]
mod dynamodb;
#[cfg(feature = "emr")]
mod emr;
#[cfg(feature = "emr")]
mod emr_commands;
mod firehose;
mod format;
mod help;
mod kinesis;
mod kinesisvideo;
pub mod model;
mod parse;
mod redshift_data;
pub mod s3;
mod s3api;
mod shorthand;
/// Timestamps as AWS writes them (also `shardlab serve`'s S3 dates).
pub mod timestamp;
mod tokenize;
mod values;

pub use format::{format_error, format_output};
pub use model::{kebab_case, pascal_case, Customization, Member, Operation, Param, ParamType, Service, Subcommand};
pub use parse::parse;

/// Every service the console knows, in the order `aws help` lists them.
#[cfg(feature = "emr")]
pub const SERVICES: &[Service] = &[
    kinesis::SERVICE,
    firehose::SERVICE,
    s3api::SERVICE,
    redshift_data::SERVICE,
    dynamodb::SERVICE,
    emr::SERVICE,
    kinesisvideo::SERVICE,
    kinesisvideo::ARCHIVED_MEDIA,
];
#[cfg(all(feature = "dynamodb", not(feature = "emr")))]
pub const SERVICES: &[Service] = &[
    kinesis::SERVICE,
    firehose::SERVICE,
    s3api::SERVICE,
    redshift_data::SERVICE,
    dynamodb::SERVICE,
    kinesisvideo::SERVICE,
    kinesisvideo::ARCHIVED_MEDIA,
];
#[cfg(not(feature = "dynamodb"))]
pub const SERVICES: &[Service] = &[
    kinesis::SERVICE,
    firehose::SERVICE,
    s3api::SERVICE,
    redshift_data::SERVICE,
    kinesisvideo::SERVICE,
    kinesisvideo::ARCHIVED_MEDIA,
];

/// The simulator's name for a CLI command's service (`s3api` is the S3 service).
pub fn model_service(cli_service: &str) -> &str {
    match cli_service {
        "s3api" => "s3",
        other => other,
    }
}

/// One AWS call, ready for the simulator.
#[derive(Debug, Clone, PartialEq)]
pub struct Invocation {
    /// The CLI command, e.g. `kinesis`.
    pub service: String,
    /// The CLI subcommand typed, e.g. `create-stream` (or `create-cluster`, which calls
    /// RunJobFlow).
    pub subcommand: String,
    /// The PascalCase operation name, e.g. `CreateStream`; also what error lines quote.
    pub operation: String,
    /// The request body: a JSON object with PascalCase members, blobs as base64 text and
    /// timestamps as epoch seconds.
    pub input: serde_json::Value,
}

impl Invocation {
    /// The answer to this call as the CLI prints it: reshaped first by a customized
    /// subcommand (create-cluster prints `ClusterId` for RunJobFlow's `JobFlowId`).
    pub fn print(&self, answer: serde_json::Value) -> String {
        let custom = SERVICES
            .iter()
            .filter(|s| s.name == self.service)
            .flat_map(|s| s.customizations)
            .find(|c| c.cli_name == self.subcommand);
        match custom {
            Some(c) => format_output(&(c.present)(answer)),
            None => format_output(&answer),
        }
    }
}

/// What a console line asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Call(Invocation),
    /// Text to print: `help`, `aws help`, `aws <command> help`, `aws <command> <sub> help`.
    Help(String),
    /// Clear the console's screen.
    Clear,
    /// A high-level `aws s3 …` command (ls, cp to the screen).
    S3(s3::S3Command),
}
