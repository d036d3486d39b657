//! The high-level `aws s3` commands the lab needs to read Firehose's deliveries back:
//! `aws s3 ls`, `aws s3 ls s3://bucket[/prefix]` and `aws s3 cp s3://bucket/key -`, turned
//! into S3 API calls, and their answers printed as the CLI prints them.

use serde_json::Value;

/// What an `aws s3 …` line asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum S3Command {
    /// `aws s3 ls`: the buckets.
    ListBuckets,
    /// `aws s3 ls s3://bucket/prefix`: objects and "folders" under the prefix.
    List { bucket: String, prefix: String },
    /// `aws s3 cp s3://bucket/key -`: the object's body on the console.
    Cat { bucket: String, key: String },
}

fn split_url(url: &str) -> Option<(String, String)> {
    let rest = url.strip_prefix("s3://")?;
    let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
    (!bucket.is_empty()).then(|| (bucket.to_string(), key.to_string()))
}

impl S3Command {
    /// The S3 operation the command stands for, and its input (what the CLI sends).
    pub fn request(&self) -> (&'static str, Value) {
        match self {
            S3Command::ListBuckets => ("ListBuckets", serde_json::json!({})),
            S3Command::List { bucket, prefix } => {
                ("ListObjectsV2", serde_json::json!({ "Bucket": bucket, "Prefix": prefix }))
            }
            S3Command::Cat { bucket, key } => ("GetObject", serde_json::json!({ "Bucket": bucket, "Key": key })),
        }
    }

    /// What the CLI prints for the operation's answer: the bucket list, the listing, or
    /// the object's body.
    pub fn print(&self, answer: &Value) -> String {
        match self {
            S3Command::ListBuckets => format_buckets(answer),
            S3Command::List { prefix, .. } => format_objects(answer, prefix),
            S3Command::Cat { .. } => {
                use base64::Engine;
                let body = base64::engine::general_purpose::STANDARD
                    .decode(answer["Body"].as_str().unwrap_or_default())
                    .unwrap_or_default();
                String::from_utf8_lossy(&body).into_owned()
            }
        }
    }
}

/// The words after `aws s3`.
pub(crate) fn parse_s3(tokens: &[String]) -> Result<S3Command, String> {
    let words: Vec<&str> = tokens.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["ls"] => Ok(S3Command::ListBuckets),
        ["ls", url] => {
            let (bucket, prefix) = split_url(url).ok_or_else(|| format!("aws: error: '{url}' is not an s3:// URL"))?;
            Ok(S3Command::List { bucket, prefix })
        }
        ["cp", from, "-"] => {
            let (bucket, key) = split_url(from).ok_or_else(|| format!("aws: error: '{from}' is not an s3:// URL"))?;
            if key.is_empty() {
                return Err(format!("aws: error: {from} names a bucket, not an object"));
            }
            Ok(S3Command::Cat { bucket, key })
        }
        ["cp", ..] => {
            Err("aws: error: this console copies only to the screen: aws s3 cp s3://BUCKET/KEY -".to_string())
        }
        [other, ..] => {
            Err(format!("aws: error: argument subcommand: Invalid choice, valid choices are: cp | ls (got {other})"))
        }
        [] => Err("aws: error: the following arguments are required: subcommand".to_string()),
    }
}

/// `2026-01-01 00:01:05` from epoch seconds (UTC, as the lab prints every time).
fn date_time(seconds: f64) -> String {
    crate::timestamp::format_iso(seconds.floor())[..19].replace('T', " ")
}

/// `aws s3 ls`: one line a bucket.
pub fn format_buckets(list_buckets: &Value) -> String {
    let buckets = list_buckets["Buckets"].as_array().cloned().unwrap_or_default();
    buckets
        .iter()
        .map(|b| {
            format!("{} {}", date_time(b["CreationDate"].as_f64().unwrap_or(0.0)), b["Name"].as_str().unwrap_or(""))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `aws s3 ls s3://bucket/prefix`: the next level under the prefix — `PRE name/` for a
/// "folder", date, size and name for an object.
pub fn format_objects(list_objects: &Value, prefix: &str) -> String {
    let mut folders: Vec<String> = Vec::new();
    let mut lines = Vec::new();
    for o in list_objects["Contents"].as_array().cloned().unwrap_or_default() {
        let key = o["Key"].as_str().unwrap_or("");
        let Some(rest) = key.strip_prefix(prefix) else { continue };
        match rest.split_once('/') {
            Some((folder, _)) => {
                let f = format!("{folder}/");
                if !folders.contains(&f) {
                    folders.push(f);
                }
            }
            None => lines.push(format!(
                "{} {:>10} {rest}",
                date_time(o["LastModified"].as_f64().unwrap_or(0.0)),
                o["Size"].as_u64().unwrap_or(0)
            )),
        }
    }
    folders.iter().map(|f| format!("{:>30} {f}", "PRE")).chain(lines).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_command_stands_for_one_call_and_prints_its_answer() {
        let cat = S3Command::Cat { bucket: "b".into(), key: "k".into() };
        assert_eq!(cat.request(), ("GetObject", serde_json::json!({"Bucket": "b", "Key": "k"})));
        assert_eq!(cat.print(&serde_json::json!({"Body": "aGkK"})), "hi\n");
        let ls = S3Command::List { bucket: "b".into(), prefix: "2026/".into() };
        assert_eq!(ls.request().0, "ListObjectsV2");
        assert_eq!(S3Command::ListBuckets.request().0, "ListBuckets");
    }

    use super::*;
    use serde_json::json;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn ls_and_cp_are_understood() {
        assert_eq!(parse_s3(&words("ls")), Ok(S3Command::ListBuckets));
        assert_eq!(
            parse_s3(&words("ls s3://b1b/2026/")),
            Ok(S3Command::List { bucket: "b1b".into(), prefix: "2026/".into() })
        );
        assert_eq!(
            parse_s3(&words("cp s3://b1b/k/x -")),
            Ok(S3Command::Cat { bucket: "b1b".into(), key: "k/x".into() })
        );
        assert!(parse_s3(&words("cp s3://b1b/k ./file")).unwrap_err().contains("only to the screen"));
        assert!(parse_s3(&words("mv a b")).unwrap_err().contains("Invalid choice"));
    }

    #[test]
    fn ls_prints_folders_then_objects_like_the_cli() {
        let out = json!({ "Contents": [
            { "Key": "2026/01/01/00/f-1-x", "LastModified": 1767225665.0, "Size": 14 },
            { "Key": "top.json", "LastModified": 1767225600.0, "Size": 3 },
        ]});
        let text = format_objects(&out, "");
        assert_eq!(text, format!("{:>30} 2026/\n2026-01-01 00:00:00          3 top.json", "PRE"));
        assert_eq!(format_objects(&out, "2026/01/01/00/"), "2026-01-01 00:01:05         14 f-1-x");
        assert_eq!(
            format_buckets(&json!({ "Buckets": [{ "Name": "lab-bucket", "CreationDate": 1767225600.0 }] })),
            "2026-01-01 00:00:00 lab-bucket"
        );
    }
}
