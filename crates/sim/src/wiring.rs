//! Which wires AWS allows: the one table every check of a wire goes through (the scenario
//! loader, the canvas). A refused wire comes with the reason, for the learner.

use serde::{Deserialize, Serialize};

/// The kinds of component a scenario can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Producer,
    DataStream,
    PollingConsumer,
    KclApp,
    EfoConsumer,
    LambdaConsumer,
    /// A Data Firehose delivery stream.
    Firehose,
    /// The Lambda function a delivery stream invokes to transform its records.
    FirehoseTransform,
    S3Bucket,
    Redshift,
    OpenSearch,
    HttpEndpoint,
    /// An EMR cluster: primary, core and task nodes that run steps.
    EmrCluster,
    /// The map stage of an EMR MapReduce step: reads an input store.
    MapStep,
    /// The reduce stage of the same step: writes the output store.
    ReduceStep,
    DynamoDbTable,
    /// A Kinesis Data Analytics / Managed Service for Apache Flink application: streaming SQL.
    AnalyticsApp,
    /// A camera sending its video into a Kinesis video stream with PutMedia.
    Camera,
    /// A Kinesis video stream: fragments of media, kept for its data retention.
    VideoStream,
    /// A video player: a GetMedia viewer or an HLS player.
    VideoPlayer,
    /// An analysis consumer that finds motion in a video stream's frames.
    MotionAnalyzer,
}

impl Kind {
    pub const ALL: [Kind; 21] = [
        Kind::Producer,
        Kind::DataStream,
        Kind::PollingConsumer,
        Kind::KclApp,
        Kind::EfoConsumer,
        Kind::LambdaConsumer,
        Kind::Firehose,
        Kind::FirehoseTransform,
        Kind::S3Bucket,
        Kind::Redshift,
        Kind::OpenSearch,
        Kind::HttpEndpoint,
        Kind::EmrCluster,
        Kind::MapStep,
        Kind::ReduceStep,
        Kind::DynamoDbTable,
        Kind::AnalyticsApp,
        Kind::Camera,
        Kind::VideoStream,
        Kind::VideoPlayer,
        Kind::MotionAnalyzer,
    ];

    /// Whether the kind reads from a data stream (and so may be wired from one). Firehose
    /// can too, but it is not only a consumer.
    pub fn reads_streams(self) -> bool {
        matches!(self, Kind::PollingConsumer | Kind::KclApp | Kind::EfoConsumer | Kind::LambdaConsumer)
    }

    /// Whether the kind is a store Firehose delivers into.
    pub fn is_destination(self) -> bool {
        matches!(self, Kind::S3Bucket | Kind::Redshift | Kind::OpenSearch | Kind::HttpEndpoint)
    }

    /// Whether the kind is part of EMR (needs the EMR model to run).
    pub fn is_emr(self) -> bool {
        matches!(self, Kind::EmrCluster | Kind::MapStep | Kind::ReduceStep | Kind::DynamoDbTable)
    }

    /// Whether the kind is part of Kinesis Video Streams.
    pub fn is_video(self) -> bool {
        matches!(self, Kind::Camera | Kind::VideoStream | Kind::VideoPlayer | Kind::MotionAnalyzer)
    }

    /// Whether only the page's full build runs the kind (its model is not in the first load).
    pub fn needs_full_model(self) -> bool {
        self.is_emr() || self == Kind::AnalyticsApp || self.is_video()
    }

    /// Whether an Analytics application may send its results into the kind.
    pub fn takes_application_output(self) -> bool {
        matches!(self, Kind::DataStream | Kind::Firehose | Kind::LambdaConsumer)
    }

    /// Whether a reduce step may write into the kind.
    pub fn is_job_output(self) -> bool {
        matches!(self, Kind::S3Bucket | Kind::DynamoDbTable | Kind::Redshift)
    }

    /// Whether a map step may read the kind.
    pub fn is_job_input(self) -> bool {
        matches!(self, Kind::S3Bucket | Kind::DynamoDbTable | Kind::Redshift)
    }
}

