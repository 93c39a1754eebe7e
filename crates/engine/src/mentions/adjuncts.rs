//! What stands between a speaker and the cue after it without being part
//! of either: adverbs, auxiliaries, time phrases and a short parenthesis
//! ("Peskov on Wednesday dismissed", "Russia has repeatedly stated", "Sen.
//! Bernie Sanders (I-Vt.) said", "was quoted as saying").
//!
//! The attribution stage skips these leftwards from a cue before it asks
//! for the phrase that ends there, so the speaker rules never see them.

use super::View;
use crate::lexicon::{Class, words};
use crate::text::{Punct, TokKind};

/// At most this many adjuncts are skipped before a cue.
const MAX_ADJUNCTS: usize = 8;

/// A parenthesis skipped before a cue closes within this many tokens.
const MAX_PARENTHESIS: isize = 5;

impl View<'_> {
    /// Skips adverbs, auxiliaries and time adjuncts leftwards from `i`
    /// ("Peskov on Wednesday dismissed", "Russia has repeatedly stated",
    /// "was quoted as saying"); returns the new index (may be `< lo`).
    pub(crate) fn skip_adjuncts_left(&self, mut i: isize, lo: usize) -> isize {
        let lo = lo as isize;
        let mut steps = 0;
        while i >= lo && steps < MAX_ADJUNCTS {
            if let Some(open) = self.short_parenthesis_left(i, lo) {
                i = open - 1;
                steps += 1;
                continue;
            }
            let t = &self.tokens[i as usize];
            if !self.is_adjunct(i as usize, i == lo, steps > 0) || t.in_quote.is_some() {
                break;
            }
            i -= 1;
            steps += 1;
        }
        i
    }

    /// "Sen. Bernie Sanders (I-Vt.) said": where the short parenthesis that
    /// token `i` closes opens, not before `lo`.
    fn short_parenthesis_left(&self, i: isize, lo: isize) -> Option<isize> {
        if self.tokens[i as usize].punct() != Some(Punct::CloseParen) {
            return None;
        }
        (lo.max(i - MAX_PARENTHESIS)..i)
            .rev()
            .find(|&k| self.s(k as usize) == "(")
    }

    /// Token `k` is an adjunct to skip before a cue: an adverb or auxiliary
    /// (a capitalised one only at the clause start `at_lo`), a time word or
    /// a number, or once past the first adjunct (`skipped`) a word of
    /// `cue-adjunct-words.txt` ("quoted as", "on", "late").
    fn is_adjunct(&self, k: usize, at_lo: bool, skipped: bool) -> bool {
        let t = &self.tokens[k];
        match t.class {
            Class::Aux | Class::Adverb => !t.cap || at_lo,
            Class::Weekday | Class::TimeWord => true,
            Class::Month => true,
            _ => t.kind == TokKind::Number || (words::is_cue_adjunct_words(self.s(k)) && skipped),
        }
    }
}
