//! Firehose in the page, as a new user builds it: a producer → Firehose (with a Lambda
//! transform) → S3, run, then an S3 object opened and read: its content is the transformed
//! records. And the prepared side-by-side lesson: replay works on the stream, not on Firehose.

use shardlab_e2e::{serve_dist, Browser};

#[test]
fn producer_to_firehose_with_a_transform_to_s3_then_read_an_object() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    browser.firehose_with_transform();

    // The transform: JSON → CSV, tried on sample records first.
    browser.click(&browser.by_role("button", "Lambda transform transform"));
    browser.select_option(&browser.by_role("combobox", "Start from a template"), "JSON → CSV");
    browser.set_number("Transform buffer interval (s)", "5");
    // The script engine is a module of its own, fetched now: Test waits for it.
    let test = browser.by_role("button", "Test with sample records");
    browser.wait_for("the script engine", || browser.attribute(&test, "disabled").is_none().then_some(()));
    browser.click(&test);
    let results = browser.by_role("region", "Results");
    browser.wait_for("the test's results", || {
        let text = browser.text(&results);
        (text.contains("\"recordId\"") && text.contains(" Ok: ") && !text.contains("Ok: {")).then_some(())
    });

    // Firehose flushes every 10 s.
    browser.click(&browser.by_role("button", "Firehose delivery stream firehose"));
    browser.set_number("Buffer interval (s)", "10");
    browser.select_option(&browser.by_role("combobox", "Speed"), "10×");
    browser.click(&browser.by_role("button", "Play"));
    // The buffer fills on the canvas, then flushes on the interval.
    browser.wait_for("a flush on the interval", || {
        let text = browser.text(&browser.by_role("complementary", "Inspector"));
        text.contains("interval elapsed").then_some(())
    });
    browser.click(&browser.by_role("button", "Pause"));

    browser.click(&browser.by_role("button", "S3 bucket bucket"));
    let object = browser.wait_for("an object in the bucket", || browser.find_all(".object-row").into_iter().next());
    browser.click(&object);
    let body =
        browser.wait_for("the object's contents", || browser.find_all(".object-body pre.body").into_iter().next());
    let text = browser.text(&body);
    let lines: Vec<&str> = text.lines().collect();
    assert!(!lines.is_empty(), "the object has records");
    for line in lines {
        assert!(!line.contains('{'), "every record was turned into CSV: {line}");
        assert_eq!(line.split(',').count(), 5, "the clickstream record's 5 values: {line}");
    }
}

#[test]
fn the_side_by_side_lesson_replays_the_stream_and_has_nothing_to_replay_in_firehose() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    browser.choose_in_scenario_menu("Data Streams vs Firehose (side by side)");
    browser.select_option(&browser.by_role("combobox", "Speed"), "60×");
    browser.click(&browser.by_role("button", "Play"));
    browser.click(&browser.by_role("button", "Firehose delivery stream clicks-to-s3"));
    browser.wait_for_inspector("interval elapsed");
    browser.click(&browser.by_role("button", "Pause"));
    browser.by_role("img", "End-to-end latency (ms)");
    browser.click(&browser.by_role("button", "Replay from the start"));
    browser.wait_for("Firehose's answer", || {
        let alerts = browser.find_all(".notice");
        alerts.iter().any(|a| browser.text(a).contains("nothing to replay")).then_some(())
    });
    browser.click(&browser.by_role("button", "Consumer (GetRecords) dashboard"));
    browser.click(&browser.by_role("button", "Replay from the start"));
    browser.wait_for("the stream's rewind", || {
        let alerts = browser.find_all(".notice");
        alerts.iter().any(|a| browser.text(a).contains("back at TRIM_HORIZON")).then_some(())
    });
}

#[test]
fn an_opensearch_destination_shows_its_documents_and_an_outage() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    for kind in ["Producer", "Firehose delivery stream", "OpenSearch index"] {
        browser.place(kind);
    }
    browser.wire("producer", "firehose");
    browser.wire("firehose", "opensearch");
    browser.click(&browser.by_role("button", "Firehose delivery stream firehose"));
    browser.set_number("Buffer interval (s)", "5");
    browser.click(&browser.by_role("button", "OpenSearch index opensearch"));
    browser.select_option(&browser.by_role("combobox", "Speed"), "10×");
    browser.click(&browser.by_role("button", "Play"));
    browser.wait_for("indexed documents", || (!browser.find_all(".doc-list li").is_empty()).then_some(()));
    // Firehose rotates the index daily (AWS's default): the documents are in index-YYYY-MM-DD.
    let inspector = browser.text(&browser.by_role("complementary", "Inspector"));
    assert!(inspector.contains("-2026-01-01"), "the rotated index is named: {inspector}");
    // An outage: the destination says so, on the node and in the inspector.
    browser.click(&browser.by_role("checkbox", "Available (untick for an outage)"));
    browser.wait_for("the outage shown", || {
        let text = browser.text(&browser.by_role("complementary", "Inspector"));
        text.contains("unavailable").then_some(())
    });
    browser.click(&browser.by_role("button", "Pause"));
}
