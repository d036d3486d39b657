//! A lesson as its data file says it: a prepared scenario, guided steps that point at the
//! canvas, and a challenge that the running simulation grades (see `grade.rs`).

use crate::text::Text;
use serde::Deserialize;

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// The name links and progress use (`shard-capacity`).
    pub id: String,
    pub title: Text,
    /// One line for the lesson list.
    pub summary: Text,
    /// The scenario the lesson opens, as a scenario file holds it (JSON).
    pub scenario: String,
    pub steps: Vec<Step>,
    pub challenge: Challenge,
}

/// A guided step: what to look at or do, and the component it points at.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Step {
    #[serde(default)]
    pub highlight: Option<String>,
    pub en: String,
    pub zh: String,
}

impl Step {
    pub fn text(&self) -> Text {
        Text { en: self.en.clone(), zh: self.zh.clone() }
    }
}

/// What the learner must make the simulation do. An attempt starts when the learner asks;
/// it passes when every requirement holds once `window_s` virtual seconds have passed, and
/// fails as soon as a requirement checked `during` the window breaks, or at the end.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Challenge {
    pub en: String,
    pub zh: String,
    pub window_s: u64,
    /// Passes as soon as every requirement holds (a job that completed), rather than once the
    /// window has passed; the window is then the time allowed.
    #[serde(default)]
    pub pass_early: bool,
    pub require: Vec<Requirement>,
    /// The figure kept as the learner's best result, and whether lower or higher is better.
    #[serde(default)]
    pub result: Option<ResultFigure>,
    pub success: Explanation,
}

impl Challenge {
    pub fn text(&self) -> Text {
        Text { en: self.en.clone(), zh: self.zh.clone() }
    }
}

/// One condition on a probe of the world (see the sim's `World::probe`).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// The question asked of the world, over the attempt's window.
    pub probe: String,
    /// What the figure is called while the attempt runs.
    pub label: Text,
    /// Measure the change since the attempt started rather than the value.
    #[serde(default)]
    pub change: bool,
    /// Checked all along: breaking it ends the attempt at once.
    #[serde(default)]
    pub during: bool,
    #[serde(default)]
    pub at_least: Option<Bound>,
    #[serde(default)]
    pub at_most: Option<Bound>,
    /// Why the attempt failed when this breaks, and where to look.
    pub fail: Explanation,
}

/// A bound: a number, another probe's answer (`shards_needed app`), or a share of one
/// (`{ probe = "ledger_in_shard", times = 0.98 }`: records in flight are not yet read).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Bound {
    Number(f64),
    Probe(String),
    Share { probe: String, times: f64 },
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Explanation {
    #[serde(default)]
    pub highlight: Option<String>,
    pub en: String,
    pub zh: String,
}

impl Explanation {
    pub fn text(&self) -> Text {
        Text { en: self.en.clone(), zh: self.zh.clone() }
    }
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ResultFigure {
    pub probe: String,
    pub label: Text,
    #[serde(default)]
    pub higher_is_better: bool,
}
