//! Frames beyond "NP said": belief and claim verbs with a that-clause,
//! statement nouns ("Trump's claim that …") and topics of speech or
//! attitude ("talked about …", "called for …").
//!
//! PolNeAR-style attribution covers beliefs, claims and topics as well as
//! speech; these frames are less sure than a speech verb and get lower
//! confidence, and each has a guard against its commonest false reading
//! (a relative "that" after a plural noun, "about 200 people").

use crate::Span;
use crate::attribution::clause::{clause_end, content_tokens, is_word};
use crate::attribution::{Found, Input, confidence, push};
use crate::cues::Lemma;
use crate::lexicon::Class;
use crate::mentions::{Mention, MentionKind};
use crate::text::{Sentence, TokKind, Token, lower_ascii};

/// `NP VERB that CLAUSE` for a verb outside the cue lexicon ("believes
/// that", "hopes that", "warned voters that"): PolNeAR-style attribution
/// covers beliefs and claims, and the complementiser makes the frame clear.
pub(crate) fn that_frame(
    inp: &Input<'_>,
    sent: &Sentence,
    i: usize,
    cursor: usize,
    out: &mut Vec<Found>,
    used: &mut [bool],
) -> Option<(usize, Mention)> {
    let v = &inp.view;
    let toks = v.tokens;
    let (_, e) = sent.tokens;
    let w = i - 1;
    let verb = &toks[w];
    let word = v.s(w);
    let verbish = verb.kind == TokKind::Word
        && !verb.cap
        && verb.in_quote.is_none()
        && (verb.cue.is_some()
            || (verb.class == Class::Other
                && (word.ends_with("ed") || word.ends_with('s') || is_base_belief(word))
                && !matches!(word, "is" | "was" | "has" | "does" | "as" | "thus" | "this")));
    if !verbish {
        return None;
    }
    let j = v.skip_adjuncts_left(w as isize - 1, cursor);
    let speaker = v.np_left(j, cursor)?;
    // "the attacks that jolted …": after a plural noun, "that" is a
    // relative pronoun unless a clear subject (a name or pronoun) precedes.
    if verb.cue.is_none()
        && word.ends_with('s')
        && !word.ends_with("ss")
        && speaker.kind == MentionKind::Descriptor
    {
        return None;
    }
    let end = clause_end(inp, i + 1, e);
    let (cs, ce) = content_tokens(inp, i + 1, end)?;
    if (cs..ce).filter(|&t| is_word(inp, t)).count() < 3 {
        return None;
    }
    let lemma = verb.cue.map_or("", Lemma::as_str);
    let conf = confidence(&speaker, false) - 0.2;
    push(
        inp,
        sent,
        cs,
        ce,
        Some((verb.span(), lemma)),
        Some(speaker),
        conf,
        out,
        used,
    );
    Some((end, speaker))
}

/// "Trump's claim that …", "the warning that …": a statement noun with a
/// that-clause; the speaker is the possessor when there is one.
pub(crate) fn nominal_frame(
    inp: &Input<'_>,
    sent: &Sentence,
    i: usize,
    cursor: usize,
    out: &mut Vec<Found>,
    used: &mut [bool],
) -> Option<usize> {
    let v = &inp.view;
    let toks = v.tokens;
    let (_, e) = sent.tokens;
    let n = i - 1;
    if toks[n].cap || toks[n].in_quote.is_some() || !is_statement_noun(v.s(n)) {
        return None;
    }
    let end = clause_end(inp, i + 1, e);
    let (cs, ce) = content_tokens(inp, i + 1, end)?;
    if (cs..ce).filter(|&t| is_word(inp, t)).count() < 3 {
        return None;
    }
    // The possessor: "Trump's claim", "his claim", "the senator's warning".
    let mut k = n;
    while k > cursor && n - k < 3 && !toks[k - 1].possessive && toks[k - 1].kind == TokKind::Word {
        if matches!(toks[k - 1].class, Class::Pronoun(_)) {
            break;
        }
        if !(toks[k - 1].class == Class::RoleMod || toks[k - 1].class == Class::Other) {
            break;
        }
        k -= 1;
    }
    let speaker = (k > cursor).then(|| k - 1).and_then(|p| {
        let t = &toks[p];
        if t.possessive && t.kind == TokKind::Word {
            v.possessor(p, cursor)
        } else if t.class == Class::Det {
            v.possessive_determiner(p)
        } else if matches!(t.class, Class::Pronoun(_)) && t.kind == TokKind::Word {
            v.np_left(p as isize, cursor)
        } else {
            None
        }
    });
    // "X closed the meeting with a warning that …": without a possessor,
    // the sentence subject is the likeliest owner of the statement.
    let speaker = speaker.or_else(|| {
        v.subject(sent.tokens.0, n)
            .filter(|m| m.tokens.1 < n && m.kind != MentionKind::Descriptor)
    });
    push(
        inp,
        sent,
        cs,
        ce,
        Some((toks[n].span(), "")),
        speaker,
        0.45,
        out,
        used,
    );
    Some(end)
}

