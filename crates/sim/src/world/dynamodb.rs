//! DynamoDB in the world: its tables change status on the world's clock (CREATING → ACTIVE,
//! DELETING → gone), and other parts of the model reach them through here.

use super::World;
use crate::stores::dynamodb::DynamoDb;
use crate::time::SimTime;

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
