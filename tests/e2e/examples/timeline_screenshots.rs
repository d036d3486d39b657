//! Screenshots of the timeline (issue 15): a hot stream ten seconds in, its charts drawn by the
//! page itself, then rewound to six seconds with the scrubber still reaching ten — in English
//! and 繁體中文, 1280 and 390 px wide:
//! `cargo xtask dist && cargo run -p shardlab-e2e --example timeline_screenshots -- OUT_DIR`.

use shardlab_e2e::screenshot_session;

fn main() {
    let (out, browser) = screenshot_session();
    browser.set_window(1280, 800);
    if let Some(close) = browser.all_by_role("button", "Start with a blank canvas").pop() {
        browser.click(&close);
    }
    browser.place("Producer");
    browser.place("Data stream");
    browser.wire("producer", "stream");
    browser.click(&browser.by_role("button", "Producer producer"));
    browser.set_number("Records per second", "1500");
    for _ in 0..10 {
        browser.click(&browser.by_role("button", "Step one second"));
    }
    browser.click(&browser.by_role("button", "Data stream stream"));
    browser.execute("document.querySelector('figure.chart').scrollIntoView()", vec![]);
    std::thread::sleep(std::time::Duration::from_millis(400));
    browser.screenshot(&out.join("timeline-charts-1280-en.png"));
    for _ in 0..4 {
        browser.click(&browser.by_role("button", "Back one second"));
    }
    std::thread::sleep(std::time::Duration::from_millis(400));
    browser.screenshot(&out.join("timeline-rewound-1280-en.png"));
    browser.click(&browser.by_role("button", "繁體中文"));
    std::thread::sleep(std::time::Duration::from_millis(400));
    browser.screenshot(&out.join("timeline-rewound-1280-zh.png"));
    browser.set_window(390, 844);
    std::thread::sleep(std::time::Duration::from_millis(400));
    browser.screenshot(&out.join("timeline-rewound-390-zh.png"));
}
