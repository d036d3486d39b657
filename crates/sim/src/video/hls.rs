//! HLS playback: GetHLSStreamingSessionURL opens a session (LIVE, LIVE_REPLAY or ON_DEMAND)
//! on a stream that retains data, and the session's media playlist lists the fragments a
//! player may fetch, by the rules of its mode:
//! - LIVE: the newest fragments as they are published; a player fetches the playlist again
//!   every second;
//! - LIVE_REPLAY: from a start time, one more fragment each time the previous one's duration
//!   has elapsed, then on into what is ingested live (or up to an end time);
//! - ON_DEMAND: every fragment of a time range, oldest first, at once.

use super::fragment::Fragment;
use super::limits::*;
use super::service::KinesisVideo;
use crate::kinesis::{ApiError, ErrorType};
use crate::time::{SimDuration, SimTime};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PlaybackMode {
    Live,
    LiveReplay,
    OnDemand,
}

impl PlaybackMode {
    pub fn name(self) -> &'static str {
        match self {
            PlaybackMode::Live => "LIVE",
            PlaybackMode::LiveReplay => "LIVE_REPLAY",
            PlaybackMode::OnDemand => "ON_DEMAND",
        }
    }
    pub fn parse(text: &str) -> Result<PlaybackMode, ApiError> {
        match text {
            "LIVE" => Ok(PlaybackMode::Live),
            "LIVE_REPLAY" => Ok(PlaybackMode::LiveReplay),
            "ON_DEMAND" => Ok(PlaybackMode::OnDemand),
            other => {
                Err(ApiError::invalid(format!("PlaybackMode must be LIVE, LIVE_REPLAY or ON_DEMAND, not '{other}'.")))
            }
        }
    }
}

/// Which of a fragment's timestamps a time range is compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampKind {
    Producer,
    Server,
}

impl TimestampKind {
    pub fn parse(text: &str) -> Result<TimestampKind, ApiError> {
        match text {
            "PRODUCER_TIMESTAMP" => Ok(TimestampKind::Producer),
            "SERVER_TIMESTAMP" => Ok(TimestampKind::Server),
            other => Err(ApiError::invalid(format!(
                "FragmentSelectorType must be PRODUCER_TIMESTAMP or SERVER_TIMESTAMP, not '{other}'."
            ))),
        }
    }
    pub fn of(self, f: &Fragment) -> SimTime {
        match self {
            TimestampKind::Producer => f.producer_start,
            TimestampKind::Server => f.server_start,
        }
    }
}

/// What a session is asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionRequest {
    pub mode: PlaybackMode,
    pub selector: TimestampKind,
    pub start: Option<SimTime>,
    pub end: Option<SimTime>,
    pub expires: SimDuration,
    pub max_fragments: Option<usize>,
}

