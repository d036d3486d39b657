//! PutRecord and PutRecords, and the one write path every producer uses: validate, route by
//! hash key, admit against the shard's per-second limits, append.

use super::error::{ApiError, ApiResult, ErrorType};
use super::hash_key::{hash_partition_key, parse_explicit_hash_key};
use super::limits::*;
use super::service::Kinesis;
use super::shard::StoredRecord;
use super::stream::{Stream, StreamMode};
use super::types::*;
use crate::ctx::Ctx;
use crate::ledger::Place;
use crate::pipeline::generated_tick::GeneratedTick;
use crate::pipeline::payload::Payload;
use base64::Engine;
use std::rc::Rc;

/// Where an accepted record went.
#[derive(Clone, Debug, PartialEq)]
pub struct Accepted {
    pub shard_index: u32,
    pub sequence_number: u128,
}

/// Checks one record against the per-record rules.
pub fn validate_record(
    partition_key: &str,
    data_len: usize,
    explicit_hash_key: Option<&str>,
) -> ApiResult<Option<u128>> {
    let chars = partition_key.chars().count();
    if chars == 0 || chars > PARTITION_KEY_MAX_CHARS {
        return Err(ApiError::validation(
            partition_key,
            "partitionKey",
            &format!("Member must have length between 1 and {PARTITION_KEY_MAX_CHARS}"),
        ));
    }
    if (data_len + partition_key.len()) as u64 > MAX_RECORD_BYTES {
        return Err(ApiError::validation(
            "java.nio.HeapByteBuffer",
            "data",
            &format!("Member must have length less than or equal to {MAX_RECORD_BYTES}"),
        ));
    }
    explicit_hash_key
        .map(parse_explicit_hash_key)
        .transpose()
        .map_err(|m| ApiError::new(ErrorType::InvalidArgumentException, m))
}

pub fn throttle_message(shard: &str, stream: &str) -> String {
    format!("Rate exceeded for shard {shard} in stream {stream} under account {ACCOUNT_ID}.")
}

fn decode_data(data: &str) -> ApiResult<Vec<u8>> {
    base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|_| ApiError::new(ErrorType::SerializationException, "Data must be base64-encoded."))
}

impl Kinesis {
    pub fn put_record(&mut self, ctx: &mut Ctx, input: PutRecordInput) -> ApiResult<PutRecordOutput> {
        let name = Kinesis::stream_name(&input.stream)?;
        let data = decode_data(&input.data)?;
        let explicit = validate_record(&input.partition_key, data.len(), input.explicit_hash_key.as_deref())?;
        self.stream(&name)?.require_writable()?;
        let id = ctx.new_record_id();
        let key: Rc<str> = input.partition_key.into();
        match write_into(self.stream_mut(&name)?, ctx, &key, explicit, explicit.is_some(), Payload::Bytes(data), id, 1)
        {
            Ok(a) => {
                ctx.ledger.create(Place::InShard);
                Ok(PutRecordOutput {
                    shard_id: super::shard::shard_id(a.shard_index),
                    sequence_number: a.sequence_number.to_string(),
                })
            }
            Err(e) => {
                ctx.ledger.create(Place::Rejected);
                Err(e)
            }
        }
    }