/// Why a wire is refused. The page words each reason in both languages; `Display` gives the
/// English for the CLI and tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Refusal {
    /// A producer only writes into a stream.
    ProducerNeedsAStream,
    /// Consumers read from a data stream; nothing is sent to them directly.
    ConsumerReadsFromAStream,
    /// A stream's records flow to consumers, not into another stream.
    StreamToStream,
    /// Consumers are the end of a Data Streams pipeline here: they have no output port.
    ConsumerHasNoOutput,
    /// Nothing writes into a producer.
    ProducerHasNoInput,
    /// A component cannot be wired to itself.
    SelfWire,
    /// The two are wired already.
    AlreadyWired,
    /// Only a Firehose delivery stream invokes a transform.
    TransformIsInvokedByFirehose,
    /// Only Firehose delivers into S3, Redshift, OpenSearch or an HTTP endpoint here.
    DestinationIsFedByFirehose,
    /// Firehose delivers to its fixed destinations, not to streams or consumers.
    FirehoseDeliversToDestinations,
    /// A destination or a transform is the end of its wire.
    DestinationHasNoOutput,
    /// A delivery stream has exactly one destination.
    OneDestination,
    /// A delivery stream has at most one transform.
    OneTransform,
    /// A delivery stream has one source: Direct PUT producers, or one data stream.
    OneSource,
    /// A map step reads an S3 bucket, a DynamoDB table or a Redshift table and runs on an EMR
    /// cluster; nothing else feeds it.
    MapStepReadsBucketOnCluster,
    /// A reduce step takes what one map step emitted.
    ReduceStepFedByMapStep,
    /// A map step's output is shuffled to a reduce step.
    MapStepFeedsReduceStep,
    /// A reduce step writes into an S3 bucket, a DynamoDB table or a Redshift table.
    ReduceStepWritesToStore,
    /// A cluster is wired to the map steps it runs.
    ClusterRunsMapSteps,
    /// Nothing flows into a cluster.
    ClusterHasNoInput,
    /// Items reach a DynamoDB table from a reduce step or a Lambda consumer here.
    TableIsWrittenByReduceStep,
    /// A map step reads one input.
    OneInputBucket,
    /// A step runs on one cluster.
    OneCluster,
    /// A map step's output goes to one reduce step, and a reduce step reduces one map step's.
    OneReduceStep,
    /// A reduce step writes to one place.
    OneOutput,
    /// An Analytics application reads a Kinesis data stream or a Firehose delivery stream.
    ApplicationReadsAStream,
    /// An Analytics application's results go to a data stream, a Firehose or a Lambda function.
    ApplicationWritesToStreamFirehoseOrLambda,
    /// An Analytics application reads one streaming source.
    OneApplicationSource,
    /// A Lambda function reads one stream, or is the output of one application, not both.
    OneFunctionSource,
    /// A camera sends its media into a Kinesis video stream, and only there.
    CameraWritesToVideoStream,
    /// Media reaches a video stream from a camera (PutMedia); records do not.
    VideoStreamFedByCamera,
    /// A video stream's media is read by a player or an analysis consumer.
    VideoStreamFeedsViewers,
    /// A player or an analysis consumer reads a Kinesis video stream.
    ViewerReadsAVideoStream,
    /// A player shows the video: nothing flows out of it.
    PlayerHasNoOutput,
    /// An analysis consumer's motion events go to a data stream, a Firehose or a Lambda function.
    AnalyzerWritesEvents,
    /// A camera sends to one stream, and a player or an analysis consumer reads one.
    OneVideoStream,
}

/// The English wording, for the CLI, the API and the tests. The page words each refusal in
/// its own texts, in both languages, so the page's first load (a wasm build without EMR)
/// leaves this out and names the rule instead: it never shows it.
#[cfg(not(any(feature = "emr", not(target_arch = "wasm32"))))]
impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

