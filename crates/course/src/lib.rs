//! ShardLab's course: lessons that open a prepared scenario, guide the learner through it and
//! set a challenge the running simulation grades by its own outcome; and a quiz bank with an
//! exam mode. The texts are data files in both languages (`lessons/`, `quiz/bank.toml`),
//! turned into JSON by the build and read here.

pub mod grade;
pub mod lesson;
pub mod progress;
pub mod quiz;
pub mod text;

pub use lesson::Lesson;
pub use quiz::Question;
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
pub struct Course {
    pub lessons: Vec<Lesson>,
    pub questions: Vec<Question>,
}

/// The course, read once from the data the build made.
pub fn course() -> &'static Course {
    static COURSE: OnceLock<Course> = OnceLock::new();
    COURSE.get_or_init(|| {
        serde_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/course.json")))
            .unwrap_or_else(|e| panic!("the course's data files do not fit their types: {e}"))
    })
}

impl Course {
    pub fn lesson(&self, id: &str) -> Option<&Lesson> {
        self.lessons.iter().find(|l| l.id == id)
    }
}
