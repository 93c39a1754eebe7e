//! "X said …", "…, X said", "said X": a reporting verb of the cue
//! lexicon (or one the cue model learned) with its speaker and content.
//!
//! Around a cue the frame is decided from what follows it:
//!
//! * nothing, or only adjuncts ("said Wednesday in a statement"): the
//!   content is what precedes — `"…," Peskov said.`, `"…," said Peskov.`,
//!   `Drones struck a train, local officials said.`
//! * a clause, `that`, a colon or a quotation: the content follows —
//!   `Peskov said: "…"`, `Sybiha confirmed that …`.
//!
//! A participle cue after a comma (", adding that …") continues the
//! sentence's speaker.
//!
//! The rule reads the words around the cue in phases, each a function that
//! either decides the frame (found, or no frame here) or hands what it
//! learned to the next as a small struct. The order of the phases is the
//! order of the rule's early exits, and it matters: a later phase trusts
//! what an earlier one ruled out.
//!
//! 0. [`reported_by_closing_frame`]: a cue inside a clause that
//!    a frame closing the sentence reports ("The findings suggest …, said
//!    Lena Fisk.") is no frame of its own.
//! 1. [`participle::participle_frame`]: ", adding that …" and "with X
//!    saying …" are frames of their own; any other participle is no frame
//!    unless an auxiliary, "quoted as" or a subordinating preposition
//!    stands before it.
//! 2. [`speaker::speaker_side`] → [`speaker::SpeakerSide`]: the speaker
//!    before the cue (or the subject an infinitive or relative stands
//!    for), else an inverted one after it; "show" needs evidence for a
//!    subject, and a base-form verb must agree with its subject.
//! 3. [`content::skip_addressee`], then
//!    [`content::reported_pronoun_frame`]: "what Trump says …" reports the
//!    pronoun, not the clause around it.
//! 4. [`content::content_side`] → [`content::ContentSide`]: what follows
//!    the cue (a governed preposition, a clause, a colon, adjuncts, …), and
//!    whether that belongs to a statement noun with an owner of its own.
//! 5. [`content_before::content_before_frame`] when the content is before
//!    the frame (`"…," he said`), else
//!    [`content_after::content_after_frame`] (`he said that …`).
//!
//! Everything the phases share about the cue itself is one [`Cue`].
//!
//! The phases called once per cue are `#[inline]`: they live in other
//! files (and so, in a release build, often in other code-generation
//! units), and inlined they compile into one function again, as the rule
//! was before it was split; otherwise each call costs copies of the
//! speaker phrases between them.

mod content;
mod content_after;
mod content_before;
mod participle;
mod speaker;

use std::ops::ControlFlow;

use super::closing::reported_by_closing_frame;
use crate::attribution::found::Claim;
use crate::attribution::frame::FrameContext;
use crate::attribution::input::Input;
use crate::cues::Lemma;
use crate::mentions::{Mention, View};
use speaker::SpeakerSide;

/// At a cue; a capitalised one only inside a title-case headline or as a
/// participle opening its sentence ("Insisting it was not rehearsed, …").
pub(super) fn applies(fc: &FrameContext<'_, '_>) -> bool {
    let t = fc.token();
    let s = fc.sent.tokens.0;
    t.cue.is_some()
        && (!t.cap
            || (fc.at > s && fc.is_headline())
            || (fc.at == s && fc.view().s(fc.at).ends_with("ing")))
}

/// The cue rule: on a frame, its speaker becomes the sentence's speaker.
pub(super) fn run(fc: &mut FrameContext<'_, '_>) -> Option<usize> {
    let t = fc.token();
    let cue = t.cue.map(|l| (t.span(), l.as_str()));
    let (next, speaker) = cue_frame(fc)?;
    fc.speaker = Some((speaker, cue));
    Some(next)
}

/// A reporting verb at `fc.at`: finds its speaker and content, phase by
/// phase (see the module docs); returns where reading resumes and the
/// frame's speaker.
fn cue_frame(fc: &mut FrameContext<'_, '_>) -> Option<(usize, Mention)> {
    let cue = Cue::at(fc)?;
    if reported_by_closing_frame(cue.view(), cue.c, cue.e) {
        return None;
    }
    let adverbial = match participle::participle_frame(fc, &cue) {
        ControlFlow::Break(frame) => return frame,
        ControlFlow::Continue(adverbial) => adverbial,
    };
    let side = speaker::speaker_side(&cue, adverbial)?;
    let k = content::skip_addressee(&cue, &side);
    if let Some(frame) = content::reported_pronoun_frame(fc, &cue, &side, k) {
        return Some(frame);
    }
    let quote_before = content_before::quotation_before(&cue, side.start);
    let content = content::content_side(&cue, &side, k, quote_before)?;
    if content_before::content_precedes(&cue, &side, &content, quote_before) {
        return content_before::content_before_frame(fc, &cue, &side, &content, quote_before);
    }
    content_after::content_after_frame(fc, &cue, &side, &content)
}

/// The cue token and its sentence: what every phase of the rule reads.
#[derive(Clone, Copy)]
struct Cue<'a> {
    inp: &'a Input<'a>,
    /// The cue token.
    c: usize,
    /// The first token the frame may read back to (the context's cursor).
    lo: usize,
    /// The sentence's tokens, `[s, e)`.
    s: usize,
    e: usize,
    /// The cue as written ("says").
    word: &'a str,
    /// Its lemma ("say"; [`Lemma::LEARNED`] for a cue the model found),
    /// typed: the phases ask its properties, which a `&str` would have to
    /// look up by name each time.
    lemma: Lemma,
    /// The sentence's speaker so far: ", adding that …" continues it.
    sentence_speaker: Option<Mention>,
}

impl<'a> Cue<'a> {
    /// The cue at `fc.at`; `None` when the token is none.
    fn at(fc: &FrameContext<'_, 'a>) -> Option<Cue<'a>> {
        let lemma = fc.token().cue?;
        Some(Cue {
            inp: fc.inp,
            c: fc.at,
            lo: fc.cursor,
            s: fc.sent.tokens.0,
            e: fc.sent.tokens.1,
            word: fc.inp.view.s(fc.at),
            lemma,
            sentence_speaker: fc.speaker.map(|(m, _)| m),
        })
    }

    /// The document's tokens and text.
    fn view(&self) -> &'a View<'a> {
        &self.inp.view
    }

    /// Whether the speaker may be looked for past what separates a
    /// subject from its verb: a relative clause ("others who want to ban
    /// overtime said"), a scene-setting phrase ("allies on the panel
    /// resisted"), an introduction's comma ("If the mill closes,
    /// developers worry"). Not for a cue the model found: on articles it
    /// has not seen its frames are right too rarely to be found that far
    /// (the folds lose 0.04 points of `all` F1 with it, gain 0.05 without).
    fn reaches_far(&self) -> bool {
        self.lemma != Lemma::LEARNED
    }

    /// What a statement of this frame says of its attribution.
    fn claim(&self, speaker: Mention, confidence: f32) -> Claim {
        Claim {
            cue: Some((self.inp.view.tokens[self.c].span(), self.lemma.as_str())),
            speaker: Some(speaker),
            written: None,
            confidence,
        }
    }

    /// The claim of a frame whose speaker is `side`'s: a relative pronoun
    /// standing for it ("…, who said") is how the text writes it here.
    fn claim_by(&self, side: &SpeakerSide, speaker: Mention, confidence: f32) -> Claim {
        let written = side
            .relative_pronoun
            .map(|k| self.inp.view.tokens[k].span());
        Claim {
            written,
            ..self.claim(speaker, confidence)
        }
    }
}
