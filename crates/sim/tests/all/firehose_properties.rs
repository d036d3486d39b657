//! Whatever happens to a delivery stream — the producer's rate changed, a transform that
//! drops, fails or loops, destinations going down and coming back, the bucket deleted, the
//! buffer interval changed — every record is accounted for, and the same steps give the
//! same run.

use proptest::prelude::*;
use shardlab_sim::catalogue::new_component;
use shardlab_sim::firehose::transform::TEMPLATES;
use shardlab_sim::scenario::{ComponentKind, WireSpec};
use shardlab_sim::wiring::Kind;
use shardlab_sim::{Scenario, SimDuration, World};

#[derive(Clone, Debug)]
enum Step {
    Wait { s: u16 },
    Rate { per_s: u16 },
    Outage { down: bool },
    Interval { s: u16 },
    Template { which: u8 },
    DropBucket,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        5 => (1u16..90).prop_map(|s| Step::Wait { s }),
        2 => (0u16..30).prop_map(|per_s| Step::Rate { per_s }),
        2 => any::<bool>().prop_map(|down| Step::Outage { down }),
        1 => (0u16..901).prop_map(|s| Step::Interval { s }),
        1 => any::<u8>().prop_map(|which| Step::Template { which }),
        1 => Just(Step::DropBucket),
    ]
}

/// Producer → Firehose (with a transform) → `destination`.
fn scenario(seed: u64, destination: Kind) -> Scenario {
    let mut s = Scenario { seed, ..Scenario::default() };
    for kind in [Kind::Producer, Kind::Firehose, Kind::FirehoseTransform, destination, Kind::S3Bucket] {
        let c = new_component(&s, kind, 0.0, 0.0);
        s.components.push(c);
    }
    let dest = s.components[3].id.clone();
    if let ComponentKind::Producer(p) = &mut s.components[0].kind {
        p.record_bytes = 100;
    }
    if let ComponentKind::Firehose(f) = &mut s.components[1].kind {
        f.buffer_interval_s = 30;
        f.retry_duration_s = Some(60);
        // The S3 bucket component backs up (or stages) whatever the destination is.
        f.backup_bucket = "lab-bucket".into();
    }
    for (from, to) in [("producer", "firehose"), ("firehose", "transform"), ("firehose", dest.as_str())] {
        s.wires.push(WireSpec { from: from.into(), to: to.into() });
    }
    s
}

fn run(seed: u64, destination: Kind, steps: &[Step]) -> World {
    let mut doc = scenario(seed, destination);
    let mut w = World::from_scenario(&doc).unwrap();
    for step in steps {
        let mut next = doc.clone();
        for c in &mut next.components {
            match (step, &mut c.kind) {
                (Step::Rate { per_s }, ComponentKind::Producer(p)) => p.records_per_second = *per_s as f64,
                (Step::Interval { s }, ComponentKind::Firehose(f)) => f.buffer_interval_s = *s as u64,
                (Step::Template { which }, ComponentKind::FirehoseTransform(t)) => {
                    t.code = TEMPLATES[*which as usize % TEMPLATES.len()].1.to_string();
                }
                (Step::Outage { down }, ComponentKind::OpenSearch(o)) => o.available = !down,
                (Step::Outage { down }, ComponentKind::HttpEndpoint(h)) => h.available = !down,
                (Step::Outage { down }, ComponentKind::Redshift(r)) => r.available = !down,
                _ => {}
            }
        }
        if let Step::DropBucket = step {
            next.components.retain(|c| !matches!(c.kind, ComponentKind::S3Bucket(_)));
            next.wires.retain(|w| next.components.iter().any(|c| c.id == w.to));
        }
        if let Step::Wait { s } = step {
            w.advance(SimDuration::from_secs(*s as u64));
        } else if w.sync(&next).is_ok() {
            doc = next;
        }
        w.audit_ledger().unwrap();
    }
    w.advance(SimDuration::from_secs(200));
    w
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn every_record_is_accounted_for_whatever_happens(
        seed in any::<u64>(),
        destination in prop_oneof![Just(Kind::S3Bucket), Just(Kind::Redshift), Just(Kind::OpenSearch), Just(Kind::HttpEndpoint)],
        steps in prop::collection::vec(step(), 1..12),
    ) {
        let w = run(seed, destination, &steps);
        prop_assert_eq!(w.audit_ledger(), Ok(()));
        let created = w.ledger().created;
        let placed: u64 = w.ledger().places.values().sum();
        prop_assert_eq!(created, placed);
        let again = run(seed, destination, &steps);
        prop_assert_eq!(w.ledger(), again.ledger(), "the same steps give the same books");
        prop_assert_eq!(w.trace(), again.trace());
        // The trace holds only test markers; the event log is what the run did.
        let events = |w: &World| w.events_since(0).cloned().collect::<Vec<_>>();
        prop_assert_eq!(events(&w), events(&again), "the same steps give the same events");
    }
}
