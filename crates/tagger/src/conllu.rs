//! Minimal CoNLL-U reader: word forms, UPOS, XPOS and multi-word tokens.
//!
//! Only what tagger training and evaluation need. Empty nodes (`8.1`) are
//! skipped; multi-word token lines (`3-4  don't`) are kept as [`Mwt`] so
//! training can also show the tagger the fused surface form a tokenizer that
//! does not split contractions would produce.

use crate::tags::{Penn, Upos};

/// A multi-word token: words `start..end` (0-based, end exclusive) are
/// written as `form` in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mwt {
    /// First word index.
    pub start: usize,
    /// One past the last word index.
    pub end: usize,
    /// Surface form.
    pub form: String,
}

/// One sentence with gold tags.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// Word forms (syntactic words, as in column 2).
    pub words: Vec<String>,
    /// Gold UPOS per word.
    pub upos: Vec<Upos>,
    /// Gold Penn tag per word.
    pub penn: Vec<Penn>,
    /// Multi-word tokens.
    pub mwts: Vec<Mwt>,
}

/// Parses CoNLL-U text. Errors name the line that could not be read.
pub fn parse(text: &str) -> Result<Vec<Sentence>, String> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (lineno, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(format!("line {}: expected 10 columns", lineno + 1));
        }
        let id = cols[0];
        if id.contains('.') {
            continue;
        }
        if let Some((a, b)) = id.split_once('-') {
            let a: usize = a
                .parse()
                .map_err(|_| format!("line {}: bad id", lineno + 1))?;
            let b: usize = b
                .parse()
                .map_err(|_| format!("line {}: bad id", lineno + 1))?;
            cur.mwts.push(Mwt {
                start: a - 1,
                end: b,
                form: cols[1].to_string(),
            });
            continue;
        }
        let upos: Upos = cols[3]
            .parse()
            .map_err(|e| format!("line {}: {e}", lineno + 1))?;
        let penn: Penn = cols[4]
            .parse()
            .map_err(|e| format!("line {}: {e}", lineno + 1))?;
        cur.words.push(cols[1].to_string());
        cur.upos.push(upos);
        cur.penn.push(penn);
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

impl Sentence {
    /// The sentence with every multi-word token for which `fuse(k)` is true
    /// written as its surface form, tagged with its first word's tags.
    pub fn fused(&self, mut fuse: impl FnMut(usize) -> bool) -> Sentence {
        let mut s = Sentence::default();
        let mut i = 0;
        let mut mwts = self.mwts.iter().enumerate().peekable();
        while i < self.words.len() {
            while mwts.peek().is_some_and(|(_, m)| m.start < i) {
                mwts.next();
            }
            if let Some(&(k, m)) = mwts.peek()
                && m.start == i
                && m.end > i
                && m.end <= self.words.len()
            {
                mwts.next();
                if fuse(k) {
                    s.words.push(m.form.clone());
                    s.upos.push(self.upos[i]);
                    s.penn.push(self.penn[i]);
                    i = m.end;
                    continue;
                }
            }
            s.words.push(self.words[i].clone());
            s.upos.push(self.upos[i]);
            s.penn.push(self.penn[i]);
            i += 1;
        }
        s
    }
}
