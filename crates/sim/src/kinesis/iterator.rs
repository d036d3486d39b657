//! Shard iterators. An iterator is an opaque string that carries what it points at — the
//! stream (and its creation time, so a re-created stream does not accept old iterators), the
//! shard, the next sequence number to read — and when it was issued, so it can expire.

use super::error::{ApiError, ApiResult, ErrorType};
use super::limits::ITERATOR_LIFETIME;
use crate::calendar::java_date;
use crate::time::SimTime;
use base64::Engine;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShardIterator {
    pub stream: String,
    pub stream_created: SimTime,
    pub shard: u32,
    /// The first sequence number this iterator will return.
    pub position: u128,
    pub issued: SimTime,
}

const ENGINE: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

impl ShardIterator {
    pub fn encode(&self) -> String {
        let text = format!(
            "v1|{}|{}|{}|{}|{}",
            self.stream_created.as_micros(),
            self.shard,
            self.position,
            self.issued.as_micros(),
            self.stream
        );
        ENGINE.encode(text)
    }

    pub fn decode(token: &str) -> ApiResult<ShardIterator> {
        let invalid = || ApiError::invalid(format!("Invalid ShardIterator: {token}"));
        let bytes = ENGINE.decode(token).map_err(|_| invalid())?;
        let text = String::from_utf8(bytes).map_err(|_| invalid())?;
        let mut parts = text.splitn(6, '|');
        if parts.next() != Some("v1") {
            return Err(invalid());
        }
        let mut number = || parts.next().and_then(|p| p.parse::<u128>().ok()).ok_or_else(invalid);
        let (created, shard, position, issued) = (number()?, number()?, number()?, number()?);
        let stream = parts.next().ok_or_else(invalid)?.to_string();
        Ok(ShardIterator {
            stream,
            stream_created: SimTime(created as u64),
            shard: shard as u32,
            position,
            issued: SimTime(issued as u64),
        })
    }

    /// Iterators live 5 minutes. An expired one is refused with AWS's message, which prints
    /// both instants as dates (`Wed Jan 15 05:31:22 UTC 2020`); `epoch_ms` is the wall-clock
    /// time of virtual zero.
    pub fn check_fresh(&self, now: SimTime, epoch_ms: u64) -> ApiResult<()> {
        if now.saturating_sub(self.issued) > ITERATOR_LIFETIME {
            return Err(ApiError::new(
                ErrorType::ExpiredIteratorException,
                format!(
                    "Iterator expired. The iterator was created at time {} while right now it is {} which is further in the future than the tolerated delay of {} milliseconds.",
                    java_date(epoch_ms + self.issued.as_millis()),
                    java_date(epoch_ms + now.as_millis()),
                    ITERATOR_LIFETIME.as_millis()
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iterators_round_trip_and_expire_after_five_minutes() {
        let it = ShardIterator {
            stream: "a|b".into(),
            stream_created: SimTime(5),
            shard: 3,
            position: 49_000_000_000_000_000_000_000_000_000_123,
            issued: SimTime::from_millis(1_000),
        };
        assert_eq!(ShardIterator::decode(&it.encode()), Ok(it.clone()));
        let epoch = 1_767_225_600_000; // 2026-01-01T00:00:00Z
        assert!(it.check_fresh(SimTime::from_millis(301_000), epoch).is_ok());
        let err = it.check_fresh(SimTime::from_millis(301_001), epoch).unwrap_err();
        assert_eq!(err.kind, ErrorType::ExpiredIteratorException);
        assert_eq!(
            err.message,
            "Iterator expired. The iterator was created at time Thu Jan 01 00:00:01 UTC 2026 while right now it is Thu Jan 01 00:05:01 UTC 2026 which is further in the future than the tolerated delay of 300000 milliseconds."
        );
        assert_eq!(ShardIterator::decode("not-an-iterator").unwrap_err().kind, ErrorType::InvalidArgumentException);
    }
}
