//! The engine's closed word lists, one plain-text file each in
//! `lexicon/words/` (one word or phrase a line, `#` for comments), turned by
//! the crate's `build.rs` into one `is_NAME(word)` predicate a file: a
//! `match` over string literals, as fast as the `matches!` lists they
//! replace. To add a word, edit the file; no Rust needs to change.
//!
//! Lookups are exact: each list holds the forms the code asks for (its
//! callers lowercase a word first where case should not matter).

include!(concat!(env!("OUT_DIR"), "/words.rs"));
