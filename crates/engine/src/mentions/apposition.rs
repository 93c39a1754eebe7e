//! Roles set off beside a name by commas or dashes: "Valery Gerasimov,
//! head of the Russian military, said", "Ryan’s spokeswoman, AshLee
//! Strong, said", "said Dan Gerstein, director of Gotham Ghostwriters",
//! "said the Kremlin spokesman, Dmitry Peskov".
//!
//! An apposition states a role more fully than a title before a name does,
//! so its role is marked `role_from_apposition` and outranks a bare title
//! when the resolution stage picks an entity's role. The rules here also
//! tell an apposition from what only looks like one: a list ("Smith, Jones
//! and Brown said"), a relative clause (", who …") or a participle
//! (", adding …"). An age set off after the name ("Jane Roe, 45, a
//! professor of biology, said") is skipped: it is neither a role nor the
//! end of the name's phrase.

use super::affiliation::is_affiliation_preposition;
use super::{Mention, MentionKind, View};
use crate::Span;
use crate::lexicon::{Class, looks_participle, words};
use crate::text::{Punct, TokKind, Token, age_after};

/// An apposition before a cue is looked for at most this many tokens back.
const MAX_APPOSITION_LEFT: usize = 30;

/// An apposition after a name spans at most this many tokens.
const MAX_APPOSITION_RIGHT: usize = 24;

/// A label in parentheses after a name ("(R-Ohio)") spans at most this many
/// tokens.
const MAX_LABEL: usize = 6;

