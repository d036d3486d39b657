//! The console's AWS CLI in the page: a wasm module of its own (`crates/awscli-module`),
//! fetched the first time the console opens, as the transforms' script engine is. It turns a
//! command line into the call it makes and prints the model's answer as the CLI prints it;
//! the model answers the calls.

use js_sys::{Function, Promise, Reflect};
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

/// The global function `boot.js` defines to fetch and start the module.
const LOADER: &str = "shardlabLoadCli";

/// Where the module is.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Loading,
    Ready,
    Failed(String),
}

/// What a console line asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Plan {
    Clear,
    /// Help, or the CLI's usage error (`failed`); an empty text prints nothing.
    Text {
        text: String,
        failed: bool,
    },
    /// A call for the model: the service by the model's name, the operation and its input.
    Call {
        service: String,
        operation: String,
        input: Value,
    },
}

/// The module's functions, called synchronously once it has started.
struct Cli {
    plan: Function,
    print_answer: Function,
    print_error: Function,
}

enum Load {
    Idle,
    Loading(Vec<Callback<()>>),
    Ready(Rc<Cli>),
    Failed(String),
}

thread_local! {
    static LOAD: RefCell<Load> = const { RefCell::new(Load::Idle) };
}

pub fn status() -> Status {
    LOAD.with(|l| match &*l.borrow() {
        Load::Ready(_) => Status::Ready,
        Load::Failed(e) => Status::Failed(e.clone()),
        Load::Idle | Load::Loading(_) => Status::Loading,
    })
}

/// Starts loading the module unless it is loaded or loading; `on_done` runs once it has
/// loaded or failed.
pub fn load(on_done: Callback<()>) {
    let start = LOAD.with(|l| {
        let mut l = l.borrow_mut();
        match &mut *l {
            Load::Idle => {
                *l = Load::Loading(vec![on_done.clone()]);
                Some(true)
            }
            Load::Loading(waiting) => {
                waiting.push(on_done.clone());
                Some(false)
            }
            Load::Ready(_) | Load::Failed(_) => None,
        }
    });
    match start {
        // Loaded or failed already: answered after the borrow, as a callback may ask again.
        None => on_done.emit(()),
        Some(false) => {}
        Some(true) => yew::platform::spawn_local(async {
            let outcome = match fetch().await {
                Ok(cli) => Load::Ready(Rc::new(cli)),
                Err(e) => {
                    gloo::console::error!(format!("ShardLab: the AWS CLI could not load: {e}"));
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
        }),
    }
}

fn cli() -> Option<Rc<Cli>> {
    LOAD.with(|l| match &*l.borrow() {
        Load::Ready(cli) => Some(cli.clone()),
        _ => None,
    })
}

/// A JavaScript error as the message it carries.
fn text(e: JsValue) -> String {
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

async fn fetch() -> Result<Cli, String> {
    let loader: Function = Reflect::get(&js_sys::global(), &LOADER.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or("the page has no AWS CLI loader (boot.js defines it)")?;
    let promise: Promise = loader.call0(&JsValue::NULL).map_err(text)?.dyn_into().map_err(text)?;
    let module = wasm_bindgen_futures::JsFuture::from(promise).await.map_err(text)?;
    let function = |name: &str| -> Result<Function, String> {
        Reflect::get(&module, &name.into())
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or(format!("the AWS CLI module has no `{name}`"))
    };
    Ok(Cli { plan: function("plan")?, print_answer: function("print_answer")?, print_error: function("print_error")? })
}

fn call(f: &Function, args: &[&str]) -> String {
    let args: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
    f.apply(&JsValue::NULL, &args).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

/// What `line` asks for; None until the module has loaded.
pub fn plan(line: &str) -> Option<Plan> {
    let cli = cli()?;
    let v: Value = serde_json::from_str(&call(&cli.plan, &[line])).ok()?;
    let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
    Some(match v["kind"].as_str() {
        Some("clear") => Plan::Clear,
        Some("call") => Plan::Call { service: s("service"), operation: s("operation"), input: v["input"].clone() },
        _ => Plan::Text { text: s("text"), failed: v["failed"].as_bool().unwrap_or(true) },
    })
}

/// The model's answer to `line`'s call, as the CLI prints it.
pub fn print_answer(line: &str, answer: &Value) -> String {
    cli().map(|cli| call(&cli.print_answer, &[line, &answer.to_string()])).unwrap_or_default()
}

/// The CLI's line for an error answer.
pub fn print_error(error_type: &str, operation: &str, message: &str) -> String {
    cli().map(|cli| call(&cli.print_error, &[error_type, operation, message])).unwrap_or_default()
}
