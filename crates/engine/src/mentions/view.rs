//! The token view every mention rule reads, and the questions asked of a
//! single token: its text, whether it is a given word or mark, whether it
//! is a dash, whether a word is written in capitals.
//!
//! The rules name what they compare ([`View::is_word`], [`View::is_punct`])
//! rather than slicing the text and comparing strings themselves, so each
//! reads as the test it makes; the view is also what the attribution stage
//! holds to ask for speakers.

use crate::text::{Punct, Token};

/// Read-only view of the analysed text the mention finder needs.
pub(crate) struct View<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
}

impl View<'_> {
    /// The text of token `i`.
    #[inline]
    pub(crate) fn s(&self, i: usize) -> &str {
        self.tokens[i].span().slice(self.text)
    }

    /// Token `i` is written exactly `word` (case-sensitive).
    #[inline]
    pub(crate) fn is_word(&self, i: usize, word: &str) -> bool {
        self.s(i) == word
    }

    /// Token `i` is a dash of any length ("—", "–", "--", "-").
    pub(crate) fn is_dash(&self, i: usize) -> bool {
        matches!(self.tokens[i].punct(), Some(Punct::Dash | Punct::Hyphen))
    }
}

/// All letters upper case ("ISW", "U.S.").
pub(crate) fn is_upper_word(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}