/// "talked about X", "warned against X", "her concerns about X": the topic
/// of speech or attitude is attributed content too (PolNeAR marks it).
pub(crate) fn topic_frame(
    inp: &Input<'_>,
    sent: &Sentence,
    i: usize,
    cursor: usize,
    out: &mut Vec<Found>,
    used: &mut [bool],
) -> Option<usize> {
    let v = &inp.view;
    let toks = v.tokens;
    let (_, e) = sent.tokens;
    let w = i - 1;
    let head = &toks[w];
    if head.kind != TokKind::Word || head.cap || head.in_quote.is_some() {
        return None;
    }
    if i + 1 >= e || toks[i + 1].kind == TokKind::Number {
        return None; // "about 200 people"
    }
    if toks[i + 1].class.is_time() {
        return None; // "spoke on Monday"
    }
    let word = v.s(w);
    // "for" and "on" are attributive only after a few heads ("called for",
    // "support for", "focused on", "position on").
    let narrow = match v.s(i) {
        "for" => Some(matches!(
            word,
            "called"
                | "calls"
                | "calling"
                | "pushed"
                | "pushing"
                | "pushes"
                | "advocated"
                | "argued"
                | "pressed"
                | "lobbied"
                | "pleaded"
                | "campaigned"
                | "support"
                | "demands"
                | "demand"
                | "plea"
                | "appeal"
                | "voted"
                | "praised"
                | "criticized"
                | "blamed"
                | "thanked"
                | "apologized"
                | "asked"
        )),
        "on" => Some(matches!(
            word,
            "focused"
                | "focuses"
                | "focusing"
                | "commented"
                | "insisted"
                | "weighed"
                | "position"
                | "stance"
                | "views"
                | "remarks"
                | "comments"
                | "called"
                | "urged"
                | "reported"
                | "elaborated"
                | "campaigned"
                | "spoke"
                | "speak"
        )),
        _ => None,
    };
    if narrow == Some(false) {
        return None;
    }
    let noun = matches!(
        word,
        "concerns"
            | "concern"
            | "questions"
            | "comments"
            | "remarks"
            | "worries"
            | "fears"
            | "criticism"
            | "complaints"
            | "warnings"
            | "case"
            | "argument"
            | "views"
            | "support"
            | "position"
            | "stance"
            | "demands"
            | "demand"
            | "plea"
            | "appeal"
    ) || is_statement_noun(word);
    let verb = !noun
        && (head.cue.is_some()
            || (head.class == Class::Other
                && (word.ends_with("ed") || word.ends_with("ing") || word.ends_with('s'))
                && !word.ends_with("ous")
                && !word.ends_with("ss")));
    if !noun && !verb {
        return None;
    }
    let speaker = if verb {
        let j = v.skip_adjuncts_left(w as isize - 1, cursor);
        Some(v.np_left(j, cursor)?)
    } else {
        (w > cursor).then(|| w - 1).and_then(|p| {
            v.possessor(p, cursor)
                .or_else(|| v.possessive_determiner(p))
                .or_else(|| {
                    matches!(toks[p].class, Class::Pronoun(_))
                        .then(|| v.np_left(p as isize, cursor))
                        .flatten()
                })
        })
    };
    let end = clause_end(inp, i + 1, e);
    let (cs, ce) = content_tokens(inp, i + 1, end)?;
    let cue_span = Span::new(head.span().start, toks[i].span().end);
    push(
        inp,
        sent,
        cs,
        ce,
        Some((cue_span, head.cue.map_or("", Lemma::as_str))),
        speaker,
        0.4,
        out,
        used,
    );
    Some(end)
}

