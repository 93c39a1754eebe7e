//! Stage 5b: learned clause ends — an averaged perceptron that decides
//! where a reported clause after its cue stops.
//!
//! The clause rules (`clause`) end the content at markers that reliably
//! start something else (`;`, ", who", ", and he said"), and otherwise run
//! to the end of the sentence. News sentences often go on past what was
//! reported: "Coca-Cola indicated it would give $75,000 to the convention,
//! down sharply from …", "Trump denied the accusations through a
//! spokeswoman", "Instant polls showed Clinton was the winner, but instant
//! polls are not …". Whether such a tail belongs to the report depends on
//! the words at the boundary, on how far the clause has run and on what
//! kind of content the cue took (a `that` clause, an infinitive, an object
//! noun phrase), which a linear model over those pieces captures better
//! than another list of markers.
//!
//! The model only ever shortens a clause the rules found, never extends
//! one: at each token after the content's first, it scores "the clause
//! ended just before this token", and the first score above zero cuts.
//! Weights are trained by `cargo run --release --example train_model --
//! boundary …` on annotated articles outside the repository and shipped
//! as `boundary_model.bin` in the cue model's table format; no training
//! text is stored. Scoring is a fixed number of hash lookups per content
//! token, so the stage stays linear.

use crate::attribution::Found;
use crate::attribution::clause::aside_interrupts_subject;
use crate::perceptron::{END, PLAIN_WORD, Shipped, class_id, combine, hash_lower, shape};
use crate::text::{Punct, TokKind, Token};
use crate::{Span, StatementKind};

/// How many features one boundary has.
pub const N_FEATURES: usize = 20;

static MODEL: Shipped = Shipped::new(include_bytes!(concat!(
    env!("OUT_DIR"),
    "/boundary_model.bin"
)));

/// A reported clause as the model sees it: token indices of its cue's last
/// word, its first content token, and the end (exclusive) of its sentence.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Clause {
    pub cue: usize,
    pub start: usize,
    pub sentence_end: usize,
}

/// Shortens the content of indirect and mixed statements where the model
/// sees the clause end, a few statements at a time: the engine trims each
/// sentence's statements as soon as attribution has found them, while the
/// sentence's tokens are still in cache (on a long document, a separate
/// pass over all statements read them back from memory). Each statement is
/// trimmed on its own, so the result is the same in any grouping.
#[derive(Default)]
pub(crate) struct Trimmer {
    scan: Scan,
    /// The previous clause's first token, where the next search starts.
    hint: usize,
}

impl Trimmer {
    /// Shortens the content of every indirect or mixed statement of
    /// `found` whose content follows its cue where the model sees the
    /// clause end.
    pub(crate) fn trim(&mut self, text: &str, tokens: &[Token], found: &mut [Found]) {
        let w = MODEL.weights();
        if w.is_empty() {
            return;
        }
        let mut feats = [0u64; N_FEATURES];
        let scan = &mut self.scan;
        for f in found.iter_mut() {
            let Some((clause, end)) = clause_of(tokens, f, &mut self.hint) else {
                continue;
            };
            scan.fill(text, tokens, clause, end);
            let cut = cut_points(tokens, clause.start, end)
                .filter(|&k| !aside_interrupts_subject(text, tokens, clause.start, k))
                .find(|&k| {
                    scan.features(k, &mut feats);
                    w.decides(&feats)
                });
            if let Some(new_end) = cut.and_then(|k| last_word_before(tokens, clause.start, k)) {
                f.content = Span::new(f.content.start, tokens[new_end].span().end);
            }
        }
    }
}

/// The clause of an indirect or mixed statement whose content starts after its cue,
/// with the content's end token (exclusive). `hint` is a token near the
/// statement (the previous clause's start, as statements come in text
/// order), updated to this clause's start.
fn clause_of(tokens: &[Token], f: &Found, hint: &mut usize) -> Option<(Clause, usize)> {
    let (cue, lemma) = f.cue?;
    // "According to X, CLAUSE": the content is the sentence's main clause,
    // not a complement whose end is in question.
    if f.kind == StatementKind::Direct || cue.end > f.content.start || lemma == "according to" {
        return None;
    }
    let start = tokens_before(tokens, f.content.start, *hint);
    *hint = start;
    let end = tokens_before(tokens, f.content.end, start);
    let cue_last = tokens_before(tokens, cue.end, start).checked_sub(1)?;
    if start >= end {
        return None;
    }
    let sentence_end = tokens_before(tokens, f.sentence.end, end);
    Some((
        Clause {
            cue: cue_last,
            start,
            sentence_end,
        },
        end,
    ))
}

