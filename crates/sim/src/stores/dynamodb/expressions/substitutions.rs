//! ExpressionAttributeNames and ExpressionAttributeValues: the placeholders' own rules, and
//! the check that every one given was used.

use super::invalid;
use crate::kinesis::error::ApiResult;
use crate::stores::dynamodb::types::Item;
use std::collections::{BTreeMap, BTreeSet};

/// ExpressionAttributeNames and ExpressionAttributeValues of one request, and which of them
/// its expressions used: DynamoDB refuses a placeholder given but never used.
pub struct Substitutions {
    pub(super) names: BTreeMap<String, String>,
    pub(super) values: Item,
    pub(super) used_names: BTreeSet<String>,
    pub(super) used_values: BTreeSet<String>,
}

impl Substitutions {
    /// Checks the placeholders' own form (`#` or `:` then letters, digits, `_`; neither map
    /// empty when given).
    pub fn new(names: Option<BTreeMap<String, String>>, values: Option<Item>) -> ApiResult<Substitutions> {
        let well_formed = |key: &str, sigil: char| {
            key.strip_prefix(sigil)
                .is_some_and(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
        };
        if let Some(names) = &names {
            if names.is_empty() {
                return Err(invalid("ExpressionAttributeNames must not be empty"));
            }
            if let Some(bad) = names.keys().find(|k| !well_formed(k, '#')) {
                return Err(invalid(format!(
                    "ExpressionAttributeNames contains invalid key: Syntax error; key: \"{bad}\""
                )));
            }
        }
        if let Some(values) = &values {
            if values.is_empty() {
                return Err(invalid("ExpressionAttributeValues must not be empty"));
            }
            if let Some(bad) = values.keys().find(|k| !well_formed(k, ':')) {
                return Err(invalid(format!(
                    "ExpressionAttributeValues contains invalid key: Syntax error; key: \"{bad}\""
                )));
            }
        }
        Ok(Substitutions {
            names: names.unwrap_or_default(),
            values: values.unwrap_or_default(),
            used_names: BTreeSet::new(),
            used_values: BTreeSet::new(),
        })
    }

    /// After every expression of the request is parsed: each placeholder given was used.
    pub fn check_all_used(&self) -> ApiResult<()> {
        let unused = |keys: Vec<&String>| keys.into_iter().cloned().collect::<Vec<_>>().join(", ");
        let names: Vec<&String> = self.names.keys().filter(|k| !self.used_names.contains(*k)).collect();
        if !names.is_empty() {
            return Err(invalid(format!(
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {{{}}}",
                unused(names)
            )));
        }
        let values: Vec<&String> = self.values.keys().filter(|k| !self.used_values.contains(*k)).collect();
        if !values.is_empty() {
            return Err(invalid(format!(
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {{{}}}",
                unused(values)
            )));
        }
        Ok(())
    }
}
