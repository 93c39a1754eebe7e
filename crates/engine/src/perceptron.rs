//! The averaged perceptron's run-time half, shared by every learned model
//! of the engine: hashed features in, a score out, a yes/no decision.
//!
//! The engine's learned decisions (is this word a reporting verb the cue
//! lexicon lacks, `cues::model`; does a reported clause end before this
//! token, `attribution::boundary`) are linear models over a fixed number
//! of features a token. A feature is never a string at run time: each
//! piece of context (a lower-cased word, a suffix, a class number) is
//! hashed once with [`hash_lower`], and a feature is its template number
//! and one or two piece hashes mixed by [`combine`]. Scoring is then one
//! table lookup per feature, so a model costs the same on every token and
//! every stage that uses one stays linear in the text.
//!
//! A model is shipped as a binary file next to the code that reads it (the
//! [`MAGIC`] then little-endian `(u64 feature hash, f32 weight)` pairs,
//! written by [`encode_weights`]; `examples/train_model/` trains on
//! annotated articles outside the repository, so no training text is
//! stored). The averaging and the decision threshold are folded into the
//! weights at training time (the threshold into the weight of
//! [`bias_feature`], which every example has), so deciding is "the sum of
//! the weights is above zero" and nothing else.
//!
//! Tokens are read through [`shape`] and [`class_id`], the context pieces
//! both models learned from: a new model over tokens can read the same
//! pieces and only add its own templates.

use std::sync::OnceLock;

use crate::lexicon::Class;
use crate::text::{TokKind, Token};

/// The first bytes of a model file (both shipped models share the format).
const MAGIC: &[u8; 8] = b"ATTRCUE1";

/// A model file compiled into the engine, parsed on first use.
pub(crate) struct Shipped {
    bytes: &'static [u8],
    weights: OnceLock<Weights>,
}

impl Shipped {
    /// The model in `bytes` (an `include_bytes!` of its file).
    pub(crate) const fn new(bytes: &'static [u8]) -> Shipped {
        Shipped {
            bytes,
            weights: OnceLock::new(),
        }
    }

    /// The weights, parsed the first time they are asked for.
    pub(crate) fn weights(&self) -> &Weights {
        self.weights.get_or_init(|| parse_weights(self.bytes))
    }
}

/// A table of values by feature hash: open addressing over a power-of-two
/// array of (fingerprint, value) slots, so that a whole model sits in a
/// few hundred kilobytes of cache and a lookup touches one line. The slot
/// comes from a feature hash's low bits, the fingerprint from its high
/// bits (never 0, which marks an empty slot). The perceptrons keep one
/// weight a feature (8-byte slots); the content labeller keeps a row of
/// one weight a label (`labeller::crf`).
pub(crate) struct Table<V> {
    slots: Vec<(u32, V)>,
    mask: usize,
    /// Values stored (an empty model decides "no" everywhere and is
    /// skipped whole).
    len: usize,
}

/// The perceptrons' weight table.
pub(crate) type Weights = Table<f32>;

impl<V: Copy + Default> Table<V> {
    pub(crate) fn with_pairs(pairs: impl ExactSizeIterator<Item = (u64, V)>) -> Table<V> {
        let capacity = (pairs.len() * 2).next_power_of_two().max(16);
        let mut w = Table {
            slots: vec![(0, V::default()); capacity],
            mask: capacity - 1,
            len: 0,
        };
        for (h, v) in pairs {
            let mut i = h as usize & w.mask;
            while w.slots[i].0 != 0 && w.slots[i].0 != fingerprint(h) {
                i = (i + 1) & w.mask;
            }
            if w.slots[i].0 == 0 {
                w.len += 1;
            }
            w.slots[i] = (fingerprint(h), v);
        }
        w
    }

