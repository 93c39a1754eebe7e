//! Stage 6: entity resolution — mentions to speakers with canonical names.
//!
//! Statements are walked in text order, so a pronoun is tied to the most
//! recent compatible speaker ("he" → the last person who spoke, "it" → the
//! last organisation), which is how news prose uses them. A surname is tied
//! to the full name that ends with it, wherever in the article that full
//! name appears (not only as a speaker: "President Volodymyr Zelensky has …"
//! early on makes a later "Zelensky said" resolve). An acronym is tied to a
//! capitalised name whose initials it spells ("ISW" → "Institute for the
//! Study of War"). The canonical name is the fullest name seen.
//!
//! The name index is built in one pass over the tokens and looked up by
//! hash, so resolution stays linear in the article.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use crate::attribution::Found;
use crate::lexicon::{self, Class, Pron, is_name_connector};
use crate::mentions::{Mention, MentionKind, is_upper_word};
use crate::text::{TokKind, Token};
use crate::{Span, Speaker, SpeakerRef, SpeakerType, Statement, Verb};

/// Names are short strings hashed per document: a word-at-a-time hash
/// ([`WordHasher`]) beats SipHash and FNV here.
type Map<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// Full names found anywhere in the text, by surname and by initials.
struct NameIndex<'t> {
    by_last: Map<&'t str, &'t str>,
    /// Multi-word names in text order, searched by initials when an
    /// acronym speaks (rare, so no map is built up front).
    names: Vec<&'t str>,
    /// Names by their initials, built on the first acronym that speaks.
    acronyms: OnceCell<Map<String, &'t str>>,
    /// Person-like full names in text order, with their start offsets.
    persons: Vec<(usize, &'t str)>,
    /// A title written before a full name anywhere ("Ukrainian President").
    roles: Map<&'t str, &'t str>,
}

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
    fn build(text: &'t str, tokens: &[Token]) -> NameIndex<'t> {
        // Room for the dozen or so names of a news article from the start,
        // rather than regrowing (and rehashing) through three sizes.
        const NAMES: usize = 16;
        let mut by_last: Map<&'t str, &'t str> =
            Map::with_capacity_and_hasher(NAMES, Default::default());
        let mut names = Vec::with_capacity(NAMES);
        let mut persons = Vec::with_capacity(NAMES);
        let mut roles = Map::default();
        let mut i = 0;
        // Each pass reads a name from its first word on; most tokens are
        // skipped in the search for that word.
        while let Some(skipped) = tokens[i..]
            .iter()
            .position(|t| is_name_word(t) && !t.possessive)
        {
            let start = i + skipped;
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
            if end - start >= 2 {
                let full = &text[tokens[start].span().start..tokens[end - 1].span().end];
                let full = full
                    .strip_suffix("’s")
                    .or(full.strip_suffix("'s"))
                    .unwrap_or(full);
                let full = strip_leading_modifiers(full);
                if let Some(role) = title_before(text, tokens, start) {
                    roles.entry(full).or_insert(role);
                }
                let last = tokens[end - 1].span().slice(text);
                let last = last
                    .strip_suffix("’s")
                    .or(last.strip_suffix("'s"))
                    .unwrap_or(last);
                let e = by_last.entry(last).or_insert(full);
                if full.len() > e.len() {
                    *e = full;
                }
                if !tokens[start..end].iter().any(|t| t.class == Class::OrgWord)
                    && !has_of_or_for(full)
                {
                    persons.push((tokens[start].span().start, full));
                }
                names.push(full);
            }
            i = end;
        }
        NameIndex {
            by_last,
            names,
            acronyms: OnceCell::new(),
            persons,
            roles,
        }
    }
}

impl<'t> NameIndex<'t> {
    /// The name whose initials spell `letters`, searched once per acronym.
    fn expand_acronym(&self, letters: String) -> Option<&'t str> {
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

/// Appends the initials of the capitalised words of a name ("ISW" for
/// "Institute for the Study of War").
fn push_initials(out: &mut String, name: &str) {
    out.extend(
        name.split([' ', '-'])
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase()),
    );
}

