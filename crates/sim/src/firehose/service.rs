//! The Data Firehose service: its delivery streams made and changed, and taking records in —
//! from Direct PUT (the API, or a producer on the canvas) or from a Kinesis data stream
//! source. Its operations by name are in `api`; what time does to a stream is in `delivery`.

use super::config::parse_create;
use super::config_input::CreateInput;
use super::delivery::advance_stream;
use super::limits::*;
use super::stream::{Buffered, DeliveryStats, DeliveryStream, Source, Target};
use crate::ctx::Ctx;
use crate::kinesis::api::parse;
use crate::kinesis::error::{ApiError, ApiResult, ErrorType};
use crate::kinesis::Kinesis;
use crate::ledger::Place;
use crate::pipeline::record_data::RecordData;
use crate::rng::SimRng;
use crate::stores::Stores;
use serde_json::{json, Value};
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
pub struct Firehose {
    pub streams: BTreeMap<String, DeliveryStream>,
    /// Lambda functions a ProcessingConfiguration may name, by function name, besides the
    /// lab's templates: the canvas's transforms register theirs here.
    pub functions: BTreeMap<String, String>,
    rng: SimRng,
}

/// A delivery stream's one destination, as the API names it.
pub const DESTINATION_ID: &str = "destinationId-000000000001";

pub(super) fn not_found(name: &str) -> ApiError {
    ApiError::not_found(format!("Firehose {name} under account {} not found.", crate::kinesis::limits::ACCOUNT_ID))
}

/// A record id as Firehose returns them: long and opaque.
pub fn record_id_text(id: u64, stream: &str) -> String {
    let mix = crate::kinesis::hash_key::hash_partition_key(&format!("{stream}/{id}"));
    format!("{:0>56}", format!("{mix:x}{id}"))
}

fn check_name(name: &str) -> ApiResult<()> {
    let ok = !name.is_empty()
        && name.chars().count() <= NAME_MAX_CHARS
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    if ok {
        Ok(())
    } else {
        Err(ApiError::validation(
            name,
            "deliveryStreamName",
            "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+ and have length between 1 and 64",
        ))
    }
}

impl Firehose {
    pub fn new(rng: SimRng) -> Self {
        Firehose { streams: BTreeMap::new(), functions: BTreeMap::new(), rng }
    }

    pub(super) fn stream_mut(&mut self, name: &str) -> ApiResult<&mut DeliveryStream> {
        self.streams.get_mut(name).filter(|s| !s.deleting).ok_or_else(|| not_found(name))
    }

    /// Makes the stores a destination names exist (the lab has no API to create a Redshift
    /// cluster, an OpenSearch domain or an endpoint: naming one creates it, empty).
    fn provision(stores: &mut Stores, target: &Target) {
        match target {
            Target::S3 => {}
            Target::Redshift { cluster, table, columns, .. } => stores.redshift.ensure_table(cluster, table, columns),
            Target::OpenSearch { domain, .. } => {
                stores.opensearch.ensure_domain(domain);
            }
            Target::Http { url, .. } => {
                stores.http.ensure(url);
            }
        }
    }

    /// CreateDeliveryStream.
    pub fn create(&mut self, ctx: &mut Ctx, kinesis: &Kinesis, stores: &mut Stores, config: Value) -> ApiResult<Value> {
        let input: CreateInput = parse(config.clone())?;
        let name = input.delivery_stream_name.clone();
        check_name(&name)?;
        if self.streams.contains_key(&name) {
            return Err(ApiError::in_use(format!(
                "Firehose {name} under account {} already exists.",
                crate::kinesis::limits::ACCOUNT_ID
            )));
        }
        let parsed = parse_create(input, &self.functions)?;
        if let Source::Kinesis { stream, .. } = &parsed.source {
            kinesis.stream(stream)?;
        }
        Self::provision(stores, &parsed.destination.target);
        let stream = DeliveryStream {
            name: name.clone(),
            created: ctx.now,
            active_at: ctx.now + CREATE_DELAY,
            deleting: false,
            source: parsed.source,
            destination: parsed.destination,
            transform: parsed.transform,
            buffer: Vec::new(),
            buffered_bytes: 0,
            in_flight: Default::default(),
            put_window: (0, 0, 0, 0),
            stats: DeliveryStats::default(),
            recent_flushes: Default::default(),
            config,
            version: 1,
            rng: self.rng.derive(&name),
            readers: Default::default(),
        };
        let arn = stream.arn();
        ctx.wake_at(stream.active_at);
        self.streams.insert(name, stream);
        Ok(json!({ "DeliveryStreamARN": arn }))
    }

