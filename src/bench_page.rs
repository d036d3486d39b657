//! `index.html#/bench`: the simulation benchmark run inside the browser, for
//! `cargo xtask bench`. It runs the same workload as the native criterion benchmark
//! (`shardlab_sim::workload`) and writes the figure into `<output id="bench-result">`.
//! Not linked from the page: it is a measuring instrument, not a feature.

#[cfg(feature = "emr")]
use wasm_bindgen::JsCast;

pub const ROUTE: &str = "#/bench";
/// `index.html#/bench-frames`: the page itself running a 10-component pipeline at 1×, 60×
/// and 3,600×, the work of its frames measured into `<output id="frame-result">`. In the full
/// build (boot.js starts it for the route): the same page and Kinesis model as the first
/// load's, without the instrument in every learner's download.
pub const FRAMES_ROUTE: &str = "#/bench-frames";
pub const FRAMES_RESULT_ID: &str = "frame-result";
/// `index.html#/bench-frames-video`: the same measure of the full build running the
/// `video-retention` lesson (a camera, a video stream, a live viewer, an on-demand player and
/// a motion analysis) with the live viewer's frames drawn in the inspector, at 1×, 60× and 600×,
/// into `<output id="frame-video-result">`.
pub const FRAMES_VIDEO_ROUTE: &str = "#/bench-frames-video";
pub const FRAMES_VIDEO_RESULT_ID: &str = "frame-video-result";
/// `index.html#/bench-ff-page`: the page itself running the fast-forward workload
/// (`workload::fast_forward_scenario`: a 4-shard stream at full load with 24 h retention, a
/// polling consumer and a KCL application) at 3,600× until its clock shows `FF_PAGE_HOURS`
/// virtual hours; the virtual hours it achieved a wall second and the memory it holds then go
/// into `<output id="ff-page-result">`. In the full build, as the frame benchmarks.
pub const FF_PAGE_ROUTE: &str = "#/bench-ff-page";
pub const FF_PAGE_RESULT_ID: &str = "ff-page-result";
/// `index.html#/bench-heaviest-page`: the page itself running the heaviest load the settings
/// allow (`workload::heaviest_scenario`: a million records a second at a hot key into 2
/// shards) at 1× for `HEAVIEST_PAGE_SECONDS` virtual seconds; the speed its clock achieved
/// goes into `<output id="heaviest-page-result">`. In the full build, as the others.
pub const HEAVIEST_PAGE_ROUTE: &str = "#/bench-heaviest-page";
pub const HEAVIEST_PAGE_RESULT_ID: &str = "heaviest-page-result";
/// Twenty seconds: twenty seconds of the hot shard's throttling, each with its records'
/// retries backing off for up to 100 and 200 ms (the default two retries).
#[cfg(feature = "emr")]
const HEAVIEST_PAGE_SECONDS: f64 = 20.0;
#[cfg(feature = "emr")]
const HEAVIEST_PAGE_WALL_LIMIT_S: f64 = 120.0;
/// A day and an hour: retention has begun to expire the first hour's records, so the page holds
/// a whole day of them, the most it ever will.
#[cfg(feature = "emr")]
const FF_PAGE_HOURS: f64 = 25.0;
/// The speed the page runs it at: the fastest a learner can pick.
#[cfg(feature = "emr")]
const FF_PAGE_SPEED: u32 = 3_600;
/// At most this long (wall seconds) before it reports what it reached.
#[cfg(feature = "emr")]
const FF_PAGE_WALL_LIMIT_S: f64 = 300.0;
/// The speeds a learner watches video at, and 600×, where the motion analysis's work (five
/// looks a second of video) begins to fill the frame.
pub const VIDEO_FRAME_SPEEDS: [u32; 3] = [1, 60, 600];
#[cfg(feature = "emr")]
/// Frames skipped while the page settles, then frames measured, at each speed.
const WARMUP_FRAMES: usize = 60;
#[cfg(feature = "emr")]
const MEASURED_FRAMES: usize = 240;
pub const RESULT_ID: &str = "bench-result";
/// Runs measured; the median is reported (the first run also warms the JIT and allocator).
#[cfg(feature = "emr")]
const RUNS: usize = 7;

