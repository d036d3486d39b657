//! The canvas as a new user works it: place, wire, run, throttle, refuse, split, reload.

use shardlab_e2e::{serve_dist, Browser};

fn records_in_shard_table(browser: &Browser) -> Vec<u64> {
    browser
        .find_all(".shard-table td.records")
        .iter()
        .map(|cell| browser.text(cell).replace(',', "").parse().unwrap_or(0))
        .collect()
}

/// A producer wired to a one-shard stream, the stream selected in the inspector.
fn producer_and_stream(browser: &Browser) {
    browser.place("Producer");
    browser.place("Data stream");
    browser.wire("producer", "stream");
    browser.click(&browser.by_role("button", "Data stream stream"));
}

/// The same, with the producer at 1,500 records/s: over one shard's 1,000.
fn hot_producer_and_stream(browser: &Browser) {
    producer_and_stream(browser);
    browser.click(&browser.by_role("button", "Producer producer"));
    browser.set_number("Records per second", "1500");
}

#[test]
fn a_wired_producer_fills_its_stream_when_played() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    producer_and_stream(&browser);
    browser.select_option(&browser.by_role("combobox", "Speed"), "10×");
    browser.click(&browser.by_role("button", "Play"));
    browser.wait_for("records to arrive in the shard", || {
        (records_in_shard_table(&browser).first().copied().unwrap_or(0) > 200).then_some(())
    });
    // The IncomingRecords chart rises to the producer's 100 records a second.
    let chart = browser.by_role("img", "IncomingRecords per shard (records/s; limit 1,000)");
    browser.wait_for("IncomingRecords on the chart", || {
        (browser.attribute(&chart, "data-latest")?.parse::<f64>().ok()? >= 90.0).then_some(())
    });
    // In Chinese too, on a phone, every chart's title fits its figure: no caption is wider
    // than its box, and no box wider than the chart.
    browser.click(&browser.by_role("button", "繁體中文"));
    browser.set_window(390, 844);
    let overflow = browser.execute(
        "return [...document.querySelectorAll('.chart')].map(f => { const c = f.querySelector('figcaption'); \
         return [c.textContent, c.scrollWidth > c.clientWidth || c.getBoundingClientRect().width > f.getBoundingClientRect().width + 0.5]; });",
        vec![],
    );
    let charts = overflow.as_array().cloned().unwrap_or_default();
    assert!(charts.len() >= 4, "the stream's charts are shown: {charts:?}");
    for c in &charts {
        assert!(c[0].as_str().is_some_and(|t| !t.is_ascii()), "a Chinese title: {c:?}");
        assert_eq!(c[1], false, "the title {} overflows its chart", c[0]);
    }
}

#[test]
fn over_1000_records_a_second_throttles_the_shard() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    hot_producer_and_stream(&browser);
    browser.click(&browser.by_role("button", "Play"));
    browser.wait_for("throttled writes at the producer", || {
        let text = browser.text(&browser.by_role("complementary", "Inspector"));
        let throttled = text
            .lines()
            .skip_while(|l| !l.contains("Throttled attempts"))
            .nth(1)?
            .replace(',', "")
            .trim()
            .parse::<u64>()
            .ok()?;
        (throttled > 0).then_some(())
    });
    // …the stream's chart shows them, and red dots bounce back to the producer.
    browser.click(&browser.by_role("button", "Data stream stream"));
    let throttles = browser.by_role("img", "WriteProvisionedThroughputExceeded per shard");
    browser.wait_for("throttles on the chart", || {
        (browser.attribute(&throttles, "data-latest")?.parse::<f64>().ok()? > 0.0).then_some(())
    });
    browser.wait_for("bounced records on the canvas", || {
        let layer = browser.find_all(".canvas-records").into_iter().next()?;
        (browser.attribute(&layer, "data-bouncing")?.parse::<u32>().ok()? > 0).then_some(())
    });
}

