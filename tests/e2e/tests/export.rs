//! The Export dialog as a learner uses it: the prepared scenario as a CloudFormation template
//! and as AWS CLI commands, written by the module the console also loads, closed with Esc.

use shardlab_e2e::{serve_dist, Browser, ESCAPE};

fn export_text(browser: &Browser) -> String {
    browser
        .execute("return document.querySelector('dialog .export-text')?.value ?? ''", vec![])
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn dialog_open(browser: &Browser) -> bool {
    browser.execute("return !!document.querySelector('dialog[open]')", vec![]) == true
}

#[test]
fn the_prepared_scenario_exports_as_a_template_and_as_cli_commands() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    browser.choose_in_scenario_menu("Data Streams vs Firehose (side by side)");

    browser.choose_in_scenario_menu("Export → CloudFormation");
    let template = browser.wait_for("the template", || {
        let t = export_text(&browser);
        t.contains("AWS::KinesisFirehose::DeliveryStream").then_some(t)
    });
    assert!(template.contains("Type: AWS::Kinesis::Stream"), "{template}");
    assert!(template.contains("KinesisStreamARN") || template.contains("DirectPut"), "{template}");
    browser.by_role("button", "Download template.yaml");
    // Esc closes it, and the page behind it answers again.
    browser.press(ESCAPE);
    browser.wait_for("the dialog to close", || (!dialog_open(&browser)).then_some(()));

    browser.choose_in_scenario_menu("Export → AWS CLI");
    let script = browser.wait_for("the script", || {
        let t = export_text(&browser);
        t.contains("aws kinesis create-stream").then_some(t)
    });
    assert!(script.starts_with("#!/bin/sh\n"), "{script}");
    assert!(script.contains("aws firehose create-delivery-stream --cli-input-json"), "{script}");
    browser.click(&browser.by_role("button", "Close"));
    browser.wait_for("the dialog to close", || (!dialog_open(&browser)).then_some(()));
    browser.click(&browser.by_role("button", "Play"));
}
