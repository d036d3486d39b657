//! An Analytics application in the page, as a new user meets it: a producer into a data
//! stream, an application placed behind the stream (the first load switches to the build
//! with the SQL engine, and the work comes back), a template picked, the clock run; window
//! rows appear with the watermark and the late-row count. Then the query is broken and the
//! error shows at its line and column, and the application stops with it.

use shardlab_e2e::{serve_dist, Browser};

fn model(b: &Browser) -> serde_json::Value {
    b.execute("return document.documentElement.dataset.model || null;", vec![])
}

fn text(browser: &Browser, css: &str) -> String {
    browser.find_all(css).first().map(|el| browser.text(el)).unwrap_or_default()
}

#[test]
fn window_rows_appear_then_a_broken_query_is_shown_at_its_line_and_column() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    browser.wait_for("the lab build", || (model(&browser) == serde_json::json!("lab")).then_some(()));
    browser.place("Producer");
    browser.place("Data stream");
    browser.place("Analytics application (SQL)");
    browser.wait_for("the full build", || (model(&browser) == serde_json::json!("full")).then_some(()));
    browser.by_role("button", "Analytics application (SQL) sql-app");
    browser.wire("producer", "stream");
    browser.wire("stream", "sql-app");
    // Nothing else can feed an application: its input refuses the producer's wire, saying why.
    browser.click(&browser.by_role("button", "Output of producer"));
    let why = browser.wait_for("the refusal", || {
        let why = browser.execute(
            "return document.querySelector('.port.in.refusing[data-component=\"sql-app\"] title')?.textContent",
            vec![],
        );
        why.as_str().map(str::to_string)
    });
    assert!(why.contains("reads its rows from a Kinesis data stream"), "{why}");
    browser.press("\u{E00C}");

    browser.click(&browser.by_role("button", "Analytics application (SQL) sql-app"));
    browser.select_option(
        &browser.by_role("combobox", "Start from a template"),
        "Visitors per page every 30 s (COUNT DISTINCT)",
    );
    browser.wait_for("the template's check", || {
        text(&browser, ".sql-editor .ok-text").contains("The query runs").then_some(())
    });
    browser.select_option(&browser.by_role("combobox", "Speed"), "60×");
    browser.click(&browser.by_role("button", "Play"));
    browser.wait_for("window rows", || (browser.find_all(".results-table tbody tr").len() >= 3).then_some(()));
    let header = text(&browser, ".results-table thead");
    for column in ["window_start", "page", "visitors", "page_views"] {
        assert!(header.contains(column), "{header}");
    }
    assert_eq!(text(&browser, "[data-late-rows]"), "0", "arrival times never go back");
    assert!(text(&browser, "[data-watermark]").starts_with("2026-01-01 00:"), "{}", text(&browser, "[data-watermark]"));
    assert!(!browser.find_all(".analytics-state canvas").is_empty(), "the chart of a result column");
    browser.click(&browser.by_role("button", "Pause"));

    // A second query after the first: the error is where it starts, line 14, column 1.
    let sql = browser.by_role("textbox", "SQL");
    browser.type_text(&sql, "GROUP BY page");
    let error = browser.wait_for("the error", || {
        let t = text(&browser, ".sql-error .error-text");
        (!t.is_empty()).then_some(t)
    });
    assert!(
        error.starts_with("Line 14, column 1:") && error.contains("expected CREATE TABLE, SELECT or INSERT INTO"),
        "{error}"
    );
    let mark = text(&browser, "pre.sql-error-mark");
    assert!(mark.starts_with("GROUP BY page") && mark.ends_with('^'), "the line and a caret under column 1: {mark:?}");
    // Leaving the editor applies the SQL: the application stops with the same error.
    browser.press("\u{E004}");
    browser.wait_for("the application to stop", || {
        text(&browser, ".analytics-state").contains("Stopped — line 14, column 1").then_some(())
    });
    browser.execute("localStorage.clear();", vec![]);
}
