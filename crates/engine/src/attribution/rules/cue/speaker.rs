//! Phase 2 of the cue rule: who speaks by the cue.
//!
//! The speaker is looked for where English puts a subject, nearest first:
//! the phrase right before the cue (past its adjuncts, a restrictive
//! relative clause or a scene-setting phrase), the subject an infinitive or
//! an adverbial participle stands for, the antecedent of a relative "who"
//! or of a relative clause closed right before the cue, and only then an
//! inverted speaker after the cue ("…, said Smith"), because a phrase after
//! the cue is more often its object or the content's subject. Two checks
//! then rule out words that only look like cues: "show" reports only for
//! evidence ("polls show", not "the show"), and a base-form verb must agree
//! with its subject ("think tanks" is a noun).

use super::Cue;
use crate::attribution::clause::is_infinitive_marker;
use crate::attribution::input::Input;
use crate::attribution::rules::phrases::before_auxiliaries;
use crate::cues::Lemma;
use crate::lexicon::{Class, Pron, looks_plural, words};
use crate::mentions::{Mention, MentionKind, View};
use crate::text::{TokKind, lower_ascii};
use crate::wordclass;

/// Who speaks by the cue, and how the speaker stands to it.
pub(super) struct SpeakerSide {
    /// The speaker phrase: before the cue, or after it when `inverted`.
    pub speaker: Option<Mention>,
    /// The last token before the cue and the adjuncts left of it (below
    /// the context's cursor when there is none).
    pub prev: isize,
    /// The cue is an infinitive or adverbial participle speaking for the
    /// sentence's subject ("used his speech to call for …").
    pub infinitive: bool,
    /// The speaker is the antecedent of ", who said …".
    pub relative: bool,
    /// The relative pronoun that stands for the speaker in the cue's own
    /// clause ("who" of "…, who said", "leaders who say"): the speaker as
    /// the text writes it at this cue, while `speaker` is what it means.
    pub relative_pronoun: Option<usize>,
    /// The speaker follows the cue ("…, said Smith").
    pub inverted: bool,
    /// The first token after the cue and an inverted speaker.
    pub after: usize,
    /// Where the frame starts: the speaker's first token, or the cue.
    pub start: usize,
}

/// Finds the cue's speaker; `None` when the words around the cue show it
/// is no reporting verb ("the show", "think tanks").
#[inline]
pub(super) fn speaker_side(cue: &Cue<'_>, adverbial: bool) -> Option<SpeakerSide> {
    let (v, c, lo) = (cue.view(), cue.c, cue.lo);
    // "Pindling was quoted as saying": the speaker is before "was quoted as".
    let quoted_as = c >= lo + 2 && v.s(c - 1) == "as" && v.s(c - 2) == "quoted";
    let prev = v.skip_adjuncts_left(c as isize - if quoted_as { 3 } else { 1 }, lo);
    let mut side = SpeakerSide {
        speaker: phrase_before(cue, prev),
        prev,
        infinitive: false,
        relative: false,
        relative_pronoun: None,
        inverted: false,
        after: c + 1,
        start: c,
    };
    if let Some(m) = side.speaker
        && let Some(owner) = possessor_of_nominal_cue(cue, &m)
    {
        side.speaker = Some(owner);
    }
    if !cue.reaches_far()
        && side
            .speaker
            .is_some_and(|m| bare_plural_after_comma(v, &m, lo))
    {
        side.speaker = None;
    }
    if side.speaker.is_none() {
        side.subject_away_from_cue(cue, adverbial);
    }
    // "In a Facebook message posted Friday, Cruz said …": a phrase inside a
    // prepositional phrase is no subject, so its verb is no frame.
    // ("Supporters in Congress say …" falls back to the sentence subject
    // in the content-after phase.)
    // "Clinton allies on the panel also resisted …": the phrase before
    // the prepositional phrase is.
    if let Some(m) = side.speaker
        && in_scene_phrase(cue, &m)
    {
        side.speaker = subject_before_scene_phrase(cue, &m);
    }
    // "show" speaks only for evidence: "polls show", "Numbers show"; "the
    // show" and "TV shows" are nouns.
    if words::is_evidence_verbs(cue.word) && !side.speaker.is_some_and(|m| is_evidence(cue, &m)) {
        return None;
    }
    if side.speaker.is_none() {
        side.invert(cue);
    }
    if let Some(m) = side.speaker
        && !side.inverted
        && !agrees_with_base_form(cue, &m)
    {
        // "Residents near the old mill want …": the phrase before the cue
        // ends a post-modifier of a subject that starts before it; the
        // content phase looks for that subject instead (asking the tagger
        // whether the cue is a verb there, and only there: it costs more
        // than the rest of the frame).
        if !subject_starts_before(cue, &m) {
            return None;
        }
        side.speaker = None;
    }
    side.start = side.speaker.map_or(c, |m| m.tokens.0.min(c));
    Some(side)
}

