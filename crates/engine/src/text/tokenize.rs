//! The tokenizer: one pass over the text that splits it into tokens and
//! paragraphs and classifies each token once.
//!
//! It decides what a word is: internal apostrophes, hyphens and dots stay
//! inside a word ("Ukraine’s", "Washington-based", "U.S"), and a final dot
//! is glued to known abbreviations ("Gen.", "Jan.", "a.m.") so that the
//! sentence splitter does not end a sentence there. Quotation marks become
//! tokens of their own (the `quotes` stage decides whether each one opens
//! or closes), and "--" is one dash. Each word is looked up in the lexicon
//! as it is found, and each punctuation mark gets its [`Punct`](crate::text::Punct) class.
//!
//! Every byte of every document goes through this loop, so it is written
//! for speed: ASCII (most of news text) is dispatched on the byte through
//! a table without decoding a `char`, and short ASCII words are measured
//! and looked up from one eight-byte load.

use crate::lexicon;
use crate::text::paragraphs::{OpenParagraph, Paragraph};
use crate::text::punct::{Punct, is_dash_char};
use crate::text::token::Token;

fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '‘' | '’' | '‚' | '\'' | '`'
    )
}

fn is_word_char(c: char) -> bool {
    // General Punctuation (curly quotes, dashes, …) holds no letter or
    // digit: answered before the Unicode tables are searched.
    !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphanumeric()
}

/// Whether a word character starts at byte `pos` (ASCII without decoding).
fn word_char_at(text: &str, pos: usize) -> bool {
    match text.as_bytes().get(pos) {
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => char_at(text, pos).is_some_and(|(c, _)| is_word_char(c)),
        None => false,
    }
}

/// What an ASCII byte is to the tokenizer ([`BYTE_CLASS`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum ByteClass {
    Space,
    Newline,
    Alnum,
    /// `"`, `'` and `` ` ``.
    Quote,
    /// Any other ASCII: punctuation, symbols, control characters.
    Punct,
    /// The first byte of a multi-byte character: decode it.
    NonAscii,
}

/// The class of every byte, so that the loops over ASCII text cost one
/// table load per byte instead of a chain of range tests.
static BYTE_CLASS: [ByteClass; 256] = {
    let mut table = [ByteClass::NonAscii; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = match b as u8 {
            b'\n' => ByteClass::Newline,
            // `char::is_whitespace` in ASCII: space, \t, \n, \v, \f, \r.
            b' ' | 0x09..=0x0d => ByteClass::Space,
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => ByteClass::Alnum,
            b'"' | b'\'' | b'`' => ByteClass::Quote,
            _ => ByteClass::Punct,
        };
        b += 1;
    }
    table
};

/// What starts at a position of the text.
enum Step {
    Skip,
    Newline,
    Quote,
    Word,
    Punct,
}

/// What the character `c` starts. The classes are disjoint (no quotation
/// mark or dash is white space or alphanumeric), so the common non-ASCII
/// punctuation (curly quotes, dashes) is recognised before the Unicode
/// property tables are consulted.
#[inline]
fn step_for(c: char) -> Step {
    if c == '\n' {
        Step::Newline
    } else if is_quote_char(c) {
        Step::Quote
    } else if is_dash_char(c) || c == '…' {
        Step::Punct
    } else if c.is_whitespace() {
        Step::Skip
    } else if is_word_char(c) {
        Step::Word
    } else {
        Step::Punct
    }
}

/// Splits `text` into tokens and paragraphs in one pass.
pub(crate) fn tokenize(text: &str) -> (Vec<Token>, Vec<Paragraph>) {
    let mut tokens = Vec::with_capacity(token_capacity(text));
    let mut paragraphs = Vec::new();
    Tokenizer::default().run(text, &mut tokens, &mut paragraphs, usize::MAX);
    (tokens, paragraphs)
}

/// The token list's capacity for `text`: news has a token every 3.5 to 5
/// bytes; reserving for one every 3 saves copying the list as it grows
/// (capacity never written is never touched, so it costs no page faults).
pub(crate) fn token_capacity(text: &str) -> usize {
    text.len() / 3 + 16
}

