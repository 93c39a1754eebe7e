//! Paragraphs: news text puts one paragraph on a line, and a quotation
//! never legitimately spans a line break without its opening mark
//! repeated, so a paragraph is a line, and the quotation finder resets its
//! stack at each one (an unbalanced mark can swallow at most the rest of
//! its own paragraph). The tokenizer closes paragraphs as it reads the
//! line breaks.

/// A paragraph: a line of text and its token range.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Paragraph {
    pub tokens: (usize, usize),
    /// Quotation-mark tokens in the paragraph, counted while tokenizing so
    /// that `quotes` can size its list once and skip unquoted paragraphs.
    pub quote_marks: u32,
}

/// The paragraph the tokenizer is in: its number, its first token and the
/// quotation marks it has so far.
#[derive(Clone, Copy, Default)]
pub(super) struct OpenParagraph {
    pub para: u32,
    first_token: usize,
    quote_marks: u32,
}

impl OpenParagraph {
    /// Counts a quotation mark of the paragraph.
    pub(super) fn add_quote_mark(&mut self) {
        self.quote_marks = self.quote_marks.saturating_add(1);
    }

    /// Ends the paragraph before token `next` when it holds any token
    /// (pushing it to `paragraphs`) and opens the next one there; returns
    /// whether a paragraph ended (empty lines make none).
    #[inline]
    pub(super) fn close(&mut self, next: usize, paragraphs: &mut Vec<Paragraph>) -> bool {
        if next <= self.first_token {
            return false;
        }
        paragraphs.push(Paragraph {
            tokens: (self.first_token, next),
            quote_marks: self.quote_marks,
        });
        *self = OpenParagraph {
            para: self.para + 1,
            first_token: next,
            quote_marks: 0,
        };
        true
    }
}