    /// A new configuration for an existing stream (UpdateDestination, from the API or a
    /// scenario edit): buffers, batches in flight and figures are kept, and the stream's
    /// version rises by one. A transform that is taken away hands its waiting records on to
    /// the delivery buffer.
    pub fn reconfigure(&mut self, ctx: &mut Ctx, stores: &mut Stores, config: Value) -> ApiResult<()> {
        let input: CreateInput = parse(config.clone())?;
        let name = input.delivery_stream_name.clone();
        let parsed = parse_create(input, &self.functions)?;
        let s = self.stream_mut(&name)?;
        Self::provision(stores, &parsed.destination.target);
        let same_source = match (&s.source, &parsed.source) {
            (Source::Kinesis { stream: a, .. }, Source::Kinesis { stream: b, .. }) => a == b,
            (Source::DirectPut, Source::DirectPut) => true,
            _ => false,
        };
        if !same_source {
            s.source = parsed.source;
        }
        s.destination = parsed.destination;
        let old = std::mem::replace(&mut s.transform, parsed.transform);
        if let Some(old) = old {
            let waiting = old.buffer.len() as u64;
            match s.transform.as_mut() {
                Some(t) => {
                    t.buffer = old.buffer;
                    t.buffered_bytes = old.buffered_bytes;
                    t.invocations = old.invocations;
                    t.failed_invocations = old.failed_invocations;
                }
                None => {
                    s.buffered_bytes += old.buffered_bytes;
                    s.buffer.extend(old.buffer);
                    crate::order::sort_by_key(&mut s.buffer, |b| b.arrival);
                    ctx.ledger.relocate(Place::InTransformBuffer, Place::InDeliveryBuffer, waiting);
                }
            }
        }
        s.config = config;
        s.version += 1;
        ctx.wake_at(ctx.now);
        Ok(())
    }

    /// Takes records into a stream's first buffer after the Direct PUT quotas: the API's
    /// records are new to the books (`from` None, no id yet: one is given to each accepted
    /// record), a producer's have ids and move from where they wait. Returns the ids.
    pub fn put_records(
        &mut self,
        ctx: &mut Ctx,
        stores: &mut Stores,
        name: &str,
        records: Vec<(RecordData, Option<u64>)>,
        from: Option<Place>,
    ) -> ApiResult<Vec<u64>> {
        let now = ctx.now;
        let s = self.stream_mut(name)?;
        if now < s.active_at {
            return Err(ApiError::in_use(format!("Firehose {name} is not ACTIVE, instead in state CREATING.")));
        }
        if !matches!(s.source, Source::DirectPut) {
            return Err(ApiError::invalid(format!(
                "This operation is not permitted on KinesisStreamAsSource delivery stream type: {name} reads its records from a Kinesis data stream."
            )));
        }
        let bytes: u64 = records.iter().map(|(r, _)| r.len() as u64).sum();
        if !s.admit_put(now, records.len() as u64, bytes) {
            return Err(ApiError::new(ErrorType::ServiceUnavailableException, "Slow down."));
        }
        let records: Vec<Buffered> = records
            .into_iter()
            .map(|(data, id)| Buffered { data, arrival: now, record_id: id.unwrap_or_else(|| ctx.new_record_id()) })
            .collect();
        let ids = records.iter().map(|r| r.record_id).collect();
        take_in(s, ctx, records, from);
        advance_stream(s, ctx, stores);
        Ok(ids)
    }

    /// Reads Kinesis sources, flushes what is due and delivers or retries batches.
    pub fn tick(&mut self, ctx: &mut Ctx, kinesis: &mut Kinesis, stores: &mut Stores) {
        let mut gone = Vec::new();
        for s in self.streams.values_mut() {
            if s.deleting {
                gone.push(s.name.clone());
                continue;
            }
            let read = super::source::poll_source(s, ctx, kinesis);
            if !read.is_empty() {
                take_in(s, ctx, read, None);
            }
            advance_stream(s, ctx, stores);
            if let Some(at) = super::source::next_poll(s).filter(|&at| at > ctx.now) {
                ctx.wake_at(at);
            }
        }
        for name in gone {
            if let Some(s) = self.streams.remove(&name) {
                // A deleted stream's buffers are lost with it, as in AWS; the ledger says so.
                let waiting_transform = s.transform.as_ref().map_or(0, |t| t.buffer.len() as u64);
                ctx.ledger.relocate(Place::InTransformBuffer, Place::Deleted, waiting_transform);
                ctx.ledger.relocate(Place::InDeliveryBuffer, Place::Deleted, s.waiting() - waiting_transform);
            }
        }
    }
}

/// Puts arrived records in the stream's first buffer (the transform's, if it has one) and
/// books them there: moved from `from`, or new to the books.
fn take_in(s: &mut DeliveryStream, ctx: &mut Ctx, records: Vec<Buffered>, from: Option<Place>) {
    let n = records.len() as u64;
    let bytes: u64 = records.iter().map(|r| r.data.len() as u64).sum();
    s.stats.incoming_records += n;
    s.stats.incoming_bytes += bytes;
    let second = ctx.now.second();
    ctx.metrics.add(&s.dimension(), "IncomingRecords", second, n as f64);
    ctx.metrics.add(&s.dimension(), "IncomingBytes", second, bytes as f64);
    // Applications read delivery streams only in a build with them (the page's full build).
    #[cfg(feature = "analytics")]
    super::readers::copy_to_readers(s, &records);
    let place = match s.transform.as_mut() {
        Some(t) => {
            t.buffered_bytes += bytes;
            t.buffer.extend(records);
            Place::InTransformBuffer
        }
        None => {
            s.buffered_bytes += bytes;
            s.buffer.extend(records);
            Place::InDeliveryBuffer
        }
    };
    match from {
        Some(from) => ctx.ledger.relocate(from, place, n),
        None => ctx.ledger.create_many(place, n),
    }
}
