//! Messages for the learner: an edit refused (with the rule it breaks), a link that could not
//! be opened. Each is worded in both languages from what the model reports.

use crate::i18n::{fill, Lang, T};
use crate::i18n_access::TA;
#[cfg(feature = "analytics")]
use crate::i18n_analytics::TS;
#[cfg(feature = "emr")]
use crate::i18n_emr::TE;
#[cfg(feature = "video")]
use crate::i18n_video::TV;
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
    /// The memory guard paused the clock before the page ran out of memory.
    MemoryFull(crate::memory_guard::MemoryFull),
    /// A video player's playhead could not be moved there.
    #[cfg(feature = "video")]
    SeekRefused(shardlab_sim::video::player::SeekRefusal),
    /// The timeline could not rebuild the world at the instant asked for; it stays as it was.
    CannotRewind(shardlab_sim::world::journal::ResumeError),
}

pub fn refusal_text(r: Refusal, lang: Lang) -> &'static str {
    match r {
        Refusal::ProducerNeedsAStream => T::WireProducerNeedsStream.t(lang),
        Refusal::ConsumerReadsFromAStream => T::WireConsumerReadsStream.t(lang),
        Refusal::StreamToStream => T::WireStreamToStream.t(lang),
        Refusal::ConsumerHasNoOutput => T::WireConsumerNoOutput.t(lang),
        Refusal::ProducerHasNoInput => T::WireProducerNoInput.t(lang),
        Refusal::SelfWire => T::WireSelf.t(lang),
        Refusal::AlreadyWired => T::WireAlreadyWired.t(lang),
        Refusal::TransformIsInvokedByFirehose => T::WireTransformByFirehose.t(lang),
        Refusal::DestinationIsFedByFirehose => T::WireDestinationByFirehose.t(lang),
        Refusal::FirehoseDeliversToDestinations => T::WireFirehoseToDestinations.t(lang),
        Refusal::DestinationHasNoOutput => T::WireDestinationNoOutput.t(lang),
        Refusal::OneDestination => T::WireOneDestination.t(lang),
        Refusal::OneTransform => T::WireOneTransform.t(lang),
        Refusal::OneSource => T::WireOneSource.t(lang),
        #[cfg(feature = "emr")]
        Refusal::MapStepReadsBucketOnCluster => TE::WireMapReadsBucket.t(lang),
        #[cfg(feature = "emr")]
        Refusal::ReduceStepFedByMapStep => TE::WireReduceFedByMap.t(lang),
        #[cfg(feature = "emr")]
        Refusal::MapStepFeedsReduceStep => TE::WireMapFeedsReduce.t(lang),
        #[cfg(feature = "emr")]
        Refusal::ReduceStepWritesToStore => TE::WireReduceWritesStore.t(lang),
        #[cfg(feature = "emr")]
        Refusal::ClusterRunsMapSteps => TE::WireClusterRunsMaps.t(lang),
        #[cfg(feature = "emr")]
        Refusal::ClusterHasNoInput => TE::WireClusterNoInput.t(lang),
        #[cfg(feature = "emr")]
        Refusal::TableIsWrittenByReduceStep => TE::WireTableByReduce.t(lang),
        #[cfg(feature = "emr")]
        Refusal::OneInputBucket => TE::WireOneInputBucket.t(lang),
        #[cfg(feature = "emr")]
        Refusal::OneCluster => TE::WireOneCluster.t(lang),
        #[cfg(feature = "emr")]
        Refusal::OneReduceStep => TE::WireOneReduceStep.t(lang),
        #[cfg(feature = "emr")]
        Refusal::OneOutput => TE::WireOneOutput.t(lang),
        // Each of these wires has an EMR step or a DynamoDB table at one end: the first load
        // switches to the build with those models as soon as one is placed.
        #[cfg(not(feature = "emr"))]
        Refusal::MapStepReadsBucketOnCluster
        | Refusal::ReduceStepFedByMapStep
        | Refusal::MapStepFeedsReduceStep
        | Refusal::ReduceStepWritesToStore
        | Refusal::ClusterRunsMapSteps
        | Refusal::ClusterHasNoInput
        | Refusal::TableIsWrittenByReduceStep
        | Refusal::OneInputBucket
        | Refusal::OneCluster
        | Refusal::OneReduceStep
        | Refusal::OneOutput => T::NeedsFullModel.t(lang),
        #[cfg(feature = "analytics")]
        Refusal::ApplicationReadsAStream => TS::WireAppReadsStream.t(lang),
        #[cfg(feature = "analytics")]
        Refusal::ApplicationWritesToStreamFirehoseOrLambda => TS::WireAppWrites.t(lang),
        #[cfg(feature = "analytics")]
        Refusal::OneApplicationSource => TS::WireOneAppSource.t(lang),
        #[cfg(feature = "analytics")]
        Refusal::OneFunctionSource => TS::WireOneFunctionSource.t(lang),
        // An application's wires are drawn in the build with the SQL model: the first load
        // switches to it as soon as one is placed, so it never words their rules itself.
        #[cfg(not(feature = "analytics"))]
        Refusal::ApplicationReadsAStream
        | Refusal::ApplicationWritesToStreamFirehoseOrLambda
        | Refusal::OneApplicationSource
        | Refusal::OneFunctionSource => T::NeedsFullModel.t(lang),
        #[cfg(feature = "video")]
        Refusal::CameraWritesToVideoStream => TV::WireCameraToStream.t(lang),
        #[cfg(feature = "video")]
        Refusal::VideoStreamFedByCamera => TV::WireStreamFedByCamera.t(lang),
        #[cfg(feature = "video")]
        Refusal::VideoStreamFeedsViewers => TV::WireStreamFeedsViewers.t(lang),
        #[cfg(feature = "video")]
        Refusal::ViewerReadsAVideoStream => TV::WireViewerReadsStream.t(lang),
        #[cfg(feature = "video")]
        Refusal::PlayerHasNoOutput => TV::WirePlayerNoOutput.t(lang),
        #[cfg(feature = "video")]
        Refusal::AnalyzerWritesEvents => TV::WireAnalyzerWrites.t(lang),
        #[cfg(feature = "video")]
        Refusal::OneVideoStream => TV::WireOneVideoStream.t(lang),
        // Video wires are drawn in the build with the video model, like an application's.
        #[cfg(not(feature = "video"))]
        Refusal::CameraWritesToVideoStream
        | Refusal::VideoStreamFedByCamera
        | Refusal::VideoStreamFeedsViewers
        | Refusal::ViewerReadsAVideoStream
        | Refusal::PlayerHasNoOutput
        | Refusal::AnalyzerWritesEvents
        | Refusal::OneVideoStream => T::NeedsFullModel.t(lang),
    }
}

