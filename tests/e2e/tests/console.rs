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

#[test]
fn firehose_delivers_to_s3_and_the_object_reads_back_in_the_console() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    browser.click(&browser.by_role("tab", "Console"));
    run(&browser, "aws s3api create-bucket --bucket lab-bucket");
    run(
        &browser,
        r#"aws firehose create-delivery-stream --delivery-stream-name clicks-to-s3 --extended-s3-destination-configuration '{"BucketARN":"arn:aws:s3:::lab-bucket","RoleARN":"arn:aws:iam::123456789012:role/firehose","BufferingHints":{"SizeInMBs":1,"IntervalInSeconds":60}}'"#,
    );
    for _ in 0..5 {
        browser.click(&browser.by_role("button", "Step one second"));
    }
    run(&browser, "aws firehose put-record --delivery-stream-name clicks-to-s3 --record Data=hello-firehose --cli-binary-format raw-in-base64-out");
    // Nothing in S3 until the 60-second buffer interval passes.
    run(&browser, "aws s3 ls s3://lab-bucket/");
    for _ in 0..61 {
        browser.click(&browser.by_role("button", "Step one second"));
    }
    run(&browser, "aws s3api list-objects-v2 --bucket lab-bucket");
    let key = browser.wait_for("the delivered object", || {
        let text = output(&browser);
        let at = text.find("\"Key\": \"")? + "\"Key\": \"".len();
        Some(text[at..].split('"').next()?.to_string())
    });
    assert!(key.starts_with("2026/01/01/00/clicks-to-s3-1-2026-01-01-00-00-"), "{key}");
    run(&browser, &format!("aws s3 cp s3://lab-bucket/{key} -"));
    browser.wait_for("the object's content", || output(&browser).contains("hello-firehose").then_some(()));
    run(&browser, "aws s3 ls s3://lab-bucket/");
    browser.wait_for("the date folder", || output(&browser).contains("PRE 2026/").then_some(()));
}
