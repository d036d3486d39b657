//! The console's AWS CLI in the page: a wasm module of its own (`crates/awscli-module`),
//! fetched the first time the console opens, as the transforms' script engine is. It turns a
//! command line into the call it makes and prints the model's answer as the CLI prints it;
//! the model answers the calls.

use crate::i18n::Lang;
pub use crate::on_demand::Status;
use crate::on_demand::{self, Load};
use js_sys::Function;
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use yew::Callback;

/// The global function `boot.js` defines to fetch and start the module.
const LOADER: &str = "shardlabLoadCli";
const WHAT: &str = "AWS CLI";

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
    open_export: Function,
    open_embed: Function,
}

thread_local! {
    static LOAD: RefCell<Load<Rc<Cli>>> = const { RefCell::new(Load::Idle) };
}

pub fn status() -> Status {
    on_demand::status(&LOAD)
}

/// Starts loading the module unless it is loaded or loading; `on_done` runs once it has
/// loaded or failed.
pub fn load(on_done: Callback<()>) {
    on_demand::load(&LOAD, WHAT, Some(on_done), || async {
        let mut f = on_demand::fetch_functions(
            LOADER,
            WHAT,
            &["plan", "print_answer", "print_error", "open_export", "open_embed"],
        )
        .await?;
        let (open_embed, open_export) = (f.remove(4), f.remove(3));
        let (print_error, print_answer, plan) = (f.remove(2), f.remove(1), f.remove(0));
        Ok(Rc::new(Cli { plan, print_answer, print_error, open_export, open_embed }))
    });
}

fn cli() -> Option<Rc<Cli>> {
    LOAD.with(|l| match &*l.borrow() {
        Load::Ready(cli) => Some(cli.clone()),
        _ => None,
    })
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

/// Runs `f` with the module, loading it first if need be.
fn with_module(f: impl Fn(&Cli) + 'static) {
    match cli() {
        Some(cli) => f(&cli),
        None => load(Callback::from(move |()| {
            if let Some(cli) = cli() {
                f(&cli)
            }
        })),
    }
}

/// Opens the Export dialog (the module builds it) for `format` (`cloudformation` or `cli`) of
/// the scenario `scenario_json`, in `lang`.
pub fn open_export(format: &'static str, scenario_json: String, lang: Lang) {
    with_module(move |cli| {
        call(&cli.open_export, &[format, &scenario_json, lang.tag()]);
    });
}

/// Opens the Embed dialog (the module builds it): the `<iframe>` snippet of the embed link
/// `url` of the scenario `name`, and its preview.
pub fn open_embed(url: String, name: String, lang: Lang) {
    with_module(move |cli| {
        call(&cli.open_embed, &[&url, &name, lang.tag()]);
    });
}
