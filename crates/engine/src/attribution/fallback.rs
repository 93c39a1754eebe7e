//! Quotations no frame covered.
//!
//! After the frames of a sentence are read, a quotation may still be
//! unattributed. A paragraph or sentence that is only a quotation continues
//! the previous speaker (split quotes, multi-paragraph quotes, colon
//! lead-ins); `"…," Ella Moss sighed` makes an unusual verb a cue by its
//! position; "Jane Doe: “…”" (also after a roundup item's headline and a
//! dash), "“…” — Jane Doe", a transcript's "“WALLACE: …" and a pull
//! quote's credit line ("“…\nJane Doe, Kite Institute.”") name their
//! speaker; a long quotation inside a sentence goes to the speaker of a
//! frame before it in the sentence ("… and he said he often thinks of what
//! his parents told him: “…”": the frame's clause ended at the colon), else
//! to the sentence subject, with low confidence; a short one is a scare
//! quote or a title and is dropped.

use crate::Span;
use crate::StatementKind;
use crate::attribution::found::{Claim, Context, CueRef, Found, Sink};
use crate::attribution::input::{Input, is_title_case, is_word};
use crate::cues::Lemma;
use crate::lexicon::Class;
use crate::mentions::{Mention, MentionKind};
use crate::text::quotes::Quotation;
use crate::text::{Sentence, TokKind};

/// Quotations in `sent` that no frame covered: continuations, sign-offs,
/// colon attributions and unusual verbs, or scare quotes (dropped). The
/// sentence's frames are the statements found since the sink held
/// `frames`.
pub(crate) fn leftover_quotes(
    inp: &Input<'_>,
    sent: &Sentence,
    sink: &mut Sink<'_>,
    frames: usize,
    context: &mut Context,
) {
    let toks = inp.view.tokens;
    let (s, e) = sent.tokens;
    // The words of the sentence around its quotations, found only once a
    // quotation needs them: most sentences have none.
    let mut words = None;
    let mut k = s;
    while k < e {
        let Some(qi) = toks[k].in_quote else {
            k += 1;
            continue;
        };
        let q = inp.quotes[qi.index()];
        let after = q.close.map_or(e, |c| c + 1).max(k + 1);
        k = after;
        if sink.is_used(qi) {
            continue;
        }
        let words = *words.get_or_insert_with(|| SentenceWords::of(inp, sent));
        let leftover = Leftover {
            q: &q,
            after,
            words,
            frame: frame_before(sink.since(frames), toks[q.open].span().start),
        };
        let Some(a) = attribution(inp, sent, &leftover, context) else {
            continue;
        };
        let claim = Claim {
            cue: a.cue,
            speaker: Some(a.speaker),
            written: None,
            confidence: a.confidence,
        };
        sink.push_quotation(sent, (qi, &q), claim, a.carried);
        if a.continued {
            *context = Some((a.speaker, a.cue, sent.para));
        }
    }
}

/// The statement of a sentence's `found` whose speaker a quotation
/// standing alone after it continues: the last that quotes (direct or
/// mixed), else the last with a speaker. A frame later in the sentence
/// is seldom the quoted speaker's: "“…,” said Frank, whose appointment
/// sparked anger. “…”" continues Frank, not the relative clause's subject;
/// "“…,” Trump said, two hours after news outlets declared him the
/// victor. “…”" continues Trump.
pub(crate) fn continued_statement(found: &[Found]) -> Option<&Found> {
    let spoken = || found.iter().rev().filter(|f| f.speaker.is_some());
    spoken()
        .find(|f| f.kind != StatementKind::Indirect)
        .or_else(|| spoken().next())
}

/// The first and last word of a sentence: a quotation has words before it
/// when the first word precedes it, after it when the last word follows.
#[derive(Clone, Copy)]
struct SentenceWords {
    first: usize,
    last: Option<usize>,
}

impl SentenceWords {
    fn of(inp: &Input<'_>, sent: &Sentence) -> SentenceWords {
        let (s, e) = sent.tokens;
        SentenceWords {
            first: (s..e).find(|&t| is_word(inp, t)).unwrap_or(e),
            last: (s..e).rev().find(|&t| is_word(inp, t)),
        }
    }
}

/// A quotation no frame covered.
struct Leftover<'q> {
    q: &'q Quotation,
    /// The token after its closing mark.
    after: usize,
    /// The words of its sentence.
    words: SentenceWords,
    /// The speaker and cue of the sentence's last frame before it.
    frame: Option<(Mention, CueRef)>,
}

