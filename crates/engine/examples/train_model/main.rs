//! Trains the engine's three learned models from annotated articles:
//!
//! - `cue` (`crates/engine/src/cues/cue_model.bin`): an averaged perceptron deciding
//!   which tokens outside the cue lexicon are reporting or attitude cues;
//! - `boundary` (`crates/engine/src/attribution/boundary_model.bin`): one deciding where a
//!   reported clause after its cue ends;
//! - `labeller` (`crates/engine/src/labeller/labeller_model.bin`): a linear-chain CRF
//!   labelling reported content over every paragraph, with the rules' statements as
//!   features, for the contents the rules miss (`crf.rs` trains it).
//!
//! ```text
//! cargo run --release -p attributor-engine --example train_model -- cue \
//!     ../shared/data/polnear-dev.jsonl ../shared/data/polnear-train.jsonl \
//!     crates/engine/src/cues/cue_model.bin
//! cargo run --release -p attributor-engine --example train_model -- boundary \
//!     ../shared/data/polnear-dev.jsonl ../shared/data/polnear-train.jsonl \
//!     crates/engine/src/attribution/boundary_model.bin
//! cargo run --release -p attributor-engine --example train_model -- labeller \
//!     ../shared/data/polnear-dev.jsonl ../shared/data/polnear-train.jsonl \
//!     crates/engine/src/labeller/labeller_model.bin
//! ```
//!
//! Both shipped models are trained on both annotated PolNeAR files beside
//! the project (dev and train, 697 articles); `.ci/run` checks both byte
//! for byte and `quality/crossval.py` measures what each choice is worth.
//!
//! In that order: the boundary examples are the clauses the engine finds,
//! which depend on the cue model compiled into this program (not on the
//! boundary model), and `cargo run` rebuilds it with the new cue weights;
//! the labeller's features are the statements the engine finds with both
//! (not with the labeller, which only adds after them).
//!
//! Input: one or more files of gold JSON lines (the last path is the
//! output), read as one set of articles in id order, so the order of the
//! files does not change the weights; an id given twice is an error. Each
//! line has `id`, `text` and `quotes[]` carrying `cue_start` / `cue_end`,
//! `quote_start` / `quote_end` (code-point offsets, end exclusive) and
//! `kind`, as in the PolNeAR conversion beside the project. For `cue`, every token the engine would decide on is an
//! example, positive when it lies inside a gold cue. For `boundary`, every
//! token boundary outside quotation marks inside an indirect or mixed gold
//! content that follows its cue is a negative example and the boundary
//! after it a positive one.
//!
//! `--holdout PCT` trains on the other documents only and reports
//! precision and recall on the held-out PCT percent (chosen by a hash of
//! the id), writing their ids to `OUT.holdout-ids` so the whole pipeline
//! can be scored on them (`score_quotes.py --only-predicted`).
//! For `labeller`, every token of every paragraph is labelled outside,
//! first or inside a gold content (of any kind), and `--c2 X` (default
//! 0.5) and `--eta X` (default 0.01) set the CRF's penalty and first step.
//! `--min-count N` (default 3), `--epochs N` (default 8) and `--bags N`
//! (default 5: the weights are the mean of N perceptrons, each visiting
//! the examples in an order of its own) set the training itself, for
//! `quality/crossval.py --train-arg` to compare. The weights are
//! deterministic for a given input.

mod crf;

use std::collections::{HashMap, HashSet};
use std::{error::Error, fs, io::BufRead};

use attributor_engine::Span;
use attributor_engine::training::{
    BoundaryCandidate, LABELS, bias_feature, boundary_examples, cue_candidates, encode_labeller,
    encode_weights, labeller_paragraphs,
};

const EPOCHS: usize = 8;
/// How many perceptrons, each with its own order, are averaged.
const BAGS: usize = 5;
/// The first perceptron's order.
const SEED: u64 = 0x2545_f491_4f6c_dd1d;
/// Features seen in fewer training examples than this are dropped.
const MIN_COUNT: u32 = 3;

