//! Beliefs and claims outside the cue lexicon: `NP VERB that CLAUSE`
//! ("believes that", "hopes that", "warned voters that") and statement
//! nouns with a that-clause ("Trump's claim that …", "the warning that …").
//!
//! PolNeAR-style attribution covers beliefs and claims as well as speech.
//! The complementiser makes the frame clear, but these frames are less sure
//! than a speech verb and get lower confidence, and each has a guard
//! against its commonest false reading (a relative "that" after a plural
//! noun: "the attacks that jolted …").

use super::closing::reported_by_closing_frame;
use crate::attribution::clause::{clause_end, content_tokens};
use crate::attribution::found::{Claim, CueRef, confidence};
use crate::attribution::frame::FrameContext;
use crate::attribution::input::{Input, is_word};
use crate::cues::Lemma;
use crate::lexicon::{Class, words};
use crate::mentions::{Mention, MentionKind};
use crate::text::TokKind;
use crate::wordclass;

/// At a lower-case "that" with at least a word before it.
pub(super) fn applies_statement_noun(fc: &FrameContext<'_, '_>) -> bool {
    let t = fc.token();
    t.class == Class::That && !t.cap && fc.at > fc.cursor
}

/// At a lower-case "that" with at least a subject and a verb before it.
pub(super) fn applies_that_clause(fc: &FrameContext<'_, '_>) -> bool {
    let t = fc.token();
    t.class == Class::That && !t.cap && fc.at > fc.cursor + 1
}

/// The that-clause rule: on a frame, its speaker becomes the sentence's
/// speaker.
pub(super) fn that_clause(fc: &mut FrameContext<'_, '_>) -> Option<usize> {
    let (next, speaker, cue) = that_frame(fc)?;
    fc.speaker = Some((speaker, Some(cue)));
    Some(next)
}

/// `NP VERB that CLAUSE` for a verb outside the cue lexicon ("believes
/// that", "hopes that", "warned voters that"): PolNeAR-style attribution
/// covers beliefs and claims, and the complementiser makes the frame clear.
fn that_frame(fc: &mut FrameContext<'_, '_>) -> Option<(usize, Mention, CueRef)> {
    let (inp, sent, i, cursor) = (fc.inp, fc.sent, fc.at, fc.cursor);

    let v = &inp.view;
    let toks = v.tokens;
    let (_, e) = sent.tokens;
    let w = i - 1;
    let verb = &toks[w];
    let word = v.s(w);
    let verbish = verb.kind == TokKind::Word
        && !verb.cap
        && verb.in_quote.is_none()
        && (verb.cue.is_some()
            || (verb.class == Class::Other
                && (word.ends_with("ed")
                    || word.ends_with('s')
                    || words::is_base_belief_verbs(word))
                && !words::is_s_final_non_verbs(word)));
    // "The court found that …, Judge Ann Holt wrote.": the closing frame
    // reports the whole clause.
    if !verbish || reported_by_closing_frame(v, w, e) {
        return None;
    }
    let j = v.skip_adjuncts_left(w as isize - 1, cursor);
    let speaker = v.np_left(j, cursor)?;
    // "the attacks that jolted …": after a plural noun, "that" is a
    // relative pronoun unless a clear subject (a name or pronoun) precedes.
    if verb.cue.is_none()
        && word.ends_with('s')
        && !word.ends_with("ss")
        && speaker.kind == MentionKind::Descriptor
    {
        return None;
    }
    let end = clause_end(inp, i + 1, e);
    let (cs, ce) = content_tokens(inp, i + 1, end)?;
    if (cs..ce).filter(|&t| is_word(inp, t)).count() < 3 {
        return None;
    }
    let lemma = verb.cue.map_or("", Lemma::as_str);
    let cue = (verb.span(), lemma);
    let conf = confidence(&speaker, false) - 0.2;
    fc.push(
        cs,
        ce,
        Claim {
            cue: Some(cue),
            speaker: Some(speaker),
            written: None,
            confidence: conf,
        },
    );
    Some((end, speaker, cue))
}

/// "Trump's claim that …", "the warning that …": a statement noun with a
/// that-clause; the speaker is the possessor when there is one.
pub(super) fn nominal_frame(fc: &mut FrameContext<'_, '_>) -> Option<usize> {
    let (inp, sent, i, cursor) = (fc.inp, fc.sent, fc.at, fc.cursor);

    let v = &inp.view;
    let toks = v.tokens;
    let (_, e) = sent.tokens;
    let n = i - 1;
    if toks[n].cap || toks[n].in_quote.is_some() || !words::is_statement_nouns(v.s(n)) {
        return None;
    }
    if opens_relative_clause(inp, sent.tokens, i) {
        return None;
    }
    let end = clause_end(inp, i + 1, e);
    let (cs, ce) = content_tokens(inp, i + 1, end)?;
    if (cs..ce).filter(|&t| is_word(inp, t)).count() < 3 {
        return None;
    }
    // The possessor: "Trump's claim", "his claim", "the senator's warning".
    let mut k = n;
    while k > cursor && n - k < 3 && !toks[k - 1].possessive && toks[k - 1].kind == TokKind::Word {
        if matches!(toks[k - 1].class, Class::Pronoun(_)) {
            break;
        }
        if !(toks[k - 1].class == Class::RoleMod || toks[k - 1].class == Class::Other) {
            break;
        }
        k -= 1;
    }
    let speaker = (k > cursor).then(|| k - 1).and_then(|p| {
        let t = &toks[p];
        if t.possessive && t.kind == TokKind::Word {
            v.possessor(p, cursor)
        } else if t.class == Class::Det {
            v.possessive_determiner(p)
        } else if matches!(t.class, Class::Pronoun(_)) && t.kind == TokKind::Word {
            v.np_left(p as isize, cursor)
        } else {
            None
        }
    });
    // "X closed the meeting with a warning that …": without a possessor,
    // the sentence subject is the likeliest owner of the statement.
    let speaker = speaker.or_else(|| {
        v.subject(sent.tokens.0, n)
            .filter(|m| m.tokens.1 < n && m.kind != MentionKind::Descriptor)
    });
    fc.push(
        cs,
        ce,
        Claim {
            cue: Some((toks[n].span(), "")),
            speaker,
            written: None,
            confidence: 0.45,
        },
    );
    Some(end)
}

/// "a claim that originated in a deposition", "a message that has drawn
/// little notice": a verb right after "that" (an auxiliary, or a word the
/// tagger reads as a finite verb) has no subject of its own, so "that" is
/// a relative pronoun and the clause says what the noun is, not what was
/// claimed (a content clause opens with its subject: "the claim that she
/// lied"). The tagger is asked only after a statement noun.
fn opens_relative_clause(inp: &Input<'_>, (s, e): (usize, usize), i: usize) -> bool {
    i + 1 < e
        && (inp.view.tokens[i + 1].class == Class::Aux
            || wordclass::penn_at(&inp.view, s, e, i + 1).is_some_and(wordclass::is_finite_verb))
}