/// The settings whose range rule the page words itself, and the text of each: its `{0}`,
/// `{1}`… are the numbers the model quotes for the setting (`ScenarioError::quoted`).
const SETTING_RULES: &[(&str, T)] = &[
    ("records_per_second", T::RuleRecordsPerSecond),
    ("record_bytes", T::RuleRecordBytes),
    ("keys", T::RuleDistinctKeys),
    ("max_retries", T::RuleMaxRetries),
    ("backoff_ms", T::RuleBackoff),
    ("stream_name", T::RuleStreamName),
    ("retention_hours", T::RuleRetention),
    ("poll_interval_ms", T::RulePollInterval),
    ("batch_limit", T::RuleBatchLimit),
    ("workers", T::RuleWorkers),
    ("checkpoint_every", T::RuleCheckpoint),
    ("failover_ms", T::RuleFailover),
    ("consumer_name", T::RuleConsumerName),
    ("batch_size", T::RuleLambdaBatch),
    ("batch_window_s", T::RuleLambdaWindow),
    ("delivery_stream_name", T::RuleDeliveryName),
    ("buffer_mib", T::RuleBufferMib),
    ("buffer_interval_s", T::RuleBufferInterval),
    ("retry_duration_s", T::RuleRetryDuration),
    ("backup_bucket", T::RuleBucket),
    ("bucket", T::RuleBucket),
    ("function_name", T::RuleFunctionName),
    ("buffer_mb", T::RuleTransformMb),
    ("code", T::RuleCode),
    ("cluster", T::RuleCluster),
    ("table", T::RuleTable),
    ("columns", T::RuleColumns),
    ("domain", T::RuleDomain),
    ("index", T::RuleIndex),
    ("url", T::RuleUrl),
    ("sample", T::RuleSample),
];

