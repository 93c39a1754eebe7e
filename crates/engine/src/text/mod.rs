//! Stage 1: paragraphs, tokens and sentences, all as spans of the original
//! text.
//!
//! Every later stage works on token indices, so what a token is gets
//! decided once, here: the tokenizer (`tokenize`) splits the text into
//! words, numbers, quotation marks and punctuation, looks each word up in
//! the lexicon and classes each punctuation mark (`punct`), so that no
//! later rule re-reads the text to ask whether a token is a dash or a
//! cue. Paragraphs (`paragraphs`) are lines and come out of the same pass.
//! The quotation finder (`quotes`) then decides which marks open and
//! close, and only after it the sentence splitter (`sentences`) runs,
//! because a sentence never splits a closed quotation from its
//! attribution.
//!
//! Words are compared with word lists in ASCII lower case through
//! [`lower_ascii`] (defined with the lexicon, whose lookups fold case the
//! same way).

mod paragraphs;
mod punct;
pub(crate) mod quotes;
mod sentences;
mod token;
mod tokenize;

pub(crate) use crate::lexicon::case::lower_ascii;
pub(crate) use paragraphs::Paragraph;
pub(crate) use punct::Punct;
pub(crate) use sentences::{Sentence, sentences};
pub(crate) use token::age_after;
pub(crate) use token::{MAX_TEXT_LEN, TokKind, Token};
pub(crate) use tokenize::{Tokenizer, token_capacity, tokenize};
