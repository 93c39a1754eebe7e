//! The extraction engine: article text in, attributed statements out.
//!
//! This crate knows nothing about gRPC (it depends on `jiff`, `thiserror`
//! and `attributor-tagger` only). The server, the CLI and the tests are
//! thin shells around [`extract`]. The engine is a pipeline of small typed stages, one folder
//! each, in the order they run; each works over byte spans of the original
//! text (never over a copy whose offsets drift):
//!
//! 1. `text/`        — paragraphs, tokens (classified once through
//!    `lexicon`) and sentences, which never split a closed quotation;
//!    `text/quotes` finds the quotation spans.
//! 2. `lexicon/`     — what the engine knows of English words: word
//!    classes, pronouns, name connectors.
//! 3. `cues/`        — reporting cues ("said", "according to") from the
//!    lexicon; `cues/model` marks the cues the lexicon lacks.
//! 4. `mentions/`    — speaker mentions (names, titles, descriptors,
//!    pronouns) with the role each mention states.
//! 5. `attribution/` — ties each quotation / reported clause to a cue and a
//!    speaker, and decides its kind (direct, mixed, indirect); `clause`
//!    finds where a reported clause starts and ends, `frames` adds belief,
//!    statement-noun and topic frames, `fallback` handles the quotations no
//!    frame covered (continuations, sign-offs, scare quotes); `boundary`
//!    then lets a learned model end a reported clause earlier where the
//!    writer's own words follow it.
//!    `labeller/` then reads every paragraph again with a learned sequence
//!    model (a linear-chain CRF over the tokens and the rules' statements)
//!    and adds, as speakerless low-confidence statements, the contents it
//!    is sure of that no rule found.
//! 6. `resolve/`     — coreference: mentions to entities with canonical
//!    names; roles carried to every statement of an entity.
//! 7. `dates/` finds and resolves time expressions; `stamp` decides which
//!    one dates which statement.
//!
//! Beside the stages, `wordclass` asks the part-of-speech tagger for the
//! class of a word where a rule needs one (a verb's complement in
//! `attribution/sense`), over a bounded stretch of its sentence.
//!
//! Every stage is linear in the text (bounded look-around per token or per
//! cue, hash lookups for lexicons and names), so a document costs time
//! proportional to its length.
//!
//! All spans inside the engine are byte offsets into the input `&str`
//! ([`Span`]); converting them to code-point offsets is the shell's job.

mod attribution;
mod cues;
pub mod dates;
mod labeller;
mod lexicon;
mod mentions;
mod perceptron;
mod resolve;
mod scratch;
mod stamp;
mod text;
mod types;
mod wordclass;

pub use types::*;

/// The engine version reported in every response.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Extracts every attributed statement from `doc`.
///
/// Errors are values: an empty text or an unusable reference date is reported
/// as an [`EngineError`], never a panic.
pub fn extract(doc: &Document<'_>) -> Result<Extraction, EngineError> {
    if doc.text.trim().is_empty() {
        return Err(EngineError::EmptyText);
    }
    if doc.text.len() >= text::MAX_TEXT_LEN {
        return Err(EngineError::TextTooLong {
            len: doc.text.len(),
        });
    }
    let published = match doc.published {
        Some(raw) if !raw.trim().is_empty() => Some(dates::parse_published(raw)?),
        _ => dates::find_dateline(doc.text),
    };
    let text = doc.text;
    let mut scratch = scratch::take();
    let (mut statements, mut speakers) = statements(text, published, &mut scratch);
    scratch::give_back(scratch);
    if doc.options.direct_only {
        statements.retain(|s| {
            let keep = s.quote.kind != StatementKind::Indirect;
            if !keep && let Some(r) = &s.speaker {
                speakers[r.entity].statement_count -= 1;
            }
            keep
        });
    }
    // Entities merged away by resolution or left only with indirect
    // statements under `direct_only` are not listed.
    drop_silent_speakers(&mut statements, &mut speakers);
    Ok(Extraction {
        published,
        statements,
        speakers,
    })
}

