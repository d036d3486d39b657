//! A fragment: the frames from one key frame to the next, as the service ingested them. It
//! keeps what regenerates its frames (the camera's media source and frame indices), never
//! the pixels.

use crate::time::{SimDuration, SimTime};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fragment {
    /// The stream's count of ingested fragments, from 1: it grows with ingestion order, as
    /// AWS's fragment numbers do. `fragment_number` prints it as AWS does.
    pub number: u64,
    /// The camera that recorded it (an index into the service's media sources).
    pub source: usize,
    /// Its first frame (a key frame) and how many frames it holds.
    pub first_frame: u64,
    pub frames: u32,
    /// When the camera captured its first frame (`ProducerTimestamp`)…
    pub producer_start: SimTime,
    /// …when the service started receiving it (`ServerTimestamp`)…
    pub server_start: SimTime,
    /// …and when the service had all of it: from then on readers can get it.
    pub ingested_at: SimTime,
    pub duration: SimDuration,
    pub size_bytes: u64,
    /// Whether the stream retained it for playback: false for a fragment ingested while the
    /// retention was 0, which lives only in the service's short buffer.
    pub retained: bool,
}

impl Fragment {
    pub fn producer_end(&self) -> SimTime {
        self.producer_start + self.duration
    }

    /// The frame shown at `t` on the producer's clock, if `t` falls in this fragment.
    pub fn frame_at(&self, t: SimTime) -> Option<u64> {
        if t < self.producer_start || t >= self.producer_end() {
            return None;
        }
        let into = t.saturating_sub(self.producer_start).as_micros();
        let index = (into as u128 * self.frames as u128 / self.duration.as_micros().max(1) as u128) as u64;
        Some(self.first_frame + index.min(self.frames as u64 - 1))
    }
}

/// A fragment number as AWS writes it: a long decimal string that grows with ingestion
/// order. The lab's are 47 digits, like AWS's: a fixed prefix, the stream's creation time in
/// milliseconds, and the fragment's count.
pub fn fragment_number(stream_created_ms: u64, number: u64) -> String {
    format!("9134385233{stream_created_ms:017}{number:020}")
}

/// The count inside a fragment number of this stream, if it is one.
pub fn parse_fragment_number(stream_created_ms: u64, text: &str) -> Option<u64> {
    let prefix = format!("9134385233{stream_created_ms:017}");
    let rest = text.strip_prefix(&prefix)?;
    (rest.len() == 20 && rest.bytes().all(|b| b.is_ascii_digit())).then(|| rest.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_numbers_grow_as_strings_and_read_back() {
        let a = fragment_number(1_700_000_000_000, 9);
        let b = fragment_number(1_700_000_000_000, 10);
        assert_eq!(a.len(), 47);
        assert!(a < b, "a later fragment has the larger number");
        assert_eq!(parse_fragment_number(1_700_000_000_000, &b), Some(10));
        assert_eq!(parse_fragment_number(1_700_000_000_001, &b), None, "another stream's number");
    }

    #[test]
    fn a_time_maps_to_the_frame_shown_then() {
        let f = Fragment {
            number: 1,
            source: 0,
            first_frame: 30,
            frames: 15,
            producer_start: SimTime::from_millis(2_000),
            server_start: SimTime::from_millis(2_150),
            ingested_at: SimTime::from_millis(3_150),
            duration: SimDuration::from_secs(1),
            size_bytes: 62_500,
            retained: true,
        };
        assert_eq!(f.frame_at(SimTime::from_millis(1_999)), None);
        assert_eq!(f.frame_at(SimTime::from_millis(2_000)), Some(30));
        assert_eq!(f.frame_at(SimTime::from_millis(2_999)), Some(44));
        assert_eq!(f.frame_at(SimTime::from_millis(3_000)), None);
    }
}