#[cfg(any(feature = "emr", not(target_arch = "wasm32")))]
impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Refusal::ProducerNeedsAStream => {
                "A producer writes to a Kinesis data stream or a Firehose delivery stream (Direct PUT); wire it to one."
            }
            Refusal::ConsumerReadsFromAStream => {
                "A consumer cannot take records sent to it: consumers read from a Kinesis data stream, so wire a stream to it."
            }
            Refusal::StreamToStream => "A data stream does not write into another data stream; put a consumer between them.",
            Refusal::ConsumerHasNoOutput => "This consumer is the end of the pipeline: it has no output to wire.",
            Refusal::ProducerHasNoInput => "Nothing writes into a producer: it is where records start.",
            Refusal::SelfWire => "A component cannot be wired to itself.",
            Refusal::AlreadyWired => "These two are wired already; one wire carries everything between them.",
            Refusal::TransformIsInvokedByFirehose => {
                "A transform is the Lambda function a Firehose delivery stream invokes: wire a Firehose to it."
            }
            Refusal::DestinationIsFedByFirehose => {
                "Records reach this store through Firehose: wire a Firehose delivery stream to it."
            }
            Refusal::FirehoseDeliversToDestinations => {
                "Firehose delivers only to its destinations (S3, Redshift, OpenSearch, HTTP endpoint) and invokes a transform; it cannot feed streams or consumers."
            }
            Refusal::DestinationHasNoOutput => "This is the end of the pipeline: it has no output to wire.",
            Refusal::OneDestination => "A Firehose delivery stream has exactly one destination; remove the other wire first.",
            Refusal::OneTransform => "A Firehose delivery stream invokes at most one transform function.",
            Refusal::OneSource => {
                "A Firehose delivery stream has one source: Direct PUT producers, or one Kinesis data stream — not both."
            }
            Refusal::MapStepReadsBucketOnCluster => {
                "A map step reads its input from an S3 bucket, a DynamoDB table or a Redshift table and runs on an EMR cluster: wire one of those to it."
            }
            Refusal::ReduceStepFedByMapStep => {
                "A reduce step reduces what a map step emitted (the shuffle): wire a map step to it."
            }
            Refusal::MapStepFeedsReduceStep => "A map step's output is shuffled to a reduce step: wire it to one.",
            Refusal::ReduceStepWritesToStore => {
                "A reduce step writes its output to an S3 bucket (part files), a DynamoDB table (items) or a Redshift table (rows)."
            }
            Refusal::ClusterRunsMapSteps => {
                "An EMR cluster runs steps: wire it to a map step (the step's reduce stage runs on the same cluster)."
            }
            Refusal::ClusterHasNoInput => {
                "Nothing flows into an EMR cluster: jobs read S3 themselves. Wire the cluster to the map step it runs."
            }
            Refusal::TableIsWrittenByReduceStep => {
                "Items reach this DynamoDB table from an EMR reduce step or a Lambda consumer's function here: wire one of those to it."
            }
            Refusal::OneInputBucket => {
                "A map step reads one input (an S3 bucket, a DynamoDB table or a Redshift table); remove the other input's wire first."
            }
            Refusal::OneCluster => "A step runs on one EMR cluster; remove the other cluster's wire first.",
            Refusal::OneReduceStep => {
                "A step has one map stage and one reduce stage: a map step feeds one reduce step, and a reduce step reduces one map step's output."
            }
            Refusal::OneOutput => "A reduce step writes to one place; remove the other output's wire first.",
            Refusal::ApplicationReadsAStream => {
                "An Analytics application reads its rows from a Kinesis data stream or a Firehose delivery stream: wire one of those to it."
            }
            Refusal::ApplicationWritesToStreamFirehoseOrLambda => {
                "An Analytics application sends its result rows to a Kinesis data stream, a Firehose delivery stream or a Lambda function."
            }
            Refusal::OneApplicationSource => {
                "An Analytics application reads one streaming source; remove the other input's wire first."
            }
            Refusal::OneFunctionSource => {
                "This Lambda function is fed by one source: a data stream it polls, an Analytics application's output or an analysis consumer's events — not one more."
            }
            Refusal::CameraWritesToVideoStream => {
                "A camera sends its video into a Kinesis video stream (PutMedia): wire it to a video stream."
            }
            Refusal::VideoStreamFedByCamera => {
                "A video stream takes media from a camera (PutMedia), not records: wire a camera to it."
            }
            Refusal::VideoStreamFeedsViewers => {
                "A video stream's media is read by a player (GetMedia or HLS) or an analysis consumer: wire it to one of those."
            }
            Refusal::ViewerReadsAVideoStream => {
                "A player or an analysis consumer reads a Kinesis video stream: wire a video stream to it."
            }
            Refusal::PlayerHasNoOutput => "A player shows the video: it has no output to wire.",
            Refusal::AnalyzerWritesEvents => {
                "An analysis consumer sends its motion events to a Kinesis data stream, a Firehose delivery stream or a Lambda function."
            }
            Refusal::OneVideoStream => {
                "A camera sends to one video stream, and a player or an analysis consumer reads one; remove the other wire first."
            }
        })
    }
}

