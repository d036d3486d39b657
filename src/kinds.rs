//! How the page names and describes each kind of component, in both languages.

use crate::i18n::T;
use shardlab_sim::catalogue::Family;
use shardlab_sim::wiring::Kind;

pub fn name(kind: Kind) -> T {
    match kind {
        Kind::Producer => T::KindProducer,
        Kind::DataStream => T::KindDataStream,
        Kind::PollingConsumer => T::KindPollingConsumer,
        Kind::KclApp => T::KindKclApp,
        Kind::EfoConsumer => T::KindEfoConsumer,
        Kind::LambdaConsumer => T::KindLambdaConsumer,
    }
}

pub fn about(kind: Kind) -> T {
    match kind {
        Kind::Producer => T::AboutProducer,
        Kind::DataStream => T::AboutDataStream,
        Kind::PollingConsumer => T::AboutPollingConsumer,
        Kind::KclApp => T::AboutKclApp,
        Kind::EfoConsumer => T::AboutEfoConsumer,
        Kind::LambdaConsumer => T::AboutLambdaConsumer,
    }
}

pub fn family_name(family: Family) -> T {
    match family {
        Family::Streams => T::FamilyStreams,
    }
}

/// The CSS class carrying the family's accent colour.
pub fn family_class(family: Family) -> &'static str {
    match family {
        Family::Streams => "family-streams",
    }
}

/// Whether the kind has an input port and an output port on the canvas.
pub fn ports(kind: Kind) -> (bool, bool) {
    match kind {
        Kind::Producer => (false, true),
        Kind::DataStream => (true, true),
        _ => (true, false),
    }
}
