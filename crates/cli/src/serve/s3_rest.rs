//! S3's REST API over the lab's buckets, as `aws s3 ls`, `aws s3 cp` and the SDKs speak it:
//! path-style (`/bucket/key`) and virtual-host-style (`bucket.host/key`) addresses, XML
//! answers, errors as S3's `<Error>` documents. Each request becomes one of the model's S3
//! operations (`World::call("s3", …)`); this file only translates.

use base64::Engine;
use serde_json::{json, Value};
use shardlab_sim::kinesis::error::ApiError;

/// An S3 answer: status, headers and body (HEAD's body is the object's, which the server
/// counts for Content-Length and does not send).
pub struct S3Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

/// The bucket and key a request addresses: from the host's first label when the host is
/// `bucket.something` (virtual-host style), else from the path.
fn address(host: &str, path: &str) -> (Option<String>, String) {
    let name = host.split(':').next().unwrap_or_default();
    let is_ip = name.parse::<std::net::IpAddr>().is_ok();
    let path = path.trim_start_matches('/');
    match name.split_once('.') {
        Some((bucket, _)) if !is_ip && !bucket.is_empty() => (Some(bucket.to_string()), decode(path)),
        _ => {
            let (bucket, key) = path.split_once('/').unwrap_or((path, ""));
            ((!bucket.is_empty()).then(|| decode(bucket)), decode(key))
        }
    }
}

/// Percent-decoding of a path segment or query value (`+` is a space only in a query).
fn decode_with(text: &str, plus_is_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match u8::from_str_radix(&text[i + 1..i + 3], 16) {
                Ok(b) => {
                    out.push(b);
                    i += 3;
                    continue;
                }
                Err(_) => out.push(b'%'),
            },
            b'+' if plus_is_space => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn decode(text: &str) -> String {
    decode_with(text, false)
}

/// S3's `encoding-type=url`: every byte but unreserved characters and `/` percent-encoded.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The query's parameters, decoded.
fn query(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode_with(k, true), decode_with(v, true))
        })
        .collect()
}

/// Text for XML: the five characters XML reserves, escaped.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

/// Epoch seconds as S3's XML writes a date (`2026-01-01T00:00:05.000Z`) and as HTTP's
/// Last-Modified does (`Thu, 01 Jan 2026 00:00:05 GMT`).
fn dates(epoch_seconds: f64) -> (String, String) {
    let millis = (epoch_seconds * 1_000.0).round() as i64;
    let secs = millis.div_euclid(1_000);
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = shardlab_awscli::timestamp::civil_from_days(days);
    let (hh, mm, ss) = (rest / 3_600, rest / 60 % 60, rest % 60);
    let iso = format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}.{:03}Z", millis.rem_euclid(1_000));
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let weekday = DAYS[days.rem_euclid(7) as usize];
    let http = format!("{weekday}, {d:02} {} {y:04} {hh:02}:{mm:02}:{ss:02} GMT", MONTHS[(m - 1) as usize]);
    (iso, http)
}

const XMLNS: &str = "http://s3.amazonaws.com/doc/2006-03-01/";

fn xml_reply(status: u16, body: String) -> S3Reply {
    let body = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{body}");
    S3Reply { status, headers: vec![("Content-Type", "application/xml".into())], body: body.into_bytes() }
}

/// A request refused before S3 looked at it (its signature's shape), as S3's error document.
pub fn refused(status: u16, code: &str, message: &str, request_id: &str) -> S3Reply {
    S3Reply { status, ..error(code, message, request_id) }
}

/// S3's error document, with the status S3 gives that error.
fn error(code: &str, message: &str, request_id: &str) -> S3Reply {
    let status = match code {
        "NoSuchBucket" | "NoSuchKey" => 404,
        "BucketAlreadyOwnedByYou" => 409,
        "InvalidRange" => 416,
        "MethodNotAllowed" => 405,
        "NotImplemented" => 501,
        _ => 400,
    };
    let body = format!(
        "<Error><Code>{}</Code><Message>{}</Message><RequestId>{request_id}</RequestId></Error>",
        xml(code),
        xml(message)
    );
    xml_reply(status, body)
}

/// An S3 request as this file reads it.
pub struct S3Request<'a> {
    pub method: &'a str,
    pub url: &'a str,
    pub host: &'a str,
    /// The `Range` header of a GET or HEAD.
    pub range: Option<String>,
    pub body: &'a [u8],
}

