//! Word normalisation and feature extraction for the tagger.
//!
//! # Why normalise
//!
//! The tagger is trained on the English Web Treebank, which mostly writes
//! straight quotes and `--`, but it runs on news, which writes curly quotes
//! `“ ” ‘ ’`, em and en dashes and `…`. Every character is therefore mapped
//! to its plain ASCII counterpart *inside feature extraction* (the caller's
//! tokens are never changed): `n’t` looks like `n't`, `—` like `--`, so the
//! weights learnt for the ASCII forms apply. Numbers are collapsed the way
//! Honnibal's tagger does (`!YEAR` for four digits, `!DIGITS` for anything
//! starting with a digit) and their form survives in the shape feature.
//!
//! # Why precomputed lexical hashes
//!
//! Each token's lexical hashes (word, lowercase, suffixes, prefix, shape,
//! flags) are computed once, in one pass over its characters with no
//! allocation ([`Lex::new`]), and kept in a five-token sliding window. The
//! features of position *i* are then just hash combinations of the window
//! and the two previous tags ([`extract`]), about two dozen `u64`s written
//! into a fixed array.
//!
//! Changing anything here changes the meaning of trained weights: bump
//! [`FEATURE_VERSION`] so old model files are refused.

use crate::hash::{StrHasher, feat1, feat2, hash_str, mix};

/// Version of the feature definitions; stored in model files.
pub const FEATURE_VERSION: u8 = 1;

/// Maximum number of features per token.
pub const MAX_FEATURES: usize = 40;

/// First letter is upper case.
pub const F_CAP: u8 = 1;
/// All letters upper case, at least two of them.
pub const F_ALLCAPS: u8 = 2;
/// Contains a digit.
pub const F_DIGIT: u8 = 4;
/// Contains a hyphen (after normalisation).
pub const F_HYPHEN: u8 = 8;
/// Contains a letter.
pub const F_ALPHA: u8 = 16;

/// Lexical hashes of one token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lex {
    /// Normalised word, original case (numbers collapsed).
    pub word: u64,
    /// Normalised word, lower case (numbers collapsed).
    pub lower: u64,
    /// Last 1, 2, 3 characters of the lower-cased normalised word.
    pub suf1: u64,
    /// See `suf1`.
    pub suf2: u64,
    /// See `suf1`.
    pub suf3: u64,
    /// Last 4 characters (see `suf1`).
    pub suf4: u64,
    /// First two characters, lower-cased.
    pub pre2: u64,
    /// First character, lower-cased.
    pub pre1: u64,
    /// Shape: `X` upper, `x` lower, `d` digit, others kept; runs capped at 3.
    pub shape: u64,
    /// `F_*` bits.
    pub flags: u8,
    /// Ambiguity class: 0 for words not in the lexicon, else 1 + the id of
    /// the set of classes the word had in training (filled in by the
    /// tagger, not by [`Lex::new`]).
    pub amb: u32,
}

/// Calls `emit` with the normalised characters of `c` (usually one).
#[inline]
fn norm_char(c: char, mut emit: impl FnMut(char)) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
            emit('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => emit('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => emit('-'),
        '\u{2026}' => {
            emit('.');
            emit('.');
            emit('.');
        }
        '\u{00A0}' | '\u{2009}' | '\u{202F}' => emit(' '),
        _ => emit(c),
    }
}

/// Calls `emit` with the normalised characters of a whole token.
#[inline]
pub fn for_each_norm_char(word: &str, mut emit: impl FnMut(char)) {
    match word {
        // A lone dash is the EWT's `--`; PTB-style quote pairs are `"`.
        "\u{2014}" | "\u{2013}" | "\u{2015}" => {
            emit('-');
            emit('-');
        }
        "``" | "''" | "\u{2018}\u{2018}" | "\u{2019}\u{2019}" => emit('"'),
        _ => {
            for c in word.chars() {
                norm_char(c, &mut emit);
            }
        }
    }
}

/// The normalised form of a token as a `String` (for tests and tools; the
/// tagger itself never builds it).
pub fn normalise(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    for_each_norm_char(word, |c| s.push(c));
    s
}

