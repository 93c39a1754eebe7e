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
//!
//! # Passes
//!
//! One [`Resolver`] holds the state of a document's resolution, and each
//! pass is one of its methods, run in this order by [`resolve`]:
//!
//! 1. [`Resolver::new`] indexes every name of the text (`names`).
//! 2. [`Resolver::link_speakers`] gives each statement's speaker mention an
//!    entity, in text order (`entities`, with pronouns in `pronouns`), and
//!    collects each entity's mentions and roles.
//! 3. [`Resolver::merge_descriptors_into_role_holders`] moves a descriptor
//!    that names a role ("Ukraine's foreign minister") to the one person
//!    who holds it (`roles`); this needs every role, so it runs after 2.
//! 4. [`Resolver::finish`] builds the public statements and speakers
//!    (`output`), with each entity's best role on all its statements.
//!
//! Names are compared as their lowercase through the keys of `keys`, and
//! `lexicon::case::lowercase` is the lowercasing those keys are defined by.

mod entities;
mod keys;
mod names;
mod output;
mod pronouns;
mod roles;

use crate::attribution::Found;
use crate::text::Token;
use crate::{Speaker, Statement};

use entities::Entity;
use keys::{Map, NameKey};
use names::NameIndex;
use pronouns::Recent;

/// Turns found statements into public statements and speaker entities,
/// leaving `found` empty (its memory is kept for the next document).
pub(crate) fn resolve(
    text: &'_ str,
    tokens: &[Token],
    found: &mut Vec<Found>,
) -> (Vec<Statement>, Vec<Speaker>) {
    let mut resolver = Resolver::new(text, tokens, found.len());
    let mut entities = resolver.link_speakers(found);
    resolver.merge_descriptors_into_role_holders(found, &mut entities);
    resolver.finish(found, entities)
}

/// The state of one document's resolution, shared by its passes.
struct Resolver<'t, 'k> {
    text: &'t str,
    tokens: &'k [Token],
    /// Every name of the text, by last word, initials and position.
    index: NameIndex<'t>,
    /// The speakers found so far; a statement's entity is an index here.
    ents: Vec<Entity<'t>>,
    /// Entities by name (and a person's by surname), compared lowercased.
    by_name: Map<NameKey<'t>, usize>,
    /// The most recent speaker of each kind, for pronouns (O(1) per lookup).
    recent: Recent,
    /// The entity of the last statement with a speaker, for carried-over
    /// speakers.
    last_entity: Option<usize>,
}

impl<'t, 'k> Resolver<'t, 'k> {
    /// A resolver for the `statements` found in `text`, with its names
    /// indexed.
    fn new(text: &'t str, tokens: &'k [Token], statements: usize) -> Resolver<'t, 'k> {
        Resolver {
            text,
            tokens,
            index: NameIndex::build(text, tokens),
            // At most one entity per statement (pronouns nobody introduced
            // each get their own). Sized once, the list is never copied as
            // it grows: with thousands of such speakers those copies were
            // most of resolve's fresh memory.
            ents: Vec::with_capacity(statements),
            // At most two names per statement: sized once rather than
            // regrown.
            by_name: Map::with_capacity_and_hasher(2 * statements, Default::default()),
            recent: [None; 4],
            last_entity: None,
        }
    }
}
