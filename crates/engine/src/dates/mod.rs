//! Dates: the article's reference date and the time expressions that date
//! its statements.
//!
//! A statement's date is almost never written as a calendar date. News says
//! "said Wednesday", "late Tuesday", "yesterday", "earlier this month", and
//! leaves the reader to count back from the day the article appeared. So this
//! stage has three separate jobs, each a small function over the original
//! text:
//!
//! 1. **The reference date.** [`parse_published`] reads the caller's
//!    `published` field (an ISO 8601 date or an RFC 3339 date-time, strictly:
//!    anything else is an error naming the field, never a guess). When the
//!    caller gives none, [`find_dateline`] looks for the page's own dateline
//!    ("Updated January 28, 2026 at 11:55 a.m. EST") near the top.
//! 2. **Finding time expressions.** [`find_time_expressions`] returns every
//!    expression in a byte range with its [`Span`] and a [`RelativeDate`]:
//!    what the text says, not yet a calendar date. Which expression dates
//!    which statement is the attribution stage's decision, not this one's.
//! 3. **Resolving.** [`resolve`] turns a [`RelativeDate`] into a
//!    [`PartialDate`] against the reference date, only as precise as the
//!    text allows ("last month" is a month, never a made-up day).
//!
//! Keeping "find" apart from "resolve" means the expressions can be found
//! (and their text returned) even when no reference date is known; the date
//! is then simply empty.
//!
//! # Rules
//!
//! * **Weekdays** ("Wednesday", "on Sunday", "late Tuesday", "Tuesday
//!   night", "earlier Monday") are the most recent such day on or before the
//!   reference date; the reference's own weekday is the reference date.
//!   "last Friday" is *strictly* before it: said on a Friday, it means a week
//!   ago. "next Friday" and "tomorrow" are recognised and skipped: a
//!   statement reported in the news was not made in the future.
//! * **Days**: "today", "tonight", "this morning" are the reference date;
//!   "yesterday", "last night" the day before; "two days ago" counts back.
//! * **Weeks** are ISO weeks (Monday to Sunday). "last week" is the previous
//!   week, "this week" runs from Monday to the reference date; a week is
//!   reported as the month that holds all its days, or the year when it
//!   straddles two months, or no date when it straddles two years. A week is
//!   never reported as one of its days.
//! * **Months and years**: "this month", "earlier this month" are the
//!   reference's month; "last month" the one before; "this year", "last
//!   year" likewise. "in March", "early March", "mid-March" are the most
//!   recent March on or before the reference month; "last March" strictly
//!   before it.
//! * **Explicit dates**: "Jan. 9", "January 9", "9 January", "Sept. 3rd",
//!   with or without a year; "2025-03-03"; "March 2025"; "in 2025". A
//!   month-day without a year is the most recent such date on or before the
//!   reference date, unless it falls at most [`FUTURE_WINDOW_DAYS`] days
//!   after it (a scheduled event, or a dateline a little behind the text):
//!   then it is that coming date. "Wednesday, Jan. 28" is one expression
//!   dated by its calendar date.
//! * **Absolute dates** (with a year) resolve without a reference date;
//!   everything relative resolves to `None` without one.
//!
//! # Matching
//!
//! The text is split into words, numbers and punctuation (module `tokens`); the
//! grammar (module `expr`) tries each token position once with a bounded look
//! ahead (at most a dozen tokens) and a look behind of one token, so finding
//! is linear in the length of the range searched. Spans come from the
//! tokenizer, which walks characters, so they always lie on character
//! boundaries, and a range that does not is clamped rather than sliced.
//!
//! Month and weekday names must be capitalised (or in capitals): "may",
//! "march" and "sun" are ordinary words. A month name alone is only a date
//! when something marks it as one: a day number ("May 3"), a year ("May
//! 2025"), a preposition before it ("in May", "during March") or a modifier
//! ("early May", "last March", "mid-May"). That keeps "May" the modal verb
//! at the start of a sentence and "August" the first name out. Abbreviations
//! ("Jan.", "Sept", "Sep") need a day number or a year.
//!
//! Ordinary words of the grammar ("today", "last", "late", "in") count in
//! lower case, or capitalised at the start of a sentence (after
//! punctuation): "USA Today", "ABC's This Week" and "LAST WEEK TONIGHT" are
//! names, not dates.
//!
//! Spans cover the expression with its modifiers ("late Tuesday", "earlier
//! this month", "Tuesday night") but not a leading preposition: "on Sunday"
//! gives "Sunday", "in March" gives "March".

mod dateline;
mod expr;
mod lexicon;
mod published;
mod resolve;
mod tokens;

use super::{EngineError, PartialDate, Span};

pub use dateline::{DATELINE_WINDOW, find_dateline};
pub(crate) use expr::TimeFinder;
pub use expr::find_time_expressions;
pub use published::parse_published;
pub use resolve::{FUTURE_WINDOW_DAYS, resolve};

/// A day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

/// What a time expression says, before it is placed on the calendar.
///
/// Months are numbered 1 to 12.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RelativeDate {
    /// "today", "tonight", "this morning", "earlier today".
    Today,
    /// "yesterday", "last night", "late yesterday".
    Yesterday,
    /// "two days ago", "3 days ago", "a day ago".
    DaysAgo(u8),
    /// "Wednesday", "on Sunday", "late Tuesday", "Tuesday night";
    /// `last` when written "last Friday" (strictly before the reference).
    Weekday { day: Weekday, last: bool },
    /// "this week", "earlier this week".
    ThisWeek,
    /// "last week".
    LastWeek,
    /// "this month", "earlier this month".
    ThisMonth,
    /// "last month".
    LastMonth,
    /// "this year", "earlier this year".
    ThisYear,
    /// "last year".
    LastYear,
    /// "in March", "early March", "mid-March"; `last` when written "last
    /// March" (strictly before the reference month).
    Month { month: u8, last: bool },
    /// "Jan. 9", "on March 3", "9 January": a day without a year.
    MonthDay { month: u8, day: u8 },
    /// "March 3, 2025", "3 March 2025", "2025-03-03".
    Date { year: i16, month: u8, day: u8 },
    /// "March 2025", "in March of 2025".
    YearMonth { year: i16, month: u8 },
    /// "in 2025".
    Year(i16),
}

/// A time expression found in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimeExpr {
    /// The expression as written, modifiers included ("late Tuesday").
    pub span: Span,
    pub value: RelativeDate,
}

/// Shrinks `within` to lie inside `text` and on character boundaries, so
/// that a caller's bad range never makes slicing panic.
fn clamp_span(text: &str, within: Span) -> Span {
    let mut end = within.end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut start = within.start.min(end);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    Span::new(start.min(end), end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamp_span_keeps_ranges_inside_text_and_on_boundaries() {
        let text = "a–b"; // the dash is 3 bytes: 1..4
        assert_eq!(clamp_span(text, Span { start: 0, end: 5 }), Span::new(0, 5));
        assert_eq!(
            clamp_span(text, Span { start: 0, end: 99 }),
            Span::new(0, 5)
        );
        assert_eq!(clamp_span(text, Span { start: 2, end: 3 }), Span::new(1, 1));
        assert_eq!(clamp_span(text, Span { start: 2, end: 5 }), Span::new(4, 5));
        assert_eq!(clamp_span(text, Span { start: 9, end: 3 }), Span::new(1, 1));
    }
}
