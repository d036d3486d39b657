//! A data stream: its status, capacity mode, retention, shards (in creation order, closed
//! ones included until retention passes) and registered enhanced fan-out consumers.

use super::error::{ApiError, ApiResult};
use super::hash_key::{even_split, HashRange};
use super::limits::*;
use super::on_demand::OnDemandCapacity;
use super::shard::Shard;
use crate::time::{SimDuration, SimTime};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StreamStatus {
    Creating,
    Deleting,
    Active,
    Updating,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StreamMode {
    #[default]
    Provisioned,
    OnDemand,
}

/// A resharding the stream is busy with; it takes effect when UPDATING ends.
#[derive(Clone, Debug, PartialEq)]
pub enum Reshard {
    Split {
        parent: u32,
        new_start: u128,
    },
    Merge {
        shard: u32,
        adjacent: u32,
    },
    /// Reach `target` open shards with even ranges (UpdateShardCount, ON_DEMAND scaling).
    Uniform {
        target: u32,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Consumer {
    pub name: String,
    pub created: SimTime,
    /// CREATING until then, ACTIVE after.
    pub active_at: SimTime,
    /// SubscribeToShard calls by shard index: when the last one was taken and when the last
    /// one succeeded (the per-second call limit and the 5-second in-use rule read them).
    pub subscriptions: std::collections::BTreeMap<u32, SubscribeCalls>,
}

impl Consumer {
    pub fn new(name: String, created: SimTime, active_at: SimTime) -> Consumer {
        Consumer { name, created, active_at, subscriptions: Default::default() }
    }
}

/// One consumer's SubscribeToShard calls on one shard.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SubscribeCalls {
    pub last_call: SimTime,
    pub last_success: Option<SimTime>,
}

#[derive(Clone, Debug)]
pub struct Stream {
    pub name: String,
    pub created: SimTime,
    pub status: StreamStatus,
    /// When the current CREATING / UPDATING / DELETING ends.
    pub busy_until: Option<SimTime>,
    pub pending: Option<Reshard>,
    pub mode: StreamMode,
    pub retention_hours: u32,
    pub shards: Vec<Shard>,
    /// When each shard was closed, for dropping closed shards once retention has passed.
    pub closed_at: Vec<Option<SimTime>>,
    /// Times of the UpdateShardCount calls of the last 24 h.
    pub update_calls: VecDeque<SimTime>,
    pub consumers: Vec<Consumer>,
    /// ON_DEMAND: the capacity and the peaks it follows (unused in PROVISIONED mode).
    pub on_demand: OnDemandCapacity,
}

/// Checks a stream name: 1–128 characters of `[a-zA-Z0-9_.-]`.
pub fn validate_stream_name(name: &str) -> ApiResult<()> {
    if !(STREAM_NAME_MIN_CHARS..=STREAM_NAME_MAX_CHARS).contains(&name.chars().count()) {
        return Err(ApiError::validation(
            name,
            "streamName",
            &format!("Member must have length between {STREAM_NAME_MIN_CHARS} and {STREAM_NAME_MAX_CHARS}"),
        ));
    }
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')) {
        return Err(ApiError::validation(
            name,
            "streamName",
            "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
        ));
    }
    Ok(())
}

pub fn stream_arn(name: &str) -> String {
    format!("arn:aws:kinesis:{REGION}:{ACCOUNT_ID}:stream/{name}")
}

impl Stream {
    pub fn new(name: &str, mode: StreamMode, shard_count: u32, now: SimTime) -> Stream {
        let shards: Vec<Shard> =
            even_split(shard_count).into_iter().enumerate().map(|(i, r)| Shard::new(i as u32, r, now)).collect();
        Stream {
            name: name.to_string(),
            created: now,
            status: StreamStatus::Creating,
            busy_until: Some(now + CREATE_DELAY),
            pending: None,
            mode,
            retention_hours: RETENTION_DEFAULT_HOURS,
            closed_at: vec![None; shards.len()],
            shards,
            update_calls: VecDeque::new(),
            consumers: Vec::new(),
            on_demand: OnDemandCapacity::new(shard_count),
        }
    }

    pub fn arn(&self) -> String {
        stream_arn(&self.name)
    }

    pub fn retention(&self) -> SimDuration {
        SimDuration::from_hours(self.retention_hours as u64)
    }

    pub fn open_shards(&self) -> impl Iterator<Item = &Shard> {
        self.shards.iter().filter(|s| s.is_open())
    }

    pub fn open_shard_count(&self) -> u32 {
        self.open_shards().count() as u32
    }

    /// The position in `shards` of the shard with `index`.
    pub fn position(&self, index: u32) -> Option<usize> {
        self.shards.iter().position(|s| s.index == index)
    }

    pub fn shard(&self, index: u32) -> Option<&Shard> {
        self.position(index).map(|p| &self.shards[p])
    }

    /// The open shard whose range holds `key`.
    pub fn route(&self, key: u128) -> Option<usize> {
        self.shards.iter().position(|s| s.is_open() && s.range.contains(key))
    }

    /// Finds a shard by its id as the API names it (`shardId-000000000001`, or just `1`).
    pub fn find_shard(&self, shard_id: &str) -> ApiResult<usize> {
        let digits = shard_id.strip_prefix("shardId-").unwrap_or(shard_id);
        digits.parse::<u32>().ok().and_then(|i| self.position(i)).ok_or_else(|| {
            ApiError::not_found(format!(
                "Could not find shard {shard_id} in stream {} under account {ACCOUNT_ID}.",
                self.name
            ))
        })
    }

    pub fn require_active(&self) -> ApiResult<()> {
        if self.status == StreamStatus::Active {
            Ok(())
        } else {
            Err(ApiError::in_use(format!(
                "Stream {} under account {ACCOUNT_ID} not ACTIVE, instead in state {}",
                self.name,
                status_name(self.status)
            )))
        }
    }

    /// Writes are taken while ACTIVE or UPDATING (resharding does not stop producers).
    pub fn require_writable(&self) -> ApiResult<()> {
        match self.status {
            StreamStatus::Active | StreamStatus::Updating => Ok(()),
            _ => Err(ApiError::not_found(format!("Stream {} under account {ACCOUNT_ID} not found.", self.name))),
        }
    }

    fn next_index(&self) -> u32 {
        self.shards.iter().map(|s| s.index + 1).max().unwrap_or(0)
    }

    fn add_shard(&mut self, range: HashRange, parent: Option<u32>, adjacent: Option<u32>, now: SimTime) -> u32 {
        let index = self.next_index();
        let mut shard = Shard::new(index, range, now);
        shard.parent = parent;
        shard.adjacent_parent = adjacent;
        self.shards.push(shard);
        self.closed_at.push(None);
        index
    }

    fn close(&mut self, position: usize, now: SimTime) {
        self.shards[position].close();
        self.closed_at[position] = Some(now);
    }

    /// Splits the open shard `parent` at `new_start`; returns the two children.
    pub fn split(&mut self, parent: u32, new_start: u128, now: SimTime) -> (u32, u32) {
        let p = self.position(parent).expect("split of a shard that exists");
        let range = self.shards[p].range;
        self.close(p, now);
        let low = self.add_shard(HashRange { start: range.start, end: new_start - 1 }, Some(parent), None, now);
        let high = self.add_shard(HashRange { start: new_start, end: range.end }, Some(parent), None, now);
        (low, high)
    }

    /// Merges the open shard `shard` with the adjacent open shard `adjacent`; returns the child.
    pub fn merge(&mut self, shard: u32, adjacent: u32, now: SimTime) -> u32 {
        let (a, b) = (
            self.position(shard).expect("merged shard exists"),
            self.position(adjacent).expect("adjacent shard exists"),
        );
        let (ra, rb) = (self.shards[a].range, self.shards[b].range);
        let range = HashRange { start: ra.start.min(rb.start), end: ra.end.max(rb.end) };
        self.close(a, now);
        self.close(b, now);
        self.add_shard(range, Some(shard), Some(adjacent), now)
    }

    /// UNIFORM_SCALING as AWS performs it: split the open shards at each boundary of the
    /// even layout of `target` shards, then merge the pieces of each new range together.
    /// Returns the log of what was done.
    pub fn scale_uniformly(&mut self, target: u32, now: SimTime) -> Vec<Reshard> {
        let goal = even_split(target);
        let mut done = Vec::new();
        for boundary in goal.iter().skip(1).map(|r| r.start) {
            let Some(pos) = self.route(boundary) else { continue };
            let shard = &self.shards[pos];
            if shard.range.start != boundary {
                let parent = shard.index;
                self.split(parent, boundary, now);
                done.push(Reshard::Split { parent, new_start: boundary });
            }
        }
        for range in goal {
            loop {
                let mut pieces: Vec<(u128, u32)> = self
                    .open_shards()
                    .filter(|s| range.contains(s.range.start))
                    .map(|s| (s.range.start, s.index))
                    .collect();
                crate::order::sort(&mut pieces);
                if pieces.len() < 2 {
                    break;
                }
                let (shard, adjacent) = (pieces[0].1, pieces[1].1);
                self.merge(shard, adjacent, now);
                done.push(Reshard::Merge { shard, adjacent });
            }
        }
        done
    }
}

pub fn status_name(status: StreamStatus) -> &'static str {
    match status {
        StreamStatus::Creating => "CREATING",
        StreamStatus::Deleting => "DELETING",
        StreamStatus::Active => "ACTIVE",
        StreamStatus::Updating => "UPDATING",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinesis::hash_key::MAX_HASH_KEY;

    fn open_ranges(s: &Stream) -> Vec<HashRange> {
        let mut r: Vec<HashRange> = s.open_shards().map(|s| s.range).collect();
        r.sort();
        r
    }

    #[test]
    fn stream_names_follow_the_aws_rules() {
        assert!(validate_stream_name("clicks_2026.v1-a").is_ok());
        assert!(validate_stream_name("").unwrap_err().message.contains("length between 1 and 128"));
        assert!(validate_stream_name(&"a".repeat(129)).is_err());
        assert!(validate_stream_name("my stream").unwrap_err().message.contains("[a-zA-Z0-9_.-]+"));
    }

    #[test]
    fn uniform_scaling_reaches_even_ranges_through_splits_and_merges() {
        for (from, to) in [(2, 4), (4, 2), (2, 3), (5, 3), (3, 6), (7, 4)] {
            let mut s = Stream::new("s", StreamMode::Provisioned, from, SimTime::ZERO);
            s.scale_uniformly(to, SimTime::ZERO);
            assert_eq!(open_ranges(&s), even_split(to), "{from} → {to}");
            for shard in s.shards.iter().filter(|sh| sh.index >= from) {
                assert!(shard.parent.is_some(), "{from} → {to}: every new shard has a parent");
            }
        }
        let mut s = Stream::new("s", StreamMode::Provisioned, 1, SimTime::ZERO);
        s.scale_uniformly(2, SimTime::ZERO);
        assert_eq!(open_ranges(&s).last().unwrap().end, MAX_HASH_KEY);
    }
}
