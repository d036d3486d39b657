//! `index.html#/bench`: the simulation benchmark run inside the browser, for
//! `cargo xtask bench`. It runs the same workload as the native criterion benchmark
//! (`shardlab_sim::workload`) and writes the figure into `<output id="bench-result">`.
//! Not linked from the page: it is a measuring instrument, not a feature.

use wasm_bindgen::JsCast;

pub const ROUTE: &str = "#/bench";
/// `index.html#/bench-frames`: the page itself running a 10-component pipeline, its frame
/// times measured over a few seconds into `<output id="frame-result">`.
pub const FRAMES_ROUTE: &str = "#/bench-frames";
pub const FRAMES_RESULT_ID: &str = "frame-result";
/// Frames skipped while the page settles, then frames measured.
const WARMUP_FRAMES: usize = 60;
const MEASURED_FRAMES: usize = 300;
/// Virtual speed of the frame benchmark: enough samples to keep ~2,000 dots in flight.
const FRAMES_SPEED: u32 = 10;
pub const RESULT_ID: &str = "bench-result";
/// Runs measured; the median is reported (the first run also warms the JIT and allocator).
const RUNS: usize = 7;

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
    rates.sort_by(f64::total_cmp);
    let median = rates[RUNS / 2];
    let emr_median = emr_rate(&performance);
    let document = web_sys::window().and_then(|w| w.document()).expect("a page");
    let Ok(output) = document.create_element("output") else { return };
    output.set_id(RESULT_ID);
    let _ = output.set_attribute("data-records-per-s", &format!("{median:.0}"));
    let mut text = format!("sim_records_per_s_wasm: {median:.0} records/s");
    if let Some(emr) = emr_median {
        let _ = output.set_attribute("data-emr-mb-per-s", &format!("{emr:.1}"));
        text += &format!(", emr_wordcount_mb_per_s_wasm: {emr:.1} MB/s");
    }
    output.set_text_content(Some(&format!("{text} (medians of {RUNS})")));
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
    rates.sort_by(f64::total_cmp);
    Some(rates[RUNS / 2])
}

#[cfg(not(feature = "emr"))]
fn emr_rate(_: &web_sys::Performance) -> Option<f64> {
    None
}

/// Mounts the page on the benchmark pipeline, playing, and measures its frames.
pub fn run_frames(root: web_sys::Element) {
    let doc = std::rc::Rc::new(shardlab_sim::workload::canvas_scenario());
    yew::Renderer::<crate::app::App>::with_root_and_props(
        root,
        crate::app::AppProps { bench: Some((doc, FRAMES_SPEED)) },
    )
    .render();
    measure_frames(Vec::with_capacity(WARMUP_FRAMES + MEASURED_FRAMES + 1));
}

fn measure_frames(mut stamps: Vec<f64>) {
    let frame = gloo::render::request_animation_frame(move |t| {
        stamps.push(t);
        if stamps.len() > WARMUP_FRAMES + MEASURED_FRAMES {
            report_frames(&stamps[WARMUP_FRAMES..]);
        } else {
            measure_frames(stamps);
        }
    });
    // The next frame's callback holds everything it needs; the handle must outlive this call.
    std::mem::forget(frame);
}

/// The `q` quantile (0..1) of `values` (sorted in place).
pub fn quantile(values: &mut [f64], q: f64) -> f64 {
    values.sort_by(f64::total_cmp);
    let i = ((values.len() as f64 - 1.0) * q).round() as usize;
    values.get(i).copied().unwrap_or(0.0)
}

fn report_frames(stamps: &[f64]) {
    let mut deltas: Vec<f64> = stamps.windows(2).map(|w| w[1] - w[0]).collect();
    let p50 = quantile(&mut deltas, 0.5);
    let p95 = quantile(&mut deltas, 0.95);
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let dots = document
        .query_selector(".canvas-records")
        .ok()
        .flatten()
        .and_then(|c| c.get_attribute("data-dots"))
        .unwrap_or_default();
    let Ok(output) = document.create_element("output") else { return };
    output.set_id(FRAMES_RESULT_ID);
    let _ = output.set_attribute("data-p50", &format!("{p50:.2}"));
    let _ = output.set_attribute("data-p95", &format!("{p95:.2}"));
    let _ = output.set_attribute("data-dots", &dots);
    output.set_text_content(Some(&format!(
        "frame_ms_p50: {p50:.2} ms, frame_ms_p95: {p95:.2} ms, {dots} records in flight"
    )));
    if let Some(body) = document.body() {
        let _ = body.append_child(output.unchecked_ref());
    }
}