/// Which model to train.
#[derive(Clone, Copy, PartialEq)]
enum Model {
    Cue,
    Boundary,
    Labeller,
}

impl Model {
    /// The decision threshold on the perceptron score, chosen by the
    /// pipeline's span F1 on articles the model did not see. The
    /// attribution stage filters learned cues hard (a speaker before,
    /// content after), so the cue model is tuned for recall; a wrong cut
    /// loses a whole statement, so the boundary model is tuned for
    /// precision. Its threshold was 1 until 2026-12-06; by the five folds of
    /// `quality/crossval.py` (cue models on dev + train, boundary models on
    /// dev) 2 scored `all` F1 0.6659 against 0.6652 at 1 (and 0, -0.5 lower
    /// still with both models on dev + train), so it cut less for the same
    /// F1. Trained on dev + train and on mixed clauses too (2026-12-07), 3
    /// scores 0.6878 against 0.6869 at 2 and 0.6857 at 1 (`indirect`
    /// 0.5511, 0.5497, 0.5483; four folds of five higher than at 2), and 4
    /// no more than 3 (0.6878, `indirect` 0.5507).
    fn default_threshold(self) -> f32 {
        match self {
            Model::Cue => -1.0,
            Model::Boundary => 3.0,
            // The labeller's is the certainty a span needs (its tokens' mean
            // content marginal), stored with the weights. On the five folds
            // of quality/crossval.py (docs/quality.md) 0.6 to 0.8 score
            // about the same; 0.85 is the lowest at which the fixtures' guards
            // hold (below it the labeller reads "Several think tanks have put
            // the cost at …" as content), for 0.2 points of `all` F1.
            Model::Labeller => 0.85,
        }
    }
}

struct Example {
    features: Vec<u64>,
    positive: bool,
}

struct Doc {
    id: String,
    examples: Vec<Example>,
}

const USAGE: &str = "usage: train_model cue|boundary|labeller [--holdout PCT] [--threshold T] [--min-count N] [--epochs N] [--bags N] [--c2 X] [--eta X] [--min-weight X] GOLD.jsonl... OUT.bin";
/// The labeller's defaults (see `crf.rs`).
const LABELLER_EPOCHS: usize = 20;
const LABELLER_C2: f64 = 0.5;
const LABELLER_ETA: f64 = 0.01;
/// Feature rows whose weights are all this small are left out of the
/// labeller's table: the engine looks up some twenty features a token, and
/// the smaller the table, the more of it stays in cache (3,938 rows, 79 KB,
/// instead of 90,177; a labeller trained on dev scores train the same).
const LABELLER_MIN_WEIGHT: f32 = 0.1;

/// The command line: which model, how to train it, from which files.
struct Options {
    model: Model,
    holdout: u64,
    threshold: f32,
    min_count: u32,
    epochs: usize,
    bags: usize,
    c2: f64,
    eta: f64,
    min_weight: f32,
    inputs: Vec<String>,
    out: String,
}

