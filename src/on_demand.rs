//! Wasm modules the page fetches only when first needed — the transforms' script engine, the
//! console's AWS CLI — so the first load stays within its budget. `www/boot.js` defines a
//! global loader for each; this fetches through it once, tells whoever waits, and keeps what
//! the module gives.

use js_sys::{Function, Promise, Reflect};
use std::cell::RefCell;
use std::future::Future;
use std::thread::LocalKey;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

/// Where a module is.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Ready,
    Loading,
    Failed(String),
}

/// A module's load: not asked for yet, on its way (with who waits), there, or failed.
pub enum Load<T> {
    Idle,
    Loading(Vec<Callback<()>>),
    Ready(T),
    Failed(String),
}

/// The status of the module kept in `slot`.
pub fn status<T: 'static>(slot: &'static LocalKey<RefCell<Load<T>>>) -> Status {
    slot.with(|l| match &*l.borrow() {
        Load::Ready(_) => Status::Ready,
        Load::Failed(e) => Status::Failed(e.clone()),
        Load::Idle | Load::Loading(_) => Status::Loading,
    })
}

/// Starts `fetch` unless the module is loaded or loading; `on_done` runs once it has loaded
/// or failed (at once if it already has). `what` names the module in the console's error.
pub fn load<T: 'static, F: Future<Output = Result<T, String>> + 'static>(
    slot: &'static LocalKey<RefCell<Load<T>>>,
    what: &'static str,
    on_done: Option<Callback<()>>,
    fetch: impl FnOnce() -> F,
) {
    enum Next {
        Start,
        Wait,
        Done(Option<Callback<()>>),
    }
    // Decided under the borrow, acted on after it: a callback may ask for the status.
    let next = slot.with(|l| {
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
            Load::Ready(_) | Load::Failed(_) => Next::Done(on_done),
        }
    });
    match next {
        Next::Wait => {}
        Next::Done(done) => {
            if let Some(done) = done {
                done.emit(());
            }
        }
        Next::Start => {
            let fetching = fetch();
            yew::platform::spawn_local(async move {
                let outcome = match fetching.await {
                    Ok(module) => Load::Ready(module),
                    Err(e) => {
                        gloo::console::error!(format!("ShardLab: the {what} could not load: {e}"));
                        Load::Failed(e)
                    }
                };
                let waiting = slot.with(|l| match std::mem::replace(&mut *l.borrow_mut(), outcome) {
                    Load::Loading(waiting) => waiting,
                    _ => Vec::new(),
                });
                for done in waiting {
                    done.emit(());
                }
            });
        }
    }
}

/// A JavaScript error as the message it carries (the modules throw their errors as text).
pub fn text(e: JsValue) -> String {
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

/// Fetches a module through `boot.js`'s global `loader` and gives its functions `names`, in
/// that order.
pub async fn fetch_functions(loader: &str, what: &str, names: &[&str]) -> Result<Vec<Function>, String> {
    let start: Function = Reflect::get(&js_sys::global(), &loader.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or(format!("the page has no {what} loader (boot.js defines it)"))?;
    let promise: Promise = start.call0(&JsValue::NULL).map_err(text)?.dyn_into().map_err(text)?;
    let module = wasm_bindgen_futures::JsFuture::from(promise).await.map_err(text)?;
    names
        .iter()
        .map(|name| {
            Reflect::get(&module, &(*name).into())
                .ok()
                .and_then(|f| f.dyn_into().ok())
                .ok_or(format!("the {what} module has no `{name}`"))
        })
        .collect()
}
