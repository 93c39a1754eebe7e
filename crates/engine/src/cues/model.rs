//! Stage 3b: learned cues — an averaged perceptron that marks reporting and
//! attitude verbs the cue lexicon does not list.
//!
//! News attributes far more than speech: "the campaign touted his
//! endorsement", "voters favored Clinton", "the report estimates …". The
//! verbs form a long tail no hand-written list covers, and many of them are
//! also nouns or plain actions ("won", "plans"). A linear model over the
//! word and its immediate context (its suffix, the neighbouring words and
//! their classes, whether a complementiser or a quotation follows) decides
//! which tokens are cues; the attribution stage then treats them like a
//! lexicon cue of no known lemma (a frame needs a speaker and content
//! after the verb, never content before it without a quotation).
//!
//! The weights are trained by `cargo run --release --example train_model -- cue`
//! on annotated articles outside the repository and shipped as a small
//! binary table of (feature hash, weight) pairs in `cue_model.bin`; no
//! training text is stored. Scoring is a fixed number of hash lookups per
//! candidate token, so the stage stays linear.

use std::sync::OnceLock;

use crate::cues::Lemma;
use crate::lexicon::Class;
use crate::text::{TokKind, Token};

/// The lemma given to learned cues: none is known.
pub(crate) const LEARNED: &str = "";

/// How many features one token has.
pub const N_FEATURES: usize = 18;

/// The shipped weights: `ATTRCUE1`, then little-endian (u64 hash, f32
/// weight) pairs.
static MODEL_BYTES: &[u8] = include_bytes!("cue_model.bin");
const MAGIC: &[u8; 8] = b"ATTRCUE1";

/// The weight table: open addressing over a power-of-two array of
/// (fingerprint, weight) slots, 8 bytes each, so that the whole model sits
/// in a few hundred kilobytes of cache and a lookup touches one line. The
/// slot comes from a feature hash's low bits, the fingerprint from its high
/// bits (never 0, which marks an empty slot).
pub(crate) struct Weights {
    slots: Vec<(u32, f32)>,
    mask: usize,
    /// Weights stored (an empty model marks no cue and is skipped whole).
    len: usize,
}

