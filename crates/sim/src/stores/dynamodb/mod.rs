//! Amazon DynamoDB, as far as the lab needs it: tables with a partition key and an optional
//! sort key, their items, and the operations EMR jobs and a learner use on them — CreateTable,
//! DescribeTable, ListTables, DeleteTable, PutItem, GetItem, DeleteItem, Query, Scan,
//! BatchWriteItem, BatchGetItem — in the JSON protocol's shapes, with DynamoDB's limits and
//! error messages. Other services of the model use the typed API instead (`create_table`,
//! `put_item`, `table(…).items()`), with the same checks and no JSON on the way.

pub mod condition;
pub mod errors;
pub mod expressions;
pub mod key;
pub mod key_condition;
pub mod limits;
pub mod number;
pub mod projection;
mod reserved;
pub mod size;
pub mod types;
pub mod wire;

pub use key::{KeyAttribute, KeySchema, KeyValue, PrimaryKey, ScalarType};
pub use number::Number;
pub use types::{AttributeValue, Item};
