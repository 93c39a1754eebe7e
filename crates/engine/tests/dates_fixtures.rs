//! Runs the date fixtures in `tests/testdata/dates/` through the public API
//! of `attributor_engine::dates`.
//!
//! `published.toml` holds `parse_published` cases, `dateline.toml` holds
//! `find_dateline` cases, and every other file holds time-expression cases,
//! one file per phenomenon: the text, an optional reference date, and every
//! expression expected in the whole text, in order, with its resolved date
//! (`""` when it has none). Each test reports every failing case at once.

use std::fs;
use std::path::{Path, PathBuf};

use attributor_engine::dates::{find_dateline, find_time_expressions, parse_published, resolve};
use attributor_engine::{EngineError, Span};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File<T> {
    case: Vec<T>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExprCase {
    name: String,
    text: String,
    reference: Option<String>,
    expect: Vec<Expected>,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct Expected {
    text: String,
    date: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PublishedCase {
    raw: String,
    /// Absent when the value must be rejected.
    date: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DatelineCase {
    name: String,
    text: String,
    date: String,
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testdata/dates")
}

fn load<T: for<'de> Deserialize<'de>>(path: &Path) -> Vec<T> {
    let source = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let file: File<T> =
        toml::from_str(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(!file.case.is_empty(), "{}: no cases", path.display());
    file.case
}

/// Panics with every failure, after counting that some cases ran.
fn report(what: &str, ran: usize, failures: Vec<String>) {
    assert!(ran > 0, "{what}: no cases ran");
    assert!(
        failures.is_empty(),
        "{what}: {} of {ran} cases failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

fn expression_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(fixture_dir())
        .expect("tests/testdata/dates exists")
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str());
            !matches!(name, Some("published.toml" | "dateline.toml"))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn time_expressions() {
    let mut ran = 0;
    let mut failures = Vec::new();
    for path in expression_files() {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        for case in load::<ExprCase>(&path) {
            ran += 1;
            let reference = case.reference.as_deref().map(|r| {
                parse_published(r).unwrap_or_else(|e| panic!("{file}: {}: {e}", case.name))
            });
            let got: Vec<Expected> =
                find_time_expressions(&case.text, Span::new(0, case.text.len()))
                    .iter()
                    .map(|expr| Expected {
                        text: expr.span.slice(&case.text).to_string(),
                        date: resolve(&expr.value, reference)
                            .map(|d| d.to_string())
                            .unwrap_or_default(),
                    })
                    .collect();
            if got != case.expect {
                failures.push(format!(
                    "{file}: {}\n  text:     {:?}\n  expected: {:?}\n  got:      {:?}",
                    case.name, case.text, case.expect, got
                ));
            }
        }
    }
    report("time expressions", ran, failures);
}

#[test]
fn published() {
    let cases = load::<PublishedCase>(&fixture_dir().join("published.toml"));
    let mut failures = Vec::new();
    for case in &cases {
        let got = parse_published(&case.raw);
        let ok = match (&case.date, &got) {
            (Some(date), Ok(parsed)) => parsed.to_string() == *date,
            (None, Err(err @ EngineError::InvalidPublished { value })) => {
                err.field() == "published" && *value == case.raw
            }
            _ => false,
        };
        if !ok {
            failures.push(format!(
                "{:?}: expected {:?}, got {got:?}",
                case.raw, case.date
            ));
        }
    }
    report("published", cases.len(), failures);
}

#[test]
fn dateline() {
    let cases = load::<DatelineCase>(&fixture_dir().join("dateline.toml"));
    let mut failures = Vec::new();
    for case in &cases {
        let got = find_dateline(&case.text)
            .map(|d| d.to_string())
            .unwrap_or_default();
        if got != case.date {
            failures.push(format!(
                "{}: expected {:?}, got {got:?}",
                case.name, case.date
            ));
        }
    }
    report("dateline", cases.len(), failures);
}

/// A small deterministic generator (xorshift), so that the robustness test
/// needs no extra crate and fails the same way every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Random texts built from date-like pieces and multi-byte characters, with
/// random (often invalid) ranges: nothing may panic, every span must lie
/// inside the text on character boundaries, and inside the range when the
/// range is valid.
#[test]
fn arbitrary_text_and_ranges_never_panic() {
    const PIECES: [&str; 24] = [
        "Jan", ".", " ", "9", "2026", "-", "01", ",", "late", "Tuesday", "May", "in", "mid",
        "last", "week", "é", "—", "“", "日本", "\u{a0}", "\n", "Updated", ":", "th",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut checked = 0;
    for _ in 0..2_000 {
        let text: String = (0..rng.below(40))
            .map(|_| PIECES[rng.below(PIECES.len())])
            .collect();
        let a = rng.below(text.len() + 3);
        let b = rng.below(text.len() + 3);
        let within = Span {
            start: a.min(b),
            end: a.max(b),
        };
        let _ = find_dateline(&text);
        for expr in find_time_expressions(&text, within) {
            let span = expr.span;
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "{text:?} {span:?}"
            );
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            if within.end <= text.len()
                && text.is_char_boundary(within.start)
                && text.is_char_boundary(within.end)
            {
                assert!(within.start <= span.start && span.end <= within.end);
            }
            let _ = resolve(&expr.value, parse_published("2026-01-28").ok());
            checked += 1;
        }
    }
    assert!(checked > 0, "the generator produced no expressions");
}
