//! The learner's afternoon on a phone (issue 15): Chromium's mobile emulation of a 390 × 844
//! screen, driven by touch. The canvas has the screen; the palette and the inspector slide
//! over it from the top bar's buttons; a tap places a component; two fingers zoom. The core
//! walk-through of the wide page passes here too: a rate typed while the clock runs takes
//! effect, a split and a console stream and the clock come back after a reload, the timeline
//! steps back, New asks, Esc closes what is open.

use shardlab_e2e::{serve_dist, Browser, Element, BACKSPACE, END, ENTER, ESCAPE};

fn clock(browser: &Browser) -> String {
    browser.text(&browser.by_role("timer", "Virtual clock"))
}

fn expanded(browser: &Browser, el: &Element) -> bool {
    browser.attribute(el, "aria-expanded").as_deref() == Some("true")
}

/// Opens the panel behind the top bar's button `name` ("Components", "Inspector").
fn open_panel(browser: &Browser, name: &str) {
    let toggle = browser.by_role("button", name);
    if !expanded(browser, &toggle) {
        browser.tap(&toggle);
    }
    browser.wait_for(&format!("the {name} panel open"), || expanded(browser, &toggle).then_some(()));
}

/// The visible width and height of the element `css`, and whether it is shown at all.
fn rect(browser: &Browser, css: &str) -> (f64, f64, bool) {
    let script = "const el = document.querySelector(arguments[0]); const r = el.getBoundingClientRect(); \
                  return [r.width, r.height, getComputedStyle(el).visibility === 'visible'];";
    let v = browser.execute(script, vec![serde_json::json!(css)]);
    (v[0].as_f64().unwrap_or_default(), v[1].as_f64().unwrap_or_default(), v[2] == true)
}

/// The canvas's zoom, as its scene's transform says.
fn zoom(browser: &Browser) -> f64 {
    let transform = browser.attribute(&browser.find_all(".scene")[0], "transform").unwrap_or_default();
    let scale = transform.split("scale(").nth(1).unwrap_or_default().trim_end_matches(')');
    scale.parse().unwrap_or_else(|_| panic!("no scale in {transform}"))
}

/// The canvas's pan, as its scene's transform says.
fn translate(browser: &Browser) -> String {
    let transform = browser.attribute(&browser.find_all(".scene")[0], "transform").unwrap_or_default();
    transform.split(" scale(").next().unwrap_or_default().to_string()
}

/// Taps `component`'s node and opens the inspector on it.
fn inspect(browser: &Browser, component: &str) {
    browser.tap(&browser.by_role("button", component));
    open_panel(browser, "Inspector");
    browser.wait_for_inspector(component.split(' ').next_back().unwrap_or_default());
}

