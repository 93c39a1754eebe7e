//! Phase 1 of the cue rule: a cue in "-ing".
//!
//! A participle is mostly not a frame of its own ("the speaking fee",
//! "saying goes"): it reports only where something around it supplies a
//! speaker. Three such frames are read here, completely, because their
//! speaker is found in no other way (the sentence's speaker so far, the
//! phrase after "with", or the subject after a participle phrase that
//! opens the sentence); the other participles go on to the speaker phase
//! only when an auxiliary ("is saying", "was still hoping"), "quoted as" or
//! a subordinating preposition ("before confirming") stands before them.

use std::ops::ControlFlow;

use super::Cue;
use crate::attribution::clause::{clause_end, content_start, content_tokens};
use crate::attribution::frame::FrameContext;
use crate::attribution::input::Input;
use crate::attribution::rules::phrases::before_auxiliaries;
use crate::cues::Lemma;
use crate::lexicon::{Class, words};
use crate::mentions::{Mention, MentionKind};
use crate::text::lower_ascii;

/// ", adding that …", "with analysts saying …": the frame is decided here
/// (`Break`, with the frame or `None` for none). Otherwise `Continue`, with
/// whether the cue is an adverbial participle ("… before confirming that
/// …"), which speaks for the sentence's subject.
#[inline]
pub(super) fn participle_frame(
    fc: &mut FrameContext<'_, '_>,
    cue: &Cue<'_>,
) -> ControlFlow<Option<(usize, Mention)>, bool> {
    let (v, c, s) = (cue.view(), cue.c, cue.s);
    if !cue.word.ends_with("ing") {
        return ControlFlow::Continue(false);
    }
    // "Insisting it was not rehearsed, Ruiz invited …": the participle
    // phrase opens the sentence.
    if opens_sentence(cue) {
        return ControlFlow::Break(opening_frame(fc, cue));
    }
    // ", adding that …": the sentence's speaker goes on.
    if c > s && (v.tokens[c - 1].is_comma() || v.tokens[c - 1].class == Class::Conj) {
        return ControlFlow::Break(continued_frame(fc, cue));
    }
    // "Stocks fell, with analysts saying a weak report …": the phrase after
    // "with" is the participle's subject.
    if cue.lemma != Lemma::LEARNED
        && let Some(speaker) = with_subject(cue.inp, c, cue.lo)
    {
        let frame = content_start(cue.inp, c + 1, cue.e, cue.lemma)
            .and_then(|start| report_clause(fc, cue, start, speaker, 0.7));
        return ControlFlow::Break(frame);
    }
    // "… before confirming that …", "while insisting …": a participle
    // after a subordinating preposition speaks for the sentence's subject.
    let adverbial = c > s && words::is_adverbial_participle_leads(v.s(c - 1));
    let quoted_as = c >= 3 && v.s(c - 1) == "as" && v.s(c - 2) == "quoted";
    let after_auxiliary = auxiliary_before(cue);
    if adverbial || quoted_as || after_auxiliary {
        ControlFlow::Continue(adverbial)
    } else {
        // "saying" elsewhere is rarely a reporting frame of its own.
        ControlFlow::Break(None)
    }
}

/// ", adding that …": the sentence's speaker (or its subject) goes on
/// speaking, unless the participle phrase is an aside before the
/// sentence's own verb.
fn continued_frame(fc: &mut FrameContext<'_, '_>, cue: &Cue<'_>) -> Option<(usize, Mention)> {
    let v = cue.view();
    let speaker = cue.sentence_speaker.or_else(|| v.subject(cue.s, cue.c))?;
    let start = content_start(cue.inp, cue.c + 1, cue.e, cue.lemma)?;
    // "The senator, speaking on Fox News, said …": the participle phrase
    // is an aside; the verb after it is the sentence's own.
    if v.tokens[start].cue.is_some() {
        return None;
    }
    report_clause(fc, cue, start, speaker, 0.75)
}

/// Whether an auxiliary stands before the participle, perhaps with
/// adverbs between ("is saying", "was still hoping", "has been quietly
/// pushing").
fn auxiliary_before(cue: &Cue<'_>) -> bool {
    let toks = cue.view().tokens;
    (before_auxiliaries(cue.inp, cue.c, cue.s)..cue.c).any(|k| toks[k].class == Class::Aux)
}

