//! Verb senses that report nothing: "the letter was found in a car", "they
//! were denied entry", "he was charged with fraud", "a unit called the
//! Task Force".
//!
//! Many cues have senses besides the reporting one, and which sense a
//! sentence uses shows in the verb's complement, not in the verb: a
//! reporting use is followed by a clause (`that`, a quotation, a colon, an
//! infinitive, a subject and a finite verb), or by an object that is itself
//! something said ("denied the allegations"); a plain object ("denied
//! entry", "found traces of …"), a place or a charge ("found in a car",
//! "charged with fraud") or a name ("called the Task Force") reports
//! nothing. PolNeAR's broad notion of attribution reads a plain object of
//! most cues as content ("criticized the plan"), so the test is asked only
//! of the cues whose `object` in `cues.toml` says they have such senses
//! ([`ObjectSense`]); everything else keeps reading its object as content.
//!
//! Without a parser the complement is read from its first tokens, with
//! closed word classes and the lexicon's lists; every scan is bounded by
//! [`REACH`] tokens, so the test costs nothing measurable at cues that
//! need it and nothing at all at the others. One question takes the
//! part-of-speech tagger ([`wordclass`]): whether the word after a named
//! object is its predicate ("called Smith dishonest") or the finite verb
//! of a noun the cue describes ("a unit called the Task Force took over").

use crate::attribution::clause::{
    After, finite_verb_after, is_infinitive_marker, is_subject_pronoun, opens_infinitive,
};
use crate::attribution::input::Input;
use crate::cues::{Lemma, ObjectSense};
use crate::lexicon::{Class, words};
use crate::text::{Sentence, TokKind, lower_ascii};
use crate::wordclass;

/// The most tokens of a complement the tests read.
const REACH: usize = 8;

/// Whether what follows the cue `lemma` — `after`, as [`what_follows`]
/// classified it at the token `k` after the cue (and its speaker) — is a
/// reporting complement: always for a cue whose object is content; for
/// the others only a clause, or an object that names a statement or has a
/// predicate after it.
///
/// [`what_follows`]: crate::attribution::clause::what_follows
pub(crate) fn reports(inp: &Input<'_>, lemma: Lemma, k: usize, after: After, e: usize) -> bool {
    let sense = lemma.object_sense();
    if sense == ObjectSense::Any {
        return true;
    }
    match after {
        // Nothing after the cue ("…, the study found"), a clause after a
        // comma, a second quotation: the content is no object of it.
        After::Nothing | After::CommaClause(_) | After::SplitQuote(_) => true,
        // "found in a car", "charged with fraud": adjuncts with no marker
        // of a clause after them are no content of these verbs.
        After::Adjunct(_) => false,
        // A marker after adjuncts ("found in a survey that …", "pledged on
        // Monday to …"): a clause.
        After::Content(start) if start != k => true,
        // "denies — “why …”", "found: …": a dash or a colon opens the
        // content, no object.
        After::Content(_) if inp.view.tokens[k].is_dash() || inp.view.tokens[k].is_colon() => true,
        // "called the plan a mistake": a predicate cue takes no finite
        // clause, so a subject and a verb after it are the main clause of
        // a noun the cue describes ("a unit called the Task Force took
        // over").
        After::Content(_) if sense == ObjectSense::Predicate => {
            opens_marked_clause(inp, k, e)
                || colon_after_object(inp, k, e)
                || has_predicate(inp, k, e)
        }
        After::Content(_) => {
            opens_clause(inp, k, e)
                || colon_after_object(inp, k, e)
                || (sense == ObjectSense::Statement && names_statement(inp, k, e))
        }
    }
}

/// Whether the passive participle of `lemma` reports with the complement
/// that starts at `k` ("was found to have lied", "was denied that …"): for
/// a cue whose plain object is another sense, only a clause does — "was
/// denied entry", "was charged with fraud", "was named chief executive"
/// report nothing. The other cues take any complement.
pub(crate) fn passive_reports(inp: &Input<'_>, lemma: Lemma, k: usize, e: usize) -> bool {
    lemma.object_sense() != ObjectSense::Statement || (k < e && opens_clause(inp, k, e))
}

