//! A video stream: its description (StreamInfo), the fragments it holds, its retention, its
//! open connections and its call windows.

use super::books::FragmentBooks;
use super::fragment::{fragment_number, Fragment};
use super::rates::CallWindow;
use super::retention;
use crate::time::SimTime;
use serde_json::{json, Value};
use std::collections::VecDeque;

/// The lab's account and Region, as in the other services' ARNs.
pub const REGION: &str = "us-east-1";
pub const ACCOUNT: &str = "123456789012";

#[derive(Clone, Debug)]
pub struct VideoStream {
    pub name: String,
    pub arn: String,
    pub device_name: Option<String>,
    pub media_type: Option<String>,
    pub kms_key_id: String,
    /// Changes with each change of the stream's metadata (UpdateDataRetention, UpdateStream):
    /// callers pass it back as `CurrentVersion`.
    pub version: String,
    versions: u64,
    /// Milliseconds since 1970 when it was created (its ARN ends with them).
    pub created_ms: u64,
    pub retention_hours: u32,
    /// What it holds, oldest first (in ingestion order).
    pub fragments: VecDeque<Fragment>,
    pub books: FragmentBooks,
    /// The camera holding its one PutMedia connection.
    pub put_media_by: Option<String>,
    /// The readers holding its GetMedia connections (at most 3).
    pub get_media_by: Vec<String>,
    pub(super) get_media_calls: CallWindow,
    pub(super) hls_calls: CallWindow,
    pub(super) control_calls: CallWindow,
    pub(super) metadata_points: CallWindow,
    pub(super) media_points: CallWindow,
    /// When fragments were last let go (see `retention::expire`).
    swept_to: SimTime,
}

impl VideoStream {
    pub fn new(name: &str, created_ms: u64, retention_hours: u32) -> VideoStream {
        let mut stream = VideoStream {
            name: name.to_string(),
            arn: format!("arn:aws:kinesisvideo:{REGION}:{ACCOUNT}:stream/{name}/{created_ms}"),
            device_name: None,
            media_type: Some("video/h264".into()),
            kms_key_id: format!("arn:aws:kms:{REGION}:{ACCOUNT}:alias/aws/kinesisvideo"),
            version: String::new(),
            versions: 0,
            created_ms,
            retention_hours,
            fragments: VecDeque::new(),
            books: FragmentBooks::default(),
            put_media_by: None,
            get_media_by: Vec::new(),
            get_media_calls: CallWindow::default(),
            hls_calls: CallWindow::default(),
            control_calls: CallWindow::default(),
            metadata_points: CallWindow::default(),
            media_points: CallWindow::default(),
            swept_to: SimTime::ZERO,
        };
        stream.bump_version();
        stream
    }

    /// A new version string: 20 letters and digits, like AWS's, derived from the stream's
    /// name and how often it changed.
    pub(super) fn bump_version(&mut self) {
        self.versions += 1;
        const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        let mut h = self
            .name
            .bytes()
            .fold(0xCBF2_9CE4_8422_2325u64 ^ self.created_ms, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01B3));
        h ^= self.versions.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.version = (0..20)
            .map(|_| {
                h = (h ^ (h >> 29)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                ALPHABET[(h >> 58) as usize % ALPHABET.len()] as char
            })
            .collect();
    }

    /// The fragments a reader can get at `now`: ingested and not yet run out.
    pub fn live_fragments(&self, now: SimTime) -> impl Iterator<Item = &Fragment> {
        let hours = self.retention_hours;
        self.fragments.iter().filter(move |f| f.ingested_at <= now && retention::is_kept(f, hours, now))
    }

    /// The newest fragment ingested by `now`.
    pub fn newest(&self, now: SimTime) -> Option<&Fragment> {
        self.fragments.iter().rev().find(|f| f.ingested_at <= now)
    }

    pub fn fragment_number(&self, f: &Fragment) -> String {
        fragment_number(self.created_ms, f.number)
    }

    /// Removes what ran out by `now`, keeping the books.
    pub fn expire(&mut self, now: SimTime) {
        let gone = retention::expire(&mut self.fragments, self.retention_hours, self.swept_to, now);
        self.swept_to = self.swept_to.max(now);
        self.books.expired += gone;
    }

    /// `StreamInfo` as DescribeStream and ListStreams answer it.
    pub fn info(&self) -> Value {
        let mut info = json!({
            "StreamName": self.name,
            "StreamARN": self.arn,
            "KmsKeyId": self.kms_key_id,
            "Version": self.version,
            "Status": "ACTIVE",
            "CreationTime": self.created_ms as f64 / 1_000.0,
            "DataRetentionInHours": self.retention_hours,
        });
        if let Some(device) = &self.device_name {
            info["DeviceName"] = json!(device);
        }
        if let Some(media) = &self.media_type {
            info["MediaType"] = json!(media);
        }
        info
    }
}
