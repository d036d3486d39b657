//! Screenshots of embedding: a course-like page with two embeds of the prepared scenario (one
//! playing, one in 繁體中文 and dark) and a pure animation, and the Embed dialog with its snippet
//! and live preview:
//! `cargo xtask dist && cargo run -p shardlab-e2e --example embed_screenshots -- OUT_DIR`.

use shardlab_e2e::{course_site, Browser};
use std::time::Duration;

fn main() {
    let out = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "target/screenshots".into()));
    std::fs::create_dir_all(&out).unwrap();
    let (root, url) = course_site("course");
    let browser = Browser::start();
    browser.set_window(1280, 900);
    browser.goto(&format!("{url}lab/index.html"));
    browser.execute("localStorage.clear();", vec![]);
    browser.refresh();
    browser.choose_in_scenario_menu("Data Streams vs Firehose (side by side)");
    browser.choose_in_scenario_menu("Embed in course notes…");
    browser.wait_for("the preview", || browser.find_all("dialog .embed-preview").pop());
    std::thread::sleep(Duration::from_millis(1500));
    browser.screenshot(&out.join("embed-dialog-1280-en.png"));
    let snippet = browser.execute("return document.querySelector('dialog textarea').value", vec![]);
    let src =
        snippet.as_str().unwrap().split("src=\"").nth(1).unwrap().split('"').next().unwrap().replace("&amp;", "&");
    let fragment = &src[src.find('#').unwrap()..];
    let course = format!(
        "<!doctype html><meta charset=utf-8><title>Course notes</title><body style=\"font-family: sans-serif; max-width: 1100px; margin: 24px auto\">\
         <h1>Week 3: Kinesis Data Streams vs Firehose</h1><p>Press play and watch the stream keep records while Firehose buffers them.</p>\
         <iframe title=\"lab\" width=\"520\" height=\"360\" src=\"lab/index.html{fragment}&autoplay&speed=60\"></iframe>\
         <iframe title=\"lab zh\" width=\"520\" height=\"360\" src=\"lab/index.html{fragment}&lang=zh-Hant&theme=dark&autoplay&speed=60\"></iframe>\
         <p>The same, as a pure animation at phone width:</p>\
         <iframe title=\"animation\" width=\"320\" height=\"240\" src=\"lab/index.html{fragment}&controls=0&speed=60\"></iframe>"
    );
    std::fs::write(root.join("course.html"), course).unwrap();
    browser.goto(&format!("{url}course.html"));
    std::thread::sleep(Duration::from_millis(4000));
    browser.screenshot(&out.join("course-page-1280.png"));
    let _ = std::fs::remove_dir_all(&root);
}