/// Whether the word at `m` is a content noun ("allegations").
fn is_content_noun(inp: &Input<'_>, m: usize) -> bool {
    inp.view.tokens[m].kind == TokKind::Word
        && words::is_content_nouns(lower_ascii(inp.view.s(m)).as_str())
}

/// Whether a clause opens at `k`: a quotation, `that`, an indirect
/// question, an infinitive, a subject pronoun, or a noun phrase with a
/// finite verb after it ("found the drug reduced symptoms", "denied the
/// city had ignored …").
fn opens_clause(inp: &Input<'_>, k: usize, e: usize) -> bool {
    opens_marked_clause(inp, k, e) || finite_verb_after(inp, k, e)
}

/// Whether a clause its first word marks opens at `k`: a quotation,
/// `that`, an indirect question, an infinitive, a subject pronoun or a
/// gerund.
fn opens_marked_clause(inp: &Input<'_>, k: usize, e: usize) -> bool {
    let v = &inp.view;
    let t = &v.tokens[k];
    if t.kind == TokKind::QuoteMark || t.in_quote.is_some() || t.class == Class::That {
        return true;
    }
    if t.kind != TokKind::Word {
        return false;
    }
    if is_infinitive_marker(inp, k) {
        return k + 1 < e && opens_infinitive(inp, k + 1, e);
    }
    if words::is_question_openers(lower_ascii(v.s(k)).as_str()) || is_subject_pronoun(inp, k) {
        return true;
    }
    // "denied having met him", "reported spending $1 million": a gerund
    // clause.
    !t.cap && t.class == Class::Other && v.s(k).ends_with("ing")
}

/// Whether the object at `k` leads in to what follows a colon: "listed
/// the qualities a nominee needs: …" (the content is after the colon).
fn colon_after_object(inp: &Input<'_>, k: usize, e: usize) -> bool {
    let toks = inp.view.tokens;
    toks[k..e.min(k + 2 * REACH)]
        .iter()
        .find(|t| t.kind != TokKind::Word && t.kind != TokKind::Number)
        .is_some_and(|t| t.is_colon())
}

/// Whether the object at `k` names something said ("the allegations",
/// "any wrongdoing", "his innocence"): a content noun among its first
/// words, before a preposition or a punctuation mark ends it.
fn names_statement(inp: &Input<'_>, k: usize, e: usize) -> bool {
    let v = &inp.view;
    let object = v.tokens[k..e.min(k + REACH)].iter().take_while(|t| {
        t.kind == TokKind::Word
            && t.in_quote.is_none()
            && !matches!(
                t.class,
                Class::Prep | Class::Conj | Class::That | Class::Aux
            )
    });
    (k..).zip(object).any(|(m, _)| is_content_noun(inp, m))
}

/// Whether the word at `m` is a finite verb ("a unit called the Task Force
/// took over"), as the tagger reads it in its sentence.
fn is_finite_verb(inp: &Input<'_>, m: usize) -> bool {
    inp.sentence_of(m).is_some_and(|sent| {
        let (s, e) = sent.tokens;
        wordclass::penn_at(&inp.view, s, e, m).is_some_and(wordclass::is_finite_verb)
    })
}

