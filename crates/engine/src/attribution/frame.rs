//! The one interface every attribution rule has: a [`FrameContext`] to read
//! the sentence from and report statements to, and a [`FrameRule`] entry in
//! the ordered rule table (`rules::RULES`).
//!
//! Each rule used to take the same six or seven arguments (the input, the
//! sentence, the token, how far back it may read, the output list, the
//! covered quotations, the sentence's speaker so far); bundling them means
//! a rule's signature says only what is special about it, and the driver
//! can treat the rules as data: a list of named entries it tries in order.

use std::cell::Cell;
use std::fmt;

use crate::attribution::found::{Claim, CueRef, Sink};
use crate::attribution::input::Input;
use crate::lexicon::Class;
use crate::mentions::{Mention, View};
use crate::text::{Sentence, TokKind, Token};

/// One named frame rule: the kind of token it starts at, a cheap test of
/// that token, and the rule itself.
pub(crate) struct FrameRule {
    /// A short stable name ("passive", "according-to"), for documentation
    /// and diagnostics.
    pub name: &'static str,
    /// The kind of token the rule starts at; it is asked only there.
    pub trigger: Trigger,
    /// Whether the rule may apply at [`FrameContext::at`]; asked of nearly
    /// every token, so it looks only at the token and the positions.
    pub applies: fn(&FrameContext<'_, '_>) -> bool,
    /// Reads the frame at [`FrameContext::at`], reports its statements and
    /// returns the token where reading resumes; `None` when the frame is
    /// not there after all (nothing was reported then).
    pub run: fn(&mut FrameContext<'_, '_>) -> Option<usize>,
}

/// The kinds of token a rule can start at, as the bits of one byte.
///
/// The driver finds a token's kinds once, with a few inline comparisons,
/// and asks only the rules of those kinds: most tokens are of none, and
/// then no rule is called at all. (Calling every rule's test through the
/// table at every token costs about as much as the rest of the stage.)
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Trigger(u8);

impl Trigger {
    /// A token the cue lexicon or the cue model marks.
    pub(crate) const CUE: Trigger = Trigger(1);
    /// A complementiser "that".
    pub(crate) const THAT: Trigger = Trigger(1 << 1);
    /// A preposition.
    pub(crate) const PREPOSITION: Trigger = Trigger(1 << 2);
    /// A word that may be a raising verb (see [`may_be_raising_verb`]).
    pub(crate) const RAISING_VERB: Trigger = Trigger(1 << 3);
    /// A word as long as "according".
    pub(crate) const ACCORDING: Trigger = Trigger(1 << 4);
    /// A colon.
    pub(crate) const COLON: Trigger = Trigger(1 << 5);
    /// A lower-case word that may be an evidential adverb ("reportedly").
    pub(crate) const EVIDENTIAL: Trigger = Trigger(1 << 6);

    /// The kinds of token `t` is (none for most tokens).
    #[inline]
    pub(crate) fn of(t: &Token, text: &str) -> Trigger {
        let mut bits = 0;
        if t.cue.is_some() {
            bits |= Trigger::CUE.0;
        }
        match t.class {
            Class::That => bits |= Trigger::THAT.0,
            Class::Prep => bits |= Trigger::PREPOSITION.0,
            _ if t.is_colon() => bits |= Trigger::COLON.0,
            _ => {}
        }
        if may_be_raising_verb(text, t) {
            bits |= Trigger::RAISING_VERB.0;
        }
        if t.kind == TokKind::Word && t.span().len() == "according".len() {
            bits |= Trigger::ACCORDING.0;
        }
        if may_be_evidential(text, t) {
            bits |= Trigger::EVIDENTIAL.0;
        }
        Trigger(bits)
    }

    /// Whether the token is of no kind any rule starts at.
    #[inline]
    pub(crate) fn is_none(self) -> bool {
        self.0 == 0
    }

    /// Whether the token is of kind `kind`.
    #[inline]
    pub(crate) fn has(self, kind: Trigger) -> bool {
        self.0 & kind.0 != 0
    }
}