#[cfg(feature = "emr")]
pub fn run(root: &web_sys::Element) {
    let performance = web_sys::window().and_then(|w| w.performance()).expect("browsers have performance.now");
    let mut rates: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = performance.now();
            let records = shardlab_sim::workload::run();
            let seconds = (performance.now() - start) / 1_000.0;
            records as f64 / seconds.max(1e-6)
        })
        .collect();
    shardlab_sim::order::sort_by(&mut rates, f64::total_cmp);
    let median = rates[RUNS / 2];
    let emr_median = emr_rate(&performance);
    let sql_median = sql_rate(&performance);
    let document = web_sys::window().and_then(|w| w.document()).expect("a page");
    let Ok(output) = document.create_element("output") else { return };
    output.set_id(RESULT_ID);
    let _ = output.set_attribute("data-records-per-s", &format!("{median:.0}"));
    let mut text = format!("sim_records_per_s_wasm: {median:.0} records/s");
    if let Some(emr) = emr_median {
        let _ = output.set_attribute("data-emr-mb-per-s", &format!("{emr:.1}"));
        text += &format!(", emr_wordcount_mb_per_s_wasm: {emr:.1} MB/s");
    }
    if let Some(sql) = sql_median {
        let _ = output.set_attribute("data-sql-rows-per-s", &format!("{sql:.0}"));
        text += &format!(", sql_rows_per_s_wasm: {sql:.0} rows/s");
    }
    if let Some(video) = video_rate(&performance) {
        let _ = output.set_attribute("data-video-frames-per-s", &format!("{video:.0}"));
        text += &format!(", video_frames_per_s_wasm: {video:.0} frames/s");
    }
    if let Some(ff) = ff_rate(&performance) {
        let _ = output.set_attribute("data-ff-hours-per-s", &format!("{ff:.3}"));
        text += &format!(", ff_virtual_hours_per_s_wasm: {ff:.3} h/s");
    }
    output.set_text_content(Some(&format!("{text} (medians of {RUNS}; the fast forward's of {FF_RUNS})")));
    let _ = root.append_child(output.unchecked_ref());
}

/// The EMR word count's median rate in MB/s: real bytes through map, combiner, shuffle and
/// reduce (each world is built with its input before the clock starts, as natively). Only
/// in a build with the EMR model (`cargo xtask bench` builds one for this page).
#[cfg(feature = "emr")]
fn emr_rate(performance: &web_sys::Performance) -> Option<f64> {
    let input = shardlab_sim::workload::emr_input();
    let mut rates: Vec<f64> = (0..RUNS)
        .map(|_| {
            let world = shardlab_sim::workload::emr_world(&input);
            let start = performance.now();
            let bytes = shardlab_sim::workload::emr_run(world);
            let seconds = (performance.now() - start) / 1_000.0;
            bytes as f64 / 1e6 / seconds.max(1e-6)
        })
        .collect();
    shardlab_sim::order::sort_by(&mut rates, f64::total_cmp);
    Some(rates[RUNS / 2])
}

/// Rows through the streaming SQL engine a second, median of `RUNS`: the native benchmark's
/// TUMBLE + COUNT(DISTINCT) over a million rows (`workload::SQL_QUERY`), the rows made before
/// the clock starts, as natively. Only in a build with the SQL engine.
#[cfg(feature = "analytics")]
fn sql_rate(performance: &web_sys::Performance) -> Option<f64> {
    const ROWS: usize = 1_000_000;
    let mut rates: Vec<f64> = (0..RUNS)
        .map(|_| {
            let rows = shardlab_sim::workload::sql_rows(ROWS);
            let start = performance.now();
            shardlab_sim::workload::sql_run(rows);
            let seconds = (performance.now() - start) / 1_000.0;
            ROWS as f64 / seconds.max(1e-6)
        })
        .collect();
    shardlab_sim::order::sort_by(&mut rates, f64::total_cmp);
    Some(rates[RUNS / 2])
}

#[cfg(all(feature = "emr", not(feature = "analytics")))]
fn sql_rate(_: &web_sys::Performance) -> Option<f64> {
    None
}

/// Runs of the fast-forward workload measured (each a virtual hour of a day's load).
#[cfg(feature = "emr")]
const FF_RUNS: usize = 3;

