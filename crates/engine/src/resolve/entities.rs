//! Entities: the speakers a document's mentions resolve to, and how a name
//! or a descriptor finds its entity.
//!
//! A name is first made canonical — a surname becomes the longest name of
//! the text ending in it, an acronym the name whose initials it spells —
//! and then looked up by its lowercase, so "Zelensky", "ZELENSKY" and
//! "Volodymyr Zelensky" are one speaker. A full name met after its
//! surname already spoke renames that entity rather than starting a new
//! one. A descriptor ("a senior U.S. official") is an entity of its own,
//! named by its words, until the role pass may merge it into a person.

use super::Resolver;
use super::keys::NameKey;
use super::names::{
    acronym_letters, has_of_or_for, last_word, strip_leading_modifiers, strip_possessive,
};
use super::roles::RoleRank;
use crate::attribution::Found;
use crate::lexicon::{self, Class, words};
use crate::mentions::{Mention, MentionKind, is_upper_word};
use crate::text::Token;
use crate::{Span, SpeakerType};

/// A speaker being resolved. Its name and roles are slices of the text
/// until the public [`Speaker`](crate::Speaker) is built: copying them into
/// `String`s on every change was a third of this stage's allocations.
pub(super) struct Entity<'t> {
    pub(super) name: &'t str,
    pub(super) kind: SpeakerType,
    pub(super) roles: Vec<&'t str>,
    /// The best role and how it was stated: a role from an apposition or
    /// descriptor outranks a bare title, which outranks a title seen only
    /// outside the person's statements.
    pub(super) best_role: Option<(&'t str, RoleRank)>,
    pub(super) mentions: Vec<Span>,
    pub(super) count: u32,
    /// Statements whose speaker mention gives the full name (not a surname
    /// or pronoun alone): who a surname alone names (`surname_now_names`).
    pub(super) named_in_full: u32,
}

