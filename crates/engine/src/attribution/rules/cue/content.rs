//! Phases 3 and 4 of the cue rule: what the cue is followed by.
//!
//! Past the speaker, an addressee is skipped ("told reporters"); what
//! comes next decides where the content is. Before reading it as content,
//! two frames that report something else are ruled out: a frame inside a
//! writer's relative clause reports the pronoun it leaves out ("what Trump
//! says his plan would do"), and a clause owned by a statement noun ("the
//! mayor's claim that …") is that owner's, found by the nominal rule.

use super::Cue;
use super::speaker::SpeakerSide;
use crate::attribution::clause::{After, past_addressee, skip_to_clause_end, what_follows};
use crate::attribution::found::confidence;
use crate::attribution::frame::FrameContext;
use crate::attribution::input::Input;
use crate::attribution::sense;
use crate::lexicon::{Class, words};
use crate::mentions::Mention;
use crate::text::{TokKind, lower_ascii};

/// What follows the cue, its speaker and its addressee.
pub(super) struct ContentSide {
    /// The first token after them.
    pub k: usize,
    /// What is there.
    pub after: After,
}

/// "told reporters", "asked him": the first token after the addressee of
/// a cue that takes one (after the cue and an inverted speaker otherwise).
#[inline]
pub(super) fn skip_addressee(cue: &Cue<'_>, side: &SpeakerSide) -> usize {
    if side.inverted {
        return side.after;
    }
    let k = past_particle(cue, side.after);
    past_addressee(cue.inp, cue.lemma, k, cue.e)
}

/// "brushed off the criticism", "lashed out at the board": a particle
/// right after the cue is part of the verb, and so is a preposition after
/// the particle; the token after them when a content follows there. Not
/// "over" ("said over the phone") nor "up to" ("said up to 40 …"), which
/// open a phrase; not a particle the cue governs ("pointed out that …",
/// read by [`content_side`]); and not before an adjunct ("spoke out on
/// Tuesday about …"), which leaves the particle to the content as before.
fn past_particle(cue: &Cue<'_>, k: usize) -> usize {
    let (inp, v, e) = (cue.inp, cue.view(), cue.e);
    let word_at =
        |m: usize| m < e && v.tokens[m].kind == TokKind::Word && v.tokens[m].in_quote.is_none();
    let particle = k == cue.c + 1
        && word_at(k)
        && word_at(k + 1)
        && !v.tokens[k].cap
        && words::is_verb_particles(v.s(k))
        && !cue.lemma.governs(v.s(k))
        && v.s(k) != "over"
        && !opens_up_to(cue, k);
    if !particle {
        return k;
    }
    let past = if word_at(k + 2) && words::is_particle_prepositions(v.s(k + 1)) {
        k + 2
    } else {
        k + 1
    };
    match what_follows(inp, past, e) {
        After::Content(_) => past,
        _ => k,
    }
}

/// "what Trump says his plan would do", "the list, which the campaign says
/// includes …", "Everything he says is …": the clause around the frame is
/// the writer's; what is reported is the pronoun the frame leaves out.
/// Reports that frame; `None` when it is not one (the rule goes on).
#[inline]
pub(super) fn reported_pronoun_frame(
    fc: &mut FrameContext<'_, '_>,
    cue: &Cue<'_>,
    side: &SpeakerSide,
    k: usize,
) -> Option<(usize, Mention)> {
    let m = side.speaker?;
    if side.inverted || !cue.lemma.is_speech() {
        return None;
    }
    let p = reported_pronoun_before(cue.inp, m.tokens.0, cue.s)?;
    if verb_has_own_clause(cue.inp, k, cue.e) {
        return None;
    }
    fc.push(p, p + 1, cue.claim(m, confidence(&m, true) - 0.2));
    Some((skip_to_clause_end(cue.inp, k, cue.e), m))
}

