//! The subject of a sentence, for attributions whose cue does not sit next
//! to its speaker ("On Tuesday, the ministry, in a statement, said …").
//!
//! The subject is the first speaker phrase after what commonly opens a news
//! sentence before it: a dateline ("KYIV —"), connectives and adverbs
//! ("But", "Meanwhile"), and an introductory phrase up to its comma ("On
//! Tuesday,", "Here in Columbia,", "Speaking to reporters,"). A headline
//! in capitals has no subject to offer.

use super::{Mention, View, is_upper_word};
use crate::lexicon::Class;
use crate::text::TokKind;

/// The most introductory phrases read past before a subject.
const MAX_INTROS: usize = 2;

impl View<'_> {
    /// The subject of the sentence `[s, e)`: the first phrase after leading
    /// connectives and an introductory adverbial ("On Tuesday, …").
    pub(crate) fn subject(&self, s: usize, e: usize) -> Option<Mention> {
        let mut i = self.past_dateline(s, e);
        while i < e && (self.is_connective(i) || self.tokens[i].kind == TokKind::QuoteMark) {
            i += 1;
        }
        // A headline in capitals has no subject to offer.
        if i + 1 < e && is_upper_word(self.s(i)) && is_upper_word(self.s(i + 1)) {
            return None;
        }
        // An introductory phrase ("On Tuesday,", "Here in Columbia,",
        // "Earlier this week,") ends at the first comma, or after the state
        // a place's comma sets off ("Speaking in Elm Park, Oregon,"); a
        // second may follow ("On Tuesday in Elm Park, Oregon, after the
        // vote, …").
        for n in 0..MAX_INTROS {
            let intro = if n == 0 {
                self.opens_with_intro(i, e)
            } else {
                i < e && self.opens_with_adjunct(i)
            };
            if !intro {
                break;
            }
            let lim = (i + 14).min(e);
            let comma = (i..lim).find(|&k| self.tokens[k].is_comma())?;
            i = match self.state_after_place(comma, e) {
                Some(end) if end < e && self.tokens[end].is_comma() => end + 1,
                _ => comma + 1,
            };
        }
        self.np_right(i, e)
    }

    /// Whether token `t` is a connective that may open a clause before its
    /// subject ("But", "And yet", "However", "Meanwhile"): a conjunction or
    /// an adverb of the lexicon.
    pub(crate) fn is_connective(&self, t: usize) -> bool {
        matches!(self.tokens[t].class, Class::Conj | Class::Adverb)
    }

    /// Whether the words of `[lo, k)` are one or more connectives, with
    /// only punctuation between them ("But", "And yet,", "However,").
    pub(crate) fn only_connectives(&self, lo: usize, k: usize) -> bool {
        let mut words = (lo..k).filter(|&t| self.is_word_token(t)).peekable();
        words.peek().is_some() && words.all(|t| self.is_connective(t))
    }

    /// Whether token `t` is a word or a number (no punctuation or
    /// quotation mark): what counts when a rule counts the words of a
    /// stretch.
    pub(crate) fn is_word_token(&self, t: usize) -> bool {
        matches!(self.tokens[t].kind, TokKind::Word | TokKind::Number)
    }

    /// Whether the quotation mark at `k` is the apostrophe of a plural
    /// possessive ("the Growers’ Union", "voters' mood"): a single mark
    /// right after a word ending in "s", with a word after it.
    pub(crate) fn is_plural_possessive_mark(&self, k: usize) -> bool {
        let t = &self.tokens[k];
        let glued = k > 0 && self.tokens[k - 1].span().end == t.span().start;
        t.kind == TokKind::QuoteMark
            && matches!(self.s(k), "’" | "'")
            && glued
            && self.tokens[k - 1].kind == TokKind::Word
            && self.s(k - 1).ends_with(['s', 'S'])
            && self
                .tokens
                .get(k + 1)
                .is_some_and(|n| n.kind == TokKind::Word)
    }

    /// The token after a dateline ("KYIV —") at the start `s` of the
    /// sentence `[s, e)`, or `s` when there is none.
    fn past_dateline(&self, s: usize, e: usize) -> usize {
        let mut d = s;
        while d < e && d - s < 4 && is_upper_word(self.s(d)) {
            d += 1;
        }
        if d > s && d < e && self.is_dash(d) {
            d + 1
        } else {
            s
        }
    }

    /// The sentence `[.., e)` goes on at token `i` with an introductory
    /// phrase: a preposition or time word, a capitalised "-ing" form, or
    /// anything but a speaker phrase that a comma ends at once (where
    /// "Sanders, who …" is a subject with its relative clause and "Smith,
    /// however, said" one with an aside).
    fn opens_with_intro(&self, i: usize, e: usize) -> bool {
        i < e
            && (self.opens_with_adjunct(i)
                || (self.tokens[i].cap && self.s(i).ends_with("ing"))
                || self.np_right(i, e).is_none_or(|m| {
                    m.tokens.1 < e
                        && self.tokens[m.tokens.1].is_comma()
                        && m.tokens.1 - i == 1
                        && !(m.tokens.1 + 1 < e && self.is_word(m.tokens.1 + 1, "who"))
                        && !self.aside_word(m.tokens.1 + 1, e)
                }))
    }

    /// Token `i` is a preposition or a time word: it opens an adjunct
    /// ("after the vote,", "Tuesday,"), not the subject.
    fn opens_with_adjunct(&self, i: usize) -> bool {
        let class = self.tokens[i].class;
        class == Class::Prep || class.is_time()
    }

    /// "however," / "meanwhile," / "too,": one discourse word set off by
    /// commas at token `k`.
    fn aside_word(&self, k: usize, e: usize) -> bool {
        k + 1 < e
            && self.tokens[k + 1].is_comma()
            && self.tokens[k].kind == TokKind::Word
            && matches!(self.tokens[k].class, Class::Conj | Class::Adverb)
    }
}