/// Whether the object at `k` has a predicate after it, a small clause
/// ("called the plan a mistake", "called him dishonest", "considers Mrs.
/// Clinton untrustworthy", "called the use of force “dangerous”"): a
/// quotation, `that` (a clause inside the object, then the predicate), a
/// second determiner after a noun, or a lower-case word after a pronoun or
/// a name or a participle after a noun that the tagger does not read as a
/// finite verb, within reach and before an auxiliary, a conjunction or a
/// punctuation mark. A bare object ("called snap elections", "a unit
/// called the Task Force on …", "a unit called the Task Force took over",
/// "a charity called the Lantern Fund will pay") has none.
fn has_predicate(inp: &Input<'_>, k: usize, e: usize) -> bool {
    let v = &inp.view;
    let toks = v.tokens;
    let lim = e.min(k + REACH);
    for m in k + 1..lim {
        let t = &toks[m];
        match t.class {
            // "called the show “the conservative news show of record”": a
            // quoted predicate; "called the idea that she had anything to
            // prove “ridiculous”": a clause inside the object, then one.
            _ if t.kind == TokKind::QuoteMark => return true,
            Class::That => return true,
            // "a charity called the Lantern Fund will pay": the main verb
            // of the noun the cue describes.
            Class::Aux | Class::Conj => return false,
            _ if t.kind != TokKind::Word || t.in_quote.is_some() => return false,
            _ => {}
        }
        let p = &toks[m - 1];
        // "the use of executive orders": a determiner after a preposition
        // opens its object, no second phrase.
        if t.class == Class::Det && !matches!(p.class, Class::Det | Class::Prep) {
            return true;
        }
        // "called him dishonest", "called the charges unsubstantiated":
        // a lower-case word after a name or a pronoun, or a participle
        // after a noun, unless it is the finite verb of a noun the cue
        // describes ("a unit called the Task Force took over").
        // ("the Democratic nominee": a capitalised word after a determiner
        // modifies the noun after it, which is no predicate.)
        let capital_modifier = p.cap && m >= 2 && toks[m - 2].class == Class::Det;
        let after_name = !t.cap
            && t.class != Class::Prep
            && !t.class.is_time()
            && !capital_modifier
            && (p.cap || matches!(p.class, Class::Pronoun(_)));
        let participle_after_noun = !t.cap
            && t.class == Class::Other
            && v.s(m).ends_with("ed")
            && p.kind == TokKind::Word
            && !matches!(p.class, Class::Det | Class::Prep);
        // After a possessive the word heads the object ("called Mr. Dale's
        // remarks … “shameful”"), which comes with its predicate as
        // surely as after any name; the tagger, which may read "remarks"
        // as a verb, is not asked.
        if after_name && p.possessive {
            return true;
        }
        if after_name || participle_after_noun {
            return !is_finite_verb(inp, m);
        }
        // "called the ruling unfair", "called the plan deeply flawed": an
        // adjective after a noun (adverbs between) that the tagger reads so.
        if !t.cap && t.class == Class::Other && adjective_after_noun(inp, k, m) {
            return true;
        }
    }
    false
}

/// Whether the word at `m` is an adjective after the object's noun (with
/// only adverbs between), as the tagger reads them in their sentence: "the
/// ruling unfair", "the plan deeply flawed". An adjective inside the noun
/// phrase ("snap parliamentary elections") is no predicate: a noun must
/// stand before it and none after it.
fn adjective_after_noun(inp: &Input<'_>, k: usize, m: usize) -> bool {
    let v = &inp.view;
    let mut n = m - 1;
    while n > k && v.tokens[n].class == Class::Adverb {
        n -= 1;
    }
    let Some(&Sentence { tokens: (s, e), .. }) = inp.sentence_of(m) else {
        return false;
    };
    // Each question tags a stretch of the sentence: the cheap tests first,
    // the word after last.
    let tag = |i: usize| wordclass::penn_at(v, s, e, i);
    let ends_phrase = || {
        m + 1 >= e
            || !tag(m + 1).is_some_and(|t| wordclass::is_noun(t) || wordclass::is_adjective(t))
    };
    v.tokens[n].kind == TokKind::Word
        && !v.tokens[n].possessive
        && tag(m).is_some_and(wordclass::is_adjective)
        && tag(n).is_some_and(wordclass::is_noun)
        && ends_phrase()
}
