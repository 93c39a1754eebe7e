//! A person's name joined to where the person works or studies: "Jane Roe
//! of Kite University said", "said John Doe at the Reef Institute".
//!
//! The phrase rules grow a name over "of" between capitalised words, as
//! organisations need ("Institute for the Study of War", "Bank of
//! England"), which made "Jane Roe of Kite University" one organisation's
//! name; and they stop a name at "at", which made "Kite University" the
//! speaker of "Jane Roe at Kite University said". When the words before
//! the preposition can only be a person's name — two to four capitalised
//! words outside the lexicon, no acronym, no organisation word — the
//! person speaks, and the affiliation is the role when no title states a
//! better one. A single word before "of" ("Bank of England", "University
//! of Z") is never taken for a person.

use super::phrase_words::is_name_particle;
use super::{Mention, MentionKind, View, is_upper_word};
use crate::lexicon::{self, Class, words};
use crate::text::{TokKind, Token};

/// Whether tokens `[s, e)` can only be a person's name: two to four
/// capitalised words outside every lexicon class, none an acronym or a
/// word that makes a name an organisation's ("Hospital", "Republic"),
/// with name particles between them ("Maria de la Cruz").
pub(crate) fn is_person_name(tokens: &[Token], text: &str, s: usize, e: usize) -> bool {
    let words = || tokens[s..e].iter().filter(|t| !is_name_particle(t, text));
    e > s
        && tokens[s].cap
        && tokens[e - 1].cap
        && (2..=4).contains(&words().count())
        && words().all(|t| {
            let w = t.span().slice(text);
            t.kind == TokKind::Word
                && t.cap
                && t.class == Class::Other
                && !t.possessive
                && t.in_quote.is_none()
                && !is_upper_word(w)
                && !lexicon::is_org_name_word(w)
        })
}

/// Whether token `k` is a lower-case preposition that joins a person to an
/// affiliation ("of", "at", "from").
pub(crate) fn is_affiliation_preposition(tokens: &[Token], text: &str, k: usize) -> bool {
    let t = &tokens[k];
    t.kind == TokKind::Word
        && !t.cap
        && t.in_quote.is_none()
        && words::is_person_affiliation_prepositions(t.span().slice(text))
}

impl View<'_> {
    /// Where the person's name that starts at token `name_start` ends
    /// inside the phrase `[name_start, e)`: at an affiliation preposition
    /// after a person's name with a name after it ("Jane Roe | of Kite
    /// University"). A phrase that goes on to another person ("Jane Roe of
    /// Kite University and John Doe of …") names a group and is not split.
    pub(super) fn affiliation_in(&self, name_start: usize, e: usize) -> Option<usize> {
        (name_start + 2..e.saturating_sub(1)).find(|&k| {
            is_affiliation_preposition(self.tokens, self.text, k)
                && self.tokens[k + 1..e].iter().any(|t| t.cap)
                && !self.tokens[k + 1..e].iter().any(|t| t.class == Class::Conj)
                && is_person_name(self.tokens, self.text, name_start, k)
        })
    }

    /// "Jane Roe of the city council", "Jane Roe of Kite's law school":
    /// where the person's name that opens the phrase `[s, e)` headed by a
    /// common noun ends, at an affiliation preposition and a determiner or
    /// a name; the body after it is where the person serves.
    pub(super) fn person_before_body(&self, s: usize, e: usize) -> Option<usize> {
        (s + 2..e.saturating_sub(2)).find(|&k| {
            is_affiliation_preposition(self.tokens, self.text, k)
                && (self.tokens[k + 1].class == Class::Det || self.tokens[k + 1].cap)
                && is_person_name(self.tokens, self.text, s, k)
        })
    }

    /// "Jane Roe at Kite University said": the name `m` ending at a cue,
    /// after an affiliation preposition and a person's name, is where that
    /// person works; the person speaks.
    pub(super) fn person_before_affiliation(&self, m: &Mention, lo: usize) -> Option<Mention> {
        let s = m.tokens.0;
        if m.kind == MentionKind::Name
            && s >= lo + 3
            && is_affiliation_preposition(self.tokens, self.text, s - 1)
            && let Some(p) = self.np_left_simple(s as isize - 2, lo)
            && p.kind == MentionKind::Name
        {
            let joined = self.mention(p.tokens.0, m.tokens.1);
            return joined
                .name
                .is_some_and(|n| n.end < m.span.start)
                .then_some(joined);
        }
        None
    }

    /// "said John Doe at the Reef Institute": the last token of the
    /// affiliation after a person's name headed at `head`, in a phrase
    /// starting at `i` after a cue.
    pub(super) fn affiliation_end_right(&self, i: usize, head: usize, hi: usize) -> Option<usize> {
        let k = head + 1;
        if !self.tokens[head].cap
            || k + 1 >= hi
            || !is_affiliation_preposition(self.tokens, self.text, k)
        {
            return None;
        }
        let person = self.mention(i, k);
        let name_start = person.name.map(|n| n.start)?;
        let ns = (i..k).find(|&t| self.tokens[t].span().start == name_start)?;
        if !is_person_name(self.tokens, self.text, ns, k) {
            return None;
        }
        let org = self.np_right(k + 1, hi)?;
        // "said Tom Vale of the local union": a body with a determiner
        // serves as well as a name.
        let body = org.kind == MentionKind::Descriptor && self.tokens[k + 1].class == Class::Det;
        (org.kind == MentionKind::Name || body).then(|| org.tokens.1 - 1)
    }
}
