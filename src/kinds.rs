//! How the page names and describes each kind of component, in both languages.

use crate::i18n::{fill, Lang, T};
use shardlab_sim::catalogue::Family;
use shardlab_sim::wiring::Kind;
use shardlab_sim::Place;

pub fn name(kind: Kind) -> T {
    match kind {
        Kind::Producer => T::KindProducer,
        Kind::DataStream => T::KindDataStream,
        Kind::PollingConsumer => T::KindPollingConsumer,
        Kind::KclApp => T::KindKclApp,
        Kind::EfoConsumer => T::KindEfoConsumer,
        Kind::LambdaConsumer => T::KindLambdaConsumer,
        Kind::Firehose => T::KindFirehose,
        Kind::FirehoseTransform => T::KindTransform,
        Kind::S3Bucket => T::KindS3Bucket,
        Kind::Redshift => T::KindRedshift,
        Kind::OpenSearch => T::KindOpenSearch,
        Kind::HttpEndpoint => T::KindHttpEndpoint,
        Kind::EmrCluster => T::KindEmrCluster,
        Kind::MapStep => T::KindMapStep,
        Kind::ReduceStep => T::KindReduceStep,
        Kind::DynamoDbTable => T::KindDynamoDbTable,
        Kind::AnalyticsApp => T::KindAnalyticsApp,
        Kind::Camera => T::KindCamera,
        Kind::VideoStream => T::KindVideoStream,
        Kind::VideoPlayer => T::KindVideoPlayer,
        Kind::MotionAnalyzer => T::KindMotionAnalyzer,
    }
}

/// What a kind of component is, in a sentence, with the limits it quotes filled in from the
/// model's constants (no number typed twice).
pub fn about(kind: Kind, lang: Lang) -> String {
    use shardlab_sim::emr::limits::BLOCK_MB_DEFAULT;
    use shardlab_sim::kinesis::limits::*;
    let text = about_text(kind, lang);
    match kind {
        Kind::DataStream => {
            let records = crate::components::component_state::grouped(SHARD_WRITE_RECORDS_PER_SEC);
            fill(text, &[&(SHARD_WRITE_BYTES_PER_SEC / MIB), &records])
        }
        Kind::PollingConsumer => fill(text, &[&(SHARD_READ_BYTES_PER_SEC / MIB), &SHARD_READ_CALLS_PER_SEC]),
        Kind::EfoConsumer => fill(text, &[&(EFO_BYTES_PER_SEC / MIB), &EFO_PUSH_EVERY.as_millis()]),
        Kind::MapStep => fill(text, &[&BLOCK_MB_DEFAULT]),
        _ => text.to_string(),
    }
}

fn about_text(kind: Kind, lang: Lang) -> &'static str {
    // The kinds only the full build runs are described by the texts of that build; the first
    // load says that placing one loads it.
    #[cfg(feature = "emr")]
    {
        use crate::i18n_emr::TE;
        match kind {
            Kind::EmrCluster => return TE::AboutEmrCluster.t(lang),
            Kind::MapStep => return TE::AboutMapStep.t(lang),
            Kind::ReduceStep => return TE::AboutReduceStep.t(lang),
            Kind::DynamoDbTable => return TE::AboutDynamoDbTable.t(lang),
            // A Redshift cluster, too, opens the build with the Redshift Data API.
            Kind::Redshift => return TE::AboutRedshift.t(lang),
            _ => {}
        }
    }
    #[cfg(feature = "analytics")]
    if kind == Kind::AnalyticsApp {
        return crate::i18n_analytics::TS::AboutAnalyticsApp.t(lang);
    }
    #[cfg(feature = "video")]
    {
        use crate::i18n_video::TV;
        match kind {
            Kind::Camera => return TV::AboutCamera.t(lang),
            Kind::VideoStream => return TV::AboutVideoStream.t(lang),
            Kind::VideoPlayer => return TV::AboutVideoPlayer.t(lang),
            Kind::MotionAnalyzer => return TV::AboutMotionAnalyzer.t(lang),
            _ => {}
        }
    }
    match kind {
        Kind::Producer => T::AboutProducer,
        Kind::DataStream => T::AboutDataStream,
        Kind::PollingConsumer => T::AboutPollingConsumer,
        Kind::KclApp => T::AboutKclApp,
        Kind::EfoConsumer => T::AboutEfoConsumer,
        Kind::LambdaConsumer => T::AboutLambdaConsumer,
        Kind::Firehose => T::AboutFirehose,
        Kind::FirehoseTransform => T::AboutTransform,
        Kind::S3Bucket => T::AboutS3Bucket,
        Kind::OpenSearch => T::AboutOpenSearch,
        Kind::HttpEndpoint => T::AboutHttpEndpoint,
        _ => T::AboutNeedsFullModel,
    }
    .t(lang)
}

