//! Kinesis Video Streams: cameras send fragments of real frames into video streams, which
//! keep them for their retention; players watch live (GetMedia, HLS LIVE) or on demand (HLS
//! ON_DEMAND, LIVE_REPLAY, GetClip), and an analysis consumer finds motion in the pixels.
//!
//! Frames are never stored: a fragment records its camera and frame indices, and a frame is
//! rendered from the camera's deterministic scene when something looks at it.
//!
//! Only `limits` is in every build (the scenario's settings are checked against it); the
//! model is in the builds with the `video` feature.

#[cfg(feature = "video")]
pub mod analyzer;
#[cfg(feature = "video")]
pub mod api;
#[cfg(feature = "video")]
pub mod books;
#[cfg(feature = "video")]
pub mod camera;
#[cfg(feature = "video")]
pub mod clip;
#[cfg(feature = "video")]
pub mod fragment;
#[cfg(feature = "video")]
pub mod frame;
#[cfg(feature = "video")]
pub mod get_media;
#[cfg(feature = "video")]
pub mod hls;
pub mod limits;
#[cfg(feature = "video")]
pub mod motion;
#[cfg(feature = "video")]
pub mod player;
#[cfg(feature = "video")]
pub mod put_media;
#[cfg(feature = "video")]
pub mod rates;
#[cfg(feature = "video")]
pub mod retention;
#[cfg(feature = "video")]
pub mod scene;
#[cfg(feature = "video")]
pub mod service;
#[cfg(feature = "video")]
pub mod stream;

#[cfg(feature = "video")]
pub use service::KinesisVideo;
#[cfg(all(test, feature = "video"))]
mod tests;
