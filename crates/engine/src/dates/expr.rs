//! The grammar of time expressions, over tokens.
//!
//! Each rule is a function that looks at the tokens from one position and
//! either recognises an expression ending at some later token or gives up.
//! Rules look ahead a bounded number of tokens and behind at most one, and
//! the scan resumes after each match, so a search is linear in the number
//! of tokens.

use super::lexicon;
use super::tokens::{Kind, Token, tokenize_into};
use super::{RelativeDate, Span, TimeExpr, clamp_span};

/// Four-digit numbers read as years. Outside it a number after a date is a
/// count ("Jan. 9, 1500 troops"), not a year.
const YEARS: std::ops::RangeInclusive<u32> = 1900..=2100;

/// Finds every time expression in `text[within]`, in text order.
///
/// Spans are byte offsets into the whole `text`. A `within` that reaches
/// past the text or cuts a character is clamped, never sliced as given.
pub fn find_time_expressions(text: &str, within: Span) -> Vec<TimeExpr> {
    let mut finder = TimeFinder::default();
    finder.find(text, within);
    finder.found
}

/// [`find_time_expressions`] for a caller that searches many spans of one
/// text (the dating of every statement): its lists are reused from one
/// search to the next instead of allocated for each.
#[derive(Default)]
pub(crate) struct TimeFinder<'t> {
    tokens: Vec<Token<'t>>,
    found: Vec<TimeExpr>,
}

impl<'t> TimeFinder<'t> {
    /// Every time expression in `text[within]`, as [`find_time_expressions`]
    /// returns them.
    pub(crate) fn find(&mut self, text: &'t str, within: Span) -> &[TimeExpr] {
        let within = clamp_span(text, within);
        tokenize_into(text, within, &mut self.tokens);
        let tokens = &self.tokens;
        let grammar = Grammar { tokens };
        self.found.clear();
        let mut i = 0;
        while i < tokens.len() {
            let Some(m) = grammar.at(i) else {
                i += 1;
                continue;
            };
            if let Some(value) = m.value {
                self.found.push(TimeExpr {
                    span: Span::new(tokens[i].span.start, tokens[m.last].span.end),
                    value,
                });
            }
            i = m.last + 1;
        }
        &self.found
    }
}

/// An expression recognised from some token to `last` (inclusive).
#[derive(Clone, Copy, Debug)]
struct Match {
    last: usize,
    /// `None` for expressions recognised only to be skipped ("next Friday").
    value: Option<RelativeDate>,
}

impl Match {
    fn new(last: usize, value: RelativeDate) -> Match {
        Match {
            last,
            value: Some(value),
        }
    }
}

struct Grammar<'a, 't> {
    tokens: &'a [Token<'t>],
}

