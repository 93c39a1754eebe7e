//! Passive participles: "Trump is expected to win", "he was criticized
//! for …", and the participle clause of a question put to the subject,
//! "Asked about X, …".
//!
//! In a passive frame the subject is itself attributed content (PolNeAR
//! marks it as a fragment), the complement after the participle is the
//! rest of it, and the speaker, if any, follows "by".

use crate::attribution::clause::{clause_end, content_tokens};
use crate::attribution::found::Claim;
use crate::attribution::frame::FrameContext;
use crate::attribution::input::Input;
use crate::attribution::rules::phrases::{before_auxiliaries, with_head_noun};
use crate::attribution::sense;
use crate::lexicon::{Class, looks_participle, words};
use crate::mentions::Mention;
use crate::text::{TokKind, lower_ascii};

/// At a cue whose lemma is "ask".
pub(super) fn applies_question(fc: &FrameContext<'_, '_>) -> bool {
    fc.token().cue.is_some_and(|l| l.as_str() == "ask")
}

/// At a lower-case cue.
pub(super) fn applies_passive(fc: &FrameContext<'_, '_>) -> bool {
    let t = fc.token();
    t.cue.is_some() && !t.cap
}

/// "Trump is expected to win", "Sanders was declared the winner", "he was
/// criticized for …": in a passive frame the subject is itself attributed
/// content (PolNeAR marks it as a fragment), the complement after the
/// participle is the rest of it, and the speaker, if any, follows "by".
/// "was told that …", "was asked about …": the subject is the addressee,
/// so only the complement is content; "are concerned that …" (a participle
/// of attitude, `experiencer-participles.txt`): the subject is the speaker.
pub(super) fn passive_frame(fc: &mut FrameContext<'_, '_>) -> Option<usize> {
    let (inp, sent, c, cursor) = (fc.inp, fc.sent, fc.at, fc.cursor);
    let lemma = fc.token().cue?;
    let v = &inp.view;
    let toks = v.tokens;
    let (_, e) = sent.tokens;
    // "was quoted as saying" is a speech frame with its speaker before it.
    let quoted_as = c + 2 < e && v.s(c + 1) == "as" && v.s(c + 2).ends_with("ing");
    if !looks_participle(v.s(c)) || quoted_as {
        return None;
    }
    let b = subject_end(inp, c, cursor)?;
    let addressee = lemma.takes_object() || lemma.as_str() == "ask";
    let subject_mention = if addressee || b == cursor {
        None
    } else {
        v.np_left(b as isize - 1, cursor)
    };
    let (speaker, k) = agent(inp, c + 1, e);
    // "Some backers are concerned that …": the subject holds the attitude.
    let experiencer = words::is_experiencer_participles(lower_ascii(v.s(c)).as_str());
    let (speaker, subject) = if experiencer {
        (speaker.or(subject_mention), None)
    } else {
        let subject = subject_mention.map(|m| with_head_noun(inp, m.tokens, cursor));
        (speaker, subject)
    };
    // "were denied entry", "was charged with fraud": a sense of the verb
    // that reports nothing has no complement (see `sense`).
    let rest = (k < e && sense::passive_reports(inp, lemma, k, e))
        .then(|| complement(inp, k, e))
        .flatten();
    if rest.is_none() && speaker.is_none() {
        return None;
    }
    // "It was reported that …": the "it" stands for the clause after it,
    // which is the content; it is not a second one.
    let subject = subject.filter(|&(ss, se)| !(rest.is_some() && se == ss + 1 && toks[ss].is_it()));
    let claim = Claim {
        cue: Some((toks[c].span(), lemma.as_str())),
        speaker,
        written: None,
        confidence: 0.4,
    };
    if let Some((ss, se)) = subject {
        fc.push(ss, se, claim);
    }
    if let Some(((cs, ce), _)) = rest {
        fc.push(cs, ce, claim);
    }
    if subject.is_none() && rest.is_none() {
        return None;
    }
    Some(rest.map_or(k, |(_, end)| end))
}

/// Where the subject of the passive participle at `c` ends: before its
/// be-auxiliary (adverbs may stand between: "was repeatedly criticized")
/// and any auxiliaries before that ("has been", "will be", "could not
/// be"). `None` when no form of "be" precedes: then it is no passive.
fn subject_end(inp: &Input<'_>, c: usize, cursor: usize) -> Option<usize> {
    let v = &inp.view;
    let mut a = c;
    while a > cursor && v.tokens[a - 1].class == Class::Adverb {
        a -= 1;
    }
    if a == cursor || !words::is_be_forms(lower_ascii(v.s(a - 1)).as_str()) {
        return None;
    }
    Some(before_auxiliaries(inp, a - 1, cursor))
}

