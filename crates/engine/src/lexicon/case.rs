//! ASCII case folding for looking words up in lists.
//!
//! The engine's word lists hold lower-case words and its rules compare
//! words regardless of case, thousands of times per article, so a word is
//! lowercased on the stack rather than into a fresh `String`. It lives with
//! the lexicon, whose own lookups fold case, so that every stage (the
//! tokenizer included, through `text::lower_ascii`) folds case the same
//! way without the lexicon depending on a later stage.

/// A word in ASCII lower case (other bytes as they are), what
/// `str::to_ascii_lowercase` gives, for matching against word lists
/// (`matches!(lower_ascii(w).as_str(), "is" | "was")`). The rules ask this
/// of thousands of tokens per article; a word of up to
/// [`LowerAscii::INLINE`] bytes (all of the lists' words) is copied onto
/// the stack instead of into a fresh `String`.
pub(crate) enum LowerAscii {
    Inline {
        bytes: [u8; LowerAscii::INLINE],
        len: u8,
    },
    Heap(String),
}

impl LowerAscii {
    const INLINE: usize = 23;

    pub(crate) fn as_str(&self) -> &str {
        match self {
            // Whole characters were copied and only ASCII bytes changed,
            // so the bytes are UTF-8.
            LowerAscii::Inline { bytes, len } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            LowerAscii::Heap(s) => s,
        }
    }
}

/// `word` in ASCII lower case; see [`LowerAscii`].
pub(crate) fn lower_ascii(word: &str) -> LowerAscii {
    let len = word.len();
    if len > LowerAscii::INLINE {
        return LowerAscii::Heap(word.to_ascii_lowercase());
    }
    let mut bytes = [0; LowerAscii::INLINE];
    bytes[..len].copy_from_slice(word.as_bytes());
    bytes[..len].make_ascii_lowercase();
    LowerAscii::Inline {
        bytes,
        len: len as u8,
    }
}
