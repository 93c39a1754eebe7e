//! What the attribution stage produces: [`Found`] statements, written
//! through one [`Sink`].
//!
//! Every rule that recognises a frame ends the same way: a token range is
//! the content, some cue and some speaker are its attribution, and the
//! quotations the range touches are now covered (so that the fallback for
//! uncovered quotations leaves them alone). The sink does that bookkeeping
//! in one place, as ripgrep's searcher reports matches to a sink that owns
//! the output: rules describe what they found with a [`Claim`] and never
//! touch the output list or the "used" marks themselves.
//!
//! The sink also decides each statement's kind from its content, the one
//! decision every rule shares: all inside one quotation is DIRECT (and the
//! span is then the quotation's content), partly quoted is MIXED, otherwise
//! INDIRECT.

use crate::attribution::input::Input;
use crate::lexicon::{self, Class, Pron, words};
use crate::mentions::{Mention, MentionKind, View};
use crate::text::quotes::{Quotation, QuoteId};
use crate::text::{Sentence, TokKind, lower_ascii};
use crate::{Span, StatementKind};

/// A cue as a statement records it: its byte span and its lemma ("" for a
/// frame word outside the cue lexicon).
pub(crate) type CueRef = (Span, &'static str);

/// A statement found by the attribution stage, before entity resolution.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub content: Span,
    pub kind: StatementKind,
    pub cue: Option<CueRef>,
    pub speaker: Option<Mention>,
    /// Where the text names the speaker at this statement when that is not
    /// the speaker mention itself: the relative pronoun of "Jane Roe, who
    /// said …" (the mention as written; `speaker` is its antecedent).
    pub written: Option<Span>,
    /// The speaker was carried over from an earlier statement.
    pub carried: bool,
    pub confidence: f32,
    pub para: u32,
    /// The sentence the statement was found in (its attribution is there).
    pub sentence: Span,
    /// The sentence has a word that can start a time expression (a
    /// weekday, a month, "yesterday", a number); others need no date search.
    pub time_words: bool,
}

/// The most recent explicit speaker, its cue and paragraph (for continuations).
pub(crate) type Context = Option<(Mention, Option<CueRef>, u32)>;

/// Who a rule says spoke, by which cue, and how sure it is: everything a
/// statement takes from its frame rather than from its content.
#[derive(Clone, Copy)]
pub(crate) struct Claim {
    pub cue: Option<CueRef>,
    pub speaker: Option<Mention>,
    /// A relative pronoun standing for `speaker` (see [`Found::written`]).
    pub written: Option<Span>,
    pub confidence: f32,
}

/// The confidence of a frame with this speaker: a named speaker is surer
/// than a pronoun, a pronoun than a description; a verb that is not a
/// speech verb ("believes", "hopes") is less sure.
pub(crate) fn confidence(speaker: &Mention, speech: bool) -> f32 {
    let base = match speaker.kind {
        MentionKind::Name => 0.95,
        MentionKind::Pronoun(_) => 0.85,
        MentionKind::Descriptor => 0.8,
    };
    if speech { base } else { base - 0.15 }
}

/// Owns the statements found so far and which quotations they cover.
pub(crate) struct Sink<'a> {
    inp: &'a Input<'a>,
    out: Vec<Found>,
    used: Vec<bool>,
}