/// The complement after the participle and its agent, starting at `k`
/// (see [`complement_start`]): its content tokens and where its clause
/// ends.
fn complement(inp: &Input<'_>, k: usize, e: usize) -> Option<((usize, usize), usize)> {
    let s = complement_start(inp, k, e)?;
    let end = clause_end(inp, s, e);
    content_tokens(inp, s, end).map(|c| (c, end))
}

/// "Asked about X, …", "When asked by Y whether …, …": a participle
/// clause whose content is the question put to the sentence's subject.
/// The asker, when named, follows "by"; the answer is the subject's own
/// frame after the comma.
pub(super) fn question_frame(fc: &mut FrameContext<'_, '_>) -> Option<usize> {
    let (inp, sent, c, cursor) = (fc.inp, fc.sent, fc.at, fc.cursor);

    let v = &inp.view;
    let toks = v.tokens;
    let (_, e) = sent.tokens;
    if !v.s(c).eq_ignore_ascii_case("asked") {
        return None;
    }
    // Only the participle clause: at the start of the sentence (after the
    // last frame), or after "when" / "after" / "if" there, or after a comma
    // and one of these ("“…,” he said, when asked …").
    let lead = |k: usize| words::is_question_clause_leads(lower_ascii(v.s(k)).as_str());
    let opens_sentence = c == cursor
        || (c == cursor + 1 && lead(cursor))
        || (c == cursor + 2 && v.tokens[cursor].is_comma() && lead(cursor + 1));
    if !opens_sentence {
        return None;
    }
    let mut k = c + 1;
    while k < e && toks[k].class == Class::Adverb {
        k += 1;
    }
    let (speaker, k) = agent(inp, k, e);
    // Adjuncts before the question: "Asked at a briefing Monday about …".
    let lim = (k + 10).min(e);
    let q = (k..lim).find(|&m| {
        toks[m].kind == TokKind::Word && toks[m].in_quote.is_none() && opens_question(v.s(m))
    })?;
    if (k..q).any(|m| v.tokens[m].is_comma() || toks[m].cue.is_some()) {
        return None;
    }
    let end = (q..e)
        .find(|&m| v.tokens[m].is_comma() && toks[m].in_quote.is_none())
        .unwrap_or_else(|| clause_end(inp, q, e));
    let (cs, ce) = content_tokens(inp, q, end)?;
    let cue = Some((toks[c].span(), "ask"));
    fc.push(
        cs,
        ce,
        Claim {
            cue,
            speaker,
            written: None,
            confidence: 0.4,
        },
    );
    Some(end)
}

/// The agent of a passive participle when token `k` is "by" ("criticized
/// by X", "asked by X"), with the token after it (`k` when there is none).
fn agent(inp: &Input<'_>, k: usize, e: usize) -> (Option<Mention>, usize) {
    let v = &inp.view;
    let speaker = (k + 1 < e && v.s(k) == "by")
        .then(|| v.np_right(k + 1, e))
        .flatten();
    (speaker, speaker.map_or(k, |m| m.tokens.1))
}

/// Where the complement of a passive participle starts: an infinitive
/// ("to win"), a governed preposition ("criticized for"), a complementiser,
/// or a noun phrase ("declared the winner").
fn complement_start(inp: &Input<'_>, k: usize, e: usize) -> Option<usize> {
    let v = &inp.view;
    let t = &v.tokens[k];
    if t.kind != TokKind::Word || t.in_quote.is_some() {
        return None;
    }
    let w = v.s(k);
    if words::is_infinitive_markers(w) {
        let n = v.tokens.get(k + 1).filter(|_| k + 1 < e)?;
        return (n.kind == TokKind::Word && !n.cap && matches!(n.class, Class::Other | Class::Aux))
            .then_some(k);
    }
    if words::is_passive_complement_prepositions(w) || t.class == Class::That {
        return Some(k + 1);
    }
    // "was asked whether …": the indirect question is the complement.
    if opens_question(w) {
        return Some(k);
    }
    matches!(t.class, Class::Det | Class::Other).then_some(k)
}

/// The words that open an indirect question ("asked whether …").
fn opens_question(word: &str) -> bool {
    words::is_question_openers(lower_ascii(word).as_str())
}
