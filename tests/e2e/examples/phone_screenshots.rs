//! Screenshots of the core walk-through on a phone (390 × 844, touch) and on a wide screen
//! (1280 × 800), in English and 繁體中文 (issue 15): the canvas with both panels closed, the
//! palette and the inspector slid over it, and the pipeline running after a split:
//! `cargo xtask dist && cargo run -p shardlab-e2e --example phone_screenshots -- OUT_DIR`.

use shardlab_e2e::{serve_dist, Browser, BACKSPACE, END, ENTER};
use std::path::Path;
use std::time::Duration;

fn main() {
    let out = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "target/screenshots".into()));
    std::fs::create_dir_all(&out).expect("create the output folder");
    let url = serve_dist();
    for lang in ["en", "zh"] {
        let phone = Browser::start_phone();
        walk_through(&phone, &url, lang, &out, "390", true);
        let wide = Browser::start();
        wide.set_window(1280, 800);
        walk_through(&wide, &url, lang, &out, "1280", false);
    }
    println!("screenshots in {}", out.display());
}

/// The walk-through in `lang`, by touch on the phone and by mouse on the wide screen.
fn walk_through(browser: &Browser, url: &str, lang: &str, out: &Path, width: &str, phone: bool) {
    let press = |el: &shardlab_e2e::Element| if phone { browser.tap(el) } else { browser.click(el) };
    // The walk is in English (the buttons are found by their English names); each picture
    // is taken in `lang`.
    let shot = |name: &str| {
        if lang == "zh" {
            press(&browser.by_role("button", "繁體中文"));
        }
        std::thread::sleep(Duration::from_millis(400));
        browser.screenshot(&out.join(format!("walk-{name}-{width}-{lang}.png")));
        if lang == "zh" {
            press(&browser.by_role("button", "English"));
        }
    };
    browser.goto(url);
    press(&browser.by_role("button", "Start with a blank canvas"));
    for kind in ["Producer", "Data stream"] {
        if phone {
            press(&browser.by_role("button", "Components"));
            if kind == "Data stream" {
                shot("palette");
            }
        }
        press(&browser.by_role("button", &format!("Place {kind}")));
    }
    press(&browser.by_role("button", "Output of producer"));
    press(&browser.by_role("button", "Input of stream"));
    press(&browser.by_role("button", "Play"));
    press(&browser.by_role("button", "Producer producer"));
    if phone {
        press(&browser.by_role("button", "Inspector"));
    }
    let field = browser.by_role("spinbutton", "Records per second");
    press(&field);
    browser.press(END);
    for _ in 0..browser.field_value(&field).len() {
        browser.press(BACKSPACE);
    }
    browser.press("1500");
    browser.press(ENTER);
    // The inspector covers the stream's node: closed, the node tapped, opened again.
    if phone {
        press(&browser.by_role("button", "Inspector"));
    }
    press(&browser.by_role("button", "Data stream stream"));
    if phone {
        press(&browser.by_role("button", "Inspector"));
    }
    std::thread::sleep(Duration::from_secs(7));
    press(&browser.by_role("button", "Split shardId-000000000000"));
    std::thread::sleep(Duration::from_secs(6));
    shot("inspector");
    if phone {
        let top = browser.execute("return document.querySelector('.canvas').getBoundingClientRect().top;", vec![]);
        browser.tap_at(12, top.as_f64().unwrap_or_default() as i64 + 120);
    }
    press(&browser.by_role("tab", "Events"));
    shot("canvas");
}