impl<'a> Sink<'a> {
    /// A sink writing into `out` (empty; its memory is reused from an
    /// earlier document).
    pub(crate) fn new(inp: &'a Input<'a>, mut out: Vec<Found>) -> Sink<'a> {
        // Usually at most a statement per quotation or sentence: sizing the
        // list up front spares most of the copies a growing list makes, each
        // one fresh memory on a long document.
        out.reserve(inp.quotes.len() + inp.sentences.len());
        Sink {
            inp,
            out,
            used: vec![false; inp.quotes.len()],
        }
    }

    /// How many statements have been found.
    pub(crate) fn len(&self) -> usize {
        self.out.len()
    }

    /// The statements found since there were `before`.
    pub(crate) fn since(&self, before: usize) -> &[Found] {
        &self.out[before..]
    }

    /// The statements found since there were `before`, to change in place.
    pub(crate) fn since_mut(&mut self, before: usize) -> &mut [Found] {
        &mut self.out[before..]
    }

    /// Whether a statement already covers quotation `q`.
    pub(crate) fn is_used(&self, q: QuoteId) -> bool {
        self.used[q.index()]
    }

    /// All statements, in text order.
    pub(crate) fn finish(mut self) -> Vec<Found> {
        sort_by_content_start(&mut self.out);
        self.out
    }

    /// Records a statement over tokens `[s, e)` of `sent`, deciding its kind
    /// and span, and marks the quotations it touches as covered.
    pub(crate) fn push(&mut self, sent: &Sentence, s: usize, e: usize, claim: Claim) {
        let inp = self.inp;
        let toks = inp.view.tokens;
        let mut inside = 0usize;
        let mut outside = 0usize;
        let mut first_q: Option<QuoteId> = None;
        let mut single_quote = true;
        for t in &toks[s..e] {
            if !matches!(t.kind, TokKind::Word | TokKind::Number) {
                continue;
            }
            match t.in_quote {
                Some(q) => {
                    inside += 1;
                    match first_q {
                        None => first_q = Some(q),
                        Some(f) if f != q => single_quote = false,
                        _ => {}
                    }
                    self.used[q.index()] = true;
                }
                None => outside += 1,
            }
        }
        let (kind, content) = if inside > 0 && outside == 0 && single_quote {
            let q = &inp.quotes[first_q.map_or(0, QuoteId::index)];
            (StatementKind::Direct, q.content)
        } else {
            let span = Span::new(toks[s].span().start, toks[e - 1].span().end);
            let kind = if inside > 0 {
                StatementKind::Mixed
            } else {
                StatementKind::Indirect
            };
            (kind, span)
        };
        let Claim {
            cue,
            speaker,
            written,
            confidence,
        } = claim;
        // "It is unclear whether …": the "it" stands for the clause.
        let speaker =
            speaker.filter(|m| !cue.is_some_and(|(c, _)| is_expletive_it(&inp.view, m, c)));
        self.out.push(Found {
            content,
            kind,
            cue,
            speaker,
            written: written.filter(|_| speaker.is_some()),
            carried: false,
            confidence: confidence.clamp(0.0, 1.0),
            para: sent.para,
            sentence: inp.sentence_span(sent),
            time_words: sent.time_words,
        });
    }

    /// Records quotation `q` of `sent` as a direct statement on its own
    /// (a quotation no frame covered), `carried` when its speaker is one
    /// from an earlier sentence.
    pub(crate) fn push_quotation(
        &mut self,
        sent: &Sentence,
        (id, q): (QuoteId, &Quotation),
        claim: Claim,
        carried: bool,
    ) {
        self.used[id.index()] = true;
        self.out.push(Found {
            content: q.content,
            kind: StatementKind::Direct,
            cue: claim.cue,
            speaker: claim.speaker,
            written: claim.written,
            carried,
            confidence: claim.confidence,
            para: sent.para,
            sentence: self.inp.sentence_span(sent),
            time_words: sent.time_words,
        });
    }
}

/// Puts statements in text order. They mostly come out in order already,
/// and a stable sort allocates scratch space of about half the list, which
/// on a 10 MB document is megabytes of fresh memory (page faults) for
/// nothing; checking the order first is one read-only pass.
pub(crate) fn sort_by_content_start(found: &mut [Found]) {
    if !found.is_sorted_by_key(|f| f.content.start) {
        found.sort_by_key(|f| f.content.start);
    }
}

/// Whether `m` is an expletive "it" whose predicate is the cue: "it"
/// (or "it's") followed only by forms of "be", auxiliaries and negation up
/// to a cue that takes an extraposed clause ("it is not clear whether",
/// "it's unclear", "it was reported that"). A referential "it" ("the
/// company said it was disappointed") has another kind of predicate.
fn is_expletive_it(v: &View<'_>, m: &Mention, cue: Span) -> bool {
    let (a, b) = m.tokens;
    if b != a + 1 {
        return false;
    }
    // "It's" is classed as "it" with a possessive ending.
    let t = &v.tokens[a];
    let contracted = t.possessive && t.class == Class::Pronoun(Pron::It);
    if !(contracted || t.is_it()) {
        return false;
    }
    if !lexicon::is_extraposition_predicate(lower_ascii(cue.slice(v.text)).as_str()) {
        return false;
    }
    let between = v.tokens[b..]
        .iter()
        .take_while(|t| t.span().end <= cue.start);
    let mut copula = contracted;
    for t in between {
        let w = lower_ascii(t.span().slice(v.text));
        if !lexicon::is_copula_or_aux(w.as_str()) {
            return false;
        }
        copula |= !words::is_copula_adverbs(w.as_str());
    }
    copula
}
