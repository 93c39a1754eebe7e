//! The engine's public data types: spans, statements, speakers, errors.

use std::fmt;

/// A half-open byte range `[start, end)` of the input text.
///
/// Both ends always lie on UTF-8 character boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers in `text`.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// Options that change what is extracted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Leave out indirect statements (keep direct and mixed).
    pub direct_only: bool,
}

/// One document to extract from.
#[derive(Clone, Copy, Debug, Default)]
pub struct Document<'a> {
    pub text: &'a str,
    /// The reference date as the caller gave it (ISO 8601 date or RFC 3339
    /// date-time); `None` or blank means "find a dateline in the text".
    pub published: Option<&'a str>,
    pub options: Options,
}

/// A calendar date, as precise as the text allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartialDate {
    Day { year: i16, month: u8, day: u8 },
    Month { year: i16, month: u8 },
    Year { year: i16 },
}

impl fmt::Display for PartialDate {
    /// ISO 8601: `2026-01-27`, `2026-01`, `2026`.
    ///
    /// Written digit by digit: the server formats every statement's date,
    /// and `write!` with padding cost more than the rest of the conversion.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = match *self {
            PartialDate::Day { year, month, day } => (year, Some(month), Some(day)),
            PartialDate::Month { year, month } => (year, Some(month), None),
            PartialDate::Year { year } => (year, None, None),
        };
        let Ok(year @ 0..=9999) = u16::try_from(year) else {
            return write_padded(f, year, month, day);
        };
        let mut out = [0u8; 10];
        let digit = |n: u16| b'0' + (n % 10) as u8;
        out[..4].copy_from_slice(&[
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
        ]);
        let mut len = 4;
        for part in [month, day].into_iter().flatten() {
            let part = u16::from(part);
            out[len..len + 3].copy_from_slice(&[b'-', digit(part / 10), digit(part)]);
            len += 3;
        }
        // Only ASCII digits and '-' were written.
        f.write_str(std::str::from_utf8(&out[..len]).map_err(|_| fmt::Error)?)
    }
}

/// The general form, for years outside 0..=9999.
fn write_padded(
    f: &mut fmt::Formatter<'_>,
    year: i16,
    month: Option<u8>,
    day: Option<u8>,
) -> fmt::Result {
    write!(f, "{year:04}")?;
    for part in [month, day].into_iter().flatten() {
        write!(f, "-{part:02}")?;
    }
    Ok(())
}

/// How the content of a statement is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StatementKind {
    /// Entirely inside quotation marks.
    Direct,
    /// Reported speech without quotation marks.
    Indirect,
    /// Reported speech containing quoted fragments.
    Mixed,
}

/// What kind of entity a speaker is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SpeakerType {
    Person,
    Organization,
    /// A plural descriptor ("local officials").
    Group,
    /// A pronoun or descriptor that could not be tied to an entity.
    Unresolved,
}

/// The content of a statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    /// The content without enclosing quotation marks.
    pub span: Span,
    pub kind: StatementKind,
}

/// The speaker at one attribution.
#[derive(Clone, Debug, PartialEq)]
pub struct SpeakerRef {
    /// The mention as written ("he", "Sybiha").
    pub mention: Span,
    /// Index into [`Extraction::speakers`].
    pub entity: usize,
}

/// The reporting cue.
#[derive(Clone, Debug, PartialEq)]
pub struct Verb {
    pub span: Span,
    /// Dictionary form ("say" for "said", "according to" for itself).
    pub lemma: String,
}

/// When a statement was made.
#[derive(Clone, Debug, PartialEq)]
pub struct Timestamp {
    /// The time expression as written ("late Tuesday").
    pub span: Span,
    /// Resolved date; `None` when no reference date is known.
    pub date: Option<PartialDate>,
}

/// One attributed statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    pub quote: Quote,
    pub speaker: Option<SpeakerRef>,
    /// The speaker's role as the article states it ("Foreign Minister").
    pub role: Option<String>,
    pub verb: Option<Verb>,
    pub timestamp: Option<Timestamp>,
    /// Confidence in the attribution, 0..=1.
    pub confidence: f32,
}

/// A distinct speaker entity.
#[derive(Clone, Debug, PartialEq)]
pub struct Speaker {
    /// Canonical name: the fullest name the article gives.
    pub name: String,
    pub kind: SpeakerType,
    /// Every role the article gives this entity, in order of first appearance.
    pub roles: Vec<String>,
    /// Every mention tied to the entity, in text order.
    pub mentions: Vec<Span>,
    pub statement_count: u32,
}

/// What the engine found in one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Extraction {
    /// The reference date actually used.
    pub published: Option<PartialDate>,
    /// Statements in text order (by quote start).
    pub statements: Vec<Statement>,
    pub speakers: Vec<Speaker>,
}

/// Why a document could not be processed.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EngineError {
    /// The text is empty or only white space.
    #[error("`text` is empty: a document needs some text to extract from")]
    EmptyText,
    /// The text is too long for the engine's 32-bit offsets.
    #[error("`text` is {len} bytes long; the engine takes texts shorter than 4 GiB")]
    TextTooLong { len: usize },
    /// The caller's reference date is not one of the accepted formats.
    #[error(
        "`published` is not a valid date: {value:?} (accepted: an ISO 8601 date such as \
         2026-01-28, or an RFC 3339 date-time such as 2026-01-28T16:55:00Z)"
    )]
    InvalidPublished { value: String },
}

impl EngineError {
    /// The request field at fault.
    pub fn field(&self) -> &'static str {
        match self {
            EngineError::EmptyText | EngineError::TextTooLong { .. } => "text",
            EngineError::InvalidPublished { .. } => "published",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PartialDate;

    #[test]
    fn dates_print_as_padded_iso_8601_for_every_year() {
        for year in [-12, 0, 7, 42, 999, 1999, 2026, 9999, 10000, i16::MAX] {
            for (month, day) in [(1, 1), (9, 30), (12, 31)] {
                let padded = format!("{year:04}-{month:02}-{day:02}");
                let day_date = PartialDate::Day { year, month, day };
                assert_eq!(day_date.to_string(), padded);
                let month_date = PartialDate::Month { year, month };
                assert_eq!(month_date.to_string(), padded[..padded.len() - 3]);
                assert_eq!(PartialDate::Year { year }.to_string(), format!("{year:04}"));
            }
        }
    }
}