impl View<'_> {
    /// "NAME, APPOSITION, said" / "NAME — APPOSITION — said": `j` is the
    /// comma or dash right before the cue.
    pub(crate) fn apposition_left(&self, j: usize, lo: usize) -> Option<Mention> {
        let j = self.first_of_doubled_mark(j, lo);
        let min = j.saturating_sub(MAX_APPOSITION_LEFT).max(lo);
        let k = self.opening_mark_left(j, min)?;
        let k = self.residence_start(k, j, lo);
        if k <= min || k + 1 >= j {
            return None;
        }
        // "Tom Vale, 54, said": only an age is set off; the name speaks.
        if age_after(self.tokens, self.text, k) == Some(j) {
            return self
                .np_left(k as isize - 1, lo)
                .filter(|m| m.kind == MentionKind::Name);
        }
        let name_end = self.before_label(self.before_age_and_residence(k, lo), lo);
        let m = self.np_left(name_end as isize - 1, lo)?;
        match m.kind {
            MentionKind::Descriptor => self.name_after_role(m, k, j),
            MentionKind::Name => self.name_with_role_after(m, k, j),
            MentionKind::Pronoun(_) => None,
        }
    }

    /// "Jane Roe, speaking to reporters on Tuesday, said", "Jane Roe,
    /// during a visit to Elm Park, Ohio, said": a participle or
    /// prepositional phrase set off by commas between a subject and its cue
    /// is an aside, and the phrase before it speaks. `j` is the comma right
    /// before the cue; the aside opens at a comma before a lower-case
    /// "-ing" word or preposition, at most [`MAX_APPOSITION_LEFT`] tokens
    /// back, with no quotation in it. Inside the aside only a place's
    /// state or country may be set off ("in Elm Park, Ohio,": see
    /// [`View::state_after_place`]).
    pub(crate) fn aside_left(&self, j: usize, lo: usize) -> Option<Mention> {
        let min = j.saturating_sub(MAX_APPOSITION_LEFT).max(lo);
        let mut end = j;
        let k = loop {
            let k = (min + 1..end)
                .rev()
                .take_while(|&k| self.tokens[k].in_quote.is_none())
                .find(|&k| self.tokens[k].is_comma())?;
            if self.opens_aside(k + 1) {
                break k;
            }
            if self.state_after_place(k, end) != Some(end) {
                return None;
            }
            end = k;
        };
        if k + 2 >= j {
            return None;
        }
        self.np_left(k as isize - 1, lo)
            .filter(|m| !matches!(m.kind, MentionKind::Pronoun(_)))
    }

    /// Token `k` opens an aside: a lower-case "-ing" word ("speaking"),
    /// preposition ("during") or past participle ("asked about …"), or a
    /// subordinator before a participle ("when asked …"), outside
    /// quotations.
    fn opens_aside(&self, k: usize) -> bool {
        let lower_word = |k: usize| {
            self.tokens
                .get(k)
                .is_some_and(|t| t.kind == TokKind::Word && !t.cap && t.in_quote.is_none())
        };
        let participle = |k: usize| self.s(k).ends_with("ing") || looks_participle(self.s(k));
        lower_word(k)
            && (participle(k)
                || self.tokens[k].class == Class::Prep
                || (words::is_subordinators(self.s(k)) && lower_word(k + 1) && participle(k + 1)))
    }

    /// "Jane Roe, a professor at the institute, , said": a mark written
    /// twice closes the apposition at its first copy; returns that one.
    fn first_of_doubled_mark(&self, j: usize, lo: usize) -> usize {
        let mut j = j;
        while j > lo + 1 && self.tokens[j - 1].punct() == self.tokens[j].punct() {
            j -= 1;
        }
        j
    }

    /// "Jane Roe, 45, a professor of biology, said", "Tom Vale, 61, of
    /// Elm Park, Ohio, who …, said": where the name ends when the comma at
    /// `k` closes what wire copy sets off between a name and its
    /// apposition — an age, a residence ("of Elm Park", "from Elm Park")
    /// and the state or country after it — else `k`.
    fn before_age_and_residence(&self, k: usize, lo: usize) -> usize {
        let mut k = k;
        loop {
            let Some(c) = self.comma_before(k, lo) else {
                return k;
            };
            if age_after(self.tokens, self.text, c) == Some(k) || self.residence(c + 1, k) {
                k = c;
                continue;
            }
            // ", of Elm Park, Ohio,": a place after a residence.
            match self.comma_before(c, lo) {
                Some(b) if self.capitalised_run(c + 1, k) && self.residence(b + 1, c) => k = b,
                _ => return k,
            }
        }
    }

    /// "Rep. Jim Jordan (R-Ohio), an oversight panel member, said": where
    /// the name ends when a short label in parentheses stands between it
    /// and the mark at `k` (the opening parenthesis), else `k`.
    fn before_label(&self, k: usize, lo: usize) -> usize {
        if k <= lo + 1 || self.tokens[k - 1].punct() != Some(Punct::CloseParen) {
            return k;
        }
        let min = k.saturating_sub(MAX_LABEL + 2).max(lo);
        (min..k - 1)
            .rev()
            .take_while(|&o| self.tokens[o].in_quote.is_none())
            .find(|&o| self.tokens[o].punct() == Some(Punct::OpenParen))
            .filter(|&o| o > lo)
            .unwrap_or(k)
    }

    /// ", of Elm Park, Ohio, said": when the apposition `(k, j)` is a
    /// place after a residence, the comma that opens the residence (the
    /// two are one apposition); else `k`.
    fn residence_start(&self, k: usize, j: usize, lo: usize) -> usize {
        match self.comma_before(k, lo) {
            Some(b)
                if self.tokens[k].is_comma()
                    && self.capitalised_run(k + 1, j)
                    && self.residence(b + 1, k) =>
            {
                b
            }
            _ => k,
        }
    }

    /// The comma that opens the segment closed by the comma at `k`: a
    /// segment of at most five tokens, after `lo`.
    fn comma_before(&self, k: usize, lo: usize) -> Option<usize> {
        let min = k.saturating_sub(6).max(lo + 1);
        (min..k).rev().find(|&c| self.tokens[c].is_comma())
    }

    /// "of Elm Park", "from Elm Park": a residence preposition and a
    /// capitalised run filling `[s, e)`.
    fn residence(&self, s: usize, e: usize) -> bool {
        s + 1 < e
            && is_affiliation_preposition(self.tokens, self.text, s)
            && self.capitalised_run(s + 1, e)
    }

    /// `[s, e)` is one to four capitalised tokens, words or marks, outside
    /// quotations ("Ohio", "N.C.", "New South Wales").
    fn capitalised_run(&self, s: usize, e: usize) -> bool {
        (1..=4).contains(&e.saturating_sub(s))
            && self.tokens[s..e].iter().all(|t| {
                t.cap && t.in_quote.is_none() && matches!(t.kind, TokKind::Word | TokKind::Punct)
            })
    }

    /// The comma or dash that opens the apposition closed by the mark at
    /// `j` (the same mark, or any dash for a dash), searched back to `min`;
    /// `None` at a quotation or a cue on the way. Returns `min` when no
    /// mark is found.
    fn opening_mark_left(&self, j: usize, min: usize) -> Option<usize> {
        let comma = self.s(j);
        let mut k = j;
        while k > min {
            k -= 1;
            let t = &self.tokens[k];
            // A stray apostrophe ("Sanders' campaign manager") is no quotation.
            if t.in_quote.is_some() || (t.cue.is_some() && !self.modifies_noun(k)) {
                return None;
            }
            if t.kind == TokKind::Punct
                && (self.s(k) == comma || (self.is_dash(j) && self.is_dash(k)))
            {
                break;
            }
        }
        Some(k)
    }

    /// "a creative writing professor", "the speaking fee": an "-ing" cue
    /// at `k` between a word of its noun phrase and a lower-case noun modifies
    /// that noun; it starts no frame an apposition would cross.
    fn modifies_noun(&self, k: usize) -> bool {
        let Some(prev) = k.checked_sub(1).map(|p| &self.tokens[p]) else {
            return false;
        };
        let next = self.tokens.get(k + 1);
        let noun = |t: &Token| {
            t.kind == TokKind::Word
                && !t.cap
                && t.in_quote.is_none()
                && t.cue.is_none()
                && (t.class == Class::Other || t.class.is_np_inner())
        };
        self.s(k).ends_with("ing")
            && prev.kind == TokKind::Word
            && matches!(prev.class, Class::Det | Class::Other | Class::RoleMod)
            && next.is_some_and(noun)
    }

    /// "Ryan’s spokeswoman, AshLee Strong, said": the descriptor `role`
    /// before the mark at `k`, then the name that fills the apposition up
    /// to `j`.
    fn name_after_role(&self, role: Mention, k: usize, j: usize) -> Option<Mention> {
        // "Jane Roe, during a visit to Elm Park, Ohio, said": a phrase
        // after a preposition is its object, no subject; the name after it
        // is a place.
        if self.follows_preposition(role.tokens.0) {
            return None;
        }
        let mut n = self.np_right(k + 1, j)?;
        if n.kind != MentionKind::Name || n.tokens.1 != j {
            return None;
        }
        n.role = Some(self.strip_det(role.tokens));
        n.role_from_apposition = true;
        // The role phrase is part of the speaker, not of a content
        // that ends before it.
        n.span = Span::new(role.span.start, n.span.end);
        n.tokens.0 = role.tokens.0;
        Some(n)
    }

    /// The token before `s` is a lower-case preposition that opens a
    /// phrase of its own: after a mark, an "-ing" word or an adverb ("Jane
    /// Roe, during a visit to …", "speaking later at a rally in …"), not
    /// after a noun it modifies ("a delegate on the slate, Jim Poolman,",
    /// "chief of staff, Joe Kasper,").
    fn follows_preposition(&self, s: usize) -> bool {
        let Some(p) = s.checked_sub(1) else {
            return false;
        };
        let prep = &self.tokens[p];
        let opens = p.checked_sub(1).is_none_or(|b| match self.tokens[b].kind {
            TokKind::Punct => true,
            TokKind::Word => self.s(b).ends_with("ing") || self.tokens[b].class.opens_adjunct(),
            _ => false,
        });
        prep.class == Class::Prep && !prep.cap && opens
    }

    /// "Valery Gerasimov, head of the Russian military, said": the name
    /// `m` before the mark at `k`, with the apposition up to `j` as its
    /// role; `None` for a list of names.
    fn name_with_role_after(&self, mut m: Mention, k: usize, j: usize) -> Option<Mention> {
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
            self.set_apposition_role(&mut m, k + 1, self.role_end(k + 1, j));
        }
        Some(m)
    }

    /// Gives `m` the role of the apposition `[s, e)`. One that is only a
    /// prepositional phrase ("Jane Roe, 45, of Springfield", "Professor
    /// Jane Roe, from Kite University") says where the person lives or
    /// works: it ranks as a title, not an apposition, and leaves a title
    /// before the name in place; any other ("…, with her son in tow,")
    /// is no role. A partitive ("Council member Ann Lee, one of three
    /// members who …") leaves a title before the name in place too.
    fn set_apposition_role(&self, m: &mut Mention, s: usize, e: usize) {
        let prepositional = self.tokens[s].class == Class::Prep;
        let affiliation = is_affiliation_preposition(self.tokens, self.text, s);
        if prepositional && (m.role.is_some() || !affiliation) {
            return;
        }
        if m.role.is_some() && self.is_partitive(s) {
            return;
        }
        m.role = Some(self.strip_det((s, e)));
        m.role_from_apposition = !prepositional;
    }

    /// Where the role of an apposition `[s, e)` ends: before a relative
    /// clause inside it ("a scholar at the institute who studies
    /// elections"), which describes the person rather than naming a role.
    fn role_end(&self, s: usize, e: usize) -> usize {
        (s + 1..e).find(|&k| self.relative_word(k)).unwrap_or(e)
    }

    /// A relative word ("who", "which", "whose") at token `k`, outside
    /// quotations.
    pub(crate) fn relative_word(&self, k: usize) -> bool {
        let t = &self.tokens[k];
        t.kind == TokKind::Word && t.in_quote.is_none() && words::is_describing_relatives(self.s(k))
    }

    /// "said Dan Gerstein, director of Gotham Ghostwriters.": the role in
    /// an apposition after an inverted speaker's name, which runs to the
    /// next comma, the sentence end (at most 24 tokens) or a relative
    /// clause inside it ("a scholar at the institute who …"). A relative
    /// clause (", who …"), a participle (", adding …") or a clause with its
    /// own subject pronoun is no apposition. The apposition outranks a
    /// title before the name ("said Dr. Ana Ruiz, a cardiologist at …").
    pub(crate) fn apposition_right(&self, m: Mention, e: usize) -> Mention {
        self.apposition_right_with_end(m, e).0
    }

    /// "according to Jane Roe, a professor at Kite University, the drug
    /// …": the name `m` with the role of an apposition after it that holds
    /// a title word, and the mark (or sentence end) that closes the
    /// apposition; `None` without one ("according to Roe, the drug
    /// worked" sets off the content, not a role).
    pub(crate) fn titled_apposition_right(&self, m: Mention, e: usize) -> Option<(Mention, usize)> {
        let (m, end) = self.apposition_right_with_end(m, e);
        let end = end?;
        let titled = (m.tokens.1..end).any(|k| self.tokens[k].class == Class::Title);
        titled.then_some((m, end))
    }

    /// Where the inverted speaker `m` ends with its apposition, if any
    /// (the token after both), within the sentence end `e`.
    pub(crate) fn apposition_right_end(&self, m: Mention, e: usize) -> usize {
        self.apposition_right_with_end(m, e).1.unwrap_or(m.tokens.1)
    }

    /// [`View::apposition_right`], with the mark or sentence end that
    /// closes the apposition when it gave a role.
    fn apposition_right_with_end(&self, mut m: Mention, e: usize) -> (Mention, Option<usize>) {
        let mut comma = m.tokens.1;
        // "said Jane Roe, 45, a professor of biology": past an age.
        if let Some(c) = age_after(self.tokens, self.text, comma) {
            comma = c;
        }
        if m.kind != MentionKind::Name
            || m.role_from_apposition
            || comma + 1 >= e
            || !self.tokens[comma].is_comma()
            || !self.opens_role(comma + 1)
        {
            return (m, None);
        }
        let Some(end) = self.apposition_end_right(comma, e) else {
            return (m, None);
        };
        if end <= comma + 1 {
            return (m, None);
        }
        self.set_apposition_role(&mut m, comma + 1, end);
        (m, Some(end))
    }

    /// Token `k`, right after a comma, may open a role: a word outside
    /// quotations, no cue, and no pronoun, conjunction, auxiliary, "that"
    /// or "-ing" form (which open a clause).
    fn opens_role(&self, k: usize) -> bool {
        let first = &self.tokens[k];
        first.kind == TokKind::Word
            && first.in_quote.is_none()
            && first.cue.is_none()
            && !matches!(
                first.class,
                Class::Pronoun(_) | Class::Conj | Class::Aux | Class::That
            )
            && !self.s(k).ends_with("ing")
    }

    /// Where the apposition after the comma at `comma` ends: the next
    /// comma, full stop, semicolon, parenthesis or colon, or the sentence
    /// end `e` within reach; `None` at a quotation mark (not the
    /// apostrophe of "the Growers’ Union") or a cue.
    fn apposition_end_right(&self, comma: usize, e: usize) -> Option<usize> {
        let lim = (comma + MAX_APPOSITION_RIGHT + 1).min(e);
        let end = (comma + 1..lim).find(|&k| {
            let t = &self.tokens[k];
            (k > comma + 1 && self.relative_word(k))
                || (t.kind == TokKind::QuoteMark && !self.is_plural_possessive_mark(k))
                || t.cue.is_some()
                || (t.kind == TokKind::Punct && matches!(self.s(k), "," | "." | ";" | "(" | ":"))
        });
        match end {
            Some(k) if self.tokens[k].kind == TokKind::Punct || self.relative_word(k) => Some(k),
            None if lim == e => Some(e),
            _ => None,
        }
    }

    /// "said the Kremlin spokesman, Dmitry Peskov": a descriptor `m` headed
    /// at `head`, then a comma and a name, is that name with the
    /// descriptor as its role; any other `m` is returned as it is.
    pub(super) fn descriptor_with_name_after(&self, m: Mention, head: usize, hi: usize) -> Mention {
        if m.kind == MentionKind::Descriptor
            && head + 2 < hi
            && self.tokens[head + 1].is_comma()
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
            let mut n = n;
            n.role = Some(role);
            n.role_from_apposition = true;
            return n;
        }
        m
    }
}
