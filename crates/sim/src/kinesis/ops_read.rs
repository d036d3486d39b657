//! GetShardIterator and GetRecords, and the read path polling consumers share.

use super::error::{ApiError, ApiResult, ErrorType};
use super::iterator::ShardIterator;
use super::limits::*;
use super::service::Kinesis;
use super::shard::shard_id;
use super::shard_log::ReadSummary;
use super::stream::Stream;
use super::types::*;
use crate::ctx::Ctx;
use base64::Engine;

/// GetRecords refused by the shard's shared read limit, in the words current AWS answers
/// carry (`Rate exceeded for Shard - 477594640287/eth-erc20-event/shardId-000000000000`, as SDK
/// users log it since 2023; the older form was "Rate exceeded for shard … in stream … under
/// account …", which writes still use).
pub fn read_throttle_message(stream: &str, shard: &str) -> String {
    format!("Rate exceeded for Shard - {ACCOUNT_ID}/{stream}/{shard}")
}

/// What one read of a shard found.
pub struct ReadBatch {
    /// Positions in the shard's record queue, oldest first.
    pub first: usize,
    pub count: usize,
    pub bytes: u64,
    /// Where the next read starts.
    pub next_position: u128,
    /// The shard is closed and this read reached its end.
    pub at_end: bool,
    /// What the records read amount to: their sequence numbers, arrivals and user records.
    pub read: ReadSummary,
    pub millis_behind: u64,
}

/// The records of shard `position` of `stream` from sequence number `from`, at most `limit`
/// records and `max_bytes` bytes (always at least one record if any is there).
pub fn read_batch(
    stream: &Stream,
    position: usize,
    from: u128,
    limit: usize,
    max_bytes: u64,
    ctx_now: crate::time::SimTime,
) -> ReadBatch {
    let shard = &stream.shards[position];
    let first = shard.position_of(from);
    let (count, bytes) = shard.log.take(first, limit, max_bytes);
    let read = shard.log.summarize(first, count, ctx_now);
    let next_position = read.sequences.map_or(from, |(_, last)| last + 1);
    // A closed shard takes no more records: once the rest is read, its readers are done.
    let at_end = shard.ending_sequence.is_some() && read.next_arrival.is_none();
    let millis_behind = read.next_arrival.map_or(0, |arrival| ctx_now.saturating_sub(arrival).as_millis());
    ReadBatch { first, count, bytes, next_position, at_end, millis_behind, read }
}

/// The child shards of a closed shard, as ChildShards lists them.
pub fn child_shards(stream: &Stream, parent: u32) -> Vec<ChildShard> {
    stream
        .shards
        .iter()
        .filter(|s| s.parent == Some(parent) || s.adjacent_parent == Some(parent))
        .map(|s| ChildShard {
            shard_id: s.id(),
            parent_shards: s.parent.into_iter().chain(s.adjacent_parent).map(shard_id).collect(),
            hash_key_range: HashKeyRange {
                starting_hash_key: s.range.start.to_string(),
                ending_hash_key: s.range.end.to_string(),
            },
        })
        .collect()
}

pub fn to_api_record(ctx: &Ctx, r: &super::shard::StoredRecord) -> Record {
    Record {
        sequence_number: r.sequence_number.to_string(),
        approximate_arrival_timestamp: ctx.epoch_seconds(r.arrival),
        data: base64::engine::general_purpose::STANDARD.encode(r.data.render(&r.partition_key)),
        partition_key: r.partition_key.to_string(),
    }
}

fn parse_sequence(text: Option<&str>, kind: &str) -> ApiResult<u128> {
    let text = text.ok_or_else(|| {
        ApiError::invalid(format!("StartingSequenceNumber is required for ShardIteratorType {kind}."))
    })?;
    text.parse::<u128>().map_err(|_| {
        ApiError::invalid(format!(
            "StartingSequenceNumber {text} used in GetShardIterator on shard is not a valid sequence number."
        ))
    })
}

/// What one GetRecords call by a pipeline consumer got: counts, not copies, so that
/// consumers of a busy stream do not clone every record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Polled {
    pub records: u64,
    pub user_records: u64,
    pub bytes: u64,
    pub first_sequence: Option<u128>,
    pub last_sequence: Option<u128>,
    pub next_position: u128,
    pub at_end: bool,
    pub millis_behind: u64,
    /// Sum over the user records of (now − arrival), for the average delivery latency.
    pub latency_ms_sum: u64,
}

impl Polled {
    /// What the records of `batch` amount to.
    fn of(batch: &ReadBatch) -> Polled {
        Polled {
            records: batch.count as u64,
            user_records: batch.read.user_records,
            bytes: batch.bytes,
            first_sequence: batch.read.sequences.map(|(first, _)| first),
            last_sequence: batch.read.sequences.map(|(_, last)| last),
            next_position: batch.next_position,
            at_end: batch.at_end,
            millis_behind: batch.millis_behind,
            latency_ms_sum: batch.read.age_sum_ms,
        }
    }
}

