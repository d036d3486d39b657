//! EMR's operations by name, in the AWS JSON shapes (`ElasticMapReduce.RunJobFlow`…):
//! RunJobFlow, AddJobFlowSteps, ListSteps, DescribeStep, DescribeCluster, ListInstances,
//! ListInstanceGroups, ModifyInstanceGroups, TerminateJobFlows.

use super::api_input::*;
use super::cluster::{Cluster, ClusterConfig, ClusterState};
use super::instance_types::{instance_type, instance_type_names, InstanceType, DEFAULT_INSTANCE_TYPE};
use super::limits::BLOCK_MB_DEFAULT;
use super::node::{Market, NodeRole, NodeState};
use super::scale::DataScale;
use super::service::{Emr, StepRequest};
use super::step::{ActionOnFailure, Step, StepState};
use super::step_args;
use crate::kinesis::api::parse;
use crate::kinesis::error::{ApiError, ApiResult, ErrorType};
use crate::kinesis::limits::{ACCOUNT_ID, REGION};
use crate::stores::Stores;
use crate::time::SimTime;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The release the lab's clusters report (Hadoop 3.4 on EMR 7).
pub const RELEASE_LABEL: &str = "emr-7.5.0";
pub const HADOOP_VERSION: &str = "3.4.0";

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorType::InvalidRequestException, message)
}

fn validation(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorType::ValidationException, message)
}

fn no_cluster(id: &str) -> ApiError {
    invalid(format!("Cluster id '{id}' is not valid."))
}

fn steps_from(configs: Vec<StepConfig>) -> ApiResult<Vec<StepRequest>> {
    configs
        .into_iter()
        .map(|c| {
            let action = match c.action_on_failure.as_deref() {
                None => ActionOnFailure::Continue,
                Some(a) => ActionOnFailure::from_api(a).ok_or_else(|| {
                    validation(format!(
                        "1 validation error detected: Value '{a}' at 'steps.member.actionOnFailure' failed to satisfy constraint: Member must satisfy enum value set: [TERMINATE_JOB_FLOW, TERMINATE_CLUSTER, CANCEL_AND_WAIT, CONTINUE]"
                    ))
                })?,
            };
            let kind = step_args::parse(&c.hadoop_jar_step.jar, &c.hadoop_jar_step.args).map_err(invalid)?;
            Ok(StepRequest { name: c.name, action_on_failure: action, kind })
        })
        .collect()
}

