//! The operations end to end through `DynamoDb::call`, as the console and `shardlab api` use
//! them: table lifecycle, conditional writes, Query order and pagination, batch limits.

use super::*;
use crate::event::EventLog;
use crate::flow::FlowLog;
use crate::kinesis::error::ErrorType;
use crate::ledger::Ledger;
use crate::metrics::Metrics;
use serde_json::json;

/// A DynamoDB with the books a call needs, at a settable time.
struct Lab {
    db: DynamoDb,
    now: SimTime,
    ledger: Ledger,
    metrics: Metrics,
    log: EventLog,
    wakeups: Vec<SimTime>,
    next_record_id: u64,
    flows: FlowLog,
}

impl Lab {
    fn new() -> Lab {
        Lab {
            db: DynamoDb::default(),
            now: SimTime::ZERO,
            ledger: Ledger::default(),
            metrics: Metrics::default(),
            log: EventLog::default(),
            wakeups: Vec::new(),
            next_record_id: 0,
            flows: FlowLog::default(),
        }
    }

    fn call(&mut self, op: &str, input: Value) -> ApiResult<Value> {
        let mut ctx = Ctx {
            now: self.now,
            epoch_ms: 1_767_225_600_000,
            ledger: &mut self.ledger,
            metrics: &mut self.metrics,
            log: &mut self.log,
            wakeups: &mut self.wakeups,
            next_record_id: &mut self.next_record_id,
            flows: &mut self.flows,
        };
        self.db.call(&mut ctx, op, input)
    }

    fn ok(&mut self, op: &str, input: Value) -> Value {
        self.call(op, input.clone()).unwrap_or_else(|e| panic!("{op} {input}: {e}"))
    }

    fn err(&mut self, op: &str, input: Value) -> ApiError {
        self.call(op, input.clone()).expect_err(&format!("{op} {input} should fail"))
    }

    fn wait(&mut self, secs: u64) {
        self.now += crate::time::SimDuration::from_secs(secs);
    }

    /// An ACTIVE on-demand table `events` keyed by device (S) and time (N).
    fn with_events_table() -> Lab {
        let mut lab = Lab::new();
        lab.ok(
            "CreateTable",
            json!({
                "TableName": "events",
                "AttributeDefinitions": [{"AttributeName": "device", "AttributeType": "S"}, {"AttributeName": "t", "AttributeType": "N"}],
                "KeySchema": [{"AttributeName": "device", "KeyType": "HASH"}, {"AttributeName": "t", "KeyType": "RANGE"}],
                "BillingMode": "PAY_PER_REQUEST"
            }),
        );
        lab.wait(5);
        lab
    }

    fn put(&mut self, device: &str, t: i64) {
        self.ok(
            "PutItem",
            json!({"TableName": "events", "Item": {"device": {"S": device}, "t": {"N": t.to_string()}, "v": {"S": "x"}}}),
        );
    }
}

