//! Properties that must hold after any sequence of operations: the ledger balances, sequence
//! numbers increase within each shard, the open shards partition the hash key space, and the
//! same seed and calls give the same trace.

use proptest::prelude::*;
use serde_json::json;
use shardlab_sim::{Scenario, SimDuration, World};

#[derive(Clone, Debug)]
enum Step {
    Put { key: u16, bytes: u16 },
    PutBatch { keys: Vec<u16> },
    Split { shard: u8, at: u128 },
    Merge { shard: u8 },
    Scale { target: u8 },
    Wait { ms: u32 },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        5 => (any::<u16>(), 0u16..2_000).prop_map(|(key, bytes)| Step::Put { key, bytes }),
        2 => prop::collection::vec(any::<u16>(), 1..40).prop_map(|keys| Step::PutBatch { keys }),
        1 => (any::<u8>(), any::<u128>()).prop_map(|(shard, at)| Step::Split { shard, at }),
        1 => any::<u8>().prop_map(|shard| Step::Merge { shard }),
        1 => (1u8..9).prop_map(|target| Step::Scale { target }),
        3 => (0u32..20_000).prop_map(|ms| Step::Wait { ms }),
    ]
}

/// Runs the steps on a fresh 2-shard stream; refused operations are part of the run.
fn run(seed: u64, steps: &[Step]) -> World {
    let mut w = World::from_scenario(&Scenario { seed, ..Scenario::default() }).unwrap();
    w.call("kinesis", "CreateStream", json!({ "StreamName": "s", "ShardCount": 2 })).unwrap();
    w.advance(SimDuration::from_secs(6));
    for step in steps {
        let open: Vec<(u32, u128, u128)> =
            w.kinesis().stream("s").unwrap().open_shards().map(|s| (s.index, s.range.start, s.range.end)).collect();
        let _ = match step {
            Step::Put { key, bytes } => w.call("kinesis", "PutRecord", json!({ "StreamName": "s", "PartitionKey": format!("k{key}"), "Data": "A".repeat(*bytes as usize / 3 * 4) })),
            Step::PutBatch { keys } => w.call("kinesis", "PutRecords", json!({ "StreamName": "s", "Records": keys.iter().map(|k| json!({ "PartitionKey": format!("k{k}"), "Data": "AAAA" })).collect::<Vec<_>>() })),
            Step::Split { shard, at } => {
                let (index, start, end) = open[*shard as usize % open.len()];
                let key = if end > start { start + 1 + at % (end - start) } else { start };
                w.call("kinesis", "SplitShard", json!({ "StreamName": "s", "ShardToSplit": format!("shardId-{index:012}"), "NewStartingHashKey": key.to_string() }))
            }
            Step::Merge { shard } => {
                let mut sorted = open.clone();
                sorted.sort_by_key(|s| s.1);
                let i = *shard as usize % sorted.len();
                let j = (i + 1) % sorted.len();
                w.call("kinesis", "MergeShards", json!({ "StreamName": "s", "ShardToMerge": format!("shardId-{:012}", sorted[i].0), "AdjacentShardToMerge": format!("shardId-{:012}", sorted[j].0) }))
            }
            Step::Scale { target } => w.call("kinesis", "UpdateShardCount", json!({ "StreamName": "s", "TargetShardCount": target, "ScalingType": "UNIFORM_SCALING" })),
            Step::Wait { ms } => {
                w.advance(SimDuration::from_millis(*ms as u64));
                Ok(json!({}))
            }
        };
    }
    w.advance(SimDuration::from_secs(6));
    w
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_books_balance_and_shards_stay_consistent(steps in prop::collection::vec(step(), 1..60)) {
        let w = run(1, &steps);
        prop_assert_eq!(w.audit_ledger(), Ok(()));
        let stream = w.kinesis().stream("s").unwrap();
        for shard in &stream.shards {
            let records = shard.log.records(0, shard.log.len());
            let seqs: Vec<u128> = records.iter().map(|r| r.sequence_number).collect();
            prop_assert!(seqs.windows(2).all(|p| p[0] < p[1]), "sequence numbers must increase in {}", shard.id());
            for r in &records {
                let key = if r.explicit { r.hash_key } else { shardlab_sim::kinesis::hash_key::hash_partition_key(&r.partition_key) };
                prop_assert_eq!(key, r.hash_key);
                prop_assert!(shard.range.contains(key), "a record of {} is outside its range", shard.id());
            }
        }
        let mut ranges: Vec<(u128, u128)> = stream.open_shards().map(|s| (s.range.start, s.range.end)).collect();
        ranges.sort();
        prop_assert_eq!(ranges.first().map(|r| r.0), Some(0));
        prop_assert_eq!(ranges.last().map(|r| r.1), Some(u128::MAX));
        for pair in ranges.windows(2) {
            prop_assert_eq!(pair[0].1 + 1, pair[1].0, "open shards must partition the hash key space");
        }
    }

    #[test]
    fn the_same_seed_and_calls_give_the_same_trace(steps in prop::collection::vec(step(), 1..30)) {
        let a = run(9, &steps);
        let b = run(9, &steps);
        let log = |w: &World| w.events_since(0).map(|e| serde_json::to_string(e).unwrap()).collect::<Vec<_>>();
        prop_assert_eq!(log(&a), log(&b));
        prop_assert_eq!(serde_json::to_string(&a.report()).unwrap(), serde_json::to_string(&b.report()).unwrap());
    }
}
