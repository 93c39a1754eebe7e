//! Stage 5: attribution — ties each quotation or reported clause to a cue
//! and a speaker mention.
//!
//! Each sentence is read once, left to right (quoted tokens are skipped: a
//! "said" inside a quotation is content, not a cue). At each token the
//! frame rules are tried in a fixed order (`rules::RULES`, with why the
//! order matters); the first that finds its frame reports its statements
//! and reading resumes after it. The quotations of the sentence that no
//! frame covered are then handed to `fallback` (continuations of the last
//! speaker, sign-offs, scare quotes).
//!
//! The files form layers, each importing only those above it:
//!
//! * `input` — what the stage reads ([`Input`]) and token queries;
//! * `clause` — where a reported clause starts and ends;
//! * `found` — what it writes: [`Found`], and the `Sink` that decides each
//!   statement's kind and marks the quotations it covers;
//! * `frame` — the `FrameContext` a rule reads and reports through, and the
//!   `FrameRule` entry of the table;
//! * `rules` — the rules by family, and the ordered table (the cue rule,
//!   the largest, is a directory of its phases, `rules/cue/`);
//! * `fallback` — quotations no frame covered;
//! * this module — the driver, and nothing else.
//!
//! `boundary` (the learned clause-end model) runs on the finished
//! statements of each sentence, through `attribute`'s `settled` callback.

pub(crate) mod boundary;
mod clause;
mod fallback;
mod found;
mod frame;
mod input;
mod rules;
mod sense;

pub(crate) use found::{Found, sort_by_content_start};
pub(crate) use input::Input;

use crate::attribution::fallback::{continued_statement, leftover_quotes};
use crate::attribution::found::{Context, CueRef, Sink};
use crate::attribution::frame::FrameContext;
use crate::mentions::Mention;
use crate::text::Sentence;

/// Finds all statements, in text order, into `out` (empty; its memory is
/// reused from an earlier document).
///
/// `settled` gets each sentence's statements once the sentence is done, so
/// that a later stage can work on them while the sentence's tokens are in
/// cache. The rules never read an earlier statement's content back, so it
/// may change there.
pub(crate) fn attribute(
    inp: &Input<'_>,
    out: Vec<Found>,
    mut settled: impl FnMut(&mut [Found]),
) -> Vec<Found> {
    let mut sink = Sink::new(inp, out);
    // The most recent explicit speaker (for continuations), with its paragraph.
    let mut context: Context = None;
    for sent in inp.sentences {
        let before = sink.len();
        let lead_in = frames_in_sentence(inp, sent, &mut sink);
        if let Some(f) = continued_statement(sink.since(before))
            && let Some(m) = f.speaker
        {
            context = Some((m, f.cue, f.para));
        }
        if sink.len() == before
            && let Some((m, cue)) = lead_in
        {
            context = Some((m, cue, sent.para));
        }
        // Quotations of this sentence that no frame covered.
        leftover_quotes(inp, sent, &mut sink, before, &mut context);
        settled(sink.since_mut(before));
    }
    sink.finish()
}

/// Finds the frames of one sentence; returns the sentence's last speaker
/// and its cue (a colon lead-in gives a speaker without a statement).
fn frames_in_sentence<'a>(
    inp: &'a Input<'a>,
    sent: &'a Sentence,
    sink: &mut Sink<'a>,
) -> Option<(Mention, Option<CueRef>)> {
    let mut fc = FrameContext::new(inp, sent, sink);
    let e = sent.tokens.1;
    while fc.at < e {
        if let Some(q) = fc.token().in_quote {
            let q = &inp.quotes[q.index()];
            fc.at = q.close.map_or(e, |c| c + 1).max(fc.at + 1);
            continue;
        }
        match rules::first_frame(&mut fc) {
            Some(next) => {
                fc.at = next;
                fc.cursor = next;
            }
            None => fc.at += 1,
        }
    }
    fc.speaker
}
