//! SubscribeToShard over HTTP: the answer is an event stream that stays open. Its first
//! messages are the `initial-response` and the call's first event; the world then pushes
//! the events that follow, after every request and while the server waits, until the model
//! ends the subscription (5 minutes, a takeover, a lost consumer, a shard's end) or the
//! client goes away.

use super::event_stream;
use serde_json::Value;
use shardlab_sim::kinesis::subscription::{Push, Subscription};
use shardlab_sim::World;
use std::sync::mpsc;

/// Events waiting for a client that does not read: past this many pushes the client is too
/// slow and its subscription ends (AWS also drops a consumer that stops reading).
const BACKLOG: usize = 1_024;

/// An open subscription and the connection it pushes to.
pub struct Open {
    subscription: Subscription,
    to_client: mpsc::SyncSender<Vec<u8>>,
}

/// The answer's body so far (the initial response and the first event), the subscription
/// that goes on, if any, and the receiving end of its further messages.
pub fn opened(
    world: &mut World,
    input: &Value,
    output: &Value,
) -> (Vec<u8>, Option<Open>, Option<mpsc::Receiver<Vec<u8>>>) {
    let mut body = event_stream::event("initial-response", "{}");
    for event in output["EventStream"].as_array().into_iter().flatten() {
        body.extend(event_stream::event("SubscribeToShardEvent", &event["SubscribeToShardEvent"].to_string()));
    }
    match world.subscription_after(input, output) {
        Ok(Some(subscription)) => {
            let (to_client, from_world) = mpsc::sync_channel(BACKLOG);
            (body, Some(Open { subscription, to_client }), Some(from_world))
        }
        Ok(None) => (body, None, None),
        Err(e) => {
            body.extend(event_stream::exception(e.kind.name(), &e.message));
            (body, None, None)
        }
    }
}

/// Pushes what every open subscription has now; forgets those that ended or whose client
/// left or fell behind.
pub fn push_all(world: &mut World, open: &mut Vec<Open>) {
    open.retain_mut(|o| {
        let (events, ended) = match world.push_subscription(&mut o.subscription) {
            Push::Events(events) => (events, None),
            Push::Ended(events, why) => (events, Some(why)),
        };
        for event in events {
            let json = serde_json::to_string(&event).expect("an event is JSON");
            if o.to_client.try_send(event_stream::event("SubscribeToShardEvent", &json)).is_err() {
                return false;
            }
        }
        match ended {
            None => true,
            Some(None) => false,
            Some(Some(e)) => {
                let _ = o.to_client.try_send(event_stream::exception(e.kind.name(), &e.message));
                false
            }
        }
    });
}
