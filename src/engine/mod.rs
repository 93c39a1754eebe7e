//! The extraction engine: article text in, attributed statements out.
//!
//! This module knows nothing about gRPC. The server, the CLI and the tests are
//! thin shells around [`extract`]. The engine is a pipeline of small typed
//! stages, each working over byte spans of the original text (never over a
//! copy whose offsets drift):
//!
//! 1. `text`      — paragraphs, sentences and tokens with their spans.
//! 2. `quotes`    — quotation spans (direct content inside quotation marks).
//! 3. `cues`      — reporting cues ("said", "according to") from a lexicon.
//! 4. `mentions`  — speaker mentions (names, titles, descriptors, pronouns).
//! 5. `attribute` — ties each quotation / reported clause to a cue and a speaker.
//! 6. `resolve`   — coreference: mentions to entities with canonical names.
//! 7. `dates`     — the reference date and the date of each statement.
//!
//! All spans inside the engine are byte offsets into the input `&str`
//! ([`Span`]); converting them to code-point offsets is the shell's job.

pub mod dates;
mod types;

pub use types::*;

/// The engine version reported in every response.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Extracts every attributed statement from `doc`.
///
/// Errors are values: an empty text or an unusable reference date is reported
/// as an [`EngineError`], never a panic.
pub fn extract(doc: &Document<'_>) -> Result<Extraction, EngineError> {
    if doc.text.trim().is_empty() {
        return Err(EngineError::EmptyText);
    }
    let published = match doc.published {
        Some(raw) if !raw.trim().is_empty() => Some(dates::parse_published(raw)?),
        _ => dates::find_dateline(doc.text),
    };
    // The attribution stages are not built yet: the engine finds nothing so far.
    Ok(Extraction {
        published,
        statements: Vec::new(),
        speakers: Vec::new(),
    })
}
