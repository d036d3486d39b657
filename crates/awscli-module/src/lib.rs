//! The console's AWS CLI as a wasm module of its own: parsing a command line into the call
//! it makes, and printing an answer as the CLI prints it. It is about 28 KB of the page's
//! download (gzip), so the page fetches it the first time its console opens (see
//! `src/cli.rs` and `www/boot.js`); the calls themselves run in the page's model. JSON travels
//! as text. It also carries the exporter (`shardlab-export`) and the page's Export dialog
//! (`export_dialog.rs`): loaded with the console, they stay out of the first load.

use serde_json::{json, Value};
use shardlab_awscli::{format_error, format_output, model_service, parse, Command};
use wasm_bindgen::prelude::*;

mod embed_dialog;
mod export_dialog;
pub use embed_dialog::open_embed;
pub use export_dialog::open_export;

/// What the console does with `line`, as JSON: `{"kind":"clear"}`; `{"kind":"text","text":…,
/// "failed":…}` for help or a usage error (an empty line is an empty text); or
/// `{"kind":"call","service":…,"operation":…,"input":…}`, a call for the model to answer
/// (the service by the model's name: `aws s3 …` and `aws s3api …` call `s3`).
#[wasm_bindgen]
pub fn plan(line: &str) -> String {
    let plan = match parse(line) {
        Ok(Command::Clear) => json!({ "kind": "clear" }),
        Ok(Command::Help(text)) => json!({ "kind": "text", "text": text, "failed": false }),
        Err(message) => json!({ "kind": "text", "text": message, "failed": true }),
        Ok(Command::Call(call)) => json!({
            "kind": "call",
            "service": model_service(&call.service),
            "operation": call.operation,
            "input": call.input,
        }),
        Ok(Command::S3(command)) => {
            let (operation, input) = command.request();
            json!({ "kind": "call", "service": "s3", "operation": operation, "input": input })
        }
    };
    plan.to_string()
}

/// The model's answer (JSON text) to the call `line` made, as the CLI prints it.
#[wasm_bindgen]
pub fn print_answer(line: &str, answer: &str) -> String {
    let answer: Value = serde_json::from_str(answer).unwrap_or(Value::Null);
    match parse(line) {
        Ok(Command::Call(call)) => call.print(answer),
        Ok(Command::S3(command)) => command.print(&answer),
        _ => format_output(&answer),
    }
}

/// The scenario `scenario` (its JSON, as a file holds it) as real AWS: `format`
/// `cloudformation` gives a YAML template, `cli` a shell script of `aws` commands; or what is
/// wrong.
pub fn export_text(format: &str, scenario: &str) -> Result<String, String> {
    let s = shardlab_sim::Scenario::from_json(scenario).map_err(|e| e.to_string())?;
    match format {
        "cloudformation" => Ok(shardlab_export::cloudformation(&s)),
        "cli" => Ok(shardlab_export::cli_script(&s)),
        other => Err(format!("there is no export format '{other}': cloudformation or cli")),
    }
}

/// The line the CLI prints when AWS answers `operation` with an error.
#[wasm_bindgen]
pub fn print_error(error_type: &str, operation: &str, message: &str) -> String {
    format_error(error_type, operation, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn planned(line: &str) -> Value {
        serde_json::from_str(&plan(line)).expect("a plan is JSON")
    }

    #[test]
    fn a_line_becomes_the_call_it_makes_with_the_model_s_service_name() {
        let p = planned("aws s3api list-buckets");
        assert_eq!(
            (p["kind"].as_str(), p["service"].as_str(), p["operation"].as_str()),
            (Some("call"), Some("s3"), Some("ListBuckets"))
        );
        let p = planned("aws s3 ls s3://b/logs/");
        assert_eq!((p["service"].as_str(), p["operation"].as_str()), (Some("s3"), Some("ListObjectsV2")));
        assert_eq!(p["input"]["Prefix"], "logs/");
        let p = planned("aws kinesis create-stream --stream-name s --shard-count 2");
        assert_eq!(p["input"], json!({ "StreamName": "s", "ShardCount": 2 }));
    }

    #[test]
    fn help_usage_errors_and_clear_are_texts_or_a_clear() {
        assert_eq!(planned("clear")["kind"], "clear");
        let help = planned("aws help");
        assert_eq!((help["kind"].as_str(), help["failed"].as_bool()), (Some("text"), Some(false)));
        let bad = planned("aws kinesis nope");
        assert_eq!(bad["failed"], true);
        assert!(bad["text"].as_str().unwrap().contains("Invalid choice"));
    }

    #[test]
    fn answers_print_as_the_cli_prints_them() {
        let line = "aws emr create-cluster --release-label emr-7.5.0 --instance-type m5.xlarge --instance-count 3";
        assert_eq!(
            print_answer(line, r#"{"JobFlowId":"j-1","ClusterArn":"arn"}"#),
            "{\n    \"ClusterId\": \"j-1\",\n    \"ClusterArn\": \"arn\"\n}"
        );
        assert_eq!(print_answer("aws kinesis delete-stream --stream-name s", "{}"), "");
        assert_eq!(
            print_error("ResourceNotFoundException", "DescribeStream", "gone"),
            "An error occurred (ResourceNotFoundException) when calling the DescribeStream operation: gone"
        );
    }
}