impl<'t> Grammar<'_, 't> {
    fn tok(&self, i: usize) -> Option<&Token<'t>> {
        self.tokens.get(i)
    }

    /// Token `i` is this ordinary word: in lower case, or capitalised at the
    /// start of a sentence ("Today, he said"). Capitalised inside a sentence
    /// it belongs to a name ("USA Today", "ABC's This Week"), and in capitals
    /// it is a name or headline furniture ("USA TODAY").
    fn word_at(&self, i: usize, lower: &str) -> bool {
        let Some(t) = self.tok(i) else {
            return false;
        };
        if t.text == lower {
            return true;
        }
        // The case test reads every character: asked only of a word that
        // matches ignoring case (most do not even match in length).
        let all_caps = || t.text.len() > 1 && !t.text.chars().any(char::is_lowercase);
        t.is_word(lower) && !all_caps() && self.sentence_start(i)
    }

    /// Token `i` starts the text searched or follows punctuation (a period,
    /// a colon, an opening quotation mark, a dash).
    fn sentence_start(&self, i: usize) -> bool {
        i == 0 || self.tok(i - 1).is_some_and(|t| t.kind == Kind::Punct)
    }

    /// Token `i + 1` exists and touches token `i` (no space between).
    fn touching(&self, i: usize) -> Option<&Token<'t>> {
        let (a, b) = (self.tok(i)?, self.tok(i + 1)?);
        a.touches(b).then_some(b)
    }

    fn at(&self, i: usize) -> Option<Match> {
        // Most tokens are ordinary words no rule can start with; one lookup
        // rules them out before every rule compares them with its words.
        if !self.tok(i).is_some_and(lexicon::may_start_expression) {
            return None;
        }
        self.future(i)
            .or_else(|| self.modified(i))
            .or_else(|| self.head(i, self.after_preposition(i)))
    }

    /// "in March", "during 2025": a preposition that makes a bare month or
    /// year a date.
    fn after_preposition(&self, i: usize) -> bool {
        i > 0 && (self.word_at(i - 1, "in") || self.word_at(i - 1, "during"))
    }

    /// "next Friday", "next week", "tomorrow": recognised so that their
    /// words are not read as a past date, and skipped.
    fn future(&self, i: usize) -> Option<Match> {
        let skip = |last| Some(Match { last, value: None });
        if self.word_at(i, "tomorrow") {
            return skip(i);
        }
        if !self.word_at(i, "next") {
            return None;
        }
        let next = self.tok(i + 1)?;
        let unit = ["week", "weekend", "month", "year"].contains(&next.text);
        if unit || lexicon::weekday(next).is_some() || lexicon::full_month(next).is_some() {
            return skip(i + 1);
        }
        None
    }

    /// "late Tuesday", "earlier this month", "early on Sunday", "earlier in
    /// March", "mid-March".
    fn modified(&self, i: usize) -> Option<Match> {
        if self.word_at(i, "mid") {
            self.touching(i).filter(|t| t.is_punct('-'))?;
            self.touching(i + 1)?;
            return self.month_first(i + 2, true);
        }
        let modifier = ["late", "early", "earlier", "later"]
            .iter()
            .any(|w| self.word_at(i, w));
        if !modifier {
            return None;
        }
        let j = i + 1;
        let preposition = self.word_at(j, "on") || self.word_at(j, "in");
        if preposition && let Some(m) = self.head(j + 1, true) {
            return Some(m);
        }
        self.head(j, true)
    }

    /// An expression without a leading modifier. `cued` says whether a
    /// preposition or modifier before it marks a bare month or year as a
    /// date.
    fn head(&self, i: usize, cued: bool) -> Option<Match> {
        let t = self.tok(i)?;
        match t.kind {
            Kind::Word => self
                .deictic(i)
                .or_else(|| self.days_ago(i))
                .or_else(|| self.weekday_first(i, false))
                .or_else(|| self.month_first(i, cued)),
            Kind::Number => self
                .iso_date(i)
                .or_else(|| self.days_ago(i))
                .or_else(|| self.day_first(i))
                .or_else(|| self.bare_year(i, cued)),
            Kind::Punct => None,
        }
    }

    /// "today", "tonight", "yesterday (morning)", "last night", "this
    /// week", "last month", "last Friday", "last March", ...
    fn deictic(&self, i: usize) -> Option<Match> {
        use RelativeDate::*;
        if self.word_at(i, "today") || self.word_at(i, "tonight") {
            return Some(Match::new(i, Today));
        }
        if self.word_at(i, "yesterday") {
            return Some(Match::new(self.part_of_day(i), Yesterday));
        }
        let this = self.word_at(i, "this");
        let last = self.word_at(i, "last");
        if !this && !last {
            return None;
        }
        let j = i + 1;
        let any_at_j = |words: &[&str]| words.iter().any(|w| self.word_at(j, w));
        let pick = |this_value, last_value| if last { last_value } else { this_value };
        let value = if this && any_at_j(&["morning", "afternoon", "evening"]) {
            Today
        } else if last && any_at_j(&["night", "evening"]) {
            Yesterday
        } else if any_at_j(&["week"]) {
            pick(ThisWeek, LastWeek)
        } else if any_at_j(&["month"]) {
            pick(ThisMonth, LastMonth)
        } else if any_at_j(&["year"]) {
            pick(ThisYear, LastYear)
        } else {
            return self.named_after_this_or_last(j, last);
        };
        Some(Match::new(j, value))
    }

    /// "last Friday", "this Tuesday", "last March".
    fn named_after_this_or_last(&self, j: usize, last: bool) -> Option<Match> {
        if let Some(m) = self.weekday_first(j, last) {
            return Some(m);
        }
        let mut m = self.month_first(j, true)?;
        if let Some(RelativeDate::Month { month, .. }) = m.value {
            m.value = Some(RelativeDate::Month { month, last });
        }
        Some(m)
    }

    /// "two days ago", "3 days ago", "a day ago".
    fn days_ago(&self, i: usize) -> Option<Match> {
        let t = self.tok(i)?;
        let n = match t.kind {
            Kind::Number => t.number(2).and_then(|n| u8::try_from(n).ok())?,
            _ if t.is_word("a") => 1,
            _ => lexicon::number_word(t)?,
        };
        let unit = if n == 1 { "day" } else { "days" };
        if !(1..=31).contains(&n) || !self.word_at(i + 1, unit) || !self.word_at(i + 2, "ago") {
            return None;
        }
        Some(Match::new(i + 2, RelativeDate::DaysAgo(n)))
    }

    /// Extends a day expression over a following part of the day ("Tuesday
    /// night", "yesterday morning"); lower case only, so "Tuesday Night
    /// Football" stays a name.
    fn part_of_day(&self, i: usize) -> usize {
        let parts = ["morning", "afternoon", "evening", "night"];
        match self.tok(i + 1) {
            Some(t) if parts.contains(&t.text) => i + 1,
            _ => i,
        }
    }

    /// "Tuesday", "Tuesday night", "Wednesday, Jan. 28" (dated by the
    /// calendar date when one follows).
    fn weekday_first(&self, i: usize, last: bool) -> Option<Match> {
        let day = lexicon::weekday(self.tok(i)?)?;
        let j = if self.tok(i + 1).is_some_and(|t| t.is_punct(',')) {
            i + 2
        } else {
            i + 1
        };
        let dated = self
            .month_first(j, false)
            .or_else(|| self.day_first(j))
            .filter(|m| {
                matches!(
                    m.value,
                    Some(RelativeDate::MonthDay { .. } | RelativeDate::Date { .. })
                )
            });
        if let Some(m) = dated {
            return Some(m);
        }
        Some(Match::new(
            self.part_of_day(i),
            RelativeDate::Weekday { day, last },
        ))
    }

    /// A month name and what follows it: "Jan. 9", "January 9th, 2026",
    /// "March 2025", "March of 2025", or (when `cued`) "March" alone.
    fn month_first(&self, i: usize, cued: bool) -> Option<Match> {
        let t = self.tok(i)?;
        let (month, abbreviated) = match lexicon::full_month(t) {
            Some(m) => (m, false),
            None => (lexicon::abbreviated_month(t)?, true),
        };
        let mut j = i + 1;
        if abbreviated && self.touching(i).is_some_and(|t| t.is_punct('.')) {
            j += 1;
        }
        if let Some(m) = self.day_then_year(j, month) {
            return Some(m);
        }
        let year_at = if self.word_at(j, "of") { j + 1 } else { j };
        if let Some(year) = self.year(year_at) {
            return Some(Match::new(year_at, RelativeDate::YearMonth { year, month }));
        }
        (cued && !abbreviated).then(|| Match::new(i, RelativeDate::Month { month, last: false }))
    }

    /// "9 January", "9th of January 2026", "9 Sept. 2025".
    fn day_first(&self, i: usize) -> Option<Match> {
        let (day, mut j) = self.day_number(i, 31)?;
        if self.word_at(j, "of") {
            j += 1;
        }
        let t = self.tok(j)?;
        let (month, abbreviated) = match lexicon::full_month(t) {
            Some(m) => (m, false),
            None => (lexicon::abbreviated_month(t)?, true),
        };
        if day > lexicon::max_day(month) {
            return None;
        }
        let mut last = j;
        if abbreviated && self.touching(j).is_some_and(|t| t.is_punct('.')) {
            last += 1;
        }
        Some(self.with_year(last, month, day))
    }

    /// A day number at `i` for `month`, then an optional year.
    fn day_then_year(&self, i: usize, month: u8) -> Option<Match> {
        let (day, next) = self.day_number(i, lexicon::max_day(month))?;
        Some(self.with_year(next - 1, month, day))
    }

    /// A day number ("9", "9th") of at most `max`; returns it and the index
    /// after it. A number glued to a clock time ("9:30") is not a day.
    fn day_number(&self, i: usize, max: u8) -> Option<(u8, usize)> {
        let t = self.tok(i)?;
        let day = u8::try_from(t.number(2)?).ok()?;
        if !(1..=max).contains(&day) {
            return None;
        }
        match self.touching(i) {
            Some(n) if lexicon::is_ordinal_suffix(n) => Some((day, i + 2)),
            Some(n) if n.is_punct(':') || n.kind != Kind::Punct => None,
            _ => Some((day, i + 1)),
        }
    }

    /// Completes a month-day ending at `last` with an optional year (", 2026"
    /// or " 2026"); a year that makes the date impossible drops the match.
    fn with_year(&self, last: usize, month: u8, day: u8) -> Match {
        let comma = self.tok(last + 1).is_some_and(|t| t.is_punct(','));
        let year_at = last + 1 + usize::from(comma);
        match self.year(year_at) {
            Some(year) if valid_date(year, month, day) => {
                Match::new(year_at, RelativeDate::Date { year, month, day })
            }
            Some(_) => Match {
                last: year_at,
                value: None,
            },
            None => Match::new(last, RelativeDate::MonthDay { month, day }),
        }
    }

    /// A four-digit year at `i` ("2026", not "2026s" or "2026-27").
    fn year(&self, i: usize) -> Option<i16> {
        let t = self.tok(i)?;
        if t.text.len() != 4 {
            return None;
        }
        let year = t.number(4).filter(|y| YEARS.contains(y))?;
        if self
            .touching(i)
            .is_some_and(|n| n.kind == Kind::Word || n.is_punct('-'))
        {
            return None;
        }
        i16::try_from(year).ok()
    }

    /// "in 2025": a year alone is a date only after a preposition.
    fn bare_year(&self, i: usize, cued: bool) -> Option<Match> {
        let year = self.year(i).filter(|_| cued)?;
        Some(Match::new(i, RelativeDate::Year(year)))
    }

    /// "2025-03-03" (also the date of an RFC 3339 date-time).
    fn iso_date(&self, i: usize) -> Option<Match> {
        let year = self.tok(i).filter(|t| t.text.len() == 4)?.number(4)?;
        let mut parts = [0u32; 2];
        for (k, part) in parts.iter_mut().enumerate() {
            let dash = i + 2 * k;
            self.touching(dash).filter(|t| t.is_punct('-'))?;
            self.touching(dash + 1).filter(|t| t.text.len() == 2)?;
            *part = self.tok(dash + 2)?.number(2)?;
        }
        let last = i + 4;
        if self
            .touching(last)
            .is_some_and(|t| t.is_punct('-') || t.kind == Kind::Number)
        {
            return None;
        }
        let year = i16::try_from(year).ok()?;
        let (month, day) = (u8::try_from(parts[0]).ok()?, u8::try_from(parts[1]).ok()?);
        valid_date(year, month, day)
            .then(|| Match::new(last, RelativeDate::Date { year, month, day }))
    }
}

