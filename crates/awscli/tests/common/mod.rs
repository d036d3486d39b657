//! What the console does with a line, on a model world: the call it makes, answered and
//! printed as the CLI prints it (the page's console does the same through its module).

use serde_json::Value;
use shardlab_awscli::{format_error, model_service, parse, Command};
use shardlab_sim::World;

/// Runs one console line; the printed text, or the printed error.
pub fn run(w: &mut World, line: &str) -> Result<String, String> {
    match parse(line)? {
        Command::Call(call) => w
            .call(model_service(&call.service), &call.operation, call.input.clone())
            .map(|answer| call.print(answer))
            .map_err(|e| format_error(e.kind.name(), &call.operation, &e.message)),
        other => panic!("{line}: expected a call, got {other:?}"),
    }
}

pub fn json_of(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}
