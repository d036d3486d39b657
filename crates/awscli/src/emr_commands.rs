//! The `aws emr` subcommands the AWS CLI writes by hand rather than deriving from an
//! operation: `create-cluster` (RunJobFlow), `add-steps` (AddJobFlowSteps),
//! `terminate-clusters` (TerminateJobFlows) and `list-clusters` (ListClusters). They take
//! the CLI's own options and shorthand (`--instance-type m5.xlarge --instance-count 3`,
//! `--steps Type=STREAMING,Args=[…]`), build the request the way the CLI's EMR
//! customizations do (awscli/customizations/emr: createcluster.py, steputils.py,
//! instancegroupsutils.py), and refuse what they refuse with their messages.

use crate::model::ParamType as T;
use crate::model::{Customization, Member, Operation, Param};
use serde_json::{json, Map, Value};

const STEP: &[Member] = &[
    Member::new("Type", T::String),
    Member::new("Name", T::String),
    Member::new("ActionOnFailure", T::String),
    Member::new("Jar", T::String),
    Member::new("MainClass", T::String),
    Member::new("Args", T::Strings),
];

const INSTANCE_GROUP: &[Member] = &[
    Member::new("Name", T::String),
    Member::new("InstanceGroupType", T::String),
    Member::new("InstanceType", T::String),
    Member::new("InstanceCount", T::Integer),
    Member::new("BidPrice", T::String),
];

const APPLICATION: &[Member] = &[Member::new("Name", T::String), Member::new("Args", T::Strings)];

const CONFIGURATION: &[Member] =
    &[Member::new("Classification", T::String), Member::new("Properties", T::Map(&T::String))];

/// What the CLI names a cluster nobody named.
const DEFAULT_CLUSTER_NAME: &str = "Development Cluster";
/// The roles `--use-default-roles` stands for (those `aws emr create-default-roles` makes).
const EMR_DEFAULT_ROLE: &str = "EMR_DefaultRole";
const EC2_DEFAULT_ROLE: &str = "EMR_EC2_DefaultRole";
/// The JAR that runs a command on the primary node, which every step type but a custom JAR
/// goes through on a release-label cluster.
const COMMAND_RUNNER: &str = "command-runner.jar";

pub(crate) const CUSTOMIZATIONS: &[Customization] = &[
    Customization {
        cli_name: "create-cluster",
        operation: Operation {
            name: "RunJobFlow",
            params: &[
                Param::optional("Name", T::String),
                Param::required("ReleaseLabel", T::String),
                Param::optional("InstanceType", T::String),
                Param::optional("InstanceCount", T::Integer),
                Param::optional("InstanceGroups", T::List(INSTANCE_GROUP)),
                Param::optional("AutoTerminate", T::Boolean),
                Param::optional("Applications", T::List(APPLICATION)),
                Param::optional("Steps", T::List(STEP)),
                Param::optional("Configurations", T::List(CONFIGURATION)),
                Param::optional("UseDefaultRoles", T::Boolean),
                Param::optional("ServiceRole", T::String),
                Param::optional("LogUri", T::String),
            ],
        },
        build: create_cluster,
        present: cluster_created,
    },
    Customization {
        cli_name: "add-steps",
        operation: Operation {
            name: "AddJobFlowSteps",
            params: &[Param::required("ClusterId", T::String), Param::required("Steps", T::List(STEP))],
        },
        build: add_steps,
        present: as_answered,
    },
    Customization {
        cli_name: "terminate-clusters",
        operation: Operation { name: "TerminateJobFlows", params: &[Param::required("ClusterIds", T::Strings)] },
        build: terminate_clusters,
        present: as_answered,
    },
    Customization {
        cli_name: "list-clusters",
        operation: Operation {
            name: "ListClusters",
            params: &[
                Param::optional("ClusterStates", T::Strings),
                Param::optional("Active", T::Boolean),
                Param::optional("Terminated", T::Boolean),
                Param::optional("Failed", T::Boolean),
            ],
        },
        build: list_clusters,
        present: as_answered,
    },
];

fn as_answered(answer: Value) -> Value {
    answer
}

/// create-cluster prints the new cluster as `ClusterId` and `ClusterArn`.
fn cluster_created(answer: Value) -> Value {
    match answer.get("JobFlowId") {
        Some(id) => json!({ "ClusterId": id, "ClusterArn": answer.get("ClusterArn").cloned().unwrap_or(Value::Null) }),
        None => json!({}),
    }
}

fn text(options: &Map<String, Value>, name: &str) -> Option<String> {
    options.get(name).and_then(Value::as_str).map(str::to_string)
}

fn flag(options: &Map<String, Value>, name: &str) -> bool {
    options.get(name).and_then(Value::as_bool).unwrap_or(false)
}

