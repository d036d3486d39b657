//! Where a component placed from the palette without dragging goes.

use shardlab_sim::scenario::{ComponentKind, ComponentSpec};
use shardlab_sim::Scenario;

/// Where a component placed from the palette without dragging goes: the next free slot of a
/// grid, so consecutive placements do not pile up.
pub(crate) fn free_spot(doc: &Scenario) -> (f64, f64) {
    use crate::components::node::{node_size, HEADER_HEIGHT, NODE_WIDTH};
    // A gap around nodes, so that ports and wires stay clickable.
    const GAP: f64 = 20.0;
    let size = |c: &ComponentSpec| {
        let shards = match &c.kind {
            ComponentKind::DataStream(s) => s.initial_shard_count() as usize,
            _ => 1,
        };
        node_size(c.kind.kind(), shards)
    };
    let overlaps = |x: f64, y: f64| {
        doc.components.iter().any(|c| {
            let (w, h) = size(c);
            x < c.x + w + GAP && c.x < x + NODE_WIDTH + GAP && y < c.y + h + GAP && c.y < y + HEADER_HEIGHT + GAP
        })
    };
    let cell = |i: usize| (40.0 + 260.0 * (i % 3) as f64, 40.0 + 140.0 * (i / 3) as f64);
    // The first cell of a three-column grid that no node covers.
    (0..90).map(cell).find(|&(x, y)| !overlaps(x, y)).unwrap_or_else(|| cell(doc.components.len()))
}