fn acronym_letters(w: &str) -> String {
    w.chars().filter(|c| c.is_alphabetic()).collect()
}

/// A speaker being resolved. Its name and roles are slices of the text
/// until the public [`Speaker`] is built: copying them into `String`s on
/// every change was a third of this stage's allocations.
struct Entity<'t> {
    name: &'t str,
    kind: SpeakerType,
    roles: Vec<&'t str>,
    /// A role from an apposition or descriptor outranks a bare title.
    best_role: Option<(&'t str, bool)>,
    mentions: Vec<Span>,
    count: u32,
}

/// A name as a key of the entity map: two keys are equal when
/// [`lowercase`] gives the same string for both. ASCII names (nearly all)
/// stay borrowed from the text and are lowercased eight bytes at a time as
/// they are hashed and compared, so a lookup allocates nothing; other names
/// keep their lowercased copy, which has no ASCII capital left, so the same
/// ASCII lowercasing leaves it as it is and the two kinds compare alike.
struct NameKey<'t>(Cow<'t, str>);

impl<'t> NameKey<'t> {
    fn new(name: &'t str) -> NameKey<'t> {
        if name.is_ascii() {
            NameKey(Cow::Borrowed(name))
        } else {
            NameKey(Cow::Owned(name.to_lowercase()))
        }
    }

    /// The key of a string [`lowercase`] already gave.
    fn lowered(lower: &'t str) -> NameKey<'t> {
        NameKey(Cow::Borrowed(lower))
    }
}

/// The last word of a role, and the word before it if any: a key of the
/// person roles that a descriptor ("the foreign minister") may name.
#[derive(PartialEq, Eq, Hash)]
struct RoleTail<'t> {
    before: Option<NameKey<'t>>,
    last: NameKey<'t>,
}

/// How many roles the person entities hold in all.
fn person_roles(ents: &[Entity<'_>]) -> usize {
    ents.iter()
        .filter(|x| x.kind == SpeakerType::Person)
        .map(|x| x.roles.len())
        .sum()
}

impl PartialEq for NameKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        // A name is mostly met again spelt the same way.
        let same = |x: u64, y: u64| x == y || ascii_lowercase_word(x) == ascii_lowercase_word(y);
        a.len() == b.len() && all_word_pairs(a, b, same)
    }
}

impl Eq for NameKey<'_> {}

impl Hash for NameKey<'_> {
    /// The lowercased words, so equal keys hash alike.
    fn hash<H: Hasher>(&self, state: &mut H) {
        let bytes = self.0.as_bytes();
        for_each_word(bytes, |w| state.write_u64(ascii_lowercase_word(w)));
        state.write_usize(bytes.len());
    }
}

/// Calls `f` with the bytes of `s` as little-endian words: eight at a
/// time, the last word overlapping the one before when the length is not
/// a multiple of eight, and a string shorter than eight bytes as one word
/// padded with zeros. Names are read a word at a time for hashing and
/// comparing, without copying a tail into a buffer (a call to `memcpy`
/// cost more than the comparison).
fn for_each_word(s: &[u8], mut f: impl FnMut(u64)) {
    all_word_pairs(s, s, |w, _| {
        f(w);
        true
    });
}

/// Whether `f` holds for every pair of words of `a` and `b`, two strings of
/// the same length read as [`for_each_word`] reads one, stopping at the
/// first pair it does not hold for.
fn all_word_pairs(a: &[u8], b: &[u8], mut f: impl FnMut(u64, u64) -> bool) -> bool {
    let n = a.len();
    debug_assert_eq!(n, b.len());
    if n < 8 {
        return f(load_short(a), load_short(b));
    }
    let mut at = 0;
    while at + 8 < n {
        if !f(load_word(a, at), load_word(b, at)) {
            return false;
        }
        at += 8;
    }
    f(load_word(a, n - 8), load_word(b, n - 8))
}

/// The eight bytes of `s` from `at`.
fn load_word(s: &[u8], at: usize) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(&s[at..at + 8]);
    u64::from_le_bytes(word)
}

