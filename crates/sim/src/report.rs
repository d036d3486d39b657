//! The summary of a run that `shardlab run` prints and golden tests compare.

use crate::ledger::Ledger;
use crate::metrics::Metrics;
use crate::pipeline::poller::ReaderStats;
use crate::pipeline::producer::ProducerStats;
use crate::pipeline::Component;
use crate::world::World;
use serde::Serialize;

fn component_report(c: &Component) -> ComponentReport<'_> {
    let mut r = ComponentReport {
        id: c.id(),
        producer: None,
        reader: c.reader_stats(),
        retrying: None,
        lease_owners: None,
        invocations: None,
        analytics: None,
        video: None,
    };
    match c {
        Component::Producer(p) => {
            r.producer = Some(&p.stats);
            r.retrying = Some(p.retrying());
        }
        Component::KclApp(k) => {
            r.lease_owners = Some(k.leases.values().map(|l| l.owner.map(|w| k.workers[w].name.as_str())).collect());
        }
        Component::LambdaConsumer(l) => r.invocations = Some(l.invocations),
        #[cfg(feature = "analytics")]
        Component::AnalyticsApp(a) => r.analytics = Some(AnalyticsReport::of(a)),
        #[cfg(feature = "video")]
        Component::Camera(c) => r.video = serde_json::to_value(&c.stats).ok(),
        #[cfg(feature = "video")]
        Component::VideoPlayer(p) => r.video = serde_json::to_value(&p.stats).ok(),
        #[cfg(feature = "video")]
        Component::MotionAnalyzer(a) => r.video = serde_json::to_value(&a.stats).ok(),
        _ => {}
    }
    r
}

#[derive(Serialize)]
pub struct Report<'a> {
    pub scenario: &'a str,
    pub seed: u64,
    /// Virtual time at the end of the run, in milliseconds and as the page shows it.
    pub clock_ms: u64,
    pub clock: String,
    pub ledger: &'a Ledger,
    /// Whether every created record is in exactly one place (it always should be).
    pub ledger_balances: bool,
    pub metrics: &'a Metrics,
    pub events_logged: u64,
    /// What each pipeline component did.
    pub components: Vec<ComponentReport<'a>>,
}

#[derive(Serialize)]
pub struct ComponentReport<'a> {
    pub id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub producer: Option<&'a ProducerStats>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reader: Option<&'a ReaderStats>,
    /// Records waiting at a producer for a retry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retrying: Option<u64>,
    /// Duplicates and lease owners, for a KCL application.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lease_owners: Option<Vec<Option<&'a str>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invocations: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub analytics: Option<AnalyticsReport>,
    /// What a camera sent, a player received or an analysis consumer found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub video: Option<serde_json::Value>,
}

/// What an Analytics application did: its status, what it read, dropped and emitted, the
/// watermark it reached, and what each output took.
#[derive(Serialize)]
pub struct AnalyticsReport {
    pub status: String,
    pub rows_read: u64,
    pub late_rows: u64,
    pub unreadable: u64,
    pub rows_emitted: u64,
    pub watermark: Option<String>,
    /// (output, rows taken, rows waiting).
    pub outputs: Vec<(String, u64, usize)>,
    /// The latest result row, as its JSON record.
    pub latest_row: Option<serde_json::Value>,
}

#[cfg(feature = "analytics")]
impl AnalyticsReport {
    fn of(a: &crate::analytics::application::Application) -> AnalyticsReport {
        use crate::analytics::application::Status;
        let q = a.query();
        AnalyticsReport {
            status: match &a.status {
                Status::Running => "running".into(),
                Status::NoSource => "no source".into(),
                Status::Discovering => "discovering the schema".into(),
                Status::Stopped(e) => format!("stopped: {e}"),
            },
            rows_read: q.map_or(0, |q| q.rows_read()),
            late_rows: q.map_or(0, |q| q.late_rows()),
            unreadable: a.unreadable,
            rows_emitted: a.results.emitted,
            watermark: q.and_then(|q| q.watermark()).map(crate::analytics::types::timestamp_text),
            outputs: a
                .outputs
                .iter()
                .map(|o| {
                    let name = o.target.name().to_string();
                    (name, o.written, o.waiting())
                })
                .collect(),
            latest_row: a
                .results
                .latest()
                .next()
                .map(|row| serde_json::Value::Object(row.iter().map(|(k, v)| (k.clone(), v.to_json())).collect())),
        }
    }
}

impl World {
    pub fn report(&self) -> Report<'_> {
        Report {
            scenario: &self.scenario().name,
            seed: self.scenario().seed,
            clock_ms: self.now().as_millis(),
            clock: self.now().to_string(),
            ledger: self.ledger(),
            ledger_balances: self.ledger().balances(),
            metrics: self.metrics(),
            events_logged: self.events_total(),
            components: self.components().map(component_report).collect(),
        }
    }
}
