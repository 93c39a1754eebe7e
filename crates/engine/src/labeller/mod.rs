//! Stage 5b: a second reading, by a learned sequence labeller, for reported
//! content the rules missed.
//!
//! The rules find a statement only where a frame they know surrounds it: a
//! cue in the lexicon (or one the cue model learned) with a speaker and a
//! clause in the places the frame expects. What annotators mark beyond
//! that is a long tail no single rule pays for (a nominal cue's object,
//! "criticised the plan as …", "his comment about …", a clause two cues
//! share). A linear-chain CRF ([`crf`]) reads every paragraph's tokens,
//! with what the rules found as features ([`features`]), and labels each
//! token outside, first in a content, or inside one, trained on the
//! annotated articles with the rules' output as it is at run time.
//!
//! It only adds: a span it labels becomes a statement when no statement of
//! the rules touches it, it holds at least [`MIN_WORDS`] words and no
//! quotation (a quoted statement without its frame would need a speaker
//! the labeller cannot give: those stay the fallback's), and the model is
//! sure of it: the mean, over its tokens, of the marginal probability of
//! being in a content reaches the threshold stored with the weights (chosen
//! by cross-validation, `docs/quality.md`). Its speaker is the nearest
//! speaker of the rules' statements in the same paragraph (before it if
//! there is one), marked as carried over, and its confidence is half that
//! probability, below every rule's, so that a client can leave such
//! statements out.
//!
//! The weights are `labeller_model.bin`, trained by `examples/train_model`
//! on the annotated articles beside the project (see `docs/quality.md`);
//! an empty or malformed model file adds nothing.

pub(crate) mod crf;
pub(crate) mod features;

use crate::attribution::{Found, Input};
use crate::cues::ObjectSense;
use crate::lexicon::{Class, words};
use crate::text::Paragraph;
use crate::text::lower_ascii;
use crate::{Span, StatementKind};
use crf::{FIRST, INSIDE, LABELS, OUTSIDE};
use features::{Mark, Pieces};

/// The fewest words a span needs to be a statement.
pub(crate) const MIN_WORDS: usize = 2;

static MODEL: crf::Shipped = crf::Shipped::new(include_bytes!(concat!(
    env!("OUT_DIR"),
    "/labeller_model.bin"
)));

/// The labeller's working lists, kept between paragraphs.
#[derive(Default)]
pub(crate) struct Labeller {
    marks: Vec<Mark>,
    pieces: Pieces,
    features: Vec<u64>,
    emissions: Vec<[f32; LABELS]>,
    path: Vec<u8>,
    marginals: Vec<[f32; LABELS]>,
}

impl Labeller {
    /// Empties the lists (keeping their memory).
    pub(crate) fn clear(&mut self) {
        self.marks.clear();
    }

    /// Bytes of the elements the lists hold (the marks, a byte a token,
    /// are the only list that grows with the document).
    pub(crate) fn bytes_used(&self) -> usize {
        self.marks.len()
    }

    /// Adds to `found` (the rules' statements, in text order) the contents
    /// the model labels that no statement covers, each after the rules'
    /// statements of its sentence.
    pub(crate) fn add_missed(
        &mut self,
        inp: &Input<'_>,
        paragraphs: &[Paragraph],
        found: &mut Vec<Found>,
    ) {
        let model = MODEL.model();
        if model.is_empty() {
            return;
        }
        let tokens = inp.view.tokens;
        features::marks(tokens, found, &mut self.marks);
        let rules = found.len();
        for p in paragraphs {
            let para = p.tokens.0..p.tokens.1;
            if para.is_empty() {
                continue;
            }
            self.label(inp, model, para.clone());
            for span in spans(&self.path, &self.marginals) {
                let range = para.start + span.0..para.start + span.1;
                if span.2 < model.threshold() {
                    continue;
                }
                if let Some(f) = self.statement(inp, range, span.2) {
                    found.push(f);
                }
            }
        }
        if found.len() > rules {
            // Stable: each sentence's rule statements stay first, in order.
            found.sort_by_key(|f| f.sentence.start);
        }
    }

    /// Labels one paragraph: the best path and the marginals.
    fn label(&mut self, inp: &Input<'_>, model: &crf::Model, para: std::ops::Range<usize>) {
        let (text, tokens) = (inp.view.text, inp.view.tokens);
        self.pieces.fill(text, tokens, para.clone());
        self.emissions.clear();
        for i in para.clone() {
            features::features(
                text,
                tokens,
                &self.marks,
                para.clone(),
                &self.pieces,
                i,
                &mut self.features,
            );
            self.emissions.push(model.emission(&self.features));
        }
        model.decode(&self.emissions, &mut self.path, &mut self.marginals);
    }

