//! Where a job's output goes, and how it is committed:
//! - `s3://bucket/prefix/`: each reducer's part file (`part-r-00000`, TextOutputFormat's
//!   `key<TAB>value` lines) when its task commits, and `_SUCCESS` when the job commits. The
//!   prefix must not exist yet, as FileOutputFormat requires.
//! - `dynamodb://TABLE`: one item per key when a reducer commits, as the EMR DynamoDB
//!   connector's output format writes them: the key as the table's partition key (a number
//!   if the key attribute is N) and the value as the attribute `value` (a number when it is
//!   one). The table must exist, be ACTIVE, and have no sort key.
//! - `redshift://CLUSTER/TABLE`: each reducer's part file loaded into the table when its task
//!   commits, as `COPY … DELIMITER '\t'` would load it from S3: key and value, so the table
//!   has two columns (COPY refuses the load otherwise, with Redshift's reason).

use super::reducer::parse_part;
use super::uri::parse_s3;
use crate::stores::dynamodb::key::ScalarType;
use crate::stores::dynamodb::number::Number;
use crate::stores::dynamodb::table::TableStatus;
use crate::stores::dynamodb::types::{AttributeValue, Item};
use crate::stores::s3::Object;
use crate::stores::Stores;
use crate::time::SimTime;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq)]
pub enum Output {
    S3 { bucket: String, prefix: String },
    DynamoDb { table: String },
    Redshift { cluster: String, table: String },
}

/// How a part file is loaded into Redshift: TextOutputFormat's tab-separated lines.
pub const REDSHIFT_COPY_OPTIONS: &str = "DELIMITER '\\t'";

/// The attribute a DynamoDB output writes each value into.
pub const VALUE_ATTRIBUTE: &str = "value";

impl Output {
    pub fn parse(uri: &str) -> Result<Output, String> {
        if let Some(table) = uri.strip_prefix("dynamodb://") {
            if table.is_empty() || table.contains('/') {
                return Err(format!("A DynamoDB output names one table: dynamodb://TABLE, not '{uri}'"));
            }
            return Ok(Output::DynamoDb { table: table.to_string() });
        }
        if let Some(rest) = uri.strip_prefix("redshift://") {
            return match rest.split_once('/') {
                Some((cluster, table)) if !cluster.is_empty() && !table.is_empty() && !table.contains('/') => {
                    Ok(Output::Redshift { cluster: cluster.to_string(), table: table.to_string() })
                }
                _ => {
                    Err(format!("A Redshift output names a cluster and a table: redshift://CLUSTER/TABLE, not '{uri}'"))
                }
            };
        }
        let (bucket, prefix) = parse_s3(uri).ok_or_else(|| {
            format!("The output must be s3://bucket/prefix/, dynamodb://TABLE or redshift://CLUSTER/TABLE: {uri}")
        })?;
        Ok(Output::S3 { bucket: bucket.to_string(), prefix: prefix.to_string() })
    }

    /// At submission: the output can be written (and, in S3, does not exist yet).
    pub fn check(&self, uri: &str, stores: &Stores) -> Result<(), String> {
        match self {
            Output::S3 { bucket, prefix } => {
                let b = stores
                    .s3
                    .buckets
                    .get(bucket)
                    .ok_or_else(|| format!("The specified bucket does not exist: {bucket}"))?;
                if b.objects.keys().any(|k| k.starts_with(prefix.as_str())) {
                    return Err(format!(
                        "org.apache.hadoop.mapred.FileAlreadyExistsException: Output directory {uri} already exists"
                    ));
                }
                Ok(())
            }
            Output::DynamoDb { table } => {
                let t = stores
                    .dynamodb
                    .table(table)
                    .ok_or_else(|| format!("Requested resource not found: Table: {table} not found"))?;
                if t.status() != TableStatus::Active {
                    return Err(format!(
                        "The table {table} is {}: a job writes only into an ACTIVE table",
                        t.status().name()
                    ));
                }
                if t.key_schema().sort.is_some() {
                    return Err(format!(
                        "The table {table} has a sort key: the lab writes one item per key, into a table with a partition key only"
                    ));
                }
                Ok(())
            }
            Output::Redshift { cluster, table } => stores.redshift.connect(cluster, table).map(|_| ()),
        }
    }

