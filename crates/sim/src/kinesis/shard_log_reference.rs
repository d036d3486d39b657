//! The runs against the reference: in test builds every shard also keeps each record whole,
//! as shards kept them before runs (`ShardLog::reference`). Over random pipelines — producers
//! of every key strategy, loads that throttle, KPL aggregation, API writes, resharding, a KCL
//! failover, Firehose reading the stream, retention passing — every record the runs make
//! again, and every count, size and position a read asks of them, must be the reference's;
//! and every object Firehose delivers must make the records it took.

use super::shard::StoredRecord;
use super::shard_log::{ReadSummary, ShardLog};
use crate::catalogue::new_component;
use crate::ledger::Place;
use crate::pipeline::settings::KeyStrategy;
use crate::scenario::{ComponentKind, Scenario, WireSpec};
use crate::time::{SimDuration, SimTime};
use crate::wiring::Kind;
use crate::world::World;
use proptest::prelude::*;
use serde_json::json;

/// What the log answers, checked against its reference at some probe positions.
fn check(log: &ShardLog, probes: &[u64], now: SimTime) -> Result<(), String> {
    let reference: Vec<&StoredRecord> = log.reference.iter().collect();
    let made = log.records(0, log.len());
    if made.len() != reference.len() {
        return Err(format!("{} records made, {} in the reference", made.len(), reference.len()));
    }
    if let Some(i) = (0..made.len()).find(|&i| made[i] != *reference[i]) {
        return Err(format!("record {i} differs: made {:?}, reference {:?}", made[i], reference[i]));
    }
    let users: u64 = reference.iter().map(|r| r.user_records as u64).sum();
    let data: u64 = reference.iter().map(|r| r.data.len() as u64).sum();
    if (log.user_records(), log.data_bytes()) != (users, data) {
        return Err(format!(
            "held {} user records, {} bytes; reference {users}, {data}",
            log.user_records(),
            log.data_bytes()
        ));
    }
    let n = reference.len();
    for &p in probes {
        // A probe packs where a read starts (low 16 bits), its Limit (next 16) and its byte
        // cap (high 32).
        let first = (p & 0xFFFF) as usize % (n + 1);
        let limit = 1 + ((p >> 16) & 0xFFFF) as usize % 600;
        let max_bytes = 1 + (p >> 32) % 300_000;
        // GetRecords' rule, record by record.
        let (mut count, mut bytes) = (0usize, 0u64);
        for r in reference.iter().skip(first).take(limit) {
            if count > 0 && bytes + r.size() > max_bytes {
                break;
            }
            bytes += r.size();
            count += 1;
        }
        if log.take(first, limit, max_bytes) != (count, bytes) {
            return Err(format!(
                "take({first}, {limit}, {max_bytes}) = {:?}, reference {:?}",
                log.take(first, limit, max_bytes),
                (count, bytes)
            ));
        }
        let span = &reference[first.min(n)..(first + count).min(n)];
        let expected = ReadSummary {
            sequences: span.first().zip(span.last()).map(|(a, b)| (a.sequence_number, b.sequence_number)),
            last_arrival: span.last().map(|r| r.arrival),
            next_arrival: reference.get(first + count).map(|r| r.arrival),
            user_records: span.iter().map(|r| r.user_records as u64).sum::<u64>(),
            age_sum_ms: span.iter().map(|r| now.saturating_sub(r.arrival).as_millis() * r.user_records as u64).sum(),
        };
        if log.summarize(first, count, now) != expected {
            return Err(format!(
                "the read of {first}+{count} is {:?}, reference {expected:?}",
                log.summarize(first, count, now)
            ));
        }
        if let Some(r) = reference.get(first) {
            let around = [r.sequence_number.saturating_sub(1), r.sequence_number, r.sequence_number + 1];
            for seq in around {
                let expected = reference.partition_point(|x| x.sequence_number < seq);
                if log.position_of(seq) != expected {
                    return Err(format!("position_of({seq}) = {}, reference {expected}", log.position_of(seq)));
                }
            }
            let expected = reference.partition_point(|x| x.arrival < r.arrival);
            if log.position_at_time(r.arrival) != expected {
                return Err(format!("position_at_time differs at {first}"));
            }
            if log.sequence_of_record(r.record_id) != Some(r.sequence_number)
                && reference.iter().filter(|x| x.record_id == r.record_id).count() == 1
            {
                return Err(format!("record id {} not found at {}", r.record_id, r.sequence_number));
            }
            if let Some(last) = span.last() {
                let between: u64 = span.iter().map(|r| r.user_records as u64).sum();
                if log.user_records_between(r.sequence_number, last.sequence_number + 1) != between {
                    return Err(format!(
                        "user records between {} and {} differ",
                        r.sequence_number, last.sequence_number
                    ));
                }
            }
        }
    }
    Ok(())
}

