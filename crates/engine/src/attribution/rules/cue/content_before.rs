//! Phase 5a of the cue rule: the content is before the frame — `"…," he
//! said`, `"…," said Peskov`, `Drones struck a train, local officials
//! said.`
//!
//! That is the reading when words precede the frame and the cue is
//! followed by nothing that could be content of its own (nothing, adjuncts,
//! a second quotation), or the frame comes right after a quotation, or
//! after a long lead and before a comma clause ("The argument would be
//! aided, Devine said, by …"). The frame may interrupt the statement: the
//! part after its comma is content too.

use super::Cue;
use super::content::ContentSide;
use super::speaker::SpeakerSide;
use crate::attribution::clause::{
    After, clause_end, content_tokens, is_according, new_frame_follows, opens_subordinate_clause,
    skip_to_clause_end, trim_back,
};
use crate::attribution::found::confidence;
use crate::attribution::frame::FrameContext;
use crate::attribution::input::{Input, is_title_case, is_word, quoted_before};
use crate::cues::Lemma;
use crate::lexicon::Class;
use crate::mentions::Mention;
use crate::text::TokKind;

/// `"…," he said <anything>`: whether the quotation right before the frame
/// (which starts at `speaker_start`) is its content. A short quoted title
/// in an introductory phrase ("In an interview on “Face the Nation,” Ryan
/// said …") is not, nor a title in title case that ends in a word and
/// modifies the speaker phrase ("“Daily Show” host Trevor Noah said").
#[inline]
pub(super) fn quotation_before(cue: &Cue<'_>, speaker_start: usize) -> bool {
    let (inp, lo) = (cue.inp, cue.lo);
    let toks = inp.view.tokens;
    let b = trim_back(inp, lo, speaker_start);
    b > lo
        && toks[b - 1].kind == TokKind::QuoteMark
        && toks[b - 1].in_quote.is_none()
        && b >= 2
        && toks[b - 2].in_quote.is_some_and(|q| {
            let q = &inp.quotes[q.index()];
            let words = (q.open..b).filter(|&t| is_word(inp, t)).count();
            (words >= 4 || !(lo..q.open).any(|t| is_word(inp, t)))
                && !names_speaker_phrase(inp, q.open, b)
        })
}

/// Whether the quotation from `open` to the closing mark at `b - 1` is a
/// title that the speaker phrase right after it takes as a modifier:
/// title case, no punctuation before its closing mark, and a lower-case
/// word after it ("“Daily Show” host Trevor Noah").
fn names_speaker_phrase(inp: &Input<'_>, open: usize, b: usize) -> bool {
    let toks = inp.view.tokens;
    toks[b - 2].kind == TokKind::Word
        && toks
            .get(b)
            .is_some_and(|t| t.kind == TokKind::Word && !t.cap)
        && is_title_case(inp, open, b)
}

/// Whether the content is before the frame (see the module docs).
#[inline]
pub(super) fn content_precedes(
    cue: &Cue<'_>,
    side: &SpeakerSide,
    content: &ContentSide,
    quote_before: bool,
) -> bool {
    // Connectives opening the sentence ("However, he said, the plan …")
    // open the clause of the frame after them and are no content before
    // it. (Inside a sentence, "… smiled and said, “…”" is left to the
    // rules for coordinated frames.)
    let has_before = content_tokens(cue.inp, cue.lo, side.start)
        .is_some_and(|(cs, ce)| !(cs == cue.s && cue.view().only_connectives(cs, ce)));
    has_before
        && (quote_before
            || matches!(content.after, After::Nothing | After::Adjunct(_))
            || (matches!(content.after, After::SplitQuote(_)) && !opens_with_adjunct(cue))
            || (matches!(content.after, After::CommaClause(_)) && long_lead(cue, side.start)))
}

