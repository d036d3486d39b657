//! Grading a challenge by what the running world answers: an attempt starts at a virtual
//! instant; each requirement's probe is asked over the window since then; a requirement
//! checked `during` the window fails the attempt the moment it breaks; once the window has
//! passed, the attempt passes if every requirement holds. Nothing here reads text the learner
//! wrote: only the world's figures.

use crate::lesson::{Bound, Challenge, Requirement};
use serde::{Deserialize, Serialize};

/// Asks the world `question` over the window `[from_ms, to_ms)` of virtual time.
pub type Probe<'a> = dyn Fn(&str, u64, u64) -> Result<f64, String> + 'a;

/// An attempt under way: when it started, and the figures of the requirements measured as a
/// change, at that instant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    pub started_ms: u64,
    pub baselines: Vec<f64>,
}

/// A requirement's figure now, with its bounds.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub value: f64,
    pub at_least: Option<f64>,
    pub at_most: Option<f64>,
    pub holds: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Grade {
    /// The window has not passed and nothing checked all along has broken.
    Running { elapsed_ms: u64, readings: Vec<Reading> },
    /// Every requirement held; `result` is the challenge's figure to keep as a best.
    Passed { readings: Vec<Reading>, result: Option<f64> },
    /// The requirement `requirement` (its index) broke.
    Failed { requirement: usize, readings: Vec<Reading> },
}

/// Starts an attempt at `now_ms`.
pub fn start(challenge: &Challenge, now_ms: u64, probe: &Probe) -> Result<Attempt, String> {
    let baselines = challenge
        .require
        .iter()
        .map(|r| if r.change { probe(&r.probe, now_ms, now_ms) } else { Ok(0.0) })
        .collect::<Result<_, _>>()?;
    Ok(Attempt { started_ms: now_ms, baselines })
}

fn bound(b: &Option<Bound>, from: u64, to: u64, probe: &Probe) -> Result<Option<f64>, String> {
    match b {
        None => Ok(None),
        Some(Bound::Number(n)) => Ok(Some(*n)),
        Some(Bound::Probe(q)) => probe(q, from, to).map(Some),
        Some(Bound::Share { probe: q, times }) => probe(q, from, to).map(|v| Some(v * times)),
    }
}

fn read(r: &Requirement, baseline: f64, from: u64, to: u64, probe: &Probe) -> Result<Reading, String> {
    let value = probe(&r.probe, from, to)? - baseline;
    let (at_least, at_most) = (bound(&r.at_least, from, to, probe)?, bound(&r.at_most, from, to, probe)?);
    let holds = at_least.is_none_or(|low| value >= low) && at_most.is_none_or(|high| value <= high);
    Ok(Reading { value, at_least, at_most, holds })
}

