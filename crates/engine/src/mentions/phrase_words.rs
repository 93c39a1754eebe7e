//! Which single words may sit inside a speaker phrase, and which may end
//! (head) one.
//!
//! Every phrase rule — leftwards from a cue, rightwards after it, a
//! possessor, an apposition — grows over the same kinds of word and stops
//! at the same ones, so the tests live here once. A capitalised word is a
//! name word unless the lexicon knows it as a function word; a lower-case
//! one must be a lexicon modifier or noun; a common noun outside the
//! lexicon counts only where a rule says so ([`View::modifier_noun`],
//! [`View::plain_noun`]).

use super::{View, is_upper_word};
use crate::lexicon::{self, Class, MAX_NAME_PARTICLES, looks_plural, words};
use crate::text::{TokKind, Token, lower_ascii};

/// A lower-case particle inside a person's name ("de", "van", "bin";
/// `lexicon/words/name-particles.txt`).
pub(super) fn is_name_particle(t: &Token, text: &str) -> bool {
    t.kind == TokKind::Word && !t.cap && lexicon::is_name_particle(t.span().slice(text))
}

/// "1st", "2nd", "3rd", "4th": digits and an ordinal suffix.
fn is_ordinal(s: &str) -> bool {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(&s[digits..], "st" | "nd" | "rd" | "th")
}

