//! The caller's reference date: the `published` request field.
//!
//! The field is machine-written, so it is parsed strictly: an ISO 8601
//! calendar date (`2026-01-28`) or an RFC 3339 date-time
//! (`2026-01-28T16:55:00Z`, `2026-01-28T11:55:00.5-05:00`, with `T`, `t` or
//! a space between date and time). Guessing at anything else ("01/02/2026",
//! "yesterday") would silently misdate every statement, so it is an error
//! the caller can fix. The date of a date-time is the calendar date as
//! written, in the offset it is given in: "2026-01-28T23:30:00-05:00" is an
//! article of January 28 where it appeared, whatever day it was in UTC.

use super::{EngineError, PartialDate};

/// The longest part of a rejected value quoted back in the error, so that
/// a huge bad field does not make a huge error message.
const MAX_QUOTED: usize = 100;

/// Parses the `published` field (surrounding white space ignored) into a
/// day.
pub fn parse_published(raw: &str) -> Result<PartialDate, EngineError> {
    date_or_date_time(raw.trim().as_bytes())
        .ok_or_else(|| EngineError::InvalidPublished { value: quoted(raw) })
}

fn date_or_date_time(s: &[u8]) -> Option<PartialDate> {
    let (date, rest) = s.split_at_checked(10)?;
    let day = full_date(date)?;
    (rest.is_empty() || time_and_offset(rest)).then_some(day)
}

/// `YYYY-MM-DD`, a real calendar day.
fn full_date(s: &[u8]) -> Option<PartialDate> {
    let mut c = Cursor(s);
    let year = c.digits(4)?;
    c.byte(b'-')?;
    let month = c.digits(2)?;
    c.byte(b'-')?;
    let day = c.digits(2)?;
    let (year, month, day) = (
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    );
    jiff::civil::Date::new(year, month, day).ok()?;
    Some(PartialDate::Day {
        year,
        month: month.unsigned_abs(),
        day: day.unsigned_abs(),
    })
}

/// RFC 3339 `time-delim partial-time time-offset`: `Thh:mm:ss[.frac](Z|±hh:mm)`.
fn time_and_offset(s: &[u8]) -> bool {
    let parse = || {
        let mut c = Cursor(s);
        c.one_of(b"Tt ")?;
        c.time()?;
        if c.byte(b'.').is_some() {
            c.some_digits()?;
        }
        if c.one_of(b"Zz").is_none() {
            c.one_of(b"+-")?;
            c.hour_minute()?;
        }
        c.is_empty().then_some(())
    };
    parse().is_some()
}

/// A forward-only reader over ASCII bytes.
struct Cursor<'a>(&'a [u8]);

impl Cursor<'_> {
    fn byte(&mut self, b: u8) -> Option<()> {
        self.one_of(&[b])
    }

    fn one_of(&mut self, set: &[u8]) -> Option<()> {
        let (&first, rest) = self.0.split_first()?;
        set.contains(&first).then(|| self.0 = rest)
    }

    /// Exactly `n` ASCII digits, as a number.
    fn digits(&mut self, n: usize) -> Option<u32> {
        let (head, rest) = self.0.split_at_checked(n)?;
        if !head.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.0 = rest;
        Some(head.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
    }

    /// One or more ASCII digits.
    fn some_digits(&mut self) -> Option<()> {
        let n = self.0.iter().take_while(|b| b.is_ascii_digit()).count();
        (n > 0).then(|| self.0 = &self.0[n..])
    }

    /// `hh:mm`, each field in range (an offset, and the start of a time).
    fn hour_minute(&mut self) -> Option<()> {
        self.digits(2).filter(|h| *h <= 23)?;
        self.byte(b':')?;
        self.digits(2).filter(|m| *m <= 59)?;
        Some(())
    }

    /// `hh:mm:ss`; a second of 60 is RFC 3339's leap second.
    fn time(&mut self) -> Option<()> {
        self.hour_minute()?;
        self.byte(b':')?;
        self.digits(2).filter(|s| *s <= 60)?;
        Some(())
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// `raw`, cut to [`MAX_QUOTED`] bytes on a character boundary.
fn quoted(raw: &str) -> String {
    if raw.len() <= MAX_QUOTED {
        return raw.to_string();
    }
    let mut end = MAX_QUOTED;
    while !raw.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &raw[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_bad_value_is_quoted_short_and_whole_characters() {
        let raw = "é".repeat(80);
        let Err(EngineError::InvalidPublished { value }) = parse_published(&raw) else {
            panic!("accepted {raw:?}");
        };
        assert!(value.len() <= MAX_QUOTED + '…'.len_utf8());
        assert!(value.ends_with('…'));
    }

    #[test]
    fn a_short_bad_value_is_quoted_as_given() {
        assert_eq!(
            parse_published(" nope "),
            Err(EngineError::InvalidPublished {
                value: " nope ".to_string()
            })
        );
    }
}
