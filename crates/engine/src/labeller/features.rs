//! What the labeller reads at each token: the word and its neighbours, as
//! the cue and clause-end models do, the pairs of words before it, its
//! place in its sentence and the nearest cue before it there, and what the
//! rules already said there (inside a statement's content, its cue or its
//! speaker).
//!
//! The rules' output is the labeller's strongest evidence: it learns where
//! the rules are right (a content the rules found is content), and around
//! what they found, where annotators marked more ("criticised the plan
//! for X" after a cue the rules read as a frame of its own). Every feature
//! is a template number mixed with hashed pieces, as in
//! `crate::perceptron`; the same function serves the engine and the
//! trainer, so they can never disagree on a feature.

use crate::attribution::{Found, Input};
use crate::perceptron::{START, class_id, combine, hash_lower};
use crate::text::Token;

/// What the rules said about one token, as bits.
pub(crate) type Mark = u8;
/// The kind of the content the token is in: 0 none, 1 direct, 2 mixed,
/// 3 indirect.
const CONTENT_KIND: Mark = 0b11;
/// The token is a content's first.
const CONTENT_FIRST: Mark = 1 << 2;
/// The token is in a statement's cue.
const CUE: Mark = 1 << 3;
/// The token is in a statement's speaker mention.
const SPEAKER: Mark = 1 << 4;

/// Whether the rules made the token (part of) a statement's cue.
pub(crate) fn in_cue(mark: Mark) -> bool {
    mark & CUE != 0
}

/// The marks of every token from the statements `found`.
pub(crate) fn marks(tokens: &[Token], found: &[Found], out: &mut Vec<Mark>) {
    out.clear();
    out.resize(tokens.len(), 0);
    let covered = |start: usize, end: usize| {
        let a = tokens.partition_point(|t| t.span().start < start);
        let b = tokens.partition_point(|t| t.span().end <= end);
        a..b.max(a)
    };
    for f in found {
        let kind = match f.kind {
            crate::StatementKind::Direct => 1,
            crate::StatementKind::Mixed => 2,
            _ => 3,
        };
        let range = covered(f.content.start, f.content.end);
        if let Some(m) = out.get_mut(range.start)
            && range.start < range.end
        {
            *m |= CONTENT_FIRST;
        }
        for m in &mut out[range] {
            *m |= kind;
        }
        if let Some((span, _)) = f.cue {
            for m in &mut out[covered(span.start, span.end)] {
                *m |= CUE;
            }
        }
        if let Some(s) = &f.speaker {
            for m in &mut out[s.tokens.0..s.tokens.1.min(tokens.len())] {
                *m |= SPEAKER;
            }
        }
    }
}

/// The pieces of one paragraph's tokens the templates read, computed once
/// a paragraph (each token is read by five windows), and what each token's
/// sentence says around it.
#[derive(Default)]
pub(crate) struct Pieces {
    words: Vec<u64>,
    shapes: Vec<u64>,
    /// Each token's place in its sentence (first, second, third, later:
    /// two bits) and how far the nearest cue before it in the sentence
    /// stands (none, or one of five distances, and whether the rules made
    /// it a statement's cue: four bits above those).
    context: Vec<u64>,
    /// The word of that nearest cue (0 for none): what governs a clause
    /// or object the rules did not read ("vowed on Tuesday to …").
    cue_word: Vec<u64>,
}

impl Pieces {
    /// Bytes the lists hold on to.
    pub(crate) fn bytes_used(&self) -> usize {
        (self.words.capacity()
            + self.shapes.capacity()
            + self.context.capacity()
            + self.cue_word.capacity())
            * size_of::<u64>()
    }

    /// The pieces of tokens `range` (a paragraph of `inp`), whose rule
    /// marks are `marks`.
    pub(crate) fn fill(&mut self, inp: &Input<'_>, marks: &[Mark], range: std::ops::Range<usize>) {
        self.words.clear();
        self.shapes.clear();
        for t in &inp.view.tokens[range.clone()] {
            let b = t.bytes(inp.view.text);
            self.words.push(hash_lower(b));
            self.shapes.push(shape(b));
        }
        self.fill_sentence_context(inp, marks, range);
    }

    /// Each token's [`place`](Pieces::context) in its sentence and the
    /// nearest cue before it there.
    fn fill_sentence_context(
        &mut self,
        inp: &Input<'_>,
        marks: &[Mark],
        range: std::ops::Range<usize>,
    ) {
        let (tokens, sentences) = (inp.view.tokens, inp.sentences);
        self.context.clear();
        self.cue_word.clear();
        let start = range.start;
        let mut sent = sentences.partition_point(|s| s.tokens.1 <= start);
        let mut cue: Option<usize> = None;
        for i in range {
            while sentences.get(sent).is_some_and(|s| s.tokens.1 <= i) {
                sent += 1;
            }
            let first = sentences.get(sent).map_or(i, |s| s.tokens.0);
            if first == i {
                cue = None;
            }
            let place = (i - first).min(3) as u64;
            let reach = cue.map_or(0, |c| {
                1 + distance_bucket(i - c) + 8 * u64::from(in_cue(marks[c]))
            });
            self.context.push(place | reach << 2);
            self.cue_word.push(cue.map_or(0, |c| self.words[c - start]));
            if tokens[i].cue.is_some() {
                cue = Some(i);
            }
        }
    }
}

