//! Roles: what each entity is said to be ("Kremlin spokesman", "head of
//! the Russian military"), and the descriptors that name a person only by
//! a role.
//!
//! An entity keeps every role its mentions state, and the best one for
//! its statements: a role from an apposition (at a speaker mention or
//! after the full name anywhere) outranks a title at a speaker mention,
//! which outranks a title written before the name elsewhere ([`RoleRank`]). A descriptor often names a person before or after the
//! person's name is given ("Ukraine's foreign minister described …" and
//! "Foreign Minister Andrii Sybiha"); once every role is known, a singular
//! descriptor whose words end a role of exactly one person is that person.
//! Person roles are indexed by their last one and two words, so each
//! descriptor is one lookup (linear overall), and the keys are the roles'
//! own words compared lowercased, so building the index copies no text.

use super::Resolver;
use super::entities::Entity;
use super::keys::{Map, NameKey};
use crate::SpeakerType;
use crate::attribution::Found;
use crate::lexicon::Class;
use crate::lexicon::case::{lowercase_ends_with, push_lowercase};
use crate::mentions::{Mention, MentionKind};

/// An entity keeps at most this many roles.
const MAX_ROLES: usize = 16;

/// How a role was stated, in rising rank: a title written before the
/// name somewhere in the text (not where the person speaks), a title at a
/// speaker mention, an apposition or descriptor at a speaker mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum RoleRank {
    IndexedTitle,
    Title,
    Apposition,
}

impl RoleRank {
    /// The rank of a role a speaker mention states.
    pub(super) fn of_mention(from_apposition: bool) -> RoleRank {
        if from_apposition {
            RoleRank::Apposition
        } else {
            RoleRank::Title
        }
    }
}

impl<'t> Entity<'t> {
    /// Keeps `role`, stated with `rank`, and makes it the best role when it
    /// outranks the one before, or is a title that says more of the same
    /// role ("mission scientist" after "scientist").
    pub(super) fn note_role(&mut self, role: &'t str, rank: RoleRank) {
        // Bounded: an entity never has more than a few roles.
        if self.roles.len() < MAX_ROLES && !self.roles.contains(&role) {
            self.roles.push(role);
        }
        let better = match self.best_role {
            None => true,
            Some((best, r)) => {
                rank > r || (rank == r && rank != RoleRank::Apposition && extends(role, best))
            }
        };
        if better {
            self.best_role = Some((role, rank));
        }
    }
}

/// Whether `role` is `shorter` with words before it ("Study leader",
/// "leader"), compared ignoring ASCII case. An abbreviated courtesy title
/// ("Dr.", "Ms.") is extended by nothing: what stands before it is another
/// phrase ("Mrs. Clinton and Ms.").
fn extends(role: &str, shorter: &str) -> bool {
    !shorter.ends_with('.')
        && role.len() > shorter.len() + 1
        && role.is_char_boundary(role.len() - shorter.len())
        && {
            let (head, tail) = role.split_at(role.len() - shorter.len());
            head.ends_with(' ') && tail.eq_ignore_ascii_case(shorter)
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

impl<'t> Resolver<'t, '_> {
    /// Pass 3: "Ukraine's foreign minister described …" before "Foreign
    /// Minister Andrii Sybiha" is named: moves each statement of a singular
    /// descriptor whose words end a role of exactly one person (other than
    /// the descriptor's own entity) to that person.
    pub(super) fn merge_descriptors_into_role_holders(
        &mut self,
        found: &[Found],
        entities: &mut [Option<usize>],
    ) {
        let by_role_tail = self.person_roles_by_tail();
        for (f, entity) in found.iter().zip(entities.iter_mut()) {
            let (Some(e), Some(m)) = (entity, &f.speaker) else {
                continue;
            };
            let Some(role) = self.descriptor_role(m) else {
                continue;
            };
            if let Some(owner) = self.sole_role_holder(&by_role_tail, &role, *e) {
                self.ents[*e].count -= 1;
                self.ents[owner].count += 1;
                self.ents[owner].mentions.push(m.span);
                *e = owner;
            }
        }
    }

    /// The person entities by the last one and the last two words of each
    /// of their roles.
    fn person_roles_by_tail(&self) -> Map<RoleTail<'t>, Owners> {
        let mut by_role_tail: Map<RoleTail<'t>, Owners> =
            Map::with_capacity_and_hasher(2 * person_roles(&self.ents), Default::default());
        for (i, x) in self.ents.iter().enumerate() {
            if x.kind != SpeakerType::Person {
                continue;
            }
            for &r in &x.roles {
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
        by_role_tail
    }

    /// The role a singular descriptor states: its words after its
    /// determiners and possessives, lowercased and joined by single spaces
    /// (each word lowercased on its own: a space ends a word for
    /// `to_lowercase` as well).
    fn descriptor_role(&self, m: &Mention) -> Option<String> {
        if m.kind != MentionKind::Descriptor || m.plural {
            return None;
        }
        let tokens = self.tokens;
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
            push_lowercase(&mut role, t.span().slice(self.text));
        }
        Some(role)
    }

    /// The one person, other than entity `current`, with a role ending in
    /// the lowercased `role`; `None` when none or several have one.
    fn sole_role_holder(
        &self,
        by_role_tail: &Map<RoleTail<'_>, Owners>,
        role: &str,
        current: usize,
    ) -> Option<usize> {
        // Its last two words.
        let (Some(last), before) = last_two_words(role) else {
            return None;
        };
        let key = RoleTail {
            before: before.map(NameKey::lowered),
            last: NameKey::lowered(last),
        };
        let candidates = by_role_tail.get(&key)?;
        let mut owners = candidates.as_slice().iter().copied().filter(|&i| {
            i != current
                && self.ents[i]
                    .roles
                    .iter()
                    .any(|r| lowercase_ends_with(r, role))
        });
        match (owners.next(), owners.next()) {
            (Some(owner), None) => Some(owner),
            _ => None,
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