/// "Quite suddenly, after the two divorced, Crawford said, “…”": the words
/// before the frame open the sentence with an adverb, a preposition or a
/// subordinator; they are an introductory phrase, not a statement the
/// quotation after the frame continues.
fn opens_with_adjunct(cue: &Cue<'_>) -> bool {
    let v = cue.view();
    let t = &v.tokens[cue.lo];
    cue.lo == cue.s
        && t.kind == TokKind::Word
        && t.in_quote.is_none()
        && (t.class.opens_adjunct() || opens_subordinate_clause(cue.inp, cue.lo))
}

/// Reports the content before the frame, and the rest of an interrupted
/// statement after it; `None` when the frame has no speaker, or is a
/// belief verb after words that are not its content.
#[inline]
pub(super) fn content_before_frame(
    fc: &mut FrameContext<'_, '_>,
    cue: &Cue<'_>,
    side: &SpeakerSide,
    content: &ContentSide,
    quote_before: bool,
) -> Option<(usize, Mention)> {
    let (inp, lo, e) = (cue.inp, cue.lo, cue.e);
    let speaker = side.speaker?;
    if !cue.lemma.is_speech()
        && !quoted_before(inp, lo, side.start)
        && !closes_long_sentence(cue, side, content)
    {
        return None;
    }
    if in_object_relative(cue, side.start) {
        return None;
    }
    let stop = trim_back(inp, lo, side.start);
    let (cs, ce) = content_tokens(inp, lo, stop)?;
    let cs = trailing_quotation_start(cue, cs, ce);
    let claim = cue.claim_by(side, speaker, confidence(&speaker, cue.lemma.is_speech()));
    fc.push(cs, ce, claim);
    let mut next = skip_to_clause_end(inp, content.k, e);
    if let Some(q) = rest_of_statement(cue, side, content, quote_before) {
        let end = clause_end(inp, q, e);
        if let Some((qs, qe)) = content_tokens(inp, q, end) {
            fc.push(qs, qe, claim);
            next = end;
        }
    }
    Some((next, speaker))
}

/// "buoys that volunteers have maintained", "the reform, which he
/// described …": a frame right after a relative word that follows a word
/// of the sentence is inside a relative clause; what it reports is the
/// relative's noun, never the sentence before it (a speech cue's frame of
/// that kind is the reported-pronoun frame, read earlier).
fn in_object_relative(cue: &Cue<'_>, speaker_start: usize) -> bool {
    let v = cue.view();
    let r = speaker_start.wrapping_sub(1);
    speaker_start >= cue.lo + 2
        && v.tokens[r].kind == TokKind::Word
        && v.tokens[r].in_quote.is_none()
        && (v.tokens[r].class == Class::That || v.relative_word(r))
        && v.tokens[r - 1].in_quote.is_none()
        && (v.tokens[r - 1].kind == TokKind::Word || v.tokens[r - 1].is_comma())
}

/// A short introductory phrase before "X said," is not the content: the
/// words before the frame at `speaker_start` are more than four, or quoted.
fn long_lead(cue: &Cue<'_>, speaker_start: usize) -> bool {
    let (inp, lo) = (cue.inp, cue.lo);
    let b = (lo..speaker_start).filter(|&t| is_word(inp, t)).count();
    b > 4 || quoted_before(inp, lo, speaker_start)
}

/// "Drones struck a train, local officials said.": a cue that is no speech
/// verb closes the sentence, after a comma and a long clause, and the
/// clause is its content (not for a learned cue).
fn closes_long_sentence(cue: &Cue<'_>, side: &SpeakerSide, content: &ContentSide) -> bool {
    let (v, lo, e) = (cue.view(), cue.lo, cue.e);
    cue.lemma != Lemma::LEARNED
        && matches!(content.after, After::Nothing)
        && (content.k..e).all(|t| v.tokens[t].kind == TokKind::Punct)
        && side.start > lo
        && v.tokens[side.start - 1].is_comma()
        && long_lead(cue, side.start)
}