    pub fn put_records(&mut self, ctx: &mut Ctx, input: PutRecordsInput) -> ApiResult<PutRecordsOutput> {
        let name = Kinesis::stream_name(&input.stream)?;
        let n = input.records.len();
        if n == 0 || n > PUT_RECORDS_MAX_ENTRIES {
            return Err(ApiError::validation(
                &format!("{n} records"),
                "records",
                &format!("Member must have length between 1 and {PUT_RECORDS_MAX_ENTRIES}"),
            ));
        }
        // The whole request is validated before any record is written.
        let mut decoded = Vec::with_capacity(n);
        let mut total = 0u64;
        for entry in &input.records {
            let data = decode_data(&entry.data)?;
            let explicit = validate_record(&entry.partition_key, data.len(), entry.explicit_hash_key.as_deref())?;
            total += (data.len() + entry.partition_key.len()) as u64;
            decoded.push((data, explicit));
        }
        if total > PUT_RECORDS_MAX_BYTES {
            return Err(ApiError::invalid(format!(
                "Records size exceeds {} MB limit: the request holds {total} bytes of data and partition keys.",
                PUT_RECORDS_MAX_BYTES / MIB
            )));
        }
        self.stream(&name)?.require_writable()?;
        let mut failed = 0;
        let mut results = Vec::with_capacity(n);
        for (entry, (data, explicit)) in input.records.iter().zip(decoded) {
            let id = ctx.new_record_id();
            let key: Rc<str> = entry.partition_key.as_str().into();
            match write_into(
                self.stream_mut(&name)?,
                ctx,
                &key,
                explicit,
                explicit.is_some(),
                Payload::Bytes(data),
                id,
                1,
            ) {
                Ok(a) => {
                    ctx.ledger.create(Place::InShard);
                    results.push(PutRecordsResultEntry {
                        sequence_number: Some(a.sequence_number.to_string()),
                        shard_id: Some(super::shard::shard_id(a.shard_index)),
                        error_code: None,
                        error_message: None,
                    });
                }
                Err(e) => {
                    ctx.ledger.create(Place::Rejected);
                    failed += 1;
                    results.push(PutRecordsResultEntry {
                        sequence_number: None,
                        shard_id: None,
                        error_code: Some(e.kind.name().to_string()),
                        error_message: Some(e.message),
                    });
                }
            }
        }
        Ok(PutRecordsOutput { failed_record_count: failed, records: results })
    }
}

/// The one write path, for PutRecord, PutRecords and producers alike: validate, route by
/// hash key, admit against the shard's per-second limits, append. The caller keeps the books
/// (a record's ledger place depends on who sent it); the shard's metrics are counted here.
/// `hash` is the record's hash key when the caller knows it (an explicit hash key, or a
/// producer's precomputed MD5 of a key it reuses); otherwise it is computed. The stream is
/// looked up by the caller: a producer does it once per batch, not once per record.
#[allow(clippy::too_many_arguments)]
pub fn write_into(
    s: &mut Stream,
    ctx: &mut Ctx,
    partition_key: &Rc<str>,
    hash: Option<u128>,
    explicit: bool,
    data: Payload,
    record_id: u64,
    user_records: u32,
) -> ApiResult<Accepted> {
    let key = hash.unwrap_or_else(|| hash_partition_key(partition_key));
    let size = (data.len() + partition_key.len()) as u64;
    let position = admit(s, ctx, key, size)?;
    let shard = &mut s.shards[position];
    let shard_index = shard.index;
    let sequence_number = shard.append(StoredRecord {
        sequence_number: 0,
        arrival: ctx.now,
        partition_key: partition_key.clone(),
        hash_key: key,
        explicit,
        data,
        record_id,
        user_records,
    });
    Ok(Accepted { shard_index, sequence_number })
}

/// The same write path for record k of a producer's tick: the shard keeps it as part of the
/// tick's run instead of as a record of its own.
pub fn write_generated(
    s: &mut Stream,
    ctx: &mut Ctx,
    tick: &Rc<GeneratedTick>,
    k: u32,
    partition_key: &Rc<str>,
    hash: u128,
) -> ApiResult<Accepted> {
    let size = tick.size() as u64 + partition_key.len() as u64;
    let position = admit(s, ctx, hash, size)?;
    let shard = &mut s.shards[position];
    let sequence_number = shard.append_generated(tick, k, partition_key, hash);
    Ok(Accepted { shard_index: shard.index, sequence_number })
}

/// Routes a record of `size` bytes with hash key `hash` and admits it against its shard's
/// limits of this second, counting it in the shard's (and an on-demand stream's) figures;
/// returns the shard's position.
fn admit(s: &mut Stream, ctx: &mut Ctx, hash: u128, size: u64) -> ApiResult<usize> {
    let now = ctx.now;
    s.require_writable()?;
    let position = s.route(hash).expect("open shards cover the whole hash key space");
    let shard = &mut s.shards[position];
    shard.roll_counters(&s.name, ctx);
    if !shard.admit_write(now, size) {
        shard.counters.write_throttled += 1;
        shard.log.seal();
        return Err(ApiError::new(
            ErrorType::ProvisionedThroughputExceededException,
            throttle_message(&shard.id(), &s.name),
        ));
    }
    shard.counters.incoming_bytes += size;
    shard.counters.incoming_records += 1;
    if s.mode == StreamMode::OnDemand {
        s.on_demand.note_write(ctx, size);
    }
    Ok(position)
}
