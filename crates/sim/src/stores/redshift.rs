//! Amazon Redshift, as far as Firehose needs it: clusters with tables of rows that a COPY
//! from S3 loads. COPY reads the staged object line by line — `JSON 'auto'` maps a JSON
//! object's fields to the table's columns by name, `CSV` (with an optional `DELIMITER`)
//! splits lines — and fails the whole load when more lines are bad than `MAXERROR` allows,
//! as Redshift does, leaving the reasons in `stl_load_errors`.

use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// One line COPY could not load, as `stl_load_errors` shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadError {
    pub table: String,
    pub line: usize,
    pub raw_line: String,
    pub reason: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cluster {
    /// Whether the cluster accepts connections (the lab's outage toggle).
    pub available: bool,
    pub tables: BTreeMap<String, Table>,
    pub load_errors: Vec<LoadError>,
    pub copies: u64,
}

#[derive(Clone, Debug, Default)]
pub struct Redshift {
    pub clusters: BTreeMap<String, Cluster>,
}

/// The most `stl_load_errors` rows a cluster keeps (the oldest go first).
const LOAD_ERRORS_KEPT: usize = 1_000;

/// How COPY reads the staged lines, from its options.
#[derive(Clone, Debug, PartialEq)]
enum Format {
    JsonAuto,
    Delimited(char),
}

fn parse_options(options: &str) -> Result<(Format, usize), String> {
    let upper = options.to_ascii_uppercase();
    let words: Vec<&str> = options.split_whitespace().collect();
    let word_after = |name: &str| {
        words
            .iter()
            .position(|w| w.eq_ignore_ascii_case(name))
            .and_then(|i| words.get(i + 1))
            .map(|w| w.trim_matches('\''))
    };
    let max_error = match word_after("MAXERROR") {
        Some(n) => n.parse::<usize>().map_err(|_| format!("MAXERROR {n} is not a whole number"))?,
        None => 0,
    };
    let format = if upper.contains("JSON") {
        Format::JsonAuto
    } else if let Some(d) = word_after("DELIMITER") {
        // Redshift takes '\t' for a tab.
        let d = if d == "\\t" { "\t" } else { d };
        let mut chars = d.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Format::Delimited(c),
            _ => return Err(format!("DELIMITER '{d}' must be a single character")),
        }
    } else {
        // CSV, or no format at all: Redshift's default is pipe-delimited text, CSV is commas.
        Format::Delimited(if upper.contains("CSV") { ',' } else { '|' })
    };
    Ok((format, max_error))
}

/// A JSON object's fields matched to the columns by name, case-insensitively; a missing
/// field loads NULL (shown empty).
fn row_of_json(value: &serde_json::Value, columns: &[String]) -> Result<Vec<String>, String> {
    let object = value.as_object().ok_or("Invalid JSONPath format: not a JSON object")?;
    Ok(columns
        .iter()
        .map(|c| {
            object
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(c))
                .map(|(_, v)| match v {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Null => String::new(),
                    other => other.to_string(),
                })
                .unwrap_or_default()
        })
        .collect())
}

fn row_of_line(line: &str, delimiter: char, columns: &[String]) -> Result<Vec<String>, String> {
    let fields: Vec<String> = line.split(delimiter).map(|f| f.trim().trim_matches('"').to_string()).collect();
    if fields.len() != columns.len() {
        return Err(format!("Delimiter not found: {} fields for {} columns", fields.len(), columns.len()));
    }
    Ok(fields)
}

impl Redshift {
    /// Creates the cluster and its table (with `columns`) if they are not there yet.
    pub fn ensure_table(&mut self, cluster: &str, table: &str, columns: &[String]) {
        let c = self
            .clusters
            .entry(cluster.to_string())
            .or_insert_with(|| Cluster { available: true, ..Cluster::default() });
        let t = c.tables.entry(table.to_string()).or_default();
        if t.columns.is_empty() {
            t.columns = columns.to_vec();
        }
    }

    /// The table `table` of `cluster`, if the cluster exists, accepts connections and has
    /// the table; otherwise the reason, in Redshift's words.
    pub fn connect(&self, cluster: &str, table: &str) -> Result<&Table, String> {
        let c = self.clusters.get(cluster).ok_or_else(|| format!("The Redshift cluster {cluster} does not exist."))?;
        if !c.available {
            return Err(format!("Could not connect to the Redshift cluster {cluster}: it is unavailable."));
        }
        c.tables.get(table).ok_or_else(|| format!("relation \"{table}\" does not exist"))
    }

