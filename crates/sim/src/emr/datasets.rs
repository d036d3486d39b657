//! The sample datasets by name: a text corpus, web server access logs, application logs and
//! IoT readings, each shaped for the built-in jobs that read it. They are generated in code
//! from a seed (`sample_data.rs`); nothing is downloaded.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dataset {
    /// Sentences of our own about streams and clusters (for wordcount, inverted-index).
    Corpus,
    /// Combined Log Format lines over a day (pageviews-per-hour).
    AccessLogs,
    /// Application log lines with levels (log-levels).
    AppLogs,
    /// CSV readings `time,device,metric,value` (average-by-key, top-n).
    IotReadings,
}

impl Dataset {
    pub const ALL: [Dataset; 4] = [Dataset::Corpus, Dataset::AccessLogs, Dataset::AppLogs, Dataset::IotReadings];

    pub fn name(self) -> &'static str {
        match self {
            Dataset::Corpus => "corpus",
            Dataset::AccessLogs => "access-logs",
            Dataset::AppLogs => "app-logs",
            Dataset::IotReadings => "iot-readings",
        }
    }

    pub fn from_name(name: &str) -> Option<Dataset> {
        Dataset::ALL.into_iter().find(|d| d.name() == name)
    }
}