impl View<'_> {
    /// A word that may sit inside a speaker phrase.
    pub(super) fn np_word(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        if self.rank_ordinal(i) {
            return true;
        }
        if t.kind != TokKind::Word || t.in_quote.is_some() {
            return false;
        }
        if self.first_name_like_function_word(i) {
            return true;
        }
        if t.cap {
            !matches!(
                t.class,
                Class::Conj
                    | Class::Prep
                    | Class::Det
                    | Class::Pronoun(_)
                    | Class::Aux
                    | Class::That
                    | Class::Adverb
                    | Class::Weekday
                    | Class::Month
            ) && t
                .cue
                .is_none_or(|_| self.s(i).len() > 1 && is_upper_word(self.s(i)))
        } else {
            t.class.is_np_inner()
        }
    }

    /// "Air Force 1st Lt. Ada Kerr": an ordinal inside a military rank,
    /// after a capitalised word (not a month: "May 3rd") and before a
    /// title.
    fn rank_ordinal(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        let cap_word = |n: &Token| n.cap && n.kind == TokKind::Word && n.para == t.para;
        let after_name = i
            .checked_sub(1)
            .is_some_and(|p| cap_word(&self.tokens[p]) && self.tokens[p].class != Class::Month);
        let before_title = self
            .tokens
            .get(i + 1)
            .is_some_and(|n| cap_word(n) && n.class == Class::Title);
        t.kind == TokKind::Number
            && t.in_quote.is_none()
            && is_ordinal(self.s(i))
            && after_name
            && before_title
    }

    /// "Will Rogers", "May Chen", "Long Nguyen": a first name that is also
    /// a function word, before a capitalised word of the same paragraph;
    /// of the adverbs only those listed in `first-name-adverbs.txt` ("Even
    /// Jane Roe said": the adverb is the sentence's).
    fn first_name_like_function_word(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        let name_like = match t.class {
            Class::Aux | Class::Month => true,
            Class::Adverb => words::is_first_name_adverbs(lower_ascii(self.s(i)).as_str()),
            _ => false,
        };
        t.cap
            && name_like
            && self.tokens.get(i + 1).is_some_and(|n| {
                n.cap && n.kind == TokKind::Word && n.para == t.para && n.class == Class::Other
            })
    }

    /// A word that can end (head) a speaker phrase.
    pub(super) fn np_head(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        if t.possessive || !self.np_word(i) {
            return false;
        }
        t.cap || t.class.is_np_head()
    }

    /// A lower-case common noun outside the lexicon that may modify the
    /// head after it ("law enforcement officials", "the state budget
    /// office").
    pub(super) fn modifier_noun(&self, k: usize) -> bool {
        let t = &self.tokens[k];
        t.kind == TokKind::Word
            && !t.cap
            && !t.possessive
            && t.class == Class::Other
            && t.cue.is_none()
            && t.in_quote.is_none()
            // "The bill angered business leaders": a verb or an adverb
            // is not a modifier of the head.
            && !looks_like_verb_or_adverb(self.s(k))
    }

    /// "said goalkeeper Tessa Morl", "said limnologist Ana Ruiz": one or
    /// two singular common nouns outside the lexicon between a cue and a
    /// person's name (two capitalised words, no organisation's) are a
    /// title; the token after them, or `None`. (Elsewhere such a noun is
    /// as often the object or subject of a verb before a name.)
    pub(super) fn past_title_nouns(&self, k: usize, hi: usize) -> Option<usize> {
        if k == 0 || self.tokens[k - 1].cue.is_none() {
            return None;
        }
        let mut m = k;
        while m < hi && m - k < 2 && self.modifier_noun(m) && !looks_plural(self.s(m)) {
            m += 1;
        }
        // A person's name of two capitalised words at least: "core
        // Democratic constituencies" is no title and name.
        let name = m > k
            && m + 1 < hi
            && self.tokens[m].cap
            && self.tokens[m + 1].cap
            && self.np_head(m)
            && !self.tokens[m].possessive
            && self.tokens[m].class != Class::OrgWord;
        name.then_some(m)
    }

    /// A lower-case noun: a phrase word of the lexicon ("council",
    /// "senior") or a plain word not shaped like a past form or an adverb
    /// ("medicine", not "noted", "quickly").
    pub(super) fn lower_case_noun(&self, k: usize) -> bool {
        let t = &self.tokens[k];
        if t.kind != TokKind::Word || t.cap || t.possessive || t.in_quote.is_some() {
            return false;
        }
        t.class.is_np_inner() || (self.plain_noun(k) && !looks_like_verb_or_adverb(self.s(k)))
    }

    /// A lower-case common noun outside every lexicon class.
    pub(super) fn plain_noun(&self, k: usize) -> bool {
        self.tokens[k].is_plain_word()
    }

    /// A lower-case word outside the lexicon, neither a cue nor quoted: a
    /// common noun that may head a phrase a determiner opens ("a German
    /// user", "The GOP front-runner").
    pub(super) fn common_noun(&self, k: usize) -> bool {
        let t = &self.tokens[k];
        t.kind == TokKind::Word
            && !t.cap
            && t.class == Class::Other
            && t.cue.is_none()
            && t.in_quote.is_none()
    }

    /// Token `k` is a name particle ("de", "van").
    pub(super) fn name_particle(&self, k: usize) -> bool {
        is_name_particle(&self.tokens[k], self.text)
    }

    /// How many name particles (at most [`MAX_NAME_PARTICLES`]) run back
    /// from the token before `k`, none before `lo`: "Maria | de la | Cruz".
    pub(super) fn particles_before(&self, k: usize, lo: usize) -> usize {
        let mut c = k;
        while c > lo && k - c < MAX_NAME_PARTICLES && self.name_particle(c - 1) {
            c -= 1;
        }
        k - c
    }

    /// How many name particles (at most [`MAX_NAME_PARTICLES`]) run on
    /// from token `k`, none at or after `e`.
    pub(super) fn particles_from(&self, k: usize, e: usize) -> usize {
        (k..e)
            .take(MAX_NAME_PARTICLES)
            .take_while(|&m| self.name_particle(m))
            .count()
    }
}

/// A word shaped like a past form or an adverb ("noted", "quickly"),
/// which no plain noun list should take as a noun; not a noun in "-ly"
/// (`ly-nouns.txt`: "ally", "rally").
pub(super) fn looks_like_verb_or_adverb(w: &str) -> bool {
    match w.as_bytes() {
        [.., b'e', b'd'] => true,
        [.., b'l', b'y'] => !lexicon::is_ly_noun(w.as_bytes()),
        _ => false,
    }
}