    /// Whether one of the [`CUE_REACH`] tokens before token `first` is a
    /// cue whose reading the rules decide and the labeller, which reads no
    /// structure, must not overrule: a cue with senses that report nothing
    /// ("denied the landlord access …", "a law called the …"), whose sense
    /// the rules read from its complement (`attribution::sense`), or a cue
    /// the rules made no statement of right after a subject relative ("A
    /// voter who supports the levy lost his job"), where they read the
    /// clause as the description of a subject whose verb comes later.
    fn after_declined_cue(&self, inp: &Input<'_>, first: usize) -> bool {
        let tokens = inp.view.tokens;
        let para = tokens[first].para;
        (first.saturating_sub(CUE_REACH)..first).any(|c| {
            let Some(lemma) = tokens[c].cue.filter(|_| tokens[c].para == para) else {
                return false;
            };
            lemma.object_sense() != ObjectSense::Any
                || (!features::in_cue(self.marks[c]) && after_subject_relative(inp, c))
        })
    }

    /// The statement a labelled span of tokens `range` makes, if it may be
    /// one (see the module's docs).
    fn statement(
        &self,
        inp: &Input<'_>,
        range: std::ops::Range<usize>,
        sure: f32,
    ) -> Option<Found> {
        let tokens = &inp.view.tokens[range.clone()];
        let words = tokens.iter().filter(|t| features::is_word(t)).count();
        let quoted = tokens
            .iter()
            .any(|t| t.in_quote.is_some() || t.kind == crate::text::TokKind::QuoteMark);
        let covered = self.marks[range.clone()]
            .iter()
            .any(|&m| features::in_content(m));
        if words < MIN_WORDS || quoted || covered || self.after_declined_cue(inp, range.start) {
            return None;
        }
        let content = Span::new(tokens[0].span().start, tokens[tokens.len() - 1].span().end);
        let para = tokens[0].para;
        let sent = inp
            .sentences
            .get(inp.sentences.partition_point(|s| s.tokens.1 <= range.start))?;
        Some(Found {
            content,
            kind: StatementKind::Indirect,
            cue: None,
            speaker: None,
            written: None,
            carried: false,
            confidence: sure / 2.0,
            para,
            sentence: Span::new(
                inp.view.tokens[sent.tokens.0].span().start,
                inp.view.tokens[sent.tokens.1 - 1].span().end,
            ),
            time_words: sent.time_words,
        })
    }
}

/// How many tokens before a span [`Labeller::after_declined_cue`] reads.
const CUE_REACH: usize = 2;

/// Whether the word before token `c` opens a subject relative clause
/// ("who", "that").
fn after_subject_relative(inp: &Input<'_>, c: usize) -> bool {
    let Some(p) = c.checked_sub(1) else {
        return false;
    };
    let t = &inp.view.tokens[p];
    t.para == inp.view.tokens[c].para
        && (t.class == Class::That
            || words::is_subject_relatives(lower_ascii(inp.view.s(p)).as_str()))
}

/// The labelled spans of a paragraph's path (a first token and the inside
/// tokens after it; an inside token after an outside one starts a span
/// too), as (first, end, mean content marginal) in paragraph positions.
fn spans(path: &[u8], marginals: &[[f32; LABELS]]) -> Vec<(usize, usize, f32)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < path.len() {
        if usize::from(path[i]) == OUTSIDE {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < path.len() && usize::from(path[i]) == INSIDE {
            i += 1;
        }
        let sure = marginals[start..i]
            .iter()
            .map(|m| m[FIRST].max(m[INSIDE]))
            .sum::<f32>()
            / (i - start) as f32;
        out.push((start, i, sure));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::spans;

    #[test]
    fn spans_run_from_a_first_token_over_the_inside_ones() {
        let path = [0, 1, 2, 2, 0, 2, 1, 1];
        let m = [[0.0, 0.5, 0.5]; 8];
        let got: Vec<(usize, usize)> = spans(&path, &m).iter().map(|s| (s.0, s.1)).collect();
        assert_eq!(got, [(1, 4), (5, 6), (6, 7), (7, 8)]);
        assert!(spans(&path, &m).iter().all(|s| (s.2 - 0.5).abs() < 1e-6));
    }
}
