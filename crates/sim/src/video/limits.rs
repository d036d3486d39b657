//! Kinesis Video Streams rules and defaults, each with its source; then the lab's own
//! figures, marked as such. `docs/aws-rules.md` is generated from this file (see `crate::rules`).

use crate::time::SimDuration;

/// `DataRetentionInHours`: 0 (the default: the stream keeps nothing for playback) to 87,600
/// hours (ten years). UpdateDataRetention adds or subtracts a change of at least 1 hour.
/// Source: Amazon Kinesis Video Streams API Reference, CreateStream (`DataRetentionInHours`, default 0) and UpdateDataRetention ("The minimum value for data retention is 0 and the maximum value is 87600 (ten years)").
pub const RETENTION_HOURS_RANGE: (u32, u32) = (0, 87_600);
pub const DEFAULT_RETENTION_HOURS: u32 = 0;

/// A stream's name is 1 to 256 characters of letters, digits, `_`, `.` and `-`.
/// Source: Amazon Kinesis Video Streams API Reference, CreateStream (`StreamName`: "Length Constraints: Minimum length of 1. Maximum length of 256. Pattern: [a-zA-Z0-9_.-]+").
pub const VIDEO_STREAM_NAME_CHARS: usize = 256;

/// With a retention of 0, consumers can still read the fragments left in the service host
/// buffer, which keeps them for at most 5 minutes and 200 MB: a fragment leaves it when
/// either limit is reached.
/// Source: Amazon Kinesis Video Streams API Reference, CreateStream (`DataRetentionInHours`: "a retention time limit of 5 minutes and a retention memory limit of 200 MB").
pub const SERVICE_BUFFER: SimDuration = SimDuration::from_secs(300);
pub const SERVICE_BUFFER_BYTES: u64 = 200 * 1024 * 1024;

/// PutMedia: one connection per stream; a fragment lasts 1 to 20 seconds and holds at most
/// 50 MB.
/// Source: Amazon Kinesis Video Streams Developer Guide, "Service quotas" (PutMedia: 1 connection per stream; fragment duration minimum 1 s, maximum 20 s; fragment size 50 MB).
pub const PUT_MEDIA_CONNECTIONS: usize = 1;
pub const FRAGMENT_DURATION_RANGE: (SimDuration, SimDuration) = (SimDuration::from_secs(1), SimDuration::from_secs(20));
pub const MAX_FRAGMENT_BYTES: u64 = 50 * 1024 * 1024;

/// GetMedia: at most 5 calls per second and 3 open connections per stream; more calls are
/// refused with `ClientLimitExceededException`, a fourth connection with
/// `ConnectionLimitExceededException`.
/// Source: Amazon Kinesis Video Streams Developer Guide, "Service quotas" (GetMedia: 5 TPS per stream, 3 connections per stream); API Reference, GetMedia ("up to five times per second per stream").
pub const GET_MEDIA_CALLS_PER_SECOND: usize = 5;
pub const GET_MEDIA_CONNECTIONS: usize = 3;

/// DescribeStream, UpdateDataRetention and DeleteStream: 5 calls per second per stream;
/// GetHLSStreamingSessionURL: 25. More are refused with `ClientLimitExceededException`.
/// Source: Amazon Kinesis Video Streams Developer Guide, "Service quotas" (control plane: stream-level limit 5 TPS; GetHLSStreamingSessionURL 25 TPS per stream).
pub const CONTROL_CALLS_PER_SECOND: usize = 5;
pub const HLS_SESSION_CALLS_PER_SECOND: usize = 25;

/// Archived media costs each stream points a second: ListFragments costs its `MaxResults`
/// against 10,000 metadata points, GetClip one media point per fragment against 500. A call
/// that would pass them is refused with `ClientLimitExceededException`.
/// Source: Amazon Kinesis Video Streams Developer Guide, "Service quotas" (fragment-metadata and fragment-media quotas per stream).
pub const METADATA_POINTS_PER_SECOND: usize = 10_000;
pub const MEDIA_POINTS_PER_SECOND: usize = 500;

/// A LIVE HLS session needs a fragment ingested within the last 30 seconds; otherwise it is
/// refused with `ResourceNotFoundException`.
/// Source: Amazon Kinesis Video Streams API Reference, GetHLSStreamingSessionURL (ResourceNotFoundException: "no fragments within the last 30 seconds").
pub const HLS_LIVE_RECENT: SimDuration = SimDuration::from_secs(30);

/// `Expires` of an HLS session: 300 to 43,200 seconds, 300 by default.
/// Source: Amazon Kinesis Video Streams API Reference, GetHLSStreamingSessionURL (`Expires`).
pub const HLS_EXPIRES_SECONDS: (u64, u64) = (300, 43_200);
pub const HLS_EXPIRES_DEFAULT_SECONDS: u64 = 300;