/// How many tokens start before byte `pos`: `tokens.partition_point(|t|
/// t.span().start < pos)`, searched outward from token `hint`.
///
/// A binary search over a long document's whole token list misses the
/// cache at every step below the first few; the tokens a statement needs
/// are next to the previous statement's, so an exponential search from
/// there touches a few cache lines and keeps the cost per statement the
/// same at 10 KB and at 10 MB.
pub(crate) fn tokens_before(tokens: &[Token], pos: usize, hint: usize) -> usize {
    let before = |i: usize| tokens[i].span().start < pos;
    let n = tokens.len();
    let hint = hint.min(n);
    // Bounds `lo <= answer <= hi` near the hint, then a binary search
    // between them.
    let (mut lo, mut hi);
    let mut step = 1;
    if hint < n && before(hint) {
        lo = hint + 1;
        hi = lo;
        while hi < n && before(hi) {
            lo = hi + 1;
            hi = hi.saturating_add(step).min(n);
            step *= 2;
        }
    } else {
        hi = hint;
        lo = hint;
        while lo > 0 && !before(lo - 1) {
            hi = lo - 1;
            lo = lo.saturating_sub(step);
            step *= 2;
        }
    }
    lo + tokens[lo..hi].partition_point(|t| t.span().start < pos)
}

/// The token of a cue's last word and the token range `[start, end)` of
/// its content, from their byte spans; `None` for an empty content.
fn token_indices(tokens: &[Token], cue: Span, content: Span) -> Option<(usize, usize, usize)> {
    let start = tokens.partition_point(|t| t.span().start < content.start);
    let end = tokens.partition_point(|t| t.span().start < content.end);
    let cue_last = tokens
        .partition_point(|t| t.span().start < cue.end)
        .checked_sub(1)?;
    (start < end).then_some((cue_last, start, end))
}

/// The tokens of content `[start, end)` the model may cut before: not a
/// dash or a parenthesis, and nothing inside a dash pair or parentheses
/// (the rules decided those are asides within the clause); nothing inside
/// a quotation or at its marks either (a mixed statement's quoted words
/// are the speaker's, whole).
fn cut_points<'a>(
    tokens: &'a [Token],
    start: usize,
    end: usize,
) -> impl Iterator<Item = usize> + 'a {
    let mut depth = 0i32;
    let mut in_dashes = false;
    (start..end).filter(move |&k| {
        let t = &tokens[k];
        if t.in_quote.is_some() || t.kind == TokKind::QuoteMark {
            return false;
        }
        if let Some(punct) = t.punct() {
            match punct {
                Punct::OpenParen | Punct::OpenBracket => depth += 1,
                Punct::CloseParen | Punct::CloseBracket => depth -= 1,
                Punct::Dash => in_dashes = !in_dashes,
                _ => return k > start && depth <= 0 && !in_dashes,
            }
            return false;
        }
        k > start && depth <= 0 && !in_dashes
    })
}

/// The last word or number in `[start, k)`, or the mark closing a
/// quotation there (a mixed statement keeps its quotation whole, the
/// punctuation inside it too: "called the plan “a disaster,”"): the new
/// content end.
fn last_word_before(tokens: &[Token], start: usize, k: usize) -> Option<usize> {
    (start..k).rev().find(|&m| {
        matches!(tokens[m].kind, TokKind::Word | TokKind::Number)
            || (tokens[m].kind == TokKind::QuoteMark
                && m > start
                && tokens[m - 1].in_quote.is_some())
    })
}

/// A count as a small bucket (1, 2, 3, 4, 5–6, 7–9, 10–14, 15–24, 25+).
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

/// One clause's tokens as the features read them, computed once per
/// clause: every boundary reads its neighbours' word shapes and classes,
/// and the commas before it, which recomputed per boundary would cost a
/// clause's length squared.
#[derive(Default)]
pub(crate) struct Scan {
    start: usize,
    sentence_end: usize,
    /// Word shape and class of tokens `start..`, up to two past the last
    /// boundary scored (the end of the sentence reads as [`END`] and 1).
    shapes: Vec<u64>,
    classes: Vec<u64>,
    /// Commas in `start..start + i`, capped at 3.
    commas: Vec<u64>,
    opening: u64,
    cue: u64,
}

impl Scan {
    /// Prepares the scan of clause `c` for boundaries up to `last` (inclusive).
    pub(crate) fn fill(&mut self, text: &str, tokens: &[Token], c: Clause, last: usize) {
        let s = c.start;
        self.start = s;
        self.sentence_end = c.sentence_end;
        self.shapes.clear();
        self.classes.clear();
        self.commas.clear();
        // Sized once per clause rather than grown token by token.
        let n = (last + 3).saturating_sub(s);
        self.shapes.reserve(n);
        self.classes.reserve(n);
        self.commas.reserve(n);
        let mut commas = 0u64;
        for m in s..=last + 2 {
            if m < c.sentence_end && m < tokens.len() {
                self.shapes.push(shape(text, tokens, m, s));
                self.classes.push(class_id(tokens, m, s));
            } else {
                self.shapes.push(END);
                self.classes.push(1);
            }
            if m <= last {
                self.commas.push(commas.min(3));
                if m < tokens.len() && tokens[m].is_comma() {
                    commas += 1;
                }
            }
        }
        // What the content opens with says what kind it is: "that"-less
        // clause ("he", "the party"), infinitive ("to"), object noun phrase.
        self.opening = if tokens[s].kind == TokKind::Word && class_id(tokens, s, s) != PLAIN_WORD {
            shape(text, tokens, s, s)
        } else {
            class_id(tokens, s, s)
        };
        self.cue = hash_lower(tokens[c.cue].bytes(text));
    }