impl Options {
    fn parse(args: &[String]) -> Result<Options, Box<dyn Error>> {
        let model = match args.first().map(String::as_str) {
            Some("cue") => Model::Cue,
            Some("boundary") => Model::Boundary,
            Some("labeller") => Model::Labeller,
            _ => return Err(USAGE.into()),
        };
        let (mut holdout, mut threshold, mut paths) = (0u64, model.default_threshold(), Vec::new());
        let epochs = if model == Model::Labeller {
            LABELLER_EPOCHS
        } else {
            EPOCHS
        };
        let (mut min_count, mut epochs, mut bags) = (MIN_COUNT, epochs, BAGS);
        let (mut c2, mut eta, mut min_weight) = (LABELLER_C2, LABELLER_ETA, LABELLER_MIN_WEIGHT);
        let mut it = args.iter().skip(1);
        while let Some(a) = it.next() {
            match a.as_str() {
                "--min-count" => {
                    min_count = it.next().ok_or("--min-count needs a number")?.parse()?
                }
                "--epochs" => epochs = it.next().ok_or("--epochs needs a number")?.parse()?,
                "--bags" => bags = it.next().ok_or("--bags needs a number")?.parse()?,
                "--c2" => c2 = it.next().ok_or("--c2 needs a number")?.parse()?,
                "--eta" => eta = it.next().ok_or("--eta needs a number")?.parse()?,
                "--min-weight" => {
                    min_weight = it.next().ok_or("--min-weight needs a number")?.parse()?
                }
                "--threshold" => {
                    threshold = it.next().ok_or("--threshold needs a number")?.parse()?
                }
                "--holdout" => {
                    holdout = it.next().ok_or("--holdout needs a percentage")?.parse()?
                }
                _ => paths.push(a.clone()),
            }
        }
        let out = paths.pop().ok_or(USAGE)?;
        if paths.is_empty() {
            return Err(USAGE.into());
        }
        if model == Model::Labeller && holdout > 0 {
            return Err("--holdout is for the cue and boundary models: measure the labeller with quality/crossval.py".into());
        }
        Ok(Options {
            model,
            holdout,
            threshold,
            min_count,
            epochs,
            bags,
            c2,
            eta,
            min_weight,
            inputs: paths,
            out,
        })
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opts = Options::parse(&args)?;
    if opts.model == Model::Labeller {
        return train_labeller(&opts);
    }
    let docs = read_inputs(&opts.inputs, opts.model)?;
    let (test, train): (Vec<&Doc>, Vec<&Doc>) = docs
        .iter()
        .partition(|d| opts.holdout > 0 && fnv(&d.id) % 100 < opts.holdout);
    let n_ex: usize = train.iter().map(|d| d.examples.len()).sum();
    let n_pos: usize = train
        .iter()
        .flat_map(|d| &d.examples)
        .filter(|e| e.positive)
        .count();
    eprintln!(
        "training on {} documents ({n_ex} examples, {n_pos} positive), {} epochs",
        train.len(),
        opts.epochs
    );
    let common = common_features(&train, opts.min_count);
    let mut weights = train_bagged(&train, &common, opts.epochs, opts.bags);
    // The engine takes a score above zero as positive: fold the threshold
    // into the bias feature (the same hash in both models).
    *weights.entry(bias_feature()).or_insert(0.0) -= opts.threshold;
    if !test.is_empty() {
        report(&test, &weights);
        let ids: Vec<&str> = test.iter().map(|d| d.id.as_str()).collect();
        fs::write(format!("{}.holdout-ids", opts.out), ids.join("\n") + "\n")?;
    }
    write_weights(weights, &opts.out)
}

/// Trains the content labeller on every paragraph of the input articles.
fn train_labeller(opts: &Options) -> Result<(), Box<dyn Error>> {
    let mut articles = Vec::new();
    for path in &opts.inputs {
        articles.extend(read_contents(path).map_err(|e| format!("{path}: {e}"))?);
    }
    articles.sort_by(|a, b| a.0.cmp(&b.0));
    if let Some(pair) = articles.windows(2).find(|p| p[0].0 == p[1].0) {
        return Err(format!("article {:?} is given twice", pair[0].0).into());
    }
    let paragraphs: Vec<_> = articles
        .iter()
        .flat_map(|(_, text, gold)| {
            labeller_paragraphs(text)
                .into_iter()
                .map(move |p| (crf::gold_labels(&p.tokens, gold), p.features))
        })
        .collect();
    // Feature ids in order of first appearance (deterministic), for the
    // features seen at least `min_count` times.
    let mut counts: HashMap<u64, u32> = HashMap::new();
    for f in paragraphs.iter().flat_map(|p| p.1.iter().flatten()) {
        *counts.entry(*f).or_insert(0) += 1;
    }
    let mut ids: HashMap<u64, u32> = HashMap::new();
    let mut hashes = Vec::new();
    for &f in paragraphs.iter().flat_map(|p| p.1.iter().flatten()) {
        if counts[&f] >= opts.min_count && !ids.contains_key(&f) {
            ids.insert(f, hashes.len() as u32);
            hashes.push(f);
        }
    }
    let seqs: Vec<crf::Sequence> = paragraphs
        .into_iter()
        .map(|(labels, features)| crf::Sequence {
            features: features
                .iter()
                .map(|fs| fs.iter().filter_map(|f| ids.get(f).copied()).collect())
                .collect(),
            labels,
        })
        .collect();
    let tokens: usize = seqs.iter().map(|s| s.labels.len()).sum();
    eprintln!(
        "training the labeller on {} articles ({} paragraphs, {tokens} tokens, {} features), {} epochs",
        articles.len(),
        seqs.len(),
        hashes.len(),
        opts.epochs
    );
    let settings = crf::Settings {
        epochs: opts.epochs,
        c2: opts.c2,
        eta0: opts.eta,
        seed: SEED,
        bags: opts.bags,
    };
    let trained = crf::train(&seqs, hashes.len(), &settings);
    let mut rows: Vec<(u64, [f32; LABELS])> = hashes
        .into_iter()
        .zip(trained.rows)
        .filter(|(_, row)| row.iter().any(|w| w.abs() > opts.min_weight))
        .collect();
    rows.sort_by_key(|r| r.0);
    fs::write(
        &opts.out,
        encode_labeller(opts.threshold, &trained.transitions, &trained.start, &rows),
    )?;
    eprintln!("wrote {} feature rows to {}", rows.len(), opts.out);
    Ok(())
}

/// An article for the labeller: id, text and the byte spans of every
/// annotated content.
type Contents = (String, String, Vec<Span>);

/// The articles of one gold file.
fn read_contents(path: &str) -> Result<Vec<Contents>, Box<dyn Error>> {
    Ok(gold_articles(path)?
        .into_iter()
        .map(|a| {
            let byte_of = code_point_to_byte(&a.text);
            let gold = a
                .quotes
                .iter()
                .filter_map(|q| byte_span(&byte_of, q, "quote_start", "quote_end"))
                .collect();
            (a.id, a.text, gold)
        })
        .collect())
}

/// One line of a gold file.
struct GoldArticle {
    id: String,
    text: String,
    quotes: Vec<serde_json::Value>,
}

/// The articles of a gold file, blank lines skipped.
fn gold_articles(path: &str) -> Result<Vec<GoldArticle>, Box<dyn Error>> {
    let file = std::io::BufReader::new(fs::File::open(path)?);
    let mut out = Vec::new();
    for line in file.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let mut v: serde_json::Value = serde_json::from_str(&line)?;
        out.push(GoldArticle {
            id: v["id"].as_str().unwrap_or_default().to_string(),
            text: v["text"].as_str().ok_or("a line without text")?.to_string(),
            quotes: v["quotes"]
                .as_array_mut()
                .map(std::mem::take)
                .unwrap_or_default(),
        });
    }
    Ok(out)
}