/// The phrase ending at `prev`, right before the cue: "43 said", "About 9
/// percent say", "Another said" (a quantity or a pronoun-like determiner
/// is the subject; numbers are otherwise skipped as dates), an apposition
/// ending in a comma or dash, the phrase before a participle aside ("Jane
/// Roe, speaking to reporters, said"), or a noun phrase; for a phrase that closes a
/// relative clause, what the clause modifies ("Republicans who oppose the
/// bill argue …").
fn phrase_before(cue: &Cue<'_>, prev: isize) -> Option<Mention> {
    let (v, lo) = (cue.view(), cue.lo);
    let mut left = v.group_left(cue.c, lo);
    if left.is_none() && prev >= lo as isize {
        let p = prev as usize;
        left = if v.tokens[p].is_comma() || v.tokens[p].is_dash() {
            v.apposition_left(p, lo).or_else(|| v.aside_left(p, lo))
        } else {
            // "Hawkins and others who want to ban abortion said": a
            // restrictive relative clause may end in words no phrase
            // starts with; its antecedent speaks.
            v.np_left(prev, lo)
                .or_else(|| antecedent_of_restrictive_relative(cue, p))
        };
    }
    if let Some(m) = left
        && let Some(a) = v.relative_antecedent(m.tokens.0, lo)
    {
        left = Some(a);
    }
    left
}

/// "his infamous comment about …", "Palin's pugnacious attacks on …": a
/// phrase that opens with a possessor and runs up to the cue has no head
/// of its own when the cue is its head noun after an adjective; the
/// statement is the possessor's, and the words between ("his infamous")
/// are no speaker. The tagger decides (a noun before the cue is the
/// phrase's head: "his campaign said", "Rubio's backers hope"), and is
/// asked only after a possessor.
fn possessor_of_nominal_cue(cue: &Cue<'_>, m: &Mention) -> Option<Mention> {
    let (v, c) = (cue.view(), cue.c);
    let (s, e) = m.tokens;
    if e != c || e < s + 2 {
        return None;
    }
    let owner = if words::is_possessive_determiners(v.s(s)) {
        v.possessive_determiner(s)?
    } else {
        // Not the "'s" of "it's", "he's".
        let p = (s..e - 1)
            .find(|&k| v.tokens[k].possessive && !matches!(v.tokens[k].class, Class::Pronoun(_)))?;
        v.possessor(p, cue.lo)?
    };
    let noun = wordclass::penn_at(v, cue.s, cue.e, c).is_some_and(wordclass::is_noun);
    let adjective =
        noun && wordclass::penn_at(v, cue.s, cue.e, c - 1).is_some_and(wordclass::is_adjective);
    adjective.then_some(owner)
}

/// "Hawkins and others who want to ban abortion said": the antecedent
/// of a restrictive relative clause ending at `p`, right before the cue.
/// Not when the cue is the relative's own verb ("voters who have long
/// backed her"): only a speech verb speaks for a restrictive relative's
/// antecedent (see [`SpeakerSide::subject_away_from_cue`]).
fn antecedent_of_restrictive_relative(cue: &Cue<'_>, p: usize) -> Option<Mention> {
    if !cue.reaches_far() {
        return None;
    }
    let (v, lo) = (cue.view(), cue.lo);
    let b = before_auxiliaries(cue.inp, cue.c, lo);
    if b > lo && v.is_word(b - 1, "who") {
        return None;
    }
    v.relative_antecedent(p, lo)
}

/// The most words between a control verb and the infinitive's "to".
const MAX_CONTROLLED_OBJECT: usize = 6;

