//! Runs every engine fixture in `tests/testdata/engine/*.toml` through the
//! public API (`engine::extract`).
//!
//! One file per rule or phenomenon, named after it and opening with a
//! comment that says what the rule is and which source file implements it;
//! one harness (like regex's `testdata`). Case names are unique across the
//! files, so a failure's `file / case` line points at one case. A case
//! gives a text of our own and the statements expected from it, in text
//! order. Each expected quote is compared with the text its span covers, so
//! the offsets are checked, not just the strings. Unless `partial = true`,
//! the case must produce exactly the expected statements and no others.
//! `no_speaker = true` asserts a statement has no speaker.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use attributor_engine::{self as engine, Document, Options, StatementKind};
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    published: Option<String>,
    #[serde(default)]
    direct_only: bool,
    /// Extra statements beyond the expected ones are allowed.
    #[serde(default)]
    partial: bool,
    #[serde(default)]
    expect: Vec<Expect>,
    /// Texts that must not come out as a statement's quote.
    #[serde(default)]
    absent: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    quote: String,
    kind: String,
    /// The speaker mention as written.
    mention: Option<String>,
    /// The canonical speaker name.
    speaker: Option<String>,
    verb: Option<String>,
    lemma: Option<String>,
    role: Option<String>,
    date: Option<String>,
    /// The statement has no speaker at all ("It is unclear whether …").
    #[serde(default)]
    no_speaker: bool,
    /// The statement has no role ("his father, Brent Roe" names none).
    #[serde(default)]
    no_role: bool,
}

fn kind_name(k: StatementKind) -> &'static str {
    match k {
        StatementKind::Direct => "direct",
        StatementKind::Indirect => "indirect",
        StatementKind::Mixed => "mixed",
    }
}

/// Checks one case; returns a description of every mismatch.
fn run_case(case: &Case) -> Vec<String> {
    let doc = Document {
        text: &case.text,
        published: case.published.as_deref(),
        options: Options {
            direct_only: case.direct_only,
        },
    };
    let ex = match engine::extract(&doc) {
        Ok(ex) => ex,
        Err(e) => return vec![format!("extract failed: {e}")],
    };
    let text = case.text.as_str();
    let got: Vec<String> = ex
        .statements
        .iter()
        .map(|s| s.quote.span.slice(text).to_string())
        .collect();
    let mut errors = Vec::new();
    let mut next = 0;
    for exp in &case.expect {
        let Some(pos) = (next..ex.statements.len()).find(|&i| got[i] == exp.quote) else {
            errors.push(format!("missing quote {:?}; got {got:?}", exp.quote));
            continue;
        };
        if !case.partial && pos != next {
            errors.push(format!(
                "unexpected statements before {:?}: {:?}",
                exp.quote,
                &got[next..pos]
            ));
        }
        next = pos + 1;
        let st = &ex.statements[pos];
        let mut check = |what: &str, want: &Option<String>, have: Option<String>| {
            if let Some(w) = want
                && have.as_deref() != Some(w.as_str())
            {
                errors.push(format!(
                    "{:?}: {what} expected {w:?}, got {have:?}",
                    exp.quote
                ));
            }
        };
        check(
            "kind",
            &Some(exp.kind.clone()),
            Some(kind_name(st.quote.kind).to_string()),
        );
        let speaker = st.speaker.as_ref();
        const NONE: &str = "(no speaker)";
        check(
            "speaker mention",
            &exp.no_speaker.then(|| NONE.to_string()),
            Some(speaker.map_or(NONE, |r| r.mention.slice(text)).to_string()),
        );
        check(
            "mention",
            &exp.mention,
            speaker.map(|r| r.mention.slice(text).to_string()),
        );
        check(
            "speaker",
            &exp.speaker,
            speaker.map(|r| ex.speakers[r.entity].name.clone()),
        );
        check(
            "verb",
            &exp.verb,
            st.verb.as_ref().map(|v| v.span.slice(text).to_string()),
        );
        check(
            "lemma",
            &exp.lemma,
            st.verb.as_ref().map(|v| v.lemma.clone()),
        );
        check("role", &exp.role, st.role.clone());
        const NO_ROLE: &str = "(no role)";
        check(
            "role",
            &exp.no_role.then(|| NO_ROLE.to_string()),
            Some(st.role.clone().unwrap_or_else(|| NO_ROLE.to_string())),
        );
        check(
            "date",
            &exp.date,
            st.timestamp
                .as_ref()
                .and_then(|t| t.date.map(|d| d.to_string())),
        );
    }
    if !case.partial && next < got.len() {
        errors.push(format!(
            "unexpected trailing statements: {:?}",
            &got[next..]
        ));
    }
    for a in &case.absent {
        if got.contains(a) {
            errors.push(format!("{a:?} must not be a statement"));
        }
    }
    errors
}

#[test]
fn engine_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testdata/engine");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixture directory")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    let mut report = String::new();
    let mut cases = 0;
    // Case name -> the file that holds it.
    let mut seen: HashMap<String, String> = HashMap::new();
    for path in &files {
        let raw = std::fs::read_to_string(path).expect("read fixture");
        let file: File = toml::from_str(&raw).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !raw.starts_with('#') {
            writeln!(report, "{name}: no header comment saying what the rule is").unwrap();
        }
        for case in &file.case {
            cases += 1;
            if let Some(other) = seen.insert(case.name.clone(), name.clone()) {
                writeln!(report, "{name} / {}: name also used in {other}", case.name).unwrap();
            }
            for err in run_case(case) {
                writeln!(report, "{name} / {}: {err}", case.name).unwrap();
            }
        }
    }
    assert!(report.is_empty(), "fixture failures:\n{report}");
    assert!(cases > 0);
}
