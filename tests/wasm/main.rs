//! The app mounted in a real (headless) Chromium by wasm-bindgen-test: it renders the shell,
//! runs the clock, switches language and shows the error banner.

use gloo_timers::future::sleep;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts a fresh app into its own element and waits for the first render.
async fn mount() -> Element {
    let _ = web_sys::window().unwrap().local_storage().unwrap().unwrap().clear();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<shardlab::App>::with_root(root.clone()).render();
    sleep(Duration::from_millis(50)).await;
    root
}

fn button(root: &Element, label: &str) -> HtmlElement {
    root.query_selector(&format!("button[aria-label='{label}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no button labelled {label}"))
        .dyn_into()
        .unwrap()
}

fn clock(root: &Element) -> String {
    root.query_selector("[role=timer]").unwrap().expect("a clock").text_content().unwrap()
}

#[wasm_bindgen_test]
async fn play_advances_the_virtual_clock_and_pause_stops_it() {
    let root = mount().await;
    assert_eq!(clock(&root), "00:00:00.000");
    button(&root, "Play").click();
    sleep(Duration::from_millis(400)).await;
    let running = clock(&root);
    assert_ne!(running, "00:00:00.000", "the clock should move while playing");
    button(&root, "Pause").click();
    sleep(Duration::from_millis(50)).await;
    let paused = clock(&root);
    sleep(Duration::from_millis(300)).await;
    assert_eq!(clock(&root), paused, "the clock should stand still while paused");
    root.remove();
}

#[wasm_bindgen_test]
async fn step_moves_the_clock_by_one_second() {
    let root = mount().await;
    button(&root, "Step one second").click();
    sleep(Duration::from_millis(50)).await;
    assert_eq!(clock(&root), "00:00:01.000");
    root.remove();
}

#[wasm_bindgen_test]
async fn the_language_switch_changes_every_label_and_is_remembered() {
    let root = mount().await;
    button(&root, "繁體中文").click();
    sleep(Duration::from_millis(50)).await;
    assert!(root.query_selector("button[aria-label='播放']").unwrap().is_some());
    assert_eq!(document().document_element().unwrap().get_attribute("lang").as_deref(), Some("zh-Hant-TW"));
    let saved = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("shardlab.lang").unwrap();
    assert_eq!(saved.as_deref(), Some("\"ZhTw\""));
    button(&root, "English").click();
    sleep(Duration::from_millis(50)).await;
    assert!(root.query_selector("button[aria-label='Play']").unwrap().is_some());
    root.remove();
}

#[wasm_bindgen_test]
fn the_error_banner_offers_a_way_back() {
    shardlab::panic_banner::show("index out of bounds");
    let banner = document().get_element_by_id(shardlab::panic_banner::BANNER_ID).expect("a banner");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    let text = banner.text_content().unwrap();
    assert!(text.contains("index out of bounds"), "the detail is shown: {text}");
    let reload = banner.query_selector("a[href='']").unwrap().expect("a reload link");
    assert!(!reload.text_content().unwrap().is_empty());
    // A second panic does not stack a second banner.
    shardlab::panic_banner::show("again");
    assert_eq!(document().query_selector_all(".error-banner").unwrap().length(), 1);
    banner.remove();
}

/// An EMR job with jitter, a slow node, speculative attempts, a failing task and a Spot node
/// reclaimed gives, in wasm, exactly the timeline the native tests pin in the same file.
#[wasm_bindgen_test]
fn an_emr_run_gives_the_same_timeline_in_wasm_as_natively() {
    let golden = include_str!("../../crates/sim/tests/golden/emr_timeline.json");
    let got = shardlab_sim::workload::emr_timeline();
    assert!(got == golden, "the wasm timeline differs from the native golden file");
}

/// Each golden scenario of the CLI, run in wasm, prints exactly the native golden report, in
/// one step and advanced frame by frame in steps of random size.
#[wasm_bindgen_test]
fn the_golden_scenarios_give_the_native_reports_in_wasm_however_time_is_sliced() {
    use shardlab_sim::{parse_duration, rng::SimRng, Scenario, SimDuration, SimTime, World};
    let cases = [
        (
            include_str!("../../crates/cli/tests/scenarios/hot_shard.json"),
            include_str!("../../crates/cli/tests/scenarios/hot_shard.report.json"),
            "30s",
        ),
        (
            include_str!("../../crates/cli/tests/scenarios/random_keys.json"),
            include_str!("../../crates/cli/tests/scenarios/random_keys.report.json"),
            "30s",
        ),
        (
            include_str!("../../crates/cli/tests/scenarios/streams_vs_firehose.json"),
            include_str!("../../crates/cli/tests/scenarios/streams_vs_firehose.report.json"),
            "150s",
        ),
    ];
    for (scenario, golden, until) in cases {
        let scenario = Scenario::from_json(scenario).unwrap();
        let until = parse_duration(until).unwrap();
        let mut whole = World::from_scenario(&scenario).unwrap();
        whole.advance(until);
        let printed = format!("{}\n", serde_json::to_string_pretty(&whole.report()).unwrap());
        assert!(printed == golden, "{}: the wasm report differs from the native golden file", scenario.name);
        let mut sliced = World::from_scenario(&scenario).unwrap();
        let mut rng = SimRng::seed_from_u64(9);
        let end = SimTime::ZERO + until;
        while sliced.now() < end {
            let step = SimDuration::from_micros(1 + rng.below(2_000_000));
            sliced.run_until((sliced.now() + step).min(end));
        }
        let again = format!("{}\n", serde_json::to_string_pretty(&sliced.report()).unwrap());
        assert!(again == golden, "{}: advanced frame by frame, the report differs", scenario.name);
    }
}
