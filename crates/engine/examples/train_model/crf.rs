//! Training the content labeller's linear-chain CRF: stochastic gradient
//! ascent on the L2-regularised conditional log-likelihood, one paragraph
//! at a time, in a fixed pseudo-random order per epoch (so the weights are
//! the same on every run), with the regulariser applied lazily as one
//! scale factor over all weights (the weight vector is `scale * v`), so a
//! step costs only the features of its paragraph.

use attributor_engine::training::{FIRST, INSIDE, LABELS, OUTSIDE};

/// One paragraph: each token's interned feature ids and its gold label.
pub struct Sequence {
    pub features: Vec<Vec<u32>>,
    pub labels: Vec<u8>,
}

/// The trained weights: per feature id, per label; transitions; start.
pub struct Trained {
    pub rows: Vec<[f32; LABELS]>,
    pub transitions: [[f32; LABELS]; LABELS],
    pub start: [f32; LABELS],
}

/// How training goes.
pub struct Settings {
    pub epochs: usize,
    /// The L2 penalty on the whole data's log-likelihood.
    pub c2: f64,
    /// The first epoch's step size; epoch k takes `eta0 / (1 + k)`.
    pub eta0: f64,
    pub seed: u64,
    /// How many CRFs, each visiting the paragraphs in an order of its own,
    /// are averaged.
    pub bags: usize,
}

/// The parameters in training: `scale * v`.
struct Params {
    v: Vec<[f64; LABELS]>,
    trans: [[f64; LABELS]; LABELS],
    start: [f64; LABELS],
    scale: f64,
}

impl Params {
    fn emissions(&self, seq: &Sequence) -> Vec<[f64; LABELS]> {
        seq.features
            .iter()
            .map(|fs| {
                let mut e = [0.0; LABELS];
                for &f in fs {
                    for (s, w) in e.iter_mut().zip(self.v[f as usize]) {
                        *s += w;
                    }
                }
                e.map(|x| x * self.scale)
            })
            .collect()
    }

    fn rescale(&mut self) {
        let s = self.scale;
        for row in &mut self.v {
            for w in row.iter_mut() {
                *w *= s;
            }
        }
        for w in self.trans.iter_mut().flatten().chain(self.start.iter_mut()) {
            *w *= s;
        }
        self.scale = 1.0;
    }
}

/// The mean of `settings.bags` CRFs, each trained in an order of its own
/// and each the mean of its weights at the end of its last half of epochs.
/// One run's weights depend on the order of its last steps, enough to move
/// how sure the model is of a span (by the folds of `quality/crossval.py`,
/// one fold's single run added ten times the statements of the others); the
/// means keep what the runs agree on.
pub fn train(seqs: &[Sequence], n_features: usize, settings: &Settings) -> Trained {
    let bags = settings.bags.max(1);
    let mut sum = Trained {
        rows: vec![[0.0; LABELS]; n_features],
        transitions: [[0.0; LABELS]; LABELS],
        start: [0.0; LABELS],
    };
    for bag in 0..bags {
        let seed = settings.seed ^ (bag as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let one = train_one(seqs, n_features, settings, seed);
        add(&mut sum, &one, 1.0 / bags as f64);
    }
    sum
}

/// Weights in `f64` while they are summed.
struct Trained64 {
    rows: Vec<[f64; LABELS]>,
    transitions: [[f64; LABELS]; LABELS],
    start: [f64; LABELS],
}

fn add(sum: &mut Trained, one: &Trained64, share: f64) {
    let target = (&mut sum.rows[..], &mut sum.transitions, &mut sum.start);
    add_scaled(target, (&one.rows, &one.transitions, &one.start), |w| {
        (w * share) as f32
    });
}

/// Weights as rows, transitions and start, borrowed.
type Parts<'a, T> = (
    &'a mut [[T; LABELS]],
    &'a mut [[T; LABELS]; LABELS],
    &'a mut [T; LABELS],
);

/// Adds `scaled(w)` of every weight `w` of `from` to the same weight of
/// `sum` (the mean of a run's epochs in `f64`, the mean of the runs in
/// `f32`).
fn add_scaled<T: std::ops::AddAssign>(
    sum: Parts<'_, T>,
    from: (&[[f64; LABELS]], &[[f64; LABELS]; LABELS], &[f64; LABELS]),
    scaled: impl Fn(f64) -> T,
) {
    let (rows, transitions, start) = sum;
    let sums = rows
        .iter_mut()
        .flatten()
        .chain(transitions.iter_mut().flatten())
        .chain(start.iter_mut());
    let weights = from
        .0
        .iter()
        .flatten()
        .chain(from.1.iter().flatten())
        .chain(from.2.iter());
    for (s, &w) in sums.zip(weights) {
        *s += scaled(w);
    }
}

