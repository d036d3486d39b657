//! The clock never lags silently: when the machine cannot simulate a scenario at the speed
//! asked for, the page keeps answering, the clock runs at what it can, and the top bar says
//! how fast that is.

use shardlab_e2e::{serve_dist, Browser};
use std::time::{Duration, Instant};

/// The heaviest load the settings allow: a million records a second under one hot key into
/// a 2-shard stream, read by a polling consumer (`workload::heaviest_scenario`).
fn heaviest() -> Vec<u8> {
    let component = |id: &str, x: f64, kind: &str, settings: serde_json::Value| serde_json::json!({ "id": id, "x": x, "y": 120.0, "kind": kind, "settings": settings });
    let scenario = serde_json::json!({
        "version": 2, "name": "A million records a second", "seed": 1,
        "components": [
            component("producer", 40.0, "producer", serde_json::json!({ "records_per_second": 1_000_000.0,
                "record_bytes": 100, "keys": { "strategy": "hot_key" }, "template": "clickstream" })),
            component("stream", 300.0, "data_stream",
                serde_json::json!({ "stream_name": "bench", "mode": "PROVISIONED", "shard_count": 2 })),
            component("consumer", 560.0, "polling_consumer",
                serde_json::json!({ "poll_interval_ms": 1000, "batch_limit": 10000, "start": "TRIM_HORIZON" })),
        ],
        "wires": [{ "from": "producer", "to": "stream" }, { "from": "stream", "to": "consumer" }],
    });
    serde_json::to_vec(&scenario).unwrap()
}

fn micros(browser: &Browser) -> u64 {
    let clock = browser.by_role("timer", "Virtual clock");
    browser.attribute(&clock, "data-micros").and_then(|m| m.parse().ok()).expect("the clock's micros")
}

/// The speed the top bar says the clock achieves ("only 1.2×"), if it says one.
fn achieved(browser: &Browser) -> Option<f64> {
    let label = browser.find_all(".achieved").pop()?;
    let text = browser.text(&label);
    text.trim_start_matches("only ").trim_end_matches('×').replace(',', "").parse().ok()
}

#[test]
fn a_load_the_machine_cannot_keep_up_with_shows_the_speed_achieved_and_the_page_still_answers() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    let folder = std::env::temp_dir().join(format!("shardlab-pace-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("heaviest.json");
    std::fs::write(&path, heaviest()).unwrap();
    let input = browser.wait_for("the import field", || browser.find_all("input[type=file]").pop());
    browser.type_text(&input, path.to_str().unwrap());
    // Found before the run: while it runs, each of the page's many buttons answers a
    // WebDriver query only between frames.
    let (stream, play) = (browser.by_role("button", "Data stream stream"), browser.by_role("button", "Play"));
    assert_eq!(achieved(&browser), None, "nothing is said before the clock runs");

    browser.select_option(&browser.by_role("combobox", "Speed"), "3,600×");
    browser.click(&play);
    let shown = browser.wait_for("the speed achieved", || achieved(&browser));
    assert!(shown > 0.0 && shown < 3_600.0 * 0.95, "a million records a second do not run at 3,600×: {shown}");
    let label = browser.find_all(".achieved").pop().unwrap();
    let title = browser.attribute(&label, "title").unwrap_or_default();
    assert!(title.contains("cannot reach 3,600×"), "{title}");

    // The figure is the clock's own pace (loosely: frames vary), not a guess.
    let (from, started) = (micros(&browser), Instant::now());
    std::thread::sleep(Duration::from_secs(3));
    let pace = (micros(&browser) - from) as f64 / started.elapsed().as_micros() as f64;
    let shown = achieved(&browser).expect("still falling short");
    assert!(pace > shown / 4.0 && pace < shown * 4.0, "the clock ran at {pace:.1}×, the page says {shown}×");

    // The page still answers: a component opens in the inspector, and Pause stops the clock.
    browser.click(&stream);
    browser.wait_for("the stream's inspector", || {
        browser
            .find_all(".inspector h2, .inspector h3")
            .iter()
            .any(|h| browser.text(h).contains("stream"))
            .then_some(())
    });
    assert_eq!(browser.name(&play), "Pause");
    browser.click(&play);
    let paused = micros(&browser);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(micros(&browser), paused, "Pause stops the clock");
    assert_eq!(achieved(&browser), None, "a paused clock falls short of nothing");

    // In Chinese too.
    browser.click(&browser.by_role("button", "繁體中文"));
    browser.click(&play);
    let label = browser.wait_for("the speed achieved in Chinese", || browser.find_all(".achieved").pop());
    assert!(browser.text(&label).starts_with("實際 "), "{}", browser.text(&label));
    let _ = std::fs::remove_dir_all(&folder);
}
