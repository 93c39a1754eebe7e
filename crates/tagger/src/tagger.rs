//! Greedy left-to-right part-of-speech tagger (Honnibal's averaged
//! perceptron recipe) predicting UPOS and Penn tags together.
//!
//! # Why this design
//!
//! * **Greedy, left to right.** Each token is decided once, using the two
//!   tags already predicted on its left; no beam, no Viterbi. On English this
//!   loses very little accuracy and keeps tagging linear and allocation-free.
//! * **One class per (Penn, UPOS) pair.** See [`crate::tags`]: both tag sets
//!   come out of one model and agree with each other.
//! * **Tag dictionary first.** Frequent unambiguous words are answered by
//!   [`TagDict`] without scoring; curly and PTB-style opening/closing quotes
//!   are answered by their direction, which straight quotes do not show.
//! * **Robust to news typography.** Features see normalised characters (see
//!   [`crate::features`]), so `“`, `’` and `—` behave like the EWT's ASCII.
//!
//! The model is loaded with [`Tagger::from_bytes`], typically from
//! `include_bytes!`. [`Tagger::tag`] allocates nothing but the growth of the
//! caller's output vector: features go to a stack array and the five-token
//! window of lexical hashes is a stack array too.
//!
//! ```
//! # let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/model/tagger.bin")).unwrap();
//! use attributor_tagger::{Tagger, Upos, Penn};
//! let tagger = Tagger::from_bytes(&bytes).unwrap();
//! let mut tags = Vec::new();
//! tagger.tag(&["She", "said", "so", "."], &mut tags);
//! assert_eq!(tags[1].upos, Upos::Verb);
//! assert_eq!(tags[1].penn, Penn::Vbd);
//! ```

use crate::codec::{Reader, Writer};
use crate::error::ModelError;
use crate::features::{FEATURE_VERSION, Lex, MAX_FEATURES, TAG_START1, TAG_START2, extract};
use crate::perceptron::{Perceptron, Scores};
use crate::tagdict::TagDict;
use crate::tags::{Penn, Tag, Upos};

const MAGIC: &[u8; 4] = b"ATGR";
const VERSION: u16 = 1;

/// What answers a token before the perceptron is asked: the tag dictionary
/// and the quote-direction rule. Shared by tagging and training so both see
/// the same thing.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Lexicon {
    pub(crate) dict: TagDict,
    /// Word hash → ambiguity-class id.
    pub(crate) amb: TagDict,
    pub(crate) open_quote: Option<u8>,
    pub(crate) close_quote: Option<u8>,
}

impl Lexicon {
    pub(crate) fn new(dict: TagDict, amb: TagDict, classes: &[Tag]) -> Lexicon {
        let find = |penn: Penn| {
            classes
                .iter()
                .position(|t| t.penn == penn && t.upos == Upos::Punct)
                .map(|i| i as u8)
        };
        Lexicon {
            dict,
            amb,
            open_quote: find(Penn::OpenQuote),
            close_quote: find(Penn::CloseQuote),
        }
    }

    #[inline]
    fn fixed(&self, raw: &str, lex: &Lex) -> Option<u8> {
        match raw {
            "\u{201C}" | "\u{2018}" | "``" | "\u{201E}" => self.open_quote,
            "\u{201D}" | "''" => self.close_quote,
            _ => self.dict.get(lex.word).map(|c| c as u8),
        }
    }
}

#[inline]
fn lex_at<S: AsRef<str>>(lexicon: &Lexicon, amb: Option<&[u32]>, words: &[S], j: usize) -> Lex {
    match j.checked_sub(words.len()) {
        None => {
            let mut lex = Lex::new(words[j].as_ref());
            lex.amb = match amb {
                Some(a) => a[j],
                None => lexicon.amb.get(lex.word).map_or(0, |a| u32::from(a) + 1),
            };
            lex
        }
        Some(0) => Lex::end(1),
        Some(_) => Lex::end(2),
    }
}

/// The greedy loop shared by tagging and training: for each token, the
/// lexicon answers or `decide` is called with the token's index and
/// features; `emit` receives every chosen class in order. `amb` overrides
/// the ambiguity classes (training uses leave-one-out values).
#[inline]
pub(crate) fn greedy<S: AsRef<str>>(
    lexicon: &Lexicon,
    words: &[S],
    amb: Option<&[u32]>,
    mut decide: impl FnMut(usize, &[u64]) -> u8,
    mut emit: impl FnMut(u8),
) {
    let mut win = [
        Lex::start(2),
        Lex::start(1),
        lex_at(lexicon, amb, words, 0),
        lex_at(lexicon, amb, words, 1),
        lex_at(lexicon, amb, words, 2),
    ];
    let mut feats = [0u64; MAX_FEATURES];
    let (mut prev, mut prev2) = (TAG_START1, TAG_START2);
    for i in 0..words.len() {
        let class = match lexicon.fixed(words[i].as_ref(), &win[2]) {
            Some(c) => c,
            None => {
                let n = extract(&win, prev, prev2, i == 0, &mut feats);
                decide(i, &feats[..n])
            }
        };
        emit(class);
        prev2 = prev;
        prev = u32::from(class);
        win.rotate_left(1);
        win[4] = lex_at(lexicon, amb, words, i + 3);
    }
}