/// The byte span of an annotation's code-point offsets `start` and `end`.
fn byte_span(byte_of: &[usize], q: &serde_json::Value, start: &str, end: &str) -> Option<Span> {
    let s = usize::try_from(q[start].as_u64()?).ok()?;
    let e = usize::try_from(q[end].as_u64()?).ok()?;
    Some(Span {
        start: *byte_of.get(s)?,
        end: *byte_of.get(e)?,
    })
}

/// The features seen in at least `min_count` training examples. The others
/// are left out of training (masked to 0, which the table never holds):
/// they generalise least, and a small table stays in cache (the engine
/// looks up every feature of every example it decides).
fn common_features(train: &[&Doc], min_count: u32) -> HashSet<u64> {
    let mut seen: HashMap<u64, u32> = HashMap::new();
    for ex in train.iter().flat_map(|d| &d.examples) {
        for &f in &ex.features {
            *seen.entry(f).or_insert(0) += 1;
        }
    }
    seen.into_iter()
        .filter(|&(_, n)| n >= min_count)
        .map(|(f, _)| f)
        .collect()
}

/// Writes the weights that are not (nearly) zero, sorted by feature hash.
fn write_weights(weights: HashMap<u64, f32>, out: &str) -> Result<(), Box<dyn Error>> {
    let mut pairs: Vec<(u64, f32)> = weights
        .into_iter()
        .filter(|(_, w)| w.abs() > 1e-4)
        .collect();
    pairs.sort_by_key(|p| p.0);
    fs::write(out, encode_weights(&pairs))?;
    eprintln!("wrote {} weights to {out}", pairs.len());
    Ok(())
}

