//! The CloudFormation export wires resources as the canvas wires components: what each
//! resource refers to, and the least-privilege policies, checked on the template's JSON.

use serde_json::{json, Value};
use shardlab_export::template;
use shardlab_sim::catalogue::new_component;
use shardlab_sim::scenario::{ComponentKind, WireSpec};
use shardlab_sim::wiring::Kind;
use shardlab_sim::Scenario;

fn get_att(logical: &str) -> Value {
    json!({ "Fn::GetAtt": [logical, "Arn"] })
}

/// A producer → stream (2 shards, 48 h) → Firehose (with a transform) → bucket, and the
/// stream read by an enhanced fan-out consumer and a Lambda function writing a table.
fn pipeline() -> Scenario {
    let mut s = Scenario::default();
    for kind in [
        Kind::Producer,
        Kind::DataStream,
        Kind::Firehose,
        Kind::FirehoseTransform,
        Kind::S3Bucket,
        Kind::EfoConsumer,
        Kind::LambdaConsumer,
        Kind::DynamoDbTable,
    ] {
        s.components.push(new_component(&s, kind, 0.0, 0.0));
    }
    for c in &mut s.components {
        if let ComponentKind::DataStream(st) = &mut c.kind {
            st.shard_count = 2;
            st.retention_hours = 48;
        }
    }
    for (from, to) in [
        ("producer", "stream"),
        ("stream", "firehose"),
        ("firehose", "transform"),
        ("firehose", "bucket"),
        ("stream", "efo-consumer"),
        ("stream", "lambda"),
        ("lambda", "table"),
    ] {
        s.wires.push(WireSpec { from: from.into(), to: to.into() });
    }
    s.validate().unwrap();
    s
}

#[test]
fn each_resource_refers_to_what_it_is_wired_to() {
    let (t, skipped) = template(&pipeline());
    assert!(skipped.is_empty(), "{skipped:?}");
    let r = &t["Resources"];
    let stream = &r["Stream"]["Properties"];
    assert_eq!(r["Stream"]["Type"], "AWS::Kinesis::Stream");
    assert_eq!((stream["ShardCount"].clone(), stream["RetentionPeriodHours"].clone()), (json!(2), json!(48)));
    assert_eq!(stream["StreamModeDetails"]["StreamMode"], "PROVISIONED");

    let delivery = &r["Firehose"]["Properties"];
    assert_eq!(delivery["DeliveryStreamType"], "KinesisStreamAsSource");
    assert_eq!(delivery["KinesisStreamSourceConfiguration"]["KinesisStreamARN"], get_att("Stream"));
    assert_eq!(
        delivery["KinesisStreamSourceConfiguration"]["RoleARN"],
        json!({ "Fn::GetAtt": ["FirehoseRole", "Arn"] })
    );
    let s3 = &delivery["ExtendedS3DestinationConfiguration"];
    assert_eq!(s3["BucketARN"], get_att("Bucket"));
    let processor = &s3["ProcessingConfiguration"]["Processors"][0]["Parameters"][0];
    assert_eq!(processor["ParameterValue"], get_att("Transform"));
    assert_eq!(r["Transform"]["Type"], "AWS::Lambda::Function");

    assert_eq!(r["EfoConsumer"]["Properties"]["StreamARN"], get_att("Stream"));
    let mapping = &r["LambdaMapping"]["Properties"];
    assert_eq!(mapping["EventSourceArn"], get_att("Stream"));
    assert_eq!(mapping["FunctionName"], json!({ "Ref": "Lambda" }));
    assert_eq!(r["Table"]["Type"], "AWS::DynamoDB::Table");
    // No literal ARN of the lab's account is left anywhere.
    assert!(!t.to_string().contains("123456789012"), "{t}");
    assert_eq!(t["Outputs"]["StreamArn"]["Value"], get_att("Stream"));
}

#[test]
fn each_policy_allows_only_what_its_part_does_on_what_it_touches() {
    let (t, _) = template(&pipeline());
    let r = &t["Resources"];
    let statements = |v: &Value| v["Statement"].as_array().cloned().unwrap_or_default();
    // The producer writes to its stream, nothing else.
    let producer = statements(&r["ProducerPolicy"]["Properties"]["PolicyDocument"]);
    assert_eq!(producer.len(), 1);
    assert_eq!(producer[0]["Resource"], json!([get_att("Stream")]));
    assert!(producer[0]["Action"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a.as_str().unwrap().starts_with("kinesis:Put") || a == "kinesis:ListShards"));
    // Firehose: S3 on its bucket, reads on its stream, invokes its transform.
    let firehose = statements(&r["FirehoseRole"]["Properties"]["Policies"][0]["PolicyDocument"]);
    let resources: Vec<Value> = firehose.iter().map(|s| s["Resource"][0].clone()).collect();
    assert_eq!(resources, vec![get_att("Bucket"), get_att("Stream"), get_att("Transform")]);
    // The Lambda consumer reads its stream and puts items into its table.
    let lambda = statements(&r["LambdaRole"]["Properties"]["Policies"][0]["PolicyDocument"]);
    assert_eq!(lambda[1], json!({ "Effect": "Allow", "Action": ["dynamodb:PutItem"], "Resource": [get_att("Table")] }));
}

