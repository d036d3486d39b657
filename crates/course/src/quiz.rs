//! The quiz bank and the exam: questions in the exam's scenario style (one answer, or
//! "choose two/three"), and a timed set drawn from the bank by a seed, so that a teacher can
//! give a class the same set with one link.

use serde::Deserialize;

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub topic: String,
    /// The right choices (indices into `choices`, the same in both languages).
    pub answers: Vec<usize>,
    /// The lesson whose scenario shows the answer happening.
    #[serde(default)]
    pub lab: Option<String>,
    pub en: Wording,
    pub zh: Wording,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Wording {
    pub stem: String,
    pub choices: Vec<String>,
    pub explanation: String,
}

impl Question {
    pub fn wording(&self, lang: &str) -> &Wording {
        crate::text::in_lang(lang, &self.en, &self.zh)
    }

    /// Whether `chosen` is exactly the right choices (in any order).
    pub fn is_right(&self, chosen: &[usize]) -> bool {
        let mut a = chosen.to_vec();
        let mut b = self.answers.clone();
        a.sort_unstable();
        a.dedup();
        b.sort_unstable();
        a == b
    }

    pub fn is_multiple(&self) -> bool {
        self.answers.len() > 1
    }
}

/// The topics of the bank, in the order the quiz lists them, with their names.
pub const TOPICS: [(&str, Text2); 6] = [
    ("data-streams", Text2 { en: "Kinesis Data Streams", zh: "Kinesis Data Streams" }),
    ("firehose", Text2 { en: "Data Firehose", zh: "Data Firehose" }),
    ("compare", Text2 { en: "Streams or Firehose?", zh: "Streams 還是 Firehose?" }),
    (
        "analytics",
        Text2 { en: "Streaming SQL (Data Analytics, Managed Flink)", zh: "串流 SQL(Data Analytics、Managed Flink)" },
    ),
    ("video", Text2 { en: "Kinesis Video Streams", zh: "Kinesis Video Streams" }),
    ("emr", Text2 { en: "Amazon EMR", zh: "Amazon EMR" }),
];

/// A fixed text in both languages.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Text2 {
    pub en: &'static str,
    pub zh: &'static str,
}

/// The exam's own numbers: a set of 20 questions, 2 minutes each (the real exam gives 130
/// minutes for 65 questions).
pub const EXAM_QUESTIONS: usize = 20;
pub const EXAM_SECONDS_PER_QUESTION: u64 = 120;

/// SplitMix64: a small, well-mixed generator, so that a seed gives the same set everywhere.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// `count` distinct questions of a bank of `bank` (indices), drawn by `seed`: the same seed
/// and bank give the same set, in the same order.
pub fn draw(seed: u64, bank: usize, count: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..bank).collect();
    let mut state = seed;
    // Fisher–Yates, from the end.
    for i in (1..order.len()).rev() {
        let j = (next(&mut state) % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order.truncate(count.min(bank));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_draws_the_same_distinct_set_and_another_seed_another() {
        let a = draw(42, 50, 20);
        assert_eq!(a, draw(42, 50, 20));
        assert_eq!(a.len(), 20);
        let mut unique = a.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), 20, "no question twice");
        assert!(a.iter().all(|&i| i < 50));
        assert_ne!(a, draw(43, 50, 20));
        assert_eq!(draw(1, 5, 20).len(), 5, "never more than the bank");
    }

    #[test]
    fn an_answer_is_right_only_with_exactly_the_right_choices() {
        let w = Wording { stem: String::new(), choices: vec![String::new(); 5], explanation: String::new() };
        let q = Question { id: "q".into(), topic: "emr".into(), answers: vec![1, 3], lab: None, en: w.clone(), zh: w };
        assert!(q.is_right(&[3, 1]));
        assert!(!q.is_right(&[1]));
        assert!(!q.is_right(&[1, 3, 4]));
        assert!(q.is_multiple());
    }
}
