//! `aws emr` customizations: the request each builds, and the CLI's refusals.

use crate::{parse, Command, Invocation};
use serde_json::{json, Value};

fn call(line: &str) -> Invocation {
    match parse(line) {
        Ok(Command::Call(inv)) => inv,
        other => panic!("{line}: expected a call, got {other:?}"),
    }
}

fn error(line: &str) -> String {
    match parse(line) {
        Err(e) => e,
        other => panic!("{line}: expected an error, got {other:?}"),
    }
}

#[test]
fn create_cluster_with_the_instance_type_shortcut_is_one_primary_and_the_rest_core() {
    let inv = call(
        "aws emr create-cluster --name wc --release-label emr-7.5.0 --instance-type m5.xlarge --instance-count 3 --use-default-roles --auto-terminate",
    );
    assert_eq!((inv.operation.as_str(), inv.subcommand.as_str()), ("RunJobFlow", "create-cluster"));
    assert_eq!(
        inv.input,
        json!({
            "Name": "wc",
            "ReleaseLabel": "emr-7.5.0",
            "JobFlowRole": "EMR_EC2_DefaultRole",
            "ServiceRole": "EMR_DefaultRole",
            "Instances": {
                "InstanceGroups": [
                    { "InstanceType": "m5.xlarge", "InstanceCount": 1, "InstanceRole": "MASTER", "Name": "MASTER", "Market": "ON_DEMAND" },
                    { "InstanceType": "m5.xlarge", "InstanceCount": 2, "InstanceRole": "CORE", "Name": "CORE", "Market": "ON_DEMAND" },
                ],
                "KeepJobFlowAliveWhenNoSteps": false,
            },
            "VisibleToAllUsers": true,
        })
    );
}

#[test]
fn a_cluster_waits_for_steps_unless_asked_to_terminate_and_is_named_as_the_cli_names_it() {
    let inv = call("aws emr create-cluster --release-label emr-7.5.0 --instance-type m5.xlarge");
    assert_eq!(inv.input["Name"], "Development Cluster");
    assert_eq!(inv.input["Instances"]["KeepJobFlowAliveWhenNoSteps"], true);
    assert_eq!(inv.input["Instances"]["InstanceGroups"].as_array().map(Vec::len), Some(1), "one node: no core group");
}

#[test]
fn instance_groups_are_typed_by_role_and_a_bid_price_makes_a_group_spot() {
    let inv = call(
        "aws emr create-cluster --release-label emr-7.5.0 --instance-groups InstanceGroupType=MASTER,InstanceCount=1,InstanceType=m5.xlarge InstanceGroupType=core,InstanceCount=2,InstanceType=m5.xlarge InstanceGroupType=TASK,InstanceCount=4,InstanceType=m5.xlarge,BidPrice=OnDemandPrice",
    );
    let groups = inv.input["Instances"]["InstanceGroups"].as_array().cloned().unwrap_or_default();
    let roles: Vec<(&str, &str)> =
        groups.iter().map(|g| (g["InstanceRole"].as_str().unwrap_or(""), g["Market"].as_str().unwrap_or(""))).collect();
    assert_eq!(roles, [("MASTER", "ON_DEMAND"), ("CORE", "ON_DEMAND"), ("TASK", "SPOT")]);
    assert_eq!(groups[1]["Name"], "core", "an unnamed group is named after its type as typed");
    assert_eq!(groups[2]["InstanceCount"], 4);
}

#[test]
fn instance_groups_are_refused_as_the_cli_refuses_them() {
    let base = "aws emr create-cluster --release-label emr-7.5.0";
    assert!(error(base).contains("Must specify either --instance-groups or --instance-type"));
    assert!(error(&format!("{base} --instance-count 3")).contains("Must specify either --instance-groups"));
    let both = format!("{base} --instance-type m5.xlarge --instance-groups InstanceGroupType=MASTER,InstanceCount=1,InstanceType=m5.xlarge");
    assert!(error(&both).contains("shortcut options for --instance-groups"), "{}", error(&both));
    let incomplete = format!("{base} --instance-groups InstanceGroupType=MASTER,InstanceType=m5.xlarge");
    assert_eq!(
        error(&incomplete),
        "aws: error: The following required parameters are missing for InstanceGroupConfig: InstanceCount."
    );
    assert_eq!(
        error("aws emr create-cluster --instance-type m5.xlarge"),
        "aws: error: the following arguments are required: --release-label"
    );
}

#[test]
fn a_custom_jar_step_runs_its_jar_with_its_args() {
    let inv = call(
        "aws emr add-steps --cluster-id j-1 --steps Type=CUSTOM_JAR,Name=count,ActionOnFailure=CANCEL_AND_WAIT,Jar=/usr/lib/hadoop-mapreduce/hadoop-mapreduce-examples.jar,Args=[wordcount,s3://in/,s3://out/]",
    );
    assert_eq!(inv.operation, "AddJobFlowSteps");
    assert_eq!(
        inv.input,
        json!({ "JobFlowId": "j-1", "Steps": [{
            "Name": "count",
            "ActionOnFailure": "CANCEL_AND_WAIT",
            "HadoopJarStep": {
                "Jar": "/usr/lib/hadoop-mapreduce/hadoop-mapreduce-examples.jar",
                "Args": ["wordcount", "s3://in/", "s3://out/"],
            },
        }]})
    );
}

