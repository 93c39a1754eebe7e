//! Case folding, in one place: ASCII folding for looking words up in lists,
//! and the full Unicode lowercase that resolution keys names by.
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

// Unicode lowercase, as coreference compares names and roles.
//
// This is not `lower_ascii`, which lowercases ASCII letters only ("ÉTAT"
// becomes "État", "Łukasz" stays as it is): names and roles are keyed by
// their Unicode lowercase (resolution's `NameKey` is defined by
// [`lowercase`]), and a verb outside the lexicon is reported in it, so
// using `lower_ascii` there would change which names and roles match, and
// the lemmas reported, on non-ASCII text. What the two share is the fast
// path, lowering ASCII in place.

/// `s` lowercased, the string `str::to_lowercase` gives: names and roles
/// are nearly always ASCII, lowercased byte by byte without its general
/// case mapping.
pub(crate) fn lowercase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_lowercase(&mut out, s);
    out
}

/// Appends [`lowercase`]`(s)` to `out`.
pub(crate) fn push_lowercase(out: &mut String, s: &str) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&s.to_lowercase());
    }
}

/// `lowercase(s).ends_with(suffix)`, for ASCII `s` without building the
/// lowercased copy.
pub(crate) fn lowercase_ends_with(s: &str, suffix: &str) -> bool {
    if !s.is_ascii() {
        return s.to_lowercase().ends_with(suffix);
    }
    let tail = s
        .len()
        .checked_sub(suffix.len())
        .map(|at| &s.as_bytes()[at..]);
    tail.is_some_and(|t| {
        t.iter()
            .zip(suffix.as_bytes())
            .all(|(a, b)| a.to_ascii_lowercase() == *b)
    })
}
