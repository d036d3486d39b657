//! Screenshots of what keeps nobody locked out: a wire drawn from the keyboard (the focus on
//! an input port that takes it, the refused ones pale), and the memory guard's message, each
//! in English and 繁體中文, at 1280 and 390 px wide:
//! `cargo xtask dist && cargo run -p shardlab-e2e --example access_screenshots -- OUT_DIR`.

use shardlab_e2e::{screenshot_session, ENTER};
use std::time::Duration;

fn main() {
    let (out, browser) = screenshot_session();
    for kind in ["Producer", "Data stream", "Consumer (GetRecords)", "KCL application"] {
        browser.place(kind);
    }
    browser.wire("producer", "stream");
    for (lang, button) in [("en", "English"), ("zh", "繁體中文")] {
        browser.click(&browser.by_role("button", button));
        // From the keyboard: Tab to the stream's output, Enter; the focus lands on an input.
        browser.execute("document.querySelector('.port.out[data-component=\"stream\"]').focus()", vec![]);
        browser.press(ENTER);
        std::thread::sleep(Duration::from_millis(400));
        browser.screenshot(&out.join(format!("keyboard-wire-1280-{lang}.png")));
        browser.press("\u{E00C}");
    }
    browser.click(&browser.by_role("button", "English"));

    // The memory guard, with a small budget so the prepared scenario fills it quickly.
    let url = browser.execute("return location.href.split('#')[0].split('?')[0]", vec![]);
    browser.goto(&format!("{}?memory-budget-mb=80", url.as_str().unwrap_or_default()));
    browser.choose_in_scenario_menu("Data Streams vs Firehose (side by side)");
    browser.select_option(&browser.by_role("combobox", "Speed"), "3,600×");
    browser.click(&browser.by_role("button", "Play"));
    browser.wait_for("the memory guard", || browser.find_all(".notice").pop());
    browser.screenshot(&out.join("memory-guard-1280-en.png"));
    browser.click(&browser.by_role("button", "繁體中文"));
    browser.set_window(390, 844);
    std::thread::sleep(Duration::from_millis(400));
    browser.screenshot(&out.join("memory-guard-390-zh.png"));
}