/// The speaker and cue of the last of a sentence's `frames` whose cue ends
/// before byte `at`.
fn frame_before(frames: &[Found], at: usize) -> Option<(Mention, CueRef)> {
    frames
        .iter()
        .rev()
        .filter_map(|f| Some((f.speaker?, f.cue?)))
        .find(|(_, (c, _))| c.end <= at)
}

/// Who said a leftover quotation.
struct Attribution {
    speaker: Mention,
    cue: Option<CueRef>,
    /// The speaker is one from an earlier sentence.
    carried: bool,
    confidence: f32,
    /// A quotation after this one may continue the speaker.
    continued: bool,
}

/// Who said the leftover quotation, in order of evidence: a speaker named
/// around it; else, for a quotation inside a sentence, the sentence's
/// subject (a long quotation) or no one (a scare quote or a title); else,
/// for a quotation standing alone, the speaker of the context.
fn attribution(
    inp: &Input<'_>,
    sent: &Sentence,
    leftover: &Leftover<'_>,
    context: &Context,
) -> Option<Attribution> {
    let (q, after, around) = (leftover.q, leftover.after, leftover.words);
    let words_before = around.first < q.open;
    if let Some((speaker, cue, confidence)) = named_speaker(inp, sent, leftover, words_before) {
        return Some(Attribution {
            speaker,
            cue,
            carried: false,
            confidence,
            continued: true,
        });
    }
    let words_outside = words_before || around.last.is_some_and(|w| w >= after);
    let words = (q.open..after).filter(|&t| is_word(inp, t)).count();
    if words_outside {
        let (speaker, cue, confidence) =
            quotation_in_sentence(inp, sent, leftover, words, context)?;
        return Some(Attribution {
            speaker,
            cue,
            carried: false,
            confidence,
            continued: false,
        });
    }
    continuation(sent, q, words, context)
}

/// A speaker the words around the quotation name: "“…” — Commissioner Jane
/// Doe", `"…," Ella Moss sighed.` (the structure makes an unusual verb a
/// cue), "Jane Doe: “…”". With the cue and the confidence.
fn named_speaker(
    inp: &Input<'_>,
    sent: &Sentence,
    leftover: &Leftover<'_>,
    words_before: bool,
) -> Option<(Mention, Option<CueRef>, f32)> {
    let v = &inp.view;
    let (s, e) = sent.tokens;
    let (q, mut m) = (leftover.q, leftover.after);
    if let Some(sp) = transcript_label(inp, q).or_else(|| credit_line(inp, q)) {
        return Some((sp, None, 0.75));
    }
    while m < e && v.tokens[m].kind == TokKind::Punct && matches!(v.s(m), "," | "." | "!" | "?") {
        m += 1;
    }
    // "… — Commissioner Jane Doe"
    if m < e
        && v.tokens[m].is_dash()
        && let Some(sp) = v.np_right(m + 1, e)
    {
        return Some((sp, None, 0.8));
    }
    // `"…," Ella Moss sighed.` / `"…," tweeted a user.`
    if !words_before && let Some((sp, cue)) = trailing_attribution(inp, m, e) {
        return Some((sp, Some(cue), 0.75));
    }
    // "Jane Doe: “…”", and a roundup's line "Polls missed the surge - Jane
    // Doe: “…”": a dash ends the item's headline and the name labels the
    // quotation as it would at the start of the sentence.
    if q.open >= s + 2
        && v.tokens[q.open - 1].is_colon()
        && let Some(sp) = v.np_left(q.open as isize - 2, s)
        && (sp.tokens.0 == s || v.is_dash(sp.tokens.0 - 1))
    {
        return Some((sp, None, 0.75));
    }
    None
}

/// The speaker label a quoted transcript line opens with: "“WALLACE: Will
/// she be there?" (a name in capitals, then a colon). Transcripts quote
/// each turn as a paragraph of its own, which would otherwise continue
/// the previous turn's speaker.
fn transcript_label(inp: &Input<'_>, q: &Quotation) -> Option<Mention> {
    const MAX_LABEL: usize = 4;
    let v = &inp.view;
    let first = q.open + 1;
    let last = q.close.unwrap_or(v.tokens.len()).min(first + MAX_LABEL + 1);
    let colon = (first..last).find(|&k| v.tokens[k].is_colon())?;
    v.upper_case_label(first, colon)
}

