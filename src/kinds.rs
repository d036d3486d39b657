//! How the page names and describes each kind of component, in both languages.

use crate::i18n::T;
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
    }
}

pub fn about(kind: Kind) -> T {
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
        Kind::Redshift => T::AboutRedshift,
        Kind::OpenSearch => T::AboutOpenSearch,
        Kind::HttpEndpoint => T::AboutHttpEndpoint,
        Kind::EmrCluster => T::AboutEmrCluster,
        Kind::MapStep => T::AboutMapStep,
        Kind::ReduceStep => T::AboutReduceStep,
        Kind::DynamoDbTable => T::AboutDynamoDbTable,
    }
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
    }
}

/// The CSS class carrying the family's accent colour.
pub fn family_class(family: Family) -> &'static str {
    match family {
        Family::Streams => "family-streams",
        Family::Delivery => "family-delivery",
        Family::Batch => "family-batch",
    }
}

/// Whether the kind has an input port and an output port on the canvas.
pub fn ports(kind: Kind) -> (bool, bool) {
    match kind {
        Kind::Producer | Kind::EmrCluster => (false, true),
        Kind::DataStream | Kind::Firehose | Kind::MapStep | Kind::ReduceStep => (true, true),
        // A Lambda consumer's function may write into a DynamoDB table.
        Kind::LambdaConsumer => (true, true),
        // A bucket or a table is written by Firehose or a reduce step, and read by a map step.
        Kind::S3Bucket | Kind::DynamoDbTable | Kind::Redshift => (true, true),
        _ => (true, false),
    }
}
