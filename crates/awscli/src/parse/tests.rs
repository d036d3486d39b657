//! The console line → call mapping, checked through the public [`parse`].

use super::parse;
use crate::{Command, Invocation};
use serde_json::{json, Value};

fn call(line: &str) -> Invocation {
    match parse(line) {
        Ok(Command::Call(inv)) => inv,
        other => panic!("{line}: expected a call, got {other:?}"),
    }
}

fn input(line: &str) -> Value {
    call(line).input
}

fn error(line: &str) -> String {
    match parse(line) {
        Err(e) => e,
        other => panic!("{line}: expected an error, got {other:?}"),
    }
}

fn help(line: &str) -> String {
    match parse(line) {
        Ok(Command::Help(text)) => text,
        other => panic!("{line}: expected help, got {other:?}"),
    }
}

/// Every subcommand with just its required options, and the operation it must call. The
/// list is written out (not derived from the table) so a wrong table entry fails here.
#[test]
fn every_kinesis_subcommand_calls_its_operation() {
    let cases = [
        ("create-stream --stream-name s", "CreateStream"),
        ("delete-stream", "DeleteStream"),
        ("describe-stream", "DescribeStream"),
        ("describe-stream-summary", "DescribeStreamSummary"),
        ("list-streams", "ListStreams"),
        ("list-shards", "ListShards"),
        ("increase-stream-retention-period --retention-period-hours 48", "IncreaseStreamRetentionPeriod"),
        ("decrease-stream-retention-period --retention-period-hours 24", "DecreaseStreamRetentionPeriod"),
        ("put-record --data aGk= --partition-key k", "PutRecord"),
        ("put-records --records Data=aGk=,PartitionKey=k", "PutRecords"),
        ("get-shard-iterator --shard-id shardId-000000000000 --shard-iterator-type LATEST", "GetShardIterator"),
        ("get-records --shard-iterator it", "GetRecords"),
        ("split-shard --shard-to-split a --new-starting-hash-key 1", "SplitShard"),
        ("merge-shards --shard-to-merge a --adjacent-shard-to-merge b", "MergeShards"),
        ("update-shard-count --target-shard-count 4 --scaling-type UNIFORM_SCALING", "UpdateShardCount"),
        ("register-stream-consumer --stream-arn a --consumer-name c", "RegisterStreamConsumer"),
        ("deregister-stream-consumer", "DeregisterStreamConsumer"),
        ("describe-stream-consumer", "DescribeStreamConsumer"),
        ("list-stream-consumers --stream-arn a", "ListStreamConsumers"),
        ("subscribe-to-shard --consumer-arn c --shard-id s --starting-position Type=LATEST", "SubscribeToShard"),
    ];
    for (args, op) in cases {
        let inv = call(&format!("aws kinesis {args}"));
        assert_eq!((inv.service.as_str(), inv.operation.as_str()), ("kinesis", op), "{args}");
    }
    assert_eq!(crate::SERVICES[0].operations.len(), cases.len(), "an operation is missing from this test");
}

#[test]
fn create_stream_sends_the_shard_count_as_a_number() {
    assert_eq!(
        input("aws kinesis create-stream --stream-name s --shard-count 2"),
        json!({"StreamName": "s", "ShardCount": 2})
    );
}

#[test]
fn equals_form_and_arn_members() {
    let inv = call("aws kinesis describe-stream-summary --stream-arn=arn:aws:kinesis:us-east-1:123456789012:stream/s");
    assert_eq!(inv.input, json!({"StreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/s"}));
    let inv = call("aws kinesis describe-stream-consumer --consumer-arn c");
    assert_eq!(inv.input, json!({"ConsumerARN": "c"}));
}

#[test]
fn raw_in_base64_out_encodes_the_typed_text() {
    let inv = call(
        "aws kinesis put-record --stream-name s --data hello --partition-key k --cli-binary-format raw-in-base64-out",
    );
    assert_eq!(inv.input, json!({"StreamName": "s", "Data": "aGVsbG8=", "PartitionKey": "k"}));
}