fn create_cluster(options: Map<String, Value>) -> Result<Value, String> {
    let mut params = Map::new();
    params.insert("Name".into(), json!(text(&options, "Name").unwrap_or_else(|| DEFAULT_CLUSTER_NAME.into())));
    params.insert("ReleaseLabel".into(), json!(text(&options, "ReleaseLabel")));
    if let Some(uri) = text(&options, "LogUri") {
        params.insert("LogUri".into(), json!(uri));
    }
    let mut service_role = text(&options, "ServiceRole");
    if flag(&options, "UseDefaultRoles") {
        service_role = Some(EMR_DEFAULT_ROLE.into());
        params.insert("JobFlowRole".into(), json!(EC2_DEFAULT_ROLE));
    }
    if let Some(role) = service_role {
        params.insert("ServiceRole".into(), json!(role));
    }
    // Without --auto-terminate the cluster waits for more steps (--no-auto-terminate).
    let keep_alive = !options.get("AutoTerminate").and_then(Value::as_bool).unwrap_or(false);
    params.insert(
        "Instances".into(),
        json!({ "InstanceGroups": instance_groups(&options)?, "KeepJobFlowAliveWhenNoSteps": keep_alive }),
    );
    params.insert("VisibleToAllUsers".into(), json!(true));
    let applications = options.get("Applications").and_then(Value::as_array).cloned().unwrap_or_default();
    if let Some(steps) = options.get("Steps").and_then(Value::as_array) {
        require_step_applications(steps, &applications)?;
        params.insert("Steps".into(), Value::Array(steps.iter().map(step_config).collect::<Result<_, _>>()?));
    }
    if !applications.is_empty() {
        params.insert("Applications".into(), Value::Array(applications));
    }
    if let Some(configurations) = options.get("Configurations") {
        params.insert("Configurations".into(), configurations.clone());
    }
    Ok(Value::Object(params))
}

/// `--instance-groups`, or the shortcut `--instance-type` (and `--instance-count`): one
/// primary node and the rest as core nodes.
fn instance_groups(options: &Map<String, Value>) -> Result<Value, String> {
    let groups = options.get("InstanceGroups").and_then(Value::as_array);
    let itype = text(options, "InstanceType");
    let count = options.get("InstanceCount").and_then(Value::as_i64);
    let shortcut_given = options.contains_key("InstanceType") || count.is_some();
    match (groups, itype) {
        (None, None) => Err("aws: error: Must specify either --instance-groups or --instance-type with --instance-count(optional) to configure instance groups.".into()),
        (Some(_), _) if shortcut_given => Err(
            "aws: error: You may not specify --instance-type or --instance-count with --instance-groups, because --instance-type and --instance-count are shortcut options for --instance-groups.".into(),
        ),
        (Some(groups), _) => groups.iter().map(instance_group).collect::<Result<Vec<_>, _>>().map(Value::Array),
        (None, Some(itype)) => {
            let group = |role: &str, n: i64| {
                json!({ "InstanceType": itype, "InstanceCount": n, "InstanceRole": role, "Name": role, "Market": "ON_DEMAND" })
            };
            let mut out = vec![group("MASTER", 1)];
            if let Some(n) = count.filter(|n| *n > 1) {
                out.push(group("CORE", n - 1));
            }
            Ok(Value::Array(out))
        }
    }
}

/// One `--instance-groups` item as an InstanceGroupConfig: a bid price makes it Spot.
fn instance_group(item: &Value) -> Result<Value, String> {
    let missing: Vec<&str> =
        ["InstanceGroupType", "InstanceType", "InstanceCount"].into_iter().filter(|k| item.get(*k).is_none()).collect();
    if !missing.is_empty() {
        return Err(format!(
            "aws: error: The following required parameters are missing for InstanceGroupConfig: {}.",
            missing.join(", ")
        ));
    }
    let kind = item["InstanceGroupType"].as_str().unwrap_or_default().to_ascii_uppercase();
    let mut config = json!({
        "Name": item.get("Name").cloned().unwrap_or_else(|| item["InstanceGroupType"].clone()),
        "InstanceType": item["InstanceType"],
        "InstanceCount": item["InstanceCount"],
        "InstanceRole": kind,
        "Market": "ON_DEMAND",
    });
    if let Some(bid) = item.get("BidPrice") {
        config["BidPrice"] = bid.clone();
        config["Market"] = json!("SPOT");
    }
    Ok(config)
}

/// The step types the CLI builds, lowercased as it compares them.
fn step_type(step: &Value) -> String {
    step.get("Type").and_then(Value::as_str).unwrap_or("CUSTOM_JAR").to_ascii_lowercase()
}

