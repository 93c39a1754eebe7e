//! Speakers that name no one: a quantity ("43", "about 9 percent"), a
//! determiner standing alone ("Another", "Many"), a group word before a
//! part of a whole ("Several of the drivers"), or a source the phrase rules
//! do not take ("recent polls").
//!
//! They are speakers all the same (a statement needs one), but they have no
//! name and state no role, so each is a plural descriptor without a role,
//! which resolution never ties to a named person.

use super::{Mention, MentionKind, View};
use crate::cues::Lemma;
use crate::lexicon::{Class, looks_plural, words};
use crate::text::{TokKind, lower_ascii};

impl View<'_> {
    /// A group subject right before the cue at `c`: a quantity ("43",
    /// "about 9 percent", "three", "about four in 10") or a determiner
    /// standing alone ("Another", "Some", "Many") after a boundary. It
    /// names no one, so it has no role.
    pub(crate) fn group_left(&self, c: usize, lo: usize) -> Option<Mention> {
        if c == 0 || c - 1 < lo {
            return None;
        }
        if let Some(g) = self.partitive_group_left(c, lo) {
            return Some(g);
        }
        let j = c - 1;
        let t = &self.tokens[j];
        let mut start = if self.is_word(j, "percent") && j > lo && self.is_count(j - 1) {
            j - 1
        } else if self.is_count(j) {
            j
        } else if t.kind == TokKind::Word
            && t.in_quote.is_none()
            && words::is_group_quantifiers(lower_ascii(self.s(j)).as_str())
            && self.after_group_boundary(j, lo)
        {
            return Some(self.group_mention(j, c));
        } else {
            return None;
        };
        // "about 9 percent", "a mere 9 percent", "nearly 40".
        while start > lo
            && c - start < 6
            && words::is_quantity_approximators(lower_ascii(self.s(start - 1)).as_str())
        {
            start -= 1;
        }
        self.after_group_boundary(start, lo)
            .then(|| self.group_mention(start, c))
    }

    /// Whether token `j` is a count outside quotation marks: a figure
    /// ("43") or a spelled-out number ("three").
    fn is_count(&self, j: usize) -> bool {
        let t = &self.tokens[j];
        t.in_quote.is_none()
            && (t.kind == TokKind::Number
                || (t.kind == TokKind::Word
                    && words::is_number_words(lower_ascii(self.s(j)).as_str())))
    }

    /// "Many in the crowd", "Several of the drivers", "Half of the voters":
    /// a group word before a short prepositional phrase that reaches the
    /// cue at `c`.
    fn partitive_group_left(&self, c: usize, lo: usize) -> Option<Mention> {
        let j = c - 1;
        let p = (j.saturating_sub(6).max(lo + 1)..j)
            .rev()
            .find(|&p| words::is_group_partitive_prepositions(self.s(p)))?;
        let plain = (p + 1..c).all(|k| {
            let t = &self.tokens[k];
            matches!(t.kind, TokKind::Word | TokKind::Number)
                && t.in_quote.is_none()
                && t.cue.is_none_or(|l| l == Lemma::LEARNED)
                && !matches!(
                    t.class,
                    Class::Prep | Class::Conj | Class::That | Class::Aux
                )
        });
        if !plain {
            return None;
        }
        let g = self.group_left(p, lo)?;
        Some(self.group_mention(g.tokens.0, c))
    }

    /// An inverted group speaker: a determiner standing alone right after
    /// the cue and ending its clause ("“…,” tweeted another.", "“…,” read
    /// one."). `e` is the sentence's end.
    pub(crate) fn group_right(&self, k: usize, e: usize) -> Option<Mention> {
        let t = self.tokens.get(k)?;
        let alone = t.kind == TokKind::Word
            && t.in_quote.is_none()
            && words::is_group_quantifiers(lower_ascii(self.s(k)).as_str())
            && (k + 1 == e || self.tokens[k + 1].kind == TokKind::Punct);
        (k < e && alone).then(|| self.group_mention(k, k + 1))
    }

    /// A group phrase starting at token `k` opens its clause: `k` is the
    /// clause start `lo`, or punctuation, a quotation mark or a conjunction
    /// comes before it.
    fn after_group_boundary(&self, k: usize, lo: usize) -> bool {
        k == lo
            || matches!(self.tokens[k - 1].kind, TokKind::Punct | TokKind::QuoteMark)
            || self.tokens[k - 1].class == Class::Conj
    }

    /// A source named by a phrase the speaker finder does not take as a
    /// mention ("recent polls", "figures her campaign released Friday"):
    /// the words from `s` up to the next comma or sentence end, at most 12.
    /// It names no one, so it has no role.
    pub(crate) fn source_phrase(&self, s: usize, e: usize) -> Option<Mention> {
        let lim = (s + 12).min(e);
        let end = (s..lim)
            .find(|&k| {
                let t = &self.tokens[k];
                t.in_quote.is_some()
                    || (t.kind == TokKind::Punct
                        && matches!(self.s(k), "," | "." | ";" | ":" | "(" | ")"))
            })
            .unwrap_or(lim);
        let words = (s..end).all(|k| {
            matches!(
                self.tokens[k].kind,
                TokKind::Word | TokKind::Number | TokKind::Punct
            )
        });
        (end > s && words && self.tokens[s].kind == TokKind::Word).then(|| Mention {
            plural: looks_plural(self.s(end - 1)),
            ..self.group_mention(s, end)
        })
    }

    /// "according to the RealClearPolitics polling average.", "according
    /// to his Facebook profile": the source `m` stretched over up to three
    /// common nouns after its name that run to a comma or the sentence end
    /// `e` (the speaker finder ends a phrase at its last name or lexicon
    /// noun); `m` itself otherwise.
    pub(crate) fn with_trailing_nouns(&self, m: Mention, e: usize) -> Mention {
        let s = m.tokens.1;
        let mut k = s;
        while k < e && k - s < 3 && self.common_noun(k) {
            k += 1;
        }
        let closed = k == e
            || (self.tokens[k].kind == TokKind::Punct
                && matches!(self.s(k), "," | "." | ";" | ":" | ")"));
        if k > s && closed && !matches!(m.kind, MentionKind::Pronoun(_)) {
            self.mention(m.tokens.0, k)
        } else {
            m
        }
    }

    /// The mention of a group over tokens `[s, e)`: a plural descriptor
    /// without a role.
    fn group_mention(&self, s: usize, e: usize) -> Mention {
        Mention {
            span: self.span_of(s, e),
            tokens: (s, e),
            kind: MentionKind::Descriptor,
            name: None,
            role: None,
            role_from_apposition: false,
            plural: true,
        }
    }
}
