//! The pipeline components a scenario places on the canvas, each a client of the service
//! operations: producers write through the same path as PutRecord, consumers read through
//! the same limits as GetRecords.

pub mod analytics_settings;
mod batch_admission;
pub mod delivery_settings;
pub mod efo;
#[cfg(feature = "emr")]
pub mod emr_run_plan;
pub mod emr_settings;
pub mod generated_tick;
pub mod kcl;
pub mod kcl_leases;
pub mod key_table;
pub mod kpl_aggregation;
pub mod lambda;
pub mod lambda_items;
pub mod lineage;
pub mod payload;
pub mod poller;
pub mod producer;
pub mod record_data;
mod retry_holds;
pub mod retry_queue;
pub mod setting_rules;
pub mod settings;
pub mod settings_examples;
pub mod video_settings;
mod whole_record;

use crate::ctx::Ctx;
use crate::flow::{Flow, Outcome};
use crate::kinesis::ops_read::Polled;
use crate::kinesis::Kinesis;
use crate::time::SimTime;

/// Logs a consumer's read for the canvas: one sample standing for the records it got.
pub(crate) fn log_read(ctx: &mut Ctx, stream: &str, consumer: &str, shard: u32, polled: &Polled) {
    if polled.user_records == 0 {
        return;
    }
    let first = polled.first_sequence.unwrap_or(0);
    ctx.flows.push(Flow {
        seq: 0,
        at: ctx.now,
        from: stream.into(),
        to: consumer.into(),
        shard,
        key_colour: (first as u32).wrapping_mul(0x9E37_79B9),
        record_id: 0,
        outcome: Outcome::Read,
        represents: polled.user_records,
    });
}

/// The dimension of a consumer's own series.
pub fn consumer_dimension(id: &str) -> String {
    format!("ConsumerName={id}")
}

/// Books a consumer's batch in its end-to-end latency series (see `LATENCY_METRIC`).
pub(crate) fn record_latency(ctx: &mut Ctx, consumer: &str, records: u64, latency_ms_sum: u64) {
    if let Some(average) = latency_ms_sum.checked_div(records) {
        ctx.metrics.set_max(
            &consumer_dimension(consumer),
            crate::metrics::LATENCY_METRIC,
            ctx.now.second(),
            average as f64,
        );
    }
}

/// The services components call, borrowed together for one tick.
pub struct Services<'a> {
    pub kinesis: &'a mut Kinesis,
    pub firehose: &'a mut crate::firehose::Firehose,
    pub stores: &'a mut crate::stores::Stores,
    #[cfg(feature = "video")]
    pub video: &'a mut crate::video::KinesisVideo,
}

/// A running component. Data streams are not here: they live in the Kinesis service (and
/// the Firehose components in the Firehose service and the stores).
#[derive(Clone, Debug)]
pub enum Component {
    Producer(producer::Producer),
    PollingConsumer(poller::PollingConsumer),
    KclApp(kcl::KclApp),
    EfoConsumer(efo::EfoConsumer),
    LambdaConsumer(lambda::LambdaConsumer),
    #[cfg(feature = "analytics")]
    AnalyticsApp(Box<crate::analytics::application::Application>),
    #[cfg(feature = "video")]
    Camera(crate::video::camera::Camera),
    #[cfg(feature = "video")]
    VideoPlayer(Box<crate::video::player::Player>),
    #[cfg(feature = "video")]
    MotionAnalyzer(Box<crate::video::analyzer::Analyzer>),
}

impl Component {
    pub fn id(&self) -> &str {
        match self {
            Component::Producer(c) => &c.id,
            Component::PollingConsumer(c) => &c.id,
            Component::KclApp(c) => &c.id,
            Component::EfoConsumer(c) => &c.id,
            Component::LambdaConsumer(c) => &c.id,
            #[cfg(feature = "analytics")]
            Component::AnalyticsApp(c) => &c.id,
            #[cfg(feature = "video")]
            Component::Camera(c) => &c.id,
            #[cfg(feature = "video")]
            Component::VideoPlayer(c) => &c.id,
            #[cfg(feature = "video")]
            Component::MotionAnalyzer(c) => &c.id,
        }
    }

    /// Runs the component's due work; returns when it wants to run next.
    pub fn tick(&mut self, services: &mut Services, ctx: &mut Ctx) -> SimTime {
        match self {
            Component::Producer(c) => c.tick(services, ctx),
            Component::PollingConsumer(c) => c.tick(services.kinesis, ctx),
            Component::KclApp(c) => c.tick(services.kinesis, ctx),
            Component::EfoConsumer(c) => c.tick(services.kinesis, ctx),
            Component::LambdaConsumer(c) => c.tick(services, ctx),
            #[cfg(feature = "analytics")]
            Component::AnalyticsApp(c) => c.tick(services, ctx),
            #[cfg(feature = "video")]
            Component::Camera(c) => c.tick(services.video, ctx),
            #[cfg(feature = "video")]
            Component::VideoPlayer(c) => c.tick(services.video, ctx),
            #[cfg(feature = "video")]
            Component::MotionAnalyzer(c) => c.tick(services, ctx),
        }
    }

    /// The reading side's figures, for consumers.
    pub fn reader_stats(&self) -> Option<&poller::ReaderStats> {
        match self {
            Component::Producer(_) => None,
            Component::PollingConsumer(c) => Some(&c.stats),
            Component::KclApp(c) => Some(&c.stats),
            Component::EfoConsumer(c) => Some(&c.stats),
            Component::LambdaConsumer(c) => Some(&c.stats),
            #[cfg(feature = "analytics")]
            Component::AnalyticsApp(c) => Some(&c.stats),
            #[cfg(feature = "video")]
            Component::Camera(_) | Component::VideoPlayer(_) | Component::MotionAnalyzer(_) => None,
        }
    }
}
