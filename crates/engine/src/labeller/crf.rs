//! The labeller's model: a linear-chain conditional random field over
//! three labels (outside, first token of a content, inside one), read
//! with Viterbi (the best labels) and forward-backward (how sure).
//!
//! A linear model scoring each token alone cannot tell where a content
//! starts from where it goes on: the same word is a first word after a
//! cue and an inside word after a comma. A chain model scores label pairs
//! too, and its marginals (the probability of each label at each token,
//! given the whole paragraph) say how sure it is of a whole span, which is
//! what decides whether a span is added (the model's [`Model::threshold`]).
//!
//! A model file is [`MAGIC`], the threshold a span's certainty must reach
//! (chosen when training, by cross-validation), the 9 transition weights
//! (from label, to label) and the 3 start weights as little-endian `f32`,
//! then
//! `(u64 feature hash, [f32; 3] weight per label)` rows sorted by hash,
//! written by [`encode`] (`examples/train_model` trains them). At run time
//! the rows sit in the perceptrons' open-addressing table
//! (`crate::perceptron::Table`), one lookup a feature for all three
//! labels.

use std::sync::OnceLock;

use crate::perceptron::Table;

/// The labels, as indices into every `[f32; LABELS]`.
pub const OUTSIDE: usize = 0;
pub const FIRST: usize = 1;
pub const INSIDE: usize = 2;
pub const LABELS: usize = 3;

/// The first bytes of a model file.
const MAGIC: &[u8; 8] = b"ATTRCRF1";

/// The chain's weights.
pub(crate) struct Model {
    /// Each feature's row of one weight a label.
    rows: Table<[f32; LABELS]>,
    /// `transitions[a][b]`: label `a` followed by label `b`.
    transitions: [[f32; LABELS]; LABELS],
    start: [f32; LABELS],
    threshold: f32,
}

impl Model {
    /// A model without weights, which labels nothing (and is skipped).
    fn empty() -> Model {
        Model::with_rows(
            f32::INFINITY,
            [[0.0; LABELS]; LABELS],
            [0.0; LABELS],
            std::iter::empty(),
        )
    }

    fn with_rows(
        threshold: f32,
        transitions: [[f32; LABELS]; LABELS],
        start: [f32; LABELS],
        rows: impl ExactSizeIterator<Item = (u64, [f32; LABELS])>,
    ) -> Model {
        Model {
            rows: Table::with_pairs(rows),
            transitions,
            start,
            threshold,
        }
    }

    /// Whether the model has no feature weights (it then labels nothing).
    pub(crate) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// How sure the model must be of a span (its tokens' mean marginal of
    /// being in a content) for the span to be added.
    pub(crate) fn threshold(&self) -> f32 {
        self.threshold
    }

    /// Each label's score at a token with these features.
    pub(crate) fn emission(&self, features: &[u64]) -> [f32; LABELS] {
        let mut e = [0.0; LABELS];
        for &f in features {
            let row = self.rows.get(f);
            for (s, w) in e.iter_mut().zip(row) {
                *s += w;
            }
        }
        e
    }

    /// The best label sequence (Viterbi) into `path`, for a paragraph whose
    /// tokens have the scores `emissions`.
    pub(crate) fn best_path(&self, emissions: &[[f32; LABELS]], path: &mut Vec<u8>) {
        path.clear();
        let Some(first) = emissions.first() else {
            return;
        };
        let mut back: Vec<[u8; LABELS]> = Vec::with_capacity(emissions.len());
        let mut score: [f32; LABELS] = std::array::from_fn(|b| self.start[b] + first[b]);
        back.push([0; LABELS]);
        for e in &emissions[1..] {
            let mut next = [f32::NEG_INFINITY; LABELS];
            let mut from = [0u8; LABELS];
            for b in 0..LABELS {
                for (a, (prev, row)) in score.iter().zip(&self.transitions).enumerate() {
                    let s = prev + row[b];
                    if s > next[b] {
                        next[b] = s;
                        from[b] = a as u8;
                    }
                }
                next[b] += e[b];
            }
            score = next;
            back.push(from);
        }
        let mut best = argmax(&score) as u8;
        path.resize(emissions.len(), 0);
        for t in (0..emissions.len()).rev() {
            path[t] = best;
            best = back[t][best as usize];
        }
    }

    /// Each token's label marginals into `marginals`, by scaled
    /// forward-backward: each step's vector is normalised, so that no
    /// product under- or overflows on a long paragraph.
    pub(crate) fn marginals(
        &self,
        emissions: &[[f32; LABELS]],
        marginals: &mut Vec<[f32; LABELS]>,
    ) {
        let n = emissions.len();
        marginals.clear();
        if n == 0 {
            return;
        }
        let trans: [[f32; LABELS]; LABELS] =
            std::array::from_fn(|a| std::array::from_fn(|b| self.transitions[a][b].exp()));
        let potential = |t: usize| -> [f32; LABELS] {
            let e = &emissions[t];
            let top = e.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            std::array::from_fn(|b| (e[b] - top).exp())
        };
        // Forward, into `marginals`.
        let mut alpha: [f32; LABELS] = {
            let p = potential(0);
            std::array::from_fn(|b| self.start[b].exp() * p[b])
        };
        normalise(&mut alpha);
        marginals.push(alpha);
        for t in 1..n {
            let p = potential(t);
            let prev = marginals[t - 1];
            let mut a: [f32; LABELS] = std::array::from_fn(|b| {
                p[b] * (0..LABELS).map(|x| prev[x] * trans[x][b]).sum::<f32>()
            });
            normalise(&mut a);
            marginals.push(a);
        }
        // Backward, multiplied in as it goes.
        let mut beta = [1.0f32; LABELS];
        for t in (0..n).rev() {
            let m = &mut marginals[t];
            for b in 0..LABELS {
                m[b] *= beta[b];
            }
            normalise(m);
            if t > 0 {
                let p = potential(t);
                let mut next: [f32; LABELS] = std::array::from_fn(|a| {
                    (0..LABELS)
                        .map(|b| trans[a][b] * p[b] * beta[b])
                        .sum::<f32>()
                });
                normalise(&mut next);
                beta = next;
            }
        }
    }
}

