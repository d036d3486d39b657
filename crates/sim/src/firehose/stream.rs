//! One delivery stream: where its records come from, its destination and its buffer, which
//! flushes when it reaches the size hint or when the oldest record has waited the interval,
//! whichever first. A flushed buffer becomes a batch in flight until its destination takes it
//! (or the retry time runs out).

use super::limits::*;
use crate::calendar::utc;
use crate::pipeline::record_data::RecordData;
use crate::rng::SimRng;
use crate::time::{SimDuration, SimTime};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Compression {
    #[serde(rename = "UNCOMPRESSED")]
    Uncompressed,
    #[serde(rename = "GZIP")]
    Gzip,
}

impl Compression {
    /// The file extension Firehose gives objects so compressed ("Configure Amazon S3 object
    /// name format": the extension follows the compression, `.gz` for GZIP).
    pub fn extension(self) -> &'static str {
        match self {
            Compression::Uncompressed => "",
            Compression::Gzip => ".gz",
        }
    }
}

/// What the delivery stream delivers into, past its S3 bucket.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// The bucket is the destination.
    S3,
    /// Staged in the bucket, then loaded with `COPY table FROM … copy_options`.
    Redshift { cluster: String, table: String, columns: Vec<String>, copy_options: String, retry_for: SimDuration },
    /// Bulk-indexed, each document into `index` rotated by its arrival time; the bucket is the
    /// backup for failed (or, with `backup_all`, all) documents.
    OpenSearch {
        domain: String,
        index: String,
        rotation: super::index_rotation::IndexRotation,
        retry_for: SimDuration,
        backup_all: bool,
    },
    /// POSTed; the bucket is the backup for failed (or all) data.
    Http { url: String, name: String, retry_for: SimDuration, backup_all: bool },
}

impl Target {
    /// The CloudWatch metric of the records delivered.
    pub fn records_metric(&self) -> &'static str {
        match self {
            Target::S3 => "DeliveryToS3.Records",
            Target::Redshift { .. } => "DeliveryToRedshift.Records",
            Target::OpenSearch { .. } => "DeliveryToAmazonOpenSearchService.Records",
            Target::Http { .. } => "DeliveryToHttpEndpoint.Records",
        }
    }

    /// The CloudWatch metric of the age (s) of the oldest record in a delivery: how stale the
    /// destination's data can be.
    pub fn freshness_metric(&self) -> &'static str {
        match self {
            Target::S3 => "DeliveryToS3.DataFreshness",
            Target::Redshift { .. } => "DeliveryToRedshift.DataFreshness",
            Target::OpenSearch { .. } => "DeliveryToAmazonOpenSearchService.DataFreshness",
            Target::Http { .. } => "DeliveryToHttpEndpoint.DataFreshness",
        }
    }
}

/// Where a delivery stream's records come from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    DirectPut,
    /// Firehose reads the data stream as a consumer, each shard once a second from where it
    /// was when the delivery stream began reading (a cursor per shard index).
    Kinesis {
        stream: String,
        cursors: std::collections::BTreeMap<u32, crate::pipeline::lineage::Cursor>,
        next_poll: SimTime,
        /// GetRecords calls refused by the shard's shared read limit.
        throttled: u64,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Destination {
    pub target: Target,
    pub bucket: String,
    /// Empty: the default `YYYY/MM/dd/HH/` prefix.
    pub prefix: String,
    pub error_prefix: String,
    pub size_bytes: u64,
    pub interval: SimDuration,
    pub compression: Compression,
    /// The S3 configuration's buffering hints (MiB, seconds), as DescribeDeliveryStream shows
    /// them: the delivery hints for S3 and Redshift, the backup bucket's own for OpenSearch
    /// and HTTP endpoints.
    pub s3_hints: (u64, u64),
}

/// A record in a buffer or a batch in flight. A generated record's bytes are made when
/// something opens it (`RecordData`): a buffer of a busy stream holds a few words a record.
#[derive(Clone, Debug, PartialEq)]
pub struct Buffered {
    pub data: RecordData,
    pub arrival: SimTime,
    pub record_id: u64,
}

/// A flushed buffer on its way to the destination.
#[derive(Clone, Debug, PartialEq)]
pub struct Batch {
    pub records: Vec<Buffered>,
    pub reason: FlushReason,
    /// When the first delivery attempt was made, once one has failed.
    pub failing_since: Option<SimTime>,
    pub next_try: SimTime,
    /// Redshift: the staged object's key once it is in S3 (the COPY is what is retried).
    pub staged: Option<String>,
}

/// One flush, for the inspector's list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FlushInfo {
    pub at: SimTime,
    pub reason: FlushReason,
    pub records: u64,
    pub bytes: u64,
}

