//! Firehose's other destinations and its Kinesis source, through `World::call`: Redshift
//! staged then COPYed, OpenSearch and HTTP endpoints retried for their retry duration then
//! backed up to S3, and a data stream read as a consumer under the shard read limits.

use base64::Engine;
use serde_json::{json, Value};
use shardlab_sim::{Place, Scenario, SimDuration, World};

fn ok(w: &mut World, service: &str, op: &str, input: Value) -> Value {
    w.call(service, op, input.clone()).unwrap_or_else(|e| panic!("{op} {input}: {e}"))
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn world_with_bucket() -> World {
    let mut w = World::from_scenario(&Scenario::default()).unwrap();
    ok(&mut w, "s3", "CreateBucket", json!({ "Bucket": "backup" }));
    w
}

fn s3_config() -> Value {
    json!({ "BucketARN": "arn:aws:s3:::backup", "RoleARN": "arn:aws:iam::123456789012:role/firehose" })
}

fn create(w: &mut World, destination_field: &str, destination: Value) {
    ok(w, "firehose", "CreateDeliveryStream", json!({ "DeliveryStreamName": "f", destination_field: destination }));
    w.advance(SimDuration::from_secs(5));
}

fn put_lines(w: &mut World, lines: &[&str]) {
    let records: Vec<Value> = lines.iter().map(|l| json!({ "Data": b64(format!("{l}\n").as_bytes()) })).collect();
    ok(w, "firehose", "PutRecordBatch", json!({ "DeliveryStreamName": "f", "Records": records }));
}

fn keys(w: &mut World) -> Vec<String> {
    let listing = ok(w, "s3", "ListObjectsV2", json!({ "Bucket": "backup" }));
    listing["Contents"].as_array().unwrap().iter().map(|o| o["Key"].as_str().unwrap().to_string()).collect()
}

fn opensearch(retry_s: u64) -> Value {
    json!({
        "DomainARN": "arn:aws:es:us-east-1:123456789012:domain/logs", "IndexName": "events",
        "RoleARN": "arn:aws:iam::123456789012:role/firehose",
        "BufferingHints": { "SizeInMBs": 1, "IntervalInSeconds": 60 },
        "RetryOptions": { "DurationInSeconds": retry_s },
        "S3Configuration": s3_config(),
    })
}

#[test]
fn opensearch_indexes_json_documents_and_backs_up_the_ones_it_cannot_parse() {
    let mut w = world_with_bucket();
    create(&mut w, "AmazonopensearchserviceDestinationConfiguration", opensearch(300));
    put_lines(&mut w, &[r#"{"user":"ana"}"#, "not json", r#"{"user":"bo"}"#]);
    w.advance(SimDuration::from_secs(61));
    // IndexRotationPeriod defaults to OneDay: the index name gets the arrival day.
    let indices: Vec<&String> = w.stores().opensearch.domains["logs"].indices.keys().collect();
    assert_eq!(indices, ["events-2026-01-01"]);
    assert_eq!(w.stores().opensearch.domains["logs"].documents_in("events").len(), 2);
    assert_eq!(w.ledger().count(Place::DeliveredToOpenSearch), 2);
    assert_eq!(w.ledger().count(Place::BackedUpToS3), 1);
    assert!(keys(&mut w)[0].starts_with("AmazonOpenSearchService-failed/2026/01/01/00/f-1-"), "{:?}", keys(&mut w));
    w.audit_ledger().unwrap();
}

#[test]
fn opensearch_indices_rotate_by_each_record_s_arrival_as_the_rotation_period_says() {
    // "Firehose appends a portion of the UTC arrival timestamp to your specified index name"
    // (developer guide, index rotation): NoRotation, OneHour, OneDay (the default), OneWeek,
    // OneMonth.
    for (period, first, second) in [
        (Some("NoRotation"), "events", "events"),
        (Some("OneHour"), "events-2026-01-01-00", "events-2026-01-01-01"),
        (None, "events-2026-01-01", "events-2026-01-01"),
        (Some("OneWeek"), "events-2026-w01", "events-2026-w01"),
        (Some("OneMonth"), "events-2026-01", "events-2026-01"),
    ] {
        let mut w = world_with_bucket();
        let mut config = opensearch(300);
        if let Some(p) = period {
            config["IndexRotationPeriod"] = json!(p);
        }
        create(&mut w, "AmazonopensearchserviceDestinationConfiguration", config);
        let d = ok(&mut w, "firehose", "DescribeDeliveryStream", json!({ "DeliveryStreamName": "f" }));
        let described =
            &d["DeliveryStreamDescription"]["Destinations"][0]["AmazonopensearchserviceDestinationDescription"];
        assert_eq!(described["IndexRotationPeriod"], period.unwrap_or("OneDay"));
        put_lines(&mut w, &[r#"{"n":1}"#]);
        w.advance(SimDuration::from_secs(3_600));
        put_lines(&mut w, &[r#"{"n":2}"#]);
        w.advance(SimDuration::from_secs(61));
        let domain = &w.stores().opensearch.domains["logs"];
        let mut expected = vec![first, second];
        expected.dedup();
        assert_eq!(domain.indices.keys().collect::<Vec<_>>(), expected, "{period:?}");
        assert_eq!(domain.documents_in("events").len(), 2);
        w.audit_ledger().unwrap();
    }
}

#[test]
fn an_opensearch_outage_longer_than_the_retry_duration_sends_the_documents_to_the_s3_backup() {
    let mut w = world_with_bucket();
    create(&mut w, "AmazonopensearchserviceDestinationConfiguration", opensearch(120));
    w.set_destination_available("opensearch", "logs", false);
    put_lines(&mut w, &[r#"{"n":1}"#, r#"{"n":2}"#]);
    // Flushed at 60 s; retried for 120 s; still down at 180 s, so backed up then.
    w.advance(SimDuration::from_secs(170));
    assert_eq!(w.ledger().count(Place::InDeliveryBuffer), 2, "still retrying within the retry duration");
    assert!(keys(&mut w).is_empty());
    w.advance(SimDuration::from_secs(20));
    assert_eq!(w.ledger().count(Place::BackedUpToS3), 2);
    let key = keys(&mut w).remove(0);
    let body =
        ok(&mut w, "s3", "GetObject", json!({ "Bucket": "backup", "Key": key }))["Body"].as_str().unwrap().to_string();
    let body = String::from_utf8(base64::engine::general_purpose::STANDARD.decode(body).unwrap()).unwrap();
    let first: Value = serde_json::from_str(body.lines().next().unwrap()).unwrap();
    assert_eq!(first["rawData"], b64(b"{\"n\":1}\n"));
    assert!(first["errorMessage"].as_str().unwrap().contains("unavailable"));
    assert_eq!(first["esIndexName"], "events-2026-01-01", "the index the document was for");

    // An outage shorter than the retry duration loses nothing: the retry delivers.
    let mut w = world_with_bucket();
    create(&mut w, "AmazonopensearchserviceDestinationConfiguration", opensearch(120));
    w.set_destination_available("opensearch", "logs", false);
    put_lines(&mut w, &[r#"{"n":1}"#]);
    w.advance(SimDuration::from_secs(90));
    w.set_destination_available("opensearch", "logs", true);
    w.advance(SimDuration::from_secs(10));
    assert_eq!(w.ledger().count(Place::DeliveredToOpenSearch), 1);
    w.audit_ledger().unwrap();
}

#[test]
fn an_http_endpoint_gets_firehose_s_request_body_and_an_outage_goes_to_the_backup() {
    let mut w = world_with_bucket();
    let http = json!({
        "EndpointConfiguration": { "Url": "https://collector.example.com/ingest", "Name": "collector" },
        "BufferingHints": { "SizeInMBs": 1, "IntervalInSeconds": 10 },
        "RetryOptions": { "DurationInSeconds": 0 },
        "S3Configuration": s3_config(),
    });
    create(&mut w, "HttpEndpointDestinationConfiguration", http);
    put_lines(&mut w, &["a", "b"]);
    w.advance(SimDuration::from_secs(11));
    let requests = &w.stores().http.endpoints["https://collector.example.com/ingest"].requests;
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].body()["records"][1]["data"], b64(b"b\n"));
    w.set_destination_available("http", "https://collector.example.com/ingest", false);
    put_lines(&mut w, &["c"]);
    w.advance(SimDuration::from_secs(11));
    assert_eq!(w.ledger().count(Place::BackedUpToS3), 1, "retry duration 0: backed up at the first failure");
    assert!(keys(&mut w)[0].starts_with("http-endpoint-failed/"));
}

#[test]
fn redshift_stages_each_batch_in_s3_then_copies_it_into_the_table() {
    let mut w = world_with_bucket();
    let redshift = json!({
        "ClusterJDBCURL": "jdbc:redshift://lab.abc123.us-east-1.redshift.amazonaws.com:5439/dev",
        "RoleARN": "arn:aws:iam::123456789012:role/firehose",
        "CopyCommand": { "DataTableName": "ticks", "DataTableColumns": "ticker,price", "CopyOptions": "JSON 'auto'" },
        "Username": "lab", "Password": "lab-password",
        "S3Configuration": { "BucketARN": "arn:aws:s3:::backup", "RoleARN": "arn:aws:iam::123456789012:role/firehose",
                             "BufferingHints": { "SizeInMBs": 1, "IntervalInSeconds": 60 } },
    });
    create(&mut w, "RedshiftDestinationConfiguration", redshift);
    put_lines(&mut w, &[r#"{"ticker":"AMZN","price":1}"#, r#"{"ticker":"MSFT","price":2}"#]);
    w.advance(SimDuration::from_secs(61));
    assert_eq!(w.stores().redshift.clusters["lab"].tables["ticks"].rows.len(), 2);
    assert_eq!(w.ledger().count(Place::DeliveredToRedshift), 2);
    assert_eq!(keys(&mut w).len(), 1, "the staged object stays in the bucket");
    let description = ok(&mut w, "firehose", "DescribeDeliveryStream", json!({ "DeliveryStreamName": "f" }));
    let d = &description["DeliveryStreamDescription"]["Destinations"][0]["RedshiftDestinationDescription"];
    assert_eq!(d["CopyCommand"]["DataTableName"], "ticks");
    assert_eq!(d["RetryOptions"]["DurationInSeconds"], 3600);
}

#[test]
fn destination_settings_are_checked_against_their_ranges() {
    let mut w = world_with_bucket();
    let mut too_big = opensearch(300);
    too_big["BufferingHints"]["SizeInMBs"] = json!(128);
    let err = w
        .call(
            "firehose",
            "CreateDeliveryStream",
            json!({ "DeliveryStreamName": "f", "AmazonopensearchserviceDestinationConfiguration": too_big }),
        )
        .unwrap_err();
    assert!(err.message.contains("between 1 and 100"), "{err}");
    let err = w
        .call(
            "firehose",
            "CreateDeliveryStream",
            json!({ "DeliveryStreamName": "f", "AmazonopensearchserviceDestinationConfiguration": opensearch(7_201) }),
        )
        .unwrap_err();
    assert!(err.message.contains("between 0 and 7200"), "{err}");
}

#[test]
fn a_kinesis_source_is_read_as_a_consumer_and_direct_put_is_refused() {
    let mut w = world_with_bucket();
    ok(&mut w, "kinesis", "CreateStream", json!({ "StreamName": "clicks", "ShardCount": 1 }));
    w.advance(SimDuration::from_secs(30));
    ok(
        &mut w,
        "firehose",
        "CreateDeliveryStream",
        json!({
            "DeliveryStreamName": "f", "DeliveryStreamType": "KinesisStreamAsSource",
            "KinesisStreamSourceConfiguration": { "KinesisStreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/clicks", "RoleARN": "arn:aws:iam::123456789012:role/firehose" },
            "ExtendedS3DestinationConfiguration": { "BucketARN": "arn:aws:s3:::backup", "BufferingHints": { "SizeInMBs": 1, "IntervalInSeconds": 60 } },
        }),
    );
    w.advance(SimDuration::from_secs(6));
    for i in 0..10 {
        let record = json!({ "StreamName": "clicks", "Data": b64(format!("r{i}\n").as_bytes()), "PartitionKey": "k" });
        ok(&mut w, "kinesis", "PutRecord", record);
    }
    let err = w
        .call("firehose", "PutRecord", json!({ "DeliveryStreamName": "f", "Record": { "Data": b64(b"x") } }))
        .unwrap_err();
    assert!(err.message.contains("KinesisStreamAsSource"), "{err}");
    w.advance(SimDuration::from_secs(62));
    let key = keys(&mut w).remove(0);
    let body =
        ok(&mut w, "s3", "GetObject", json!({ "Bucket": "backup", "Key": key }))["Body"].as_str().unwrap().to_string();
    let body = String::from_utf8(base64::engine::general_purpose::STANDARD.decode(body).unwrap()).unwrap();
    assert_eq!(body.lines().count(), 10);
    // Its reads are GetRecords calls on the shard, counted like any polling consumer's.
    let outgoing = w.metrics().series("StreamName=clicks", "OutgoingRecords").map(|s| s.sum());
    assert_eq!(outgoing, Some(10.0));
    assert_eq!(w.ledger().count(Place::InShard), 10, "the stream keeps its records: Firehose read copies");
    w.audit_ledger().unwrap();
}

#[test]
fn buffering_hints_come_in_pairs_and_the_backup_bucket_has_its_own() {
    // "The SizeInMBs and IntervalInSeconds parameters are optional. However, if you specify a
    // value for one of them, you must also provide a value for the other" (BufferingHints).
    let mut w = world_with_bucket();
    for half in [json!({ "SizeInMBs": 2 }), json!({ "IntervalInSeconds": 60 })] {
        let mut config = opensearch(300);
        config["BufferingHints"] = half.clone();
        let e = w
            .call(
                "firehose",
                "CreateDeliveryStream",
                json!({ "DeliveryStreamName": "f", "AmazonopensearchserviceDestinationConfiguration": config }),
            )
            .unwrap_err();
        assert_eq!(e.kind.name(), "InvalidArgumentException", "{half}");
        assert!(e.message.contains("you must also provide a value for the other"), "{}", e.message);
    }
    // Neither: the defaults, 5 MiB and 300 s. The S3 backup's hints are its own, described
    // with both members.
    let mut config = opensearch(300);
    config["BufferingHints"] = json!({});
    create(&mut w, "AmazonopensearchserviceDestinationConfiguration", config);
    let d = ok(&mut w, "firehose", "DescribeDeliveryStream", json!({ "DeliveryStreamName": "f" }));
    let os = &d["DeliveryStreamDescription"]["Destinations"][0]["AmazonopensearchserviceDestinationDescription"];
    assert_eq!(os["BufferingHints"], json!({ "SizeInMBs": 5, "IntervalInSeconds": 300 }));
    assert_eq!(os["S3DestinationDescription"]["BufferingHints"], json!({ "SizeInMBs": 5, "IntervalInSeconds": 300 }));

    let mut w = world_with_bucket();
    let mut config = opensearch(300);
    config["S3Configuration"]["BufferingHints"] = json!({ "SizeInMBs": 10, "IntervalInSeconds": 600 });
    create(&mut w, "AmazonopensearchserviceDestinationConfiguration", config);
    let d = ok(&mut w, "firehose", "DescribeDeliveryStream", json!({ "DeliveryStreamName": "f" }));
    let os = &d["DeliveryStreamDescription"]["Destinations"][0]["AmazonopensearchserviceDestinationDescription"];
    assert_eq!(os["BufferingHints"], json!({ "SizeInMBs": 1, "IntervalInSeconds": 60 }), "the index's hints");
    assert_eq!(os["S3DestinationDescription"]["BufferingHints"], json!({ "SizeInMBs": 10, "IntervalInSeconds": 600 }));
}
