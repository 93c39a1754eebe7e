//! The word table: class and cue lemma of every lexicon word, looked up
//! once per word of every document.
//!
//! A `HashMap<&str, _>` hashed each word byte by byte and compared keys
//! with `memcmp`. Here a word is packed into at most three `u64`s (its
//! bytes little-endian, zero-padded: words hold no NUL, so the padding also
//! encodes the length), lowercased eight bytes at a time, and those are
//! both the hash input and the key the table compares: a lookup is a
//! multiply, a shift and one or two integer comparisons. Words of at most
//! eight bytes (most lookups) have a second table of their own whose slots
//! hold the key in place.
//!
//! The table is built on first use from the classes (`classes/*.txt`,
//! compiled in as [`CLASS_TABLE`]) and the cue forms (`lemma::FORMS`,
//! from `cues/cues.toml`), in that order: a word in a class and among the
//! cue forms keeps its class and gets its lemma.

use std::sync::OnceLock;

use super::lemma::{FORMS, Lemma};
use super::{Class, Pron};

include!(concat!(env!("OUT_DIR"), "/classes.rs"));

/// The high bit of every byte of a `u64`.
pub(super) const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// A word of at most [`KEY_BYTES`] bytes, zero-padded to a key's length
/// (words hold no NUL, so the padding also encodes the length).
pub(super) fn padded(bytes: &[u8]) -> [u8; KEY_BYTES] {
    let mut window = [0u8; KEY_BYTES];
    window[..bytes.len()].copy_from_slice(bytes);
    window
}

/// The first `len` bytes of `window` (1 to [`KEY_BYTES`]) packed
/// little-endian into `u64`s, the bytes after them zero; not yet
/// lowercased. Only the `u64`s the word reaches are loaded, and only the
/// last of them is masked: most words fit in the first.
pub(super) fn load_key(window: &[u8; KEY_BYTES], len: usize) -> Key {
    let word = |k: usize| {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&window[8 * k..8 * k + 8]);
        u64::from_le_bytes(bytes)
    };
    // The first `valid` (1 to 8) bytes of a `u64`. Each case names its own
    // `u64`, so the key stays in registers (an indexed store would put it
    // on the stack).
    let head = |x: u64, valid: usize| x & (u64::MAX >> (64 - 8 * valid.clamp(1, 8)));
    if len <= 8 {
        [head(word(0), len), 0, 0]
    } else if len <= 16 {
        [word(0), head(word(1), len - 8), 0]
    } else {
        [word(0), word(1), head(word(2), len - 16)]
    }
}

/// A packed ASCII word, lowercased.
pub(super) fn lower_key(key: Key) -> Key {
    key.map(lower_ascii_word)
}

/// Lowercases the eight ASCII bytes of `x` at once: each byte in 'A'..='Z'
/// gets 0x20 added. No byte is above 0x7f, so the additions never carry
/// into the next byte.
pub(crate) fn lower_ascii_word(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let at_least_a = x.wrapping_add(ONES * (0x80 - u64::from(b'A')));
    let past_z = x.wrapping_add(ONES * (0x80 - u64::from(b'Z') - 1));
    let upper = at_least_a & !past_z & (ONES * 0x80);
    x | (upper >> 2)
}

/// The longest lexicon word, in bytes (checked when the table is built).
pub(super) const KEY_BYTES: usize = 24;

/// A word packed by [`load_key`].
pub(super) type Key = [u64; KEY_BYTES / 8];

/// A lexicon word with its class and cue lemma.
struct Entry {
    key: Key,
    class: Class,
    lemma: Option<Lemma>,
}

/// Class and cue lemma of every lexicon word: open addressing over a
/// power-of-two array of entry numbers, keyed by the packed word (a
/// `HashMap<&str, _>` hashed the word byte by byte and compared keys with
/// `memcmp`; two integer comparisons do here).
pub(crate) struct WordTable {
    /// Entry number + 1, 0 for an empty slot.
    slots: Vec<u16>,
    mask: usize,
    entries: Vec<Entry>,
    /// The entries of at most eight bytes (most lookups) again, in a table
    /// of their own whose slots hold them: a probe compares one `u64` in
    /// place instead of going through an entry number to a 24-byte key.
    short: Vec<ShortEntry>,
    short_mask: usize,
}

/// A lexicon word of at most eight bytes (key 0 marks an empty slot).
#[derive(Clone, Copy)]
struct ShortEntry {
    key: u64,
    class: Class,
    lemma: Option<Lemma>,
}

impl WordTable {
    fn build() -> WordTable {
        let words = CLASS_TABLE.iter().map(|(w, _)| w.len());
        let forms = FORMS.iter().map(|(_, f)| f.len());
        // At most a quarter full, so a miss usually ends at its first slot.
        let capacity = (words.chain(forms).sum::<usize>() * 4).next_power_of_two();
        let mut table = WordTable {
            slots: vec![0; capacity],
            mask: capacity - 1,
            entries: Vec::new(),
            short: Vec::new(),
            short_mask: 0,
        };
        for (words, class) in CLASS_TABLE {
            for w in *words {
                table.add(w, *class, None);
            }
        }
        for (entry, (_, forms)) in FORMS.iter().enumerate() {
            for f in *forms {
                table.add(f, Class::Other, Some(Lemma::of_entry(entry)));
            }
        }
        table.build_short();
        table
    }

