//! Clause boundaries: where a reported clause starts after its cue and
//! where it ends.
//!
//! The content of indirect speech is "the reported clause, not the whole
//! sentence". Without a parser, the clause is bounded by what the cue is
//! followed by (`that`, a colon, a quotation, adjuncts such as "on
//! Tuesday in an interview", an infinitive) and by the markers that start
//! something else: `;`, an aside in parentheses, an unpaired dash, a comma
//! before a relative or participle phrase, a coordinated clause with its own
//! subject or its own speech frame, a coordinated verb phrase whose verb is
//! a cue of the lexicon ("praised the plan and criticized its cost"). Every
//! scan here is bounded, so a run-on "sentence" stays linear.

use crate::attribution::input::Input;
use crate::attribution::sense;
use crate::cues::Lemma;
use crate::lexicon::{Class, looks_plural, words};
use crate::text::{Punct, TokKind, Token, lower_ascii};

/// What follows a cue.
#[derive(Clone, Copy)]
pub(crate) enum After {
    /// Nothing but adjuncts: the content is before the cue.
    Nothing,
    /// A second quotation after a comma: `"…," he said, "…"`.
    SplitQuote(usize),
    /// Content starting at this token.
    Content(usize),
    /// A comma and then a clause: `In contrast, X said, there …`.
    CommaClause(usize),
    /// Adjuncts with no clear content marker ("said on CNN's “This Week”"):
    /// content only when nothing precedes the cue.
    Adjunct(usize),
}

/// The longest reported clause considered, in tokens.
pub(crate) const MAX_CLAUSE_TOKENS: usize = 400;

/// How far past the first word of a noun phrase its finite verb is looked
/// for ([`finite_verb_after`]).
const SUBJECT_REACH: usize = 8;

/// Classifies what follows a cue (after its speaker/object) at token `k`.
pub(crate) fn what_follows(inp: &Input<'_>, k: usize, e: usize) -> After {
    let v = &inp.view;
    let toks = v.tokens;
    if k >= e || is_terminal_punct(inp, k) {
        return After::Nothing;
    }
    let t = &toks[k];
    if t.class == Class::That {
        return After::Content(if demonstrative_that(inp, k, e) {
            k
        } else {
            k + 1
        });
    }
    // "vowed to fight", "urged to act": an infinitive complement.
    if infinitive_at(inp, k, e) {
        return After::Content(k);
    }
    if v.tokens[k].is_colon() {
        return if k + 1 < e {
            After::Content(k + 1)
        } else {
            After::Nothing
        };
    }
    if t.kind == TokKind::QuoteMark {
        return After::Content(k);
    }
    if v.tokens[k].is_comma() {
        return after_comma(inp, k, e);
    }
    // "responded before adding that …": the participle's frame follows.
    if adverbial_cue_follows(inp, k, e) {
        return After::Nothing;
    }
    // "proposed temporarily banning …": an adverb before a gerund is the
    // gerund's, and opens the content.
    if t.class == Class::Adverb && gerund_at(inp, k + 1, e) {
        return After::Content(k);
    }
    // "said Monday's vote was …": a possessive time word opens the content.
    if t.class == Class::Prep
        || (t.class.is_time() && !t.possessive)
        || t.class == Class::Adverb
        || opens_time_phrase(inp, k, e)
    {
        return after_adjuncts(inp, k, e);
    }
    After::Content(k)
}

/// Whether a gerund that is no cue stands at `k` (a lower-case word in
/// "-ing" outside the lexicon's classes: "banning", not "saying" or
/// "during").
fn gerund_at(inp: &Input<'_>, k: usize, e: usize) -> bool {
    let v = &inp.view;
    k < e && {
        let t = &v.tokens[k];
        t.is_plain_word() && v.s(k).ends_with("ing")
    }
}

/// "said this week that …", "will decide next month whether …": "this" or
/// "next" before a time word opens an adjunct; not a possessive one ("this
/// year's budget") nor the subject of an auxiliary ("this week would be
/// hard").
fn opens_time_phrase(inp: &Input<'_>, k: usize, e: usize) -> bool {
    let v = &inp.view;
    // Asked of every content's first word: the word itself first.
    if !(v.is_word(k, "this") || v.is_word(k, "next")) || k + 1 >= e {
        return false;
    }
    let n = &v.tokens[k + 1];
    let time_next = n.class.is_time() && !n.possessive && n.in_quote.is_none();
    time_next && !(k + 2 < e && is_finite_auxiliary(v.s(k + 2)))
}

