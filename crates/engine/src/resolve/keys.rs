//! Names as keys of the resolver's maps: compared and hashed as their
//! lowercase, eight bytes at a time, without a lowercased copy.
//!
//! Every speaker mention is looked up by name several times (its full
//! name, its last word, its role's last words), so the keys are built to
//! be cheap: a name is lowercased while it is hashed and compared, a word
//! (eight bytes) at a time: [`NameKey`] borrows the text
//! for ASCII names, [`WordHasher`] mixes a word per step, and
//! [`ascii_lowercase_word`] lowercases eight ASCII letters in a few
//! instructions. The tests pin the one property the maps rely on: two keys
//! are equal, and hash alike, exactly when [`lowercase`] gives one
//! string.
//!
//! [`lowercase`]: crate::lexicon::case::lowercase

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// Names are short strings hashed per document: a word-at-a-time hash
/// ([`WordHasher`]) beats SipHash and FNV here.
pub(super) type Map<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// A name as a key of the entity map: two keys are equal when
/// [`lowercase`] gives the same string for both. ASCII names (nearly all)
/// stay borrowed from the text and are lowercased eight bytes at a time as
/// they are hashed and compared, so a lookup allocates nothing; other names
/// keep their lowercased copy, which has no ASCII capital left, so the same
/// ASCII lowercasing leaves it as it is and the two kinds compare alike.
///
/// [`lowercase`]: crate::lexicon::case::lowercase
pub(super) struct NameKey<'t>(Cow<'t, str>);

impl<'t> NameKey<'t> {
    /// The key of `name`, borrowed when it is ASCII.
    pub(super) fn new(name: &'t str) -> NameKey<'t> {
        if name.is_ascii() {
            NameKey(Cow::Borrowed(name))
        } else {
            NameKey(Cow::Owned(name.to_lowercase()))
        }
    }

    /// The key of a string [`lowercase`](crate::lexicon::case::lowercase)
    /// already gave.
    pub(super) fn lowered(lower: &'t str) -> NameKey<'t> {
        NameKey(Cow::Borrowed(lower))
    }
}

impl PartialEq for NameKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        // A name is mostly met again spelt the same way.
        let same = |x: u64, y: u64| x == y || ascii_lowercase_word(x) == ascii_lowercase_word(y);
        a.len() == b.len() && all_word_pairs(a, b, same)
    }
}

impl Eq for NameKey<'_> {}

impl Hash for NameKey<'_> {
    /// The lowercased words, so equal keys hash alike.
    fn hash<H: Hasher>(&self, state: &mut H) {
        let bytes = self.0.as_bytes();
        for_each_word(bytes, |w| state.write_u64(ascii_lowercase_word(w)));
        state.write_usize(bytes.len());
    }
}

/// Calls `f` with the bytes of `s` as little-endian words: eight at a
/// time, the last word overlapping the one before when the length is not
/// a multiple of eight, and a string shorter than eight bytes as one word
/// padded with zeros. Names are read a word at a time for hashing and
/// comparing, without copying a tail into a buffer (a call to `memcpy`
/// cost more than the comparison).
fn for_each_word(s: &[u8], mut f: impl FnMut(u64)) {
    all_word_pairs(s, s, |w, _| {
        f(w);
        true
    });
}

/// Whether `f` holds for every pair of words of `a` and `b`, two strings of
/// the same length read as [`for_each_word`] reads one, stopping at the
/// first pair it does not hold for.
fn all_word_pairs(a: &[u8], b: &[u8], mut f: impl FnMut(u64, u64) -> bool) -> bool {
    let n = a.len();
    debug_assert_eq!(n, b.len());
    if n < 8 {
        return f(load_short(a), load_short(b));
    }
    let mut at = 0;
    while at + 8 < n {
        if !f(load_word(a, at), load_word(b, at)) {
            return false;
        }
        at += 8;
    }
    f(load_word(a, n - 8), load_word(b, n - 8))
}