/// Whether a wire from a `from` component to a `to` component is allowed.
pub fn check_wire(from: Kind, to: Kind) -> Result<(), Refusal> {
    use Kind::*;
    match (from, to) {
        (Camera, VideoStream) | (VideoStream, VideoPlayer | MotionAnalyzer) => Ok(()),
        (MotionAnalyzer, t) if t.takes_application_output() => Ok(()),
        (Camera, _) => Err(Refusal::CameraWritesToVideoStream),
        (_, VideoStream) => Err(Refusal::VideoStreamFedByCamera),
        (VideoStream, _) => Err(Refusal::VideoStreamFeedsViewers),
        (_, VideoPlayer | MotionAnalyzer) => Err(Refusal::ViewerReadsAVideoStream),
        (VideoPlayer, _) => Err(Refusal::PlayerHasNoOutput),
        (MotionAnalyzer, _) => Err(Refusal::AnalyzerWritesEvents),
        (_, Camera) => Err(Refusal::ProducerHasNoInput),
        (EmrCluster, MapStep) | (MapStep, ReduceStep) => Ok(()),
        (f, MapStep) if f.is_job_input() => Ok(()),
        (ReduceStep, t) if t.is_job_output() => Ok(()),
        // The function a Lambda consumer runs writes each record into the table.
        (LambdaConsumer, DynamoDbTable) => Ok(()),
        (DataStream | Firehose, AnalyticsApp) => Ok(()),
        (AnalyticsApp, t) if t.takes_application_output() => Ok(()),
        (_, AnalyticsApp) => Err(Refusal::ApplicationReadsAStream),
        (AnalyticsApp, _) => Err(Refusal::ApplicationWritesToStreamFirehoseOrLambda),
        (_, EmrCluster) => Err(Refusal::ClusterHasNoInput),
        (EmrCluster, _) => Err(Refusal::ClusterRunsMapSteps),
        (_, MapStep) => Err(Refusal::MapStepReadsBucketOnCluster),
        (_, ReduceStep) => Err(Refusal::ReduceStepFedByMapStep),
        (MapStep, _) => Err(Refusal::MapStepFeedsReduceStep),
        (ReduceStep, _) => Err(Refusal::ReduceStepWritesToStore),
        (_, DynamoDbTable) => Err(Refusal::TableIsWrittenByReduceStep),
        (DynamoDbTable, _) => Err(Refusal::DestinationHasNoOutput),
        (Producer, DataStream) | (Producer, Firehose) | (DataStream, Firehose) => Ok(()),
        (Firehose, FirehoseTransform) => Ok(()),
        (Firehose, t) if t.is_destination() => Ok(()),
        (DataStream, t) if t.reads_streams() => Ok(()),
        (_, Producer) => Err(Refusal::ProducerHasNoInput),
        (f, _) if f.is_destination() || f == FirehoseTransform => Err(Refusal::DestinationHasNoOutput),
        (_, FirehoseTransform) => Err(Refusal::TransformIsInvokedByFirehose),
        (_, t) if t.is_destination() => Err(Refusal::DestinationIsFedByFirehose),
        (Firehose, _) => Err(Refusal::FirehoseDeliversToDestinations),
        (Producer, t) if t.reads_streams() => Err(Refusal::ConsumerReadsFromAStream),
        (Producer, _) => Err(Refusal::ProducerNeedsAStream),
        (DataStream, DataStream) => Err(Refusal::StreamToStream),
        (f, _) if f.reads_streams() => Err(Refusal::ConsumerHasNoOutput),
        _ => Err(Refusal::ProducerNeedsAStream),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Kind::*;

    #[test]
    fn producer_to_data_stream_is_allowed() {
        assert_eq!(check_wire(Producer, DataStream), Ok(()));
    }

    #[test]
    fn data_stream_to_each_kind_of_consumer_is_allowed() {
        for consumer in [PollingConsumer, KclApp, EfoConsumer, LambdaConsumer] {
            assert_eq!(check_wire(DataStream, consumer), Ok(()), "{consumer:?}");
        }
    }

    #[test]
    fn producer_straight_to_a_consumer_is_refused_with_the_reason() {
        for consumer in [PollingConsumer, KclApp, EfoConsumer, LambdaConsumer] {
            assert_eq!(check_wire(Producer, consumer), Err(Refusal::ConsumerReadsFromAStream));
        }
        assert!(Refusal::ConsumerReadsFromAStream.to_string().contains("read from a Kinesis data stream"));
    }

    #[test]
    fn nothing_feeds_a_producer_and_consumers_have_no_output() {
        for kind in Kind::ALL.into_iter().filter(|k| {
            !k.is_destination() && *k != FirehoseTransform && !k.is_emr() && *k != AnalyticsApp && !k.is_video()
        }) {
            assert_eq!(check_wire(kind, Producer), Err(Refusal::ProducerHasNoInput));
        }
        assert_eq!(check_wire(KclApp, DataStream), Err(Refusal::ConsumerHasNoOutput));
        assert_eq!(check_wire(DataStream, DataStream), Err(Refusal::StreamToStream));
    }

    #[test]
    fn an_emr_step_reads_a_bucket_on_a_cluster_and_writes_a_store() {
        for (from, to) in [
            (S3Bucket, MapStep),
            (EmrCluster, MapStep),
            (MapStep, ReduceStep),
            (ReduceStep, S3Bucket),
            (ReduceStep, DynamoDbTable),
        ] {
            assert_eq!(check_wire(from, to), Ok(()), "{from:?} → {to:?}");
        }
        assert_eq!(check_wire(Firehose, ReduceStep), Err(Refusal::ReduceStepFedByMapStep));
        assert_eq!(check_wire(S3Bucket, ReduceStep), Err(Refusal::ReduceStepFedByMapStep));
        assert_eq!(check_wire(DataStream, MapStep), Err(Refusal::MapStepReadsBucketOnCluster));
        assert_eq!(check_wire(MapStep, DynamoDbTable), Err(Refusal::MapStepFeedsReduceStep));
        assert_eq!(check_wire(EmrCluster, ReduceStep), Err(Refusal::ClusterRunsMapSteps));
        assert_eq!(check_wire(S3Bucket, EmrCluster), Err(Refusal::ClusterHasNoInput));
        assert_eq!(check_wire(Firehose, DynamoDbTable), Err(Refusal::TableIsWrittenByReduceStep));
        assert_eq!(check_wire(ReduceStep, OpenSearch), Err(Refusal::ReduceStepWritesToStore));
        assert_eq!(
            check_wire(S3Bucket, Firehose),
            Err(Refusal::DestinationHasNoOutput),
            "a bucket feeds only a map step"
        );
    }

    #[test]
    fn an_application_reads_a_stream_or_a_firehose_and_writes_a_stream_a_firehose_or_a_function() {
        for to in [DataStream, Firehose, LambdaConsumer] {
            assert_eq!(check_wire(AnalyticsApp, to), Ok(()), "{to:?}");
        }
        assert_eq!(check_wire(DataStream, AnalyticsApp), Ok(()));
        assert_eq!(check_wire(Firehose, AnalyticsApp), Ok(()), "the legacy dialect's Firehose source");
        assert_eq!(check_wire(Producer, AnalyticsApp), Err(Refusal::ApplicationReadsAStream));
        assert_eq!(check_wire(S3Bucket, AnalyticsApp), Err(Refusal::ApplicationReadsAStream));
        assert_eq!(check_wire(AnalyticsApp, S3Bucket), Err(Refusal::ApplicationWritesToStreamFirehoseOrLambda));
        assert_eq!(check_wire(AnalyticsApp, Producer), Err(Refusal::ApplicationWritesToStreamFirehoseOrLambda));
    }

    #[test]
    fn video_flows_from_a_camera_through_a_video_stream_to_players_and_analysis() {
        assert_eq!(check_wire(Camera, VideoStream), Ok(()));
        assert_eq!(check_wire(VideoStream, VideoPlayer), Ok(()));
        assert_eq!(check_wire(VideoStream, MotionAnalyzer), Ok(()));
        for to in [DataStream, Firehose, LambdaConsumer] {
            assert_eq!(check_wire(MotionAnalyzer, to), Ok(()), "{to:?}");
        }
        assert_eq!(check_wire(Camera, DataStream), Err(Refusal::CameraWritesToVideoStream));
        assert_eq!(check_wire(Producer, VideoStream), Err(Refusal::VideoStreamFedByCamera));
        assert_eq!(check_wire(VideoStream, PollingConsumer), Err(Refusal::VideoStreamFeedsViewers));
        assert_eq!(check_wire(DataStream, VideoPlayer), Err(Refusal::ViewerReadsAVideoStream));
        assert_eq!(check_wire(Camera, VideoPlayer), Err(Refusal::CameraWritesToVideoStream));
        assert_eq!(check_wire(VideoPlayer, DataStream), Err(Refusal::PlayerHasNoOutput));
        assert_eq!(check_wire(MotionAnalyzer, S3Bucket), Err(Refusal::AnalyzerWritesEvents));
        assert_eq!(check_wire(DataStream, Camera), Err(Refusal::ProducerHasNoInput));
    }

    #[test]
    fn exactly_the_aws_wires_are_allowed_and_every_refusal_has_words() {
        for from in Kind::ALL {
            for to in Kind::ALL {
                let allowed = (from == Producer && to == DataStream)
                    || (from == DataStream && to.reads_streams())
                    || (from == Producer && to == Firehose)
                    || (from == DataStream && to == Firehose)
                    || (from == Firehose && (to == FirehoseTransform || to.is_destination()))
                    || (to == MapStep && (from.is_job_input() || from == EmrCluster))
                    || (from == MapStep && to == ReduceStep)
                    || (from == LambdaConsumer && to == DynamoDbTable)
                    || ((from == DataStream || from == Firehose) && to == AnalyticsApp)
                    || (from == AnalyticsApp && (to == DataStream || to == Firehose || to == LambdaConsumer))
                    || (from == ReduceStep && (to == S3Bucket || to == DynamoDbTable || to == Redshift))
                    || (from == Camera && to == VideoStream)
                    || (from == VideoStream && (to == VideoPlayer || to == MotionAnalyzer))
                    || (from == MotionAnalyzer && (to == DataStream || to == Firehose || to == LambdaConsumer));
                match check_wire(from, to) {
                    Ok(()) => assert!(allowed, "{from:?} → {to:?} must be refused"),
                    Err(reason) => {
                        assert!(!allowed, "{from:?} → {to:?} must be allowed");
                        assert!(!reason.to_string().is_empty());
                    }
                }
            }
        }
    }
}