fn times(page: &Value) -> Vec<String> {
    page["Items"].as_array().unwrap().iter().map(|i| i["t"]["N"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_table_is_creating_then_active_then_deleting_then_gone() {
    let mut lab = Lab::new();
    let create = json!({
        "TableName": "tbl", "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}], "BillingMode": "PAY_PER_REQUEST"
    });
    let out = lab.ok("CreateTable", create.clone());
    assert_eq!(out["TableDescription"]["TableStatus"], "CREATING");
    assert_eq!(lab.wakeups, [SimTime::ZERO + limits::CREATE_DELAY], "the store asks to be woken when it is ACTIVE");
    let put = json!({"TableName": "tbl", "Item": {"pk": {"S": "a"}}});
    assert_eq!(lab.err("PutItem", put.clone()).message, "Requested resource not found", "not ACTIVE yet");
    assert_eq!(
        lab.err("DeleteTable", json!({"TableName": "tbl"})).message,
        "Attempt to change a resource which is still in use: Table is being created: tbl"
    );
    lab.wait(5);
    assert_eq!(lab.ok("DescribeTable", json!({"TableName": "tbl"}))["Table"]["TableStatus"], "ACTIVE");
    lab.ok("PutItem", put.clone());
    let e = lab.err("CreateTable", create);
    assert_eq!((e.kind, e.message.as_str()), (ErrorType::ResourceInUseException, "Table already exists: tbl"));
    assert_eq!(lab.ok("DeleteTable", json!({"TableName": "tbl"}))["TableDescription"]["TableStatus"], "DELETING");
    assert_eq!(lab.err("PutItem", put).kind, ErrorType::ResourceNotFoundException);
    lab.wait(5);
    let e = lab.err("DescribeTable", json!({"TableName": "tbl"}));
    assert_eq!(
        (e.kind, e.message.as_str()),
        (ErrorType::ResourceNotFoundException, "Requested resource not found: Table: tbl not found")
    );
    assert_eq!(lab.ok("ListTables", json!({})), json!({"TableNames": []}));
}

#[test]
fn attribute_not_exists_makes_a_put_create_only() {
    let mut lab = Lab::with_events_table();
    let put = |v: &str| {
        json!({
            "TableName": "events",
            "Item": {"device": {"S": "d1"}, "t": {"N": "1"}, "v": {"S": v}},
            "ConditionExpression": "attribute_not_exists(device)",
            "ReturnValues": "ALL_OLD"
        })
    };
    assert_eq!(lab.ok("PutItem", put("first")), json!({}), "nothing was there: no Attributes");
    let e = lab.err("PutItem", put("second"));
    assert_eq!(
        (e.kind, e.message.as_str()),
        (ErrorType::ConditionalCheckFailedException, "The conditional request failed")
    );
    let key = json!({"device": {"S": "d1"}, "t": {"N": "1"}});
    let got = lab.ok("GetItem", json!({"TableName": "events", "Key": key}));
    assert_eq!(got["Item"]["v"], json!({"S": "first"}), "the refused put changed nothing");
    let mut overwrite = put("third");
    overwrite.as_object_mut().unwrap().remove("ConditionExpression");
    assert_eq!(
        lab.ok("PutItem", overwrite)["Attributes"]["v"],
        json!({"S": "first"}),
        "ALL_OLD returns the replaced item"
    );
}

#[test]
fn query_orders_by_sort_key_numerically_and_can_run_backwards() {
    let mut lab = Lab::with_events_table();
    for t in [10, 9, 100, -1, 20] {
        lab.put("d1", t);
    }
    lab.put("d2", 5);
    let query = |extra: Value| {
        let mut q = json!({
            "TableName": "events", "KeyConditionExpression": "device = :d",
            "ExpressionAttributeValues": {":d": {"S": "d1"}}
        });
        for (k, v) in extra.as_object().unwrap() {
            q[k] = v.clone();
        }
        q
    };
    let page = lab.ok("Query", query(json!({})));
    assert_eq!(times(&page), ["-1", "9", "10", "20", "100"]);
    assert_eq!((page["Count"].as_u64(), page.get("LastEvaluatedKey")), (Some(5), None));
    let back = lab.ok("Query", query(json!({"ScanIndexForward": false})));
    assert_eq!(times(&back), ["100", "20", "10", "9", "-1"]);
    let mut between = query(json!({}));
    between["KeyConditionExpression"] = json!("device = :d AND t BETWEEN :lo AND :hi");
    between["ExpressionAttributeValues"] = json!({":d": {"S": "d1"}, ":lo": {"N": "9"}, ":hi": {"N": "20"}});
    assert_eq!(times(&lab.ok("Query", between)), ["9", "10", "20"]);
}

#[test]
fn pages_follow_last_evaluated_key_to_the_end() {
    let mut lab = Lab::with_events_table();
    for t in 1..=5 {
        lab.put("d1", t);
    }
    let mut seen = Vec::new();
    let mut start: Option<Value> = None;
    let mut pages = 0;
    loop {
        let mut q = json!({
            "TableName": "events", "KeyConditionExpression": "device = :d",
            "ExpressionAttributeValues": {":d": {"S": "d1"}}, "Limit": 2
        });
        if let Some(s) = &start {
            q["ExclusiveStartKey"] = s.clone();
        }
        let page = lab.ok("Query", q);
        pages += 1;
        seen.extend(times(&page));
        match page.get("LastEvaluatedKey") {
            Some(k) => start = Some(k.clone()),
            None => break,
        }
    }
    assert_eq!(seen, ["1", "2", "3", "4", "5"]);
    assert_eq!(pages, 3, "2 + 2 + 1");

    // Backwards, the start key is an upper bound.
    let back = json!({
        "TableName": "events", "KeyConditionExpression": "device = :d", "ExpressionAttributeValues": {":d": {"S": "d1"}},
        "ScanIndexForward": false, "Limit": 2, "ExclusiveStartKey": {"device": {"S": "d1"}, "t": {"N": "4"}}
    });
    assert_eq!(times(&lab.ok("Query", back)), ["3", "2"]);

    // A page that stops at its Limit carries a key even when nothing is left.
    let scan = lab.ok("Scan", json!({"TableName": "events", "Limit": 5}));
    assert_eq!(scan["LastEvaluatedKey"], json!({"device": {"S": "d1"}, "t": {"N": "5"}}));
    let after = lab.ok("Scan", json!({"TableName": "events", "ExclusiveStartKey": scan["LastEvaluatedKey"]}));
    assert_eq!((after["Count"].as_u64(), after.get("LastEvaluatedKey")), (Some(0), None));
}

#[test]
fn a_page_stops_at_one_megabyte_before_filtering() {
    let mut lab = Lab::with_events_table();
    let big = "x".repeat(300 * 1024);
    for t in 1..=5 {
        lab.ok(
            "PutItem",
            json!({"TableName": "events", "Item": {"device": {"S": "d"}, "t": {"N": t.to_string()}, "blob": {"S": big}}}),
        );
    }
    let page = lab.ok(
        "Scan",
        json!({"TableName": "events", "FilterExpression": "t > :none", "ExpressionAttributeValues": {":none": {"N": "99"}}}),
    );
    // 300 KB items: the fourth read takes the page past 1 MB.
    assert_eq!((page["ScannedCount"].as_u64(), page["Count"].as_u64()), (Some(4), Some(0)));
    assert_eq!(page["LastEvaluatedKey"]["t"], json!({"N": "4"}));
}

#[test]
fn filters_drop_items_after_they_are_read_and_projections_trim_them() {
    let mut lab = Lab::with_events_table();
    for t in 1..=4 {
        lab.put("d1", t);
    }
    let page = lab.ok(
        "Query",
        json!({
            "TableName": "events", "KeyConditionExpression": "device = :d", "FilterExpression": "#v = :x AND attribute_exists(v)",
            "ProjectionExpression": "t", "ExpressionAttributeNames": {"#v": "v"},
            "ExpressionAttributeValues": {":d": {"S": "d1"}, ":x": {"S": "x"}}, "Limit": 3
        }),
    );
    assert_eq!(page["Items"], json!([{"t": {"N": "1"}}, {"t": {"N": "2"}}, {"t": {"N": "3"}}]));
    let on_key = lab.err(
        "Query",
        json!({
            "TableName": "events", "KeyConditionExpression": "device = :d", "FilterExpression": "t > :x",
            "ExpressionAttributeValues": {":d": {"S": "d1"}, ":x": {"N": "1"}}
        }),
    );
    assert_eq!(
        on_key.message,
        "Filter Expression can only contain non-primary key attributes: Primary key attribute: t"
    );
}

#[test]
fn batch_write_takes_at_most_25_requests_and_applies_all_or_nothing() {
    let mut lab = Lab::with_events_table();
    let put = |t: usize| json!({"PutRequest": {"Item": {"device": {"S": "d"}, "t": {"N": t.to_string()}}}});
    let requests: Vec<Value> = (0..26).map(put).collect();
    let e = lab.err("BatchWriteItem", json!({"RequestItems": {"events": requests}}));
    assert!(
        e.message
            .starts_with("1 validation error detected: Value '{events=[com.amazonaws.dynamodb.v20120810.WriteRequest@"),
        "{e}"
    );
    assert!(e.message.ends_with(
        "at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]"
    ));
    let mut bad_key = (0..3).map(put).collect::<Vec<_>>();
    bad_key.push(json!({"PutRequest": {"Item": {"device": {"S": "d"}}}}));
    let e = lab.err("BatchWriteItem", json!({"RequestItems": {"events": bad_key}}));
    assert_eq!(e.message, "One or more parameter values were invalid: Missing the key t in the item");
    assert_eq!(lab.db.table("events").unwrap().item_count(), 0, "nothing of a refused batch is written");
    let twice = json!([put(1), {"DeleteRequest": {"Key": {"device": {"S": "d"}, "t": {"N": "1"}}}}]);
    assert_eq!(
        lab.err("BatchWriteItem", json!({"RequestItems": {"events": twice}})).message,
        "Provided list of item keys contains duplicates"
    );
    let out = lab.ok("BatchWriteItem", json!({"RequestItems": {"events": (0..25).map(put).collect::<Vec<_>>()}}));
    assert_eq!(out, json!({"UnprocessedItems": {}}));
    assert_eq!(lab.db.table("events").unwrap().item_count(), 25);
    let missing = lab.err("BatchWriteItem", json!({"RequestItems": {"nope": [put(1)]}}));
    assert_eq!(
        (missing.kind, missing.message.as_str()),
        (ErrorType::ResourceNotFoundException, "Requested resource not found")
    );
}

#[test]
fn batch_get_answers_what_exists_per_table() {
    let mut lab = Lab::with_events_table();
    lab.put("d1", 1);
    let key = |t: i64| json!({"device": {"S": "d1"}, "t": {"N": t.to_string()}});
    let out = lab.ok(
        "BatchGetItem",
        json!({"RequestItems": {"events": {"Keys": [key(1), key(2)], "ProjectionExpression": "v"}}}),
    );
    assert_eq!(out, json!({"Responses": {"events": [{"v": {"S": "x"}}]}, "UnprocessedKeys": {}}));
    let keys: Vec<Value> = (0..101).map(key).collect();
    assert_eq!(
        lab.err("BatchGetItem", json!({"RequestItems": {"events": {"Keys": keys}}})).message,
        "Too many items requested for the BatchGetItem call"
    );
}

#[test]
fn items_over_400_kb_and_bad_keys_are_refused() {
    let mut lab = Lab::with_events_table();
    let e = lab.err(
        "PutItem",
        json!({"TableName": "events", "Item": {"device": {"S": "d"}, "t": {"N": "1"}, "body": {"S": "x".repeat(400 * 1024)}}}),
    );
    assert_eq!(
        (e.kind, e.message.as_str()),
        (ErrorType::ValidationException, "Item size has exceeded the maximum allowed size")
    );
    let e = lab.err("PutItem", json!({"TableName": "events", "Item": {"device": {"N": "1"}, "t": {"N": "1"}}}));
    assert_eq!(
        e.message,
        "One or more parameter values were invalid: Type mismatch for key device expected: S actual: N"
    );
    let e = lab.err("GetItem", json!({"TableName": "events", "Key": {"device": {"S": "d"}}}));
    assert_eq!(e.message, "The provided key element does not match the schema");
    let e = lab.err("GetItem", json!({"TableName": "nope", "Key": {"device": {"S": "d"}}}));
    assert_eq!(e.message, "Requested resource not found");
}

#[test]
fn other_services_write_and_read_items_without_json() {
    let mut db = DynamoDb::default();
    let spec = TableSpec::new("word_counts", KeyAttribute::new("word", ScalarType::S));
    db.create_active_table(SimTime::ZERO, spec).unwrap();
    for (word, count) in [("to", 2), ("be", 2), ("or", 1)] {
        let item: Item =
            [("word".to_string(), AttributeValue::s(word)), ("count".to_string(), AttributeValue::n(count))].into();
        db.put_item("word_counts", item).unwrap();
    }
    let words: Vec<&str> = db.table("word_counts").unwrap().items().map(|i| i["word"].as_s().unwrap()).collect();
    assert_eq!(words, ["be", "or", "to"], "items come in key order");
    let missing_key: Item = [("count".to_string(), AttributeValue::n(1))].into();
    assert!(db.put_item("word_counts", missing_key).is_err());
    let e = db.create_table(SimTime::ZERO, TableSpec::new("x", KeyAttribute::new("k", ScalarType::S))).unwrap_err();
    assert!(e.message.contains("Member must have length greater than or equal to 3"));
}
