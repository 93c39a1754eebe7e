//! `according to X, CLAUSE` and `CLAUSE, according to X`: a cue with its
//! speaker after it, and the content on either side.
//!
//! The side is decided by length: a connective or a short introductory
//! phrase before the cue ("But according to X, …") is not the content, the
//! clause after the speaker is; a long clause before it is ("Only one
//! person was killed, according to the agency"). When the sentence goes on
//! reporting after the speaker's comma, that clause is a second fragment.

use crate::Span;
use crate::attribution::clause::{clause_end, content_tokens, skip_to_clause_end, trim_back};
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

/// `according to X, CLAUSE` / `CLAUSE, according to X`.
pub(super) fn according_to(fc: &mut FrameContext<'_, '_>) -> Option<usize> {
    let (inp, sent, i, cursor) = (fc.inp, fc.sent, fc.at, fc.cursor);

    let v = &inp.view;
    let (_, e) = sent.tokens;
    let speaker = v.np_right(i + 2, e).or_else(|| v.source_phrase(i + 2, e))?;
    let cue = Some((
        Span::new(v.tokens[i].span().start, v.tokens[i + 1].span().end),
        "according to",
    ));
    let after_np = speaker.tokens.1;
    let before = content_tokens(inp, cursor, trim_back(inp, cursor, i));
    // "But according to X, …", "One Sunday in 2001, according to X, …": a
    // connective or a short introductory phrase before the cue is not the
    // content; the clause after the speaker is.
    let before_words = before.map_or(0, |(cs, ce)| {
        (cs..ce)
            .filter(|&t| {
                is_word(inp, t) && !matches!(v.tokens[t].class, Class::Conj | Class::Adverb)
            })
            .count()
    });
    let mut k = after_np;
    while k < e && !v.is_punct(k, ",") && k - after_np < 10 {
        k += 1;
    }
    let after = (k < e && v.is_punct(k, ","))
        .then(|| {
            let end = clause_end(inp, k + 1, e);
            content_tokens(inp, k + 1, end).map(|c| (c, end))
        })
        .flatten();
    match (before, after) {
        (Some((cs, ce)), rest) if before_words > 4 => {
            fc.push(
                cs,
                ce,
                Claim {
                    cue,
                    speaker: Some(speaker),
                    confidence: 0.8,
                },
            );
            // "Only one person was killed, according to the agency, and
            // there were eight incidents": the sentence goes on reporting.
            if let Some(((rs, re), end)) = rest
                && continues_report(inp, rs, re)
            {
                fc.push(
                    rs,
                    re,
                    Claim {
                        cue,
                        speaker: Some(speaker),
                        confidence: 0.8,
                    },
                );
                return Some(end);
            }
            Some(skip_to_clause_end(inp, after_np, e))
        }
        (_, Some(((cs, ce), end))) => {
            fc.push(
                cs,
                ce,
                Claim {
                    cue,
                    speaker: Some(speaker),
                    confidence: 0.8,
                },
            );
            Some(end)
        }
        (Some((cs, ce)), None) if before_words > 0 => {
            fc.push(
                cs,
                ce,
                Claim {
                    cue,
                    speaker: Some(speaker),
                    confidence: 0.8,
                },
            );
            Some(skip_to_clause_end(inp, after_np, e))
        }
        _ => None,
    }
}

/// Whether the clause after "…, according to X," continues the report
/// rather than describing X (", who …", ", citing …", ", a think tank").
fn continues_report(inp: &Input<'_>, s: usize, e: usize) -> bool {
    let v = &inp.view;
    let words = (s..e).filter(|&t| is_word(inp, t)).count();
    let t = &v.tokens[s];
    words >= 3
        && t.kind == TokKind::Word
        && !t.cap
        && !words::is_describing_relatives(v.s(s))
        && !v.s(s).ends_with("ing")
        && !matches!(
            t.class,
            Class::Det | Class::Title | Class::Descriptor | Class::RoleMod
        )
}
