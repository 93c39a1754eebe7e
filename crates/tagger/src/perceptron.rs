//! A small, generic averaged perceptron over hashed features.
//!
//! # Why this shape
//!
//! The engine needs several small linear models: this crate's part-of-speech
//! tagger (about a hundred classes) and binary classifiers elsewhere. They all
//! share the same needs: features are sparse and come as `u64` hashes (no
//! strings kept at run time, no vocabulary to ship), training must be
//! deterministic so a retrained model is byte-identical, and the trained
//! weights must load from an `include_bytes!` slice with no external crate.
//!
//! * **Hashed, fixed-size table.** A feature hash picks one of `2^bits` slots
//!   (by Fibonacci hashing, so any `u64` will do as a feature). Collisions are accepted: with `bits` around 20
//!   they cost almost nothing and keep lookups to one array index.
//! * **Multi-class, any N.** Each slot holds a sparse row of `(class, weight)`
//!   entries. A binary model is either `N = 1` (one weight per slot; the sign
//!   of the score is the decision, see [`Trainer::train_binary`] and
//!   [`Perceptron::score_binary`]) or `N = 2` used like any multi-class model.
//! * **Averaging** uses the "lazy sum" trick (Daumé): every update at time
//!   `t` adds `d` to the weight and `t·d` to a second accumulator, so the
//!   average over all `T` training instances is `w − u/T`, computed once at
//!   the end, with integers only during training (hence exact and
//!   deterministic).
//! * **Compact encoding.** Averaged weights are scaled to `i16` with one
//!   scale per model; entries that round to zero (or fall below a pruning
//!   threshold) are dropped. The file stores only non-empty slots with
//!   delta-coded slot numbers, and decoding rebuilds a CSR layout
//!   (`offsets` per slot + one packed entry array) so scoring a feature is
//!   two adjacent loads and a short loop.
//!
//! Scores are accumulated in a [`Scores`] array of 256 `i32` (classes are
//! `u8`), which lets the hot loop index without bounds checks.
//!
//! # Example: a binary model (N = 1)
//!
//! ```
//! use attributor_tagger::perceptron::{Trainer, QuantOptions, Perceptron};
//! let mut t = Trainer::new(1, 12);
//! for _ in 0..10 {
//!     t.train_binary(&[1, 7], true);
//!     t.train_binary(&[2, 7], false);
//! }
//! let model = t.average(&QuantOptions::default());
//! let model = Perceptron::decode(&model.encode()).unwrap();
//! assert!(model.score_binary(&[1, 7]) > 0);
//! assert!(model.score_binary(&[2, 7]) < 0);
//! ```

use crate::codec::{Reader, Writer};
use crate::error::ModelError;

/// Largest number of classes (class ids are `u8`).
pub const MAX_CLASSES: usize = 256;

/// Score accumulator: one `i32` per possible class id.
pub type Scores = [i32; MAX_CLASSES];

const MAGIC: &[u8; 4] = b"APCT";
const VERSION: u16 = 1;
const EMPTY: u32 = u32::MAX;

/// Slot of a feature: the top `bits` bits of the feature times an odd
/// constant (Fibonacci hashing), so that even small or poorly mixed feature
/// values spread over the table.
#[inline]
fn slot_of(feature: u64, bits: u8) -> usize {
    (feature.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - u32::from(bits))) as usize
}

fn check_shape(n_classes: usize, bits: u8) {
    assert!(
        (1..=MAX_CLASSES).contains(&n_classes),
        "n_classes must be in 1..=256"
    );
    assert!((1..=28).contains(&bits), "bits must be in 1..=28");
}

/// One stored weight: the class it votes for and its quantised value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C)]
struct Entry {
    weight: i16,
    class: u8,
}

/// A trained, quantised model, ready to score.
#[derive(Debug, Clone, PartialEq)]
pub struct Perceptron {
    n_classes: usize,
    bits: u8,
    /// Quantised weight = real weight × `scale`.
    scale: f32,
    /// CSR row starts, `2^bits + 1` of them.
    offsets: Vec<u32>,
    entries: Vec<Entry>,
}