/// Stages 1–7 over `text`, with working lists from `scratch`.
fn statements(
    text: &str,
    published: Option<PartialDate>,
    scratch: &mut scratch::Scratch,
) -> (Vec<Statement>, Vec<Speaker>) {
    analyse(text, scratch);
    let scratch::Scratch {
        tokens,
        paragraphs,
        quotations,
        sentences,
        found: found_list,
        frames,
        quote_spans,
        labeller,
        ..
    } = scratch;
    let input = attribution::Input {
        view: mentions::View { text, tokens },
        sentences,
        quotes: quotations,
    };
    let mut found = rule_statements(&input, std::mem::take(found_list));
    labeller.add_missed(&input, paragraphs, &mut found);
    frames.extend(found.iter().map(|f| {
        stamp::Frame {
            sentence: f.sentence,
            time_words: f.time_words,
            carried: f.carried,
            speech: f.kind != StatementKind::Indirect
                || f.cue
                    .is_some_and(|(_, l)| l == "according to" || cues::Lemma::named(l).is_speech()),
        }
    }));
    let found_bytes = size_of_val(found.as_slice());
    // Indirect statements are resolved too (they introduce names that later
    // pronouns refer to) and dropped afterwards.
    let (mut statements, speakers) = resolve::resolve(text, tokens, &mut found);
    *found_list = found;
    quote_spans.extend(quotations.iter().map(|q| q.content));
    stamp::date_statements(
        text,
        tokens,
        published,
        quote_spans,
        frames,
        &mut statements,
    );
    scratch.note_peak(found_bytes);
    (statements, speakers)
}

/// Stage 5, the rules' statements, each sentence's trimmed by the
/// clause-end model as it is found.
fn rule_statements(
    input: &attribution::Input<'_>,
    out: Vec<attribution::Found>,
) -> Vec<attribution::Found> {
    let mut trimmer = attribution::boundary::Trimmer::default();
    attribution::attribute(input, out, |new| {
        trimmer.trim(input.view.text, input.view.tokens, new);
    })
}

/// Stages 1–3: tokens (with lexicon and learned cues), quotations and
/// sentences.
///
/// The stages run a window of paragraphs at a time rather than each over
/// the whole text: a window's tokens are still in cache when the next
/// stage reads them, which keeps the time per byte of a 1 or 10 MB
/// document close to that of a short article (each stage passing over the
/// whole token list read it back from main memory). Every stage waits for
/// the tokens its rules read: the cue model for the three tokens after a
/// word and the sentence splitter for the final cues of its paragraph and
/// the next paragraph's first token, so the result is the same as stage
/// after stage over the whole text.
fn analyse(text: &str, scratch: &mut scratch::Scratch) {
    let scratch::Scratch {
        tokens,
        paragraphs,
        quotations,
        sentences,
        ..
    } = scratch;
    tokens.reserve(text::token_capacity(text));
    let mut tokenizer = text::Tokenizer::default();
    let mut finder = text::quotes::Finder::new(std::mem::take(quotations));
    let mut marker = cues::model::Marker::default();
    // Paragraphs read by the quotation finder and by the sentence splitter.
    let (mut quoted, mut split) = (0, 0);
    // Quotations starting before the last position the splitter asked about.
    let searched = std::cell::Cell::new(0);
    loop {
        let until = tokenizer.pos().saturating_add(WINDOW_BYTES);
        let complete = tokenizer.run(text, tokens, paragraphs, until);
        finder.paragraphs(text, tokens, &paragraphs[quoted..]);
        quoted = paragraphs.len();
        marker.decide(text, tokens, complete);
        let final_before = marker.mark(tokens, complete);
        let ready = if complete {
            paragraphs.len()
        } else {
            paragraphs.partition_point(|p| p.tokens.1 <= final_before)
        };
        let found = &finder.quotations;
        let inside_closed_quote = |pos: usize| {
            // Quotations are in text order; the last one starting before
            // `pos` is the only one that can contain it. Positions come in
            // text order, so the search goes on from the last answer
            // rather than over the whole list (whose first levels, on a
            // long document, are cache misses).
            let from = match searched.get() {
                from if from > 0 && found[from - 1].content.start >= pos => 0,
                from => from,
            };
            let i = from + found[from..].partition_point(|q| q.content.start < pos);
            searched.set(i);
            i > 0 && {
                let q = &found[i - 1];
                q.close.is_some() && pos < q.content.end
            }
        };
        text::sentences(
            sentences,
            text,
            tokens,
            &paragraphs[split..ready],
            inside_closed_quote,
        );
        split = ready;
        if complete {
            *quotations = finder.quotations;
            return;
        }
    }
}

/// How much text [`analyse`] reads per window: its tokens (about 24 bytes
/// for every 4 bytes of text) stay well inside a core's L2 cache.
const WINDOW_BYTES: usize = 16 * 1024;

/// Support for training the learned models (`examples/train_model/`);
/// not part of the service's API.
#[doc(hidden)]
pub mod training {
    pub use super::attribution::boundary::N_FEATURES as BOUNDARY_FEATURES;
    pub use super::cues::model::N_FEATURES;
    pub use super::perceptron::{bias_feature, encode_weights};
    use super::{Span, attribution, cues, text};

