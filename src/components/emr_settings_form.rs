//! The settings of the EMR family's components as form fields: a cluster's nodes and HDFS,
//! a map step's job (a built-in one, or a script with its editor), input and faults, a
//! reduce step's reducers and output folder, a DynamoDB table's keys.

use crate::components::fields::{CheckField, NumberField, SelectField, TextField};
use crate::i18n::{fill, Lang};
use crate::i18n_emr::TE;
use shardlab_sim::emr::builtin_job::BuiltinJob;
use shardlab_sim::emr::instance_types::INSTANCE_TYPES;
use shardlab_sim::emr::replication::default_replication;
use shardlab_sim::pipeline::emr_settings::*;
use shardlab_sim::scenario::ComponentKind;
use yew::prelude::*;

fn opt(value: &str, text: &str) -> (AttrValue, AttrValue) {
    (AttrValue::from(value.to_string()), AttrValue::from(text.to_string()))
}

/// How the page names a built-in job.
pub fn job_name(job: BuiltinJob) -> TE {
    match job {
        BuiltinJob::Wordcount => TE::JobWordcount,
        BuiltinJob::PageviewsPerHour => TE::JobPageviews,
        BuiltinJob::LogLevels => TE::JobLogLevels,
        BuiltinJob::InvertedIndex => TE::JobInvertedIndex,
        BuiltinJob::TopN => TE::JobTopN,
        BuiltinJob::AverageByKey => TE::JobAverage,
    }
}

const SCRIPT: &str = "script";

