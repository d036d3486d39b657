//! `index.html#/bench`: the simulation benchmark run inside the browser, for
//! `cargo xtask bench`. It runs the same workload as the native criterion benchmark
//! (`shardlab_sim::workload`) and writes the figure into `<output id="bench-result">`.
//! Not linked from the page: it is a measuring instrument, not a feature.

use wasm_bindgen::JsCast;

pub const ROUTE: &str = "#/bench";
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
    let document = web_sys::window().and_then(|w| w.document()).expect("a page");
    let Ok(output) = document.create_element("output") else { return };
    output.set_id(RESULT_ID);
    let _ = output.set_attribute("data-records-per-s", &format!("{median:.0}"));
    output.set_text_content(Some(&format!("sim_records_per_s_wasm: {median:.0} records/s (median of {RUNS})")));
    let _ = root.append_child(output.unchecked_ref());
}
