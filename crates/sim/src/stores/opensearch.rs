//! Amazon OpenSearch Service, as far as Firehose needs it: domains holding indices of JSON
//! documents, filled by bulk requests. A domain can be made unavailable (the lab's outage
//! toggle); a document that is not a JSON object fails to index on its own, as a mapping
//! error does.

use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub id: String,
    pub source: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Domain {
    pub available: bool,
    pub indices: BTreeMap<String, Vec<Document>>,
}

impl Domain {
    /// The names of index `base` and its time-rotated indices, oldest first.
    pub fn indices_of(&self, base: &str) -> Vec<&str> {
        self.indices
            .keys()
            .filter(|name| crate::firehose::index_rotation::IndexRotation::is_rotation_of(name, base))
            .map(String::as_str)
            .collect()
    }

    /// The documents of index `base` and of its time-rotated indices (`base-2026-01-01`…),
    /// oldest index first: what a delivery stream with that IndexName has indexed.
    pub fn documents_in(&self, base: &str) -> Vec<&Document> {
        self.indices
            .iter()
            .filter(|(name, _)| crate::firehose::index_rotation::IndexRotation::is_rotation_of(name, base))
            .flat_map(|(_, docs)| docs)
            .collect()
    }
}

impl Default for Domain {
    fn default() -> Self {
        Domain { available: true, indices: BTreeMap::new() }
    }
}

#[derive(Clone, Debug, Default)]
pub struct OpenSearch {
    pub domains: BTreeMap<String, Domain>,
}

/// What a bulk request did: for each document in order, indexed or the reason it failed.
pub type BulkResult = Vec<Result<(), String>>;

impl OpenSearch {
    pub fn ensure_domain(&mut self, domain: &str) -> &mut Domain {
        self.domains.entry(domain.to_string()).or_default()
    }

    /// Indexes `docs` (index, id, raw body), each into its index; the whole request fails if
    /// the domain is missing or unavailable.
    pub fn bulk(&mut self, domain: &str, docs: Vec<(String, String, &[u8])>) -> Result<BulkResult, String> {
        let d = self.domains.get_mut(domain).ok_or_else(|| format!("The domain {domain} does not exist."))?;
        if !d.available {
            return Err(format!("The domain {domain} is unavailable (503 Service Unavailable)."));
        }
        Ok(docs
            .into_iter()
            .map(|(index, id, body)| match serde_json::from_slice::<Value>(body) {
                Ok(source @ Value::Object(_)) => {
                    d.indices.entry(index).or_default().push(Document { id, source });
                    Ok(())
                }
                _ => Err("mapper_parsing_exception: failed to parse, document is not a JSON object".to_string()),
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_objects_are_indexed_and_other_bodies_fail_alone() {
        let mut os = OpenSearch::default();
        os.ensure_domain("logs");
        let docs = vec![
            ("events-2026-01-01".into(), "1".into(), &b"{\"a\":1}"[..]),
            ("events-2026-01-01".into(), "2".into(), &b"plain text"[..]),
            ("events-2026-01-02".into(), "3".into(), &b"{}"[..]),
        ];
        let result = os.bulk("logs", docs).unwrap();
        assert!(result[0].is_ok() && result[1].is_err() && result[2].is_ok());
        assert_eq!(os.domains["logs"].indices["events-2026-01-01"].len(), 1);
        let ids: Vec<&str> = os.domains["logs"].documents_in("events").iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["1", "3"], "both days' indices, in order");
    }

    #[test]
    fn an_unavailable_domain_refuses_the_whole_request() {
        let mut os = OpenSearch::default();
        os.ensure_domain("logs").available = false;
        assert!(os.bulk("logs", vec![("events".into(), "1".into(), &b"{}"[..])]).is_err());
    }
}
