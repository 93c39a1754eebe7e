//! Stage 2: quotation spans.
//!
//! News text uses every style of quotation mark: curly “…” and straight
//! "…", British ‘…’ with “…” nested inside, the NYT archive's ``…'' and
//! ''…'', « » and „ “. A mark's role (open or close) is decided from its
//! flanks — white space before and a word after opens, the reverse closes —
//! and from a stack of the marks currently open, so nested quotations stay
//! inside their parent and an unbalanced inner mark is dropped when an outer
//! close arrives. An apostrophe ("Russia’s", "voters’") never closes a
//! double quotation, and a single-mark family is only opened with a clear
//! left flank. The stack is reset at each paragraph: an unbalanced mark can
//! swallow at most the rest of its own paragraph, never the article.
//!
//! A quotation still open at the end of its paragraph is kept as an
//! unclosed quotation up to the paragraph end; when the next paragraph opens
//! with a quotation mark, that is the multi-paragraph convention (the
//! opening mark repeated, no closing mark until the last paragraph), and the
//! next quotation is marked as continuing it.

use std::num::NonZeroU32;

use crate::Span;
use crate::text::punct::is_dash_char;
use crate::text::{Paragraph, TokKind, Token};

/// The index of a quotation in [`find`]'s list, as stored on every token.
///
/// Four bytes with a niche, so that `Option<QuoteId>` is four bytes too
/// (an `Option<u32>` is eight): see [`Token`]'s size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct QuoteId(NonZeroU32);

impl QuoteId {
    fn new(index: usize) -> QuoteId {
        // Stored as index + 1 to keep zero free for `None`. A document has
        // fewer quotations than bytes; saturating keeps even a 4 GiB one
        // from panicking.
        QuoteId(NonZeroU32::MIN.saturating_add(u32::try_from(index).unwrap_or(u32::MAX)))
    }

    /// The position in the quotation list.
    pub(crate) fn index(self) -> usize {
        (self.0.get() - 1) as usize
    }
}

/// Which family of marks opened a quotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Guillemet,
}

/// One top-level quotation.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Quotation {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark; `None` when it runs to the paragraph end.
    pub close: Option<usize>,
    /// The content, without the marks.
    pub content: Span,
    /// The previous paragraph ended inside a quotation and this one reopens it.
    pub continues: bool,
}

#[derive(Clone, Copy)]
struct Open {
    family: Family,
    token: usize,
    /// Opened by a German low mark „, closed by “.
    low: bool,
    /// Opened by a straight ASCII mark.
    straight: bool,
}

/// Finds the top-level quotations of every paragraph and records, on each
/// token, the quotation whose content holds it.
pub(crate) fn find(text: &str, tokens: &mut [Token], paragraphs: &[Paragraph]) -> Vec<Quotation> {
    let mut finder = Finder::default();
    finder.paragraphs(text, tokens, paragraphs);
    finder.quotations
}

/// The quotations found so far and what the next paragraph needs to know,
/// so that a long text's paragraphs can be read a window at a time.
#[derive(Default)]
pub(crate) struct Finder {
    pub quotations: Vec<Quotation>,
    stack: Vec<Open>,
    /// The last paragraph read ended inside a quotation.
    prev_para_unclosed: bool,
}

impl Finder {
    /// A finder that appends to `quotations` (an empty list kept from an
    /// earlier document).
    pub(crate) fn new(quotations: Vec<Quotation>) -> Finder {
        Finder {
            quotations,
            ..Finder::default()
        }
    }

    /// Finds the quotations of `paragraphs`, which follow those of earlier
    /// calls.
    pub(crate) fn paragraphs(
        &mut self,
        text: &str,
        tokens: &mut [Token],
        paragraphs: &[Paragraph],
    ) {
        // Each quotation has its own opening mark, so the marks bound the
        // list: sized once per call, it is not copied to a bigger allocation
        // at every growth (on a document of thousands of quotations, those
        // copies were fresh memory, paid for in page faults).
        let marks: usize = paragraphs.iter().map(|p| p.quote_marks as usize).sum();
        self.quotations.reserve(marks);
        let Finder {
            quotations: out,
            stack,
            prev_para_unclosed,
        } = self;
        find_in(text, tokens, paragraphs, out, stack, prev_para_unclosed);
    }
}

/// Finds the quotations of `paragraphs`, appending them to `out`. `stack`
/// is the finder's list of open marks (emptied at each paragraph), and
/// `prev_para_unclosed` whether the paragraph before ended inside a
/// quotation.
fn find_in(
    text: &str,
    tokens: &mut [Token],
    paragraphs: &[Paragraph],
    out: &mut Vec<Quotation>,
    stack: &mut Vec<Open>,
    prev_para_unclosed: &mut bool,
) {
    for p in paragraphs {
        if p.quote_marks == 0 {
            // Nothing opens or closes here, and nothing is continued.
            *prev_para_unclosed = false;
            continue;
        }
        let (start, end) = p.tokens;
        stack.clear();
        let first_of_para = out.len();
        for i in start..end {
            if tokens[i].kind == TokKind::QuoteMark {
                read_mark(text, tokens, i, stack, out);
            }
        }
        let unclosed = close_at_paragraph_end(tokens, end, stack, out);
        if *prev_para_unclosed
            && let Some(q) = out.get_mut(first_of_para)
            && q.open == start
        {
            q.continues = true;
        }
        *prev_para_unclosed = unclosed;
    }
}