/// The eight bytes of `s` from `at`.
fn load_word(s: &[u8], at: usize) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(&s[at..at + 8]);
    u64::from_le_bytes(word)
}

/// The bytes of `s`, shorter than eight, as a word padded with zeros:
/// two overlapping loads of half the size, whose shared bytes agree.
fn load_short(s: &[u8]) -> u64 {
    let n = s.len();
    let pair = |lo: u64, hi: u64, size: usize| lo | (hi << (8 * (n - size)));
    if n >= 4 {
        let half =
            |at: usize| u64::from(u32::from_le_bytes([s[at], s[at + 1], s[at + 2], s[at + 3]]));
        pair(half(0), half(n - 4), 4)
    } else if n >= 2 {
        let half = |at: usize| u64::from(u16::from_le_bytes([s[at], s[at + 1]]));
        pair(half(0), half(n - 2), 2)
    } else {
        s.first().map_or(0, |&b| u64::from(b))
    }
}

/// The eight bytes of `w` with each ASCII capital lowercased; every other
/// byte (digits, punctuation, UTF-8 sequences) unchanged. Comparing and
/// hashing names a word at a time costs a fraction of doing it byte by
/// byte.
fn ascii_lowercase_word(w: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let seven = w & !HIGH;
    // Bit 7 of each byte: set where the byte is at least 'A', and where it
    // is past 'Z' (no carry crosses bytes: both sums stay below 0x100).
    let from_a = seven.wrapping_add(0x3f3f_3f3f_3f3f_3f3f);
    let past_z = seven.wrapping_add(0x2525_2525_2525_2525);
    let capital = from_a & !past_z & !w & HIGH;
    // 0x80 >> 2 is 0x20, the bit that lowercases an ASCII capital.
    w | (capital >> 2)
}

/// A multiply-rotate hasher that takes eight bytes a step: the stage's
/// maps are keyed by names, and FNV's byte-at-a-time multiply chain was
/// most of their lookup cost. Keys come from one document and the maps are
/// only looked up, never iterated, so neither flooding nor order matters.
#[derive(Default)]
pub(super) struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        // The multiply leaves the low bits, which pick the bucket, with
        // the least mixing: rotate the well-mixed high bits down.
        self.0.rotate_left(26)
    }

    fn write(&mut self, bytes: &[u8]) {
        for_each_word(bytes, |w| self.add(w));
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_u64(&mut self, word: u64) {
        self.add(word);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::case::lowercase;
    use std::hash::BuildHasher;

    fn hash(key: &NameKey) -> u64 {
        BuildHasherDefault::<WordHasher>::default().hash_one(key)
    }

    /// Name keys are equal, and hash alike, exactly when `lowercase` gives
    /// the same string, at every length around the word size.
    #[test]
    fn name_keys_compare_as_their_lowercase() {
        let names = [
            "",
            "A",
            "Ab",
            "ab",
            "aB",
            "Abc",
            "Putin",
            "PUTIN",
            "Zelensky",
            "ZELENSKy",
            "Zelenskyy",
            "Ministry of Defence",
            "ministry of defence",
            "Ministry of Defense",
            "Łukasz Kowalski",
            "łukasz kowalski",
            "Ølaf",
            "ØLAF",
            "[@]`{",
            "[@]`{ ",
        ];
        for a in names {
            for b in names {
                let (ka, kb) = (NameKey::new(a), NameKey::new(b));
                let same = lowercase(a) == lowercase(b);
                assert_eq!(ka == kb, same, "{a:?} vs {b:?}");
                if same {
                    assert_eq!(hash(&ka), hash(&kb), "{a:?} vs {b:?}");
                }
            }
        }
    }

    #[test]
    fn short_strings_load_as_padded_words() {
        let s = b"abcdefg";
        for n in 0..8 {
            let mut word = [0; 8];
            word[..n].copy_from_slice(&s[..n]);
            assert_eq!(load_short(&s[..n]), u64::from_le_bytes(word));
        }
    }
}