impl<'t> Resolver<'t, '_> {
    /// Pass 2: the entity of each found statement's speaker (`None` for a
    /// statement without one), walking the statements in text order.
    ///
    /// The entities are kept beside `found` rather than in a copy of it: on
    /// a long document a list of (Found, entity) pairs is tens of megabytes
    /// of fresh memory, and touching fresh pages is what made time per MB
    /// grow with document size.
    pub(super) fn link_speakers(&mut self, found: &[Found]) -> Vec<Option<usize>> {
        let mut entities = Vec::with_capacity(found.len());
        for f in found {
            entities.push(f.speaker.map(|m| self.link_speaker(&m, f.carried)));
        }
        entities
    }

    /// The entity of speaker mention `m`, noted as its latest mention. A
    /// carried-over speaker that is not a name ("he" continuing a quote) is
    /// the previous statement's entity.
    fn link_speaker(&mut self, m: &Mention, carried: bool) -> usize {
        let e = match self.last_entity {
            Some(last) if carried && m.kind != MentionKind::Name => last,
            _ => self.entity_for(m),
        };
        self.note_mention(e, m);
        if m.kind == MentionKind::Name && m.name.unwrap_or(m.span).slice(self.text).contains(' ') {
            self.ents[e].named_in_full += 1;
            self.surname_now_names(e);
        }
        self.last_entity = Some(e);
        self.recent[super::pronouns::kind_slot(self.ents[e].kind)] = Some((m.span.start, e));
        e
    }

    /// A person's surname alone names the person of that surname named in
    /// full most often so far: "Trump said" is Donald Trump after one
    /// statement of Eric Trump's among many of his father's. (Statements
    /// given to a person through the surname alone do not count, or the
    /// first name with that surname, often a headline's, would keep it.)
    fn surname_now_names(&mut self, e: usize) {
        let name = self.ents[e].name;
        if self.ents[e].kind != SpeakerType::Person || !is_full_name(name) {
            return;
        }
        let key = NameKey::new(last_word(name));
        let holder = self.by_name.get(&key).copied();
        if holder.is_none_or(|h| h == e || self.ents[h].named_in_full <= self.ents[e].named_in_full)
        {
            self.by_name.insert(key, e);
        }
    }

    /// Adds mention `m` (and the role it states) to entity `e`.
    fn note_mention(&mut self, e: usize, m: &Mention) {
        let ent = &mut self.ents[e];
        if ent.mentions.last() != Some(&m.span) {
            ent.mentions.push(m.span);
        }
        ent.count += 1;
        if let Some(r) = m.role {
            ent.note_role(
                r.slice(self.text),
                RoleRank::of_mention(m.role_from_apposition),
            );
        }
    }

    /// The entity mention `m` refers to, made if there is none yet.
    fn entity_for(&mut self, m: &Mention) -> usize {
        match m.kind {
            MentionKind::Pronoun(p) => self.pronoun_entity(m, p),
            MentionKind::Descriptor => self.descriptor_entity(m),
            MentionKind::Name => self.name_entity(m),
        }
    }

    /// A new entity without mentions or roles.
    pub(super) fn new_entity(&mut self, name: &'t str, kind: SpeakerType) -> usize {
        let i = self.ents.len();
        self.ents.push(Entity {
            name,
            kind,
            roles: Vec::new(),
            best_role: None,
            mentions: Vec::new(),
            count: 0,
            named_in_full: 0,
        });
        i
    }

    /// The entity named `name` (compared lowercased), made with `kind` if
    /// there is none.
    pub(super) fn entity_named(&mut self, name: &'t str, kind: SpeakerType) -> usize {
        let key = NameKey::new(name);
        if let Some(&i) = self.by_name.get(&key) {
            return i;
        }
        let i = self.new_entity(name, kind);
        self.by_name.insert(key, i);
        i
    }

    /// "a senior U.S. official" is an anonymous but definite person (its
    /// name is the descriptor itself); "the ministry" an organisation;
    /// "local officials" a group.
    fn descriptor_entity(&mut self, m: &Mention) -> usize {
        let name = m.span.slice(self.text);
        let key = NameKey::new(name);
        if let Some(&i) = self.by_name.get(&key) {
            return i;
        }
        let kind = self.descriptor_kind(m);
        let i = self.new_entity(name, kind);
        self.by_name.insert(key, i);
        i
    }

    /// What kind of speaker the descriptor `m` is, from its number and its
    /// head noun.
    fn descriptor_kind(&self, m: &Mention) -> SpeakerType {
        let head = &self.tokens[m.tokens.1 - 1];
        if m.plural {
            SpeakerType::Group
        } else if head.class == Class::OrgWord
            || words::is_document_speaker_nouns(head.span().slice(self.text))
        {
            SpeakerType::Organization
        } else {
            SpeakerType::Person
        }
    }

    /// The entity of the name mention `m`, by its canonical name; a full
    /// name whose last word already is an entity's surname takes that
    /// entity over, unless the two name different people ("Bill Clinton"
    /// after "Hillary Clinton").
    fn name_entity(&mut self, m: &Mention) -> usize {
        self.name_entity_renaming(m, true)
    }

    /// [`Resolver::name_entity`]; a name that takes an entity over renames
    /// it only when `rename` (a speaker's mention, not a name the resolver
    /// only read: "Republican Donald Trump is …").
    pub(super) fn name_entity_renaming(&mut self, m: &Mention, rename: bool) -> usize {
        let full = self.canonical_name(m);
        self.entity_of_full_name(m, full, rename)
    }

    /// [`Resolver::name_entity_renaming`] for a caller that has the
    /// mention's canonical name `full` already.
    pub(super) fn entity_of_full_name(
        &mut self,
        m: &Mention,
        full: &'t str,
        rename: bool,
    ) -> usize {
        let key = NameKey::new(full);
        if let Some(&i) = self.by_name.get(&key) {
            return i;
        }
        // A name whose surname an entity holds is that entity ("Lund"
        // before, "Donald J. Trump" after "Donald Trump"), unless it names
        // another person.
        let last = full.contains(' ').then(|| NameKey::new(last_word(full)));
        if let Some(&i) = last.as_ref().and_then(|last| self.by_name.get(last))
            && !names_another_person(full, self.ents[i].name)
        {
            // "Van der Berg" after "Jan van der Berg", "De Blasio" after
            // "Bill de Blasio": a surname with its particles, and the full
            // name stays. (Other later names replace an earlier one, which
            // may have been a headline's capitalised run.)
            if rename && !is_particle_surname_of(full, self.ents[i].name) {
                self.ents[i].name = full;
            }
            self.by_name.insert(key, i);
            return i;
        }
        let kind = name_kind(self.tokens, m, full);
        let i = self.new_entity(full, kind);
        if let Some(&role) = self.index.roles.get(full) {
            self.ents[i].note_role(role, RoleRank::IndexedTitle);
        }
        if let Some(&role) = self.index.appositions.get(full) {
            self.ents[i].note_role(role, RoleRank::Apposition);
        }
        self.by_name.insert(key, i);
        // (A surname another person holds stays theirs until this one has
        // spoken as often: `surname_now_names`.)
        if let Some(last) = last
            && kind == SpeakerType::Person
        {
            self.by_name.entry(last).or_insert(i);
        }
        i
    }

    /// The full name of the person of surname `surname` named in full most
    /// often so far (`surname_now_names`), if one has spoken.
    fn person_of_surname(&self, surname: &str) -> Option<&'t str> {
        let &i = self.by_name.get(&NameKey::new(surname))?;
        let ent = &self.ents[i];
        (ent.kind == SpeakerType::Person && is_full_name(ent.name)).then_some(ent.name)
    }

    /// "de Blasio": the article's full name ending in that surname ("Bill
    /// de Blasio"), as a one-word surname finds its own.
    fn full_name_of_particle_surname(&self, surname: &str) -> Option<&'t str> {
        let full = *self.index.by_last.get(last_word(surname))?;
        is_particle_surname_of(surname, full).then_some(full)
    }

    /// The fullest form of the name mention `m`: a multi-word name without
    /// leading modifiers, an acronym spelt out, a surname's full name.
    pub(super) fn canonical_name(&self, m: &Mention) -> &'t str {
        let raw = strip_possessive(m.name.unwrap_or(m.span).slice(self.text));
        // The index's names are stripped of modifiers already, and a
        // single word has none to strip.
        if raw.contains(' ') {
            let name = strip_leading_modifiers(raw);
            self.full_name_of_particle_surname(name).unwrap_or(name)
        } else if is_upper_word(raw) {
            self.index
                .expand_acronym(acronym_letters(raw))
                .unwrap_or(raw)
        } else {
            self.person_of_surname(raw)
                .or_else(|| self.index.by_last.get(raw).copied())
                .unwrap_or(raw)
        }
    }
}

