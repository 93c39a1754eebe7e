//! Word classes from the part-of-speech tagger, asked for by the few
//! decisions that need them, one sentence stretch at a time.
//!
//! The lexicon's closed classes and capital letters cannot tell "called"
//! in "a unit called the Task Force took over the case" (a participle that
//! names the unit) from "the senator called the plan a mistake" (a past
//! tense that reports); the tagger (`attributor-tagger`, an averaged
//! perceptron trained on UD English EWT) can. Tagging every token would
//! cost about five times the engine's own time (1.3 M tokens/s against
//! some 6.7 M), so the tagger runs only where a rule asks, over the
//! stretch of the sentence before the word asked about and a few tokens
//! after it (what its features read), and its model is loaded the first
//! time it is asked for.
//!
//! The model is compiled in (`attributor_tagger::SHIPPED_MODEL`, CC BY-SA
//! 4.0 like the treebank it was trained on). Should it ever fail to load,
//! every question here answers `None` and the rules decide as they did
//! without it.

use std::sync::OnceLock;

use attributor_tagger::{Penn, Tag, Tagger};

use crate::mentions::View;

/// The tokens after the one asked about that the tagger reads (its
/// features see two words ahead).
const LOOKAHEAD: usize = 2;

/// The most tokens before the one asked about that are tagged: the
/// greedy tagger reads the tags it gave the two words before, so a
/// stretch of this length starts it well, and the cost of a question stays
/// bounded in a run-on sentence.
const LOOKBEHIND: usize = 24;

/// The shipped tagger, loaded once; `None` if its bytes do not load.
fn tagger() -> Option<&'static Tagger> {
    static TAGGER: OnceLock<Option<Tagger>> = OnceLock::new();
    TAGGER
        .get_or_init(|| Tagger::from_bytes(attributor_tagger::SHIPPED_MODEL).ok())
        .as_ref()
}

/// The Penn Treebank tag of token `i` of the sentence of tokens `[s, e)`,
/// from tagging the stretch around it; `None` when the model is
/// unavailable.
pub(crate) fn penn_at(view: &View<'_>, s: usize, e: usize, i: usize) -> Option<Penn> {
    let tagger = tagger()?;
    let from = s.max(i.saturating_sub(LOOKBEHIND));
    let to = e.min(i + 1 + LOOKAHEAD);
    let words: Vec<&str> = (from..to).map(|t| view.s(t)).collect();
    let mut tags: Vec<Tag> = Vec::with_capacity(words.len());
    tagger.tag(&words, &mut tags);
    tags.get(i - from).map(|t| t.penn)
}

/// Whether `tag` is a verb that can head a clause after its subject: a
/// finite verb or the base form (which the tagger gives some present
/// tenses after a quantifier: "Most oppose").
pub(crate) fn is_clause_verb(tag: Penn) -> bool {
    tag == Penn::Vb || is_finite_verb(tag)
}

/// Whether `tag` is a common noun, singular or plural.
pub(crate) fn is_noun(tag: Penn) -> bool {
    matches!(tag, Penn::Nn | Penn::Nns)
}

/// Whether `tag` is an adjective: plain, comparative or superlative.
pub(crate) fn is_adjective(tag: Penn) -> bool {
    matches!(tag, Penn::Jj | Penn::Jjr | Penn::Jjs)
}

/// Whether `tag` is a finite verb: a past or present tense or a modal.
pub(crate) fn is_finite_verb(tag: Penn) -> bool {
    matches!(tag, Penn::Vbd | Penn::Vbz | Penn::Vbp | Penn::Md)
}