#[derive(Clone, Debug)]
enum Step {
    Wait {
        ms: u32,
    },
    Put {
        key: u16,
        bytes: u16,
    },
    Split {
        at: u128,
    },
    Scale {
        target: u8,
    },
    KillWorker,
    /// Long enough for the oldest records to pass the 24 h retention.
    PassRetention,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => (1u32..4_000).prop_map(|ms| Step::Wait { ms }),
        2 => (any::<u16>(), 1u16..3_000).prop_map(|(key, bytes)| Step::Put { key, bytes }),
        1 => any::<u128>().prop_map(|at| Step::Split { at }),
        1 => (1u8..5).prop_map(|target| Step::Scale { target }),
        1 => Just(Step::KillWorker),
        1 => Just(Step::PassRetention),
    ]
}

#[derive(Clone, Debug)]
struct Pipeline {
    seed: u64,
    shards: u32,
    rate: f64,
    record_bytes: u32,
    keys: KeyStrategy,
    aggregation: bool,
    collection: bool,
}

fn pipeline() -> impl Strategy<Value = Pipeline> {
    let keys = prop_oneof![
        Just(KeyStrategy::Random),
        (1u32..300).prop_map(|count| KeyStrategy::Distinct { count }),
        Just(KeyStrategy::HotKey),
        Just(KeyStrategy::Sequential),
    ];
    (
        any::<u64>(),
        1u32..4,
        prop_oneof![Just(40.0), Just(900.0), Just(2_500.0)],
        prop_oneof![Just(20u32), Just(300), Just(1_500)],
        keys,
        prop::bool::weighted(0.2),
        any::<bool>(),
    )
        .prop_map(|(seed, shards, rate, record_bytes, keys, aggregation, collection)| Pipeline {
            seed,
            shards,
            rate,
            record_bytes,
            keys,
            aggregation,
            collection,
        })
}

/// producer → stream → (polling consumer, KCL application of 2 workers, Firehose → bucket).
fn world(p: &Pipeline) -> World {
    let mut s = Scenario { seed: p.seed, ..Scenario::default() };
    for kind in [Kind::Producer, Kind::DataStream, Kind::PollingConsumer, Kind::KclApp, Kind::Firehose, Kind::S3Bucket]
    {
        s.components.push(new_component(&s, kind, 0.0, 0.0));
    }
    for c in &mut s.components {
        match &mut c.kind {
            ComponentKind::Producer(settings) => {
                settings.records_per_second = p.rate;
                settings.record_bytes = p.record_bytes;
                settings.keys = p.keys;
                settings.aggregation = p.aggregation;
                settings.collection = p.collection;
            }
            ComponentKind::DataStream(settings) => settings.shard_count = p.shards,
            ComponentKind::KclApp(settings) => settings.workers = 2,
            // Objects every 2 s, so that the steps' few seconds deliver some.
            ComponentKind::Firehose(settings) => settings.buffer_interval_s = 2,
            _ => {}
        }
    }
    let id = |i: usize| s.components[i].id.clone();
    s.wires =
        [(0, 1), (1, 2), (1, 3), (1, 4), (4, 5)].iter().map(|&(a, b)| WireSpec { from: id(a), to: id(b) }).collect();
    World::from_scenario(&s).expect("the pipeline is valid")
}

