//! The token: one word, number, quotation mark or punctuation mark of the
//! text, as a span with everything later stages ask of it decided once,
//! while it is tokenized: its lexicon class and cue lemma, whether it is
//! capitalised or possessive, and what punctuation it is. Every stage
//! after the tokenizer reads these fields instead of looking at the text
//! again.

use crate::Span;
use crate::lexicon::{Class, Lemma, Pron};
use crate::text::punct::Punct;
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
    /// What punctuation a [`TokKind::Punct`] token is (`None` for every
    /// other kind).
    punct: Option<Punct>,
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

    /// What punctuation the token is, when it is a [`TokKind::Punct`].
    pub(crate) fn punct(&self) -> Option<Punct> {
        self.punct
    }

    /// A dash: "—", "–" or "--" (not a lone hyphen).
    pub(crate) fn is_dash(&self) -> bool {
        self.punct == Some(Punct::Dash)
    }

    /// A comma.
    pub(crate) fn is_comma(&self) -> bool {
        self.punct == Some(Punct::Comma)
    }

    /// A number of one to three digits and nothing else ("54"): what an
    /// age set off after a name looks like ("Tom Vale, 54, said").
    pub(crate) fn is_age_number(&self, text: &str) -> bool {
        let b = self.bytes(text);
        self.kind == TokKind::Number
            && (1..=3).contains(&b.len())
            && b.iter().all(u8::is_ascii_digit)
    }

    /// A colon.
    pub(crate) fn is_colon(&self) -> bool {
        self.punct == Some(Punct::Colon)
    }

    /// The token of the word at bytes `i..end` (a number when it starts
    /// with a `digit`, capitalised when with an upper-case letter), with
    /// its lexicon class, possessive mark and cue.
    #[inline(always)]
    pub(super) fn word(
        para: u32,
        (i, end): (usize, usize),
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
            punct: None,
            in_quote: None,
        }
    }

    /// The quotation mark token at bytes `start..end`.
    #[inline]
    pub(super) fn quote_mark(start: usize, end: usize, para: u32) -> Token {
        Token::mark(start, end, para, TokKind::QuoteMark, None)
    }

    /// The punctuation token at bytes `start..end`, of class `punct`.
    #[inline]
    pub(super) fn punct_mark(start: usize, end: usize, para: u32, punct: Punct) -> Token {
        Token::mark(start, end, para, TokKind::Punct, Some(punct))
    }

    #[inline(always)]
    fn mark(start: usize, end: usize, para: u32, kind: TokKind, punct: Option<Punct>) -> Token {
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
            punct,
            in_quote: None,
        }
    }
}

/// The longest text the engine takes: token offsets are `u32`.
pub(crate) const MAX_TEXT_LEN: usize = u32::MAX as usize;

/// A token's offsets, narrowed; `extract` has checked the text length.
fn offsets(start: usize, end: usize) -> (u32, u32) {
    debug_assert!(end <= MAX_TEXT_LEN);
    (start as u32, end as u32)
}

/// "Tom Vale, 54, said", "said Tom Vale, 54.": when the comma at `comma`
/// sets off an age (a bare number closed by a comma or a full stop), the
/// index of the mark that closes it. An age is neither a role nor a break
/// between a name and the apposition after it.
pub(crate) fn age_after(tokens: &[Token], text: &str, comma: usize) -> Option<usize> {
    let (open, age, close) = (
        tokens.get(comma)?,
        tokens.get(comma + 1)?,
        tokens.get(comma + 2)?,
    );
    let closed = matches!(close.punct, Some(Punct::Comma | Punct::Stop));
    (open.is_comma() && age.is_age_number(text) && closed && age.in_quote.is_none())
        .then_some(comma + 2)
}
