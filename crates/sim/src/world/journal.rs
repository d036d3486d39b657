//! The journal: every action taken on a running world, with the virtual instant it was taken
//! at. The world is deterministic, so the scenario it started from plus its journal give
//! the same world again at any later instant: the page saves both and, on reload, replays
//! them to where the learner was (splits, console commands, stopped workers, edits made while
//! the clock ran); a rewind replays them to an earlier instant.
//!
//! Only the page keeps a journal (`World::keep_journal`): a command-line run or a test that
//! calls the API a million times does not pay for one.

use super::World;
use crate::scenario::{Scenario, ScenarioError};
use crate::time::SimTime;
use crate::wiring::Kind;
use serde_json::Value;

/// One action on a running world: each names the `World` method that took it.
#[derive(Clone, Debug, PartialEq)]
pub enum Input {
    /// `World::sync`: the scenario as edited (an edit, an undo, a redo).
    Sync { scenario: Scenario },
    /// `World::call`: an API request, from the console or an inspector's button.
    Call { service: String, operation: String, input: serde_json::Value },
    /// `World::replay`: a consumer sent back to TRIM_HORIZON.
    Replay { component: String },
    /// `World::kill_kcl_worker`.
    StopKclWorker { component: String, worker: usize },
    /// `World::run_map_step`: an EMR map step's job submitted. (A build without EMR cannot
    /// open a scenario with a cluster, so it has no EMR actions to read or replay.)
    #[cfg(feature = "emr")]
    RunMapStep { component: String },
    /// `World::emr_fault`: a node of a canvas cluster reclaimed or lost.
    #[cfg(feature = "emr")]
    EmrFault { cluster: String, fault: crate::emr::cluster::Fault },
    /// `World::seek_player`: a player's playhead moved to a moment of the camera's clock.
    #[cfg(feature = "video")]
    SeekPlayer { id: String, at_micros: u64 },
}

/// An action and the virtual instant it was taken at.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Virtual microseconds since the world started.
    pub at: u64,
    pub input: Input,
}

/// The scenario a world was built from and every action taken on it since, oldest first.
/// Saved as JSON: `{"origin": scenario, "entries": [{"at": µs, "action": "call", …}]}`,
/// written and read by hand (serde's derives for tagged enums would add 10 KB to the page's
/// first load).
#[derive(Clone, Debug, PartialEq)]
pub struct Journal {
    pub origin: Scenario,
    pub entries: Vec<Entry>,
}

/// Why a journal cannot be replayed.
#[derive(Clone, Debug, PartialEq)]
pub enum ResumeError {
    /// Its scenario no longer loads (a file from another version of the lab).
    Origin(ScenarioError),
    /// Its entries are not in time order, or one lies beyond the instant asked for: it was
    /// not written by a world.
    OutOfOrder { entry: usize },
}

impl Journal {
    pub fn new(origin: Scenario) -> Journal {
        Journal { origin, entries: Vec::new() }
    }

    pub fn to_json(&self) -> String {
        // Scenarios are spliced in as `Scenario::to_json` writes them, the rest as values.
        let entries: Vec<String> = self.entries.iter().map(Entry::to_json).collect();
        format!("{{\"origin\":{},\"entries\":[{}]}}", self.origin.to_json(), entries.join(","))
    }

    /// The journal `text` holds; None when it is not one (another version's, or damaged).
    pub fn from_json(text: &str) -> Option<Journal> {
        let mut value: Value = serde_json::from_str(text).ok()?;
        let origin = Scenario::from_value(value.get_mut("origin")?.take()).ok()?;
        let entries =
            value.get_mut("entries")?.as_array_mut()?.iter_mut().map(Entry::from_value).collect::<Option<_>>()?;
        Some(Journal { origin, entries })
    }

    /// The scenario as the last edit left it: what the page's document must be for the
    /// journal to be its history.
    pub fn scenario(&self) -> &Scenario {
        self.entries
            .iter()
            .rev()
            .find_map(|e| match &e.input {
                Input::Sync { scenario } => Some(scenario),
                _ => None,
            })
            .unwrap_or(&self.origin)
    }