/// Answers one S3 request with `call`, which takes an S3 operation of the world's API.
pub fn answer(
    call: &mut dyn FnMut(&str, Value) -> Result<Value, ApiError>,
    request: &S3Request,
    request_id: &str,
) -> S3Reply {
    let S3Request { method, url, host, body, .. } = *request;
    let (path, query_text) = url.split_once('?').unwrap_or((url, ""));
    let params = query(query_text);
    let param = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let (bucket, key) = address(host, path);
    let fail = |e: ApiError| error(e.kind.name(), &e.message, request_id);
    match (method, bucket, key.is_empty()) {
        ("GET", None, _) => match call("ListBuckets", json!({})) {
            Ok(out) => {
                let buckets: String = out["Buckets"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|b| {
                        let (iso, _) = dates(b["CreationDate"].as_f64().unwrap_or_default());
                        format!(
                            "<Bucket><Name>{}</Name><CreationDate>{iso}</CreationDate></Bucket>",
                            xml(b["Name"].as_str().unwrap_or_default())
                        )
                    })
                    .collect();
                let owner = xml(out["Owner"]["ID"].as_str().unwrap_or_default());
                xml_reply(
                    200,
                    format!("<ListAllMyBucketsResult xmlns=\"{XMLNS}\"><Owner><ID>{owner}</ID></Owner><Buckets>{buckets}</Buckets></ListAllMyBucketsResult>"),
                )
            }
            Err(e) => fail(e),
        },
        ("PUT", Some(bucket), true) => match call("CreateBucket", json!({ "Bucket": bucket })) {
            Ok(_) => S3Reply { status: 200, headers: vec![("Location", format!("/{bucket}"))], body: Vec::new() },
            Err(e) => fail(e),
        },
        ("GET", Some(bucket), true) => {
            if param("list-type").as_deref() != Some("2") {
                return error("NotImplemented", "ShardLab serves ListObjectsV2 (list-type=2) only", request_id);
            }
            let mut input = json!({ "Bucket": bucket });
            for (query_name, field) in
                [("prefix", "Prefix"), ("delimiter", "Delimiter"), ("continuation-token", "ContinuationToken")]
            {
                if let Some(v) = param(query_name) {
                    input[field] = json!(v);
                }
            }
            if let Some(max) = param("max-keys") {
                match max.parse::<u32>() {
                    Ok(n) => input["MaxKeys"] = json!(n),
                    Err(_) => return error("InvalidArgument", "max-keys must be a whole number", request_id),
                }
            }
            match call("ListObjectsV2", input) {
                Ok(out) => xml_reply(200, list_result(&out, param("encoding-type").as_deref() == Some("url"), &param)),
                Err(e) => fail(e),
            }
        }
        ("GET" | "HEAD", Some(bucket), false) => {
            let mut input = json!({ "Bucket": bucket, "Key": key });
            if let Some(range) = &request.range {
                input["Range"] = json!(range);
            }
            match call(if method == "GET" { "GetObject" } else { "HeadObject" }, input) {
                Ok(out) => object_reply(&out, body_of(&out, method)),
                // A HEAD answer has no body: its status and headers say it all.
                Err(e) if method == "HEAD" => S3Reply { body: Vec::new(), ..fail(e) },
                Err(e) => fail(e),
            }
        }
        ("PUT", Some(bucket), false) => {
            let data = base64::engine::general_purpose::STANDARD.encode(body);
            match call("PutObject", json!({ "Bucket": bucket, "Key": key, "Body": data })) {
                Ok(out) => S3Reply {
                    status: 200,
                    headers: vec![("ETag", out["ETag"].as_str().unwrap_or_default().to_string())],
                    body: Vec::new(),
                },
                Err(e) => fail(e),
            }
        }
        ("DELETE", Some(bucket), false) => match call("DeleteObject", json!({ "Bucket": bucket, "Key": key })) {
            Ok(_) => S3Reply { status: 204, headers: Vec::new(), body: Vec::new() },
            Err(e) => fail(e),
        },
        _ => error("MethodNotAllowed", &format!("ShardLab's S3 does not serve {method} {path}"), request_id),
    }
}

fn body_of(out: &Value, method: &str) -> Vec<u8> {
    // HEAD: a body of the object's length, so that Content-Length is the object's; it is
    // not sent.
    let length = out["ContentLength"].as_u64().unwrap_or_default() as usize;
    match method {
        "GET" => base64::engine::general_purpose::STANDARD
            .decode(out["Body"].as_str().unwrap_or_default())
            .unwrap_or_default(),
        _ => vec![0; length],
    }
}

