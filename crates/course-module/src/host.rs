//! The page, as the panel reaches it: the functions the page hands over when it opens the
//! panel (see the page's `src/learn.rs`). The panel runs no simulation of its own; it asks
//! the page's world.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

#[derive(Clone)]
pub struct Host {
    load: Function,
    current: Function,
    probe: Function,
    now: Function,
    select: Function,
}

fn function(host: &JsValue, name: &str) -> Result<Function, JsValue> {
    Reflect::get(host, &name.into())?.dyn_into().map_err(|_| JsValue::from_str(&format!("the page gave no `{name}`")))
}

impl Host {
    pub fn new(host: &JsValue) -> Result<Host, JsValue> {
        Ok(Host {
            load: function(host, "load")?,
            current: function(host, "current")?,
            probe: function(host, "probe")?,
            now: function(host, "now")?,
            select: function(host, "select")?,
        })
    }

    /// Opens `scenario` (a scenario file's JSON) on the canvas; the error the page gives.
    pub fn load(&self, scenario: &str) -> Result<(), String> {
        let answer = self.load.call1(&JsValue::NULL, &scenario.into()).ok().and_then(|v| v.as_string());
        match answer {
            Some(e) if !e.is_empty() => Err(e),
            _ => Ok(()),
        }
    }

    /// The scenario on the canvas now, as a file holds it.
    pub fn current(&self) -> String {
        self.current.call0(&JsValue::NULL).ok().and_then(|v| v.as_string()).unwrap_or_default()
    }

    /// The world's answer to `question` over `[from_ms, to_ms)`; the page answers a number as
    /// text, or `!` and the reason it cannot.
    pub fn probe(&self, question: &str, from_ms: u64, to_ms: u64) -> Result<f64, String> {
        let args = [JsValue::from_str(question), JsValue::from_f64(from_ms as f64), JsValue::from_f64(to_ms as f64)];
        let answer = self
            .probe
            .call3(&JsValue::NULL, &args[0], &args[1], &args[2])
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| "!the page did not answer".into());
        match answer.strip_prefix('!') {
            Some(why) => Err(why.to_string()),
            None => answer.parse().map_err(|_| format!("the page answered '{answer}'")),
        }
    }

    /// The world's virtual clock, in milliseconds.
    pub fn now_ms(&self) -> u64 {
        self.now.call0(&JsValue::NULL).ok().and_then(|v| v.as_f64()).unwrap_or(0.0) as u64
    }

    /// Selects the component `id` on the canvas (its inspector opens).
    pub fn select(&self, id: &str) {
        let _ = self.select.call1(&JsValue::NULL, &id.into());
    }
}
