//! A video player on the canvas: a GetMedia live viewer, or an HLS player in LIVE,
//! LIVE_REPLAY or ON_DEMAND mode. It opens its session as AWS clients do (and shows the
//! refusal when the stream says no), gathers the fragments its session gives it, and plays
//! them at the camera's pace: the playhead moves with the clock and stalls at the end of what
//! it has. The page draws the frame under the playhead; the model says which one it is.

use super::fragment::Fragment;
use super::get_media::{MediaCursor, StartSelector};
use super::hls::{PlaybackMode, SessionRequest, TimestampKind};
use super::limits::*;
use super::service::KinesisVideo;
use crate::ctx::Ctx;
use crate::kinesis::ApiError;
use crate::time::{SimDuration, SimTime};
use serde::Serialize;

pub use crate::pipeline::video_settings::{PlayerSettings, ViewerMode};

/// The HLS playback mode a viewer mode opens its session in; GetMedia is not HLS.
fn hls_mode(mode: ViewerMode) -> Option<PlaybackMode> {
    match mode {
        ViewerMode::GetMedia => None,
        ViewerMode::Live => Some(PlaybackMode::Live),
        ViewerMode::LiveReplay => Some(PlaybackMode::LiveReplay),
        ViewerMode::OnDemand => Some(PlaybackMode::OnDemand),
    }
}

/// A refused session is asked for again after this long.
const RETRY_AFTER: SimDuration = SimDuration::from_secs(5);
/// Live modes keep this much media behind the playhead.
const KEEP_BEHIND: SimDuration = SimDuration::from_secs(30);

#[derive(Clone, Debug)]
enum Session {
    GetMedia(MediaCursor),
    /// `fetched`: whether the playlist was read once (an ON_DEMAND range is read only once).
    Hls {
        url: String,
        fetched_at: SimTime,
        fetched: bool,
    },
}

/// Where the playhead is: at `position` (on the camera's clock) when the world's clock read
/// `at`; it moves on with the clock while media lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Playhead {
    pub position: SimTime,
    pub at: SimTime,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PlayerStats {
    pub sessions_opened: u64,
    pub refusals: u64,
    pub fragments_received: u64,
    /// Fragments that ran out before the player got them.
    pub fragments_missed: u64,
}

#[derive(Clone, Debug)]
pub struct Player {
    pub id: String,
    pub stream: Option<String>,
    pub settings: PlayerSettings,
    session: Option<Session>,
    /// The last refusal, until a session opens.
    pub refusal: Option<ApiError>,
    retry_at: SimTime,
    /// The fragments the player has, in order.
    pub media: Vec<Fragment>,
    pub playhead: Option<Playhead>,
    pub stats: PlayerStats,
}

/// Why a playhead cannot be moved where the learner asked. The page words each in both
/// languages; `Display` gives the English for the tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeekRefusal {
    /// GET_MEDIA and LIVE players play the live edge: only ON_DEMAND and LIVE_REPLAY move.
    PlaysTheLiveEdge,
    /// The player has no fragment at that time: the stream did not keep one there.
    NothingKeptThere,
    /// No player has that id.
    NoSuchPlayer,
}

impl std::fmt::Display for SeekRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SeekRefusal::PlaysTheLiveEdge => {
                "This player plays the live edge: only ON_DEMAND and LIVE_REPLAY sessions can be moved."
            }
            SeekRefusal::NothingKeptThere => {
                "The player has no fragment at that time: the stream did not retain one there."
            }
            SeekRefusal::NoSuchPlayer => "There is no such player.",
        })
    }
}

/// What the page shows of a player at an instant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlayerView {
    /// The playhead, on the camera's clock.
    pub position: SimTime,
    /// The frame under it: its media source and index.
    pub frame: Option<(usize, u64)>,
    /// How far behind the camera the picture is (the world's time minus the playhead).
    pub latency: SimDuration,
    /// Whether the player is waiting for media.
    pub stalled: bool,
    /// The span of media the player has (camera clock).
    pub buffered: Option<(SimTime, SimTime)>,
}

impl Player {
    pub fn new(id: &str, stream: Option<String>, settings: PlayerSettings) -> Player {
        Player {
            id: id.to_string(),
            stream,
            settings,
            session: None,
            refusal: None,
            retry_at: SimTime::ZERO,
            media: Vec::new(),
            playhead: None,
            stats: PlayerStats::default(),
        }
    }

    pub fn tick(&mut self, video: &mut KinesisVideo, ctx: &mut Ctx) -> SimTime {
        let now = ctx.now;
        let next = now + CONSUMER_TICK;
        let Some(stream) = self.stream.clone() else { return next };
        if self.session.is_none() && now >= self.retry_at {
            self.open(video, &stream, now);
        }
        match &mut self.session {
            Some(Session::GetMedia(cursor)) => match video.read_media(now, cursor) {
                Ok(got) => {
                    self.stats.fragments_missed = cursor.missed;
                    self.receive(got, now);
                }
                Err(e) => self.lose_session(e, now),
            },
            Some(Session::Hls { url, fetched_at, fetched }) => {
                let on_demand = self.settings.mode == ViewerMode::OnDemand;
                // ON_DEMAND fetches its playlist once; the live modes every second.
                if (!on_demand || !*fetched) && now >= *fetched_at + HLS_PLAYLIST_POLL {
                    *fetched_at = now;
                    *fetched = true;
                    match video.media_playlist(url, now) {
                        Ok(list) => {
                            let new: Vec<Fragment> = list
                                .into_iter()
                                .filter(|f| self.media.last().is_none_or(|last| f.number > last.number))
                                .collect();
                            if let Some(s) = video.streams.get_mut(&stream) {
                                s.books.count_read(&self.id, new.len() as u64);
                            }
                            self.receive(new, now);
                        }
                        Err(e) => self.lose_session(e, now),
                    }
                }
            }
            None => {}
        }
        // An ON_DEMAND session covers a fixed range, up to when it was opened. A player that
        // has played to its end asks for a new session, whose range runs up to now; so does
        // one whose playlist listed nothing (opened within the publishing delay of the first
        // fragment kept: the range held it, the playlist did not yet).
        if let Some(Session::Hls { fetched_at, fetched, .. }) = &self.session {
            let played_out = match self.view(now) {
                Some(view) => view.stalled,
                None => *fetched && self.media.is_empty(),
            };
            if self.settings.mode == ViewerMode::OnDemand && played_out && now >= *fetched_at + RETRY_AFTER {
                self.session = None;
                self.retry_at = now;
            }
        }
        self.advance(now);
        next
    }