/// Opens or closes a quotation at the quotation mark `tokens[i]`, from
/// its style, its flanks and the marks open in `stack`.
fn read_mark(
    text: &str,
    tokens: &mut [Token],
    i: usize,
    stack: &mut Vec<Open>,
    out: &mut Vec<Quotation>,
) {
    let span = tokens[i].span();
    let mark = span.slice(text);
    let left = space_before(text, span.start);
    let right = space_after(text, span.end);
    let opener = left && !right;
    let closer = !left && right;
    let has = |stack: &[Open], f: Family| stack.iter().any(|o| o.family == f);
    match mark {
        "“" => {
            if stack.last().is_some_and(|o| o.low) || (closer && has(stack, Family::Double)) {
                close(stack, Family::Double, i, tokens, out);
            } else {
                push(stack, Family::Double, i, false, false);
            }
        }
        "”" | "‟" => {
            if has(stack, Family::Double) {
                close(stack, Family::Double, i, tokens, out);
            } else if opener {
                push(stack, Family::Double, i, false, false);
            }
        }
        "„" => push(stack, Family::Double, i, true, false),
        "«" => push(stack, Family::Guillemet, i, false, false),
        "»" if has(stack, Family::Guillemet) => {
            close(stack, Family::Guillemet, i, tokens, out);
        }
        "``" => push(stack, Family::Double, i, false, true),
        "\"" | "''" => {
            let top_straight_double = stack
                .iter()
                .rev()
                .find(|o| o.family == Family::Double)
                .is_some_and(|o| o.straight);
            if top_straight_double && !(opener && stack.last().is_some_and(|o| !o.straight)) {
                close(stack, Family::Double, i, tokens, out);
            } else if opener || (left && right && stack.is_empty()) {
                push(stack, Family::Double, i, false, true);
            } else if has(stack, Family::Double) {
                close(stack, Family::Double, i, tokens, out);
            }
        }
        "‘" | "‚" | "`" if opener => {
            push(stack, Family::Single, i, false, mark == "`");
        }
        "’" | "'" => {
            if stack.last().is_some_and(|o| o.family == Family::Single) && !left {
                close(stack, Family::Single, i, tokens, out);
            } else if mark == "'" && opener {
                push(stack, Family::Single, i, false, true);
            }
        }
        _ => {}
    }
}

/// A double quotation still open at the paragraph's end (token `end`)
/// runs to it; returns whether there was one.
fn close_at_paragraph_end(
    tokens: &mut [Token],
    end: usize,
    stack: &[Open],
    out: &mut Vec<Quotation>,
) -> bool {
    let Some(o) = stack.first().filter(|o| o.family != Family::Single) else {
        return false;
    };
    let content = Span::new(
        tokens[(o.token + 1).min(end - 1)].span().start,
        tokens[end - 1].span().end,
    );
    if !content.is_empty() && o.token + 1 < end {
        mark_tokens(tokens, o.token + 1, end, out.len());
        out.push(Quotation {
            open: o.token,
            close: None,
            content,
            continues: false,
        });
    }
    true
}

fn push(stack: &mut Vec<Open>, family: Family, token: usize, low: bool, straight: bool) {
    // Deep nesting is never real; bound the stack so garbage input stays linear.
    if stack.len() < 8 {
        stack.push(Open {
            family,
            token,
            low,
            straight,
        });
    }
}

/// Closes the innermost open quotation of `family` (dropping unbalanced
/// marks above it) and emits it when it was top level.
fn close(
    stack: &mut Vec<Open>,
    family: Family,
    close_tok: usize,
    tokens: &mut [Token],
    out: &mut Vec<Quotation>,
) {
    let Some(pos) = stack.iter().rposition(|o| o.family == family) else {
        return;
    };
    let open = stack[pos];
    stack.truncate(pos);
    if !stack.is_empty() || open.token + 1 >= close_tok {
        return;
    }
    let content = Span::new(
        tokens[open.token].span().end,
        tokens[close_tok].span().start,
    );
    mark_tokens(tokens, open.token + 1, close_tok, out.len());
    out.push(Quotation {
        open: open.token,
        close: Some(close_tok),
        content,
        continues: false,
    });
}

fn mark_tokens(tokens: &mut [Token], from: usize, to: usize, q: usize) {
    for t in &mut tokens[from..to] {
        t.in_quote = Some(QuoteId::new(q));
    }
}

/// Whether position `pos` is preceded by white space or the text start.
fn space_before(text: &str, pos: usize) -> bool {
    text[..pos]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '-' | '/') || is_dash_char(c))
}

/// Whether position `pos` is followed by white space, punctuation or the end.
fn space_after(text: &str, pos: usize) -> bool {
    text[pos..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn quotes(text: &str) -> Vec<&str> {
        let (mut toks, paras) = tokenize(text);
        find(text, &mut toks, &paras)
            .iter()
            .map(|q| q.content.slice(text))
            .collect()
    }

    #[test]
    fn styles() {
        assert_eq!(quotes("He said “yes,” then “no.”"), ["yes,", "no."]);
        assert_eq!(quotes("He said \"yes\" and \"no\"."), ["yes", "no"]);
        assert_eq!(quotes("He said ``yes,'' then ''no.''"), ["yes,", "no."]);
        assert_eq!(quotes("Er sagte „ja“ und «non»."), ["ja", "non"]);
    }

    #[test]
    fn nesting_and_apostrophes() {
        assert_eq!(
            quotes("“It is Kyiv’s ‘backstop,’ not ours,” she said."),
            ["It is Kyiv’s ‘backstop,’ not ours,"]
        );
        assert_eq!(
            quotes("‘It is a “deal”,’ he said of the voters’ mood."),
            ["It is a “deal”,"]
        );
    }

    #[test]
    fn unbalanced_mark_stays_in_its_paragraph() {
        assert_eq!(
            quotes("A stray “ mark here.\n\n“Fine,” she said."),
            ["mark here.", "Fine,"]
        );
    }
}