#[test]
fn a_streaming_step_runs_hadoop_streaming_through_command_runner() {
    let inv = call(
        "aws emr add-steps --cluster-id j-1 --steps Type=STREAMING,Args=[-files,s3://b/job.rhai,-mapper,job.rhai,-reducer,job.rhai,-input,s3://b/in/,-output,s3://b/out/] Jar=my.jar",
    );
    let steps = inv.input["Steps"].as_array().cloned().unwrap_or_default();
    assert_eq!(steps.len(), 2);
    assert_eq!(steps[0]["Name"], "Streaming program");
    assert_eq!(steps[0]["ActionOnFailure"], "CONTINUE");
    assert_eq!(steps[0]["HadoopJarStep"]["Jar"], "command-runner.jar");
    let args: Vec<&str> =
        steps[0]["HadoopJarStep"]["Args"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    assert_eq!(args[..3], ["hadoop-streaming", "-files", "s3://b/job.rhai"]);
    assert_eq!(args.len(), 11);
    assert_eq!(steps[1]["Name"], "Custom JAR", "a step with no type is a custom JAR");
    assert!(steps[1]["HadoopJarStep"].get("Args").is_none());
}

#[test]
fn steps_are_refused_as_the_cli_refuses_them() {
    assert_eq!(
        error("aws emr add-steps --cluster-id j-1 --steps Type=CUSTOM_JAR,Args=[a]"),
        "aws: error: The following required parameters are missing for CustomJARStepConfig: Jar."
    );
    assert_eq!(
        error("aws emr add-steps --cluster-id j-1 --steps Type=STREAMING,Name=x"),
        "aws: error: The following required parameters are missing for StreamingStepConfig: Args."
    );
    assert_eq!(
        error("aws emr add-steps --cluster-id j-1 --steps Type=Flink,Args=[a]"),
        "aws: error: The step type flink is not supported."
    );
    assert_eq!(
        error("aws emr create-cluster --release-label emr-7.5.0 --instance-type m5.xlarge --steps Type=HIVE,Args=[-f,s3://b/q.sql]"),
        "aws: error: Some of the steps require the following applications to be installed: Hive. Please install the applications using --applications."
    );
    // With the application asked for, the CLI builds the step; the service then decides.
    let inv = call(
        "aws emr create-cluster --release-label emr-7.5.0 --instance-type m5.xlarge --applications Name=Hive --steps Type=HIVE,Args=[-f,s3://b/q.sql]",
    );
    assert_eq!(inv.input["Steps"][0]["HadoopJarStep"]["Args"][0], "hive-script");
    assert_eq!(inv.input["Applications"], json!([{ "Name": "Hive" }]));
}

#[test]
fn terminate_clusters_takes_several_ids_as_words_or_as_json() {
    let words = call("aws emr terminate-clusters --cluster-ids j-1 j-2");
    assert_eq!(
        (words.operation.as_str(), words.input.clone()),
        ("TerminateJobFlows", json!({ "JobFlowIds": ["j-1", "j-2"] }))
    );
    let listed = call(r#"aws emr terminate-clusters --cluster-ids '["j-3"]'"#);
    assert_eq!(listed.input, json!({ "JobFlowIds": ["j-3"] }));
    assert!(
        error("aws emr terminate-clusters --cluster-ids '[3]'").contains("Invalid type for parameter ClusterIds[0]")
    );
    assert!(error("aws emr terminate-clusters").contains("--cluster-ids"));
}

#[test]
fn list_clusters_takes_one_state_filter() {
    assert_eq!(call("aws emr list-clusters").input, json!({}));
    assert_eq!(call("aws emr list-clusters --terminated").input, json!({ "ClusterStates": ["TERMINATED"] }));
    assert_eq!(
        call("aws emr list-clusters --cluster-states WAITING RUNNING").input,
        json!({ "ClusterStates": ["WAITING", "RUNNING"] })
    );
    assert_eq!(call("aws emr list-clusters --active").input["ClusterStates"].as_array().map(Vec::len), Some(5));
    assert!(error("aws emr list-clusters --active --failed").contains("only one of the cluster state filters"));
}

#[test]
fn create_cluster_prints_the_cluster_id_where_run_job_flow_answers_the_job_flow_id() {
    let inv = call("aws emr create-cluster --release-label emr-7.5.0 --instance-type m5.xlarge");
    let printed = inv.print(
        json!({ "JobFlowId": "j-ABC", "ClusterArn": "arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/j-ABC" }),
    );
    assert_eq!(
        printed,
        "{\n    \"ClusterId\": \"j-ABC\",\n    \"ClusterArn\": \"arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/j-ABC\"\n}"
    );
    let other = call("aws emr terminate-clusters --cluster-ids j-1");
    assert_eq!(other.print(json!({})), "", "terminate-clusters prints nothing");
}

#[test]
fn help_lists_the_customizations_and_their_options() {
    let Ok(Command::Help(service)) = parse("aws emr help") else { panic!("help") };
    for name in ["create-cluster", "add-steps", "terminate-clusters", "list-clusters"] {
        assert!(service.contains(name), "{name} missing from:\n{service}");
    }
    let Ok(Command::Help(op)) = parse("aws emr create-cluster help") else { panic!("help") };
    assert!(op.contains("Calls the RunJobFlow operation"), "{op}");
    assert!(op.contains("--auto-terminate | --no-auto-terminate"), "{op}");
    assert!(op.contains("--steps Type=string,Name=string"), "{op}");
    let Ok(Command::Help(term)) = parse("aws emr terminate-clusters help") else { panic!("help") };
    assert!(term.contains("--cluster-ids <string> <string> ..."), "{term}");
}
