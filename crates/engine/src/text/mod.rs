//! Stage 1: paragraphs, tokens and sentences, all as spans of the original text.
//!
//! Every later stage works on token indices, so the tokenizer decides once
//! what a word is: internal apostrophes, hyphens and dots stay inside a word
//! ("Ukraine’s", "Washington-based", "U.S"), and a final dot is glued to known
//! abbreviations ("Gen.", "Jan.", "a.m.") so that the sentence splitter does
//! not end a sentence there. Quotation marks become tokens of their own; the
//! `quotes` stage decides whether each one opens or closes.
//!
//! Paragraphs are lines: news text puts one paragraph on a line, and a quote
//! never legitimately spans a line break without its opening mark repeated.
//! Sentences are computed after quotation spans are known, because a sentence
//! boundary inside a closed quotation ("… lectures. The talks were …,” he
//! said.) must not cut the quotation off from its attribution.

pub(crate) mod quotes;

use crate::Span;
use crate::lexicon::Lemma;
pub(crate) use crate::lexicon::case::lower_ascii;
use crate::lexicon::{self, Class, Pron};
use crate::text::quotes::QuoteId;

/// What a token is, coarsely.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokKind {
    Word,
    Number,
    /// A quotation mark or a run of two ASCII quote characters (`` or '').
    QuoteMark,
    Punct,
}

/// One token with its word class looked up once.
///
/// A long document has a token every five bytes or so, which makes this
/// list most of the memory the engine writes; every field is as narrow as
/// it can be (offsets as `u32`, lemma and quotation as small indices) so a
/// token is 24 bytes. `extract` refuses texts of 4 GiB or more, so the
/// offsets always fit.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    start: u32,
    end: u32,
    pub kind: TokKind,
    pub para: u32,
    /// The first character is upper case.
    pub cap: bool,
    /// Lexicon class of the lower-cased word (or of the word without its
    /// possessive ending).
    pub class: Class,
    /// Ends in a possessive ’s / 's.
    pub possessive: bool,
    /// Reporting-verb lemma, when the word is a cue.
    pub cue: Option<Lemma>,
    /// The quotation whose content contains this token.
    pub in_quote: Option<QuoteId>,
}

// Fresh memory is paid for in page faults, and the token list is most of it:
// keep it from growing back unnoticed.
const _: () = assert!(size_of::<Token>() <= 24);

impl Token {
    /// The bytes of the text this token covers.
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    /// The bytes of the text this token covers: for hashing and for
    /// comparing with ASCII, where the `str` slice's boundary checks are
    /// not needed.
    #[inline]
    pub(crate) fn bytes<'t>(&self, text: &'t str) -> &'t [u8] {
        &text.as_bytes()[self.start as usize..self.end as usize]
    }

    /// A number, or a word the lexicon classes as a time (weekday, month,
    /// "yesterday", "week", …): what a time expression holds, for the
    /// dating stage to skip text without one. The lexicon classes "may" as
    /// an auxiliary, so the month is told by its capital ("In May, the
    /// mayor said").
    pub(crate) fn may_start_date(&self, text: &str) -> bool {
        self.class.is_time()
            || self.kind == TokKind::Number
            || (self.cap && self.bytes(text).eq_ignore_ascii_case(b"may"))
    }

    /// The word "it" in any case, without an ending ("it's" is classed
    /// as "it" with a possessive one, "itself" as "it" too).
    pub(crate) fn is_it(&self) -> bool {
        self.class == Class::Pronoun(Pron::It) && self.span().len() == 2
    }

    /// A lower-case word outside every lexicon class (no cue, no
    /// possessive, not quoted): a common noun or an unlisted verb.
    pub(crate) fn is_plain_word(&self) -> bool {
        self.kind == TokKind::Word
            && !self.cap
            && self.class == Class::Other
            && self.cue.is_none()
            && self.in_quote.is_none()
            && !self.possessive
    }
}

/// The longest text the engine takes: token offsets are `u32`.
pub(crate) const MAX_TEXT_LEN: usize = u32::MAX as usize;

/// A token's offsets, narrowed; `extract` has checked the text length.
fn offsets(start: usize, end: usize) -> (u32, u32) {
    debug_assert!(end <= MAX_TEXT_LEN);
    (start as u32, end as u32)
}

/// A paragraph: a line of text and its token range.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Paragraph {
    pub tokens: (usize, usize),
    /// Quotation-mark tokens in the paragraph, counted while tokenizing so
    /// that `quotes` can size its list once and skip unquoted paragraphs.
    pub quote_marks: u32,
}

