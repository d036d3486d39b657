//! Takes the README's screenshots of the built page, in English and in Chinese:
//! `cargo xtask dist && cargo run -p shardlab-e2e --example screenshots -- OUT_DIR`.

use shardlab_e2e::{serve_dist, Browser};
use std::path::PathBuf;
use std::time::Duration;

fn main() {
    let out = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "docs".into()));
    std::fs::create_dir_all(&out).expect("create the output folder");
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    for kind in ["Producer", "Data stream", "KCL application"] {
        browser.click(&browser.by_role("button", &format!("Place {kind}")));
    }
    browser.click(&browser.by_role("button", "Output of producer"));
    browser.click(&browser.by_role("button", "Input of stream"));
    browser.click(&browser.by_role("button", "Output of stream"));
    browser.click(&browser.by_role("button", "Input of kcl-app"));
    browser.click(&browser.by_role("button", "Producer producer"));
    let rate = browser.by_role("spinbutton", "Records per second");
    browser.execute(
        "arguments[0].value = '1500'; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        vec![serde_json::json!({ "element-6066-11e4-a52e-4f735466cecf": rate.id() })],
    );
    browser.click(&browser.by_role("button", "Data stream stream"));
    browser.select_option(&browser.by_role("combobox", "Speed"), "10×");
    browser.click(&browser.by_role("button", "Play"));
    std::thread::sleep(Duration::from_millis(4000));
    browser.click(&browser.by_role("button", "Pause"));
    browser.click(&browser.by_role("tab", "Console"));
    let input = browser.by_role("textbox", "AWS CLI command");
    for command in [
        "aws kinesis create-stream --stream-name clicks --shard-count 2",
        "aws kinesis list-shards --stream-name clicks --max-results 1",
    ] {
        browser.type_text(&input, &format!("{command}\u{E007}"));
    }
    std::thread::sleep(Duration::from_millis(200));
    browser.screenshot(&out.join("screenshot-en.png"));
    browser.execute("document.querySelector('.chart').scrollIntoView()", vec![]);
    browser.screenshot(&out.join("screenshot-charts.png"));
    browser.click(&browser.by_role("button", "繁體中文"));
    browser.click(&browser.by_role("button", "深色主題"));
    std::thread::sleep(Duration::from_millis(200));
    browser.screenshot(&out.join("screenshot-zh-dark.png"));
    browser.click(&browser.by_role("button", "English"));
    browser.click(&browser.by_role("button", "Dark theme"));

    // The side-by-side lesson: a stream with a consumer against Firehose into S3.
    browser.click(&browser.by_role("button", "Scenario ▾"));
    browser.click(&browser.by_role("button", "Data Streams vs Firehose (side by side)"));
    browser.select_option(&browser.by_role("combobox", "Speed"), "30×");
    browser.click(&browser.by_role("button", "Play"));
    std::thread::sleep(Duration::from_millis(5500));
    browser.click(&browser.by_role("button", "Firehose delivery stream clicks-to-s3"));
    std::thread::sleep(Duration::from_millis(3000));
    browser.click(&browser.by_role("button", "Pause"));
    browser.screenshot(&out.join("screenshot-firehose.png"));
    browser
        .execute("document.querySelector('canvas[aria-label=\"End-to-end latency (ms)\"]').scrollIntoView()", vec![]);
    browser.screenshot(&out.join("screenshot-firehose-latency.png"));
    browser.click(&browser.by_role("button", "S3 bucket archive"));
    let object = browser.wait_for("an object", || browser.find_all(".object-row").into_iter().next());
    browser.click(&object);
    std::thread::sleep(Duration::from_millis(200));
    browser.execute("document.querySelector('.object-body').scrollIntoView()", vec![]);
    browser.screenshot(&out.join("screenshot-s3-object.png"));
    browser.click(&browser.by_role("button", "繁體中文"));
    browser.click(&browser.by_role("button", "Firehose 傳遞串流 clicks-to-s3"));
    std::thread::sleep(Duration::from_millis(300));
    browser.screenshot(&out.join("screenshot-firehose-zh.png"));

    // A transform on the lesson's delivery stream, tried on sample records.
    browser.click(&browser.by_role("button", "English"));
    browser.place("Lambda transform");
    browser.wire("clicks-to-s3", "transform");
    browser.click(&browser.by_role("button", "Lambda transform transform"));
    browser.select_option(&browser.by_role("combobox", "Start from a template"), "Drop every 3rd record");
    browser.click(&browser.by_role("button", "Test with sample records"));
    std::thread::sleep(Duration::from_millis(300));
    browser.execute("document.querySelector('.test-run').scrollIntoView()", vec![]);
    browser.screenshot(&out.join("screenshot-transform.png"));
    println!(
        "wrote {0}/screenshot-en.png, screenshot-charts.png, screenshot-zh-dark.png, screenshot-firehose.png, screenshot-firehose-latency.png, screenshot-s3-object.png, screenshot-firehose-zh.png and screenshot-transform.png",
        out.display()
    );
}
