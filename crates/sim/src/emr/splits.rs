//! Input splits, as Hadoop's FileInputFormat and LineRecordReader make them.
//!
//! A file is cut into splits of the split size (the block size), except that the last split
//! may be up to 10% larger rather than leave a sliver (`SPLIT_SLOP`). Splits cut bytes, not
//! lines: a line belongs to the split in which it starts, so every split after a file's
//! first skips the partial line it begins in, and every split reads on past its end to
//! finish its last line. Each line is read exactly once.

use super::limits::SPLIT_SLOP;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputSplit {
    /// The input file's name (its path in HDFS or S3).
    pub file: String,
    /// Where the split starts in the file, in real bytes.
    pub offset: u64,
    /// How many real bytes it covers.
    pub length: u64,
}

/// The splits of a file of `len` real bytes, for a split size of `split_bytes` (> 0).
pub fn file_splits(file: &str, len: u64, split_bytes: u64) -> Vec<InputSplit> {
    let split_bytes = split_bytes.max(1);
    let mut splits = Vec::new();
    let mut remaining = len;
    while remaining as f64 / split_bytes as f64 > SPLIT_SLOP {
        splits.push(InputSplit { file: file.to_string(), offset: len - remaining, length: split_bytes });
        remaining -= split_bytes;
    }
    if remaining > 0 {
        splits.push(InputSplit { file: file.to_string(), offset: len - remaining, length: remaining });
    }
    splits
}

/// The lines of `data` that the split `[offset, offset + length)` reads, without their line
/// ends (`\n`, and a `\r` before it), as LineRecordReader returns them.
pub fn split_lines(data: &[u8], offset: u64, length: u64) -> SplitLines<'_> {
    let len = data.len() as u64;
    let start = offset.min(len);
    let end = offset.saturating_add(length).min(len);
    // Not the first split: the line under way at `start` belongs to the split before.
    let pos = if start == 0 {
        0
    } else {
        match memchr(b'\n', &data[start as usize..]) {
            Some(i) => start as usize + i + 1,
            None => data.len(),
        }
    };
    SplitLines { data, pos, end: end as usize }
}

pub struct SplitLines<'a> {
    data: &'a [u8],
    pos: usize,
    end: usize,
}

impl<'a> Iterator for SplitLines<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        // A line starting exactly at `end` is still this split's: the next split skips up
        // to and including the first line end at or after its start.
        if self.pos >= self.data.len() || self.pos > self.end {
            return None;
        }
        let rest = &self.data[self.pos..];
        let (line, used) = match memchr(b'\n', rest) {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.pos += used;
        Some(line.strip_suffix(b"\r").unwrap_or(line))
    }
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_split_takes_up_to_ten_percent_more() {
        // 1,105 bytes: ten splits of 100, then 105 left, within the slop: one split of 105.
        let lens: Vec<u64> = file_splits("f", 1_105, 100).iter().map(|s| s.length).collect();
        assert_eq!(lens, [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 105]);
        // 1,050 bytes: 150 left after nine is more than 1.1 splits, so 100 and then 50.
        let offsets: Vec<u64> = file_splits("f", 1_050, 100).iter().map(|s| s.offset).collect();
        assert_eq!(offsets, [0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1_000]);
        assert_eq!(file_splits("f", 110, 100).len(), 1, "110 bytes is within the 10% slop");
        assert_eq!(file_splits("f", 111, 100).len(), 2);
        assert!(file_splits("f", 0, 100).is_empty());
    }

    #[test]
    fn every_line_is_read_once_whatever_the_split_size() {
        let text = b"alpha beta\ngamma\n\ndelta epsilon zeta\neta\r\ntheta";
        let all: Vec<&[u8]> = text.split(|&b| b == b'\n').map(|l| l.strip_suffix(b"\r").unwrap_or(l)).collect();
        for size in 1..=text.len() as u64 + 1 {
            let got: Vec<&[u8]> = file_splits("t", text.len() as u64, size)
                .iter()
                .flat_map(|s| split_lines(text, s.offset, s.length))
                .collect();
            assert_eq!(got, all, "split size {size}");
        }
    }

    #[test]
    fn a_line_starting_at_a_split_boundary_belongs_to_the_split_before() {
        let text = b"aaaa\nbbbb\ncccc\n";
        // Split 1 is [0, 5): it ends where "bbbb" starts, and reads it, as Hadoop does.
        let first: Vec<&[u8]> = split_lines(text, 0, 5).collect();
        let second: Vec<&[u8]> = split_lines(text, 5, 10).collect();
        assert_eq!(first, [&b"aaaa"[..], b"bbbb"]);
        assert_eq!(second, [&b"cccc"[..]]);
    }
}
