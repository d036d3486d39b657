//! Every lesson's challenge failed and then passed in headless Chromium, driven as a new user
//! drives it: the Learn panel opens the lesson's scenario, the learner starts the challenge,
//! runs the clock, reads why it failed, changes the pipeline with the inspector, the canvas,
//! the palette or the Run button, and tries again until the simulation says it passed.

use shardlab_e2e::{serve_dist, Browser};
use std::time::Duration;

/// Opens lesson `title` from the Learn panel and its scenario on the canvas.
fn open_lesson(browser: &Browser, title: &str) {
    if browser.find_all(".learn-panel:not([hidden])").is_empty() {
        browser.click(&browser.by_role("button", "Learn"));
    }
    if browser.learn_panel_text().contains("← All lessons") {
        browser.click(&browser.by_role("button", "← All lessons"));
    }
    browser.click(&browser.by_role("button", title));
    browser.click(&browser.by_role("button", "Open the lesson's scenario"));
}

fn set_speed(browser: &Browser, label: &str) {
    browser.select_option(&browser.by_role("combobox", "Speed"), label);
}

fn play(browser: &Browser) {
    browser.click(&browser.by_role("button", "Play"));
}

fn pause(browser: &Browser) {
    browser.click(&browser.by_role("button", "Pause"));
}

/// Presses "Start the challenge" (or "Try again") and waits for the verdict with the clock
/// running at `speed`; returns the panel's text. The clock is paused after.
fn attempt(browser: &Browser, speed: &str, expect_pass: bool, because: &str) -> String {
    let start = browser.wait_for("a way to start the attempt", || {
        browser
            .all_by_role("button", "Try again")
            .pop()
            .or_else(|| browser.all_by_role("button", "Start the challenge").pop())
    });
    browser.click(&start);
    set_speed(browser, speed);
    if browser.all_by_role("button", "Play").len() == 1 {
        play(browser);
    }
    let text = browser.wait_for("the verdict", || {
        let t = browser.learn_panel_text();
        (t.contains("\nPassed\n") || t.contains("Not passed")).then_some(t)
    });
    pause(browser);
    assert_eq!(text.contains("\nPassed\n"), expect_pass, "{text}");
    assert!(text.contains(because), "the verdict says '{because}': {text}");
    text
}

/// The verdict's "Show on the canvas" (the last one: a step has its own).
fn show_what_failed(browser: &Browser) {
    let show = browser.all_by_role("button", "Show on the canvas").pop().expect("the verdict points at a component");
    browser.click(&show);
}

/// Lets the clock run for `real_ms` milliseconds of the browser's time, then pauses it.
fn let_run(browser: &Browser, real_ms: u64) {
    play(browser);
    std::thread::sleep(Duration::from_millis(real_ms));
    pause(browser);
}

#[test]
fn what_is_kinesis_and_the_hot_shard() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    open_lesson(&browser, "What Kinesis is");
    attempt(&browser, "10×", false, "The dashboard read too few records");
    browser.wire("telemetry", "Dashboard");
    attempt(&browser, "10×", true, "That is Kinesis Data Streams");

    open_lesson(&browser, "The hot shard");
    attempt(&browser, "10×", false, "Writes were still throttled");
    browser.click(&browser.by_role("button", "Next"));
    browser.click(&browser.by_role("button", "Next"));
    browser.wait_for_inspector("Partition keys");
    browser.select_option(&browser.by_role("combobox", "Partition keys"), "Random");
    let_run(&browser, 500);
    attempt(&browser, "60×", true, "not by more shards");
}

#[test]
fn retention_and_replay() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    open_lesson(&browser, "Retention and replay");
    set_speed(&browser, "60×");
    let_run(&browser, 3_000);
    // Wired as it is, at LATEST: it never sees the first minutes.
    browser.wire("orders", "Reports (fixed)");
    attempt(&browser, "60×", false, "No consumer processed the orders written before it started");
    // The lesson's scenario again, the consumer set to TRIM_HORIZON before it is wired.
    browser.click(&browser.by_role("button", "Open the lesson's scenario"));
    let_run(&browser, 3_000);
    browser.click(&browser.by_role("button", "Next"));
    browser.wait_for_inspector("Start at");
    browser.select_option(&browser.by_role("combobox", "Start at"), "TRIM_HORIZON");
    browser.wire("orders", "Reports (fixed)");
    attempt(&browser, "60×", true, "read again from TRIM_HORIZON");
}

