//! GetMedia: a reader opens one of the stream's 3 connections (at most 5 calls a second) and
//! then receives the fragments from its start on, in fragment-number order, as they are
//! ingested. It reads the stream's retained fragments and, after them, the service's host
//! buffer, which is why it works on a stream with a retention of 0.

use super::limits::{GET_MEDIA_CALLS_PER_SECOND, GET_MEDIA_CONNECTIONS};
use super::service::KinesisVideo;
use crate::kinesis::{ApiError, ErrorType};
use crate::time::SimTime;

/// Where a GetMedia session starts (`StartSelector`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartSelector {
    /// The next fragment ingested from now on.
    Now,
    /// The oldest fragment the stream still holds.
    Earliest,
    /// The fragment after this one (the count inside its number).
    AfterFragment(u64),
    /// The first fragment whose producer timestamp is at or after this time.
    ProducerTimestamp(SimTime),
    /// The first fragment whose server timestamp is at or after this time.
    ServerTimestamp(SimTime),
}

/// An open GetMedia session: the next fragment it will deliver.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediaCursor {
    pub stream: String,
    pub reader: String,
    pub next: u64,
    /// Fragments that ran out before the reader got to them (GetMedia's error 4000,
    /// "Requested fragment is not found"), skipped.
    pub missed: u64,
}

impl KinesisVideo {
    /// GetMedia: opens a session for `reader` (a reader that already holds a connection
    /// reuses it, but the call still counts against the rate).
    pub fn get_media(
        &mut self,
        now: SimTime,
        stream: &str,
        reader: &str,
        start: StartSelector,
    ) -> Result<MediaCursor, ApiError> {
        let s = self.stream_mut(stream)?;
        s.get_media_calls.admit(now, GET_MEDIA_CALLS_PER_SECOND, "GetMedia")?;
        if !s.get_media_by.iter().any(|r| r == reader) {
            if s.get_media_by.len() >= GET_MEDIA_CONNECTIONS {
                return Err(ApiError::new(
                    ErrorType::ConnectionLimitExceededException,
                    format!(
                        "Kinesis Video Streams has throttled the request because you have exceeded the limit of allowed client connections: a stream takes {GET_MEDIA_CONNECTIONS} GetMedia connections ({} hold them).",
                        s.get_media_by.join(", ")
                    ),
                ));
            }
            s.get_media_by.push(reader.to_string());
        }
        s.expire(now);
        let newest = s.newest(now).map_or(0, |f| f.number);
        let mut live = s.live_fragments(now);
        let next = match start {
            StartSelector::Now => newest + 1,
            StartSelector::Earliest => live.next().map_or(newest + 1, |f| f.number),
            StartSelector::AfterFragment(n) => n + 1,
            StartSelector::ProducerTimestamp(t) => {
                live.find(|f| f.producer_start >= t).map_or(newest + 1, |f| f.number)
            }
            StartSelector::ServerTimestamp(t) => live.find(|f| f.server_start >= t).map_or(newest + 1, |f| f.number),
        };
        Ok(MediaCursor { stream: stream.to_string(), reader: reader.to_string(), next, missed: 0 })
    }

    /// The fragments ingested for `cursor` since its last read, in order; moves it past them.
    /// A fragment that ran out before it was read is skipped and counted as missed.
    pub fn read_media(
        &mut self,
        now: SimTime,
        cursor: &mut MediaCursor,
    ) -> Result<Vec<super::fragment::Fragment>, ApiError> {
        let s = self.stream_mut(&cursor.stream)?;
        s.expire(now);
        // Fragments are held in number order: start at the cursor rather than scan them all.
        let from = s.fragments.partition_point(|f| f.number < cursor.next);
        let hours = s.retention_hours;
        let got: Vec<_> = s
            .fragments
            .range(from..)
            .filter(|f| f.ingested_at <= now && super::retention::is_kept(f, hours, now))
            .cloned()
            .collect();
        let reached =
            got.last().map_or_else(|| s.newest(now).map_or(0, |f| f.number).max(cursor.next - 1), |f| f.number);
        // Numbers between the cursor and the first fragment delivered that are gone now.
        let first = got.first().map_or(reached + 1, |f| f.number);
        cursor.missed += first.saturating_sub(cursor.next);
        cursor.next = reached + 1;
        s.books.count_read(&cursor.reader, got.len() as u64);
        Ok(got)
    }

    /// Closes `reader`'s GetMedia connection on `stream`.
    pub fn close_get_media(&mut self, stream: &str, reader: &str) {
        if let Some(s) = self.streams.get_mut(stream) {
            s.get_media_by.retain(|r| r != reader);
        }
    }
}