/// Hive and Pig steps need their application on the cluster; the CLI says so before calling.
fn require_step_applications(steps: &[Value], applications: &[Value]) -> Result<(), String> {
    let installed: Vec<String> = applications
        .iter()
        .filter_map(|a| a.get("Name").and_then(Value::as_str))
        .map(str::to_ascii_lowercase)
        .collect();
    let mut missing: Vec<&str> = Vec::new();
    for step in steps {
        let (kind, title) = match step_type(step).as_str() {
            "hive" => ("hive", "Hive"),
            "pig" => ("pig", "Pig"),
            _ => continue,
        };
        if !installed.iter().any(|a| a == kind) && !missing.contains(&title) {
            missing.push(title);
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    Err(format!(
        "aws: error: Some of the steps require the following applications to be installed: {}. Please install the applications using --applications.",
        missing.join(", ")
    ))
}

/// One `--steps` item as a StepConfig, as steputils.py builds it: a custom JAR runs as given;
/// streaming, Spark, Hive and Pig steps run through command-runner.jar.
fn step_config(step: &Value) -> Result<Value, String> {
    let kind = step_type(step);
    let args: Option<Vec<Value>> = step.get("Args").and_then(Value::as_array).cloned();
    let required_args = |structure: &str| match &args {
        Some(a) if !a.is_empty() => Ok(a.clone()),
        Some(_) => Err("aws: error: Args cannot be an empty list.".to_string()),
        None => Err(format!("aws: error: The following required parameters are missing for {structure}: Args.")),
    };
    let (default_name, jar, args) = match kind.as_str() {
        "custom_jar" => {
            let jar = step.get("Jar").and_then(Value::as_str).ok_or(
                "aws: error: The following required parameters are missing for CustomJARStepConfig: Jar.".to_string(),
            )?;
            ("Custom JAR", jar.to_string(), args)
        }
        "streaming" => (
            "Streaming program",
            COMMAND_RUNNER.into(),
            Some(prefixed(&["hadoop-streaming"], required_args("StreamingStepConfig")?)),
        ),
        "spark" => (
            "Spark application",
            COMMAND_RUNNER.into(),
            Some(prefixed(&["spark-submit"], required_args("SparkStepConfig")?)),
        ),
        "hive" => (
            "Hive program",
            COMMAND_RUNNER.into(),
            Some(prefixed(&["hive-script", "--run-hive-script", "--args"], required_args("HiveStepConfig")?)),
        ),
        "pig" => (
            "Pig program",
            COMMAND_RUNNER.into(),
            Some(prefixed(&["pig-script", "--run-pig-script", "--args"], required_args("PigStepConfig")?)),
        ),
        other => return Err(format!("aws: error: The step type {other} is not supported.")),
    };
    let mut hadoop_jar_step = json!({ "Jar": jar });
    if let Some(args) = args {
        hadoop_jar_step["Args"] = Value::Array(args);
    }
    if let (Some(main_class), "custom_jar") = (step.get("MainClass"), kind.as_str()) {
        hadoop_jar_step["MainClass"] = main_class.clone();
    }
    Ok(json!({
        "Name": step.get("Name").cloned().unwrap_or_else(|| json!(default_name)),
        "ActionOnFailure": step.get("ActionOnFailure").cloned().unwrap_or_else(|| json!("CONTINUE")),
        "HadoopJarStep": hadoop_jar_step,
    }))
}

fn prefixed(first: &[&str], rest: Vec<Value>) -> Vec<Value> {
    first.iter().map(|a| json!(a)).chain(rest).collect()
}

fn add_steps(options: Map<String, Value>) -> Result<Value, String> {
    let steps = options.get("Steps").and_then(Value::as_array).cloned().unwrap_or_default();
    let steps: Vec<Value> = steps.iter().map(step_config).collect::<Result<_, _>>()?;
    Ok(json!({ "JobFlowId": options.get("ClusterId"), "Steps": steps }))
}

fn terminate_clusters(options: Map<String, Value>) -> Result<Value, String> {
    Ok(json!({ "JobFlowIds": options.get("ClusterIds") }))
}

/// `--active`, `--terminated` and `--failed` are shortcuts for sets of `--cluster-states`;
/// only one filter may be given.
fn list_clusters(options: Map<String, Value>) -> Result<Value, String> {
    let mut filters: Vec<Value> = Vec::new();
    if let Some(states) = options.get("ClusterStates") {
        filters.push(states.clone());
    }
    let shortcuts: [(&str, &[&str]); 3] = [
        ("Active", &["STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING", "TERMINATING"]),
        ("Terminated", &["TERMINATED"]),
        ("Failed", &["TERMINATED_WITH_ERRORS"]),
    ];
    for (name, states) in shortcuts {
        if flag(&options, name) {
            filters.push(json!(states));
        }
    }
    match filters.len() {
        0 => Ok(json!({})),
        1 => Ok(json!({ "ClusterStates": filters.remove(0) })),
        _ => Err("aws: error: You can specify only one of the cluster state filters: --cluster-states, --active, --terminated, --failed.".into()),
    }
}

#[cfg(test)]
mod tests;
