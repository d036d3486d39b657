//! What a learner has done, as the browser keeps it: each lesson's attempts, whether it was
//! passed and the best result; each exam's score. Kept as JSON; an unreadable record starts
//! afresh rather than failing the page.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LessonProgress {
    pub attempts: u32,
    pub passed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExamResult {
    pub seed: u64,
    pub right: usize,
    pub total: usize,
    /// When it was handed in: milliseconds since 1970 (the browser's clock; a record, not a
    /// rule of the simulation).
    pub at_ms: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    #[serde(default)]
    pub lessons: BTreeMap<String, LessonProgress>,
    #[serde(default)]
    pub exams: Vec<ExamResult>,
}

/// How many exam results are kept (the newest).
pub const KEEP_EXAMS: usize = 20;

impl Progress {
    pub fn from_json(text: &str) -> Progress {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Books an attempt's end: passed or not, with its result figure; the best is the lower
    /// (or higher) of the passed attempts' figures.
    pub fn record(&mut self, lesson: &str, passed: bool, result: Option<f64>, higher_is_better: bool) {
        let p = self.lessons.entry(lesson.to_string()).or_default();
        p.attempts += 1;
        if passed {
            p.passed = true;
            if let Some(r) = result {
                p.best = Some(match p.best {
                    Some(b) if higher_is_better => b.max(r),
                    Some(b) => b.min(r),
                    None => r,
                });
            }
        }
    }

    pub fn reset(&mut self, lesson: &str) {
        self.lessons.remove(lesson);
    }

    pub fn record_exam(&mut self, result: ExamResult) {
        self.exams.push(result);
        let extra = self.exams.len().saturating_sub(KEEP_EXAMS);
        self.exams.drain(..extra);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_is_the_better_of_the_passed_attempts() {
        let mut p = Progress::default();
        p.record("shard-capacity", false, Some(2.0), false);
        assert_eq!(p.lessons["shard-capacity"], LessonProgress { attempts: 1, passed: false, best: None });
        p.record("shard-capacity", true, Some(4.0), false);
        p.record("shard-capacity", true, Some(3.0), false);
        p.record("shard-capacity", true, Some(5.0), false);
        assert_eq!(p.lessons["shard-capacity"], LessonProgress { attempts: 4, passed: true, best: Some(3.0) });
        let back = Progress::from_json(&p.to_json());
        assert_eq!(back, p);
        p.reset("shard-capacity");
        assert!(p.lessons.is_empty());
        assert_eq!(Progress::from_json("not json"), Progress::default());
    }

    #[test]
    fn only_the_newest_exams_are_kept() {
        let mut p = Progress::default();
        for seed in 0..30 {
            p.record_exam(ExamResult { seed, right: 1, total: 2, at_ms: 0.0 });
        }
        assert_eq!(p.exams.len(), KEEP_EXAMS);
        assert_eq!(p.exams[0].seed, 10);
    }
}
