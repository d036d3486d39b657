//! Transforms' script engine in the page. In the page's build it is a wasm module of its own
//! (`crates/script-module`, about a third of what the page would download), fetched the
//! first time a delivery stream has a transform and registered with the simulator; until
//! then the run loop holds the clock (`World::waiting_for_script_engine`). Builds with the
//! `script-engine` feature (the browser tests) link it in and are always ready.

pub use crate::on_demand::Status;

/// Whether the clock may move: not while a transform could fall due before the engine has
/// loaded (this starts loading it). If it could not load, the clock runs on and the
/// transforms fail with the reason, as the editor shows it.
pub fn clock_may_run(world: &shardlab_sim::World) -> bool {
    if !world.waiting_for_script_engine() {
        return true;
    }
    load(None);
    matches!(status(), Status::Failed(_))
}

#[cfg(feature = "script-engine")]
pub fn status() -> Status {
    Status::Ready
}

/// Starts loading the engine unless it is loaded or loading; `on_done` runs once it has
/// loaded or failed.
#[cfg(feature = "script-engine")]
pub fn load(on_done: Option<yew::Callback<()>>) {
    if let Some(done) = on_done {
        done.emit(());
    }
}

#[cfg(not(feature = "script-engine"))]
pub use module::{load, status};

#[cfg(not(feature = "script-engine"))]
mod module {
    use super::Status;
    use crate::on_demand::{self, fetch_functions, text, Load};
    use js_sys::Function;
    use shardlab_sim::firehose::transform::{set_script_host, ScriptHost};
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::JsValue;
    use yew::Callback;

    /// The global function `boot.js` defines to fetch and start the module.
    const LOADER: &str = "shardlabLoadScriptEngine";
    const WHAT: &str = "script engine";

    thread_local! {
        static LOAD: RefCell<Load<()>> = const { RefCell::new(Load::Idle) };
    }

    pub fn status() -> Status {
        on_demand::status(&LOAD)
    }

    /// Starts loading the engine unless it is loaded or loading; once it has, it is
    /// registered with the simulator and `on_done` runs.
    pub fn load(on_done: Option<Callback<()>>) {
        on_demand::load(&LOAD, WHAT, on_done, || async {
            let mut f = fetch_functions(LOADER, WHAT, &["invoke", "compile_error"]).await?;
            let (compile_error, invoke) = (f.remove(1), f.remove(0));
            set_script_host(Rc::new(ModuleHost { invoke, compile_error }));
            Ok(())
        });
    }

    /// The module's two functions, called synchronously once it has started.
    struct ModuleHost {
        invoke: Function,
        compile_error: Function,
    }

    impl ScriptHost for ModuleHost {
        fn compile_error(&self, code: &str) -> Option<String> {
            self.compile_error.call1(&JsValue::NULL, &code.into()).ok().and_then(|v| v.as_string())
        }

        fn invoke(&self, code: &str, event: &str, budget: u64) -> Result<String, String> {
            self.invoke
                .call3(&JsValue::NULL, &code.into(), &event.into(), &(budget as f64).into())
                .map(|v| v.as_string().unwrap_or_default())
                .map_err(text)
        }
    }
}
