//! The Learn panel in the page: a wasm module of its own (`crates/course-module`), fetched the
//! first time a learner opens Learn (or follows an exam link), as the console's AWS CLI is.
//! The page hands it five functions over its world — open a scenario, the scenario on the
//! canvas, a probe of the running world (`World::probe`), the virtual clock, select a
//! component — and the panel does the rest: lessons, their grading, the quiz and the exam.

use crate::i18n::Lang;
use crate::on_demand::{self, Load};
use js_sys::{Function, Object, Reflect};
use shardlab_sim::{Scenario, ScenarioError, SimTime, World};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::Callback;

/// The global function `boot.js` defines to fetch and start the module.
const LOADER: &str = "shardlabLoadCourse";
const WHAT: &str = "Learn panel";
/// Set by the panel while it is open, so that a reload (the switch to the build with EMR)
/// opens it again.
const OPEN_KEY: &str = "shardlab.course.open";

struct Module {
    open_learn: Function,
    set_lang: Function,
    lesson_scenario: Function,
}

thread_local! {
    static LOAD: RefCell<Load<Rc<Module>>> = const { RefCell::new(Load::Idle) };
}

fn module() -> Option<Rc<Module>> {
    LOAD.with(|l| match &*l.borrow() {
        Load::Ready(m) => Some(m.clone()),
        _ => None,
    })
}

/// What the page gives the panel.
#[derive(Clone)]
pub struct Host {
    pub world: Rc<RefCell<World>>,
    pub on_open: Callback<Result<Scenario, ScenarioError>>,
    pub on_select: Callback<Option<String>>,
}

impl Host {
    fn to_js(&self) -> JsValue {
        let host = Object::new();
        let set = |name: &str, f: JsValue| {
            let _ = Reflect::set(&host, &name.into(), &f);
        };
        let on_open = self.on_open.clone();
        set(
            "load",
            Closure::<dyn Fn(String) -> String>::new(move |json: String| {
                match crate::model_build::read_scenario(&json) {
                    Ok(doc) => {
                        on_open.emit(Ok(doc));
                        String::new()
                    }
                    Err(e) => {
                        let why = e.to_string();
                        on_open.emit(Err(e));
                        why
                    }
                }
            })
            .into_js_value(),
        );
        let world = self.world.clone();
        set("current", Closure::<dyn Fn() -> String>::new(move || world.borrow().scenario().to_json()).into_js_value());
        let world = self.world.clone();
        set(
            "probe",
            Closure::<dyn Fn(String, f64, f64) -> String>::new(move |q: String, from: f64, to: f64| {
                let at = |ms: f64| SimTime::from_millis(ms as u64);
                match world.borrow().probe(&q, at(from), at(to)) {
                    Ok(v) => v.to_string(),
                    Err(why) => format!("!{why}"),
                }
            })
            .into_js_value(),
        );
        let world = self.world.clone();
        set("now", Closure::<dyn Fn() -> f64>::new(move || world.borrow().now().as_millis() as f64).into_js_value());
        let on_select = self.on_select.clone();
        set(
            "select",
            Closure::<dyn Fn(String)>::new(move |id: String| on_select.emit((!id.is_empty()).then_some(id)))
                .into_js_value(),
        );
        host.into()
    }
}

/// Runs `f` with the module, loading it first if need be.
fn with_module(f: impl Fn(&Module) + 'static) {
    match module() {
        Some(m) => f(&m),
        None => on_demand::load(
            &LOAD,
            WHAT,
            Some(Callback::from(move |()| {
                if let Some(m) = module() {
                    f(&m)
                }
            })),
            || async {
                let mut f =
                    on_demand::fetch_functions(LOADER, WHAT, &["open_learn", "set_lang", "lesson_scenario"]).await?;
                let (lesson_scenario, set_lang, open_learn) = (f.remove(2), f.remove(1), f.remove(0));
                Ok(Rc::new(Module { open_learn, set_lang, lesson_scenario }))
            },
        ),
    }
}

/// Opens the panel in `lang`; `route` is what follows `#/` when the address asks for a view
/// (`exam?seed=42`, `lesson?id=hot-shard`), or empty.
pub fn open(lang: Lang, host: Host, route: String) {
    with_module(move |m| {
        let args = [JsValue::from_str(lang.tag()), host.to_js(), JsValue::from_str(&route)];
        if let Err(e) = m.open_learn.call3(&JsValue::NULL, &args[0], &args[1], &args[2]) {
            gloo::console::error!(format!("ShardLab: the Learn panel could not open: {}", on_demand::text(e)));
        }
    });
}

/// The scenario of the lesson `id` (its file's JSON), or None when there is no such lesson:
/// an embed's `lesson=NAME`.
pub fn lesson_scenario(id: String, on_done: Callback<Option<String>>) {
    with_module(move |m| {
        let json = m.lesson_scenario.call1(&JsValue::NULL, &id.as_str().into()).ok().and_then(|v| v.as_string());
        on_done.emit(json.filter(|j| !j.is_empty()));
    });
}

/// The page's language changed: the panel, if it is loaded, follows.
pub fn set_lang(lang: Lang) {
    if let Some(m) = module() {
        let _ = m.set_lang.call1(&JsValue::NULL, &lang.tag().into());
    }
}

/// The view the page's address asks the panel for (`#/exam?seed=42` → `exam?seed=42`,
/// `#/lesson?id=hot-shard`), or an empty one when the panel was open before a reload; None
/// when neither.
pub fn route_at_start() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    if let Some(route) = hash.strip_prefix("#/").filter(|r| r.starts_with("exam") || r.starts_with("lesson")) {
        return Some(route.to_string());
    }
    let open = web_sys::window()?.local_storage().ok()??.get_item(OPEN_KEY).ok()?;
    open.is_some().then(String::new)
}