/// How many recent flushes a delivery stream keeps for the inspector.
pub const FLUSHES_KEPT: usize = 20;

/// What a delivery stream has done, for the inspector and the tests.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DeliveryStats {
    pub incoming_records: u64,
    pub incoming_bytes: u64,
    pub delivered_records: u64,
    /// Objects written, COPYs run, bulk or POST requests accepted.
    pub deliveries: u64,
    pub failed_records: u64,
    pub backed_up_records: u64,
    pub dropped_records: u64,
    pub processing_failed_records: u64,
    /// Sum over delivered records of (delivery − arrival), in ms.
    pub latency_ms_sum: u64,
}

impl DeliveryStats {
    pub fn average_latency_ms(&self) -> f64 {
        crate::metrics::mean(self.latency_ms_sum, self.delivered_records)
    }
}

/// Why a buffer was flushed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlushReason {
    Size,
    Interval,
}

/// A Lambda transform in front of the delivery buffer, with its own buffer.
#[derive(Clone, Debug)]
pub struct TransformStage {
    pub function: super::transform::Transform,
    pub lambda_arn: String,
    pub size_bytes: u64,
    pub interval: SimDuration,
    pub buffer: Vec<Buffered>,
    pub buffered_bytes: u64,
    pub invocations: u64,
    pub failed_invocations: u64,
}

impl TransformStage {
    /// Whether the transform's buffer is due for an invocation now.
    pub fn due(&self, now: SimTime) -> bool {
        self.buffer.first().is_some_and(|b| self.buffered_bytes >= self.size_bytes || now >= b.arrival + self.interval)
    }
}

#[derive(Clone, Debug)]
pub struct DeliveryStream {
    pub name: String,
    pub created: SimTime,
    /// CREATING until then.
    pub active_at: SimTime,
    pub deleting: bool,
    pub source: Source,
    pub destination: Destination,
    pub transform: Option<TransformStage>,
    pub buffer: Vec<Buffered>,
    pub buffered_bytes: u64,
    /// Flushed batches not yet taken by the destination, oldest first.
    pub in_flight: std::collections::VecDeque<Batch>,
    /// Direct PUT usage this second: (second, records, requests, bytes).
    pub put_window: (u64, u64, u64, u64),
    pub stats: DeliveryStats,
    pub recent_flushes: std::collections::VecDeque<FlushInfo>,
    /// The CreateDeliveryStream input it was made from (what a scenario edit compares), with
    /// the destination updates applied.
    pub config: serde_json::Value,
    /// The delivery stream's version: 1 when created, one more with every destination update
    /// (VersionId; it is part of every S3 object name).
    pub version: u64,
    pub rng: SimRng,
    /// The Analytics applications that read this delivery stream as their streaming source
    /// (the legacy Kinesis Data Analytics could): each gets a copy of every record taken in
    /// since it started reading, until it reads them (`readers.rs`).
    pub readers: std::collections::BTreeMap<String, std::collections::VecDeque<(RecordData, SimTime)>>,
}

impl DeliveryStream {
    pub fn arn(&self) -> String {
        format!(
            "arn:aws:firehose:{}:{}:deliverystream/{}",
            crate::kinesis::limits::REGION,
            crate::kinesis::limits::ACCOUNT_ID,
            self.name
        )
    }

    /// The CloudWatch dimension of the stream's metrics.
    pub fn dimension(&self) -> String {
        format!("DeliveryStreamName={}", self.name)
    }

