//! Phase 5b of the cue rule: the content follows the frame — `Peskov
//! said: "…"`, `Sybiha confirmed that …`, "X told reporters the plan …".
//!
//! A frame with no speaker phrase of its own may still speak for the
//! sentence's subject or the speaker of the frame before ("… and then
//! tweeted that …"). The content is the reported clause after the cue,
//! less a preposition the cue governs; a fronted fragment before an
//! interrupting frame ("The latest test, X said, was …") is content too.

use super::Cue;
use super::content::ContentSide;
use super::speaker::{SpeakerSide, tagged_verb};
use crate::attribution::clause::{
    After, clause_end, content_tokens, is_infinitive_marker, new_frame_follows, trim_back,
};
use crate::attribution::found::confidence;
use crate::attribution::frame::FrameContext;
use crate::attribution::input::{Input, is_word};
use crate::cues::{Lemma, ObjectSense};
use crate::lexicon::{Class, words};
use crate::mentions::Mention;
use crate::text::{Punct, TokKind, lower_ascii};

/// Reports the content after the frame (and a fronted fragment before
/// it); `None` when there is no content, no speaker, or the cue is part of
/// the next frame's content.
#[inline]
pub(super) fn content_after_frame(
    fc: &mut FrameContext<'_, '_>,
    cue: &Cue<'_>,
    side: &SpeakerSide,
    content: &ContentSide,
) -> Option<(usize, Mention)> {
    let (inp, v, lo, e) = (cue.inp, cue.view(), cue.lo, cue.e);
    let after = content.after;
    if side.infinitive && !matches!(after, After::Content(_)) {
        return None;
    }
    // A learned cue must be followed by its content: "talks in Istanbul
    // were …" is a noun with an adjunct, not a frame; so must a cue with
    // senses that report nothing ("was found in a car", see `sense`).
    if (cue.lemma == Lemma::LEARNED || cue.lemma.object_sense() != ObjectSense::Any)
        && matches!(after, After::Adjunct(_))
    {
        return None;
    }
    if yields_to_infinitive_cue(cue, after) {
        return None;
    }
    let start = match after {
        After::Content(start)
        | After::Adjunct(start)
        | After::SplitQuote(start)
        | After::CommaClause(start) => start,
        After::Nothing => return colon_lead_in(cue, side, content.k),
    };
    let speaker = match side.speaker {
        Some(m) => m,
        None => unnamed_speaker(cue, side, after)?,
    };
    let start = past_cue_preposition(cue, start);
    // "He may add to it, he said": what follows the comma is the next
    // frame, so this verb is part of that frame's content.
    if matches!(after, After::CommaClause(_)) && new_frame_follows(inp, start, e) {
        return None;
    }
    let end = reported_clause_end(cue, side, start);
    let Some((cs, ce)) = content_tokens(inp, start, end) else {
        // "X said in a speech:" with the quotation in the next paragraph.
        let colon = start > 0 && v.tokens[start - 1].is_colon();
        return colon.then_some((e, speaker));
    };
    let words = (cs..ce)
        .filter(|&t| v.tokens[t].kind == TokKind::Word)
        .count();
    if words == 0 || (words == 1 && !one_word_content(cue, cs, ce)) {
        return None;
    }
    let claim = cue.claim_by(
        side,
        speaker,
        confidence(&speaker, cue.lemma.is_speech()) - 0.1,
    );
    // "The latest test, X said, was its biggest": both fragments.
    if matches!(after, After::CommaClause(_))
        && let Some((bs, be)) = content_tokens(inp, lo, trim_back(inp, lo, side.start))
        && fronted_fragment(inp, bs, be, side.start)
    {
        fc.push(bs, be, claim);
    }
    fc.push(cs, ce, claim);
    Some((end, speaker))
}

