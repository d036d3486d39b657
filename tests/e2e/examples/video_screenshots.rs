//! Screenshots of Kinesis Video Streams in the page: the `video-retention` lesson's live
//! viewer with the motion analysis's boxes over the frames (English and 繁體中文 at 1280 px,
//! 繁體中文 at 390 px), and the stream's books and fragment timeline (English, 1280 px):
//! `cargo xtask dist && cargo run -p shardlab-e2e --example video_screenshots -- OUT_DIR`.

use shardlab_e2e::screenshot_session;
use std::time::Duration;

fn main() {
    let (out, browser) = screenshot_session();
    browser.choose_in_scenario_menu(
        "Camera → video stream (retention 0) → live viewer, on-demand player, motion analysis",
    );
    browser.wait_for("the full build", || {
        let model = browser.execute("return document.documentElement.dataset.model || null;", vec![]);
        (model == serde_json::json!("full")).then_some(())
    });
    browser.select_option(&browser.by_role("combobox", "Speed"), "5×");
    browser.click(&browser.by_role("button", "Video player live-viewer"));
    browser.click(&browser.by_role("button", "Play"));
    // Until the figure walks in (it does every 30 s): the boxes are around something.
    std::thread::sleep(Duration::from_secs(8));
    browser.click(&browser.by_role("button", "Pause"));
    let show_player = "document.querySelector('canvas.video-frame')?.scrollIntoView({block: 'center'})";
    browser.execute(show_player, vec![]);
    std::thread::sleep(Duration::from_millis(600));
    browser.screenshot(&out.join("video-player-1280-en.png"));
    browser.click(&browser.by_role("button", "Video stream front-door"));
    std::thread::sleep(Duration::from_millis(600));
    browser.screenshot(&out.join("video-stream-1280-en.png"));
    browser.click(&browser.by_role("button", "繁體中文"));
    browser.click(&browser.by_role("button", "影片播放器 live-viewer"));
    browser.execute(show_player, vec![]);
    std::thread::sleep(Duration::from_millis(600));
    browser.screenshot(&out.join("video-player-1280-zh.png"));
    browser.set_window(390, 844);
    std::thread::sleep(Duration::from_millis(600));
    // On a phone the inspector is a panel of its own.
    browser.click(&browser.by_role("button", "檢視器"));
    std::thread::sleep(Duration::from_millis(400));
    browser.execute(show_player, vec![]);
    std::thread::sleep(Duration::from_millis(400));
    browser.screenshot(&out.join("video-player-390-zh.png"));
}