#[test]
fn by_default_blobs_must_already_be_base64() {
    assert_eq!(
        error("aws kinesis put-record --stream-name s --data hello --partition-key k"),
        "Invalid base64: \"hello\""
    );
    assert_eq!(input("aws kinesis put-record --data aGVsbG8= --partition-key k")["Data"], "aGVsbG8=");
}

#[test]
fn put_records_shorthand_takes_one_word_per_record() {
    assert_eq!(
        input("aws kinesis put-records --stream-name s --records Data=aGk=,PartitionKey=k Data=eA==,PartitionKey=j"),
        json!({"StreamName": "s", "Records": [
            {"Data": "aGk=", "PartitionKey": "k"},
            {"Data": "eA==", "PartitionKey": "j"}
        ]})
    );
}

#[test]
fn put_records_json_applies_the_blob_rule_inside() {
    let line = r#"aws kinesis put-records --stream-name s --records '[{"Data":"hi","PartitionKey":"k","ExplicitHashKey":"7"}]' --cli-binary-format raw-in-base64-out"#;
    assert_eq!(input(line)["Records"], json!([{"Data": "aGk=", "PartitionKey": "k", "ExplicitHashKey": "7"}]));
    let err = error(r#"aws kinesis put-records --records '[{"Data":"hi!","PartitionKey":"k"}]'"#);
    assert_eq!(err, "Invalid base64: \"hi!\"");
}

#[test]
fn stream_mode_details_as_shorthand_or_json() {
    let expected = json!({"StreamName": "s", "StreamModeDetails": {"StreamMode": "ON_DEMAND"}});
    assert_eq!(input("aws kinesis create-stream --stream-name s --stream-mode-details StreamMode=ON_DEMAND"), expected);
    assert_eq!(
        input(r#"aws kinesis create-stream --stream-name s --stream-mode-details '{"StreamMode":"ON_DEMAND"}'"#),
        expected
    );
}

#[test]
fn starting_position_shorthand_converts_its_timestamp() {
    let line = "aws kinesis subscribe-to-shard --consumer-arn c --shard-id s --starting-position Type=AT_TIMESTAMP,Timestamp=2026-01-01T00:00:05Z";
    assert_eq!(input(line)["StartingPosition"], json!({"Type": "AT_TIMESTAMP", "Timestamp": 1767225605.0}));
    let line = "aws kinesis subscribe-to-shard --consumer-arn c --shard-id s --starting-position Type=AFTER_SEQUENCE_NUMBER,SequenceNumber=49";
    assert_eq!(input(line)["StartingPosition"], json!({"Type": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": "49"}));
}

#[test]
fn timestamp_accepts_iso_and_epoch_seconds() {
    let base =
        "aws kinesis get-shard-iterator --stream-name s --shard-id a --shard-iterator-type AT_TIMESTAMP --timestamp";
    assert_eq!(input(&format!("{base} 2026-01-01T00:00:05Z"))["Timestamp"], json!(1767225605.0));
    assert_eq!(input(&format!("{base} 2026-01-01T00:00:05.5+00:00"))["Timestamp"], json!(1767225605.5));
    assert_eq!(input(&format!("{base} 1767225605"))["Timestamp"], json!(1767225605.0));
    assert!(error(&format!("{base} yesterday")).starts_with("Invalid value for parameter --timestamp: 'yesterday'"));
}

#[test]
fn boolean_flags_take_no_value() {
    assert_eq!(
        input("aws kinesis delete-stream --stream-name s --enforce-consumer-deletion"),
        json!({"StreamName": "s", "EnforceConsumerDeletion": true})
    );
    assert_eq!(input("aws kinesis delete-stream --no-enforce-consumer-deletion")["EnforceConsumerDeletion"], false);
    assert_eq!(
        error("aws kinesis delete-stream --enforce-consumer-deletion=yes"),
        "aws: error: argument --enforce-consumer-deletion: ignored explicit argument 'yes'"
    );
}

#[test]
fn non_integers_are_refused_for_integer_options() {
    assert_eq!(
        error("aws kinesis create-stream --stream-name s --shard-count x"),
        "Invalid value for parameter --shard-count: 'x' is not an integer"
    );
}

#[test]
fn cli_input_json_supplies_the_input_and_options_override_it() {
    let line = r#"aws kinesis create-stream --cli-input-json '{"StreamName":"s","ShardCount":2}'"#;
    assert_eq!(input(line), json!({"StreamName": "s", "ShardCount": 2}));
    let line = r#"aws kinesis create-stream --cli-input-json '{"StreamName":"s","ShardCount":2}' --shard-count 5"#;
    assert_eq!(input(line), json!({"StreamName": "s", "ShardCount": 5}));
}

#[test]
fn cli_input_json_must_be_valid_and_known() {
    let err = error("aws kinesis create-stream --cli-input-json '{\"StreamName\":'");
    assert!(err.starts_with("Error parsing parameter 'cli-input-json': Invalid JSON: "), "{err}");
    let err = error(r#"aws kinesis create-stream --cli-input-json '{"StreamName":"s","Shards":2}'"#);
    assert_eq!(
        err,
        "Parameter validation failed:\nUnknown parameter in input: \"Shards\", must be one of: StreamName, ShardCount, StreamModeDetails"
    );
}

#[test]
fn missing_required_options_are_listed_together() {
    assert_eq!(
        error("aws kinesis update-shard-count --stream-name s"),
        "aws: error: the following arguments are required: --target-shard-count, --scaling-type"
    );
    // Given through --cli-input-json counts as given.
    let line =
        r#"aws kinesis update-shard-count --cli-input-json '{"TargetShardCount":4}' --scaling-type UNIFORM_SCALING"#;
    assert_eq!(input(line), json!({"TargetShardCount": 4, "ScalingType": "UNIFORM_SCALING"}));
}

#[test]
fn unknown_options_and_stray_words_are_listed_together() {
    assert_eq!(error("aws kinesis list-streams --foo bar --baz"), "Unknown options: --foo, bar, --baz");
}

#[test]
fn unknown_service_and_subcommand_list_the_valid_choices() {
    assert_eq!(
        error("aws kinesiss list-streams"),
        "aws: error: argument command: Invalid choice, valid choices are: dynamodb | emr | firehose | kinesis | kinesis-video-archived-media | kinesisvideo | redshift-data | s3api"
    );
    let err = error("aws kinesis list-stream");
    assert!(
        err.starts_with(
            "aws: error: argument operation: Invalid choice, valid choices are: create-stream | decrease-stream-retention-period | "
        ),
        "{err}"
    );
    assert!(err.ends_with(" | update-shard-count"), "{err}");
}

#[test]
fn lines_not_starting_with_aws_are_not_run() {
    assert_eq!(
        error("ls -la"),
        "ls: command not found (this console runs AWS CLI commands, e.g. aws kinesis list-streams)"
    );
}

#[test]
fn help_clear_and_blank_lines() {
    assert!(help("help").contains("kinesis"));
    assert!(help("aws help").contains("describe-stream-summary"));
    let service_help = help("aws kinesis help");
    assert!(service_help.contains("  put-records\n"), "{service_help}");
    assert!(help("aws kinesis create-stream help").contains("--stream-name <string>  *"));
    assert_eq!(parse("clear"), Ok(Command::Clear));
    assert_eq!(parse("   "), Err(String::new()));
}

#[test]
fn global_options_are_accepted_anywhere() {
    let inv = call("aws --region us-east-1 kinesis list-streams --output json --no-cli-pager --profile p --debug");
    assert_eq!(inv.input, json!({}));
    assert!(error("aws kinesis list-streams --output table").contains("JSON only"));
}

#[test]
fn missing_values_are_reported_per_option() {
    assert_eq!(
        error("aws kinesis create-stream --stream-name --shard-count 1"),
        "aws: error: argument --stream-name: expected one argument"
    );
    assert_eq!(
        error("aws kinesis put-records --stream-name s --records"),
        "aws: error: argument --records: expected at least one argument"
    );
}

/// Odd lines must come back as text to print, never as a panic that would take the page down.
#[test]
fn odd_lines_give_errors_not_panics() {
    for line in [
        "aws",
        "aws kinesis",
        "aws kinesis put-record --data",
        "\"",
        "aws kinesis create-stream --shard-count",
        "aws --",
        "aws kinesis create-stream --=x",
        "aws kinesis put-records --records =",
        "aws kinesis put-records --records '[' ",
        "aws kinesis put-records --records '[1]'",
        "aws kinesis subscribe-to-shard --consumer-arn c --shard-id s --starting-position Type",
        "aws kinesis create-stream --stream-name s --stream-mode-details '{\"StreamMode\":{\"x\":[]}}'",
        "aws kinesis create-stream --cli-input-json '[]'",
        "aws kinesis create-stream --stream-name é --shard-count ９",
        "aws \\",
    ] {
        assert!(parse(line).is_err(), "{line:?} should be an error");
    }
    assert!(error("aws").ends_with("aws: error: the following arguments are required: command"));
    assert!(error("aws kinesis").ends_with("aws: error: the following arguments are required: operation"));
}

#[test]
fn firehose_put_record_and_create_with_nested_json() {
    let Ok(Command::Call(call)) = parse(
        "aws firehose put-record --delivery-stream-name f --record Data=hello --cli-binary-format raw-in-base64-out",
    ) else {
        panic!()
    };
    assert_eq!((call.service.as_str(), call.operation.as_str()), ("firehose", "PutRecord"));
    assert_eq!(call.input["Record"]["Data"], "aGVsbG8=");
    let line = r#"aws firehose create-delivery-stream --delivery-stream-name f --extended-s3-destination-configuration '{"BucketARN":"arn:aws:s3:::b1b","RoleARN":"r","BufferingHints":{"SizeInMBs":1,"IntervalInSeconds":60},"CompressionFormat":"GZIP"}'"#;
    let Ok(Command::Call(call)) = parse(line) else { panic!("{:?}", parse(line)) };
    assert_eq!(call.input["ExtendedS3DestinationConfiguration"]["BufferingHints"]["SizeInMBs"], 1);
}

#[test]
fn firehose_takes_every_destination_and_a_kinesis_source() {
    let line = r#"aws firehose create-delivery-stream --delivery-stream-name f --delivery-stream-type KinesisStreamAsSource --kinesis-stream-source-configuration KinesisStreamARN=arn:aws:kinesis:us-east-1:123456789012:stream/s,RoleARN=r --amazonopensearchservice-destination-configuration '{"DomainARN":"arn:aws:es:us-east-1:123456789012:domain/logs","IndexName":"i","RetryOptions":{"DurationInSeconds":60},"S3Configuration":{"BucketARN":"arn:aws:s3:::b1b"}}'"#;
    let Ok(Command::Call(call)) = parse(line) else { panic!("{:?}", parse(line)) };
    assert_eq!(call.input["KinesisStreamSourceConfiguration"]["RoleARN"], "r");
    assert_eq!(call.input["AmazonopensearchserviceDestinationConfiguration"]["RetryOptions"]["DurationInSeconds"], 60);
    for option in ["--redshift-destination-configuration", "--http-endpoint-destination-configuration"] {
        let line = format!("aws firehose create-delivery-stream --delivery-stream-name f {option} '{{}}'");
        assert!(matches!(parse(&line), Ok(Command::Call(_))), "{option}: {:?}", parse(&line));
    }
}

#[test]
fn s3api_calls_go_to_the_s3_service() {
    let Ok(Command::Call(call)) = parse("aws s3api list-objects-v2 --bucket lab-bucket --prefix 2026/") else {
        panic!()
    };
    assert_eq!((crate::model_service(&call.service), call.operation.as_str()), ("s3", "ListObjectsV2"));
}

/// Every DynamoDB subcommand with its required options, written out as the kinesis list is.
#[test]
fn every_dynamodb_subcommand_calls_its_operation() {
    let key = r#"'{"pk":{"S":"a"}}'"#;
    let cases = [
        ("create-table --table-name t --attribute-definitions AttributeName=pk,AttributeType=S --key-schema AttributeName=pk,KeyType=HASH".to_string(), "CreateTable"),
        ("describe-table --table-name t".to_string(), "DescribeTable"),
        ("list-tables".to_string(), "ListTables"),
        ("delete-table --table-name t".to_string(), "DeleteTable"),
        (format!("put-item --table-name t --item {key}"), "PutItem"),
        (format!("get-item --table-name t --key {key}"), "GetItem"),
        (format!("delete-item --table-name t --key {key}"), "DeleteItem"),
        ("query --table-name t".to_string(), "Query"),
        ("scan --table-name t".to_string(), "Scan"),
        (r#"batch-write-item --request-items '{"t":[]}'"#.to_string(), "BatchWriteItem"),
        (r#"batch-get-item --request-items '{"t":{"Keys":[]}}'"#.to_string(), "BatchGetItem"),
    ];
    for (args, op) in &cases {
        let inv = call(&format!("aws dynamodb {args}"));
        assert_eq!((inv.service.as_str(), inv.operation.as_str()), ("dynamodb", *op), "{args}");
    }
    let service = crate::SERVICES.iter().find(|s| s.name == "dynamodb").unwrap();
    assert_eq!(service.operations.len(), cases.len(), "an operation is missing from this test");
}

#[test]
fn create_table_takes_shorthand_lists_as_the_cli_documents_them() {
    let line = "aws dynamodb create-table --table-name Music \
        --attribute-definitions AttributeName=Artist,AttributeType=S AttributeName=SongTitle,AttributeType=S \
        --key-schema AttributeName=Artist,KeyType=HASH AttributeName=SongTitle,KeyType=RANGE \
        --billing-mode PAY_PER_REQUEST";
    assert_eq!(
        input(line),
        json!({
            "TableName": "Music",
            "AttributeDefinitions": [
                {"AttributeName": "Artist", "AttributeType": "S"},
                {"AttributeName": "SongTitle", "AttributeType": "S"}
            ],
            "KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"}, {"AttributeName": "SongTitle", "KeyType": "RANGE"}],
            "BillingMode": "PAY_PER_REQUEST"
        })
    );
    let provisioned = input(
        "aws dynamodb create-table --table-name t --attribute-definitions AttributeName=pk,AttributeType=S \
         --key-schema AttributeName=pk,KeyType=HASH --provisioned-throughput ReadCapacityUnits=5,WriteCapacityUnits=5",
    );
    assert_eq!(provisioned["ProvisionedThroughput"], json!({"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}));
}

#[test]
fn items_keys_and_placeholders_are_dynamodb_json() {
    let put = input(
        r#"aws dynamodb put-item --table-name Music --item '{"Artist":{"S":"Acme"},"Year":{"N":"2019"},"Art":{"B":"aGk="}}' --condition-expression "attribute_not_exists(Artist)" --return-values ALL_OLD"#,
    );
    assert_eq!(put["Item"], json!({"Artist": {"S": "Acme"}, "Year": {"N": "2019"}, "Art": {"B": "aGk="}}));
    assert_eq!(put["ConditionExpression"], "attribute_not_exists(Artist)");
    let query = input(
        r##"aws dynamodb query --table-name Music --key-condition-expression "Artist = :a AND #y > :y" --expression-attribute-names '#y=Year' --expression-attribute-values '{":a":{"S":"Acme"},":y":{"N":"2000"}}' --no-scan-index-forward --limit 2 --exclusive-start-key '{"Artist":{"S":"Acme"},"Year":{"N":"2020"}}'"##,
    );
    assert_eq!(
        query,
        json!({
            "TableName": "Music",
            "KeyConditionExpression": "Artist = :a AND #y > :y",
            "ExpressionAttributeNames": {"#y": "Year"},
            "ExpressionAttributeValues": {":a": {"S": "Acme"}, ":y": {"N": "2000"}},
            "ScanIndexForward": false,
            "Limit": 2,
            "ExclusiveStartKey": {"Artist": {"S": "Acme"}, "Year": {"N": "2020"}}
        })
    );
    let batch = input(
        r#"aws dynamodb batch-write-item --request-items '{"Music":[{"PutRequest":{"Item":{"Artist":{"S":"A"}}}},{"DeleteRequest":{"Key":{"Artist":{"S":"B"}}}}]}'"#,
    );
    assert_eq!(batch["RequestItems"]["Music"][1]["DeleteRequest"]["Key"]["Artist"]["S"], "B");
}

#[test]
fn dynamodb_values_must_be_json_where_the_cli_wants_json() {
    assert!(error("aws dynamodb put-item --table-name t --item Artist=Acme")
        .starts_with("Error parsing parameter '--item': Expected: '{'"));
    assert!(error(r#"aws dynamodb get-item --table-name t --key '{"pk":'"#)
        .starts_with("Error parsing parameter '--key': Invalid JSON"));
    assert_eq!(
        error("aws dynamodb put-item --table-name t"),
        "aws: error: the following arguments are required: --item"
    );
    assert!(help("aws dynamodb put-item help").contains(r#"{"S": "text"}"#), "the help shows what an item looks like");
    assert!(help("aws dynamodb query help").contains("--expression-attribute-names KeyName1=string,KeyName2=string"));
}

#[test]
fn firehose_update_destination_takes_the_version_and_an_update() {
    let line = r#"aws firehose update-destination --delivery-stream-name f --current-delivery-stream-version-id 1 --destination-id destinationId-000000000001 --extended-s3-destination-update '{"CompressionFormat":"GZIP","BufferingHints":{"SizeInMBs":2,"IntervalInSeconds":60}}'"#;
    let Ok(Command::Call(call)) = parse(line) else { panic!("{:?}", parse(line)) };
    assert_eq!((call.service.as_str(), call.operation.as_str()), ("firehose", "UpdateDestination"));
    assert_eq!(call.input["CurrentDeliveryStreamVersionId"], "1");
    assert_eq!(call.input["ExtendedS3DestinationUpdate"]["BufferingHints"]["SizeInMBs"], 2);
}

/// Every EMR subcommand with its required options.
#[test]
fn every_emr_subcommand_calls_its_operation() {
    let cases = [
        ("describe-cluster --cluster-id j-1", "DescribeCluster"),
        ("list-steps --cluster-id j-1", "ListSteps"),
        ("describe-step --cluster-id j-1 --step-id s-1", "DescribeStep"),
        ("list-instance-groups --cluster-id j-1", "ListInstanceGroups"),
        ("list-instances --cluster-id j-1", "ListInstances"),
        (
            "modify-instance-groups --cluster-id j-1 --instance-groups InstanceGroupId=ig-1,InstanceCount=3",
            "ModifyInstanceGroups",
        ),
    ];
    for (args, op) in &cases {
        let inv = call(&format!("aws emr {args}"));
        assert_eq!((inv.service.as_str(), inv.operation.as_str()), ("emr", *op), "{args}");
    }
    assert_eq!(
        input("aws emr modify-instance-groups --cluster-id j-1 --instance-groups InstanceGroupId=ig-1,InstanceCount=3"),
        serde_json::json!({ "ClusterId": "j-1", "InstanceGroups": [{ "InstanceGroupId": "ig-1", "InstanceCount": 3 }] })
    );
    let service = crate::SERVICES.iter().find(|s| s.name == "emr").unwrap();
    assert_eq!(service.operations.len(), cases.len(), "an operation is missing from this test");
}