/// The features of token `i` of the paragraph whose tokens are `para`
/// (`pieces` filled for it), into `out` (cleared first). What the word
/// pairs and the sentence context add is measured in `docs/quality.md`.
pub(crate) fn features(
    text: &str,
    tokens: &[Token],
    marks: &[Mark],
    para: std::ops::Range<usize>,
    pieces: &Pieces,
    i: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    let t = &tokens[i];
    let k = i - para.start;
    let mark = marks[i];
    let content = u64::from(mark & (CONTENT_KIND | CONTENT_FIRST));
    let b = t.bytes(text);
    out.push(combine(1, 0, 0));
    out.push(combine(2, pieces.words[k], 0));
    out.push(combine(3, hash_lower(&b[b.len().saturating_sub(3)..]), 0));
    out.push(combine(4, pieces.shapes[k], 0));
    out.push(combine(5, class_id(tokens, i, i), 0));
    out.push(combine(7, content, 0));
    if t.cue.is_some() {
        out.push(combine(6, 0, 0));
    }
    if t.in_quote.is_some() {
        out.push(combine(8, 0, 0));
    }
    if mark & CUE != 0 {
        out.push(combine(9, 0, 0));
    }
    if mark & SPEAKER != 0 {
        out.push(combine(10, 0, 0));
    }
    for (n, offset) in [-2isize, -1, 1, 2].into_iter().enumerate() {
        let n = n as u64;
        let Some(j) = i.checked_add_signed(offset).filter(|j| para.contains(j)) else {
            out.push(combine(20 + n, 0, 0));
            continue;
        };
        let m = marks[j];
        out.push(combine(30 + n, pieces.words[j - para.start], 0));
        out.push(combine(
            40 + n,
            u64::from(m & (CONTENT_KIND | CONTENT_FIRST)),
            0,
        ));
        if tokens[j].cue.is_some() {
            out.push(combine(50 + n, 0, 0));
        }
        if offset.abs() == 1 {
            out.push(combine(60 + n, pieces.shapes[j - para.start], 0));
            if m & CUE != 0 {
                out.push(combine(70 + n, 0, 0));
            }
            if m & SPEAKER != 0 {
                out.push(combine(80 + n, 0, 0));
            }
        }
    }
    let before = (i > para.start).then(|| i - 1);
    let content_before = before.map_or(START, |j| {
        u64::from(marks[j] & (CONTENT_KIND | CONTENT_FIRST)) + 8
    });
    out.push(combine(90, content, content_before));
    let cue_before = before.is_some_and(|j| tokens[j].cue.is_some());
    out.push(combine(91, pieces.words[k], u64::from(cue_before)));
    out.push(combine(92, pieces.context[k], 0));
    out.push(combine(93, pieces.context[k], content));
    if pieces.cue_word[k] != 0 {
        out.push(combine(94, pieces.cue_word[k], 0));
    }
    let word_at = |j: Option<usize>| {
        j.filter(|j| para.contains(j))
            .map_or(START, |j| pieces.words[j - para.start])
    };
    let w1 = word_at(i.checked_sub(1));
    out.push(combine(95, word_at(i.checked_sub(2)), w1));
    out.push(combine(96, w1, pieces.words[k]));
}

/// A token's distance to the cue before it, in five buckets: 1, 2, 3–5,
/// 6–10, more.
fn distance_bucket(d: usize) -> u64 {
    match d {
        0 | 1 => 0,
        2 => 1,
        3..=5 => 2,
        6..=10 => 3,
        _ => 4,
    }
}

/// A word's shape: upper-case letters as X, lower-case as x, digits as d,
/// other bytes as themselves, each run cut to two ("Xxx" for "Jane",
/// "dd,dd" for "12,500").
fn shape(word: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let (mut last, mut run) = (0u8, 0);
    for &b in word {
        let c = match b {
            b'A'..=b'Z' => b'X',
            b'a'..=b'z' => b'x',
            b'0'..=b'9' => b'd',
            _ => b,
        };
        run = if c == last { run + 1 } else { 1 };
        last = c;
        if run <= 2 {
            h = (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::shape;

    #[test]
    fn shapes_cut_runs_to_two() {
        assert_eq!(shape(b"Jane"), shape(b"Mary"));
        assert_eq!(shape(b"Jane"), shape(b"Joe"));
        assert_ne!(shape(b"Jane"), shape(b"Jo"));
        assert_eq!(shape(b"12,500"), shape(b"99,99"));
        assert_ne!(shape(b"USA"), shape(b"Usa"));
    }
}
