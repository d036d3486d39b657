//! Amazon Kinesis Data Streams as the CLI presents it: the operations ShardLab simulates
//! and the parameters each accepts.
//!
//! Operations that take "StreamName or StreamARN" mark neither as required, because AWS
//! (here, the simulator) is the one that checks it and answers with its own error.

use crate::model::ParamType as T;
use crate::model::{Member, Operation, Param, Service};

const STREAM_MODE_DETAILS: &[Member] = &[Member::new("StreamMode", T::String)];

const RECORD: &[Member] =
    &[Member::new("Data", T::Blob), Member::new("PartitionKey", T::String), Member::new("ExplicitHashKey", T::String)];

const STARTING_POSITION: &[Member] =
    &[Member::new("Type", T::String), Member::new("SequenceNumber", T::String), Member::new("Timestamp", T::Timestamp)];

const STREAM_NAME: Param = Param::optional("StreamName", T::String);
const STREAM_ARN: Param = Param::optional("StreamARN", T::String);

const fn op(name: &'static str, params: &'static [Param]) -> Operation {
    Operation { name, params }
}

pub(crate) const SERVICE: Service = Service {
    name: "kinesis",
    title: "Amazon Kinesis Data Streams",
    customizations: &[],
    operations: &[
        op(
            "CreateStream",
            &[
                Param::required("StreamName", T::String),
                Param::optional("ShardCount", T::Integer),
                Param::optional("StreamModeDetails", T::Structure(STREAM_MODE_DETAILS)),
            ],
        ),
        op("DeleteStream", &[STREAM_NAME, STREAM_ARN, Param::optional("EnforceConsumerDeletion", T::Boolean)]),
        op(
            "DescribeStream",
            &[
                STREAM_NAME,
                STREAM_ARN,
                Param::optional("Limit", T::Integer),
                Param::optional("ExclusiveStartShardId", T::String),
            ],
        ),
        op("DescribeStreamSummary", &[STREAM_NAME, STREAM_ARN]),
        op(
            "ListStreams",
            &[
                Param::optional("Limit", T::Integer),
                Param::optional("ExclusiveStartStreamName", T::String),
                Param::optional("NextToken", T::String),
            ],
        ),
        op(
            "ListShards",
            &[
                STREAM_NAME,
                STREAM_ARN,
                Param::optional("NextToken", T::String),
                Param::optional("ExclusiveStartShardId", T::String),
                Param::optional("MaxResults", T::Integer),
            ],
        ),
        op(
            "IncreaseStreamRetentionPeriod",
            &[STREAM_NAME, STREAM_ARN, Param::required("RetentionPeriodHours", T::Integer)],
        ),
        op(
            "DecreaseStreamRetentionPeriod",
            &[STREAM_NAME, STREAM_ARN, Param::required("RetentionPeriodHours", T::Integer)],
        ),
        op(
            "PutRecord",
            &[
                STREAM_NAME,
                STREAM_ARN,
                Param::required("Data", T::Blob),
                Param::required("PartitionKey", T::String),
                Param::optional("ExplicitHashKey", T::String),
                Param::optional("SequenceNumberForOrdering", T::String),
            ],
        ),
        op("PutRecords", &[STREAM_NAME, STREAM_ARN, Param::required("Records", T::List(RECORD))]),
        op(
            "GetShardIterator",
            &[
                STREAM_NAME,
                STREAM_ARN,
                Param::required("ShardId", T::String),
                Param::required("ShardIteratorType", T::String),
                Param::optional("StartingSequenceNumber", T::String),
                Param::optional("Timestamp", T::Timestamp),
            ],
        ),
        op("GetRecords", &[Param::required("ShardIterator", T::String), Param::optional("Limit", T::Integer)]),
        op(
            "SplitShard",
            &[
                STREAM_NAME,
                STREAM_ARN,
                Param::required("ShardToSplit", T::String),
                Param::required("NewStartingHashKey", T::String),
            ],
        ),
        op(
            "MergeShards",
            &[
                STREAM_NAME,
                STREAM_ARN,
                Param::required("ShardToMerge", T::String),
                Param::required("AdjacentShardToMerge", T::String),
            ],
        ),
        op(
            "UpdateShardCount",
            &[
                STREAM_NAME,
                STREAM_ARN,
                Param::required("TargetShardCount", T::Integer),
                Param::required("ScalingType", T::String),
            ],
        ),
        op(
            "RegisterStreamConsumer",
            &[Param::required("StreamARN", T::String), Param::required("ConsumerName", T::String)],
        ),
        op(
            "DeregisterStreamConsumer",
            &[
                Param::optional("StreamARN", T::String),
                Param::optional("ConsumerName", T::String),
                Param::optional("ConsumerARN", T::String),
            ],
        ),
        op(
            "DescribeStreamConsumer",
            &[
                Param::optional("StreamARN", T::String),
                Param::optional("ConsumerName", T::String),
                Param::optional("ConsumerARN", T::String),
            ],
        ),
        op(
            "ListStreamConsumers",
            &[
                Param::required("StreamARN", T::String),
                Param::optional("NextToken", T::String),
                Param::optional("MaxResults", T::Integer),
            ],
        ),
        op(
            "SubscribeToShard",
            &[
                Param::required("ConsumerARN", T::String),
                Param::required("ShardId", T::String),
                Param::required("StartingPosition", T::Structure(STARTING_POSITION)),
            ],
        ),
    ],
};