/// Virtual hours a wall second of the fast-forward workload (`workload::fast_forward_scenario`:
/// a 4-shard stream at full load with 24 h retention, a polling consumer and a KCL
/// application), median of `FF_RUNS` runs of one virtual hour, advanced a virtual minute at a
/// time as the page's frames would.
#[cfg(feature = "emr")]
fn ff_rate(performance: &web_sys::Performance) -> Option<f64> {
    use shardlab_sim::{workload, SimDuration, World};
    let mut rates = Vec::with_capacity(FF_RUNS);
    for _ in 0..FF_RUNS {
        let mut world = World::from_scenario(&workload::fast_forward_scenario()).ok()?;
        let start = performance.now();
        for _ in 0..60 {
            world.advance(SimDuration::from_secs(60));
        }
        rates.push(1.0 / ((performance.now() - start) / 1_000.0).max(1e-6));
    }
    shardlab_sim::order::sort_by(&mut rates, f64::total_cmp);
    Some(rates[FF_RUNS / 2])
}

/// Camera frames rendered and analysed for motion a second (160 × 120, a busy scene), median
/// of `RUNS`: what 4 cameras at 30 fps need 120 of. Only in a build with the video model.
#[cfg(feature = "video")]
fn video_rate(performance: &web_sys::Performance) -> Option<f64> {
    const FRAMES: u64 = 600;
    let mut rates: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = performance.now();
            let (frames, _) = shardlab_sim::workload::video_frames(FRAMES);
            let seconds = (performance.now() - start) / 1_000.0;
            frames as f64 / seconds.max(1e-6)
        })
        .collect();
    shardlab_sim::order::sort_by(&mut rates, f64::total_cmp);
    Some(rates[RUNS / 2])
}

#[cfg(all(feature = "emr", not(feature = "video")))]
fn video_rate(_: &web_sys::Performance) -> Option<f64> {
    None
}

/// The speeds the frame benchmark plays the pipeline at.
pub const FRAME_SPEEDS: [u32; 3] = [1, 60, 3_600];

/// Mounts the page on the benchmark pipeline at each speed in turn and measures the work
/// each frame does: from the start of the frame (its animation-frame callbacks, the app's
/// among them) to the first task after it, which runs once the browser has done the
/// frame's style, layout and paint. Unlike the interval between frames (16.7 ms at 60 Hz
/// whatever the work), this shows how much of a frame the page leaves free.
#[cfg(feature = "emr")]
pub fn run_frames(root: web_sys::Element) {
    run_frames_of(root, shardlab_sim::workload::canvas_scenario(), &FRAME_SPEEDS, FRAMES_RESULT_ID);
}

/// The frame measure of the page playing video (`FRAMES_VIDEO_ROUTE`).
#[cfg(feature = "video")]
pub fn run_video_frames(root: web_sys::Element) {
    let doc = shardlab_sim::lessons::video_retention();
    run_frames_of(root, doc, &VIDEO_FRAME_SPEEDS, FRAMES_VIDEO_RESULT_ID);
}

#[cfg(feature = "emr")]
fn run_frames_of(root: web_sys::Element, doc: shardlab_sim::Scenario, speeds: &'static [u32], result_id: &'static str) {
    wasm_bindgen_futures::spawn_local(async move {
        let doc = std::rc::Rc::new(doc);
        let mut results = Vec::new();
        for &speed in speeds {
            let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
            let Ok(slot) = document.create_element("div") else { return };
            let _ = root.append_child(&slot);
            // Registered before the app mounts, so this callback runs first in each frame.
            let mut frame = next_frame();
            let app = yew::Renderer::<crate::app::App>::with_root_and_props(
                slot.clone(),
                crate::app::AppProps { bench: Some((doc.clone(), speed)), embed: None },
            )
            .render();
            let performance = web_sys::window().and_then(|w| w.performance()).expect("browsers have performance.now");
            // Fewer frames at 3,600×: each simulates a minute or more, and the page keeps every
            // record of its retention period — 5,400 a second here, about 100 bytes each. 80
            // frames (the earlier count) would hold some 26 M records, over 2 GB of the wasm
            // heap's 4 GiB; the figures measured that way (0.4 ms a frame) came from a page
            // whose clock had stopped, which `virtual_s` below now shows.
            let (warmup, measured) = if speed >= 3_600 { (5, 20) } else { (WARMUP_FRAMES, MEASURED_FRAMES) };
            let mut work = Vec::with_capacity(measured);
            let mut clock_from = 0.0;
            let (mut draws_from, mut wall_from) = (0, 0.0);
            for i in 0..warmup + measured {
                let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
                if i == warmup {
                    clock_from = virtual_micros(&document);
                    (draws_from, wall_from) = (crate::components::component_state::draws(), performance.now());
                }
                let start = performance.now();
                frame = next_frame();
                let _ = wasm_bindgen_futures::JsFuture::from(next_task()).await;
                if i >= warmup {
                    work.push(performance.now() - start);
                }
            }
            // The virtual time each measured frame advanced: a page that stopped (a trap, a
            // stall) shows here as 0 instead of as cheap frames.
            let virtual_s = (virtual_micros(&document) - clock_from) / 1e6 / measured as f64;
            // How often the selected stream's inspector was drawn, per second of wall time.
            let draws = crate::components::component_state::draws() - draws_from;
            let draws_per_s = draws as f64 / ((performance.now() - wall_from) / 1_000.0).max(1e-3);
            let dots = document
                .query_selector(".canvas-records")
                .ok()
                .flatten()
                .and_then(|c| c.get_attribute("data-dots"))
                .unwrap_or_default();
            app.destroy();
            slot.remove();
            let p50 = quantile(&mut work, 0.5);
            let p95 = quantile(&mut work, 0.95);
            results.push((speed, p50, p95, dots, virtual_s, draws_per_s));
        }
        report_frames(&results, result_id);
    });
}