/// The range rule of a setting, in `lang`, when the page words it itself, with places for
/// the numbers the model quotes.
pub fn setting_rule(setting: &str, lang: Lang) -> Option<&'static str> {
    let own = SETTING_RULES.iter().find(|(s, _)| *s == setting).map(|(_, text)| text.t(lang));
    // EMR steps' and DynamoDB tables' settings are edited in the build with those models only.
    #[cfg(feature = "emr")]
    let own = own
        .or_else(|| crate::i18n_emr::SETTING_RULES.iter().find(|(s, _)| *s == setting).map(|(_, text)| text.t(lang)));
    own.or_else(|| {
        // An application's settings are edited in the build with the SQL model only.
        #[cfg(feature = "analytics")]
        return match setting {
            "application_name" => Some(TS::RuleAppName.t(lang)),
            "schema" => Some(TS::RuleSchema.t(lang)),
            #[cfg(feature = "video")]
            _ => crate::i18n_video::setting_rule(setting, lang),
            #[cfg(not(feature = "video"))]
            _ => None,
        };
        #[cfg(not(feature = "analytics"))]
        None
    })
}

/// A rule's text with the model's numbers in its places.
fn quoting(text: &str, quoted: &[String]) -> String {
    let numbers: Vec<&dyn std::fmt::Display> = quoted.iter().map(|q| q as &dyn std::fmt::Display).collect();
    fill(text, &numbers)
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
                fill(T::SettingRefused.t(lang), &[id, &quoting(text, &e.quoted())])
            }
            _ => fill(T::AwsRefused.t(lang), &[id, rule]),
        },
        ScenarioError::NotJson(_) | ScenarioError::MissingVersion | ScenarioError::BadShape(_) => {
            fill(T::NotAScenario.t(lang), &[&e.to_string()])
        }
        ScenarioError::NeedsFullModel => T::NeedsFullModel.t(lang).to_string(),
        ScenarioError::TooNew { found, supported } => fill(T::ScenarioTooNew.t(lang), &[found, supported]),
        ScenarioError::LinkTooLong { chars, max } => cap_text(TA::CapLinkTooLong, *chars as u64, *max as u64, lang),
        ScenarioError::FileTooLarge { bytes, max } => cap_text(TA::CapFileTooLarge, *bytes, *max, lang),
        ScenarioError::TooManyComponents { count, max } => {
            cap_text(TA::CapTooManyComponents, *count as u64, *max as u64, lang)
        }
        ScenarioError::TooMuchLoad { records_per_second, max } => {
            cap_text(TA::CapTooMuchLoad, *records_per_second, *max, lang)
        }
        other => fill(T::NotAScenario.t(lang), &[&other.to_string()]),
    }
}

