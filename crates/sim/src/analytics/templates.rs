//! The SQL an application can start from, one data file each in `templates/`: they read the
//! clickstream producer's records (`event_id`, `user`, `page`, `action`), with the record's
//! arrival time as event time (`METADATA FROM 'timestamp'`) or, in the legacy form, ROWTIME.

use crate::pipeline::analytics_settings::Dialect;

pub struct Template {
    /// The template's name (the page words it in both languages by this name).
    pub name: &'static str,
    pub dialect: Dialect,
    pub sql: &'static str,
}

/// The SQL a new application starts with: page views per page per minute. (A constant of its
/// own: the page's first load places applications, and must not carry every template.)
pub const DEFAULT_SQL: &str = include_str!("templates/count_per_minute.sql");

pub const TEMPLATES: &[Template] = &[
    Template { name: "count-per-minute", dialect: Dialect::Flink, sql: DEFAULT_SQL },
    Template { name: "hop-average", dialect: Dialect::Flink, sql: include_str!("templates/hop_average.sql") },
    Template { name: "sessions", dialect: Dialect::Flink, sql: include_str!("templates/sessions.sql") },
    Template { name: "top-pages", dialect: Dialect::Flink, sql: include_str!("templates/top_pages.sql") },
    Template { name: "filtered-having", dialect: Dialect::Flink, sql: include_str!("templates/filtered_having.sql") },
    Template { name: "legacy-pump", dialect: Dialect::Legacy, sql: include_str!("templates/legacy_pump.sql") },
];

/// The template called `name`.
pub fn template(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::{schema, Query};
    use crate::pipeline::payload::{Payload, Template as Records};

    #[test]
    fn every_template_runs_over_the_clickstream_producer_s_records() {
        let records: Vec<serde_json::Value> = (0..200u64)
            .map(|n| {
                let data = Payload::Generated { template: Records::Clickstream, n, size: 200 }
                    .render(&format!("user-{}", n % 7));
                serde_json::from_slice(&data).expect("the producer sends JSON")
            })
            .collect();
        let columns = schema::discover(&records);
        for t in TEMPLATES {
            let mut q = match t.dialect {
                Dialect::Flink => Query::compile(t.sql),
                Dialect::Legacy => Query::compile_legacy(t.sql, &columns),
            }
            .unwrap_or_else(|e| panic!("{}: {e}", t.name));
            let mut out = Vec::new();
            for (i, r) in records.iter().enumerate() {
                // Ten records a second, over 20 seconds.
                out.extend(q.push_arriving(r, 1_767_225_600_000 + i as i64 * 100));
            }
            out.extend(q.finish());
            assert!(!out.is_empty() || t.name == "filtered-having", "{}: no rows", t.name);
            assert_eq!(q.rows_without_time(), 0, "{}: the arrival time is the event time", t.name);
        }
    }
}