impl Perceptron {
    /// Number of classes (1 for a binary model scored by sign).
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// log2 of the number of slots.
    pub fn bits(&self) -> u8 {
        self.bits
    }

    /// Number of stored (non-zero) weights.
    pub fn n_weights(&self) -> usize {
        self.entries.len()
    }

    /// Factor between stored integer scores and real perceptron scores.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Adds the weights of one feature to `scores`.
    #[inline]
    pub fn add_feature(&self, feature: u64, scores: &mut Scores) {
        let slot = slot_of(feature, self.bits);
        let start = self.offsets[slot] as usize;
        let end = self.offsets[slot + 1] as usize;
        for e in &self.entries[start..end] {
            scores[e.class as usize] += i32::from(e.weight);
        }
    }

    /// Adds the weights of all `features` to `scores` (does not clear it).
    ///
    /// Looks up all row ranges first, then adds: the range loads are
    /// independent, so the CPU overlaps their cache misses.
    #[inline]
    pub fn add_features(&self, features: &[u64], scores: &mut Scores) {
        const CHUNK: usize = 64;
        let mut ranges = [(0u32, 0u32); CHUNK];
        for chunk in features.chunks(CHUNK) {
            for (r, &f) in ranges.iter_mut().zip(chunk) {
                let slot = slot_of(f, self.bits);
                *r = (self.offsets[slot], self.offsets[slot + 1]);
            }
            for &(start, end) in &ranges[..chunk.len()] {
                for e in &self.entries[start as usize..end as usize] {
                    scores[e.class as usize] += i32::from(e.weight);
                }
            }
        }
    }

    /// Index of the best class in `scores[..n_classes]`; ties go to the
    /// lowest index.
    #[inline]
    pub fn argmax(&self, scores: &Scores) -> usize {
        argmax(&scores[..self.n_classes])
    }

    /// Clears `scores`, scores `features`, and returns the best class.
    pub fn predict(&self, features: &[u64], scores: &mut Scores) -> usize {
        scores[..self.n_classes].fill(0);
        self.add_features(features, scores);
        self.argmax(scores)
    }

    /// Integer score of class 0: for an `N = 1` binary model, positive means
    /// "yes". Divide by [`Perceptron::scale`] for the real-valued score.
    pub fn score_binary(&self, features: &[u64]) -> i32 {
        let mut s = 0i32;
        for &f in features {
            let slot = slot_of(f, self.bits);
            let (start, end) = (self.offsets[slot] as usize, self.offsets[slot + 1] as usize);
            for e in &self.entries[start..end] {
                if e.class == 0 {
                    s += i32::from(e.weight);
                }
            }
        }
        s
    }