/// "The ruling allows residents to challenge the law", "prompted Ada Kerr
/// to denounce …": when a control verb (`object-control-verbs.txt`) and
/// its object stand right before the infinitive cue's "to", the object is
/// the infinitive's subject, not the sentence's. `None` when no control
/// verb governs the infinitive or its object is no speaker phrase.
fn controlling_object(cue: &Cue<'_>) -> Option<Mention> {
    let (v, c, s) = (cue.view(), cue.c, cue.s);
    let to = c
        .checked_sub(1)
        .filter(|&to| to > s && is_infinitive_marker(cue.inp, to))?;
    let verb = (to.saturating_sub(MAX_CONTROLLED_OBJECT + 1).max(s)..to - 1)
        .rev()
        .take_while(|&k| v.tokens[k].kind == TokKind::Word)
        .find(|&k| words::is_object_control_verbs(lower_ascii(v.s(k)).as_str()))?;
    v.np_right(verb + 1, to).filter(|m| m.tokens.1 == to)
}

impl SpeakerSide {
    /// With no phrase right before the cue: the subject an infinitive or
    /// adverbial participle speaks for, the antecedent of "who", or that of
    /// a relative clause set off by commas that closes right before the
    /// cue.
    fn subject_away_from_cue(&mut self, cue: &Cue<'_>, adverbial: bool) {
        let (v, c, s, lo, prev) = (cue.view(), cue.c, cue.s, cue.lo, self.prev);
        // "Ramos used his speech to call for …", "went on ABC to defend …":
        // an infinitive cue speaks for the sentence's subject.
        if c > s && (is_infinitive_marker(cue.inp, c - 1) || adverbial) {
            // "It is too soon to say whether …": an expletive "it" speaks
            // for no one. "The ruling allows residents to challenge …": the
            // object of a control verb does.
            self.speaker = controlling_object(cue).or_else(|| {
                v.subject(s, c - 1)
                    .filter(|m| m.tokens.1 < c - 1 && m.kind != MentionKind::Pronoun(Pron::It))
            });
            self.infinitive = self.speaker.is_some();
        }
        // "Mr. Trump, who said last week that …", "the union, which
        // endorsed Ramos in May": the relative's antecedent,
        // which may end the content of the frame before ("X endorsed Jane
        // Roe, who said …").
        if self.speaker.is_none()
            && prev >= lo as isize
            && prev >= s as isize + 2
            && words::is_subject_relatives(v.s(prev as usize))
            && v.tokens[prev as usize - 1].is_comma()
            && !passive_between(cue, prev as usize)
        {
            self.speaker = v.np_left(prev - 2, s);
            self.relative = self.speaker.is_some();
            self.relative_pronoun = self.speaker.and(Some(prev as usize));
        }
        // "Juanita Kerr, who said last week that …, recounted …": the
        // antecedent of a relative clause set off by commas that closes
        // right before the cue.
        if self.speaker.is_none() {
            self.speaker = antecedent_of_closed_relative(cue);
        }
        // "business leaders who say …": a restrictive relative's antecedent
        // (its clause runs to the sentence's own verb or end).
        if self.speaker.is_none()
            && prev > lo as isize
            && matches!(v.s(prev as usize), "who")
            && cue.lemma.is_speech()
            && cue.lemma != Lemma::LEARNED
        {
            self.speaker = v.np_left(prev - 1, lo);
            self.relative_pronoun = self.speaker.and(Some(prev as usize));
        }
    }

    /// "…, said Smith." / "said Smith on Tuesday": after a break, an
    /// inverted subject that ends its clause; in ", said he would …" the
    /// phrase opens the content instead.
    fn invert(&mut self, cue: &Cue<'_>) {
        let (v, s, lo, e, prev) = (cue.view(), cue.s, cue.lo, cue.e, self.prev);
        let prev_is_break = prev < s as isize
            || prev < lo as isize
            || v.tokens[prev as usize].is_comma()
            || v.tokens[prev as usize].kind == TokKind::QuoteMark;
        // "…, criticized the plan.": a verb that is no speech verb is not
        // inverted but after a quotation ("“…,” tweeted Smith"); what
        // follows it is its object.
        let after_quote = after_quotation(cue, prev);
        if prev_is_break
            && (after_quote || cue.lemma.is_speech())
            && let Some(r) = inverted_phrase(cue, after_quote)
        {
            self.after = r.tokens.1;
            self.speaker = Some(v.apposition_right(r, e));
            self.inverted = true;
        }
    }
}

/// The most tokens a relative clause set off by commas may span before
/// the cue its antecedent is the subject of.
const MAX_RELATIVE_CLAUSE: usize = 40;

