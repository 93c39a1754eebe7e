//! Month and weekday names, and the small closed word classes of date
//! grammar.
//!
//! Names are matched case-correctly (see [`Token::is_name`]): English writes
//! them capitalised, and the lower-case forms "may", "march", "sun" are
//! ordinary words. Weekday abbreviations ("Wed") are not used in news prose,
//! so only [`dateline_word`] accepts them.

use super::Weekday;
use super::tokens::{Kind, Token};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Abbreviations as newspapers write them, with or without a period
/// ("Jan.", "Sept.", "Sep"). "May" has none: it is its own full name.
const MONTH_ABBREVIATIONS: [(&str, u8); 12] = [
    ("Jan", 1),
    ("Feb", 2),
    ("Mar", 3),
    ("Apr", 4),
    ("Jun", 6),
    ("Jul", 7),
    ("Aug", 8),
    ("Sep", 9),
    ("Sept", 9),
    ("Oct", 10),
    ("Nov", 11),
    ("Dec", 12),
];

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("Monday", Weekday::Monday),
    ("Tuesday", Weekday::Tuesday),
    ("Wednesday", Weekday::Wednesday),
    ("Thursday", Weekday::Thursday),
    ("Friday", Weekday::Friday),
    ("Saturday", Weekday::Saturday),
    ("Sunday", Weekday::Sunday),
];

const WEEKDAY_ABBREVIATIONS: [&str; 10] = [
    "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
];

/// Words of a clock time and its zone ("at 11:55 a.m. EST", "5:00 PM ET",
/// "T16:55:00Z"), lower case.
const TIME_WORDS: [&str; 30] = [
    "at", "a", "p", "m", "am", "pm", "noon", "t", "z", "et", "est", "edt", "ct", "cst", "cdt",
    "mt", "mst", "mdt", "pt", "pst", "pdt", "utc", "gmt", "bst", "cet", "cest", "eet", "eest",
    "msk", "ist",
];

/// A month name in full ("March").
pub(super) fn full_month(tok: &Token<'_>) -> Option<u8> {
    (1u8..)
        .zip(MONTHS)
        .find(|(_, name)| tok.is_name(name))
        .map(|(month, _)| month)
}

/// An abbreviated month name ("Sept"), without its period.
pub(super) fn abbreviated_month(tok: &Token<'_>) -> Option<u8> {
    MONTH_ABBREVIATIONS
        .iter()
        .find(|(name, _)| tok.is_name(name))
        .map(|&(_, month)| month)
}

/// A weekday name in full ("Tuesday").
pub(super) fn weekday(tok: &Token<'_>) -> Option<Weekday> {
    WEEKDAYS
        .iter()
        .find(|(name, _)| tok.is_name(name))
        .map(|&(_, day)| day)
}

/// The longest day a month can have (29 for February: the year decides).
pub(super) fn max_day(month: u8) -> u8 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Small numbers written as words ("two days ago").
pub(super) fn number_word(tok: &Token<'_>) -> Option<u8> {
    const WORDS: [&str; 10] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    (1u8..)
        .zip(WORDS)
        .find(|(_, w)| tok.is_word(w))
        .map(|(n, _)| n)
}

/// Every word a rule of the grammar can start with, lower case: the
/// words of `future`, `modified` and `deictic`, "a" and the number words of
/// "days ago", weekday and month names and month abbreviations. Every rule
/// compares its first token with one of these under some case rule, so a
/// word not equal to one of them ignoring ASCII case starts no expression.
const STARTERS: [&str; 54] = [
    "tomorrow",
    "next",
    "mid",
    "late",
    "early",
    "earlier",
    "later",
    "today",
    "tonight",
    "yesterday",
    "this",
    "last",
    "a",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// A word packed into an integer, lower case, for the sorted starter table:
/// `None` when it is longer than 16 bytes (no starter is).
fn packed_lower(word: &[u8]) -> Option<u128> {
    if word.len() > 16 {
        return None;
    }
    let mut buf = [0u8; 16];
    for (d, s) in buf.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    Some(u128::from_le_bytes(buf))
}

fn starter_keys() -> &'static [u128] {
    static KEYS: std::sync::OnceLock<Vec<u128>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys: Vec<u128> = STARTERS
            .iter()
            .filter_map(|w| packed_lower(w.as_bytes()))
            .collect();
        keys.sort_unstable();
        keys
    })
}

/// Whether a time expression may start at `tok`: any number, or a word
/// from [`STARTERS`] in any ASCII case (the rules apply their own case rules
/// afterwards).
pub(super) fn may_start_expression(tok: &Token<'_>) -> bool {
    match tok.kind {
        Kind::Number => true,
        Kind::Punct => false,
        Kind::Word => packed_lower(tok.text.as_bytes())
            .is_some_and(|key| starter_keys().binary_search(&key).is_ok()),
    }
}

/// The suffix of an ordinal day number ("9th", "1st"), which the tokenizer
/// splits off as a word touching the number.
pub(super) fn is_ordinal_suffix(tok: &Token<'_>) -> bool {
    ["st", "nd", "rd", "th"].contains(&tok.text)
}

/// A token that may stand next to a date on a dateline without making the
/// line prose: punctuation, numbers, clock times and zones, weekday names.
pub(super) fn dateline_word(tok: &Token<'_>) -> bool {
    match tok.kind {
        Kind::Punct | Kind::Number => true,
        Kind::Word => {
            weekday(tok).is_some()
                || WEEKDAY_ABBREVIATIONS.iter().any(|w| tok.is_name(w))
                || TIME_WORDS.iter().any(|w| tok.text.eq_ignore_ascii_case(w))
        }
    }
}

/// A word that introduces a dateline ("Updated", "published"). Whether it
/// is page furniture or prose is decided by its case and place on the line
/// (see `dateline`).
pub(super) fn is_dateline_keyword(tok: &Token<'_>) -> bool {
    const KEYWORDS: [&str; 5] = ["updated", "published", "posted", "modified", "dated"];
    KEYWORDS.iter().any(|w| tok.is_word(w))
}

/// A word starting with a capital letter.
pub(super) fn is_capitalised(tok: &Token<'_>) -> bool {
    tok.kind == Kind::Word && tok.text.starts_with(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;
    use crate::dates::tokens::tokenize;

    fn starts(word: &str) -> bool {
        let toks = tokenize(word, Span::new(0, word.len()));
        toks.len() == 1 && may_start_expression(&toks[0])
    }

    #[test]
    fn every_name_the_rules_look_for_may_start_an_expression() {
        let names = MONTHS
            .iter()
            .chain(MONTH_ABBREVIATIONS.iter().map(|(w, _)| w))
            .chain(WEEKDAYS.iter().map(|(w, _)| w));
        for name in names {
            assert!(starts(name), "{name}");
            assert!(starts(&name.to_uppercase()), "{name}");
        }
        for word in ["one", "Ten", "a", "Yesterday", "LAST", "mid", "tomorrow"] {
            assert!(starts(word), "{word}");
        }
        assert!(starts("2026"), "numbers always may");
    }

    #[test]
    fn ordinary_words_and_punctuation_start_nothing() {
        for word in ["said", "officials", "Mayor", "Sundays", ",", "Środa"] {
            assert!(!starts(word), "{word}");
        }
    }
}
