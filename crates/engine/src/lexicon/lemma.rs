//! Cue lemmas: which reporting verb a word form is ("said" → "say").
//!
//! The lemma belongs to the lexicon, not to the cue stage, because the
//! tokenizer learns it in the same lookup as the word's class: one table
//! maps a word to both (see `table`). The forms are written in
//! `cues/cues.toml` with the cues' properties; build.rs turns them into
//! [`FORMS`], and `cues` gives [`Lemma`] the methods that read those
//! properties.

include!(concat!(env!("OUT_DIR"), "/cue_forms.rs"));

/// A reporting-verb lemma as an index into [`FORMS`]. Every token carries
/// one (or none), and a `&'static str` there would be 16 bytes of a token
/// that otherwise fits in 24: on long documents the token list is most of
/// the memory the engine touches, and fresh memory costs page faults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Lemma(u8);

// A `Lemma` must be able to name every entry of `FORMS`.
const _: () = assert!(FORMS.len() <= u8::MAX as usize + 1);

impl Lemma {
    /// The lemma of `FORMS[index]`.
    pub(crate) fn of_entry(index: usize) -> Lemma {
        debug_assert!(index < FORMS.len());
        Lemma(index as u8)
    }

    /// The lemma of cues found by the learned-cue model (`cues::model`):
    /// none is known, so it is the empty first entry of `FORMS`.
    pub(crate) const LEARNED: Lemma = Lemma(0);

    /// The lemma's entry in [`FORMS`].
    pub(crate) fn index(self) -> usize {
        usize::from(self.0)
    }

    /// The dictionary form ("say"; "" for [`Lemma::LEARNED`]).
    pub(crate) fn as_str(self) -> &'static str {
        FORMS[self.index()].0
    }
}
