//! A tiny tokenizer for date grammar: words, numbers and punctuation with
//! their byte spans.
//!
//! Date expressions are made of a handful of token shapes ("Jan" "." "9" ","
//! "2026"), so matching over tokens instead of bytes keeps the grammar in
//! [`super::expr`] short and makes word boundaries automatic: "Tuesdays" is
//! one word and never matches "Tuesday", "Sunday" inside "Sundays" neither.
//!
//! The tokenizer walks the text once, char by char, so every span lies on a
//! UTF-8 character boundary whatever the input.

use crate::Span;

/// The shape of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// A maximal run of alphabetic characters (any script).
    Word,
    /// A maximal run of ASCII digits.
    Number,
    /// Any other single non-white-space character.
    Punct,
}

/// One token of the input, borrowing its text.
#[derive(Clone, Copy, Debug)]
pub(super) struct Token<'t> {
    pub kind: Kind,
    pub span: Span,
    pub text: &'t str,
}

impl<'t> Token<'t> {
    /// True when `next` starts exactly where this token ends (no space).
    pub fn touches(&self, next: &Token<'_>) -> bool {
        self.span.end == next.span.start
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.text.starts_with(c)
    }

    /// The value of a number token of at most `max_digits` digits.
    pub fn number(&self, max_digits: usize) -> Option<u32> {
        if self.kind != Kind::Number || self.text.len() > max_digits {
            return None;
        }
        self.text.parse().ok()
    }

    /// The token is this word, lower case or with its first letter
    /// capitalised ("today", "Today") or in capitals ("TODAY").
    ///
    /// `lower` must be ASCII lower case.
    pub fn is_word(&self, lower: &str) -> bool {
        self.kind == Kind::Word && word_matches(self.text, lower, true)
    }

    /// The token is this proper name, written as given ("January") or in
    /// capitals ("JANUARY"), never in lower case: "may", "march" and "sun"
    /// are ordinary words.
    pub fn is_name(&self, name: &str) -> bool {
        self.kind == Kind::Word && word_matches(self.text, name, false)
    }
}

/// Compares ASCII `pattern` with `text` under the case rules of
/// [`Token::is_word`] (`lower_ok`) or [`Token::is_name`].
fn word_matches(text: &str, pattern: &str, lower_ok: bool) -> bool {
    let (t, p) = (text.as_bytes(), pattern.as_bytes());
    if t.len() != p.len() || t.is_empty() {
        return false;
    }
    if t == p {
        return true;
    }
    let all_caps = t.iter().zip(p).all(|(a, b)| *a == b.to_ascii_uppercase());
    let capitalised = lower_ok
        && t[0] == p[0].to_ascii_uppercase()
        && p[0].is_ascii_lowercase()
        && t[1..] == p[1..];
    all_caps || capitalised
}

/// Splits `text[within]` into tokens; white space separates tokens and is
/// dropped. Spans are byte offsets into the whole `text`.
///
/// `within` must lie on character boundaries (see [`super::clamp_span`]).
pub(super) fn tokenize(text: &str, within: Span) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    tokenize_into(text, within, &mut tokens);
    tokens
}

/// [`tokenize`] into `tokens` (emptied first), so that a caller searching
/// many windows reuses one list.
pub(super) fn tokenize_into<'t>(text: &'t str, within: Span, tokens: &mut Vec<Token<'t>>) {
    let slice = &text[within.start..within.end];
    let bytes = slice.as_bytes();
    tokens.clear();
    // Sized once for the window (a token every 4 bytes or so) rather than
    // regrown as it fills.
    tokens.reserve(slice.len() / 4 + 4);
    let mut start = 0;
    while let Some(&b) = bytes.get(start) {
        // ASCII is classed on the byte; other characters are decoded.
        let (kind, len) = if b.is_ascii() {
            match b {
                b'0'..=b'9' => (Kind::Number, 1),
                b'a'..=b'z' | b'A'..=b'Z' => (Kind::Word, 1),
                b' ' | b'\t'..=b'\r' => {
                    start += 1;
                    continue;
                }
                _ => (Kind::Punct, 1),
            }
        } else {
            let Some(c) = slice[start..].chars().next() else {
                break;
            };
            if c.is_whitespace() {
                start += c.len_utf8();
                continue;
            }
            let kind = if c.is_alphabetic() {
                Kind::Word
            } else {
                Kind::Punct
            };
            (kind, c.len_utf8())
        };
        let end = match kind {
            Kind::Number => digits_end(bytes, start + len),
            Kind::Word => letters_end(slice, start + len),
            Kind::Punct => start + len,
        };
        tokens.push(Token {
            kind,
            span: Span::new(within.start + start, within.start + end),
            text: &slice[start..end],
        });
        start = end;
    }
}

/// The end of a run of ASCII digits continuing at `end`.
fn digits_end(bytes: &[u8], mut end: usize) -> usize {
    while bytes.get(end).is_some_and(u8::is_ascii_digit) {
        end += 1;
    }
    end
}

/// The end of a run of alphabetic characters (any script) continuing at
/// `end`.
fn letters_end(slice: &str, mut end: usize) -> usize {
    let bytes = slice.as_bytes();
    while let Some(&b) = bytes.get(end) {
        if b.is_ascii() {
            if !b.is_ascii_alphabetic() {
                break;
            }
            end += 1;
            continue;
        }
        match slice[end..].chars().next() {
            Some(c) if c.is_alphabetic() => end += c.len_utf8(),
            _ => break,
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(text: &str) -> Vec<(Kind, &str)> {
        tokenize(text, Span::new(0, text.len()))
            .into_iter()
            .map(|t| (t.kind, t.text))
            .collect()
    }

    #[test]
    fn splits_words_numbers_and_punctuation() {
        assert_eq!(
            shapes("Jan. 9th, 2026-01"),
            vec![
                (Kind::Word, "Jan"),
                (Kind::Punct, "."),
                (Kind::Number, "9"),
                (Kind::Word, "th"),
                (Kind::Punct, ","),
                (Kind::Number, "2026"),
                (Kind::Punct, "-"),
                (Kind::Number, "01"),
            ]
        );
    }

    #[test]
    fn keeps_non_ascii_letters_in_words_and_spans_on_boundaries() {
        let text = "Kyiv’s “Zelensky” said Środa";
        for t in tokenize(text, Span::new(0, text.len())) {
            assert_eq!(t.span.slice(text), t.text);
        }
        assert_eq!(shapes("Środa")[0], (Kind::Word, "Środa"));
    }

    #[test]
    fn spans_are_offsets_into_the_whole_text() {
        let text = "said on Tuesday";
        let toks = tokenize(text, Span::new(5, text.len()));
        assert_eq!(toks[1].span, Span::new(8, 15));
        assert_eq!(toks[1].text, "Tuesday");
    }

    #[test]
    fn case_rules_for_words_and_names() {
        let toks = tokenize("today Today TODAY tODAY may May MAY", Span::new(0, 35));
        let words: Vec<bool> = toks.iter().map(|t| t.is_word("today")).collect();
        assert_eq!(&words[..4], &[true, true, true, false]);
        let names: Vec<bool> = toks[4..].iter().map(|t| t.is_name("May")).collect();
        assert_eq!(names, vec![false, true, true]);
    }
}
