//! One delivery stream: its S3 destination settings and its buffer, which flushes when it
//! reaches the size hint or when the oldest record has waited the interval, whichever first.

use super::limits::*;
use crate::calendar::utc;
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

#[derive(Clone, Debug, PartialEq)]
pub struct S3Destination {
    pub bucket: String,
    /// Empty: the default `YYYY/MM/dd/HH/` prefix.
    pub prefix: String,
    pub error_prefix: String,
    pub size_bytes: u64,
    pub interval: SimDuration,
    pub compression: Compression,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Buffered {
    pub data: Vec<u8>,
    pub arrival: SimTime,
    pub record_id: u64,
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
    pub destination: S3Destination,
    pub transform: Option<TransformStage>,
    pub buffer: Vec<Buffered>,
    pub buffered_bytes: u64,
    /// Direct PUT usage this second: (second, records, requests, bytes).
    pub put_window: (u64, u64, u64, u64),
    /// Since when deliveries have been failing (the bucket does not exist), if they are.
    pub failing_since: Option<SimTime>,
    pub delivered_records: u64,
    pub delivered_objects: u64,
    pub failed_records: u64,
    pub dropped_records: u64,
    pub processing_failed_records: u64,
    pub rng: SimRng,
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

    /// The S3 key of an object whose oldest record arrived at `oldest_epoch_ms`:
    /// prefix (default `YYYY/MM/dd/HH/`) + `<stream>-<version>-<yyyy>-<MM>-<dd>-<HH>-<mm>-<ss>-<random>`.
    pub fn object_key(&mut self, oldest_epoch_ms: u64, error_output_type: Option<&str>) -> String {
        let t = utc(oldest_epoch_ms);
        let template = match error_output_type {
            Some(_) if !self.destination.error_prefix.is_empty() => self.destination.error_prefix.clone(),
            Some(kind) => format!("{kind}/!{{timestamp:yyyy/MM/dd/HH}}/"),
            None => self.destination.prefix.clone(),
        };
        let prefix = if template.is_empty() {
            t.format("yyyy/MM/dd/HH/")
        } else {
            expand_prefix(&template, oldest_epoch_ms, error_output_type)
        };
        let random = uuid(&mut self.rng);
        format!("{prefix}{}-1-{}-{random}", self.name, t.format("yyyy-MM-dd-HH-mm-ss"))
    }
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
fn uuid(rng: &mut SimRng) -> String {
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
