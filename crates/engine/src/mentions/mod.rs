//! Stage 4: speaker mentions — the noun phrase on either side of a cue.
//!
//! A speaker is a name ("Foreign Minister Andrii Sybiha", "the Washington-
//! based Institute for the Study of War", "ISW"), a descriptor ("a senior
//! U.S. official", "local officials") or a pronoun. The phrase is grown
//! token by token from the cue outwards over capitalised words, lexicon
//! modifiers and name connectors ("of", "for the"), and must end in a head
//! (a name, an acronym or a descriptor noun), which rejects the object of a
//! preposition ("the talks said") that is really a post-modifier.
//!
//! The same stage splits a mention into its name and its role: a title word
//! before a name ("Kremlin spokesman" + "Dmitry Peskov"), an apposition
//! ("Valery Gerasimov, head of the Russian military,"), or the descriptor
//! itself ("senior U.S. official").

use crate::Span;
use crate::cues::Lemma;
use crate::lexicon::{Class, Pron, is_name_connector, looks_plural};
use crate::text::{TokKind, Token, lower_ascii};

/// What a mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MentionKind {
    Pronoun(Pron),
    /// Contains a capitalised name or acronym.
    Name,
    /// A common-noun phrase ("local officials").
    Descriptor,
}

/// One speaker mention.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mention {
    /// The mention as written (title included, apposition excluded).
    pub span: Span,
    /// Token range of the mention.
    pub tokens: (usize, usize),
    pub kind: MentionKind,
    /// The name without title or determiner ("Dmitry Peskov").
    pub name: Option<Span>,
    /// The role the text states at this mention.
    pub role: Option<Span>,
    /// The role came from an apposition (preferred over a bare title).
    pub role_from_apposition: bool,
    /// The head noun is plural ("officials").
    pub plural: bool,
}

impl Mention {
    /// This mention stretched to the end of `last`, a phrase after it that
    /// belongs to it ("officials in Kyiv", "the Center … in Washington");
    /// kind, name and role stay this mention's.
    fn through(mut self, last: &Mention) -> Mention {
        self.span = Span::new(self.span.start, last.span.end);
        self.tokens = (self.tokens.0, last.tokens.1);
        self
    }
}

/// Read-only view of the analysed text the mention finder needs.
pub(crate) struct View<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
}

/// `a == b` for a punctuation token and mark of a byte or three: compared
/// in place, not through a `memcmp` call.
fn short_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

