//! The Kinesis operations through `World::call`, as the console and `shardlab api` use them:
//! the behaviours the issue pins, with AWS field names and error types.

use serde_json::{json, Value};
use shardlab_sim::{Place, Scenario, SimDuration, World};

fn world() -> World {
    World::from_scenario(&Scenario::default()).unwrap()
}

fn ok(w: &mut World, op: &str, input: Value) -> Value {
    w.call("kinesis", op, input.clone()).unwrap_or_else(|e| panic!("{op} {input}: {e}"))
}

fn err(w: &mut World, op: &str, input: Value) -> (String, String) {
    let e = w.call("kinesis", op, input.clone()).expect_err(&format!("{op} {input} should fail"));
    (e.kind.name().to_string(), e.message)
}

/// A stream of `n` shards, ACTIVE.
fn active_stream(w: &mut World, name: &str, n: u32) {
    ok(w, "CreateStream", json!({ "StreamName": name, "ShardCount": n }));
    w.advance(SimDuration::from_secs(10));
}

fn shards(w: &mut World, name: &str) -> Vec<Value> {
    ok(w, "ListShards", json!({ "StreamName": name }))["Shards"].as_array().unwrap().clone()
}

const TWO_126: u128 = 1 << 126;

#[test]
fn a_stream_is_creating_then_active() {
    let mut w = world();
    ok(&mut w, "CreateStream", json!({ "StreamName": "s", "ShardCount": 2 }));
    let summary = ok(&mut w, "DescribeStreamSummary", json!({ "StreamName": "s" }));
    assert_eq!(summary["StreamDescriptionSummary"]["StreamStatus"], "CREATING");
    w.advance(SimDuration::from_secs(10));
    let summary = ok(&mut w, "DescribeStreamSummary", json!({ "StreamName": "s" }));
    let s = &summary["StreamDescriptionSummary"];
    assert_eq!(s["StreamStatus"], "ACTIVE");
    assert_eq!(s["OpenShardCount"], 2);
    assert_eq!(s["RetentionPeriodHours"], 24);
    assert_eq!(s["StreamARN"], "arn:aws:kinesis:us-east-1:123456789012:stream/s");
    assert_eq!(s["StreamModeDetails"]["StreamMode"], "PROVISIONED");
}

#[test]
fn stream_rules_are_enforced_with_aws_errors() {
    let mut w = world();
    active_stream(&mut w, "s", 1);
    assert_eq!(err(&mut w, "CreateStream", json!({ "StreamName": "s", "ShardCount": 1 })).0, "ResourceInUseException");
    assert_eq!(
        err(&mut w, "CreateStream", json!({ "StreamName": "bad name", "ShardCount": 1 })).0,
        "ValidationException"
    );
    assert_eq!(
        err(&mut w, "CreateStream", json!({ "StreamName": "big", "ShardCount": 500 })).0,
        "LimitExceededException"
    );
    assert_eq!(err(&mut w, "DescribeStreamSummary", json!({ "StreamName": "nope" })).0, "ResourceNotFoundException");
    let (kind, message) = err(&mut w, "CreateStream", json!({ "ShardCount": 1 }));
    assert_eq!((kind.as_str(), message.as_str()), ("ValidationException", "1 validation error detected: Value null at 'streamName' failed to satisfy constraint: Member must not be null"));
    assert_eq!(err(&mut w, "FlyToTheMoon", json!({})).0, "UnknownOperationException");
}