#[test]
fn a_template_is_yaml_with_a_header_that_says_how_to_deploy_it() {
    let yaml = shardlab_export::cloudformation(&pipeline());
    assert!(yaml.starts_with("# ShardLab export of the scenario"));
    assert!(yaml.contains("aws cloudformation deploy"));
    assert!(yaml.contains("\nResources:\n  Producer"));
}

fn emr_jobs() -> Scenario {
    let path = format!("{}/../cli/tests/scenarios/emr_jobs.json", env!("CARGO_MANIFEST_DIR"));
    Scenario::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn a_cluster_runs_the_steps_its_map_steps_submit_in_the_lab() {
    let scenario = emr_jobs();
    let (t, skipped) = template(&scenario);
    assert!(skipped.is_empty(), "{skipped:?}");
    let r = &t["Resources"];
    let steps: Vec<&Value> = ["CountWordsStep1", "CountWordsStep2", "ScriptMapStep1"]
        .iter()
        .map(|l| {
            assert_eq!(r[l]["Type"], "AWS::EMR::Step", "{l}");
            assert_eq!(r[l]["Properties"]["JobFlowId"], json!({ "Ref": "Cluster" }));
            &r[l]["Properties"]
        })
        .collect();
    // count-words reads HDFS: a copy first, then its job; script-map reads S3: its job.
    let names: Vec<&str> = steps.iter().map(|s| s["Name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "Copy s3://lab-corpus/ into HDFS (s3-dist-cp)",
            "wordcount (count-words, run 1)",
            "_script-map-run-1.rhai (script-map, run 1)"
        ]
    );
    // EMR runs a cluster's steps one after the other: each waits for the one before.
    assert_eq!(r["CountWordsStep1"].get("DependsOn"), None);
    assert_eq!(r["CountWordsStep2"]["DependsOn"], "CountWordsStep1");
    assert_eq!(r["ScriptMapStep1"]["DependsOn"], "CountWordsStep2");
    assert_eq!(steps[0]["ActionOnFailure"], "CANCEL_AND_WAIT");
    // Buckets are named by their parameters, so that a chosen name reaches the steps too.
    let job = &steps[1]["HadoopJarStep"];
    assert_eq!(job["Jar"], "/usr/lib/hadoop-mapreduce/hadoop-mapreduce-examples.jar");
    let args = job["Args"].as_array().unwrap();
    assert_eq!(args[0], "wordcount");
    assert_eq!(args.last().unwrap(), &json!({ "Fn::Sub": "s3://${Results}/emr-output/count-words-run-1/" }));
    assert!(!t.to_string().contains("s3://lab-results"), "no literal bucket name is left");
    // The instance role reads and writes the buckets the steps name, no others.
    let policy = &t["Resources"]["ClusterInstanceRole"]["Properties"]["Policies"][0]["PolicyDocument"];
    let resources = policy["Statement"][0]["Resource"].to_string();
    assert!(resources.contains("Corpus") && resources.contains("Results"), "{resources}");
}

#[test]
fn an_auto_terminating_cluster_with_steps_ends_once_idle_after_them() {
    let mut scenario = emr_jobs();
    let (t, _) = template(&scenario);
    let cluster = &t["Resources"]["Cluster"]["Properties"];
    assert_eq!(cluster["Instances"]["KeepJobFlowAliveWhenNoSteps"], true);
    assert_eq!(cluster.get("AutoTerminationPolicy"), None);
    for c in &mut scenario.components {
        if let ComponentKind::EmrCluster(e) = &mut c.kind {
            e.auto_terminate = true;
        }
    }
    let (t, _) = template(&scenario);
    let cluster = &t["Resources"]["Cluster"]["Properties"];
    // Its steps are added once it is up: it must not end before they arrive.
    assert_eq!(cluster["Instances"]["KeepJobFlowAliveWhenNoSteps"], true);
    let idle = cluster["AutoTerminationPolicy"]["IdleTimeout"].as_u64().unwrap();
    assert!((60..=604_800).contains(&idle), "EMR takes an idle timeout of 60 s to 7 days: {idle}");
    // With no step, it ends at once, as in the lab.
    scenario.components.retain(|c| !matches!(c.kind, ComponentKind::MapStep(_)));
    let (t, _) = template(&scenario);
    assert_eq!(t["Resources"]["Cluster"]["Properties"]["Instances"]["KeepJobFlowAliveWhenNoSteps"], false);
}

#[test]
fn what_only_the_lab_has_is_named_in_the_header() {
    let yaml = shardlab_export::cloudformation(&emr_jobs());
    let supply: Vec<&str> = yaml.lines().filter(|l| l.starts_with("# To supply: ")).collect();
    assert_eq!(supply.len(), 2, "{supply:?}");
    assert!(supply[0].contains("port it to a Hadoop Streaming") && supply[0].contains("_script-map-run-1.rhai"));
    assert!(supply[1].contains("dynamodb://word-totals"));
    // A map step missing a wire is named, with the rule.
    let mut broken = emr_jobs();
    broken.wires.retain(|w| !(w.from == "cluster" && w.to == "script-map"));
    let (t, skipped) = template(&broken);
    assert_eq!(skipped, ["script-map: The map step runs on no cluster: wire an EMR cluster to it."]);
    assert!(t["Resources"].get("ScriptMapStep1").is_none());
    assert!(t["Resources"].get("CountWordsStep2").is_some());
}
