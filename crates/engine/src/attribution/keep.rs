//! Stage 5c: learned keep or drop — an averaged perceptron that drops the
//! indirect statements whose frame reports nothing.
//!
//! The frame rules read a reporting frame from a few words: a cue, a
//! speaker before it, a clause after it. Without quotation marks that shape
//! is common in sentences that report nothing: a raising verb ("the plan
//! seems to work"), a lexicon verb in a sense that is no report ("the
//! bill added two clauses", "polls showed up late"), a learned cue on a
//! plain action. Whether such a frame is a report depends on the rule that
//! read it, the cue word, the speaker it found (a name, a pronoun, none)
//! and the words at the frame's edges, together rather than one at a time,
//! which a linear model over those pieces weighs better than more
//! exceptions in each rule.
//!
//! The model decides on indirect statements only: a quotation marks its
//! own report, and the quoted statements are the rules' strongest. It runs
//! once per statement on the finished (trimmed) statements, before speaker
//! resolution, and only ever removes a statement. Weights are trained by
//! `cargo run --release --example train_model -- keep …` from the engine's
//! own statements on annotated articles outside the repository (a
//! statement that matches no annotated one is an example to drop) and
//! shipped as `keep_model.bin` in the format of [`crate::perceptron`]; no
//! training text is stored. A missing or empty model keeps everything.

use crate::attribution::Found;
use crate::attribution::boundary::tokens_before;
use crate::mentions::MentionKind;
use crate::perceptron::{END, START, Shipped, bias_feature, class_id, combine, hash_lower, shape};
use crate::text::{TokKind, Token};
use crate::{Span, StatementKind};

/// How many features one statement has.
pub const N_FEATURES: usize = 28;

/// The shipped weights (see [`crate::perceptron`] for the format).
static MODEL: Shipped = Shipped::new(include_bytes!(concat!(env!("OUT_DIR"), "/keep_model.bin")));

/// Removes from `found` (in text order) the statements the model drops.
pub(crate) fn drop_unreported(text: &str, tokens: &[Token], found: &mut Vec<Found>) {
    let w = MODEL.weights();
    if w.is_empty() {
        return;
    }
    let mut feats = [0u64; N_FEATURES];
    let mut hint = 0;
    found.retain(|f| {
        !(is_candidate(f) && {
            features(text, tokens, f, &mut hint, &mut feats);
            w.decides(&feats)
        })
    });
}

/// Whether the model decides on `f`: an indirect statement with a cue.
pub(crate) fn is_candidate(f: &Found) -> bool {
    f.kind == StatementKind::Indirect && f.cue.is_some() && !f.content.is_empty()
}

/// Token positions of a statement: its cue's first and last token, its
/// content's first and end token, its sentence's first token.
struct Positions {
    cue: usize,
    cue_last: usize,
    start: usize,
    end: usize,
    sentence: usize,
}

impl Positions {
    /// `hint` is a token near the statement (the previous one's content
    /// start, as statements come in text order), updated to this one's.
    fn of(tokens: &[Token], f: &Found, cue: Span, hint: &mut usize) -> Positions {
        let start = tokens_before(tokens, f.content.start, *hint);
        *hint = start;
        let end = tokens_before(tokens, f.content.end, start).max(start + 1);
        let cue_first = tokens_before(tokens, cue.start, start);
        let cue_last = tokens_before(tokens, cue.end, cue_first).saturating_sub(1);
        Positions {
            cue: cue_first.min(tokens.len() - 1),
            cue_last: cue_last.max(cue_first).min(tokens.len() - 1),
            start: start.min(tokens.len() - 1),
            end: end.min(tokens.len()),
            sentence: tokens_before(tokens, f.sentence.start, start),
        }
    }
}

