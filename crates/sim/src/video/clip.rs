//! GetClip: the fragments of a time range (at most 200 of them, or 100 MB) as one file. AWS
//! answers an MP4; the lab answers an animated GIF of the same frames, which any browser shows
//! and which a pure-Rust encoder writes in the page.

use super::fragment::Fragment;
use super::hls::{check_range, no_data_retention, TimestampKind};
use super::limits::{CLIP_MAX_BYTES, CLIP_MAX_FRAGMENTS, MEDIA_POINTS_PER_SECOND};
use super::service::KinesisVideo;
use crate::kinesis::ApiError;
use crate::time::SimTime;

/// What GetClip answers: its content type and bytes.
#[derive(Clone, Debug)]
pub struct Clip {
    pub content_type: &'static str,
    pub payload: Vec<u8>,
    pub fragments: usize,
    pub frames: usize,
}

impl KinesisVideo {
    /// GetClip for `reader`: the retained fragments whose timestamp falls in
    /// `[start, end]`, from the start, up to 200 fragments or 100 MB.
    pub fn get_clip(
        &mut self,
        now: SimTime,
        stream: &str,
        reader: &str,
        selector: TimestampKind,
        start: SimTime,
        end: SimTime,
    ) -> Result<Clip, ApiError> {
        check_range(Some(start), Some(end))?;
        if selector == TimestampKind::Server && end > now {
            return Err(ApiError::invalid("With SERVER_TIMESTAMP, EndTimestamp must be in the past."));
        }
        let s = self.stream_mut(stream)?;
        if s.retention_hours == 0 {
            return Err(no_data_retention("GetClip", stream));
        }
        s.expire(now);
        let mut bytes = 0;
        let chosen: Vec<Fragment> = s
            .live_fragments(now)
            .filter(|f| f.retained && (start..=end).contains(&selector.of(f)))
            .take(CLIP_MAX_FRAGMENTS)
            .take_while(|f| {
                bytes += f.size_bytes;
                bytes <= CLIP_MAX_BYTES
            })
            .cloned()
            .collect();
        if chosen.is_empty() {
            return Err(ApiError::not_found(format!(
                "The stream {stream} has no retained fragments within the requested time range."
            )));
        }
        // Each fragment of a clip costs a media point: 500 a second per stream.
        s.media_points.admit_many(now, chosen.len(), MEDIA_POINTS_PER_SECOND, "GetClip")?;
        s.books.count_read(reader, chosen.len() as u64);
        let frames: usize = chosen.iter().map(|f| f.frames as usize).sum();
        let payload = self.encode_gif(&chosen);
        Ok(Clip { content_type: "image/gif", payload, fragments: chosen.len(), frames })
    }

    /// The frames of `fragments` as an animated GIF that loops, each frame shown for its
    /// camera's frame interval.
    pub fn encode_gif(&self, fragments: &[Fragment]) -> Vec<u8> {
        use super::limits::{FRAME_HEIGHT, FRAME_WIDTH};
        let palette = palette();
        let mut out = Vec::new();
        {
            let mut encoder = gif::Encoder::new(&mut out, FRAME_WIDTH as u16, FRAME_HEIGHT as u16, &palette)
                .expect("writing a GIF header to memory cannot fail");
            encoder.set_repeat(gif::Repeat::Infinite).expect("writing to memory cannot fail");
            for f in fragments {
                let source = &self.sources[f.source];
                let delay = (100 + source.fps / 2) / source.fps;
                for index in f.first_frame..f.first_frame + f.frames as u64 {
                    let frame = source.render(index);
                    let indices: Vec<u8> =
                        frame.rgba.chunks_exact(4).map(|p| palette_index(p[0], p[1], p[2])).collect();
                    let mut g = gif::Frame::from_indexed_pixels(FRAME_WIDTH as u16, FRAME_HEIGHT as u16, indices, None);
                    g.delay = delay as u16;
                    encoder.write_frame(&g).expect("writing to memory cannot fail");
                }
            }
        }
        out
    }
}

/// A fixed palette of 6 × 7 × 6 colours (252 of the 256 a GIF allows), so that encoding needs
/// no colour search and gives the same bytes everywhere.
fn palette() -> Vec<u8> {
    let mut p = Vec::with_capacity(256 * 3);
    for r in 0..6u32 {
        for g in 0..7u32 {
            for b in 0..6u32 {
                p.extend([(r * 255 / 5) as u8, (g * 255 / 6) as u8, (b * 255 / 5) as u8]);
            }
        }
    }
    p.resize(256 * 3, 0);
    p
}

fn palette_index(r: u8, g: u8, b: u8) -> u8 {
    let q = |v: u8, levels: u32| (v as u32 * (levels - 1) + 127) / 255;
    (q(r, 6) * 42 + q(g, 7) * 6 + q(b, 6)) as u8
}
