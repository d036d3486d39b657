//! Screenshots of a running EMR job (nodes, containers, HDFS blocks, queue, Gantt chart), in
//! English and Chinese, 1280 and 390 px wide:
//! `cargo xtask dist && cargo run -p shardlab-e2e --example emr_screenshots -- OUT_DIR`.

use shardlab_e2e::screenshot_session;
use std::time::Duration;

fn main() {
    let (out, browser) = screenshot_session();
    browser.place("S3 bucket");
    browser.place("EMR cluster");
    let full = || {
        (browser.execute("return document.documentElement.dataset.model || null;", vec![]) == serde_json::json!("full"))
            .then_some(())
    };
    browser.wait_for("the full build", full);
    for kind in ["Map step", "Reduce step", "DynamoDB table"] {
        browser.place(kind);
    }
    browser.wire("bucket", "map");
    browser.wire("cluster", "map");
    browser.wire("map", "reduce");
    browser.wire("reduce", "table");
    browser.click(&browser.by_role("button", "S3 bucket bucket"));
    browser.select_option(
        &browser.by_role("combobox", "Sample data in the bucket"),
        "Text corpus (word count, inverted index)",
    );
    browser.set_number("Sample size (KiB)", "4096");
    browser.click(&browser.by_role("button", "EMR cluster cluster"));
    browser.set_number("Task nodes", "2");
    browser.select_option(&browser.by_role("combobox", "Task nodes bought"), "Spot (may be reclaimed)");
    browser.click(&browser.by_role("button", "Map step map"));
    browser.select_option(&browser.by_role("combobox", "Speed"), "60×");
    browser.click(&browser.by_role("button", "Play"));
    let run = browser.by_role("button", "Run the job (AddJobFlowSteps)");
    browser.wait_for("runnable", || browser.attribute(&run, "disabled").is_none().then_some(()));
    browser.click(&run);
    browser.wait_for("the map phase", || {
        browser
            .find_all(".emr-job")
            .first()
            .and_then(|e| browser.attribute(e, "data-step-state"))
            .filter(|s| s == "RUNNING")
    });
    // The cluster starts (six virtual minutes) at 60×; the job is watched at 2×.
    browser.select_option(&browser.by_role("combobox", "Speed"), "2×");
    std::thread::sleep(Duration::from_millis(5000));
    browser.click(&browser.by_role("button", "Pause"));
    browser.execute("document.querySelector('.emr-job').scrollIntoView()", vec![]);
    browser.screenshot(&out.join("emr-map-step-1280-en.png"));
    browser.click(&browser.by_role("button", "EMR cluster cluster"));
    browser.execute("document.querySelector('.emr-nodes').scrollIntoView()", vec![]);
    browser.screenshot(&out.join("emr-cluster-1280-en.png"));
    browser.click(&browser.by_role("button", "繁體中文"));
    std::thread::sleep(Duration::from_millis(200));
    browser.execute("document.querySelector('.emr-nodes').scrollIntoView()", vec![]);
    browser.screenshot(&out.join("emr-cluster-1280-zh.png"));
    browser.click(&browser.by_role("button", "Map 步驟 map"));
    browser.execute("document.querySelector('.gantt').scrollIntoView()", vec![]);
    browser.screenshot(&out.join("emr-gantt-1280-zh.png"));
    browser.set_window(390, 844);
    std::thread::sleep(Duration::from_millis(300));
    browser.screenshot(&out.join("emr-map-step-390-zh.png"));
    browser.click(&browser.by_role("button", "English"));
    std::thread::sleep(Duration::from_millis(200));
    browser.screenshot(&out.join("emr-map-step-390-en.png"));
    browser.set_window(1280, 900);
    browser.select_option(&browser.by_role("combobox", "Speed"), "60×");
    browser.click(&browser.by_role("button", "Play"));
    browser.wait_for("the job to end", || {
        browser
            .find_all(".emr-job")
            .first()
            .and_then(|e| browser.attribute(e, "data-step-state"))
            .filter(|s| s == "COMPLETED")
    });
    browser.click(&browser.by_role("button", "DynamoDB table table"));
    std::thread::sleep(Duration::from_millis(300));
    browser.screenshot(&out.join("emr-table-1280-en.png"));
    browser.execute("localStorage.clear();", vec![]);
    println!("screenshots in {}", out.display());
}