#[test]
fn a_producer_cannot_be_wired_straight_to_a_consumer() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    browser.place("Producer");
    browser.place("Consumer (GetRecords)");
    browser.wire("producer", "consumer");
    let alert = browser.by_role("alert", "Message");
    assert!(browser.text(&alert).contains("consumers read from a Kinesis data stream"), "{}", browser.text(&alert));
    assert!(browser.all_by_role("img", "Wire from producer to consumer").is_empty(), "no wire was made");
}

#[test]
fn splitting_the_shard_gives_two_lanes_and_the_pipeline_survives_a_reload() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    producer_and_stream(&browser);
    // A new stream is CREATING for five virtual seconds: AWS refuses a split meanwhile.
    browser.click(&browser.by_role("button", "Split shardId-000000000000"));
    let alert = browser.by_role("alert", "Message");
    assert!(browser.text(&alert).contains("ResourceInUseException"), "{}", browser.text(&alert));
    for _ in 0..6 {
        browser.click(&browser.by_role("button", "Step one second"));
    }
    browser.click(&browser.by_role("button", "Split shardId-000000000000"));
    // The split takes effect when UPDATING ends, five virtual seconds later.
    for _ in 0..6 {
        browser.click(&browser.by_role("button", "Step one second"));
    }
    browser.wait_for("two lanes in the stream", || (browser.find_all(".lane").len() == 2).then_some(()));
    browser.refresh();
    browser.by_role("button", "Producer producer");
    browser.by_role("button", "Data stream stream");
    browser.by_role("img", "Wire from producer to stream");
}

#[test]
fn undo_and_redo_take_back_and_restore_an_edit() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    browser.place("Producer");
    browser.click(&browser.by_role("button", "Undo (Ctrl+Z)"));
    browser
        .wait_for("the producer to go", || browser.all_by_role("button", "Producer producer").is_empty().then_some(()));
    browser.click(&browser.by_role("button", "Redo (Ctrl+Shift+Z)"));
    browser.by_role("button", "Producer producer");
}

#[test]
fn a_share_link_opens_the_same_pipeline_in_a_fresh_browser_and_a_broken_one_harms_nothing() {
    let url = serve_dist();
    let link = {
        let browser = Browser::start();
        browser.goto(&url);
        producer_and_stream(&browser);
        browser.click(&browser.by_role("button", "Scenario ▾"));
        browser.click(&browser.by_role("button", "Copy share link"));
        let field = browser.by_role("textbox", "Share link");
        browser
            .execute(
                "return arguments[0].value",
                vec![serde_json::json!({ "element-6066-11e4-a52e-4f735466cecf": field.id() })],
            )
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(link.contains("#s="), "{link}");
    // A fresh profile: nothing autosaved, only the link.
    let browser = Browser::start();
    browser.goto(&link);
    browser.by_role("button", "Producer producer");
    browser.by_role("button", "Data stream stream");
    browser.by_role("img", "Wire from producer to stream");

    // A truncated link: a clear message, and the pipeline just opened is still there.
    let broken = &link[..link.len() - 12];
    browser.goto(&format!("{url}?again{}", &broken[url.len()..]));
    let alert = browser.by_role("alert", "Message");
    assert!(browser.text(&alert).contains("your current work is unchanged"), "{}", browser.text(&alert));
    browser.by_role("button", "Producer producer");
}

#[test]
fn a_record_can_be_followed_from_its_key_to_its_shard_and_sequence_number() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    producer_and_stream(&browser);
    for _ in 0..8 {
        browser.click(&browser.by_role("button", "Step one second"));
    }
    browser.click(&browser.by_role("button", "Data stream stream"));
    let row = browser.wait_for("a record to follow", || browser.find_all(".record-row").into_iter().next());
    let name = browser.name(&row);
    let row_text = name.strip_prefix("Follow record ").expect("the row is named after its record");
    let seq = row_text.split_whitespace().last().expect("shard, key and sequence number").to_string();
    browser.click(&row);
    let panel = browser.by_role("tabpanel", "Record");
    let text = browser.wait_for("the record inspector", || {
        let t = browser.text(&panel);
        t.contains(&seq).then_some(t)
    });
    for expected in
        ["Partition key", "MD5 hash key (hex)", "Sequence number", "written to shardId-000000000000 of stream"]
    {
        assert!(text.contains(expected), "{expected} missing from {text}");
    }
}

