//! Nothing dies silently: the memory guard pauses a long fast run before the page runs out of
//! memory and says why; a trap shows the error banner; a link or a file over the lab's caps
//! is refused with the cap named, and the work on the page stays.

use shardlab_e2e::{serve_dist, Browser};
use std::time::Duration;

fn clock(browser: &Browser) -> String {
    browser.text(&browser.by_role("timer", "Virtual clock"))
}

fn notice(browser: &Browser) -> Option<String> {
    browser.find_all(".notice").first().map(|n| browser.text(n))
}

fn open_side_by_side(browser: &Browser) {
    browser.choose_in_scenario_menu("Data Streams vs Firehose (side by side)");
}

#[test]
fn the_memory_guard_pauses_a_fast_run_says_what_filled_it_and_a_reload_restores_the_work() {
    let url = serve_dist();
    let browser = Browser::start();
    // A small budget, so the prepared scenario fills it in seconds at 3,600×.
    browser.goto(&format!("{url}?memory-budget-mb=80"));
    open_side_by_side(&browser);
    browser.select_option(&browser.by_role("combobox", "Speed"), "3,600×");
    browser.click(&browser.by_role("button", "Play"));
    let message = browser.wait_for("the memory guard's message", || notice(&browser).filter(|t| t.contains("paused")));
    assert!(message.contains("of the 80 MB it may use"), "{message}");
    // By the names on the canvas: the stream labelled "clicks" holds the most.
    assert!(message.contains("held by data stream clicks:"), "it names what holds the most: {message}");
    assert!(message.contains("lower the speed"), "{message}");
    // It ran a while first: the budget was not spent at the start.
    assert!(clock(&browser).as_str() >= "00:30:00.000", "the run went past half a virtual hour: {}", clock(&browser));
    // The clock is paused, and stays so.
    browser.by_role("button", "Play");
    let paused = clock(&browser);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(clock(&browser), paused);
    // The page answers: a component can be selected and inspected.
    browser.click(&browser.by_role("button", "Data stream clicks"));
    browser.by_role("region", "Data stream clicks");
    // Restarting from time zero keeps the design and frees the run's memory: Play runs again.
    browser.click(&browser.by_role("button", "Restart from time zero"));
    browser.wait_for("the clock back at zero", || (clock(&browser) == "00:00:00.000").then_some(()));
    assert_eq!(notice(&browser), None);
    browser.click(&browser.by_role("button", "Play"));
    browser.wait_for("the clock to run again", || (clock(&browser).as_str() > "00:10:00.000").then_some(()));
    // And in Chinese, after a reload that brings the work back.
    browser.refresh();
    browser.by_role("button", "Firehose delivery stream clicks-to-s3");
    browser.click(&browser.by_role("button", "繁體中文"));
    browser.select_option(&browser.by_role("combobox", "速度"), "3,600×");
    browser.click(&browser.by_role("button", "播放"));
    let message =
        browser.wait_for("the message in Chinese", || notice(&browser).filter(|t| t.contains("實驗室已暫停")));
    assert!(message.contains("資料串流 clicks"), "{message}");
}

#[test]
fn a_trap_shows_the_error_banner_and_a_reload_restores_the_work() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    browser.place("Producer");
    // What a WebAssembly trap looks like to the page: an uncaught RuntimeError.
    browser.execute(
        "window.dispatchEvent(new ErrorEvent('error', { error: new WebAssembly.RuntimeError('unreachable'), message: 'unreachable' }));",
        vec![],
    );
    let banner = browser.wait_for("the error banner", || browser.find_all("#shardlab-error").pop());
    assert!(browser.text(&banner).contains("Your work is saved in this browser"), "{}", browser.text(&banner));
    let detail = browser.execute("return document.querySelector('#shardlab-error pre').textContent", vec![]);
    assert_eq!(detail, "RuntimeError: unreachable");
    browser.refresh();
    browser.by_role("button", "Producer producer");
}

#[test]
fn an_over_long_link_is_refused_with_its_cap_and_the_work_stays() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    browser.place("Producer");
    browser.goto(&format!("{url}#s={}", "A".repeat(300_000)));
    browser.refresh();
    let message = browser.wait_for("the link's message", || notice(&browser).filter(|t| t.contains("characters")));
    assert!(message.contains("300,003 characters") && message.contains("262,144"), "{message}");
    browser.by_role("button", "Producer producer");
}

/// Imports `contents` as a file named `name` through the Scenario menu's file field. The file
/// stays until the test's folder is removed: the page reads it after the field changes.
fn import(browser: &Browser, folder: &std::path::Path, name: &str, contents: &[u8]) {
    let path = folder.join(name);
    std::fs::write(&path, contents).unwrap();
    let input = browser.find_all("input[type=file]").pop().expect("the import field");
    browser.type_text(&input, path.to_str().unwrap());
}

fn producers(n: usize, records_per_second: u64) -> Vec<u8> {
    let components: Vec<_> = (0..n)
        .map(|i| {
            serde_json::json!({ "id": format!("p{i}"), "x": 0, "y": 0, "kind": "producer",
                "settings": { "records_per_second": records_per_second, "record_bytes": 100,
                    "keys": { "strategy": "random" }, "template": "clickstream" } })
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({ "version": 2, "name": "big", "seed": 1, "components": components }))
        .unwrap()
}

#[test]
fn files_over_the_size_the_component_or_the_load_cap_are_refused_and_the_work_stays() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    browser.place("Producer");
    let folder = std::env::temp_dir().join(format!("shardlab-import-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    import(&browser, &folder, "huge.json", &vec![b' '; 5 * 1024 * 1024]);
    let message = browser.wait_for("the file's message", || notice(&browser).filter(|t| t.contains("bytes")));
    assert!(message.contains("5,242,880 bytes") && message.contains("4,194,304"), "{message}");
    import(&browser, &folder, "many.json", &producers(301, 1));
    browser.wait_for("the components' message", || {
        notice(&browser).filter(|t| t.contains("301 components") && t.contains("up to 300"))
    });
    import(&browser, &folder, "loud.json", &producers(2, 600_000));
    browser.wait_for("the load's message", || {
        notice(&browser).filter(|t| t.contains("1,200,000 records a second") && t.contains("1,000,000"))
    });
    browser.by_role("button", "Producer producer");
    assert!(browser.all_by_role("button", "Producer p0").is_empty(), "nothing of the refused files was opened");
    let _ = std::fs::remove_dir_all(&folder);
}