fn valid_date(year: i16, month: u8, day: u8) -> bool {
    let (Ok(month), Ok(day)) = (i8::try_from(month), i8::try_from(day)) else {
        return false;
    };
    jiff::civil::Date::new(year, month, day).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Weekday;

    fn found(text: &str) -> Vec<(&str, RelativeDate)> {
        find_time_expressions(text, Span::new(0, text.len()))
            .into_iter()
            .map(|e| (e.span.slice(text), e.value))
            .collect()
    }

    #[test]
    fn weekday_with_modifiers_keeps_them_in_the_span() {
        let tue = RelativeDate::Weekday {
            day: Weekday::Tuesday,
            last: false,
        };
        assert_eq!(found("struck late Tuesday."), vec![("late Tuesday", tue)]);
        assert_eq!(found("On Tuesday night, he"), vec![("Tuesday night", tue)]);
        assert_eq!(found("Early on Tuesday"), vec![("Early on Tuesday", tue)]);
    }

    #[test]
    fn last_weekday_is_marked() {
        let v = found("said last Friday");
        assert_eq!(
            v,
            vec![(
                "last Friday",
                RelativeDate::Weekday {
                    day: Weekday::Friday,
                    last: true
                }
            )]
        );
    }

    #[test]
    fn weekday_followed_by_date_is_the_date() {
        assert_eq!(
            found("on Wednesday, Jan. 28, 2026, the"),
            vec![(
                "Wednesday, Jan. 28, 2026",
                RelativeDate::Date {
                    year: 2026,
                    month: 1,
                    day: 28
                }
            )]
        );
    }

    #[test]
    fn future_expressions_are_skipped_whole() {
        assert!(found("talks next Tuesday and tomorrow").is_empty());
    }

    #[test]
    fn impossible_dates_are_not_expressions() {
        assert!(found("on February 30 and Feb. 29, 2025 and 2025-13-01").is_empty());
    }

    #[test]
    fn clock_times_are_not_days() {
        assert!(found("Jan 9:30").is_empty());
    }

    #[test]
    fn bare_months_need_a_cue() {
        assert!(found("May we go? March on, August Wilson.").is_empty());
        assert_eq!(
            found("in May"),
            vec![(
                "May",
                RelativeDate::Month {
                    month: 5,
                    last: false
                }
            )]
        );
    }

    #[test]
    fn within_restricts_the_search_and_spans_stay_absolute() {
        let text = "Monday: he said Tuesday.";
        let got = find_time_expressions(text, Span::new(8, text.len()));
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].span, Span::new(16, 23));
    }
}
