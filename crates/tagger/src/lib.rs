//! Part-of-speech tagging for the attributor engine: a greedy averaged
//! perceptron (Honnibal 2013) over hashed features, trained on the Universal
//! Dependencies English Web Treebank, predicting Universal POS tags and Penn
//! Treebank tags together.
//!
//! * [`perceptron`]: the generic hashed averaged perceptron (multi-class or
//!   binary), its trainer and its compact byte format. Meant to be shared by
//!   other models of the engine.
//! * [`tagger`]: the tagger itself ([`Tagger::from_bytes`], [`Tagger::tag`]).
//! * [`features`]: character normalisation (curly quotes, dashes) and the
//!   feature templates.
//! * [`tagdict`]: the dictionary of frequent unambiguous words.
//! * [`tags`]: [`Upos`], [`Penn`] and [`Tag`].
//! * [`train`] and [`conllu`]: training and evaluation from CoNLL-U files.
//!
//! Pure Rust, `std` only, no unsafe, no run-time downloads: the model is a
//! byte slice (usually `include_bytes!`).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod codec;
pub mod conllu;
pub mod error;
pub mod features;
pub mod hash;
pub mod perceptron;
pub mod tagdict;
pub mod tagger;
pub mod tags;
pub mod train;

pub use error::ModelError;

/// The shipped model's bytes (`model/tagger.bin`: trained on UD English
/// EWT, CC BY-SA 4.0; `model/README.md` says how and what it scores), for
/// [`Tagger::from_bytes`].
pub static SHIPPED_MODEL: &[u8] = include_bytes!("../model/tagger.bin");
pub use tagger::Tagger;
pub use tags::{Penn, Tag, Upos};