/// Whether the one word `[cs, ce)` after a lexicon cue is its content:
/// an object that is all the verb reports ("endorsed Ramos", "supports
/// him", "said no"). Not after a learned cue (mostly a plain verb then);
/// not a particle of the verb ("showed up"), an amount ("say more"), an
/// adverb or a time ("reported on Tuesday"); not the subject of a clause
/// a relative interrupts ("said that Ramos, who …"), not the addressee of
/// "told her", and not a word before a colon, which introduces the
/// content ("tweeted this: …").
fn one_word_content(cue: &Cue<'_>, cs: usize, ce: usize) -> bool {
    let v = cue.view();
    let t = &v.tokens[cs];
    let w = lower_ascii(v.s(cs));
    let plain = !t.class.is_time()
        && !matches!(
            t.class,
            Class::Adverb | Class::Prep | Class::Conj | Class::Aux | Class::That
        )
        && !words::is_verb_particles(w.as_str())
        && !words::is_amount_words(w.as_str());
    let after_that = cs > cue.s && v.tokens[cs - 1].class == Class::That;
    let addressee = cue.lemma.takes_object() && words::is_object_pronouns(w.as_str());
    let before_colon = ce < cue.e && v.tokens[ce].is_colon();
    cue.lemma != Lemma::LEARNED && plain && !after_that && !addressee && !before_colon
}

/// A learned cue whose content is the infinitive of a lexicon cue ("went
/// on the radio to defend the rules", "took to social media to criticize
/// the plan") is a plain verb of going or using: the infinitive's verb is
/// the cue, and its frame (which speaks for the sentence subject) reports
/// the object. The learned cue yields, so the driver reads on to it.
fn yields_to_infinitive_cue(cue: &Cue<'_>, after: After) -> bool {
    let After::Content(start) = after else {
        return false;
    };
    // The content may start at the sentence's end: both tokens read must
    // lie inside it.
    let v = cue.view();
    cue.lemma == Lemma::LEARNED
        && start + 1 < cue.e
        && is_infinitive_marker(cue.inp, start)
        && v.tokens[start + 1]
            .cue
            .is_some_and(|lemma| lemma != Lemma::LEARNED)
}

/// A colon lead-in with the quotation in the next paragraph ("X said:"
/// ending the sentence): a frame with no statement of its own, whose
/// speaker the next paragraph's quotation takes.
fn colon_lead_in(cue: &Cue<'_>, side: &SpeakerSide, k: usize) -> Option<(usize, Mention)> {
    let e = cue.e;
    if k < e && cue.view().tokens[k].is_colon() && k + 1 == e {
        let speaker = side.speaker?;
        return Some((e, speaker));
    }
    None
}

/// The speaker of a frame with no speaker phrase next to its cue, before
/// content that `after` shows.
fn unnamed_speaker(cue: &Cue<'_>, side: &SpeakerSide, after: After) -> Option<Mention> {
    let (v, c, s, prev) = (cue.view(), cue.c, cue.s, side.prev);
    // "… and then tweeted that …", "praised the plan and criticized its
    // cost": the speaker of the frame before, or the sentence subject. Any
    // cue of the lexicon (a coordinated verb phrase shares its subject),
    // not a learned one (mostly a plain verb).
    if prev >= s as isize
        && words::is_clause_conjunctions(v.s(prev as usize))
        && cue.lemma != Lemma::LEARNED
    {
        return cue.sentence_speaker.or_else(|| v.subject(s, c));
    }
    if prev >= s as isize
        && (v.tokens[prev as usize].is_dash() || v.tokens[prev as usize].is_comma())
    {
        if cue.lemma.is_speech() {
            return v.subject(s, c);
        }
        // "The senator, a former judge, criticized the plan", "when Mr.
        // Roe, who had lost, called for …": after an aside set off by
        // commas or dashes, the phrase before it speaks.
        if cue.lemma != Lemma::LEARNED {
            return phrase_before_aside(cue, prev as usize);
        }
    }
    // "Experts on North Korea said …", "those surveyed say …", "Supporters
    // of the law hope …": a subject longer than a speaker phrase, before a
    // cue with a clear content: the subject's first phrase. A speech verb
    // is a verb there; another cue only when the tagger reads it as one
    // ("the support group met" is a noun).
    if cue.lemma == Lemma::LEARNED || !matches!(after, After::Content(_)) {
        return None;
    }
    // (The tagger is asked last: it costs more than the rest together.)
    v.subject(cue.lo, c)
        .filter(|m| m.tokens.1 < c)
        .filter(|_| cue.lemma.is_speech() || (in_main_clause(cue, prev) && tagged_verb(cue)))
}