    /// Copies the entries of at most eight bytes into [`WordTable::short`],
    /// at most a quarter full like the main table.
    fn build_short(&mut self) {
        let short = self
            .entries
            .iter()
            .filter(|e| e.key[1] == 0 && e.key[2] == 0);
        let capacity = (short.clone().count() * 4).next_power_of_two().max(16);
        let empty = ShortEntry {
            key: 0,
            class: Class::Other,
            lemma: None,
        };
        let mut slots = vec![empty; capacity];
        let mask = capacity - 1;
        for e in short {
            let mut i = slot_of(e.key) & mask;
            while slots[i].key != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = ShortEntry {
                key: e.key[0],
                class: e.class,
                lemma: e.lemma,
            };
        }
        self.short = slots;
        self.short_mask = mask;
    }

    /// [`WordTable::get`] for a packed lower-case word of at most eight
    /// bytes (`[word, 0, 0]` as a key).
    #[inline(always)]
    pub(super) fn get_short(&self, word: u64) -> (Class, Option<Lemma>) {
        let mut i = slot_of([word, 0, 0]) & self.short_mask;
        loop {
            let e = &self.short[i];
            if e.key == word {
                return (e.class, e.lemma);
            }
            if e.key == 0 {
                return (Class::Other, None);
            }
            i = (i + 1) & self.short_mask;
        }
    }

    /// Adds a word; a word already present keeps its class (the first
    /// class listed wins, as in a `match`) and its first cue lemma.
    fn add(&mut self, word: &'static str, class: Class, lemma: Option<Lemma>) {
        assert!(
            (1..=KEY_BYTES).contains(&word.len()),
            "lexicon words fit a key"
        );
        let key = lower_key(load_key(&padded(word.as_bytes()), word.len()));
        let mut i = slot_of(key) & self.mask;
        while let Some(n) = usize::from(self.slots[i]).checked_sub(1) {
            let e = &mut self.entries[n];
            if e.key == key {
                e.lemma = e.lemma.or(lemma);
                return;
            }
            i = (i + 1) & self.mask;
        }
        self.entries.push(Entry { key, class, lemma });
        self.slots[i] =
            u16::try_from(self.entries.len()).expect("the lexicon has fewer than 65,535 words");
    }

    /// Class and cue lemma of a packed lower-case word.
    #[inline(always)]
    pub(super) fn get(&self, key: Key) -> (Class, Option<Lemma>) {
        let mut i = slot_of(key) & self.mask;
        loop {
            let Some(n) = usize::from(self.slots[i]).checked_sub(1) else {
                return (Class::Other, None);
            };
            let e = &self.entries[n];
            if e.key == key {
                return (e.class, e.lemma);
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// The slot a key starts probing at: a multiply-xorshift mix of both
/// halves, so words sharing a prefix spread over the table.
#[inline(always)]
fn slot_of(key: Key) -> usize {
    let h = (key[0] ^ key[1].rotate_left(23) ^ key[2].rotate_left(41))
        .wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> 40) as usize
}

/// The lexicon table, built on first use. The tokenizer fetches it once
/// per call rather than once per word: the `OnceLock` check was about ten
/// instructions a word.
pub(crate) fn word_table() -> &'static WordTable {
    static TABLE: OnceLock<WordTable> = OnceLock::new();
    TABLE.get_or_init(WordTable::build)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lexicon_word_fits_a_key_in_lower_case() {
        let words = CLASS_TABLE.iter().flat_map(|(w, _)| w.iter());
        let forms = FORMS.iter().flat_map(|(_, f)| f.iter());
        for w in words.chain(forms) {
            assert!(w.len() <= KEY_BYTES, "{w} is longer than a key");
            assert!(
                w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()),
                "{w} must be lower-case ASCII: words are looked up lowercased"
            );
        }
    }

    #[test]
    fn the_short_table_agrees_with_the_main_table() {
        let table = word_table();
        for e in table
            .entries
            .iter()
            .filter(|e| e.key[1] == 0 && e.key[2] == 0)
        {
            assert_eq!(table.get_short(e.key[0]), table.get(e.key));
        }
        for word in ["said", "xyzzy", "official", "quarter"] {
            let key = lower_key(load_key(&padded(word.as_bytes()), word.len()));
            if word.len() <= 8 {
                assert_eq!(table.get_short(key[0]), table.get(key), "{word}");
            }
        }
    }

    #[test]
    fn packed_lowercasing_agrees_with_ascii_lowercasing() {
        let all: Vec<u8> = (1..0x80).collect();
        for chunk in all.chunks(8) {
            let mut a = [0u8; 8];
            a[..chunk.len()].copy_from_slice(chunk);
            let lowered = lower_ascii_word(u64::from_le_bytes(a)).to_le_bytes();
            assert_eq!(lowered, a.map(|b| b.to_ascii_lowercase()));
        }
    }
}