fn config_from(input: &RunJobFlowInput) -> ApiResult<ClusterConfig> {
    let mut groups: BTreeMap<NodeRole, (&'static InstanceType, u32, Market)> = BTreeMap::new();
    for g in &input.instances.instance_groups {
        let role = match g.instance_role.as_str() {
            "MASTER" => NodeRole::Primary,
            "CORE" => NodeRole::Core,
            "TASK" => NodeRole::Task,
            other => return Err(validation(format!("Unknown InstanceRole '{other}': MASTER, CORE or TASK."))),
        };
        let itype = instance_type(&g.instance_type).ok_or_else(|| {
            validation(format!(
                "The lab offers the instance types {}; '{}' is not one of them.",
                instance_type_names().join(", "),
                g.instance_type
            ))
        })?;
        let market = match g.market.as_deref() {
            None | Some("ON_DEMAND") => Market::OnDemand,
            Some("SPOT") => Market::Spot,
            Some(other) => return Err(validation(format!("Unknown Market '{other}': ON_DEMAND or SPOT."))),
        };
        if groups.insert(role, (itype, g.instance_count, market)).is_some() {
            return Err(validation(format!("Only one {} instance group is allowed.", g.instance_role)));
        }
    }
    let default = instance_type(DEFAULT_INSTANCE_TYPE).expect("the default type is offered");
    let (primary_type, primary_count, _) =
        *groups.get(&NodeRole::Primary).ok_or_else(|| validation("A cluster needs a MASTER instance group."))?;
    let (core_type, core_count, core_market) =
        groups.get(&NodeRole::Core).copied().unwrap_or((default, 0, Market::OnDemand));
    if core_market == Market::Spot {
        return Err(validation("The lab keeps core nodes On-Demand: HDFS lives on them (use Spot for task nodes)."));
    }
    let (task_type, task_count, task_market) =
        groups.get(&NodeRole::Task).copied().unwrap_or((default, 0, Market::Spot));
    let mut replication = None;
    let mut block_mb = BLOCK_MB_DEFAULT;
    let mut scale = DataScale::default();
    for c in &input.configurations {
        for (k, v) in &c.properties {
            let number = || {
                v.parse::<u64>()
                    .map_err(|_| validation(format!("{}: {k} must be a whole number, not '{v}'", c.classification)))
            };
            match (c.classification.as_str(), k.as_str()) {
                ("hdfs-site", "dfs.replication") => replication = Some(number()? as u32),
                ("hdfs-site", "dfs.blocksize") => block_mb = number()? / (1024 * 1024),
                ("shardlab", "bytes-per-mb") => scale = DataScale::new(number()?).map_err(validation)?,
                _ => {}
            }
        }
    }
    let config = ClusterConfig {
        name: input.name.clone(),
        primary_count,
        primary_type,
        core_count,
        core_type,
        task_count,
        task_type,
        task_market,
        block_mb,
        replication,
        scale,
        auto_terminate: !input.instances.keep_job_flow_alive_when_no_steps.unwrap_or(false),
    };
    config.validate().map_err(validation)?;
    Ok(config)
}

fn cluster_arn(id: &str) -> String {
    format!("arn:aws:elasticmapreduce:{REGION}:{ACCOUNT_ID}:cluster/{id}")
}

fn step_json(step: &Step, epoch: &dyn Fn(SimTime) -> f64) -> Value {
    let (jar, args) = step_args::render(&step.kind);
    let mut timeline = json!({ "CreationDateTime": epoch(step.created) });
    if let Some(t) = step.started {
        timeline["StartDateTime"] = json!(epoch(t));
    }
    if let Some(t) = step.ended {
        timeline["EndDateTime"] = json!(epoch(t));
    }
    let mut status = json!({ "State": step.state.api_name(), "StateChangeReason": {}, "Timeline": timeline });
    if let Some(reason) = &step.failure {
        status["FailureDetails"] = json!({
            "Reason": reason.split(':').next().unwrap_or(reason),
            "Message": reason,
            "LogFile": format!("s3://aws-logs-{ACCOUNT_ID}-{REGION}/elasticmapreduce/steps/{}/", step.id),
        });
    }
    json!({
        "Id": step.id,
        "Name": step.name,
        "Config": { "Jar": jar, "Properties": {}, "Args": args },
        "ActionOnFailure": step.action_on_failure.api_name(),
        "Status": status,
    })
}

/// A cluster's Status as DescribeCluster and ListClusters give it: state, why it is in it,
/// and when it was created, ready and ended.
fn cluster_status(c: &Cluster, epoch: &impl Fn(SimTime) -> f64) -> Value {
    let mut timeline = json!({ "CreationDateTime": epoch(c.created) });
    if !matches!(c.state, ClusterState::Starting | ClusterState::Bootstrapping) {
        timeline["ReadyDateTime"] =
            json!(epoch(c.created + super::limits::STARTING_FOR + super::limits::BOOTSTRAPPING_FOR));
    }
    if c.state.is_terminal() {
        timeline["EndDateTime"] = json!(epoch(c.state_since));
    }
    let reason = match (&c.state_reason, c.state) {
        (Some(r), _) if r.starts_with("Step failure") => json!({ "Code": "STEP_FAILURE", "Message": r }),
        (Some(r), _) if r.starts_with("All steps") => {
            json!({ "Code": "ALL_STEPS_COMPLETED", "Message": "Steps completed" })
        }
        (Some(r), _) => json!({ "Code": "USER_REQUEST", "Message": r }),
        (None, ClusterState::Waiting) => json!({ "Message": "Cluster ready to run steps." }),
        _ => json!({}),
    };
    json!({ "State": c.state.api_name(), "StateChangeReason": reason, "Timeline": timeline })
}

fn group_state(c: &Cluster) -> &'static str {
    match c.state {
        ClusterState::Starting => "PROVISIONING",
        ClusterState::Bootstrapping => "BOOTSTRAPPING",
        ClusterState::Running | ClusterState::Waiting => "RUNNING",
        ClusterState::Terminating => "TERMINATING",
        _ => "ENDED",
    }
}