/// Whether `word` is a finite auxiliary ("could", "was", "won't"),
/// whatever its case.
fn is_finite_auxiliary(word: &str) -> bool {
    words::is_finite_auxiliaries(lower_ascii(word).as_str())
}

/// Whether the "that" at `k` after a cue is a demonstrative, part of the
/// content, rather than the word that opens a clause: a pronoun before a
/// finite auxiliary ("said that was wrong") or a determiner before one
/// noun that ends the clause ("disputes that estimate.", "rejected that
/// offer, calling …").
fn demonstrative_that(inp: &Input<'_>, k: usize, e: usize) -> bool {
    let v = &inp.view;
    let toks = v.tokens;
    if k + 1 >= e || toks[k + 1].kind != TokKind::Word || toks[k + 1].in_quote.is_some() {
        return false;
    }
    if is_finite_auxiliary(v.s(k + 1)) {
        return true;
    }
    let noun = toks[k + 1].class == Class::Other
        && !toks[k + 1].cap
        && toks[k + 1].cue.is_none()
        && !looks_plural(v.s(k + 1));
    let ends = k + 2 >= e || toks[k + 2].is_comma() || is_terminal_punct(inp, k + 2);
    noun && ends
}

/// What follows adjuncts that open at `k` ("said in an interview published
/// late Tuesday that …"): the first content marker within a short reach
/// (`that`, a colon; else the first subject, a noun phrase with a finite
/// verb after it, an infinitive or a subject pronoun), else what follows
/// the first comma, else nothing (the sentence ends) or the adjuncts
/// themselves as a content with no clear marker.
fn after_adjuncts(inp: &Input<'_>, k: usize, e: usize) -> After {
    let v = &inp.view;
    let toks = v.tokens;
    let lim = (k + 28).min(e);
    let mut m = k;
    let mut first_comma = None;
    let mut subject = None;
    while m < lim {
        let tm = &toks[m];
        if tm.class == Class::That && tm.in_quote.is_none() {
            return After::Content(m + 1);
        }
        if v.tokens[m].is_colon() {
            return After::Content(m + 1);
        }
        if v.tokens[m].is_comma() && first_comma.is_none() {
            // "said Thursday during a town hall in Buffalo, New York, that …"
            if let split @ After::SplitQuote(_) = after_comma(inp, m, e) {
                return split;
            }
            first_comma = Some(m);
        }
        // A learned cue inside the adjuncts ("said for the first time
        // that …") is no frame of its own: the model reads "time" before
        // "that" as a verb there.
        if tm.cue.is_some_and(|l| l != Lemma::LEARNED) || is_terminal_punct(inp, m) {
            break;
        }
        // "said on Sunday, as rescue teams reached villages that …": a
        // subordinate clause after the comma is the writer's; a `that` in
        // it marks no content. When a comma closes it ("said Tuesday, as
        // the vote neared, that …"), the search goes on after it.
        if first_comma.is_some_and(|c| m == c + 1) && opens_subordinate_clause(inp, m) {
            match (m + 1..lim).find(|&n| toks[n].is_comma() || is_terminal_punct(inp, n)) {
                Some(n) if toks[n].is_comma() => {
                    m = n + 1;
                    continue;
                }
                _ => break,
            }
        }
        // "said Tuesday the plan would fail", "said in a statement the
        // company had …": a subject after the adjuncts; `that` or a colon
        // further on still marks the content ("said in an interview the
        // network aired Tuesday that …").
        if m > k && subject.is_none() && subject_after_adjuncts(inp, m, e) {
            subject = Some(m);
        }
        // "vowed Tuesday to build …", "promised in a speech to cut …":
        // an infinitive after the adjuncts.
        if m > k && infinitive_at(inp, m, e) {
            return After::Content(subject.unwrap_or(m));
        }
        // "said in a statement Thursday they pulled …": a subject
        // pronoun after the adjuncts opens the reported clause.
        if m > k && is_subject_pronoun(inp, m) && ends_adjunct(inp, m) {
            return After::Content(subject.unwrap_or(m));
        }
        m += 1;
    }
    if let Some(s) = subject {
        return After::Content(s);
    }
    if let Some(c) = first_comma {
        return after_comma(inp, c, e);
    }
    if m >= e || is_terminal_punct(inp, m) {
        return After::Nothing;
    }
    After::Adjunct(k)
}

