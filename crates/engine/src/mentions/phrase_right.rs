//! The speaker phrase that starts after a cue (or opens a sentence):
//! "said the Kremlin spokesman, Dmitry Peskov", "said lobbyist and GOP
//! strategist Charlie Black", "according to a German user".
//!
//! The phrase is grown rightwards over phrase words and name connectors,
//! remembering the last word that could head it; the phrase ends at that
//! head, so trailing words that cannot end a speaker ("the talks with")
//! fall off. Then the head may stretch over names after plain nouns ("Cruz
//! constituent Dan Golvach") and over post-modifiers (`post_modifiers`),
//! and a descriptor may take the name set off after it (`apposition`).

use super::phrase_words::looks_like_verb_or_adverb;
use super::{Mention, MentionKind, View};
use crate::lexicon::{Class, is_name_connector, looks_plural};
use crate::text::{Punct, TokKind};

/// A phrase grown rightwards spans at most this many tokens.
const MAX_PHRASE: usize = 12;

impl View<'_> {
    /// The speaker phrase starting at token `i`, not reaching `hi`.
    pub(crate) fn np_right(&self, i: usize, hi: usize) -> Option<Mention> {
        if i >= hi {
            return None;
        }
        if let Some(p) = self.pronoun_speaker(i) {
            return Some(p);
        }
        let d = self.past_determiner(i);
        let e = match self.past_modifier_nouns(d, hi) {
            e if e == d => self.past_title_nouns(i, hi).unwrap_or(d),
            e => e,
        };
        let (mut e, mut last_head) = self.grow_right(i, e, hi);
        // "said lobbyist and GOP strategist Charlie Black": two titles
        // joined by "and" before one name make one role of that name.
        if let Some(end) = self.joined_title_end(e, last_head, hi) {
            e = end;
            last_head = Some(e - 1);
        }
        // "a German user": after a determiner, a common noun outside the
        // lexicon may head the phrase; "said Rhee's co-counsel, Anna Berg":
        // after a possessive too when a comma or the sentence's end follows
        // (a word after it is usually a verb: "Oz's advice earned …"; a
        // colon a label: "Editor's note:").
        if last_head.is_none() && e > i && self.tokens[i].class == Class::Det {
            last_head = self.common_noun_head(i, e, hi);
        } else if e > i && self.tokens[e - 1].possessive {
            last_head = self
                .common_noun_head(i, e, hi)
                .filter(|&h| h >= e && self.ends_inverted_phrase(h + 1, hi))
                .or(last_head);
        }
        let head = self.name_after_plain_nouns(last_head?, e, hi);
        let head = self.head_through_post_modifiers(head, hi);
        let head = self.affiliation_end_right(i, head, hi).unwrap_or(head);
        let m = self.mention(i, head + 1);
        Some(self.descriptor_with_name_after(m, head, hi))
    }

    /// Whether the phrase ends before token `k` with a comma or the end of
    /// the sentence (`hi`, or a full stop, question or exclamation mark).
    fn ends_inverted_phrase(&self, k: usize, hi: usize) -> bool {
        k >= hi
            || self.tokens[k].is_comma()
            || matches!(
                self.tokens[k].punct(),
                Some(Punct::Stop | Punct::Question | Punct::Exclamation)
            )
    }

    /// The token after a determiner word at `i` (and after a year or
    /// other number that modifies the word after it: "a 2008 campaign
    /// veteran"), or `i`.
    fn past_determiner(&self, i: usize) -> usize {
        if self.tokens[i].class != Class::Det || self.tokens[i].kind != TokKind::Word {
            return i;
        }
        let number_modifier = self
            .tokens
            .get(i + 1)
            .is_some_and(|t| t.kind == TokKind::Number)
            && self
                .tokens
                .get(i + 2)
                .is_some_and(|t| t.kind == TokKind::Word);
        if number_modifier { i + 2 } else { i + 1 }
    }

    /// "“…,” said one party confidant.": the phrase `m` stretched over the
    /// plain nouns after it (at most three, none shaped like a past form
    /// or an adverb) when they run to a punctuation mark or the sentence's
    /// end `e`; the last of them is the head. The phrase rules end a phrase
    /// at its last name or lexicon noun ("one party"), and a plain word
    /// after a phrase is usually its verb; but an inverted speaker after
    /// a cue whose content came before it is all that is left of its
    /// clause, so no verb can follow it there. `None` when no such nouns
    /// follow.
    pub(crate) fn through_clause_final_nouns(&self, m: Mention, e: usize) -> Option<Mention> {
        let s = m.tokens.1;
        let mut k = s;
        while k < e && k - s < 3 && self.plain_noun(k) && !looks_like_verb_or_adverb(self.s(k)) {
            k += 1;
        }
        let closed = k == e || self.tokens[k].kind == TokKind::Punct;
        (k > s && closed && !matches!(m.kind, MentionKind::Pronoun(_)))
            .then(|| self.mention(m.tokens.0, k))
    }

    /// "law enforcement officials": common nouns outside the lexicon from
    /// `e` that modify a lower-case role or group noun after them are
    /// skipped to it; otherwise `e`.
    fn past_modifier_nouns(&self, e: usize, hi: usize) -> usize {
        let mut m = e;
        while m < hi && m - e < 3 && self.modifier_noun(m) {
            m += 1;
        }
        if m > e && m < hi && self.np_head(m) && !self.tokens[m].cap {
            m
        } else {
            e
        }
    }

    /// Grows the phrase that starts at `i` from token `e` over phrase
    /// words, possessives and name connectors after a capitalised head;
    /// returns where it stops and the last token that could head it.
    fn grow_right(&self, i: usize, mut e: usize, hi: usize) -> (usize, Option<usize>) {
        let mut last_head = None;
        while e < hi && e - i < MAX_PHRASE {
            if self.np_word(e) || self.tokens[e].possessive {
                if self.np_head(e) {
                    last_head = Some(e);
                }
                e += 1;
                continue;
            }
            if is_name_connector(self.s(e)) && last_head.is_some_and(|h| self.connects_name(h, e)) {
                e += 1;
                continue;
            }
            break;
        }
        (e, last_head)
    }

    /// Whether the name connector at `e` continues the capitalised head at
    /// `h`: right after it, or after name particles ("Maria de la Cruz",
    /// "Ludwig van der Rohe"; not "Burman of the Center").
    fn connects_name(&self, h: usize, e: usize) -> bool {
        self.tokens[h].cap && (e == h + 1 || self.particles_from(h + 1, e + 1) == e - h)
    }

    /// "lobbyist and GOP strategist Charlie Black": when the phrase stopped
    /// at an "and" at `e` right after a lower-case head, the end of the
    /// titled name after it.
    fn joined_title_end(&self, e: usize, last_head: Option<usize>, hi: usize) -> Option<usize> {
        if e + 1 < hi
            && self.is_word(e, "and")
            && last_head.is_some_and(|h| h + 1 == e && !self.tokens[h].cap)
            && let Some(n) = self.np_right(e + 1, hi)
            && n.kind == MentionKind::Name
            && n.role.is_some()
            && !n.role_from_apposition
        {
            return Some(n.tokens.1);
        }
        None
    }

    /// "a German user", "The inspectors": the last common noun (or phrase
    /// head) from `e` in a phrase a determiner opens at `i`, within five
    /// tokens of it.
    fn common_noun_head(&self, i: usize, e: usize, hi: usize) -> Option<usize> {
        let mut last_head = None;
        let mut k = e;
        while k < hi && k - i < 5 {
            let common = self.common_noun(k);
            // "The inspectors checked …": a past form after a plural
            // noun is the verb, not part of the phrase.
            let verb_after_plural =
                common && k > e && self.s(k).ends_with("ed") && looks_plural(self.s(k - 1));
            // "a timeline released by the force", "an evaluation published
            // on Tuesday": a participle before a preposition modifies the
            // head before it.
            let participle_before_preposition = common
                && k > e
                && self.s(k).ends_with("ed")
                && self
                    .tokens
                    .get(k + 1)
                    .is_some_and(|n| n.class == Class::Prep);
            if verb_after_plural || participle_before_preposition {
                break;
            }
            if common || self.np_word(k) {
                if common || self.np_head(k) {
                    last_head = Some(k);
                }
                k += 1;
            } else {
                break;
            }
        }
        last_head
    }

    /// "one former GOP leadership aide", "Cruz constituent Dan Golvach":
    /// when the phrase ended right after its head, common nouns outside the
    /// lexicon between it and a real head (and the name after that) are
    /// part of it; returns the new head.
    fn name_after_plain_nouns(&self, head: usize, e: usize, hi: usize) -> usize {
        if head + 1 != e {
            return head;
        }
        // Not a word shaped like a verb: "Perez visited Trump" is a clause.
        let mut k = e;
        while k < hi && k - e < 3 && self.modifier_noun(k) {
            k += 1;
        }
        if k > e && k < hi && !self.tokens[k].possessive && self.np_head(k) {
            let mut n = k + 1;
            while n < hi && n - k < 4 && self.tokens[n].cap && self.np_word(n) {
                n += 1;
            }
            return n - 1;
        }
        head
    }
}
