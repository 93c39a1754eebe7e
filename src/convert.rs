//! Engine types to `attribution.v1` messages.
//!
//! The engine reports byte spans into the request text, because that is what
//! slicing a `&str` needs. The contract reports every span twice: in Unicode
//! code points (what most other languages index strings by) and in UTF-8
//! bytes. Converting each offset separately would rescan the text once per
//! span, so `CodePointIndex` collects every byte offset a response needs,
//! sorts them, and resolves them all in one pass over the text.
//!
//! This module is also where engine entity indices become the contract's
//! speaker ids (`"s1"`, `"s2"`, …) and where quote, mention, verb and time
//! texts are sliced out of the request text, so a response can never quote
//! something the text does not contain.

use std::io::{self, Write};

use crate::engine::{self, Extraction, PartialDate};
use crate::proto;

/// Writes `message` in the proto3 JSON mapping (the generated pbjson impls,
/// compact, what `grpcurl` prints) and a newline: one JSON line.
///
/// `attributor extract` and the HTTP routes both print responses through
/// this one function, so the two answer byte for byte the same.
pub fn write_json_line<T: serde::Serialize>(out: &mut impl Write, message: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, message).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

/// Builds the response for one document from what the engine found in `text`.
pub fn extraction_to_response(
    text: &str,
    document_id: String,
    extraction: &Extraction,
) -> proto::ExtractResponse {
    let index = CodePointIndex::new(text);
    let ids: Vec<String> = (0..extraction.speakers.len()).map(speaker_id).collect();
    let statements = extraction
        .statements
        .iter()
        .map(|statement| statement_to_proto(text, &index, &ids, extraction, statement))
        .collect();
    let speakers = extraction
        .speakers
        .iter()
        .zip(ids)
        .map(|(speaker, id)| speaker_to_proto(&index, id, speaker))
        .collect();
    proto::ExtractResponse {
        document_id,
        published: format_date(extraction.published),
        statements,
        speakers,
        engine_version: engine::ENGINE_VERSION.to_string(),
    }
}

/// The contract's id for the engine's speaker entity at `entity`.
pub fn speaker_id(entity: usize) -> String {
    format!("s{}", entity + 1)
}

fn format_date(date: Option<PartialDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// Maps byte offsets of one text to code-point offsets.
///
/// The proto gives every span in code points as well as bytes. Decoding the
/// text character by character for each response cost more than encoding
/// it, so the index counts once, per block of [`BLOCK`] bytes, the
/// characters that start before the block: an offset then costs one lookup
/// and a count over less than a block. Counting characters is counting the
/// bytes that are not UTF-8 continuation bytes, with SIMD. An ASCII text
/// needs no table at all.
struct CodePointIndex<'t> {
    text: &'t str,
    /// `blocks[i]`: characters that start before byte `i * BLOCK`; empty
    /// when the text is ASCII, where code points are bytes.
    blocks: Vec<u32>,
}

/// Bytes per block of [`CodePointIndex`]: 4 bytes of table per 256 bytes of
/// text, and at most 255 bytes counted per offset (64 counted no faster).
const BLOCK: usize = 256;