/// One CRF: the mean of its weights at the end of each epoch of the last
/// half.
fn train_one(
    seqs: &[Sequence],
    n_features: usize,
    settings: &Settings,
    mut seed: u64,
) -> Trained64 {
    let mut p = Params {
        v: vec![[0.0; LABELS]; n_features],
        trans: [[0.0; LABELS]; LABELS],
        start: [0.0; LABELS],
        scale: 1.0,
    };
    let lambda = 2.0 * settings.c2 / seqs.len().max(1) as f64;
    let mut order: Vec<usize> = (0..seqs.len()).collect();
    let mut mean = Trained64 {
        rows: vec![[0.0; LABELS]; n_features],
        transitions: [[0.0; LABELS]; LABELS],
        start: [0.0; LABELS],
    };
    let averaged = settings.epochs.div_ceil(2).max(1);
    for epoch in 0..settings.epochs {
        let eta = settings.eta0 / (1.0 + epoch as f64);
        shuffle(&mut order, &mut seed);
        let mut loglik = 0.0;
        for &i in &order {
            loglik += step(&mut p, &seqs[i], eta, lambda);
        }
        eprintln!("epoch {epoch}: log-likelihood {loglik:.1}");
        if epoch + averaged >= settings.epochs {
            p.rescale();
            let share = 1.0 / averaged as f64;
            let target = (&mut mean.rows[..], &mut mean.transitions, &mut mean.start);
            add_scaled(target, (&p.v, &p.trans, &p.start), |w| w * share);
        }
    }
    mean
}

/// One gradient step on one paragraph; returns its log-likelihood before
/// the step.
fn step(p: &mut Params, seq: &Sequence, eta: f64, lambda: f64) -> f64 {
    let n = seq.labels.len();
    if n == 0 {
        return 0.0;
    }
    let e = p.emissions(seq);
    let trans = p.trans.map(|r| r.map(|w| w * p.scale));
    let start = p.start.map(|w| w * p.scale);
    let (node, pair, log_z) = marginals(&e, &trans, &start);
    let gold = |t: usize| usize::from(seq.labels[t]);
    let mut score = start[gold(0)] + e[0][gold(0)];
    for t in 1..n {
        score += trans[gold(t - 1)][gold(t)] + e[t][gold(t)];
    }
    // Regulariser first (it shrinks every weight), then the gradient.
    p.scale *= 1.0 - eta * lambda;
    if p.scale < 1e-9 {
        p.rescale();
    }
    let g = eta / p.scale;
    let is = |label: u8, y: usize| f64::from(u8::from(usize::from(label) == y));
    for ((fs, marginal), &label) in seq.features.iter().zip(&node).zip(&seq.labels) {
        for (y, p_y) in marginal.iter().enumerate() {
            let d = is(label, y) - p_y;
            if d == 0.0 {
                continue;
            }
            for &f in fs {
                p.v[f as usize][y] += g * d;
            }
        }
    }
    for (y, p_y) in node[0].iter().enumerate() {
        p.start[y] += g * (is(seq.labels[0], y) - p_y);
    }
    for (pt, labels) in pair.iter().zip(seq.labels.windows(2)) {
        for (a, row) in pt.iter().enumerate() {
            for (b, p_ab) in row.iter().enumerate() {
                let d = is(labels[0], a) * is(labels[1], b) - p_ab;
                p.trans[a][b] += g * d;
            }
        }
    }
    score - log_z
}

type Pair = [[f64; LABELS]; LABELS];

/// Node marginals, pair marginals (token t and t + 1) and log Z, by
/// forward-backward in log space.
fn marginals(
    e: &[[f64; LABELS]],
    trans: &Pair,
    start: &[f64; LABELS],
) -> (Vec<[f64; LABELS]>, Vec<Pair>, f64) {
    let n = e.len();
    let mut alpha = vec![[0.0; LABELS]; n];
    let mut beta = vec![[0.0; LABELS]; n];
    alpha[0] = std::array::from_fn(|y| start[y] + e[0][y]);
    for t in 1..n {
        alpha[t] = std::array::from_fn(|b| {
            log_sum((0..LABELS).map(|a| alpha[t - 1][a] + trans[a][b])) + e[t][b]
        });
    }
    for t in (0..n - 1).rev() {
        beta[t] = std::array::from_fn(|a| {
            log_sum((0..LABELS).map(|b| trans[a][b] + e[t + 1][b] + beta[t + 1][b]))
        });
    }
    let log_z = log_sum(alpha[n - 1].iter().copied());
    let node = (0..n)
        .map(|t| std::array::from_fn(|y| (alpha[t][y] + beta[t][y] - log_z).exp()))
        .collect();
    let pair = (0..n - 1)
        .map(|t| {
            std::array::from_fn(|a| {
                std::array::from_fn(|b| {
                    (alpha[t][a] + trans[a][b] + e[t + 1][b] + beta[t + 1][b] - log_z).exp()
                })
            })
        })
        .collect();
    (node, pair, log_z)
}

fn log_sum(xs: impl Iterator<Item = f64> + Clone) -> f64 {
    let top = xs.clone().fold(f64::NEG_INFINITY, f64::max);
    if top == f64::NEG_INFINITY {
        return top;
    }
    top + xs.map(|x| (x - top).exp()).sum::<f64>().ln()
}

fn shuffle(v: &mut [usize], seed: &mut u64) {
    for i in (1..v.len()).rev() {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        v.swap(i, (*seed % (i as u64 + 1)) as usize);
    }
}

/// The gold label of each token of a paragraph: first or inside when the
/// token lies inside a gold content (first when the token before is not
/// in the same one), else outside.
pub fn gold_labels(
    tokens: &[attributor_engine::Span],
    gold: &[attributor_engine::Span],
) -> Vec<u8> {
    let mut prev: Option<usize> = None;
    tokens
        .iter()
        .map(|t| {
            let inside = gold
                .iter()
                .position(|g| g.start <= t.start && t.end <= g.end);
            let label = match inside {
                None => OUTSIDE,
                Some(g) if prev == Some(g) => INSIDE,
                Some(_) => FIRST,
            };
            prev = inside;
            label as u8
        })
        .collect()
}
