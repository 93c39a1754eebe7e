//! The names of the article, found once before any speaker is resolved:
//! every run of two or more capitalised words ("President Volodymyr
//! Zelensky", "Institute for the Study of War"), indexed by its last word,
//! by its initials, by position (for a pronoun no speaker introduced) and
//! with the title written before it and the role set off after it.
//!
//! A speaker is often first named outside any attribution ("President
//! Volodymyr Zelensky has …") and later quoted by surname or acronym
//! ("Zelensky said", "ISW said"); indexing every name of the text, not
//! only the speakers', is what lets those later mentions find the full
//! name. The index is built in one pass over the tokens, and looked up by
//! hash.

use std::cell::OnceCell;

use super::keys::Map;
use crate::lexicon::{Class, is_name_connector, words};
use crate::mentions::{is_affiliation_preposition, is_person_name, is_upper_word};
use crate::text::{TokKind, Token, age_after};

/// Full names found anywhere in the text, by surname and by initials.
pub(super) struct NameIndex<'t> {
    /// The longest name ending in each last word ("Zelensky" → "Volodymyr
    /// Zelensky").
    pub(super) by_last: Map<&'t str, &'t str>,
    /// Multi-word names in text order, searched by initials when an
    /// acronym speaks (rare, so no map is built up front).
    names: Vec<&'t str>,
    /// Names by their initials, built on the first acronym that speaks.
    acronyms: OnceCell<Map<String, &'t str>>,
    /// Person-like full names in text order, with their start offsets.
    pub(super) persons: Vec<(usize, &'t str)>,
    /// A title written before a full name anywhere ("Ukrainian President").
    pub(super) roles: Map<&'t str, &'t str>,
    /// A role set off after a full name anywhere ("Nora Quist, director of
    /// the Reef Survey, led the dive"): it outranks a title.
    pub(super) appositions: Map<&'t str, &'t str>,
    /// The name that opens a paragraph as its subject, by paragraph in
    /// text order: its paragraph and its tokens ("Almeda, who wore a gray
    /// suit, turned …").
    openers: Vec<(u32, (usize, usize))>,
}

/// An apposition the index keeps spans at most this many tokens.
const MAX_APPOSITION: usize = 20;

/// A capitalised word that may be part of a name: not a function word,
/// a time word or a title.
fn is_name_word(t: &Token) -> bool {
    // Most tokens are not capitalised: testing that first ends the test
    // for them.
    t.cap
        && t.kind == TokKind::Word
        && !matches!(
            t.class,
            Class::Det
                | Class::Conj
                | Class::Prep
                | Class::Pronoun(_)
                | Class::Aux
                | Class::Adverb
                | Class::Weekday
                | Class::Month
                | Class::Title
                | Class::That
        )
}