impl Kinesis {
    /// One GetRecords call on shard `shard` of `stream` from `position`, counted against the
    /// shard's shared read limits exactly as the API call is. Also returns the index of the
    /// first record read in the shard's queue.
    pub fn poll(
        &mut self,
        ctx: &mut Ctx,
        stream: &str,
        shard: u32,
        position: u128,
        limit: usize,
    ) -> ApiResult<(Polled, usize)> {
        let now = ctx.now;
        let s = self.stream_mut(stream)?;
        let p = s.position(shard).ok_or_else(|| {
            ApiError::not_found(format!(
                "Shard {} in stream {stream} under account {ACCOUNT_ID} has expired.",
                shard_id(shard)
            ))
        })?;
        let sh = &mut s.shards[p];
        sh.roll_counters(stream, ctx);
        if !sh.admit_read_call(now) {
            sh.counters.read_throttled += 1;
            return Err(ApiError::new(
                ErrorType::ProvisionedThroughputExceededException,
                read_throttle_message(stream, &sh.id()),
            ));
        }
        let batch = read_batch(s, p, position, limit, GET_RECORDS_MAX_BYTES, now);
        let sh = &mut s.shards[p];
        sh.charge_read(batch.bytes);
        sh.counters.get_records_calls += 1;
        sh.counters.outgoing_bytes += batch.bytes;
        sh.counters.outgoing_records += batch.count as u64;
        let polled = Polled::of(&batch);
        let age = batch.read.last_arrival.map_or(0, |last| now.saturating_sub(last).as_millis());
        sh.counters.iterator_age_ms = Some(sh.counters.iterator_age_ms.unwrap_or(0).max(age));
        Ok((polled, batch.first))
    }

    /// An enhanced fan-out push of shard `shard` from `position`, up to `max_bytes`: it uses
    /// the consumer's own throughput, not the shard's shared read limit. None if the shard is
    /// gone.
    pub fn push(&mut self, ctx: &mut Ctx, stream: &str, shard: u32, position: u128, max_bytes: u64) -> Option<Polled> {
        let now = ctx.now;
        let s = self.streams.get_mut(stream)?;
        let p = s.position(shard)?;
        let batch = read_batch(s, p, position, GET_RECORDS_MAX_LIMIT as usize, max_bytes, now);
        let sh = &mut s.shards[p];
        sh.roll_counters(stream, ctx);
        sh.counters.outgoing_bytes += batch.bytes;
        sh.counters.outgoing_records += batch.count as u64;
        Some(Polled::of(&batch))
    }

    /// Where an iterator of `kind` starts in shard `position`, as a sequence number.
    pub fn starting_position(
        &self,
        ctx: &Ctx,
        stream: &Stream,
        position: usize,
        kind: &str,
        sequence: Option<&str>,
        timestamp: Option<f64>,
    ) -> ApiResult<u128> {
        let shard = &stream.shards[position];
        Ok(match kind {
            "TRIM_HORIZON" => shard.trim_horizon(),
            "LATEST" => shard.next_sequence(),
            "AT_SEQUENCE_NUMBER" => parse_sequence(sequence, kind)?,
            "AFTER_SEQUENCE_NUMBER" => parse_sequence(sequence, kind)? + 1,
            "AT_TIMESTAMP" => {
                let t = timestamp.ok_or_else(|| ApiError::invalid("Timestamp is required for ShardIteratorType AT_TIMESTAMP."))?;
                let at = ctx.from_epoch_seconds(t);
                let p = shard.position_at_time(at);
                shard.log.sequence_at(p).unwrap_or(shard.next_sequence())
            }
            other => {
                return Err(ApiError::validation(
                    other,
                    "shardIteratorType",
                    "Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, AT_SEQUENCE_NUMBER, AT_TIMESTAMP, TRIM_HORIZON, LATEST]",
                ))
            }
        })
    }

    pub fn get_shard_iterator(
        &mut self,
        ctx: &mut Ctx,
        input: GetShardIteratorInput,
    ) -> ApiResult<GetShardIteratorOutput> {
        let name = Kinesis::stream_name(&input.stream)?;
        self.tick(ctx);
        let stream = self.stream(&name)?;
        stream.require_writable()?;
        let position = stream.find_shard(&input.shard_id)?;
        let start = self.starting_position(
            ctx,
            stream,
            position,
            &input.shard_iterator_type,
            input.starting_sequence_number.as_deref(),
            input.timestamp,
        )?;
        let iterator = ShardIterator {
            stream: name,
            stream_created: stream.created,
            shard: stream.shards[position].index,
            position: start,
            issued: ctx.now,
        };
        Ok(GetShardIteratorOutput { shard_iterator: iterator.encode() })
    }

    pub fn get_records(&mut self, ctx: &mut Ctx, input: GetRecordsInput) -> ApiResult<GetRecordsOutput> {
        let limit = match input.limit {
            None => GET_RECORDS_MAX_LIMIT as usize,
            Some(n @ 1..=10_000) => n as usize,
            Some(n) => {
                return Err(ApiError::validation(&n.to_string(), "limit", "Member must have value between 1 and 10000"))
            }
        };
        let it = ShardIterator::decode(&input.shard_iterator)?;
        it.check_fresh(ctx.now, ctx.epoch_ms)?;
        self.tick(ctx);
        let now = ctx.now;
        if self.streams.get(&it.stream).is_none_or(|s| s.created != it.stream_created) {
            return Err(super::service::not_found(&it.stream));
        }
        let (polled, first) = self.poll(ctx, &it.stream, it.shard, it.position, limit)?;
        let stream = self.stream(&it.stream)?;
        let shard = stream.shard(it.shard).expect("polled just now");
        let records = shard.log.records(first, polled.records as usize).iter().map(|r| to_api_record(ctx, r)).collect();
        let (next_shard_iterator, child_shards) = if polled.at_end {
            (None, Some(child_shards(stream, it.shard)))
        } else {
            (Some(ShardIterator { position: polled.next_position, issued: now, ..it }.encode()), None)
        };
        Ok(GetRecordsOutput { records, next_shard_iterator, millis_behind_latest: polled.millis_behind, child_shards })
    }
}
