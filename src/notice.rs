//! Messages for the learner: an edit refused (with the rule it breaks), a link that could not
//! be opened. Each is worded in both languages from what the model reports.

use crate::i18n::{fill, Lang, T};
use shardlab_sim::wiring::Refusal;
use shardlab_sim::world::Replay;
use shardlab_sim::ScenarioError;

#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// The model refused an edit.
    Refused(ScenarioError),
    /// A shared link or an imported file could not be opened; the current work is untouched.
    CannotOpen(ScenarioError),
    /// An operation the inspector called was refused by the service (AWS's own message).
    OperationRefused { operation: String, error_type: String, message: String },
    /// The learner asked a component to replay: what the model answered.
    Replayed { id: String, outcome: shardlab_sim::world::Replay },
}

pub fn refusal_text(r: Refusal, lang: Lang) -> &'static str {
    match r {
        Refusal::ProducerNeedsAStream => T::WireProducerNeedsStream.t(lang),
        Refusal::ConsumerReadsFromAStream => T::WireConsumerReadsStream.t(lang),
        Refusal::StreamToStream => T::WireStreamToStream.t(lang),
        Refusal::ConsumerHasNoOutput => T::WireConsumerNoOutput.t(lang),
        Refusal::ProducerHasNoInput => T::WireProducerNoInput.t(lang),
        Refusal::SelfWire => T::WireSelf.t(lang),
        Refusal::TransformIsInvokedByFirehose => T::WireTransformByFirehose.t(lang),
        Refusal::DestinationIsFedByFirehose => T::WireDestinationByFirehose.t(lang),
        Refusal::FirehoseDeliversToDestinations => T::WireFirehoseToDestinations.t(lang),
        Refusal::DestinationHasNoOutput => T::WireDestinationNoOutput.t(lang),
        Refusal::OneDestination => T::WireOneDestination.t(lang),
        Refusal::OneTransform => T::WireOneTransform.t(lang),
        Refusal::OneSource => T::WireOneSource.t(lang),
        Refusal::MapStepReadsBucketOnCluster => T::WireMapReadsBucket.t(lang),
        Refusal::ReduceStepFedByMapStep => T::WireReduceFedByMap.t(lang),
        Refusal::MapStepFeedsReduceStep => T::WireMapFeedsReduce.t(lang),
        Refusal::ReduceStepWritesToStore => T::WireReduceWritesStore.t(lang),
        Refusal::ClusterRunsMapSteps => T::WireClusterRunsMaps.t(lang),
        Refusal::ClusterHasNoInput => T::WireClusterNoInput.t(lang),
        Refusal::TableIsWrittenByReduceStep => T::WireTableByReduce.t(lang),
        Refusal::OneInputBucket => T::WireOneInputBucket.t(lang),
        Refusal::OneCluster => T::WireOneCluster.t(lang),
        Refusal::OneReduceStep => T::WireOneReduceStep.t(lang),
        Refusal::OneOutput => T::WireOneOutput.t(lang),
    }
}