/// A sentence: a token range inside one paragraph.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sentence {
    pub tokens: (usize, usize),
    pub para: u32,
    /// Holds a word that can start a time expression (weekday, month,
    /// "yesterday", a number), computed once for the dating stage.
    pub time_words: bool,
}

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
    } else if matches!(c, '—' | '–' | '…') {
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
    para: u32,
    para_start_tok: usize,
    para_quote_marks: u32,
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
        let mut para = self.para;
        let mut para_start_tok = self.para_start_tok;
        let mut para_quote_marks = self.para_quote_marks;
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
                    pos = push_ascii_word(text, table, tokens, para, i);
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
                    if tokens.len() > para_start_tok {
                        paragraphs.push(Paragraph {
                            tokens: (para_start_tok, tokens.len()),
                            quote_marks: para_quote_marks,
                        });
                        para += 1;
                        para_start_tok = tokens.len();
                        para_quote_marks = 0;
                        if pos >= until {
                            *self = Tokenizer {
                                pos,
                                para,
                                para_start_tok,
                                para_quote_marks,
                            };
                            return false;
                        }
                    }
                }
                Step::Quote => {
                    let mut end = pos;
                    // `` and '' are one mark.
                    if (c == '`' || c == '\'') && bytes.get(end) == Some(&b) {
                        end += 1;
                    }
                    pos = end;
                    tokens.push(punct_token(i, end, para, TokKind::QuoteMark));
                    para_quote_marks = para_quote_marks.saturating_add(1);
                }
                Step::Word => {
                    pos = push_word(text, table, tokens, para, i, pos, c);
                }
                Step::Punct => {
                    let mut end = pos;
                    if c == '-' && bytes.get(end) == Some(&b'-') {
                        end += 1;
                    }
                    pos = end;
                    tokens.push(punct_token(i, end, para, TokKind::Punct));
                }
            }
        }
        if tokens.len() > para_start_tok {
            paragraphs.push(Paragraph {
                tokens: (para_start_tok, tokens.len()),
                quote_marks: para_quote_marks,
            });
        }
        *self = Tokenizer {
            pos: text.len(),
            para,
            para_start_tok: tokens.len(),
            para_quote_marks: 0,
        };
        true
    }
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
        tokens.push(word_token(
            para,
            i,
            end,
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
    tokens.push(word_token(
        para,
        i,
        end,
        first.is_ascii_digit(),
        first.is_uppercase(),
        classified,
    ));
    end
}

/// The token of the word at bytes `i..end` (a number when it starts with a
/// digit, capitalised when with an upper-case letter), with its lexicon
/// class, possessive mark and cue.
#[inline(always)]
fn word_token(
    para: u32,
    i: usize,
    end: usize,
    digit: bool,
    cap: bool,
    (class, possessive, cue): (Class, bool, Option<Lemma>),
) -> Token {
    let (start, end) = offsets(i, end);
    Token {
        start,
        end,
        kind: if digit {
            TokKind::Number
        } else {
            TokKind::Word
        },
        para,
        cap,
        class,
        possessive,
        cue,
        in_quote: None,
    }
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

fn punct_token(start: usize, end: usize, para: u32, kind: TokKind) -> Token {
    let (start, end) = offsets(start, end);
    Token {
        start,
        end,
        kind,
        para,
        cap: false,
        class: Class::Other,
        possessive: false,
        cue: None,
        in_quote: None,
    }
}

/// Whether token `t` ends a sentence (a full stop, ! or ?, or an abbreviation
/// that may end one when the next word is a typical sentence opener).
fn is_terminal(text: &str, tokens: &[Token], i: usize) -> bool {
    // Called for every token: the text is sliced only for the two kinds
    // that can end a sentence, and a word only when its last byte is a dot.
    let t = &tokens[i];
    match t.kind {
        TokKind::Punct => matches!(
            &text.as_bytes()[t.span().start..t.span().end],
            b"." | b"!" | b"?" | b"\xe2\x80\xa6" // …
        ),
        TokKind::Word if text.as_bytes()[t.span().end - 1] == b'.' => {
            lexicon::abbreviation_may_end_sentence(t.span().slice(text))
                && tokens
                    .get(i + 1)
                    .is_some_and(|n| n.cap && n.class.is_sentence_opener())
        }
        _ => false,
    }
}

/// Splits each paragraph into sentences, appended to `out`.
/// `inside_quote(pos)` tells whether a byte position lies strictly inside a
/// closed quotation (no boundary there).
///
/// A paragraph's sentences read its tokens' final cues (learned ones
/// included) and the class of the token after it, so the caller passes
/// only paragraphs whose tokens are final and followed by the next
/// paragraph's first token when there is one.
pub(crate) fn sentences(
    out: &mut Vec<Sentence>,
    text: &str,
    tokens: &[Token],
    paragraphs: &[Paragraph],
    inside_quote: impl Fn(usize) -> bool,
) {
    out.reserve(paragraphs.len() * 3);
    for p in paragraphs {
        let (start, end) = p.tokens;
        let para = tokens[start].para;
        let mut s = start;
        // "PORTSMOUTH, March 4 — The harbour …": a dateline is a sentence
        // of its own, so no reported clause starts with it.
        if let Some(after) = dateline_end(text, tokens, start, end) {
            out.push(sentence(text, tokens, start, after, para));
            s = after;
        }
        let mut i = s;
        while i < end {
            if is_terminal(text, tokens, i) {
                // Closing marks and brackets after the stop belong to this sentence.
                let mut j = i + 1;
                while j < end
                    && (tokens[j].kind == TokKind::QuoteMark
                        || matches!(tokens[j].span().slice(text), ")" | "]"))
                    && !starts_token_after_space(text, tokens, j)
                {
                    j += 1;
                }
                let boundary = tokens[j - 1].span().end;
                let next_starts = j < end
                    && (tokens[j].cap
                        || tokens[j].kind == TokKind::QuoteMark
                        || tokens[j].kind == TokKind::Number);
                // `“Why?” Trump asked.`: a question or exclamation inside a
                // quotation does not end the sentence its attribution is in.
                let closed_quote = j > i + 1
                    && tokens[j - 1].kind == TokKind::QuoteMark
                    && matches!(tokens[i].span().slice(text), "?" | "!");
                if next_starts
                    && !inside_quote(boundary)
                    && !(closed_quote && attribution_follows(tokens, j, end))
                {
                    out.push(sentence(text, tokens, s, j, para));
                    s = j;
                }
                i = j;
                continue;
            }
            i += 1;
        }
        if s < end {
            out.push(sentence(text, tokens, s, end, para));
        }
    }
}

/// The token after a dateline's dash when the paragraph at `[s, e)` opens
/// with one: a place in capitals ("WASHINGTON", "NEW YORK"), then the
/// dash, or a comma, a parenthesis or a period and more capitalised words
/// or numbers ("PORTSMOUTH, March 4 —", "LOUISVILLE, Ky. (AP) —").
fn dateline_end(text: &str, tokens: &[Token], s: usize, e: usize) -> Option<usize> {
    let is_caps = |k: usize| {
        let w = tokens[k].span().slice(text);
        tokens[k].kind == TokKind::Word && w.len() >= 2 && w.chars().all(|c| !c.is_lowercase())
    };
    let mut k = s;
    while k < e && k - s < 4 && is_caps(k) {
        k += 1;
    }
    let opens = k > s
        && k < e
        && tokens[s]
            .span()
            .slice(text)
            .chars()
            .filter(|c| c.is_alphabetic())
            .count()
            >= 3;
    if !opens || !matches!(tokens[k].span().slice(text), "," | "(" | "—" | "–" | "--") {
        return None;
    }
    let dash = (k..e.min(k + 10)).find(|&m| {
        tokens[m].kind == TokKind::Punct && matches!(tokens[m].span().slice(text), "—" | "–" | "--")
    })?;
    let label = (k..dash).all(|m| {
        let t = &tokens[m];
        match t.kind {
            TokKind::Punct => matches!(t.span().slice(text), "," | "." | "(" | ")"),
            TokKind::Word => t.cap,
            TokKind::Number => true,
            _ => false,
        }
    });
    (label && dash + 1 < e).then_some(dash + 1)
}

fn sentence(text: &str, tokens: &[Token], s: usize, e: usize, para: u32) -> Sentence {
    Sentence {
        tokens: (s, e),
        para,
        time_words: tokens[s..e].iter().any(|t| t.may_start_date(text)),
    }
}

/// A cue within the next few words (before any stop): `Trump said`,
/// `said Mr. Manafort`, `the spokesman for the mayor added`.
fn attribution_follows(tokens: &[Token], j: usize, end: usize) -> bool {
    let lim = (j + 6).min(end);
    for t in &tokens[j..lim] {
        if t.kind != TokKind::Word {
            return false;
        }
        if t.cue.is_some() && !t.cap {
            return true;
        }
    }
    false
}

/// The token at `j` is preceded by white space (so it opens something new).
fn starts_token_after_space(text: &str, tokens: &[Token], j: usize) -> bool {
    let start = tokens[j].span().start;
    text[..start]
        .chars()
        .next_back()
        .is_some_and(char::is_whitespace)
}

/// Whether position `pos` is preceded by white space or the text start.
pub(crate) fn space_before(text: &str, pos: usize) -> bool {
    text[..pos]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '-' | '/'))
}

/// Whether position `pos` is followed by white space, punctuation or the end.
pub(crate) fn space_after(text: &str, pos: usize) -> bool {
    text[pos..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

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
