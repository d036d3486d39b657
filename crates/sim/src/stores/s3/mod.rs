//! Amazon S3, as far as the lab needs it: buckets of objects that Firehose delivers into and
//! a learner reads back — CreateBucket, ListBuckets, ListObjectsV2, GetObject, with the S3
//! error codes.

pub mod limits;
pub mod list;
pub mod range;
mod record_runs;

use crate::ctx::Ctx;
use crate::kinesis::error::{ApiError, ApiResult, ErrorType};
use crate::pipeline::record_data::RecordData;
use crate::time::SimTime;
use base64::Engine;
use record_runs::RecordRuns;
use serde::Deserialize;
use serde_json::{json, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq)]
pub struct Object {
    body: Body,
    pub written: SimTime,
    /// `gzip` when Firehose compressed it.
    pub content_encoding: Option<String>,
}

/// What an object keeps of its bytes.
#[derive(Clone, Debug, PartialEq)]
enum Body {
    Bytes(Vec<u8>),
    /// An uncompressed Firehose delivery: its records one after another, generated ones kept
    /// as how to make them and a tick's in runs (`record_runs`), so a day of objects costs a
    /// few words a run; the bytes are made when the object is opened. (A compressed object
    /// keeps its bytes: they are what compression made small, and its size is theirs.)
    Records {
        runs: RecordRuns,
        len: usize,
    },
}

impl Object {
    pub fn new(body: Vec<u8>, written: SimTime, content_encoding: Option<String>) -> Object {
        Object { body: Body::Bytes(body), written, content_encoding }
    }

    /// An uncompressed object whose body is `records`' bytes one after another.
    pub fn of_records(records: Vec<RecordData>, written: SimTime) -> Object {
        let len = records.iter().map(RecordData::len).sum();
        let body = Body::Records { runs: RecordRuns::of(records), len };
        Object { body, written, content_encoding: None }
    }