    pub fn status(&self, now: SimTime) -> &'static str {
        if self.deleting {
            "DELETING"
        } else if now < self.active_at {
            "CREATING"
        } else {
            "ACTIVE"
        }
    }

    /// The flush due now, if any: size reached, or the oldest record has waited the interval.
    pub fn flush_due(&self, now: SimTime) -> Option<FlushReason> {
        let oldest = self.buffer.first()?.arrival;
        if self.buffered_bytes >= self.destination.size_bytes {
            Some(FlushReason::Size)
        } else if now >= oldest + self.destination.interval {
            Some(FlushReason::Interval)
        } else {
            None
        }
    }

    /// When the interval flush of the current buffer falls due.
    pub fn interval_due(&self) -> Option<SimTime> {
        self.buffer.first().map(|b| b.arrival + self.destination.interval)
    }

    /// Counts a Direct PUT request against the per-second quotas; false if it would pass one.
    pub fn admit_put(&mut self, now: SimTime, records: u64, bytes: u64) -> bool {
        let second = now.second();
        if self.put_window.0 != second {
            self.put_window = (second, 0, 0, 0);
        }
        let (_, r, q, b) = self.put_window;
        if r + records > DIRECT_PUT_RECORDS_PER_SEC
            || q + 1 > DIRECT_PUT_REQUESTS_PER_SEC
            || b + bytes > DIRECT_PUT_BYTES_PER_SEC
        {
            return false;
        }
        self.put_window = (second, r + records, q + 1, b + bytes);
        true
    }

    /// The S3 key of an object whose oldest record arrived at `oldest_epoch_ms`: prefix
    /// (default `YYYY/MM/dd/HH/`) + `<stream>-<version>-<yyyy>-<MM>-<dd>-<HH>-<mm>-<ss>-<random>`
    /// + `extension` (the compression's, for a delivered object).
    pub fn object_key(&mut self, oldest_epoch_ms: u64, error_output_type: Option<&str>, extension: &str) -> String {
        let name = format!("{}-{}", self.name, self.version);
        object_key(&self.destination, &mut self.rng, &name, oldest_epoch_ms, error_output_type) + extension
    }

    /// Records waiting anywhere in the stream: transform buffer, delivery buffer, in flight.
    pub fn waiting(&self) -> u64 {
        let transform = self.transform.as_ref().map_or(0, |t| t.buffer.len());
        let in_flight: usize = self.in_flight.iter().map(|b| b.records.len()).sum();
        (transform + self.buffer.len() + in_flight) as u64
    }
}

/// `stream_version` is `<stream>-<version>`.
pub(super) fn object_key(
    destination: &Destination,
    rng: &mut SimRng,
    stream_version: &str,
    oldest_epoch_ms: u64,
    error_output_type: Option<&str>,
) -> String {
    let t = utc(oldest_epoch_ms);
    let template = match error_output_type {
        Some(_) if !destination.error_prefix.is_empty() => destination.error_prefix.clone(),
        Some(kind) => format!("{kind}/!{{timestamp:yyyy/MM/dd/HH}}/"),
        None => destination.prefix.clone(),
    };
    let prefix = if template.is_empty() {
        t.format("yyyy/MM/dd/HH/")
    } else {
        expand_prefix(&template, oldest_epoch_ms, error_output_type)
    };
    let random = uuid(rng);
    format!("{prefix}{stream_version}-{}-{random}", t.format("yyyy-MM-dd-HH-mm-ss"))
}

/// Expands `!{timestamp:…}` and `!{firehose:error-output-type}` / `!{firehose:random-string}`
/// in a custom prefix.
pub fn expand_prefix(template: &str, epoch_ms: u64, error_output_type: Option<&str>) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find("!{") {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let expr = &rest[start + 2..start + end];
        match expr.split_once(':') {
            Some(("timestamp", pattern)) => out.push_str(&utc(epoch_ms).format(pattern)),
            Some(("firehose", "error-output-type")) => out.push_str(error_output_type.unwrap_or("")),
            Some(("firehose", "random-string")) => {
                out.push_str(&format!("{:011x}", epoch_ms.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 20))
            }
            _ => out.push_str(&rest[start..start + end + 1]),
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    out
}

/// A version-4-style UUID from the stream's generator (the random part of object names).
pub(crate) fn uuid(rng: &mut SimRng) -> String {
    let (a, b) = (rng.next_u64(), rng.next_u64());
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        (b >> 48) & 0x3fff | 0x8000,
        b & 0xffff_ffff_ffff
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_expand_timestamps_and_error_types() {
        let t = 1_767_225_600_000 + 3_723_000; // 2026-01-01T01:02:03Z
        assert_eq!(expand_prefix("logs/!{timestamp:yyyy/MM/dd}/", t, None), "logs/2026/01/01/");
        assert_eq!(
            expand_prefix("err/!{firehose:error-output-type}/", t, Some("processing-failed")),
            "err/processing-failed/"
        );
        assert_eq!(expand_prefix("plain/", t, None), "plain/");
    }
}
