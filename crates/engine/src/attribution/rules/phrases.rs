//! Phrase helpers several rules share: where a subject ends before its
//! auxiliaries, and the head noun a post-modified subject starts at.

use crate::attribution::input::Input;
use crate::lexicon::{Class, words};
use crate::text::TokKind;

/// Where the subject of the verb at `c` ends: before the auxiliaries and
/// adverbs in front of it ("has been", "might not seem"), not before
/// `cursor`.
pub(super) fn before_auxiliaries(inp: &Input<'_>, c: usize, cursor: usize) -> usize {
    let toks = inp.view.tokens;
    let mut b = c;
    while b > cursor && matches!(toks[b - 1].class, Class::Aux | Class::Adverb) {
        b -= 1;
    }
    b
}

/// The subject whose phrase ends with `tokens`: the noun phrase a
/// post-modifier's object belongs to ("the owner of the site"), but not
/// across a subordinator ("fired after the driver").
pub(super) fn subject_phrase(
    inp: &Input<'_>,
    tokens: (usize, usize),
    cursor: usize,
) -> (usize, usize) {
    let v = &inp.view;
    let s = tokens.0;
    if s > cursor && words::is_subordinators(&v.s(s - 1).to_ascii_lowercase()) {
        return tokens;
    }
    with_head_noun(inp, tokens, cursor)
}

/// "Previous talks in Geneva": a phrase found after a preposition is the
/// object of a post-modifier; the subject starts at the noun phrase before.
pub(super) fn with_head_noun(
    inp: &Input<'_>,
    (s, e): (usize, usize),
    cursor: usize,
) -> (usize, usize) {
    let toks = inp.view.tokens;
    if s < cursor + 2 || toks[s - 1].class != Class::Prep {
        return (s, e);
    }
    // Words of a noun phrase (any verb-like word included: the head noun
    // may look like a cue), back to a determiner or a boundary.
    let mut k = s - 1;
    while k > cursor && s - 1 - k < 5 {
        let t = &toks[k - 1];
        let nominal = t.kind == TokKind::Word
            && t.in_quote.is_none()
            && matches!(
                t.class,
                Class::Other | Class::Det | Class::RoleMod | Class::Descriptor | Class::OrgWord
            );
        if !nominal {
            break;
        }
        k -= 1;
        if t.class == Class::Det {
            break;
        }
    }
    if k < s - 1 { (k, e) } else { (s, e) }
}