/// The bytes of `s`, shorter than eight, as a word padded with zeros:
/// two overlapping loads of half the size, whose shared bytes agree.
fn load_short(s: &[u8]) -> u64 {
    let n = s.len();
    let pair = |lo: u64, hi: u64, size: usize| lo | (hi << (8 * (n - size)));
    if n >= 4 {
        let half =
            |at: usize| u64::from(u32::from_le_bytes([s[at], s[at + 1], s[at + 2], s[at + 3]]));
        pair(half(0), half(n - 4), 4)
    } else if n >= 2 {
        let half = |at: usize| u64::from(u16::from_le_bytes([s[at], s[at + 1]]));
        pair(half(0), half(n - 2), 2)
    } else {
        s.first().map_or(0, |&b| u64::from(b))
    }
}

/// The eight bytes of `w` with each ASCII capital lowercased; every other
/// byte (digits, punctuation, UTF-8 sequences) unchanged. Comparing and
/// hashing names a word at a time costs a fraction of doing it byte by
/// byte.
fn ascii_lowercase_word(w: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let seven = w & !HIGH;
    // Bit 7 of each byte: set where the byte is at least 'A', and where it
    // is past 'Z' (no carry crosses bytes: both sums stay below 0x100).
    let from_a = seven.wrapping_add(0x3f3f_3f3f_3f3f_3f3f);
    let past_z = seven.wrapping_add(0x2525_2525_2525_2525);
    let capital = from_a & !past_z & !w & HIGH;
    // 0x80 >> 2 is 0x20, the bit that lowercases an ASCII capital.
    w | (capital >> 2)
}