/// The fields for `kind`, or None if it is not one of the EMR family.
pub fn emr_fields(lang: Lang, kind: &ComponentKind, on_change: &Callback<ComponentKind>) -> Option<Html> {
    macro_rules! edit {
        ($($rest:tt)*) => { crate::components::fields::edit_setting!(kind, on_change, $($rest)*) };
    }
    let count = |v: f64| v.clamp(0.0, u32::MAX as f64) as u32;
    Some(match kind {
        ComponentKind::EmrCluster(s) => {
            let types: Vec<_> = INSTANCE_TYPES
                .iter()
                .map(|t| opt(t.name, &format!("{} · {} vCPU · {} GiB", t.name, t.vcpu, t.memory_mib / 1024)))
                .collect();
            let replication = s.replication.map(|r| r.to_string()).unwrap_or_else(|| "auto".into());
            let auto = fill(TE::ReplicationAuto.t(lang), &[&default_replication(s.core_count)]);
            let market = if s.task_market == TaskMarket::Spot { "spot" } else { "on_demand" };
            html! { <>
                <TextField label={TE::ClusterNameField.t(lang)} value={s.name.clone()}
                           on_change={edit!(EmrCluster, |s, v: String| s.name = v.trim().to_string())} />
                <SelectField label={TE::PrimaryNodes.t(lang)} value={s.primary_count.to_string()}
                    options={vec![opt("1", "1"), opt("3", TE::PrimaryHa.t(lang))]}
                    on_change={edit!(EmrCluster, |s, v: String| s.primary_count = v.parse().unwrap_or(1))} />
                <SelectField label={TE::InstanceTypeField.t(lang)} value={s.instance_type.clone()} options={types}
                    on_change={edit!(EmrCluster, |s, v: String| s.instance_type = v)} />
                <NumberField label={TE::CoreNodes.t(lang)} value={s.core_count as f64} step={"1"}
                             on_change={edit!(EmrCluster, |s, v: f64| s.core_count = count(v))} />
                <NumberField label={TE::TaskNodes.t(lang)} value={s.task_count as f64} step={"1"}
                             on_change={edit!(EmrCluster, |s, v: f64| s.task_count = count(v))} />
                <SelectField label={TE::TaskMarketField.t(lang)} value={market}
                    options={vec![opt("on_demand", TE::MarketOnDemand.t(lang)), opt("spot", TE::MarketSpot.t(lang))]}
                    on_change={edit!(EmrCluster, |s, v: String| s.task_market = if v == "spot" { TaskMarket::Spot } else { TaskMarket::OnDemand })} />
                <SelectField label={TE::ReplicationField.t(lang)} value={replication}
                    options={vec![opt("auto", &auto), opt("1", "1"), opt("2", "2"), opt("3", "3")]}
                    on_change={edit!(EmrCluster, |s, v: String| s.replication = v.parse().ok())} />
                <NumberField label={TE::BlockMbField.t(lang)} value={s.block_mb as f64} step={"1"}
                             on_change={edit!(EmrCluster, |s, v: f64| s.block_mb = v.max(0.0) as u64)} />
                <NumberField label={TE::BytesPerMbField.t(lang)} value={s.bytes_per_mb as f64} step={"1"}
                             on_change={edit!(EmrCluster, |s, v: f64| s.bytes_per_mb = v.max(0.0) as u64)} />
                <p class="hint scale-note">{fill(TE::ScaleNote.t(lang), &[&s.bytes_per_mb])}</p>
                <CheckField label={TE::AutoTerminateField.t(lang)} checked={s.auto_terminate}
                            on_change={edit!(EmrCluster, |s, v: bool| s.auto_terminate = v)} />
            </> }
        }
        ComponentKind::MapStep(s) => {
            let mut jobs: Vec<_> = BuiltinJob::ALL.iter().map(|&j| opt(j.name(), job_name(j).t(lang))).collect();
            jobs.push(opt(SCRIPT, TE::JobScript.t(lang)));
            let (job, code) = match &s.program {
                StepProgram::Builtin { job } => (job.name(), None),
                StepProgram::Script { code } => (SCRIPT, Some(code.clone())),
            };
            let from = if s.input_from == InputSource::S3 { "s3" } else { "hdfs" };
            html! { <>
                <SelectField label={TE::JobField.t(lang)} value={job} options={jobs}
                    on_change={edit!(MapStep, |s, v: String| s.program = match BuiltinJob::from_name(&v) {
                        Some(job) => StepProgram::Builtin { job },
                        // The script starts as the job that was chosen, where a template has it.
                        None => StepProgram::Script { code: template_for(&s.program).to_string() },
                    })} />
                if let Some(code) = code {
                    <crate::components::job_script_editor::JobScriptEditor {lang} {code}
                        on_change={edit!(MapStep, |s, v: String| s.program = StepProgram::Script { code: v })} />
                }
                <TextField label={TE::InputPrefixField.t(lang)} value={s.input_prefix.clone()}
                           on_change={edit!(MapStep, |s, v: String| s.input_prefix = v.trim().to_string())} />
                <SelectField label={TE::InputFromField.t(lang)} value={from}
                    options={vec![opt("hdfs", TE::InputFromHdfs.t(lang)), opt("s3", TE::InputFromS3.t(lang))]}
                    on_change={edit!(MapStep, |s, v: String| s.input_from = if v == "s3" { InputSource::S3 } else { InputSource::Hdfs })} />
                <CheckField label={TE::CombinerField.t(lang)} checked={s.combiner}
                            on_change={edit!(MapStep, |s, v: bool| s.combiner = v)} />
                <CheckField label={TE::SpeculativeField.t(lang)} checked={s.speculative}
                            on_change={edit!(MapStep, |s, v: bool| s.speculative = v)} />
                <TextField label={TE::FailTasksField.t(lang)} value={format_fail_tasks(&s.fail_tasks)}
                           on_change={edit!(MapStep, |s, v: String| s.fail_tasks = parse_fail_tasks(&v))} />
            </> }
        }
        ComponentKind::ReduceStep(s) => html! { <>
            <NumberField label={TE::ReducersField.t(lang)} value={s.reducers as f64} step={"1"}
                         on_change={edit!(ReduceStep, |s, v: f64| s.reducers = count(v))} />
            <TextField label={TE::OutputPrefixField.t(lang)} value={s.output_prefix.clone()}
                       on_change={edit!(ReduceStep, |s, v: String| s.output_prefix = v.trim().to_string())} />
        </> },
        ComponentKind::DynamoDbTable(s) => {
            let ty = if s.partition_key_type == KeyType::N { "N" } else { "S" };
            html! { <>
                <TextField label={TE::TableNameField.t(lang)} value={s.table_name.clone()}
                           on_change={edit!(DynamoDbTable, |s, v: String| s.table_name = v.trim().to_string())} />
                <TextField label={TE::PartitionKeyField.t(lang)} value={s.partition_key.clone()}
                           on_change={edit!(DynamoDbTable, |s, v: String| s.partition_key = v.trim().to_string())} />
                <SelectField label={TE::KeyTypeField.t(lang)} value={ty}
                    options={vec![opt("S", TE::KeyTypeS.t(lang)), opt("N", TE::KeyTypeN.t(lang))]}
                    on_change={edit!(DynamoDbTable, |s, v: String| s.partition_key_type = if v == "N" { KeyType::N } else { KeyType::S })} />
                <TextField label={TE::SortKeyField.t(lang)} value={s.sort_key.clone()}
                           on_change={edit!(DynamoDbTable, |s, v: String| s.sort_key = v.trim().to_string())} />
            </> }
        }
        _ => return None,
    })
}

fn template_for(program: &StepProgram) -> &'static str {
    use shardlab_sim::emr::jobs::script::TEMPLATES;
    let name = match program {
        StepProgram::Builtin { job } => job.name(),
        StepProgram::Script { .. } => "",
    };
    TEMPLATES.iter().find(|(n, _)| *n == name).unwrap_or(&TEMPLATES[0]).1
}