impl<'t> CodePointIndex<'t> {
    fn new(text: &'t str) -> CodePointIndex<'t> {
        let mut blocks = Vec::new();
        if !text.is_ascii() {
            blocks.reserve(text.len() / BLOCK + 1);
            let mut before = 0;
            for block in text.as_bytes().chunks(BLOCK) {
                blocks.push(to_u32(before));
                before += character_starts(block);
            }
            // The end of a text whose length is a multiple of BLOCK.
            blocks.push(to_u32(before));
        }
        CodePointIndex { text, blocks }
    }

    /// The code-point offset of `byte_offset`. An offset inside a
    /// multi-byte character (which the engine's spans never produce)
    /// resolves to the character that contains it, and one past the end of
    /// the text to the text's length: conversion never panics.
    fn code_points(&self, byte_offset: usize) -> u32 {
        let boundary = char_boundary_at_or_before(self.text, byte_offset);
        if self.blocks.is_empty() {
            return to_u32(boundary);
        }
        // `blocks` has an entry for every block start up to the text's
        // length, and `boundary` is at most that.
        let block = boundary / BLOCK;
        let counted = character_starts(&self.text.as_bytes()[block * BLOCK..boundary]);
        self.blocks[block] + to_u32(counted)
    }

    fn span(&self, span: engine::Span) -> proto::Span {
        proto::Span {
            start: self.code_points(span.start),
            end: self.code_points(span.end),
            byte_start: to_u32(span.start),
            byte_end: to_u32(span.end),
        }
    }
}

/// The last character boundary of `text` at or before `offset` (the text's
/// length past its end).
fn char_boundary_at_or_before(text: &str, offset: usize) -> usize {
    let mut boundary = offset.min(text.len());
    while !text.is_char_boundary(boundary) {
        boundary -= 1;
    }
    boundary
}

/// Characters that start in `bytes`: the bytes that are not UTF-8
/// continuation bytes (`0b10xx_xxxx`), counted with SIMD by `bytecount`.
fn character_starts(bytes: &[u8]) -> usize {
    bytecount::num_chars(bytes)
}

/// Offsets fit in `u32`: a gRPC message (and so a request text) is at most
/// 4 GiB by the wire format's 32-bit length prefix.
fn to_u32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// The text under `span`, or empty when the span does not lie on character
/// boundaries of `text` (an engine bug must not become a panic here).
fn slice(text: &str, span: engine::Span) -> String {
    text.get(span.start..span.end)
        .unwrap_or_default()
        .to_string()
}

fn statement_to_proto(
    text: &str,
    index: &CodePointIndex,
    ids: &[String],
    extraction: &Extraction,
    statement: &engine::Statement,
) -> proto::Statement {
    let quote = proto::Quote {
        text: slice(text, statement.quote.span),
        span: Some(index.span(statement.quote.span)),
        kind: statement_kind(statement.quote.kind) as i32,
    };
    let speaker = statement.speaker.as_ref().map(|speaker| {
        let entity = extraction.speakers.get(speaker.entity);
        let resolved = entity.filter(|e| e.kind != engine::SpeakerType::Unresolved);
        proto::SpeakerRef {
            name: resolved.map(|e| e.name.clone()).unwrap_or_default(),
            mention: slice(text, speaker.mention),
            span: Some(index.span(speaker.mention)),
            id: ids
                .get(speaker.entity)
                .cloned()
                .unwrap_or_else(|| speaker_id(speaker.entity)),
        }
    });
    let verb = statement.verb.as_ref().map(|verb| proto::Verb {
        text: slice(text, verb.span),
        lemma: verb.lemma.clone(),
        span: Some(index.span(verb.span)),
    });
    let timestamp = statement
        .timestamp
        .as_ref()
        .map(|timestamp| proto::Timestamp {
            text: slice(text, timestamp.span),
            date: format_date(timestamp.date),
            span: Some(index.span(timestamp.span)),
        });
    proto::Statement {
        quote: Some(quote),
        speaker,
        role: statement.role.clone().unwrap_or_default(),
        verb,
        timestamp,
        confidence: statement.confidence,
    }
}

fn speaker_to_proto(
    index: &CodePointIndex,
    id: String,
    speaker: &engine::Speaker,
) -> proto::Speaker {
    proto::Speaker {
        id,
        name: speaker.name.clone(),
        r#type: speaker_type(speaker.kind) as i32,
        roles: speaker.roles.clone(),
        mentions: speaker.mentions.iter().map(|&m| index.span(m)).collect(),
        statement_count: speaker.statement_count,
    }
}

fn statement_kind(kind: engine::StatementKind) -> proto::StatementKind {
    match kind {
        engine::StatementKind::Direct => proto::StatementKind::Direct,
        engine::StatementKind::Indirect => proto::StatementKind::Indirect,
        engine::StatementKind::Mixed => proto::StatementKind::Mixed,
    }
}

fn speaker_type(kind: engine::SpeakerType) -> proto::SpeakerType {
    match kind {
        engine::SpeakerType::Person => proto::SpeakerType::Person,
        engine::SpeakerType::Organization => proto::SpeakerType::Organization,
        engine::SpeakerType::Group => proto::SpeakerType::Group,
        engine::SpeakerType::Unresolved => proto::SpeakerType::Unresolved,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{
        Quote, Span, Speaker, SpeakerRef, SpeakerType, Statement, Timestamp, Verb,
    };

    /// A span covering the first occurrence of `needle` in `text`.
    fn find(text: &str, needle: &str) -> Span {
        let start = text.find(needle).expect("needle in text");
        Span::new(start, start + needle.len())
    }

    fn code_points_of(text: &str, span: &proto::Span) -> String {
        text.chars()
            .skip(span.start as usize)
            .take((span.end - span.start) as usize)
            .collect()
    }

    /// A text with 2-, 3- and 4-byte characters before and inside the spans.
    const TEXT: &str = "Kyiv — «Olena Kovalenko» 🇺🇦 said on Tuesday: “Ми не здамося,” she said.";

    fn sample_extraction() -> Extraction {
        let quote = find(TEXT, "Ми не здамося,");
        Extraction {
            published: Some(PartialDate::Day {
                year: 2026,
                month: 1,
                day: 28,
            }),
            statements: vec![Statement {
                quote: Quote {
                    span: quote,
                    kind: engine::StatementKind::Direct,
                },
                speaker: Some(SpeakerRef {
                    mention: find(TEXT, "she"),
                    entity: 1,
                }),
                role: Some("mayor".to_string()),
                verb: Some(Verb {
                    span: find(TEXT, "said."),
                    lemma: "say".to_string(),
                }),
                timestamp: Some(Timestamp {
                    span: find(TEXT, "Tuesday"),
                    date: Some(PartialDate::Month {
                        year: 2026,
                        month: 1,
                    }),
                }),
                confidence: 0.75,
            }],
            speakers: vec![
                Speaker {
                    name: "Kyiv".to_string(),
                    kind: SpeakerType::Organization,
                    roles: vec![],
                    mentions: vec![find(TEXT, "Kyiv")],
                    statement_count: 0,
                },
                Speaker {
                    name: "Olena Kovalenko".to_string(),
                    kind: SpeakerType::Person,
                    roles: vec!["mayor".to_string()],
                    mentions: vec![find(TEXT, "Olena Kovalenko"), find(TEXT, "she")],
                    statement_count: 1,
                },
            ],
        }
    }

    #[test]
    fn spans_carry_matching_code_point_and_byte_offsets() {
        let response = extraction_to_response(TEXT, "doc".into(), &sample_extraction());
        let statement = &response.statements[0];
        let mut spans = vec![
            statement.quote.as_ref().unwrap().span.unwrap(),
            statement.speaker.as_ref().unwrap().span.unwrap(),
            statement.verb.as_ref().unwrap().span.unwrap(),
            statement.timestamp.as_ref().unwrap().span.unwrap(),
        ];
        spans.extend(response.speakers.iter().flat_map(|s| s.mentions.clone()));
        for span in spans {
            let by_bytes = &TEXT[span.byte_start as usize..span.byte_end as usize];
            assert_eq!(code_points_of(TEXT, &span), by_bytes, "{span:?}");
        }
        let quote = statement.quote.as_ref().unwrap();
        let quote_span = quote.span.unwrap();
        assert_eq!(quote.text, "Ми не здамося,");
        assert!(
            quote_span.start < quote_span.byte_start,
            "multi-byte text before the quote"
        );
        assert_eq!(quote_span.end - quote_span.start, 14);
        assert_eq!(quote_span.byte_end - quote_span.byte_start, 25);
    }

    #[test]
    fn texts_are_sliced_from_the_request() {
        let response = extraction_to_response(TEXT, "doc".into(), &sample_extraction());
        let statement = &response.statements[0];
        assert_eq!(statement.speaker.as_ref().unwrap().mention, "she");
        assert_eq!(statement.speaker.as_ref().unwrap().name, "Olena Kovalenko");
        assert_eq!(statement.verb.as_ref().unwrap().text, "said.");
        assert_eq!(statement.verb.as_ref().unwrap().lemma, "say");
        assert_eq!(statement.timestamp.as_ref().unwrap().text, "Tuesday");
        assert_eq!(statement.role, "mayor");
        assert_eq!(
            statement.quote.as_ref().unwrap().kind,
            proto::StatementKind::Direct as i32
        );
    }

    #[test]
    fn speakers_get_one_based_ids_that_statements_reference() {
        let response = extraction_to_response(TEXT, "doc".into(), &sample_extraction());
        let ids: Vec<_> = response.speakers.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["s1", "s2"]);
        assert_eq!(response.statements[0].speaker.as_ref().unwrap().id, "s2");
        assert_eq!(
            response.speakers[1].r#type,
            proto::SpeakerType::Person as i32
        );
        assert_eq!(response.speakers[1].statement_count, 1);
    }

    #[test]
    fn dates_use_iso_8601_at_the_precision_found() {
        let response = extraction_to_response(TEXT, "doc".into(), &sample_extraction());
        assert_eq!(response.published, "2026-01-28");
        assert_eq!(
            response.statements[0].timestamp.as_ref().unwrap().date,
            "2026-01"
        );
        assert_eq!(response.document_id, "doc");
        assert_eq!(response.engine_version, engine::ENGINE_VERSION);
    }

    #[test]
    fn unresolved_speakers_have_no_canonical_name() {
        let mut extraction = sample_extraction();
        extraction.speakers[1].kind = SpeakerType::Unresolved;
        let response = extraction_to_response(TEXT, "doc".into(), &extraction);
        let speaker = response.statements[0].speaker.as_ref().unwrap();
        assert_eq!(speaker.name, "");
        assert_eq!(speaker.mention, "she");
    }

    #[test]
    fn code_point_index_resolves_offsets_at_both_ends_of_the_text() {
        let text = "é😀a";
        let index = CodePointIndex::new(text);
        assert_eq!(index.code_points(0), 0);
        assert_eq!(index.code_points(2), 1);
        assert_eq!(index.code_points(6), 2);
        assert_eq!(index.code_points(text.len()), 3);
    }

    #[test]
    fn code_point_index_never_panics_on_offsets_inside_a_character() {
        let text = "é😀a";
        let index = CodePointIndex::new(text);
        assert_eq!(index.code_points(1), 0);
        assert_eq!(index.code_points(3), 1);
        assert_eq!(index.code_points(40), 3);
    }

    #[test]
    fn code_point_index_agrees_with_counting_characters_at_every_offset() {
        let mixed = "Ça «marche» — 😀 naïve 日本 ok. ";
        let ascii = "Plain ASCII news text, said the mayor. ";
        // One short text, texts spanning many blocks, and texts whose length
        // is a multiple of the block size (the index's last entry).
        let mut texts = vec![mixed.to_string(), mixed.repeat(40), ascii.repeat(30)];
        texts.push("é".repeat(BLOCK));
        texts.push("a".repeat(2 * BLOCK - 2) + "é");
        for text in &texts {
            let index = CodePointIndex::new(text);
            for offset in 0..=text.len() + 2 {
                let boundary = char_boundary_at_or_before(text, offset);
                let expected = text[..boundary].chars().count() as u32;
                assert_eq!(index.code_points(offset), expected, "byte {offset}");
            }
        }
    }
}
