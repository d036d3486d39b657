//! The lab's own caps on what one scenario, link or file may hold. They are not AWS limits:
//! they keep one page responsive, so a link or file beyond them is refused with the cap named,
//! and checked before anything is parsed whole (the README lists them).

/// The most characters a share link's fragment may have. A prepared scenario's link is a few
/// hundred; this leaves room for hundreds of components with their scripts.
pub const MAX_LINK_CHARS: usize = 256 * 1024;

/// The largest scenario file the page imports (the same bound a link unpacks to).
pub const MAX_FILE_BYTES: u64 = crate::share::MAX_UNPACKED_BYTES as u64;

/// The most components one scenario may have.
pub const MAX_COMPONENTS: usize = 300;

/// The most records a second all of a scenario's producers together may be set to send (one
/// producer alone may send up to 1,000,000; this bounds a scenario of many).
pub const MAX_TOTAL_RECORDS_PER_SECOND: u64 = 1_000_000;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::new_component;
    use crate::scenario::{ComponentKind, Scenario, ScenarioError};
    use crate::wiring::Kind;

    fn with(kind: Kind, n: usize) -> Scenario {
        let mut s = Scenario::default();
        for _ in 0..n {
            s.components.push(new_component(&s, kind, 0.0, 0.0));
        }
        s
    }

    #[test]
    fn a_scenario_over_the_component_cap_is_refused_with_the_cap_named() {
        assert_eq!(with(Kind::S3Bucket, MAX_COMPONENTS).validate(), Ok(()));
        let over = with(Kind::S3Bucket, MAX_COMPONENTS + 1);
        assert_eq!(over.validate(), Err(ScenarioError::TooManyComponents { count: 301, max: 300 }));
        // A file or a link carrying it is refused the same way.
        let err = Scenario::from_json(&over.to_json()).unwrap_err();
        assert!(err.to_string().contains("up to 300"), "{err}");
        assert_eq!(crate::share::from_fragment(&crate::share::to_fragment(&over)), Err(err));
    }

    #[test]
    fn producers_together_over_the_load_cap_are_refused() {
        let mut s = with(Kind::Producer, 3);
        for c in &mut s.components {
            if let ComponentKind::Producer(p) = &mut c.kind {
                p.records_per_second = 400_000.0;
            }
        }
        assert_eq!(
            s.validate(),
            Err(ScenarioError::TooMuchLoad { records_per_second: 1_200_000, max: MAX_TOTAL_RECORDS_PER_SECOND })
        );
        if let ComponentKind::Producer(p) = &mut s.components[2].kind {
            p.records_per_second = 200_000.0;
        }
        assert_eq!(s.validate(), Ok(()), "exactly the cap is allowed");
    }

    #[test]
    fn an_over_long_link_is_refused_before_it_is_decoded() {
        // Not base64 at all: only its length can be what refuses it.
        let link = format!("#s={}", "!".repeat(MAX_LINK_CHARS));
        let err = crate::share::from_fragment(&link).unwrap_err();
        assert_eq!(err, ScenarioError::LinkTooLong { chars: MAX_LINK_CHARS + 3, max: MAX_LINK_CHARS });
        let short = format!("#s={}", "!".repeat(10));
        assert!(matches!(crate::share::from_fragment(&short), Err(ScenarioError::BadLink(_))));
    }
}