/// A multiply-rotate hasher that takes eight bytes a step: the stage's
/// maps are keyed by names, and FNV's byte-at-a-time multiply chain was
/// most of their lookup cost. Keys come from one document and the maps are
/// only looked up, never iterated, so neither flooding nor order matters.
#[derive(Default)]
struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        // The multiply leaves the low bits, which pick the bucket, with
        // the least mixing: rotate the well-mixed high bits down.
        self.0.rotate_left(26)
    }

    fn write(&mut self, bytes: &[u8]) {
        for_each_word(bytes, |w| self.add(w));
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_u64(&mut self, word: u64) {
        self.add(word);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

/// The (at most four) person entities holding a role that ends in some
/// words: a fixed array, as there are never more.
#[derive(Default)]
struct Owners {
    ids: [usize; 4],
    len: usize,
}

impl Owners {
    fn as_slice(&self) -> &[usize] {
        &self.ids[..self.len]
    }

    /// Adds `i` unless it was the last added or the list is full.
    fn add(&mut self, i: usize) {
        if self.as_slice().last() != Some(&i) && self.len < self.ids.len() {
            self.ids[self.len] = i;
            self.len += 1;
        }
    }
}

/// Turns found statements into public statements and speaker entities,
/// leaving `found` empty (its memory is kept for the next document).
pub(crate) fn resolve(
    text: &'_ str,
    tokens: &[Token],
    found: &mut Vec<Found>,
) -> (Vec<Statement>, Vec<Speaker>) {
    let index = NameIndex::build(text, tokens);
    // At most one entity per statement (pronouns nobody introduced each get
    // their own). Sized once, the list is never copied as it grows: with
    // thousands of such speakers those copies were most of resolve's fresh
    // memory.
    let mut ents: Vec<Entity> = Vec::with_capacity(found.len());
    // At most two names per statement: sized once rather than regrown.
    let mut by_name: Map<NameKey<'_>, usize> =
        Map::with_capacity_and_hasher(2 * found.len(), Default::default());
    // The entity of each found statement, beside `found` rather than in a
    // copy of it: on a long document a list of (Found, entity) pairs is tens
    // of megabytes of fresh memory, and touching fresh pages is what made
    // time per MB grow with document size.
    let mut entities: Vec<Option<usize>> = Vec::with_capacity(found.len());
    let mut last_entity: Option<usize> = None;
    // The most recent speaker of each kind, for pronouns (O(1) per lookup).
    let mut recent: Recent = [None; 4];
    for f in found.iter() {
        let entity = f.speaker.map(|m| {
            let e = if f.carried && last_entity.is_some() && m.kind != MentionKind::Name {
                last_entity.unwrap_or(0)
            } else {
                entity_for(text, tokens, &m, &index, &mut ents, &mut by_name, &recent)
            };
            let ent = &mut ents[e];
            if ent.mentions.last() != Some(&m.span) {
                ent.mentions.push(m.span);
            }
            ent.count += 1;
            if let Some(r) = m.role {
                // Copied only when kept: most statements repeat a role
                // their entity already has.
                let role = r.slice(text);
                // Bounded: an entity never has more than a few roles.
                if ent.roles.len() < 16 && !ent.roles.contains(&role) {
                    ent.roles.push(role);
                }
                let better = match &ent.best_role {
                    None => true,
                    Some((_, appos)) => m.role_from_apposition && !appos,
                };
                if better {
                    ent.best_role = Some((role, m.role_from_apposition));
                }
            }
            (e, m)
        });
        if let Some((e, m)) = entity {
            last_entity = Some(e);
            recent[kind_slot(ents[e].kind)] = Some((m.span.start, e));
        }
        entities.push(entity.map(|(e, _)| e));
    }
    // "Ukraine's foreign minister described …" before "Foreign Minister
    // Andrii Sybiha" is named: a singular descriptor whose head is a role
    // of exactly one named person is that person.
    // The descriptor's words after its determiners and possessives,
    // lowercased and joined by single spaces (each word lowercased on its
    // own: a space ends a word for `to_lowercase` as well).
    let descriptor_role = |m: &Mention| -> Option<String> {
        if m.kind != MentionKind::Descriptor || m.plural {
            return None;
        }
        let (s, e) = m.tokens;
        let start = (s..e).find(|&k| !tokens[k].possessive && tokens[k].class != Class::Det)?;
        // Sized once: room for the words' bytes and a space between each
        // (more only when lowercasing a non-ASCII word makes it longer).
        let bytes = tokens[e - 1].span().end - tokens[start].span().start;
        let mut role = String::with_capacity(bytes + (e - start));
        for (n, t) in tokens[start..e].iter().enumerate() {
            if n > 0 {
                role.push(' ');
            }
            push_lowercase(&mut role, t.span().slice(text));
        }
        Some(role)
    };
    // Person roles by their last one and two words, so each descriptor is
    // one lookup (linear overall). The keys are the roles' own words,
    // compared lowercased, so building the map copies no text.
    let mut by_role_tail: Map<RoleTail<'_>, Owners> =
        Map::with_capacity_and_hasher(2 * person_roles(&ents), Default::default());
    for (i, x) in ents.iter().enumerate() {
        if x.kind != SpeakerType::Person {
            continue;
        }
        for r in &x.roles {
            let (last, before) = last_two_words(r);
            for tail in [
                last.map(|l| (None, l)),
                before.zip(last).map(|(b, l)| (Some(b), l)),
            ] {
                let Some((before, last)) = tail else {
                    continue;
                };
                let key = RoleTail {
                    before: before.map(NameKey::new),
                    last: NameKey::new(last),
                };
                by_role_tail.entry(key).or_default().add(i);
            }
        }
    }
    for (f, entity) in found.iter().zip(entities.iter_mut()) {
        let (Some(e), Some(m)) = (entity, &f.speaker) else {
            continue;
        };
        let Some(role) = descriptor_role(m) else {
            continue;
        };
        // Its last two words.
        let (Some(last), before) = last_two_words(&role) else {
            continue;
        };
        let key = RoleTail {
            before: before.map(NameKey::lowered),
            last: NameKey::lowered(last),
        };
        let current = *e;
        let Some(candidates) = by_role_tail.get(&key) else {
            continue;
        };
        let mut owners = candidates.as_slice().iter().copied().filter(|&i| {
            i != current && ents[i].roles.iter().any(|r| lowercase_ends_with(r, &role))
        });
        if let (Some(owner), None) = (owners.next(), owners.next()) {
            ents[*e].count -= 1;
            ents[owner].count += 1;
            ents[owner].mentions.push(m.span);
            *e = owner;
        }
    }
    for ent in &mut ents {
        ent.mentions.sort_unstable();
    }
    // Roles carry to every statement of the entity, so they are set after
    // all mentions are seen.
    // The statements get a list of their own, of exactly their number:
    // `found` stays with the engine's working lists, whose pages are
    // already mapped (a 10 MB document finds some 30 MB of statements).
    let statements = found
        .drain(..)
        .zip(entities)
        .map(|(f, entity)| (entity.zip(f.speaker), f))
        .map(|(entity, f)| Statement {
            quote: crate::Quote {
                span: f.content,
                kind: f.kind,
            },
            role: entity.and_then(|(e, m)| {
                let own = m.role.filter(|_| m.role_from_apposition);
                own.map(|r| r.slice(text))
                    .or_else(|| ents[e].best_role.map(|(r, _)| r))
                    .map(str::to_string)
            }),
            speaker: entity.map(|(e, m)| SpeakerRef {
                mention: m.span,
                entity: e,
            }),
            verb: f.cue.map(|(span, lemma)| Verb {
                span,
                // A verb outside the lexicon is its own lemma.
                lemma: if lemma.is_empty() {
                    lowercase(span.slice(text))
                } else {
                    lemma.to_string()
                },
            }),
            timestamp: None,
            confidence: f.confidence,
        })
        .collect();
    let speakers = ents
        .into_iter()
        .map(|e| Speaker {
            name: e.name.to_string(),
            kind: e.kind,
            roles: e.roles.iter().map(|r| r.to_string()).collect(),
            mentions: e.mentions,
            statement_count: e.count,
        })
        .collect();
    (statements, speakers)
}

/// Most recent (mention start, entity) per speaker kind.
type Recent = [Option<(usize, usize)>; 4];

fn kind_slot(kind: SpeakerType) -> usize {
    match kind {
        SpeakerType::Person => 0,
        SpeakerType::Organization => 1,
        SpeakerType::Group => 2,
        SpeakerType::Unresolved => 3,
    }
}

fn entity_for<'t>(
    text: &'t str,
    tokens: &[Token],
    m: &Mention,
    index: &NameIndex<'t>,
    ents: &mut Vec<Entity<'t>>,
    by_name: &mut Map<NameKey<'t>, usize>,
    recent: &Recent,
) -> usize {
    let new_entity = |name: &'t str, kind: SpeakerType, ents: &mut Vec<Entity<'t>>| {
        let i = ents.len();
        ents.push(Entity {
            name,
            kind,
            roles: Vec::new(),
            best_role: None,
            mentions: Vec::new(),
            count: 0,
        });
        i
    };
    match m.kind {
        MentionKind::Pronoun(p) => {
            let want: &[SpeakerType] = match p {
                Pron::He | Pron::She | Pron::I => &[SpeakerType::Person],
                Pron::It => &[SpeakerType::Organization],
                Pron::They | Pron::We => &[SpeakerType::Group, SpeakerType::Organization],
                Pron::You => &[],
            };
            // The most recent speaker of a compatible kind.
            let found = want
                .iter()
                .filter_map(|&k| recent[kind_slot(k)])
                .max_by_key(|&(pos, _)| pos)
                .map(|(_, e)| e);
            if let Some(i) = found {
                return i;
            }
            // No earlier speaker: the last person named before the pronoun.
            let k = index
                .persons
                .partition_point(|&(pos, _)| pos < m.span.start);
            if want.contains(&SpeakerType::Person) && k > 0 {
                let full = index.persons[k - 1].1;
                let key = NameKey::new(full);
                if let Some(&i) = by_name.get(&key) {
                    return i;
                }
                let i = new_entity(full, SpeakerType::Person, ents);
                by_name.insert(key, i);
                return i;
            }
            new_entity(m.span.slice(text), SpeakerType::Unresolved, ents)
        }
        MentionKind::Descriptor => {
            let name = m.span.slice(text);
            let key = NameKey::new(name);
            if let Some(&i) = by_name.get(&key) {
                return i;
            }
            // "a senior U.S. official" is an anonymous but definite person
            // (its name is the descriptor itself); "the ministry" an
            // organisation; only a pronoun with no antecedent is unresolved.
            let head = &tokens[m.tokens.1 - 1];
            let kind = if m.plural {
                SpeakerType::Group
            } else if head.class == Class::OrgWord
                || matches!(
                    head.span().slice(text),
                    "report"
                        | "statement"
                        | "study"
                        | "poll"
                        | "survey"
                        | "document"
                        | "memo"
                        | "letter"
                        | "website"
                        | "newspaper"
                        | "paper"
                )
            {
                SpeakerType::Organization
            } else {
                SpeakerType::Person
            };
            let i = new_entity(name, kind, ents);
            by_name.insert(key, i);
            i
        }
        MentionKind::Name => {
            let raw = m.name.unwrap_or(m.span).slice(text);
            let raw = raw
                .strip_suffix("’s")
                .or(raw.strip_suffix("'s"))
                .unwrap_or(raw);
            // The index's names are stripped of modifiers already, and a
            // single word has none to strip.
            let full = if raw.contains(' ') {
                strip_leading_modifiers(raw)
            } else if is_upper_word(raw) {
                index.expand_acronym(acronym_letters(raw)).unwrap_or(raw)
            } else {
                index.by_last.get(raw).copied().unwrap_or(raw)
            };
            let key = NameKey::new(full);
            if let Some(&i) = by_name.get(&key) {
                return i;
            }
            // A longer name whose last word is an existing single-word entity.
            let last = full.contains(' ').then(|| NameKey::new(last_word(full)));
            if let Some(&i) = last.as_ref().and_then(|last| by_name.get(last)) {
                ents[i].name = full;
                by_name.insert(key, i);
                return i;
            }
            let kind = name_kind(tokens, m, full);
            let i = new_entity(full, kind, ents);
            if let Some(&role) = index.roles.get(full) {
                ents[i].roles.push(role);
                ents[i].best_role = Some((role, false));
            }
            by_name.insert(key, i);
            if let Some(last) = last
                && kind == SpeakerType::Person
            {
                by_name.insert(last, i);
            }
            i
        }
    }
}

/// The last word of `s` and the one before it, as
/// `s.split_whitespace().rev()` gives them. Roles are nearly always ASCII,
/// whose whitespace (tab to carriage return, and the space) is found on
/// the bytes, where the general split decodes every character.
fn last_two_words(s: &str) -> (Option<&str>, Option<&str>) {
    if !s.is_ascii() {
        let mut words = s.split_whitespace().rev();
        return (words.next(), words.next());
    }
    let mut end = s.len();
    let last = ascii_word_before(s, &mut end);
    (last, ascii_word_before(s, &mut end))
}

/// The last whitespace-separated word of the ASCII `s[..*end]`, leaving
/// `*end` at its start.
fn ascii_word_before<'s>(s: &'s str, end: &mut usize) -> Option<&'s str> {
    let is_space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    let b = s.as_bytes();
    while *end > 0 && is_space(b[*end - 1]) {
        *end -= 1;
    }
    let stop = *end;
    while *end > 0 && !is_space(b[*end - 1]) {
        *end -= 1;
    }
    (*end < stop).then(|| &s[*end..stop])
}

