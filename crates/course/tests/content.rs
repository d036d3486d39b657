//! The course's data files: every lesson and question in both languages, every "open in the
//! lab" link naming a lesson whose scenario the lab opens, and the bank large enough for an
//! exam.

use shardlab_course::course;
use shardlab_course::quiz::{EXAM_QUESTIONS, TOPICS};
use shardlab_course::text::has_han;
use shardlab_sim::{Scenario, World};

/// The lessons of the list whose service is in the lab, in order.
const LESSONS: [&str; 9] = [
    "what-is-kinesis",
    "shard-capacity",
    "hot-shard",
    "retention-replay",
    "fan-out",
    "resharding",
    "firehose-buffers",
    "streams-vs-firehose",
    "emr-waves",
];

fn both(what: &str, en: &str, zh: &str) {
    assert!(!en.trim().is_empty() && !has_han(en), "{what}: English text missing or not English: {en:?}");
    assert!(has_han(zh), "{what}: Chinese text missing: {zh:?}");
}

#[test]
fn every_lesson_is_written_in_both_languages_and_opens_in_the_lab() {
    let ids: Vec<&str> = course().lessons.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, LESSONS);
    for l in &course().lessons {
        let id = &l.id;
        both(&format!("{id} title"), &l.title.en, &l.title.zh);
        both(&format!("{id} summary"), &l.summary.en, &l.summary.zh);
        assert!(l.steps.len() >= 2, "{id}: guided steps");
        for (i, s) in l.steps.iter().enumerate() {
            both(&format!("{id} step {i}"), &s.en, &s.zh);
        }
        let c = &l.challenge;
        both(&format!("{id} challenge"), &c.en, &c.zh);
        both(&format!("{id} success"), &c.success.en, &c.success.zh);
        assert!(!c.require.is_empty() && c.window_s > 0, "{id}: a challenge with requirements and a window");
        for (i, r) in c.require.iter().enumerate() {
            both(&format!("{id} requirement {i} label"), &r.label.en, &r.label.zh);
            both(&format!("{id} requirement {i} failure"), &r.fail.en, &r.fail.zh);
            assert!(r.at_least.is_some() || r.at_most.is_some(), "{id} requirement {i}: a bound");
        }
        let scenario = Scenario::from_json(&l.scenario).unwrap_or_else(|e| panic!("{id}: {e}"));
        World::from_scenario(&scenario).unwrap_or_else(|e| panic!("{id}: {e}"));
    }
}

#[test]
fn every_question_is_written_in_both_languages_with_answers_that_exist() {
    let questions = &course().questions;
    assert!(questions.len() >= 40, "a bank of at least 40 questions: {}", questions.len());
    assert!(questions.len() >= EXAM_QUESTIONS);
    let mut ids: Vec<&str> = questions.iter().map(|q| q.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), questions.len(), "question ids are unique");
    let mut multiple = 0;
    for q in questions {
        let id = &q.id;
        assert!(TOPICS.iter().any(|(t, _)| *t == q.topic), "{id}: topic {}", q.topic);
        both(&format!("{id} stem"), &q.en.stem, &q.zh.stem);
        both(&format!("{id} explanation"), &q.en.explanation, &q.zh.explanation);
        assert_eq!(q.en.choices.len(), q.zh.choices.len(), "{id}: the same choices in both languages");
        assert!((4..=5).contains(&q.en.choices.len()), "{id}: 4 or 5 choices");
        let mut answers = q.answers.clone();
        answers.sort_unstable();
        answers.dedup();
        assert_eq!(answers.len(), q.answers.len(), "{id}: no answer twice");
        assert!(q.answers.iter().all(|&a| a < q.en.choices.len()), "{id}: answers are choices");
        if q.is_multiple() {
            multiple += 1;
            let (en, zh) = match q.answers.len() {
                2 => ("Choose TWO", "選擇兩項"),
                3 => ("Choose THREE", "選擇三項"),
                n => panic!("{id}: {n} answers"),
            };
            assert!(q.en.stem.contains(en) && q.zh.stem.contains(zh), "{id}: the stem says how many to choose");
        } else {
            assert_eq!(q.answers.len(), 1, "{id}: an answer");
        }
        if let Some(lab) = &q.lab {
            let lesson = course().lesson(lab).unwrap_or_else(|| panic!("{id}: no lesson '{lab}' to open"));
            World::from_scenario(&Scenario::from_json(&lesson.scenario).unwrap()).unwrap();
        }
    }
    assert!(multiple >= 10, "multiple-answer questions: {multiple}");
}