/// Whether the cue, whose word before (past auxiliaries and adverbs) is
/// at `prev`, may be the verb of the sentence's subject: not in a
/// relative clause ("A voter who supports …", "people that want …"), where
/// the subject is the relative's antecedent and the main verb comes later,
/// not an infinitive ("It is time to defend …": infinitives find their
/// subject in the speaker phase), nor inside parentheses.
fn in_main_clause(cue: &Cue<'_>, prev: isize) -> bool {
    let v = cue.view();
    let Ok(p) = usize::try_from(prev) else {
        return true;
    };
    let w = lower_ascii(v.s(p));
    !(words::is_subject_relatives(w.as_str())
        || v.tokens[p].class == Class::That
        || words::is_infinitive_markers(w.as_str())
        || v.tokens[p].punct() == Some(Punct::OpenParen))
}

/// The phrase before the aside that the mark at `close` ends: "The
/// senator" of "The senator, a former judge, criticized …". `None` when
/// no mark of the same kind opens it within a few tokens after the
/// context's cursor, when a cue or quotation stands inside it, or when no
/// phrase ends right before it ("The bill, opposed by …" is a participle
/// after its noun, no aside).
fn phrase_before_aside(cue: &Cue<'_>, close: usize) -> Option<Mention> {
    let v = cue.view();
    let min = close.saturating_sub(MAX_ASIDE_TOKENS).max(cue.lo + 1);
    let open = (min..close)
        .rev()
        .take_while(|&k| v.tokens[k].cue.is_none() && v.tokens[k].in_quote.is_none())
        .find(|&k| v.tokens[k].punct() == v.tokens[close].punct())?;
    if open + 1 >= close {
        return None;
    }
    v.np_left(open as isize - 1, cue.lo)
        .filter(|m| m.tokens.1 == open)
}

/// An aside between a speaker and its cue spans at most this many tokens.
const MAX_ASIDE_TOKENS: usize = 30;

/// "talked about X", "called for X": the preposition belongs to the cue,
/// not to the content starting at `start`.
fn past_cue_preposition(cue: &Cue<'_>, start: usize) -> usize {
    if cue.lemma.as_str() != "say"
        && cue.lemma.as_str() != "tell"
        && start < cue.e
        && words::is_cue_prepositions(cue.view().s(start))
    {
        start + 1
    } else {
        start
    }
}

/// The end of the reported clause at `start`; a relative clause ends at
/// the next comma: ", who said …, issued a statement".
fn reported_clause_end(cue: &Cue<'_>, side: &SpeakerSide, start: usize) -> usize {
    let (v, e) = (cue.view(), cue.e);
    let end = clause_end(cue.inp, start, e);
    if !side.relative {
        return end;
    }
    (start..end)
        .find(|&m| v.tokens[m].is_comma() && v.tokens[m].in_quote.is_none())
        .unwrap_or(end)
}

/// Whether the words before a frame inside a sentence ("The latest test,
/// X said, was …", "Now, she said, …") are a fragment of the statement:
/// they must be set off from the speaker by a comma ("But as X said, …"
/// is a frame of its own) and not end in a dangling opener ("Then, once").
fn fronted_fragment(inp: &Input<'_>, bs: usize, be: usize, speaker_start: usize) -> bool {
    let toks = inp.view.tokens;
    let set_off = (be..speaker_start).any(|t| inp.view.tokens[t].is_comma());
    let dangling = matches!(toks[be - 1].class, Class::Prep | Class::Conj | Class::Det);
    set_off && !dangling && (bs..be).any(|t| is_word(inp, t))
}
