//! Nobody locked out: the page driven by the keyboard alone, and what axe-core (WCAG 2.2 A and
//! AA) finds on it in the states a learner meets.

use shardlab_e2e::{serve_dist, Browser, ARROW_DOWN, ARROW_UP, ENTER, ESCAPE, SPACE};

/// Counts every pointer and mouse event the page receives, and clicks a pointer made (a click
/// from the keyboard has `detail` 0), so a test can show it used none.
const COUNT_POINTER_EVENTS: &str = "window.__pointer = 0;
    for (const t of ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'dblclick', 'contextmenu'])
        addEventListener(t, () => window.__pointer++, true);
    addEventListener('click', e => { if (e.detail > 0) window.__pointer++; }, true);";

fn announced(browser: &Browser) -> String {
    browser
        .execute("return document.querySelector('.announcer').textContent", vec![])
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn wait_announced(browser: &Browser, text: &str) {
    browser.wait_for(&format!("the live region to say '{text}'"), || (announced(browser) == text).then_some(()));
}

/// Tab forwards to the control named `name` and press Enter on it.
fn activate(browser: &Browser, name: &str) {
    browser.tab_to(name, false, 250);
    browser.press(ENTER);
}

/// The same, with Shift+Tab: for a control earlier on the page.
fn activate_back(browser: &Browser, name: &str) {
    browser.tab_to(name, true, 250);
    browser.press(ENTER);
}

#[test]
fn a_new_user_builds_runs_and_unwires_a_pipeline_with_the_keyboard_only() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    browser.by_role("button", "Play");
    browser.execute(COUNT_POINTER_EVENTS, vec![]);

    for kind in ["Producer", "Data stream", "Consumer (GetRecords)", "Consumer (GetRecords)"] {
        activate(&browser, &format!("Place {kind}"));
    }
    browser.by_role("button", "Consumer (GetRecords) consumer-2");

    // Enter on an output port starts a wire (the same notice the mouse gets), and the focus
    // goes to the first input that takes it: the producer's only possible target.
    activate(&browser, "Output of producer");
    browser.wait_for("the wiring notice", || {
        browser.find_all(".canvas-hint").first().map(|h| browser.text(h)).filter(|t| t.contains("producer"))
    });
    browser.wait_for("the focus on the stream's input", || (browser.focused_name() == "Input of stream").then_some(()));
    // Inputs that refuse the wire say why.
    let why = browser.execute(
        "return document.querySelector('.port.in.refusing[data-component=\"consumer\"] title')?.textContent",
        vec![],
    );
    assert!(why.as_str().is_some_and(|t| t.contains("read from a Kinesis data stream")), "{why}");
    browser.press(ENTER);
    wait_announced(&browser, "Wired producer to stream.");
    browser.by_role("img", "Wire from producer to stream");

    // From the stream (Space starts a wire as Enter does), the arrow keys walk the two
    // consumers' inputs.
    browser.tab_to("Output of stream", false, 250);
    browser.press(SPACE);
    browser
        .wait_for("the focus on the first consumer", || (browser.focused_name() == "Input of consumer").then_some(()));
    browser.press(ARROW_DOWN);
    assert_eq!(browser.focused_name(), "Input of consumer-2");
    browser.press(ARROW_DOWN);
    assert_eq!(browser.focused_name(), "Input of consumer", "the walk wraps around");
    browser.press(ARROW_UP);
    assert_eq!(browser.focused_name(), "Input of consumer-2");
    browser.press(ENTER);
    wait_announced(&browser, "Wired stream to consumer-2.");

    // Esc cancels a wire and gives the focus back to the output it started from.
    activate_back(&browser, "Output of stream");
    browser.wait_for("the focus on an input", || browser.focused_name().starts_with("Input of").then_some(()));
    browser.press(ESCAPE);
    wait_announced(&browser, "Wire cancelled.");
    assert_eq!(browser.focused_name(), "Output of stream");
    assert!(browser.find_all(".canvas-hint").is_empty(), "no wire is being drawn");

    // The inspector's "Connect to…" is the second way: select the stream (Enter on its
    // node), pick the first consumer, connect.
    activate_back(&browser, "Data stream stream");
    let list = browser.by_role("combobox", "Connect to…");
    let options = browser.execute(
        "return [...arguments[0].options].map(o => o.text)",
        vec![serde_json::json!({"element-6066-11e4-a52e-4f735466cecf": list.id()})],
    );
    assert_eq!(options, serde_json::json!(["Consumer (GetRecords) consumer"]), "only what takes the wire is offered");
    activate(&browser, "Connect");
    wait_announced(&browser, "Wired stream to consumer.");

    // Play, and records flow to the consumers.
    activate_back(&browser, "Play");
    browser.wait_for("the consumer to process records", || {
        let text = browser.text(&browser.find_all("#node-status-consumer-2").pop()?);
        let processed: u64 = text.split_whitespace().last()?.replace(',', "").parse().ok()?;
        (processed > 0).then_some(())
    });
    browser.tab_to("Pause", true, 250);
    browser.press(ENTER);

    // The wire's remove control answers Enter.
    activate(&browser, "Remove the wire from stream to consumer-2");
    wait_announced(&browser, "Removed the wire from stream to consumer-2.");
    browser.wait_for("the wire to go", || {
        browser.all_by_role("img", "Wire from stream to consumer-2").is_empty().then_some(())
    });
    browser.by_role("img", "Wire from stream to consumer");

    let pointer = browser.execute("return window.__pointer", vec![]);
    assert_eq!(pointer, serde_json::json!(0), "no pointer or mouse event was used");
}

#[test]
fn axe_finds_nothing_serious_fresh_loaded_or_in_chinese_and_dark() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    browser.by_role("button", "Play");
    let fresh = browser.axe_serious();
    assert!(fresh.is_empty(), "the fresh page: {fresh:#?}");

    browser.choose_in_scenario_menu("Data Streams vs Firehose (side by side)");
    browser.select_option(&browser.by_role("combobox", "Speed"), "60×");
    browser.click(&browser.by_role("button", "Play"));
    browser.click(&browser.by_role("button", "Firehose delivery stream clicks-to-s3"));
    browser.wait_for_inspector("interval elapsed");
    let loaded = browser.axe_serious();
    assert!(loaded.is_empty(), "the prepared scenario, Firehose selected: {loaded:#?}");

    browser.click(&browser.by_role("button", "Data stream clicks"));
    browser.click(&browser.by_role("button", "繁體中文"));
    browser.click(&browser.by_role("button", "深色主題"));
    browser.wait_for("the dark theme", || {
        (browser.execute("return document.documentElement.dataset.theme", vec![]) == "dark").then_some(())
    });
    let zh_dark = browser.axe_serious();
    assert!(zh_dark.is_empty(), "in 繁中 and dark, the stream selected: {zh_dark:#?}");
}
