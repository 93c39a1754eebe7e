//! Training and evaluating the tagger from CoNLL-U sentences.
//!
//! The recipe is Honnibal's: build the tag dictionary, then make a few
//! passes over the shuffled training sentences, tagging greedily with the
//! current weights (so the previous-tag features are the model's own
//! predictions, as at run time) and updating on every mistake; finally
//! average the weights. Everything is deterministic: the shuffle uses a
//! seeded SplitMix64 generator, maps are ordered, and the perceptron
//! accumulates integers, so the same data and [`TrainConfig`] give the same
//! model bytes.
//!
//! The ambiguity class of a training token (the set of classes its word
//! has in the training data) is computed leaving that token out, so a word
//! seen once looks unknown, as it would in new text.
//!
//! Multi-word tokens (`don't` = `do` + `n't`, `Bush's`) are, with
//! probability ½ per occurrence and epoch, shown fused with the first word's
//! tags, so the tagger also copes with a tokenizer that leaves them whole.

use std::collections::BTreeMap;

use crate::conllu::Sentence;
use crate::features::Lex;
use crate::hash::mix;
use crate::perceptron::{MAX_CLASSES, QuantOptions, Scores, Trainer};
use crate::tagdict::TagDict;
use crate::tagger::{Lexicon, Tagger, greedy};
use crate::tags::Tag;

/// Training settings. The defaults are what the shipped model uses.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// Passes over the training data.
    pub epochs: usize,
    /// log2 of the weight-table size.
    pub bits: u8,
    /// Shuffle and augmentation seed.
    pub seed: u64,
    /// Tag dictionary: minimum occurrences of a word.
    pub dict_min_count: u32,
    /// Tag dictionary: minimum share of the most frequent class.
    pub dict_min_ratio: f64,
    /// Averaged weights below this (absolute) are dropped from the model.
    pub prune_below: f32,
    /// Ambiguity lexicon: minimum occurrences of a word.
    pub amb_min_count: u32,
    /// Ambiguity lexicon: minimum share of a class to be in a word's set.
    pub amb_min_share: f64,
    /// Show multi-word tokens fused half of the time.
    pub fuse_mwt: bool,
    /// Provenance text stored in the model.
    pub info: String,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 10,
            bits: 19,
            seed: 0x5EED_7A66,
            dict_min_count: 20,
            dict_min_ratio: 0.97,
            prune_below: 0.75,
            amb_min_count: 1,
            amb_min_share: 0.05,
            fuse_mwt: true,
            info: String::new(),
        }
    }
}

/// Token accuracy of a tagger on gold sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Accuracy {
    /// Tokens scored.
    pub tokens: usize,
    /// Tokens with the right UPOS.
    pub upos: usize,
    /// Tokens with the right Penn tag.
    pub penn: usize,
    /// Tokens with both right.
    pub both: usize,
}

impl Accuracy {
    /// UPOS accuracy in percent.
    pub fn upos_pct(&self) -> f64 {
        100.0 * self.upos as f64 / self.tokens.max(1) as f64
    }
    /// Penn accuracy in percent.
    pub fn penn_pct(&self) -> f64 {
        100.0 * self.penn as f64 / self.tokens.max(1) as f64
    }
}

/// Tags every sentence and counts correct tags.
pub fn evaluate(tagger: &Tagger, sentences: &[Sentence]) -> Accuracy {
    let mut acc = Accuracy::default();
    let mut out = Vec::new();
    for s in sentences {
        tagger.tag(&s.words, &mut out);
        for (i, t) in out.iter().enumerate() {
            let (u, p) = (t.upos == s.upos[i], t.penn == s.penn[i]);
            acc.tokens += 1;
            acc.upos += usize::from(u);
            acc.penn += usize::from(p);
            acc.both += usize::from(u && p);
        }
    }
    acc
}

/// The class list: every (Penn, UPOS) pair in the data, most frequent first.
fn classes_of(sentences: &[Sentence]) -> Vec<Tag> {
    let mut counts: BTreeMap<(u8, u8), usize> = BTreeMap::new();
    for s in sentences {
        for (p, u) in s.penn.iter().zip(&s.upos) {
            *counts.entry((*p as u8, *u as u8)).or_default() += 1;
        }
    }
    let mut v: Vec<((u8, u8), usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    assert!(v.len() <= MAX_CLASSES, "too many tag pairs");
    v.into_iter()
        .map(|((p, u), _)| Tag {
            penn: crate::tags::Penn::from_index(p).expect("valid"),
            upos: crate::tags::Upos::from_index(u).expect("valid"),
        })
        .collect()
}

fn class_index(classes: &[Tag], penn: crate::tags::Penn, upos: crate::tags::Upos) -> u8 {
    classes
        .iter()
        .position(|t| t.penn == penn && t.upos == upos)
        .expect("pair seen in training") as u8
}

/// Word hash → class → count, over the training data.
type Counts = BTreeMap<u64, BTreeMap<u8, u32>>;

fn count_words(sentences: &[Sentence], classes: &[Tag]) -> Counts {
    let mut counts = Counts::new();
    for s in sentences {
        for i in 0..s.words.len() {
            let key = Lex::new(&s.words[i]).word;
            let c = class_index(classes, s.penn[i], s.upos[i]);
            *counts.entry(key).or_default().entry(c).or_default() += 1;
        }
    }
    counts
}

fn build_dict(counts: &Counts, cfg: &TrainConfig) -> TagDict {
    let mut pairs = Vec::new();
    for (&key, by_class) in counts {
        let total: u32 = by_class.values().sum();
        let (best, n) = by_class
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .expect("non-empty");
        if total >= cfg.dict_min_count && f64::from(*n) / f64::from(total) >= cfg.dict_min_ratio {
            pairs.push((key, u16::from(*best)));
        }
    }
    TagDict::from_pairs(&pairs)
}

/// Assigns ids to ambiguity classes (sets of classes a word was seen with).
struct AmbClasses<'a> {
    cfg: &'a TrainConfig,
    ids: BTreeMap<Vec<u8>, u16>,
    set: Vec<u8>,
}

