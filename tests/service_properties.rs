//! Property tests through the service's conversion path (`extract_request`:
//! request → engine → `convert` → `ExtractResponse` → JSON), on arbitrary
//! Unicode: control characters, NUL, lone combining marks, right-to-left
//! text, emoji, CRLF and CR line endings, zero-width characters. Nothing
//! panics; every span lies on character boundaries and means the same text
//! in code points and in bytes; `quote.text` (and every other text) equals
//! the text at its span; statements come in text order.
//!
//! The checks are `common::assert_well_formed`, the same the gRPC tests use;
//! proptest turns its panics into shrunk failures.

mod common;

use attributor::proto::{ExtractOptions, ExtractRequest, ExtractResponse};
use attributor::service::{engine_extractor, extract_request};
use common::assert_well_formed;
use proptest::prelude::*;

/// Odd code points and line endings.
const ODD: &[&str] = &[
    "\0",
    "\u{1}",
    "\u{7}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\r\n",
    "\r",
    "\n",
    "\u{2028}",
    "\u{301}",
    "e\u{301}",
    "\u{200b}",
    "\u{200c}",
    "\u{200d}",
    "\u{2060}",
    "\u{feff}",
    "\u{200f}",
    "\u{202e}",
    "\u{5e9}\u{5dc}\u{5d5}\u{5dd}",
    "\u{627}\u{644}\u{633}\u{644}\u{627}\u{645}",
    "\u{1f600}",
    "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}",
    "\u{1f1fa}\u{1f1f8}",
    "\u{fffd}",
    "\u{10ffff}",
    "\u{fe0f}",
];

/// Pieces that make statements, so the properties are not checked on empty
/// responses only.
const NEWS: &[&str] = &[
    "\u{201c}",
    "\u{201d}",
    "\"",
    "\u{ab}",
    "\u{bb}",
    " ",
    ", ",
    ". ",
    " said",
    " says",
    " told reporters",
    "According to ",
    "he said",
    "Mayor Ana Ortiz",
    "Ortiz",
    "on Tuesday",
    "Jan. 9",
    "that",
    "We will rebuild",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(NEWS).prop_map(str::to_string),
        2 => prop::sample::select(ODD).prop_map(str::to_string),
        1 => any::<String>(),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..48).prop_map(|parts| parts.concat())
}

/// A quotation with odd characters inside and around it, attributed: these
/// texts do produce statements.
fn quoted_statement() -> impl Strategy<Value = String> {
    (text(), prop::collection::vec(piece(), 1..12), text()).prop_map(|(before, quote, after)| {
        format!(
            "{before}\n\u{201c}We will {},\u{201d} Mayor Ana Ortiz said on Tuesday.{after}",
            quote.concat()
        )
    })
}

fn request(text: &str, direct_only: bool) -> ExtractRequest {
    ExtractRequest {
        document_id: "prop".into(),
        text: text.into(),
        published: "2026-01-28".into(),
        options: Some(ExtractOptions { direct_only }),
    }
}

/// The service path, plus the JSON the `extract` command and grpcurl print.
fn through_the_service(text: &str, direct_only: bool) -> Option<ExtractResponse> {
    match extract_request(&engine_extractor(), &request(text, direct_only)) {
        Ok(response) => {
            assert_well_formed(text, &response);
            let json = serde_json::to_string(&response).expect("responses serialise");
            let back: ExtractResponse = serde_json::from_str(&json).expect("and parse back");
            assert_eq!(back, response, "JSON round trip");
            Some(response)
        }
        Err(error) => {
            assert!(text.trim().is_empty(), "{error} for a non-blank text");
            assert_eq!(error.field(), "text");
            None
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    #[test]
    fn arbitrary_unicode_converts_to_well_formed_responses(text in text(), direct_only: bool) {
        through_the_service(&text, direct_only);
    }

    #[test]
    fn odd_characters_around_and_inside_quotes_keep_spans_exact(text in quoted_statement()) {
        through_the_service(&text, false);
    }
}

/// Not a property: makes sure the generators' kind of text does produce
/// statements, so the properties above check real spans.
#[test]
fn a_quote_full_of_odd_characters_is_extracted_with_exact_spans() {
    let text = "\u{feff}\u{202e}\u{5e9}\u{5dc}\u{5d5}\u{5dd}\r\n\u{201c}We will \
                rebuild e\u{301} \u{1f468}\u{200d}\u{1f469}\0\u{200b} \r\u{1f1fa}\u{1f1f8},\u{201d} \
                Mayor Ana Ortiz said on Tuesday.\r\n";
    let response = through_the_service(text, false).expect("a response");
    assert!(!response.statements.is_empty(), "{response:?}");
    let quote = response.statements[0].quote.as_ref().unwrap();
    assert!(
        quote.text.contains("\u{1f468}\u{200d}\u{1f469}"),
        "{quote:?}"
    );
    let span = quote.span.unwrap();
    assert!(span.end - span.start < span.byte_end - span.byte_start);
}

/// Found by the first property above: a name connector (`&`) opening a
/// noun phrase made `mentions::View::np_right` subtract below zero.
#[test]
fn regression_name_connector_opening_a_phrase() {
    through_the_service("&\u{11052}(\"\u{1ee47}[A  \u{b13}:\u{109d2}", false);
    through_the_service("& Smith said \u{201c}fine\u{201d}.", false);
}
