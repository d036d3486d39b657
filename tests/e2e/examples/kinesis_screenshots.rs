//! Screenshots of the Kinesis consumers' views this model teaches: an aggregating (KPL)
//! producer read by a Lambda function that does not de-aggregate (its settings and the
//! Kinesis records of its events), a KCL application's initial position and lease table, the
//! stream's charts in Chinese at phone width, and the console answering `aws emr` and
//! `aws redshift-data`:
//! `cargo xtask dist && cargo run -p shardlab-e2e --example kinesis_screenshots -- OUT_DIR`.

use shardlab_e2e::screenshot_session;
use std::time::Duration;

fn main() {
    let (out, browser) = screenshot_session();
    for kind in ["Producer", "Data stream", "Lambda function", "KCL application"] {
        browser.place(kind);
    }
    browser.wire("producer", "stream");
    browser.wire("stream", "lambda");
    browser.wire("stream", "kcl-app");
    browser.click(&browser.by_role("button", "Producer producer"));
    browser.set_number("Records per second", "400");
    browser.click(&browser.by_role("checkbox", "KPL aggregation"));
    browser.select_option(&browser.by_role("combobox", "Speed"), "10×");
    browser.click(&browser.by_role("button", "Play"));
    std::thread::sleep(Duration::from_millis(4000));
    browser.click(&browser.by_role("button", "Pause"));
    browser.click(&browser.by_role("button", "Lambda function lambda"));
    browser.screenshot(&out.join("lambda-aggregates-1280-en.png"));
    browser.click(&browser.by_role("button", "KCL application kcl-app"));
    browser.screenshot(&out.join("kcl-1280-en.png"));
    browser.click(&browser.by_role("button", "Data stream stream"));
    browser.click(&browser.by_role("button", "繁體中文"));
    browser.set_window(390, 844);
    std::thread::sleep(Duration::from_millis(600));
    browser.execute("document.querySelector('.chart').scrollIntoView()", vec![]);
    browser.screenshot(&out.join("charts-390-zh.png"));
    browser.set_window(1280, 900);
    browser.click(&browser.by_role("button", "English"));
    browser.click(&browser.by_role("tab", "Console"));
    let input = browser.by_role("textbox", "AWS CLI command");
    browser.type_text(&input, "aws kinesis describe-stream-summary --stream-name stream\u{E007}");
    browser.type_text(&input, "aws emr list-clusters\u{E007}");
    std::thread::sleep(Duration::from_millis(1500));
    browser.screenshot(&out.join("console-1280-en.png"));
}
