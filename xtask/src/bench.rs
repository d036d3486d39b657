//! `cargo xtask bench`: the measured figures, one a line as `name: value unit`, and the same
//! in `target/bench.json` as `{"name": {"value": v, "unit": "u"}}`.

use crate::cmd::{self, root, Result};
use crate::dist;
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;
use std::path::Path;

pub struct Figures(Vec<(String, f64, &'static str)>);

impl Figures {
    fn add(&mut self, name: impl Into<String>, value: f64, unit: &'static str) {
        let name = name.into();
        println!("{name}: {value} {unit}");
        self.0.push((name, value, unit));
    }

    fn write(&self, path: &Path) -> Result {
        let mut json = serde_json::Map::new();
        for (name, value, unit) in &self.0 {
            json.insert(name.clone(), serde_json::json!({ "value": value, "unit": unit }));
        }
        let text = serde_json::to_string_pretty(&json).expect("figures serialize");
        std::fs::write(path, text + "\n").map_err(|e| format!("cannot write {}: {e}", path.display()))
    }
}

pub fn run() -> Result {
    let dist = dist::build()?;
    crate::tools::chromium()?;
    let mut figures = Figures(Vec::new());
    dist_sizes(&dist, &mut figures)?;
    // glibc hands large freed buffers back to the kernel, so each benchmark run of a fresh
    // world page-faults its ~50 MB of records in again; wasm's allocator (and a page that runs
    // one world) keeps its memory. The main figure is measured with glibc's thresholds raised
    // so it measures the simulation; the default-allocator figure is printed beside it.
    let default_malloc = native_throughput(None)?;
    figures.add("sim_records_per_s_native_default_malloc", default_malloc.round(), "records/s");
    let native = native_throughput(Some(GLIBC_KEEP_MEMORY))?;
    figures.add("sim_records_per_s_native", native.round(), "records/s");
    let emr_native = criterion_rate("emr/wordcount", "Bytes")? / 1e6;
    // A TUMBLE and a COUNT(DISTINCT) over a million rows (`workload::SQL_QUERY`).
    let sql_native = criterion_rate("sql/tumble_count_distinct", "Elements")?;
    figures.add("sql_rows_per_s_native", sql_native.round(), "rows/s");
    // One replay a run: its rate's inverse is the time a reload takes to bring back a
    // learner's virtual hour (the journal of sixty rate changes, a split and twelve puts).
    let replay_ms = 1_000.0 / criterion_rate("journal/replay_hour", "Elements")?;
    figures.add("journal_replay_ms_one_virtual_hour_native", replay_ms.round(), "ms");
    // A day of a 4-shard stream at full load (`workload::fast_forward_scenario`), natively:
    // virtual hours a wall second, and the process's peak memory over the whole day.
    let ff = fast_forward_native(&["24"])?;
    figures.add(
        "ff_virtual_hours_per_s_native",
        (ff("ff_virtual_hours_per_s_native")? * 1000.0).round() / 1000.0,
        "h/s",
    );
    figures.add("ff_peak_memory_mb_native", ff("ff_peak_memory_mb_native")?.round(), "MB");
    // The same day delivered to S3 by Firehose (`workload::fast_forward_to_s3_scenario`):
    // the bytes its objects hold in memory for each record they keep, and the peak memory.
    let to_s3 = fast_forward_native(&["s3", "24"])?;
    let per_record = to_s3("ff_s3_object_held_mb")? * 1e6 / to_s3("ff_s3_records_delivered")?;
    figures.add("ff_s3_object_held_bytes_per_record_native", (per_record * 100.0).round() / 100.0, "B");
    figures.add("ff_s3_object_data_gb_native", (to_s3("ff_s3_object_mb")? / 1e3 * 10.0).round() / 10.0, "GB");
    figures.add("ff_s3_peak_memory_mb_native", to_s3("ff_s3_peak_memory_mb_native")?.round(), "MB");
    figures.add(
        "ff_s3_virtual_hours_per_s_native",
        (to_s3("ff_s3_virtual_hours_per_s_native")? * 1000.0).round() / 1000.0,
        "h/s",
    );
    // The heaviest load the settings allow (a million records a second at a hot key into 2
    // shards): the wall time of 10 virtual seconds.
    let heaviest = fast_forward_native(&["heaviest", "10"])?;
    figures.add("heaviest_wall_s_native_10_virtual_s", heaviest("heaviest_wall_s")?, "s");
    let (wasm, emr_wasm, sql_wasm, video_wasm, ff_wasm) = wasm_throughput()?;
    figures.add("ff_virtual_hours_per_s_wasm", (ff_wasm * 1000.0).round() / 1000.0, "h/s");
    // The page itself on the same workload at 3,600× until its clock shows 25 virtual hours
    // (`#/bench-ff-page`): the speed its clock achieved, and the tab's memory then.
    let page = page_run("#/bench-ff-page", "ff-page-result", "the page's fast-forward benchmark")?;
    let hours = |s: f64| (s / 3_600.0 * 1000.0).round() / 1000.0;
    figures.add("ff_page_virtual_hours_reached[3600x]", hours(page.virtual_s), "h");
    figures.add("ff_page_virtual_hours_per_s[3600x]", hours(page.virtual_s_per_s), "h/s");
    figures.add("ff_page_frames_per_s[3600x]", page.frames_per_s, "/s");
    figures.add("ff_page_wasm_memory_mb[3600x]", page.wasm_mb, "MB");
    figures.add("ff_page_js_heap_mb[3600x]", page.js_heap_mb, "MB");
    // The page at 1× on the heaviest load (`#/bench-heaviest-page`) for 20 virtual seconds:
    // the speed its clock achieved (1 keeps up).
    let heaviest_page =
        page_run("#/bench-heaviest-page", "heaviest-page-result", "the page's heaviest-load benchmark")?;
    figures.add("heaviest_page_speed[1x]", (heaviest_page.virtual_s_per_s * 1000.0).round() / 1000.0, "x");
    figures.add("heaviest_page_frames_per_s[1x]", heaviest_page.frames_per_s, "/s");
    // A camera's frames rendered and analysed for motion (`workload::video_frames`): 4 cameras
    // at 30 fps need 120 a second.
    let video_native = criterion_rate("video/render_and_detect", "Elements")?;
    figures.add("video_frames_per_s_native", video_native.round(), "frames/s");
    figures.add("video_frames_per_s_wasm", video_wasm.round(), "frames/s");
    figures.add("sql_rows_per_s_wasm", sql_wasm.round(), "rows/s");
    figures.add("sql_wasm_native_ratio", (sql_wasm / sql_native * 1000.0).round() / 1000.0, "x");
    figures.add("sql_engine_gzip", sql_engine_gzip(&dist)?, "KB");
    figures.add("sim_records_per_s_wasm", wasm.round(), "records/s");
    figures.add("sim_wasm_native_ratio", (wasm / native * 1000.0).round() / 1000.0, "x");
    let tenth = |x: f64| (x * 10.0).round() / 10.0;
    figures.add("emr_wordcount_mb_per_s_native", tenth(emr_native), "MB/s");
    figures.add("emr_wordcount_mb_per_s_wasm", tenth(emr_wasm), "MB/s");
    figures.add("emr_wasm_native_ratio", (emr_wasm / emr_native * 1000.0).round() / 1000.0, "x");
    for (speed, p50, p95, _, _, _) in video_frame_work()? {
        figures.add(format!("video_frame_work_ms_p50[{speed}x]"), p50, "ms");
        figures.add(format!("video_frame_work_ms_p95[{speed}x]"), p95, "ms");
    }
    for (speed, p50, p95, dots, virtual_s, inspector_draws) in frame_work()? {
        figures.add(format!("inspector_redraws_per_s[{speed}x]"), inspector_draws, "/s");
        figures.add(format!("frame_work_ms_p50[{speed}x]"), p50, "ms");
        figures.add(format!("frame_work_ms_p95[{speed}x]"), p95, "ms");
        figures.add(format!("frame_records_in_flight[{speed}x]"), dots, "records");
        figures.add(format!("frame_virtual_s_per_frame[{speed}x]"), virtual_s, "s");
        // A frame advances the clock by what its budget allows (`pace`), at most its wall
        // time times the speed: a clock that does not advance at all means the page stopped,
        // and its frame figures measure nothing.
        if virtual_s <= 0.0 {
            return Err(format!(
                "at {speed}× the page's clock did not advance: it stopped (trapped?), so its frame figures are void"
            ));
        }
    }
    let out = root().join("target/bench.json");
    figures.write(&out)?;
    eprintln!("wrote {}", out.display());
    Ok(())
}

/// The most the page's first load may download (gzip).
const FIRST_LOAD_BUDGET_KB: f64 = 600.0;

/// Gzip size (level 9, as a server would send it) of each file in `dist/`, and what opening
/// the page downloads: every file but the one-file copy `shardlab.html`, the script engine,
/// which the page fetches only when a delivery stream first has a transform, the AWS
/// CLI, fetched when the console first opens, and the Learn panel, fetched when it first
/// opens. The first load must stay within 600 KB.
fn dist_sizes(dist: &Path, figures: &mut Figures) -> Result {
    let mut names: Vec<String> = std::fs::read_dir(dist)
        .map_err(|e| format!("cannot read {}: {e}", dist.display()))?
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let (mut page, mut engine, mut full, mut cli, mut course, mut single) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    for name in names {
        let bytes = std::fs::read(dist.join(&name)).map_err(|e| format!("cannot read dist/{name}: {e}"))?;
        let kb = gzip_len(&bytes) as f64 / 1000.0;
        figures.add(format!("dist_gzip[{name}]"), kb, "KB");
        if name.starts_with(dist::SCRIPT_ENGINE.out_name) {
            engine += kb;
        } else if name.starts_with(dist::CLI.out_name) {
            cli += kb;
        } else if name.starts_with(dist::COURSE.out_name) {
            course += kb;
        } else if name.starts_with(dist::FULL_PAGE.out_name) {
            full += kb;
        } else if name == "shardlab.html" {
            single = kb;
        } else {
            page += kb;
        }
    }
    let tenth = |kb: f64| (kb * 10.0).round() / 10.0;
    figures.add("dist_gzip_total", tenth(page), "KB");
    figures.add("script_engine_gzip", tenth(engine), "KB");
    figures.add("dist_gzip_total_with_script_engine", tenth(page + engine), "KB");
    // What a learner who opens EMR or DynamoDB fetches instead of the first load's build.
    figures.add("full_model_gzip", tenth(full), "KB");
    figures.add("aws_cli_gzip", tenth(cli), "KB");
    // The Learn panel with the lessons' and the quiz bank's texts.
    figures.add("learn_panel_gzip", tenth(course), "KB");
    // The offline file, every module inlined: what a learner downloads to practise offline.
    figures.add("single_file_gzip", tenth(single), "KB");
    if page > FIRST_LOAD_BUDGET_KB {
        return Err(format!(
            "the first load is {page:.1} KB gzip, over its {FIRST_LOAD_BUDGET_KB} KB budget: fetch more on demand"
        ));
    }
    Ok(())
}

/// What the streaming SQL engine adds to the build that has it (KB gzip): the full build as
/// `dist/` has it, less the same build without the `analytics` feature (built here, beside it).
fn sql_engine_gzip(dist: &Path) -> Result<f64> {
    let with = std::fs::read(dist.join(format!("{}_bg.wasm", dist::FULL_PAGE.out_name)))
        .map_err(|e| format!("cannot read the full build: {e}"))?;
    let out = root().join("target/bench-without-sql");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot make {}: {e}", out.display()))?;
    dist::build_wasm(&dist::FULL_PAGE_WITHOUT_SQL, &out)?;
    let without = std::fs::read(out.join(format!("{}_bg.wasm", dist::FULL_PAGE_WITHOUT_SQL.out_name)))
        .map_err(|e| format!("cannot read the build without the SQL engine: {e}"))?;
    let kb = (gzip_len(&with) as f64 - gzip_len(&without) as f64) / 1000.0;
    Ok((kb * 10.0).round() / 10.0)
}

/// glibc settings that keep freed memory in the process, as wasm's allocator does.
const GLIBC_KEEP_MEMORY: &str = "glibc.malloc.mmap_threshold=4294967296:glibc.malloc.trim_threshold=4294967296";

/// Simulated records per second natively: criterion's mean time for the workload of
/// `shardlab_sim::workload`, and the records one run simulates (criterion's throughput).
fn native_throughput(glibc_tunables: Option<&str>) -> Result<f64> {
    let mut bench = cmd::cargo();
    bench.args(["bench", "-p", "shardlab-sim", "--bench", "throughput"]);
    if let Some(tunables) = glibc_tunables {
        bench.env("GLIBC_TUNABLES", tunables);
    }
    cmd::run(&mut bench)?;
    criterion_rate("sim/throughput", "Elements")
}

/// The fast_forward example run natively with `args` (`24`: the fast-forward workload for 24
/// virtual hours; `s3 24`: the same delivered to S3 by Firehose; `heaviest 10`: the heaviest
/// load for 10 virtual seconds), built as the
/// native benchmarks are (`--profile bench`). Returns a reader of the figures it printed
/// (`name: value unit`). It fails if the run's books do not balance.
fn fast_forward_native(args: &[&str]) -> Result<impl Fn(&str) -> Result<f64>> {
    let mut run = cmd::cargo();
    run.args(["run", "--profile", "bench", "-p", "shardlab-sim", "--example", "fast_forward", "--"]).args(args);
    eprintln!("$ {}", cmd::describe(&run));
    let out = cmd::output(&mut run).ok_or("the fast-forward example failed (or its books did not balance)")?;
    Ok(move |name: &str| -> Result<f64> {
        out.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(": ")?.split(' ').next()?.parse().ok())
            .ok_or_else(|| format!("the fast-forward example printed no {name}: {out}"))
    })
}

/// Units (`Elements` or `Bytes`) per second of the criterion benchmark `id` (group/name):
/// its throughput over its mean time, from target/criterion/ID/new.
fn criterion_rate(id: &str, unit: &str) -> Result<f64> {
    let dir = root().join("target/criterion").join(id).join("new");
    let read = |name: &str| -> Result<serde_json::Value> {
        let text =
            std::fs::read_to_string(dir.join(name)).map_err(|e| format!("cannot read criterion's {id}/{name}: {e}"))?;
        serde_json::from_str(&text).map_err(|e| format!("criterion's {name} is not JSON: {e}"))
    };
    let mean_ns =
        read("estimates.json")?["mean"]["point_estimate"].as_f64().ok_or("no mean in criterion's estimates")?;
    let amount =
        read("benchmark.json")?["throughput"][unit].as_f64().ok_or("no throughput in criterion's benchmark")?;
    Ok(amount / (mean_ns / 1e9))
}

/// The same workloads in headless Chromium: `index.html#/bench` (which starts the build with
/// every service's model) runs them and writes the median rates into
/// `<output id="bench-result">`: records/s, and the EMR word count's MB/s.
fn wasm_throughput() -> Result<(f64, f64, f64, f64, f64)> {
    let url = shardlab_e2e::serve_dist();
    let browser = shardlab_e2e::Browser::start();
    browser.goto(&format!("{url}#/bench"));
    let rates = browser.wait_for("the in-browser benchmark to finish", || {
        let el = browser.find_all("#bench-result").into_iter().next()?;
        let number = |name: &str| browser.attribute(&el, name).and_then(|v| v.parse::<f64>().ok());
        Some((
            number("data-records-per-s")?,
            number("data-emr-mb-per-s")?,
            number("data-sql-rows-per-s")?,
            number("data-video-frames-per-s")?,
            number("data-ff-hours-per-s")?,
        ))
    });
    Ok(rates)
}

/// What a page benchmark run (`bench_page::run_page`) reports.
struct PageRun {
    virtual_s: f64,
    virtual_s_per_s: f64,
    frames_per_s: f64,
    wasm_mb: f64,
    js_heap_mb: f64,
}

/// Opens `route` of the full build in headless Chromium and reads what the page benchmark
/// there reports into `<output id=result_id>`.
fn page_run(route: &str, result_id: &str, what: &str) -> Result<PageRun> {
    let url = shardlab_e2e::serve_dist();
    let browser = shardlab_e2e::Browser::start();
    browser.goto(&format!("{url}{route}"));
    let selector = format!("#{result_id}");
    wait_long(&browser, &selector, 7, what)?;
    Ok(browser.wait_for(what, || {
        let el = browser.find_all(&selector).into_iter().next()?;
        let number = |name: &str| browser.attribute(&el, name).and_then(|v| v.parse::<f64>().ok());
        Some(PageRun {
            virtual_s: number("data-virtual-s")?,
            virtual_s_per_s: number("data-virtual-s-per-s")?,
            frames_per_s: number("data-frames-per-s")?,
            wasm_mb: number("data-wasm-mb")?,
            js_heap_mb: number("data-js-heap-mb")?,
        })
    }))
}

/// Waits up to `minutes` for `selector` to appear: a benchmark that runs far longer than a
/// browser test's patience.
fn wait_long(browser: &shardlab_e2e::Browser, selector: &str, minutes: u64, what: &str) -> Result<()> {
    let started = std::time::Instant::now();
    while browser.find_all(selector).is_empty() {
        if started.elapsed() > std::time::Duration::from_secs(minutes * 60) {
            return Err(format!("{what} did not finish in {minutes} minutes"));
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    Ok(())
}

/// The work of each frame (script, style, layout and paint: from the frame's start to the
/// first task after it) of the page running a 10-component pipeline at 1×, 60× and 3,600×
/// in headless Chromium (`index.html#/bench-frames`, which starts the full build: the same page
/// and Kinesis model as the first load), and the records in flight on the canvas.
/// One speed's frame figures: (speed, work p50 ms, work p95 ms, records in flight, virtual
/// seconds a frame, the selected stream's inspector drawn per second).
type FrameFigures = (u32, f64, f64, f64, f64, f64);

fn frame_work() -> Result<Vec<FrameFigures>> {
    frame_work_of("#/bench-frames", "frame-result", &[1, 60, 3_600])
}

/// The same figures for the page playing video: the `video-retention` lesson in the full
/// build, the live viewer's frames drawn in the inspector, at 1×, 60× and 600×.
fn video_frame_work() -> Result<Vec<FrameFigures>> {
    frame_work_of("#/bench-frames-video", "frame-video-result", &[1, 60, 600])
}

fn frame_work_of(route: &str, result_id: &str, speeds: &[u32]) -> Result<Vec<FrameFigures>> {
    let url = shardlab_e2e::serve_dist();
    let browser = shardlab_e2e::Browser::start();
    browser.goto(&format!("{url}{route}"));
    // At 3,600× a frame simulates minutes and the page holds millions of records: the run
    // takes far longer than a browser test's patience, so this polls for up to 10 minutes.
    let selector = format!("#{result_id}");
    wait_long(&browser, &selector, 10, "the frame benchmark")?;
    Ok(browser.wait_for("the frame benchmark's figures", || {
        let el = browser.find_all(&selector).into_iter().next()?;
        let number = |name: String| browser.attribute(&el, &name).and_then(|v| v.parse::<f64>().ok());
        speeds
            .iter()
            .map(|&speed| {
                Some((
                    speed,
                    number(format!("data-work-p50-{speed}"))?,
                    number(format!("data-work-p95-{speed}"))?,
                    number(format!("data-dots-{speed}"))?,
                    number(format!("data-virtual-s-{speed}"))?,
                    number(format!("data-inspector-draws-{speed}"))?,
                ))
            })
            .collect::<Option<Vec<_>>>()
    }))
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    gz.write_all(bytes).expect("writing to memory cannot fail");
    gz.finish().expect("writing to memory cannot fail").len()
}
