//! Raising verbs: "The statistics appear to be fabricated", "New
//! Hampshire seems stable", "it appeared that …". The complement is
//! attributed to the subject as a perception with no one named (PolNeAR
//! marks the subject and the complement as two fragments of one content).

use crate::attribution::clause::{clause_end, content_tokens};
use crate::attribution::found::Claim;
use crate::attribution::frame::{FrameContext, may_be_raising_verb};
use crate::attribution::rules::phrases::{before_auxiliaries, with_head_noun};
use crate::lexicon::Class;
use crate::text::TokKind;

/// At a word that may be a raising verb, after at least one word.
pub(super) fn applies(fc: &FrameContext<'_, '_>) -> bool {
    fc.at > fc.cursor && may_be_raising_verb(fc.view().text, fc.token())
}

/// "The statistics appear to be fabricated", "New Hampshire seems stable",
/// "it appeared that …": a raising verb attributes its complement to its
/// subject as a perception with no one named (PolNeAR marks the subject and
/// the complement as two fragments of one content).
pub(super) fn raising_frame(fc: &mut FrameContext<'_, '_>) -> Option<usize> {
    let (inp, sent, c, cursor) = (fc.inp, fc.sent, fc.at, fc.cursor);

    let v = &inp.view;
    let toks = v.tokens;
    let (_, e) = sent.tokens;
    if c + 1 >= e || !may_be_raising_verb(v.text, &toks[c]) {
        return None;
    }
    let lemma = match v.s(c) {
        "seem" | "seems" | "seemed" => "seem",
        "appear" | "appears" | "appeared" => "appear",
        _ => return None,
    };
    let next = &toks[c + 1];
    let w = v.s(c + 1);
    // The complement: "to VERB", "that CLAUSE", or an adjective phrase
    // ("seems stable"); "appeared on CNN" is a different verb.
    let (start, with_subject) = if w == "to"
        && toks.get(c + 2).is_some_and(|n| {
            n.kind == TokKind::Word && !n.cap && matches!(n.class, Class::Other | Class::Aux)
        }) {
        (c + 1, true)
    } else if next.class == Class::That {
        (c + 2, false)
    } else if next.kind == TokKind::Word
        && !next.cap
        && next.in_quote.is_none()
        && matches!(next.class, Class::Other | Class::Adverb)
    {
        (c + 1, true)
    } else {
        return None;
    };
    let end = clause_end(inp, start, e);
    let (cs, ce) = content_tokens(inp, start, end)?;
    // The subject, before any auxiliaries and adverbs ("might not seem").
    let b = before_auxiliaries(inp, c, cursor);
    let subject = (with_subject && b > cursor)
        .then(|| v.np_left(b as isize - 1, cursor))
        .flatten()
        .map(|m| with_head_noun(inp, m.tokens, cursor));
    if with_subject && subject.is_none() {
        return None;
    }
    let cue = Some((toks[c].span(), lemma));
    if let Some((ss, se)) = subject {
        fc.push(
            ss,
            se,
            Claim {
                cue,
                speaker: None,
                confidence: 0.35,
            },
        );
    }
    fc.push(
        cs,
        ce,
        Claim {
            cue,
            speaker: None,
            confidence: 0.35,
        },
    );
    Some(end)
}
