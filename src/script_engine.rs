//! Transforms' script engine in the page. In the page's build it is a wasm module of its own
//! (`crates/script-module`, about a third of what the page would download), fetched the
//! first time a delivery stream has a transform and registered with the simulator; until
//! then the run loop holds the clock (`World::waiting_for_script_engine`). Builds with the
//! `script-engine` feature (the browser tests) link it in and are always ready.

/// Where the engine is.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Ready,
    Loading,
    Failed(String),
}

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
    use js_sys::{Function, Promise, Reflect};
    use shardlab_sim::firehose::transform::{set_script_host, ScriptHost};
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::{JsCast, JsValue};
    use yew::Callback;

    /// The global function `boot.js` defines to fetch and start the module.
    const LOADER: &str = "shardlabLoadScriptEngine";

    enum Load {
        Idle,
        Loading(Vec<Callback<()>>),
        Ready,
        Failed(String),
    }

    thread_local! {
        static LOAD: RefCell<Load> = const { RefCell::new(Load::Idle) };
    }

    pub fn status() -> Status {
        LOAD.with(|l| match &*l.borrow() {
            Load::Ready => Status::Ready,
            Load::Failed(e) => Status::Failed(e.clone()),
            Load::Idle | Load::Loading(_) => Status::Loading,
        })
    }

    pub fn load(on_done: Option<Callback<()>>) {
        enum Next {
            Start,
            Wait,
            Done(Option<Callback<()>>),
        }
        // Decided under the borrow, acted on after it: a callback may ask for the status.
        let next = LOAD.with(|l| {
            let mut l = l.borrow_mut();
            match &mut *l {
                Load::Idle => {
                    *l = Load::Loading(on_done.into_iter().collect());
                    Next::Start
                }
                Load::Loading(waiting) => {
                    waiting.extend(on_done);
                    Next::Wait
                }
                Load::Ready | Load::Failed(_) => Next::Done(on_done),
            }
        });
        let start = match next {
            Next::Start => true,
            Next::Wait => false,
            Next::Done(done) => {
                if let Some(done) = done {
                    done.emit(());
                }
                false
            }
        };
        if start {
            yew::platform::spawn_local(async {
                let outcome = match fetch().await {
                    Ok(host) => {
                        set_script_host(Rc::new(host));
                        Load::Ready
                    }
                    Err(e) => {
                        gloo::console::error!(format!("ShardLab: the script engine could not load: {e}"));
                        Load::Failed(e)
                    }
                };
                let waiting = LOAD.with(|l| match std::mem::replace(&mut *l.borrow_mut(), outcome) {
                    Load::Loading(waiting) => waiting,
                    _ => Vec::new(),
                });
                for done in waiting {
                    done.emit(());
                }
            });
        }
    }

    /// A JavaScript error as the message it carries (the module throws its errors as text).
    fn text(e: JsValue) -> String {
        e.as_string().unwrap_or_else(|| format!("{e:?}"))
    }

    /// The module's two functions, called synchronously once it has started.
    struct ModuleHost {
        invoke: Function,
        compile_error: Function,
    }

    async fn fetch() -> Result<ModuleHost, String> {
        let loader: Function = Reflect::get(&js_sys::global(), &LOADER.into())
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or("the page has no script engine loader (boot.js defines it)")?;
        let promise: Promise = loader.call0(&JsValue::NULL).map_err(text)?.dyn_into().map_err(text)?;
        let module = wasm_bindgen_futures::JsFuture::from(promise).await.map_err(text)?;
        let function = |name: &str| -> Result<Function, String> {
            Reflect::get(&module, &name.into())
                .ok()
                .and_then(|f| f.dyn_into().ok())
                .ok_or(format!("the script engine module has no `{name}`"))
        };
        Ok(ModuleHost { invoke: function("invoke")?, compile_error: function("compile_error")? })
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