fn lower_char(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

fn hash_chars(cs: &[char]) -> u64 {
    let mut h = StrHasher::new();
    for &c in cs {
        h.push(c);
    }
    h.finish()
}

impl Lex {
    /// Computes the lexical hashes of `word` (no allocation).
    pub fn new(word: &str) -> Lex {
        let mut word_h = StrHasher::new();
        let mut lower_h = StrHasher::new();
        let mut shape_h = StrHasher::new();
        let mut last = ['\0'; 4];
        let mut head = ['\0'; 2];
        let mut n = 0usize;
        let mut first = '\0';
        let mut flags = 0u8;
        let mut upper = 0usize;
        let mut lowers = 0usize;
        let mut digits_only = true;
        let mut shape_prev = '\0';
        let mut run = 0usize;
        for_each_norm_char(word, |c| {
            let lc = lower_char(c);
            if n == 0 {
                first = lc;
                if c.is_uppercase() {
                    flags |= F_CAP;
                }
            }
            if n < 2 {
                head[n] = lc;
            }
            n += 1;
            word_h.push(c);
            lower_h.push(lc);
            last = [last[1], last[2], last[3], lc];
            let s = if c.is_alphabetic() {
                flags |= F_ALPHA;
                if c.is_uppercase() {
                    upper += 1;
                    'X'
                } else {
                    lowers += 1;
                    'x'
                }
            } else if c.is_ascii_digit() {
                flags |= F_DIGIT;
                'd'
            } else {
                if c == '-' {
                    flags |= F_HYPHEN;
                }
                c
            };
            if !c.is_ascii_digit() {
                digits_only = false;
            }
            if s == shape_prev {
                run += 1;
            } else {
                run = 1;
                shape_prev = s;
            }
            if run <= 3 {
                shape_h.push(s);
            }
        });
        if upper >= 2 && lowers == 0 {
            flags |= F_ALLCAPS;
        }
        let (word, lower) = if first.is_ascii_digit() {
            let h = if digits_only && n == 4 {
                hash_str("!YEAR")
            } else {
                hash_str("!DIGITS")
            };
            (h, h)
        } else {
            (word_h.finish(), lower_h.finish())
        };
        let k = n.min(4);
        let tail = &last[4 - k..];
        Lex {
            word,
            lower,
            suf1: hash_chars(&tail[tail.len().saturating_sub(1)..]),
            suf2: hash_chars(&tail[tail.len().saturating_sub(2)..]),
            suf3: hash_chars(&tail[tail.len().saturating_sub(3)..]),
            suf4: hash_chars(tail),
            pre1: hash_chars(&[first]),
            pre2: hash_chars(&head[..n.min(2)]),
            shape: shape_h.finish(),
            flags,
            amb: 0,
        }
    }

    /// Padding token before the sentence (`k` = 1 or 2 positions before).
    pub fn start(k: u64) -> Lex {
        Self::pad(0x5741_5254 + k)
    }

    /// Padding token after the sentence (`k` = 1 or 2 positions after).
    pub fn end(k: u64) -> Lex {
        Self::pad(0x454E_4400 + k)
    }

    fn pad(seed: u64) -> Lex {
        let h = mix(seed);
        Lex {
            word: h,
            lower: h,
            suf1: h,
            suf2: h,
            suf3: h,
            suf4: h,
            pre1: h,
            pre2: h,
            shape: h,
            flags: 0,
            amb: (seed & 0xff) as u32 + 0x10_0000,
        }
    }
}

/// Previous-tag value before the sentence start (one position back).
pub const TAG_START1: u32 = 1000;
/// Previous-tag value before the sentence start (two positions back).
pub const TAG_START2: u32 = 1001;

/// Writes the features of the middle token of `win` (positions i−2..=i+2)
/// into `out` and returns how many there are.
#[inline]
pub fn extract(
    win: &[Lex; 5],
    prev: u32,
    prev2: u32,
    first: bool,
    out: &mut [u64; MAX_FEATURES],
) -> usize {
    let w = &win[2];
    let (p, p2) = (u64::from(prev), u64::from(prev2));
    let mut n = 0;
    let mut put = |f: u64| {
        out[n] = f;
        n += 1;
    };
    put(feat1(0, 0));
    put(feat1(1, w.word));
    put(feat1(2, w.lower));
    put(feat1(3, w.suf3));
    put(feat1(4, w.suf2));
    put(feat1(5, w.suf1));
    put(feat1(6, w.pre1));
    put(feat1(7, w.shape));
    put(feat1(8, p));
    put(feat1(9, p2));
    put(feat2(10, p, p2));
    put(feat2(11, p, w.lower));
    put(feat1(12, win[1].lower));
    put(feat1(13, win[1].suf3));
    put(feat1(14, win[0].lower));
    put(feat1(15, win[0].suf3));
    put(feat1(16, win[3].lower));
    put(feat1(17, win[3].suf3));
    put(feat1(18, win[4].lower));
    put(feat1(19, win[4].suf3));
    let caps = w.flags & (F_CAP | F_ALLCAPS | F_ALPHA);
    put(feat1(20, u64::from(caps) | (u64::from(first) << 8)));
    if w.flags & F_DIGIT != 0 {
        put(feat1(21, 1));
    }
    if w.flags & F_HYPHEN != 0 {
        put(feat1(22, 1));
    }
    put(feat2(23, win[1].lower, w.lower));
    put(feat2(24, w.lower, win[3].lower));
    put(feat2(25, p, w.suf3));
    put(feat1(26, win[3].shape));
    put(feat1(27, w.suf4));
    put(feat1(28, w.pre2));
    let cap = |l: &Lex| u64::from(l.flags & (F_CAP | F_ALLCAPS | F_ALPHA));
    put(feat1(29, cap(&win[1]) | cap(w) << 8 | cap(&win[3]) << 16));
    put(feat1(30, win[1].word));
    put(feat1(31, win[3].word));
    put(feat2(32, p, win[3].lower));
    let (a0, a1, a2) = (
        u64::from(w.amb),
        u64::from(win[3].amb),
        u64::from(win[4].amb),
    );
    put(feat1(33, a0));
    put(feat1(34, a1));
    put(feat1(35, a2));
    put(feat2(36, a0, a1));
    put(feat2(37, p, a1));
    put(feat2(38, a1, a2));
    n
}
