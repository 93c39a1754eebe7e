//! Sentences: token ranges inside one paragraph, split after quotation
//! spans are known.
//!
//! A sentence boundary inside a closed quotation ("… lectures. The talks
//! were …,” he said.) must not cut the quotation off from its
//! attribution, so the splitter asks the quotation finder whether each
//! candidate boundary lies inside one. A full stop after an abbreviation
//! that may end a sentence ("Inc.", "Calif.") ends one only when a typical
//! sentence opener follows, and a dateline ("PORTSMOUTH, March 4 —") is a
//! sentence of its own.

use crate::lexicon;
use crate::text::Punct;
use crate::text::paragraphs::Paragraph;
use crate::text::token::{TokKind, Token};

/// A sentence: a token range inside one paragraph.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sentence {
    pub tokens: (usize, usize),
    pub para: u32,
    /// Holds a word that can start a time expression (weekday, month,
    /// "yesterday", a number), computed once for the dating stage.
    pub time_words: bool,
}

/// Whether token `t` ends a sentence (a full stop, ! or ?, or an abbreviation
/// that may end one when the next word is a typical sentence opener).
fn is_terminal(text: &str, tokens: &[Token], i: usize) -> bool {
    // Called for every token: punctuation is told by its class, and the
    // text is read only for a word whose last byte is a dot.
    let t = &tokens[i];
    match t.kind {
        TokKind::Punct => t.punct().is_some_and(Punct::ends_sentence),
        TokKind::Word if text.as_bytes()[t.span().end - 1] == b'.' => {
            lexicon::abbreviation_may_end_sentence(t.span().slice(text))
                && tokens
                    .get(i + 1)
                    .is_some_and(|n| n.cap && n.class.is_sentence_opener())
        }
        _ => false,
    }
}

/// Splits each paragraph into sentences, appended to `out`.
/// `inside_quote(pos)` tells whether a byte position lies strictly inside a
/// closed quotation (no boundary there).
///
/// A paragraph's sentences read its tokens' final cues (learned ones
/// included) and the class of the token after it, so the caller passes
/// only paragraphs whose tokens are final and followed by the next
/// paragraph's first token when there is one.
pub(crate) fn sentences(
    out: &mut Vec<Sentence>,
    text: &str,
    tokens: &[Token],
    paragraphs: &[Paragraph],
    inside_quote: impl Fn(usize) -> bool,
) {
    out.reserve(paragraphs.len() * 3);
    for p in paragraphs {
        let (start, end) = p.tokens;
        let para = tokens[start].para;
        let mut s = start;
        // "PORTSMOUTH, March 4 — The harbour …": a dateline is a sentence
        // of its own, so no reported clause starts with it.
        if let Some(after) = dateline_end(text, tokens, start, end) {
            out.push(sentence(text, tokens, start, after, para));
            s = after;
        }
        let mut i = s;
        while i < end {
            if is_terminal(text, tokens, i) {
                // Closing marks and brackets after the stop belong to this sentence.
                let mut j = i + 1;
                while j < end
                    && (tokens[j].kind == TokKind::QuoteMark
                        || tokens[j].punct().is_some_and(Punct::closes_bracket))
                    && !starts_token_after_space(text, tokens, j)
                {
                    j += 1;
                }
                let boundary = tokens[j - 1].span().end;
                let next_starts = j < end
                    && (tokens[j].cap
                        || tokens[j].kind == TokKind::QuoteMark
                        || tokens[j].kind == TokKind::Number);
                // `“Why?” Trump asked.`: a question or exclamation inside a
                // quotation does not end the sentence its attribution is in.
                let closed_quote = j > i + 1
                    && tokens[j - 1].kind == TokKind::QuoteMark
                    && matches!(
                        tokens[i].punct(),
                        Some(Punct::Question | Punct::Exclamation)
                    );
                if next_starts
                    && !inside_quote(boundary)
                    && !(closed_quote && attribution_follows(tokens, j, end))
                {
                    out.push(sentence(text, tokens, s, j, para));
                    s = j;
                }
                i = j;
                continue;
            }
            i += 1;
        }
        if s < end {
            out.push(sentence(text, tokens, s, end, para));
        }
    }
}