fn run(p: &Pipeline, steps: &[Step], probes: &[u64]) -> Result<World, String> {
    let mut w = world(p);
    let stream = w.kinesis().streams.keys().next().cloned().expect("one stream");
    let kcl = w.scenario().components[3].id.clone();
    for step in steps {
        let open: Vec<(u32, u128, u128)> =
            w.kinesis().stream(&stream).unwrap().open_shards().map(|s| (s.index, s.range.start, s.range.end)).collect();
        match step {
            Step::Wait { ms } => w.advance(SimDuration::from_millis(*ms as u64)),
            Step::Put { key, bytes } => {
                let data = "A".repeat(*bytes as usize / 3 * 4);
                let _ = w.call(
                    "kinesis",
                    "PutRecord",
                    json!({ "StreamName": stream, "PartitionKey": format!("k{key}"), "Data": data }),
                );
            }
            Step::Split { at } => {
                let (index, start, end) = open[(*at % open.len() as u128) as usize];
                let key = if end > start { start + 1 + at % (end - start) } else { start };
                let _ = w.call("kinesis", "SplitShard", json!({ "StreamName": stream, "ShardToSplit": format!("shardId-{index:012}"), "NewStartingHashKey": key.to_string() }));
            }
            Step::Scale { target } => {
                let _ = w.call(
                    "kinesis",
                    "UpdateShardCount",
                    json!({ "StreamName": stream, "TargetShardCount": target, "ScalingType": "UNIFORM_SCALING" }),
                );
            }
            Step::KillWorker => {
                w.kill_kcl_worker(&kcl, 0);
            }
            Step::PassRetention => {
                // The producer stops meanwhile, so that a day costs the test little.
                let mut quiet = w.scenario().clone();
                let ComponentKind::Producer(settings) = &mut quiet.components[0].kind else { unreachable!() };
                let rate = std::mem::replace(&mut settings.records_per_second, 0.0);
                w.sync(&quiet).expect("a producer at rest is valid");
                w.advance(SimDuration::from_secs(24 * 3_600 - 10));
                let ComponentKind::Producer(settings) = &mut quiet.components[0].kind else { unreachable!() };
                settings.records_per_second = rate;
                w.sync(&quiet).expect("the same pipeline again");
                w.advance(SimDuration::from_secs(20));
            }
        }
        for shard in &w.kinesis().stream(&stream).unwrap().shards {
            check(&shard.log, probes, w.now()).map_err(|e| format!("{}: {e}", shard.id()))?;
        }
        for (key, object) in w.s3().buckets.values().flat_map(|b| &b.objects) {
            object.against_reference().0.map_err(|e| format!("object {key}: {e}"))?;
        }
    }
    w.audit_ledger().map(|()| w)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn runs_make_the_records_the_reference_keeps(
        p in pipeline(),
        steps in prop::collection::vec(step(), 1..10),
        probes in prop::collection::vec(any::<u64>(), 6),
    ) {
        prop_assert_eq!(run(&p, &steps, &probes).map(|_| ()), Ok(()));
    }
}

/// Reads from a few places: a 5,000-byte cap that binds inside a run, a Limit that binds, one
/// record, and the end.
const PROBES: [u64; 5] =
    [4_999 << 32 | 599 << 16 | 5, 9_999 << 32 | 599 << 16 | 77, 299_999 << 32 | 3 << 16 | 1_000, 0, 0xFFFF];

#[test]
fn a_throttled_hot_shard_and_expiry_keep_to_the_reference() {
    let p = Pipeline {
        seed: 9,
        shards: 2,
        rate: 2_500.0,
        record_bytes: 1_500,
        keys: KeyStrategy::Random,
        aggregation: false,
        collection: true,
    };
    let steps = [
        Step::Wait { ms: 3_500 },
        Step::Split { at: 7 },
        Step::Wait { ms: 2_100 },
        Step::PassRetention,
        Step::Wait { ms: 1_000 },
    ];
    let w = run(&p, &steps, &PROBES).unwrap_or_else(|e| panic!("{e}"));
    // Firehose read both shards of the split stream: its objects keep each shard's share of a
    // tick as one run.
    let objects: Vec<_> = w.s3().buckets.values().flat_map(|b| b.objects.values()).collect();
    let runs: usize = objects.iter().map(|o| o.against_reference().1).sum();
    assert!(runs > objects.len(), "{} objects keep {runs} runs", objects.len());
    let ledger = w.ledger();
    assert!(ledger.count(Place::Expired) > 0, "the first records expired: {ledger:?}");
    assert!(ledger.count(Place::Retrying) + ledger.count(Place::Rejected) > 0, "the hot shard throttled: {ledger:?}");
}
