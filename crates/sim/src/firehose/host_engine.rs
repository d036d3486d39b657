//! Transforms without the linked engine — the page's build: the page loads the script
//! engine (`crates/script`) as its own wasm module when a delivery stream first has a
//! transform, and registers it here. Until it has, no transform runs: the page holds the
//! clock while `World::waiting_for_script_engine()` says so, and the editor's test says
//! the engine is loading. The engine is the same code either way, so runs stay the same.

use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;

/// A script engine the host provides: compiles and calls `handler(event)`, JSON as text.
pub trait ScriptHost {
    /// The compile error of `code` (with line and column), if it does not compile.
    fn compile_error(&self, code: &str) -> Option<String>;
    /// `handler(event)` with at most `budget` operations: the answer, or the error that
    /// stopped it.
    fn invoke(&self, code: &str, event: &str, budget: u64) -> Result<String, String>;
}

thread_local! {
    static HOST: RefCell<Option<Rc<dyn ScriptHost>>> = const { RefCell::new(None) };
}

/// Registers the engine transforms run on from now on.
pub fn set_script_host(host: Rc<dyn ScriptHost>) {
    HOST.with(|h| *h.borrow_mut() = Some(host));
}

pub fn ready() -> bool {
    host().is_some()
}

fn host() -> Option<Rc<dyn ScriptHost>> {
    HOST.with(|h| h.borrow().clone())
}

const NOT_LOADED: &str = "the script engine has not loaded (the transform editor says why)";

/// The code itself: the host compiles it (and keeps what it compiled) on the first call.
#[derive(Clone, Debug)]
pub struct Compiled(String);

pub fn compile(code: &str) -> Result<Compiled, String> {
    Ok(Compiled(code.to_string()))
}

pub fn late_compile_error(compiled: &Compiled) -> Option<String> {
    match host() {
        Some(h) => h.compile_error(&compiled.0),
        None => Some(NOT_LOADED.to_string()),
    }
}

pub fn call(compiled: &Compiled, event: Value, budget: u64) -> Result<Value, String> {
    let host = host().ok_or(NOT_LOADED)?;
    let answer = host.invoke(&compiled.0, &event.to_string(), budget)?;
    serde_json::from_str(&answer).map_err(|e| format!("the engine's answer is not JSON: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::firehose::transform::{template, Input, Outcome, Transform};

    /// The engine the page loads, called as the page calls it: JSON as text.
    struct ModuleLike;

    impl ScriptHost for ModuleLike {
        fn compile_error(&self, code: &str) -> Option<String> {
            shardlab_script::compile(code).err()
        }

        fn invoke(&self, code: &str, event: &str, budget: u64) -> Result<String, String> {
            let compiled = shardlab_script::compile(code)?;
            let event = serde_json::from_str(event).map_err(|e| e.to_string())?;
            shardlab_script::call(&compiled, event, budget).map(|v| v.to_string())
        }
    }

    #[test]
    fn transforms_wait_for_the_host_s_engine_then_run_on_it() {
        let drop3 = Transform::new(template("drop-every-3rd").unwrap());
        let inputs: Vec<Input> = (1..=3).map(|i| Input { record_id: i, arrival_epoch_ms: 0, data: b"{}" }).collect();
        assert!(!ready());
        assert!(drop3.invoke(&inputs).unwrap_err().contains("has not loaded"));
        assert!(drop3.compile_error().unwrap().contains("has not loaded"));

        set_script_host(Rc::new(ModuleLike));
        assert!(ready());
        assert_eq!(drop3.invoke(&inputs).unwrap()[2], Outcome::Dropped);
        assert_eq!(drop3.compile_error(), None);
        assert!(Transform::new("fn handler(e) { let = }").compile_error().unwrap().contains("line 1"));
    }
}