pub(crate) fn is_statement_noun(w: &str) -> bool {
    matches!(
        w,
        "claim"
            | "claims"
            | "statement"
            | "assertion"
            | "suggestion"
            | "argument"
            | "warning"
            | "promise"
            | "pledge"
            | "belief"
            | "view"
            | "comments"
            | "remarks"
            | "allegation"
            | "allegations"
            | "accusation"
            | "insistence"
            | "announcement"
            | "prediction"
            | "assessment"
            | "contention"
            | "charge"
            | "complaint"
            | "message"
            | "notion"
            | "idea"
            | "assurance"
            | "assurances"
            | "vow"
    )
}

/// Whether `t` may be one of the verbs [`raising_frame`] reads: a lower-case
/// word outside quotation marks, four to eight bytes long, starting with
/// 's' or 'a'. Asked of nearly every token of a sentence, so it rules out
/// most words before their text is compared (or the frame is called).
#[inline]
pub(crate) fn may_be_raising_verb(text: &str, t: &Token) -> bool {
    t.kind == TokKind::Word
        && !t.cap
        && t.in_quote.is_none()
        && (4..=8).contains(&t.span().len())
        && matches!(text.as_bytes()[t.span().start], b's' | b'a')
}

/// "The statistics appear to be fabricated", "New Hampshire seems stable",
/// "it appeared that …": a raising verb attributes its complement to its
/// subject as a perception with no one named (PolNeAR marks the subject and
/// the complement as two fragments of one content).
pub(crate) fn raising_frame(
    inp: &Input<'_>,
    sent: &Sentence,
    c: usize,
    cursor: usize,
    out: &mut Vec<Found>,
    used: &mut [bool],
) -> Option<usize> {
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
        push(inp, sent, ss, se, cue, None, 0.35, out, used);
    }
    push(inp, sent, cs, ce, cue, None, 0.35, out, used);
    Some(end)
}

