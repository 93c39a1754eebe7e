//! Lowercasing as the resolver compares: the full Unicode lowercase
//! (`str::to_lowercase`), with a byte-by-byte path for ASCII.
//!
//! This is not `text::lower_ascii`, which lowercases ASCII letters only
//! ("ÉTAT" becomes "État", "Łukasz" stays as it is): names and roles are
//! keyed by their Unicode lowercase ([`super::keys::NameKey`] is defined
//! by [`lowercase`]), and a verb outside the lexicon is reported in it, so
//! switching would change which names and roles match, and the lemmas
//! reported, on non-ASCII text. What the two share is the fast path,
//! lowering ASCII in place.

/// `s` lowercased, the string `str::to_lowercase` gives: names and roles
/// are nearly always ASCII, lowercased byte by byte without its general
/// case mapping.
pub(super) fn lowercase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_lowercase(&mut out, s);
    out
}

/// Appends [`lowercase`]`(s)` to `out`.
pub(super) fn push_lowercase(out: &mut String, s: &str) {
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
pub(super) fn lowercase_ends_with(s: &str, suffix: &str) -> bool {
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