/// The tokenizer's place in a text, so that a long text can be tokenized a
/// window of paragraphs at a time (see `analyse` in the engine module).
#[derive(Default)]
pub(crate) struct Tokenizer {
    pos: usize,
    open: OpenParagraph,
}

impl Tokenizer {
    /// The byte where the next call goes on.
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    /// Tokenizes on from where the last call stopped, until a paragraph
    /// ends at or after byte `until` (or the text ends), appending to
    /// `tokens` and `paragraphs`; returns whether the text is done.
    ///
    /// Every byte of every document goes through this loop, so ASCII (most
    /// of news text) is dispatched on the byte through [`BYTE_CLASS`]
    /// without decoding a `char`; white space and the letters of a word
    /// cost one table load each.
    pub(crate) fn run(
        &mut self,
        text: &str,
        tokens: &mut Vec<Token>,
        paragraphs: &mut Vec<Paragraph>,
        until: usize,
    ) -> bool {
        let bytes = text.as_bytes();
        let table = lexicon::word_table();
        let mut pos = self.pos;
        let mut open = self.open;
        while let Some(&b) = bytes.get(pos) {
            let i = pos;
            // ASCII is dispatched on the byte alone; only the first byte
            // of a multi-byte character is decoded.
            let (c, step) = match BYTE_CLASS[usize::from(b)] {
                ByteClass::Space => {
                    pos += 1;
                    continue;
                }
                ByteClass::Alnum => {
                    pos = push_ascii_word(text, table, tokens, open.para, i);
                    continue;
                }
                ByteClass::Quote => (b as char, Step::Quote),
                ByteClass::Punct => (b as char, Step::Punct),
                ByteClass::Newline => (b as char, Step::Newline),
                ByteClass::NonAscii => match char_at(text, pos) {
                    Some((c, _)) => (c, step_for(c)),
                    None => break,
                },
            };
            pos = i + c.len_utf8();
            match step {
                Step::Skip => {}
                Step::Newline => {
                    if open.close(tokens.len(), paragraphs) && pos >= until {
                        *self = Tokenizer { pos, open };
                        return false;
                    }
                }
                Step::Quote => pos = push_quote_mark(text, tokens, &mut open, i, pos, c),
                Step::Word => pos = push_word(text, table, tokens, open.para, i, pos, c),
                Step::Punct => pos = push_punct(text, tokens, open.para, i, pos, c),
            }
        }
        open.close(tokens.len(), paragraphs);
        *self = Tokenizer {
            pos: text.len(),
            open,
        };
        true
    }
}

/// Pushes the quotation mark `c` at bytes `i..after` (`` and '' are one
/// mark) and returns where it ends.
#[inline]
fn push_quote_mark(
    text: &str,
    tokens: &mut Vec<Token>,
    open: &mut OpenParagraph,
    i: usize,
    after: usize,
    c: char,
) -> usize {
    let mut end = after;
    if (c == '`' || c == '\'') && text.as_bytes().get(end) == Some(&(c as u8)) {
        end += 1;
    }
    tokens.push(Token::quote_mark(i, end, open.para));
    open.add_quote_mark();
    end
}

/// Pushes the punctuation mark `c` at bytes `i..after` ("--" is one mark)
/// and returns where it ends.
#[inline]
fn push_punct(
    text: &str,
    tokens: &mut Vec<Token>,
    para: u32,
    i: usize,
    after: usize,
    c: char,
) -> usize {
    let doubled = c == '-' && text.as_bytes().get(after) == Some(&b'-');
    let end = after + usize::from(doubled);
    tokens.push(Token::punct_mark(i, end, para, Punct::of_char(c, doubled)));
    end
}

