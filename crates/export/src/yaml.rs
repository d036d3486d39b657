//! YAML from a JSON value, for CloudFormation templates. Only what a template needs: maps in
//! their order, lists, scalars, and multi-line strings (a Lambda function's code) as literal
//! blocks. A string is written plain when YAML would read it back as the same string, and
//! double-quoted (JSON's escapes are YAML's) otherwise.

use serde_json::Value;

pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => write_map(&mut out, map, 0),
        Value::Array(list) if !list.is_empty() => write_list(&mut out, list, 0),
        scalar => {
            out.push_str(&scalar_text(scalar, 0));
            out.push('\n');
        }
    }
    out
}

fn indent(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

fn write_map(out: &mut String, map: &serde_json::Map<String, Value>, depth: usize) {
    for (key, value) in map {
        indent(out, depth);
        out.push_str(&string_text(key));
        out.push(':');
        write_value_after(out, value, depth);
    }
}

fn write_list(out: &mut String, list: &[Value], depth: usize) {
    for item in list {
        indent(out, depth);
        out.push('-');
        match item {
            // A map in a list starts on the dash's line: `- Key: value`.
            Value::Object(map) if !map.is_empty() => {
                let mut inner = String::new();
                write_map(&mut inner, map, depth + 2);
                out.push(' ');
                out.push_str(&inner[depth + 2..]);
            }
            _ => write_value_after(out, item, depth),
        }
    }
}

/// Writes what follows `key:` or `-`: a nested block on the next lines, or ` scalar`.
fn write_value_after(out: &mut String, value: &Value, depth: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            write_map(out, map, depth + 2);
        }
        Value::Array(list) if !list.is_empty() => {
            out.push('\n');
            write_list(out, list, depth + 2);
        }
        scalar => {
            out.push(' ');
            out.push_str(&scalar_text(scalar, depth + 2));
            out.push('\n');
        }
    }
}

fn scalar_text(value: &Value, depth: usize) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.contains('\n') => literal_block(s, depth),
        Value::String(s) => string_text(s),
        Value::Object(_) => "{}".into(),
        Value::Array(_) => "[]".into(),
    }
}

/// `|` (or `|-` without a final newline) and the lines, indented.
fn literal_block(s: &str, depth: usize) -> String {
    let mut out = String::from(if s.ends_with('\n') { "|" } else { "|-" });
    for line in s.trim_end_matches('\n').split('\n') {
        out.push('\n');
        if !line.is_empty() {
            indent(&mut out, depth);
            out.push_str(line);
        }
    }
    out
}

/// Plain when it is safe, else a JSON string (valid YAML double-quoted).
fn string_text(s: &str) -> String {
    if is_plain_safe(s) {
        s.to_string()
    } else {
        Value::String(s.to_string()).to_string()
    }
}

/// A string YAML reads back as itself: letters, digits and a few marks, not starting with a
/// mark, and not a word YAML gives another meaning (true, null, 1.5…).
fn is_plain_safe(s: &str) -> bool {
    let first_ok = s.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '/');
    let chars_ok = s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:*".contains(c));
    let reserved = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"];
    first_ok
        && chars_ok
        && !s.contains(": ")
        && !s.ends_with(':')
        && !reserved.contains(&s.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn maps_lists_and_scalars_nest_as_yaml_writes_them() {
        let v = json!({
            "Resources": { "Clicks": { "Type": "AWS::Kinesis::Stream", "Properties": {
                "ShardCount": 2, "Name": { "Ref": "ClicksName" },
                "Tags": [{ "Key": "lab", "Value": "true" }, "x"], "Empty": [] } } },
            "Code": "def f():\n    return 1\n",
        });
        let expected = "Resources:\n  Clicks:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      ShardCount: 2\n      Name:\n        Ref: ClicksName\n      Tags:\n        - Key: lab\n          Value: \"true\"\n        - x\n      Empty: []\nCode: |\n  def f():\n      return 1\n";
        assert_eq!(to_yaml(&v), expected);
    }

    #[test]
    fn strings_yaml_would_misread_are_quoted() {
        for s in ["true", "No", "1.5", "", "a: b", "#x", "@a", "{x}", "- a", "arn:aws:s3:::b/${AWS::Region}"] {
            assert!(string_text(s).starts_with('"'), "{s} must be quoted");
        }
        for s in ["AWS::Kinesis::Stream", "kinesis:PutRecord", "arn:aws:s3:::bucket/*", "index.handler"] {
            assert_eq!(string_text(s), s);
        }
    }
}
