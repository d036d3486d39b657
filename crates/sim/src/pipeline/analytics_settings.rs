//! An Analytics application's settings, as a scenario stores them: its name, the dialect its
//! SQL is in, the SQL, and (for the legacy dialect) the source stream's schema. Whether the
//! SQL runs is not a setting's rule: a query that cannot run leaves the application stopped
//! with its error, shown at its line and column, while the rest of the pipeline runs on.

use super::settings::{check, SettingError, StartPosition};
use serde::{Deserialize, Serialize};

/// The SQL an application runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dialect {
    /// Flink SQL, as Managed Service for Apache Flink runs it.
    #[default]
    Flink,
    /// The legacy Kinesis Data Analytics SQL (retired in January 2026).
    Legacy,
}

/// One column of the legacy source stream: its name and SQL type as written (`INTEGER`,
/// `VARCHAR(64)`…).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaColumn {
    pub name: String,
    pub sql_type: String,
}

pub use crate::analytics::limits::APPLICATION_NAME_CHARS;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalyticsSettings {
    pub application_name: String,
    #[serde(default)]
    pub dialect: Dialect,
    pub sql: String,
    /// The legacy source stream's columns; empty: discovered from the first records read.
    #[serde(default)]
    pub schema: Vec<SchemaColumn>,
    /// Where in the stream the application starts reading.
    #[serde(default)]
    pub start: StartPosition,
}

impl AnalyticsSettings {
    pub fn validate(&self) -> Result<(), SettingError> {
        let n = self.application_name.chars().count();
        check(
            (APPLICATION_NAME_CHARS.0..=APPLICATION_NAME_CHARS.1).contains(&n)
                && self.application_name.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c)),
            "application_name",
            "an application name is {0}–{1} characters of letters, digits, _ . and -",
        )?;
        check(
            self.schema.iter().all(|c| !c.name.trim().is_empty() && !c.sql_type.trim().is_empty()),
            "schema",
            "each column of the schema has a name and a type",
        )
    }
}

/// The numbers the rules above quote.
pub fn numbers(setting: &str) -> Option<Vec<String>> {
    match setting {
        "application_name" => Some(vec![APPLICATION_NAME_CHARS.0.to_string(), APPLICATION_NAME_CHARS.1.to_string()]),
        "schema" => Some(Vec::new()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_read_back_what_they_write_and_refuse_what_they_do_not_know() {
        let s = AnalyticsSettings {
            application_name: "app".into(),
            dialect: Dialect::Legacy,
            sql: "SELECT STREAM 1".into(),
            schema: vec![SchemaColumn { name: "page".into(), sql_type: "VARCHAR(8)".into() }],
            start: StartPosition::Latest,
        };
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(serde_json::from_value::<AnalyticsSettings>(json.clone()).unwrap(), s);
        let minimal: AnalyticsSettings = serde_json::from_str(r#"{"application_name":"a","sql":""}"#).unwrap();
        assert_eq!(
            (minimal.dialect, minimal.start, minimal.schema.len()),
            (Dialect::Flink, StartPosition::TrimHorizon, 0)
        );
        let refused = |text: &str| serde_json::from_str::<AnalyticsSettings>(text).unwrap_err().to_string();
        assert!(refused(r#"{"application_name":"a","sql":"","colour":1}"#).contains("unknown field `colour`"));
        assert!(refused(r#"{"sql":""}"#).contains("missing field `application_name`"));
        assert!(refused(r#"{"application_name":"a","sql":"","dialect":"oracle"}"#).contains("unknown variant `oracle`"));
        assert!(refused(r#"{"application_name":"a","sql":"","schema":[{"name":"x"}]}"#)
            .contains("missing field `sql_type`"));
    }

    #[test]
    fn a_name_follows_create_application_s_rule() {
        let mut s = AnalyticsSettings {
            application_name: "page-views_1.0".into(),
            dialect: Dialect::Flink,
            sql: String::new(),
            schema: Vec::new(),
            start: StartPosition::TrimHorizon,
        };
        assert_eq!(s.validate(), Ok(()));
        s.application_name = "page views".into();
        let e = s.validate().unwrap_err();
        assert_eq!(e.setting, "application_name");
        assert!(e.rule.contains("1–128"), "{}", e.rule);
        s.application_name = "a".repeat(129);
        assert!(s.validate().is_err());
    }
}