#[test]
fn split_then_merge_builds_the_lineage_aws_shows() {
    let mut w = world();
    active_stream(&mut w, "s", 2);
    ok(
        &mut w,
        "SplitShard",
        json!({ "StreamName": "s", "ShardToSplit": "shardId-000000000000", "NewStartingHashKey": TWO_126.to_string() }),
    );
    assert_eq!(
        ok(&mut w, "DescribeStreamSummary", json!({ "StreamName": "s" }))["StreamDescriptionSummary"]["StreamStatus"],
        "UPDATING"
    );
    assert_eq!(err(&mut w, "SplitShard", json!({ "StreamName": "s", "ShardToSplit": "shardId-000000000001", "NewStartingHashKey": (3 * TWO_126).to_string() })).0, "ResourceInUseException");
    w.advance(SimDuration::from_secs(10));

    let all = shards(&mut w, "s");
    let by_id = |id: &str| all.iter().find(|s| s["ShardId"] == id).unwrap().clone();
    let (parent, low, high) =
        (by_id("shardId-000000000000"), by_id("shardId-000000000002"), by_id("shardId-000000000003"));
    assert!(parent["SequenceNumberRange"]["EndingSequenceNumber"].is_string(), "the parent is closed");
    assert_eq!(low["HashKeyRange"], json!({ "StartingHashKey": "0", "EndingHashKey": (TWO_126 - 1).to_string() }));
    assert_eq!(
        high["HashKeyRange"],
        json!({ "StartingHashKey": TWO_126.to_string(), "EndingHashKey": ((1u128 << 127) - 1).to_string() })
    );
    assert_eq!(low["ParentShardId"], "shardId-000000000000");
    assert_eq!(high["ParentShardId"], "shardId-000000000000");

    // New writes go to the open children: an explicit hash key in the low quarter lands in 2.
    let put = ok(
        &mut w,
        "PutRecord",
        json!({ "StreamName": "s", "PartitionKey": "k", "Data": "aGk=", "ExplicitHashKey": "5" }),
    );
    assert_eq!(put["ShardId"], "shardId-000000000002");

    ok(
        &mut w,
        "MergeShards",
        json!({ "StreamName": "s", "ShardToMerge": "shardId-000000000002", "AdjacentShardToMerge": "shardId-000000000003" }),
    );
    w.advance(SimDuration::from_secs(10));
    let all = shards(&mut w, "s");
    let merged = all.iter().find(|s| s["ShardId"] == "shardId-000000000004").unwrap();
    assert_eq!(merged["ParentShardId"], "shardId-000000000002");
    assert_eq!(merged["AdjacentParentShardId"], "shardId-000000000003");
    assert_eq!(merged["HashKeyRange"]["EndingHashKey"], ((1u128 << 127) - 1).to_string());
}

#[test]
fn merging_shards_that_are_not_adjacent_is_refused() {
    let mut w = world();
    active_stream(&mut w, "s", 3);
    let (kind, message) = err(
        &mut w,
        "MergeShards",
        json!({ "StreamName": "s", "ShardToMerge": "shardId-000000000000", "AdjacentShardToMerge": "shardId-000000000002" }),
    );
    assert_eq!(kind, "InvalidArgumentException");
    assert!(message.contains("not an adjacent pair"));
}

#[test]
fn a_hot_shard_throttles_and_put_records_answers_per_record() {
    let mut w = world();
    active_stream(&mut w, "s", 2);
    let entries: Vec<Value> = (0..500).map(|_| json!({ "PartitionKey": "hot", "Data": "eA==" })).collect();
    let first = ok(&mut w, "PutRecords", json!({ "StreamName": "s", "Records": entries }));
    assert_eq!(first["FailedRecordCount"], 0);
    let second = ok(&mut w, "PutRecords", json!({ "StreamName": "s", "Records": entries }));
    assert_eq!(second["FailedRecordCount"], 0);
    let third = ok(&mut w, "PutRecords", json!({ "StreamName": "s", "Records": entries }));
    assert_eq!(third["FailedRecordCount"], 500, "the 1,001st record in a second on one shard is throttled");
    let failed = &third["Records"][0];
    assert_eq!(failed["ErrorCode"], "ProvisionedThroughputExceededException");
    let shard = first["Records"][0]["ShardId"].as_str().unwrap();
    assert_eq!(
        failed["ErrorMessage"],
        format!("Rate exceeded for shard {shard} in stream s under account 123456789012.")
    );
    assert!(w.ledger().balances());
    assert_eq!(w.ledger().count(Place::InShard), 1_000);
    assert_eq!(w.ledger().count(Place::Rejected), 500);
    w.advance(SimDuration::from_secs(1));
    let m = w.metrics().series(&format!("StreamName=s,ShardId={shard}"), "WriteProvisionedThroughputExceeded").unwrap();
    assert_eq!(m.sum(), 500.0);
    let (kind, _) = err(
        &mut w,
        "PutRecords",
        json!({ "StreamName": "s", "Records": (0..501).map(|_| json!({ "PartitionKey": "k", "Data": "" })).collect::<Vec<_>>() }),
    );
    assert_eq!(kind, "ValidationException");
}

