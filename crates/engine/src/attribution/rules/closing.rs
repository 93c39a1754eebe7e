//! A verb inside a clause that a reporting frame at the sentence's end
//! reports — "The findings suggest the virus spread earlier, said Lena
//! Fisk, an epidemiologist.", "The court found that the law was vague,
//! Judge Ann Holt wrote in her opinion."
//!
//! Read left to right, the inner verb ("suggest", "found that") would take
//! the clause after it as its content and move the cursor past it, and the
//! closing frame would then find no content before it: the statement went
//! to "The findings" instead of Lena Fisk. The whole clause is the closing
//! speaker's statement, so the cue and that-clause rules read no frame at
//! the inner verb.
//!
//! The closing frame is read with the same speaker phrases the cue rule
//! reads: after a comma, a speaker (with its apposition) and a speech cue
//! followed only by adjuncts ("told reporters on Tuesday"), or a speech
//! cue and an inverted speaker (with its apposition or a relative clause)
//! that ends the sentence.

use crate::lexicon::{Class, words};
use crate::mentions::{Mention, MentionKind, View};
use crate::text::TokKind;

/// At most this many adjunct tokens follow the closing cue ("told
/// reporters on Tuesday").
const MAX_ADJUNCTS: usize = 6;

/// Whether the clause around the verb at `c`, in a sentence ending at
/// `e`, is reported by a frame that closes the sentence after a comma
/// (see the module docs).
#[inline]
pub(super) fn reported_by_closing_frame(v: &View<'_>, c: usize, e: usize) -> bool {
    let toks = v.tokens;
    let end = words_end(v, c, e);
    // The closing cue: the last one of the sentence, after this verb.
    let Some(p) = (c + 1..end).rev().find(|&k| toks[k].cue.is_some()) else {
        return false;
    };
    if toks[p].in_quote.is_some() || !toks[p].cue.is_some_and(|l| l.is_speech()) {
        return false;
    }
    speaker_before_closes(v, c, p, end) || speaker_after_closes(v, c, p, end)
}

/// Where the sentence's words end, before its closing marks.
fn words_end(v: &View<'_>, c: usize, e: usize) -> usize {
    let mut end = e;
    while end > c + 1 && v.tokens[end - 1].kind != TokKind::Word {
        end -= 1;
    }
    end
}

/// A speaker phrase that names someone (no pronoun: "…, he said" after a
/// belief may be the belief's own subject speaking on).
fn names_someone(m: Option<Mention>) -> Option<Mention> {
    m.filter(|m| !matches!(m.kind, MentionKind::Pronoun(_)))
}

/// ", Judge Ann Holt wrote in her opinion.", ", Lena Fisk, a biologist,
/// said.": a speaker after a comma right before the closing cue at `p`,
/// and only adjuncts after it.
fn speaker_before_closes(v: &View<'_>, c: usize, p: usize, end: usize) -> bool {
    let prev = p - 1;
    if prev <= c + 1 {
        return false;
    }
    let m = if v.tokens[prev].is_comma() {
        v.apposition_left(prev, c + 1)
    } else {
        v.np_left(prev as isize, c + 1)
    };
    let Some(m) = names_someone(m) else {
        return false;
    };
    let open = m.tokens.0;
    open > c + 1
        && v.tokens[open - 1].is_comma()
        && opens_closing_frame(v, open)
        && (p + 1..end).len() <= MAX_ADJUNCTS
        && (p + 1..end).all(|k| adjunct_word(v, k))
}

/// ", said Lena Fisk, an epidemiologist at Ostra University.", ", said
/// Lena Fisk, who led the trial.": a comma, the closing cue at `p`, and an
/// inverted speaker that ends the sentence, with its apposition or a
/// relative clause.
fn speaker_after_closes(v: &View<'_>, c: usize, p: usize, end: usize) -> bool {
    if p <= c + 1 || !v.tokens[p - 1].is_comma() {
        return false;
    }
    let Some(m) = names_someone(v.np_right(p + 1, end)) else {
        return false;
    };
    let after = v.apposition_right_end(m, end);
    after >= end || (after + 1 < end && v.tokens[after].is_comma() && v.relative_word(after + 1))
}

/// The first token of the closing frame may open one: a word, not a
/// conjunction, "that" or a relative word (", which experts said …").
fn opens_closing_frame(v: &View<'_>, s: usize) -> bool {
    let t = &v.tokens[s];
    t.kind == TokKind::Word
        && t.in_quote.is_none()
        && !matches!(t.class, Class::Conj | Class::That)
        && !v.relative_word(s)
}

/// A token after the closing cue that opens no content of its own: no
/// subject pronoun or auxiliary ("said it would …"), no "that", cue,
/// quotation or comma; a possessive determiner ("in her opinion") is an
/// adjunct's.
fn adjunct_word(v: &View<'_>, k: usize) -> bool {
    let t = &v.tokens[k];
    let subject = matches!(t.class, Class::Pronoun(_)) && !words::is_possessive_determiners(v.s(k));
    t.in_quote.is_none()
        && t.kind != TokKind::QuoteMark
        && !t.is_comma()
        && t.cue.is_none()
        && !matches!(t.class, Class::That | Class::Aux)
        && !subject
}
