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
//!
//! # Layout
//!
//! The attribution stage asks for a speaker in a handful of shapes, and each
//! shape is one file, all of them methods of the one read-only [`View`]:
//!
//! * `view` — the view of the tokens and the small questions asked of one
//!   token (its text, whether it is a given word or mark).
//! * `phrase_words` — which words may sit inside, and which may end, a
//!   speaker phrase: the questions every phrase rule asks.
//! * `mention` — a [`Mention`] of a token range, split into name and title.
//! * `phrase_left` — the phrase that ends at a cue ("Kremlin spokesman
//!   Dmitry Peskov said"), `phrase_right` the one that starts after it
//!   ("said the Kremlin spokesman").
//! * `post_modifiers` — what follows a phrase's head and still belongs to
//!   the speaker ("officials in Kyiv", "a source involved in the talks").
//! * `apposition` — roles set off by commas or dashes beside a name.
//! * `affiliation` — a person's name joined to where the person works
//!   ("Jane Roe of Kite University").
//! * `adjuncts` — the adverbs and time phrases between a speaker and a cue.
//! * `groups` — speakers that name no one ("43 percent", "Many in the
//!   crowd", "recent polls").
//! * `pronouns` — pronouns and possessive determiners as speakers.
//! * `subject` — the subject of a sentence, past its introductory phrase.
//! * `place` — a place's state or country set off by commas ("Elm Park,
//!   Oregon,"), which ends none of the phrases above.
//!
//! English words the rules compare against are lists in
//! `lexicon/words/` (one file each), so the rules read as what they test.

mod adjuncts;
mod affiliation;
mod apposition;
mod groups;
mod mention;
mod phrase_left;
mod phrase_right;
mod phrase_words;
mod place;
mod post_modifiers;
mod pronouns;
mod subject;
mod view;

pub(crate) use affiliation::{is_affiliation_preposition, is_person_name};
pub(crate) use view::{View, is_upper_word};

use crate::Span;
use crate::lexicon::Pron;

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
