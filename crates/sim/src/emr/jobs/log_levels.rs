//! Lines per log level: the first word of a line that is a log level (TRACE, DEBUG, INFO,
//! WARN, ERROR, FATAL) counts 1; lines without one are skipped.

use super::{Counting, Emit, MapInput};

pub static LOG_LEVELS: Counting = Counting(map);

pub const LEVELS: [&str; 6] = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];

/// The line's level counts 1.
fn map(_: &MapInput, line: &[u8], emit: &mut Emit) -> Result<(), String> {
    let level = line
        .split(|&b| b.is_ascii_whitespace())
        .map(|w| w.strip_prefix(b"[").unwrap_or(w))
        .map(|w| w.strip_suffix(b"]").unwrap_or(w))
        .find(|w| LEVELS.iter().any(|l| l.as_bytes() == *w));
    if let Some(level) = level {
        emit(level, b"1");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::emr::jobs::{run_locally, BuiltinJob};

    #[test]
    fn counts_the_first_level_word_of_each_line() {
        let text = "2026-11-30T10:00:00Z INFO [api] ok\nWARN [auth] slow\n[ERROR] boom INFO\nno level here\n";
        let out = run_locally(BuiltinJob::LogLevels, "app.log", text, false);
        assert_eq!(out, [("ERROR".into(), "1".into()), ("INFO".into(), "1".into()), ("WARN".into(), "1".into())]);
    }
}