/// A loaded part-of-speech tagger. Immutable and cheap to share between
/// threads (`&Tagger` is all tagging needs).
#[derive(Debug, Clone, PartialEq)]
pub struct Tagger {
    pub(crate) classes: Vec<Tag>,
    pub(crate) lexicon: Lexicon,
    pub(crate) model: Perceptron,
    pub(crate) info: String,
}

impl Tagger {
    /// Builds a tagger from its parts (used by training).
    pub(crate) fn from_parts(
        classes: Vec<Tag>,
        dict: TagDict,
        amb: TagDict,
        model: Perceptron,
        info: String,
    ) -> Tagger {
        let lexicon = Lexicon::new(dict, amb, &classes);
        Tagger {
            classes,
            lexicon,
            model,
            info,
        }
    }

    /// Tags `words` (one sentence, already tokenised), replacing the
    /// contents of `out` with one [`Tag`] per word.
    ///
    /// Accepts `&[&str]`, `&[String]` or anything `AsRef<str>`. Allocates
    /// nothing except to grow `out`; reuse `out` across calls.
    pub fn tag<S: AsRef<str>>(&self, words: &[S], out: &mut Vec<Tag>) {
        out.clear();
        out.reserve(words.len());
        let mut scores: Scores = [0; crate::perceptron::MAX_CLASSES];
        greedy(
            &self.lexicon,
            words,
            None,
            |_, feats| self.model.predict(feats, &mut scores) as u8,
            |c| out.push(self.classes[usize::from(c)]),
        );
    }

    /// The (Penn, UPOS) pairs the model predicts, in class order.
    pub fn classes(&self) -> &[Tag] {
        &self.classes
    }

    /// Number of words in the tag dictionary.
    pub fn dict_len(&self) -> usize {
        self.lexicon.dict.len()
    }

    /// The underlying perceptron.
    pub fn perceptron(&self) -> &Perceptron {
        &self.model
    }

    /// Free-text provenance stored in the model (training data, licence).
    pub fn info(&self) -> &str {
        &self.info
    }

    /// Serialises the tagger: magic `ATGR`, format version, feature version,
    /// provenance text, classes, tag dictionary, ambiguity lexicon, perceptron.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::new();
        w.bytes(MAGIC);
        w.u16(VERSION);
        w.u8(FEATURE_VERSION);
        w.varint(self.info.len() as u64);
        w.bytes(self.info.as_bytes());
        w.u8((self.classes.len() - 1) as u8);
        for t in &self.classes {
            w.u8(t.penn as u8);
            w.u8(t.upos as u8);
        }
        self.lexicon.dict.encode_into(&mut w);
        self.lexicon.amb.encode_into(&mut w);
        self.model.encode_into(&mut w);
        w.buf
    }

    /// Loads a tagger written by [`Tagger::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        let mut r = Reader::new(bytes);
        r.magic(MAGIC)?;
        let version = r.u16()?;
        if version != VERSION {
            return Err(ModelError::UnsupportedVersion { found: version });
        }
        if r.u8()? != FEATURE_VERSION {
            return Err(ModelError::Corrupt(
                "model was trained with other feature definitions",
            ));
        }
        let info_len = r.varint()? as usize;
        let info = std::str::from_utf8(r.bytes(info_len)?)
            .map_err(|_| ModelError::Corrupt("provenance text is not UTF-8"))?
            .to_string();
        let n_classes = usize::from(r.u8()?) + 1;
        let mut classes = Vec::with_capacity(n_classes);
        for _ in 0..n_classes {
            let penn = Penn::from_index(r.u8()?).ok_or(ModelError::Corrupt("bad Penn tag"))?;
            let upos = Upos::from_index(r.u8()?).ok_or(ModelError::Corrupt("bad UPOS tag"))?;
            classes.push(Tag { upos, penn });
        }
        let dict = TagDict::decode_from(&mut r, n_classes)?;
        let amb = TagDict::decode_from(&mut r, usize::from(u16::MAX))?;
        let model = Perceptron::decode_from(&mut r)?;
        if model.n_classes() != n_classes {
            return Err(ModelError::Corrupt("perceptron class count mismatch"));
        }
        if r.remaining() != 0 {
            return Err(ModelError::Corrupt("trailing bytes after tagger"));
        }
        Ok(Tagger::from_parts(classes, dict, amb, model, info))
    }
}
