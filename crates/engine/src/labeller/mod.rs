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
//! It only adds: a span it labels becomes a statement when it touches no
//! statement of the rules (content, cue or speaker), it holds at least
//! [`MIN_WORDS`] words and no quotation (a quoted statement without its
//! frame would need a speaker the labeller cannot give: those stay the
//! fallback's), no cue whose reading the rules decide stands just before
//! it ([`Labeller::after_declined_cue`]), and the model is sure of it: the
//! mean, over its tokens, of the marginal probability of being in a
//! content reaches the threshold stored with the weights (0.85, chosen by
//! cross-validation and the fixtures' guards, `docs/quality.md`). It has
//! no speaker and no cue: the labeller finds content, not who holds it
//! (the nearest speaker of the paragraph was the right one for a sixth of
//! them). Its confidence is half that probability (0.425–0.5), below most
//! rules', so that a client can tell such statements apart and leave them
//! out.
//!
//! The weights are `labeller_model.bin`, trained by `examples/train_model`
//! on the annotated articles beside the project (see `docs/quality.md`);
//! an empty or malformed model file adds nothing.

pub(crate) mod crf;
pub(crate) mod features;

use crate::attribution::{Found, Input, sort_by_content_start};
use crate::cues::ObjectSense;
use crate::lexicon::{Class, words};
use crate::text::Paragraph;
use crate::text::{TokKind, lower_ascii};
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

    /// Bytes the lists hold on to: the marks (a byte a token of the
    /// document) and the per-paragraph lists at the size of the longest
    /// paragraph read (a one-paragraph document of 10 MB makes them tens
    /// of megabytes), so that the scratch pool does not keep them unseen.
    pub(crate) fn bytes_used(&self) -> usize {
        self.marks.capacity()
            + self.path.capacity()
            + (self.emissions.capacity() + self.marginals.capacity()) * size_of::<[f32; LABELS]>()
            + self.pieces.bytes_used()
            + self.features.capacity() * size_of::<u64>()
    }

    /// Adds to `found` (the rules' statements, in text order) the contents
    /// the model labels that no statement covers, keeping text order.
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
            // A paragraph without two words outside quotations and the
            // rules' statements can give no statement: it is not read.
            let open_words = para
                .clone()
                .filter(|&i| self.may_add(&tokens[i], i) && inp.view.is_word_token(i))
                .count();
            if open_words < MIN_WORDS {
                continue;
            }
            self.label(inp, model, para.clone());
            let candidates: Vec<(usize, usize)> = spans(&self.path)
                .map(|(a, b)| (para.start + a, para.start + b))
                .filter(|&(a, b)| self.may_be_statement(inp, a..b))
                .collect();
            if candidates.is_empty() {
                continue;
            }
            // The marginals only for paragraphs with a candidate.
            model.marginals(&self.emissions, &mut self.marginals);
            for (a, b) in candidates {
                let sure = certainty(&self.marginals[a - para.start..b - para.start]);
                if sure >= model.threshold()
                    && let Some(f) = self.statement(inp, a..b, sure)
                {
                    found.push(f);
                }
            }
        }
        if found.len() > rules {
            // Back in text order, as the rules' statements come (an added
            // content may stand before a rule's in the same sentence).
            sort_by_content_start(found);
        }
    }

    /// Labels one paragraph: its tokens' scores and the best path.
    fn label(&mut self, inp: &Input<'_>, model: &crf::Model, para: std::ops::Range<usize>) {
        let (text, tokens) = (inp.view.text, inp.view.tokens);
        self.pieces.fill(inp, &self.marks, para.clone());
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
        model.best_path(&self.emissions, &mut self.path);
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

    /// Whether token `i` may be in an added statement: it is outside
    /// quotations and outside the rules' statements (their contents, cues
    /// and speakers). So a paragraph of quotations and their "she said"
    /// is not read at all.
    fn may_add(&self, t: &crate::text::Token, i: usize) -> bool {
        t.in_quote.is_none() && t.kind != TokKind::QuoteMark && self.marks[i] == 0
    }

    /// Whether a labelled span of tokens `range` may be a statement (see
    /// the module's docs), before the model's certainty is asked.
    fn may_be_statement(&self, inp: &Input<'_>, range: std::ops::Range<usize>) -> bool {
        let tokens = inp.view.tokens;
        range.clone().filter(|&i| inp.view.is_word_token(i)).count() >= MIN_WORDS
            && range.clone().all(|i| self.may_add(&tokens[i], i))
            && !self.after_declined_cue(inp, range.start)
    }

    /// The statement of a span of tokens `range` the model is `sure` of
    /// (`None` only if no sentence holds its first token, which the
    /// sentence splitter never leaves).
    fn statement(
        &self,
        inp: &Input<'_>,
        range: std::ops::Range<usize>,
        sure: f32,
    ) -> Option<Found> {
        let tokens = inp
            .view
            .tokens
            .get(range.clone())
            .filter(|t| !t.is_empty())?;
        let content = Span::new(tokens[0].span().start, tokens[tokens.len() - 1].span().end);
        let sent = inp.sentence_of(range.start)?;
        Some(Found {
            content,
            kind: StatementKind::Indirect,
            cue: None,
            speaker: None,
            written: None,
            carried: false,
            confidence: sure / 2.0,
            para: tokens[0].para,
            sentence: inp.sentence_span(sent),
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
/// too), as token ranges in paragraph positions.
fn spans(path: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < path.len() && usize::from(path[i]) == OUTSIDE {
            i += 1;
        }
        if i == path.len() {
            return None;
        }
        let start = i;
        i += 1;
        while i < path.len() && usize::from(path[i]) == INSIDE {
            i += 1;
        }
        Some((start, i))
    })
}

/// How sure the model is of a span: the mean over its tokens of the
/// marginal of being in a content.
fn certainty(marginals: &[[f32; LABELS]]) -> f32 {
    marginals
        .iter()
        .map(|m| m[FIRST].max(m[INSIDE]))
        .sum::<f32>()
        / marginals.len().max(1) as f32
}

#[cfg(test)]
mod tests {
    use super::{certainty, spans};

    #[test]
    fn spans_run_from_a_first_token_over_the_inside_ones() {
        let path = [0, 1, 2, 2, 0, 2, 1, 1];
        let got: Vec<(usize, usize)> = spans(&path).collect();
        assert_eq!(got, [(1, 4), (5, 6), (6, 7), (7, 8)]);
        assert!(spans(&[0, 0]).next().is_none());
    }

    #[test]
    fn certainty_is_the_mean_content_marginal() {
        let m = [[0.2, 0.7, 0.1], [0.4, 0.1, 0.5]];
        assert!((certainty(&m) - 0.6).abs() < 1e-6);
    }
}
