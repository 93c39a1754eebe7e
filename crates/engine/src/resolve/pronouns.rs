//! Pronouns: the most recent speaker of a compatible kind.
//!
//! News prose uses a pronoun for the speaker just quoted: "he" is the last
//! person who spoke, "it" the last organisation, "they" and "we" the last
//! group or organisation. The resolver keeps the latest speaker of each
//! kind as it walks the statements, so each pronoun is one lookup. A
//! pronoun no earlier speaker explains ("he said", opening an article
//! after "President Volodymyr Zelensky has …") is the last person named
//! before it anywhere in the text; failing that it is left unresolved.
//!
//! One exception to the last speaker: a paragraph that opens with another
//! person's name after that speaker spoke has turned to that person
//! ("Almeda, who wore a gray suit, turned to the court. “…,” he said."), and
//! a person's pronoun in it is the paragraph's subject.

use super::Resolver;
use super::entities::is_full_name;
use super::names::has_of_or_for;
use crate::Span;
use crate::SpeakerType;
use crate::lexicon::Pron;
use crate::mentions::{Mention, MentionKind};

/// Most recent (mention start, entity) per speaker kind.
pub(super) type Recent = [Option<(usize, usize)>; 4];

/// The slot of `kind` in [`Recent`].
pub(super) fn kind_slot(kind: SpeakerType) -> usize {
    match kind {
        SpeakerType::Person => 0,
        SpeakerType::Organization => 1,
        SpeakerType::Group => 2,
        SpeakerType::Unresolved => 3,
    }
}

/// The kinds of speaker pronoun `p` may stand for.
fn antecedent_kinds(p: Pron) -> &'static [SpeakerType] {
    match p {
        Pron::He | Pron::She | Pron::I => &[SpeakerType::Person],
        Pron::It => &[SpeakerType::Organization],
        Pron::They | Pron::We => &[SpeakerType::Group, SpeakerType::Organization],
        Pron::You => &[],
    }
}

impl<'t> Resolver<'t, '_> {
    /// The entity the pronoun mention `m` (pronoun `p`) stands for.
    pub(super) fn pronoun_entity(&mut self, m: &Mention, p: Pron) -> usize {
        let want = antecedent_kinds(p);
        if want.contains(&SpeakerType::Person)
            && let Some(i) = self.paragraph_subject_since_speaker(m, want)
        {
            return i;
        }
        if let Some(i) = self.most_recent_speaker(want) {
            return i;
        }
        // No earlier speaker: the last person named before the pronoun.
        if want.contains(&SpeakerType::Person)
            && let Some(full) = self.person_named_before(m.span.start)
        {
            return self.entity_named(full, SpeakerType::Person);
        }
        self.new_entity(m.span.slice(self.text), SpeakerType::Unresolved)
    }

    /// The entity of the most recent speaker of one of the kinds `want`.
    fn most_recent_speaker(&self, want: &[SpeakerType]) -> Option<usize> {
        self.most_recent(want).map(|(_, e)| e)
    }

    /// The most recent speaker of one of the kinds `want`, with the start
    /// of its mention.
    fn most_recent(&self, want: &[SpeakerType]) -> Option<(usize, usize)> {
        want.iter()
            .filter_map(|&k| self.recent[kind_slot(k)])
            .max_by_key(|&(pos, _)| pos)
    }

    /// "Almeda, who wore a gray suit, turned to the court. “…,” he said.":
    /// the entity of a person named at the start of the pronoun `m`'s
    /// paragraph, before it, when the last speaker spoke before that
    /// paragraph: the paragraph is about that person now. The name is
    /// resolved as a speaker mention of it would be (a surname to its
    /// full name); one that is no person's ("Trump and Sanders", an
    /// organisation) gives none.
    fn paragraph_subject_since_speaker(
        &mut self,
        m: &Mention,
        want: &[SpeakerType],
    ) -> Option<usize> {
        let para = self.tokens.get(m.tokens.0)?.para;
        let (s, e) = self.index.paragraph_opener(para)?;
        let at = self.tokens[s].span().start;
        let since = self.most_recent(want).is_none_or(|(pos, _)| pos < at);
        if at >= m.span.start || !since {
            return None;
        }
        let span = Span::new(at, self.tokens[e - 1].span().end);
        let name = Mention {
            span,
            tokens: (s, e),
            kind: MentionKind::Name,
            name: Some(span),
            role: None,
            role_from_apposition: false,
            plural: false,
        };
        let full = self.canonical_name(&name);
        if !is_full_name(full) || full.contains(" and ") || has_of_or_for(full) {
            return None;
        }
        let i = self.entity_of_full_name(&name, full, false);
        (self.ents[i].kind == SpeakerType::Person).then_some(i)
    }

    /// The last person-like full name of the text that starts before
    /// `pos`.
    fn person_named_before(&self, pos: usize) -> Option<&'t str> {
        let k = self.index.persons.partition_point(|&(at, _)| at < pos);
        (k > 0).then(|| self.index.persons[k - 1].1)
    }
}
