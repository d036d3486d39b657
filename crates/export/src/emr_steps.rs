//! A map step's run as real EMR takes it: the steps the lab's Run button adds to its cluster
//! (an `s3-dist-cp` copy into HDFS first when the job reads HDFS, then the MapReduce step),
//! each a JAR and its arguments, and what must be supplied for them to run on AWS.

use shardlab_sim::emr::step::StepKind;
use shardlab_sim::emr::step_args::{self, LAB_JAR};
use shardlab_sim::pipeline::emr_run_plan::{RunRefusal, StepPlan};
use shardlab_sim::Scenario;

/// One step as AddJobFlowSteps and `AWS::EMR::Step` take it.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportedStep {
    pub name: String,
    pub action_on_failure: &'static str,
    pub jar: String,
    pub args: Vec<String>,
}

/// The first run of the map step `map_id`: the plan and its steps, in order.
pub fn first_run(scenario: &Scenario, map_id: &str) -> Result<(StepPlan, Vec<ExportedStep>), RunRefusal> {
    let plan = scenario.map_step_plan(map_id, 1)?;
    let steps = plan
        .step_requests()
        .into_iter()
        .map(|r| {
            let (jar, args) = step_args::render(&r.kind);
            ExportedStep { name: r.name, action_on_failure: r.action_on_failure.api_name(), jar, args }
        })
        .collect();
    Ok((plan, steps))
}

/// What the lab supplies that AWS does not, for a run: each a sentence for a comment.
pub fn to_supply(plan: &StepPlan, label: &str) -> Vec<String> {
    let mut notes = Vec::new();
    if plan.script_code().is_some() {
        notes.push(format!(
            "{label}: its job is the lab's script (Rhai); port it to a Hadoop Streaming program (its mapper and reducer) and upload it as s3://{}/{} (the step's -files)",
            plan.script_bucket,
            plan.script_key()
        ));
    }
    for request in plan.step_requests() {
        if let StepKind::MapReduce(spec) = &request.kind {
            if step_args::render(&request.kind).0 == LAB_JAR {
                notes.push(format!(
                    "{label}: the job {} is in the lab's {LAB_JAR}, which EMR does not have; build a JAR with that job and name it in the step",
                    spec.program.name()
                ));
            }
        }
    }
    for uri in [&plan.input_uri, &plan.output_uri] {
        if !uri.starts_with("s3://") {
            notes.push(format!(
                "{label}: {uri} is the lab's name for a table; on EMR a job reaches DynamoDB through the EMR DynamoDB connector and Redshift through UNLOAD and COPY"
            ));
        }
    }
    notes
}