#[test]
fn on_a_phone_the_core_walk_through_works_by_touch() {
    let url = serve_dist();
    let browser = Browser::start_phone();
    browser.goto(&url);
    browser.tap(&browser.by_role("button", "Start with a blank canvas"));

    // The canvas has the screen; both panels are closed, and nothing scrolls sideways.
    let (width, height, _) = rect(&browser, ".canvas");
    assert!(width >= 380.0 && height >= 380.0, "the canvas is {width} × {height}");
    assert!(!rect(&browser, ".palette").2 && !rect(&browser, ".inspector").2, "both panels start closed");
    let scroll_width = browser.execute("return document.documentElement.scrollWidth;", vec![]);
    assert!(scroll_width.as_f64().unwrap_or(1e9) <= 390.0, "the page is {scroll_width} px wide");

    // A tap on a palette item places it, closes the palette and shows the node.
    for (kind, node) in [("Producer", "Producer producer"), ("Data stream", "Data stream stream")] {
        open_panel(&browser, "Components");
        browser.tap(&browser.by_role("button", &format!("Place {kind}")));
        let toggle = browser.by_role("button", "Components");
        browser.wait_for("the palette to close", || (!expanded(&browser, &toggle)).then_some(()));
        browser.wait_for("the palette slid away", || (!rect(&browser, ".palette").2).then_some(()));
        let shown = browser.execute(
            "const r = arguments[0].getBoundingClientRect(); const c = document.querySelector('.canvas').getBoundingClientRect(); \
             return r.left >= c.left && r.right <= c.right && r.top >= c.top && r.bottom <= c.bottom;",
            vec![serde_json::json!({ "element-6066-11e4-a52e-4f735466cecf": browser.by_role("button", node).id() })],
        );
        assert_eq!(shown, serde_json::json!(true), "{node} is placed in view");
    }
    browser.tap(&browser.by_role("button", "Output of producer"));
    browser.tap(&browser.by_role("button", "Input of stream"));
    browser.wait_for("the wire", || (browser.find_all(".wire").len() == 1).then_some(()));

    // A rate typed while the clock runs takes effect.
    browser.tap(&browser.by_role("button", "Play"));
    inspect(&browser, "Producer producer");
    let field = browser.by_role("spinbutton", "Records per second");
    browser.tap(&field);
    browser.press(END);
    for _ in 0..browser.field_value(&field).len() {
        browser.press(BACKSPACE);
    }
    browser.press("300");
    browser.press(ENTER);
    let canvas = browser.by_role("region", "Pipeline canvas");
    browser.wait_for("the producer at 300 rec/s", || browser.text(&canvas).contains("300 rec/s").then_some(()));
    // Esc closes the inspector and gives the focus back to its button.
    browser.press(ESCAPE);
    let toggle = browser.by_role("button", "Inspector");
    browser.wait_for("the inspector to close on Esc", || (!expanded(&browser, &toggle)).then_some(()));
    assert_eq!(browser.focused_name(), "Inspector");
    inspect(&browser, "Data stream stream");
    browser.wait_for("IncomingRecords near 300", || {
        let chart = browser.all_by_role("img", "IncomingRecords per shard (records/s; limit 1,000)").pop()?;
        let latest: f64 = browser.attribute(&chart, "data-latest")?.parse().ok()?;
        ((latest - 300.0).abs() <= 30.0).then_some(())
    });
    // The stream's long inspector scrolls inside its panel: the page itself stays one screen.
    let page = browser.execute("return [document.documentElement.scrollHeight, innerHeight];", vec![]);
    assert!(page[0].as_f64() <= page[1].as_f64(), "the page is taller than the screen: {page}");

    // Split the shard, make a stream in the console, pause: a reload brings all of it back.
    browser.tap(&browser.by_role("button", "Split shardId-000000000000"));
    browser.wait_for("two lanes in the stream", || (browser.find_all(".lane").len() == 2).then_some(()));
    // A tap on the strip of canvas the inspector leaves uncovered closes it.
    let top = browser.execute("return document.querySelector('.canvas').getBoundingClientRect().top;", vec![]);
    browser.tap_at(12, top.as_f64().unwrap_or_default() as i64 + 120);
    browser.wait_for("the inspector to close", || (!rect(&browser, ".inspector").2).then_some(()));
    browser.tap(&browser.by_role("tab", "Console"));
    let input = browser.by_role("textbox", "AWS CLI command");
    browser.tap(&input);
    browser.type_text(&input, &format!("aws kinesis create-stream --stream-name orders --shard-count 1{ENTER}"));
    browser.wait_for("the console's stream", || {
        (!browser.all_by_role("button", "Data stream orders").is_empty()).then_some(())
    });
    browser.tap(&browser.by_role("button", "Pause"));
    let before = clock(&browser);
    browser.refresh();
    browser.wait_for("the clock where it was", || (clock(&browser) == before).then_some(()));
    browser.wait_for("three lanes", || (browser.find_all(".lane").len() == 3).then_some(()));
    browser.by_role("button", "Data stream orders");

    // The timeline steps back a second.
    browser.tap(&browser.by_role("button", "Back one second"));
    let back = clock(&browser);
    assert!(back < before, "{back} is before {before}");

    // New asks and can be cancelled; Esc closes the menu.
    let menu = browser.by_role("button", "Scenario ▾");
    browser.tap(&menu);
    browser.tap(&browser.by_role("button", "New (empty canvas)"));
    browser.by_role("alertdialog", "New (empty canvas)");
    browser.tap(&browser.by_role("button", "Keep this canvas"));
    browser.press(ESCAPE);
    browser.wait_for("the menu to close on Esc", || (!expanded(&browser, &menu)).then_some(()));
    assert_eq!(browser.find_all(".lane").len(), 3, "the canvas was kept");

    // Two fingers spread apart zoom in.
    let zoom_before = zoom(&browser);
    browser.pinch(&browser.by_role("region", "Pipeline canvas"), 80.0, 160.0);
    browser.wait_for("the canvas zoomed in", || (zoom(&browser) > zoom_before * 1.5).then_some(()));
    // The pinch is over when the fingers are up: one finger pans again, at the new zoom.
    let (zoomed, at) = (zoom(&browser), translate(&browser));
    browser.swipe(&browser.by_role("region", "Pipeline canvas"), 60, 40);
    browser.wait_for("the canvas panned by one finger", || (translate(&browser) != at).then_some(()));
    assert_eq!(zoom(&browser), zoomed, "a one-finger drag does not zoom");
}

#[test]
fn at_360_px_the_top_bar_wraps_without_overlap_and_nothing_scrolls_sideways() {
    let url = serve_dist();
    let browser = Browser::start();
    // A 360 × 740 phone's screen: the window is larger by the browser's own bars.
    browser.set_window(360, 880);
    browser.goto(&url);
    browser.click(&browser.by_role("button", "Start with a blank canvas"));
    for lang in ["English", "繁體中文"] {
        browser.click(&browser.by_role("button", lang));
        // Every control of the top bar, as drawn: no two overlap (a segmented group's buttons
        // share their 1 px border).
        let overlaps = browser.execute(
            "const boxes = [...document.querySelectorAll('.top-bar button, .top-bar select, .top-bar .clock')]
                 .filter(el => el.offsetParent !== null).map(el => [el.textContent.trim() || el.getAttribute('aria-label'), el.getBoundingClientRect()]);
             const hit = [];
             for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
                 const [a, r] = boxes[i], [b, q] = boxes[j];
                 if (r.left < q.right - 1.5 && q.left < r.right - 1.5 && r.top < q.bottom - 1.5 && q.top < r.bottom - 1.5) hit.push(a + ' / ' + b);
             }
             return [hit, document.documentElement.scrollWidth, innerWidth, document.querySelector('.canvas').getBoundingClientRect().height, innerHeight];",
            vec![],
        );
        assert_eq!(overlaps[0], serde_json::json!([]), "controls of the top bar overlap in {lang}");
        assert!(overlaps[1].as_f64() <= overlaps[2].as_f64(), "the page scrolls sideways in {lang}: {overlaps}");
        let (canvas, screen) = (overlaps[3].as_f64().unwrap_or_default(), overlaps[4].as_f64().unwrap_or_default());
        assert!(canvas >= 0.4 * screen, "the canvas is {canvas} px of {screen} in {lang}");
    }
}
