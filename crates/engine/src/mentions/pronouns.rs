//! Pronouns as speakers, and possessive determiners as owners of a claim.
//!
//! A pronoun mention carries only its person and number ([`Pron`]); which
//! speaker it stands for is the resolution stage's decision, made from the
//! speakers before it in the article.

use super::{Mention, MentionKind, View};
use crate::lexicon::{Class, Pron};

impl View<'_> {
    /// "his claim", "their warning": a possessive determiner names its
    /// owner the way a pronoun names a speaker.
    pub(crate) fn possessive_determiner(&self, i: usize) -> Option<Mention> {
        // A mapping to the pronoun's person, not a word list: it stays a
        // `match`.
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

    /// The pronoun at token `i` as a speaker phrase of its own: outside a
    /// quotation, and not a possessive.
    pub(super) fn pronoun_speaker(&self, i: usize) -> Option<Mention> {
        let t = &self.tokens[i];
        match t.class {
            Class::Pronoun(p) if t.in_quote.is_none() && !t.possessive => Some(self.pronoun(i, p)),
            _ => None,
        }
    }

    /// The one-token mention of pronoun `p` at token `i`.
    pub(super) fn pronoun(&self, i: usize, p: Pron) -> Mention {
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
}
