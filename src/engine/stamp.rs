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

use super::dates;
use super::{PartialDate, Span, Statement, Timestamp};

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
            let exprs = finder.find(text, side);
            own_date(exprs, reference, quotes, side, st.quote.span)
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

/// Whether `span` overlaps a quotation (quotations are in text order).
fn in_quote(quotes: &[Span], span: Span, overlaps: impl Fn(Span, Span) -> bool) -> bool {
    let i = quotes.partition_point(|q| q.end <= span.start);
    quotes.get(i).is_some_and(|&q| overlaps(q, span))
}
