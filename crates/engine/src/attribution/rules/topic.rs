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
use crate::attribution::input::Input;
use crate::cues::Lemma;
use crate::lexicon::{Class, words};
use crate::mentions::Mention;
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
    let head = topic_head(inp, i, e)?;
    let speaker = match head {
        // "X talked about …": the verb's subject.
        Head::Verb => {
            let j = v.skip_adjuncts_left(w as isize - 1, cursor);
            Some(v.np_left(j, cursor)?)
        }
        // "her concerns about …": the noun's owner, if any.
        Head::Noun => noun_owner(inp, w, cursor),
    };
    let end = clause_end(inp, i + 1, e);
    let (cs, ce) = content_tokens(inp, i + 1, end)?;
    let cue_span = Span::new(toks[w].span().start, toks[i].span().end);
    fc.push(
        cs,
        ce,
        Claim {
            cue: Some((cue_span, toks[w].cue.map_or("", Lemma::as_str))),
            speaker,
            written: None,
            confidence: 0.4,
        },
    );
    Some(end)
}

/// What the word before a topic preposition is.
enum Head {
    /// A noun of speech or attitude ("concerns", "claim").
    Noun,
    /// A verb: a cue, or a plain word with a verb's ending ("warned",
    /// "arguing", "talks").
    Verb,
}

/// The head of the topic preposition at `i`; `None` when the preposition
/// is in one of its ordinary uses: "about 200 people" (a number), "spoke
/// on Monday" (a time), "support for" and "focused on" only after their
/// short lists of heads, or after a word that is neither a topic noun nor
/// a verb.
fn topic_head(inp: &Input<'_>, i: usize, e: usize) -> Option<Head> {
    let v = &inp.view;
    let toks = v.tokens;
    let head = &toks[i - 1];
    if head.kind != TokKind::Word || head.cap || head.in_quote.is_some() {
        return None;
    }
    if i + 1 >= e || toks[i + 1].kind == TokKind::Number {
        return None; // "about 200 people"
    }
    if toks[i + 1].class.is_time() {
        return None; // "spoke on Monday"
    }
    let word = v.s(i - 1);
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
    if words::is_topic_nouns(word) || words::is_statement_nouns(word) {
        return Some(Head::Noun);
    }
    let verb = head.cue.is_some()
        || (head.class == Class::Other
            && (word.ends_with("ed") || word.ends_with("ing") || word.ends_with('s'))
            && !word.ends_with("ous")
            && !word.ends_with("ss"));
    verb.then_some(Head::Verb)
}

/// The owner of the topic noun at `w`: a possessor ("Trump's concerns"), a
/// possessive determiner ("her concerns") or a pronoun before it.
fn noun_owner(inp: &Input<'_>, w: usize, cursor: usize) -> Option<Mention> {
    let v = &inp.view;
    let p = (w > cursor).then(|| w - 1)?;
    v.possessor(p, cursor)
        .or_else(|| v.possessive_determiner(p))
        .or_else(|| {
            matches!(v.tokens[p].class, Class::Pronoun(_))
                .then(|| v.np_left(p as isize, cursor))
                .flatten()
        })
}