/// `Whatever X, "…," said Y`: where the content `[cs, ce)` before the
/// frame starts when it ends in a quotation — only the trailing quotation
/// is the content when a comma or colon sets it off, or when it is long
/// after a short lead (`The number represents “more losses than …,” CSIS
/// said`: the quotation is the statement itself).
fn trailing_quotation_start(cue: &Cue<'_>, cs: usize, ce: usize) -> usize {
    let (inp, v) = (cue.inp, cue.view());
    let toks = v.tokens;
    let Some(q) = toks[ce - 1].in_quote.or_else(|| {
        (ce >= 2 && toks[ce - 1].kind == TokKind::QuoteMark)
            .then(|| toks[ce - 2].in_quote)
            .flatten()
    }) else {
        return cs;
    };
    let open = inp.quotes[q.index()].open;
    let words_before_quote = (cs..open).filter(|&t| is_word(inp, t)).count();
    let words_in_quote = (open..ce).filter(|&t| is_word(inp, t)).count();
    let short_lead = words_before_quote <= 4 && words_in_quote >= 3 * words_before_quote.max(1);
    if open > cs && (v.tokens[open - 1].is_comma() || v.tokens[open - 1].is_colon() || short_lead) {
        open
    } else {
        cs
    }
}

/// `"…," he said, "…"`, "In contrast, X said, there …" and "The argument
/// would be aided, Devine said, by the calendar": a frame inside the
/// sentence interrupts one statement, and the rest after its comma is
/// content too. Where that rest starts.
fn rest_of_statement(
    cue: &Cue<'_>,
    side: &SpeakerSide,
    content: &ContentSide,
    quote_before: bool,
) -> Option<usize> {
    let plain = !side.inverted && !quote_before;
    match content.after {
        After::SplitQuote(q) => Some(q),
        After::CommaClause(q) if q == content.k + 1 && plain && continues_statement(cue, q) => {
            Some(q)
        }
        After::Nothing if plain && clause_lead(cue, side.start) => adjunct_rest(cue, content.k),
        _ => None,
    }
}

/// "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt",
/// "It is his job, he said, to talk to Congress": after a whole clause
/// before the frame, a rest that opens with a conjunction or preposition
/// after the frame's comma finishes the statement. Where it starts, if
/// the comma is at `k`.
fn adjunct_rest(cue: &Cue<'_>, k: usize) -> Option<usize> {
    let (v, e) = (cue.view(), cue.e);
    let q = k + 1;
    let opens = k < e
        && v.tokens[k].is_comma()
        && q + 1 < e
        && v.tokens[q].kind == TokKind::Word
        && matches!(v.tokens[q].class, Class::Conj | Class::Prep)
        && !is_according(cue.inp, q)
        && !time_phrase(cue, q + 1);
    (opens && continues_statement(cue, q)).then_some(q)
}

/// "…, he said, on Tuesday": a time after the preposition makes the rest
/// the frame's adjunct.
fn time_phrase(cue: &Cue<'_>, t: usize) -> bool {
    cue.view().tokens[t].class.is_time()
}

/// More than two words before the frame that starts at `speaker_start`,
/// not opened by a preposition or subordinator (in their first two words)
/// that makes them a fronted adjunct: a clause whose statement the frame
/// may interrupt ("Lenox was a juggernaut, Mr. Clarke said, until …"; not
/// "By the time the polls closed, …" nor "But when the interns did
/// complain, …").
fn clause_lead(cue: &Cue<'_>, speaker_start: usize) -> bool {
    let v = cue.view();
    let lead = || (cue.lo..speaker_start).filter(|&t| is_word(cue.inp, t));
    let fronted =
        |t: usize| v.tokens[t].class == Class::Prep || opens_subordinate_clause(cue.inp, t);
    lead().count() > 2 && !lead().take(2).any(fronted)
}

/// Whether the words from `q` go on with the statement rather than open a
/// participle aside or a frame of their own.
fn continues_statement(cue: &Cue<'_>, q: usize) -> bool {
    !cue.view().s(q).ends_with("ing") && !new_frame_follows(cue.inp, q, cue.e)
}
