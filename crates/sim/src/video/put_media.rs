//! PutMedia: a camera holds the stream's one PutMedia connection and sends fragments; the
//! service checks each against the fragment quotas and ingests it.

use super::fragment::Fragment;
use super::limits::{FRAGMENT_DURATION_RANGE, MAX_FRAGMENT_BYTES, PUT_MEDIA_CONNECTIONS, UPLOAD_LATENCY};
use super::service::KinesisVideo;
use crate::kinesis::{ApiError, ErrorType};
use crate::time::{SimDuration, SimTime};

/// A fragment as a camera sends it.
#[derive(Clone, Debug)]
pub struct SentFragment {
    pub source: usize,
    pub first_frame: u64,
    pub frames: u32,
    pub producer_start: SimTime,
    pub duration: SimDuration,
    pub size_bytes: u64,
}

impl KinesisVideo {
    /// Opens the stream's PutMedia connection for `camera` (a camera that already holds it
    /// keeps it).
    pub fn connect_put_media(&mut self, stream: &str, camera: &str) -> Result<(), ApiError> {
        let stream = self.stream_mut(stream)?;
        match &stream.put_media_by {
            Some(holder) if holder != camera => Err(ApiError::new(
                ErrorType::ConnectionLimitExceededException,
                format!(
                    "Kinesis Video Streams has throttled the request because you have exceeded the limit of allowed client connections: a stream takes {PUT_MEDIA_CONNECTIONS} PutMedia connection, and {holder} holds it."
                ),
            )),
            _ => {
                stream.put_media_by = Some(camera.to_string());
                Ok(())
            }
        }
    }

    pub fn disconnect_put_media(&mut self, stream: &str, camera: &str) {
        if let Some(s) = self.streams.get_mut(stream) {
            if s.put_media_by.as_deref() == Some(camera) {
                s.put_media_by = None;
            }
        }
    }

    /// Ingests a whole fragment at `now` (the camera finished sending it); returns its number.
    pub fn put_fragment(
        &mut self,
        now: SimTime,
        stream: &str,
        camera: &str,
        sent: SentFragment,
    ) -> Result<u64, ApiError> {
        self.connect_put_media(stream, camera)?;
        let s = self.stream_mut(stream)?;
        let refusal = check(&sent);
        if let Err(e) = refusal {
            s.books.refused += 1;
            return Err(e);
        }
        s.expire(now);
        let number = s.books.ingested + 1;
        s.fragments.push_back(Fragment {
            number,
            source: sent.source,
            first_frame: sent.first_frame,
            frames: sent.frames,
            producer_start: sent.producer_start,
            server_start: sent.producer_start + UPLOAD_LATENCY,
            ingested_at: now,
            duration: sent.duration,
            size_bytes: sent.size_bytes,
            retained: s.retention_hours > 0,
        });
        s.books.ingested += 1;
        // The buffer's memory limit may push an older fragment out.
        s.expire(now);
        Ok(number)
    }
}

/// The PutMedia fragment quotas: 1 to 20 seconds, at most 50 MB (PutMedia's error acks 4002
/// and 4001).
fn check(sent: &SentFragment) -> Result<(), ApiError> {
    let (shortest, longest) = FRAGMENT_DURATION_RANGE;
    if sent.duration < shortest || sent.duration > longest {
        return Err(ApiError::invalid(format!(
            "PutMedia error 4002: a fragment lasts {} to {} seconds, and this one lasts {} ms. Put a key frame at least every {} seconds, and no more often than every second.",
            shortest.as_millis() / 1_000,
            longest.as_millis() / 1_000,
            sent.duration.as_millis(),
            longest.as_millis() / 1_000,
        )));
    }
    if sent.size_bytes > MAX_FRAGMENT_BYTES {
        return Err(ApiError::invalid(format!(
            "PutMedia error 4001: a fragment holds at most 50 MB, and this one holds {} bytes.",
            sent.size_bytes
        )));
    }
    Ok(())
}