/// Whether the word at `m` is a subordinator ("as", "while", "because")
/// outside quotation marks.
pub(crate) fn opens_subordinate_clause(inp: &Input<'_>, m: usize) -> bool {
    let t = &inp.view.tokens[m];
    t.kind == TokKind::Word
        && t.in_quote.is_none()
        && words::is_subordinators(lower_ascii(inp.view.s(m)).as_str())
}

/// Whether token `m` may open a clause after an adjunct whose last word is
/// before it: that word is a word or a number but no preposition or
/// determiner ("on Tuesday he", "whether she", not "in her speech").
fn ends_adjunct(inp: &Input<'_>, m: usize) -> bool {
    let p = &inp.view.tokens[m - 1];
    matches!(p.kind, TokKind::Word | TokKind::Number)
        && !matches!(p.class, Class::Prep | Class::Det)
}

/// Whether the determiner at `m`, after an adjunct, opens the subject of a
/// reported clause ("said Tuesday the plan would fail", "asked whether the
/// plan would …"): a finite verb follows its noun phrase, and it is no time
/// phrase of its own ("said in a statement this week …"). After a
/// conjunction only a question's opener leads in to it: "…, because the
/// pressure has …" starts the writer's clause.
fn subject_after_adjuncts(inp: &Input<'_>, m: usize, e: usize) -> bool {
    let toks = inp.view.tokens;
    let t = &toks[m];
    let p = &toks[m - 1];
    t.kind == TokKind::Word
        && t.class == Class::Det
        && t.in_quote.is_none()
        && ends_adjunct(inp, m)
        && (p.class != Class::Conj
            || words::is_question_openers(lower_ascii(inp.view.s(m - 1)).as_str()))
        && !toks.get(m + 1).is_some_and(|n| n.class.is_time())
        && finite_verb_after(inp, m, e)
}