/// A pull quote's credit line: a quotation that runs to the end of its
/// paragraph, and a short next line that names the speaker and carries
/// the quotation's closing mark ("“We will …\nJosh Brill, Institute for
/// Road Policy.”"). The mark shows the line belongs to the quotation, and
/// a name and a comma open it.
fn credit_line(inp: &Input<'_>, q: &Quotation) -> Option<Mention> {
    const MAX_CREDIT_LINE: usize = 24;
    if q.close.is_some() {
        return None;
    }
    let v = &inp.view;
    let para = v.tokens[q.open].para;
    let start = (q.open..v.tokens.len()).find(|&k| v.tokens[k].para != para)?;
    let next = v.tokens[start].para;
    let end = (start..v.tokens.len())
        .find(|&k| v.tokens[k].para != next)
        .unwrap_or(v.tokens.len());
    let closed = v.tokens[end - 1].kind == TokKind::QuoteMark;
    if next != para + 1 || !closed || end - start > MAX_CREDIT_LINE {
        return None;
    }
    let sp = v.np_right(start, end)?;
    let comma = v.tokens.get(sp.tokens.1).is_some_and(|t| t.is_comma());
    (sp.kind == MentionKind::Name && comma).then_some(sp)
}

/// A quotation inside a sentence with no cue: a short one is a scare quote
/// or a title, and so is one in title case ("The Art of the Deal"); a long
/// one is still someone's words: most likely those of the speaker of a
/// frame before it in the sentence (with that frame's cue), else the
/// sentence subject's (or the context's speaker). A subject after that
/// frame's cue opens the main clause after a fronted one ("When asked
/// whom she supported, Ms. Lee smiled and said, “…”") and is preferred.
/// With the confidence.
fn quotation_in_sentence(
    inp: &Input<'_>,
    sent: &Sentence,
    leftover: &Leftover<'_>,
    words: usize,
    context: &Context,
) -> Option<(Mention, Option<CueRef>, f32)> {
    let (q, after) = (leftover.q, leftover.after);
    if words < 4 || is_title_case(inp, q.open, after) {
        return None;
    }
    let subject = inp.view.subject(sent.tokens.0, q.open);
    if let Some((speaker, cue)) = leftover.frame
        && subject.is_none_or(|m| m.span.start < cue.0.end)
    {
        return Some((speaker, Some(cue), 0.5));
    }
    subject
        .or(context.map(|c| c.0))
        .map(|speaker| (speaker, None, 0.4))
}

/// A quotation standing alone (a paragraph or sentence of its own)
/// continues the context's speaker: split quotes, multi-paragraph quotes,
/// colon lead-ins. Surer in the same paragraph, less so a paragraph or two
/// on (three for a quotation that reopens), and a short one only in the
/// same paragraph.
fn continuation(
    sent: &Sentence,
    q: &Quotation,
    words: usize,
    context: &Context,
) -> Option<Attribution> {
    let (speaker, cue, para) = (*context)?;
    let same_para = sent.para == para;
    let near = same_para || sent.para <= para + 2 || (q.continues && sent.para <= para + 3);
    if !near || (!same_para && words < 3) {
        return None;
    }
    let confidence = if same_para {
        0.7
    } else if sent.para == para + 1 {
        0.55
    } else {
        0.45
    };
    Some(Attribution {
        speaker,
        cue,
        carried: true,
        confidence,
        continued: true,
    })
}

/// `NP VERB` or `VERB NP` right after a quotation, followed by nothing but
/// adjuncts; the verb may be outside the cue lexicon.
pub(crate) fn trailing_attribution(
    inp: &Input<'_>,
    m: usize,
    e: usize,
) -> Option<(Mention, (Span, &'static str))> {
    let v = &inp.view;
    let toks = v.tokens;
    let verbish = |i: usize| {
        i < e
            && toks[i].kind == TokKind::Word
            && !toks[i].cap
            && toks[i].in_quote.is_none()
            && matches!(toks[i].class, Class::Other | Class::Adverb)
    };
    let ends_clause = |i: usize| {
        i >= e
            || toks[i].kind == TokKind::Punct
            || matches!(
                toks[i].class,
                Class::Prep | Class::Weekday | Class::TimeWord
            )
    };
    let cue_of = |i: usize| (toks[i].span(), toks[i].cue.map_or("", Lemma::as_str));
    if let Some(sp) = v.np_right(m, e) {
        let w = sp.tokens.1;
        if verbish(w) && ends_clause(w + 1) {
            return Some((sp, cue_of(w)));
        }
    }
    if verbish(m)
        && let Some(sp) = v.np_right(m + 1, e)
        && ends_clause(sp.tokens.1)
    {
        return Some((sp, cue_of(m)));
    }
    None
}
