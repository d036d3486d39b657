//! The KCL's lease taker: how a worker decides which leases to take. Free (expired) leases
//! go first, to the live worker holding the fewest. When none is free, a worker below its
//! share — the leases divided by the live workers, rounded up — steals one lease from the
//! busiest worker, once per taker run, so a worker that joins gets work within a few runs
//! (amazon-kinesis-client: DynamoDBLeaseTaker.computeLeasesToTake and chooseLeasesToSteal,
//! maxLeasesToStealAtOneTime 1; LeaseCoordinator runs the taker every
//! (leaseDuration + epsilon) × 2, the lease duration being the failover time).
//!
//! The real KCL steals a random lease of the busiest worker; the lab takes the one with the
//! highest shard number, so a run repeats exactly.

use super::kcl::Lease;
use crate::time::SimDuration;
use std::collections::BTreeMap;

/// The KCL's `epsilonMillis`: slack added to the lease duration.
const EPSILON_MS: u64 = 25;

/// How often each worker's lease taker runs, for a failover time (lease duration) in ms.
pub fn taker_interval(failover_ms: u64) -> SimDuration {
    SimDuration::from_millis((failover_ms + EPSILON_MS) * 2)
}

fn held_by(leases: &BTreeMap<u32, Lease>, worker: usize) -> usize {
    leases.values().filter(|l| !l.finished && l.owner == Some(worker)).count()
}

/// Each worker's share: the active leases over the live workers, rounded up (at least 1).
pub fn target(leases: &BTreeMap<u32, Lease>, alive: &[usize]) -> usize {
    let active = leases.values().filter(|l| !l.finished).count();
    if alive.is_empty() {
        return 0;
    }
    active.div_ceil(alive.len()).max(1)
}

/// The lease `taker` steals on this run, and from whom: one lease of the busiest live worker,
/// if the taker is below its share and that worker is above it (or at it, when the taker
/// needs more than one). None when nothing should move.
pub fn lease_to_steal(leases: &BTreeMap<u32, Lease>, alive: &[usize], taker: usize) -> Option<(u32, usize)> {
    let target = target(leases, alive);
    let needed = target.saturating_sub(held_by(leases, taker));
    if needed == 0 || leases.values().any(|l| !l.finished && l.owner.is_none()) {
        return None;
    }
    // The busiest worker; the lowest-numbered among equals.
    let (busiest, most) = alive.iter().filter(|&&w| w != taker).map(|&w| (w, held_by(leases, w))).fold(
        None,
        |best: Option<(usize, usize)>, (w, n)| match best {
            Some((_, m)) if m >= n => best,
            _ => Some((w, n)),
        },
    )?;
    let spill = if needed > 1 { most >= target } else { most > target };
    if !spill || most == 0 {
        return None;
    }
    let shard = leases.iter().filter(|(_, l)| !l.finished && l.owner == Some(busiest)).map(|(&s, _)| s).next_back()?;
    Some((shard, busiest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::lineage::Cursor;

    fn table(owners: &[Option<usize>]) -> BTreeMap<u32, Lease> {
        owners
            .iter()
            .enumerate()
            .map(|(i, &owner)| {
                let lease = Lease {
                    owner,
                    checkpoint: 0,
                    cursor: Cursor { position: 0, finished: false },
                    processed_up_to: 0,
                    since_checkpoint: 0,
                    finished: false,
                };
                (i as u32, lease)
            })
            .collect()
    }

    #[test]
    fn a_new_worker_steals_from_the_busiest_until_shares_are_even() {
        // 4 leases held 2 and 2; worker 2 joins: its share is 2, so it steals one…
        let mut leases = table(&[Some(0), Some(0), Some(1), Some(1)]);
        let alive = [0, 1, 2];
        assert_eq!(lease_to_steal(&leases, &alive, 2), Some((1, 0)), "worker 0's highest lease");
        leases.get_mut(&1).unwrap().owner = Some(2);
        // …then holds 1 and needs 1 more, but no one is above the share of 2.
        assert_eq!(lease_to_steal(&leases, &alive, 2), None);
        assert_eq!(lease_to_steal(&leases, &alive, 0), None, "worker 0 holds 1 of its 2 and no one is above 2");
    }

    #[test]
    fn nothing_is_stolen_while_a_lease_is_free_or_shares_are_met() {
        let leases = table(&[Some(0), None, Some(0)]);
        assert_eq!(lease_to_steal(&leases, &[0, 1], 1), None, "the free lease is taken instead");
        let leases = table(&[Some(0), Some(1), Some(0), Some(1)]);
        assert_eq!(lease_to_steal(&leases, &[0, 1], 0), None);
        let leases = table(&[Some(0), Some(0), Some(0), Some(0), Some(1)]);
        assert_eq!(target(&leases, &[0, 1]), 3);
        assert_eq!(lease_to_steal(&leases, &[0, 1], 1), Some((3, 0)), "4 > 3: one moves");
    }

    #[test]
    fn the_taker_runs_every_twice_the_lease_duration_and_epsilon() {
        assert_eq!(taker_interval(10_000), SimDuration::from_millis(20_050));
    }
}
