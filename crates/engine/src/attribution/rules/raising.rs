//! Raising verbs: "The statistics appear to be fabricated", "New
//! Hampshire seems stable", "it appeared that …". The complement is
//! attributed to the subject as a perception with no one named (PolNeAR
//! marks the subject and the complement as two fragments of one content).

use crate::attribution::clause::{clause_end, content_tokens, is_infinitive_marker};
use crate::attribution::found::Claim;
use crate::attribution::frame::{FrameContext, may_be_raising_verb};
use crate::attribution::input::Input;
use crate::attribution::rules::phrases::{before_auxiliaries, subject_phrase};
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
    let lemma = raising_lemma(v.s(c))?;
    let (start, with_subject) = complement(inp, c)?;
    let end = clause_end(inp, start, e);
    let (cs, ce) = content_tokens(inp, start, end)?;
    // The subject, before any auxiliaries and adverbs ("might not seem").
    let b = before_auxiliaries(inp, c, cursor);
    let subject = (with_subject && b > cursor)
        .then(|| v.np_left(b as isize - 1, cursor))
        .flatten()
        .map(|m| subject_phrase(inp, m.tokens, cursor));
    if with_subject && subject.is_none() {
        return None;
    }
    let claim = Claim {
        cue: Some((toks[c].span(), lemma)),
        speaker: None,
        written: None,
        confidence: 0.35,
    };
    if let Some((ss, se)) = subject {
        fc.push(ss, se, claim);
    }
    fc.push(cs, ce, claim);
    Some(end)
}

/// The lemma of a raising verb's form, which the statement records as its
/// cue. Two verbs of three forms each, so a `match` rather than a word
/// list: a list under `lexicon/words/` gives only a yes-or-no test, not
/// the lemma (a `&'static str`), and the cue lexicon, which maps forms to
/// lemmas, deliberately leaves these verbs out — they report no speech,
/// and as cues every other rule would read them.
fn raising_lemma(word: &str) -> Option<&'static str> {
    match word {
        "seem" | "seems" | "seemed" => Some("seem"),
        "appear" | "appears" | "appeared" => Some("appear"),
        _ => None,
    }
}

/// Where the complement of the raising verb at `c` starts, and whether the
/// verb's subject is part of the content: "to VERB" (with the subject),
/// "that CLAUSE" (without: "it appeared that …"), or an adjective phrase
/// ("seems stable", with the subject). `None` for other complements
/// ("appeared on CNN" is a different verb).
fn complement(inp: &Input<'_>, c: usize) -> Option<(usize, bool)> {
    let v = &inp.view;
    let toks = v.tokens;
    let next = &toks[c + 1];
    if is_infinitive_marker(inp, c + 1)
        && toks.get(c + 2).is_some_and(|n| {
            n.kind == TokKind::Word && !n.cap && matches!(n.class, Class::Other | Class::Aux)
        })
    {
        Some((c + 1, true))
    } else if next.class == Class::That {
        Some((c + 2, false))
    } else if next.kind == TokKind::Word
        && !next.cap
        && next.in_quote.is_none()
        && matches!(next.class, Class::Other | Class::Adverb)
    {
        Some((c + 1, true))
    } else {
        None
    }
}