/// Whether a finite verb follows the noun phrase at `k` within reach: an
/// auxiliary ("the city had ignored", "the plan would cost") or a past
/// form after a noun ("the drug reduced"); or `that` after adjuncts the
/// cue's reading took for an object ("reported this week that …"). A
/// conjunction, a subordinator or a punctuation mark ends the search:
/// "denied his party the victory and jailed him", "declared a mistrial
/// after the jury deadlocked".
pub(crate) fn finite_verb_after(inp: &Input<'_>, k: usize, e: usize) -> bool {
    let v = &inp.view;
    let toks = v.tokens;
    for m in k + 1..e.min(k + SUBJECT_REACH) {
        let t = &toks[m];
        if t.kind == TokKind::Number {
            continue;
        }
        if t.kind != TokKind::Word || t.in_quote.is_some() || opens_subordinate_clause(inp, m) {
            return false;
        }
        match t.class {
            Class::Conj => return false,
            Class::That | Class::Aux => return true,
            Class::Other if !t.cap && v.s(m).ends_with("ed") => {
                let p = &toks[m - 1];
                // "found the affected areas": a participle after a
                // determiner or a preposition modifies the noun after it.
                if p.kind == TokKind::Word && !matches!(p.class, Class::Det | Class::Prep) {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// Whether an infinitive starts at `k`: the marker "to" and a verb ("to
/// fight", "to quickly end"), inside the stretch ending at `e`.
pub(crate) fn infinitive_at(inp: &Input<'_>, k: usize, e: usize) -> bool {
    is_infinitive_marker(inp, k) && k + 1 < e && opens_infinitive(inp, k + 1, e)
}

/// Whether token `k` is "according" (of "according to X"), which after a
/// comma opens an attribution of its own rather than more content.
pub(crate) fn is_according(inp: &Input<'_>, k: usize) -> bool {
    inp.view.s(k).eq_ignore_ascii_case("according")
}

/// Whether token `k` is the infinitive marker "to"
/// (`infinitive-markers.txt`).
pub(crate) fn is_infinitive_marker(inp: &Input<'_>, k: usize) -> bool {
    words::is_infinitive_markers(inp.view.s(k))
}

/// Whether the word at `k`, right after "to", is a verb: "to fight", "to
/// quickly end", "to press their case", "to “open up”".
pub(crate) fn opens_infinitive(inp: &Input<'_>, k: usize, e: usize) -> bool {
    let toks = inp.view.tokens;
    let t = &toks[k];
    // "vowed to “open up” libel laws": the verb may be quoted.
    if t.kind == TokKind::QuoteMark {
        return k + 1 < e && toks[k + 1].kind == TokKind::Word && opens_infinitive(inp, k + 1, e);
    }
    if t.kind != TokKind::Word || t.cap {
        return false;
    }
    match t.class {
        Class::Other | Class::Aux => true,
        Class::Adverb => k + 1 < e && opens_infinitive(inp, k + 1, e.min(k + 2)),
        // "to press their case", "to release his returns": a word the
        // lexicon knows as a noun, read as a verb only before its object.
        Class::RoleMod | Class::OrgWord | Class::Descriptor => toks.get(k + 1).is_some_and(|n| {
            n.kind == TokKind::Word && !n.cap && matches!(n.class, Class::Det | Class::Pronoun(_))
        }),
        _ => false,
    }
}

/// What a comma at `k` after a cue is followed by: a second quotation
/// (`"…," he said, "…"`), a clause (`In contrast, X said, there …`), or
/// nothing of the statement's (a participle phrase, "according to", a
/// conjunction, a preposition or a time: the writer's words go on).
pub(crate) fn after_comma(inp: &Input<'_>, k: usize, e: usize) -> After {
    let v = &inp.view;
    let toks = v.tokens;
    if k + 2 < e && toks[k + 1].kind == TokKind::QuoteMark && toks[k + 2].in_quote.is_some() {
        return After::SplitQuote(k + 1);
    }
    if let Some(start) = that_after_comma_adjunct(inp, k, e) {
        return After::Content(start);
    }
    if k + 1 < e && toks[k + 1].kind == TokKind::Word {
        let w = v.s(k + 1);
        let participle = toks[k + 1].cue.is_some() && w.ends_with("ing");
        let according = is_according(inp, k + 1);
        let relative = matches!(
            toks[k + 1].class,
            Class::Conj | Class::Prep | Class::Weekday
        ) || toks[k + 1].class.is_time();
        if !participle && !according && !relative && v.state_after_place(k, e).is_none() {
            return After::CommaClause(k + 1);
        }
    }
    After::Nothing
}

/// The longest adjunct set off by commas between a cue and its `that`
/// ([`that_after_comma_adjunct`]), in tokens.
const MAX_COMMA_ADJUNCT: usize = 8;

/// "said, in an email, that …", "wrote, on Tuesday, that …": an adjunct
/// (a preposition or a time word first) set off by the comma at `k` and a
/// second comma with `that` after it; the token after `that`.
fn that_after_comma_adjunct(inp: &Input<'_>, k: usize, e: usize) -> Option<usize> {
    let toks = inp.view.tokens;
    let first = toks.get(k + 1).filter(|_| k + 1 < e)?;
    if first.kind != TokKind::Word || !(first.class == Class::Prep || first.class.is_time()) {
        return None;
    }
    let lim = e.min(k + 2 + MAX_COMMA_ADJUNCT);
    let close = (k + 2..lim)
        .take_while(|&m| toks[m].in_quote.is_none() && toks[m].kind != TokKind::QuoteMark)
        .find(|&m| toks[m].kind == TokKind::Punct)?;
    let that = close + 1;
    (toks[close].is_comma() && that + 1 < e && toks[that].class == Class::That && !toks[that].cap)
        .then_some(that + 1)
}

/// A nominative pronoun outside quotation marks ("he", "they", not "him").
pub(crate) fn is_subject_pronoun(inp: &Input<'_>, k: usize) -> bool {
    let t = &inp.view.tokens[k];
    matches!(t.class, Class::Pronoun(_))
        && t.kind == TokKind::Word
        && !t.possessive
        && t.in_quote.is_none()
        && words::is_subject_pronouns(lower_ascii(inp.view.s(k)).as_str())
}

/// Whether token `k` ends a sentence or a clause of it (". ! ? ;").
pub(crate) fn is_terminal_punct(inp: &Input<'_>, k: usize) -> bool {
    let v = &inp.view;
    v.tokens[k].kind == TokKind::Punct && matches!(v.s(k), "." | "!" | "?" | ";")
}

/// "told reporters the plan …", "warned him it …": the token after the
/// addressee that a cue taking one has at `k` (`k` when there is none). A
/// phrase followed by a finite auxiliary is the subject of the content, no
/// addressee ("warned the ice sheet could collapse", "warned they would").
pub(crate) fn past_addressee(inp: &Input<'_>, lemma: Lemma, k: usize, e: usize) -> usize {
    let v = &inp.view;
    if !lemma.takes_object() || k >= e {
        return k;
    }
    let end = if matches!(v.tokens[k].class, Class::Pronoun(_)) {
        Some(k + 1)
    } else {
        v.np_right(k, e)
            .map(|obj| obj.tokens.1)
            .or_else(|| bare_plural_addressee(inp, k, e))
    };
    match end {
        Some(end) if !(end < e && is_finite_auxiliary(v.s(end))) => end,
        _ => k,
    }
}

/// "told jurors his client …", "assured investors that the …": a plural
/// noun outside the lexicon's speaker words, with a clause's subject right
/// after it (a determiner, a name or a subject pronoun, after `that` or
/// not), is an addressee; the token after it, or `None`. "told stories
/// that made …" has none: `that` opens a relative clause there.
fn bare_plural_addressee(inp: &Input<'_>, k: usize, e: usize) -> Option<usize> {
    let toks = inp.view.tokens;
    let t = &toks[k];
    let plural_noun = t.kind == TokKind::Word
        && t.class == Class::Other
        && !t.cap
        && t.in_quote.is_none()
        && looks_plural(inp.view.s(k));
    let subject_at = |m: usize| {
        m < e
            && toks[m].kind == TokKind::Word
            && (toks[m].class == Class::Det || toks[m].cap || is_subject_pronoun(inp, m))
    };
    let after_that = k + 1 < e && toks[k + 1].class == Class::That;
    let clause_next = subject_at(k + 1 + usize::from(after_that));
    (plural_noun && clause_next).then_some(k + 1)
}

/// Where the content of a speaker-first frame begins after a participle cue.
pub(crate) fn content_start(inp: &Input<'_>, k: usize, e: usize, lemma: Lemma) -> Option<usize> {
    let v = &inp.view;
    // ", referring to X", ", pointing to X", ", accusing Gatewise of
    // locking venues into deals that …": the preposition the verb governs,
    // right after it or after its addressee (a preposition is none, so
    // `past_addressee` stays there), opens the content.
    let k = past_addressee(inp, lemma, k, e);
    if k + 1 < e && lemma.governs(v.s(k)) {
        return Some(k + 1);
    }
    // ", finding the letter in a car": a sense of the verb that reports
    // nothing.
    let after = what_follows(inp, k, e);
    if !sense::reports(inp, lemma, k, after, e) {
        return None;
    }
    match after {
        After::Content(s) | After::SplitQuote(s) | After::Adjunct(s) | After::CommaClause(s) => {
            Some(s)
        }
        After::Nothing => None,
    }
}

/// The end (exclusive token) of a reported clause starting at `start`:
/// the sentence end, or before the first marker of something else (see
/// [`ends_at_punctuation`] and [`ends_at_conjunction`]); quotations are
/// skipped whole, their words are the speaker's.
pub(crate) fn clause_end(inp: &Input<'_>, start: usize, e: usize) -> usize {
    let v = &inp.view;
    let toks = v.tokens;
    // A reported clause is never longer than this; the bound keeps a run-on
    // "sentence" with many cues linear.
    let e = e.min(start + MAX_CLAUSE_TOKENS);
    let mut open_dash = false;
    let mut k = start;
    while k < e {
        let t = &toks[k];
        if let Some(q) = t.in_quote {
            k = inp.quotes[q.index()].close.map_or(e, |c| c + 1).max(k + 1);
            // "want to “create an economy …,” Sanders said": a quotation
            // closed by a comma, then a frame of its own, ends the clause.
            if k < e && k >= 2 && toks[k - 2].is_comma() && new_frame_follows(inp, k, e) {
                return k;
            }
            continue;
        }
        if t.kind == TokKind::Punct {
            // A dash ends the clause unless it opens a parenthesis that a
            // second dash closes, or is that closing dash.
            if k > start && t.is_dash() {
                if open_dash {
                    open_dash = false;
                } else if (k + 1..e).any(|m| toks[m].kind == TokKind::Punct && v.s(m) == v.s(k)) {
                    open_dash = true;
                } else {
                    return k;
                }
            } else if let Some(end) = ends_at_punctuation(inp, start, k, e) {
                return end;
            }
        } else if let Some(end) = ends_at_conjunction(inp, start, k, e) {
            return end;
        } else if k > start && adverbial_cue_follows(inp, k, e) {
            // "responded before adding that …": the participle is a frame of
            // its own, for the same speaker.
            return if toks[k - 1].is_comma() { k - 1 } else { k };
        } else if k > start && opens_question_clause(inp, k, e) {
            // "told a radio station when asked how …": the question is
            // put to the speaker, not part of what was told.
            return k;
        }
        k += 1;
    }
    e
}

/// Whether the punctuation mark at `k` (no dash) ends the reported clause
/// that starts at `start`: the end if it does.
fn ends_at_punctuation(inp: &Input<'_>, start: usize, k: usize, e: usize) -> Option<usize> {
    let v = &inp.view;
    let toks = v.tokens;
    // A parenthesis ends the clause when it holds an aside ("(though
    // he …"), not a label ("Gov. Pat McCrory (R)").
    if toks[k].punct() == Some(Punct::Semicolon)
        || (toks[k].punct() == Some(Punct::OpenParen)
            && k > start
            && toks
                .get(k + 1)
                .is_some_and(|n| n.kind == TokKind::Word && !n.cap))
    {
        return Some(k);
    }
    // "…, Trump responded, “…”": another frame starts after a comma, or
    // after a comma and a subordinator ("…, after police said …").
    if k > start
        && v.tokens[k].is_comma()
        && (new_frame_follows(inp, k + 1, e)
            || (k + 2 < e
                && opens_subordinate_clause(inp, k + 1)
                && new_frame_follows(inp, k + 2, e)))
    {
        return Some(k);
    }
    // "… statements: “…” he wrote": a colon before a quotation hands
    // over to the quotation's own attribution.
    if k > start
        && v.tokens[k].is_colon()
        && toks
            .get(k + 1)
            .is_some_and(|n| n.kind == TokKind::QuoteMark)
    {
        return Some(k);
    }
    // "…, but that could change": a contrasting clause with its own
    // subject is the writer's, not the reported content.
    if k > start
        && v.tokens[k].is_comma()
        && toks.get(k + 1).is_some_and(|n| n.kind == TokKind::Word)
        && v.s(k + 1) == "but"
        && toks.get(k + 2).is_some_and(|n| {
            n.kind == TokKind::Word
                && n.in_quote.is_none()
                && (n.cap || matches!(n.class, Class::Det | Class::That | Class::Pronoun(_)))
        })
    {
        return Some(k);
    }
    if v.tokens[k].is_comma() && k + 1 < e {
        let n = &toks[k + 1];
        let w = v.s(k + 1);
        // A new clause or a participle phrase after a comma ends the
        // reported clause: ", and …", ", who …", ", referring to …".
        let new_clause =
            words::is_comma_clause_openers(w) && !aside_interrupts_subject(v.text, toks, start, k);
        // Not a preposition spelt like one (", including …", ", during …").
        let participle =
            !n.cap && n.kind == TokKind::Word && w.ends_with("ing") && n.class != Class::Prep;
        if new_clause || participle || (is_according(inp, k + 1) && k + 2 < e && v.s(k + 2) == "to")
        {
            return Some(k);
        }
    }
    None
}

/// The furthest [`aside_interrupts_subject`] looks for the comma that
/// closes an aside, in tokens.
const MAX_ASIDE_TOKENS: usize = 20;

/// "wrote that protecting shoreline trees, which shade the water, could
/// slow warming", "said Trump, even as a candidate, had raised …", "said
/// that trials, with expert witnesses, were …": a relative or other clause
/// (`comma-clause-openers.txt`) or a prepositional phrase set off by the
/// comma at `k` and a second comma, with a finite auxiliary right after
/// it, interrupts the subject of the reported clause from `start` (which
/// has none before it); it does not end the clause. Read by the rules and
/// by the clause-end model's cut points alike.
pub(crate) fn aside_interrupts_subject(
    text: &str,
    tokens: &[Token],
    start: usize,
    k: usize,
) -> bool {
    let word = |m: usize| tokens[m].span().slice(text);
    let opens_aside = k + 1 < tokens.len()
        && tokens[k].is_comma()
        && tokens[k + 1].kind == TokKind::Word
        && (words::is_comma_clause_openers(word(k + 1)) || tokens[k + 1].class == Class::Prep);
    if !opens_aside || (start..k).any(|m| tokens[m].class == Class::Aux) {
        return false;
    }
    let lim = (k + 2 + MAX_ASIDE_TOKENS).min(tokens.len());
    let Some(close) = (k + 2..lim)
        .take_while(|&m| {
            tokens[m].in_quote.is_none() && !tokens[m].punct().is_some_and(Punct::ends_sentence)
        })
        .find(|&m| tokens[m].is_comma())
    else {
        return false;
    };
    close + 1 < tokens.len()
        && tokens[close + 1].kind == TokKind::Word
        && is_finite_auxiliary(word(close + 1))
}

/// Whether the word at `k` is a conjunction that ends the reported clause
/// starting at `start` by opening a clause of its own: the end (before a
/// comma ahead of the conjunction) if it does.
fn ends_at_conjunction(inp: &Input<'_>, start: usize, k: usize, e: usize) -> Option<usize> {
    let v = &inp.view;
    if k <= start || !words::is_clause_conjunctions(v.s(k)) {
        return None;
    }
    let before_comma = if v.tokens[k - 1].is_comma() { k - 1 } else { k };
    // "… and he …": a coordinated clause with its own subject pronoun.
    if v.tokens.get(k + 1).is_some_and(|n| {
        matches!(n.class, Class::Pronoun(_)) && !n.possessive && n.kind == TokKind::Word
    }) && !words::is_object_pronouns(v.s(k + 1))
    {
        return Some(before_comma);
    }
    // "…, but he said …" / "… and said …": a coordinated new frame.
    if new_frame_follows(inp, k + 1, e) {
        return Some(before_comma);
    }
    // "praised the plan and criticized its cost": a coordinated verb
    // phrase whose verb is a cue of its own reports for the same speaker.
    if coordinated_cue_follows(inp, k + 1, e) {
        return Some(before_comma);
    }
    None
}

/// Whether a cue of the lexicon opens a coordinated verb phrase at `k`,
/// after at most two auxiliaries or adverbs ("and criticized …", "and has
/// called for …", "and also urged …").
fn coordinated_cue_follows(inp: &Input<'_>, k: usize, e: usize) -> bool {
    let toks = inp.view.tokens;
    let lim = (k + 3).min(e);
    for t in toks.iter().take(lim).skip(k) {
        if t.in_quote.is_some() || t.kind != TokKind::Word || t.cap {
            return false;
        }
        if let Some(lemma) = t.cue {
            return lemma != Lemma::LEARNED;
        }
        if !matches!(t.class, Class::Aux | Class::Adverb) {
            return false;
        }
    }
    false
}

/// Whether a subordinating preposition at `k` opens a participle clause
/// whose verb is a speech cue or takes a clause ("before adding that …",
/// "while insisting …", "by telling them that …";
/// `frame-participle-leads.txt`): the participle reports for the
/// sentence's subject, in a frame of its own.
fn adverbial_cue_follows(inp: &Input<'_>, k: usize, e: usize) -> bool {
    let v = &inp.view;
    let Some(t) = v.tokens.get(k + 1).filter(|_| k + 1 < e) else {
        return false;
    };
    let Some(lemma) = t.cue.filter(|&lemma| lemma != Lemma::LEARNED) else {
        return false;
    };
    t.kind == TokKind::Word
        && !t.cap
        && t.in_quote.is_none()
        && v.s(k + 1).ends_with("ing")
        && words::is_frame_participle_leads(v.s(k))
        && (lemma.is_speech() || marks_clause(inp, k + 2, e))
}

/// Whether a complementiser, a quotation or a colon stands at `k`.
fn marks_clause(inp: &Input<'_>, k: usize, e: usize) -> bool {
    k < e && {
        let t = &inp.view.tokens[k];
        t.class == Class::That || t.kind == TokKind::QuoteMark || t.is_colon()
    }
}

/// Whether a speaker phrase (or nothing) and then a speech cue start at `k`;
/// the phrase may hold an aside set off by commas ("their lawyer, Tomas
/// Eberle, said").
pub(crate) fn new_frame_follows(inp: &Input<'_>, k: usize, e: usize) -> bool {
    let toks = inp.view.tokens;
    let lim = (k + 7).min(e);
    for (m, t) in toks.iter().enumerate().take(lim).skip(k) {
        if m > k && t.is_comma() {
            return aside_then_speech_cue(inp, m, e);
        }
        if t.in_quote.is_some() || t.kind != TokKind::Word {
            return false;
        }
        if is_speech_cue(inp, m) {
            return true;
        }
        if t.cue.is_some() && !t.cap {
            return false;
        }
        let np_like = t.cap
            || matches!(
                t.class,
                Class::Pronoun(_) | Class::Det | Class::Aux | Class::Adverb
            )
            || t.class.is_np_inner();
        if !np_like {
            return false;
        }
    }
    false
}

/// Whether the lower-case speech cue of a frame stands at `m` ("said",
/// not "saying").
fn is_speech_cue(inp: &Input<'_>, m: usize) -> bool {
    let t = &inp.view.tokens[m];
    t.cue.is_some_and(|lemma| lemma.is_speech())
        && !t.cap
        && t.in_quote.is_none()
        && !inp.view.s(m).ends_with("ing")
}

/// The longest aside [`new_frame_follows`] reads between two commas, in
/// words.
const MAX_ASIDE_WORDS: usize = 5;

/// Whether an aside of words (a name or a descriptor) runs from the comma at
/// `c` to a second comma with a speech cue right after it.
fn aside_then_speech_cue(inp: &Input<'_>, c: usize, e: usize) -> bool {
    let toks = inp.view.tokens;
    let lim = (c + 2 + MAX_ASIDE_WORDS).min(e);
    let Some(close) = (c + 2..lim).find(|&m| toks[m].is_comma()) else {
        return false;
    };
    let words = (c + 1..close).all(|m| {
        toks[m].kind == TokKind::Word && toks[m].in_quote.is_none() && toks[m].cue.is_none()
    });
    words && close + 1 < e && is_speech_cue(inp, close + 1)
}

/// Skips to the end of the attribution clause (after adjuncts), stopping
/// before a comma so that ", adding …" is seen as its own cue, and before
/// the participle clause of a question ("said when asked whether …").
pub(crate) fn skip_to_clause_end(inp: &Input<'_>, k: usize, e: usize) -> usize {
    let v = &inp.view;
    let mut k = k;
    while k < e
        && !v.tokens[k].is_comma()
        && v.tokens[k].kind != TokKind::QuoteMark
        && !opens_question_clause(inp, k, e)
    {
        k += 1;
    }
    k
}

/// Whether a participle clause of a question put to the subject opens at
/// `k`: "when asked whether …", "after asked about …" (the question rule
/// reads it as a frame of its own).
pub(crate) fn opens_question_clause(inp: &Input<'_>, k: usize, e: usize) -> bool {
    let v = &inp.view;
    // Called at every token of a clause: the cheap test of the next word
    // first, the lower-cased lookup only before "asked".
    k + 1 < e
        && v.s(k + 1) == "asked"
        && v.tokens[k].kind == TokKind::Word
        && v.tokens[k].in_quote.is_none()
        && words::is_question_clause_leads(lower_ascii(v.s(k)).as_str())
}

/// Moves `end` back over commas, dashes and closing marks between the
/// content and its attribution.
pub(crate) fn trim_back(inp: &Input<'_>, lo: usize, end: usize) -> usize {
    let v = &inp.view;
    let mut end = end;
    while end > lo {
        let t = &v.tokens[end - 1];
        if matches!(t.punct(), Some(Punct::Comma | Punct::Dash | Punct::Colon)) {
            end -= 1;
        } else {
            break;
        }
    }
    end
}

/// The content token range `[s, e)` trimmed of leading connectives and
/// punctuation; `None` when no word is left.
pub(crate) fn content_tokens(inp: &Input<'_>, s: usize, e: usize) -> Option<(usize, usize)> {
    let v = &inp.view;
    let toks = v.tokens;
    let mut s = s;
    let mut e = e;
    while s < e && toks[s].kind == TokKind::Punct {
        s += 1;
    }
    while e > s && toks[e - 1].kind == TokKind::Punct && !matches!(v.s(e - 1), ")" | "]") {
        e -= 1;
    }
    if !(s..e).any(|k| matches!(toks[k].kind, TokKind::Word | TokKind::Number)) {
        return None;
    }
    Some((s, e))
}