/// The media playlist lists the 5 newest fragments in LIVE and LIVE_REPLAY mode and up to
/// 1,000 in ON_DEMAND mode by default (`MaxMediaPlaylistFragmentResults`, 1 to 5,000).
/// Source: Amazon Kinesis Video Streams API Reference, GetHLSStreamingSessionURL (`MaxMediaPlaylistFragmentResults`).
pub const HLS_LIVE_PLAYLIST_FRAGMENTS: usize = 5;
pub const HLS_ON_DEMAND_PLAYLIST_FRAGMENTS: usize = 1_000;
pub const HLS_PLAYLIST_FRAGMENTS_RANGE: (usize, usize) = (1, 5_000);

/// The time range of an ON_DEMAND or LIVE_REPLAY session, or of a clip, spans at most 24 hours.
/// Source: Amazon Kinesis Video Streams API Reference, HLSTimestampRange and ClipTimestampRange ("must be within 24 hours of the specified StartTimestamp").
pub const MAX_PLAYBACK_RANGE: SimDuration = SimDuration::from_hours(24);

/// ListFragments answers at most 1,000 fragments a page (`MaxResults`, 1 to 1,000).
/// Source: Amazon Kinesis Video Streams API Reference, ListFragments (`MaxResults`).
pub const LIST_FRAGMENTS_MAX_RESULTS: usize = 1_000;

/// GetClip returns the first 100 MB or the first 200 fragments from the start of its range.
/// Source: Amazon Kinesis Video Streams API Reference, GetClip ("the first 100 MB or the first 200 fragments"); Developer Guide, "Service quotas".
pub const CLIP_MAX_FRAGMENTS: usize = 200;
pub const CLIP_MAX_BYTES: u64 = 100 * 1024 * 1024;

// The lab's own figures: AWS publishes none of these, or they belong to the lab's camera.

/// The lab's frames are 160 × 120 pixels: real pixels, small enough to draw and analyse in a
/// browser many times a second.
/// Source: the lab's own figure.
pub const FRAME_WIDTH: u32 = 160;
pub const FRAME_HEIGHT: u32 = 120;
/// A camera records 1 to 30 frames per second (15 by default)…
/// Source: the lab's own bounds.
pub const FPS_RANGE: (u32, u32) = (1, 30);
pub const DEFAULT_FPS: u32 = 15;
/// …with a key frame every 1 to 600 frames (every 15 by default: one-second fragments; the
/// fragment duration limit above applies as well).
/// Source: the lab's own bounds.
pub const KEY_FRAME_INTERVAL_RANGE: (u32, u32) = (1, 600);
pub const DEFAULT_KEY_FRAME_INTERVAL: u32 = 15;
/// A fragment's size follows the camera's stated bitrate: 50 to 8,000 kbit/s, 500 by default.
/// Source: the lab's own bounds.
pub const BITRATE_KBPS_RANGE: (u32, u32) = (50, 8_000);
pub const DEFAULT_BITRATE_KBPS: u32 = 500;
/// From a frame's capture to the service receiving it (the camera's network).
/// Source: the lab's own figure.
pub const UPLOAD_LATENCY: SimDuration = SimDuration::from_millis(150);
/// The HLS packager publishes a fragment in the media playlist this long after it is ingested,
/// and players fetch the playlist again this often.
/// Source: the lab's own figures, chosen so that live HLS runs the 3–5 s behind the camera
/// that the study notes give (FACTS.md, Video Streams).
pub const HLS_PUBLISH_DELAY: SimDuration = SimDuration::from_millis(1_000);
pub const HLS_PLAYLIST_POLL: SimDuration = SimDuration::from_millis(1_000);
/// A player or analysis consumer looks at its stream this often.
/// Source: the lab's own figure.
pub const CONSUMER_TICK: SimDuration = SimDuration::from_millis(250);
/// The synthetic scene: at most 4 moving shapes; the figure walks in every 30 s and takes
/// 10 s to cross.
/// Source: the lab's own figures.
pub const MAX_MOVING_SHAPES: u32 = 4;
pub const FIGURE_PERIOD: SimDuration = SimDuration::from_secs(30);
pub const FIGURE_WALK: SimDuration = SimDuration::from_secs(10);
/// Motion detection: a pixel changed when its brightness moved by more than 24 (sensor noise
/// moves it by at most 4); a cell of 8 × 8 pixels moves when at least 6 of its pixels changed.
/// Source: the lab's own figures.
pub const MOTION_PIXEL_THRESHOLD: u8 = 24;
pub const MOTION_CELL: u32 = 8;
pub const MOTION_CELL_MIN_PIXELS: u32 = 6;
/// The analysis consumer compares frames 200 ms apart, 5 times per second of video.
/// Source: the lab's own figure.
pub const ANALYSIS_INTERVAL: SimDuration = SimDuration::from_millis(200);
/// Motion events an analysis consumer keeps for its dashboard.
/// Source: the lab's own figure.
pub const DASHBOARD_EVENTS: usize = 200;