/// [`push_word`] for a word starting with the ASCII letter or digit at
/// byte `i`. Most words are a run of fewer than eight ASCII letters and
/// digits followed by white space or punctuation that cannot continue a
/// word: their end, their lexicon key and their class all come from one
/// eight-byte load.
#[inline(always)]
fn push_ascii_word(
    text: &str,
    table: &lexicon::WordTable,
    tokens: &mut Vec<Token>,
    para: u32,
    i: usize,
) -> usize {
    let bytes = text.as_bytes();
    let first = bytes[i];
    if let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        let x = u64::from_le_bytes(*chunk);
        let stops = non_alnum_bytes(x);
        // The first byte is a letter or digit, so `len` is 1 to 8.
        let len = (stops.trailing_zeros() / 8) as usize;
        let (class, cue, end) = if stops == 0 {
            // Eight letters or more: the rest of the run, then the
            // general lookup unless the word goes on.
            let end = alnum_run_end(bytes, i + 8);
            if bytes.get(end).is_some_and(|&b| may_continue_word(b)) {
                return push_word(text, table, tokens, para, i, i + 1, char::from(first));
            }
            let (class, _, cue) = lexicon::classify_in(table, &text[i..end], &bytes[i..]);
            (class, cue, end)
        } else if !may_continue_word(chunk[len])
            || (chunk[len] == b'.'
                && !word_char_at(text, i + len + 1)
                && !lexicon::is_abbreviation(&text[i..i + len]))
        {
            // Followed by white space or punctuation, or by a full stop
            // that neither goes on into a word ("U.S") nor belongs to an
            // abbreviation.
            let packed = x & (u64::MAX >> (64 - 8 * len));
            let (class, cue) = lexicon::classify_short(table, packed, &chunk[..len]);
            (class, cue, i + len)
        } else {
            return push_word(text, table, tokens, para, i, i + 1, char::from(first));
        };
        tokens.push(Token::word(
            para,
            (i, end),
            first.is_ascii_digit(),
            first.is_ascii_uppercase(),
            (class, false, cue),
        ));
        return end;
    }
    push_word(text, table, tokens, para, i, i + 1, char::from(bytes[i]))
}

/// Whether a word may go on past the byte `b` that ends its run of ASCII
/// letters and digits: a connector (' - . &, or a dot glued to an
/// abbreviation) or the first byte of a character that is not ASCII.
fn may_continue_word(b: u8) -> bool {
    !b.is_ascii() || matches!(b, b'\'' | b'-' | b'.' | b'&')
}

/// Tokenizes the word whose first character `first` starts at byte `i`
/// and ends at `after_first`, and returns where the word ends.
#[inline(always)]
fn push_word(
    text: &str,
    table: &lexicon::WordTable,
    tokens: &mut Vec<Token>,
    para: u32,
    i: usize,
    after_first: usize,
    first: char,
) -> usize {
    let bytes = text.as_bytes();
    let mut end = word_end(text, after_first);
    // Glue a final dot to abbreviations.
    if bytes.get(end) == Some(&b'.') && lexicon::is_abbreviation(&text[i..end]) {
        end += 1;
    }
    let word = &text[i..end];
    let classified = lexicon::classify_in(table, word, &bytes[i..]);
    tokens.push(Token::word(
        para,
        (i, end),
        first.is_ascii_digit(),
        first.is_uppercase(),
        classified,
    ));
    end
}

/// The end of the word whose first character ends at `end`: word
/// characters, and internal ' ’ - ‑ . & when a word character follows.
fn word_end(text: &str, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        end = alnum_run_end(bytes, end);
        let Some((n, _)) = char_at(text, end) else {
            return end;
        };
        if matches!(n, '\'' | '’' | '-' | '.' | '&' | '‑') {
            if word_char_at(text, end + n.len_utf8()) {
                end = word_end_after_connector(text, end + n.len_utf8());
                continue;
            }
            return end;
        }
        // Combining marks (text not in NFC: "e\u{301}") stay in the word.
        if !n.is_ascii() && (is_word_char(n) || is_combining_mark(n)) {
            end += n.len_utf8();
            continue;
        }
        return end;
    }
}

/// The end of the run of ASCII letters and digits starting at `end`: the
/// common case of a word, tested eight bytes at a time (most words end
/// within the first eight).
#[inline(always)]
fn alnum_run_end(bytes: &[u8], mut end: usize) -> usize {
    while let Some(chunk) = bytes.get(end..).and_then(<[u8]>::first_chunk::<8>) {
        let stops = non_alnum_bytes(u64::from_le_bytes(*chunk));
        if stops != 0 {
            return end + (stops.trailing_zeros() / 8) as usize;
        }
        end += 8;
    }
    while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
        end += 1;
    }
    end
}