    /// Serialises the model (see the module docs for the layout).
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer::new();
        self.encode_into(&mut w);
        w.buf
    }

    /// Serialises the model into an existing writer.
    pub fn encode_into(&self, w: &mut Writer) {
        w.bytes(MAGIC);
        w.u16(VERSION);
        w.u16(self.n_classes as u16);
        w.u8(self.bits);
        w.f32(self.scale);
        let n_slots = 1usize << self.bits;
        let nonempty = (0..n_slots)
            .filter(|&s| self.offsets[s] != self.offsets[s + 1])
            .count();
        w.varint(nonempty as u64);
        let mut next = 0usize;
        for s in 0..n_slots {
            let (start, end) = (self.offsets[s] as usize, self.offsets[s + 1] as usize);
            if start == end {
                continue;
            }
            w.varint((s - next) as u64);
            next = s + 1;
            w.varint((end - start - 1) as u64);
            for e in &self.entries[start..end] {
                if self.n_classes > 1 {
                    w.u8(e.class);
                }
                w.i16(e.weight);
            }
        }
    }

    /// Decodes a model produced by [`Perceptron::encode`].
    pub fn decode(bytes: &[u8]) -> Result<Self, ModelError> {
        let mut r = Reader::new(bytes);
        let p = Self::decode_from(&mut r)?;
        if r.remaining() != 0 {
            return Err(ModelError::Corrupt("trailing bytes after perceptron"));
        }
        Ok(p)
    }

    /// Decodes a model from a reader positioned at its magic bytes.
    pub fn decode_from(r: &mut Reader<'_>) -> Result<Self, ModelError> {
        r.magic(MAGIC)?;
        let version = r.u16()?;
        if version != VERSION {
            return Err(ModelError::UnsupportedVersion { found: version });
        }
        let n_classes = usize::from(r.u16()?);
        let bits = r.u8()?;
        if !(1..=MAX_CLASSES).contains(&n_classes) || !(1..=28).contains(&bits) {
            return Err(ModelError::Corrupt("bad perceptron shape"));
        }
        let scale = r.f32()?;
        if !(scale.is_finite() && scale > 0.0) {
            return Err(ModelError::Corrupt("bad weight scale"));
        }
        let n_slots = 1usize << bits;
        let nonempty = r.varint()? as usize;
        if nonempty > n_slots {
            return Err(ModelError::Corrupt("more rows than slots"));
        }
        let entry_size = if n_classes > 1 { 3 } else { 2 };
        let mut offsets = Vec::with_capacity(n_slots + 1);
        let mut entries = Vec::with_capacity(r.remaining() / entry_size);
        let mut next = 0usize;
        for _ in 0..nonempty {
            let slot = next
                .checked_add(r.varint()? as usize)
                .filter(|&s| s < n_slots)
                .ok_or(ModelError::Corrupt("slot out of range"))?;
            let count = r.varint()? as usize + 1;
            if count > n_classes {
                return Err(ModelError::Corrupt("row longer than class count"));
            }
            while offsets.len() <= slot {
                offsets.push(entries.len() as u32);
            }
            for _ in 0..count {
                let class = if n_classes > 1 { r.u8()? } else { 0 };
                if usize::from(class) >= n_classes {
                    return Err(ModelError::Corrupt("class out of range"));
                }
                let weight = r.i16()?;
                entries.push(Entry { weight, class });
            }
            next = slot + 1;
        }
        while offsets.len() <= n_slots {
            offsets.push(entries.len() as u32);
        }
        Ok(Perceptron {
            n_classes,
            bits,
            scale,
            offsets,
            entries,
        })
    }
}

/// Index of the largest value; ties go to the lowest index.
#[inline]
pub fn argmax(scores: &[i32]) -> usize {
    let mut best = 0;
    let mut best_score = i32::MIN;
    for (i, &s) in scores.iter().enumerate() {
        if s > best_score {
            best = i;
            best_score = s;
        }
    }
    best
}

/// How averaged weights are turned into the compact model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuantOptions {
    /// Averaged weights with absolute value below this are dropped
    /// (in perceptron units, i.e. number of updates).
    pub prune_below: f32,
}

impl Default for QuantOptions {
    fn default() -> Self {
        QuantOptions { prune_below: 0.0 }
    }
}

#[derive(Debug, Clone, Copy)]
struct TrainEntry {
    class: u32,
    /// Current weight.
    w: i32,
    /// Σ (time of update × delta), for averaging.
    u: i64,
}

/// Trains a [`Perceptron`]. Deterministic: the same calls in the same order
/// give the same model, bit for bit.
#[derive(Debug, Clone)]
pub struct Trainer {
    n_classes: usize,
    bits: u8,
    /// Slot → row index, or `EMPTY`.
    slots: Vec<u32>,
    rows: Vec<Vec<TrainEntry>>,
    /// Training instances seen so far.
    clock: u64,
}

