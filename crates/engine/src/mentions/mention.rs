//! A [`Mention`] of a range of tokens: where its name starts (and ends,
//! before an affiliation), which title before the name is its role, and
//! whether a descriptor is plural.
//!
//! Every phrase rule finds only where a speaker phrase starts and ends, and
//! leaves the split into name and role to [`View::mention`], so that
//! "Kremlin spokesman Dmitry Peskov" divides the same way whichever side of
//! its cue it stands on.

use super::{Mention, MentionKind, View, is_person_name, is_upper_word};
use crate::Span;
use crate::lexicon::{self, Class, looks_plural, words};
use crate::text::{Punct, TokKind, lower_ascii};

impl View<'_> {
    /// The name a transcript's turn opens with, in capitals before its
    /// colon ("WALLACE", "MR. O'NEILL"), as the mention of tokens `[s, e)`:
    /// inside a quotation, where a speaker phrase is never sought.
    pub(crate) fn upper_case_label(&self, s: usize, e: usize) -> Option<Mention> {
        let label = s < e
            && (s..e).all(|k| match self.tokens[k].kind {
                TokKind::Word => is_upper_word(self.s(k)),
                TokKind::Punct => self.tokens[k].punct() == Some(Punct::Stop),
                _ => false,
            })
            && self.tokens[e - 1].kind == TokKind::Word;
        label.then(|| self.mention(s, e))
    }

    /// Builds a mention from tokens `[s, e)`, splitting name and role.
    pub(super) fn mention(&self, s: usize, e: usize) -> Mention {
        let span = self.span_of(s, e);
        let head = &self.tokens[e - 1];
        if !head.cap {
            // "Professor Jane Roe of the city's school of law": a title
            // may open the phrase before the person's name.
            let title_end = self.last_title_before_name(s, e);
            let name_start = title_end.map_or(s, |k| k + 1);
            return match self.person_before_body(name_start, e) {
                // "Jane Roe of the city council": the person, and the body
                // as her role when no title states one.
                Some(k) => Mention {
                    span,
                    tokens: (s, e),
                    kind: MentionKind::Name,
                    name: Some(self.span_of(name_start, k)),
                    role: Some(title_end.map_or_else(
                        || self.strip_det((k + 1, e)),
                        |t| self.strip_det((s, t + 1)),
                    )),
                    role_from_apposition: false,
                    plural: false,
                },
                // "Those surveyed": a plural determiner makes the phrase
                // a group whatever its last word, and a group names no
                // one, so states no role.
                None if words::is_plural_determiners(lower_ascii(self.s(s)).as_str()) => Mention {
                    role: None,
                    plural: true,
                    ..self.descriptor(span, s, e)
                },
                None => self.descriptor(span, s, e),
            };
        }
        let title_end = self.last_title_before_name(s, e);
        let name_start = self.name_start(title_end.map_or(s, |k| k + 1), e);
        let title = title_end.map(|k| self.strip_det((s, k + 1)));
        // "Jane Roe of Kite University": the person, and where the person
        // works as the role when no title states one.
        let (name_end, role) = match self.affiliation_in(name_start, e) {
            Some(p) => (p, title.or(Some(self.strip_det((p + 1, e))))),
            None => (e, title),
        };
        Mention {
            span,
            tokens: (s, e),
            kind: MentionKind::Name,
            name: Some(self.span_of(name_start, name_end)),
            role,
            role_from_apposition: false,
            plural: false,
        }
    }

    /// The descriptor over tokens `[s, e)` ("the mission's chief
    /// engineer"): its words after the determiners are its role.
    fn descriptor(&self, span: Span, s: usize, e: usize) -> Mention {
        Mention {
            span,
            tokens: (s, e),
            kind: MentionKind::Descriptor,
            name: None,
            role: Some(self.strip_det((s, e))),
            role_from_apposition: false,
            plural: looks_plural(self.s(e - 1)),
        }
    }

    /// The text span of tokens `[s, e)`.
    pub(super) fn span_of(&self, s: usize, e: usize) -> Span {
        Span::new(self.tokens[s].span().start, self.tokens[e - 1].span().end)
    }

    /// The last title word of `[s, e)` that a capitalised word follows:
    /// where the role before a name ends ("Kremlin spokesman | Dmitry
    /// Peskov").
    ///
    /// A title word before an organisation word is part of the
    /// organisation's name ("the Justice Department", "the Treasury
    /// Ministry"), not a person's title. Without a title word of the
    /// lexicon, common nouns between a cue and the name are its title
    /// ("said goalkeeper Tessa Morl").
    fn last_title_before_name(&self, s: usize, e: usize) -> Option<usize> {
        let mut title_end = None;
        for k in s..e - 1 {
            if self.tokens[k].class == Class::Title && self.tokens[k + 1].cap {
                title_end = Some(k);
            }
        }
        title_end
            .or_else(|| self.past_title_nouns(s, e).map(|name| name - 1))
            .filter(|&k| !self.names_organisation(k + 1, e))
    }

    /// Whether the capitalised words that open `[s, e)` hold an
    /// organisation word ("Department", "Ministry", "Hospital"); an
    /// affiliation after a person's name ("Jane Roe of Kite University")
    /// is past them.
    fn names_organisation(&self, s: usize, e: usize) -> bool {
        (s..e)
            .take_while(|&k| self.tokens[k].cap)
            .any(|k| self.tokens[k].class == Class::OrgWord || lexicon::is_org_name_word(self.s(k)))
    }

    /// Where the name of `[from, e)` starts, past determiners, possessives,
    /// lower-case words and "Washington-based" modifiers (the last token is
    /// always kept), and past a possessor before a person's name ("Kite
    /// University's Jane Roe": the person, not the university; "Macy's
    /// Inc." stays one name).
    fn name_start(&self, from: usize, e: usize) -> usize {
        let from = (from..e - 1)
            .rev()
            .find(|&k| self.tokens[k].possessive)
            .filter(|&k| is_person_name(self.tokens, self.text, k + 1, e))
            .map_or(from, |k| k + 1);
        let mut name_start = from;
        while name_start + 1 < e && !self.opens_name_with_particles(name_start, e) {
            let t = &self.tokens[name_start];
            if t.class == Class::Det
                || t.possessive
                || !t.cap
                || is_hyphen_modifier(self.s(name_start))
            {
                name_start += 1;
            } else {
                break;
            }
        }
        name_start
    }

    /// Whether name particles from `k` lead to a capitalised word before
    /// `e`: the surname "de la Cruz" keeps them.
    fn opens_name_with_particles(&self, k: usize, e: usize) -> bool {
        let n = self.particles_from(k, e);
        n > 0 && k + n < e && self.tokens[k + n].cap
    }

    /// Span of tokens `range` without a leading determiner.
    pub(super) fn strip_det(&self, (s, e): (usize, usize)) -> Span {
        let mut s = s;
        while s + 1 < e && self.tokens[s].class == Class::Det && !self.is_partitive(s) {
            s += 1;
        }
        self.span_of(s, e)
    }

    /// Whether the determiner at `s` heads a partitive ("one of the
    /// authors", "some of its members"): a preposition follows it.
    pub(super) fn is_partitive(&self, s: usize) -> bool {
        self.tokens[s].class == Class::Det
            && self
                .tokens
                .get(s + 1)
                .is_some_and(|t| t.class == Class::Prep)
    }
}

/// "Washington-based", "Kremlin-backed": a word whose part after its last
/// hyphen starts in lower case modifies the name after it.
fn is_hyphen_modifier(w: &str) -> bool {
    w.rsplit_once('-')
        .is_some_and(|(_, b)| b.chars().next().is_some_and(char::is_lowercase))
}