#[test]
fn several_consumers_need_enhanced_fan_out() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    open_lesson(&browser, "Several consumers: shared reads or enhanced fan-out");
    attempt(&browser, "10×", false, "Reads were throttled");
    // The palette is under the panel: close it, replace the three readers, open it again.
    browser.click(&browser.by_role("button", "Close the Learn panel"));
    for consumer in ["Leaderboard", "Cheat detector", "Analytics"] {
        browser.click(&browser.by_role("button", &format!("Consumer (GetRecords) {consumer}")));
        browser.click(&browser.by_role("button", "Delete"));
        browser.place("Enhanced fan-out consumer");
    }
    for id in ["efo-consumer", "efo-consumer-2", "efo-consumer-3"] {
        browser.wire("scores", id);
    }
    browser.click(&browser.by_role("button", "Learn"));
    let_run(&browser, 1_000);
    attempt(&browser, "10×", true, "enhanced fan-out");
}

#[test]
fn resharding_splits_and_merges_with_the_shard_table() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    open_lesson(&browser, "Resharding: split the hot, merge the cold");
    attempt(&browser, "10×", false, "Writes to clicks were throttled");
    show_what_failed(&browser);
    browser.click(&browser.by_role("button", "Split shardId-000000000000"));
    // The audit stream: two merges of neighbours.
    browser.click(&browser.by_role("button", "Data stream audit"));
    browser.click(&browser.by_role("button", "Merge shardId-000000000000 with the next shard"));
    let_run(&browser, 500);
    browser.click(&browser.by_role("button", "Merge shardId-000000000002 with the next shard"));
    let_run(&browser, 500);
    attempt(&browser, "60×", true, "Split for a hot shard, merge for cold ones");
}

#[test]
fn firehose_buffers_and_the_side_by_side() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    open_lesson(&browser, "Firehose: buffers and transforms");
    attempt(&browser, "60×", false, "No object reached the bucket in time");
    browser.click(&browser.by_role("button", "Firehose delivery stream events-to-s3"));
    browser.set_number("Buffer interval (s)", "30");
    attempt(&browser, "60×", false, "Objects arrived, but not as CSV");
    browser.wire("events-to-s3", "JSON to CSV");
    browser.click(&browser.by_role("button", "Lambda transform JSON to CSV"));
    browser.set_number("Transform buffer interval (s)", "20");
    let_run(&browser, 2_000);
    attempt(&browser, "60×", true, "Records now arrive as CSV within a minute");

    open_lesson(&browser, "Data Streams vs Firehose");
    attempt(&browser, "60×", false, "");
    browser.click(&browser.by_role("button", "Consumer (GetRecords) dashboard"));
    browser.set_number("Poll interval (ms)", "200");
    browser.click(&browser.by_role("button", "Firehose delivery stream clicks-to-s3"));
    browser.set_number("Buffer interval (s)", "60");
    let_run(&browser, 4_000);
    attempt(&browser, "60×", true, "Both hold");
}

#[test]
fn an_emr_job_in_fewer_waves_on_spot_task_nodes() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    open_lesson(&browser, "EMR: nodes, splits and waves");
    // The page switches to the build with EMR; the panel comes back on the lesson.
    browser.wait_for("the full build", || {
        (browser.execute("return document.documentElement.dataset.model || null;", vec![]) == serde_json::json!("full"))
            .then_some(())
    });
    browser.by_role("complementary", "Learn");
    let run_when_waiting = |browser: &Browser| {
        browser.click(&browser.by_role("button", "Map step Count words (map)"));
        let run = browser.by_role("button", "Run the job (AddJobFlowSteps)");
        browser
            .wait_for("the cluster to wait for steps", || browser.attribute(&run, "disabled").is_none().then_some(()));
        browser.click(&run);
    };
    browser.click(&browser.by_role("button", "Start the challenge"));
    set_speed(&browser, "60×");
    play(&browser);
    run_when_waiting(&browser);
    set_speed(&browser, "3,600×");
    let text = browser.wait_for("the verdict", || {
        let t = browser.learn_panel_text();
        (t.contains("\nPassed\n") || t.contains("Not passed")).then_some(t)
    });
    pause(&browser);
    assert!(text.contains("The maps ran in more than 2 waves"), "{text}");
    show_what_failed(&browser);
    browser.set_number("Task nodes", "3");
    // The new nodes start before the next run.
    set_speed(&browser, "60×");
    let_run(&browser, 4_000);
    browser.click(&browser.by_role("button", "Try again"));
    set_speed(&browser, "60×");
    play(&browser);
    run_when_waiting(&browser);
    let text = browser.wait_for("the verdict", || {
        let t = browser.learn_panel_text();
        (t.contains("\nPassed\n") || t.contains("Not passed")).then_some(t)
    });
    assert!(text.contains("More containers, fewer waves"), "{text}");
    browser.execute("localStorage.removeItem('shardlab.model');", vec![]);
}