/// The token after a dateline's dash when the paragraph at `[s, e)` opens
/// with one: a place in capitals ("WASHINGTON", "NEW YORK"), then the
/// dash, or a comma, a parenthesis or a period and more capitalised words
/// or numbers ("PORTSMOUTH, March 4 —", "LOUISVILLE, Ky. (AP) —").
fn dateline_end(text: &str, tokens: &[Token], s: usize, e: usize) -> Option<usize> {
    let is_caps = |k: usize| {
        let w = tokens[k].span().slice(text);
        tokens[k].kind == TokKind::Word && w.len() >= 2 && w.chars().all(|c| !c.is_lowercase())
    };
    let mut k = s;
    while k < e && k - s < 4 && is_caps(k) {
        k += 1;
    }
    let opens = k > s
        && k < e
        && tokens[s]
            .span()
            .slice(text)
            .chars()
            .filter(|c| c.is_alphabetic())
            .count()
            >= 3;
    let opens_label =
        |t: &Token| t.is_comma() || t.is_dash() || t.punct() == Some(Punct::OpenParen);
    if !opens || !opens_label(&tokens[k]) {
        return None;
    }
    let dash = (k..e.min(k + 10)).find(|&m| tokens[m].is_dash())?;
    let label = (k..dash).all(|m| {
        let t = &tokens[m];
        match t.kind {
            TokKind::Punct => matches!(
                t.punct(),
                Some(Punct::Comma | Punct::Stop | Punct::OpenParen | Punct::CloseParen)
            ),
            TokKind::Word => t.cap,
            TokKind::Number => true,
            _ => false,
        }
    });
    (label && dash + 1 < e).then_some(dash + 1)
}

fn sentence(text: &str, tokens: &[Token], s: usize, e: usize, para: u32) -> Sentence {
    Sentence {
        tokens: (s, e),
        para,
        time_words: tokens[s..e].iter().any(|t| t.may_start_date(text)),
    }
}

/// A cue within the next few words (before any stop): `Trump said`,
/// `said Mr. Manafort`, `the spokesman for the mayor added`; or a name,
/// an apposition set off by commas, and the cue: `Jane Roe, a retired
/// nurse, asked`.
fn attribution_follows(tokens: &[Token], j: usize, end: usize) -> bool {
    let lim = (j + 6).min(end);
    for k in j..lim {
        let t = &tokens[k];
        if t.kind != TokKind::Word {
            return k > j && t.is_comma() && cue_after_apposition(tokens, k + 1, end);
        }
        if t.cue.is_some() && !t.cap {
            return true;
        }
    }
    false
}

/// An apposition after a name spans at most this many tokens.
const MAX_APPOSITION: usize = 20;

/// The apposition opening at `k` closes with a comma that a cue in lower
/// case follows (`a retired nurse from Ohio, asked`), before any stop or
/// quotation mark.
fn cue_after_apposition(tokens: &[Token], k: usize, end: usize) -> bool {
    let lim = (k + MAX_APPOSITION).min(end);
    for m in k..lim {
        let t = &tokens[m];
        if t.kind == TokKind::QuoteMark || t.punct().is_some_and(Punct::ends_sentence) {
            return false;
        }
        let cue_next = tokens
            .get(m + 1)
            .is_some_and(|n| m + 1 < end && n.kind == TokKind::Word && n.cue.is_some() && !n.cap);
        if t.is_comma() && cue_next {
            return true;
        }
    }
    false
}

/// The token at `j` is preceded by white space (so it opens something new).
fn starts_token_after_space(text: &str, tokens: &[Token], j: usize) -> bool {
    let start = tokens[j].span().start;
    text[..start]
        .chars()
        .next_back()
        .is_some_and(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;
    use crate::text::tokenize;

    fn sentence_texts(text: &str) -> Vec<&str> {
        let (tokens, paragraphs) = tokenize(text);
        let mut out = Vec::new();
        sentences(&mut out, text, &tokens, &paragraphs, |_| false);
        out.iter()
            .map(|s| {
                Span::new(
                    tokens[s.tokens.0].span().start,
                    tokens[s.tokens.1 - 1].span().end,
                )
                .slice(text)
            })
            .collect()
    }

    #[test]
    fn a_dateline_is_a_sentence_of_its_own() {
        assert_eq!(
            sentence_texts("PORTSMOUTH, March 4 — The harbour reopened."),
            ["PORTSMOUTH, March 4 —", "The harbour reopened."]
        );
    }

    #[test]
    fn a_paragraph_of_capitals_only_is_no_dateline() {
        assert_eq!(sentence_texts("NEW YORK"), ["NEW YORK"]);
        assert_eq!(sentence_texts("שלום"), ["שלום"]);
    }
}