    fn open(&mut self, video: &mut KinesisVideo, stream: &str, now: SimTime) {
        let opened = match hls_mode(self.settings.mode) {
            None => video.get_media(now, stream, &self.id, StartSelector::Now).map(Session::GetMedia),
            Some(mode) => {
                let mut request = SessionRequest::live();
                request.mode = mode;
                request.selector = TimestampKind::Producer;
                match mode {
                    PlaybackMode::Live => {}
                    PlaybackMode::LiveReplay => {
                        request.start = Some(SimTime(
                            now.as_micros().saturating_sub(self.settings.replay_from_seconds * 1_000_000),
                        ));
                    }
                    PlaybackMode::OnDemand => {
                        // Everything the range allows: the 24 hours before now.
                        request.start = Some(SimTime(now.as_micros().saturating_sub(MAX_PLAYBACK_RANGE.as_micros())));
                        request.end = Some(now);
                    }
                }
                video.get_hls_streaming_session_url(now, stream, request).map(|url| Session::Hls {
                    fetched: false,
                    url,
                    fetched_at: SimTime(now.as_micros().saturating_sub(HLS_PLAYLIST_POLL.as_micros())),
                })
            }
        };
        match opened {
            Ok(session) => {
                self.session = Some(session);
                self.refusal = None;
                self.stats.sessions_opened += 1;
            }
            Err(e) => self.lose_session(e, now),
        }
    }

    fn lose_session(&mut self, e: ApiError, now: SimTime) {
        self.session = None;
        self.refusal = Some(e);
        self.stats.refusals += 1;
        self.retry_at = now + RETRY_AFTER;
    }

    fn receive(&mut self, got: Vec<Fragment>, now: SimTime) {
        self.stats.fragments_received += got.len() as u64;
        if self.playhead.is_none() {
            if let Some(first) = got.first() {
                // Live modes start at the newest fragment they got, the others at the first.
                let start = match self.settings.mode {
                    ViewerMode::Live => got.last().unwrap_or(first).producer_start,
                    _ => first.producer_start,
                };
                self.playhead = Some(Playhead { position: start, at: now });
            }
        }
        self.media.extend(got);
    }

    /// Moves the playhead to `now` and lets go of media far behind it (live modes).
    fn advance(&mut self, now: SimTime) {
        let position = self.view(now).map(|v| v.position);
        if let (Some(p), Some(position)) = (&mut self.playhead, position) {
            *p = Playhead { position, at: now };
            if !self.settings.mode.can_seek() {
                self.media.retain(|f| f.producer_end() + KEEP_BEHIND > position);
            }
        }
    }

    /// What the player shows at `now`: the playhead moved on by the time since it was set,
    /// held at the end of the media it has (stalled) and never before its start.
    pub fn view(&self, now: SimTime) -> Option<PlayerView> {
        let p = self.playhead?;
        let (first, last) = (self.media.first()?, self.media.last()?);
        let (start, end) = (first.producer_start, last.producer_end());
        let wanted = p.position + now.saturating_sub(p.at);
        let position = wanted.clamp(start, SimTime(end.as_micros().saturating_sub(1)));
        let frame = self.media.iter().find_map(|f| f.frame_at(position).map(|i| (f.source, i)));
        Some(PlayerView {
            position,
            frame,
            latency: now.saturating_sub(position),
            stalled: wanted >= end,
            buffered: Some((start, end)),
        })
    }

    /// Moves the playhead to `t` (ON_DEMAND and LIVE_REPLAY only), if the player has media there.
    pub fn seek(&mut self, t: SimTime, now: SimTime) -> Result<(), SeekRefusal> {
        if !self.settings.mode.can_seek() {
            return Err(SeekRefusal::PlaysTheLiveEdge);
        }
        if !self.media.iter().any(|f| f.frame_at(t).is_some()) {
            return Err(SeekRefusal::NothingKeptThere);
        }
        self.playhead = Some(Playhead { position: t, at: now });
        Ok(())
    }

    /// Takes new settings and a new wire: a new mode or stream opens a new session on the
    /// next tick (the old one was closed by the world); the figures stay.
    pub fn reconfigure(&mut self, settings: PlayerSettings, stream: Option<String>) {
        if settings != self.settings || stream != self.stream {
            let stats = std::mem::take(&mut self.stats);
            *self = Player::new(&self.id, stream, settings);
            self.stats = stats;
        }
    }

    /// Closes the player's session (it was removed or rewired).
    pub fn close(&mut self, video: &mut KinesisVideo) {
        if let (Some(Session::GetMedia(cursor)), Some(stream)) = (&self.session, &self.stream) {
            video.close_get_media(stream, &cursor.reader);
        }
        self.session = None;
    }
}