/// What follows the cue at `k`; `None` when that shows there is no frame
/// (a verb that needs its preposition lacks it, or the clause is owned by
/// a statement noun).
#[inline]
pub(super) fn content_side(
    cue: &Cue<'_>,
    side: &SpeakerSide,
    k: usize,
    quote_before: bool,
) -> Option<ContentSide> {
    let (inp, v, e) = (cue.inp, cue.view(), cue.e);
    if !side.inverted && phrasal_sense_reports_nothing(cue) {
        return None;
    }
    let governed = k + 1 < e && cue.lemma.governs(v.s(k));
    if cue.lemma.needs_preposition() && !governed {
        return None;
    }
    // "agreed with X", "accused Clinton of …", "pointed to X": a
    // preposition the verb governs opens its content, not an adjunct.
    let after = if !side.inverted && governed {
        let start = if v.tokens[k + 1].class == Class::That {
            k + 2
        } else {
            k + 1
        };
        After::Content(start)
    } else {
        match what_follows(inp, k, e) {
            // "…, said Dan Gerstein, director of …": what follows an
            // inverted speaker's comma is his apposition.
            After::CommaClause(_) if side.inverted => After::Nothing,
            after => after,
        }
    };
    // "denied entry", "found traces of …", "a unit called the Task Force":
    // a sense of the verb that reports nothing (see `sense`). Adjuncts
    // alone are decided with the side of the content (they may follow a
    // content before the frame), and so is anything after a frame whose
    // content is the quotation before it ("“…,” Cook wrote this week").
    if !governed
        && !side.inverted
        && !quote_before
        && !matches!(after, After::Adjunct(_))
        && !sense::reports(inp, cue.lemma, k, after, e)
    {
        return None;
    }
    // "Critics scoffed at the mayor's claim that …": the clause after the
    // claim is the mayor's, not the critics'.
    if !matches!(after, After::Nothing) && opens_with_owned_statement(inp, k, e) {
        return None;
    }
    Some(ContentSide { k, after })
}

/// "Voters showed up early", "the figures don't add up": the cue and the
/// particle right after it are a verb that reports nothing
/// (`non-reporting-phrasal-verbs.txt`).
fn phrasal_sense_reports_nothing(cue: &Cue<'_>) -> bool {
    let v = cue.view();
    let p = cue.c + 1;
    if p >= cue.e || v.tokens[p].kind != TokKind::Word {
        return false;
    }
    let particle = lower_ascii(v.s(p));
    words::is_verb_particles(particle.as_str())
        && !opens_up_to(cue, p)
        && words::is_non_reporting_phrasal_verbs(&format!(
            "{} {}",
            cue.lemma.as_str(),
            particle.as_str()
        ))
}

/// Whether "up to" ("said up to 40 …", "showed up to half …") opens at
/// `p`: an amount, not a particle of the cue before it.
fn opens_up_to(cue: &Cue<'_>, p: usize) -> bool {
    let v = cue.view();
    p + 1 < cue.e && v.s(p).eq_ignore_ascii_case("up") && v.s(p + 1) == "to"
}

/// Whether the words at `start` open with a statement noun that has its
/// own owner and clause ("the mayor's claim that …", "his warning that …"):
/// that clause is the owner's statement, found by the nominal frame.
fn opens_with_owned_statement(inp: &Input<'_>, start: usize, e: usize) -> bool {
    let v = &inp.view;
    let toks = v.tokens;
    let owned = |n: usize| {
        (start..n).any(|t| toks[t].possessive || words::is_possessive_determiners(v.s(t)))
    };
    (start..e.min(start + 8)).any(|n| {
        n + 1 < e
            && toks[n + 1].class == Class::That
            && words::is_statement_nouns(v.s(n))
            && owned(n)
    })
}

/// The relative or indefinite pronoun right before a speaker at `speaker`
/// that stands for what the speaker reports ("what", "which",
/// "everything"), not at the sentence start `s` unless it is the subject
/// ("Everything Trump says is a lie").
fn reported_pronoun_before(inp: &Input<'_>, speaker: usize, s: usize) -> Option<usize> {
    let v = &inp.view;
    let p = speaker.checked_sub(1).filter(|&p| p >= s)?;
    let t = &v.tokens[p];
    // "in which he says …": after a preposition the clause is the content.
    if p > s && v.tokens[p - 1].class == Class::Prep {
        return None;
    }
    let pronoun = t.kind == TokKind::Word
        && t.in_quote.is_none()
        && words::is_reported_pronouns(lower_ascii(v.s(p)).as_str());
    pronoun.then_some(p)
}

/// Whether what follows the cue at `k` opens a clause with its own
/// subject or a quotation ("which he says he is doing", "what she says
/// “…”"): then that clause is reported, not the pronoun before the frame.
fn verb_has_own_clause(inp: &Input<'_>, k: usize, e: usize) -> bool {
    let toks = inp.view.tokens;
    k < e && {
        let t = &toks[k];
        t.kind == TokKind::QuoteMark
            || t.in_quote.is_some()
            || t.cap
            || matches!(t.class, Class::Pronoun(_) | Class::Det | Class::That)
    }
}