/// A cap of the lab's, with what was asked for and the cap, grouped as the page writes numbers.
fn cap_text(text: TA, found: u64, cap: u64, lang: Lang) -> String {
    use crate::components::component_state::grouped;
    fill(text.t(lang), &[&grouped(found), &grouped(cap)])
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
            Notice::MemoryFull(full) => memory_full_text(full, lang),
            Notice::CannotRewind(e) => {
                use shardlab_sim::world::journal::ResumeError;
                let reason = match e {
                    ResumeError::Origin(e) => error_text(e, lang),
                    ResumeError::OutOfOrder { entry } => fill(T::JournalOutOfOrder.t(lang), &[entry]),
                };
                format!("{} {reason}", T::CannotRewind.t(lang))
            }
            #[cfg(feature = "video")]
            Notice::SeekRefused(refusal) => {
                use shardlab_sim::video::player::SeekRefusal;
                match refusal {
                    SeekRefusal::PlaysTheLiveEdge => TV::SeekLiveEdge,
                    SeekRefusal::NothingKeptThere => TV::SeekNothingKept,
                    SeekRefusal::NoSuchPlayer => TV::SeekNoPlayer,
                }
                .t(lang)
                .to_string()
            }
        }
    }
}

/// The memory guard's message: how full, what holds the most, what to do.
fn memory_full_text(full: &crate::memory_guard::MemoryFull, lang: Lang) -> String {
    use crate::components::component_state::grouped;
    use shardlab_sim::world::Holder;
    let held: Vec<String> = full
        .largest
        .iter()
        .map(|(h, name)| {
            let n = grouped(h.items);
            match &h.holder {
                Holder::StreamRecords { retention_hours, .. } => {
                    fill(TA::HeldStream.t(lang), &[name, &n, retention_hours])
                }
                Holder::BucketObjects { .. } => fill(TA::HeldBucket.t(lang), &[name, &n]),
                Holder::RedshiftRows { .. } => fill(TA::HeldRedshift.t(lang), &[name, &n]),
                Holder::OpenSearchDocuments { .. } => fill(TA::HeldOpenSearch.t(lang), &[name, &n]),
                Holder::HttpRequests { .. } => fill(TA::HeldHttp.t(lang), &[name, &n]),
                Holder::DynamoDbItems { .. } => fill(TA::HeldDynamoDb.t(lang), &[name, &n]),
            }
        })
        .collect();
    let held = if held.is_empty() {
        TA::MemoryNothingHeld.t(lang).to_string()
    } else {
        held.join(if lang == Lang::ZhTw { ";" } else { "; " })
    };
    fill(TA::MemoryFull.t(lang), &[&full.used_mb, &full.budget_mb, &held])
}

#[cfg(test)]
mod tests {
    use super::*;
    use shardlab_sim::pipeline::settings::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// Names with digits in them that a rule's text may write: the service's, and the example
    /// task names of RuleFailTasks (m_000003:2 fails two attempts of map task 3).
    const NAMES_WITH_DIGITS: &[&str] = &["m_000003:2", "r_000000:1", "m_000003", "r_000000", "S3"];

    /// The `{n}` places a text uses.
    fn places(text: &str) -> std::collections::BTreeSet<usize> {
        (0..10).filter(|i| text.contains(&format!("{{{i}}}"))).collect()
    }

    fn refused(e: &SettingError) -> ScenarioError {
        ScenarioError::BadSetting { id: "c1".into(), setting: e.setting, rule: e.rule.clone() }
    }

    #[wasm_bindgen_test]
    fn no_rule_text_writes_a_number_itself() {
        let pairs = T::all_pairs().into_iter().chain(TE::all_pairs()).chain(TV::all_pairs());
        for (key, en, zh) in pairs.filter(|(key, ..)| key.starts_with("Rule")) {
            for text in [en, zh] {
                let text = NAMES_WITH_DIGITS.iter().fold(text.to_string(), |t, name| t.replace(name, ""));
                let text = places(&text).iter().fold(text, |t, i| t.replace(&format!("{{{i}}}"), ""));
                assert!(!text.chars().any(|c| c.is_ascii_digit()), "{key} writes a number: {text:?}");
            }
        }
    }

