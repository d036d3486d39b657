//! The world's randomness: one seeded generator, from which every component derives its own
//! by name. Deriving by name (not by draw order) means adding a producer does not change the
//! random stream another producer sees.
//!
//! The generator is xoshiro256** (Blackman & Vigna), seeded through SplitMix64 as its
//! authors recommend. It is a few lines, so it lives here rather than behind a crate whose
//! output could change between versions: reproducibility across releases matters more.

/// SplitMix64: turns any 64-bit value into a well-mixed one; used to seed and to derive.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a of a name, so a component's stream depends on its id, not on its position.
fn fnv1a(name: &str) -> u64 {
    name.bytes().fold(0xCBF2_9CE4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01B3))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimRng {
    s: [u64; 4],
}

impl SimRng {
    pub fn seed_from_u64(seed: u64) -> Self {
        let mut sm = seed;
        SimRng { s: [splitmix64(&mut sm), splitmix64(&mut sm), splitmix64(&mut sm), splitmix64(&mut sm)] }
    }

    /// An independent generator for the component called `name`. It does not advance `self`.
    pub fn derive(&self, name: &str) -> SimRng {
        let mut mix = self.s[0] ^ self.s[1].rotate_left(17) ^ self.s[2].rotate_left(31) ^ self.s[3].rotate_left(47);
        mix ^= fnv1a(name);
        SimRng::seed_from_u64(splitmix64(&mut mix))
    }

    pub fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// A uniform float in [0, 1) with 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A uniform integer in `0..n` (Lemire's multiply-and-reject, no modulo bias).
    /// `n` must be positive.
    pub fn below(&mut self, n: u64) -> u64 {
        assert!(n > 0, "below(0) has no value to return");
        // The threshold is under n, so a low half of at least n is accepted without it: the
        // division that makes it (tens of cycles, once a record for a random key) is paid
        // only in the rare case that needs it. The draws are the same either way.
        let mut threshold = None;
        loop {
            let m = (self.next_u64() as u128) * (n as u128);
            let low = m as u64;
            if low >= n || low >= *threshold.get_or_insert_with(|| n.wrapping_neg() % n) {
                return (m >> 64) as u64;
            }
        }
    }

    /// Fills `buf` with random bytes.
    pub fn fill_bytes(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            let bytes = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xoshiro256starstar_matches_the_reference_output() {
        // Reference: xoshiro256starstar.c with state {1, 2, 3, 4}.
        let mut r = SimRng { s: [1, 2, 3, 4] };
        let got: Vec<u64> = (0..4).map(|_| r.next_u64()).collect();
        assert_eq!(got, [11520, 0, 1509978240, 1215971899390074240]);
    }

    #[test]
    fn same_seed_same_stream_and_derivation_is_by_name() {
        let root = SimRng::seed_from_u64(42);
        let mut a1 = root.derive("producer-a");
        let mut a2 = root.derive("producer-a");
        let mut b = root.derive("producer-b");
        let xs: Vec<u64> = (0..8).map(|_| a1.next_u64()).collect();
        let ys: Vec<u64> = (0..8).map(|_| a2.next_u64()).collect();
        let zs: Vec<u64> = (0..8).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs, zs);
        assert_ne!(SimRng::seed_from_u64(43).derive("producer-a").next_u64(), xs[0]);
    }

    #[test]
    fn below_stays_in_range_and_floats_in_unit_interval() {
        let mut r = SimRng::seed_from_u64(7);
        let mut seen = [false; 6];
        for _ in 0..1_000 {
            let v = r.below(6) as usize;
            seen[v] = true;
            let f = r.next_f64();
            assert!((0.0..1.0).contains(&f));
        }
        assert!(seen.iter().all(|&s| s), "every value of 0..6 should come up in 1,000 draws");
    }

    /// `below` as Lemire wrote it, the threshold made before every draw: the skipped
    /// division must not change a single draw (saved scenarios replay by them).
    fn below_with_threshold_first(r: &mut SimRng, n: u64) -> u64 {
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = (r.next_u64() as u128) * (n as u128);
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }

    #[test]
    fn below_draws_what_the_threshold_first_draws_and_leaves_the_generator_alike() {
        // Large n reject often (up to about half the draws just past 2^63).
        for n in [1, 2, 6, 16_384, 1 << 40, (1 << 63) + 1, u64::MAX - 2, u64::MAX] {
            let (mut a, mut b) = (SimRng::seed_from_u64(n), SimRng::seed_from_u64(n));
            for i in 0..2_000 {
                assert_eq!(a.below(n), below_with_threshold_first(&mut b, n), "n {n}, draw {i}");
            }
            assert_eq!(a.next_u64(), b.next_u64(), "n {n}: as many draws taken");
        }
    }
}
