//! Topics of speech or attitude: "talked about X", "warned against X",
//! "called for X", "her concerns about X". PolNeAR marks the topic as
//! attributed content too.
//!
//! The preposition is the trigger, so the guard is against its ordinary
//! uses: "about 200 people" (a number), "spoke on Monday" (a time), and for
//! "for" and "on", any head outside a short list ("support for", "focused
//! on").

use crate::Span;
use crate::attribution::clause::{clause_end, content_tokens};
use crate::attribution::found::Claim;
use crate::attribution::frame::FrameContext;
use crate::cues::Lemma;
use crate::lexicon::{Class, words};
use crate::text::TokKind;

/// At one of the topic prepositions, after at least one word. (All four
/// are prepositions: the class rules out the other words before their text
/// is compared.)
pub(super) fn applies(fc: &FrameContext<'_, '_>) -> bool {
    fc.token().class == Class::Prep
        && words::is_topic_prepositions(fc.view().s(fc.at))
        && fc.at > fc.cursor
}

/// "talked about X", "warned against X", "her concerns about X": the topic
/// of speech or attitude is attributed content too (PolNeAR marks it).
pub(super) fn topic_frame(fc: &mut FrameContext<'_, '_>) -> Option<usize> {
    let (inp, sent, i, cursor) = (fc.inp, fc.sent, fc.at, fc.cursor);

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
        "for" => Some(words::is_topic_heads_for(word)),
        "on" => Some(words::is_topic_heads_on(word)),
        _ => None,
    };
    if narrow == Some(false) {
        return None;
    }
    let noun = words::is_topic_nouns(word) || words::is_statement_nouns(word);
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
    fc.push(
        cs,
        ce,
        Claim {
            cue: Some((cue_span, head.cue.map_or("", Lemma::as_str))),
            speaker,
            confidence: 0.4,
        },
    );
    Some(end)
}