/// Runs the page at `FF_PAGE_SPEED` on the fast-forward workload (`FF_PAGE_ROUTE`).
#[cfg(feature = "emr")]
pub fn run_ff_page(root: web_sys::Element) {
    let doc = shardlab_sim::workload::fast_forward_scenario();
    let until = (FF_PAGE_HOURS * 3_600.0, FF_PAGE_WALL_LIMIT_S);
    run_page(root, (doc, FF_PAGE_SPEED), until, FF_PAGE_RESULT_ID);
}

/// Runs the page at 1× on the heaviest load (`HEAVIEST_PAGE_ROUTE`).
#[cfg(feature = "emr")]
pub fn run_heaviest_page(root: web_sys::Element) {
    let until = (HEAVIEST_PAGE_SECONDS, HEAVIEST_PAGE_WALL_LIMIT_S);
    run_page(root, (shardlab_sim::workload::heaviest_scenario(), 1), until, HEAVIEST_PAGE_RESULT_ID);
}

/// The wall time a page run runs before it is measured, in ms: V8 first runs the wasm as
/// its baseline compiler made it and moves the busy functions to its optimizing one over
/// the first frames, while the run loop learns what a slice of the world costs. At 3,600×
/// the first frames dropped 2 to 4 virtual minutes, half a percent of a 25 s run.
#[cfg(feature = "emr")]
const PAGE_WARM_UP_MS: f64 = 1_000.0;