/// The rules of Video Streams that are behaviours rather than numbers.
pub const BEHAVIOURS: &[crate::rules::Behaviour] = &[
    crate::rules::Behaviour {
        rule: "A fragment ingested while the retention is above 0 is kept for the retention (raising it keeps existing data longer, lowering it deletes what is now older at once); with a retention of 0 a fragment lives only in the host buffer (5 minutes, 200 MB) and raising the retention later does not bring it back.",
        enforced_in: "video/retention.rs",
        by: "fn kept_for",
        source: "Amazon Kinesis Video Streams API Reference, CreateStream (DataRetentionInHours) and UpdateDataRetention",
    },
    crate::rules::Behaviour {
        rule: "HLS sessions and GetClip need a retention above 0 (NoDataRetentionException); GetMedia reads the host buffer and works on any stream.",
        enforced_in: "video/hls.rs",
        by: "no_data_retention",
        source: "Amazon Kinesis Video Streams API Reference, GetHLSStreamingSessionURL, GetClip and CreateStream",
    },
    crate::rules::Behaviour {
        rule: "An HLS media playlist lists the newest fragments in LIVE mode, reveals one more fragment each time the previous one has had time to play in LIVE_REPLAY mode, and lists the whole range at once in ON_DEMAND mode.",
        enforced_in: "video/hls.rs",
        by: "PlaybackMode::LiveReplay",
        source: "Amazon Kinesis Video Streams API Reference, GetHLSStreamingSessionURL (PlaybackMode)",
    },
    crate::rules::Behaviour {
        rule: "UpdateDataRetention and DeleteStream take the stream's current version; an older one is refused with VersionMismatchException, and each change gives the stream a new version.",
        enforced_in: "video/service.rs",
        by: "VersionMismatchException",
        source: "Amazon Kinesis Video Streams API Reference, UpdateDataRetention and DeleteStream",
    },
    crate::rules::Behaviour {
        rule: "A fragment starts at a key frame; its fragment number grows with ingestion order; its server timestamp is when the service started receiving it.",
        enforced_in: "video/put_media.rs",
        by: "server_start",
        source: "Amazon Kinesis Video Streams API Reference, Fragment and PutMedia",
    },
    crate::rules::Behaviour {
        rule: "Motion is found in the pixels: brightness differences above sensor noise, counted in 8 × 8 cells, touching cells boxed together (the lab's own analysis consumer, in place of Rekognition Video).",
        enforced_in: "video/motion.rs",
        by: "fn detect",
        source: "the lab's own method (frame differencing)",
    },
];

crate::rule_values!(
    VIDEO_STREAM_NAME_CHARS,
    RETENTION_HOURS_RANGE,
    DEFAULT_RETENTION_HOURS,
    SERVICE_BUFFER,
    SERVICE_BUFFER_BYTES,
    PUT_MEDIA_CONNECTIONS,
    FRAGMENT_DURATION_RANGE,
    MAX_FRAGMENT_BYTES,
    GET_MEDIA_CALLS_PER_SECOND,
    GET_MEDIA_CONNECTIONS,
    CONTROL_CALLS_PER_SECOND,
    HLS_SESSION_CALLS_PER_SECOND,
    METADATA_POINTS_PER_SECOND,
    MEDIA_POINTS_PER_SECOND,
    HLS_LIVE_RECENT,
    HLS_EXPIRES_SECONDS,
    HLS_EXPIRES_DEFAULT_SECONDS,
    HLS_LIVE_PLAYLIST_FRAGMENTS,
    HLS_ON_DEMAND_PLAYLIST_FRAGMENTS,
    HLS_PLAYLIST_FRAGMENTS_RANGE,
    MAX_PLAYBACK_RANGE,
    LIST_FRAGMENTS_MAX_RESULTS,
    CLIP_MAX_FRAGMENTS,
    CLIP_MAX_BYTES,
    FRAME_WIDTH,
    FRAME_HEIGHT,
    FPS_RANGE,
    DEFAULT_FPS,
    KEY_FRAME_INTERVAL_RANGE,
    DEFAULT_KEY_FRAME_INTERVAL,
    BITRATE_KBPS_RANGE,
    DEFAULT_BITRATE_KBPS,
    UPLOAD_LATENCY,
    HLS_PUBLISH_DELAY,
    HLS_PLAYLIST_POLL,
    CONSUMER_TICK,
    MAX_MOVING_SHAPES,
    FIGURE_PERIOD,
    FIGURE_WALK,
    MOTION_PIXEL_THRESHOLD,
    MOTION_CELL,
    MOTION_CELL_MIN_PIXELS,
    ANALYSIS_INTERVAL,
    DASHBOARD_EVENTS,
);
