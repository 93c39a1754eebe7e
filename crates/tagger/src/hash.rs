//! Fast, deterministic 64-bit hashing for features.
//!
//! Features are never stored as strings: every feature is a `u64` made by
//! hashing a template number together with precomputed hashes of the words,
//! affixes and tags it combines. The hash must be the same on every machine
//! and in every run (the trained weights are indexed by it), so it is written
//! out here rather than taken from `std::hash`, whose `RandomState` is seeded
//! per process and whose `DefaultHasher` algorithm may change between Rust
//! releases.
//!
//! The mixer is the SplitMix64 finaliser, which spreads every input bit over
//! the whole word; strings are folded in one `char` at a time so that callers
//! can hash a normalised view of a word without building it in memory.

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64 finaliser: a bijective, well-avalanching mix of one word.
#[inline]
pub const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Incremental string hasher: feed `char`s, then [`StrHasher::finish`].
#[derive(Debug, Clone, Copy)]
pub struct StrHasher(u64);

impl Default for StrHasher {
    fn default() -> Self {
        Self::new()
    }
}

impl StrHasher {
    /// A hasher in its initial state.
    #[inline]
    pub const fn new() -> Self {
        StrHasher(0x243F_6A88_85A3_08D3)
    }
    /// Folds one character in.
    #[inline]
    pub fn push(&mut self, c: char) {
        self.0 = (self.0 ^ c as u64).wrapping_mul(K).rotate_left(23);
    }
    /// The hash of everything pushed so far (the hasher can keep going).
    #[inline]
    pub fn finish(&self) -> u64 {
        mix(self.0)
    }
}

/// Hash of a whole string.
pub fn hash_str(s: &str) -> u64 {
    let mut h = StrHasher::new();
    for c in s.chars() {
        h.push(c);
    }
    h.finish()
}

/// Feature hash of a template number and one value.
#[inline]
pub fn feat1(template: u32, a: u64) -> u64 {
    mix(a ^ (u64::from(template) + 1).wrapping_mul(K))
}

/// Feature hash of a template number and two values (order matters).
#[inline]
pub fn feat2(template: u32, a: u64, b: u64) -> u64 {
    mix(feat1(template, a) ^ b.rotate_left(29))
}
