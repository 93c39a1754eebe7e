//! The public result: statements with their speaker, role and verb, and
//! the speakers with every mention and role.
//!
//! Roles carry to every statement of an entity, so they are set only here,
//! after all mentions are seen: a statement shows the role its own mention
//! states in an apposition, or else its entity's best role. The entity's
//! names and roles, slices of the text until now, are copied into the
//! public strings once.

use super::Resolver;
use super::entities::Entity;
use crate::attribution::Found;
use crate::lexicon::case::lowercase;
use crate::mentions::Mention;
use crate::{Quote, Span, Speaker, SpeakerRef, Statement, Verb};

impl Resolver<'_, '_> {
    /// Pass 4: the public statements (one per found statement, in order,
    /// leaving `found` empty) and speakers, `entities` being each found
    /// statement's entity.
    pub(super) fn finish(
        mut self,
        found: &mut Vec<Found>,
        entities: Vec<Option<usize>>,
    ) -> (Vec<Statement>, Vec<Speaker>) {
        for ent in &mut self.ents {
            ent.mentions.sort_unstable();
        }
        // The statements get a list of their own, of exactly their number:
        // `found` stays with the engine's working lists, whose pages are
        // already mapped (a 10 MB document finds some 30 MB of statements).
        let statements = found
            .drain(..)
            .zip(entities)
            .map(|(f, entity)| self.statement(f, entity))
            .collect();
        let speakers = self.ents.into_iter().map(Entity::into_speaker).collect();
        (statements, speakers)
    }

    /// The public statement of `f`, whose speaker is `entity`. Inlined
    /// into `finish`'s collect, which then builds each statement in place
    /// in the new list instead of copying it there from a return slot.
    #[inline]
    fn statement(&self, f: Found, entity: Option<usize>) -> Statement {
        let entity = entity.zip(f.speaker);
        Statement {
            quote: Quote {
                span: f.content,
                kind: f.kind,
            },
            role: entity.and_then(|(e, m)| self.statement_role(e, &m)),
            speaker: entity.map(|(e, m)| SpeakerRef {
                mention: f.written.unwrap_or(m.span),
                entity: e,
            }),
            verb: f.cue.map(|(span, lemma)| self.verb(span, lemma)),
            timestamp: None,
            confidence: f.confidence,
        }
    }

    /// The role a statement shows: its mention's own from an apposition,
    /// or else its entity `e`'s best role.
    fn statement_role(&self, e: usize, m: &Mention) -> Option<String> {
        let own = m.role.filter(|_| m.role_from_apposition);
        own.map(|r| r.slice(self.text))
            .or_else(|| self.ents[e].best_role.map(|(r, _)| r))
            .map(str::to_string)
    }

    /// The verb at `span`, with its lemma; a verb outside the lexicon is
    /// its own lemma, lowercased.
    fn verb(&self, span: Span, lemma: &str) -> Verb {
        Verb {
            span,
            lemma: if lemma.is_empty() {
                lowercase(span.slice(self.text))
            } else {
                lemma.to_string()
            },
        }
    }
}

impl Entity<'_> {
    /// The public speaker of this entity.
    fn into_speaker(self) -> Speaker {
        Speaker {
            name: self.name.to_string(),
            kind: self.kind,
            roles: self.roles.iter().map(|r| r.to_string()).collect(),
            mentions: self.mentions,
            statement_count: self.count,
        }
    }
}
