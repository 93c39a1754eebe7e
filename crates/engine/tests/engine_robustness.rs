//! Arbitrary text never makes the engine panic, and every span it returns
//! lies on character boundaries inside the text, in text order.
//!
//! The inputs are generated deterministically (a small LCG over an alphabet
//! rich in quotation marks, dashes, multi-byte letters and line breaks), so a
//! failure is reproducible from the seed printed with it.

use attributor_engine::{self as engine, Document, Options, Span};

const PIECES: &[&str] = &[
    "“",
    "”",
    "\"",
    "‘",
    "’",
    "'",
    "``",
    "''",
    "«",
    "»",
    "„",
    " — ",
    "-",
    ",",
    ".",
    "?",
    "!",
    ":",
    ";",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "said",
    "says",
    "told",
    "according to",
    "that",
    "he",
    "she",
    "they",
    "It",
    "Gen.",
    "U.S.",
    "Jan. 9",
    "Wednesday",
    "Smith",
    "Anna Lee",
    "ISW",
    "Institute for the Study of War",
    "officials",
    "a senior official",
    "é",
    "Ж",
    "日本",
    "🙂",
    "\u{301}",
    "Kyiv’s",
    "x",
    "the",
    "adding",
    ",”",
    "”,",
    "(",
    ")",
];

fn generate(seed: u64, len: usize) -> String {
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut out = String::new();
    for _ in 0..len {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        out.push_str(PIECES[(state >> 33) as usize % PIECES.len()]);
    }
    out
}

fn check_span(text: &str, span: Span, what: &str, seed: u64) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "seed {seed}: {what} span {span:?} outside the text"
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "seed {seed}: {what} span {span:?} not on character boundaries"
    );
}

#[test]
fn random_texts_give_well_formed_extractions() {
    for seed in 0..400u64 {
        let text = generate(seed, 20 + (seed as usize % 200));
        let doc = Document {
            text: &text,
            published: Some("2026-01-28"),
            options: Options {
                direct_only: seed % 2 == 1,
            },
        };
        let Ok(ex) = engine::extract(&doc) else {
            // Only blank text is an error, and the generator can produce it.
            assert!(text.trim().is_empty(), "seed {seed}: unexpected error");
            continue;
        };
        let mut last = 0;
        for st in &ex.statements {
            check_span(&text, st.quote.span, "quote", seed);
            assert!(
                st.quote.span.start >= last,
                "seed {seed}: statements out of order"
            );
            last = st.quote.span.start;
            assert!((0.0..=1.0).contains(&st.confidence));
            if let Some(sp) = &st.speaker {
                check_span(&text, sp.mention, "mention", seed);
                assert!(
                    sp.entity < ex.speakers.len(),
                    "seed {seed}: dangling entity"
                );
            }
            if let Some(v) = &st.verb {
                check_span(&text, v.span, "verb", seed);
            }
            if let Some(t) = &st.timestamp {
                check_span(&text, t.span, "timestamp", seed);
            }
        }
        for sp in &ex.speakers {
            for m in &sp.mentions {
                check_span(&text, *m, "speaker mention", seed);
            }
        }
        // Statement counts add up, and no speaker is left without one.
        let attributed = ex.statements.iter().filter(|s| s.speaker.is_some()).count();
        let counted: u32 = ex.speakers.iter().map(|s| s.statement_count).sum();
        assert_eq!(attributed as u32, counted, "seed {seed}: statement counts");
        if doc.options.direct_only {
            assert!(
                ex.speakers.iter().all(|s| s.statement_count > 0),
                "seed {seed}: silent speaker"
            );
            assert!(
                ex.statements
                    .iter()
                    .all(|s| s.quote.kind != engine::StatementKind::Indirect)
            );
        }
    }
}

/// Inputs `cargo fuzz` (fuzz/fuzz_targets/engine.rs) once crashed the
/// engine with, kept so each stays fixed: the fuzzer's first byte is its
/// options, the rest is the text (read as lossy UTF-8, as the target does).
const FUZZ_FINDS: &[&[u8]] = &[
    // A learned cue ("exter") whose content starts at the end of the token
    // list: the check for "to" + a lexicon cue read past it.
    b"\x00Hr\rextduiter\rLater\rexMter\rLAter\rexter\tLat\x85er\re:",
    // A headline label whose name particles ("le le") run back past the
    // sentence start: the particles' count was subtracted without a check.
    b"\xdfle le N::",
];

#[test]
fn inputs_the_fuzzer_found_do_not_panic() {
    for (n, input) in FUZZ_FINDS.iter().enumerate() {
        let (&flags, rest) = input.split_first().expect("an options byte");
        let text = String::from_utf8_lossy(rest);
        let doc = Document {
            text: &text,
            published: None,
            options: Options {
                direct_only: flags & 1 == 1,
            },
        };
        if let Ok(ex) = engine::extract(&doc) {
            for st in &ex.statements {
                check_span(&text, st.quote.span, "quote", n as u64);
            }
        }
    }
}
