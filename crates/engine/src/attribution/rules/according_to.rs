//! `according to X, CLAUSE` and `CLAUSE, according to X`: a cue with its
//! speaker after it, and the content on either side.
//!
//! The side is decided by length: a connective before the cue ("But
//! according to X, …") is not the content, the clause after the speaker
//! is; a long clause before it is ("Only one person was killed, according
//! to the agency"). When the sentence goes on reporting after the
//! speaker's comma, that clause is a second fragment; and a short lead of
//! other words before the cue ("Last spring, according to X, …", "The
//! losses, according to X, will grow") is a first one, as before an
//! interrupting "X said".
//! An apposition after the speaker ("according to Jane Roe, a professor at
//! Kite University, …") is the speaker's role and part of neither side.

use crate::Span;
use crate::attribution::clause::{
    clause_end, content_tokens, opens_subordinate_clause, skip_to_clause_end, trim_back,
};
use crate::attribution::found::Claim;
use crate::attribution::frame::FrameContext;
use crate::attribution::input::{Input, is_word};
use crate::lexicon::{Class, words};
use crate::text::TokKind;

/// At "according" followed by "to".
pub(super) fn applies(fc: &FrameContext<'_, '_>) -> bool {
    let (v, t, i) = (fc.view(), fc.token(), fc.at);
    t.kind == TokKind::Word
        && t.span().len() == "according".len()
        && v.s(i).eq_ignore_ascii_case("according")
        && i + 1 < fc.sent.tokens.1
        && v.s(i + 1) == "to"
}

/// `according to X, CLAUSE` / `CLAUSE, according to X`: the clause on the
/// side the module docs say, and a second fragment after the speaker when
/// the sentence goes on reporting.
pub(super) fn according_to(fc: &mut FrameContext<'_, '_>) -> Option<usize> {
    let (inp, sent, i, cursor) = (fc.inp, fc.sent, fc.at, fc.cursor);
    let v = &inp.view;
    let (_, e) = sent.tokens;
    let speaker = v
        .np_right(i + 2, e)
        .map(|m| v.with_trailing_nouns(m, e))
        .or_else(|| v.source_phrase(i + 2, e))?;
    // "according to Jane Roe, a professor at Kite University, the drug
    // worked": the apposition is the speaker's role, not the content.
    let (speaker, after_np) = match v.titled_apposition_right(speaker, e) {
        Some((m, end)) => (m, end),
        None => (speaker, speaker.tokens.1),
    };
    let cue = Some((
        Span::new(v.tokens[i].span().start, v.tokens[i + 1].span().end),
        "according to",
    ));
    let claim = Claim {
        cue,
        speaker: Some(speaker),
        written: None,
        confidence: 0.8,
    };
    let before = content_tokens(inp, cursor, trim_back(inp, cursor, i));
    let before_words = before.map_or(0, |(cs, ce)| lead_words(inp, cs, ce));
    let after = clause_after_speaker(inp, after_np, e);
    match (before, after) {
        (Some((cs, ce)), rest) if before_words > 4 => {
            fc.push(cs, ce, claim);
            // "Only one person was killed, according to the agency, and
            // there were eight incidents": the sentence goes on reporting.
            if let Some(((rs, re), end)) = rest
                && continues_report(inp, rs, re)
            {
                fc.push(rs, re, claim);
                return Some(end);
            }
            Some(skip_to_clause_end(inp, after_np, e))
        }
        // "Centerview earned $600 million, according to public filings, a
        // huge sum …": right after a frame that ended at the cue, the clause
        // after the speaker is content only if it continues the report as a
        // second fragment would.
        (_, Some(((cs, ce), end)))
            if before.is_some() || cursor == sent.tokens.0 || continues_report(inp, cs, ce) =>
        {
            // "Over the long term, according to the budget office, the
            // risks grow": a short lead of words of its own is the report's
            // first fragment, as before an interrupting "X said" (not a
            // frame's: "The AP reported that, according to …").
            if let Some((bs, be)) = before
                && before_words > 0
                && !(bs..be).any(|k| v.tokens[k].cue.is_some())
            {
                fc.push(bs, be, claim);
            }
            fc.push(cs, ce, claim);
            Some(end)
        }
        (Some((cs, ce)), None) if before_words > 0 => {
            fc.push(cs, ce, claim);
            Some(skip_to_clause_end(inp, after_np, e))
        }
        _ => None,
    }
}

/// "But according to X, …", "One Sunday in 2001, according to X, …": the
/// words before the cue that may make it content — connectives and
/// adverbs do not count.
fn lead_words(inp: &Input<'_>, cs: usize, ce: usize) -> usize {
    (cs..ce)
        .filter(|&t| is_word(inp, t) && !inp.view.is_connective(t))
        .count()
}

/// The clause after the speaker's comma (within ten tokens of the speaker
/// phrase's end `after_np`), with its end.
fn clause_after_speaker(
    inp: &Input<'_>,
    after_np: usize,
    e: usize,
) -> Option<((usize, usize), usize)> {
    let v = &inp.view;
    let mut k = after_np;
    while k < e && !v.tokens[k].is_comma() && k - after_np < 10 {
        k += 1;
    }
    if k >= e || !v.tokens[k].is_comma() {
        return None;
    }
    let end = clause_end(inp, k + 1, e);
    content_tokens(inp, k + 1, end).map(|c| (c, end))
}

/// Whether the clause after "…, according to X," continues the report
/// rather than describing X (", who …", ", citing …", ", a think tank").
fn continues_report(inp: &Input<'_>, s: usize, e: usize) -> bool {
    let v = &inp.view;
    let words = (s..e).filter(|&t| is_word(inp, t)).count();
    let t = &v.tokens[s];
    // "…, according to a CNN tally, but his path is narrowing": a contrast
    // or a subordinate clause is the writer's.
    words >= 3
        && t.kind == TokKind::Word
        && !t.cap
        && v.s(s) != "but"
        && !opens_subordinate_clause(inp, s)
        && !words::is_describing_relatives(v.s(s))
        && !v.s(s).ends_with("ing")
        && !matches!(
            t.class,
            Class::Det | Class::Title | Class::Descriptor | Class::RoleMod
        )
}
