//! `shardlab api`: the model over stdin/stdout, one JSON object a line each way.
//!
//! - `{"op":"CreateStream","input":{...}}` (optional `"service":"kinesis"`) → `{"output":{...}}`
//!   or `{"error":{"__type":"...","message":"..."}}`;
//! - `{"advance_ms":1000}` → `{"now_ms":N}`.
//!
//! Each answer is flushed before the next line is read, so a program can converse over pipes.
//! A malformed line gets an error object and the tool carries on.

use serde_json::{json, Value};
use shardlab_sim::{SimDuration, World};
use std::io::{BufRead, Write};

pub fn serve(mut world: World, input: impl BufRead, mut output: impl Write) -> std::io::Result<()> {
    for line in input.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let answer = answer(&mut world, &line);
        writeln!(output, "{answer}")?;
        output.flush()?;
    }
    Ok(())
}

fn error(kind: &str, message: impl Into<String>) -> Value {
    json!({ "error": { "__type": kind, "message": message.into() } })
}

pub fn answer(world: &mut World, line: &str) -> Value {
    let request: Value = match serde_json::from_str(line) {
        Ok(v @ Value::Object(_)) => v,
        Ok(_) => return error("SerializationException", "each line must be one JSON object"),
        Err(e) => return error("SerializationException", format!("not JSON: {e}")),
    };
    if let Some(ms) = request.get("advance_ms") {
        let Some(ms) = ms.as_u64() else {
            return error("ValidationException", "advance_ms must be a whole number of milliseconds, 0 or more");
        };
        world.advance(SimDuration::from_millis(ms));
        return json!({ "now_ms": world.now().as_millis() });
    }
    let Some(op) = request.get("op").and_then(Value::as_str) else {
        return error("SerializationException", "a line needs \"op\" (an operation name) or \"advance_ms\"");
    };
    let service = request.get("service").and_then(Value::as_str).unwrap_or("kinesis");
    let input = request.get("input").cloned().unwrap_or(Value::Null);
    match world.call(service, op, input) {
        Ok(output) => json!({ "output": output }),
        Err(e) => json!({ "error": e }),
    }
}
