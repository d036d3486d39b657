//! The built-in jobs by name: what a step's arguments, the CLI and a scenario's map step
//! name. Their functions are in `jobs/`; this list is also in the page's first load, which
//! checks a map step's settings without the EMR model.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BuiltinJob {
    /// Hadoop's WordCount: words split on whitespace, counted.
    Wordcount,
    /// Page views per hour, from web server access logs or clickstream JSON.
    PageviewsPerHour,
    /// Lines per log level (INFO, WARN, ERROR…), from application logs.
    LogLevels,
    /// For each word, the files it appears in.
    InvertedIndex,
    /// For each key, its three largest values (CSV `…,key,…,value` lines).
    TopN,
    /// For each key, the average of its values (CSV lines), to two decimals.
    AverageByKey,
}

impl BuiltinJob {
    pub const ALL: [BuiltinJob; 6] = [
        BuiltinJob::Wordcount,
        BuiltinJob::PageviewsPerHour,
        BuiltinJob::LogLevels,
        BuiltinJob::InvertedIndex,
        BuiltinJob::TopN,
        BuiltinJob::AverageByKey,
    ];

    pub fn name(self) -> &'static str {
        match self {
            BuiltinJob::Wordcount => "wordcount",
            BuiltinJob::PageviewsPerHour => "pageviews-per-hour",
            BuiltinJob::LogLevels => "log-levels",
            BuiltinJob::InvertedIndex => "inverted-index",
            BuiltinJob::TopN => "top-n",
            BuiltinJob::AverageByKey => "average-by-key",
        }
    }

    pub fn from_name(name: &str) -> Option<BuiltinJob> {
        BuiltinJob::ALL.into_iter().find(|j| j.name() == name)
    }

    pub fn names() -> Vec<&'static str> {
        BuiltinJob::ALL.iter().map(|j| j.name()).collect()
    }
}
