//! UpdateDestination: a new configuration for the delivery stream's destination. AWS takes
//! the stream's current VersionId (so that two updates cannot overwrite each other) and the
//! destination's id, and raises the VersionId by one; the version is part of every S3 object
//! name written after. The lab applies the update to the CreateDeliveryStream input the
//! stream keeps, member by member (`S3Update` into the backup's `S3Configuration`), and
//! checks the result as CreateDeliveryStream does.

use super::service::DESTINATION_ID;
use crate::kinesis::api::parse;
use crate::kinesis::error::{ApiError, ApiResult, ErrorType};
use serde::Deserialize;
use serde_json::{Map, Value};

/// Each destination's update member and the configuration member it updates.
const UPDATES: [(&str, &[&str]); 5] = [
    ("ExtendedS3DestinationUpdate", &["ExtendedS3DestinationConfiguration", "S3DestinationConfiguration"]),
    ("S3DestinationUpdate", &["S3DestinationConfiguration", "ExtendedS3DestinationConfiguration"]),
    ("RedshiftDestinationUpdate", &["RedshiftDestinationConfiguration"]),
    ("AmazonopensearchserviceDestinationUpdate", &["AmazonopensearchserviceDestinationConfiguration"]),
    ("HttpEndpointDestinationUpdate", &["HttpEndpointDestinationConfiguration"]),
];

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct UpdateInput {
    delivery_stream_name: String,
    current_delivery_stream_version_id: String,
    destination_id: String,
    #[serde(flatten)]
    rest: Map<String, Value>,
}

/// The stream's configuration `config` (at `version`) with the update `input` applied.
pub(super) fn updated_config(config: &Value, version: u64, input: Value) -> ApiResult<Value> {
    let input: UpdateInput = parse(input)?;
    if input.current_delivery_stream_version_id != version.to_string() {
        return Err(ApiError::new(
            ErrorType::ConcurrentModificationException,
            format!(
                "Another modification has already happened. Fetch VersionId again and use it to update the destination. Firehose {} is at VersionId {version}, not {}.",
                input.delivery_stream_name, input.current_delivery_stream_version_id
            ),
        ));
    }
    if input.destination_id != DESTINATION_ID {
        return Err(ApiError::invalid(format!(
            "Destination {} does not exist in Firehose {}; its destination is {DESTINATION_ID}.",
            input.destination_id, input.delivery_stream_name
        )));
    }
    let mut updates = Vec::new();
    for (member, value) in &input.rest {
        match UPDATES.iter().find(|(name, _)| name == member) {
            Some((_, targets)) => updates.push((member.as_str(), *targets, value)),
            None => return Err(ApiError::invalid(format!("UpdateDestination takes no member {member}."))),
        }
    }
    let [(member, targets, update)] = updates[..] else {
        let names: Vec<&str> = UPDATES.iter().map(|(n, _)| *n).collect();
        return Err(ApiError::invalid(format!("Exactly one destination update is required: {}.", names.join(", "))));
    };
    let mut config = config.clone();
    let Some(target) = targets.iter().find(|t| config.get(**t).is_some()) else {
        return Err(ApiError::invalid(format!(
            "{member} updates another kind of destination than Firehose {}'s: the lab updates a delivery stream's own destination.",
            input.delivery_stream_name
        )));
    };
    let Some(fields) = update.as_object() else {
        return Err(ApiError::new(ErrorType::SerializationException, format!("{member} must be an object.")));
    };
    let destination = &mut config[*target];
    for (field, value) in fields {
        match (field.as_str(), value) {
            ("S3Update", Value::Object(s3)) => {
                for (k, v) in s3 {
                    destination["S3Configuration"][k] = v.clone();
                }
            }
            _ => destination[field] = value.clone(),
        }
    }
    Ok(config)
}