/// Whether the participle opens its sentence, alone or after a
/// preposition or a subordinator ("Insisting …", "After saying …", "In
/// describing …").
fn opens_sentence(cue: &Cue<'_>) -> bool {
    let (v, c) = (cue.view(), cue.c);
    // "But while denouncing …": a conjunction may stand first.
    let conjunction = cue.s < c && v.tokens[cue.s].cap && v.tokens[cue.s].class == Class::Conj;
    let s = if conjunction { cue.s + 1 } else { cue.s };
    c == s
        || (c == s + 1
            && (v.tokens[s].cap || conjunction)
            && (v.tokens[s].class == Class::Prep
                || words::is_adverbial_participle_leads(lower_ascii(v.s(s)).as_str())))
}

/// "Insisting it was not rehearsed, Ruiz invited …", "After saying he was
/// nervous, the man asked …": a participle phrase that opens the sentence
/// speaks for the subject after it, and its content ends at the comma
/// before that subject (adjuncts after the participle are none: "Speaking
/// on local radio, …"); reading resumes at the comma, so that the
/// sentence's own verb is read as well.
fn opening_frame(fc: &mut FrameContext<'_, '_>, cue: &Cue<'_>) -> Option<(usize, Mention)> {
    let v = cue.view();
    let speaker = v.subject(cue.s, cue.e)?;
    let comma = speaker.tokens.0.checked_sub(1)?;
    if comma <= cue.c || !v.tokens[comma].is_comma() {
        return None;
    }
    let start = content_start(cue.inp, cue.c + 1, comma, cue.lemma)?;
    // "Speaking on local radio last week, …": adjuncts are no content.
    let first = &v.tokens[start];
    if first.class.opens_adjunct() {
        return None;
    }
    let end = clause_end(cue.inp, start, comma);
    let (cs, ce) = content_tokens(cue.inp, start, end)?;
    fc.push(cs, ce, cue.claim(speaker, 0.7));
    Some((comma, speaker))
}

/// Reports the clause at `start` as `speaker`'s; where reading resumes.
fn report_clause(
    fc: &mut FrameContext<'_, '_>,
    cue: &Cue<'_>,
    start: usize,
    speaker: Mention,
    confidence: f32,
) -> Option<(usize, Mention)> {
    let end = clause_end(cue.inp, start, cue.e);
    let (cs, ce) = content_tokens(cue.inp, start, end)?;
    fc.push(cs, ce, cue.claim(speaker, confidence));
    Some((end, speaker))
}

/// "with analysts saying", "with 40 percent of voters saying": the phrase
/// between "with" and the participle at `c`, when it is a speaker phrase
/// or a group ("40 percent", "three in 10").
fn with_subject(inp: &Input<'_>, c: usize, lo: usize) -> Option<Mention> {
    with_group(inp, c, lo).or_else(|| with_phrase(inp, c, lo))
}

/// "with three in 10 saying": a group phrase right after "with" (a group
/// opens its clause, so it is looked for in the clause "with" opens).
fn with_group(inp: &Input<'_>, c: usize, lo: usize) -> Option<Mention> {
    let v = &inp.view;
    let with = (c.saturating_sub(MAX_GROUP_WORDS).max(lo)..c)
        .rev()
        .find(|&k| v.s(k) == "with")?;
    v.group_left(c, with + 1).filter(|g| g.tokens.0 == with + 1)
}

/// The most words a group between "with" and its participle spans ("about
/// 30 percent of likely voters").
const MAX_GROUP_WORDS: usize = 8;

/// "with analysts saying": a speaker phrase between "with" and the
/// participle.
fn with_phrase(inp: &Input<'_>, c: usize, lo: usize) -> Option<Mention> {
    let v = &inp.view;
    let j = v.skip_adjuncts_left(c as isize - 1, lo);
    if j < lo as isize {
        return None;
    }
    let m = v.np_left(j, lo)?;
    let opens = m.tokens.0;
    (opens > lo && v.s(opens - 1) == "with" && !matches!(m.kind, MentionKind::Pronoun(_)))
        .then_some(m)
}
