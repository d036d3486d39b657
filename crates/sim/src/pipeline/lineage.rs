//! Which shards a reader may read now. To keep each partition key's records in order, a
//! reader finishes a parent shard before it starts the parent's children (FACTS: "readers
//! must finish a parent before its children").

use crate::kinesis::stream::Stream;
use std::collections::BTreeMap;

/// What a reader knows of one shard.
#[derive(Clone, Debug, PartialEq)]
pub struct Cursor {
    /// The next sequence number to read.
    pub position: u128,
    /// The shard is closed and read to its end.
    pub finished: bool,
}

/// The shards of `stream` a reader with `cursors` should start reading now, with where to
/// start: shards without parents (or whose parents are gone or finished) that it has no
/// cursor for yet. `initial` gives the start of a shard that existed when the reader began;
/// children always start at their beginning.
pub fn newly_readable(
    stream: &Stream,
    cursors: &BTreeMap<u32, Cursor>,
    mut initial: impl FnMut(usize) -> u128,
) -> Vec<(u32, u128)> {
    let done = |index: Option<u32>| match index {
        None => true,
        Some(i) => cursors.get(&i).is_some_and(|c| c.finished) || stream.shard(i).is_none(),
    };
    let started = !cursors.is_empty();
    stream
        .shards
        .iter()
        .enumerate()
        .filter(|(_, s)| !cursors.contains_key(&s.index))
        .filter(|(_, s)| done(s.parent) && done(s.adjacent_parent))
        .map(|(position, s)| {
            let is_child = s.parent.is_some_and(|p| cursors.contains_key(&p));
            let start =
                if is_child || (started && s.parent.is_some()) { s.starting_sequence } else { initial(position) };
            (s.index, start)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinesis::stream::StreamMode;
    use crate::time::SimTime;

    #[test]
    fn children_wait_until_their_parent_is_read_to_its_end() {
        let mut s = Stream::new("s", StreamMode::Provisioned, 1, SimTime::ZERO);
        let mut cursors = BTreeMap::new();
        for (i, start) in newly_readable(&s, &cursors, |_| 7) {
            cursors.insert(i, Cursor { position: start, finished: false });
        }
        assert_eq!(cursors.keys().copied().collect::<Vec<_>>(), [0]);
        s.split(0, 1 << 127, SimTime::ZERO);
        assert!(newly_readable(&s, &cursors, |_| 7).is_empty(), "the parent is not finished yet");
        cursors.get_mut(&0).unwrap().finished = true;
        let kids: Vec<u32> = newly_readable(&s, &cursors, |_| 7).into_iter().map(|(i, _)| i).collect();
        assert_eq!(kids, [1, 2]);
    }
}