/// The range rule of a setting, in `lang`, when the page words it itself.
pub fn setting_rule(setting: &str, lang: Lang) -> Option<&'static str> {
    Some(match setting {
        "records_per_second" => T::RuleRecordsPerSecond.t(lang),
        "record_bytes" => T::RuleRecordBytes.t(lang),
        "keys" => T::RuleDistinctKeys.t(lang),
        "max_retries" => T::RuleMaxRetries.t(lang),
        "backoff_ms" => T::RuleBackoff.t(lang),
        "stream_name" => T::RuleStreamName.t(lang),
        "retention_hours" => T::RuleRetention.t(lang),
        "poll_interval_ms" => T::RulePollInterval.t(lang),
        "batch_limit" => T::RuleBatchLimit.t(lang),
        "workers" => T::RuleWorkers.t(lang),
        "checkpoint_every" => T::RuleCheckpoint.t(lang),
        "failover_ms" => T::RuleFailover.t(lang),
        "consumer_name" => T::RuleConsumerName.t(lang),
        "batch_size" => T::RuleLambdaBatch.t(lang),
        "batch_window_s" => T::RuleLambdaWindow.t(lang),
        "delivery_stream_name" => T::RuleDeliveryName.t(lang),
        "buffer_mib" => T::RuleBufferMib.t(lang),
        "buffer_interval_s" => T::RuleBufferInterval.t(lang),
        "retry_duration_s" => T::RuleRetryDuration.t(lang),
        "backup_bucket" | "bucket" => T::RuleBucket.t(lang),
        "function_name" => T::RuleFunctionName.t(lang),
        "buffer_mb" => T::RuleTransformMb.t(lang),
        "code" => T::RuleCode.t(lang),
        "cluster" => T::RuleCluster.t(lang),
        "table" => T::RuleTable.t(lang),
        "columns" => T::RuleColumns.t(lang),
        "domain" => T::RuleDomain.t(lang),
        "index" => T::RuleIndex.t(lang),
        "url" => T::RuleUrl.t(lang),
        "name" => T::RuleClusterName.t(lang),
        "primary_count" => T::RulePrimaryCount.t(lang),
        "instance_type" => T::RuleInstanceType.t(lang),
        "core_count" => T::RuleCoreCount.t(lang),
        "task_count" => T::RuleTaskCount.t(lang),
        "replication" => T::RuleReplication.t(lang),
        "block_mb" => T::RuleBlockMb.t(lang),
        "bytes_per_mb" => T::RuleBytesPerMb.t(lang),
        "running_cluster" => T::RuleRunningCluster.t(lang),
        "program" => T::RuleProgram.t(lang),
        "input_prefix" => T::RuleInputPrefix.t(lang),
        "fail_tasks" => T::RuleFailTasks.t(lang),
        "reducers" => T::RuleReducers.t(lang),
        "output_prefix" => T::RuleOutputPrefix.t(lang),
        "table_name" => T::RuleTableName.t(lang),
        "partition_key" | "sort_key" => T::RuleKeyName.t(lang),
        "key_schema" => T::RuleKeySchema.t(lang),
        "sample" => T::RuleSample.t(lang),
        _ => return None,
    })
}

fn error_text(e: &ScenarioError, lang: Lang) -> String {
    match e {
        ScenarioError::WireRefused { reason, .. } => refusal_text(*reason, lang).to_string(),
        // Range rules the page words itself; AWS's own refusals (UpdateShardCount limits,
        // the shard quota) keep AWS's message, as the AWS console shows it.
        ScenarioError::BadSetting { id, setting, rule } => match setting_rule(setting, lang) {
            Some(text)
                if !rule.contains("account")
                    && !rule.contains("TargetShardCount")
                    && !rule.contains("instance group") =>
            {
                fill(T::SettingRefused.t(lang), &[id, &text])
            }
            _ => fill(T::AwsRefused.t(lang), &[id, rule]),
        },
        ScenarioError::NotJson(_) | ScenarioError::MissingVersion | ScenarioError::BadShape(_) => {
            fill(T::NotAScenario.t(lang), &[&e.to_string()])
        }
        ScenarioError::TooNew { found, supported } => fill(T::ScenarioTooNew.t(lang), &[found, supported]),
        other => fill(T::NotAScenario.t(lang), &[&other.to_string()]),
    }
}

impl Notice {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Notice::Refused(e) => error_text(e, lang),
            Notice::CannotOpen(e) => format!("{} {}", T::CannotOpen.t(lang), error_text(e, lang)),
            Notice::OperationRefused { operation, error_type, message } => {
                fill(T::OperationRefused.t(lang), &[operation, &format!("{error_type}: {message}")])
            }
            Notice::Replayed { id, outcome } => match outcome {
                Replay::Rewound { records } => fill(T::ReplayRewound.t(lang), &[id, records]),
                Replay::NothingToReplay { waiting, delivered } => {
                    fill(T::ReplayNothing.t(lang), &[id, delivered, waiting])
                }
                Replay::NotModelled | Replay::NotAReader => fill(T::ReplayNotModelled.t(lang), &[id]),
            },
        }
    }
}