/// Runs the page on `doc` at `speed`, frame after frame as a learner's tab would, until its
/// clock shows `until.0` virtual seconds or `until.1` wall seconds have passed, and reports
/// into `<output id=result_id>` the virtual seconds its clock achieved a wall second and the
/// memory it holds at the end: the wasm heap (linear memory never shrinks, so this is its
/// peak) and, where Chromium tells it, the JavaScript heap.
#[cfg(feature = "emr")]
fn run_page(
    root: web_sys::Element,
    (doc, speed): (shardlab_sim::Scenario, u32),
    until: (f64, f64),
    result_id: &'static str,
) {
    wasm_bindgen_futures::spawn_local(async move {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        let Some(performance) = web_sys::window().and_then(|w| w.performance()) else { return };
        let props = crate::app::AppProps { bench: Some((std::rc::Rc::new(doc), speed)), embed: None };
        let _app = yew::Renderer::<crate::app::App>::with_root_and_props(root, props).render();
        let _ = wasm_bindgen_futures::JsFuture::from(next_frame()).await;
        let started = performance.now();
        while performance.now() - started < PAGE_WARM_UP_MS {
            let _ = wasm_bindgen_futures::JsFuture::from(next_frame()).await;
        }
        let (clock_from, wall_from) = (virtual_micros(&document), performance.now());
        let seconds = |micros: f64| micros / 1e6;
        let mut frames = 0u32;
        loop {
            let _ = wasm_bindgen_futures::JsFuture::from(next_frame()).await;
            frames += 1;
            let wall_s = (performance.now() - wall_from) / 1_000.0;
            if seconds(virtual_micros(&document)) >= until.0 || wall_s >= until.1 {
                break;
            }
        }
        let virtual_s = seconds(virtual_micros(&document));
        let wall_s = (performance.now() - wall_from) / 1_000.0;
        let rate = seconds(virtual_micros(&document) - clock_from) / wall_s.max(1e-3);
        let mb = |bytes: f64| bytes / (1024.0 * 1024.0);
        let wasm_mb = mb(wasm_bindgen::memory()
            .unchecked_into::<js_sys::WebAssembly::Memory>()
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length() as f64);
        // `performance.memory` is Chromium's own (no standard, so not in web-sys).
        let js_mb = js_sys::Reflect::get(&performance, &"memory".into())
            .and_then(|m| js_sys::Reflect::get(&m, &"usedJSHeapSize".into()))
            .ok()
            .and_then(|v| v.as_f64())
            .map_or(0.0, mb);
        let Ok(output) = document.create_element("output") else { return };
        output.set_id(result_id);
        let _ = output.set_attribute("data-virtual-s", &format!("{virtual_s:.3}"));
        let _ = output.set_attribute("data-virtual-s-per-s", &format!("{rate:.4}"));
        let frames_per_s = frames as f64 / wall_s.max(1e-3);
        let _ = output.set_attribute("data-frames-per-s", &format!("{frames_per_s:.1}"));
        let _ = output.set_attribute("data-wasm-mb", &format!("{wasm_mb:.0}"));
        let _ = output.set_attribute("data-js-heap-mb", &format!("{js_mb:.0}"));
        output.set_text_content(Some(&format!(
            "{virtual_s:.1} virtual s in {wall_s:.1} s at {speed}×: {rate:.3} virtual s a wall second, {frames_per_s:.1} frames a second; wasm heap {wasm_mb:.0} MB, JavaScript heap {js_mb:.0} MB"
        )));
        if let Some(body) = document.body() {
            let _ = body.append_child(output.unchecked_ref());
        }
    });
}

#[cfg(feature = "emr")]
/// A promise kept by the next task: it runs once the current frame is rendered.
fn next_task() -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    })
}

#[cfg(feature = "emr")]
/// A promise of the next animation frame's timestamp.
fn next_frame() -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(&resolve);
        }
    })
}

#[cfg(feature = "emr")]
/// The `q` quantile (0..1) of `values` (sorted in place).
pub fn quantile(values: &mut Vec<f64>, q: f64) -> f64 {
    shardlab_sim::order::sort_by(values, f64::total_cmp);
    let i = ((values.len() as f64 - 1.0) * q).round() as usize;
    values.get(i).copied().unwrap_or(0.0)
}

#[cfg(feature = "emr")]
/// The page's virtual clock, in microseconds (the clock's `data-micros`).
fn virtual_micros(document: &web_sys::Document) -> f64 {
    document
        .query_selector(".clock")
        .ok()
        .flatten()
        .and_then(|c| c.get_attribute("data-micros"))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

#[cfg(feature = "emr")]
fn report_frames(results: &[(u32, f64, f64, String, f64, f64)], result_id: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(output) = document.create_element("output") else { return };
    output.set_id(result_id);
    let mut text = Vec::new();
    for (speed, p50, p95, dots, virtual_s, draws_per_s) in results {
        let _ = output.set_attribute(&format!("data-inspector-draws-{speed}"), &format!("{draws_per_s:.2}"));
        let _ = output.set_attribute(&format!("data-virtual-s-{speed}"), &format!("{virtual_s:.3}"));
        let _ = output.set_attribute(&format!("data-work-p50-{speed}"), &format!("{p50:.2}"));
        let _ = output.set_attribute(&format!("data-work-p95-{speed}"), &format!("{p95:.2}"));
        let _ = output.set_attribute(&format!("data-dots-{speed}"), dots);
        text.push(format!(
            "{speed}×: frame work p50 {p50:.2} ms, p95 {p95:.2} ms, {dots} records in flight, {virtual_s:.3} virtual s a frame, inspector drawn {draws_per_s:.1} times a second"
        ));
    }
    output.set_text_content(Some(&text.join("; ")));
    if let Some(body) = document.body() {
        let _ = body.append_child(output.unchecked_ref());
    }
}
