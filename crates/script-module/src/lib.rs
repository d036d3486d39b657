//! The transforms' script engine as the page's second wasm module: most of what transforms
//! would add to the page's download, so the page fetches it only when a delivery stream
//! first has a transform (see `src/script_engine.rs` and `www/boot.js`). JSON travels as text.

use shardlab_script::Compiled;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// How many compiled functions are kept: a lab has a handful of transforms, and the editor
/// compiles each version of the code it shows.
const KEEP: usize = 8;

thread_local! {
    static COMPILED: RefCell<Vec<(String, Result<Compiled, String>)>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` on the compiled `code`, compiling it if it is not among the last few.
fn with_compiled<R>(code: &str, f: impl FnOnce(&Result<Compiled, String>) -> R) -> R {
    COMPILED.with(|cache| {
        let mut cache = cache.borrow_mut();
        let at = match cache.iter().position(|(c, _)| c == code) {
            Some(at) => at,
            None => {
                if cache.len() == KEEP {
                    let _oldest = cache.remove(0);
                }
                cache.push((code.to_string(), shardlab_script::compile(code)));
                cache.len() - 1
            }
        };
        f(&cache[at].1)
    })
}

/// The compile error of `code` (with line and column), or nothing if it compiles.
#[wasm_bindgen]
pub fn compile_error(code: &str) -> Option<String> {
    with_compiled(code, |c| c.as_ref().err().cloned())
}

/// Calls `handler(event)` with at most `budget` operations; the answer as JSON text, or
/// throws the error that stopped it.
#[wasm_bindgen]
pub fn invoke(code: &str, event: &str, budget: f64) -> Result<String, JsValue> {
    let event = serde_json::from_str(event).map_err(|e| JsValue::from(format!("the event is not JSON: {e}")))?;
    with_compiled(code, |compiled| {
        let compiled = compiled.as_ref().map_err(|e| format!("the function does not compile: {e}"))?;
        shardlab_script::call(compiled, event, budget as u64).map(|answer| answer.to_string())
    })
    .map_err(JsValue::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiles_once_and_answers_in_json_text() {
        assert!(compile_error("fn handler(event) { event }").is_none());
        assert!(compile_error("fn handler(event) { let = }").unwrap().contains("line 1"));
        let answer = with_compiled("fn handler(event) { #{ records: event.records } }", |c| {
            shardlab_script::call(c.as_ref().unwrap(), serde_json::json!({ "records": [1, 2] }), 1_000)
        });
        assert_eq!(answer.unwrap()["records"], serde_json::json!([1, 2]));
        for n in 0..KEEP + 2 {
            compile_error(&format!("fn handler(event) {{ {n} }}"));
        }
        COMPILED.with(|c| assert_eq!(c.borrow().len(), KEEP));
    }
}
