//! Data at a stated scale. Real bytes go through map and reduce, but a browser holds
//! kilobytes, not the gigabytes that make 128 MB blocks and several waves. So the lab says
//! how many real bytes stand for one simulated MB: block and split sizes, task durations
//! and the sizes the page prints are in simulated MB, while every output is exact for the
//! real data. The scale is printed wherever a size is shown.

use serde::{Deserialize, Serialize};

/// 1 KiB of sample data stands for 1 MB: a 128 MB split is 128 KiB of real text.
pub const DEFAULT_BYTES_PER_MB: u64 = 1024;
/// At least one real byte stands for a simulated MB (the lab's rule: no data, no job).
pub const MIN_BYTES_PER_MB: u64 = 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataScale {
    /// Real bytes that stand for one simulated MB (at least 1).
    pub bytes_per_mb: u64,
}

impl Default for DataScale {
    fn default() -> Self {
        DataScale { bytes_per_mb: DEFAULT_BYTES_PER_MB }
    }
}

impl DataScale {
    pub fn new(bytes_per_mb: u64) -> Result<Self, String> {
        if bytes_per_mb < MIN_BYTES_PER_MB {
            return Err(format!(
                "bytes per MB must be at least {MIN_BYTES_PER_MB} (how many real bytes stand for one simulated MB)"
            ));
        }
        Ok(DataScale { bytes_per_mb })
    }

    /// The real bytes that stand for `mb` simulated MB.
    pub fn real_bytes(self, mb: u64) -> u64 {
        mb.saturating_mul(self.bytes_per_mb)
    }

    /// The simulated MB that `real` bytes stand for.
    pub fn simulated_mb(self, real: u64) -> f64 {
        real as f64 / self.bytes_per_mb as f64
    }

    /// "1 KiB of data stands for 1 MB", "100 bytes of data stand for 1 MB".
    pub fn describe(self) -> String {
        let n = self.bytes_per_mb;
        let amount = if n % (1024 * 1024) == 0 {
            format!("{} MiB", n / (1024 * 1024))
        } else if n % 1024 == 0 {
            format!("{} KiB", n / 1024)
        } else if n == 1 {
            "1 byte".to_string()
        } else {
            format!("{n} bytes")
        };
        let verb = if n == 1 || n % 1024 == 0 && n / 1024 == 1 || n == 1024 * 1024 { "stands" } else { "stand" };
        format!("{amount} of data {verb} for 1 MB")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_convert_both_ways() {
        let s = DataScale::new(1024).unwrap();
        assert_eq!(s.real_bytes(128), 131_072);
        assert_eq!(s.simulated_mb(65_536), 64.0);
        assert!(DataScale::new(0).is_err());
    }

    #[test]
    fn the_scale_is_said_in_words() {
        assert_eq!(DataScale::default().describe(), "1 KiB of data stands for 1 MB");
        assert_eq!(DataScale::new(100).unwrap().describe(), "100 bytes of data stand for 1 MB");
        assert_eq!(DataScale::new(4096).unwrap().describe(), "4 KiB of data stand for 1 MB");
    }
}
