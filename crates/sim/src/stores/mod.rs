//! The stores Firehose delivers into, each one the learner can open and read: S3 buckets, a
//! Redshift cluster's tables, OpenSearch indices and HTTP endpoints; and DynamoDB tables,
//! which EMR jobs read and write.

#[cfg(feature = "dynamodb")]
pub mod dynamodb;
pub mod http_endpoint;
pub mod opensearch;
pub mod redshift;
#[cfg(feature = "redshift-data")]
pub mod redshift_data;
pub mod s3;

/// Every destination store of a world, borrowed together by the delivery services.
#[derive(Clone, Debug, Default)]
pub struct Stores {
    pub s3: s3::S3,
    pub redshift: redshift::Redshift,
    /// The Redshift Data API's statements (the console's way to read a table).
    #[cfg(feature = "redshift-data")]
    pub redshift_data: redshift_data::RedshiftData,
    pub opensearch: opensearch::OpenSearch,
    pub http: http_endpoint::HttpEndpoints,
    #[cfg(feature = "dynamodb")]
    pub dynamodb: dynamodb::DynamoDb,
}
