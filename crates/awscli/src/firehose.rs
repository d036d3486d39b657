//! Amazon Data Firehose as the CLI presents it: the operations ShardLab simulates.

use crate::model::ParamType as T;
use crate::model::{Member, Operation, Param, Service};

const BUFFERING_HINTS: &[Member] =
    &[Member::new("SizeInMBs", T::Integer), Member::new("IntervalInSeconds", T::Integer)];

const PROCESSOR_PARAMETER: &[Member] =
    &[Member::new("ParameterName", T::String), Member::new("ParameterValue", T::String)];

const PROCESSOR: &[Member] = &[Member::new("Type", T::String), Member::new("Parameters", T::List(PROCESSOR_PARAMETER))];

const PROCESSING: &[Member] = &[Member::new("Enabled", T::Boolean), Member::new("Processors", T::List(PROCESSOR))];

const RETRY: &[Member] = &[Member::new("DurationInSeconds", T::Integer)];

const S3_DESTINATION: &[Member] = &[
    Member::new("BucketARN", T::String),
    Member::new("RoleARN", T::String),
    Member::new("Prefix", T::String),
    Member::new("ErrorOutputPrefix", T::String),
    Member::new("BufferingHints", T::Structure(BUFFERING_HINTS)),
    Member::new("CompressionFormat", T::String),
    Member::new("ProcessingConfiguration", T::Structure(PROCESSING)),
];

const COPY_COMMAND: &[Member] = &[
    Member::new("DataTableName", T::String),
    Member::new("DataTableColumns", T::String),
    Member::new("CopyOptions", T::String),
];

const REDSHIFT_DESTINATION: &[Member] = &[
    Member::new("RoleARN", T::String),
    Member::new("ClusterJDBCURL", T::String),
    Member::new("CopyCommand", T::Structure(COPY_COMMAND)),
    Member::new("Username", T::String),
    Member::new("Password", T::String),
    Member::new("RetryOptions", T::Structure(RETRY)),
    Member::new("S3Configuration", T::Structure(S3_DESTINATION)),
    Member::new("ProcessingConfiguration", T::Structure(PROCESSING)),
];

const OPENSEARCH_DESTINATION: &[Member] = &[
    Member::new("RoleARN", T::String),
    Member::new("DomainARN", T::String),
    Member::new("IndexName", T::String),
    Member::new("IndexRotationPeriod", T::String),
    Member::new("BufferingHints", T::Structure(BUFFERING_HINTS)),
    Member::new("RetryOptions", T::Structure(RETRY)),
    Member::new("S3BackupMode", T::String),
    Member::new("S3Configuration", T::Structure(S3_DESTINATION)),
    Member::new("ProcessingConfiguration", T::Structure(PROCESSING)),
];

const ENDPOINT: &[Member] = &[Member::new("Url", T::String), Member::new("Name", T::String)];

const HTTP_DESTINATION: &[Member] = &[
    Member::new("RoleARN", T::String),
    Member::new("EndpointConfiguration", T::Structure(ENDPOINT)),
    Member::new("BufferingHints", T::Structure(BUFFERING_HINTS)),
    Member::new("RetryOptions", T::Structure(RETRY)),
    Member::new("S3BackupMode", T::String),
    Member::new("S3Configuration", T::Structure(S3_DESTINATION)),
    Member::new("ProcessingConfiguration", T::Structure(PROCESSING)),
];

// UpdateDestination's members: the destination's settings, the backup bucket's as S3Update.
const REDSHIFT_UPDATE: &[Member] = &[
    Member::new("RoleARN", T::String),
    Member::new("ClusterJDBCURL", T::String),
    Member::new("CopyCommand", T::Structure(COPY_COMMAND)),
    Member::new("Username", T::String),
    Member::new("Password", T::String),
    Member::new("RetryOptions", T::Structure(RETRY)),
    Member::new("S3Update", T::Structure(S3_DESTINATION)),
    Member::new("ProcessingConfiguration", T::Structure(PROCESSING)),
];

const OPENSEARCH_UPDATE: &[Member] = &[
    Member::new("RoleARN", T::String),
    Member::new("DomainARN", T::String),
    Member::new("IndexName", T::String),
    Member::new("IndexRotationPeriod", T::String),
    Member::new("BufferingHints", T::Structure(BUFFERING_HINTS)),
    Member::new("RetryOptions", T::Structure(RETRY)),
    Member::new("S3Update", T::Structure(S3_DESTINATION)),
    Member::new("ProcessingConfiguration", T::Structure(PROCESSING)),
];

const HTTP_UPDATE: &[Member] = &[
    Member::new("RoleARN", T::String),
    Member::new("EndpointConfiguration", T::Structure(ENDPOINT)),
    Member::new("BufferingHints", T::Structure(BUFFERING_HINTS)),
    Member::new("RetryOptions", T::Structure(RETRY)),
    Member::new("S3BackupMode", T::String),
    Member::new("S3Update", T::Structure(S3_DESTINATION)),
    Member::new("ProcessingConfiguration", T::Structure(PROCESSING)),
];

const KINESIS_SOURCE: &[Member] = &[Member::new("KinesisStreamARN", T::String), Member::new("RoleARN", T::String)];

const RECORD: &[Member] = &[Member::new("Data", T::Blob)];

const NAME: Param = Param::required("DeliveryStreamName", T::String);

pub(crate) const SERVICE: Service = Service {
    name: "firehose",
    title: "Amazon Data Firehose",
    customizations: &[],
    operations: &[
        Operation {
            name: "CreateDeliveryStream",
            params: &[
                NAME,
                Param::optional("DeliveryStreamType", T::String),
                Param::optional("ExtendedS3DestinationConfiguration", T::Structure(S3_DESTINATION)),
                Param::optional("S3DestinationConfiguration", T::Structure(S3_DESTINATION)),
                Param::optional("RedshiftDestinationConfiguration", T::Structure(REDSHIFT_DESTINATION)),
                Param::optional(
                    "AmazonopensearchserviceDestinationConfiguration",
                    T::Structure(OPENSEARCH_DESTINATION),
                ),
                Param::optional("HttpEndpointDestinationConfiguration", T::Structure(HTTP_DESTINATION)),
                Param::optional("KinesisStreamSourceConfiguration", T::Structure(KINESIS_SOURCE)),
            ],
        },
        Operation {
            name: "UpdateDestination",
            params: &[
                NAME,
                Param::required("CurrentDeliveryStreamVersionId", T::String),
                Param::required("DestinationId", T::String),
                Param::optional("ExtendedS3DestinationUpdate", T::Structure(S3_DESTINATION)),
                Param::optional("S3DestinationUpdate", T::Structure(S3_DESTINATION)),
                Param::optional("RedshiftDestinationUpdate", T::Structure(REDSHIFT_UPDATE)),
                Param::optional("AmazonopensearchserviceDestinationUpdate", T::Structure(OPENSEARCH_UPDATE)),
                Param::optional("HttpEndpointDestinationUpdate", T::Structure(HTTP_UPDATE)),
            ],
        },
        Operation { name: "DescribeDeliveryStream", params: &[NAME] },
        Operation { name: "ListDeliveryStreams", params: &[] },
        Operation { name: "DeleteDeliveryStream", params: &[NAME] },
        Operation { name: "PutRecord", params: &[NAME, Param::required("Record", T::Structure(RECORD))] },
        Operation { name: "PutRecordBatch", params: &[NAME, Param::required("Records", T::List(RECORD))] },
    ],
};
