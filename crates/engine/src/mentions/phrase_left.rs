//! The speaker phrase that ends at a cue: "Kremlin spokesman Dmitry Peskov
//! said", "the Washington-based Institute for the Study of War said", "a
//! bartender said", "Friends, lobbyists and former foes say".
//!
//! The phrase is grown leftwards from its head, the word right before the
//! cue (after the attribution stage skipped adjuncts), over name words,
//! modifiers and name connectors, and stops at a determiner, which it
//! keeps. A head the lexicon does not know as a noun still heads a phrase
//! when a determiner opens it closely ("a bartender") or when a bare
//! plural opens the clause ("Abortion rights advocates said"). What may
//! follow the head and still belong to the speaker ("officials in Kyiv")
//! is in `post_modifiers`.

use super::{Mention, MentionKind, View};
use crate::Span;
use crate::lexicon::{Class, is_name_connector, looks_participle, looks_plural};
use crate::text::TokKind;

/// A phrase grown leftwards spans at most this many tokens before its head.
const MAX_PHRASE: usize = 12;

impl View<'_> {
    /// The speaker phrase ending at token `j` (inclusive), not before `lo`;
    /// "the Center for … Studies in Washington" is the organisation, not
    /// the place.
    pub(crate) fn np_left(&self, j: isize, lo: usize) -> Option<Mention> {
        let m = self.np_left_simple(j, lo)?;
        Some(
            self.subject_before_passive_agent(&m, lo)
                .or_else(|| self.descriptor_before_post_modifier(&m, lo))
                .or_else(|| self.group_before_name(&m, lo))
                .or_else(|| self.descriptor_before_body(&m, lo))
                .or_else(|| self.person_before_affiliation(&m, lo))
                .or_else(|| self.organisation_before_place(&m, lo))
                .unwrap_or(m),
        )
    }

    /// "A 2024 inspection report obtained by the Courier \[found\]": a
    /// phrase that is the agent of a participle after a noun phrase is part
    /// of that phrase's modifier; the noun phrase before the participle
    /// speaks.
    fn subject_before_passive_agent(&self, m: &Mention, lo: usize) -> Option<Mention> {
        let s = m.tokens.0;
        if s < lo + 3 || !self.is_word(s - 1, "by") {
            return None;
        }
        let p = &self.tokens[s - 2];
        let participle = p.kind == TokKind::Word
            && !p.cap
            && p.in_quote.is_none()
            && looks_participle(self.s(s - 2));
        if !participle {
            return None;
        }
        let subject = self.np_left_simple(s as isize - 3, lo)?;
        (!matches!(subject.kind, MentionKind::Pronoun(_))).then_some(subject)
    }

    /// "Republicans who oppose the bill \[argue\]": when the phrase that
    /// starts at token `s` closes a restrictive relative clause, the phrase
    /// the clause modifies.
    pub(crate) fn relative_antecedent(&self, s: usize, lo: usize) -> Option<Mention> {
        let min = s.saturating_sub(10).max(lo + 1);
        let mut k = s;
        while k > min {
            k -= 1;
            let t = &self.tokens[k];
            if t.in_quote.is_some() || t.kind != TokKind::Word {
                return None;
            }
            if self.is_word(k, "who") {
                let a = self.np_left(k as isize - 1, lo)?;
                return (!matches!(a.kind, MentionKind::Pronoun(_))).then_some(a);
            }
        }
        None
    }

    /// The possessor ending at token `p` ("Mayor Tom Vale's"), for
    /// statement nouns ("Vale's claim that …").
    pub(crate) fn possessor(&self, p: usize, lo: usize) -> Option<Mention> {
        let t = &self.tokens[p];
        if !t.possessive || !t.cap || t.kind != TokKind::Word || t.in_quote.is_some() {
            return None;
        }
        let mut s = p;
        while s > lo && p - s < 6 && self.np_word(s - 1) && !self.tokens[s - 1].possessive {
            s -= 1;
        }
        Some(self.mention(s, p + 1))
    }

    /// The phrase ending at token `j` without what may follow its head
    /// ("officials" of "officials in Kyiv").
    pub(super) fn np_left_simple(&self, j: isize, lo: usize) -> Option<Mention> {
        let m = self.np_left_core(j, lo)?;
        Some(self.with_plain_title_left(m, lo).unwrap_or(m))
    }

    /// "engineer Hana Ito", "mission scientist Hana Ito": common nouns
    /// outside the lexicon, right before a name or before the title that
    /// opens its phrase, and right after a boundary, are (part of) its
    /// title.
    fn with_plain_title_left(&self, m: Mention, lo: usize) -> Option<Mention> {
        let s = m.tokens.0;
        if m.kind != MentionKind::Name || s <= lo {
            return None;
        }
        let role_end = match m.role {
            None => self.tokens[s - 1].span().end,
            Some(r) if !m.role_from_apposition && r.start == self.tokens[s].span().start => r.end,
            Some(_) => return None,
        };
        let mut k = s;
        // ("de la Cruz": name particles are no title.)
        while k > lo && s - k < 2 && self.common_noun(k - 1) && !self.name_particle(k - 1) {
            k -= 1;
        }
        k = self.title_modifiers_left(k, s, lo);
        let boundary = k == lo
            || matches!(self.tokens[k - 1].kind, TokKind::Punct | TokKind::QuoteMark)
            || (self.tokens[k - 1].class == Class::Det && !self.opens_fronted_phrase(k - 1, lo));
        if k == s || !boundary {
            return None;
        }
        let mut out = m;
        out.span = Span::new(self.tokens[k].span().start, m.span.end);
        out.tokens = (k, m.tokens.1);
        out.role = Some(Span::new(self.tokens[k].span().start, role_end));
        Some(out)
    }

    /// "the union steward Callum Rethy", "The farmers’ union Orlen
    /// Growers", "Union steward Callum Rethy" at a sentence's start: before
    /// the common nouns of a title at `k` (none when `k` is the name's
    /// first token `s`), a lower-case organisation word ("union", "party")
    /// and then a plural possessive noun are part of the title, and so is an
    /// organisation word that opens the sentence capitalised. The title's
    /// first token.
    fn title_modifiers_left(&self, mut k: usize, s: usize, lo: usize) -> usize {
        if k > lo && self.lower_org_word(k - 1) {
            k -= 1;
        }
        if k == s {
            return k;
        }
        // "farmers ’": the mark is a token of its own.
        if k > lo + 1 && self.is_plural_possessive_mark(k - 1) && self.common_noun(k - 2) {
            return k - 2;
        }
        let capitalised_opener = k > lo && {
            let t = &self.tokens[k - 1];
            t.cap && t.class == Class::OrgWord && t.in_quote.is_none() && self.opens_sentence(k - 1)
        };
        if capitalised_opener { k - 1 } else { k }
    }

    /// A lower-case organisation word outside quotation marks ("union").
    fn lower_org_word(&self, k: usize) -> bool {
        let t = &self.tokens[k];
        t.kind == TokKind::Word && !t.cap && t.class == Class::OrgWord && t.in_quote.is_none()
    }

    /// Whether token `k` opens its sentence: the text's first token, the
    /// first of its paragraph, or after a full stop, question or
    /// exclamation mark.
    fn opens_sentence(&self, k: usize) -> bool {
        k == 0
            || self.tokens[k - 1].para != self.tokens[k].para
            || self.tokens[k - 1]
                .punct()
                .is_some_and(|p| p.ends_sentence())
    }

    /// Whether the determiner at `d` follows a preposition that opens the
    /// clause at `lo` ("In his speech Ada Kerr said", "At her rally …"):
    /// the nouns after it are that phrase's, not a title of the name that
    /// follows.
    fn opens_fronted_phrase(&self, d: usize, lo: usize) -> bool {
        d == lo + 1 && self.tokens[lo].class == Class::Prep
    }

    fn np_left_core(&self, j: isize, lo: usize) -> Option<Mention> {
        if j < lo as isize {
            return None;
        }
        let j = j as usize;
        if let Class::Pronoun(p) = self.tokens[j].class
            && self.tokens[j].in_quote.is_none()
        {
            return Some(self.pronoun(j, p));
        }
        if !self.np_head(j) {
            return self.det_phrase_left(j, lo);
        }
        let s = self.phrase_start_left(j, lo);
        // Only a common-noun head takes them: "met Mr. Kamin" is a verb and
        // a name.
        let s = if self.tokens[j].cap {
            s
        } else {
            self.plain_modifiers_left(s, lo)
        };
        Some(self.mention(s, j + 1))
    }

    /// Where the phrase headed at token `j` starts: grown leftwards over
    /// phrase words, possessives and name connectors between capitalised
    /// words ("Institute for the Study of War"), up to and including a
    /// determiner.
    fn phrase_start_left(&self, j: usize, lo: usize) -> usize {
        let mut s = j;
        while s > lo && j - s < MAX_PHRASE {
            let k = s - 1;
            let t = &self.tokens[k];
            if self.np_word(k) || (t.possessive && t.kind == TokKind::Word && t.in_quote.is_none())
            {
                s = k;
                continue;
            }
            if t.kind == TokKind::Word && t.class == Class::Det {
                // "the Study of War": a determiner inside a name continues it.
                if k >= lo + 2 && is_name_connector(self.s(k - 1)) && self.tokens[k - 2].cap {
                    s = k - 2;
                    continue;
                }
                return k;
            }
            if let Some(first) = self.connected_name_part_left(k, lo)
                && self.tokens[s].cap
            {
                s = first;
                continue;
            }
            break;
        }
        self.leading_particles_left(s, lo)
    }

    /// "said de Blasio", "van der Berg said": the name particles that open
    /// a surname starting at `s` belong to it.
    fn leading_particles_left(&self, s: usize, lo: usize) -> usize {
        if self.tokens[s].cap {
            s - self.particles_before(s, lo)
        } else {
            s
        }
    }

    /// The capitalised word before the name connector at `k`, or before a
    /// run of name particles ending there: "Institute for Justice",
    /// "Maria de la Cruz", "Ludwig van der Rohe".
    fn connected_name_part_left(&self, k: usize, lo: usize) -> Option<usize> {
        if !is_name_connector(self.s(k)) || k == lo {
            return None;
        }
        if self.tokens[k - 1].cap {
            return Some(k - 1);
        }
        let n = self.particles_before(k + 1, lo);
        k.checked_sub(n)
            .filter(|&first| n > 0 && first >= lo && self.tokens[first].cap)
    }

    /// "the state budget office": common nouns outside the lexicon that
    /// modify the head are part of the phrase when a determiner opens it;
    /// without one ("raise taxes office") they are not.
    fn plain_modifiers_left(&self, s: usize, lo: usize) -> usize {
        if self.tokens[s].class == Class::Det {
            return s;
        }
        let mut k = s;
        while k > lo
            && s - k < 4
            && (self.modifier_noun(k - 1) || self.np_word(k - 1) || self.number_modifier(k - 1))
        {
            k -= 1;
        }
        let det = k < s && k > lo && (k..s).any(|m| self.modifier_noun(m)) && {
            let t = &self.tokens[k - 1];
            t.class == Class::Det && t.kind == TokKind::Word && t.in_quote.is_none()
        };
        if det { k - 1 } else { s }
    }

    /// A number or a hyphenated number before a noun ("a 2024 report", "a
    /// 46-page analysis").
    fn number_modifier(&self, k: usize) -> bool {
        let t = &self.tokens[k];
        t.in_quote.is_none()
            && (t.kind == TokKind::Number
                || (t.kind == TokKind::Word
                    && !t.cap
                    && self.s(k).starts_with(|c: char| c.is_ascii_digit())))
    }

    /// "a bartender", "The GOP front-runner": a common noun outside the
    /// lexicon heads a speaker phrase when a determiner opens it closely.
    fn det_phrase_left(&self, j: usize, lo: usize) -> Option<Mention> {
        if !self.plain_noun(j) {
            return None;
        }
        let mut k = j;
        while k > lo && j - k < 4 {
            k -= 1;
            let tk = &self.tokens[k];
            if tk.kind != TokKind::Word || tk.in_quote.is_some() {
                // "If the mine closes, environmentalists worry …": a bare
                // plural right after an introductory phrase's comma opens
                // the clause.
                let opens = tk.is_comma() && tk.in_quote.is_none() && looks_plural(self.s(j));
                return opens.then(|| self.mention(k + 1, j + 1));
            }
            if tk.class == Class::Det {
                return Some(self.mention(k, j + 1));
            }
            // "…, trust’s evaluation finds": a possessor that opens the
            // phrase after a boundary determines it as a determiner would.
            if tk.possessive && !tk.cap && k < j && self.after_boundary(k, lo) {
                return Some(self.mention(k, j + 1));
            }
            // "Friends, lobbyists and former foes say": a bare plural
            // closing a list of nouns that opens the clause speaks for the
            // whole list.
            if self.is_word(k, "and") && k < j && looks_plural(self.s(j)) {
                return self.noun_list_left(k, lo).map(|s| self.mention(s, j + 1));
            }
            let ok = self.np_word(k)
                || tk.possessive
                || (!tk.cap && tk.class == Class::Other && tk.cue.is_none());
            if !ok {
                // "But security experts say": connectives before the phrase
                // still leave it opening the clause.
                return (self.only_connectives(lo, k + 1) && looks_plural(self.s(j)))
                    .then(|| self.mention(k + 1, j + 1));
            }
        }
        // "Abortion rights advocates said": a bare plural phrase that opens
        // the sentence (or clause) is a group speaker without a determiner.
        let plural = looks_plural(self.s(j));
        if plural && k == lo && k < j {
            return Some(self.mention(k, j + 1));
        }
        None
    }

    /// Whether token `k` opens the stretch from `lo` or follows
    /// punctuation.
    fn after_boundary(&self, k: usize, lo: usize) -> bool {
        k == lo || self.tokens[k - 1].kind == TokKind::Punct
    }

    /// The start of a list of plain noun phrases ("Friends, lobbyists")
    /// ending right before the "and" at `and`, when the list opens the
    /// clause at `lo`.
    fn noun_list_left(&self, and: usize, lo: usize) -> Option<usize> {
        let mut k = and;
        while k > lo && and - k < 10 {
            let t = &self.tokens[k - 1];
            let listed = t.in_quote.is_none()
                && (self.tokens[k - 1].is_comma()
                    || (t.kind == TokKind::Word
                        && t.cue.is_none()
                        && matches!(
                            t.class,
                            Class::Other | Class::RoleMod | Class::Descriptor | Class::Title
                        )));
            if !listed {
                return None;
            }
            k -= 1;
        }
        (k == lo && k < and).then_some(k)
    }
}