fn normalise(v: &mut [f32; LABELS]) {
    let sum: f32 = v.iter().sum();
    if sum > 0.0 && sum.is_finite() {
        for x in v.iter_mut() {
            *x /= sum;
        }
    } else {
        *v = [1.0 / LABELS as f32; LABELS];
    }
}

fn argmax(v: &[f32; LABELS]) -> usize {
    (1..LABELS).fold(0, |best, i| if v[i] > v[best] { i } else { best })
}

/// A model file compiled into the engine, parsed on first use.
pub(crate) struct Shipped {
    bytes: &'static [u8],
    model: OnceLock<Model>,
}

impl Shipped {
    pub(crate) const fn new(bytes: &'static [u8]) -> Shipped {
        Shipped {
            bytes,
            model: OnceLock::new(),
        }
    }

    pub(crate) fn model(&self) -> &Model {
        self.model.get_or_init(|| parse(self.bytes))
    }
}

const HEADER_FLOATS: usize = 1 + LABELS * LABELS + LABELS;
const ROW_BYTES: usize = 8 + 4 * LABELS;

/// Reads a model file; a malformed one gives an empty model (which labels
/// nothing) rather than a panic.
fn parse(bytes: &[u8]) -> Model {
    let Some(body) = bytes.strip_prefix(MAGIC.as_slice()) else {
        return Model::empty();
    };
    if body.len() < HEADER_FLOATS * 4 || !(body.len() - HEADER_FLOATS * 4).is_multiple_of(ROW_BYTES)
    {
        return Model::empty();
    }
    let (header, rows) = body.split_at(HEADER_FLOATS * 4);
    let float = |b: &[u8]| f32::from_le_bytes(b.try_into().unwrap_or_default());
    let h: Vec<f32> = header.chunks_exact(4).map(float).collect();
    let transitions = std::array::from_fn(|a| std::array::from_fn(|b| h[1 + a * LABELS + b]));
    let start = std::array::from_fn(|b| h[1 + LABELS * LABELS + b]);
    let rows = rows.chunks_exact(ROW_BYTES).map(|r| {
        let (hash, w) = r.split_at(8);
        (
            u64::from_le_bytes(hash.try_into().unwrap_or_default()),
            std::array::from_fn(|b| float(&w[b * 4..b * 4 + 4])),
        )
    });
    Model::with_rows(h[0], transitions, start, rows)
}

/// Serialises a model in the file format (for training).
pub fn encode(
    threshold: f32,
    transitions: &[[f32; LABELS]; LABELS],
    start: &[f32; LABELS],
    rows: &[(u64, [f32; LABELS])],
) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + HEADER_FLOATS * 4 + rows.len() * ROW_BYTES);
    out.extend_from_slice(MAGIC);
    for w in std::iter::once(&threshold)
        .chain(transitions.iter().flatten())
        .chain(start)
    {
        out.extend_from_slice(&w.to_le_bytes());
    }
    for (h, row) in rows {
        out.extend_from_slice(&h.to_le_bytes());
        for w in row {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(rows: &[(u64, [f32; LABELS])]) -> Model {
        // Outside may not be followed by inside (a content starts first).
        let mut transitions = [[0.0; LABELS]; LABELS];
        transitions[OUTSIDE][INSIDE] = -10.0;
        parse(&encode(0.5, &transitions, &[0.0, 0.0, -10.0], rows))
    }

    #[test]
    fn a_model_round_trips_through_the_file_format() {
        let m = model(&[(7, [0.5, -1.0, 2.0])]);
        assert_eq!(m.emission(&[7, 8]), [0.5, -1.0, 2.0]);
        assert_eq!(m.transitions[OUTSIDE][INSIDE], -10.0);
        assert_eq!(m.threshold(), 0.5);
        assert!(!m.is_empty());
    }

    #[test]
    fn a_malformed_file_gives_an_empty_model() {
        assert!(parse(b"garbage").is_empty());
        assert!(parse(b"ATTRCRF1\x00\x01").is_empty());
    }

    #[test]
    fn decoding_follows_the_transitions_and_the_marginals_sum_to_one() {
        let m = model(&[]);
        // Every token prefers "inside", but a content must start first.
        let emissions = [[0.0, 1.0, 3.0], [0.0, 0.0, 3.0], [5.0, 0.0, 0.0]];
        let (mut path, mut marginals) = (Vec::new(), Vec::new());
        m.best_path(&emissions, &mut path);
        m.marginals(&emissions, &mut marginals);
        assert_eq!(path, [FIRST as u8, INSIDE as u8, OUTSIDE as u8]);
        for row in &marginals {
            assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-5, "{row:?}");
        }
        assert!(marginals[0][FIRST] > 0.9, "{:?}", marginals[0]);
        assert!(marginals[2][OUTSIDE] > 0.9, "{:?}", marginals[2]);
    }
}
