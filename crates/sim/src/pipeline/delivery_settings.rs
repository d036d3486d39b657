//! The settings of the Firehose components a scenario places — the delivery stream, its
//! Lambda transform and the destinations — with the ranges AWS allows. The world turns them
//! into a CreateDeliveryStream input (see `world::deliveries`), so the API's checks apply
//! too; these are the ones the inspector can show next to a field.

use super::settings::{check, grouped, SettingError};
use crate::firehose::limits::*;
use crate::firehose::stream::Compression;
use crate::stores::s3::BUCKET_NAME_CHARS;
use serde::{Deserialize, Serialize};

fn valid_bucket(name: &str) -> bool {
    crate::stores::s3::validate_bucket_name(name).is_ok()
}

const BUCKET_RULE: &str =
    "a bucket name is {0}–{1} lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit";

/// A delivery stream name: 1 to AWS's 64 characters.
pub const DELIVERY_STREAM_NAME_CHARS: (usize, usize) = (1, NAME_MAX_CHARS);
/// A transform's code: at most 64 KiB, the lab's bound (a scenario carries it in its link).
pub const CODE_MAX_BYTES: usize = 64 * 1024;
/// The names' and URL's lengths AWS allows (in `firehose::limits`, with their sources).
pub use crate::firehose::limits::{
    FUNCTION_NAME_CHARS, HTTP_URL_MAX_CHARS, OPENSEARCH_DOMAIN_CHARS, OPENSEARCH_INDEX_CHARS, REDSHIFT_NAME_CHARS,
};

