//! Kinesis Video Streams in the page, as a new user meets it: a camera placed (the first load
//! switches to the build with the video model, and the work comes back), wired into a video
//! stream and a player; live video plays from the service's buffer; on-demand playback is
//! refused while the stream keeps nothing, with AWS's reason; the retention is raised, time
//! passes, and the playhead is dragged back; then a motion analysis is added and its boxes
//! appear over the frames.

use shardlab_e2e::{serve_dist, Browser};

fn model(b: &Browser) -> serde_json::Value {
    b.execute("return document.documentElement.dataset.model || null;", vec![])
}

fn text(browser: &Browser, css: &str) -> String {
    browser.find_all(css).first().map(|el| browser.text(el)).unwrap_or_default()
}

/// Pixels of the player's canvas in the motion boxes' yellow (#ffd400), and how many are lit
/// at all (a canvas that was never drawn is blank).
fn canvas_pixels(browser: &Browser) -> (u64, u64) {
    let counted = browser.execute(
        "const c = document.querySelector('canvas.video-frame');
         if (!c || c.hidden) return [0, 0];
         const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
         let yellow = 0, lit = 0;
         for (let i = 0; i < d.length; i += 4) {
           if (d[i] + d[i + 1] + d[i + 2] > 30) lit++;
           if (d[i] > 240 && d[i + 1] > 190 && d[i + 1] < 230 && d[i + 2] < 40) yellow++;
         }
         return [yellow, lit];",
        vec![],
    );
    (counted[0].as_u64().unwrap_or(0), counted[1].as_u64().unwrap_or(0))
}

fn run_for_a_while(browser: &Browser, until: impl Fn() -> bool) {
    browser.click(&browser.by_role("button", "Play"));
    browser.wait_for("the clock to bring it", || until().then_some(()));
    browser.click(&browser.by_role("button", "Pause"));
}

#[test]
fn live_plays_on_demand_is_refused_until_retention_is_raised_then_scrubbed_and_motion_is_boxed() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    browser.wait_for("the lab build", || (model(&browser) == serde_json::json!("lab")).then_some(()));
    browser.place("Camera");
    browser.wait_for("the full build", || (model(&browser) == serde_json::json!("full")).then_some(()));
    browser.by_role("button", "Camera camera");
    browser.place("Video stream");
    browser.place("Video player");
    // A camera sends only into a video stream: the player's input refuses it, saying why.
    browser.click(&browser.by_role("button", "Output of camera"));
    let why = browser.wait_for("the refusal", || {
        let why = browser.execute(
            "return document.querySelector('.port.in.refusing[data-component=\"player\"] title')?.textContent",
            vec![],
        );
        why.as_str().map(str::to_string)
    });
    assert!(why.contains("sends its video into a Kinesis video stream"), "{why}");
    browser.press("\u{E00C}");
    browser.wire("camera", "video");
    browser.wire("video", "player");

    // Live, from the service's buffer: the stream keeps nothing (retention 0).
    browser.select_option(&browser.by_role("combobox", "Speed"), "5×");
    browser.click(&browser.by_role("button", "Video player player"));
    run_for_a_while(&browser, || text(&browser, ".player-status").contains("Behind live"));
    let (_, lit) = canvas_pixels(&browser);
    assert!(lit > 10_000, "the frame is drawn: {lit} lit pixels of 19,200");
    assert_eq!(canvas_pixels(&browser).0, 0, "no motion boxes without a motion analysis");

    // On demand: refused, with AWS's error and reason.
    browser.select_option(&browser.by_role("combobox", "Playback"), "HLS ON_DEMAND");
    run_for_a_while(&browser, || text(&browser, ".video-player .error-text").contains("NoDataRetentionException"));
    assert!(text(&browser, ".video-player .error-text").contains("retention"));

    // The retention raised: fragments are kept from now on, and the player opens its session.
    browser.click(&browser.by_role("button", "Video stream video"));
    browser.set_number("Data retention (hours)", "1");
    browser.wait_for_inspector("1 h");
    browser.click(&browser.by_role("button", "Video player player"));
    run_for_a_while(&browser, || {
        browser.find_all(".video-player input[type=range]").first().is_some_and(|r| {
            let (min, max) = (browser.attribute(r, "min"), browser.attribute(r, "max"));
            let span = max.and_then(|m| m.parse::<u64>().ok()).unwrap_or(0)
                - min.and_then(|m| m.parse::<u64>().ok()).unwrap_or(0);
            span >= 8_000
        })
    });
    assert!(text(&browser, ".video-player .error-text").is_empty(), "the refusal is gone");
    // Dragged back to the start of what was kept.
    let slider = browser.by_role("slider", "Playhead (drag to move on demand)");
    let min = browser.attribute(&slider, "min").unwrap();
    browser.execute(
        "const [el, v] = arguments; el.value = v; el.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![serde_json::json!({ "element-6066-11e4-a52e-4f735466cecf": slider.id() }), serde_json::json!(min)],
    );
    let seconds = |ms: &str| ms.parse::<u64>().unwrap() / 1_000;
    let wanted = format!("{:02}:{:02}", seconds(&min) / 60 % 60, seconds(&min) % 60);
    browser.wait_for("the playhead at the start", || text(&browser, ".player-status").contains(&wanted).then_some(()));

    // A motion analysis on the same stream: its boxes appear over the frames.
    browser.place("Motion analysis");
    browser.wire("video", "motion");
    browser.click(&browser.by_role("button", "Video player player"));
    browser.select_option(&browser.by_role("combobox", "Playback"), "GetMedia: live, from the buffer");
    run_for_a_while(&browser, || canvas_pixels(&browser).0 > 20);
    assert!(text(&browser, ".video-player").contains("Overlay the motion boxes of motion"));
    browser.click(&browser.by_role("button", "Motion analysis motion"));
    browser.wait_for_inspector("Latest events");
    assert!(!browser.find_all(".motion-events li").is_empty(), "the events are listed");
    browser.execute("localStorage.clear();", vec![]);
}