/// "Trump is expected to win", "Sanders was declared the winner", "he was
/// criticized for …": in a passive frame the subject is itself attributed
/// content (PolNeAR marks it as a fragment), the complement after the
/// participle is the rest of it, and the speaker, if any, follows "by".
/// "was told that …", "was asked about …": the subject is the addressee,
/// so only the complement is content.
#[allow(clippy::too_many_arguments)]
pub(crate) fn passive_frame(
    inp: &Input<'_>,
    sent: &Sentence,
    c: usize,
    lemma: &'static str,
    cursor: usize,
    out: &mut Vec<Found>,
    used: &mut [bool],
) -> Option<usize> {
    let v = &inp.view;
    let toks = v.tokens;
    let (_, e) = sent.tokens;
    // "was quoted as saying" is a speech frame with its speaker before it.
    let quoted_as = c + 2 < e && v.s(c + 1) == "as" && v.s(c + 2).ends_with("ing");
    if !is_participle(v.s(c)) || quoted_as {
        return None;
    }
    // The be-auxiliary, with adverbs between ("was repeatedly criticized").
    let mut a = c;
    while a > cursor && toks[a - 1].class == Class::Adverb {
        a -= 1;
    }
    if a == cursor
        || !matches!(
            lower_ascii(v.s(a - 1)).as_str(),
            "is" | "are" | "was" | "were" | "be" | "been" | "being"
        )
    {
        return None;
    }
    // "has been", "will be", "could not be": the subject is before them all.
    let b = before_auxiliaries(inp, a - 1, cursor);
    let addressee = Lemma::named(lemma).takes_object() || lemma == "ask";
    let subject = if addressee || b == cursor {
        None
    } else {
        v.np_left(b as isize - 1, cursor)
            .map(|m| with_head_noun(inp, m.tokens, cursor))
    };
    let (speaker, k) = agent(inp, c + 1, e);
    let start = (k < e).then(|| complement_start(inp, k, e)).flatten();
    let rest = start.and_then(|s| {
        let end = clause_end(inp, s, e);
        content_tokens(inp, s, end).map(|c| (c, end))
    });
    if rest.is_none() && speaker.is_none() {
        return None;
    }
    // "It was reported that …": the "it" stands for the clause after it,
    // which is the content; it is not a second one.
    let subject = subject.filter(|&(ss, se)| !(rest.is_some() && se == ss + 1 && toks[ss].is_it()));
    let conf = 0.4;
    let cue = Some((toks[c].span(), lemma));
    if let Some((ss, se)) = subject {
        push(inp, sent, ss, se, cue, speaker, conf, out, used);
    }
    if let Some(((cs, ce), _)) = rest {
        push(inp, sent, cs, ce, cue, speaker, conf, out, used);
    }
    if subject.is_none() && rest.is_none() {
        return None;
    }
    Some(rest.map_or(k, |(_, end)| end))
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

/// Where the subject of the verb at `c` ends: before the auxiliaries and
/// adverbs in front of it ("has been", "might not seem"), not before
/// `cursor`.
fn before_auxiliaries(inp: &Input<'_>, c: usize, cursor: usize) -> usize {
    let toks = inp.view.tokens;
    let mut b = c;
    while b > cursor && matches!(toks[b - 1].class, Class::Aux | Class::Adverb) {
        b -= 1;
    }
    b
}

/// "Previous talks in Geneva": a phrase found after a preposition is the
/// object of a post-modifier; the subject starts at the noun phrase before.
fn with_head_noun(inp: &Input<'_>, (s, e): (usize, usize), cursor: usize) -> (usize, usize) {
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
    if w == "to" {
        let n = v.tokens.get(k + 1).filter(|_| k + 1 < e)?;
        return (n.kind == TokKind::Word && !n.cap && matches!(n.class, Class::Other | Class::Aux))
            .then_some(k);
    }
    if matches!(w, "as" | "for" | "about" | "of" | "on" | "with" | "against")
        || t.class == Class::That
    {
        return Some(k + 1);
    }
    // "was asked whether …": the indirect question is the complement.
    if opens_question(w) {
        return Some(k);
    }
    matches!(t.class, Class::Det | Class::Other).then_some(k)
}

/// Past participles: regular "-ed" forms and the irregular ones of cues.
fn is_participle(word: &str) -> bool {
    word.ends_with("ed")
        || matches!(
            word,
            "known"
                | "shown"
                | "told"
                | "said"
                | "seen"
                | "thought"
                | "written"
                | "given"
                | "sworn"
        )
}

/// Base forms of belief and claim verbs that do not end in -s/-ed.
pub(crate) fn is_base_belief(word: &str) -> bool {
    matches!(
        word,
        "believe"
            | "think"
            | "know"
            | "hope"
            | "fear"
            | "expect"
            | "feel"
            | "agree"
            | "worry"
            | "realize"
            | "understand"
            | "insist"
            | "argue"
            | "suggest"
            | "warn"
            | "predict"
            | "acknowledge"
            | "admit"
            | "assume"
            | "doubt"
            | "recognize"
            | "contend"
            | "knew"
            | "thought"
            | "felt"
            | "understood"
    )
}

/// The words that open an indirect question ("asked whether …").
fn opens_question(word: &str) -> bool {
    matches!(
        lower_ascii(word).as_str(),
        "if" | "whether" | "why" | "what" | "how" | "who" | "when" | "where" | "which" | "about"
    )
}

/// "Asked about X, …", "When asked by Y whether …, …": a participle
/// clause whose content is the question put to the sentence's subject.
/// The asker, when named, follows "by"; the answer is the subject's own
/// frame after the comma.
pub(crate) fn question_frame(
    inp: &Input<'_>,
    sent: &Sentence,
    c: usize,
    cursor: usize,
    out: &mut Vec<Found>,
    used: &mut [bool],
) -> Option<usize> {
    let v = &inp.view;
    let toks = v.tokens;
    let (_, e) = sent.tokens;
    if !v.s(c).eq_ignore_ascii_case("asked") {
        return None;
    }
    // Only the participle clause: at the start of the sentence (after the
    // last frame), or after "when" / "after" / "if" there.
    let opens_sentence = c == cursor
        || (c == cursor + 1
            && matches!(
                lower_ascii(v.s(cursor)).as_str(),
                "when" | "after" | "if" | "once"
            ));
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
    if (k..q).any(|m| v.is_punct(m, ",") || toks[m].cue.is_some()) {
        return None;
    }
    let end = (q..e)
        .find(|&m| v.is_punct(m, ",") && toks[m].in_quote.is_none())
        .unwrap_or_else(|| clause_end(inp, q, e));
    let (cs, ce) = content_tokens(inp, q, end)?;
    let cue = Some((toks[c].span(), "ask"));
    push(inp, sent, cs, ce, cue, speaker, 0.4, out, used);
    Some(end)
}
