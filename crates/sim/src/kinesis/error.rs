//! Kinesis errors as the API returns them: an AWS error type and its message.

use serde::Serialize;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ErrorType {
    InvalidArgumentException,
    ResourceNotFoundException,
    ResourceInUseException,
    LimitExceededException,
    ProvisionedThroughputExceededException,
    ExpiredIteratorException,
    ValidationException,
    SerializationException,
    UnknownOperationException,
    // S3
    NoSuchBucket,
    NoSuchKey,
    InvalidBucketName,
    BucketAlreadyOwnedByYou,
    InvalidRange,
    // Firehose
    ServiceUnavailableException,
    ConcurrentModificationException,
    // EMR
    InvalidRequestException,
    // DynamoDB
    ConditionalCheckFailedException,
    // Kinesis Video Streams (not in the page's first load, which has no video model)
    #[cfg(feature = "video")]
    ClientLimitExceededException,
    #[cfg(feature = "video")]
    ConnectionLimitExceededException,
    #[cfg(feature = "video")]
    NoDataRetentionException,
    #[cfg(feature = "video")]
    VersionMismatchException,
    #[cfg(feature = "video")]
    NotAuthorizedException,
}

impl ErrorType {
    pub fn name(self) -> &'static str {
        match self {
            ErrorType::InvalidArgumentException => "InvalidArgumentException",
            ErrorType::ResourceNotFoundException => "ResourceNotFoundException",
            ErrorType::ResourceInUseException => "ResourceInUseException",
            ErrorType::LimitExceededException => "LimitExceededException",
            ErrorType::ProvisionedThroughputExceededException => "ProvisionedThroughputExceededException",
            ErrorType::ExpiredIteratorException => "ExpiredIteratorException",
            ErrorType::ValidationException => "ValidationException",
            ErrorType::SerializationException => "SerializationException",
            ErrorType::UnknownOperationException => "UnknownOperationException",
            ErrorType::NoSuchBucket => "NoSuchBucket",
            ErrorType::NoSuchKey => "NoSuchKey",
            ErrorType::InvalidBucketName => "InvalidBucketName",
            ErrorType::BucketAlreadyOwnedByYou => "BucketAlreadyOwnedByYou",
            ErrorType::InvalidRange => "InvalidRange",
            ErrorType::ServiceUnavailableException => "ServiceUnavailableException",
            ErrorType::ConcurrentModificationException => "ConcurrentModificationException",
            ErrorType::InvalidRequestException => "InvalidRequestException",
            ErrorType::ConditionalCheckFailedException => "ConditionalCheckFailedException",
            #[cfg(feature = "video")]
            ErrorType::ClientLimitExceededException => "ClientLimitExceededException",
            #[cfg(feature = "video")]
            ErrorType::ConnectionLimitExceededException => "ConnectionLimitExceededException",
            #[cfg(feature = "video")]
            ErrorType::NoDataRetentionException => "NoDataRetentionException",
            #[cfg(feature = "video")]
            ErrorType::VersionMismatchException => "VersionMismatchException",
            #[cfg(feature = "video")]
            ErrorType::NotAuthorizedException => "NotAuthorizedException",
        }
    }
}

/// An error answer: `{"__type": "...", "message": "..."}` on the wire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApiError {
    #[serde(rename = "__type")]
    pub kind: ErrorType,
    pub message: String,
}

impl ApiError {
    pub fn new(kind: ErrorType, message: impl Into<String>) -> Self {
        ApiError { kind, message: message.into() }
    }
    pub fn invalid(message: impl Into<String>) -> Self {
        ApiError::new(ErrorType::InvalidArgumentException, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        ApiError::new(ErrorType::ResourceNotFoundException, message)
    }
    pub fn in_use(message: impl Into<String>) -> Self {
        ApiError::new(ErrorType::ResourceInUseException, message)
    }
    pub fn limit(message: impl Into<String>) -> Self {
        ApiError::new(ErrorType::LimitExceededException, message)
    }
    /// The AWS "1 validation error detected" shape for one member.
    pub fn validation(value: &str, member: &str, constraint: &str) -> Self {
        ApiError::new(
            ErrorType::ValidationException,
            format!(
                "1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}"
            ),
        )
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.message)
    }
}

impl std::error::Error for ApiError {}

pub type ApiResult<T> = Result<T, ApiError>;