impl View<'_> {
    #[inline]
    pub(crate) fn s(&self, i: usize) -> &str {
        self.tokens[i].span().slice(self.text)
    }

    #[inline]
    pub(crate) fn is_punct(&self, i: usize, p: &str) -> bool {
        self.tokens[i].kind == TokKind::Punct && short_eq(self.s(i), p)
    }

    fn is_dash(&self, i: usize) -> bool {
        self.tokens[i].kind == TokKind::Punct && matches!(self.s(i), "—" | "–" | "--" | "-")
    }

    /// A word that may sit inside a speaker phrase.
    fn np_word(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        if t.kind != TokKind::Word || t.in_quote.is_some() {
            return false;
        }
        if t.cap
            && matches!(t.class, Class::Aux | Class::Adverb | Class::Month)
            && self.tokens.get(i + 1).is_some_and(|n| {
                n.cap && n.kind == TokKind::Word && n.para == t.para && n.class == Class::Other
            })
        {
            // "Will Rogers", "May Chen", "Long Nguyen": a first name that is
            // also a function word.
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

    /// A word that can end (head) a speaker phrase.
    fn np_head(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        if t.possessive || !self.np_word(i) {
            return false;
        }
        t.cap || t.class.is_np_head()
    }

    /// Skips adverbs, auxiliaries and time adjuncts leftwards from `i`
    /// ("Peskov on Wednesday dismissed", "Russia has repeatedly stated",
    /// "was quoted as saying"); returns the new index (may be `< lo`).
    pub(crate) fn skip_adjuncts_left(&self, mut i: isize, lo: usize) -> isize {
        let lo = lo as isize;
        let mut steps = 0;
        while i >= lo && steps < 8 {
            let t = &self.tokens[i as usize];
            let s = self.s(i as usize);
            // "Sen. Bernie Sanders (I-Vt.) said": a short parenthesis.
            if s == ")" && t.kind == TokKind::Punct {
                let open = (lo.max(i - 5)..i)
                    .rev()
                    .find(|&k| self.s(k as usize) == "(");
                if let Some(k) = open {
                    i = k - 1;
                    steps += 1;
                    continue;
                }
            }
            let skip = match t.class {
                Class::Aux | Class::Adverb => !t.cap || i == lo,
                Class::Weekday | Class::TimeWord => true,
                Class::Month => true,
                _ => {
                    t.kind == TokKind::Number
                        || (matches!(s, "quoted" | "as" | "on" | "late" | "early" | "this")
                            && steps > 0)
                }
            };
            if !skip || t.in_quote.is_some() {
                break;
            }
            i -= 1;
            steps += 1;
        }
        i
    }

    /// The speaker phrase ending at token `j` (inclusive), not before `lo`;
    /// "the Center for … Studies in Washington" is the organisation, not
    /// the place.
    pub(crate) fn np_left(&self, j: isize, lo: usize) -> Option<Mention> {
        let m = self.np_left_simple(j, lo)?;
        let s = m.tokens.0;
        // "officials involved in the talks", "people familiar with the
        // matter", "sources close to the campaign": the descriptor before
        // the post-modifier is the speaker.
        if s >= lo + 3
            && self.tokens[s - 1].class == Class::Prep
            && matches!(
                self.s(s - 2),
                "involved"
                    | "familiar"
                    | "close"
                    | "briefed"
                    | "knowledgeable"
                    | "speaking"
                    | "connected"
                    | "allied"
                    | "loyal"
                    | "opposed"
                    | "sympathetic"
            )
            && let Some(head) = self.np_left_simple(s as isize - 3, lo)
            && head.kind == MentionKind::Descriptor
        {
            let mut out = head.through(&m);
            out.role = None;
            return Some(out);
        }
        // "officials in Kyiv", "Farmers from Iowa", "the governor of
        // Texas", "a spokeswoman for Smith": a name after a descriptor or
        // group says where the speakers are or whom they speak for.
        if m.kind == MentionKind::Name
            && s >= lo + 2
            && let Some(group) = self.np_left_simple(s as isize - 2, lo)
            && match self.s(s - 1) {
                "in" | "from" => {
                    group.kind == MentionKind::Descriptor
                        || (group.kind == MentionKind::Name && looks_plural(self.s(s - 2)))
                }
                "of" | "for" | "to" => group.kind == MentionKind::Descriptor,
                _ => false,
            }
        {
            let mut group = group.through(&m);
            group.plural |= looks_plural(self.s(s - 2));
            return Some(group);
        }
        if m.kind == MentionKind::Name
            && s >= lo + 2
            && matches!(self.s(s - 1), "in" | "at" | "from")
            && let Some(org) = self.np_left_simple(s as isize - 2, lo)
            && org.kind == MentionKind::Name
            && self.tokens[org.tokens.0..org.tokens.1]
                .iter()
                .any(|t| t.class == Class::OrgWord)
        {
            return Some(org.through(&m));
        }
        Some(m)
    }

    /// "Republicans who oppose the bill [argue]": when the phrase that
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
            if self.s(k) == "who" {
                let a = self.np_left(k as isize - 1, lo)?;
                return (!matches!(a.kind, MentionKind::Pronoun(_))).then_some(a);
            }
        }
        None
    }

    fn np_left_simple(&self, j: isize, lo: usize) -> Option<Mention> {
        let m = self.np_left_core(j, lo)?;
        // "engineer Hana Ito": a common noun outside the lexicon, right
        // before a name and right after a boundary, is its title.
        let s = m.tokens.0;
        if m.kind == MentionKind::Name && m.role.is_none() && s > lo {
            let mut k = s;
            while k > lo && s - k < 2 {
                let t = &self.tokens[k - 1];
                if t.kind == TokKind::Word
                    && !t.cap
                    && t.class == Class::Other
                    && t.cue.is_none()
                    && t.in_quote.is_none()
                {
                    k -= 1;
                } else {
                    break;
                }
            }
            let boundary = k == lo
                || matches!(self.tokens[k - 1].kind, TokKind::Punct | TokKind::QuoteMark)
                || self.tokens[k - 1].class == Class::Det;
            if k < s && boundary {
                let mut out = m;
                out.span = Span::new(self.tokens[k].span().start, m.span.end);
                out.tokens = (k, m.tokens.1);
                out.role = Some(Span::new(
                    self.tokens[k].span().start,
                    self.tokens[s - 1].span().end,
                ));
                return Some(out);
            }
        }
        Some(m)
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
        let mut s = j;
        while s > lo && j - s < 12 {
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
                s = k;
                break;
            }
            if is_name_connector(self.s(k))
                && k > lo
                && self.tokens[k - 1].cap
                && self.tokens[s].cap
            {
                s = k - 1;
                continue;
            }
            break;
        }
        // Only a common-noun head takes them: "met Mr. Kamin" is a verb and
        // a name.
        let s = if self.tokens[j].cap {
            s
        } else {
            self.plain_modifiers_left(s, lo)
        };
        Some(self.mention(s, j + 1))
    }

    /// "the state budget office": common nouns outside the lexicon that
    /// modify the head are part of the phrase when a determiner opens it;
    /// without one ("raise taxes office") they are not.
    fn plain_modifiers_left(&self, s: usize, lo: usize) -> usize {
        if self.tokens[s].class == Class::Det {
            return s;
        }
        let mut k = s;
        while k > lo && s - k < 3 && (self.modifier_noun(k - 1) || self.np_word(k - 1)) {
            k -= 1;
        }
        let det = k < s && k > lo && (k..s).any(|m| self.modifier_noun(m)) && {
            let t = &self.tokens[k - 1];
            t.class == Class::Det && t.kind == TokKind::Word && t.in_quote.is_none()
        };
        if det { k - 1 } else { s }
    }

    fn modifier_noun(&self, k: usize) -> bool {
        let t = &self.tokens[k];
        t.kind == TokKind::Word
            && !t.cap
            && !t.possessive
            && t.class == Class::Other
            && t.cue.is_none()
            && t.in_quote.is_none()
            // "The bill angered business leaders": a verb or an adverb
            // is not a modifier of the head.
            && !matches!(self.s(k).as_bytes(), [.., b'e', b'd'] | [.., b'l', b'y'])
    }

    /// A lower-case common noun outside every lexicon class.
    fn plain_noun(&self, k: usize) -> bool {
        self.tokens[k].is_plain_word()
    }

    /// "a bartender", "The GOP front-runner": a common noun outside the
    /// lexicon heads a speaker phrase when a determiner opens it closely.
    fn det_phrase_left(&self, j: usize, lo: usize) -> Option<Mention> {
        let t = &self.tokens[j];
        if t.kind != TokKind::Word
            || t.cap
            || t.possessive
            || t.cue.is_some()
            || t.class != Class::Other
            || t.in_quote.is_some()
        {
            return None;
        }
        let mut k = j;
        while k > lo && j - k < 4 {
            k -= 1;
            let tk = &self.tokens[k];
            if tk.kind != TokKind::Word || tk.in_quote.is_some() {
                return None;
            }
            if tk.class == Class::Det {
                return Some(self.mention(k, j + 1));
            }
            // "Friends, lobbyists and former foes say": a bare plural
            // closing a list of nouns that opens the clause speaks for the
            // whole list.
            if self.s(k) == "and" && k < j && looks_plural(self.s(j)) {
                return self.noun_list_left(k, lo).map(|s| self.mention(s, j + 1));
            }
            let ok = self.np_word(k)
                || tk.possessive
                || (!tk.cap && tk.class == Class::Other && tk.cue.is_none());
            if !ok {
                return None;
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

    /// The start of a list of plain noun phrases ("Friends, lobbyists")
    /// ending right before the "and" at `and`, when the list opens the
    /// clause at `lo`.
    fn noun_list_left(&self, and: usize, lo: usize) -> Option<usize> {
        let mut k = and;
        while k > lo && and - k < 10 {
            let t = &self.tokens[k - 1];
            let listed = t.in_quote.is_none()
                && (self.is_punct(k - 1, ",")
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

    /// The speaker phrase starting at token `i`, not reaching `hi`.
    pub(crate) fn np_right(&self, i: usize, hi: usize) -> Option<Mention> {
        if i >= hi {
            return None;
        }
        if let Class::Pronoun(p) = self.tokens[i].class
            && self.tokens[i].in_quote.is_none()
            && !self.tokens[i].possessive
        {
            return Some(self.pronoun(i, p));
        }
        let mut e = i;
        if self.tokens[i].class == Class::Det && self.tokens[i].kind == TokKind::Word {
            e += 1;
        }
        // "law enforcement officials": common nouns outside the lexicon
        // before a role or group noun modify it.
        let mut m = e;
        while m < hi && m - e < 3 && self.modifier_noun(m) {
            m += 1;
        }
        if m > e && m < hi && self.np_head(m) && !self.tokens[m].cap {
            e = m;
        }
        let mut last_head = None;
        while e < hi && e - i < 12 {
            if self.np_word(e) || self.tokens[e].possessive {
                if self.np_head(e) {
                    last_head = Some(e);
                }
                e += 1;
                continue;
            }
            if is_name_connector(self.s(e))
                && last_head.is_some_and(|h| h + 1 == e)
                && self.tokens[e - 1].cap
            {
                e += 1;
                continue;
            }
            break;
        }
        // "said lobbyist and GOP strategist Charlie Black": two titles
        // joined by "and" before one name make one role of that name.
        if e + 1 < hi
            && self.s(e) == "and"
            && last_head.is_some_and(|h| h + 1 == e && !self.tokens[h].cap)
            && let Some(n) = self.np_right(e + 1, hi)
            && n.kind == MentionKind::Name
            && n.role.is_some()
            && !n.role_from_apposition
        {
            e = n.tokens.1;
            last_head = Some(e - 1);
        }
        // "a German user": after a determiner, a common noun outside the
        // lexicon may head the phrase.
        if last_head.is_none() && e > i && self.tokens[i].class == Class::Det {
            let mut k = e;
            while k < hi && k - i < 5 {
                let t = &self.tokens[k];
                let common = t.kind == TokKind::Word
                    && !t.cap
                    && t.class == Class::Other
                    && t.cue.is_none()
                    && t.in_quote.is_none();
                // "The inspectors checked …": a past form after a plural
                // noun is the verb, not part of the phrase.
                let verb_after_plural =
                    common && k > e && self.s(k).ends_with("ed") && looks_plural(self.s(k - 1));
                if verb_after_plural {
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
        }
        let mut head = last_head?;
        // "one former GOP leadership aide", "Cruz constituent Dan Golvach":
        // common nouns outside the lexicon between a name and the real head.
        if head + 1 == e {
            let mut k = e;
            while k < hi && k - e < 3 && self.plain_noun(k) {
                k += 1;
            }
            if k > e && k < hi && !self.tokens[k].possessive && self.np_head(k) {
                let mut n = k + 1;
                while n < hi && n - k < 4 && self.tokens[n].cap && self.np_word(n) {
                    n += 1;
                }
                head = n - 1;
            }
        }
        // "a source involved in the talks": a post-modifier after a
        // common-noun head.
        if !self.tokens[head].cap
            && head + 3 < hi
            && matches!(
                self.s(head + 1),
                "involved" | "familiar" | "close" | "briefed" | "knowledgeable"
            )
            && self.tokens[head + 2].class == Class::Prep
            && let Some(pp) = self.np_right(head + 3, hi)
        {
            head = pp.tokens.1 - 1;
        }
        // "a spokeswoman for Trump hotels", "a longtime adviser to Trump":
        // one prepositional phrase after a common-noun head.
        if !self.tokens[head].cap
            && head + 2 < hi
            && matches!(self.s(head + 1), "for" | "of" | "to" | "at" | "with")
            && let Some(pp) = self.np_right(head + 2, hi)
            && pp.kind == MentionKind::Name
        {
            head = pp.tokens.1 - 1;
        }
        let mut m = self.mention(i, head + 1);
        // "said the Kremlin spokesman, Dmitry Peskov": descriptor, then name.
        if m.kind == MentionKind::Descriptor
            && head + 2 < hi
            && self.is_punct(head + 1, ",")
            && let Some(n) = self.np_right(head + 2, hi)
            && n.kind == MentionKind::Name
            // "police, the account of Acme": a phrase that only ends in a
            // name is not the descriptor's name.
            && self.tokens[n.tokens.0].cap
            // "According to the report, Trump holds …": a name that a verb
            // follows opens the next clause.
            && (n.tokens.1 >= hi || self.tokens[n.tokens.1].kind != TokKind::Word)
        {
            let role = self.strip_det(m.tokens);
            m = n;
            m.role = Some(role);
            m.role_from_apposition = true;
        }
        Some(m)
    }

    /// "his claim", "their warning": a possessive determiner names its
    /// owner the way a pronoun names a speaker.
    pub(crate) fn possessive_determiner(&self, i: usize) -> Option<Mention> {
        let p = match self.s(i) {
            "his" | "His" => Pron::He,
            "her" | "Her" => Pron::She,
            "their" | "Their" => Pron::They,
            "our" | "Our" => Pron::We,
            "my" | "My" => Pron::I,
            _ => return None,
        };
        (self.tokens[i].in_quote.is_none()).then(|| self.pronoun(i, p))
    }

    fn pronoun(&self, i: usize, p: Pron) -> Mention {
        Mention {
            span: self.tokens[i].span(),
            tokens: (i, i + 1),
            kind: MentionKind::Pronoun(p),
            name: None,
            role: None,
            role_from_apposition: false,
            plural: matches!(p, Pron::They | Pron::We),
        }
    }

    /// Span of tokens `range` without a leading determiner.
    fn strip_det(&self, (s, e): (usize, usize)) -> Span {
        let mut s = s;
        while s + 1 < e && self.tokens[s].class == Class::Det {
            s += 1;
        }
        Span::new(self.tokens[s].span().start, self.tokens[e - 1].span().end)
    }

    /// Builds a mention from tokens `[s, e)`, splitting name and role.
    fn mention(&self, s: usize, e: usize) -> Mention {
        let span = Span::new(self.tokens[s].span().start, self.tokens[e - 1].span().end);
        let head = &self.tokens[e - 1];
        let plural = !head.cap && looks_plural(self.s(e - 1));
        if !head.cap {
            return Mention {
                span,
                tokens: (s, e),
                kind: MentionKind::Descriptor,
                name: None,
                role: Some(self.strip_det((s, e))),
                role_from_apposition: false,
                plural,
            };
        }
        // The last title word followed by a capitalised name splits role and name.
        let mut title_end = None;
        for k in s..e - 1 {
            if self.tokens[k].class == Class::Title && self.tokens[k + 1].cap {
                title_end = Some(k);
            }
        }
        let mut name_start = title_end.map_or(s, |k| k + 1);
        // Skip determiners, possessives and "Washington-based" modifiers.
        while name_start + 1 < e {
            let t = &self.tokens[name_start];
            let w = self.s(name_start);
            let hyphen_modifier = w
                .rsplit_once('-')
                .is_some_and(|(_, b)| b.chars().next().is_some_and(char::is_lowercase));
            if t.class == Class::Det || t.possessive || !t.cap || hyphen_modifier {
                name_start += 1;
            } else {
                break;
            }
        }
        let role = title_end.map(|k| {
            let mut rs = s;
            while rs < k && self.tokens[rs].class == Class::Det {
                rs += 1;
            }
            Span::new(self.tokens[rs].span().start, self.tokens[k].span().end)
        });
        Mention {
            span,
            tokens: (s, e),
            kind: MentionKind::Name,
            name: Some(Span::new(
                self.tokens[name_start].span().start,
                self.tokens[e - 1].span().end,
            )),
            role,
            role_from_apposition: false,
            plural: false,
        }
    }

    /// "NAME, APPOSITION, said" / "NAME — APPOSITION — said": `j` is the
    /// comma or dash right before the cue.
    pub(crate) fn apposition_left(&self, j: usize, lo: usize) -> Option<Mention> {
        let comma = self.s(j);
        let min = j.saturating_sub(30).max(lo);
        let mut k = j;
        while k > min {
            k -= 1;
            let t = &self.tokens[k];
            // A stray apostrophe ("Sanders' campaign manager") is no quotation.
            if t.in_quote.is_some() || t.cue.is_some() {
                return None;
            }
            if t.kind == TokKind::Punct
                && (self.s(k) == comma || (self.is_dash(j) && self.is_dash(k)))
            {
                break;
            }
        }
        if k <= min || k + 1 >= j {
            return None;
        }
        let mut m = self.np_left(k as isize - 1, lo)?;
        if m.kind == MentionKind::Descriptor {
            // "Ryan’s spokeswoman, AshLee Strong, said": role, then name.
            let mut n = self.np_right(k + 1, j)?;
            if n.kind != MentionKind::Name || n.tokens.1 != j {
                return None;
            }
            n.role = Some(self.strip_det(m.tokens));
            n.role_from_apposition = true;
            // The role phrase is part of the speaker, not of a content
            // that ends before it.
            n.span = Span::new(m.span.start, n.span.end);
            n.tokens.0 = m.tokens.0;
            return Some(n);
        }
        if m.kind != MentionKind::Name {
            return None;
        }
        let first = &self.tokens[k + 1];
        let relative = first.class == Class::Conj;
        // "Paul, R-Ky., told": a short capitalised apposition is a label.
        let short = j - (k + 1) <= 3;
        if !relative
            && !short
            && (first.cap && first.class != Class::Det)
            && !first.class.is_np_inner()
        {
            // "Smith, Jones and Brown said": a list, not an apposition.
            return None;
        }
        if !relative {
            m.role = Some(self.strip_det((k + 1, j)));
            m.role_from_apposition = true;
        }
        Some(m)
    }

    /// "said Dan Gerstein, director of Gotham Ghostwriters.": the role in
    /// an apposition after an inverted speaker's name, which runs to the
    /// next comma or the sentence end (at most 24 tokens). A relative
    /// clause (", who …"), a participle (", adding …") or a clause with its
    /// own subject pronoun is no apposition.
    pub(crate) fn apposition_right(&self, mut m: Mention, e: usize) -> Mention {
        let comma = m.tokens.1;
        if m.kind != MentionKind::Name
            || m.role.is_some()
            || comma + 1 >= e
            || !self.is_punct(comma, ",")
        {
            return m;
        }
        let first = &self.tokens[comma + 1];
        let opens_role = first.kind == TokKind::Word
            && first.in_quote.is_none()
            && first.cue.is_none()
            && !matches!(
                first.class,
                Class::Pronoun(_) | Class::Conj | Class::Aux | Class::That
            )
            && !self.s(comma + 1).ends_with("ing");
        if !opens_role {
            return m;
        }
        let lim = (comma + 25).min(e);
        let end = (comma + 1..lim).find(|&k| {
            let t = &self.tokens[k];
            t.kind == TokKind::QuoteMark
                || t.cue.is_some()
                || (t.kind == TokKind::Punct && matches!(self.s(k), "," | "." | ";" | "(" | ":"))
        });
        let end = match end {
            Some(k) if self.tokens[k].kind == TokKind::Punct => k,
            None if lim == e => e,
            _ => return m,
        };
        if end > comma + 1 {
            m.role = Some(self.strip_det((comma + 1, end)));
            m.role_from_apposition = true;
        }
        m
    }

    /// A group subject right before the cue at `c`: a quantity ("43",
    /// "about 9 percent") or a determiner standing alone ("Another",
    /// "Some", "Many") after a boundary. It names no one, so it has no role.
    pub(crate) fn group_left(&self, c: usize, lo: usize) -> Option<Mention> {
        if c == 0 || c - 1 < lo {
            return None;
        }
        let j = c - 1;
        let t = &self.tokens[j];
        // "Many in the crowd", "Several of the drivers", "Half of the
        // voters": a group word before a short prepositional phrase.
        if let Some(p) = (j.saturating_sub(6).max(lo + 1)..j)
            .rev()
            .find(|&p| matches!(self.s(p), "of" | "in" | "among"))
            && (p + 1..c).all(|k| {
                let t = &self.tokens[k];
                matches!(t.kind, TokKind::Word | TokKind::Number)
                    && t.in_quote.is_none()
                    && t.cue.is_none_or(|l| l == Lemma::LEARNED)
                    && !matches!(
                        t.class,
                        Class::Prep | Class::Conj | Class::That | Class::Aux
                    )
            })
            && let Some(g) = self.group_left(p, lo)
        {
            return Some(self.group_mention(g.tokens.0, c));
        }
        let boundary = |k: usize| {
            k == lo
                || matches!(self.tokens[k - 1].kind, TokKind::Punct | TokKind::QuoteMark)
                || self.tokens[k - 1].class == Class::Conj
        };
        let mut start =
            if self.s(j) == "percent" && j > lo && self.tokens[j - 1].kind == TokKind::Number {
                j - 1
            } else if t.kind == TokKind::Number && t.in_quote.is_none() {
                j
            } else if t.kind == TokKind::Word
                && t.in_quote.is_none()
                && matches!(
                    lower_ascii(self.s(j)).as_str(),
                    "another"
                        | "one"
                        | "others"
                        | "some"
                        | "many"
                        | "most"
                        | "several"
                        | "both"
                        | "half"
                        | "majority"
                )
                && boundary(j)
            {
                return Some(self.group_mention(j, c));
            } else {
                return None;
            };
        // "about 9 percent", "a mere 9 percent", "nearly 40".
        while start > lo
            && c - start < 6
            && matches!(
                lower_ascii(self.s(start - 1)).as_str(),
                "about" | "nearly" | "almost" | "only" | "just" | "roughly" | "mere" | "a" | "some"
            )
        {
            start -= 1;
        }
        boundary(start).then(|| self.group_mention(start, c))
    }

    /// "however," / "meanwhile," / "too,": one discourse word set off by
    /// commas at token `k`.
    fn aside_word(&self, k: usize, e: usize) -> bool {
        k + 1 < e
            && self.is_punct(k + 1, ",")
            && self.tokens[k].kind == TokKind::Word
            && matches!(self.tokens[k].class, Class::Conj | Class::Adverb)
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

    fn group_mention(&self, s: usize, e: usize) -> Mention {
        Mention {
            span: Span::new(self.tokens[s].span().start, self.tokens[e - 1].span().end),
            tokens: (s, e),
            kind: MentionKind::Descriptor,
            name: None,
            role: None,
            role_from_apposition: false,
            plural: true,
        }
    }

    /// The subject of the sentence `[s, e)`: the first phrase after leading
    /// connectives and an introductory adverbial ("On Tuesday, …").
    pub(crate) fn subject(&self, s: usize, e: usize) -> Option<Mention> {
        let mut i = s;
        // A dateline: "KYIV —".
        let mut d = s;
        while d < e && d - s < 4 && is_upper_word(self.s(d)) {
            d += 1;
        }
        if d > s && d < e && self.is_dash(d) {
            i = d + 1;
        }
        while i < e
            && (matches!(self.tokens[i].class, Class::Conj | Class::Adverb)
                || self.tokens[i].kind == TokKind::QuoteMark)
        {
            i += 1;
        }
        // An introductory phrase ("On Tuesday,", "Here in Columbia,",
        // "Earlier this week,") ends at the first comma.
        // A headline in capitals has no subject to offer.
        if i + 1 < e && is_upper_word(self.s(i)) && is_upper_word(self.s(i + 1)) {
            return None;
        }
        let intro = i < e
            && (matches!(
                self.tokens[i].class,
                Class::Prep | Class::TimeWord | Class::Weekday | Class::Month
            ) || (self.tokens[i].cap && self.s(i).ends_with("ing"))
                || self.np_right(i, e).is_none_or(|m| {
                    // "Sanders, who …" is a subject with its relative clause,
                    // "Smith, however, said" one with an aside.
                    m.tokens.1 < e
                        && self.is_punct(m.tokens.1, ",")
                        && m.tokens.1 - i == 1
                        && !(m.tokens.1 + 1 < e && self.s(m.tokens.1 + 1) == "who")
                        && !self.aside_word(m.tokens.1 + 1, e)
                }));
        if intro {
            let lim = (i + 14).min(e);
            let comma = (i..lim).find(|&k| self.is_punct(k, ","))?;
            i = comma + 1;
        }
        self.np_right(i, e)
    }
}

/// All letters upper case ("ISW", "U.S.").
pub(crate) fn is_upper_word(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}
