//! Evidential adverbs: "The senator reportedly met the donors", "the man
//! allegedly fled the scene". The adverb attributes the predicate it
//! modifies to a source the sentence does not name, as a raising verb
//! does; PolNeAR marks the subject (with any auxiliaries before the
//! adverb: "The senator has") and the predicate as two fragments of one
//! content, with no speaker. The words are `evidential-adverbs.txt`.

use crate::attribution::clause::{clause_end, content_tokens};
use crate::attribution::found::Claim;
use crate::attribution::frame::FrameContext;
use crate::attribution::input::Input;
use crate::attribution::rules::phrases::{before_auxiliaries, subject_phrase};
use crate::lexicon::words;
use crate::text::TokKind;

/// At an evidential adverb with a word before it.
pub(super) fn applies(fc: &FrameContext<'_, '_>) -> bool {
    fc.at > fc.cursor && words::is_evidential_adverbs(fc.view().s(fc.at))
}

/// "The senator (has) reportedly met the donors": the subject with the
/// auxiliaries up to the adverb, and the predicate after it to the end of
/// its clause. Only when a noun phrase ends right before the auxiliaries
/// and a lower-case word follows the adverb: "pages of allegedly hacked
/// emails" modifies a noun and has no subject.
pub(super) fn evidential_frame(fc: &mut FrameContext<'_, '_>) -> Option<usize> {
    let (inp, c, cursor, e) = (fc.inp, fc.at, fc.cursor, fc.sent.tokens.1);
    let v = &inp.view;
    if !predicate_follows(inp, c, e) {
        return None;
    }
    let b = before_auxiliaries(inp, c, cursor);
    let subject = (b > cursor)
        .then(|| v.np_left(b as isize - 1, cursor))
        .flatten()
        .filter(|m| m.tokens.1 == b)
        .map(|m| subject_phrase(inp, m.tokens, cursor))?;
    let end = clause_end(inp, c + 1, e);
    let (ps, pe) = content_tokens(inp, c + 1, end)?;
    let claim = Claim {
        cue: Some((v.tokens[c].span(), "")),
        speaker: None,
        written: None,
        confidence: 0.35,
    };
    fc.push(subject.0, c, claim);
    fc.push(ps, pe, claim);
    Some(end)
}

/// Whether a lower-case word outside quotation marks follows the adverb at
/// `c` (the predicate it modifies), inside the sentence ending before `e`,
/// and is no cue: "The senator reportedly said …" is the senator's
/// statement, which the cue rule reads.
fn predicate_follows(inp: &Input<'_>, c: usize, e: usize) -> bool {
    inp.view.tokens[c + 1..e].first().is_some_and(|t| {
        t.kind == TokKind::Word && !t.cap && t.in_quote.is_none() && t.cue.is_none()
    })
}