    /// Everything the clause-end model learns from in `text`, from one
    /// analysis of it, with features exactly as the engine computes them:
    /// the reported clauses the rules find (each clause's content span and,
    /// for every token it may be cut before, that token's span and the
    /// features, before any cut), and the boundary examples of the
    /// annotated (cue, content) byte spans `gold` (every boundary inside a
    /// content wrong, the one after it right).
    pub fn boundary_examples(
        text: &str,
        gold: &[(Span, Span)],
    ) -> (
        Vec<BoundaryCandidate>,
        Vec<([u64; BOUNDARY_FEATURES], bool)>,
    ) {
        let scratch = analysed(text);
        let found = super::attribution::attribute(&input(text, &scratch), Vec::new(), |_| {});
        (
            attribution::boundary::candidates(text, &scratch.tokens, &found),
            attribution::boundary::gold_examples(text, &scratch.tokens, &scratch.sentences, gold),
        )
    }

    pub use super::labeller::crf::{FIRST, INSIDE, LABELS, OUTSIDE, encode as encode_labeller};

    /// One paragraph as the content labeller reads it: each token's byte
    /// span and features, exactly as the engine computes them (after the
    /// rules and the clause-end model compiled into this program).
    pub struct LabellerParagraph {
        pub tokens: Vec<Span>,
        pub features: Vec<Vec<u64>>,
    }

    /// The paragraphs of `text` as the content labeller reads them.
    pub fn labeller_paragraphs(text: &str) -> Vec<LabellerParagraph> {
        let scratch = analysed(text);
        let inp = input(text, &scratch);
        let found = super::rule_statements(&inp, Vec::new());
        let mut marks = Vec::new();
        super::labeller::features::marks(&scratch.tokens, &found, &mut marks);
        let mut pieces = super::labeller::features::Pieces::default();
        let mut out = Vec::new();
        for p in &scratch.paragraphs {
            let para = p.tokens.0..p.tokens.1;
            pieces.fill(&inp, &marks, para.clone());
            let mut features = Vec::with_capacity(para.len());
            for i in para.clone() {
                let mut f = Vec::new();
                super::labeller::features::features(
                    text,
                    &scratch.tokens,
                    &marks,
                    para.clone(),
                    &pieces,
                    i,
                    &mut f,
                );
                features.push(f);
            }
            out.push(LabellerParagraph {
                tokens: scratch.tokens[para].iter().map(|t| t.span()).collect(),
                features,
            });
        }
        out
    }

    /// A clause's content span and its boundaries (token span, features).
    pub use super::attribution::boundary::Candidate as BoundaryCandidate;

    /// `text` through stages 1–3, into fresh lists.
    fn analysed(text: &str) -> super::scratch::Scratch {
        let mut scratch = super::scratch::Scratch::default();
        super::analyse(text, &mut scratch);
        scratch
    }

    /// What the attribution stage reads of analysed lists.
    fn input<'a>(text: &'a str, scratch: &'a super::scratch::Scratch) -> attribution::Input<'a> {
        attribution::Input {
            view: super::mentions::View {
                text,
                tokens: &scratch.tokens,
            },
            sentences: &scratch.sentences,
            quotes: &scratch.quotations,
        }
    }

    /// The tokens of `text` the cue model decides on (byte spans), with their
    /// feature hashes, exactly as the engine computes them.
    pub fn cue_candidates(text: &str) -> Vec<(Span, [u64; N_FEATURES])> {
        let (mut tokens, paragraphs) = text::tokenize(text);
        text::quotes::find(text, &mut tokens, &paragraphs);
        let mut out = Vec::new();
        for i in 0..tokens.len() {
            if cues::model::is_candidate(&tokens, i) {
                let mut f = [0u64; N_FEATURES];
                cues::model::features(text, &tokens, i, &mut f);
                out.push((tokens[i].span(), f));
            }
        }
        out
    }
}

/// Removes speakers left without statements (after `direct_only`) and
/// renumbers the statements' entity indices to match.
fn drop_silent_speakers(statements: &mut [Statement], speakers: &mut Vec<Speaker>) {
    let mut new_index = vec![usize::MAX; speakers.len()];
    let mut next = 0;
    for (i, sp) in speakers.iter().enumerate() {
        if sp.statement_count > 0 {
            new_index[i] = next;
            next += 1;
        }
    }
    let mut i = 0;
    speakers.retain(|_| {
        let keep = new_index[i] != usize::MAX;
        i += 1;
        keep
    });
    for st in statements {
        if let Some(r) = &mut st.speaker {
            r.entity = new_index[r.entity];
        }
    }
}
