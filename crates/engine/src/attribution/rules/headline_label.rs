//! A headline's speaker label: "Ortiz: Bridge Will Reopen In May",
//! "Poll: Voters Favor The Levy".
//!
//! News headlines attribute a claim by naming its source before a colon,
//! with no verb; PolNeAR annotates the colon as the cue. A colon after a
//! capitalised phrase is also how headlines announce a series or a genre
//! ("The Latest: …", "Breaking: …", "Weekly Briefing: …"), so the label
//! must show that it names a source: the article goes on to mention its
//! head word (a name the story is about, or its source), or the head is a
//! noun for a document that speaks ("Poll", "Report"). Only the article's
//! first paragraph is read: in the body a label before a colon is a
//! transcript's turn, and transcripts quote their turns (see
//! `fallback::transcript_label`). A question after the colon asks rather
//! than reports ("Cruz: Conservative Or Career Politician?").

use crate::attribution::clause::content_tokens;
use crate::attribution::found::Claim;
use crate::attribution::frame::FrameContext;
use crate::attribution::input::Input;
use crate::lexicon::{Class, words};
use crate::mentions::{Mention, MentionKind};
use crate::text::TokKind;

/// A label holds at most this many tokens ("Former AG Jane Roe at RNC").
const MAX_LABEL: usize = 8;

/// At a colon of the document's first paragraph, after at least one word.
pub(super) fn applies(fc: &FrameContext<'_, '_>) -> bool {
    let t = fc.token();
    fc.sent.para == 0
        && t.is_colon()
        && t.in_quote.is_none()
        && fc.at > fc.cursor
        && fc.at - fc.cursor <= MAX_LABEL
}

/// "Ortiz: Bridge Will Reopen In May": the rest of the sentence is the
/// label's claim. Unless it is a quotation on its own, which the leftover
/// quotations' "Jane Doe: “…”" reads with its quotation marks.
pub(super) fn headline_label(fc: &mut FrameContext<'_, '_>) -> Option<usize> {
    let (inp, colon, e) = (fc.inp, fc.at, fc.sent.tokens.1);
    let speaker = label(inp, fc.cursor, colon)?;
    if asks(inp, e) || only_a_quotation(inp, colon + 1, e) {
        return None;
    }
    let (cs, ce) = content_tokens(inp, colon + 1, e)?;
    let claim = Claim {
        cue: None,
        speaker: Some(speaker),
        written: None,
        confidence: 0.6,
    };
    fc.push(cs, ce, claim);
    Some(e)
}

/// The name before the colon at `colon`, starting the sentence or after a
/// kicker and a dash ("EXCLUSIVE – Jane Roe:"), when the article shows it
/// names a source (see the module docs). No determiner opens it: "The
/// Latest" names a series.
fn label(inp: &Input<'_>, lo: usize, colon: usize) -> Option<Mention> {
    let v = &inp.view;
    let start = (lo..colon)
        .rev()
        .find(|&k| v.tokens[k].is_dash())
        .map_or(lo, |d| d + 1);
    let m = v.np_left(colon as isize - 1, start)?;
    let first = &v.tokens[m.tokens.0];
    let opens = m.tokens.0 == start && m.tokens.1 == colon;
    if !opens || m.kind != MentionKind::Name || first.class == Class::Det {
        return None;
    }
    let head = v.s(m.tokens.1 - 1);
    (words::is_document_speaker_nouns(&head.to_ascii_lowercase()) || mentioned_in_body(inp, head))
        .then_some(m)
}

/// Whether `word` is written, capitalised as in the headline, after the
/// document's first paragraph.
fn mentioned_in_body(inp: &Input<'_>, word: &str) -> bool {
    let v = &inp.view;
    v.tokens
        .iter()
        .enumerate()
        .skip_while(|(_, t)| t.para == 0)
        .any(|(k, t)| t.kind == TokKind::Word && t.cap && v.s(k) == word)
}

/// Whether the sentence ending before token `e` is a question.
fn asks(inp: &Input<'_>, e: usize) -> bool {
    let v = &inp.view;
    (0..e)
        .rev()
        .take(3)
        .find(|&k| v.tokens[k].kind != TokKind::QuoteMark)
        .is_some_and(|k| v.s(k) == "?")
}

/// Whether the words of tokens `[s, e)` are all of one quotation.
fn only_a_quotation(inp: &Input<'_>, s: usize, e: usize) -> bool {
    let mut words = inp.view.tokens[s..e]
        .iter()
        .filter(|t| matches!(t.kind, TokKind::Word | TokKind::Number));
    let Some(q) = words.next().and_then(|t| t.in_quote) else {
        return false;
    };
    words.all(|t| t.in_quote == Some(q))
}