impl Trainer {
    /// A trainer for `n_classes` classes (1..=256) and `2^bits` slots
    /// (1..=28).
    pub fn new(n_classes: usize, bits: u8) -> Self {
        check_shape(n_classes, bits);
        Trainer {
            n_classes,
            bits,
            slots: vec![EMPTY; 1 << bits],
            rows: Vec::new(),
            clock: 0,
        }
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Training instances seen so far.
    pub fn instances(&self) -> u64 {
        self.clock
    }

    /// Clears `scores` and adds the current (not averaged) weights of
    /// `features`.
    pub fn scores(&self, features: &[u64], scores: &mut Scores) {
        scores[..self.n_classes].fill(0);
        for &f in features {
            let row = self.slots[slot_of(f, self.bits)];
            if row != EMPTY {
                for e in &self.rows[row as usize] {
                    scores[e.class as usize] += e.w;
                }
            }
        }
    }

    /// Best class under the current weights.
    pub fn predict(&self, features: &[u64], scores: &mut Scores) -> usize {
        self.scores(features, scores);
        argmax(&scores[..self.n_classes])
    }

    fn bump(&mut self, feature: u64, class: usize, delta: i32) {
        let slot = slot_of(feature, self.bits);
        let mut row = self.slots[slot];
        if row == EMPTY {
            row = self.rows.len() as u32;
            self.slots[slot] = row;
            self.rows.push(Vec::with_capacity(2));
        }
        let t = self.clock as i64;
        let entries = &mut self.rows[row as usize];
        let e = match entries.iter().position(|e| e.class == class as u32) {
            Some(i) => &mut entries[i],
            None => {
                entries.push(TrainEntry {
                    class: class as u32,
                    w: 0,
                    u: 0,
                });
                entries.last_mut().expect("just pushed")
            }
        };
        e.w += delta;
        e.u += t * i64::from(delta);
    }

    /// Records one training instance whose prediction was `guess`: if it
    /// differs from `truth`, every feature gains +1 for `truth` and −1 for
    /// `guess`. Advances the averaging clock in any case.
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        assert!(truth < self.n_classes && guess < self.n_classes);
        if truth != guess {
            for &f in features {
                self.bump(f, truth, 1);
                self.bump(f, guess, -1);
            }
        }
        self.clock += 1;
    }

    /// Predicts, updates, and returns the prediction made before the update.
    pub fn train_one(&mut self, features: &[u64], truth: usize, scores: &mut Scores) -> usize {
        let guess = self.predict(features, scores);
        self.update(features, truth, guess);
        guess
    }

    /// Binary training for an `N = 1` model: the decision is `score > 0`;
    /// on a mistake every feature moves by ±1 towards `label`. Returns the
    /// prediction made before the update.
    pub fn train_binary(&mut self, features: &[u64], label: bool) -> bool {
        assert_eq!(self.n_classes, 1, "train_binary needs an N = 1 trainer");
        let mut s = 0i64;
        for &f in features {
            let row = self.slots[slot_of(f, self.bits)];
            if row != EMPTY {
                s += self.rows[row as usize]
                    .iter()
                    .map(|e| i64::from(e.w))
                    .sum::<i64>();
            }
        }
        let guess = s > 0;
        if guess != label {
            let d = if label { 1 } else { -1 };
            for &f in features {
                self.bump(f, 0, d);
            }
        }
        self.clock += 1;
        guess
    }

    /// Averages the weights over all instances seen, quantises them to
    /// `i16` and builds the compact model.
    pub fn average(&self, opts: &QuantOptions) -> Perceptron {
        let t = self.clock.max(1) as f64;
        let avg = |e: &TrainEntry| (f64::from(e.w) - e.u as f64 / t) as f32;
        let max_abs = self
            .rows
            .iter()
            .flatten()
            .map(|e| avg(e).abs())
            .fold(0.0f32, f32::max);
        let scale = if max_abs > 0.0 {
            32000.0 / max_abs
        } else {
            1.0
        };
        let n_slots = 1usize << self.bits;
        let mut offsets = Vec::with_capacity(n_slots + 1);
        let mut entries = Vec::new();
        let mut row_buf: Vec<Entry> = Vec::new();
        for s in 0..n_slots {
            offsets.push(entries.len() as u32);
            let row = self.slots[s];
            if row == EMPTY {
                continue;
            }
            row_buf.clear();
            for e in &self.rows[row as usize] {
                let a = avg(e);
                if a.abs() < opts.prune_below {
                    continue;
                }
                let q = (a * scale).round().clamp(-32767.0, 32767.0) as i16;
                if q != 0 {
                    row_buf.push(Entry {
                        weight: q,
                        class: e.class as u8,
                    });
                }
            }
            row_buf.sort_by_key(|e| e.class);
            entries.extend_from_slice(&row_buf);
        }
        offsets.push(entries.len() as u32);
        Perceptron {
            n_classes: self.n_classes,
            bits: self.bits,
            scale,
            offsets,
            entries,
        }
    }
}
