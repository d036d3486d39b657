//! `aws emr` command lines answered by the model, as the page's console answers them: a
//! cluster made with create-cluster, a word count added with add-steps, the output read
//! back with `aws s3api get-object`, the cluster ended with terminate-clusters.

mod common;
use base64::Engine as _;
use common::{json_of, run};
use serde_json::json;
use shardlab_sim::{Scenario, SimDuration, World};

fn state(w: &mut World, id: &str) -> String {
    let out = json_of(&run(w, &format!("aws emr describe-cluster --cluster-id {id}")).unwrap());
    out["Cluster"]["Status"]["State"].as_str().unwrap().to_string()
}

fn put(w: &mut World, bucket: &str, key: &str, body: &str) {
    let body = base64::engine::general_purpose::STANDARD.encode(body);
    w.call("s3", "PutObject", json!({ "Bucket": bucket, "Key": key, "Body": body })).unwrap();
}

#[test]
fn a_word_count_made_with_create_cluster_and_add_steps_runs_and_its_output_is_in_s3() {
    let mut w = World::from_scenario(&Scenario::default()).unwrap();
    run(&mut w, "aws s3api create-bucket --bucket words").unwrap();
    put(&mut w, "words", "in/a.txt", "the cat and the hat\n");
    put(&mut w, "words", "in/b.txt", "the end\n");

    let created = json_of(
        &run(&mut w, "aws emr create-cluster --name wc --release-label emr-7.5.0 --instance-type m5.xlarge --instance-count 3 --use-default-roles")
            .unwrap(),
    );
    let id = created["ClusterId"].as_str().expect("create-cluster prints ClusterId").to_string();
    assert!(created["ClusterArn"].as_str().unwrap().ends_with(&format!("cluster/{id}")));
    assert!(created.get("JobFlowId").is_none());

    let listed = json_of(&run(&mut w, "aws emr list-clusters --active").unwrap());
    assert_eq!(listed["Clusters"][0]["Id"], id.as_str());
    assert_eq!(json_of(&run(&mut w, "aws emr list-clusters --terminated").unwrap())["Clusters"], json!([]));
    let groups = json_of(&run(&mut w, &format!("aws emr list-instance-groups --cluster-id {id}")).unwrap());
    assert_eq!(groups["InstanceGroups"][1]["InstanceGroupType"], "CORE");
    assert_eq!(groups["InstanceGroups"][1]["RequestedInstanceCount"], 2, "--instance-count 3 is 1 primary + 2 core");

    let added = json_of(
        &run(
            &mut w,
            &format!("aws emr add-steps --cluster-id {id} --steps Type=CUSTOM_JAR,Name=count,Jar=/usr/lib/hadoop-mapreduce/hadoop-mapreduce-examples.jar,Args=[wordcount,s3://words/in/,s3://words/out/]"),
        )
        .unwrap(),
    );
    let step = added["StepIds"][0].as_str().expect("add-steps prints StepIds").to_string();
    let mut step_state = String::new();
    for _ in 0..400 {
        w.advance(SimDuration::from_secs(15));
        let d = json_of(&run(&mut w, &format!("aws emr describe-step --cluster-id {id} --step-id {step}")).unwrap());
        step_state = d["Step"]["Status"]["State"].as_str().unwrap().to_string();
        if step_state == "COMPLETED" || step_state == "FAILED" {
            break;
        }
    }
    assert_eq!(step_state, "COMPLETED");
    assert_eq!(state(&mut w, &id), "WAITING", "without --auto-terminate the cluster waits for more steps");

    let part = json_of(&run(&mut w, "aws s3api get-object --bucket words --key out/part-r-00000").unwrap());
    let body = base64::engine::general_purpose::STANDARD.decode(part["Body"].as_str().unwrap()).unwrap();
    let counts: Vec<String> = String::from_utf8(body).unwrap().lines().map(str::to_string).collect();
    assert_eq!(counts, ["and\t1", "cat\t1", "end\t1", "hat\t1", "the\t3"]);

    assert_eq!(run(&mut w, &format!("aws emr terminate-clusters --cluster-ids {id}")).unwrap(), "");
    w.advance(SimDuration::from_secs(300));
    assert_eq!(state(&mut w, &id), "TERMINATED");
    let err = run(&mut w, &format!("aws emr add-steps --cluster-id {id} --steps Jar=/usr/lib/hadoop-mapreduce/hadoop-mapreduce-examples.jar,Args=[wordcount,s3://words/in/,s3://words/out2/]")).unwrap_err();
    assert!(
        err.starts_with("An error occurred (ValidationException) when calling the AddJobFlowSteps operation:"),
        "{err}"
    );
}

#[test]
fn the_service_refuses_what_the_lab_does_not_model_and_unknown_clusters() {
    let mut w = World::from_scenario(&Scenario::default()).unwrap();
    let spark = run(&mut w, "aws emr create-cluster --release-label emr-7.5.0 --instance-type m5.xlarge --applications Name=Hadoop Name=Spark").unwrap_err();
    assert!(spark.contains("the application 'Spark' is not modelled"), "{spark}");
    let unknown = run(&mut w, "aws emr terminate-clusters --cluster-ids j-NOPE").unwrap_err();
    assert_eq!(
        unknown,
        "An error occurred (InvalidRequestException) when calling the TerminateJobFlows operation: Cluster id 'j-NOPE' is not valid."
    );
    let bad = run(&mut w, "aws emr list-clusters --cluster-states SLEEPING").unwrap_err();
    assert!(bad.contains("(ValidationException) when calling the ListClusters operation"), "{bad}");
}
