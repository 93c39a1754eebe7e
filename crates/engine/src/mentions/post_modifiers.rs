//! What follows the head of a speaker phrase and still belongs to the
//! speaker: "officials involved in the talks", "officials in Kyiv", "the
//! governor of Texas", "the Center … Studies in Washington", "a spokeswoman
//! for Trump hotels".
//!
//! The phrase rules stop at a head, so a preposition after it ends the
//! phrase; these rules then decide, from the words on either side, whether
//! the prepositional phrase is part of the speaker. Before a cue the
//! speaker is the phrase *before* the preposition (the descriptor or group,
//! not the place); after a cue the head stretches over the modifier.

use super::{Mention, MentionKind, View};
use crate::lexicon::{Class, looks_plural, words};
use crate::text::TokKind;

impl View<'_> {
    /// "officials involved in the talks", "people familiar with the
    /// matter", "sources close to the campaign", ending at a cue: the
    /// descriptor before the post-modifier is the speaker.
    pub(super) fn descriptor_before_post_modifier(
        &self,
        m: &Mention,
        lo: usize,
    ) -> Option<Mention> {
        let s = m.tokens.0;
        if s >= lo + 3
            && self.tokens[s - 1].class == Class::Prep
            && words::is_descriptor_post_modifiers_left(self.s(s - 2))
            && let Some(head) = self.np_left_simple(s as isize - 3, lo)
            && head.kind == MentionKind::Descriptor
        {
            let mut out = head.through(m);
            out.role = None;
            return Some(out);
        }
        None
    }

    /// "officials in Kyiv", "Farmers from Iowa", "the governor of Texas",
    /// "a spokeswoman for Smith", ending at a cue: a name after a
    /// descriptor or group says where the speakers are or whom they speak
    /// for.
    pub(super) fn group_before_name(&self, m: &Mention, lo: usize) -> Option<Mention> {
        let s = m.tokens.0;
        if m.kind == MentionKind::Name
            && s >= lo + 2
            && let Some(group) = self.np_left_simple(s as isize - 2, lo)
            && self.group_joins_name(&group, s - 1)
        {
            let mut group = group.through(m);
            group.plural |= looks_plural(self.s(s - 2));
            return Some(group);
        }
        None
    }

    /// "a member of the city council", "an adviser to the governor",
    /// "officials at the ministry", ending at a cue: the body (a phrase a
    /// determiner opens) is where the descriptor before its preposition
    /// serves, and that descriptor speaks, with the body in its role.
    pub(super) fn descriptor_before_body(&self, m: &Mention, lo: usize) -> Option<Mention> {
        let s = m.tokens.0;
        if m.kind == MentionKind::Descriptor
            && s >= lo + 2
            && self.tokens[s].class == Class::Det
            && self.joins_descriptor_to_body(s - 1)
            && let Some(person) = self.np_left_simple(s as isize - 2, lo)
            && self.heads_descriptor(&person)
        {
            let head = person.tokens.1 - 1;
            let mut out = person.through(m);
            out.kind = MentionKind::Descriptor;
            out.name = None;
            out.role = Some(self.strip_det(out.tokens));
            out.plural = looks_plural(self.s(head));
            return Some(out);
        }
        None
    }

    /// Whether `m` is a descriptor: lower-case, or capitalised only as a
    /// sentence's first word ("Officials at the ministry said").
    fn heads_descriptor(&self, m: &Mention) -> bool {
        m.kind == MentionKind::Descriptor
            || (m.tokens.1 - m.tokens.0 == 1 && self.tokens[m.tokens.0].class.is_np_head())
    }

    /// Whether the word at `prep` is a preposition that joins a descriptor
    /// to the body it serves ("of", "for", "to", "at", "in", "from").
    fn joins_descriptor_to_body(&self, prep: usize) -> bool {
        let t = &self.tokens[prep];
        let p = self.s(prep);
        t.kind == TokKind::Word
            && !t.cap
            && (words::is_group_affiliation_prepositions(p)
                || words::is_group_place_prepositions(p)
                || words::is_person_affiliation_prepositions(p))
    }

    /// Whether the preposition at token `prep` joins `group` to the name
    /// after it: a place after a descriptor or a plural name ("Farmers from
    /// Iowa"), whom a descriptor speaks for ("the governor of Texas").
    fn group_joins_name(&self, group: &Mention, prep: usize) -> bool {
        let p = self.s(prep);
        if words::is_group_place_prepositions(p) {
            group.kind == MentionKind::Descriptor
                || (group.kind == MentionKind::Name && looks_plural(self.s(prep - 1)))
        } else if words::is_group_affiliation_prepositions(p) {
            group.kind == MentionKind::Descriptor
        } else {
            false
        }
    }

    /// "the Center for Strategic and International Studies in Washington
    /// said": an organisation's name before its place is the speaker.
    pub(super) fn organisation_before_place(&self, m: &Mention, lo: usize) -> Option<Mention> {
        let s = m.tokens.0;
        if m.kind == MentionKind::Name
            && s >= lo + 2
            && words::is_org_place_prepositions(self.s(s - 1))
            && let Some(org) = self.np_left_simple(s as isize - 2, lo)
            && org.kind == MentionKind::Name
            && self.tokens[org.tokens.0..org.tokens.1]
                .iter()
                .any(|t| t.class == Class::OrgWord)
        {
            return Some(org.through(m));
        }
        None
    }

    /// The head of a phrase after a cue, stretched over what modifies a
    /// common-noun head at token `head`: a post-modifier ("a source
    /// involved in the talks"), then one prepositional phrase holding a
    /// name ("a spokeswoman for Trump hotels").
    pub(super) fn head_through_post_modifiers(&self, head: usize, hi: usize) -> usize {
        let head = self.post_modifier_end_right(head, hi).unwrap_or(head);
        self.complement_end_right(head, hi).unwrap_or(head)
    }

    /// "a source involved in the talks": the last token of a post-modifier
    /// after the common-noun head at `head`.
    fn post_modifier_end_right(&self, head: usize, hi: usize) -> Option<usize> {
        if !self.tokens[head].cap
            && head + 3 < hi
            && words::is_descriptor_post_modifiers_right(self.s(head + 1))
            && self.tokens[head + 2].class == Class::Prep
            && let Some(pp) = self.np_right(head + 3, hi)
        {
            return Some(pp.tokens.1 - 1);
        }
        None
    }

    /// "a spokeswoman for Trump hotels", "a longtime adviser to Trump", "the
    /// school of medicine.": the last token of one prepositional phrase
    /// after the common-noun head at `head`, holding a name, or an "of"
    /// phrase closing the clause with common nouns (after "for", "with" or
    /// "at" such nouns are as often the verb's: "criticized by the mayor
    /// for its cost").
    fn complement_end_right(&self, head: usize, hi: usize) -> Option<usize> {
        if self.tokens[head].cap
            || head + 2 >= hi
            || !words::is_descriptor_complement_prepositions(self.s(head + 1))
        {
            return None;
        }
        if let Some(pp) = self.np_right(head + 2, hi)
            && pp.kind == MentionKind::Name
        {
            return Some(pp.tokens.1 - 1);
        }
        if words::is_noun_complement_prepositions(self.s(head + 1)) {
            return self.closing_nouns_end(head + 2, hi);
        }
        None
    }

    /// "… of medicine.", "… for the campaign,": the last of one to three
    /// lower-case nouns from `k` (after a determiner) when a punctuation
    /// mark follows them. A plain word after a phrase is usually its verb;
    /// one that closes the clause cannot be. (`hi` is not enough: callers
    /// bound a phrase at a cue as well as at a clause's end.)
    fn closing_nouns_end(&self, k: usize, hi: usize) -> Option<usize> {
        let s = if self.tokens[k].class == Class::Det && self.tokens[k].kind == TokKind::Word {
            k + 1
        } else {
            k
        };
        let mut e = s;
        while e < hi && e - s < 3 && self.lower_case_noun(e) {
            e += 1;
        }
        let closed = e < hi && self.tokens[e].kind == TokKind::Punct;
        (e > s && closed).then(|| e - 1)
    }
}