/// The name's last word, after its last space ("Zelensky" of "Volodymyr
/// Zelensky").
fn last_word(name: &str) -> &str {
    // A byte search: a space is ASCII, never inside a multi-byte character.
    match name.bytes().rposition(|b| b == b' ') {
        Some(space) => &name[space + 1..],
        None => name,
    }
}

/// Drops "Washington-based"-style modifiers at the start of a name.
fn strip_leading_modifiers(name: &str) -> &str {
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

/// `s` lowercased, the string `str::to_lowercase` gives: names and roles
/// are nearly always ASCII, lowercased byte by byte without its general
/// case mapping.
fn lowercase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_lowercase(&mut out, s);
    out
}

/// Appends [`lowercase`]`(s)` to `out`.
fn push_lowercase(out: &mut String, s: &str) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&s.to_lowercase());
    }
}

/// `lowercase(s).ends_with(suffix)`, for ASCII `s` without building the
/// lowercased copy.
fn lowercase_ends_with(s: &str, suffix: &str) -> bool {
    if !s.is_ascii() {
        return s.to_lowercase().ends_with(suffix);
    }
    let tail = s
        .len()
        .checked_sub(suffix.len())
        .map(|at| &s.as_bytes()[at..]);
    tail.is_some_and(|t| {
        t.iter()
            .zip(suffix.as_bytes())
            .all(|(a, b)| a.to_ascii_lowercase() == *b)
    })
}