/// The high bit of every byte of `x` (eight bytes of text, little-endian)
/// that is not an ASCII letter or digit. Each range test adds a constant
/// to the low seven bits of every byte, so no sum carries into the next
/// byte.
fn non_alnum_bytes(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    let low = x & !HIGH;
    let in_range = |v: u64, lo: u8, hi: u8| {
        let at_least_lo = v + ONES * (0x80 - u64::from(lo));
        let past_hi = v + ONES * (0x7f - u64::from(hi));
        at_least_lo & !past_hi & HIGH
    };
    // ASCII letters with 0x20 set are exactly the bytes 'a'..='z'.
    let letter = in_range(low | (ONES * 0x20), b'a', b'z');
    let digit = in_range(low, b'0', b'9');
    (!(letter | digit) & HIGH) | (x & HIGH)
}

/// Past the word character at `pos` (which [`word_char_at`] has checked).
fn word_end_after_connector(text: &str, pos: usize) -> usize {
    char_at(text, pos).map_or(pos, |(m, _)| pos + m.len_utf8())
}

/// Combining diacritical marks (the common blocks).
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// The character starting at byte `pos` (a character boundary) and `pos`.
fn char_at(text: &str, pos: usize) -> Option<(char, usize)> {
    match text.as_bytes().get(pos) {
        Some(&b) if b < 0x80 => Some((b as char, pos)),
        Some(_) => text.get(pos..)?.chars().next().map(|c| (c, pos)),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon;
    use crate::text::token::TokKind;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .0
            .iter()
            .map(|t| t.span().slice(text))
            .collect()
    }

    #[test]
    fn abbreviations_keep_their_dot() {
        assert_eq!(
            words("Gen. Smith met U.S. envoys at 9 a.m. on Jan. 3."),
            [
                "Gen.", "Smith", "met", "U.S.", "envoys", "at", "9", "a.m.", "on", "Jan.", "3", "."
            ]
        );
    }

    #[test]
    fn the_eight_byte_scan_agrees_with_byte_tests() {
        for b in 0..=u8::MAX {
            for at in 0..8 {
                let mut chunk = *b"aZ09zA9a";
                chunk[at] = b;
                let stops = non_alnum_bytes(u64::from_le_bytes(chunk));
                let expected = if b.is_ascii_alphanumeric() {
                    0
                } else {
                    0x80 << (8 * at)
                };
                assert_eq!(stops, expected, "byte {b:#x} at {at}");
            }
        }
    }

    #[test]
    fn short_and_long_words_classify_alike() {
        let text = "He said that officials reportedly said. Officials’ reportedly";
        let classes: Vec<_> = tokenize(text)
            .0
            .iter()
            .map(|t| (t.span().slice(text), t.class, t.cue, t.cap))
            .collect();
        for (word, class, cue, cap) in classes {
            let (c, _, l) = lexicon::classify(word);
            assert_eq!((class, cue), (c, l), "{word}");
            assert_eq!(cap, word.starts_with(char::is_uppercase), "{word}");
        }
    }

    #[test]
    fn general_punctuation_holds_no_word_character() {
        let words: Vec<char> = ('\u{2000}'..='\u{206f}')
            .filter(|c| c.is_alphanumeric())
            .collect();
        assert_eq!(words, []);
    }

    #[test]
    fn long_words_and_words_before_dots_keep_their_classes() {
        let text = "Spokeswoman reportedly said. Republicans’ nationwide U.S. St. Louis Ph.D.";
        for t in tokenize(text).0 {
            let word = t.span().slice(text);
            if t.kind == TokKind::Word {
                let (c, p, l) = lexicon::classify(word);
                assert_eq!((t.class, t.possessive, t.cue), (c, p, l), "{word}");
            }
        }
        assert_eq!(
            words(text),
            [
                "Spokeswoman",
                "reportedly",
                "said",
                ".",
                "Republicans",
                "’",
                "nationwide",
                "U.S.",
                "St.",
                "Louis",
                "Ph.D."
            ]
        );
    }

    #[test]
    fn combining_marks_stay_in_words() {
        assert_eq!(words("Jose\u{301} said"), ["Jose\u{301}", "said"]);
    }

    #[test]
    fn apostrophes_and_hyphens_stay_in_words() {
        assert_eq!(
            words("Kyiv’s Washington-based don't ''x''"),
            ["Kyiv’s", "Washington-based", "don't", "''", "x", "''"]
        );
    }
}