/// The attempt's grade at `now_ms`. An error names a probe the world cannot answer (the
/// lesson's component was removed) or a clock that went back (the world was opened anew).
pub fn grade(challenge: &Challenge, attempt: &Attempt, now_ms: u64, probe: &Probe) -> Result<Grade, String> {
    let from = attempt.started_ms;
    if now_ms < from {
        return Err("the clock is before the attempt's start: the world was opened anew".into());
    }
    let readings = challenge
        .require
        .iter()
        .zip(&attempt.baselines)
        .map(|(r, base)| read(r, *base, from, now_ms, probe))
        .collect::<Result<Vec<_>, _>>()?;
    let elapsed_ms = now_ms - from;
    let ended = elapsed_ms >= challenge.window_s * 1_000 || (challenge.pass_early && readings.iter().all(|r| r.holds));
    let broken = challenge.require.iter().zip(&readings).position(|(r, x)| !x.holds && (r.during || ended));
    Ok(match broken {
        Some(requirement) => Grade::Failed { requirement, readings },
        None if ended => {
            let result = match &challenge.result {
                Some(figure) => Some(probe(&figure.probe, from, now_ms)?),
                None => None,
            };
            Grade::Passed { readings, result }
        }
        None => Grade::Running { elapsed_ms, readings },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lesson::{Explanation, Requirement};
    use crate::text::Text;
    use std::cell::Cell;

    fn requirement(probe: &str, during: bool, change: bool, at_most: Option<Bound>) -> Requirement {
        Requirement {
            probe: probe.into(),
            label: Text::default(),
            change,
            during,
            at_least: None,
            at_most,
            fail: Explanation { highlight: None, en: String::new(), zh: String::new() },
        }
    }

    fn challenge(require: Vec<Requirement>) -> Challenge {
        Challenge {
            en: String::new(),
            zh: String::new(),
            window_s: 10,
            pass_early: false,
            require,
            result: None,
            success: Explanation { highlight: None, en: String::new(), zh: String::new() },
        }
    }

    #[test]
    fn a_requirement_checked_all_along_fails_the_attempt_at_once() {
        let throttles = Cell::new(0.0);
        let probe = |_: &str, _: u64, _: u64| Ok(throttles.get());
        let c = challenge(vec![requirement("t", true, false, Some(Bound::Number(0.0)))]);
        let a = start(&c, 1_000, &probe).unwrap();
        assert!(matches!(grade(&c, &a, 5_000, &probe).unwrap(), Grade::Running { elapsed_ms: 4_000, .. }));
        throttles.set(3.0);
        assert!(matches!(grade(&c, &a, 6_000, &probe).unwrap(), Grade::Failed { requirement: 0, .. }));
    }

    #[test]
    fn a_requirement_at_the_end_waits_for_the_window() {
        let count = Cell::new(5.0);
        let probe = |_: &str, _: u64, _: u64| Ok(count.get());
        let mut r = requirement("objects", false, true, None);
        r.at_least = Some(Bound::Number(1.0));
        let c = challenge(vec![r]);
        let a = start(&c, 0, &probe).unwrap();
        assert_eq!(a.baselines, vec![5.0]);
        // Not yet met, but the window is not over: still running.
        assert!(matches!(grade(&c, &a, 9_999, &probe).unwrap(), Grade::Running { .. }));
        assert!(matches!(grade(&c, &a, 10_000, &probe).unwrap(), Grade::Failed { .. }));
        count.set(6.0);
        assert!(matches!(grade(&c, &a, 10_000, &probe).unwrap(), Grade::Passed { .. }));
    }

    #[test]
    fn a_challenge_may_pass_as_soon_as_it_holds() {
        let done = Cell::new(0.0);
        let probe = |_: &str, _: u64, _: u64| Ok(done.get());
        let mut r = requirement("jobs", false, false, None);
        r.at_least = Some(Bound::Number(1.0));
        let mut c = challenge(vec![r]);
        c.pass_early = true;
        let a = start(&c, 0, &probe).unwrap();
        assert!(matches!(grade(&c, &a, 2_000, &probe).unwrap(), Grade::Running { .. }));
        done.set(1.0);
        assert!(matches!(grade(&c, &a, 3_000, &probe).unwrap(), Grade::Passed { .. }));
    }

    #[test]
    fn a_bound_may_be_another_probe_and_errors_pass_through() {
        let probe = |q: &str, _: u64, _: u64| match q {
            "open" => Ok(4.0),
            "needed" => Ok(3.0),
            _ => Err(format!("no probe {q}")),
        };
        let c = challenge(vec![requirement("open", false, false, Some(Bound::Probe("needed".into())))]);
        let a = start(&c, 0, &probe).unwrap();
        match grade(&c, &a, 10_000, &probe).unwrap() {
            Grade::Failed { readings, .. } => assert_eq!(readings[0].at_most, Some(3.0)),
            other => panic!("{other:?}"),
        }
        let c = challenge(vec![requirement("gone", false, false, None)]);
        assert_eq!(grade(&c, &a, 1, &probe), Err("no probe gone".into()));
        assert!(grade(&c, &Attempt { started_ms: 5, baselines: vec![0.0] }, 1, &probe).is_err());
    }
}
