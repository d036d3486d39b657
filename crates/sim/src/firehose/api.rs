//! Data Firehose's operations by name with their JSON input, as the console and `shardlab api`
//! call them (CreateDeliveryStream, Describe, List, Delete, PutRecord, PutRecordBatch,
//! UpdateDestination).

use super::limits::*;
use super::service::{not_found, record_id_text, Firehose, DESTINATION_ID};
use super::stream::{Source, Target};
use crate::ctx::Ctx;
use crate::kinesis::api::parse;
use crate::kinesis::error::{ApiError, ApiResult, ErrorType};
use crate::kinesis::Kinesis;
use crate::pipeline::record_data::RecordData;
use crate::stores::Stores;
use base64::Engine;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct NameInput {
    delivery_stream_name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct RecordInput {
    data: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct PutInput {
    delivery_stream_name: String,
    record: RecordInput,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct PutBatchInput {
    delivery_stream_name: String,
    records: Vec<RecordInput>,
}

pub(super) fn decode(data: &str) -> ApiResult<Vec<u8>> {
    base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|_| ApiError::new(ErrorType::SerializationException, "Data must be base64-encoded."))
}

pub(super) fn too_long(field: &str) -> ApiError {
    ApiError::validation("java.nio.HeapByteBuffer", field, "Member must have length less than or equal to 1024000")
}

impl Firehose {
    pub fn call(
        &mut self,
        ctx: &mut Ctx,
        kinesis: &Kinesis,
        stores: &mut Stores,
        op: &str,
        input: Value,
    ) -> ApiResult<Value> {
        match op {
            "CreateDeliveryStream" => self.create(ctx, kinesis, stores, input),
            "UpdateDestination" => {
                let name = input["DeliveryStreamName"].as_str().unwrap_or_default().to_string();
                let s = self.streams.get(&name).filter(|s| !s.deleting).ok_or_else(|| not_found(&name))?;
                if ctx.now < s.active_at {
                    return Err(ApiError::in_use(format!("Firehose {name} is not ACTIVE, instead in state CREATING.")));
                }
                let config = super::update::updated_config(&s.config, s.version, input)?;
                self.reconfigure(ctx, stores, config)?;
                Ok(json!({}))
            }
            "DescribeDeliveryStream" => {
                let i: NameInput = parse(input)?;
                self.describe(ctx, &i.delivery_stream_name)
            }
            "ListDeliveryStreams" => Ok(json!({
                "DeliveryStreamNames": self.streams.keys().collect::<Vec<_>>(),
                "HasMoreDeliveryStreams": false,
            })),
            "DeleteDeliveryStream" => {
                let i: NameInput = parse(input)?;
                self.stream_mut(&i.delivery_stream_name)?.deleting = true;
                ctx.wake_at(ctx.now);
                Ok(json!({}))
            }
            "PutRecord" => {
                let i: PutInput = parse(input)?;
                let data = decode(&i.record.data)?;
                if data.len() as u64 > RECORD_MAX_BYTES {
                    return Err(too_long("record.data"));
                }
                let ids = self.put_api(ctx, stores, &i.delivery_stream_name, vec![data])?;
                Ok(json!({ "RecordId": record_id_text(ids[0], &i.delivery_stream_name), "Encrypted": false }))
            }
            "PutRecordBatch" => {
                let i: PutBatchInput = parse(input)?;
                if i.records.is_empty() || i.records.len() > BATCH_MAX_RECORDS {
                    return Err(ApiError::validation(
                        &format!("{} records", i.records.len()),
                        "records",
                        "Member must have length between 1 and 500",
                    ));
                }
                let mut data = Vec::with_capacity(i.records.len());
                for r in &i.records {
                    let d = decode(&r.data)?;
                    if d.len() as u64 > RECORD_MAX_BYTES {
                        return Err(too_long("records.member.data"));
                    }
                    data.push(d);
                }
                if data.iter().map(|d| d.len() as u64).sum::<u64>() > BATCH_MAX_BYTES {
                    return Err(ApiError::invalid("The PutRecordBatch request is larger than 4 MiB."));
                }
                let n = data.len();
                let name = i.delivery_stream_name;
                match self.put_api(ctx, stores, &name, data) {
                    Ok(ids) => Ok(json!({
                        "FailedPutCount": 0,
                        "Encrypted": false,
                        "RequestResponses": ids.iter().map(|&id| json!({ "RecordId": record_id_text(id, &name) })).collect::<Vec<_>>(),
                    })),
                    // Over a quota, every record of the batch is answered as failed, as AWS does.
                    Err(e) if e.kind == ErrorType::ServiceUnavailableException => Ok(json!({
                        "FailedPutCount": n,
                        "Encrypted": false,
                        "RequestResponses": (0..n).map(|_| json!({ "ErrorCode": "ServiceUnavailableException", "ErrorMessage": "Slow down." })).collect::<Vec<_>>(),
                    })),
                    Err(e) => Err(e),
                }
            }
            other => {
                Err(ApiError::new(ErrorType::UnknownOperationException, format!("Firehose has no operation {other}.")))
            }
        }
    }

    pub(super) fn describe(&self, ctx: &Ctx, name: &str) -> ApiResult<Value> {
        let s = self.streams.get(name).ok_or_else(|| not_found(name))?;
        let d = &s.destination;
        let hints = json!({ "SizeInMBs": d.size_bytes / MIB, "IntervalInSeconds": d.interval.as_millis() / 1_000 });
        let s3 = json!({
            "BucketARN": format!("arn:aws:s3:::{}", d.bucket),
            "Prefix": d.prefix,
            "ErrorOutputPrefix": d.error_prefix,
            "BufferingHints": { "SizeInMBs": d.s3_hints.0, "IntervalInSeconds": d.s3_hints.1 },
            "CompressionFormat": d.compression,
        });
        let retry = |r: &crate::time::SimDuration| json!({ "DurationInSeconds": r.as_millis() / 1_000 });
        let destination = match &d.target {
            Target::S3 => json!({ "ExtendedS3DestinationDescription": s3 }),
            Target::Redshift { cluster, table, columns, copy_options, retry_for } => json!({
                "RedshiftDestinationDescription": {
                    "ClusterJDBCURL": format!("jdbc:redshift://{cluster}.lab.{}.redshift.amazonaws.com:5439/dev", crate::kinesis::limits::REGION),
                    "CopyCommand": { "DataTableName": table, "DataTableColumns": columns.join(","), "CopyOptions": copy_options },
                    "RetryOptions": retry(retry_for),
                    "S3DestinationDescription": s3,
                }
            }),
            Target::OpenSearch { domain, index, rotation, retry_for, backup_all } => json!({
                "AmazonopensearchserviceDestinationDescription": {
                    "DomainARN": format!("arn:aws:es:{}:{}:domain/{domain}", crate::kinesis::limits::REGION, crate::kinesis::limits::ACCOUNT_ID),
                    "IndexName": index,
                    "IndexRotationPeriod": rotation,
                    "BufferingHints": hints,
                    "RetryOptions": retry(retry_for),
                    "S3BackupMode": if *backup_all { "AllDocuments" } else { "FailedDocumentsOnly" },
                    "S3DestinationDescription": s3,
                }
            }),
            Target::Http { url, name, retry_for, backup_all } => json!({
                "HttpEndpointDestinationDescription": {
                    "EndpointConfiguration": { "Url": url, "Name": name },
                    "BufferingHints": hints,
                    "RetryOptions": retry(retry_for),
                    "S3BackupMode": if *backup_all { "AllData" } else { "FailedDataOnly" },
                    "S3DestinationDescription": s3,
                }
            }),
        };
        // DestinationId comes first, as AWS orders it.
        let mut destination_entry = json!({ "DestinationId": DESTINATION_ID });
        for (k, v) in destination.as_object().into_iter().flatten() {
            destination_entry[k] = v.clone();
        }
        let mut description = json!({
            "DeliveryStreamName": s.name,
            "DeliveryStreamARN": s.arn(),
            "DeliveryStreamStatus": s.status(ctx.now),
            "DeliveryStreamType": if matches!(s.source, Source::DirectPut) { "DirectPut" } else { "KinesisStreamAsSource" },
            "VersionId": s.version.to_string(),
            "CreateTimestamp": ctx.epoch_seconds(s.created),
            "Destinations": [destination_entry],
            "HasMoreDestinations": false,
        });
        if let Source::Kinesis { stream, .. } = &s.source {
            description["Source"] = json!({ "KinesisStreamSourceDescription": {
                "KinesisStreamARN": format!("arn:aws:kinesis:{}:{}:stream/{stream}", crate::kinesis::limits::REGION, crate::kinesis::limits::ACCOUNT_ID),
                "DeliveryStartTimestamp": ctx.epoch_seconds(s.active_at),
            }});
        }
        Ok(json!({ "DeliveryStreamDescription": description }))
    }

    pub(super) fn put_api(
        &mut self,
        ctx: &mut Ctx,
        stores: &mut Stores,
        name: &str,
        data: Vec<Vec<u8>>,
    ) -> ApiResult<Vec<u64>> {
        self.put_records(ctx, stores, name, data.into_iter().map(|d| (RecordData::Bytes(d), None)).collect(), None)
    }
}
