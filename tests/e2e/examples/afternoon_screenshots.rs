//! Screenshots of a learner's afternoon (issue 15): the first visit's welcome, a field typed
//! into while the clock runs, the shard table's labelled split and merge buttons, and New
//! asking before it discards a canvas — in English and 繁體中文, 1280 and 390 px wide:
//! `cargo xtask dist && cargo run -p shardlab-e2e --example afternoon_screenshots -- OUT_DIR`.

use shardlab_e2e::{screenshot_session, BACKSPACE, END};
use std::time::Duration;

fn main() {
    let (out, browser) = screenshot_session();
    browser.set_window(1280, 800);
    browser.by_role("region", "Welcome to ShardLab");
    browser.screenshot(&out.join("welcome-1280-en.png"));
    browser.click(&browser.by_role("button", "繁體中文"));
    browser.set_window(390, 844);
    browser.by_role("region", "歡迎使用 ShardLab");
    browser.screenshot(&out.join("welcome-390-zh.png"));
    browser.click(&browser.by_role("button", "English"));
    browser.set_window(1280, 800);
    browser.click(&browser.by_role("button", "Start with a blank canvas"));

    browser.place("Producer");
    browser.place("Data stream");
    browser.wire("producer", "stream");
    browser.click(&browser.by_role("button", "Data stream stream"));
    browser.set_number("Shards", "2");
    browser.click(&browser.by_role("button", "Play"));
    browser.wait_for_inspector("ACTIVE");
    browser.click(&browser.by_role("button", "Producer producer"));
    let field = browser.by_role("spinbutton", "Records per second");
    browser.click(&field);
    browser.press(END);
    for _ in 0..4 {
        browser.press(BACKSPACE);
    }
    browser.press("25");
    std::thread::sleep(Duration::from_millis(1500));
    browser.screenshot(&out.join("typing-while-running-1280-en.png"));
    browser.press(shardlab_e2e::ENTER);
    browser.click(&browser.by_role("button", "Data stream stream"));
    std::thread::sleep(Duration::from_millis(1500));
    browser.execute("document.querySelector('.shard-table').scrollIntoView();", vec![]);
    browser.screenshot(&out.join("shard-table-1280-en.png"));
    browser.click(&browser.by_role("button", "繁體中文"));
    std::thread::sleep(Duration::from_millis(500));
    browser.execute("document.querySelector('.shard-table').scrollIntoView();", vec![]);
    browser.screenshot(&out.join("shard-table-1280-zh.png"));
    browser.set_window(390, 844);
    std::thread::sleep(Duration::from_millis(500));
    browser.execute("document.querySelector('.shard-table').scrollIntoView();", vec![]);
    browser.screenshot(&out.join("shard-table-390-zh.png"));
    browser.click(&browser.by_role("button", "English"));
    browser.set_window(1280, 800);
    browser.choose_in_scenario_menu("New (empty canvas)");
    browser.by_role("alertdialog", "New (empty canvas)");
    browser.screenshot(&out.join("new-asks-1280-en.png"));
    println!("screenshots in {}", out.display());
}