/// The numbers of each Firehose setting's rule (see [`super::settings::quoted`]).
pub(super) fn numbers(setting: &str) -> Option<Vec<String>> {
    let counts = |range: (u64, u64)| vec![grouped(range.0), grouped(range.1)];
    let chars = |range: (usize, usize)| counts((range.0 as u64, range.1 as u64));
    Some(match setting {
        "delivery_stream_name" => chars(DELIVERY_STREAM_NAME_CHARS),
        // S3's range, then OpenSearch's, then the HTTP endpoint's.
        "buffer_mib" => [S3_BUFFER_MIB, OPENSEARCH_BUFFER_MIB, HTTP_BUFFER_MIB].into_iter().flat_map(counts).collect(),
        "buffer_interval_s" => counts(BUFFER_INTERVAL_S),
        "retry_duration_s" => counts(RETRY_DURATION_S),
        "backup_bucket" | "bucket" => chars(BUCKET_NAME_CHARS),
        "function_name" => chars(FUNCTION_NAME_CHARS),
        "buffer_mb" => {
            vec![super::settings::decimal(TRANSFORM_BUFFER_MB.0), super::settings::decimal(TRANSFORM_BUFFER_MB.1)]
        }
        // In KiB.
        "code" => vec![grouped((CODE_MAX_BYTES / 1024) as u64)],
        "cluster" | "table" => chars(REDSHIFT_NAME_CHARS),
        "domain" => chars(OPENSEARCH_DOMAIN_CHARS),
        "index" => chars(OPENSEARCH_INDEX_CHARS),
        "sample" => counts((SAMPLE_KIB.0.into(), SAMPLE_KIB.1.into())),
        _ => return None,
    })
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FirehoseSettings {
    pub delivery_stream_name: String,
    /// Buffering hint: size in MiB (the range depends on the destination).
    #[serde(default = "default_buffer_mib")]
    pub buffer_mib: u64,
    /// Buffering hint: interval in seconds (0–900).
    #[serde(default = "default_interval")]
    pub buffer_interval_s: u64,
    #[serde(default = "uncompressed")]
    pub compression: Compression,
    /// S3 key prefix; empty means `YYYY/MM/dd/HH/`.
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub error_prefix: String,
    /// OpenSearch, HTTP endpoint and Redshift: how long a failed delivery is retried
    /// (0–7,200 s); none means the destination's default.
    #[serde(default)]
    pub retry_duration_s: Option<u64>,
    /// OpenSearch and HTTP endpoint: back up every record, not only the failed ones.
    #[serde(default)]
    pub backup_all: bool,
    /// The S3 bucket that backs up OpenSearch and HTTP deliveries and stages Redshift's.
    #[serde(default = "default_backup_bucket")]
    pub backup_bucket: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransformSettings {
    /// The Lambda function's name (its ARN ends with it).
    pub function_name: String,
    /// The function's code (Rhai; see `firehose::transform`).
    pub code: String,
    /// The transform's own buffer: 0.2–3 MB.
    #[serde(default = "default_transform_mb")]
    pub buffer_mb: f64,
    /// 0–900 s.
    #[serde(default = "default_transform_interval")]
    pub buffer_interval_s: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct S3BucketSettings {
    pub bucket: String,
    /// Sample data the bucket starts with (for EMR jobs to read), generated in code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<SampleData>,
}

/// One of the shipped sample datasets, `kib` KiB of it, as the object `sample/<dataset>.txt`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SampleData {
    pub dataset: crate::emr::datasets::Dataset,
    pub kib: u32,
}

/// The most sample data a bucket holds: 16 MiB, which a browser tab maps in seconds.
pub const SAMPLE_KIB_MAX: u32 = 16 * 1024;
/// Sample data, KiB: at least 1 (the lab's choice), at most [`SAMPLE_KIB_MAX`].
pub const SAMPLE_KIB: (u32, u32) = (1, SAMPLE_KIB_MAX);

/// A new sample: 1 MiB, eight 128 MB splits at the default scale (two waves on two core
/// m5.xlarge nodes).
pub const SAMPLE_KIB_DEFAULT: u32 = 1024;

impl SampleData {
    pub fn new(dataset: crate::emr::datasets::Dataset) -> SampleData {
        SampleData { dataset, kib: SAMPLE_KIB_DEFAULT }
    }

    /// The object's key.
    pub fn key(&self) -> String {
        format!("sample/{}.txt", self.dataset.name())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedshiftSettings {
    pub cluster: String,
    pub table: String,
    /// The table's columns, comma-separated.
    pub columns: String,
    /// COPY options: `JSON 'auto'`, `CSV`, `DELIMITER '|'`, `MAXERROR n`.
    pub copy_options: String,
    #[serde(default = "yes")]
    pub available: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenSearchSettings {
    pub domain: String,
    pub index: String,
    #[serde(default = "yes")]
    pub available: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpEndpointSettings {
    pub url: String,
    #[serde(default)]
    pub name: String,
    #[serde(default = "yes")]
    pub available: bool,
}

fn default_buffer_mib() -> u64 {
    S3_BUFFER_MIB_DEFAULT
}
fn default_interval() -> u64 {
    BUFFER_INTERVAL_S_DEFAULT
}
fn uncompressed() -> Compression {
    Compression::Uncompressed
}
fn default_backup_bucket() -> String {
    "firehose-backup".to_string()
}
fn default_transform_mb() -> f64 {
    TRANSFORM_BUFFER_MB_DEFAULT
}
fn default_transform_interval() -> u64 {
    TRANSFORM_INTERVAL_S_DEFAULT
}
fn yes() -> bool {
    true
}

impl FirehoseSettings {
    pub fn new(name: &str) -> Self {
        FirehoseSettings {
            delivery_stream_name: name.to_string(),
            buffer_mib: default_buffer_mib(),
            buffer_interval_s: default_interval(),
            compression: Compression::Uncompressed,
            prefix: String::new(),
            error_prefix: String::new(),
            retry_duration_s: None,
            backup_all: false,
            backup_bucket: default_backup_bucket(),
        }
    }

    pub fn validate(&self) -> Result<(), SettingError> {
        let name = &self.delivery_stream_name;
        check(
            (DELIVERY_STREAM_NAME_CHARS.0..=DELIVERY_STREAM_NAME_CHARS.1).contains(&name.chars().count())
                && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')),
            "delivery_stream_name",
            "a delivery stream name is {0}–{1} characters of letters, digits, _ . and -",
        )?;
        // The widest range; the destination's own (OpenSearch 1–100, HTTP 1–64) is checked
        // when the stream is wired to it.
        check(
            (S3_BUFFER_MIB.0..=S3_BUFFER_MIB.1).contains(&self.buffer_mib),
            "buffer_mib",
            "the buffer size is {0}–{1} MiB (OpenSearch {2}–{3}, HTTP endpoint {4}–{5})",
        )?;
        check(
            (BUFFER_INTERVAL_S.0..=BUFFER_INTERVAL_S.1).contains(&self.buffer_interval_s),
            "buffer_interval_s",
            "the buffer interval is {0}–{1} s",
        )?;
        if let Some(r) = self.retry_duration_s {
            check(
                (RETRY_DURATION_S.0..=RETRY_DURATION_S.1).contains(&r),
                "retry_duration_s",
                "the retry duration is {0}–{1} s",
            )?;
        }
        check(valid_bucket(&self.backup_bucket), "backup_bucket", BUCKET_RULE)
    }
}

impl TransformSettings {
    pub fn validate(&self) -> Result<(), SettingError> {
        check(
            (FUNCTION_NAME_CHARS.0..=FUNCTION_NAME_CHARS.1).contains(&self.function_name.len())
                && self.function_name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-')),
            "function_name",
            "a Lambda function name is {0}–{1} letters, digits, - and _",
        )?;
        check(
            self.buffer_mb.is_finite() && (TRANSFORM_BUFFER_MB.0..=TRANSFORM_BUFFER_MB.1).contains(&self.buffer_mb),
            "buffer_mb",
            "the transform's buffer is {0}–{1} MB",
        )?;
        check(
            (BUFFER_INTERVAL_S.0..=BUFFER_INTERVAL_S.1).contains(&self.buffer_interval_s),
            "buffer_interval_s",
            "the transform's buffer interval is {0}–{1} s",
        )?;
        check(self.code.len() <= CODE_MAX_BYTES, "code", "the function's code is at most {0} KiB here")
    }
}

impl S3BucketSettings {
    pub fn validate(&self) -> Result<(), SettingError> {
        check(valid_bucket(&self.bucket), "bucket", BUCKET_RULE)?;
        if let Some(sample) = &self.sample {
            check((SAMPLE_KIB.0..=SAMPLE_KIB.1).contains(&sample.kib), "sample", "sample data is {0}–{1} KiB")?;
        }
        Ok(())
    }
}

fn simple_name(s: &str) -> bool {
    (REDSHIFT_NAME_CHARS.0..=REDSHIFT_NAME_CHARS.1).contains(&s.len())
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

impl RedshiftSettings {
    pub fn validate(&self) -> Result<(), SettingError> {
        check(
            simple_name(&self.cluster) && self.cluster.starts_with(|c: char| c.is_ascii_lowercase()),
            "cluster",
            "a cluster identifier is {0}–{1} lower-case letters, digits and hyphens, starting with a letter",
        )?;
        check(simple_name(&self.table), "table", "a table name is {0}–{1} lower-case letters, digits and _")?;
        check(
            self.columns.split(',').all(|c| simple_name(c.trim())),
            "columns",
            "name the columns, comma-separated (a,b,c)",
        )
    }
}

impl OpenSearchSettings {
    pub fn validate(&self) -> Result<(), SettingError> {
        check(
            (OPENSEARCH_DOMAIN_CHARS.0..=OPENSEARCH_DOMAIN_CHARS.1).contains(&self.domain.len())
                && self.domain.starts_with(|c: char| c.is_ascii_lowercase())
                && self.domain.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "domain",
            "a domain name is {0}–{1} lower-case letters, digits and hyphens, starting with a letter",
        )?;
        check(
            (OPENSEARCH_INDEX_CHARS.0..=OPENSEARCH_INDEX_CHARS.1).contains(&self.index.len())
                && !self.index.chars().any(|c| c.is_ascii_uppercase() || c == ' '),
            "index",
            "an index name is {0}–{1} characters, lower case, without spaces",
        )
    }
}

impl HttpEndpointSettings {
    pub fn validate(&self) -> Result<(), SettingError> {
        const SCHEME: &str = "https://";
        check(
            self.url.starts_with(SCHEME) && self.url.len() > SCHEME.len() && self.url.len() <= HTTP_URL_MAX_CHARS,
            "url",
            "Firehose delivers to https:// URLs only",
        )
    }
}
