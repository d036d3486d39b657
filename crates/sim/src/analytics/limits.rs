//! Managed Service for Apache Flink's (and the legacy Kinesis Data Analytics') rules as far as
//! the lab enforces them, each with its source; `docs/aws-rules.md` is generated from this
//! file (see `crate::rules`).

use crate::time::SimDuration;

/// An application name is 1–128 letters, digits, `_`, `.` and `-`.
/// Source: Managed Service for Apache Flink API Reference, CreateApplication (ApplicationName:
/// length 1–128, pattern `[a-zA-Z0-9_.-]+`).
pub const APPLICATION_NAME_CHARS: (usize, usize) = (1, 128);

/// The Flink Kinesis connector pauses this long between GetRecords calls on a shard: five
/// calls a second, the shard's whole read-call limit.
/// Source: Apache Flink Kinesis connector, ConsumerConfigConstants
/// (`SHARD_GETRECORDS_INTERVAL_MILLIS`, default 200).
pub const POLL_EVERY: SimDuration = SimDuration::from_millis(200);

/// The connector's GetRecords Limit.
/// Source: Apache Flink Kinesis connector, ConsumerConfigConstants (`SHARD_GETRECORDS_MAX`,
/// default 10,000).
pub const GET_RECORDS_MAX: usize = 10_000;

/// The rules of an application that are behaviours rather than numbers.
pub const BEHAVIOURS: &[crate::rules::Behaviour] = &[
    crate::rules::Behaviour {
        rule: "Window table-valued functions (TUMBLE, HOP, CUMULATE) give epoch-aligned windows [start, end); window_time is end − 1 ms.",
        enforced_in: "analytics/window.rs",
        by: "rem_euclid",
        source: "Apache Flink documentation, Window TVF (verified on Flink 2.3)",
    },
    crate::rules::Behaviour {
        rule: "The watermark is the largest event time seen minus the WATERMARK delay, after every row; a window fires when the watermark reaches window_end − 1 ms, and every open window fires when a bounded input ends.",
        enforced_in: "analytics/engine.rs",
        by: "fn fire",
        source: "Apache Flink documentation, Time Attributes and Window Aggregation (verified on Flink 2.3)",
    },
    crate::rules::Behaviour {
        rule: "A row is dropped as late only if the window it belongs to has already fired; Flink drops it silently (the lab counts it).",
        enforced_in: "analytics/engine.rs",
        by: "self.late += 1",
        source: "Apache Flink documentation, Window Aggregation (verified on Flink 2.3)",
    },
    crate::rules::Behaviour {
        rule: "SESSION windows merge rows closer than the gap, per partition key; window_end is the last row's time plus the gap.",
        enforced_in: "analytics/engine.rs",
        by: "touches",
        source: "Apache Flink documentation, Window TVF — SESSION (verified on Flink 2.3)",
    },
    crate::rules::Behaviour {
        rule: "COUNT is BIGINT, SUM(INT) is INT, AVG(INT) is INT truncated toward zero, AVG(DECIMAL(p, s)) is DECIMAL(38, max(s, 6)).",
        enforced_in: "analytics/aggregate.rs",
        by: "Accumulator",
        source: "Apache Flink documentation, System (Built-in) Functions — aggregate functions (verified on Flink 2.3)",
    },
    crate::rules::Behaviour {
        rule: "A `METADATA FROM 'timestamp'` column of a Kinesis table is the record's approximate arrival time.",
        enforced_in: "analytics/engine.rs",
        by: "plan.arrival",
        source: "Apache Flink Kinesis connector documentation, Available Metadata",
    },
    crate::rules::Behaviour {
        rule: "Legacy SQL: the source is the in-application stream SOURCE_SQL_STREAM_001; ROWTIME is when a row entered the application and never falls; a pump's INSERT fills its stream's columns one for one.",
        enforced_in: "analytics/legacy.rs",
        by: "SOURCE_STREAM",
        source: "Amazon Kinesis Data Analytics for SQL Developer Guide, In-Application Streams and Pumps; Timestamps and the ROWTIME Column",
    },
    crate::rules::Behaviour {
        rule: "Legacy SQL: GROUP BY STEP(ROWTIME BY INTERVAL …) or FLOOR(ROWTIME TO unit) is a tumbling window; WINDOW … RANGE INTERVAL … PRECEDING a sliding one, each row answered as it arrives.",
        enforced_in: "analytics/legacy.rs",
        by: "fn step",
        source: "Amazon Kinesis Data Analytics SQL Reference, STEP, FLOOR, WINDOW Clause (Sliding Windows)",
    },
    crate::rules::Behaviour {
        rule: "Legacy SQL: an application's streaming source is a Kinesis data stream or a Firehose delivery stream; from a delivery stream it gets the records taken in from when it starts reading (Firehose keeps nothing to replay), while they go on to the destination.",
        enforced_in: "firehose/readers.rs",
        by: "read_for_application",
        source: "Amazon Kinesis Data Analytics for SQL Developer Guide, Configuring Application Input",
    },
    crate::rules::Behaviour {
        rule: "Schema discovery names a column after each JSON field of a sample of the records and types it from the values.",
        enforced_in: "analytics/schema.rs",
        by: "SAMPLE_RECORDS",
        source: "Amazon Kinesis Data Analytics for SQL Developer Guide, Using the Schema Discovery Feature on Streaming Data",
    },
];

crate::rule_values!(APPLICATION_NAME_CHARS, POLL_EVERY, GET_RECORDS_MAX);