impl Weights {
    fn with_pairs(pairs: impl ExactSizeIterator<Item = (u64, f32)>) -> Weights {
        let capacity = (pairs.len() * 2).next_power_of_two().max(16);
        let mut w = Weights {
            slots: vec![(0, 0.0); capacity],
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

    pub(crate) fn get(&self, h: u64) -> f32 {
        let fp = fingerprint(h);
        let mut i = h as usize & self.mask;
        loop {
            let (k, v) = self.slots[i];
            if k == fp {
                return v;
            }
            if k == 0 {
                return 0.0;
            }
            i = (i + 1) & self.mask;
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }
}

fn fingerprint(h: u64) -> u32 {
    ((h >> 32) as u32) | 1
}

fn weights() -> &'static Weights {
    static W: OnceLock<Weights> = OnceLock::new();
    W.get_or_init(|| parse_weights(MODEL_BYTES))
}

/// Reads the weight table; a malformed table gives an empty model (no
/// learned cues) rather than a panic.
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

/// Serialises weights in the format [`parse_weights`] reads (for training).
pub fn encode_weights(pairs: &[(u64, f32)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + pairs.len() * 12);
    out.extend_from_slice(MAGIC);
    for (h, v) in pairs {
        out.extend_from_slice(&h.to_le_bytes());
        out.extend_from_slice(&v.to_le_bytes());
    }
    out
}

/// Whether token `i` may be a learned cue: a lower-case word outside every
/// lexicon class and outside quotation marks.
pub(crate) fn is_candidate(tokens: &[Token], i: usize) -> bool {
    tokens[i].is_plain_word() && i > 0 && may_precede_cue(&tokens[i - 1], &tokens[i])
}

/// A frame needs a speaker (or an auxiliary, or a quotation) right before
/// its cue: after a determiner, preposition or conjunction the word is a
/// noun or an adjunct's verb, and is not worth scoring.
fn may_precede_cue(prev: &Token, t: &Token) -> bool {
    prev.para == t.para
        && match prev.kind {
            TokKind::Word => !matches!(
                prev.class,
                Class::Det | Class::Prep | Class::Conj | Class::That
            ),
            TokKind::Number | TokKind::QuoteMark => true,
            TokKind::Punct => false,
        }
}

/// The cue model's place in a token list that is read a window at a time.
///
/// Token `i`'s features read tokens `i - 2 ..= i + 3` (and whether `i + 1`
/// exists), so it is decided once the tokens up to `i + 3` are final. The
/// model was trained on neighbours as the lexicon classed them, not on
/// earlier decisions, and a token's cue is read by the decisions of
/// `i - 2 ..= i + 2`: a chosen token is marked only once those are made.
#[derive(Default)]
pub(crate) struct Marker {
    /// The next token to decide.
    next: usize,
    /// Decided cues not marked yet, in token order.
    chosen: Vec<usize>,
    /// How many of `chosen` are marked.
    marked: usize,
}

impl Marker {
    /// Decides every token whose neighbours are final: all of them once
    /// the token list is `complete`, otherwise those with three tokens
    /// after them.
    pub(crate) fn decide(&mut self, text: &str, tokens: &[Token], complete: bool) {
        let upto = if complete {
            tokens.len()
        } else {
            tokens.len().saturating_sub(3)
        };
        let w = weights();
        let from = self.next.max(1);
        self.next = self.next.max(upto);
        if w.is_empty() || from >= upto {
            return;
        }
        // A plain loop over (previous, token) pairs: one token in twenty is
        // a candidate, so the test that rules the others out is most of the
        // stage's per-token cost.
        let mut feats = [0u64; N_FEATURES];
        for (k, pair) in tokens[from - 1..upto].windows(2).enumerate() {
            let (prev, t) = (&pair[0], &pair[1]);
            if !(t.is_plain_word() && may_precede_cue(prev, t)) {
                continue;
            }
            let i = from + k;
            features(text, tokens, i, &mut feats);
            if feats.iter().map(|&f| w.get(f)).sum::<f32>() > 0.0 {
                self.chosen.push(i);
            }
        }
    }

    /// Marks the chosen tokens no decision still to come reads, and returns
    /// the first token whose cue is not final yet (the list's length once
    /// it is `complete` and decided).
    pub(crate) fn mark(&mut self, tokens: &mut [Token], complete: bool) -> usize {
        let limit = if complete {
            tokens.len()
        } else {
            self.next.saturating_sub(2)
        };
        while let Some(&i) = self.chosen.get(self.marked)
            && i < limit
        {
            tokens[i].cue = Some(Lemma::LEARNED);
            self.marked += 1;
        }
        if self.marked == self.chosen.len() {
            self.chosen.clear();
            self.marked = 0;
        }
        limit
    }
}

/// The feature every token has (its weight is the model's bias).
pub fn bias_feature() -> u64 {
    combine(0, 0, 0)
}

/// The feature hashes of token `i` into `out`.
pub(crate) fn features(text: &str, tokens: &[Token], i: usize, out: &mut [u64; N_FEATURES]) {
    let bytes = tokens[i].bytes(text);
    let w = hash_lower(bytes);
    let s3 = hash_lower(&bytes[bytes.len().saturating_sub(3)..]);
    let s2 = hash_lower(&bytes[bytes.len().saturating_sub(2)..]);
    let p1 = i
        .checked_sub(1)
        .map_or(START, |p| shape(text, tokens, p, i));
    let p2 = i
        .checked_sub(2)
        .map_or(START, |p| shape(text, tokens, p, i));
    let n1 = if i + 1 < tokens.len() {
        shape(text, tokens, i + 1, i)
    } else {
        END
    };
    let nc = class_id(tokens, i + 1, i);
    let n2c = class_id(tokens, i + 2, i);
    let pc = i.checked_sub(1).map_or(0, |p| class_id(tokens, p, i));
    let p2c = i.checked_sub(2).map_or(0, |p| class_id(tokens, p, i));
    // A complementiser, colon or quotation close ahead marks a frame.
    let ca = u64::from((i + 1..(i + 4).min(tokens.len())).any(|k| {
        let t = &tokens[k];
        t.class == Class::That
            || t.kind == TokKind::QuoteMark
            || (t.kind == TokKind::Punct && t.bytes(text) == b":")
    }));
    // Each piece is hashed once; a feature combines its template number
    // with one or two piece hashes. Written in place: building the array
    // and copying it over `out` cost as much as a few features.
    out[0] = bias_feature();
    out[1] = combine(1, w, 0);
    out[2] = combine(2, s3, 0);
    out[3] = combine(3, s2, 0);
    out[4] = combine(4, p1, 0);
    out[5] = combine(5, n1, 0);
    out[6] = combine(6, w, n1);
    out[7] = combine(7, p1, w);
    out[8] = combine(8, pc, 0);
    out[9] = combine(9, nc, 0);
    out[10] = combine(10, nc, n2c);
    out[11] = combine(11, pc, s3);
    out[12] = combine(12, s3, nc);
    out[13] = combine(13, p2, 0);
    out[14] = combine(14, w, nc);
    out[15] = combine(15, pc, nc);
    out[16] = combine(16, p2c, pc);
    out[17] = combine(17, ca, s2);
}

/// Piece hashes of the positions outside a paragraph and of word shapes
/// that stand for a whole class.
const START: u64 = 1;
pub(crate) const END: u64 = 2;
const OTHER_PARAGRAPH: u64 = 3;
const NUMBER: u64 = 4;
const QUOTE_MARK: u64 = 5;
const NAME: u64 = 6;

/// A context word as the model sees it: the lower-cased word, or one
/// value for every name, number or quotation mark.
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

/// The lexicon class of token `k` as a feature value (a small number; it
/// is mixed into the feature hash as it is).
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
    match t.class {
        Class::Pronoun(_) => 7,
        Class::Det => 8,
        Class::Prep => 9,
        Class::Conj => 10,
        Class::That => 11,
        Class::Aux => 12,
        Class::Adverb => 13,
        Class::Weekday | Class::Month | Class::TimeWord => 14,
        Class::Title | Class::Descriptor | Class::RoleMod | Class::OrgWord => 15,
        Class::Other if t.cap => 16,
        Class::Other => PLAIN_WORD,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_round_trip_through_the_table_format() {
        let pairs = [(7u64, 0.5f32), (u64::MAX, -1.25)];
        let w = parse_weights(&encode_weights(&pairs));
        assert_eq!(w.get(7), 0.5);
        assert_eq!(w.get(u64::MAX), -1.25);
        assert_eq!(w.get(8), 0.0, "an absent feature weighs nothing");
    }

    #[test]
    fn a_table_without_the_magic_gives_an_empty_model() {
        assert!(parse_weights(b"garbage").is_empty());
    }

    #[test]
    fn features_differ_with_the_context() {
        let text = "Voters favored the plan. The favored plan won.";
        let (tokens, _) = crate::text::tokenize(text);
        let mut a = [0u64; N_FEATURES];
        let mut b = [0u64; N_FEATURES];
        features(text, &tokens, 1, &mut a);
        features(text, &tokens, 6, &mut b);
        assert_eq!(a[1], b[1], "same word");
        assert_ne!(a[4], b[4], "different previous word");
    }
}