/// How the page names a place of the ledger.
pub fn place_name(place: Place) -> T {
    match place {
        Place::AtProducer => T::PlaceAtProducer,
        Place::Retrying => T::PlaceRetrying,
        Place::InShard => T::PlaceInShard,
        Place::Expired => T::PlaceExpired,
        Place::Rejected => T::PlaceRejected,
        Place::Deleted => T::PlaceDeleted,
        Place::InTransformBuffer => T::PlaceInTransformBuffer,
        Place::InDeliveryBuffer => T::PlaceInDeliveryBuffer,
        Place::DroppedByTransform => T::PlaceDroppedByTransform,
        Place::FailedToErrorPrefix => T::PlaceFailedToErrorPrefix,
        Place::DeliveredToS3 => T::PlaceDeliveredToS3,
        Place::DeliveredToRedshift => T::PlaceDeliveredToRedshift,
        Place::DeliveredToOpenSearch => T::PlaceDeliveredToOpenSearch,
        Place::DeliveredToHttpEndpoint => T::PlaceDeliveredToHttpEndpoint,
        Place::BackedUpToS3 => T::PlaceBackedUpToS3,
        Place::FailedDelivery => T::PlaceFailedDelivery,
    }
}

pub fn family_name(family: Family) -> T {
    match family {
        Family::Streams => T::FamilyStreams,
        Family::Delivery => T::FamilyDelivery,
        Family::Batch => T::FamilyBatch,
        Family::Analytics => T::FamilyAnalytics,
        Family::Video => T::FamilyVideo,
    }
}

/// The CSS class carrying the family's accent colour.
pub fn family_class(family: Family) -> &'static str {
    match family {
        Family::Streams => "family-streams",
        Family::Delivery => "family-delivery",
        Family::Batch => "family-batch",
        Family::Analytics => "family-analytics",
        Family::Video => "family-video",
    }
}

/// Whether the kind has an input port and an output port on the canvas.
pub fn ports(kind: Kind) -> (bool, bool) {
    match kind {
        Kind::Producer | Kind::EmrCluster => (false, true),
        Kind::Camera => (false, true),
        Kind::DataStream
        | Kind::Firehose
        | Kind::MapStep
        | Kind::ReduceStep
        | Kind::AnalyticsApp
        | Kind::VideoStream
        | Kind::MotionAnalyzer => (true, true),
        // A Lambda consumer's function may write into a DynamoDB table.
        Kind::LambdaConsumer => (true, true),
        // A bucket or a table is written by Firehose or a reduce step, and read by a map step.
        Kind::S3Bucket | Kind::DynamoDbTable | Kind::Redshift => (true, true),
        _ => (true, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn descriptions_quote_the_models_limits_with_nothing_left_unfilled() {
        for kind in Kind::ALL {
            for lang in Lang::ALL {
                let text = about(kind, lang);
                assert!(!text.contains('{'), "{kind:?} {lang:?}: {text}");
            }
        }
        assert!(about(Kind::DataStream, Lang::En).contains("1 MiB/s and 1,000 records/s"));
        assert!(about(Kind::EfoConsumer, Lang::ZhTw).contains("每秒 2 MiB"));
        assert!(about(Kind::MapStep, Lang::En).contains("per 128 MB split"));
    }
}
