//! AWS's JSON wire protocols (awsJson1_0 and awsJson1_1) as the SDKs speak them: the
//! operation named by `X-Amz-Target`, the input as the JSON body, the output as the JSON
//! answer, an error as `{"__type": …, "message": …}` with its HTTP status.

use shardlab_sim::kinesis::error::{ApiError, ErrorType};

/// A service the lab answers over a JSON protocol: its `X-Amz-Target` prefix, the name
/// `World::call` knows it by, and its content type.
#[derive(Debug)]
pub struct Service {
    pub target_prefix: &'static str,
    pub name: &'static str,
    pub content_type: &'static str,
}

/// The services, by target prefix (each service's API version, as its SDK model names it).
pub const SERVICES: [Service; 4] = [
    Service { target_prefix: "Kinesis_20131202", name: "kinesis", content_type: JSON_1_1 },
    Service { target_prefix: "Firehose_20150804", name: "firehose", content_type: JSON_1_1 },
    Service { target_prefix: "DynamoDB_20120810", name: "dynamodb", content_type: JSON_1_0 },
    Service { target_prefix: "ElasticMapReduce", name: "emr", content_type: JSON_1_1 },
];

pub const JSON_1_1: &str = "application/x-amz-json-1.1";
pub const JSON_1_0: &str = "application/x-amz-json-1.0";

/// The service and operation `X-Amz-Target` names ("Kinesis_20131202.PutRecord"), or the
/// error AWS gives for a target it does not know.
pub fn target(header: Option<&str>) -> Result<(&'static Service, &str), ApiError> {
    let Some(header) = header else {
        return Err(ApiError::new(
            ErrorType::UnknownOperationException,
            "the request has no X-Amz-Target header naming its operation (e.g. Kinesis_20131202.ListStreams)",
        ));
    };
    let (prefix, op) = header.split_once('.').unwrap_or((header, ""));
    let service = SERVICES.iter().find(|s| s.target_prefix == prefix).ok_or_else(|| {
        let known: Vec<&str> = SERVICES.iter().map(|s| s.target_prefix).collect();
        ApiError::new(
            ErrorType::UnknownOperationException,
            format!("ShardLab does not serve the target '{header}'; it serves {}", known.join(", ")),
        )
    })?;
    if op.is_empty() || !op.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(ApiError::new(ErrorType::UnknownOperationException, format!("'{header}' names no operation")));
    }
    Ok((service, op))
}

/// The HTTP status AWS answers an error with: a throttled or refused request is the
/// client's (400), a service that cannot take it now is 503.
pub fn status(error: &ApiError) -> u16 {
    match error.kind {
        ErrorType::ServiceUnavailableException => 503,
        ErrorType::NoSuchBucket | ErrorType::NoSuchKey => 404,
        _ => 400,
    }
}

/// The error body the SDKs parse.
pub fn error_body(kind: &str, message: &str) -> String {
    serde_json::json!({ "__type": kind, "message": message }).to_string()
}

/// A request id in the shape AWS's have (a UUID), counted so that runs are repeatable.
pub fn request_id(n: u64) -> String {
    let hex = format!("{:032x}", (0x5348_4152_444c_4142u128 << 64) | n as u128);
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_names_a_service_and_an_operation() {
        let (service, op) = target(Some("Kinesis_20131202.PutRecord")).unwrap();
        assert_eq!((service.name, op), ("kinesis", "PutRecord"));
        assert_eq!(target(Some("DynamoDB_20120810.GetItem")).unwrap().0.content_type, JSON_1_0);
        for wrong in [None, Some("Kinesis_20131202"), Some("Kinesis_20131202.Put Record"), Some("SQS.SendMessage")] {
            let e = target(wrong).unwrap_err();
            assert_eq!(e.kind, ErrorType::UnknownOperationException, "{wrong:?}");
        }
    }

    #[test]
    fn request_ids_are_uuid_shaped_and_distinct() {
        let (a, b) = (request_id(1), request_id(2));
        assert_ne!(a, b);
        let lengths: Vec<usize> = a.split('-').map(str::len).collect();
        assert_eq!(lengths, [8, 4, 4, 4, 12]);
    }

    #[test]
    fn throttling_is_the_clients_error_and_unavailability_the_services() {
        let throttled = ApiError::new(ErrorType::ProvisionedThroughputExceededException, "slow down");
        assert_eq!(status(&throttled), 400);
        assert_eq!(status(&ApiError::new(ErrorType::ServiceUnavailableException, "busy")), 503);
    }
}
