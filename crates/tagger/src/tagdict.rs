//! Tag dictionary: frequent, unambiguous words answered without scoring
//! (and the same hash table type for the word → ambiguity-class lexicon).
//!
//! Following Honnibal's recipe, a word seen at least `min_count` times in
//! training with one class at least `min_ratio` of the time (20 and 97 % by
//! default) is tagged straight from this table. Those words ("the", ",",
//! "of", "and") are a large share of running text, so the dictionary is where
//! most of the tagger's speed comes from, and the perceptron never needs to
//! learn them.
//!
//! Keys are the 64-bit hashes of the normalised, cased word ([`Lex::word`]);
//! the table is open-addressed with linear probing, sized to a power of two at
//! most half full, so a lookup is usually one or two probes.
//!
//! [`Lex::word`]: crate::features::Lex::word

use crate::codec::{Reader, Writer};
use crate::error::ModelError;

/// Word hash → small integer (class or ambiguity-class id) table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TagDict {
    keys: Vec<u64>,
    classes: Vec<u16>,
    len: usize,
}

#[inline]
fn nonzero(key: u64) -> u64 {
    if key == 0 { 1 } else { key }
}

impl TagDict {
    /// Builds the table from `(word hash, class)` pairs.
    pub fn from_pairs(pairs: &[(u64, u16)]) -> TagDict {
        let cap = (pairs.len() * 2).next_power_of_two().max(8);
        let mut d = TagDict {
            keys: vec![0; cap],
            classes: vec![0; cap],
            len: 0,
        };
        for &(k, c) in pairs {
            d.insert(k, c);
        }
        d
    }

    fn insert(&mut self, key: u64, class: u16) {
        let key = nonzero(key);
        let mask = self.keys.len() - 1;
        let mut i = (key as usize) & mask;
        loop {
            if self.keys[i] == 0 {
                self.keys[i] = key;
                self.classes[i] = class;
                self.len += 1;
                return;
            }
            if self.keys[i] == key {
                self.classes[i] = class;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /// Number of words in the dictionary.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True if the dictionary is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The class of a word hash, if the word is in the dictionary.
    #[inline]
    pub fn get(&self, key: u64) -> Option<u16> {
        if self.keys.is_empty() {
            return None;
        }
        let key = nonzero(key);
        let mask = self.keys.len() - 1;
        let mut i = (key as usize) & mask;
        loop {
            let k = self.keys[i];
            if k == key {
                return Some(self.classes[i]);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// All `(hash, class)` pairs, sorted by hash.
    pub fn pairs(&self) -> Vec<(u64, u16)> {
        let mut v: Vec<(u64, u16)> = self
            .keys
            .iter()
            .zip(&self.classes)
            .filter(|(k, _)| **k != 0)
            .map(|(&k, &c)| (k, c))
            .collect();
        v.sort_unstable();
        v
    }

    /// Serialises the dictionary (count, then sorted `u64` key + `u16` value).
    pub fn encode_into(&self, w: &mut Writer) {
        let pairs = self.pairs();
        w.u32(pairs.len() as u32);
        for (k, c) in pairs {
            w.u64(k);
            w.u16(c);
        }
    }

    /// Decodes what [`TagDict::encode_into`] wrote; values must be below
    /// `n_values`.
    pub fn decode_from(r: &mut Reader<'_>, n_values: usize) -> Result<TagDict, ModelError> {
        let n = r.u32()? as usize;
        if n > r.remaining() / 10 {
            return Err(ModelError::Truncated);
        }
        let mut pairs = Vec::with_capacity(n);
        for _ in 0..n {
            let k = r.u64()?;
            let c = r.u16()?;
            if usize::from(c) >= n_values {
                return Err(ModelError::Corrupt("tag dictionary class out of range"));
            }
            pairs.push((k, c));
        }
        Ok(TagDict::from_pairs(&pairs))
    }
}
