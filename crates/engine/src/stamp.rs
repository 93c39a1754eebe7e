//! Stage 7: when each statement was made.
//!
//! The `dates` module finds time expressions and places them on the
//! calendar; this stage decides which expression dates which statement. A
//! statement is dated only by an expression in its attribution, never by one
//! in its content: in "drones struck a train late Tuesday, officials said"
//! Tuesday is when the drones struck, not when the officials spoke. So the
//! expressions of the statement's sentence are searched outside its content
//! span and outside every quotation ("said Wednesday", "On Sunday, … said",
//! "wrote in comments published Wednesday").
//!
//! A date carries to the same speaker's statements that directly follow,
//! with no other speaker's statement in between, as when a paragraph of
//! quotes continues an interview dated in the paragraph before. Only
//! statements of speech (or with a date of their own) interrupt such a run.

use super::{PartialDate, Span, Statement, Timestamp};
use crate::dates;
use crate::text::Token;

/// What the dating stage needs to know about one statement.
pub(crate) struct Frame {
    /// The sentence the attribution is in.
    pub sentence: Span,
    /// The sentence has a word that can start a time expression.
    pub time_words: bool,
    /// The speaker was carried over (a continuation has no attribution of
    /// its own to date it).
    pub carried: bool,
    /// The statement reports speech (a quotation or a speech cue). Other
    /// attributions (stances, passives: "talks were dismissed by Kyiv")
    /// do not break another speaker's run of dated statements.
    pub speech: bool,
}

/// Sets `timestamp` on every statement whose attribution, or the
/// directly preceding statement of the same speaker, gives a date.
pub(crate) fn date_statements(
    text: &str,
    tokens: &[Token],
    reference: Option<PartialDate>,
    quotes: &[Span],
    frames: &[Frame],
    statements: &mut [Statement],
) {
    if statements.is_empty() {
        return;
    }
    // Only the attribution side of each statement's sentence is searched
    // (never its content), so the cost stays well below the text's size.
    let mut previous: Option<(Option<usize>, Option<Timestamp>)> = None;
    let mut finder = dates::TimeFinder::default();
    for (st, frame) in statements.iter_mut().zip(frames) {
        let entity = st.speaker.as_ref().map(|r| r.entity);
        let own = if frame.carried || !frame.time_words {
            None
        } else {
            let side = attribution_side(frame.sentence, st);
            search_window(text, tokens, side).and_then(|window| {
                let exprs = finder.find(text, window);
                own_date(exprs, reference, quotes, side, st.quote.span)
            })
        };
        let dated_here = own.is_some();
        st.timestamp = match (own, &previous) {
            (Some(t), _) => Some(t),
            (None, Some((prev_entity, Some(t)))) if entity.is_some() && *prev_entity == entity => {
                Some(t.clone())
            }
            _ => None,
        };
        if frame.speech || dated_here {
            previous = Some((entity, st.timestamp.clone()));
        }
    }
}

/// The first time expression of `sentence` outside `content` and outside
/// every quotation.
fn own_date(
    exprs: &[dates::TimeExpr],
    reference: Option<PartialDate>,
    quotes: &[Span],
    sentence: Span,
    content: Span,
) -> Option<Timestamp> {
    let overlaps = |a: Span, b: Span| a.start < b.end && b.start < a.end;
    let first = exprs.partition_point(|t| t.span.start < sentence.start);
    exprs[first..]
        .iter()
        .take_while(|t| t.span.end <= sentence.end)
        .find(|t| !overlaps(t.span, content) && !in_quote(quotes, t.span, overlaps))
        .map(|t| Timestamp {
            span: t.span,
            date: dates::resolve(&t.value, reference),
        })
}

/// The part of the sentence on the cue's side of the content: a date after
/// the content of "X said CONTENT" belongs to the content's clause, not to
/// the saying ("described the talks, which resume Sunday").
fn attribution_side(sentence: Span, st: &Statement) -> Span {
    let content = st.quote.span;
    let side = match &st.verb {
        Some(v) if v.span.end <= content.start => Span::new(sentence.start, content.start),
        Some(v) if v.span.start >= content.end => Span::new(content.end, sentence.end),
        _ => sentence,
    };
    // Only the neighbourhood of the cue: keeps many statements in one long
    // sentence from searching it again and again. (The dates module clamps
    // a range that falls inside a character.)
    match &st.verb {
        Some(v) => Span::new(
            side.start.max(v.span.start.saturating_sub(CUE_WINDOW)),
            side.end
                .min(v.span.end + CUE_WINDOW)
                .max(side.start.max(v.span.start.saturating_sub(CUE_WINDOW))),
        ),
        None => side,
    }
}

/// How far from its cue (in bytes) a statement's date is looked for.
const CUE_WINDOW: usize = 240;

/// The part of `side` the date grammar needs to read, or `None` when it
/// holds no time word or number (no expression can be found there).
///
/// The grammar re-tokenizes what it searches, which made dating the
/// engine's fourth-largest cost. Every expression holds a time word or a
/// number, and the words around one that an expression takes in ("earlier
/// this week", "a week ago", "Tuesday at 3 p.m.") or that the grammar
/// looks back at ("in March", a sentence start) are a few tokens, so the
/// search runs from [`NEAR_TOKENS`] tokens before the first time word to
/// as many after the last. Both ends lie on boundaries the engine's
/// tokenizer found, so every expression the whole side gives is found
/// whole. (Searching around each time word separately cost more than it
/// saved: most sides have one or two.)
fn search_window(text: &str, tokens: &[Token], side: Span) -> Option<Span> {
    let first = tokens.partition_point(|t| t.span().start < side.start);
    // A side is a few dozen tokens: counting them costs less than a second
    // binary search over the whole list.
    let len = tokens[first..]
        .iter()
        .take_while(|t| t.span().end <= side.end)
        .count();
    let toks = &tokens[first..first + len];
    let lo = toks.iter().position(|t| t.may_start_date(text))?;
    let hi = toks.iter().rposition(|t| t.may_start_date(text))?;
    let start = match lo.checked_sub(NEAR_TOKENS) {
        Some(i) if i > 0 => toks[i].span().start,
        _ => side.start,
    };
    let end = match toks.get(hi + NEAR_TOKENS) {
        Some(t) if hi + NEAR_TOKENS + 1 < toks.len() => t.span().end,
        _ => side.end,
    };
    Some(Span::new(start, end))
}

/// Tokens read either side of a time word (see [`search_window`]).
const NEAR_TOKENS: usize = 4;

/// Whether `span` overlaps a quotation (quotations are in text order).
fn in_quote(quotes: &[Span], span: Span, overlaps: impl Fn(Span, Span) -> bool) -> bool {
    let i = quotes.partition_point(|q| q.end <= span.start);
    quotes.get(i).is_some_and(|&q| overlaps(q, span))
}
