//! DynamoDB in the world: its tables change status on the world's clock (CREATING → ACTIVE,
//! DELETING → gone), and other parts of the model reach them through here.

use super::World;
use crate::pipeline::emr_settings::{DynamoDbTableSettings, KeyType};
use crate::scenario::{ComponentKind, Scenario, ScenarioError};
use crate::stores::dynamodb::{DynamoDb, KeyAttribute, ScalarType, TableSpec};
use crate::time::SimTime;

fn tables(s: &Scenario) -> impl Iterator<Item = (&str, &DynamoDbTableSettings)> {
    s.components.iter().filter_map(|c| match &c.kind {
        ComponentKind::DynamoDbTable(t) => Some((c.id.as_str(), t)),
        _ => None,
    })
}

/// The CreateTable a table component stands for: on-demand, its keys strings or numbers.
fn spec_of(t: &DynamoDbTableSettings) -> TableSpec {
    let ty = match t.partition_key_type {
        KeyType::S => ScalarType::S,
        KeyType::N => ScalarType::N,
    };
    let spec = TableSpec::new(t.table_name.clone(), KeyAttribute::new(t.partition_key.clone(), ty));
    if t.sort_key.is_empty() {
        spec
    } else {
        spec.with_sort_key(KeyAttribute::new(t.sort_key.clone(), ScalarType::S))
    }
}

impl World {
    /// The DynamoDB tables, for views, tests and the EMR code to read.
    pub fn dynamodb(&self) -> &DynamoDb {
        &self.stores.dynamodb
    }

    /// Runs `f` on DynamoDB at the current time (to create tables or write items without
    /// JSON), then queues the next status change it leads to.
    pub fn with_dynamodb<R>(&mut self, f: impl FnOnce(&mut DynamoDb, SimTime) -> R) -> R {
        let result = f(&mut self.stores.dynamodb, self.now);
        self.tick_dynamodb();
        result
    }

    /// Brings the tables in step with the table components of `next`: a placed table is
    /// created (CREATING, then ACTIVE; already ACTIVE when the scenario is loaded), a removed
    /// or renamed one deleted with its items. A table's keys cannot change (DynamoDB has no
    /// such operation), so that edit is refused.
    pub(super) fn sync_tables(&mut self, old: &Scenario, next: &Scenario, at_start: bool) -> Result<(), ScenarioError> {
        for (id, t) in tables(next) {
            let Some((_, before)) = tables(old).find(|(old_id, _)| *old_id == id) else { continue };
            if before.table_name == t.table_name && spec_of(before).key_schema != spec_of(t).key_schema {
                return Err(ScenarioError::BadSetting {
                    id: id.to_string(),
                    setting: "key_schema",
                    rule: "a table's key schema cannot be changed after it is created: add a new table".into(),
                });
            }
        }
        let now = self.now;
        let wanted: Vec<&str> = tables(next).map(|(_, t)| t.table_name.as_str()).collect();
        for (_, t) in tables(old) {
            if !wanted.contains(&t.table_name.as_str()) && self.stores.dynamodb.table(&t.table_name).is_some() {
                let _ = self.stores.dynamodb.delete_table(now, &t.table_name);
            }
        }
        for (id, t) in tables(next) {
            if self.stores.dynamodb.table(&t.table_name).is_some() {
                continue;
            }
            let db = &mut self.stores.dynamodb;
            let made =
                if at_start { db.create_active_table(now, spec_of(t)) } else { db.create_table(now, spec_of(t)) };
            made.map_err(|e| ScenarioError::BadSetting { id: id.to_string(), setting: "table_name", rule: e.message })?;
        }
        self.tick_dynamodb();
        Ok(())
    }

    pub(super) fn tick_dynamodb(&mut self) {
        self.stores.dynamodb.tick(self.now);
        if let Some(at) = self.stores.dynamodb.next_wakeup() {
            self.queue_tick(at);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::scenario::Scenario;
    use crate::stores::dynamodb::{AttributeValue, Item, KeyAttribute, ScalarType, TableSpec, TableStatus};
    use crate::time::{SimDuration, SimTime};
    use crate::World;
    use serde_json::json;

    #[test]
    fn a_created_table_wakes_the_world_when_it_becomes_active() {
        let mut w = World::from_scenario(&Scenario::default()).unwrap();
        let create = json!({
            "TableName": "tbl", "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"
        });
        w.call("dynamodb", "CreateTable", create).unwrap();
        assert_eq!(w.next_event_time(), Some(SimTime::from_millis(5_000)), "the status change is queued");
        w.run_until(SimTime::from_millis(5_000));
        assert_eq!(w.dynamodb().table("tbl").map(|t| t.status()), Some(TableStatus::Active));
        w.call("dynamodb", "DeleteTable", json!({"TableName": "tbl"})).unwrap();
        w.advance(SimDuration::from_secs(5));
        assert!(w.dynamodb().table("tbl").is_none());
    }

    #[test]
    fn other_parts_of_the_model_write_items_natively() {
        let mut w = World::from_scenario(&Scenario::default()).unwrap();
        w.with_dynamodb(|db, now| {
            db.create_active_table(now, TableSpec::new("out", KeyAttribute::new("k", ScalarType::S))).unwrap();
            let item: Item = [("k".to_string(), AttributeValue::s("a"))].into();
            db.put_item("out", item).unwrap();
        });
        let answer = w.call("dynamodb", "Scan", json!({"TableName": "out"})).unwrap();
        assert_eq!(answer["Items"], json!([{"k": {"S": "a"}}]));
    }
}
