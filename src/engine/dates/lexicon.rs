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