    /// Every setting whose rule the page words, in any of its text tables.
    fn all_rule_settings() -> Vec<&'static str> {
        let mut all: Vec<&str> = SETTING_RULES.iter().map(|(s, _)| *s).collect();
        all.extend(crate::i18n_emr::SETTING_RULES.iter().map(|(s, _)| *s));
        all.extend(crate::i18n_video::SETTINGS);
        all
    }

    #[wasm_bindgen_test]
    fn each_rule_text_has_a_place_for_each_number_the_model_quotes() {
        for setting in all_rule_settings() {
            let wanted: std::collections::BTreeSet<usize> = (0..quoted(setting).len()).collect();
            for lang in Lang::ALL {
                let text = setting_rule(setting, lang).unwrap();
                assert_eq!(places(text), wanted, "{setting}: {text:?} and the model's {:?}", quoted(setting));
            }
        }
    }

    #[wasm_bindgen_test]
    fn every_refusal_reads_whole_in_both_languages() {
        let refusals = shardlab_sim::pipeline::settings_examples::one_refusal_per_rule();
        for setting in all_rule_settings() {
            let by_world = ["running_cluster", "key_schema"];
            assert!(
                by_world.contains(&setting) || refusals.iter().any(|e| e.setting == setting),
                "no refusal of {setting} is tried"
            );
        }
        for e in &refusals {
            let error = refused(e);
            assert_eq!(error.quoted(), e.quoted, "{}: BadSetting carries the numbers of the refusal", e.setting);
            for lang in Lang::ALL {
                let text = Notice::Refused(error.clone()).text(lang);
                assert!(!text.contains('{'), "{}: {text:?}", e.setting);
                let worded = setting_rule(e.setting, lang).is_some();
                assert!(worded || e.setting == "shard_count", "{}: the page has no text for it", e.setting);
            }
        }
    }

    #[wasm_bindgen_test]
    fn the_texts_quote_the_same_numbers_as_before() {
        let text = |setting: &str, lang| {
            let e = shardlab_sim::pipeline::settings_examples::one_refusal_per_rule()
                .into_iter()
                .find(|e| e.setting == setting)
                .expect("a refusal of the setting");
            Notice::Refused(refused(&e)).text(lang)
        };
        let cases = [
            ("retention_hours", "retention is 24–8,760 hours (1–365 days)", "保留期限為 24–8,760 小時(1–365 天)"),
            ("records_per_second", "a producer sends 0–1,000,000 records a second", "生產者每秒送出 0–1,000,000 筆紀錄"),
            ("backoff_ms", "the first backoff is 1 ms – 60 s", "第一次退避時間為 1 毫秒到 60 秒"),
            (
                "poll_interval_ms",
                "poll every 200 ms – 60 s (5 GetRecords calls a second per shard is the limit)",
                "每 200 毫秒到 60 秒輪詢一次(每個 shard 每秒最多 5 次 GetRecords)",
            ),
            (
                "buffer_mib",
                "the buffer size is 1–128 MiB (OpenSearch 1–100, HTTP endpoint 1–64)",
                "緩衝大小為 1–128 MiB(OpenSearch 1–100、HTTP 端點 1–64)",
            ),
            ("buffer_mb", "the transform's buffer is 0.2–3 MB", "轉換緩衝為 0.2–3 MB"),
            ("failover_ms", "the failover time is 1 s – 5 min", "容錯移轉時間為 1 秒到 5 分鐘"),
            (
                "record_bytes",
                "a record's data is 1 byte to 1 MiB (data plus partition key may not pass 1 MiB)",
                "一筆紀錄的資料為 1 位元組到 1 MiB(資料加分割鍵不得超過 1 MiB)",
            ),
            (
                "fail_tasks",
                "name tasks as Hadoop does (m_000003, r_000000), each failing 1 to 4 of its attempts: m_000003:2, r_000000:1",
                "以 Hadoop 的名稱指定任務(m_000003、r_000000),每個任務失敗 1 到 4 次嘗試:m_000003:2, r_000000:1",
            ),
        ];
        for (setting, en, zh) in cases {
            assert_eq!(text(setting, Lang::En), format!("c1: {en}"));
            assert_eq!(text(setting, Lang::ZhTw), format!("c1:{zh}"));
        }
    }
}