    /// A reducer's task commit: its part file, or its items. Returns where it went.
    pub fn commit_task(
        &self,
        stores: &mut Stores,
        partition: usize,
        part: &[u8],
        now: SimTime,
    ) -> Result<String, String> {
        match self {
            Output::S3 { bucket, prefix } => {
                let key = format!("{prefix}part-r-{partition:05}");
                let b = stores
                    .s3
                    .buckets
                    .get_mut(bucket)
                    .ok_or_else(|| format!("The specified bucket does not exist: {bucket}"))?;
                b.objects.insert(key.clone(), Object::new(part.to_vec(), now, None));
                Ok(format!("s3://{bucket}/{key}"))
            }
            Output::DynamoDb { table } => {
                let t = stores
                    .dynamodb
                    .table_mut(table)
                    .ok_or_else(|| format!("Requested resource not found: Table: {table} not found"))?;
                let key_attr = t.key_schema().partition.clone();
                let mut written = 0;
                for (k, v) in parse_part(part) {
                    let key = match key_attr.ty {
                        ScalarType::N => AttributeValue::N(Number::parse(&k).map_err(|e| {
                            format!("The key {k:?} is not a number for the N key {}: {}", key_attr.name, e.message(&k))
                        })?),
                        ScalarType::S => AttributeValue::s(k.clone()),
                        ScalarType::B => AttributeValue::B(k.clone().into_bytes()),
                    };
                    let value =
                        Number::parse(&v).map(AttributeValue::N).unwrap_or_else(|_| AttributeValue::s(v.clone()));
                    let item: Item =
                        [(key_attr.name.clone(), key), (VALUE_ATTRIBUTE.to_string(), value)].into_iter().collect();
                    t.put_item_native(item).map_err(|e| format!("PutItem into {table}: {}", e.message))?;
                    written += 1;
                }
                Ok(format!("dynamodb://{table} ({written} items from reducer {partition})"))
            }
            Output::Redshift { cluster, table } => {
                let rows = stores
                    .redshift
                    .copy(cluster, table, REDSHIFT_COPY_OPTIONS, part)
                    .map_err(|e| format!("COPY {table} from reducer {partition}'s part file: {e}"))?;
                Ok(format!("redshift://{cluster}/{table} ({rows} rows from reducer {partition})"))
            }
        }
    }

    /// The job's commit: `_SUCCESS` for S3 (DynamoDB items need none).
    pub fn commit_job(&self, stores: &mut Stores, now: SimTime) {
        if let Output::S3 { bucket, prefix } = self {
            if let Some(b) = stores.s3.buckets.get_mut(bucket) {
                b.objects.insert(format!("{prefix}_SUCCESS"), Object::new(Vec::new(), now, None));
            }
        }
    }

    /// What the output holds now, key → value, and its files (or table), read back from the
    /// store itself.
    pub fn read_back(&self, stores: &Stores) -> (BTreeMap<String, String>, Vec<String>) {
        let mut out = BTreeMap::new();
        let mut files = Vec::new();
        match self {
            Output::S3 { bucket, prefix } => {
                if let Some(b) = stores.s3.buckets.get(bucket) {
                    for (key, o) in b.objects.iter().filter(|(k, _)| k.starts_with(prefix.as_str())) {
                        files.push(format!("s3://{bucket}/{key}"));
                        if key[prefix.len()..].starts_with("part-") {
                            out.extend(parse_part(&o.body()));
                        }
                    }
                }
            }
            Output::DynamoDb { table } => {
                if let Some(t) = stores.dynamodb.table(table) {
                    files.push(format!("dynamodb://{table}"));
                    let key = &t.key_schema().partition.name;
                    for item in t.items() {
                        let text = |v: Option<&AttributeValue>| match v {
                            Some(AttributeValue::S(s)) => s.clone(),
                            Some(AttributeValue::N(n)) => n.to_string(),
                            Some(AttributeValue::B(b)) => String::from_utf8_lossy(b).into_owned(),
                            _ => String::new(),
                        };
                        out.insert(text(item.get(key)), text(item.get(VALUE_ATTRIBUTE)));
                    }
                }
            }
            Output::Redshift { cluster, table } => {
                if let Some(t) = stores.redshift.clusters.get(cluster).and_then(|c| c.tables.get(table)) {
                    files.push(format!("redshift://{cluster}/{table}"));
                    for row in &t.rows {
                        if let [k, v] = row.as_slice() {
                            out.insert(k.clone(), v.clone());
                        }
                    }
                }
            }
        }
        (out, files)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_parse_from_their_uris() {
        assert_eq!(Output::parse("s3://b/out/").unwrap(), Output::S3 { bucket: "b".into(), prefix: "out/".into() });
        assert_eq!(Output::parse("dynamodb://Words").unwrap(), Output::DynamoDb { table: "Words".into() });
        assert!(Output::parse("dynamodb://").is_err());
        assert!(Output::parse("hdfs:///out").unwrap_err().contains("dynamodb://TABLE"));
    }
}
