//! Kinesis Video Streams: cameras send fragments of real frames into video streams, which
//! keep them for their retention; players watch live (GetMedia, HLS LIVE) or on demand (HLS
//! ON_DEMAND, LIVE_REPLAY, GetClip), and an analysis consumer finds motion in the pixels.
//!
//! Frames are never stored: a fragment records its camera and frame indices, and a frame is
//! rendered from the camera's deterministic scene when something looks at it.

pub mod analyzer;
pub mod api;
pub mod books;
pub mod camera;
pub mod clip;
pub mod fragment;
pub mod frame;
pub mod get_media;
pub mod hls;
pub mod limits;
pub mod motion;
pub mod player;
pub mod put_media;
pub mod rates;
pub mod retention;
pub mod scene;
pub mod service;
pub mod stream;

pub use service::KinesisVideo;
#[cfg(test)]
mod tests;
