//! Amazon Data Firehose as the CLI presents it: the operations ShardLab simulates.

use crate::model::ParamType as T;
use crate::model::{Member, Operation, Param, Service};

const BUFFERING_HINTS: &[Member] =
    &[Member::new("SizeInMBs", T::Integer), Member::new("IntervalInSeconds", T::Integer)];

const S3_DESTINATION: &[Member] = &[
    Member::new("BucketARN", T::String),
    Member::new("RoleARN", T::String),
    Member::new("Prefix", T::String),
    Member::new("ErrorOutputPrefix", T::String),
    Member::new("BufferingHints", T::Structure(BUFFERING_HINTS)),
    Member::new("CompressionFormat", T::String),
];

const RECORD: &[Member] = &[Member::new("Data", T::Blob)];

const NAME: Param = Param::required("DeliveryStreamName", T::String);

pub(crate) const SERVICE: Service = Service {
    name: "firehose",
    title: "Amazon Data Firehose",
    operations: &[
        Operation {
            name: "CreateDeliveryStream",
            params: &[
                NAME,
                Param::optional("DeliveryStreamType", T::String),
                Param::optional("ExtendedS3DestinationConfiguration", T::Structure(S3_DESTINATION)),
                Param::optional("S3DestinationConfiguration", T::Structure(S3_DESTINATION)),
            ],
        },
        Operation { name: "DescribeDeliveryStream", params: &[NAME] },
        Operation { name: "ListDeliveryStreams", params: &[] },
        Operation { name: "DeleteDeliveryStream", params: &[NAME] },
        Operation { name: "PutRecord", params: &[NAME, Param::required("Record", T::Structure(RECORD))] },
        Operation { name: "PutRecordBatch", params: &[NAME, Param::required("Records", T::List(RECORD))] },
    ],
};