impl<'t> NameIndex<'t> {
    /// Indexes every name of `text` (of two words or more), in one pass.
    pub(super) fn build(text: &'t str, tokens: &[Token]) -> NameIndex<'t> {
        // Room for the dozen or so names of a news article from the start,
        // rather than regrowing (and rehashing) through three sizes.
        const NAMES: usize = 16;
        let mut index = NameIndex {
            by_last: Map::with_capacity_and_hasher(NAMES, Default::default()),
            names: Vec::with_capacity(NAMES),
            acronyms: OnceCell::new(),
            persons: Vec::with_capacity(NAMES),
            roles: Map::default(),
            appositions: Map::default(),
            openers: Vec::new(),
        };
        let mut surname_roles = Vec::new();
        let mut i = 0;
        // Each pass reads a name from its first word on; most tokens are
        // skipped in the search for that word.
        while let Some(skipped) = tokens[i..]
            .iter()
            .position(|t| is_name_word(t) && !t.possessive)
        {
            let start = i + skipped;
            let end = name_end(text, tokens, start);
            if end - start >= 2 {
                index.add(text, tokens, start, end);
            } else if let Some(role) = apposition_after(text, tokens, end) {
                // "Korvel, a former judge who …, had 50.8 per cent": a
                // surname's apposition is its full name's, once known.
                surname_roles.push((strip_possessive(tokens[start].span().slice(text)), role));
            }
            index.add_opener(text, tokens, start, end);
            i = end;
        }
        for (surname, role) in surname_roles {
            if let Some(&full) = index.by_last.get(surname) {
                index.appositions.entry(full).or_insert(role);
            }
        }
        index
    }

    /// Indexes the name of tokens `[start, end)`.
    fn add(&mut self, text: &'t str, tokens: &[Token], start: usize, end: usize) {
        let full = &text[tokens[start].span().start..tokens[end - 1].span().end];
        let full = strip_leading_modifiers(strip_possessive(full));
        if let Some(role) = title_before(text, tokens, start)
            .or_else(|| affiliation_after(text, tokens, start, end))
            .or_else(|| descriptor_before(text, tokens, start, end))
        {
            self.roles.entry(full).or_insert(role);
        }
        if let Some(role) = apposition_after(text, tokens, end) {
            self.appositions.entry(full).or_insert(role);
        }
        let last = strip_possessive(tokens[end - 1].span().slice(text));
        let e = self.by_last.entry(last).or_insert(full);
        if full.len() > e.len() {
            *e = full;
        }
        if !tokens[start..end].iter().any(|t| t.class == Class::OrgWord) && !has_of_or_for(full) {
            self.persons.push((tokens[start].span().start, full));
        }
        self.names.push(full);
    }

    /// Keeps the name `[start, end)` when it is the subject that opens
    /// its paragraph: outside quotation marks, one to three capitalised
    /// words (no "and", no all-capitals dateline, no organisation word),
    /// no possessive ("Almeda's lawyer"), and followed by a comma or a
    /// verb ("Trump has …"), not by more of a phrase ("Former
    /// Hewlett-Packard CEO Carly Fiorina").
    fn add_opener(&mut self, text: &'t str, tokens: &[Token], start: usize, end: usize) {
        let t = &tokens[start];
        let opens = start == 0 || tokens[start - 1].para != t.para;
        if !opens || t.in_quote.is_some() || tokens[end - 1].possessive || end - start > 3 {
            return;
        }
        let plain_name = tokens[start..end]
            .iter()
            .all(|w| w.cap && w.class != Class::OrgWord && !is_upper_word(w.span().slice(text)));
        let verb_or_comma = tokens.get(end).is_some_and(|n| {
            n.para == t.para
                && (n.is_comma()
                    || (n.kind == TokKind::Word
                        && !n.cap
                        && matches!(n.class, Class::Aux | Class::Other)))
        });
        if plain_name && verb_or_comma {
            self.openers.push((t.para, (start, end)));
        }
    }

    /// The tokens of the name that opens paragraph `para` as its subject.
    pub(super) fn paragraph_opener(&self, para: u32) -> Option<(usize, usize)> {
        let k = self.openers.partition_point(|&(p, _)| p < para);
        let &(p, tokens) = self.openers.get(k)?;
        (p == para).then_some(tokens)
    }

    /// The name whose initials spell `letters`, searched once per acronym.
    pub(super) fn expand_acronym(&self, letters: String) -> Option<&'t str> {
        let map = self.acronyms.get_or_init(|| {
            let mut m = Map::with_capacity_and_hasher(self.names.len(), Default::default());
            let mut key = String::new();
            for n in &self.names {
                key.clear();
                push_initials(&mut key, n);
                // The same names recur through an article: a key is copied
                // only for initials not seen before.
                if !m.contains_key(key.as_str()) {
                    m.insert(key.clone(), *n);
                }
            }
            m
        });
        map.get(&letters).copied()
    }
}

/// The end of the name whose first word is token `start`: name words of
/// the same paragraph, up to and including a possessive one, and up to two
/// lower-case connectors between name words ("Institute for the Study").
fn name_end(text: &str, tokens: &[Token], start: usize) -> usize {
    let mut end = start + 1;
    loop {
        if end < tokens.len()
            && is_name_word(&tokens[end])
            && tokens[end].para == tokens[start].para
        {
            let poss = tokens[end].possessive;
            end += 1;
            if poss {
                break;
            }
            continue;
        }
        // "Jane Roe of Kite University": a person's name ends before the
        // affiliation.
        if end < tokens.len()
            && is_affiliation_preposition(tokens, text, end)
            && is_person_name(tokens, text, start, end)
        {
            break;
        }
        // Connectors inside organisation names.
        let mut k = end;
        // (Capitalisation is tested first: it is one load, the
        // connector list a string comparison per entry.)
        while k < tokens.len()
            && k - end < 2
            && !tokens[k].cap
            && is_name_connector(tokens[k].span().slice(text))
        {
            k += 1;
        }
        if k > end && k < tokens.len() && is_name_word(&tokens[k]) {
            end = k;
            continue;
        }
        break;
    }
    end
}

