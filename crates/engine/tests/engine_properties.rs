//! Property tests: the engine never panics and its output is well-formed for
//! any Unicode input — control characters, NUL, lone combining marks,
//! right-to-left text, emoji, CRLF and CR line endings, zero-width characters
//! and every quotation mark, in any mix.

use attributor_engine::{Document, Extraction, Options, Span, StatementKind, extract};
use proptest::prelude::*;

/// Pieces that stress the stages: quotation marks of every style, line
/// endings, abbreviations, pronouns and cue words, odd code points.
const PIECES: &[&str] = &[
    "\u{201c}",
    "\u{201d}",
    "\u{2018}",
    "\u{2019}",
    "\"",
    "'",
    "``",
    "''",
    "\u{ab}",
    "\u{bb}",
    "\u{201e}",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    " ",
    ", ",
    ". ",
    ": ",
    " \u{2014} ",
    "said",
    "says",
    "told reporters",
    "according to",
    "he",
    "She",
    "they",
    "Gen.",
    "U.S.",
    "a.m.",
    "Jan. 9",
    "Tuesday",
    "Smith",
    "John Smith",
    "the Ministry of Defense",
    "officials",
    "that",
    "\0",
    "\u{7}",
    "\u{301}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{5e9}\u{5dc}\u{5d5}\u{5dd}",
    "\u{627}\u{644}\u{633}\u{644}\u{627}\u{645}",
    "\u{1f600}",
    "\u{1f468}\u{200d}\u{1f469}",
    "\u{202e}",
    "\u{fffd}",
    "e\u{301}",
    "\u{10ffff}",
];

fn news_like() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => any::<String>(),
            1 => "[A-Z][a-z]{1,8}( [A-Z][a-z]{1,10})?",
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

fn on_boundaries(text: &str, span: Span) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

/// Every span the engine returns must be a valid slice of the input.
fn check_well_formed(text: &str, x: &Extraction) -> Result<(), TestCaseError> {
    let mut previous_start = 0;
    for s in &x.statements {
        prop_assert!(
            on_boundaries(text, s.quote.span),
            "quote span {:?}",
            s.quote.span
        );
        prop_assert!(!s.quote.span.is_empty(), "empty quote span");
        prop_assert!(
            s.quote.span.start >= previous_start,
            "statements out of text order"
        );
        previous_start = s.quote.span.start;
        prop_assert!(
            (0.0..=1.0).contains(&s.confidence),
            "confidence {}",
            s.confidence
        );
        if let Some(speaker) = &s.speaker {
            prop_assert!(on_boundaries(text, speaker.mention));
            prop_assert!(speaker.entity < x.speakers.len(), "dangling speaker entity");
        }
        if let Some(verb) = &s.verb {
            prop_assert!(on_boundaries(text, verb.span));
        }
        if let Some(ts) = &s.timestamp {
            prop_assert!(on_boundaries(text, ts.span));
        }
    }
    for speaker in &x.speakers {
        for &mention in &speaker.mentions {
            prop_assert!(on_boundaries(text, mention));
        }
    }
    let counted: u32 = x.speakers.iter().map(|s| s.statement_count).sum();
    let attributed = x.statements.iter().filter(|s| s.speaker.is_some()).count();
    prop_assert_eq!(counted as usize, attributed, "statement counts disagree");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_gives_well_formed_output(text in news_like(), direct_only: bool) {
        let doc = Document { text: &text, published: None, options: Options { direct_only } };
        match extract(&doc) {
            Ok(x) => check_well_formed(&text, &x)?,
            Err(e) => prop_assert!(text.trim().is_empty(), "unexpected error {e} for non-empty text"),
        }
    }

    #[test]
    fn arbitrary_published_never_panics(published in any::<String>()) {
        let doc = Document {
            text: "\u{201c}Fine,\u{201d} she said.",
            published: Some(&published),
            options: Options::default(),
        };
        // Either a date or an InvalidPublished error naming the field.
        if let Err(e) = extract(&doc) {
            prop_assert_eq!(e.field(), "published");
        }
    }

    #[test]
    fn direct_only_never_returns_indirect(text in news_like()) {
        let doc = Document { text: &text, published: None, options: Options { direct_only: true } };
        if let Ok(x) = extract(&doc) {
            prop_assert!(x.statements.iter().all(|s| s.quote.kind != StatementKind::Indirect));
        }
    }
}

/// Inputs proptest once shrank a panic to (an index underflow at the start
/// of a token list), kept so they are tried on every run.
#[test]
fn regressions_found_by_proptest() {
    for text in [
        "&a``\u{201c}a \u{1c4d} \u{1f20}\"A",
        "&\u{10d30}\u{201c}the Ministry of Defense",
    ] {
        let doc = Document {
            text,
            ..Document::default()
        };
        let x = extract(&doc).expect("non-empty text");
        check_well_formed(text, &x).expect("well-formed output");
    }
}

/// Inputs the fuzzer once found a panic with (an index underflow when an
/// apposition's opening mark is looked for back to the first token, which
/// is an "-ing" cue), kept so they are tried on every run.
#[test]
fn regressions_found_by_fuzzing() {
    for text in [
        "saying a farmer, said it.",
        "says\u{bb}\u{fffd}D\u{fffd}\"s\0~ays\u{bb}\0\0\0=s\",,,,,says\u{fffd}\u{bb}\u{fffd}",
    ] {
        for direct_only in [false, true] {
            let doc = Document {
                text,
                published: None,
                options: Options { direct_only },
            };
            let x = extract(&doc).expect("non-empty text");
            check_well_formed(text, &x).expect("well-formed output");
        }
    }
}
