//! The IAM policies the exported pipeline needs, least privilege: each statement names the
//! actions one part needs on the resources it touches, nothing wider.

use serde_json::{json, Value};

/// What a video client does on its stream: the camera sends media, a viewer reads it
/// (GetMedia, or an HLS session), the analysis consumer reads it with GetMedia. Each first
/// asks for the stream's data endpoint.
pub fn video_actions(kind: &shardlab_sim::scenario::ComponentKind) -> &'static [&'static str] {
    use shardlab_sim::pipeline::video_settings::ViewerMode;
    use shardlab_sim::scenario::ComponentKind;
    match kind {
        ComponentKind::Camera(_) => {
            &["kinesisvideo:DescribeStream", "kinesisvideo:GetDataEndpoint", "kinesisvideo:PutMedia"]
        }
        ComponentKind::VideoPlayer(p) if p.mode != ViewerMode::GetMedia => &[
            "kinesisvideo:GetDataEndpoint",
            "kinesisvideo:GetHLSStreamingSessionURL",
            "kinesisvideo:GetHLSMasterPlaylist",
            "kinesisvideo:GetHLSMediaPlaylist",
            "kinesisvideo:GetMP4InitFragment",
            "kinesisvideo:GetMP4MediaFragment",
            "kinesisvideo:GetTSFragment",
        ],
        _ => &["kinesisvideo:GetDataEndpoint", "kinesisvideo:GetMedia"],
    }
}

pub fn get_att(logical: &str, attribute: &str) -> Value {
    json!({ "Fn::GetAtt": [logical, attribute] })
}

pub fn reference(logical: &str) -> Value {
    json!({ "Ref": logical })
}

pub fn sub(text: &str) -> Value {
    json!({ "Fn::Sub": text })
}

pub fn statement(actions: &[&str], resources: Vec<Value>) -> Value {
    json!({ "Effect": "Allow", "Action": actions, "Resource": resources })
}

pub fn document(statements: Vec<Value>) -> Value {
    json!({ "Version": "2012-10-17", "Statement": statements })
}

/// Who may take the role: a service principal.
pub fn trust(service: &str) -> Value {
    document(vec![json!({ "Effect": "Allow", "Principal": { "Service": service }, "Action": "sts:AssumeRole" })])
}

/// Reading a data stream with GetRecords (a consumer, the KCL, Lambda, Firehose).
pub const KINESIS_READ: &[&str] = &[
    "kinesis:DescribeStream",
    "kinesis:DescribeStreamSummary",
    "kinesis:GetRecords",
    "kinesis:GetShardIterator",
    "kinesis:ListShards",
];

/// Writing records into a data stream (the KPL also lists the shards, to aggregate by shard).
pub const KINESIS_WRITE: &[&str] = &["kinesis:PutRecord", "kinesis:PutRecords", "kinesis:ListShards"];

/// Firehose writing objects into a bucket (the AWS documentation's list for S3 destinations).
pub const S3_DELIVERY: &[&str] = &[
    "s3:AbortMultipartUpload",
    "s3:GetBucketLocation",
    "s3:GetObject",
    "s3:ListBucket",
    "s3:ListBucketMultipartUploads",
    "s3:PutObject",
];

/// A bucket and the objects in it, as two resources.
pub fn bucket_and_objects(bucket_logical: &str) -> Vec<Value> {
    vec![get_att(bucket_logical, "Arn"), json!({ "Fn::Join": ["", [get_att(bucket_logical, "Arn"), "/*"]] })]
}
