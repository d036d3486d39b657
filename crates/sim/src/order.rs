//! One sort for the page. Every `sort`/`sort_unstable` on another element type, or with
//! another comparison, puts another copy of the standard library's sort into the wasm (2 to
//! 4 KB each, eight of them in the first load); these sort an index through one function that
//! is not generic, so the page carries one copy. They are stable (equal elements keep their
//! order) and meant for lists a view shows or a service tidies, not for hot loops: a
//! comparison is a dynamic call.

use std::cmp::Ordering;

/// The one instantiation of the standard sort: indices, ties broken by index (stable).
fn sort_indices(order: &mut [u32], cmp: &dyn Fn(u32, u32) -> Ordering) {
    order.sort_unstable_by(|&a, &b| cmp(a, b).then(a.cmp(&b)));
}

/// Sorts `v` by `cmp`, stably.
pub fn sort_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<u32> = (0..v.len() as u32).collect();
    sort_indices(&mut order, &|a, b| cmp(&v[a as usize], &v[b as usize]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.iter().filter_map(|&i| slots[i as usize].take()));
}

/// Sorts `v` by the key `key` gives, stably.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in ascending order.
pub fn sort<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SimRng;

    #[test]
    fn sorts_as_the_standard_stable_sort_does() {
        let mut rng = SimRng::seed_from_u64(3);
        for len in [0, 1, 2, 3, 17, 200] {
            // Pairs whose first halves repeat: stability shows in the second halves.
            let v: Vec<(u64, usize)> = (0..len).map(|i| (rng.below(5), i)).collect();
            let mut ours = v.clone();
            sort_by_key(&mut ours, |p| p.0);
            let mut theirs = v.clone();
            theirs.sort_by_key(|p| p.0);
            assert_eq!(ours, theirs, "length {len}");
            let mut reversed = v.clone();
            sort_by(&mut reversed, |a, b| b.cmp(a));
            assert!(reversed.windows(2).all(|w| w[0] >= w[1]));
            let mut plain = v;
            sort(&mut plain);
            assert!(plain.windows(2).all(|w| w[0] <= w[1]));
        }
    }
}