fn object_reply(out: &Value, body: Vec<u8>) -> S3Reply {
    let (_, http_date) = dates(out["LastModified"].as_f64().unwrap_or_default());
    let mut headers = vec![
        ("Content-Type", "application/octet-stream".to_string()),
        ("ETag", out["ETag"].as_str().unwrap_or_default().to_string()),
        ("Last-Modified", http_date),
        ("Accept-Ranges", "bytes".to_string()),
    ];
    if let Some(encoding) = out["ContentEncoding"].as_str() {
        headers.push(("Content-Encoding", encoding.to_string()));
    }
    // A byte range: 206 Partial Content, and which bytes of how many.
    if let Some(range) = out["ContentRange"].as_str() {
        headers.push(("Content-Range", range.to_string()));
        return S3Reply { status: 206, headers, body };
    }
    S3Reply { status: 200, headers, body }
}

/// ListObjectsV2's XML from the model's answer.
fn list_result(out: &Value, url_encoded: bool, param: &dyn Fn(&str) -> Option<String>) -> String {
    let text = |s: &str| xml(&if url_encoded { encode(s) } else { s.to_string() });
    let field = |name: &str| out[name].as_str().map(text);
    let mut body = format!("<ListBucketResult xmlns=\"{XMLNS}\">");
    body += &format!("<Name>{}</Name>", xml(out["Name"].as_str().unwrap_or_default()));
    body += &format!("<Prefix>{}</Prefix>", field("Prefix").unwrap_or_default());
    if let Some(d) = field("Delimiter") {
        body += &format!("<Delimiter>{d}</Delimiter>");
    }
    body += &format!("<MaxKeys>{}</MaxKeys><KeyCount>{}</KeyCount>", out["MaxKeys"], out["KeyCount"]);
    body += &format!("<IsTruncated>{}</IsTruncated>", out["IsTruncated"].as_bool().unwrap_or(false));
    if let Some(token) = param("continuation-token") {
        body += &format!("<ContinuationToken>{}</ContinuationToken>", xml(&token));
    }
    if let Some(next) = out["NextContinuationToken"].as_str() {
        body += &format!("<NextContinuationToken>{}</NextContinuationToken>", xml(next));
    }
    if url_encoded {
        body += "<EncodingType>url</EncodingType>";
    }
    for o in out["Contents"].as_array().into_iter().flatten() {
        let (iso, _) = dates(o["LastModified"].as_f64().unwrap_or_default());
        body += &format!(
            "<Contents><Key>{}</Key><LastModified>{iso}</LastModified><ETag>{}</ETag><Size>{}</Size><StorageClass>STANDARD</StorageClass></Contents>",
            text(o["Key"].as_str().unwrap_or_default()),
            xml(o["ETag"].as_str().unwrap_or_default()),
            o["Size"]
        );
    }
    for p in out["CommonPrefixes"].as_array().into_iter().flatten() {
        body += &format!(
            "<CommonPrefixes><Prefix>{}</Prefix></CommonPrefixes>",
            text(p["Prefix"].as_str().unwrap_or_default())
        );
    }
    body + "</ListBucketResult>"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_addressing_styles_name_the_same_object() {
        assert_eq!(address("127.0.0.1:4566", "/logs/2026/01/a%20b"), (Some("logs".into()), "2026/01/a b".into()));
        assert_eq!(address("logs.localhost:4566", "/2026/01/a"), (Some("logs".into()), "2026/01/a".into()));
        assert_eq!(address("localhost:4566", "/"), (None, String::new()));
        assert_eq!(address("127.0.0.1", "/logs"), (Some("logs".into()), String::new()));
    }

    #[test]
    fn dates_are_written_as_s3_and_http_write_them() {
        assert_eq!(
            dates(1_767_225_605.25),
            ("2026-01-01T00:00:05.250Z".into(), "Thu, 01 Jan 2026 00:00:05 GMT".into())
        );
        assert_eq!(dates(951_782_400.0).1, "Tue, 29 Feb 2000 00:00:00 GMT");
    }

    #[test]
    fn keys_are_escaped_for_xml_and_encoded_when_asked() {
        assert_eq!(xml("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&apos;");
        assert_eq!(encode("2026/01/a b+c"), "2026/01/a%20b%2Bc");
        assert_eq!(
            query("prefix=a%2Fb+c&list-type=2"),
            [("prefix".into(), "a/b c".into()), ("list-type".into(), "2".into())]
        );
    }
}