impl SessionRequest {
    pub fn live() -> SessionRequest {
        SessionRequest {
            mode: PlaybackMode::Live,
            selector: TimestampKind::Server,
            start: None,
            end: None,
            expires: SimDuration::from_secs(HLS_EXPIRES_DEFAULT_SECONDS),
            max_fragments: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HlsSession {
    pub token: String,
    pub stream: String,
    pub request: SessionRequest,
    pub created_at: SimTime,
    pub expires_at: SimTime,
}

/// The endpoint the lab's archived-media answers come from.
pub const DATA_ENDPOINT: &str = "https://b-5e3f9a1c.kinesisvideo.us-east-1.amazonaws.com";

impl KinesisVideo {
    /// GetHLSStreamingSessionURL: checks the request against the stream and the rules of its
    /// mode, opens the session and answers its URL.
    pub fn get_hls_streaming_session_url(
        &mut self,
        now: SimTime,
        stream: &str,
        request: SessionRequest,
    ) -> Result<String, ApiError> {
        let s = self.stream_mut(stream)?;
        s.hls_calls.admit(now, HLS_SESSION_CALLS_PER_SECOND, "GetHLSStreamingSessionURL")?;
        if s.retention_hours == 0 {
            return Err(no_data_retention("A streaming session", stream));
        }
        check_request(&request)?;
        s.expire(now);
        let hours = s.retention_hours;
        let in_range = |f: &&Fragment| {
            let t = request.selector.of(f);
            request.start.is_none_or(|start| t >= start) && request.end.is_none_or(|end| t <= end)
        };
        let kept = s.live_fragments(now).filter(|f| f.retained && hours > 0);
        match request.mode {
            PlaybackMode::Live => {
                if !kept.into_iter().any(|f| now.saturating_sub(f.ingested_at) <= HLS_LIVE_RECENT) {
                    return Err(ApiError::not_found(format!(
                        "No fragments were ingested into the stream {stream} within the last 30 seconds: a LIVE session needs a live stream (and only fragments the stream retains count)."
                    )));
                }
            }
            PlaybackMode::LiveReplay | PlaybackMode::OnDemand => {
                if !kept.into_iter().any(|f| in_range(&f)) {
                    return Err(ApiError::not_found(format!(
                        "The stream {stream} has no retained fragments within the requested time range."
                    )));
                }
            }
        }
        self.sessions_made += 1;
        let token = session_token(self.sessions_made, stream);
        let session = HlsSession {
            token: token.clone(),
            stream: stream.to_string(),
            expires_at: now + request.expires,
            request,
            created_at: now,
        };
        self.hls_sessions.insert(token.clone(), session);
        Ok(format!("{DATA_ENDPOINT}/hls/v1/getHLSMasterPlaylist.m3u8?SessionToken={token}"))
    }

    /// The session behind a session URL (as the lab's player opens it).
    pub fn hls_session(&self, url: &str, now: SimTime) -> Result<&HlsSession, ApiError> {
        let token = url.rsplit_once("SessionToken=").map(|(_, t)| t).unwrap_or(url);
        let session = self.hls_sessions.get(token).ok_or_else(session_gone)?;
        if session.expires_at <= now {
            return Err(session_gone());
        }
        Ok(session)
    }

    /// The session's media playlist at `now`: the fragments a player may fetch, in order.
    pub fn media_playlist(&self, url: &str, now: SimTime) -> Result<Vec<Fragment>, ApiError> {
        let session = self.hls_session(url, now)?;
        let stream = self.stream(&session.stream)?;
        let r = &session.request;
        let hours = stream.retention_hours;
        let published = |f: &&Fragment| f.ingested_at + HLS_PUBLISH_DELAY <= now && f.retained && hours > 0;
        let in_range = |f: &&Fragment| {
            let t = r.selector.of(f);
            r.start.is_none_or(|s| t >= s) && r.end.is_none_or(|e| t <= e)
        };
        let max = r.max_fragments.unwrap_or(match r.mode {
            PlaybackMode::OnDemand => HLS_ON_DEMAND_PLAYLIST_FRAGMENTS,
            _ => HLS_LIVE_PLAYLIST_FRAGMENTS,
        });
        // A player polls every second of virtual time, so a poll costs what it answers, not the
        // stream's length: fragments are held in ingestion order, and a fragment's producer
        // and server timestamps both come before its ingestion, so none ingested before the
        // range's start can be in it.
        let first = r.start.map_or(0, |start| stream.fragments.partition_point(|f| f.ingested_at < start));
        let kept = |f: &&Fragment| f.ingested_at <= now && super::retention::is_kept(f, hours, now);
        let list: Vec<&Fragment> = match r.mode {
            // The newest ones, read from the live edge back.
            PlaybackMode::Live => {
                let mut newest: Vec<&Fragment> = stream
                    .fragments
                    .range(first..)
                    .rev()
                    .filter(kept)
                    .filter(published)
                    .filter(in_range)
                    .take(max)
                    .collect();
                newest.reverse();
                newest
            }
            _ => {
                let fragments = stream.fragments.range(first..).filter(kept).filter(published).filter(in_range);
                match r.mode {
                    PlaybackMode::LiveReplay => reveal(fragments, now.saturating_sub(session.created_at), max),
                    _ => fragments.take(max).collect(),
                }
            }
        };
        Ok(list.into_iter().cloned().collect())
    }

    /// The media playlist as the HLS text a player reads.
    pub fn media_playlist_text(&self, url: &str, now: SimTime) -> Result<String, ApiError> {
        let session = self.hls_session(url, now)?;
        let stream = self.stream(&session.stream)?;
        let list = self.media_playlist(url, now)?;
        let target = list.iter().map(|f| f.duration.as_millis().div_ceil(1_000)).max().unwrap_or(1);
        let mut text = format!(
            "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:{target}\n#EXT-X-MEDIA-SEQUENCE:{}\n",
            list.first().map_or(0, |f| f.number)
        );
        if session.request.mode == PlaybackMode::OnDemand {
            text.push_str("#EXT-X-PLAYLIST-TYPE:VOD\n");
        }
        text.push_str(&format!("#EXT-X-MAP:URI=\"getMP4InitFragment.mp4?SessionToken={}\"\n", session.token));
        for f in &list {
            let ms = f.duration.as_millis();
            text.push_str(&format!(
                "#EXTINF:{}.{:03},\ngetMP4MediaFragment.mp4?FragmentNumber={}&SessionToken={}\n",
                ms / 1_000,
                ms % 1_000,
                stream.fragment_number(f),
                session.token
            ));
        }
        if session.request.mode == PlaybackMode::OnDemand {
            text.push_str("#EXT-X-ENDLIST\n");
        }
        Ok(text)
    }
}

/// The ranges and figures of a request, checked as AWS checks them.
fn check_request(r: &SessionRequest) -> Result<(), ApiError> {
    let (low, high) = HLS_EXPIRES_SECONDS;
    let expires = r.expires.as_millis() / 1_000;
    if !(low..=high).contains(&expires) {
        return Err(ApiError::invalid(format!("Expires must be between {low} and {high} seconds; it was {expires}.")));
    }
    if let Some(n) = r.max_fragments {
        let (low, high) = HLS_PLAYLIST_FRAGMENTS_RANGE;
        if !(low..=high).contains(&n) {
            return Err(ApiError::invalid(format!(
                "MaxMediaPlaylistFragmentResults must be between {low} and {high}; it was {n}."
            )));
        }
    }
    match r.mode {
        PlaybackMode::Live if r.start.is_some() || r.end.is_some() => Err(ApiError::invalid(
            "A LIVE session takes no TimestampRange: it always plays the newest fragments.",
        )),
        PlaybackMode::OnDemand if r.start.is_none() || r.end.is_none() => Err(ApiError::invalid(
            "An ON_DEMAND session needs HLSFragmentSelector with a TimestampRange that has both StartTimestamp and EndTimestamp.",
        )),
        PlaybackMode::LiveReplay if r.start.is_none() => Err(ApiError::invalid(
            "A LIVE_REPLAY session needs HLSFragmentSelector with a TimestampRange that has a StartTimestamp.",
        )),
        _ => check_range(r.start, r.end),
    }
}

/// A time range ends after it starts, within 24 hours.
pub fn check_range(start: Option<SimTime>, end: Option<SimTime>) -> Result<(), ApiError> {
    if let (Some(start), Some(end)) = (start, end) {
        if end <= start {
            return Err(ApiError::invalid("EndTimestamp must be later than StartTimestamp."));
        }
        if end.saturating_sub(start) > MAX_PLAYBACK_RANGE {
            return Err(ApiError::invalid("EndTimestamp must be within 24 hours of StartTimestamp."));
        }
    }
    Ok(())
}

/// The refusal of a playback session (`what` = "A streaming session") or a clip
/// ("GetClip") on a stream that retains nothing.
pub fn no_data_retention(what: &str, stream: &str) -> ApiError {
    ApiError::new(
        ErrorType::NoDataRetentionException,
        format!(
            "{what} was requested for a stream that does not retain data (that is, has a DataRetentionInHours of 0). The stream {stream} keeps its fragments only in the service's 5-minute buffer, which only GetMedia reads: raise its retention to play it back."
        ),
    )
}

fn session_gone() -> ApiError {
    ApiError::new(
        ErrorType::NotAuthorizedException,
        "Status Code: 403, The caller is not authorized to perform an operation on the given stream, or the token has expired.",
    )
}

/// A session token: opaque to the player, derived from the session's count and stream.
fn session_token(count: u64, stream: &str) -> String {
    let mut h = stream.bytes().fold(0xCBF2_9CE4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01B3));
    h ^= count.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut bytes = [0u8; 24];
    for chunk in bytes.chunks_mut(8) {
        h = (h ^ (h >> 31)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        chunk.copy_from_slice(&h.to_le_bytes());
    }
    use base64::Engine;
    format!("CiA{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// LIVE_REPLAY's playlist: from the start of its range, one fragment more each time the one
/// before it has had time to play since the session opened; the newest `max` of those.
fn reveal<'a>(
    fragments: impl Iterator<Item = &'a Fragment>,
    mut elapsed: SimDuration,
    max: usize,
) -> Vec<&'a Fragment> {
    let mut revealed = Vec::new();
    for f in fragments {
        revealed.push(f);
        if elapsed < f.duration {
            break;
        }
        elapsed = SimDuration(elapsed.0 - f.duration.0);
    }
    let from = revealed.len().saturating_sub(max);
    revealed.split_off(from)
}
