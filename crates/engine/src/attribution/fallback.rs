//! Quotations no frame covered.
//!
//! After the frames of a sentence are read, a quotation may still be
//! unattributed. A paragraph or sentence that is only a quotation continues
//! the previous speaker (split quotes, multi-paragraph quotes, colon
//! lead-ins); `"…," Ella Moss sighed` makes an unusual verb a cue by its
//! position; "Jane Doe: “…”" and "“…” — Jane Doe" name their speaker; a long
//! quotation inside a sentence goes to the sentence subject with low
//! confidence; a short one is a scare quote or a title and is dropped.

use crate::Span;
use crate::attribution::found::{Claim, Context, Sink};
use crate::attribution::input::{Input, is_word};
use crate::cues::Lemma;
use crate::lexicon::Class;
use crate::mentions::Mention;
use crate::text::{Sentence, TokKind};

/// Quotations in `sent` that no frame covered: continuations, sign-offs,
/// colon attributions and unusual verbs, or scare quotes (dropped).
pub(crate) fn leftover_quotes(
    inp: &Input<'_>,
    sent: &Sentence,
    sink: &mut Sink<'_>,
    context: &mut Context,
) {
    let v = &inp.view;
    let toks = v.tokens;
    let (s, e) = sent.tokens;
    // Words of the sentence, found once: a quotation has words before it
    // when the first word precedes it, after it when the last word follows.
    // Found only once a quotation needs them: most sentences have none.
    let mut words = None;
    let mut words_around = || {
        *words.get_or_insert_with(|| {
            (
                (s..e).find(|&t| is_word(inp, t)).unwrap_or(e),
                (s..e).rev().find(|&t| is_word(inp, t)),
            )
        })
    };
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
        let mut found = |speaker: Mention, cue, carried, confidence| {
            let claim = Claim {
                cue,
                speaker: Some(speaker),
                confidence,
            };
            sink.push_quotation(sent, (qi, &q), claim, carried);
        };
        let (first_word, last_word) = words_around();
        let words_before = first_word < q.open;
        let mut m = after;
        while m < e && toks[m].kind == TokKind::Punct && matches!(v.s(m), "," | "." | "!" | "?") {
            m += 1;
        }
        // "… — Commissioner Jane Doe"
        if m < e
            && matches!(v.s(m), "—" | "–" | "--")
            && let Some(sp) = v.np_right(m + 1, e)
        {
            found(sp, None, false, 0.8);
            *context = Some((sp, None, sent.para));
            continue;
        }
        // `"…," Ella Moss sighed.` / `"…," tweeted a user.`: the structure
        // makes an unusual verb a cue.
        if !words_before && let Some((sp, cue)) = trailing_attribution(inp, m, e) {
            found(sp, Some(cue), false, 0.75);
            *context = Some((sp, Some(cue), sent.para));
            continue;
        }
        // "Jane Doe: “…”"
        if q.open >= s + 2
            && v.is_punct(q.open - 1, ":")
            && let Some(sp) = v.np_left(q.open as isize - 2, s)
            && sp.tokens.0 == s
        {
            found(sp, None, false, 0.75);
            *context = Some((sp, None, sent.para));
            continue;
        }
        let words_outside = words_before || last_word.is_some_and(|w| w >= after);
        let words = (q.open..after).filter(|&t| is_word(inp, t)).count();
        if words_outside {
            // A quotation inside a sentence with no cue: a short one is a
            // scare quote or a title; a long one is still someone's words,
            // most likely the sentence subject's.
            // Title case ("The Art of the Deal") marks a title, not speech.
            let capitalised = (q.open..after)
                .filter(|&t| is_word(inp, t) && toks[t].cap)
                .count();
            let title = capitalised * 10 >= words * 7;
            if words >= 4
                && !title
                && let Some(sp) = v.subject(s, q.open).or(context.map(|c| c.0))
            {
                found(sp, None, false, 0.4);
            }
            continue;
        }
        let Some((sp, cue, para)) = *context else {
            continue;
        };
        let same_para = sent.para == para;
        let near = same_para || sent.para <= para + 2 || (q.continues && sent.para <= para + 3);
        if !near || (!same_para && words < 3) {
            continue;
        }
        found(
            sp,
            cue,
            true,
            if same_para {
                0.7
            } else if sent.para == para + 1 {
                0.55
            } else {
                0.45
            },
        );
        *context = Some((sp, cue, sent.para));
    }
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