/// The documents of every input file, in id order whatever the order of
/// the files (so the weights depend on the articles only); an id found
/// twice is an error, since it would count its article twice.
fn read_inputs(paths: &[String], model: Model) -> Result<Vec<Doc>, Box<dyn Error>> {
    let mut docs = Vec::new();
    for path in paths {
        docs.extend(read_docs(path, model).map_err(|e| format!("{path}: {e}"))?);
    }
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    if let Some(pair) = docs.windows(2).find(|p| p[0].id == p[1].id) {
        return Err(format!("article {:?} is given twice", pair[0].id).into());
    }
    Ok(docs)
}

fn read_docs(path: &str, model: Model) -> Result<Vec<Doc>, Box<dyn Error>> {
    let mut docs = Vec::new();
    for article in gold_articles(path)? {
        let (id, text) = (article.id, article.text.as_str());
        let byte_of = code_point_to_byte(text);
        let span =
            |q: &serde_json::Value, start: &str, end: &str| byte_span(&byte_of, q, start, end);
        let quotes = article.quotes.as_slice();
        let examples =
            match model {
                Model::Cue => {
                    let cues: Vec<Span> = quotes
                        .iter()
                        .filter_map(|q| span(q, "cue_start", "cue_end"))
                        .collect();
                    cue_candidates(text)
                        .into_iter()
                        .map(|(tok, features)| Example {
                            features: features.to_vec(),
                            positive: cues
                                .iter()
                                .any(|c| c.start <= tok.start && tok.end <= c.end),
                        })
                        .collect()
                }
                Model::Boundary => {
                    // Contents outside quotation marks, whole or in part:
                    // a mixed statement's clause ends as an indirect one's.
                    let reported_clauses = || {
                        quotes
                            .iter()
                            .filter(|q| matches!(q["kind"].as_str(), Some("indirect" | "mixed")))
                    };
                    let gold: Vec<Span> = reported_clauses()
                        .filter_map(|q| span(q, "quote_start", "quote_end"))
                        .collect();
                    let clauses: Vec<(Span, Span)> = reported_clauses()
                        .filter_map(|q| {
                            Some((
                                span(q, "cue_start", "cue_end")?,
                                span(q, "quote_start", "quote_end")?,
                            ))
                        })
                        .collect();
                    // The rules' own clauses (the cases the model decides on),
                    // and every gold clause (more of the places clauses end).
                    let (candidates, gold_examples) = boundary_examples(text, &clauses);
                    let mut examples: Vec<Example> = candidates
                        .into_iter()
                        .flat_map(|candidate| label_boundaries(candidate, &gold))
                        .collect();
                    examples.extend(gold_examples.into_iter().map(|(features, positive)| {
                        Example {
                            features: features.to_vec(),
                            positive,
                        }
                    }));
                    examples
                }
                Model::Labeller => {
                    return Err("the labeller reads its articles in train_labeller".into());
                }
            };
        docs.push(Doc { id, examples });
    }
    Ok(docs)
}

/// Labels the boundaries of one clause the rules found against the gold
/// content it overlaps most: cutting before the first token at or after
/// the gold end is right, every boundary before it wrong. A clause that
/// overlaps no gold content teaches nothing about where clauses end.
fn label_boundaries((content, boundaries): BoundaryCandidate, gold: &[Span]) -> Vec<Example> {
    let overlap = |g: &Span| {
        g.end
            .min(content.end)
            .saturating_sub(g.start.max(content.start))
    };
    let Some(best) = gold
        .iter()
        .filter(|g| overlap(g) > 0)
        .max_by_key(|g| overlap(g))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (token, features) in boundaries {
        let positive = token.start >= best.end;
        out.push(Example {
            features: features.to_vec(),
            positive,
        });
        if positive {
            break;
        }
    }
    out
}

