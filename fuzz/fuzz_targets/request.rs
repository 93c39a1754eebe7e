//! Fuzzes the request path the server runs: arbitrary bytes decoded as a
//! protobuf `ExtractRequest` (what tonic hands the service), then the
//! service's `extract_request` (validation, engine, conversion) and the JSON
//! the `extract` command prints. Undecodable bytes are tonic's business; a
//! decodable request must get a response with exact spans or an error naming
//! a request field, never a panic.
#![no_main]

use attributor::proto::{ExtractRequest, Span};
use attributor::service::{engine_extractor, extract_request};
use libfuzzer_sys::fuzz_target;
use prost::Message;

/// The span means the same text in bytes and code points, and that text is
/// `expected`.
fn exact(text: &str, span: Option<Span>, expected: &str) -> bool {
    let Some(span) = span else { return false };
    let Some(by_bytes) = text.get(span.byte_start as usize..span.byte_end as usize) else {
        return false;
    };
    let by_chars: String = text
        .chars()
        .skip(span.start as usize)
        .take(span.end.saturating_sub(span.start) as usize)
        .collect();
    by_bytes == by_chars && by_bytes == expected
}

fuzz_target!(|data: &[u8]| {
    let Ok(request) = ExtractRequest::decode(data) else {
        return;
    };
    let extractor = engine_extractor();
    match extract_request(&extractor, &request) {
        Ok(response) => {
            assert_eq!(response.document_id, request.document_id);
            let text = &request.text;
            let mut previous = 0;
            for statement in &response.statements {
                let quote = statement.quote.as_ref().expect("quote");
                assert!(exact(text, quote.span, &quote.text), "{quote:?}");
                let start = quote.span.unwrap().start;
                assert!(start >= previous, "statements out of order");
                previous = start;
                if let Some(speaker) = &statement.speaker {
                    assert!(exact(text, speaker.span, &speaker.mention));
                }
                if let Some(verb) = &statement.verb {
                    assert!(exact(text, verb.span, &verb.text));
                }
                if let Some(timestamp) = &statement.timestamp {
                    assert!(exact(text, timestamp.span, &timestamp.text));
                }
            }
            serde_json::to_string(&response).expect("JSON");
        }
        Err(error) => assert!(matches!(error.field(), "text" | "published")),
    }
});