    /// The body's size in bytes (as stored: compressed if it is).
    pub fn len(&self) -> usize {
        match &self.body {
            Body::Bytes(b) => b.len(),
            Body::Records { len, .. } => *len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The body's bytes, made if they are records.
    pub fn body(&self) -> Cow<'_, [u8]> {
        match &self.body {
            Body::Bytes(b) => Cow::Borrowed(b),
            Body::Records { runs, len } => Cow::Owned(runs.bytes(*len)),
        }
    }

    /// Bytes the object holds in memory (the records' shapes, or the bytes themselves).
    pub fn held_bytes(&self) -> usize {
        match &self.body {
            Body::Bytes(b) => b.capacity(),
            Body::Records { runs, .. } => runs.held_bytes(),
        }
    }

    /// The body as a reader sees it: unzipped when it is gzip (as `aws s3 cp` with
    /// `gunzip` shows it), as text (invalid UTF-8 shown replaced).
    pub fn text(&self) -> String {
        use std::io::Read;
        let body = self.body();
        let mut bytes = Vec::new();
        let body = if self.content_encoding.as_deref() == Some("gzip")
            && flate2::read::GzDecoder::new(body.as_ref()).read_to_end(&mut bytes).is_ok()
        {
            &bytes
        } else {
            body.as_ref()
        };
        String::from_utf8_lossy(body).into_owned()
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Bucket {
    pub created: SimTime,
    pub objects: BTreeMap<String, Object>,
}

#[derive(Clone, Debug, Default)]
pub struct S3 {
    pub buckets: BTreeMap<String, Bucket>,
}

pub use limits::BUCKET_NAME_CHARS;

/// Bucket names: 3–63 characters of lower-case letters, digits, dots and hyphens, starting
/// and ending with a letter or digit.
pub fn validate_bucket_name(name: &str) -> ApiResult<()> {
    let ok_chars = name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
    let ends_ok = name.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && name.bytes().last().is_some_and(|b| b.is_ascii_alphanumeric());
    if (BUCKET_NAME_CHARS.0..=BUCKET_NAME_CHARS.1).contains(&name.len()) && ok_chars && ends_ok {
        Ok(())
    } else {
        Err(ApiError::new(ErrorType::InvalidBucketName, "The specified bucket is not valid."))
    }
}

/// An object's ETag: the MD5 of its body, in quotes, as S3 gives it for a single-part upload.
fn etag(body: &[u8]) -> String {
    format!("\"{:x}\"", <md5::Md5 as md5::Digest>::digest(body))
}

fn no_such_bucket(name: &str) -> ApiError {
    ApiError::new(ErrorType::NoSuchBucket, format!("The specified bucket does not exist: {name}"))
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct BucketInput {
    bucket: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListInput {
    bucket: String,
    prefix: Option<String>,
    delimiter: Option<String>,
    max_keys: Option<u32>,
    continuation_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct GetInput {
    bucket: String,
    key: String,
    /// One byte range (`bytes=0-9`), see `range.rs`.
    range: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PutInput {
    bucket: String,
    key: String,
    /// The object's bytes, base64 as blobs travel in the lab's JSON.
    #[serde(default)]
    body: String,
    content_encoding: Option<String>,
}

impl S3 {
    /// Writes an object, replacing any under the same key (S3 keeps the last write).
    pub fn put_object(
        &mut self,
        now: SimTime,
        bucket: &str,
        key: &str,
        body: Vec<u8>,
        content_encoding: Option<String>,
    ) -> ApiResult<()> {
        let b = self.buckets.get_mut(bucket).ok_or_else(|| no_such_bucket(bucket))?;
        b.objects.insert(key.to_string(), Object::new(body, now, content_encoding));
        Ok(())
    }

    pub fn create_bucket(&mut self, now: SimTime, name: &str) -> ApiResult<()> {
        validate_bucket_name(name)?;
        if self.buckets.contains_key(name) {
            return Err(ApiError::new(
                ErrorType::BucketAlreadyOwnedByYou,
                "Your previous request to create the named bucket succeeded and you already own it.",
            ));
        }
        self.buckets.insert(name.to_string(), Bucket { created: now, objects: BTreeMap::new() });
        Ok(())
    }

    /// Writes an object (a delivery): the bucket must exist.
    pub fn put(&mut self, bucket: &str, key: String, object: Object) -> ApiResult<()> {
        let b = self.buckets.get_mut(bucket).ok_or_else(|| no_such_bucket(bucket))?;
        b.objects.insert(key, object);
        Ok(())
    }

    pub fn call(&mut self, ctx: &mut Ctx, op: &str, input: Value) -> ApiResult<Value> {
        use crate::kinesis::api::parse;
        match op {
            "CreateBucket" => {
                let i: BucketInput = parse(input)?;
                self.create_bucket(ctx.now, &i.bucket)?;
                Ok(json!({ "Location": format!("/{}", i.bucket) }))
            }
            "ListBuckets" => Ok(json!({
                "Buckets": self.buckets.iter().map(|(name, b)| json!({ "Name": name, "CreationDate": ctx.epoch_seconds(b.created) })).collect::<Vec<_>>(),
                "Owner": { "ID": crate::kinesis::limits::ACCOUNT_ID },
            })),
            "ListObjectsV2" => {
                let i: ListInput = parse(input)?;
                let b = self.buckets.get(&i.bucket).ok_or_else(|| no_such_bucket(&i.bucket))?;
                let prefix = i.prefix.unwrap_or_default();
                let max = i.max_keys.map_or(limits::LIST_MAX_KEYS, |m| (m as usize).min(limits::LIST_MAX_KEYS));
                let after = i.continuation_token.unwrap_or_default();
                let keys = b.objects.keys().map(String::as_str);
                let (page, truncated) = list::page(keys, &prefix, i.delimiter.as_deref(), &after, max);
                let contents: Vec<Value> = page
                    .iter()
                    .filter_map(|e| match e {
                        list::Entry::Key(k) => b.objects.get(*k).map(|o| (k, o)),
                        list::Entry::CommonPrefix(_) => None,
                    })
                    .map(|(k, o)| {
                        json!({ "Key": k, "LastModified": ctx.epoch_seconds(o.written), "Size": o.len(),
                                "ETag": etag(&o.body()), "StorageClass": "STANDARD" })
                    })
                    .collect();
                let mut out = json!({
                    "IsTruncated": truncated,
                    "Contents": contents,
                    "Name": i.bucket,
                    "Prefix": prefix,
                    "MaxKeys": max,
                    "KeyCount": page.len(),
                });
                if let Some(d) = &i.delimiter {
                    out["Delimiter"] = json!(d);
                    let prefixes: Vec<Value> = page
                        .iter()
                        .filter_map(|e| match e {
                            list::Entry::CommonPrefix(p) => Some(json!({ "Prefix": p })),
                            list::Entry::Key(_) => None,
                        })
                        .collect();
                    out["CommonPrefixes"] = json!(prefixes);
                }
                if truncated {
                    out["NextContinuationToken"] = json!(page.last().map(list::token).unwrap_or_default());
                }
                Ok(out)
            }
            "GetObject" | "HeadObject" => {
                let i: GetInput = parse(input)?;
                let b = self.buckets.get(&i.bucket).ok_or_else(|| no_such_bucket(&i.bucket))?;
                let o = b
                    .objects
                    .get(&i.key)
                    .ok_or_else(|| ApiError::new(ErrorType::NoSuchKey, "The specified key does not exist."))?;
                let body = o.body();
                let range = match &i.range {
                    Some(header) => range::byte_range(header, body.len())?,
                    None => None,
                };
                let (first, last) = range.unwrap_or((0, body.len().saturating_sub(1)));
                let part = if body.is_empty() { &body[..] } else { &body[first..=last] };
                let mut out = json!({
                    "ContentLength": part.len(),
                    "LastModified": ctx.epoch_seconds(o.written),
                    "ETag": etag(&body),
                });
                if range.is_some() {
                    out["ContentRange"] = json!(format!("bytes {first}-{last}/{}", body.len()));
                }
                // HeadObject is GetObject without the body.
                if op == "GetObject" {
                    out["Body"] = json!(base64::engine::general_purpose::STANDARD.encode(part));
                }
                if let Some(enc) = &o.content_encoding {
                    out["ContentEncoding"] = json!(enc);
                }
                Ok(out)
            }
            "PutObject" => {
                let i: PutInput = parse(input)?;
                let body = base64::engine::general_purpose::STANDARD
                    .decode(&i.body)
                    .map_err(|_| ApiError::new(ErrorType::SerializationException, "Body is not valid base64."))?;
                let etag = etag(&body);
                self.put_object(ctx.now, &i.bucket, &i.key, body, i.content_encoding)?;
                Ok(json!({ "ETag": etag }))
            }
            // S3 answers a delete of a missing key as a success; only the bucket must exist.
            "DeleteObject" => {
                let i: GetInput = parse(input)?;
                let b = self.buckets.get_mut(&i.bucket).ok_or_else(|| no_such_bucket(&i.bucket))?;
                b.objects.remove(&i.key);
                Ok(json!({}))
            }
            other => Err(ApiError::new(ErrorType::UnknownOperationException, format!("S3 has no operation {other}."))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_names_follow_the_s3_rules() {
        assert!(validate_bucket_name("my-bucket.logs").is_ok());
        for bad in ["ab", "My-Bucket", "-start", "end-", &"a".repeat(64)] {
            assert_eq!(validate_bucket_name(bad).unwrap_err().kind, ErrorType::InvalidBucketName, "{bad}");
        }
    }
}
