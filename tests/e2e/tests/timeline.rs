//! Coming back and going back (issue 15): a reload brings back the world where the learner
//! left it — a split shard, a stream made in the console, the clock — and the timeline
//! rewinds to an earlier instant, from which the same run plays again.

use serde_json::json;
use shardlab_e2e::{serve_dist, Browser, ENTER};

fn clock(browser: &Browser) -> String {
    browser.text(&browser.by_role("timer", "Virtual clock"))
}

fn step(browser: &Browser, seconds: usize) {
    for _ in 0..seconds {
        browser.click(&browser.by_role("button", "Step one second"));
    }
}

fn console(browser: &Browser, command: &str) {
    browser.click(&browser.by_role("tab", "Console"));
    let input = browser.by_role("textbox", "AWS CLI command");
    browser.type_text(&input, &format!("{command}{ENTER}"));
}

/// The event log's throttling rows, as text (instant, stream, how many were throttled).
fn throttle_rows(browser: &Browser) -> Vec<String> {
    browser.click(&browser.by_role("tab", "Events"));
    browser.find_all(".event-log tr.bad").iter().map(|row| browser.text(row)).collect()
}

/// A producer wired to a one-shard stream.
fn producer_and_stream(browser: &Browser) {
    browser.place("Producer");
    browser.place("Data stream");
    browser.wire("producer", "stream");
}

/// A producer into a stream whose shard is split, twelve virtual seconds in.
fn split_stream(browser: &Browser) {
    producer_and_stream(browser);
    // The new stream is ACTIVE after five virtual seconds; the split takes five more.
    step(browser, 6);
    browser.click(&browser.by_role("button", "Data stream stream"));
    browser.click(&browser.by_role("button", "Split shardId-000000000000"));
    step(browser, 6);
    browser.wait_for("two lanes in the stream", || (browser.find_all(".lane").len() == 2).then_some(()));
}

/// A producer at 1,500 records/s into a one-shard stream: throttled every second.
fn hot_stream(browser: &Browser) {
    producer_and_stream(browser);
    browser.click(&browser.by_role("button", "Producer producer"));
    browser.set_number("Records per second", "1500");
}

#[test]
fn a_reload_brings_back_the_split_the_console_stream_and_the_clock() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    split_stream(&browser);
    console(&browser, "aws kinesis create-stream --stream-name orders --shard-count 1");
    browser.wait_for("the console's stream on the canvas", || {
        (!browser.all_by_role("button", "Data stream orders").is_empty()).then_some(())
    });
    // The console's stream is CREATING for five virtual seconds.
    step(&browser, 6);
    let before = clock(&browser);
    assert_eq!(before, "00:00:18.000");

    browser.refresh();
    browser.wait_for("the clock where it was", || (clock(&browser) == before).then_some(()));
    // The split's two lanes, and the console stream's one.
    browser.wait_for("three lanes", || (browser.find_all(".lane").len() == 3).then_some(()));
    browser.by_role("button", "Data stream orders");
    // The console's stream is in the world too, ACTIVE since its five seconds passed.
    console(&browser, "aws kinesis describe-stream-summary --stream-name orders");
    let log = browser.by_role("log", "Console output");
    browser.wait_for("the stream ACTIVE", || browser.text(&log).contains("\"StreamStatus\": \"ACTIVE\"").then_some(()));
    // And the run goes on from there.
    step(&browser, 1);
    assert_eq!(clock(&browser), "00:00:19.000");
}

#[test]
fn a_reload_resumes_a_pipeline_with_a_transform_once_the_script_engine_has_loaded() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    // The transform runs in the script engine, which the page fetches on demand: the replay
    // after the reload waits for it, as the clock did.
    browser.firehose_with_transform();
    step(&browser, 70);
    let before = clock(&browser);
    assert_eq!(before, "00:01:10.000");
    let delivered = browser.text(&browser.by_role("button", "S3 bucket bucket"));
    browser.refresh();
    browser.wait_for("the clock where it was", || (clock(&browser) == before).then_some(()));
    assert_eq!(browser.text(&browser.by_role("button", "S3 bucket bucket")), delivered, "the same objects delivered");
}