#[test]
fn records_are_read_in_order_and_iterators_expire() {
    let mut w = world();
    active_stream(&mut w, "s", 1);
    let mut seqs = Vec::new();
    for i in 0..5 {
        let data = base64(&format!("r{i}"));
        seqs.push(
            ok(&mut w, "PutRecord", json!({ "StreamName": "s", "PartitionKey": format!("k{i}"), "Data": data }))
                ["SequenceNumber"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    let it = ok(
        &mut w,
        "GetShardIterator",
        json!({ "StreamName": "s", "ShardId": "shardId-000000000000", "ShardIteratorType": "TRIM_HORIZON" }),
    )["ShardIterator"]
        .clone();
    let got = ok(&mut w, "GetRecords", json!({ "ShardIterator": it, "Limit": 3 }));
    let read: Vec<&str> =
        got["Records"].as_array().unwrap().iter().map(|r| r["SequenceNumber"].as_str().unwrap()).collect();
    assert_eq!(read, &seqs[..3]);
    assert_eq!(got["Records"][0]["Data"], base64("r0"));
    assert!(got["MillisBehindLatest"].is_u64());
    let next = got["NextShardIterator"].clone();
    let rest = ok(&mut w, "GetRecords", json!({ "ShardIterator": next }));
    assert_eq!(rest["Records"].as_array().unwrap().len(), 2);

    let after = ok(&mut w, "GetShardIterator", json!({ "StreamName": "s", "ShardId": "shardId-000000000000", "ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "StartingSequenceNumber": seqs[3] }))["ShardIterator"].clone();
    assert_eq!(
        ok(&mut w, "GetRecords", json!({ "ShardIterator": after }))["Records"][0]["SequenceNumber"],
        seqs[4].as_str()
    );

    let latest = ok(
        &mut w,
        "GetShardIterator",
        json!({ "StreamName": "s", "ShardId": "shardId-000000000000", "ShardIteratorType": "LATEST" }),
    )["ShardIterator"]
        .clone();
    assert_eq!(
        ok(&mut w, "GetRecords", json!({ "ShardIterator": latest.clone() }))["Records"].as_array().unwrap().len(),
        0
    );
    w.advance(SimDuration::from_secs(301));
    // AWS prints both instants as dates (Java's Date.toString() in UTC), not as milliseconds.
    assert_eq!(
        err(&mut w, "GetRecords", json!({ "ShardIterator": latest })),
        (
            "ExpiredIteratorException".to_string(),
            "Iterator expired. The iterator was created at time Thu Jan 01 00:00:10 UTC 2026 while right now it is Thu Jan 01 00:05:11 UTC 2026 which is further in the future than the tolerated delay of 300000 milliseconds.".to_string()
        )
    );
}

#[test]
fn five_get_records_calls_a_second_per_shard() {
    let mut w = world();
    active_stream(&mut w, "s", 1);
    let it = ok(
        &mut w,
        "GetShardIterator",
        json!({ "StreamName": "s", "ShardId": "shardId-000000000000", "ShardIteratorType": "LATEST" }),
    )["ShardIterator"]
        .clone();
    for _ in 0..5 {
        ok(&mut w, "GetRecords", json!({ "ShardIterator": it }));
    }
    assert_eq!(err(&mut w, "GetRecords", json!({ "ShardIterator": it })).0, "ProvisionedThroughputExceededException");
}

#[test]
fn records_expire_after_the_retention_period() {
    let mut w = world();
    active_stream(&mut w, "s", 1);
    ok(&mut w, "PutRecord", json!({ "StreamName": "s", "PartitionKey": "k", "Data": "aGk=" }));
    ok(&mut w, "IncreaseStreamRetentionPeriod", json!({ "StreamName": "s", "RetentionPeriodHours": 48 }));
    w.advance(SimDuration::from_hours(25));
    assert_eq!(w.ledger().count(Place::InShard), 1, "48 h retention keeps it past a day");
    w.advance(SimDuration::from_hours(24));
    assert_eq!(w.ledger().count(Place::Expired), 1);
    let it = ok(
        &mut w,
        "GetShardIterator",
        json!({ "StreamName": "s", "ShardId": "shardId-000000000000", "ShardIteratorType": "TRIM_HORIZON" }),
    )["ShardIterator"]
        .clone();
    assert_eq!(ok(&mut w, "GetRecords", json!({ "ShardIterator": it }))["Records"].as_array().unwrap().len(), 0);
    let (kind, message) =
        err(&mut w, "DecreaseStreamRetentionPeriod", json!({ "StreamName": "s", "RetentionPeriodHours": 12 }));
    assert_eq!(kind, "InvalidArgumentException");
    assert!(message.contains("Minimum allowed retention period is 24 hours"));
    assert_eq!(
        err(&mut w, "IncreaseStreamRetentionPeriod", json!({ "StreamName": "s", "RetentionPeriodHours": 8_761 })).0,
        "InvalidArgumentException"
    );
}

#[test]
fn a_closed_shard_is_read_to_its_end_then_points_at_its_children() {
    let mut w = world();
    active_stream(&mut w, "s", 1);
    ok(&mut w, "PutRecord", json!({ "StreamName": "s", "PartitionKey": "k", "Data": "aGk=" }));
    ok(
        &mut w,
        "SplitShard",
        json!({ "StreamName": "s", "ShardToSplit": "shardId-000000000000", "NewStartingHashKey": (1u128 << 127).to_string() }),
    );
    w.advance(SimDuration::from_secs(10));
    let it = ok(
        &mut w,
        "GetShardIterator",
        json!({ "StreamName": "s", "ShardId": "shardId-000000000000", "ShardIteratorType": "TRIM_HORIZON" }),
    )["ShardIterator"]
        .clone();
    let got = ok(&mut w, "GetRecords", json!({ "ShardIterator": it }));
    assert_eq!(got["Records"].as_array().unwrap().len(), 1);
    assert!(got["NextShardIterator"].is_null());
    let children: Vec<&str> =
        got["ChildShards"].as_array().unwrap().iter().map(|c| c["ShardId"].as_str().unwrap()).collect();
    assert_eq!(children, ["shardId-000000000001", "shardId-000000000002"]);
}

#[test]
fn update_shard_count_scales_uniformly_within_its_limits() {
    let mut w = world();
    active_stream(&mut w, "s", 2);
    assert_eq!(
        err(
            &mut w,
            "UpdateShardCount",
            json!({ "StreamName": "s", "TargetShardCount": 5, "ScalingType": "UNIFORM_SCALING" })
        )
        .0,
        "InvalidArgumentException"
    );
    let out = ok(
        &mut w,
        "UpdateShardCount",
        json!({ "StreamName": "s", "TargetShardCount": 4, "ScalingType": "UNIFORM_SCALING" }),
    );
    assert_eq!((out["CurrentShardCount"].as_u64(), out["TargetShardCount"].as_u64()), (Some(2), Some(4)));
    w.advance(SimDuration::from_secs(10));
    assert_eq!(
        ok(&mut w, "DescribeStreamSummary", json!({ "StreamName": "s" }))["StreamDescriptionSummary"]["OpenShardCount"],
        4
    );
    // Ten calls per rolling day.
    for i in 0..9 {
        let target = if i % 2 == 0 { 2 } else { 4 };
        ok(
            &mut w,
            "UpdateShardCount",
            json!({ "StreamName": "s", "TargetShardCount": target, "ScalingType": "UNIFORM_SCALING" }),
        );
        w.advance(SimDuration::from_secs(10));
    }
    assert_eq!(
        err(
            &mut w,
            "UpdateShardCount",
            json!({ "StreamName": "s", "TargetShardCount": 4, "ScalingType": "UNIFORM_SCALING" })
        )
        .0,
        "LimitExceededException"
    );
}

#[test]
fn enhanced_fan_out_consumers_register_and_subscribe() {
    let mut w = world();
    active_stream(&mut w, "s", 1);
    let arn = "arn:aws:kinesis:us-east-1:123456789012:stream/s";
    let reg = ok(&mut w, "RegisterStreamConsumer", json!({ "StreamARN": arn, "ConsumerName": "dash" }));
    assert_eq!(reg["Consumer"]["ConsumerStatus"], "CREATING");
    let consumer_arn = reg["Consumer"]["ConsumerARN"].as_str().unwrap().to_string();
    ok(&mut w, "PutRecord", json!({ "StreamName": "s", "PartitionKey": "k", "Data": "aGk=" }));
    assert_eq!(err(&mut w, "SubscribeToShard", json!({ "ConsumerARN": consumer_arn, "ShardId": "shardId-000000000000", "StartingPosition": { "Type": "TRIM_HORIZON" } })), ("ResourceInUseException".to_string(), "Consumer dash with creation timestamp 1767225610 under stream: s , account 123456789012 is not in ACTIVE status.".to_string()));
    w.advance(SimDuration::from_secs(6));
    let sub = ok(
        &mut w,
        "SubscribeToShard",
        json!({ "ConsumerARN": consumer_arn, "ShardId": "shardId-000000000000", "StartingPosition": { "Type": "TRIM_HORIZON" } }),
    );
    assert_eq!(sub["EventStream"][0]["SubscribeToShardEvent"]["Records"].as_array().unwrap().len(), 1);
    for i in 1..20 {
        ok(&mut w, "RegisterStreamConsumer", json!({ "StreamARN": arn, "ConsumerName": format!("c{i}") }));
        if i % 5 == 0 {
            // At most 5 consumers CREATING at once.
            w.advance(SimDuration::from_secs(6));
        }
    }
    assert_eq!(
        err(&mut w, "RegisterStreamConsumer", json!({ "StreamARN": arn, "ConsumerName": "one-too-many" })).0,
        "LimitExceededException"
    );
    assert_eq!(
        ok(&mut w, "ListStreamConsumers", json!({ "StreamARN": arn }))["Consumers"].as_array().unwrap().len(),
        20
    );
    assert_eq!(err(&mut w, "DeleteStream", json!({ "StreamName": "s" })).0, "ResourceInUseException");
    ok(&mut w, "DeleteStream", json!({ "StreamName": "s", "EnforceConsumerDeletion": true }));
    w.advance(SimDuration::from_secs(10));
    assert_eq!(w.ledger().count(Place::Deleted), 1);
    assert!(w.ledger().balances());
}

#[test]
fn at_most_five_consumers_are_creating_at_once() {
    // "Registering a 6th consumer while there are 5 in a CREATING status results in a
    // LimitExceededException" (RegisterStreamConsumer, API reference).
    let mut w = world();
    active_stream(&mut w, "s", 1);
    let arn = "arn:aws:kinesis:us-east-1:123456789012:stream/s";
    for i in 0..5 {
        ok(&mut w, "RegisterStreamConsumer", json!({ "StreamARN": arn, "ConsumerName": format!("c{i}") }));
    }
    let (kind, message) = err(&mut w, "RegisterStreamConsumer", json!({ "StreamARN": arn, "ConsumerName": "c5" }));
    assert_eq!(kind, "LimitExceededException");
    assert!(message.contains("5 consumers in CREATING status"), "{message}");
    w.advance(SimDuration::from_secs(5));
    let c5 = ok(&mut w, "RegisterStreamConsumer", json!({ "StreamARN": arn, "ConsumerName": "c5" }));
    assert_eq!(c5["Consumer"]["ConsumerStatus"], "CREATING", "once the first five are ACTIVE");
}

#[test]
fn subscribe_to_shard_once_a_second_and_not_again_within_five_seconds() {
    // One SubscribeToShard call per second per consumer and shard; "if you call
    // SubscribeToShard again with the same ConsumerARN and ShardId within 5 seconds of a
    // successful call, you'll get a ResourceInUseException"; 5 seconds or more after, the
    // call takes the subscription over (API reference).
    let mut w = world();
    active_stream(&mut w, "s", 2);
    let arn = "arn:aws:kinesis:us-east-1:123456789012:stream/s";
    let reg = ok(&mut w, "RegisterStreamConsumer", json!({ "StreamARN": arn, "ConsumerName": "dash" }));
    let consumer_arn = reg["Consumer"]["ConsumerARN"].as_str().unwrap().to_string();
    w.advance(SimDuration::from_secs(5));
    let subscribe = |w: &mut World, shard: &str| {
        w.call(
            "kinesis",
            "SubscribeToShard",
            json!({ "ConsumerARN": consumer_arn, "ShardId": shard, "StartingPosition": { "Type": "LATEST" } }),
        )
        .map_err(|e| (e.kind.name().to_string(), e.message))
    };
    let (first, second) = ("shardId-000000000000", "shardId-000000000001");
    assert!(subscribe(&mut w, first).is_ok());
    w.advance(SimDuration::from_millis(500));
    let (kind, message) = subscribe(&mut w, first).unwrap_err();
    assert_eq!(kind, "LimitExceededException", "a second call within the second: {message}");
    assert!(subscribe(&mut w, second).is_ok(), "the limit is per shard");
    w.advance(SimDuration::from_secs(1));
    assert_eq!(
        subscribe(&mut w, first).unwrap_err(),
        (
            "ResourceInUseException".to_string(),
            "Another active subscription exists for this consumer: 123456789012:s:shardId-000000000000:dash"
                .to_string()
        ),
        "1.5 s after a successful call"
    );
    w.advance(SimDuration::from_millis(3_500));
    assert!(subscribe(&mut w, first).is_ok(), "5 s after, the call takes the subscription over");
}

fn base64(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(text)
}

#[test]
fn a_10_mib_answer_throttles_the_next_5_seconds_of_calls() {
    // "If a call returns 10 MiB of data, subsequent calls made within the next 5 seconds
    // throw ProvisionedThroughputExceededException" (GetRecords, API reference).
    let mut w = world();
    active_stream(&mut w, "s", 1);
    // Records of exactly 1 MiB with their key, one a second (the shard takes 1 MiB/s).
    let data = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(vec![7u8; 1_048_575])
    };
    for _ in 0..12 {
        ok(&mut w, "PutRecord", json!({ "StreamName": "s", "PartitionKey": "k", "Data": data }));
        w.advance(SimDuration::from_secs(1));
    }
    let it = ok(
        &mut w,
        "GetShardIterator",
        json!({ "StreamName": "s", "ShardId": "shardId-000000000000", "ShardIteratorType": "TRIM_HORIZON" }),
    )["ShardIterator"]
        .clone();
    let got = ok(&mut w, "GetRecords", json!({ "ShardIterator": it }));
    assert_eq!(got["Records"].as_array().unwrap().len(), 10, "one answer holds at most 10 MiB");
    let next = got["NextShardIterator"].clone();
    w.advance(SimDuration::from_millis(4_500));
    assert_eq!(
        err(&mut w, "GetRecords", json!({ "ShardIterator": next.clone() })),
        (
            "ProvisionedThroughputExceededException".to_string(),
            "Rate exceeded for Shard - 123456789012/s/shardId-000000000000".to_string()
        ),
        "4.5 s after a 10 MiB answer"
    );
    w.advance(SimDuration::from_millis(500));
    assert_eq!(ok(&mut w, "GetRecords", json!({ "ShardIterator": next }))["Records"].as_array().unwrap().len(), 2);
    w.audit_ledger().unwrap();
}

#[test]
fn an_on_demand_stream_starts_with_four_shards_and_refuses_a_shard_count() {
    let mut w = world();
    ok(&mut w, "CreateStream", json!({ "StreamName": "od", "StreamModeDetails": { "StreamMode": "ON_DEMAND" } }));
    w.advance(SimDuration::from_secs(10));
    let s = ok(&mut w, "DescribeStreamSummary", json!({ "StreamName": "od" }));
    assert_eq!(s["StreamDescriptionSummary"]["OpenShardCount"], 4);
    assert_eq!(s["StreamDescriptionSummary"]["StreamModeDetails"]["StreamMode"], "ON_DEMAND");
    assert_eq!(
        err(
            &mut w,
            "CreateStream",
            json!({ "StreamName": "od2", "ShardCount": 2, "StreamModeDetails": { "StreamMode": "ON_DEMAND" } })
        )
        .0,
        "InvalidArgumentException"
    );
}

#[test]
fn resharding_an_on_demand_stream_is_refused_as_aws_refuses_it() {
    // SplitShard, MergeShards and UpdateShardCount are "only supported for the data streams
    // with the provisioned capacity mode"; the API reference lists ValidationException.
    let mut w = world();
    ok(&mut w, "CreateStream", json!({ "StreamName": "od", "StreamModeDetails": { "StreamMode": "ON_DEMAND" } }));
    w.advance(SimDuration::from_secs(10));
    let calls = [
        (
            "SplitShard",
            json!({ "StreamName": "od", "ShardToSplit": "shardId-000000000000", "NewStartingHashKey": (1u128 << 125).to_string() }),
        ),
        (
            "MergeShards",
            json!({ "StreamName": "od", "ShardToMerge": "shardId-000000000000", "AdjacentShardToMerge": "shardId-000000000001" }),
        ),
        ("UpdateShardCount", json!({ "StreamName": "od", "TargetShardCount": 8, "ScalingType": "UNIFORM_SCALING" })),
    ];
    for (op, input) in calls {
        let (kind, message) = err(&mut w, op, input);
        assert_eq!(kind, "ValidationException", "{op}");
        assert_eq!(
            message,
            format!("{op} is only supported for data streams with the provisioned capacity mode. Stream od under account 123456789012 is in ON_DEMAND mode.")
        );
    }
    w.advance(SimDuration::from_secs(10));
    let s = ok(&mut w, "DescribeStreamSummary", json!({ "StreamName": "od" }));
    assert_eq!(s["StreamDescriptionSummary"]["StreamStatus"], "ACTIVE", "nothing was resharded");
    assert_eq!(s["StreamDescriptionSummary"]["OpenShardCount"], 4);
}

#[test]
fn split_shard_takes_exactly_the_keys_its_error_message_allows() {
    // "NewStartingHashKey … is not both greater than one plus the shard's StartingHashKey …
    // and less than the shard's EndingHashKey …": StartingHashKey + 1 and EndingHashKey are
    // refused, StartingHashKey + 2 and EndingHashKey − 1 are taken.
    let max = u128::MAX.to_string();
    let mut w = world();
    active_stream(&mut w, "s", 1);
    for refused in ["0", "1", max.as_str()] {
        let (kind, message) = err(
            &mut w,
            "SplitShard",
            json!({ "StreamName": "s", "ShardToSplit": "shardId-000000000000", "NewStartingHashKey": refused }),
        );
        assert_eq!(kind, "InvalidArgumentException", "{refused}");
        assert!(message.contains(&format!("not both greater than one plus the shard's StartingHashKey 0 and less than the shard's EndingHashKey {max}")), "{message}");
    }
    ok(
        &mut w,
        "SplitShard",
        json!({ "StreamName": "s", "ShardToSplit": "shardId-000000000000", "NewStartingHashKey": "2" }),
    );
    w.advance(SimDuration::from_secs(10));
    let ranges: Vec<(String, String)> = shards(&mut w, "s")[1..]
        .iter()
        .map(|s| {
            (
                s["HashKeyRange"]["StartingHashKey"].as_str().unwrap().into(),
                s["HashKeyRange"]["EndingHashKey"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(ranges, [("0".into(), "1".into()), ("2".into(), max.clone())]);
    let below_end = (u128::MAX - 1).to_string();
    ok(
        &mut w,
        "SplitShard",
        json!({ "StreamName": "s", "ShardToSplit": "shardId-000000000002", "NewStartingHashKey": below_end }),
    );
    w.advance(SimDuration::from_secs(10));
    w.audit_ledger().unwrap();
}

#[test]
fn at_timestamp_starts_at_the_first_record_that_arrived_then() {
    let mut w = world();
    active_stream(&mut w, "s", 1);
    ok(&mut w, "PutRecord", json!({ "StreamName": "s", "PartitionKey": "k", "Data": base64("early") }));
    w.advance(SimDuration::from_secs(60));
    let late = ok(&mut w, "PutRecord", json!({ "StreamName": "s", "PartitionKey": "k", "Data": base64("late") }))
        ["SequenceNumber"]
        .clone();
    // The stream was created at 2026-01-01T00:00:00Z (virtual zero); one minute in:
    let minute_in = 1_767_225_600.0 + 30.0;
    let it = ok(&mut w, "GetShardIterator", json!({ "StreamName": "s", "ShardId": "shardId-000000000000", "ShardIteratorType": "AT_TIMESTAMP", "Timestamp": minute_in }))["ShardIterator"].clone();
    let got = ok(&mut w, "GetRecords", json!({ "ShardIterator": it }));
    assert_eq!(got["Records"].as_array().unwrap().len(), 1);
    assert_eq!(got["Records"][0]["SequenceNumber"], late);
    assert_eq!(got["Records"][0]["ApproximateArrivalTimestamp"], 1_767_225_670.0);
}

/// Writes about `mib` MiB at this instant, in records of 256 KiB spread evenly over the open
/// shards (by explicit hash key); returns (accepted, throttled) records.
fn put_spread(w: &mut World, stream: &str, mib: u64) -> (u64, u64) {
    let data = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(vec![1u8; 256 * 1024 - 1])
    };
    let open: Vec<String> = shards(w, stream)
        .iter()
        .filter(|s| s["SequenceNumberRange"]["EndingSequenceNumber"].is_null())
        .map(|s| s["HashKeyRange"]["StartingHashKey"].as_str().unwrap().to_string())
        .collect();
    let (mut accepted, mut throttled) = (0, 0);
    for i in 0..mib * 4 {
        let key = &open[i as usize % open.len()];
        let put = json!({ "StreamName": stream, "PartitionKey": "k", "ExplicitHashKey": key, "Data": data });
        match w.call("kinesis", "PutRecord", put) {
            Ok(_) => accepted += 1,
            Err(e) if e.kind.name() == "ProvisionedThroughputExceededException" => throttled += 1,
            Err(e) => panic!("{e}"),
        }
    }
    (accepted, throttled)
}

fn open_shard_count(w: &mut World, stream: &str) -> u64 {
    ok(w, "DescribeStreamSummary", json!({ "StreamName": stream }))["StreamDescriptionSummary"]["OpenShardCount"]
        .as_u64()
        .unwrap()
}

#[test]
fn on_demand_capacity_doubles_the_previous_peak_once_15_minutes_have_passed() {
    // "Accommodates up to double the previous peak write throughput observed in the last 30
    // days … write throttling can occur if your traffic grows to more than double the
    // previous peak within a 15-minute duration" (developer guide, capacity modes).
    let mut w = world();
    ok(&mut w, "CreateStream", json!({ "StreamName": "od", "StreamModeDetails": { "StreamMode": "ON_DEMAND" } }));
    w.advance(SimDuration::from_millis(10_000));
    assert_eq!(open_shard_count(&mut w, "od"), 4, "a new stream writes 4 MiB/s");
    // 3 MiB in one second (second 10) fits the 4 shards; its double needs 6.
    assert_eq!(put_spread(&mut w, "od", 3), (12, 0));
    w.advance(SimDuration::from_secs(5 * 60));
    assert_eq!(open_shard_count(&mut w, "od"), 4, "5 minutes on, that peak does not count yet");
    // Doubling again within the 15 minutes: the 4 shards take 4 MiB and throttle the rest.
    let (accepted, throttled) = put_spread(&mut w, "od", 7);
    assert_eq!((accepted, throttled), (16, 12));
    w.advance(SimDuration::from_secs(9 * 60));
    assert_eq!(open_shard_count(&mut w, "od"), 4, "14 minutes on, still 4 shards");
    // 15 minutes after that second ended (at 911 s) the stream reshards, in 5 s, to double
    // it; and 15 minutes after the 4 MiB that got through at 310 s, to double that.
    w.advance(SimDuration::from_secs(65));
    let summary = ok(&mut w, "DescribeStreamSummary", json!({ "StreamName": "od" }));
    assert_eq!(summary["StreamDescriptionSummary"]["StreamStatus"], "UPDATING", "at 915 s");
    assert_eq!(open_shard_count(&mut w, "od"), 4);
    w.advance(SimDuration::from_secs(1));
    assert_eq!(open_shard_count(&mut w, "od"), 6, "at 916 s, double 3 MiB/s");
    w.advance(SimDuration::from_secs(5 * 60));
    assert_eq!(open_shard_count(&mut w, "od"), 8, "double the 4 MiB/s that got through");
    assert_eq!(put_spread(&mut w, "od", 7), (28, 0), "now 7 MiB in a second fits");
    w.audit_ledger().unwrap();
}
