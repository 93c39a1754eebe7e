//! `attributor extract --resume OUT.jsonl`: finish a run that was killed.
//!
//! A run killed on the client side (Ctrl-C, an OOM kill, a lost laptop
//! session) leaves OUT.jsonl holding answers in input order, possibly ending
//! in half a line. Resuming reads the ids answered there, cuts the half line
//! off (its document is sent again), and skips those documents in the input.
//!
//! Ids are counted, not just remembered: with an id that occurs twice in
//! the input and once in the output, the first occurrence is skipped and the
//! second extracted. Documents that failed are not in the output, so a
//! resumed run tries them again. Documents without an id all count under
//! the empty id, which works because answers are written in input order.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use serde::Deserialize;
use thiserror::Error;

/// The ids answered in an earlier output, with how often each was.
#[derive(Debug, Default)]
pub struct DoneIds {
    counts: HashMap<String, usize>,
    /// Documents skipped so far.
    pub skipped: usize,
}

impl DoneIds {
    /// Whether a document with `id` was answered already; each answer
    /// excuses one document.
    pub fn take(&mut self, id: &str) -> bool {
        match self.counts.get_mut(id) {
            Some(count) if *count > 0 => {
                *count -= 1;
                self.skipped += 1;
                true
            }
            _ => false,
        }
    }

    /// Answers read from the earlier output.
    pub fn answered(&self) -> usize {
        self.counts.values().sum::<usize>() + self.skipped
    }
}

/// Why an earlier output cannot be resumed.
#[derive(Debug, Error)]
pub enum ResumeError {
    #[error("cannot read {path}: {source}")]
    Io { path: String, source: io::Error },
    #[error(
        "{path}: line {line} is not an answer of `attributor extract` ({source}); \
         not resuming over it"
    )]
    NotAnAnswer {
        path: String,
        line: usize,
        source: serde_json::Error,
    },
}

/// Just the id of an `ExtractResponse` line (proto3 JSON omits it when empty).
#[derive(Deserialize)]
struct Answered {
    #[serde(rename = "documentId", default)]
    document_id: String,
}

/// Reads the ids answered in `path` and drops a truncated last line from
/// the file. A missing file means a fresh start.
pub fn read_done(path: &Path) -> Result<DoneIds, ResumeError> {
    let name = path.display().to_string();
    let io_error = |source| ResumeError::Io {
        path: name.clone(),
        source,
    };
    let file = match File::options().read(true).write(true).open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(DoneIds::default()),
        Err(err) => return Err(io_error(err)),
    };
    let mut reader = BufReader::new(&file);
    let mut done = DoneIds::default();
    let mut complete_bytes = 0u64;
    let mut raw = Vec::new();
    for line in 1.. {
        raw.clear();
        let read = reader.read_until(b'\n', &mut raw).map_err(io_error)?;
        if read == 0 || raw.last() != Some(&b'\n') {
            break; // the end, or half a line written when the run was killed
        }
        let answered: Answered =
            serde_json::from_slice(&raw).map_err(|source| ResumeError::NotAnAnswer {
                path: name.clone(),
                line,
                source,
            })?;
        *done.counts.entry(answered.document_id).or_default() += 1;
        complete_bytes += read as u64;
    }
    file.set_len(complete_bytes).map_err(io_error)?;
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(name: &str, contents: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("attributor-resume-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }

    #[test]
    fn counts_ids_and_cuts_a_half_line() {
        let path = write(
            "half.jsonl",
            "{\"documentId\":\"a\"}\n{\"documentId\":\"b\"}\n{}\n{\"documentId\":\"a\"}\n{\"docum",
        );
        let mut done = read_done(&path).unwrap();
        assert_eq!(done.answered(), 4);
        assert!(done.take("a") && done.take("a") && !done.take("a"));
        assert!(done.take("b") && !done.take("b"));
        assert!(done.take("") && !done.take(""));
        assert!(!done.take("c"));
        let kept = std::fs::read_to_string(&path).unwrap();
        assert!(kept.ends_with("{\"documentId\":\"a\"}\n"), "{kept:?}");
    }

    #[test]
    fn a_missing_file_is_a_fresh_start() {
        let path = std::env::temp_dir().join("attributor-resume-no-such-file.jsonl");
        assert_eq!(read_done(&path).unwrap().answered(), 0);
    }

    #[test]
    fn a_complete_line_that_is_no_answer_is_an_error() {
        let path = write("bad.jsonl", "{\"documentId\":\"a\"}\nnot json\n");
        let error = read_done(&path).unwrap_err();
        assert!(error.to_string().contains("line 2"), "{error}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "{\"documentId\":\"a\"}\nnot json\n",
            "left as it was"
        );
    }
}
