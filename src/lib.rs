//! ShardLab's page: Yew views over the `shardlab-sim` model. Nothing here decides a
//! simulation outcome; the views draw the world and turn clicks into calls on it.

pub mod announce;
pub mod app;
pub mod bench_page;
mod boot;
pub mod cli;
pub mod components;
pub mod download;
pub mod embed;
pub mod history;
pub mod i18n;
pub mod i18n_access;
#[cfg(feature = "analytics")]
pub mod i18n_analytics;
#[cfg(feature = "dynamodb")]
pub mod i18n_emr;
pub mod i18n_export;
#[cfg(feature = "video")]
pub mod i18n_video;
pub mod icons;
pub mod kinds;
pub mod learn;
pub mod memory_guard;
pub mod model_build;
pub mod notice;
mod on_demand;
pub mod pace;
pub mod panic_banner;
mod placement;
pub mod prefs;
mod resume;
pub mod run_loop;
pub mod script_engine;
mod shortcuts;
pub mod state;
pub mod storage;
pub mod world_handle;

pub use app::App;

/// Every allocation is counted, for the memory guard.
#[global_allocator]
static ALLOCATOR: memory_guard::Counting = memory_guard::Counting;

/// The element the app mounts into (index.html has it).
pub const ROOT_ID: &str = "shardlab";

/// Installs the panic banner and mounts the app.
pub fn start() {
    panic_banner::install();
    let document = web_sys::window().and_then(|w| w.document()).expect("ShardLab runs in a page");
    let root =
        document.get_element_by_id(ROOT_ID).unwrap_or_else(|| document.body().expect("the page has a body").into());
    root.set_inner_html("");
    // Which of the two builds is running (see www/boot.js): `full` has every service's model.
    if let Some(html) = document.document_element() {
        let _ = html.set_attribute("data-model", if cfg!(feature = "emr") { "full" } else { "lab" });
    }
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    // `#/bench` measures every model: boot.js starts the full build for it, so the first
    // load does not carry it.
    #[cfg(feature = "emr")]
    if hash == bench_page::ROUTE {
        bench_page::run(&root);
        return;
    }
    // The frame benchmark too: the page's code is the same in both builds, and a measuring
    // instrument is no part of a learner's first load.
    #[cfg(feature = "emr")]
    if hash == bench_page::FRAMES_ROUTE {
        bench_page::run_frames(root);
        return;
    }
    #[cfg(feature = "emr")]
    if hash == bench_page::FF_PAGE_ROUTE {
        bench_page::run_ff_page(root);
        return;
    }
    #[cfg(feature = "emr")]
    if hash == bench_page::HEAVIEST_PAGE_ROUTE {
        bench_page::run_heaviest_page(root);
        return;
    }
    #[cfg(feature = "video")]
    if hash == bench_page::FRAMES_VIDEO_ROUTE {
        bench_page::run_video_frames(root);
        return;
    }
    if let Some(embed) = embed::parse(&hash) {
        let props = app::AppProps { bench: None, embed: Some(std::rc::Rc::new(embed)) };
        yew::Renderer::<App>::with_root_and_props(root, props).render();
        return;
    }
    yew::Renderer::<App>::with_root(root).render();
}
