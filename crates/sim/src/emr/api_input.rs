//! EMR's request shapes as AWS's JSON has them (RunJobFlow's instances, steps and
//! configurations, and the other operations' inputs), which `api` reads into the model.

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct HadoopJarStep {
    pub(super) jar: String,
    #[serde(default)]
    pub(super) args: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct StepConfig {
    pub(super) name: String,
    #[serde(default)]
    pub(super) action_on_failure: Option<String>,
    pub(super) hadoop_jar_step: HadoopJarStep,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct GroupConfig {
    pub(super) instance_role: String,
    pub(super) instance_type: String,
    pub(super) instance_count: u32,
    #[serde(default)]
    pub(super) market: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct Instances {
    #[serde(default)]
    pub(super) instance_groups: Vec<GroupConfig>,
    #[serde(default)]
    pub(super) keep_job_flow_alive_when_no_steps: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct Configuration {
    pub(super) classification: String,
    #[serde(default)]
    pub(super) properties: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct RunJobFlowInput {
    pub(super) name: String,
    #[serde(default)]
    pub(super) release_label: Option<String>,
    pub(super) instances: Instances,
    #[serde(default)]
    pub(super) steps: Vec<StepConfig>,
    #[serde(default)]
    pub(super) configurations: Vec<Configuration>,
    #[serde(default)]
    pub(super) applications: Vec<Application>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct Application {
    pub(super) name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct AddStepsInput {
    pub(super) job_flow_id: String,
    pub(super) steps: Vec<StepConfig>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct ClusterInput {
    pub(super) cluster_id: String,
    #[serde(default)]
    pub(super) step_states: Vec<String>,
    #[serde(default)]
    pub(super) instance_group_types: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct ListClustersInput {
    #[serde(default)]
    pub(super) cluster_states: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct StepInput {
    pub(super) cluster_id: String,
    pub(super) step_id: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct GroupModify {
    pub(super) instance_group_id: String,
    pub(super) instance_count: u32,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct ModifyInput {
    pub(super) cluster_id: String,
    pub(super) instance_groups: Vec<GroupModify>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct TerminateInput {
    pub(super) job_flow_ids: Vec<String>,
}