    /// The feature hashes of "the clause ends before token `k`" into `out`.
    pub(crate) fn features(&self, k: usize, out: &mut [u64; N_FEATURES]) {
        let i = k - self.start;
        let (wp, wk, wn, wn2) = (
            self.shapes[i - 1],
            self.shapes[i],
            self.shapes[i + 1],
            self.shapes[i + 2],
        );
        let (cp, ck, cn) = (self.classes[i - 1], self.classes[i], self.classes[i + 1]);
        let len = bucket(i);
        let rest = bucket(self.sentence_end.saturating_sub(k));
        let (opening, cue, commas) = (self.opening, self.cue, self.commas[i]);
        *out = [
            combine(0, 0, 0),
            combine(1, wk, 0),
            combine(2, wp, 0),
            combine(3, wn, 0),
            combine(4, wp, wk),
            combine(5, wk, wn),
            combine(6, cp << 8 | ck, cn),
            combine(7, ck, cn),
            combine(8, len, ck),
            combine(9, len, wk),
            combine(10, opening, wk),
            combine(11, opening, ck),
            combine(12, cue, wk),
            combine(13, cue, ck),
            combine(14, rest, ck),
            combine(15, commas, wk),
            combine(16, wk, combine(0, wn, wn2)),
            combine(17, len, rest),
            combine(18, opening, len),
            combine(19, cp, wk),
        ];
    }
}

/// A clause's content span and, for every token it may be cut before, that
/// token's span and the boundary's features.
pub type Candidate = (Span, Vec<(Span, [u64; N_FEATURES])>);

/// The clauses the engine would decide on in `found`, each with the byte
/// span of every token it may cut before and that boundary's features,
/// for training on the rules' own output.
pub(crate) fn candidates(text: &str, tokens: &[Token], found: &[Found]) -> Vec<Candidate> {
    let mut scan = Scan::default();
    let mut hint = 0;
    found
        .iter()
        .filter_map(|f| {
            let (clause, end) = clause_of(tokens, f, &mut hint)?;
            scan.fill(text, tokens, clause, end);
            let boundaries = cut_points(tokens, clause.start, end)
                .map(|k| {
                    let mut feats = [0u64; N_FEATURES];
                    scan.features(k, &mut feats);
                    (tokens[k].span(), feats)
                })
                .collect();
            Some((f.content, boundaries))
        })
        .collect()
}

/// Training examples from annotated text: for every reported clause (cue
/// span, content span) whose content follows its cue, each boundary inside
/// the content is a negative example and the boundary right after it a
/// positive one (unless the sentence ends there anyway).
pub(crate) fn gold_examples(
    text: &str,
    tokens: &[Token],
    sentences: &[crate::text::Sentence],
    clauses: &[(Span, Span)],
) -> Vec<([u64; N_FEATURES], bool)> {
    let mut out = Vec::new();
    let mut scan = Scan::default();
    for &(cue, content) in clauses {
        if cue.end > content.start {
            continue;
        }
        let Some((cue, start, end)) = token_indices(tokens, cue, content) else {
            continue;
        };
        let Some(sent) = sentences
            .iter()
            .find(|s| s.tokens.0 <= start && start < s.tokens.1)
        else {
            continue;
        };
        let clause = Clause {
            cue,
            start,
            sentence_end: sent.tokens.1,
        };
        let end = end.min(sent.tokens.1);
        let more_words = tokens[end..sent.tokens.1]
            .iter()
            .any(|t| matches!(t.kind, TokKind::Word | TokKind::Number));
        let last = more_words.then_some(end);
        scan.fill(text, tokens, clause, end);
        for k in cut_points(tokens, start, end).chain(last) {
            let mut f = [0u64; N_FEATURES];
            scan.features(k, &mut f);
            out.push((f, k == end));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_before_agrees_with_a_binary_search_from_any_hint() {
        let text =
            "Officials said the plan, which “Smith” called bold, would pass.\n\nHe added: no.";
        let (tokens, _) = crate::text::tokenize(text);
        for pos in 0..=text.len() + 1 {
            let expected = tokens.partition_point(|t| t.span().start < pos);
            for hint in 0..=tokens.len() + 2 {
                assert_eq!(
                    tokens_before(&tokens, pos, hint),
                    expected,
                    "pos {pos} hint {hint}"
                );
            }
        }
    }
}
