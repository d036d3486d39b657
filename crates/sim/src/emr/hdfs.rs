//! HDFS on the core nodes: files cut into blocks (bytes, not lines), each block kept on
//! `dfs.replication` distinct core nodes. A lost core node takes its replicas with it: a
//! block with no other replica is lost for good; one with others is copied again once the
//! NameNode declares the node dead.

use super::limits::FIRST_BLOCK_ID;
use crate::rng::SimRng;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Block {
    pub id: u64,
    /// Where the block starts in its file, in real bytes.
    pub offset: u64,
    pub length: u64,
    /// The nodes (indexes into the cluster's nodes) that hold a replica.
    pub replicas: Vec<usize>,
}

impl Block {
    /// `blk_1073741825`, as HDFS names blocks.
    pub fn name(&self) -> String {
        format!("blk_{}", self.id)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct HdfsFile {
    pub data: Arc<[u8]>,
    pub blocks: Vec<Block>,
}

/// A block that lost its last replica.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LostBlock {
    pub block: String,
    pub file: String,
}

#[derive(Clone, Debug)]
pub struct Hdfs {
    /// `dfs.blocksize`, in real bytes (the data scale turns MB into bytes).
    pub block_bytes: u64,
    /// `dfs.replication`.
    pub replication: u32,
    pub files: BTreeMap<String, HdfsFile>,
    pub lost: Vec<LostBlock>,
    next_block_id: u64,
    rng: SimRng,
}

impl Hdfs {
    pub fn new(block_bytes: u64, replication: u32, rng: SimRng) -> Hdfs {
        Hdfs {
            block_bytes: block_bytes.max(1),
            replication: replication.max(1),
            files: BTreeMap::new(),
            lost: Vec::new(),
            next_block_id: FIRST_BLOCK_ID,
            rng,
        }
    }

    /// Writes `data` as the file `path` on the DataNodes `nodes` (the live core nodes),
    /// each block on `replication` of them (or all, if fewer), chosen at random as the
    /// default placement policy does on a single rack.
    pub fn write(&mut self, path: &str, data: Arc<[u8]>, nodes: &[usize]) {
        let len = data.len() as u64;
        let mut blocks = Vec::new();
        let mut offset = 0;
        while offset < len {
            let length = self.block_bytes.min(len - offset);
            let replicas = self.choose_nodes(nodes, self.replication as usize, &[]);
            blocks.push(Block { id: self.next_block_id, offset, length, replicas });
            self.next_block_id += 1;
            offset += length;
        }
        self.files.insert(path.to_string(), HdfsFile { data, blocks });
    }

    /// Up to `n` distinct nodes of `nodes` not in `except`, in a random order.
    fn choose_nodes(&mut self, nodes: &[usize], n: usize, except: &[usize]) -> Vec<usize> {
        let mut free: Vec<usize> = nodes.iter().copied().filter(|x| !except.contains(x)).collect();
        let mut chosen = Vec::new();
        while chosen.len() < n && !free.is_empty() {
            chosen.push(free.swap_remove(self.rng.below(free.len() as u64) as usize));
        }
        chosen
    }

    /// The node `node` is gone: its replicas with it. Returns the blocks that had no other.
    pub fn lose_node(&mut self, node: usize) -> Vec<LostBlock> {
        let mut newly_lost = Vec::new();
        for (path, file) in &mut self.files {
            for block in &mut file.blocks {
                let before = block.replicas.len();
                block.replicas.retain(|&r| r != node);
                if before > 0 && block.replicas.is_empty() {
                    newly_lost.push(LostBlock { block: block.name(), file: path.clone() });
                }
            }
        }
        self.lost.extend(newly_lost.iter().cloned());
        newly_lost
    }

    /// Copies every under-replicated block that still has a replica onto other live core
    /// nodes, up to the replication factor. Returns how many replicas it made.
    pub fn rereplicate(&mut self, live_core: &[usize]) -> usize {
        let mut made = 0;
        let target = self.replication as usize;
        let mut work: Vec<(String, usize, Vec<usize>)> = Vec::new();
        for (path, file) in &self.files {
            for (i, b) in file.blocks.iter().enumerate() {
                if !b.replicas.is_empty() && b.replicas.len() < target {
                    work.push((path.clone(), i, b.replicas.clone()));
                }
            }
        }
        for (path, i, have) in work {
            let extra = self.choose_nodes(live_core, target - have.len(), &have);
            made += extra.len();
            self.files.get_mut(&path).expect("listed above").blocks[i].replicas.extend(extra);
        }
        made
    }

    /// The blocks of `path` that overlap `[offset, offset + length)`.
    pub fn blocks_in(&self, path: &str, offset: u64, length: u64) -> impl Iterator<Item = &Block> {
        let end = offset + length;
        self.files
            .get(path)
            .into_iter()
            .flat_map(|f| f.blocks.iter())
            .filter(move |b| b.offset < end && b.offset + b.length > offset)
    }

    /// How many replicas `node` holds, for the cluster view.
    pub fn replicas_on(&self, node: usize) -> usize {
        self.files.values().flat_map(|f| &f.blocks).filter(|b| b.replicas.contains(&node)).count()
    }

    /// Blocks with fewer replicas than the replication factor (lost ones included).
    pub fn under_replicated(&self) -> usize {
        self.files.values().flat_map(|f| &f.blocks).filter(|b| b.replicas.len() < self.replication as usize).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hdfs(replication: u32) -> Hdfs {
        let mut h = Hdfs::new(100, replication, SimRng::seed_from_u64(1));
        h.write("/in/a.txt", Arc::from(vec![b'x'; 450]), &[1, 2, 3]);
        h
    }

    #[test]
    fn files_are_cut_into_blocks_on_distinct_nodes() {
        let h = hdfs(2);
        let blocks = &h.files["/in/a.txt"].blocks;
        assert_eq!(blocks.iter().map(|b| b.length).collect::<Vec<_>>(), [100, 100, 100, 100, 50]);
        assert_eq!(blocks[0].name(), "blk_1073741825");
        for b in blocks {
            assert_eq!(b.replicas.len(), 2);
            assert_ne!(b.replicas[0], b.replicas[1]);
        }
        assert_eq!(h.blocks_in("/in/a.txt", 150, 100).count(), 2);
    }

    #[test]
    fn a_lost_node_loses_only_the_blocks_it_held_alone() {
        let mut single = hdfs(1);
        let on_node_1 = single.replicas_on(1);
        let lost = single.lose_node(1);
        assert_eq!(lost.len(), on_node_1);
        assert_eq!(single.lost.len(), on_node_1);

        let mut double = hdfs(2);
        assert!(double.lose_node(1).is_empty(), "every block has a second replica");
        let under = double.under_replicated();
        assert!(under > 0);
        assert_eq!(double.rereplicate(&[2, 3]), under);
        assert_eq!(double.under_replicated(), 0);
        assert_eq!(double.replicas_on(1), 0);
    }
}
