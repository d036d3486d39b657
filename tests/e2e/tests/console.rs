//! The AWS console as a learner uses it: type AWS CLI commands, read the CLI's answers.

use shardlab_e2e::{serve_dist, Browser};

const ENTER: &str = "\u{E007}";

fn run(browser: &Browser, command: &str) {
    let input = browser.by_role("textbox", "AWS CLI command");
    browser.type_text(&input, &format!("{command}{ENTER}"));
}

fn output(browser: &Browser) -> String {
    browser.text(&browser.by_role("log", "Console output"))
}

#[test]
fn aws_cli_commands_create_a_stream_and_answer_like_the_cli() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    browser.click(&browser.by_role("tab", "Console"));
    run(&browser, "aws kinesis create-stream --stream-name clicks --shard-count 2");
    run(&browser, "aws kinesis describe-stream-summary --stream-name clicks");
    browser.wait_for("the summary of the new stream", || {
        output(&browser).contains("\"StreamStatus\": \"CREATING\"").then_some(())
    });
    run(&browser, "aws kinesis describe-stream-summary --stream-name nope");
    browser.wait_for("the CLI's error line", || {
        output(&browser)
            .contains("An error occurred (ResourceNotFoundException) when calling the DescribeStreamSummary operation: Stream nope under account 123456789012 not found.")
            .then_some(())
    });
    // Five virtual seconds later the stream is ACTIVE and takes records.
    for _ in 0..5 {
        browser.click(&browser.by_role("button", "Step one second"));
    }
    run(&browser, "aws kinesis put-record --stream-name clicks --partition-key user-1 --data hello --cli-binary-format raw-in-base64-out");
    browser.wait_for("a sequence number", || output(&browser).contains("\"SequenceNumber\"").then_some(()));
    // ↑ brings back the last command.
    let input = browser.by_role("textbox", "AWS CLI command");
    browser.type_text(&input, "\u{E013}");
    let recalled = browser.execute(
        "return arguments[0].value",
        vec![serde_json::json!({ "element-6066-11e4-a52e-4f735466cecf": input_id(&browser) })],
    );
    assert!(recalled.as_str().unwrap_or_default().starts_with("aws kinesis put-record"), "got {recalled}");
}

fn input_id(browser: &Browser) -> String {
    browser.by_role("textbox", "AWS CLI command").id().to_string()
}
