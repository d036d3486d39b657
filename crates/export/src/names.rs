//! The names an export gives what it makes: a CloudFormation logical ID for each component
//! (`clicks-to-s3` → `ClicksToS3`), unique in the template, and the label a comment or a
//! description calls it by.

use shardlab_sim::scenario::ComponentSpec;
use shardlab_sim::Scenario;
use std::collections::{BTreeMap, BTreeSet};

/// `clicks-to-s3` → `ClicksToS3`; a name starting with a digit gets a `C` before it.
pub fn camel(text: &str) -> String {
    let mut out: String = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.insert(0, 'C');
    }
    out
}

/// What the canvas calls a component: its label, or its id when it has none.
pub fn label(c: &ComponentSpec) -> &str {
    if c.label.is_empty() {
        &c.id
    } else {
        &c.label
    }
}

/// Each component's logical ID, unique in the template (a clash gets `2`, `3`… after it).
pub fn logical_ids(scenario: &Scenario) -> BTreeMap<String, String> {
    let mut taken = BTreeSet::new();
    let mut ids = BTreeMap::new();
    for c in &scenario.components {
        let base = camel(&c.id);
        let mut id = base.clone();
        let mut n = 2;
        while !taken.insert(id.clone()) {
            id = format!("{base}{n}");
            n += 1;
        }
        ids.insert(c.id.clone(), id);
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_logical_ids() {
        assert_eq!(camel("clicks-to-s3"), "ClicksToS3");
        assert_eq!(camel("app_to_stream"), "AppToStream");
        assert_eq!(camel("3d"), "C3d");
    }
}
