//! Screenshots of the Export dialog: the prepared scenario as a CloudFormation template in
//! English at 1280 px, and as AWS CLI commands in 繁體中文 at 390 px:
//! `cargo xtask dist && cargo run -p shardlab-e2e --example export_screenshots -- OUT_DIR`.

use shardlab_e2e::screenshot_session;
use std::time::Duration;

fn main() {
    let (out, browser) = screenshot_session();
    browser.choose_in_scenario_menu("Data Streams vs Firehose (side by side)");
    browser.choose_in_scenario_menu("Export → CloudFormation");
    browser.wait_for("the template", || browser.find_all("dialog .export-text").pop());
    std::thread::sleep(Duration::from_millis(300));
    browser.screenshot(&out.join("export-cloudformation-1280-en.png"));
    browser.click(&browser.by_role("button", "Close"));
    browser.click(&browser.by_role("button", "繁體中文"));
    browser.set_window(390, 844);
    browser.click(&browser.by_role("button", "情境 ▾"));
    browser.click(&browser.by_role("button", "匯出 → AWS CLI"));
    browser.wait_for("the script", || browser.find_all("dialog .export-text").pop());
    std::thread::sleep(Duration::from_millis(300));
    browser.screenshot(&out.join("export-cli-390-zh.png"));
}
