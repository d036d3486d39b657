//! Per-stream call rates: AWS counts each stream's calls of an operation (or the points they
//! cost) over the last second and refuses the call over the quota with
//! `ClientLimitExceededException`.

use crate::kinesis::{ApiError, ErrorType};
use crate::time::{SimDuration, SimTime};
use std::collections::VecDeque;

/// The times of the calls of one operation on one stream within the last second.
#[derive(Clone, Debug, Default)]
pub struct CallWindow {
    calls: VecDeque<SimTime>,
}

impl CallWindow {
    /// Counts a call at `now`, or refuses it when `per_second` calls were made in the second
    /// before it (a refused call is not counted).
    pub fn admit(&mut self, now: SimTime, per_second: usize, operation: &str) -> Result<(), ApiError> {
        self.admit_many(now, 1, per_second, operation)
    }

    /// Counts a call that costs `points`, or refuses it when it would take the last second's
    /// points past `per_second`.
    pub fn admit_many(
        &mut self,
        now: SimTime,
        points: usize,
        per_second: usize,
        operation: &str,
    ) -> Result<(), ApiError> {
        let window = SimDuration::from_secs(1);
        while self.calls.front().is_some_and(|t| now.saturating_sub(*t) >= window) {
            self.calls.pop_front();
        }
        if self.calls.len() + points > per_second {
            return Err(throttled(operation, per_second));
        }
        self.calls.extend(std::iter::repeat_n(now, points));
        Ok(())
    }
}

pub fn throttled(operation: &str, per_second: usize) -> ApiError {
    ApiError::new(
        ErrorType::ClientLimitExceededException,
        format!(
            "Kinesis Video Streams has throttled the request because you have exceeded the limit of allowed client calls. Try making the call later. ({operation}: at most {per_second} a second per stream.)"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_call_over_the_quota_in_one_second_is_refused_and_the_next_second_is_fresh() {
        let mut w = CallWindow::default();
        for k in 0..5 {
            w.admit(SimTime::from_millis(100 * k), 5, "GetMedia").unwrap();
        }
        let refused = w.admit(SimTime::from_millis(900), 5, "GetMedia").unwrap_err();
        assert_eq!(refused.kind, ErrorType::ClientLimitExceededException);
        assert!(refused.message.contains("at most 5 a second"));
        // The first call is a second old at 1,000 ms: one slot is free again, not two.
        w.admit(SimTime::from_millis(1_000), 5, "GetMedia").unwrap();
        assert!(w.admit(SimTime::from_millis(1_050), 5, "GetMedia").is_err());
    }
}
