//! Which wires AWS allows: the one table every check of a wire goes through (the scenario
//! loader, the canvas). A refused wire comes with the reason, for the learner.

use serde::{Deserialize, Serialize};

/// The kinds of component a scenario can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Producer,
    DataStream,
    PollingConsumer,
    KclApp,
    EfoConsumer,
    LambdaConsumer,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Producer,
        Kind::DataStream,
        Kind::PollingConsumer,
        Kind::KclApp,
        Kind::EfoConsumer,
        Kind::LambdaConsumer,
    ];

    /// Whether the kind reads from a data stream (and so may be wired from one).
    pub fn reads_streams(self) -> bool {
        matches!(self, Kind::PollingConsumer | Kind::KclApp | Kind::EfoConsumer | Kind::LambdaConsumer)
    }
}

/// Why a wire is refused. The page words each reason in both languages; `Display` gives the
/// English for the CLI and tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Refusal {
    /// A producer only writes into a stream.
    ProducerNeedsAStream,
    /// Consumers read from a data stream; nothing is sent to them directly.
    ConsumerReadsFromAStream,
    /// A stream's records flow to consumers, not into another stream.
    StreamToStream,
    /// Consumers are the end of a Data Streams pipeline here: they have no output port.
    ConsumerHasNoOutput,
    /// Nothing writes into a producer.
    ProducerHasNoInput,
    /// A component cannot be wired to itself.
    SelfWire,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Refusal::ProducerNeedsAStream => "A producer writes to a data stream; wire it to a Kinesis data stream.",
            Refusal::ConsumerReadsFromAStream => {
                "A consumer cannot take records sent to it: consumers read from a Kinesis data stream, so wire a stream to it."
            }
            Refusal::StreamToStream => "A data stream does not write into another data stream; put a consumer between them.",
            Refusal::ConsumerHasNoOutput => "This consumer is the end of the pipeline: it has no output to wire.",
            Refusal::ProducerHasNoInput => "Nothing writes into a producer: it is where records start.",
            Refusal::SelfWire => "A component cannot be wired to itself.",
        })
    }
}

/// Whether a wire from a `from` component to a `to` component is allowed.
pub fn check_wire(from: Kind, to: Kind) -> Result<(), Refusal> {
    use Kind::*;
    match (from, to) {
        (Producer, DataStream) => Ok(()),
        (DataStream, t) if t.reads_streams() => Ok(()),
        (_, Producer) => Err(Refusal::ProducerHasNoInput),
        (Producer, t) if t.reads_streams() => Err(Refusal::ConsumerReadsFromAStream),
        (Producer, _) => Err(Refusal::ProducerNeedsAStream),
        (DataStream, DataStream) => Err(Refusal::StreamToStream),
        (f, _) if f.reads_streams() => Err(Refusal::ConsumerHasNoOutput),
        _ => Err(Refusal::ProducerNeedsAStream),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Kind::*;

    #[test]
    fn producer_to_data_stream_is_allowed() {
        assert_eq!(check_wire(Producer, DataStream), Ok(()));
    }

    #[test]
    fn data_stream_to_each_kind_of_consumer_is_allowed() {
        for consumer in [PollingConsumer, KclApp, EfoConsumer, LambdaConsumer] {
            assert_eq!(check_wire(DataStream, consumer), Ok(()), "{consumer:?}");
        }
    }

    #[test]
    fn producer_straight_to_a_consumer_is_refused_with_the_reason() {
        for consumer in [PollingConsumer, KclApp, EfoConsumer, LambdaConsumer] {
            assert_eq!(check_wire(Producer, consumer), Err(Refusal::ConsumerReadsFromAStream));
        }
        assert!(Refusal::ConsumerReadsFromAStream.to_string().contains("read from a Kinesis data stream"));
    }

    #[test]
    fn nothing_feeds_a_producer_and_consumers_have_no_output() {
        for kind in Kind::ALL {
            assert_eq!(check_wire(kind, Producer), Err(Refusal::ProducerHasNoInput));
        }
        assert_eq!(check_wire(KclApp, DataStream), Err(Refusal::ConsumerHasNoOutput));
        assert_eq!(check_wire(DataStream, DataStream), Err(Refusal::StreamToStream));
    }

    #[test]
    fn exactly_the_aws_wires_are_allowed_and_every_refusal_has_words() {
        for from in Kind::ALL {
            for to in Kind::ALL {
                let allowed = (from == Producer && to == DataStream) || (from == DataStream && to.reads_streams());
                match check_wire(from, to) {
                    Ok(()) => assert!(allowed, "{from:?} → {to:?} must be refused"),
                    Err(reason) => {
                        assert!(!allowed, "{from:?} → {to:?} must be allowed");
                        assert!(!reason.to_string().is_empty());
                    }
                }
            }
        }
    }
}
