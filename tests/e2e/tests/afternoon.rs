//! A learner's afternoon (issue 15): typing into the inspector while records flow, the
//! Scenario menu's manners (Esc, a click outside, New that asks, a copy that says so), and
//! shortcuts that leave the console clean. Every test here, as every browser test, fails on a
//! console error.

use shardlab_e2e::{serve_dist, Browser, BACKSPACE, CONTROL, END, ENTER, ESCAPE, TAB};
use std::time::Duration;

/// A producer wired to a one-shard stream.
fn producer_and_stream(browser: &Browser) {
    browser.place("Producer");
    browser.place("Data stream");
    browser.wire("producer", "stream");
}

/// Types `text` into `field` a key at a time, slower than the page draws frames, checking
/// after each key that the field still shows what was typed so far.
fn type_slowly(browser: &Browser, field: &shardlab_e2e::Element, text: &str) {
    browser.click(field);
    browser.press(END);
    for _ in 0..browser.field_value(field).len() {
        browser.press(BACKSPACE);
    }
    let mut typed = String::new();
    for c in text.chars() {
        browser.press(&c.to_string());
        typed.push(c);
        // Several frames redraw the running inspector meanwhile.
        std::thread::sleep(Duration::from_millis(150));
        assert_eq!(browser.field_value(field), typed, "the field keeps what is being typed");
    }
}

/// The stream's IncomingRecords, as its chart reports the latest second.
fn incoming_records(browser: &Browser) -> Option<f64> {
    let chart = browser.all_by_role("img", "IncomingRecords per shard (records/s; limit 1,000)").pop()?;
    browser.attribute(&chart, "data-latest")?.parse().ok()
}

#[test]
fn a_rate_typed_while_the_clock_runs_is_kept_and_takes_effect_at_1x_and_60x() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    producer_and_stream(&browser);
    browser.click(&browser.by_role("button", "Play"));
    for (speed, rate) in [("1×", 300.0), ("60×", 700.0)] {
        browser.select_option(&browser.by_role("combobox", "Speed"), speed);
        browser.click(&browser.by_role("button", "Producer producer"));
        let field = browser.by_role("spinbutton", "Records per second");
        type_slowly(&browser, &field, &rate.to_string());
        browser.press(ENTER);
        let canvas = browser.by_role("region", "Pipeline canvas");
        browser.wait_for(&format!("the producer's node at {rate} rec/s"), || {
            browser.text(&canvas).contains(&format!("{rate} rec/s")).then_some(())
        });
        // The stream takes the new rate: its IncomingRecords reach it.
        browser.click(&browser.by_role("button", "Data stream stream"));
        browser.wait_for(&format!("IncomingRecords near {rate} at {speed}"), || {
            incoming_records(&browser).filter(|n| (n - rate).abs() <= rate * 0.1).map(|_| ())
        });
    }
}

#[test]
fn esc_takes_back_a_half_typed_value() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    producer_and_stream(&browser);
    browser.click(&browser.by_role("button", "Play"));
    browser.click(&browser.by_role("button", "Producer producer"));
    let field = browser.by_role("spinbutton", "Records per second");
    let before = browser.field_value(&field);
    type_slowly(&browser, &field, "42");
    browser.press(ESCAPE);
    browser.wait_for("the model's value back in the field", || (browser.field_value(&field) == before).then_some(()));
}

#[test]
fn ctrl_z_undoes_a_placement_without_a_console_error() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    browser.place("Producer");
    browser.click(&browser.by_role("button", "Producer producer"));
    browser.press_chord(CONTROL, "z");
    browser
        .wait_for("the producer to go", || browser.all_by_role("button", "Producer producer").is_empty().then_some(()));
    assert_eq!(browser.console_errors(), Vec::<String>::new(), "Ctrl+Z logs nothing");
}

#[test]
fn the_scenario_menu_closes_on_esc_and_outside_and_gives_the_focus_back() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    let toggle = browser.by_role("button", "Scenario ▾");
    let menu_open = || browser.attribute(&toggle, "aria-expanded").as_deref() == Some("true");
    browser.click(&toggle);
    assert!(menu_open());
    browser.click(&browser.by_role("button", "Copy share link"));
    browser.press(ESCAPE);
    browser.wait_for("the menu to close on Esc", || (!menu_open()).then_some(()));
    assert_eq!(browser.focused_name(), "Scenario ▾", "the focus is back on the menu's button");
    browser.click(&toggle);
    assert!(menu_open());
    browser.click(&browser.by_role("complementary", "Inspector"));
    browser.wait_for("the menu to close on a click outside", || (!menu_open()).then_some(()));
}

#[test]
fn copying_a_share_link_says_whether_it_was_copied() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    browser.place("Producer");
    browser.choose_in_scenario_menu("Copy share link");
    // Headless Chromium may or may not grant the clipboard; either way the page says which,
    // and where it was refused the link is selected for Ctrl+C.
    let said = browser.wait_for("the copy's outcome", || {
        let status = browser.find_all(".scenario-menu [role=status]").pop()?;
        let text = browser.text(&status);
        (!text.is_empty()).then_some(text)
    });
    if said.starts_with("The browser did not allow copying") {
        let field = browser.by_role("textbox", "Share link");
        let selected = browser.execute(
            "const f = arguments[0]; return document.activeElement === f && f.selectionEnd - f.selectionStart === f.value.length;",
            vec![serde_json::json!({ "element-6066-11e4-a52e-4f735dfecac6": field.id() })],
        );
        assert_eq!(selected, serde_json::json!(true), "the link is selected for copying");
    } else {
        assert_eq!(said, "Link copied.");
    }
}

