//! Amazon Kinesis Video Streams as the CLI presents it: the control plane (`aws kinesisvideo`)
//! and the archived media API (`aws kinesis-video-archived-media`), the operations ShardLab
//! simulates. As with S3's GetObject, the console answers GetClip with the clip in the JSON
//! (`Payload`, base64) rather than writing an outfile.

use crate::model::ParamType as T;
use crate::model::{Member, Operation, Param, Service};

const NAME: Param = Param::optional("StreamName", T::String);
const ARN: Param = Param::optional("StreamARN", T::String);

const TIMESTAMP_RANGE: &[Member] =
    &[Member::new("StartTimestamp", T::Timestamp), Member::new("EndTimestamp", T::Timestamp)];

const FRAGMENT_SELECTOR: &[Member] =
    &[Member::new("FragmentSelectorType", T::String), Member::new("TimestampRange", T::Structure(TIMESTAMP_RANGE))];

const NAME_CONDITION: &[Member] =
    &[Member::new("ComparisonOperator", T::String), Member::new("ComparisonValue", T::String)];

pub(crate) const SERVICE: Service = Service {
    name: "kinesisvideo",
    title: "Amazon Kinesis Video Streams",
    customizations: &[],
    operations: &[
        Operation {
            name: "CreateStream",
            params: &[
                Param::required("StreamName", T::String),
                Param::optional("DataRetentionInHours", T::Integer),
                Param::optional("DeviceName", T::String),
                Param::optional("MediaType", T::String),
                Param::optional("KmsKeyId", T::String),
            ],
        },
        Operation { name: "DescribeStream", params: &[NAME, ARN] },
        Operation {
            name: "ListStreams",
            params: &[
                Param::optional("MaxResults", T::Integer),
                Param::optional("NextToken", T::String),
                Param::optional("StreamNameCondition", T::Structure(NAME_CONDITION)),
            ],
        },
        Operation {
            name: "UpdateDataRetention",
            params: &[
                NAME,
                ARN,
                Param::required("CurrentVersion", T::String),
                Param::required("Operation", T::String),
                Param::required("DataRetentionChangeInHours", T::Integer),
            ],
        },
        Operation {
            name: "DeleteStream",
            params: &[Param::required("StreamARN", T::String), Param::optional("CurrentVersion", T::String)],
        },
    ],
};

pub(crate) const ARCHIVED_MEDIA: Service = Service {
    name: "kinesis-video-archived-media",
    title: "Amazon Kinesis Video Streams Archived Media",
    customizations: &[],
    operations: &[
        Operation {
            name: "ListFragments",
            params: &[
                NAME,
                ARN,
                Param::optional("MaxResults", T::Integer),
                Param::optional("NextToken", T::String),
                Param::optional("FragmentSelector", T::Structure(FRAGMENT_SELECTOR)),
            ],
        },
        Operation {
            name: "GetClip",
            params: &[NAME, ARN, Param::required("ClipFragmentSelector", T::Structure(FRAGMENT_SELECTOR))],
        },
        Operation {
            name: "GetHLSStreamingSessionURL",
            params: &[
                NAME,
                ARN,
                Param::optional("PlaybackMode", T::String),
                Param::optional("HLSFragmentSelector", T::Structure(FRAGMENT_SELECTOR)),
                Param::optional("ContainerFormat", T::String),
                Param::optional("DiscontinuityMode", T::String),
                Param::optional("DisplayFragmentTimestamp", T::String),
                Param::optional("Expires", T::Integer),
                Param::optional("MaxMediaPlaylistFragmentResults", T::Integer),
            ],
        },
    ],
};
