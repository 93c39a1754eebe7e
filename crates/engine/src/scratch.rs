//! Working lists an extraction needs only while it runs (tokens,
//! paragraphs, quotations, sentences, the statements found before
//! resolution, the content labeller's lists, the dating stage's frames),
//! kept from one extraction for the next.
//!
//! Fresh memory is paid for in page faults, and a long document's working
//! lists are large: a 10 MB article has some 55 MB of tokens. glibc hands
//! allocations over 32 MiB back to the kernel when they are freed, so
//! every such document faulted all of its pages in again (13,000 faults,
//! 3–8 µs each on a virtual machine), which made the time per byte of a
//! 10 MB document twice that of a short one. Reused lists are already
//! mapped.
//!
//! The pool is bounded: at most [`MAX_POOLED`] sets are kept, and a set
//! that grew past [`MAX_RETAINED_BYTES`] is freed rather than kept, so the
//! memory a long-running service holds on to after its largest documents
//! stays bounded (for 8 MiB requests, about 110 MB a set at worst, plus
//! the content labeller's per-paragraph lists: some 30 bytes a token of the
//! document's longest paragraph).

use std::sync::Mutex;

use super::Span;
use crate::attribution::Found;
use crate::labeller::Labeller;
use crate::stamp::Frame;
use crate::text::quotes::Quotation;
use crate::text::{Paragraph, Sentence, Token};

/// How many sets of lists are kept (extractions running at once beyond
/// this allocate their own).
const MAX_POOLED: usize = 2;

/// The largest set kept, in bytes of list elements ever written.
const MAX_RETAINED_BYTES: usize = 192 << 20;

/// One extraction's working lists, empty between extractions.
#[derive(Default)]
pub(crate) struct Scratch {
    pub tokens: Vec<Token>,
    pub paragraphs: Vec<Paragraph>,
    pub quotations: Vec<Quotation>,
    pub sentences: Vec<Sentence>,
    pub found: Vec<Found>,
    pub frames: Vec<Frame>,
    pub quote_spans: Vec<Span>,
    pub labeller: Labeller,
    /// The most bytes of elements these lists have held at once.
    high_water: usize,
}

static POOL: Mutex<Vec<Scratch>> = Mutex::new(Vec::new());

/// A set of empty lists, kept from an earlier extraction when there is one.
pub(crate) fn take() -> Scratch {
    POOL.lock()
        .ok()
        .and_then(|mut pool| pool.pop())
        .unwrap_or_default()
}

/// Empties `scratch` and keeps it for the next extraction, unless the pool
/// is full or the lists grew too large to hold on to.
pub(crate) fn give_back(mut scratch: Scratch) {
    scratch.high_water = scratch.high_water.max(scratch.bytes_used());
    if scratch.high_water > MAX_RETAINED_BYTES {
        return;
    }
    scratch.tokens.clear();
    scratch.paragraphs.clear();
    scratch.quotations.clear();
    scratch.sentences.clear();
    scratch.found.clear();
    scratch.frames.clear();
    scratch.quote_spans.clear();
    scratch.labeller.clear();
    if let Ok(mut pool) = POOL.lock()
        && pool.len() < MAX_POOLED
    {
        pool.push(scratch);
    }
}

impl Scratch {
    /// Records the lists' size while they are full, with `found_bytes` of
    /// found statements (handed on to resolution since).
    pub(crate) fn note_peak(&mut self, found_bytes: usize) {
        self.high_water = self.high_water.max(self.bytes_used() + found_bytes);
    }

    /// Bytes of the elements the lists hold now.
    fn bytes_used(&self) -> usize {
        fn bytes<T>(v: &[T]) -> usize {
            size_of_val(v)
        }
        bytes(&self.tokens)
            + bytes(&self.paragraphs)
            + bytes(&self.quotations)
            + bytes(&self.sentences)
            + bytes(&self.found)
            + bytes(&self.frames)
            + bytes(&self.quote_spans)
            + self.labeller.bytes_used()
    }
}
