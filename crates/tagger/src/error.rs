//! Errors returned when decoding a serialised model.
//!
//! Models are loaded from bytes (usually `include_bytes!`), so the only thing
//! that can go wrong is a file that is not what the decoder expects: a wrong
//! magic number, an unsupported version, a truncated buffer or inconsistent
//! contents. Each case says which, so the caller can tell a stale model file
//! from a corrupted one.

use std::fmt;

/// Why a model could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    /// The buffer does not start with the expected magic bytes.
    BadMagic {
        /// What the section should have started with.
        expected: [u8; 4],
    },
    /// The format version is not one this build understands; retrain or
    /// upgrade the crate.
    UnsupportedVersion {
        /// Version found in the file.
        found: u16,
    },
    /// The buffer ended in the middle of a section.
    Truncated,
    /// The contents are inconsistent (the message says what was wrong).
    Corrupt(&'static str),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::BadMagic { expected } => write!(
                f,
                "model bytes do not start with magic {:?}; is this the right file?",
                String::from_utf8_lossy(expected)
            ),
            ModelError::UnsupportedVersion { found } => {
                write!(
                    f,
                    "unsupported model format version {found}; retrain the model"
                )
            }
            ModelError::Truncated => write!(f, "model bytes are truncated"),
            ModelError::Corrupt(what) => write!(f, "model bytes are corrupt: {what}"),
        }
    }
}

impl std::error::Error for ModelError {}