/// Whether `t` may be one of the verbs the raising rule reads: a lower-case
/// word outside quotation marks, four to eight bytes long, starting with
/// 's' or 'a'. Asked of nearly every token of a sentence, so it rules out
/// most words before their text is compared (or the frame is called).
#[inline]
pub(crate) fn may_be_raising_verb(text: &str, t: &Token) -> bool {
    t.kind == TokKind::Word
        && !t.cap
        && t.in_quote.is_none()
        && (4..=8).contains(&t.span().len())
        && matches!(text.as_bytes()[t.span().start], b's' | b'a')
}

/// Whether `t` may be an evidential adverb ("reportedly", "allegedly"): a
/// lower-case word outside quotation marks, nine to eleven bytes long,
/// ending in "ly". As cheap as [`may_be_raising_verb`], for the same reason.
#[inline]
fn may_be_evidential(text: &str, t: &Token) -> bool {
    t.kind == TokKind::Word
        && !t.cap
        && t.in_quote.is_none()
        && (9..=11).contains(&t.span().len())
        && text.as_bytes()[..t.span().end].ends_with(b"ly")
}

/// A rule shows as its name (its functions would show as addresses), so
/// that `{:?}` of the table lists the rules in order.
impl fmt::Debug for FrameRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// What a rule sees of the sentence being read, and where it reports.
pub(crate) struct FrameContext<'f, 'a> {
    pub inp: &'a Input<'a>,
    pub sent: &'a Sentence,
    sink: &'f mut Sink<'a>,
    /// The token the rules are asked about.
    pub at: usize,
    /// The first token a rule may read back to: the sentence start, or the
    /// end of the sentence's last frame (its words belong to that frame).
    pub cursor: usize,
    /// The sentence's speaker so far and the cue it spoke by: ", adding
    /// that …" continues it, and a colon lead-in with no statement of its
    /// own hands it to the next paragraph's quotation.
    pub speaker: Option<(Mention, Option<CueRef>)>,
    /// Whether the sentence is a title-case headline, found the first time
    /// a rule asks (most sentences are never asked).
    headline: Cell<Option<bool>>,
}

impl<'f, 'a> FrameContext<'f, 'a> {
    /// A context at the start of `sent`.
    pub(crate) fn new(
        inp: &'a Input<'a>,
        sent: &'a Sentence,
        sink: &'f mut Sink<'a>,
    ) -> FrameContext<'f, 'a> {
        FrameContext {
            inp,
            sent,
            sink,
            at: sent.tokens.0,
            cursor: sent.tokens.0,
            speaker: None,
            headline: Cell::new(None),
        }
    }

    /// The document's tokens and text.
    pub(crate) fn view(&self) -> &'a View<'a> {
        &self.inp.view
    }

    /// The token at [`at`](Self::at).
    pub(crate) fn token(&self) -> &'a Token {
        &self.inp.view.tokens[self.at]
    }

    /// Records a statement over tokens `[s, e)` of the sentence.
    pub(crate) fn push(&mut self, s: usize, e: usize, claim: Claim) {
        self.sink.push(self.sent, s, e, claim);
    }

    /// "Senator Smith Says He Will Run Again": in a headline every word is
    /// capitalised, its cue too. A headline in title case has at least
    /// three words outside quotation marks, at least four in five of them
    /// capitalised.
    pub(crate) fn is_headline(&self) -> bool {
        if let Some(known) = self.headline.get() {
            return known;
        }
        let (s, e) = self.sent.tokens;
        let words = self.inp.view.tokens[s..e]
            .iter()
            .filter(|t| t.kind == TokKind::Word && t.in_quote.is_none());
        let (n, caps) = words.fold((0, 0), |(n, caps), t| (n + 1, caps + usize::from(t.cap)));
        let headline = n >= 3 && caps * 5 >= n * 4;
        self.headline.set(Some(headline));
        headline
    }
}
