//! An enhanced fan-out consumer: registered with the stream (at most 20 per stream), it is
//! pushed records over SubscribeToShard at its own 2 MiB/s per shard, apart from the polling
//! consumers' shared limit, with about 70 ms of latency. Subscriptions last 5 minutes and are
//! renewed.

use super::lineage::Cursor;
use super::poller::{open_new_shards, ReaderStats};
use super::settings::EfoSettings;
use crate::ctx::Ctx;
use crate::kinesis::limits::{EFO_BYTES_PER_SEC, EFO_PUSH_EVERY as PUSH_EVERY, SUBSCRIPTION_LIFETIME};
use crate::kinesis::types::ConsumerRef;
use crate::kinesis::Kinesis;
use crate::time::SimTime;
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
pub struct EfoConsumer {
    pub id: String,
    pub settings: EfoSettings,
    pub stream: Option<String>,
    pub cursors: BTreeMap<u32, Cursor>,
    pub registered: bool,
    /// Why registering failed, if it did (e.g. the stream already has 20 consumers).
    pub registration_error: Option<String>,
    pub subscriptions: u64,
    subscribed_until: SimTime,
    pub stats: ReaderStats,
}

impl EfoConsumer {
    pub fn new(id: &str, settings: EfoSettings, stream: Option<String>) -> Self {
        EfoConsumer {
            id: id.to_string(),
            settings,
            stream,
            cursors: BTreeMap::new(),
            registered: false,
            registration_error: None,
            subscriptions: 0,
            subscribed_until: SimTime::ZERO,
            stats: ReaderStats::default(),
        }
    }

    pub fn tick(&mut self, kinesis: &mut Kinesis, ctx: &mut Ctx) -> SimTime {
        let next = ctx.now + PUSH_EVERY;
        let Some(stream) = self.stream.clone() else { return next };
        let Ok(s) = kinesis.stream(&stream) else { return next };
        let arn = s.arn();
        if !self.registered {
            let r = ConsumerRef {
                stream_arn: Some(arn.clone()),
                consumer_name: Some(self.settings.consumer_name.clone()),
                consumer_arn: None,
            };
            match kinesis.register_stream_consumer(ctx, r) {
                Ok(_) => {
                    self.registered = true;
                    self.registration_error = None;
                }
                Err(e) => self.registration_error = Some(e.to_string()),
            }
            return next;
        }
        let active = kinesis
            .stream(&stream)
            .is_ok_and(|s| s.consumers.iter().any(|c| c.name == self.settings.consumer_name && ctx.now >= c.active_at));
        if !active {
            return next;
        }
        if ctx.now >= self.subscribed_until {
            self.subscriptions += 1;
            self.subscribed_until = ctx.now + SUBSCRIPTION_LIFETIME;
        }
        open_new_shards(kinesis, &stream, &mut self.cursors, self.settings.start);
        let budget = EFO_BYTES_PER_SEC * PUSH_EVERY.as_micros() / 1_000_000;
        for (&shard, cursor) in self.cursors.iter_mut().filter(|(_, c)| !c.finished) {
            let Some(polled) = kinesis.push(ctx, &stream, shard, cursor.position, budget) else {
                cursor.finished = true;
                continue;
            };
            super::log_read(ctx, &stream, &self.id, shard, &polled);
            cursor.position = polled.next_position;
            cursor.finished = polled.at_end;
            self.stats.processed += polled.user_records;
            self.stats.latency_ms_sum += polled.latency_ms_sum;
            super::record_latency(ctx, &self.id, polled.user_records, polled.latency_ms_sum);
            self.stats.millis_behind = polled.millis_behind;
        }
        next
    }
}
