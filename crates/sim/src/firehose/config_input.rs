//! CreateDeliveryStream's input as AWS's JSON shapes: what `config` reads a delivery stream from.

use super::stream::Compression;
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase")]
pub(super) struct BufferingHints {
    #[serde(rename = "SizeInMBs")]
    pub(super) size_in_mbs: Option<u64>,
    pub(super) interval_in_seconds: Option<u64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct ProcessorParameter {
    pub(super) parameter_name: String,
    pub(super) parameter_value: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct Processor {
    #[serde(rename = "Type")]
    pub(super) kind: String,
    #[serde(default)]
    pub(super) parameters: Vec<ProcessorParameter>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct ProcessingConfiguration {
    #[serde(default)]
    pub(super) enabled: bool,
    #[serde(default)]
    pub(super) processors: Vec<Processor>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct S3Config {
    #[serde(rename = "BucketARN")]
    pub(super) bucket_arn: String,
    #[serde(rename = "RoleARN")]
    #[allow(dead_code)]
    pub(super) role_arn: Option<String>,
    #[serde(default)]
    pub(super) prefix: String,
    #[serde(default)]
    pub(super) error_output_prefix: String,
    #[serde(default)]
    pub(super) buffering_hints: Option<BufferingHints>,
    pub(super) compression_format: Option<Compression>,
    pub(super) processing_configuration: Option<ProcessingConfiguration>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase")]
pub(super) struct RetryOptions {
    pub(super) duration_in_seconds: Option<u64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct CopyCommand {
    pub(super) data_table_name: String,
    #[serde(default)]
    pub(super) data_table_columns: String,
    #[serde(default)]
    pub(super) copy_options: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct RedshiftConfig {
    #[serde(rename = "ClusterJDBCURL")]
    pub(super) cluster_jdbc_url: String,
    pub(super) copy_command: CopyCommand,
    pub(super) s3_configuration: S3Config,
    pub(super) retry_options: Option<RetryOptions>,
    pub(super) processing_configuration: Option<ProcessingConfiguration>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct OpenSearchConfig {
    #[serde(rename = "DomainARN")]
    pub(super) domain_arn: String,
    pub(super) index_name: String,
    pub(super) index_rotation_period: Option<super::index_rotation::IndexRotation>,
    pub(super) buffering_hints: Option<BufferingHints>,
    pub(super) retry_options: Option<RetryOptions>,
    pub(super) s3_backup_mode: Option<String>,
    pub(super) s3_configuration: S3Config,
    pub(super) processing_configuration: Option<ProcessingConfiguration>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct EndpointConfiguration {
    pub(super) url: String,
    #[serde(default)]
    pub(super) name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct HttpConfig {
    pub(super) endpoint_configuration: EndpointConfiguration,
    pub(super) buffering_hints: Option<BufferingHints>,
    pub(super) retry_options: Option<RetryOptions>,
    #[serde(rename = "S3BackupMode")]
    pub(super) s3_backup_mode: Option<String>,
    pub(super) s3_configuration: S3Config,
    pub(super) processing_configuration: Option<ProcessingConfiguration>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct KinesisSourceConfig {
    #[serde(rename = "KinesisStreamARN")]
    pub(super) kinesis_stream_arn: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct CreateInput {
    pub delivery_stream_name: String,
    pub(super) delivery_stream_type: Option<String>,
    pub(super) kinesis_stream_source_configuration: Option<KinesisSourceConfig>,
    #[serde(rename = "ExtendedS3DestinationConfiguration")]
    pub(super) extended_s3: Option<S3Config>,
    #[serde(rename = "S3DestinationConfiguration")]
    pub(super) s3: Option<S3Config>,
    #[serde(rename = "RedshiftDestinationConfiguration")]
    pub(super) redshift: Option<RedshiftConfig>,
    #[serde(rename = "AmazonopensearchserviceDestinationConfiguration")]
    pub(super) opensearch: Option<OpenSearchConfig>,
    #[serde(rename = "HttpEndpointDestinationConfiguration")]
    pub(super) http: Option<HttpConfig>,
}