/// `s` without a final possessive "’s" or "'s".
pub(super) fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("’s").or(s.strip_suffix("'s")).unwrap_or(s)
}

/// The title right before the name starting at token `start`
/// ("Kremlin spokesman", "Ukrainian President").
fn title_before<'t>(text: &'t str, tokens: &[Token], start: usize) -> Option<&'t str> {
    let para = tokens[start].para;
    let ok = |t: &Token| t.kind == TokKind::Word && t.para == para && !t.possessive;
    if start == 0 || !ok(&tokens[start - 1]) || tokens[start - 1].class != Class::Title {
        return None;
    }
    let mut k = start - 1;
    while k > 0 && start - k < 5 {
        let t = &tokens[k - 1];
        let fits = ok(t)
            && (matches!(t.class, Class::Title | Class::RoleMod | Class::OrgWord)
                || (t.cap && t.class == Class::Other));
        if !fits {
            break;
        }
        k -= 1;
    }
    Some(&text[tokens[k].span().start..tokens[start - 1].span().end])
}

/// "the referee, Paul Dennehy, consulted …", "Calder’s coach, Simone
/// Auclair, said": a descriptor set off before the name `[start, end)` by
/// commas — one to three lower-case words after an article or a
/// possessive — is the person's role (without the article).
/// A possessive pronoun before it needs a title word of the lexicon.
fn descriptor_before<'t>(
    text: &'t str,
    tokens: &[Token],
    start: usize,
    end: usize,
) -> Option<&'t str> {
    let para = tokens[start].para;
    let set_off = start >= 3
        && tokens[start - 1].is_comma()
        && tokens
            .get(end)
            .is_some_and(|t| t.is_comma() && t.para == para);
    if !set_off {
        return None;
    }
    let noun = |t: &Token| {
        t.kind == TokKind::Word
            && t.para == para
            && !t.cap
            && !t.possessive
            && t.cue.is_none()
            && t.in_quote.is_none()
            && matches!(
                t.class,
                Class::Title | Class::RoleMod | Class::Descriptor | Class::Other
            )
    };
    let last = start - 2;
    let mut k = last;
    while k > 0 && last - k < 3 && noun(&tokens[k]) {
        k -= 1;
    }
    let lead = &tokens[k];
    let opens = k < last
        && lead.para == para
        && lead.in_quote.is_none()
        && ((lead.possessive && !lead.class.is_time()) || lead.class == Class::Det);
    // "his father, Brent Roe": after a possessive pronoun only a title of
    // the lexicon names a role ("his chief strategist, Tad Roe"); a
    // kinship word is relative to someone the role would not name.
    let relative = words::is_possessive_determiners(tokens[k].span().slice(text))
        && !tokens[k + 1..=last].iter().any(|t| t.class == Class::Title);
    if !opens || relative || !is_person_name(tokens, text, start, end) {
        return None;
    }
    let first = if lead.possessive { k } else { k + 1 };
    Some(&text[tokens[first].span().start..tokens[last].span().end])
}

/// "Jane Roe of Kite University": the organisation after the person's
/// name of tokens `[start, end)`, joined by an affiliation preposition
/// (past an article).
fn affiliation_after<'t>(
    text: &'t str,
    tokens: &[Token],
    start: usize,
    end: usize,
) -> Option<&'t str> {
    if end >= tokens.len()
        || !is_affiliation_preposition(tokens, text, end)
        || !is_person_name(tokens, text, start, end)
    {
        return None;
    }
    let mut k = end + 1;
    while tokens
        .get(k)
        .is_some_and(|t| t.class == Class::Det && !t.cap)
    {
        k += 1;
    }
    let first = tokens.get(k)?;
    if !is_name_word(first) || first.para != tokens[end].para {
        return None;
    }
    let org_end = name_end(text, tokens, k);
    let org = &text[first.span().start..tokens[org_end - 1].span().end];
    Some(strip_possessive(org))
}