    /// Whether a scenario of the journal has a component whose runs need the script engine
    /// (a transform, an EMR script job): its replay must wait for the engine, as its run did.
    pub fn uses_scripts(&self) -> bool {
        let scenarios = std::iter::once(&self.origin).chain(self.entries.iter().filter_map(|e| match &e.input {
            Input::Sync { scenario } => Some(scenario),
            _ => None,
        }));
        scenarios
            .into_iter()
            .any(|s| s.components.iter().any(|c| matches!(c.kind.kind(), Kind::FirehoseTransform | Kind::MapStep)))
    }
}

impl Entry {
    fn to_json(&self) -> String {
        // By hand, as the scenarios are: a string is quoted and escaped by serde_json.
        let q = |text: &str| serde_json::to_string(text).unwrap_or_default();
        let at = self.at;
        match &self.input {
            Input::Sync { scenario } => format!(r#"{{"at":{at},"action":"sync","scenario":{}}}"#, scenario.to_json()),
            Input::Call { service, operation, input } => format!(
                r#"{{"at":{at},"action":"call","service":{},"operation":{},"input":{input}}}"#,
                q(service),
                q(operation)
            ),
            Input::Replay { component } => format!(r#"{{"at":{at},"action":"replay","component":{}}}"#, q(component)),
            Input::StopKclWorker { component, worker } => {
                format!(r#"{{"at":{at},"action":"stop_kcl_worker","component":{},"worker":{worker}}}"#, q(component))
            }
            #[cfg(feature = "emr")]
            Input::RunMapStep { component } => {
                format!(r#"{{"at":{at},"action":"run_map_step","component":{}}}"#, q(component))
            }
            #[cfg(feature = "emr")]
            Input::EmrFault { cluster, fault } => format!(
                r#"{{"at":{at},"action":"emr_fault","cluster":{},"fault":{}}}"#,
                q(cluster),
                serde_json::to_string(fault).unwrap_or_default()
            ),
            #[cfg(feature = "video")]
            Input::SeekPlayer { id, at_micros } => {
                format!(r#"{{"at":{at},"action":"seek_player","component":{},"to":{at_micros}}}"#, q(id))
            }
        }
    }

    fn from_value(v: &mut Value) -> Option<Entry> {
        let at = v.get("at")?.as_u64()?;
        let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
        let input = match v.get("action")?.as_str()? {
            "sync" => Input::Sync { scenario: Scenario::from_value(v.get_mut("scenario")?.take()).ok()? },
            "call" => Input::Call {
                service: text(v, "service")?,
                operation: text(v, "operation")?,
                input: v.get_mut("input")?.take(),
            },
            "replay" => Input::Replay { component: text(v, "component")? },
            "stop_kcl_worker" => Input::StopKclWorker {
                component: text(v, "component")?,
                worker: usize::try_from(v.get("worker")?.as_u64()?).ok()?,
            },
            #[cfg(feature = "emr")]
            "run_map_step" => Input::RunMapStep { component: text(v, "component")? },
            #[cfg(feature = "emr")]
            "emr_fault" => Input::EmrFault {
                cluster: text(v, "cluster")?,
                fault: serde::Deserialize::deserialize(v.get_mut("fault")?.take()).ok()?,
            },
            #[cfg(feature = "video")]
            "seek_player" => Input::SeekPlayer { id: text(v, "component")?, at_micros: v.get("to")?.as_u64()? },
            _ => return None,
        };
        Some(Entry { at, input })
    }
}

impl Input {
    /// Takes the action on `world`, as the page took it (the world records it again if it
    /// keeps a journal). What the action answered was shown when it was first taken; a
    /// replay gives the same answer, so it is not kept.
    fn apply(self, world: &mut World) {
        match self {
            Input::Sync { scenario } => {
                let _ = world.sync(&scenario);
            }
            Input::Call { service, operation, input } => {
                let _ = world.call(&service, &operation, input);
            }
            Input::Replay { component } => {
                world.replay(&component);
            }
            Input::StopKclWorker { component, worker } => {
                world.kill_kcl_worker(&component, worker);
            }
            #[cfg(feature = "emr")]
            Input::RunMapStep { component } => {
                let _ = world.run_map_step(&component);
            }
            #[cfg(feature = "emr")]
            Input::EmrFault { cluster, fault } => {
                let _ = world.emr_fault(&cluster, fault);
            }
            #[cfg(feature = "video")]
            Input::SeekPlayer { id, at_micros } => {
                let _ = world.seek_player(&id, crate::time::SimTime(at_micros));
            }
        }
    }
}

impl World {
    /// Starts keeping a journal of the actions taken on this world from now on.
    pub fn keep_journal(&mut self) {
        if self.journal.is_none() {
            self.journal = Some(Journal::new(self.scenario.clone()));
        }
    }

    /// The journal, when the world keeps one.
    pub fn journal(&self) -> Option<&Journal> {
        self.journal.as_ref()
    }

    pub(super) fn record(&mut self, input: impl FnOnce() -> Input) {
        let at = self.now.as_micros();
        if let Some(journal) = &mut self.journal {
            journal.entries.push(Entry { at, input: input() });
        }
    }

    /// The world `journal` describes, at the instant `until`: built from its scenario, every
    /// entry taken at its instant, the clock then run to `until`. It keeps the journal.
    pub fn resume(journal: &Journal, until: SimTime) -> Result<World, ResumeError> {
        let mut world = World::from_scenario(&journal.origin).map_err(ResumeError::Origin)?;
        world.keep_journal();
        world.replay_journal(journal, until)?;
        Ok(world)
    }

    /// Takes the entries of `journal` this world has not taken yet (its own journal is a
    /// prefix of `journal`), up to and including those at `until`, then runs the clock to
    /// `until`. A checkpoint of the same branch goes on to a later instant this way.
    pub fn replay_journal(&mut self, journal: &Journal, until: SimTime) -> Result<(), ResumeError> {
        let done = self.journal.as_ref().map_or(0, |j| j.entries.len());
        let mut last = self.now.as_micros();
        for (i, entry) in journal.entries.iter().enumerate().skip(done) {
            if entry.at > until.as_micros() {
                break;
            }
            if entry.at < last {
                return Err(ResumeError::OutOfOrder { entry: i });
            }
            last = entry.at;
            // The clock is moved only forward, as the page moved it: an action is taken after
            // the events of its instant (the frame that reached it ran them), and a second
            // action at the same instant before what the first one scheduled there.
            self.run_to(SimTime(entry.at));
            entry.input.clone().apply(self);
        }
        self.run_to(until);
        Ok(())
    }

    fn run_to(&mut self, t: SimTime) {
        if t > self.now {
            self.run_until(t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_action_reads_back_as_it_was_written() {
        let mut inputs = vec![
            Input::Sync { scenario: Scenario::default() },
            Input::Call {
                service: "kinesis".into(),
                operation: "PutRecord".into(),
                input: serde_json::json!({ "StreamName": "a \"quoted\" name", "Data": "aGk=" }),
            },
            Input::Replay { component: "consumer".into() },
            Input::StopKclWorker { component: "kcl".into(), worker: 2 },
        ];
        #[cfg(feature = "emr")]
        inputs.extend([
            Input::RunMapStep { component: "map".into() },
            Input::EmrFault { cluster: "cluster".into(), fault: crate::emr::cluster::Fault::LoseNode("core-1".into()) },
        ]);
        #[cfg(feature = "video")]
        inputs.push(Input::SeekPlayer { id: "player".into(), at_micros: 12_500_000 });
        let mut journal = Journal::new(Scenario::default());
        journal.entries =
            inputs.drain(..).enumerate().map(|(i, input)| Entry { at: i as u64 * 1_000, input }).collect();
        let read = Journal::from_json(&journal.to_json()).expect("it reads back");
        assert_eq!(read, journal);
    }

    #[test]
    fn an_unknown_action_makes_the_journal_unreadable() {
        let origin = Scenario::default().to_json();
        let known = format!(r#"{{"origin":{origin},"entries":[{{"at":0,"action":"replay","component":"c"}}]}}"#);
        assert!(Journal::from_json(&known).is_some());
        let unknown = format!(r#"{{"origin":{origin},"entries":[{{"at":0,"action":"teleport"}}]}}"#);
        assert!(Journal::from_json(&unknown).is_none());
    }
}