/// `s.contains(" of ") || s.contains(" for ")`, the mark of an
/// organisation's name ("Ministry of Defence", "Institute for the Study of
/// War"): one pass over the bytes that looks further only after a space,
/// where two substring searches cost several times more.
fn has_of_or_for(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(at, &c)| {
        c == b' ' && {
            let rest = &b[at + 1..];
            rest.starts_with(b"of ") || rest.starts_with(b"for ")
        }
    })
}

fn name_kind(tokens: &[Token], m: &Mention, full: &str) -> SpeakerType {
    let (s, e) = m.tokens;
    let orgish = tokens[s..e].iter().any(|t| t.class == Class::OrgWord)
        || has_of_or_for(full)
        || full.split(' ').any(lexicon::is_org_name_word)
        || is_upper_word(full);
    if orgish {
        SpeakerType::Organization
    } else if full.contains(' ') {
        SpeakerType::Person
    } else {
        // A lone capitalised word never seen with a first name: a place or
        // institution standing for its government ("Moscow", "Washington").
        SpeakerType::Organization
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    fn hash(key: &NameKey) -> u64 {
        BuildHasherDefault::<WordHasher>::default().hash_one(key)
    }

    /// Name keys are equal, and hash alike, exactly when `lowercase` gives
    /// the same string, at every length around the word size.
    #[test]
    fn name_keys_compare_as_their_lowercase() {
        let names = [
            "",
            "A",
            "Ab",
            "ab",
            "aB",
            "Abc",
            "Putin",
            "PUTIN",
            "Zelensky",
            "ZELENSKy",
            "Zelenskyy",
            "Ministry of Defence",
            "ministry of defence",
            "Ministry of Defense",
            "Łukasz Kowalski",
            "łukasz kowalski",
            "Ølaf",
            "ØLAF",
            "[@]`{",
            "[@]`{ ",
        ];
        for a in names {
            for b in names {
                let (ka, kb) = (NameKey::new(a), NameKey::new(b));
                let same = lowercase(a) == lowercase(b);
                assert_eq!(ka == kb, same, "{a:?} vs {b:?}");
                if same {
                    assert_eq!(hash(&ka), hash(&kb), "{a:?} vs {b:?}");
                }
            }
        }
    }

    #[test]
    fn last_two_words_are_those_of_split_whitespace() {
        for s in [
            "",
            " ",
            "minister",
            " foreign  minister ",
            "deputy\tforeign\x0bminister",
            "a\r\nb",
            "vice-president",
            "ministre des affaires étrangères",
            "x\u{a0}y z",
        ] {
            let mut words = s.split_whitespace().rev();
            assert_eq!(last_two_words(s), (words.next(), words.next()), "{s:?}");
        }
    }

    #[test]
    fn short_strings_load_as_padded_words() {
        let s = b"abcdefg";
        for n in 0..8 {
            let mut word = [0; 8];
            word[..n].copy_from_slice(&s[..n]);
            assert_eq!(load_short(&s[..n]), u64::from_le_bytes(word));
        }
    }
}