/// The role set off by a comma after the name ending before token `end`
/// ("…, director of the Reef Survey, …", "…, a lecturer at the institute
/// who …"), without its article: a phrase that opens with a determiner or
/// a lower-case word, holds a title and ends at a mark or a relative word
/// within reach; an age before it ("…, 45, a lecturer …") is skipped. A
/// list of names ("Smith, Jones and Brown") holds no title.
fn apposition_after<'t>(text: &'t str, tokens: &[Token], end: usize) -> Option<&'t str> {
    // "Jane Roe, 45, a professor of biology": past an age.
    let end = age_after(tokens, text, end).unwrap_or(end);
    let para = tokens.get(end)?.para;
    if !tokens[end].is_comma() {
        return None;
    }
    let mut s = end + 1;
    let first = tokens.get(s)?;
    let opens = first.kind == TokKind::Word
        && first.para == para
        && (first.class == Class::Det || first.class == Class::Title || !first.cap);
    if !opens || first.in_quote.is_some() || first.cue.is_some() {
        return None;
    }
    while s < tokens.len() && tokens[s].class == Class::Det && tokens[s].kind == TokKind::Word {
        s += 1;
    }
    // "…, with whom he clashed", "…, and Sen. Rand Paul", "…, who's …": a
    // role opens with a content word.
    let head = tokens.get(s)?;
    let content = matches!(
        head.class,
        Class::Title | Class::RoleMod | Class::Descriptor | Class::OrgWord | Class::Other
    ) && !words::is_describing_relatives(strip_possessive(head.span().slice(text)));
    if !content {
        return None;
    }
    let lim = (s + MAX_APPOSITION).min(tokens.len());
    let stop = (s..lim).find(|&k| {
        let t = &tokens[k];
        t.kind != TokKind::Word
            || t.para != para
            || t.in_quote.is_some()
            || t.cue.is_some()
            || words::is_describing_relatives(t.span().slice(text))
    })?;
    // A cue inside ("a scholar at the think tank") leaves the role cut short.
    let ends = tokens[stop].kind == TokKind::Punct
        || (tokens[stop].kind == TokKind::Word && tokens[stop].cue.is_none());
    let titled = tokens[s..stop].iter().any(|t| t.class == Class::Title);
    (ends && (titled || affiliated(text, tokens, s, stop)) && stop > s)
        .then(|| &text[tokens[s].span().start..tokens[stop - 1].span().end])
}

/// Whether the apposition `[s, e)` joins its head to a named body or
/// person ("a limnologist at the Hallam Institute", "mother of Ezra
/// Penn"): an affiliation preposition after its first word, with a
/// capitalised word after it. Such a phrase describes what the person is
/// even when its head is no title of the lexicon.
fn affiliated(text: &str, tokens: &[Token], s: usize, e: usize) -> bool {
    (s + 1..e).any(|k| {
        is_affiliation_preposition(tokens, text, k) && tokens[k + 1..e].iter().any(|t| t.cap)
    })
}

/// Appends the initials of the capitalised words of a name ("ISW" for
/// "Institute for the Study of War").
fn push_initials(out: &mut String, name: &str) {
    out.extend(
        name.split([' ', '-'])
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase()),
    );
}

/// The letters of an acronym as written ("US" of "U.S.").
pub(super) fn acronym_letters(w: &str) -> String {
    w.chars().filter(|c| c.is_alphabetic()).collect()
}

/// The name's last word, after its last space ("Zelensky" of "Volodymyr
/// Zelensky").
pub(super) fn last_word(name: &str) -> &str {
    // A byte search: a space is ASCII, never inside a multi-byte character.
    match name.bytes().rposition(|b| b == b' ') {
        Some(space) => &name[space + 1..],
        None => name,
    }
}

/// Drops "Washington-based"-style modifiers at the start of a name.
pub(super) fn strip_leading_modifiers(name: &str) -> &str {
    let mut rest = name;
    loop {
        // Called for every capitalised run of the text: the first word's
        // end and its last dash are found in one pass over its bytes (both
        // ASCII, so never inside a multi-byte character).
        let bytes = rest.as_bytes();
        let mut dash = None;
        let mut space = 0;
        while space < bytes.len() && bytes[space] != b' ' {
            if bytes[space] == b'-' {
                dash = Some(space);
            }
            space += 1;
        }
        if space == bytes.len() {
            return rest;
        }
        let first = &rest[..space];
        let modifier = dash.is_some_and(|dash| {
            first[dash + 1..]
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
        });
        if !(modifier || first == "the" || first == "The") {
            return rest;
        }
        rest = &rest[space + 1..];
    }
}

/// `s.contains(" of ") || s.contains(" for ")`, the mark of an
/// organisation's name ("Ministry of Defence", "Institute for the Study of
/// War"): one pass over the bytes that looks further only after a space,
/// where two substring searches cost several times more.
pub(super) fn has_of_or_for(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(at, &c)| {
        c == b' ' && {
            let rest = &b[at + 1..];
            rest.starts_with(b"of ") || rest.starts_with(b"for ")
        }
    })
}
