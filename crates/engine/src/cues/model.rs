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
//! on annotated articles outside the repository and shipped in
//! `cue_model.bin` in the format of [`crate::perceptron`], which also
//! scores them; no training text is stored. Scoring is a fixed number of
//! hash lookups per candidate token, so the stage stays linear.

use crate::cues::Lemma;
use crate::lexicon::Class;
use crate::perceptron::{END, START, Shipped, bias_feature, class_id, combine, hash_lower, shape};
use crate::text::{TokKind, Token};

/// How many features one token has.
pub const N_FEATURES: usize = 18;

/// The shipped weights (see [`crate::perceptron`] for the format).
static MODEL: Shipped = Shipped::new(include_bytes!(concat!(env!("OUT_DIR"), "/cue_model.bin")));

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
        let w = MODEL.weights();
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
            if w.decides(&feats) {
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
        t.class == Class::That || t.kind == TokKind::QuoteMark || t.is_colon()
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

#[cfg(test)]
mod tests {
    use super::*;

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