impl Emr {
    /// Calls an EMR operation by name with its JSON input.
    pub fn call(
        &mut self,
        now: SimTime,
        epoch_ms: u64,
        stores: &mut Stores,
        op: &str,
        input: Value,
    ) -> ApiResult<Value> {
        let epoch = move |t: SimTime| (epoch_ms + t.as_millis()) as f64 / 1_000.0;
        match op {
            "RunJobFlow" => {
                let i: RunJobFlowInput = parse(input)?;
                if let Some(label) = &i.release_label {
                    if !label.starts_with("emr-") {
                        return Err(validation(format!("The release label '{label}' is not valid.")));
                    }
                }
                // The lab models Hadoop (MapReduce and Streaming): a cluster asking for Spark or
                // Hive would be accepted by EMR, and would then run what the lab cannot show.
                if let Some(app) = i.applications.iter().find(|a| !a.name.eq_ignore_ascii_case("Hadoop")) {
                    return Err(validation(format!(
                        "The lab's clusters run Hadoop (MapReduce and Hadoop Streaming) only; the application '{}' is not modelled.",
                        app.name
                    )));
                }
                let config = config_from(&i)?;
                let steps = steps_from(i.steps)?;
                let id = self.run_job_flow(now, config, steps).map_err(validation)?;
                Ok(json!({ "JobFlowId": id, "ClusterArn": cluster_arn(&id) }))
            }
            "AddJobFlowSteps" => {
                let i: AddStepsInput = parse(input)?;
                if !self.clusters.contains_key(&i.job_flow_id) {
                    return Err(no_cluster(&i.job_flow_id));
                }
                let steps = steps_from(i.steps)?;
                let ids = self.add_job_flow_steps(now, &i.job_flow_id, steps, stores).map_err(validation)?;
                Ok(json!({ "StepIds": ids }))
            }
            "DescribeCluster" => {
                let i: ClusterInput = parse(input)?;
                let c = self.cluster(&i.cluster_id).ok_or_else(|| no_cluster(&i.cluster_id))?;
                Ok(json!({ "Cluster": {
                    "Id": c.id,
                    "Name": c.config.name,
                    "Status": cluster_status(c, &epoch),
                    "ReleaseLabel": RELEASE_LABEL,
                    "Applications": [{ "Name": "Hadoop", "Version": HADOOP_VERSION }],
                    "AutoTerminate": c.config.auto_terminate,
                    "InstanceCollectionType": "INSTANCE_GROUP",
                    "ClusterArn": cluster_arn(&c.id),
                    "Configurations": [{ "Classification": "hdfs-site", "Properties": {
                        "dfs.replication": c.hdfs.replication.to_string(),
                        "dfs.blocksize": (c.config.block_mb * 1024 * 1024).to_string(),
                    }}, { "Classification": "shardlab", "Properties": {
                        "bytes-per-mb": c.config.scale.bytes_per_mb.to_string(),
                    }}],
                }}))
            }
            "ListClusters" => {
                let i: ListClustersInput = parse(input)?;
                let states = ClusterState::ALL.map(ClusterState::api_name);
                if let Some(bad) = i.cluster_states.iter().find(|s| !states.contains(&s.as_str())) {
                    return Err(validation(format!(
                        "1 validation error detected: Value '[{bad}]' at 'clusterStates' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [{}]]",
                        states.join(", ")
                    )));
                }
                // Newest first, as EMR lists them.
                let mut clusters: Vec<&Cluster> = self
                    .clusters
                    .values()
                    .filter(|c| i.cluster_states.is_empty() || i.cluster_states.iter().any(|s| s == c.state.api_name()))
                    .collect();
                clusters.sort_by(|a, b| b.created.cmp(&a.created).then_with(|| b.id.cmp(&a.id)));
                let clusters: Vec<Value> = clusters
                    .into_iter()
                    .map(|c| {
                        json!({
                            "Id": c.id,
                            "Name": c.config.name,
                            "Status": cluster_status(c, &epoch),
                            "ClusterArn": cluster_arn(&c.id),
                        })
                    })
                    .collect();
                Ok(json!({ "Clusters": clusters }))
            }
            "ListSteps" => {
                let i: ClusterInput = parse(input)?;
                let c = self.cluster(&i.cluster_id).ok_or_else(|| no_cluster(&i.cluster_id))?;
                // Newest first, as EMR lists them.
                let steps: Vec<Value> = c
                    .steps
                    .iter()
                    .rev()
                    .filter(|s| i.step_states.is_empty() || i.step_states.iter().any(|st| st == s.state.api_name()))
                    .map(|s| {
                        let mut v = step_json(s, &epoch);
                        v.as_object_mut().expect("an object").remove("Config");
                        v
                    })
                    .collect();
                Ok(json!({ "Steps": steps }))
            }
            "DescribeStep" => {
                let i: StepInput = parse(input)?;
                let c = self.cluster(&i.cluster_id).ok_or_else(|| no_cluster(&i.cluster_id))?;
                let s = c
                    .steps
                    .iter()
                    .find(|s| s.id == i.step_id)
                    .ok_or_else(|| invalid(format!("Step id '{}' is not valid.", i.step_id)))?;
                Ok(json!({ "Step": step_json(s, &epoch) }))
            }
            "ListInstanceGroups" => {
                let i: ClusterInput = parse(input)?;
                let c = self.cluster(&i.cluster_id).ok_or_else(|| no_cluster(&i.cluster_id))?;
                let groups: Vec<Value> = [NodeRole::Primary, NodeRole::Core, NodeRole::Task]
                    .into_iter()
                    .map(|role| {
                        let nodes: Vec<_> = c.nodes.iter().filter(|n| n.role == role).collect();
                        let requested = nodes
                            .iter()
                            .filter(|n| matches!(n.state, NodeState::Running | NodeState::Provisioning { .. }))
                            .count();
                        let running = nodes
                            .iter()
                            .filter(|n| !n.is_gone() && !matches!(n.state, NodeState::Provisioning { .. }))
                            .count();
                        let (itype, market) = match role {
                            NodeRole::Primary => (c.config.primary_type, Market::OnDemand),
                            NodeRole::Core => (c.config.core_type, Market::OnDemand),
                            NodeRole::Task => (c.config.task_type, c.config.task_market),
                        };
                        json!({
                            "Id": c.group_ids[&role],
                            "Name": format!("{} instance group", role.api_name()),
                            "Market": market.api_name(),
                            "InstanceGroupType": role.api_name(),
                            "InstanceType": itype.name,
                            "RequestedInstanceCount": requested,
                            "RunningInstanceCount": running,
                            "Status": { "State": group_state(c) },
                        })
                    })
                    .collect();
                Ok(json!({ "InstanceGroups": groups }))
            }
            "ListInstances" => {
                let i: ClusterInput = parse(input)?;
                let c = self.cluster(&i.cluster_id).ok_or_else(|| no_cluster(&i.cluster_id))?;
                let instances: Vec<Value> = c
                    .nodes
                    .iter()
                    .filter(|n| {
                        i.instance_group_types.is_empty()
                            || i.instance_group_types.iter().any(|t| t == n.role.api_name())
                    })
                    .map(|n| {
                        let mut status = json!({ "State": n.api_state(), "StateChangeReason": {} });
                        if let NodeState::Terminated { reason, .. } = &n.state {
                            status["StateChangeReason"] = json!({ "Code": match reason {
                                super::node::Gone::SpotReclaimed => "INSTANCE_FAILURE",
                                super::node::Gone::InstanceFailure => "INSTANCE_FAILURE",
                                super::node::Gone::Decommissioned => "CLUSTER_TERMINATED",
                                super::node::Gone::ClusterTerminated => "CLUSTER_TERMINATED",
                            }, "Message": format!("{reason:?}") });
                        }
                        json!({
                            "Id": format!("ci-{}", &n.ec2_id[2..15].to_uppercase()),
                            "Ec2InstanceId": n.ec2_id,
                            "Status": status,
                            "InstanceGroupId": c.group_ids[&n.role],
                            "Market": n.market.api_name(),
                            "InstanceType": n.instance_type.name,
                        })
                    })
                    .collect();
                Ok(json!({ "Instances": instances }))
            }
            "ModifyInstanceGroups" => {
                let i: ModifyInput = parse(input)?;
                let c = self.cluster(&i.cluster_id).ok_or_else(|| no_cluster(&i.cluster_id))?;
                let mut changes = Vec::new();
                for g in &i.instance_groups {
                    let role =
                        c.group_ids.iter().find(|(_, id)| **id == g.instance_group_id).map(|(r, _)| *r).ok_or_else(
                            || invalid(format!("Instance group id '{}' is not valid.", g.instance_group_id)),
                        )?;
                    changes.push((role, g.instance_count));
                }
                for (role, count) in changes {
                    self.resize(now, &i.cluster_id, role, count).map_err(validation)?;
                }
                Ok(json!({}))
            }
            "TerminateJobFlows" => {
                let i: TerminateInput = parse(input)?;
                for id in &i.job_flow_ids {
                    if !self.clusters.contains_key(id) {
                        return Err(no_cluster(id));
                    }
                }
                for id in &i.job_flow_ids {
                    self.terminate(now, id).map_err(validation)?;
                }
                Ok(json!({}))
            }
            other => Err(ApiError::new(ErrorType::UnknownOperationException, format!("EMR has no operation {other}."))),
        }
    }
}

/// Whether a step is over (COMPLETED, FAILED or CANCELLED).
pub fn step_is_over(state: StepState) -> bool {
    matches!(state, StepState::Completed | StepState::Failed | StepState::Cancelled)
}