/// "Ada Kerr, who has called the plan “reckless,” said …", "The union,
/// which endorsed Ramos in May, argued …": the cue's subject is the
/// antecedent of a relative clause that opens with ", who" or ", which"
/// and closes with the comma before the cue. When the relative clause was
/// a frame of its own (its cue spoke for the same antecedent), that frame's
/// speaker is the sentence's speaker, which must end at the clause's comma:
/// reading never goes back before the cursor.
fn antecedent_of_closed_relative(cue: &Cue<'_>) -> Option<Mention> {
    if !cue.reaches_far() {
        return None;
    }
    let (v, c, s, lo) = (cue.view(), cue.c, cue.s, cue.lo);
    let mut p = before_auxiliaries(cue.inp, c, lo)
        .checked_sub(1)
        .filter(|&p| p > s)?;
    if v.tokens[p].kind == TokKind::QuoteMark {
        p -= 1;
    }
    if p <= s + 2 || !v.tokens[p].is_comma() {
        return None;
    }
    let who = (p.saturating_sub(MAX_RELATIVE_CLAUSE).max(s + 2)..p - 1)
        .rev()
        .take_while(|&k| v.s(k) != ";")
        .find(|&k| {
            let t = &v.tokens[k];
            t.in_quote.is_none()
                && !t.cap
                && words::is_subject_relatives(v.s(k))
                && v.tokens[k - 1].is_comma()
        })?;
    let comma = who - 1;
    if comma > lo {
        return v
            .np_left(comma as isize - 1, lo)
            .filter(|m| m.tokens.1 == comma && !matches!(m.kind, MentionKind::Pronoun(_)));
    }
    cue.sentence_speaker.filter(|m| m.tokens.1 == comma)
}

/// Whether a form of "be" stands between the relative pronoun at `p` and
/// the cue (", which was projected by …", ", which has long been wary
/// of …"): the pronoun is then the verb's object or a copula's subject,
/// not its speaker.
fn passive_between(cue: &Cue<'_>, p: usize) -> bool {
    let v = cue.view();
    (p + 1..cue.c).any(|k| words::is_be_forms(lower_ascii(v.s(k)).as_str()))
}

/// Whether the cue follows a quotation that closes right before it, or
/// before the comma at `prev` ("“…,” said …", "“…”, said …").
fn after_quotation(cue: &Cue<'_>, prev: isize) -> bool {
    if prev < cue.s as isize {
        return false;
    }
    let v = cue.view();
    let mut p = prev as usize;
    if v.tokens[p].is_comma() && p > cue.s {
        p -= 1;
    }
    v.tokens[p].kind == TokKind::QuoteMark
}

/// The inverted speaker phrase right after the cue, unless it opens a
/// clause of its own (", said he would …"). After a quotation that the cue
/// reports, nothing but the speaker is left of the clause, so plain nouns
/// that run to its end belong to the phrase ("“…,” said one party
/// confidant.") and a determiner alone is a group ("tweeted another.").
fn inverted_phrase(cue: &Cue<'_>, after_quotation: bool) -> Option<Mention> {
    let (v, e, k) = (cue.view(), cue.e, cue.c + 1);
    let Some(r) = v.np_right(k, e) else {
        return v.group_right(k, e).filter(|_| after_quotation);
    };
    if !opens_clause(cue.inp, r.tokens.1, e) {
        return Some(r);
    }
    v.through_clause_final_nouns(r, e)
        .filter(|_| after_quotation)
}

/// Whether `m` is a descriptor inside a scene-setting prepositional phrase
/// before the cue ("In a Facebook message posted Friday, …").
fn in_scene_phrase(cue: &Cue<'_>, m: &Mention) -> bool {
    let v = cue.view();
    m.tokens.0 > cue.lo
        && words::is_scene_prepositions(v.s(m.tokens.0 - 1))
        && m.kind == MentionKind::Descriptor
        && m.tokens.1 <= cue.c
}

/// The subject that the scene-setting phrase ending in `m` follows
/// ("Clinton allies" of "Clinton allies on the panel also resisted"): a
/// noun phrase that opens its clause, right before the preposition.
fn subject_before_scene_phrase(cue: &Cue<'_>, m: &Mention) -> Option<Mention> {
    if !cue.reaches_far() {
        return None;
    }
    let (v, lo) = (cue.view(), cue.lo);
    let subject = v.np_left(m.tokens.0 as isize - 2, lo)?;
    let k = subject.tokens.0;
    let opens = k == lo
        || matches!(v.tokens[k - 1].kind, TokKind::Punct | TokKind::QuoteMark)
        || v.tokens[k - 1].class == Class::Conj;
    opens.then_some(subject)
}

