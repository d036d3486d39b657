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