#[test]
fn rewound_before_a_throttle_the_run_plays_again_to_the_same_throttles() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    hot_stream(&browser);
    step(&browser, 10);
    let first_run = throttle_rows(&browser);
    assert!(first_run.len() >= 4, "throttled every second once ACTIVE: {first_run:?}");

    // An event's instant in the log takes the timeline there.
    let second = first_run[1].split_whitespace().next().expect("an instant").to_string();
    let rows = browser.find_all(".event-log tr.bad");
    let go_to = browser.find_all(".event-log tr.bad .go-to");
    assert_eq!(rows.len(), go_to.len());
    browser.click(&go_to[1]);
    browser.wait_for("the clock at that event", || (clock(&browser) == second).then_some(()));
    assert_eq!(throttle_rows(&browser), first_run[..2].to_vec());
    // Back one second more: before that throttle.
    browser.click(&browser.by_role("button", "Back one second"));
    browser.wait_for("a second earlier", || (throttle_rows(&browser) == first_run[..1].to_vec()).then_some(()));

    // The scrubber still reaches ten seconds, where the first run was.
    let scrubber = browser.by_role("slider", "Rewind to an earlier instant");
    assert_eq!(browser.attribute(&scrubber, "max").as_deref(), Some("10000"));
    // Played again from here, the run throttles the same writes at the same instants.
    let now = clock(&browser);
    let seconds: usize = now[6..8].parse().expect("the clock's seconds");
    step(&browser, 10 - seconds);
    assert_eq!(clock(&browser), "00:00:10.000");
    assert_eq!(throttle_rows(&browser), first_run);

    // Going back and dragging the scrubber to an instant: the world of that instant.
    browser.click(&browser.by_role("button", "Back one second"));
    let scrubber = browser.by_role("slider", "Rewind to an earlier instant");
    let script = "const [el, v] = arguments; el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true}));";
    browser.execute(script, vec![json!({ "element-6066-11e4-a52e-4f735466cecf": scrubber.id() }), json!("4500")]);
    browser.wait_for("the clock at 4.5 s", || (clock(&browser) == "00:00:04.500").then_some(()));
}

#[test]
fn acting_after_a_rewind_starts_a_new_branch_that_a_reload_keeps() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    hot_stream(&browser);
    step(&browser, 8);
    browser.click(&browser.by_role("button", "Back one second"));
    browser.click(&browser.by_role("button", "Back one second"));
    assert_eq!(clock(&browser), "00:00:06.000");
    // A slower producer from here: the old seconds 7 and 8 are gone from the scrubber.
    browser.click(&browser.by_role("button", "Producer producer"));
    browser.set_number("Records per second", "500");
    let scrubber = browser.by_role("slider", "Rewind to an earlier instant");
    browser.wait_for("the scrubber ending now", || {
        (browser.attribute(&scrubber, "max").as_deref() == Some("6000")).then_some(())
    });
    step(&browser, 4);
    let rows = throttle_rows(&browser);
    browser.refresh();
    browser.wait_for("the clock where it was", || (clock(&browser) == "00:00:10.000").then_some(()));
    assert_eq!(throttle_rows(&browser), rows, "the new branch came back, not the old one");
}

#[test]
fn a_link_to_a_moment_opens_the_run_where_the_sender_was() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    split_stream(&browser);
    let at = clock(&browser);
    browser.click(&browser.by_role("button", "Scenario ▾"));
    browser.click(
        &browser.by_role("checkbox", "Open at this instant: include the run so far (every action and the clock)"),
    );
    browser.click(&browser.by_role("button", "Copy share link"));
    let link = browser.field_value(&browser.by_role("textbox", "Share link"));
    assert!(link.contains("#m="), "a link to the moment: {link}");

    // Someone else, with nothing saved, opens it: the split and the clock are there.
    let other = Browser::start();
    other.goto(&link);
    other.wait_for("the sender's instant", || (clock(&other) == at).then_some(()));
    other.wait_for("the split's two lanes", || (other.find_all(".lane").len() == 2).then_some(()));
    // The link is the learner's work now: a reload keeps it, without the link.
    other.refresh();
    other.wait_for("the instant after a reload", || (clock(&other) == at).then_some(()));
    assert!(!other.execute("return location.href;", vec![]).as_str().unwrap_or_default().contains("#m="));
}