#[test]
fn new_asks_before_discarding_the_canvas_and_can_be_cancelled() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    producer_and_stream(&browser);
    browser.choose_in_scenario_menu("New (empty canvas)");
    let question = browser.by_role("alertdialog", "New (empty canvas)");
    assert!(
        browser.text(&question).contains("The 2 components on this one will be gone"),
        "{}",
        browser.text(&question)
    );
    browser.click(&browser.by_role("button", "Keep this canvas"));
    browser.by_role("button", "Producer producer");
    browser.by_role("button", "Data stream stream");
    // Asked again and confirmed, the canvas is empty.
    browser.click(&browser.by_role("button", "New (empty canvas)"));
    browser.click(&browser.by_role("button", "Discard and start new"));
    browser.wait_for("an empty canvas", || browser.all_by_role("button", "Producer producer").is_empty().then_some(()));
    // An empty canvas has nothing to lose: New does not ask.
    browser.place("Producer");
    browser.click(&browser.by_role("button", "Undo (Ctrl+Z)"));
    browser
        .wait_for("the producer to go", || browser.all_by_role("button", "Producer producer").is_empty().then_some(()));
    browser.choose_in_scenario_menu("New (empty canvas)");
    assert!(browser.all_by_role("alertdialog", "New (empty canvas)").is_empty());
}

#[test]
fn a_first_visit_is_welcomed_once_with_where_to_start() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    let welcome = browser.by_role("region", "Welcome to ShardLab");
    let text = browser.text(&welcome);
    assert!(
        text.contains("Data Streams vs Firehose (side by side)")
            && text.contains("Learn: lessons, quiz and exam practice"),
        "{text}"
    );
    assert!(browser.axe_serious().is_empty(), "{:?}", browser.axe_serious());
    browser.click(&browser.by_role("button", "Start with a blank canvas"));
    browser.wait_for("the welcome to go", || {
        browser.all_by_role("region", "Welcome to ShardLab").is_empty().then_some(())
    });
    // Dismissed, it does not come back: not on reload, not on an empty canvas.
    browser.refresh();
    browser.by_role("button", "Place Producer");
    assert!(browser.all_by_role("region", "Welcome to ShardLab").is_empty(), "the welcome came back after a reload");
}

#[test]
fn the_welcome_opens_a_prepared_scenario() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    browser.click(&browser.by_role("button", "Data Streams vs Firehose (side by side)"));
    browser.wait_for("the prepared scenario", || (browser.find_all(".node").len() > 3).then_some(()));
    assert!(browser.all_by_role("region", "Welcome to ShardLab").is_empty());
}

#[test]
fn the_inspector_redraws_its_figures_at_most_four_times_a_second_while_the_clock_runs() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    browser.click(&browser.by_role("button", "Start with a blank canvas"));
    producer_and_stream(&browser);
    browser.select_option(&browser.by_role("combobox", "Speed"), "60×");
    browser.click(&browser.by_role("button", "Play"));
    browser.click(&browser.by_role("button", "Data stream stream"));
    browser.wait_for("records in the stream", || {
        let cell = browser.find_all(".shard-table td.records").pop()?;
        (browser.text(&cell) != "0").then_some(())
    });
    // Every batch of changes to the stream's live state, over two seconds of a running clock:
    // the page draws some 120 frames meanwhile.
    let batches = browser.execute_async(
        "const done = arguments[0]; const state = document.querySelector('.shard-table').closest('section');
         let batches = 0; const watch = new MutationObserver(() => { batches += 1; });
         watch.observe(state, { subtree: true, childList: true, characterData: true, attributes: true });
         setTimeout(() => { watch.disconnect(); done(batches); }, 2000);",
        vec![],
    );
    let batches = batches.as_u64().unwrap_or(u64::MAX);
    assert!(
        (2..=10).contains(&batches),
        "the live state changed in {batches} batches in 2 s (at most 4 a second, and it does change)"
    );
}

#[test]
fn a_transforms_code_typed_while_the_clock_runs_is_kept() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    browser.click(&browser.by_role("button", "Start with a blank canvas"));
    browser.firehose_with_transform();
    browser.click(&browser.by_role("button", "Play"));
    browser.click(&browser.by_role("button", "Lambda transform transform"));
    let code = browser.by_role("textbox", "Function code (Rhai)");
    browser.click(&code);
    browser.press_chord(CONTROL, END);
    let before = browser.field_value(&code);
    let mut typed = before.clone();
    for c in "\n// kept".chars() {
        browser.press(&c.to_string());
        typed.push(c);
        std::thread::sleep(Duration::from_millis(120));
        assert_eq!(browser.field_value(&code), typed, "the code keeps what is being typed");
    }
    // Leaving the field applies it: the transform keeps the new code.
    browser.press(TAB);
    browser.wait_for("the code applied", || {
        browser.field_value(&browser.by_role("textbox", "Function code (Rhai)")).ends_with("// kept").then_some(())
    });
}
