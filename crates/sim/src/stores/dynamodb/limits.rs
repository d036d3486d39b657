//! DynamoDB's limits, each named once so that a change of AWS's rules is a change of one line.
//! Sizes are binary: DynamoDB counts 1 KB = 1,024 bytes and 1 MB = 1,024 KB (developer guide,
//! "Constraints in Amazon DynamoDB", note at the top).

use crate::time::SimDuration;

pub const KB: usize = 1024;
pub const MB: usize = 1024 * KB;

/// An item, attribute names and values together, counted as `size.rs` counts it: 400 KB.
/// Source: developer guide, "Constraints in Amazon DynamoDB" → Items → "Item size".
pub const MAX_ITEM_BYTES: usize = 400 * KB;

/// A partition key value: 1 to 2,048 bytes. Source: developer guide, "Constraints in Amazon
/// DynamoDB" → Partition keys and sort keys → "Partition key length".
pub const MAX_PARTITION_KEY_BYTES: usize = 2048;

/// A sort key value: 1 to 1,024 bytes. Source: as above, "Sort key length".
pub const MAX_SORT_KEY_BYTES: usize = 1024;

/// BatchWriteItem: at most 25 put or delete requests, and 16 MB of data, in one call.
/// Source: API reference, "BatchWriteItem" (and "Constraints" → API-specific constraints).
pub const BATCH_WRITE_MAX_REQUESTS: usize = 25;
pub const BATCH_WRITE_MAX_BYTES: usize = 16 * MB;

/// BatchGetItem: at most 100 keys in one call, and at most 16 MB in one answer (the rest comes
/// back as UnprocessedKeys). Source: API reference, "BatchGetItem".
pub const BATCH_GET_MAX_KEYS: usize = 100;
pub const BATCH_GET_MAX_BYTES: usize = 16 * MB;

/// One Query or Scan page reads at most 1 MB of items (before any FilterExpression), then
/// stops with a LastEvaluatedKey. Source: API reference, "Query" and "Scan" ("A single Query
/// operation will read up to the maximum number of items set (if using the Limit parameter)
/// or a maximum of 1 MB of data").
pub const QUERY_PAGE_MAX_BYTES: usize = MB;

/// ListTables: `Limit` 1–100, 100 when not given. Source: API reference, "ListTables".
pub const LIST_TABLES_MAX_LIMIT: usize = 100;

/// Table names: 3–255 characters of `[a-zA-Z0-9_.-]`. Source: developer guide, "Constraints in
/// Amazon DynamoDB" → Naming rules; API reference, "CreateTable" → TableName.
/// Written once, beside the table's settings (which the page checks without this module).
pub const TABLE_NAME_MIN_CHARS: usize = crate::pipeline::emr_settings::TABLE_NAME_CHARS.0;
pub const TABLE_NAME_MAX_CHARS: usize = crate::pipeline::emr_settings::TABLE_NAME_CHARS.1;

/// Numbers: at most 38 significant digits; magnitudes from 1E-130 up to (but not reaching)
/// 1E+126, kept here as the exponent bounds of `0.d₁d₂… × 10^e`. Source: developer guide,
/// "Supported data types and naming rules in Amazon DynamoDB" → Number.
pub const NUMBER_MAX_DIGITS: usize = 38;
pub const NUMBER_MAX_EXPONENT: i64 = 126;
pub const NUMBER_MIN_EXPONENT: i64 = -129;

/// How long a new table stays CREATING and a deleted one DELETING. AWS publishes no figure
/// (an on-demand table without indexes is usually ACTIVE within seconds); the lab uses a few
/// virtual seconds so that a learner meets the "not ACTIVE yet" answers, as with Kinesis.
pub const CREATE_DELAY: SimDuration = SimDuration::from_secs(5);
pub const DELETE_DELAY: SimDuration = SimDuration::from_secs(5);
