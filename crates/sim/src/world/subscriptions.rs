//! SubscribeToShard's push in the world: `shardlab serve` keeps a subscription open after the
//! call's first event and asks here, as virtual time moves, for the events that follow.
//! (The page's enhanced fan-out consumers push in `pipeline/efo.rs`; this is for clients
//! outside the lab.) The push is not journaled: only `shardlab serve`, which keeps no
//! journal, opens subscriptions.

use super::World;
use crate::kinesis::error::ApiError;
use crate::kinesis::subscription::{Push, Subscription};
use crate::kinesis::types::SubscribeToShardInput;
use serde_json::Value;

impl World {
    /// The subscription a successful SubscribeToShard call opened: `input` as `call` took it,
    /// `output` as it answered. `None` when its first event was already the last (the end
    /// of a closed shard).
    pub fn subscription_after(&mut self, input: &Value, output: &Value) -> Result<Option<Subscription>, ApiError> {
        let input: SubscribeToShardInput = serde_json::from_value(input.clone())
            .map_err(|e| ApiError::invalid(format!("not a SubscribeToShard input: {e}")))?;
        let continuation = output["EventStream"][0]["SubscribeToShardEvent"]["ContinuationSequenceNumber"].as_str();
        self.with_kinesis(|k, ctx| k.subscription_after(ctx, &input, continuation))
    }

    /// The events `subscription` is pushed now (see `Kinesis::push_subscription`).
    pub fn push_subscription(&mut self, subscription: &mut Subscription) -> Push {
        self.with_kinesis(|k, ctx| k.push_subscription(ctx, subscription))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinesis::ErrorType;
    use crate::scenario::Scenario;
    use crate::time::SimDuration;
    use serde_json::json;

    const STREAM_ARN: &str = "arn:aws:kinesis:us-east-1:123456789012:stream/s";

    /// A world with a one-shard stream and a registered, active consumer, and its ARN.
    fn subscribed_world() -> (World, String) {
        let mut world = World::from_scenario(&Scenario::default()).unwrap();
        world.call("kinesis", "CreateStream", json!({"StreamName": "s", "ShardCount": 1})).unwrap();
        world.advance(SimDuration::from_secs(5));
        let registered = world
            .call("kinesis", "RegisterStreamConsumer", json!({"StreamARN": STREAM_ARN, "ConsumerName": "c"}))
            .unwrap();
        world.advance(SimDuration::from_secs(10));
        (world, registered["Consumer"]["ConsumerARN"].as_str().unwrap().to_string())
    }

    fn put(world: &mut World, bytes: usize) {
        let data = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, vec![b'x'; bytes]);
        world.call("kinesis", "PutRecord", json!({"StreamName": "s", "PartitionKey": "p", "Data": data})).unwrap();
    }

    fn subscribe(world: &mut World, consumer: &str, kind: &str) -> Result<Option<Subscription>, ApiError> {
        let input =
            json!({"ConsumerARN": consumer, "ShardId": "shardId-000000000000", "StartingPosition": {"Type": kind}});
        let output = world.call("kinesis", "SubscribeToShard", input.clone())?;
        world.subscription_after(&input, &output)
    }

    fn records(push: &Push) -> usize {
        let (Push::Events(events) | Push::Ended(events, _)) = push;
        events.iter().map(|e| e.records.len()).sum()
    }