/// The feature hashes of candidate statement `f` into `out`; `hint` as
/// for [`Positions::of`].
pub(crate) fn features(
    text: &str,
    tokens: &[Token],
    f: &Found,
    hint: &mut usize,
    out: &mut [u64; N_FEATURES],
) {
    let (cue, lemma) = f.cue.unwrap_or_default();
    let p = Positions::of(tokens, f, cue, hint);
    let rule = u64::from(f.rule);
    let word = hash_lower(cue.slice(text).as_bytes());
    let bytes = tokens[p.cue_last].bytes(text);
    let suffix = hash_lower(&bytes[bytes.len().saturating_sub(3)..]);
    let learned = u64::from(lemma.is_empty());
    let speaker = speaker_id(f);
    let words = (p.start..p.end)
        .filter(|&k| matches!(tokens[k].kind, TokKind::Word | TokKind::Number))
        .count();
    let length = bucket(words);
    let first = shape(text, tokens, p.start, p.start);
    let second = if p.start + 1 < p.end {
        shape(text, tokens, p.start + 1, p.start)
    } else {
        END
    };
    let before = if p.cue > p.sentence {
        shape(text, tokens, p.cue - 1, p.cue)
    } else {
        START
    };
    let after = if p.cue_last + 1 < tokens.len() {
        shape(text, tokens, p.cue_last + 1, p.cue_last)
    } else {
        END
    };
    let before_class = if p.cue > p.sentence {
        class_id(tokens, p.cue - 1, p.cue)
    } else {
        0
    };
    let after_class = class_id(tokens, p.cue_last + 1, p.cue_last);
    let first_class = class_id(tokens, p.start, p.start);
    let cue_first = u64::from(cue.end <= f.content.start);
    let lead = bucket(p.cue.saturating_sub(p.sentence));
    let opens = u64::from(p.start == p.sentence);
    let quoted = u64::from(
        tokens[p.sentence..p.end.max(p.sentence)]
            .iter()
            .any(|t| t.kind == TokKind::QuoteMark),
    );
    let confidence = (f.confidence * 20.0) as u64;
    let last = shape(text, tokens, p.end - 1, p.start);
    let next = if p.end < tokens.len() {
        shape(text, tokens, p.end, p.end - 1)
    } else {
        END
    };
    out[0] = bias_feature();
    out[1] = combine(101, rule, 0);
    out[2] = combine(102, word, 0);
    out[3] = combine(103, rule, word);
    out[4] = combine(104, learned, rule);
    out[5] = combine(105, speaker, rule);
    out[6] = combine(106, speaker, word);
    out[7] = combine(107, length, rule);
    out[8] = combine(108, first, 0);
    out[9] = combine(109, first, second);
    out[10] = combine(110, before, 0);
    out[11] = combine(111, after, 0);
    out[12] = combine(112, word, after);
    out[13] = combine(113, word, first);
    out[14] = combine(114, cue_first, rule);
    out[15] = combine(115, quoted, cue_first);
    out[16] = combine(116, before_class, after_class);
    out[17] = combine(117, length, 0);
    out[18] = combine(118, opens, cue_first);
    out[19] = combine(119, suffix, speaker);
    out[20] = combine(120, lead, confidence);
    out[21] = combine(121, first_class, word);
    out[22] = combine(122, first_class, 0);
    out[23] = combine(123, length, first_class);
    out[24] = combine(124, last, 0);
    out[25] = combine(125, speaker, length);
    out[26] = combine(126, word, cue_first);
    out[27] = combine(127, next, 0);
}

/// The speaker as a feature value: none, a name, a pronoun or a
/// description, and whether it was carried over from another statement.
fn speaker_id(f: &Found) -> u64 {
    let kind = match f.speaker.map(|m| m.kind) {
        None => 0,
        Some(MentionKind::Name) => 1,
        Some(MentionKind::Pronoun(_)) => 2,
        Some(MentionKind::Descriptor) => 3,
    };
    kind * 2 + u64::from(f.carried)
}

/// A count as a small bucket (0–4, 5–6, 7–9, 10–14, 15–24, 25+).
fn bucket(n: usize) -> u64 {
    match n {
        0..=4 => n as u64,
        5..=6 => 5,
        7..=9 => 6,
        10..=14 => 7,
        15..=24 => 8,
        _ => 9,
    }
}
