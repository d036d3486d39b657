//! Data Firehose through `World::call`: buffers that flush on size or interval, whichever
//! first; objects named as AWS names them; GZIP for real; a missing bucket retried for 24 h.

use base64::Engine;
use serde_json::{json, Value};
use shardlab_sim::{Place, Scenario, SimDuration, World};
use std::io::Read;

fn ok(w: &mut World, service: &str, op: &str, input: Value) -> Value {
    w.call(service, op, input.clone()).unwrap_or_else(|e| panic!("{op} {input}: {e}"))
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A delivery stream `f` into bucket `lab-bucket` with the given hints (and, if given, a
/// ProcessingConfiguration), ACTIVE.
fn create(size_mb: u64, interval_s: u64, compression: &str, make_bucket: bool, processing: Option<Value>) -> World {
    let mut w = World::from_scenario(&Scenario::default()).unwrap();
    if make_bucket {
        ok(&mut w, "s3", "CreateBucket", json!({ "Bucket": "lab-bucket" }));
    }
    let mut destination = json!({
        "BucketARN": "arn:aws:s3:::lab-bucket", "RoleARN": "arn:aws:iam::123456789012:role/firehose",
        "BufferingHints": { "SizeInMBs": size_mb, "IntervalInSeconds": interval_s },
        "CompressionFormat": compression
    });
    if let Some(p) = processing {
        destination["ProcessingConfiguration"] = p;
    }
    ok(
        &mut w,
        "firehose",
        "CreateDeliveryStream",
        json!({ "DeliveryStreamName": "f", "ExtendedS3DestinationConfiguration": destination }),
    );
    w.advance(SimDuration::from_secs(5));
    w
}

fn setup(size_mb: u64, interval_s: u64, compression: &str, make_bucket: bool) -> World {
    create(size_mb, interval_s, compression, make_bucket, None)
}

/// Puts `kib_per_s` records of 1 KiB each second for `seconds`.
fn feed(w: &mut World, kib_per_s: usize, seconds: u64) {
    let record = b64(&[b'x'; 1024]);
    for _ in 0..seconds {
        let records: Vec<Value> = (0..kib_per_s).map(|_| json!({ "Data": record })).collect();
        for chunk in records.chunks(500) {
            ok(w, "firehose", "PutRecordBatch", json!({ "DeliveryStreamName": "f", "Records": chunk }));
        }
        w.advance(SimDuration::from_secs(1));
    }
}

fn objects(w: &mut World) -> Vec<Value> {
    ok(w, "s3", "ListObjectsV2", json!({ "Bucket": "lab-bucket" }))["Contents"].as_array().unwrap().clone()
}

fn flush_reasons(w: &World) -> Vec<String> {
    w.events_since(0)
        .filter_map(|e| serde_json::to_value(e).ok())
        .filter(|e| e["kind"] == "flushed")
        .map(|e| e["reason"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_1_mib_60_s_buffer_flushes_on_time_at_10_kib_s_and_on_size_at_100_kib_s() {
    let mut slow = setup(1, 60, "UNCOMPRESSED", true);
    feed(&mut slow, 10, 125);
    assert_eq!(flush_reasons(&slow), ["interval", "interval"], "10 KiB/s never fills 1 MiB in 60 s");
    let sizes: Vec<u64> = objects(&mut slow).iter().map(|o| o["Size"].as_u64().unwrap()).collect();
    assert_eq!(sizes, [600 * 1024, 600 * 1024], "each object holds 60 s of records");

    let mut fast = setup(1, 60, "UNCOMPRESSED", true);
    feed(&mut fast, 100, 25);
    let reasons = flush_reasons(&fast);
    assert!(reasons.len() >= 2 && reasons.iter().all(|r| r == "size"), "{reasons:?}");
    fast.audit_ledger().unwrap();
}

#[test]
fn object_keys_follow_the_aws_pattern() {
    let mut w = setup(1, 60, "UNCOMPRESSED", true);
    w.advance(SimDuration::from_secs(3_600 + 120 - 5)); // to 01:02:00 on 2026-01-01
    feed(&mut w, 1, 1);
    w.advance(SimDuration::from_secs(70));
    let key = objects(&mut w)[0]["Key"].as_str().unwrap().to_string();
    // YYYY/MM/dd/HH/ of the oldest record + <stream>-<version>-<yyyy>-<MM>-<dd>-<HH>-<mm>-<ss>-<random>
    let (prefix, name) = key.rsplit_once('/').unwrap();
    assert_eq!(prefix, "2026/01/01/01");
    let (fixed, random) = name.split_at("f-1-2026-01-01-01-02-00-".len());
    assert_eq!(fixed, "f-1-2026-01-01-01-02-00-");
    assert_eq!(random.len(), 36, "a UUID: {random}");
    assert_eq!(random.matches('-').count(), 4);
}

#[test]
fn each_destination_update_raises_the_version_that_object_names_carry() {
    // `<stream>-<version>-…`: "the version starts at 1 and rises by 1 with every
    // configuration change" (developer guide, "Configure Amazon S3 object name format").
    let mut w = setup(1, 60, "UNCOMPRESSED", true);
    let describe = |w: &mut World| ok(w, "firehose", "DescribeDeliveryStream", json!({ "DeliveryStreamName": "f" }));
    assert_eq!(describe(&mut w)["DeliveryStreamDescription"]["VersionId"], "1");
    feed(&mut w, 1, 1);
    w.advance(SimDuration::from_secs(61));
    let update = |version: &str| {
        json!({ "DeliveryStreamName": "f", "CurrentDeliveryStreamVersionId": version, "DestinationId": "destinationId-000000000001",
            "ExtendedS3DestinationUpdate": { "CompressionFormat": "GZIP", "BufferingHints": { "SizeInMBs": 2, "IntervalInSeconds": 60 } } })
    };
    ok(&mut w, "firehose", "UpdateDestination", update("1"));
    let d = describe(&mut w)["DeliveryStreamDescription"].clone();
    assert_eq!(d["VersionId"], "2");
    let s3 = &d["Destinations"][0]["ExtendedS3DestinationDescription"];
    assert_eq!((s3["CompressionFormat"].as_str(), s3["BufferingHints"]["SizeInMBs"].as_u64()), (Some("GZIP"), Some(2)));
    let stale = w.call("firehose", "UpdateDestination", update("1")).unwrap_err();
    assert_eq!(stale.kind.name(), "ConcurrentModificationException");
    feed(&mut w, 1, 1);
    w.advance(SimDuration::from_secs(61));
    let names: Vec<String> =
        objects(&mut w).iter().map(|o| o["Key"].as_str().unwrap().rsplit('/').next().unwrap().to_string()).collect();
    assert_eq!(names.len(), 2);
    assert!(names[0].starts_with("f-1-2026-01-01-00-00-05-") && !names[0].ends_with(".gz"), "{names:?}");
    assert!(names[1].starts_with("f-2-2026-01-01-00-01-07-") && names[1].ends_with(".gz"), "{names:?}");
    w.audit_ledger().unwrap();
}

#[test]
fn gzip_objects_are_real_gzip_of_the_records() {
    let mut w = setup(1, 60, "GZIP", true);
    let text = b"{\"user\":\"u1\",\"page\":\"/cart\"}\n".repeat(40);
    ok(&mut w, "firehose", "PutRecord", json!({ "DeliveryStreamName": "f", "Record": { "Data": b64(&text) } }));
    w.advance(SimDuration::from_secs(61));
    let key = objects(&mut w)[0]["Key"].as_str().unwrap().to_string();
    assert!(key.ends_with(".gz"), "the object name ends in the compression's extension: {key}");
    let got = ok(&mut w, "s3", "GetObject", json!({ "Bucket": "lab-bucket", "Key": key }));
    assert_eq!(got["ContentEncoding"], "gzip");
    let body = base64::engine::general_purpose::STANDARD.decode(got["Body"].as_str().unwrap()).unwrap();
    assert!(body.len() < text.len() / 4, "repetitive JSON compresses: {} of {}", body.len(), text.len());
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(&body[..]).read_to_end(&mut plain).unwrap();
    assert_eq!(plain, text);
}

#[test]
fn a_missing_bucket_is_retried_for_24_hours_then_the_records_count_as_failed() {
    let mut w = setup(1, 60, "UNCOMPRESSED", false);
    feed(&mut w, 3, 1);
    w.advance(SimDuration::from_hours(2));
    assert_eq!(w.ledger().count(Place::InDeliveryBuffer), 3, "still buffered, being retried");
    w.advance(SimDuration::from_hours(23));
    assert_eq!(w.ledger().count(Place::FailedDelivery), 3, "counted as failed, never silently gone");
    w.audit_ledger().unwrap();
}

#[test]
fn batch_limits_and_quotas_answer_as_aws() {
    let mut w = setup(5, 300, "UNCOMPRESSED", true);
    let too_many: Vec<Value> = (0..501).map(|_| json!({ "Data": "eA==" })).collect();
    let e =
        w.call("firehose", "PutRecordBatch", json!({ "DeliveryStreamName": "f", "Records": too_many })).unwrap_err();
    assert_eq!(e.kind.name(), "ValidationException");
    // 5 MiB/s per delivery stream: six batches of 1,000 KiB records in one second pass it.
    let big = b64(&vec![1u8; 1_000 * 1024]);
    let mut failed = 0;
    for _ in 0..8 {
        let out = ok(
            &mut w,
            "firehose",
            "PutRecordBatch",
            json!({ "DeliveryStreamName": "f", "Records": [{ "Data": big }] }),
        );
        failed += out["FailedPutCount"].as_u64().unwrap();
    }
    assert!(failed >= 2, "over 5 MiB in a second is refused: {failed}");
    assert_eq!(
        w.call("firehose", "DescribeDeliveryStream", json!({ "DeliveryStreamName": "nope" })).unwrap_err().kind.name(),
        "ResourceNotFoundException"
    );
}

/// A delivery stream `f` with the transform `function` (a lab template), ACTIVE, bucket made.
fn with_transform(function: &str) -> World {
    let processing = json!({ "Enabled": true, "Processors": [{ "Type": "Lambda", "Parameters": [
        { "ParameterName": "LambdaArn", "ParameterValue": format!("arn:aws:lambda:us-east-1:123456789012:function:{function}") },
        { "ParameterName": "BufferIntervalInSeconds", "ParameterValue": "10" }
    ]}]});
    create(1, 60, "UNCOMPRESSED", true, Some(processing))
}

fn put_json_lines(w: &mut World, n: usize) {
    let records: Vec<Value> = (0..n).map(|i| json!({ "Data": b64(format!("{{\"n\":{i}}}\n").as_bytes()) })).collect();
    ok(w, "firehose", "PutRecordBatch", json!({ "DeliveryStreamName": "f", "Records": records }));
}

fn object_bodies(w: &mut World, prefix: &str) -> Vec<String> {
    let keys: Vec<String> = ok(w, "s3", "ListObjectsV2", json!({ "Bucket": "lab-bucket", "Prefix": prefix }))
        ["Contents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["Key"].as_str().unwrap().to_string())
        .collect();
    keys.iter()
        .map(|k| {
            let body = ok(w, "s3", "GetObject", json!({ "Bucket": "lab-bucket", "Key": k }))["Body"]
                .as_str()
                .unwrap()
                .to_string();
            String::from_utf8(base64::engine::general_purpose::STANDARD.decode(body).unwrap()).unwrap()
        })
        .collect()
}

#[test]
fn a_transform_that_drops_every_3rd_record_delivers_exactly_the_other_two_thirds() {
    let mut w = with_transform("drop-every-3rd");
    put_json_lines(&mut w, 30);
    w.advance(SimDuration::from_secs(80));
    let delivered: Vec<String> = object_bodies(&mut w, "2026/").concat().lines().map(str::to_string).collect();
    assert_eq!(delivered.len(), 20);
    let expected: Vec<String> = (0..30).filter(|i| (i + 1) % 3 != 0).map(|i| format!("{{\"n\":{i}}}")).collect();
    assert_eq!(delivered, expected);
    assert_eq!((w.ledger().count(Place::DeliveredToS3), w.ledger().count(Place::DroppedByTransform)), (20, 10));
    w.audit_ledger().unwrap();
}

#[test]
fn an_endless_loop_fails_the_invocation_and_its_records_land_under_processing_failed() {
    let mut w = with_transform("broken-endless-loop");
    put_json_lines(&mut w, 4);
    w.advance(SimDuration::from_secs(20));
    let errors = object_bodies(&mut w, "processing-failed/");
    assert_eq!(errors.len(), 1, "one error object");
    let lines: Vec<Value> = errors[0].lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["attemptsMade"], 4, "one invocation and 3 retries");
    let t = w.firehose().streams["f"].transform.as_ref().unwrap();
    assert_eq!((t.invocations, t.failed_invocations), (4, 4));
    assert_eq!(lines[0]["errorCode"], "Lambda.FunctionError");
    assert!(lines[0]["errorMessage"].as_str().unwrap().to_lowercase().contains("operations"));
    assert_eq!(w.ledger().count(Place::FailedToErrorPrefix), 4);
    assert!(object_bodies(&mut w, "2026/").is_empty(), "nothing delivered");
    w.audit_ledger().unwrap();
}

#[test]
fn an_unknown_lambda_function_is_refused_with_the_lab_s_functions_named() {
    let mut w = World::from_scenario(&Scenario::default()).unwrap();
    let e = w
        .call("firehose", "CreateDeliveryStream", json!({ "DeliveryStreamName": "f", "ExtendedS3DestinationConfiguration": {
            "BucketARN": "arn:aws:s3:::lab-bucket",
            "ProcessingConfiguration": { "Enabled": true, "Processors": [{ "Type": "Lambda", "Parameters": [
                { "ParameterName": "LambdaArn", "ParameterValue": "arn:aws:lambda:us-east-1:123456789012:function:mine" } ]}]}
        }}))
        .unwrap_err();
    assert!(e.message.contains("drop-every-3rd"), "{}", e.message);
}