    #[test]
    fn a_backlog_is_pushed_at_two_mib_a_second_in_order() {
        let (mut world, consumer) = subscribed_world();
        // Six records of almost 1 MiB, a second apart (a shard takes 1 MiB a second).
        for _ in 0..6 {
            put(&mut world, 1024 * 1024 - 100);
            world.advance(SimDuration::from_secs(1));
        }
        let input = json!({"ConsumerARN": consumer, "ShardId": "shardId-000000000000",
                           "StartingPosition": {"Type": "TRIM_HORIZON"}});
        let output = world.call("kinesis", "SubscribeToShard", input.clone()).unwrap();
        let first = &output["EventStream"][0]["SubscribeToShardEvent"];
        assert_eq!(first["Records"].as_array().unwrap().len(), 2, "the first event carries a second's 2 MiB");
        let mut sub = world.subscription_after(&input, &output).unwrap().expect("an open shard goes on");
        world.advance(SimDuration::from_millis(500));
        assert_eq!(records(&world.push_subscription(&mut sub)), 1, "half a second: 1 MiB");
        world.advance(SimDuration::from_millis(300));
        assert_eq!(records(&world.push_subscription(&mut sub)), 0, "0.6 MiB is too little for the next record");
        world.advance(SimDuration::from_millis(300));
        assert_eq!(records(&world.push_subscription(&mut sub)), 1, "with what was left, 1.2 MiB is enough");
        world.advance(SimDuration::from_secs(2));
        let rest = world.push_subscription(&mut sub);
        assert_eq!(records(&rest), 2);
        let Push::Events(events) = rest else { panic!("the subscription goes on: {rest:?}") };
        let last = events.last().unwrap();
        assert_eq!(last.millis_behind_latest, 0, "caught up");
        assert_eq!(last.continuation_sequence_number, Some(sub.position.to_string()));
        let sequence = |e: &serde_json::Value| e["SequenceNumber"].as_str().unwrap().parse::<u128>().unwrap();
        assert!(first["Records"].as_array().unwrap().iter().map(sequence).all(|s| s < sub.position));
        put(&mut world, 10);
        world.advance(SimDuration::from_secs(1));
        let later = world.push_subscription(&mut sub);
        assert_eq!(records(&later), 1, "a record put during the subscription is pushed");
        world.advance(SimDuration::from_secs(1));
        assert_eq!(world.push_subscription(&mut sub), Push::Events(Vec::new()), "nothing new arrived");
    }

    #[test]
    fn a_subscription_ends_after_five_minutes_or_when_another_call_takes_it_over() {
        let (mut world, consumer) = subscribed_world();
        let mut sub = subscribe(&mut world, &consumer, "LATEST").unwrap().unwrap();
        world.advance(SimDuration::from_secs(299));
        assert!(matches!(world.push_subscription(&mut sub), Push::Events(_)));
        world.advance(SimDuration::from_secs(1));
        assert_eq!(world.push_subscription(&mut sub), Push::Ended(Vec::new(), None));

        let mut old = subscribe(&mut world, &consumer, "LATEST").unwrap().unwrap();
        world.advance(SimDuration::from_secs(4));
        let refused = subscribe(&mut world, &consumer, "LATEST").unwrap_err();
        assert_eq!(refused.kind, ErrorType::ResourceInUseException, "within 5 s of the last success");
        assert!(matches!(world.push_subscription(&mut old), Push::Events(_)), "a refused call takes nothing over");
        world.advance(SimDuration::from_secs(1));
        let _new = subscribe(&mut world, &consumer, "LATEST").unwrap().unwrap();
        match world.push_subscription(&mut old) {
            Push::Ended(_, Some(e)) => assert_eq!(e.kind, ErrorType::ResourceInUseException),
            other => panic!("the old subscription was taken over: {other:?}"),
        }
    }

    #[test]
    fn a_deregistered_consumer_loses_its_subscription() {
        let (mut world, consumer) = subscribed_world();
        let mut sub = subscribe(&mut world, &consumer, "LATEST").unwrap().unwrap();
        world.call("kinesis", "DeregisterStreamConsumer", json!({"ConsumerARN": consumer})).unwrap();
        world.advance(SimDuration::from_secs(1));
        match world.push_subscription(&mut sub) {
            Push::Ended(_, Some(e)) => assert_eq!(e.kind, ErrorType::ResourceNotFoundException),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_end_of_a_split_shard_names_its_children_and_ends_the_push() {
        let (mut world, consumer) = subscribed_world();
        put(&mut world, 10);
        let mut sub = subscribe(&mut world, &consumer, "TRIM_HORIZON").unwrap().unwrap();
        let split = json!({"StreamName": "s", "ShardToSplit": "shardId-000000000000",
                           "NewStartingHashKey": "170141183460469231731687303715884105728"});
        world.call("kinesis", "SplitShard", split).unwrap();
        world.advance(SimDuration::from_secs(5));
        match world.push_subscription(&mut sub) {
            Push::Ended(events, None) => {
                let last = events.last().expect("the shard's end is an event");
                assert_eq!(last.continuation_sequence_number, None);
                assert_eq!(last.child_shards.as_ref().map(Vec::len), Some(2));
            }
            other => panic!("the parent is closed and read: {other:?}"),
        }
    }
}
