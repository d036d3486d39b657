//! The script engine of Firehose transforms and EMR script jobs: Rhai, sandboxed (no modules, no I/O, no clock,
//! no randomness) and bounded by an operation budget, so an endless loop fails the
//! invocation instead of freezing the tab.
//!
//! Its own crate because it is most of what the page would download for transforms: the
//! simulator links it natively, and the page loads it as a second wasm module only when a
//! delivery stream has a transform (`crates/script-module`).

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use rhai::{Dynamic, Engine, AST};
use serde_json::Value;

/// A compiled function, ready to call.
pub type Compiled = AST;

pub fn compile(code: &str) -> Result<Compiled, String> {
    engine(0).compile(code).map_err(|e| e.to_string())
}

/// Calls `handler(event)` with at most `budget` operations; the answer as JSON, or the
/// error that stopped it.
pub fn call(compiled: &Compiled, event: Value, budget: u64) -> Result<Value, String> {
    engine(budget)
        .call_fn::<Dynamic>(&mut rhai::Scope::new(), compiled, "handler", (to_dynamic(event),))
        .map(|d| from_dynamic(&d))
        .map_err(|e| match e.unwrap_inner() {
            rhai::EvalAltResult::ErrorTerminated(..) => format!(
                "Too many operations: the function used its whole budget of {budget} operations for this batch — an endless loop?"
            ),
            rhai::EvalAltResult::ErrorDataTooLarge(what, pos) => format!(
                "{what} too large ({pos}): a transform may hold at most 8 MiB of text and 100,000 items in an array or map (a Lambda response may be at most 6 MB)"
            ),
            _ => e.to_string(),
        })
}

/// Rhai's data-size limits re-measure a whole array after each change to it, so a `push`
/// loop over a big batch is quadratic; the templates build their answers with `map`.
fn engine(budget: u64) -> Engine {
    // Only the packages a transform needs (logic, arithmetic, strings, arrays, maps): the
    // rest of Rhai's standard library would only add to the page's download.
    use rhai::packages::{
        BasicArrayPackage, BasicMapPackage, BasicStringPackage, CorePackage, LogicPackage, MoreStringPackage, Package,
    };
    let mut engine = Engine::new_raw();
    for module in [
        CorePackage::new().as_shared_module(),
        LogicPackage::new().as_shared_module(),
        BasicStringPackage::new().as_shared_module(),
        MoreStringPackage::new().as_shared_module(),
        BasicArrayPackage::new().as_shared_module(),
        BasicMapPackage::new().as_shared_module(),
    ] {
        engine.register_global_module(module);
    }
    // The budget is counted here rather than with `set_max_operations`: Rhai restarts that
    // count inside every closure a native function calls (`records.map(|r| …)`), so a
    // handler could spend the whole budget once per record.
    if budget > 0 {
        let spent = std::cell::Cell::new(0u64);
        engine.on_progress(move |_| {
            spent.set(spent.get() + 1);
            (spent.get() > budget).then_some(Dynamic::UNIT)
        });
    }
    engine.set_max_call_levels(32);
    engine.set_max_expr_depths(128, 64);
    engine.set_max_string_size(8 * 1024 * 1024);
    engine.set_max_array_size(100_000);
    engine.set_max_map_size(100_000);
    engine.register_fn("b64decode", |s: &str| String::from_utf8_lossy(&B64.decode(s).unwrap_or_default()).into_owned());
    engine.register_fn("b64encode", |s: &str| B64.encode(s));
    engine.register_fn("parse_json", |s: &str| -> Dynamic {
        serde_json::from_str::<Value>(s).map_or(Dynamic::UNIT, to_dynamic)
    });
    engine.register_fn("to_json", |d: Dynamic| -> String { from_dynamic(&d).to_string() });
    // MapReduce keys and values are text; scripts turn counts and readings back into
    // numbers (nothing, `()`, when the text is not one).
    engine.register_fn("parse_int", |s: &str| -> Dynamic {
        s.trim().parse::<i64>().map_or(Dynamic::UNIT, Dynamic::from)
    });
    engine.register_fn("parse_float", |s: &str| -> Dynamic {
        s.trim().parse::<f64>().ok().filter(|f| f.is_finite()).map_or(Dynamic::UNIT, Dynamic::from)
    });
    engine
}

/// JSON into Rhai values. Written out rather than through Rhai's serde support, which
/// would add to the page's download for two small functions.
fn to_dynamic(v: Value) -> Dynamic {
    match v {
        Value::Null => Dynamic::UNIT,
        Value::Bool(b) => b.into(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.into(),
            None => n.as_f64().unwrap_or(0.0).into(),
        },
        Value::String(s) => s.into(),
        Value::Array(items) => items.into_iter().map(to_dynamic).collect::<rhai::Array>().into(),
        Value::Object(map) => map.into_iter().map(|(k, v)| (k.into(), to_dynamic(v))).collect::<rhai::Map>().into(),
    }
}

/// Rhai values back into JSON (anything else, such as a function pointer, becomes null).
fn from_dynamic(d: &Dynamic) -> Value {
    if d.is_unit() {
        Value::Null
    } else if let Ok(b) = d.as_bool() {
        Value::Bool(b)
    } else if let Ok(i) = d.as_int() {
        Value::from(i)
    } else if let Ok(f) = d.as_float() {
        serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
    } else if d.is_string() {
        Value::String(d.clone().into_string().unwrap_or_default())
    } else if let Some(items) = d.read_lock::<rhai::Array>() {
        Value::Array(items.iter().map(from_dynamic).collect())
    } else if let Some(map) = d.read_lock::<rhai::Map>() {
        Value::Object(map.iter().map(|(k, v)| (k.to_string(), from_dynamic(v))).collect())
    } else {
        Value::Null
    }
}
