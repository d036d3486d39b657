//! DynamoDB's limits, each named once with its source so that a change of AWS's rules is a
//! change of one line; `docs/aws-rules.md` is generated from this file (see `crate::rules`).
//! Sizes are binary: DynamoDB counts 1 KB = 1,024 bytes and 1 MB = 1,024 KB (developer guide,
//! "Constraints in Amazon DynamoDB", note at the top).

use crate::time::SimDuration;

/// DynamoDB's kilobyte and megabyte are binary. Source: Amazon DynamoDB Developer Guide,
/// "Constraints in Amazon DynamoDB" (note at the top).
pub const KB: usize = 1024;
pub const MB: usize = 1024 * KB;

/// An item, attribute names and values together, counted as `size.rs` counts it: 400 KB.
/// Source: Amazon DynamoDB Developer Guide, "Constraints in Amazon DynamoDB" → Items → "Item size".
pub const MAX_ITEM_BYTES: usize = 400 * KB;

/// A partition key value: 1 to 2,048 bytes. Source: Amazon DynamoDB Developer Guide, "Constraints in Amazon
/// DynamoDB" → Partition keys and sort keys → "Partition key length".
pub const MAX_PARTITION_KEY_BYTES: usize = 2048;

/// A sort key value: 1 to 1,024 bytes. Source: as above, "Sort key length".
pub const MAX_SORT_KEY_BYTES: usize = 1024;

/// BatchWriteItem: at most 25 put or delete requests, and 16 MB of data, in one call.
/// Source: Amazon DynamoDB API Reference, "BatchWriteItem" (and "Constraints" → API-specific constraints).
pub const BATCH_WRITE_MAX_REQUESTS: usize = 25;
pub const BATCH_WRITE_MAX_BYTES: usize = 16 * MB;

/// BatchGetItem: at most 100 keys in one call, and at most 16 MB in one answer (the rest comes
/// back as UnprocessedKeys). Source: Amazon DynamoDB API Reference, "BatchGetItem".
pub const BATCH_GET_MAX_KEYS: usize = 100;
pub const BATCH_GET_MAX_BYTES: usize = 16 * MB;

/// One Query or Scan page reads at most 1 MB of items (before any FilterExpression), then
/// stops with a LastEvaluatedKey. Source: Amazon DynamoDB API Reference, "Query" and "Scan" ("A single Query
/// operation will read up to the maximum number of items set (if using the Limit parameter)
/// or a maximum of 1 MB of data").
pub const QUERY_PAGE_MAX_BYTES: usize = MB;

/// ListTables: `Limit` 1–100, 100 when not given. Source: Amazon DynamoDB API Reference, "ListTables".
pub const LIST_TABLES_MAX_LIMIT: usize = 100;

/// Table names: 3–255 characters of `[a-zA-Z0-9_.-]`. Source: Amazon DynamoDB Developer Guide, "Constraints in
/// Amazon DynamoDB" → Naming rules; API reference, "CreateTable" → TableName.
/// Written once, beside the table's settings (which the page checks without this module).
pub const TABLE_NAME_MIN_CHARS: usize = crate::pipeline::emr_settings::TABLE_NAME_CHARS.0;
pub const TABLE_NAME_MAX_CHARS: usize = crate::pipeline::emr_settings::TABLE_NAME_CHARS.1;

/// Numbers: at most 38 significant digits; magnitudes from 1E-130 up to (but not reaching)
/// 1E+126, kept here as the exponent bounds of `0.d₁d₂… × 10^e`. Source: Amazon DynamoDB Developer Guide,
/// "Supported data types and naming rules in Amazon DynamoDB" → Number.
pub const NUMBER_MAX_DIGITS: usize = 38;
pub const NUMBER_MAX_EXPONENT: i64 = 126;
pub const NUMBER_MIN_EXPONENT: i64 = -129;

/// How long a new table stays CREATING and a deleted one DELETING. AWS publishes no figure
/// (an on-demand table without indexes is usually ACTIVE within seconds); the lab uses a few
/// virtual seconds so that a learner meets the "not ACTIVE yet" answers, as with Kinesis.
/// Source: Amazon DynamoDB API Reference, DescribeTable (TableStatus); the durations are the
/// lab's own figures.
pub const CREATE_DELAY: SimDuration = SimDuration::from_secs(5);
pub const DELETE_DELAY: SimDuration = SimDuration::from_secs(5);

/// A key attribute's name: 1–255 characters (the table's partition and sort keys), written
/// once beside the table's settings like the table name.
/// Source: Amazon DynamoDB API Reference, KeySchemaElement (AttributeName: length 1–255).
pub const KEY_NAME_CHARS: (usize, usize) = crate::pipeline::emr_settings::KEY_NAME_CHARS;

/// The rules of a table that are behaviours rather than numbers.
pub const BEHAVIOURS: &[crate::rules::Behaviour] = &[
    crate::rules::Behaviour {
        rule: "An item's size is its attribute names' UTF-8 lengths plus its values' sizes (numbers about one byte per two digits, plus one).",
        enforced_in: "stores/dynamodb/size.rs",
        by: "item_size",
        source: "Amazon DynamoDB Developer Guide, \"Item sizes and formats\"",
    },
    crate::rules::Behaviour {
        rule: "A reserved word used as an attribute name in an expression must go through ExpressionAttributeNames.",
        enforced_in: "stores/dynamodb/reserved.rs",
        by: "is_reserved",
        source: "Amazon DynamoDB Developer Guide, \"Reserved words in DynamoDB\"",
    },
];

crate::rule_values!(
    KB,
    MB,
    MAX_ITEM_BYTES,
    MAX_PARTITION_KEY_BYTES,
    MAX_SORT_KEY_BYTES,
    BATCH_WRITE_MAX_REQUESTS,
    BATCH_WRITE_MAX_BYTES,
    BATCH_GET_MAX_KEYS,
    BATCH_GET_MAX_BYTES,
    QUERY_PAGE_MAX_BYTES,
    LIST_TABLES_MAX_LIMIT,
    TABLE_NAME_MIN_CHARS,
    TABLE_NAME_MAX_CHARS,
    NUMBER_MAX_DIGITS,
    NUMBER_MAX_EXPONENT,
    NUMBER_MIN_EXPONENT,
    CREATE_DELAY,
    DELETE_DELAY,
    KEY_NAME_CHARS,
);
