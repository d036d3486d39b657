//! Printing answers the way `aws ... --output json` prints them, so what a learner sees
//! here matches what they will see in a real terminal.
//!
//! The printer is written out rather than delegated to serde_json's pretty printer because
//! this crate does not depend on serde itself, and the CLI's layout (Python's
//! `json.dumps(indent=4, ensure_ascii=False)`) is small enough to state directly.

use serde_json::Value;

/// JSON the way `aws ... --output json` prints a response: 4-space indentation, keys in
/// the order given, non-ASCII kept as is. An empty object prints as `""` because the CLI
/// prints nothing for operations that answer `{}` (CreateStream, DeleteStream, ...).
/// No trailing newline: the console decides line breaks.
///
/// Numbers keep serde_json's text (`1767225600.0` stays a float, `2` an integer), which is
/// also how Python prints them.
pub fn format_output(output: &Value) -> String {
    if matches!(output, Value::Object(map) if map.is_empty()) {
        return String::new();
    }
    let mut out = String::new();
    write_value(&mut out, output, 0);
    out
}

/// The line the CLI prints when AWS answers with an error.
pub fn format_error(error_type: &str, operation: &str, message: &str) -> String {
    format!("An error occurred ({error_type}) when calling the {operation} operation: {message}")
}

const INDENT: &str = "    ";

fn write_value(out: &mut String, value: &Value, depth: usize) {
    match value {
        Value::Array(items) if !items.is_empty() => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                indent(out, depth + 1);
                write_value(out, item, depth + 1);
            }
            out.push('\n');
            indent(out, depth);
            out.push(']');
        }
        Value::Object(map) if !map.is_empty() => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                indent(out, depth + 1);
                write_string(out, key);
                out.push_str(": ");
                // Members named …Timestamp, …DateTime (DynamoDB's) or CreatedAt / UpdatedAt
                // (the Redshift Data API's) are timestamps: the CLI prints them as ISO 8601.
                match item.as_f64() {
                    Some(seconds)
                        if key.ends_with("Timestamp")
                            || key.ends_with("DateTime")
                            || key == "CreatedAt"
                            || key == "UpdatedAt" =>
                    {
                        write_string(out, &crate::timestamp::format_iso(seconds))
                    }
                    _ => write_value(out, item, depth + 1),
                }
            }
            out.push('\n');
            indent(out, depth);
            out.push('}');
        }
        Value::String(s) => write_string(out, s),
        // Scalars, `[]` and `{}`: serde_json's compact text is already the CLI's.
        other => out.push_str(&other.to_string()),
    }
}

fn write_string(out: &mut String, s: &str) {
    // Display of a JSON string value is its quoted, escaped form; non-ASCII is not escaped.
    out.push_str(&Value::String(s.to_string()).to_string());
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str(INDENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn timestamps_print_as_iso_8601_as_cli_v2_does() {
        let text = format_output(&json!({ "StreamCreationTimestamp": 1767225600.0, "RetentionPeriodHours": 24 }));
        assert_eq!(
            text,
            "{\n    \"StreamCreationTimestamp\": \"2026-01-01T00:00:00+00:00\",\n    \"RetentionPeriodHours\": 24\n}"
        );
    }

    #[test]
    fn dynamodb_date_times_print_as_iso_8601_too() {
        let text = format_output(&json!({ "Table": { "CreationDateTime": 1767225605.25, "ItemCount": 3 } }));
        assert_eq!(
            text,
            "{\n    \"Table\": {\n        \"CreationDateTime\": \"2026-01-01T00:00:05.250000+00:00\",\n        \"ItemCount\": 3\n    }\n}"
        );
    }

    #[test]
    fn nested_values_are_indented_by_four_spaces() {
        let v = json!({"StreamNames": ["a", "b"], "HasMoreStreams": false, "Empty": [], "Obj": {"N": 2}});
        let expected = "{\n    \"StreamNames\": [\n        \"a\",\n        \"b\"\n    ],\n    \"HasMoreStreams\": false,\n    \"Empty\": [],\n    \"Obj\": {\n        \"N\": 2\n    }\n}";
        assert_eq!(format_output(&v), expected);
    }

    #[test]
    fn keys_keep_the_order_given() {
        let v: Value = serde_json::from_str(r#"{"Z": 1, "A": 2, "M": 3}"#).expect("json");
        assert_eq!(format_output(&v), "{\n    \"Z\": 1,\n    \"A\": 2,\n    \"M\": 3\n}");
    }

    #[test]
    fn an_empty_answer_prints_nothing() {
        assert_eq!(format_output(&json!({})), "");
    }

    #[test]
    fn floats_stay_floats_and_non_ascii_stays_readable() {
        let v = json!({"T": 1767225600.0, "N": 7, "S": "héllo\n"});
        assert_eq!(format_output(&v), "{\n    \"T\": 1767225600.0,\n    \"N\": 7,\n    \"S\": \"héllo\\n\"\n}");
    }

    #[test]
    fn errors_read_like_the_cli() {
        assert_eq!(
            format_error(
                "ResourceNotFoundException",
                "DescribeStreamSummary",
                "Stream s under account 123456789012 not found."
            ),
            "An error occurred (ResourceNotFoundException) when calling the DescribeStreamSummary operation: Stream s under account 123456789012 not found."
        );
    }
}
