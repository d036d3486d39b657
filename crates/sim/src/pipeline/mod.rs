//! The pipeline components a scenario places on the canvas, each a client of the service
//! operations: producers write through the same path as PutRecord, consumers read through
//! the same limits as GetRecords.

pub mod efo;
pub mod kcl;
pub mod lambda;
pub mod lineage;
pub mod payload;
pub mod poller;
pub mod producer;
pub mod settings;

use crate::ctx::Ctx;
use crate::kinesis::Kinesis;
use crate::time::SimTime;

/// A running component. Data streams are not here: they live in the Kinesis service.
#[derive(Clone, Debug)]
pub enum Component {
    Producer(producer::Producer),
    PollingConsumer(poller::PollingConsumer),
    KclApp(kcl::KclApp),
    EfoConsumer(efo::EfoConsumer),
    LambdaConsumer(lambda::LambdaConsumer),
}

impl Component {
    pub fn id(&self) -> &str {
        match self {
            Component::Producer(c) => &c.id,
            Component::PollingConsumer(c) => &c.id,
            Component::KclApp(c) => &c.id,
            Component::EfoConsumer(c) => &c.id,
            Component::LambdaConsumer(c) => &c.id,
        }
    }

    /// Runs the component's due work; returns when it wants to run next.
    pub fn tick(&mut self, kinesis: &mut Kinesis, ctx: &mut Ctx) -> SimTime {
        match self {
            Component::Producer(c) => c.tick(kinesis, ctx),
            Component::PollingConsumer(c) => c.tick(kinesis, ctx),
            Component::KclApp(c) => c.tick(kinesis, ctx),
            Component::EfoConsumer(c) => c.tick(kinesis, ctx),
            Component::LambdaConsumer(c) => c.tick(kinesis, ctx),
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
        }
    }
}