    /// The value of feature `h` (the default, zero, for a feature the
    /// model never saw).
    pub(crate) fn get(&self, h: u64) -> V {
        let fp = fingerprint(h);
        let mut i = h as usize & self.mask;
        loop {
            let (k, v) = self.slots[i];
            if k == fp {
                return v;
            }
            if k == 0 {
                return V::default();
            }
            i = (i + 1) & self.mask;
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl Table<f32> {
    /// The model's score of one example: the sum of its features' weights.
    pub(crate) fn score(&self, features: &[u64]) -> f32 {
        features.iter().map(|&f| self.get(f)).sum::<f32>()
    }

    /// The binary decision: the score is above zero.
    pub(crate) fn decides(&self, features: &[u64]) -> bool {
        self.score(features) > 0.0
    }
}

/// A feature hash's fingerprint in its slot: the high half, never 0.
fn fingerprint(h: u64) -> u32 {
    ((h >> 32) as u32) | 1
}

/// Reads a model file; a malformed one gives an empty model (which decides
/// "no" everywhere) rather than a panic.
pub(crate) fn parse_weights(bytes: &[u8]) -> Weights {
    let body = bytes.strip_prefix(MAGIC.as_slice()).unwrap_or_default();
    let pairs = body.chunks_exact(12).map(|pair| {
        let (h, v) = pair.split_at(8);
        (
            u64::from_le_bytes(h.try_into().unwrap_or_default()),
            f32::from_le_bytes(v.try_into().unwrap_or_default()),
        )
    });
    Weights::with_pairs(pairs)
}

/// Serialises weights in the model file format (for training).
pub fn encode_weights(pairs: &[(u64, f32)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + pairs.len() * 12);
    out.extend_from_slice(MAGIC);
    for (h, v) in pairs {
        out.extend_from_slice(&h.to_le_bytes());
        out.extend_from_slice(&v.to_le_bytes());
    }
    out
}

/// The feature every example has (its weight is the model's bias).
pub fn bias_feature() -> u64 {
    combine(0, 0, 0)
}

/// FNV-1a of a piece of text, ASCII letters lower-cased on the fly (no
/// copy, no UTF-8 check: the hash only has to be stable).
pub(crate) fn hash_lower(piece: &[u8]) -> u64 {
    piece.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One feature from its template number and up to two piece hashes, mixed
/// (splitmix64's finaliser) so that similar inputs spread over the table.
pub(crate) fn combine(template: u64, a: u64, b: u64) -> u64 {
    let mut z = template.wrapping_mul(0x9e37_79b9_7f4a_7c15)
        ^ a
        ^ b.rotate_left(29).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Piece hashes of the positions outside a paragraph and of word shapes
/// that stand for a whole class.
pub(crate) const START: u64 = 1;
pub(crate) const END: u64 = 2;
const OTHER_PARAGRAPH: u64 = 3;
const NUMBER: u64 = 4;
const QUOTE_MARK: u64 = 5;
const NAME: u64 = 6;

/// Context token `k` of token `i` as a model sees it: the lower-cased
/// word, or one value for every name, number or quotation mark.
pub(crate) fn shape(text: &str, tokens: &[Token], k: usize, i: usize) -> u64 {
    let t = &tokens[k];
    if t.para != tokens[i].para {
        return OTHER_PARAGRAPH;
    }
    match t.kind {
        TokKind::Number => NUMBER,
        TokKind::QuoteMark => QUOTE_MARK,
        TokKind::Word if t.cap && t.class == Class::Other => NAME,
        _ => hash_lower(t.bytes(text)),
    }
}

/// The class value of a lower-case word outside every lexicon class.
pub(crate) const PLAIN_WORD: u64 = 17;

/// The lexicon class of context token `k` of token `i` as a feature value
/// (a small number; it is mixed into the feature hash as it is).
pub(crate) fn class_id(tokens: &[Token], k: usize, i: usize) -> u64 {
    let Some(t) = tokens.get(k) else {
        return 1;
    };
    if t.para != tokens[i].para {
        return 2;
    }
    match t.kind {
        TokKind::Number => return 3,
        TokKind::QuoteMark => return 4,
        TokKind::Punct => return 5,
        TokKind::Word => {}
    }
    if t.cue.is_some() {
        return 6;
    }
    word_class_id(t.class, t.cap)
}

/// [`class_id`] of a word that is no cue.
fn word_class_id(class: Class, cap: bool) -> u64 {
    match class {
        Class::Pronoun(_) => 7,
        Class::Det => 8,
        Class::Prep => 9,
        Class::Conj => 10,
        Class::That => 11,
        Class::Aux => 12,
        Class::Adverb => 13,
        Class::Weekday | Class::Month | Class::TimeWord => 14,
        Class::Title | Class::Descriptor | Class::RoleMod | Class::OrgWord => 15,
        Class::Other if cap => 16,
        Class::Other => PLAIN_WORD,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_round_trip_through_the_file_format() {
        let pairs = [(7u64, 0.5f32), (u64::MAX, -1.25)];
        let w = parse_weights(&encode_weights(&pairs));
        assert_eq!(w.get(7), 0.5);
        assert_eq!(w.get(u64::MAX), -1.25);
        assert_eq!(w.get(8), 0.0, "an absent feature weighs nothing");
        assert_eq!(w.score(&[7, 8, u64::MAX]), -0.75);
        assert!(!w.decides(&[7, u64::MAX]));
        assert!(w.decides(&[7]));
    }

    #[test]
    fn a_file_without_the_magic_gives_an_empty_model() {
        assert!(parse_weights(b"garbage").is_empty());
    }
}
