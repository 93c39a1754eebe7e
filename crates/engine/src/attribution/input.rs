//! What the attribution stage reads: the analysed document as one borrowed
//! view, and the token queries every rule asks of it.
//!
//! The earlier stages (tokens with their lexicon classes and learned cues,
//! quotations, sentences, the speaker-phrase grammar of `mentions`) are done
//! before attribution starts and never change during it, so the stage reads
//! them through one shared [`Input`] and writes only to its
//! [`Sink`](super::found::Sink). Keeping the read side apart from the write
//! side is what lets the rules be plain functions in any order of files:
//! each imports this module and `found`, never the stage's driver.

use crate::Span;
use crate::mentions::View;
use crate::text::Sentence;
use crate::text::quotes::Quotation;

/// Everything the attribution stage reads.
pub(crate) struct Input<'a> {
    pub view: View<'a>,
    pub sentences: &'a [Sentence],
    pub quotes: &'a [Quotation],
}

impl Input<'_> {
    /// The sentence that holds token `t`.
    pub(crate) fn sentence_of(&self, t: usize) -> Option<&Sentence> {
        self.sentences
            .get(self.sentences.partition_point(|s| s.tokens.1 <= t))
    }

    /// The byte span of a sentence, from its first token to its last.
    pub(crate) fn sentence_span(&self, sent: &Sentence) -> Span {
        let toks = self.view.tokens;
        Span::new(
            toks[sent.tokens.0].span().start,
            toks[sent.tokens.1 - 1].span().end,
        )
    }
}

/// Whether token `t` is a word or a number (what counts when a rule counts
/// the words of a stretch).
pub(crate) fn is_word(inp: &Input<'_>, t: usize) -> bool {
    inp.view.is_word_token(t)
}

/// Whether the words of `[from, to)` are in title case: seven in ten or
/// more capitalised ("The Art of the Deal", "Daily Show"), or two or more
/// capitalised and every word in lower case a function word
/// ([`crate::lexicon::Class::is_function_word`]: "Orange is the New
/// Black", "Person of the Year", "Souls to the Polls": publishers differ on
/// which short words a title capitalises, none leaves a noun or a full
/// verb in lower case).
pub(crate) fn is_title_case(inp: &Input<'_>, from: usize, to: usize) -> bool {
    let (mut words, mut capitalised, mut lower_content) = (0, 0, 0);
    for t in (from..to).filter(|&t| is_word(inp, t)) {
        let tok = &inp.view.tokens[t];
        words += 1;
        if tok.cap {
            capitalised += 1;
        } else if !tok.class.is_function_word() {
            lower_content += 1;
        }
    }
    words > 0 && (capitalised * 10 >= words * 7 || (capitalised >= 2 && lower_content == 0))
}

/// Whether the stretch before the speaker holds a quotation (which makes a
/// non-speech verb like "sighed" a cue).
pub(crate) fn quoted_before(inp: &Input<'_>, from: usize, to: usize) -> bool {
    // Bounded look-back: a frame's quotation is never hundreds of tokens away.
    (from.max(to.saturating_sub(200))..to).any(|k| inp.view.tokens[k].in_quote.is_some())
}