/// Whether `m` is a bare plural of words outside the lexicon right after
/// a comma ("If the mine closes, environmentalists worry"): a subject only
/// the comma before it shows.
fn bare_plural_after_comma(v: &View<'_>, m: &Mention, lo: usize) -> bool {
    let (s, e) = m.tokens;
    let head = &v.tokens[e - 1];
    s > lo && v.tokens[s - 1].is_comma() && head.class == Class::Other && !head.cap
}

/// Whether the head of `m` names evidence ("polls", "numbers").
fn is_evidence(cue: &Cue<'_>, m: &Mention) -> bool {
    let v = cue.view();
    let (s, e) = m.tokens;
    // "documents from his tax return show", "video of the incident shows":
    // the head stands before the phrase's first preposition.
    let head = (s + 1..e)
        .find(|&k| v.tokens[k].class == Class::Prep)
        .map_or(e - 1, |p| p - 1);
    let is_noun = |k: usize| words::is_evidence_nouns(lower_ascii(v.s(k)).as_str());
    is_noun(e - 1) || (head != e - 1 && is_noun(head))
}

/// Whether the word at `k`, right after a noun phrase, is a verb of that
/// phrase (an auxiliary or a plain lower-case word), so that the phrase is
/// a subject rather than an inverted speaker.
fn opens_clause(inp: &Input<'_>, k: usize, e: usize) -> bool {
    let toks = inp.view.tokens;
    k < e
        && toks[k].kind == TokKind::Word
        && !toks[k].cap
        && toks[k].in_quote.is_none()
        && matches!(toks[k].class, Class::Aux | Class::Other)
}

/// Subject-verb agreement for a cue in its base form ("think", "expect"):
/// the subject is plural (names joined by "and" too: "Ann Lee and Bo Park
/// say"), a pronoun, or an auxiliary stands between ("will support"). A
/// lone quantifier ("Some say", "Many believe") agrees when the tagger
/// reads the cue as a verb: in "Several think tanks have …" it is part of
/// a noun.
fn agrees_with_base_form(cue: &Cue<'_>, speaker: &Mention) -> bool {
    let (v, c) = (cue.view(), cue.c);
    if !cue.word.eq_ignore_ascii_case(cue.lemma.as_str())
        || matches!(speaker.kind, MentionKind::Pronoun(_))
    {
        return true;
    }
    let head = v.s(speaker.tokens.1 - 1);
    // "Officials in Dunmore say": the phrase's head, not its last word, is
    // plural ("Several think tanks": a lone quantifier is no subject).
    let plural = looks_plural(head)
        || (speaker.plural && speaker.tokens.1 - speaker.tokens.0 > 1)
        || coordinated(v, speaker);
    let aux_between = (speaker.tokens.1..c)
        .any(|k| matches!(v.tokens[k].class, Class::Aux) || is_infinitive_marker(cue.inp, k));
    plural || aux_between || (lone_quantifier(v, speaker) && tagged_verb(cue))
}

/// Whether the sentence's subject starts before the phrase `m` ("Residents"
/// of "Residents near the old mill want"), which then ends a post-modifier.
fn subject_starts_before(cue: &Cue<'_>, m: &Mention) -> bool {
    cue.view()
        .subject(cue.lo, cue.c)
        .is_some_and(|subject| subject.tokens.0 < m.tokens.0)
}

/// Whether the phrase is one group quantifier ("Some", "Many", "Both").
fn lone_quantifier(v: &View<'_>, speaker: &Mention) -> bool {
    let (s, e) = speaker.tokens;
    e == s + 1 && words::is_group_quantifiers(lower_ascii(v.s(s)).as_str())
}

/// Whether the tagger reads the cue as a verb (present tense, or the base
/// form it gives some present tenses after a quantifier: "Most oppose").
pub(super) fn tagged_verb(cue: &Cue<'_>) -> bool {
    wordclass::penn_at(cue.view(), cue.s, cue.e, cue.c).is_some_and(wordclass::is_clause_verb)
}

/// Whether a conjunction joins the names of the phrase ("Ann Lee and Bo
/// Park"), which the phrase rules keep as one name and which agrees with a
/// plural verb.
fn coordinated(v: &View<'_>, speaker: &Mention) -> bool {
    let (s, e) = speaker.tokens;
    (s + 1..e.saturating_sub(1)).any(|k| v.tokens[k].class == Class::Conj)
}
