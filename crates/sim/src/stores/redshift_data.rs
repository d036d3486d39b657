//! The Redshift Data API, as the console reads a cluster's tables with it: ExecuteStatement
//! runs a query (the lab's cluster answers at once), DescribeStatement says how it went,
//! GetStatementResult gives the rows. The lab's Redshift answers two queries —
//! `SELECT * FROM table [LIMIT n]` and `SELECT COUNT(*) FROM table`, on a table or on
//! `stl_load_errors` — and any other statement fails with the reason, as a query Redshift
//! cannot run does (DescribeStatement's `Error`).

use super::redshift::Redshift;
use crate::kinesis::api::parse;
use crate::kinesis::error::{ApiError, ApiResult, ErrorType};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The columns the lab keeps of `stl_load_errors`.
const LOAD_ERROR_COLUMNS: [&str; 4] = ["tbl", "line_number", "raw_line", "err_reason"];

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ExecuteInput {
    cluster_identifier: String,
    database: String,
    sql: String,
    #[serde(default)]
    db_user: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct IdInput {
    id: String,
}

/// One value of a result: Redshift's varchar columns as text, COUNT(*) as a number.
#[derive(Clone, Debug, PartialEq)]
enum Field {
    Text(String),
    Long(u64),
}

#[derive(Clone, Debug, PartialEq)]
struct ResultSet {
    table: String,
    /// Column names and Redshift type names.
    columns: Vec<(String, &'static str)>,
    rows: Vec<Vec<Field>>,
}

#[derive(Clone, Debug, PartialEq)]
struct Statement {
    cluster: String,
    database: String,
    db_user: Option<String>,
    sql: String,
    at: f64,
    outcome: Result<ResultSet, String>,
}

/// The statements run so far, by Id.
#[derive(Clone, Debug, Default)]
pub struct RedshiftData {
    statements: BTreeMap<String, Statement>,
}

/// What the lab's Redshift understands of a query: the table and what to give of it.
#[derive(Debug, PartialEq)]
enum Query {
    All { table: String, limit: Option<usize> },
    Count { table: String },
}

fn read_query(sql: &str) -> Result<Query, String> {
    let refuse = || {
        format!(
            "The lab's Redshift answers SELECT * FROM table [LIMIT n] and SELECT COUNT(*) FROM table (a table or stl_load_errors), not: {sql}"
        )
    };
    let text = sql.trim().trim_end_matches(';').trim();
    let words: Vec<String> = text.split_whitespace().map(str::to_ascii_lowercase).collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let name = |w: &str| w.trim_matches('"').to_string();
    match words.as_slice() {
        ["select", "*", "from", table] => Ok(Query::All { table: name(table), limit: None }),
        ["select", "*", "from", table, "limit", n] => {
            let n = n.parse().map_err(|_| format!("LIMIT takes a whole number, not {n}"))?;
            Ok(Query::All { table: name(table), limit: Some(n) })
        }
        ["select", "count(*)", "from", table] => Ok(Query::Count { table: name(table) }),
        _ => Err(refuse()),
    }
}

/// Runs `query` on `cluster` of `redshift`.
fn run(redshift: &Redshift, cluster: &str, query: &Query) -> Result<ResultSet, String> {
    // Connecting is the same as for COPY: the cluster must exist and take connections.
    let c = redshift.clusters.get(cluster).ok_or_else(|| format!("The Redshift cluster {cluster} does not exist."))?;
    if !c.available {
        return Err(format!("Could not connect to the Redshift cluster {cluster}: it is unavailable."));
    }
    let table = match query {
        Query::All { table, .. } | Query::Count { table } => table.clone(),
    };
    let (columns, rows): (Vec<(String, &'static str)>, Vec<Vec<Field>>) = if table == "stl_load_errors" {
        let columns = LOAD_ERROR_COLUMNS.iter().map(|c| (c.to_string(), "varchar")).collect();
        let rows = c
            .load_errors
            .iter()
            .map(|e| {
                vec![
                    Field::Text(e.table.clone()),
                    Field::Long(e.line as u64),
                    Field::Text(e.raw_line.clone()),
                    Field::Text(e.reason.clone()),
                ]
            })
            .collect();
        (columns, rows)
    } else {
        let t = redshift.connect(cluster, &table)?;
        let columns = t.columns.iter().map(|c| (c.clone(), "varchar")).collect();
        let rows = t.rows.iter().map(|r| r.iter().cloned().map(Field::Text).collect()).collect();
        (columns, rows)
    };
    Ok(match query {
        Query::Count { .. } => ResultSet {
            table,
            columns: vec![("count".to_string(), "int8")],
            rows: vec![vec![Field::Long(rows.len() as u64)]],
        },
        Query::All { limit, .. } => {
            let rows = rows.into_iter().take(limit.unwrap_or(usize::MAX)).collect();
            ResultSet { table, columns, rows }
        }
    })
}

fn not_found(message: &str) -> ApiError {
    ApiError::new(ErrorType::ResourceNotFoundException, message)
}

impl RedshiftData {
    /// Calls a Data API operation by name. `epoch_s` is the world's time, for the timestamps.
    pub fn call(&mut self, redshift: &Redshift, epoch_s: f64, op: &str, input: Value) -> ApiResult<Value> {
        match op {
            "ExecuteStatement" => {
                let i: ExecuteInput = parse(input)?;
                if !redshift.clusters.contains_key(&i.cluster_identifier) {
                    return Err(ApiError::new(
                        ErrorType::ValidationException,
                        format!("Redshift cluster {} not found.", i.cluster_identifier),
                    ));
                }
                let outcome = read_query(&i.sql).and_then(|q| run(redshift, &i.cluster_identifier, &q));
                // Ids are UUIDs; numbered here, so that a run repeats.
                let id = format!("00000000-0000-4000-8000-{:012x}", self.statements.len() + 1);
                let answer = json!({
                    "Id": id,
                    "ClusterIdentifier": i.cluster_identifier,
                    "CreatedAt": epoch_s,
                    "Database": i.database,
                    "DbUser": i.db_user,
                });
                let statement = Statement {
                    cluster: i.cluster_identifier,
                    database: i.database,
                    db_user: i.db_user,
                    sql: i.sql,
                    at: epoch_s,
                    outcome,
                };
                self.statements.insert(id, statement);
                Ok(answer)
            }
            "DescribeStatement" => {
                let i: IdInput = parse(input)?;
                let s = self.statements.get(&i.id).ok_or_else(|| not_found("Query does not exist."))?;
                let mut answer = json!({
                    "Id": i.id,
                    "ClusterIdentifier": s.cluster,
                    "Database": s.database,
                    "DbUser": s.db_user,
                    "QueryString": s.sql,
                    "CreatedAt": s.at,
                    "UpdatedAt": s.at,
                    "Duration": 0,
                });
                match &s.outcome {
                    Ok(set) => {
                        answer["Status"] = json!("FINISHED");
                        answer["HasResultSet"] = json!(true);
                        answer["ResultRows"] = json!(set.rows.len());
                    }
                    Err(e) => {
                        answer["Status"] = json!("FAILED");
                        answer["HasResultSet"] = json!(false);
                        answer["Error"] = json!(e);
                    }
                }
                Ok(answer)
            }
            "GetStatementResult" => {
                let i: IdInput = parse(input)?;
                let s = self.statements.get(&i.id).ok_or_else(|| not_found("Query does not exist."))?;
                let set = s.outcome.as_ref().map_err(|_| {
                    not_found("Query does not have result. Please check query status with DescribeStatement.")
                })?;
                let columns: Vec<Value> = set
                    .columns
                    .iter()
                    .map(|(name, ty)| {
                        json!({ "name": name, "label": name, "typeName": ty, "tableName": set.table, "schemaName": "public", "nullable": 1 })
                    })
                    .collect();
                let records: Vec<Value> = set
                    .rows
                    .iter()
                    .map(|row| {
                        Value::Array(
                            row.iter()
                                .map(|f| match f {
                                    Field::Text(t) => json!({ "stringValue": t }),
                                    Field::Long(n) => json!({ "longValue": n }),
                                })
                                .collect(),
                        )
                    })
                    .collect();
                Ok(json!({ "Records": records, "ColumnMetadata": columns, "TotalNumRows": set.rows.len() }))
            }
            other => Err(ApiError::new(
                ErrorType::UnknownOperationException,
                format!("The Redshift Data API has no operation {other} in the lab."),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lab() -> Redshift {
        let mut r = Redshift::default();
        r.ensure_table("lab", "words", &["word".to_string(), "n".to_string()]);
        let t = r.clusters.get_mut("lab").unwrap().tables.get_mut("words").unwrap();
        t.rows = vec![vec!["a".into(), "3".into()], vec!["b".into(), "1".into()]];
        r
    }

    fn execute(d: &mut RedshiftData, r: &Redshift, sql: &str) -> String {
        let a = d
            .call(r, 1.0, "ExecuteStatement", json!({ "ClusterIdentifier": "lab", "Database": "dev", "Sql": sql }))
            .unwrap();
        a["Id"].as_str().unwrap().to_string()
    }

    #[test]
    fn a_select_gives_the_table_s_rows_as_the_data_api_shapes_them() {
        let (r, mut d) = (lab(), RedshiftData::default());
        let id = execute(&mut d, &r, "select * from words limit 1;");
        let s = d.call(&r, 2.0, "DescribeStatement", json!({ "Id": id })).unwrap();
        assert_eq!((s["Status"].as_str(), s["ResultRows"].as_u64()), (Some("FINISHED"), Some(1)));
        let got = d.call(&r, 2.0, "GetStatementResult", json!({ "Id": id })).unwrap();
        assert_eq!(got["Records"], json!([[{ "stringValue": "a" }, { "stringValue": "3" }]]));
        assert_eq!(got["ColumnMetadata"][1]["name"], "n");
        let id = execute(&mut d, &r, "SELECT COUNT(*) FROM words");
        let got = d.call(&r, 2.0, "GetStatementResult", json!({ "Id": id })).unwrap();
        assert_eq!(got["Records"], json!([[{ "longValue": 2 }]]));
    }

    #[test]
    fn what_the_lab_cannot_run_fails_with_its_reason() {
        let (r, mut d) = (lab(), RedshiftData::default());
        let id = execute(&mut d, &r, "select word from words where n > 1");
        let s = d.call(&r, 2.0, "DescribeStatement", json!({ "Id": id })).unwrap();
        assert_eq!(s["Status"], "FAILED");
        assert!(s["Error"].as_str().unwrap().contains("SELECT * FROM table"));
        let e = d.call(&r, 2.0, "GetStatementResult", json!({ "Id": id })).unwrap_err();
        assert_eq!(e.kind, ErrorType::ResourceNotFoundException);
        let id = execute(&mut d, &r, "select * from nope");
        let s = d.call(&r, 2.0, "DescribeStatement", json!({ "Id": id })).unwrap();
        assert_eq!(s["Error"], "relation \"nope\" does not exist");
        let e = d
            .call(
                &r,
                1.0,
                "ExecuteStatement",
                json!({ "ClusterIdentifier": "x", "Database": "dev", "Sql": "select 1" }),
            )
            .unwrap_err();
        assert_eq!(e.kind, ErrorType::ValidationException);
    }
}
