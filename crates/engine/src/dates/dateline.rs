//! The article's own date, when the caller gives none: its dateline.
//!
//! Pages put their date near the top, on a line of its own or after a word
//! like "Updated" or "Published": "Updated January 28, 2026 at 11:55 a.m.
//! EST", "Jan. 28, 2026", "Wednesday, 28 January 2026", "2026-01-28". The
//! same top lines also carry dates that are *not* the article's ("the
//! attacks of Sept. 11, 2001" in a summary, a timeline entry "Oct. 31, 2012
//! The Obama hug"), and a wrong reference date misdates every statement, so
//! a full date counts only when its line says it is a dateline:
//!
//! * **keyword line** (preferred): the last word before the date, leaving
//!   out weekdays, clock times and punctuation, is "Updated", "Published",
//!   "Posted", "Modified" or "Dated", capitalised or after a capitalised
//!   first word of the line ("Last updated"). Lower case within a line ("the
//!   report, published March 3, 2025, said") is prose.
//! * **date line**: nothing on the line but the date, a weekday, a clock
//!   time and zone, numbers and punctuation.
//!
//! The first keyword line wins, else the first date line: the top-most
//! dateline is the one the page presents as the article's date. Only full
//! dates count: "Jan. 28" alone gives no year.
//!
//! Only the first [`DATELINE_WINDOW`] bytes are read, which bounds the work
//! whatever the length of the article.

use super::lexicon;
use super::tokens::{Token, tokenize};
use super::{PartialDate, RelativeDate, Span, find_time_expressions};

/// How far into the text a dateline is looked for, in bytes.
pub const DATELINE_WINDOW: usize = 2_000;

/// The date of the article's dateline, if its top lines have one.
pub fn find_dateline(text: &str) -> Option<PartialDate> {
    let mut end = text.len().min(DATELINE_WINDOW);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let mut best: Option<(Kind, PartialDate)> = None;
    // A dateline's date always carries a four-digit year, so only lines with
    // four digits in a row are worth the time-expression search: most of an
    // article's head is skipped with one byte scan.
    let candidates = lines(head).filter(|line| has_four_digits(line.slice(head)));
    let expressions = candidates.flat_map(|line| find_time_expressions(head, line));
    for expr in expressions {
        let RelativeDate::Date { year, month, day } = expr.value else {
            continue;
        };
        let Some(kind) = dateline_kind(head, expr.span) else {
            continue;
        };
        if best.is_none_or(|(best_kind, _)| kind > best_kind) {
            best = Some((kind, PartialDate::Day { year, month, day }));
        }
        // Nothing ranks above the first keyword line: the rest of the head
        // need not be searched (most datelines are among its first lines).
        if kind == Kind::KeywordLine {
            break;
        }
    }
    best.map(|(_, date)| date)
}

/// The spans of the lines of `head`, without their line breaks.
fn lines(head: &str) -> impl Iterator<Item = Span> + '_ {
    let mut start = 0;
    head.split('\n').map(move |line| {
        let span = Span::new(start, start + line.len());
        start = span.end + 1;
        span
    })
}

/// Whether `line` holds four ASCII digits in a row.
fn has_four_digits(line: &str) -> bool {
    // Every line of the head goes through here, and digits are rare in
    // prose: four bytes in a row cover every residue modulo 4, so only
    // every fourth byte is tested, and the run is measured around a digit.
    let bytes = line.as_bytes();
    let is_digit = |b: &&u8| b.is_ascii_digit();
    let mut j = 3;
    while let Some(b) = bytes.get(j) {
        if b.is_ascii_digit() {
            let before = bytes[..j].iter().rev().take_while(is_digit).count();
            let after = bytes[j + 1..].iter().take_while(is_digit).count();
            if before + 1 + after >= 4 {
                return true;
            }
        }
        j += 4;
    }
    false
}

/// What makes a line a dateline; later variants are preferred.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    DateLine,
    KeywordLine,
}

/// Whether the date at `span` sits on a dateline of `head`.
fn dateline_kind(head: &str, span: Span) -> Option<Kind> {
    let line_start = head[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = head[span.end..]
        .find('\n')
        .map_or(head.len(), |i| span.end + i);
    let before = tokenize(head, Span::new(line_start, span.start));
    let after = tokenize(head, Span::new(span.end, line_end));
    if introduced_by_keyword(&before) {
        return Some(Kind::KeywordLine);
    }
    let plain = |tokens: &[Token<'_>]| tokens.iter().all(lexicon::dateline_word);
    (plain(&before) && plain(&after)).then_some(Kind::DateLine)
}

/// The last word before the date, skipping weekdays, clock times and
/// punctuation ("Updated 11:55 a.m. EST, Jan. 28, 2026"), is a dateline
/// keyword: capitalised, or second on the line after a capitalised word
/// ("Last updated", "Originally published").
fn introduced_by_keyword(before: &[Token<'_>]) -> bool {
    let Some(at) = before
        .iter()
        .rposition(|t| !lexicon::dateline_word(t) && !t.is_word("on"))
    else {
        return false;
    };
    let keyword = &before[at];
    if !lexicon::is_dateline_keyword(keyword) {
        return false;
    }
    lexicon::is_capitalised(keyword) || (at == 1 && lexicon::is_capitalised(&before[0]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i16, month: u8, day: u8) -> Option<PartialDate> {
        Some(PartialDate::Day { year, month, day })
    }

    #[test]
    fn four_digit_runs_are_found_at_every_offset() {
        for prefix in 0..8 {
            for run in 0..7 {
                let line = format!("{}{}x12", "a".repeat(prefix), "7".repeat(run));
                assert_eq!(has_four_digits(&line), run >= 4, "{line:?}");
            }
        }
        assert!(!has_four_digits("1 22 333 1x22"));
    }

    #[test]
    fn keyword_line_beats_an_earlier_date_line() {
        let text = "Title\nJan. 2, 2026\nPublished Jan. 3, 2026\n";
        assert_eq!(find_dateline(text), day(2026, 1, 3));
    }

    #[test]
    fn dates_in_prose_are_not_datelines() {
        let text = "Since the attacks of Sept. 11, 2001, the city has changed.\n";
        assert_eq!(find_dateline(text), None);
    }

    #[test]
    fn only_the_window_is_read() {
        let mut text = "x".repeat(DATELINE_WINDOW);
        text.push_str("\nJan. 2, 2026\n");
        assert_eq!(find_dateline(&text), None);
    }

    #[test]
    fn window_end_inside_a_character_is_safe() {
        let mut text = "x".repeat(DATELINE_WINDOW - 1);
        text.push_str("éé\n2026-01-02\n");
        assert_eq!(find_dateline(&text), None);
    }
}