impl AmbClasses<'_> {
    /// The ambiguity-class id of a word with these counts, leaving out one
    /// occurrence of class `leave_out` if given; `None` if the word is too
    /// rare.
    fn id(&mut self, by_class: &BTreeMap<u8, u32>, leave_out: Option<u8>) -> Option<u16> {
        let count = |c: u8, n: u32| if Some(c) == leave_out { n - 1 } else { n };
        let total: u32 = by_class.iter().map(|(&c, &n)| count(c, n)).sum();
        if total < self.cfg.amb_min_count {
            return None;
        }
        self.set.clear();
        for (&c, &n) in by_class {
            let n = count(c, n);
            if n > 0 && f64::from(n) >= self.cfg.amb_min_share * f64::from(total) {
                self.set.push(c);
            }
        }
        let next = self.ids.len() as u16;
        Some(*self.ids.entry(self.set.clone()).or_insert(next))
    }
}

fn build_amb(counts: &Counts, amb: &mut AmbClasses<'_>) -> TagDict {
    let pairs: Vec<(u64, u16)> = counts
        .iter()
        .filter_map(|(&key, by_class)| amb.id(by_class, None).map(|id| (key, id)))
        .collect();
    TagDict::from_pairs(&pairs)
}

/// Seeded SplitMix64 generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Trains a tagger. `progress(epoch, share of perceptron-scored tokens
/// guessed right during the epoch)` is called after each epoch.
pub fn train(
    sentences: &[Sentence],
    cfg: &TrainConfig,
    mut progress: impl FnMut(usize, f64),
) -> Tagger {
    let classes = classes_of(sentences);
    let counts = count_words(sentences, &classes);
    let dict = build_dict(&counts, cfg);
    let mut amb_classes = AmbClasses {
        cfg,
        ids: BTreeMap::new(),
        set: Vec::new(),
    };
    let amb = build_amb(&counts, &mut amb_classes);
    let lexicon = Lexicon::new(dict.clone(), amb.clone(), &classes);
    let mut loo: Vec<u32> = Vec::new();
    let mut trainer = Trainer::new(classes.len(), cfg.bits);
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = Rng(cfg.seed);
    let mut scores: Scores = [0; MAX_CLASSES];
    let mut gold: Vec<u8> = Vec::new();
    for epoch in 0..cfg.epochs {
        for i in (1..order.len()).rev() {
            let j = rng.below(i + 1);
            order.swap(i, j);
        }
        let (mut seen, mut right) = (0usize, 0usize);
        for &si in &order {
            let orig = &sentences[si];
            let fused;
            let s = if cfg.fuse_mwt && !orig.mwts.is_empty() {
                let salt = cfg.seed ^ ((epoch as u64) << 48) ^ ((si as u64) << 8);
                fused = orig.fused(|k| mix(salt ^ k as u64) & 1 == 1);
                &fused
            } else {
                orig
            };
            gold.clear();
            gold.extend((0..s.words.len()).map(|i| class_index(&classes, s.penn[i], s.upos[i])));
            // Ambiguity classes as if this occurrence had not been in the
            // training data, so that training sees them as unreliable as
            // they are on new text.
            loo.clear();
            for (w, &g) in s.words.iter().zip(&gold) {
                let id = counts.get(&Lex::new(w).word).and_then(|by_class| {
                    let own = by_class.get(&g).is_some_and(|&n| n > 0);
                    amb_classes.id(by_class, own.then_some(g))
                });
                loo.push(id.map_or(0, |id| u32::from(id) + 1));
            }
            greedy(
                &lexicon,
                &s.words,
                Some(&loo),
                |i, feats| {
                    let truth = usize::from(gold[i]);
                    let guess = trainer.train_one(feats, truth, &mut scores);
                    seen += 1;
                    right += usize::from(guess == truth);
                    guess as u8
                },
                |_| {},
            );
        }
        progress(epoch + 1, right as f64 / seen.max(1) as f64);
    }
    let model = trainer.average(&QuantOptions {
        prune_below: cfg.prune_below,
    });
    Tagger::from_parts(classes, dict, amb, model, cfg.info.clone())
}
