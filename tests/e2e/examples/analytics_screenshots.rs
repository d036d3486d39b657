//! Screenshots of an Analytics application (the SQL editor, the window results and their
//! chart, an error marked at its place), in English and Chinese, 1280 and 390 px wide:
//! `cargo xtask dist && cargo run -p shardlab-e2e --example analytics_screenshots -- OUT_DIR`.

use shardlab_e2e::screenshot_session;
use std::time::Duration;

fn main() {
    let (out, browser) = screenshot_session();
    browser.choose_in_scenario_menu("Clickstream → stream → SQL page views per minute → Firehose → S3");
    let full = || {
        (browser.execute("return document.documentElement.dataset.model || null;", vec![]) == serde_json::json!("full"))
            .then_some(())
    };
    browser.wait_for("the full build", full);
    browser.click(&browser.by_role("button", "Analytics application (SQL) page-views"));
    browser.select_option(&browser.by_role("combobox", "Speed"), "60×");
    browser.click(&browser.by_role("button", "Play"));
    browser.wait_for("window rows", || (browser.find_all(".results-table tbody tr").len() >= 10).then_some(()));
    browser.click(&browser.by_role("button", "Pause"));
    let show = |css: &str| browser.execute(&format!("document.querySelector('{css}')?.scrollIntoView()"), vec![]);
    show(".sql-editor");
    browser.screenshot(&out.join("sql-editor-1280-en.png"));
    show(".results-table");
    browser.screenshot(&out.join("sql-results-1280-en.png"));
    browser.click(&browser.by_role("button", "繁體中文"));
    std::thread::sleep(Duration::from_millis(300));
    show(".sql-editor");
    browser.screenshot(&out.join("sql-editor-1280-zh.png"));
    show(".results-table");
    browser.screenshot(&out.join("sql-results-1280-zh.png"));
    browser.set_window(390, 844);
    std::thread::sleep(Duration::from_millis(300));
    // On a phone the inspector is a panel of its own.
    browser.click(&browser.by_role("button", "檢視器"));
    std::thread::sleep(Duration::from_millis(300));
    show(".results-table");
    browser.screenshot(&out.join("sql-results-390-zh.png"));
    browser.click(&browser.by_role("button", "English"));
    std::thread::sleep(Duration::from_millis(300));
    show(".results-table");
    browser.screenshot(&out.join("sql-results-390-en.png"));
    // An error, marked under its line.
    let sql = browser.by_role("textbox", "SQL");
    browser.type_text(&sql, "GROUP BY page");
    std::thread::sleep(Duration::from_millis(300));
    show(".sql-error");
    browser.screenshot(&out.join("sql-error-390-en.png"));
    browser.set_window(1280, 900);
    std::thread::sleep(Duration::from_millis(300));
    show(".sql-error");
    browser.screenshot(&out.join("sql-error-1280-en.png"));
    browser.press("\u{E00C}");
    browser.execute("localStorage.clear();", vec![]);
    println!("screenshots in {}", out.display());
}