#[test]
fn the_event_log_narrows_to_throttling_and_a_row_selects_its_component() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    hot_producer_and_stream(&browser);
    for _ in 0..8 {
        browser.click(&browser.by_role("button", "Step one second"));
    }
    browser.click(&browser.by_role("tab", "Events"));
    browser.select_option(&browser.by_role("combobox", "Show events about"), "throttling");
    let rows = browser.wait_for("throttling events", || {
        let rows = browser.find_all(".event-log tbody tr");
        (!rows.is_empty()).then_some(rows)
    });
    for row in &rows {
        assert!(browser.text(row).contains("writes throttled on shardId-000000000000"), "{}", browser.text(row));
    }
    browser.click(&browser.by_role("button", "Producer producer"));
    browser.click(&rows[0]);
    browser.wait_for("the stream to be selected", || {
        browser.text(&browser.by_role("complementary", "Inspector")).contains("Data stream · stream").then_some(())
    });
}

#[test]
fn a_component_can_be_dragged_in_from_the_palette_and_moved_with_the_keyboard() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    // The app starts once its build is fetched (www/boot.js): wait for its canvas.
    browser.wait_for("the canvas", || (!browser.find_all(".canvas").is_empty()).then_some(()));
    // The HTML drag and drop a mouse makes, dispatched as the browser would.
    let script = "const dt = new DataTransfer(); dt.setData('application/x-shardlab-kind', 'stream');
                  const canvas = document.querySelector('.canvas'); const r = canvas.getBoundingClientRect();
                  canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, clientX: r.left + 400, clientY: r.top + 200, bubbles: true }));";
    browser.execute(script, vec![]);
    let node = browser.by_role("button", "Data stream stream");
    let before = browser.attribute(&browser.find_all(".node").remove(0), "transform").unwrap_or_default();
    browser.type_text(&node, "\u{E014}"); // →
    browser.wait_for("the node to move right", || {
        let after = browser.attribute(&browser.find_all(".node").remove(0), "transform").unwrap_or_default();
        (after != before).then_some(())
    });
}

#[test]
fn every_kind_of_component_can_be_duplicated() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    let kinds = [
        ("Producer", "producer"),
        ("Data stream", "stream"),
        ("Consumer (GetRecords)", "consumer"),
        ("KCL application", "kcl-app"),
        ("Enhanced fan-out consumer", "efo-consumer"),
        ("Lambda function", "lambda"),
        ("Firehose delivery stream", "firehose"),
        ("Lambda transform", "transform"),
        ("S3 bucket", "bucket"),
        ("Redshift table", "redshift"),
        ("OpenSearch index", "opensearch"),
        ("HTTP endpoint", "endpoint"),
    ];
    for (name, slug) in kinds {
        browser.place(name);
        browser.click(&browser.by_role("button", &format!("{name} {slug}")));
        browser.click(&browser.by_role("button", "Duplicate"));
        // The copy exists under a new id (and, where AWS wants one, a new name); it is
        // selected. Both go again, so the next kind has room on the canvas.
        browser.by_role("button", &format!("{name} {slug}-2"));
        browser.click(&browser.by_role("button", "Delete"));
        browser.click(&browser.by_role("button", &format!("{name} {slug}")));
        browser.click(&browser.by_role("button", "Delete"));
    }
}

#[test]
fn a_shard_full_on_bytes_shows_hot_though_far_below_1000_records() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    producer_and_stream(&browser);
    browser.click(&browser.by_role("button", "Producer producer"));
    // 200 records/s of 8,000 bytes: 1.6 MB/s into a shard that takes 1 MiB/s.
    browser.set_number("Records per second", "200");
    browser.set_number("Record size (bytes)", "8000");
    browser.click(&browser.by_role("button", "Play"));
    browser.wait_for("the lane to turn hot on bytes", || (!browser.find_all("g.lane.hot").is_empty()).then_some(()));
}
