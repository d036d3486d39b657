//! No script engine: the build `cargo xtask bench` makes to measure what the engine costs the
//! page. Every transform fails to compile, with a message that says why.

use serde_json::Value;

#[derive(Clone, Debug)]
pub struct Compiled;

const MISSING: &str = "this build of ShardLab has no script engine (it was built without the script-engine feature)";

pub fn compile(_code: &str) -> Result<Compiled, String> {
    Err(MISSING.to_string())
}

pub fn call(_compiled: &Compiled, _event: Value, _budget: u64) -> Result<Value, String> {
    Err(MISSING.to_string())
}
