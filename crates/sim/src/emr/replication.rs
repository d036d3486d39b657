//! `dfs.replication` on EMR: how many copies HDFS keeps of each block, from the number of
//! core nodes (the only nodes that run DataNodes): 1 below 4 core nodes, 2 for 4–9, 3 from 10
//! (Amazon EMR Release Guide, "HDFS configuration").

pub fn default_replication(core_nodes: u32) -> u32 {
    match core_nodes {
        0..=3 => 1,
        4..=9 => 2,
        _ => 3,
    }
}

/// EMR will not shrink the core nodes below the replication factor: the blocks would have
/// nowhere to keep their copies. The refusal, or `Ok` when `target` core nodes are enough.
pub fn check_core_shrink(current: u32, target: u32, replication: u32) -> Result<(), String> {
    if target < current && target < replication {
        return Err(format!(
            "Cannot shrink the core instance group to {target} instance(s): HDFS keeps {replication} replica(s) of each block (dfs.replication={replication}), so EMR does not remove core nodes below the replication factor."
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replication_follows_the_core_count() {
        let got: Vec<u32> = [1, 3, 4, 9, 10, 20].into_iter().map(default_replication).collect();
        assert_eq!(got, [1, 1, 2, 2, 3, 3]);
    }

    #[test]
    fn shrinking_below_the_replication_factor_is_refused() {
        assert!(check_core_shrink(4, 1, 2).unwrap_err().contains("dfs.replication=2"));
        assert!(check_core_shrink(4, 2, 2).is_ok());
        assert!(check_core_shrink(1, 3, 2).is_ok(), "growing is always allowed");
    }
}