    /// Runs `COPY table FROM 's3://…' options` on a staged object's `body`. Returns the rows
    /// loaded, or why the whole load failed.
    pub fn copy(&mut self, cluster: &str, table: &str, options: &str, body: &[u8]) -> Result<u64, String> {
        let c = self.clusters.get_mut(cluster).ok_or_else(|| format!("The cluster {cluster} does not exist."))?;
        if !c.available {
            return Err(format!("Could not connect to the cluster {cluster}: it is unavailable."));
        }
        let t = c.tables.get_mut(table).ok_or_else(|| format!("relation \"{table}\" does not exist"))?;
        let (format, max_error) = parse_options(options)?;
        c.copies += 1;
        let mut rows = Vec::new();
        let mut errors = Vec::new();
        let mut bad = |line: usize, raw: &str, reason: String| {
            errors.push(LoadError {
                table: table.to_string(),
                line,
                raw_line: raw.chars().take(1_024).collect(),
                reason,
            })
        };
        match format {
            // JSON objects one after another, with or without newlines between them, as
            // Firehose concatenates records.
            Format::JsonAuto => {
                let mut stream = serde_json::Deserializer::from_slice(body).into_iter::<serde_json::Value>();
                let mut n = 0;
                loop {
                    let start = stream.byte_offset();
                    match stream.next() {
                        None => break,
                        Some(Ok(value)) => {
                            n += 1;
                            match row_of_json(&value, &t.columns) {
                                Ok(row) => rows.push(row),
                                Err(reason) => bad(n, &value.to_string(), reason),
                            }
                        }
                        Some(Err(e)) => {
                            // The rest cannot be read as JSON: one error for it, as COPY stops.
                            let rest = String::from_utf8_lossy(&body[start..]);
                            bad(n + 1, rest.trim(), format!("Invalid JSON object: {e}"));
                            break;
                        }
                    }
                }
            }
            Format::Delimited(d) => {
                let text = String::from_utf8_lossy(body);
                for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
                    match row_of_line(line, d, &t.columns) {
                        Ok(row) => rows.push(row),
                        Err(reason) => bad(i + 1, line, reason),
                    }
                }
            }
        }
        let failed = errors.len();
        c.load_errors.extend(errors);
        let excess = c.load_errors.len().saturating_sub(LOAD_ERRORS_KEPT);
        c.load_errors.drain(..excess);
        if failed > max_error {
            return Err(format!(
                "Load into table '{table}' failed. Check 'stl_load_errors' system table for details. ({failed} bad lines, MAXERROR {max_error})"
            ));
        }
        let n = rows.len() as u64;
        t.rows.extend(rows);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster() -> Redshift {
        let mut r = Redshift::default();
        r.ensure_table("lab", "ticks", &["ticker".into(), "price".into()]);
        r
    }

    #[test]
    fn json_auto_maps_fields_to_columns_by_name() {
        let mut r = cluster();
        let body = b"{\"price\":10.5,\"TICKER\":\"AMZN\"}\n{\"ticker\":\"MSFT\"}\n";
        assert_eq!(r.copy("lab", "ticks", "JSON 'auto'", body), Ok(2));
        let rows = &r.clusters["lab"].tables["ticks"].rows;
        assert_eq!(rows, &[vec!["AMZN".to_string(), "10.5".into()], vec!["MSFT".into(), String::new()]]);
    }

    #[test]
    fn json_objects_may_follow_each_other_without_newlines() {
        let mut r = cluster();
        assert_eq!(r.copy("lab", "ticks", "JSON 'auto'", b"{\"ticker\":\"A\"}{\"ticker\":\"B\"}"), Ok(2));
        assert!(r.copy("lab", "ticks", "JSON 'auto'", b"{\"ticker\":\"C\"} oops").is_err());
    }

    #[test]
    fn a_bad_line_fails_the_whole_load_unless_maxerror_allows_it() {
        let mut r = cluster();
        let body = b"AMZN,1\nnot a row\nMSFT,2\n";
        let err = r.copy("lab", "ticks", "CSV", body).unwrap_err();
        assert!(err.contains("stl_load_errors"), "{err}");
        assert!(r.clusters["lab"].tables["ticks"].rows.is_empty(), "a failed COPY loads nothing");
        assert_eq!(r.clusters["lab"].load_errors[0].line, 2);
        assert_eq!(r.copy("lab", "ticks", "CSV MAXERROR 1", body), Ok(2));
    }

    #[test]
    fn an_unavailable_cluster_refuses_the_copy() {
        let mut r = cluster();
        r.clusters.get_mut("lab").unwrap().available = false;
        assert!(r.copy("lab", "ticks", "CSV", b"a,1\n").unwrap_err().contains("unavailable"));
    }
}
