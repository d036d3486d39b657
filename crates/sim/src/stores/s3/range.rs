//! GetObject's and HeadObject's `Range`: one byte range of the object, as HTTP defines it
//! (RFC 9110 §14.1.2): `bytes=FIRST-LAST`, `bytes=FIRST-` (to the end) or `bytes=-N` (the
//! last N bytes); a LAST past the end is the end. A range that starts past the end is
//! refused with InvalidRange (HTTP 416); S3 serves one range a request, so a list of
//! ranges, like a header it cannot read, is ignored and the whole object answered. (Amazon S3
//! API Reference, GetObject: Range.) The AWS CLI and the SDKs download a large object
//! (Firehose writes up to 128 MiB) as ranged GETs of 8 MiB.

use crate::kinesis::error::{ApiError, ErrorType};

/// The first and last byte (inclusive) of `length` bytes that `header` asks for; `None`
/// for the whole object.
pub fn byte_range(header: &str, length: usize) -> Result<Option<(usize, usize)>, ApiError> {
    let Some(spec) = header.trim().strip_prefix("bytes=") else { return Ok(None) };
    if spec.contains(',') {
        return Ok(None);
    }
    let Some((first, last)) = spec.split_once('-') else { return Ok(None) };
    let number = |s: &str| s.trim().parse::<usize>().ok();
    let unsatisfiable = || ApiError::new(ErrorType::InvalidRange, "The requested range is not satisfiable");
    let range = match (first.trim().is_empty(), number(first), number(last)) {
        // The last N bytes.
        (true, _, Some(n)) => {
            if n == 0 || length == 0 {
                return Err(unsatisfiable());
            }
            (length.saturating_sub(n), length - 1)
        }
        (false, Some(first), parsed) if parsed.is_some() || last.trim().is_empty() => {
            // RFC 9110: a last byte before the first makes the range invalid: ignored.
            if parsed.is_some_and(|l| l < first) {
                return Ok(None);
            }
            if first >= length {
                return Err(unsatisfiable());
            }
            (first, parsed.map_or(length - 1, |l| l.min(length - 1)))
        }
        _ => return Ok(None),
    };
    Ok(Some(range))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_is_read_as_http_defines_it() {
        assert_eq!(byte_range("bytes=0-9", 100), Ok(Some((0, 9))));
        assert_eq!(byte_range("bytes=90-", 100), Ok(Some((90, 99))));
        assert_eq!(byte_range("bytes=-10", 100), Ok(Some((90, 99))));
        assert_eq!(byte_range("bytes=-500", 100), Ok(Some((0, 99))), "a suffix longer than the object is all of it");
        assert_eq!(byte_range("bytes=50-8388607", 100), Ok(Some((50, 99))), "a last byte past the end is the end");
        assert_eq!(byte_range("bytes=99-99", 100), Ok(Some((99, 99))));
    }

    #[test]
    fn a_range_past_the_end_is_refused_and_one_s3_cannot_serve_is_ignored() {
        for past in ["bytes=100-", "bytes=100-200", "bytes=-0"] {
            assert_eq!(byte_range(past, 100).unwrap_err().kind, ErrorType::InvalidRange, "{past}");
        }
        assert_eq!(byte_range("bytes=0-0", 0).unwrap_err().kind, ErrorType::InvalidRange, "an empty object");
        for ignored in ["bytes=0-1,5-6", "items=0-1", "bytes=9-2", "bytes=a-b", "bytes=5"] {
            assert_eq!(byte_range(ignored, 100), Ok(None), "{ignored}");
        }
    }
}