/// Byte offset of every code point index (and of the end).
fn code_point_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// The mean of `bags` averaged perceptrons, each visiting the examples in
/// an order of its own. One perceptron's weights depend on the order of
/// its mistakes, so a change of a few examples moves many decisions near
/// the threshold; the mean of several orders keeps what they agree on.
fn train_bagged(
    docs: &[&Doc],
    common: &HashSet<u64>,
    epochs: usize,
    bags: usize,
) -> HashMap<u64, f32> {
    let bags = bags.max(1);
    let mut sum: HashMap<u64, f32> = HashMap::new();
    for bag in 0..bags {
        let seed = SEED ^ (bag as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        for (f, w) in train_perceptron(docs, common, epochs, seed) {
            *sum.entry(f).or_insert(0.0) += w;
        }
    }
    sum.into_iter().map(|(f, w)| (f, w / bags as f32)).collect()
}

/// Averaged perceptron over hashed features, examples visited in a fixed
/// pseudo-random order per epoch.
fn train_perceptron(
    docs: &[&Doc],
    common: &HashSet<u64>,
    epochs: usize,
    mut seed: u64,
) -> HashMap<u64, f32> {
    let examples: Vec<&Example> = docs.iter().flat_map(|d| &d.examples).collect();
    let mut w: HashMap<u64, f32> = HashMap::new();
    // Sum of each weight's value over time, for averaging (lazy updates).
    let mut total: HashMap<u64, f32> = HashMap::new();
    let mut stamp: HashMap<u64, u64> = HashMap::new();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut clock = 0u64;
    for _ in 0..epochs {
        shuffle(&mut order, &mut seed);
        for &i in &order {
            clock += 1;
            let ex = examples[i];
            let score: f32 = ex.features.iter().filter_map(|f| w.get(f)).sum();
            let guess = score > 0.0;
            if guess == ex.positive {
                continue;
            }
            let delta = if ex.positive { 1.0 } else { -1.0 };
            for &f in &ex.features {
                if !common.contains(&f) {
                    continue;
                }
                let wf = w.entry(f).or_insert(0.0);
                let last = stamp.entry(f).or_insert(0);
                *total.entry(f).or_insert(0.0) += (clock - *last) as f32 * *wf;
                *last = clock;
                *wf += delta;
            }
        }
    }
    w.iter()
        .map(|(&f, &wf)| {
            let t = total.get(&f).copied().unwrap_or(0.0)
                + (clock - stamp.get(&f).copied().unwrap_or(0)) as f32 * wf;
            (f, t / clock as f32)
        })
        .collect()
}

fn shuffle(v: &mut [usize], seed: &mut u64) {
    for i in (1..v.len()).rev() {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        v.swap(i, (*seed % (i as u64 + 1)) as usize);
    }
}

fn report(docs: &[&Doc], w: &HashMap<u64, f32>) {
    for shift in [-2.0f32, -1.0, 0.0, 1.0, 2.0] {
        report_at(docs, w, shift);
    }
}

fn report_at(docs: &[&Doc], w: &HashMap<u64, f32>, shift: f32) {
    let (mut tp, mut fp, mut fn_) = (0u32, 0u32, 0u32);
    for ex in docs.iter().flat_map(|d| &d.examples) {
        let guess = ex.features.iter().filter_map(|f| w.get(f)).sum::<f32>() > shift;
        match (guess, ex.positive) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fn_ += 1,
            _ => {}
        }
    }
    let p = f64::from(tp) / f64::from((tp + fp).max(1));
    let r = f64::from(tp) / f64::from((tp + fn_).max(1));
    eprintln!(
        "held out ({} documents), threshold {shift}: P {p:.3} R {r:.3} (tp {tp}, fp {fp}, fn {fn_})",
        docs.len()
    );
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