/// Whether the full name `full` and an entity's `name` of the same last
/// word name two people: "Bill Clinton" after "Hillary Clinton". Names of
/// the same first word ("Donald J. Trump", "Donald Trump"), a single word,
/// and a name that ends the other ("Donald Trump" of a headline's
/// "Offensive Things Donald Trump") stay one entity.
fn names_another_person(full: &str, name: &str) -> bool {
    let first = |n: &str| n.split(' ').next().unwrap_or_default().to_ascii_lowercase();
    name.contains(' ')
        && first(full) != first(name)
        && !ends_with_words(full, name)
        && !ends_with_words(name, full)
}

/// Whether `name` is a person's name of two words or more: every word
/// capitalised but name particles ("Bill de Blasio"), not a description
/// ("a senior official").
pub(super) fn is_full_name(name: &str) -> bool {
    name.contains(' ')
        && name.split(' ').all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) || lexicon::is_name_particle(w)
        })
}

/// Whether `name` ends with the words of `tail`, whatever the case.
fn ends_with_words(name: &str, tail: &str) -> bool {
    name.len() > tail.len()
        && name.is_char_boundary(name.len() - tail.len())
        && name[name.len() - tail.len()..].eq_ignore_ascii_case(tail)
        && name[..name.len() - tail.len()].ends_with(' ')
}

/// Whether `short` is a surname opening with a name particle and the end
/// of `name` after a word break, whatever the case: "Van der Berg" of "Jan
/// van der Berg".
fn is_particle_surname_of(short: &str, name: &str) -> bool {
    let first = short.split(' ').next().unwrap_or_default();
    lexicon::is_name_particle(&first.to_ascii_lowercase()) && ends_with_words(name, short)
}

/// Whether the name `full` of mention `m` is a person's or an
/// organisation's, from the words of the name alone: the title before it
/// ("Kremlin spokesman") and an affiliation after it ("of Kite
/// University") say where the person works, not what the name is.
fn name_kind(tokens: &[Token], m: &Mention, full: &str) -> SpeakerType {
    let (s, e) = m.tokens;
    let name = m.name.unwrap_or(m.span);
    let in_name = |t: &&Token| t.span().start >= name.start && t.span().end <= name.end;
    let orgish = tokens[s..e]
        .iter()
        .filter(in_name)
        .any(|t| t.class == Class::OrgWord)
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
