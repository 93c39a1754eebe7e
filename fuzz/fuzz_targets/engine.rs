//! Fuzzes the engine on arbitrary text: it must never panic, and every span it
//! returns must be a valid slice of the input.
#![no_main]

use attributor::engine::{Document, Options, Span, extract};
use libfuzzer_sys::fuzz_target;

fn valid(text: &str, span: Span) -> bool {
    span.start <= span.end && text.get(span.start..span.end).is_some()
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let doc = Document {
        text: &text,
        published: None,
        options: Options {
            direct_only: flags & 1 == 1,
        },
    };
    if let Ok(x) = extract(&doc) {
        for s in &x.statements {
            assert!(valid(&text, s.quote.span));
            if let Some(speaker) = &s.speaker {
                assert!(valid(&text, speaker.mention));
                assert!(speaker.entity < x.speakers.len());
            }
        }
    }
});
