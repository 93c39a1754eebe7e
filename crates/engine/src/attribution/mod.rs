//! Stage 5: attribution — ties each quotation or reported clause to a cue
//! and a speaker mention.
//!
//! Each sentence is read once, left to right, over its cues (quoted tokens
//! are skipped: a "said" inside a quotation is content, not a cue). Around a
//! cue the frame is decided from what follows it:
//!
//! * nothing, or only adjuncts ("said Wednesday in a statement"): the
//!   content is what precedes — `"…," Peskov said.`, `"…," said Peskov.`,
//!   `Drones struck a train, local officials said.`
//! * a clause, `that`, a colon or a quotation: the content follows —
//!   `Peskov said: "…"`, `Sybiha confirmed that …`.
//!
//! `according to X` is a cue with the speaker after it. A participle cue
//! after a comma (", adding that …") continues the sentence's speaker. The
//! kind follows from the content: all inside one quotation is DIRECT (the
//! span is then the quotation's content), partly quoted is MIXED, otherwise
//! INDIRECT. Clause boundaries live in `clause`, the weaker frames (beliefs,
//! statement nouns, topics) in `frames`, and the quotations no frame covered
//! are handed to `fallback`.

pub(crate) mod boundary;
pub(crate) mod clause;
pub(crate) mod fallback;
pub(crate) mod frames;

use crate::attribution::clause::{
    After, clause_end, content_start, content_tokens, is_word, new_frame_follows,
    skip_to_clause_end, trim_back, what_follows,
};
use crate::attribution::fallback::leftover_quotes;
use crate::attribution::frames::{
    may_be_raising_verb, nominal_frame, passive_frame, question_frame, raising_frame, that_frame,
    topic_frame,
};
use crate::cues::Lemma;
use crate::cues::model;
use crate::lexicon::{self, Class, Pron, looks_plural};
use crate::mentions::{Mention, MentionKind, View};
use crate::text::quotes::{Quotation, QuoteId};
use crate::text::{Sentence, TokKind, lower_ascii};
use crate::{Span, StatementKind};

/// A statement found by the attribution stage, before entity resolution.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub content: Span,
    pub kind: StatementKind,
    pub cue: Option<(Span, &'static str)>,
    pub speaker: Option<Mention>,
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
pub(crate) type Context = Option<(Mention, Option<(Span, &'static str)>, u32)>;

/// Everything the attribution stage reads.
pub(crate) struct Input<'a> {
    pub view: View<'a>,
    pub sentences: &'a [Sentence],
    pub quotes: &'a [Quotation],
}

/// Finds all statements, in text order, into `out` (empty; its memory is
/// reused from an earlier document).
///
/// `settled` gets each sentence's statements once the sentence is done, so
/// that a later stage can work on them while the sentence's tokens are in
/// cache. The rules never read an earlier statement's content back, so it
/// may change there.
pub(crate) fn attribute(
    inp: &Input<'_>,
    mut out: Vec<Found>,
    mut settled: impl FnMut(&mut [Found]),
) -> Vec<Found> {
    // Usually at most a statement per quotation or sentence: sizing the list
    // up front spares most of the copies a growing list makes, each one
    // fresh memory on a long document.
    out.reserve(inp.quotes.len() + inp.sentences.len());
    let mut used = vec![false; inp.quotes.len()];
    // The most recent explicit speaker (for continuations), with its paragraph.
    let mut context: Context = None;
    for sent in inp.sentences {
        let before = out.len();
        let lead_in = frames_in_sentence(inp, sent, &mut out, &mut used);
        for f in &out[before..] {
            if let Some(m) = f.speaker {
                context = Some((m, f.cue, f.para));
            }
        }
        if out.len() == before
            && let Some((m, cue)) = lead_in
        {
            context = Some((m, cue, sent.para));
        }
        // Quotations of this sentence that no frame covered.
        leftover_quotes(inp, sent, &mut out, &mut used, &mut context);
        settled(&mut out[before..]);
    }
    sort_by_content_start(&mut out);
    out
}

/// Puts statements in text order. They mostly come out in order already,
/// and a stable sort allocates scratch space of about half the list, which
/// on a 10 MB document is megabytes of fresh memory (page faults) for
/// nothing; checking the order first is one read-only pass.
fn sort_by_content_start(found: &mut [Found]) {
    if !found.is_sorted_by_key(|f| f.content.start) {
        found.sort_by_key(|f| f.content.start);
    }
}

/// Finds the frames of one sentence; returns the last speaker and cue seen
/// (a colon lead-in gives a speaker without a statement).
fn frames_in_sentence(
    inp: &Input<'_>,
    sent: &Sentence,
    out: &mut Vec<Found>,
    used: &mut [bool],
) -> Option<(Mention, Option<(Span, &'static str)>)> {
    let v = &inp.view;
    let toks = v.tokens;
    let (s, e) = sent.tokens;
    let mut cursor = s;
    let mut sentence_speaker: Option<Mention> = None;
    let mut last_cue = None;
    // "Senator Smith Says He Will Run Again": in a headline every word is
    // capitalised, its cue too.
    // Computed only for a capitalised cue: most sentences have none.
    let mut headline = None;
    let mut i = s;
    while i < e {
        let t = &toks[i];
        if let Some(q) = t.in_quote {
            let q = &inp.quotes[q.index()];
            i = q.close.map_or(e, |c| c + 1).max(i + 1);
            continue;
        }
        if t.kind == TokKind::Word
            && t.span().len() == "according".len()
            && v.s(i).eq_ignore_ascii_case("according")
            && i + 1 < e
            && v.s(i + 1) == "to"
            && let Some(next) = according_to(inp, sent, i, cursor, out, used)
        {
            i = next;
            cursor = next;
            continue;
        }
        // All four are prepositions: the class rules out the other words
        // before their text is compared.
        if t.class == Class::Prep
            && matches!(v.s(i), "about" | "against" | "for" | "on")
            && i > cursor
            && let Some(next) = topic_frame(inp, sent, i, cursor, out, used)
        {
            i = next;
            cursor = next;
            continue;
        }
        if t.class == Class::That
            && !t.cap
            && i > cursor
            && let Some(next) = nominal_frame(inp, sent, i, cursor, out, used)
        {
            i = next;
            cursor = next;
            continue;
        }
        if t.class == Class::That
            && !t.cap
            && i > cursor + 1
            && let Some((next, speaker)) = that_frame(inp, sent, i, cursor, out, used)
        {
            sentence_speaker = Some(speaker);
            last_cue = out.last().and_then(|f| f.cue);
            i = next;
            cursor = next;
            continue;
        }
        if i > cursor
            && may_be_raising_verb(v.text, t)
            && let Some(next) = raising_frame(inp, sent, i, cursor, out, used)
        {
            i = next;
            cursor = next;
            continue;
        }
        if t.cue.is_some_and(|l| l.as_str() == "ask")
            && let Some(next) = question_frame(inp, sent, i, cursor, out, used)
        {
            i = next;
            cursor = next;
            continue;
        }
        if let Some(lemma) = t.cue.map(Lemma::as_str)
            && !t.cap
            && let Some(next) = passive_frame(inp, sent, i, lemma, cursor, out, used)
        {
            i = next;
            cursor = next;
            continue;
        }
        if let Some(lemma) = t.cue.map(Lemma::as_str)
            && (!t.cap || (i > s && *headline.get_or_insert_with(|| is_title_case(inp, sent))))
            && let Some((next, speaker)) =
                cue_frame(inp, sent, i, lemma, cursor, sentence_speaker, out, used)
        {
            sentence_speaker = Some(speaker);
            last_cue = Some((t.span(), lemma));
            i = next;
            cursor = next;
            continue;
        }
        i += 1;
    }
    sentence_speaker.map(|m| (m, last_cue))
}

/// A headline in title case: at least three words outside quotation
/// marks, at least four in five of them capitalised.
fn is_title_case(inp: &Input<'_>, sent: &Sentence) -> bool {
    let words = inp.view.tokens[sent.tokens.0..sent.tokens.1]
        .iter()
        .filter(|t| t.kind == TokKind::Word && t.in_quote.is_none());
    let (n, caps) = words.fold((0, 0), |(n, caps), t| (n + 1, caps + usize::from(t.cap)));
    n >= 3 && caps * 5 >= n * 4
}

/// `according to X, CLAUSE` / `CLAUSE, according to X`.
fn according_to(
    inp: &Input<'_>,
    sent: &Sentence,
    i: usize,
    cursor: usize,
    out: &mut Vec<Found>,
    used: &mut [bool],
) -> Option<usize> {
    let v = &inp.view;
    let (_, e) = sent.tokens;
    let speaker = v.np_right(i + 2, e).or_else(|| v.source_phrase(i + 2, e))?;
    let cue = Some((
        Span::new(v.tokens[i].span().start, v.tokens[i + 1].span().end),
        "according to",
    ));
    let after_np = speaker.tokens.1;
    let before = content_tokens(inp, cursor, trim_back(inp, cursor, i));
    // "But according to X, …", "One Sunday in 2001, according to X, …": a
    // connective or a short introductory phrase before the cue is not the
    // content; the clause after the speaker is.
    let before_words = before.map_or(0, |(cs, ce)| {
        (cs..ce)
            .filter(|&t| {
                is_word(inp, t) && !matches!(v.tokens[t].class, Class::Conj | Class::Adverb)
            })
            .count()
    });
    let mut k = after_np;
    while k < e && !v.is_punct(k, ",") && k - after_np < 10 {
        k += 1;
    }
    let after = (k < e && v.is_punct(k, ","))
        .then(|| {
            let end = clause_end(inp, k + 1, e);
            content_tokens(inp, k + 1, end).map(|c| (c, end))
        })
        .flatten();
    match (before, after) {
        (Some((cs, ce)), rest) if before_words > 4 => {
            push(inp, sent, cs, ce, cue, Some(speaker), 0.8, out, used);
            // "Only one person was killed, according to the agency, and
            // there were eight incidents": the sentence goes on reporting.
            if let Some(((rs, re), end)) = rest
                && continues_report(inp, rs, re)
            {
                push(inp, sent, rs, re, cue, Some(speaker), 0.8, out, used);
                return Some(end);
            }
            Some(skip_to_clause_end(inp, after_np, e))
        }
        (_, Some(((cs, ce), end))) => {
            push(inp, sent, cs, ce, cue, Some(speaker), 0.8, out, used);
            Some(end)
        }
        (Some((cs, ce)), None) if before_words > 0 => {
            push(inp, sent, cs, ce, cue, Some(speaker), 0.8, out, used);
            Some(skip_to_clause_end(inp, after_np, e))
        }
        _ => None,
    }
}

/// Whether the clause after "…, according to X," continues the report
/// rather than describing X (", who …", ", citing …", ", a think tank").
fn continues_report(inp: &Input<'_>, s: usize, e: usize) -> bool {
    let v = &inp.view;
    let words = (s..e).filter(|&t| is_word(inp, t)).count();
    let t = &v.tokens[s];
    words >= 3
        && t.kind == TokKind::Word
        && !t.cap
        && !matches!(v.s(s), "who" | "which" | "whose" | "where")
        && !v.s(s).ends_with("ing")
        && !matches!(
            t.class,
            Class::Det | Class::Title | Class::Descriptor | Class::RoleMod
        )
}

/// A reporting verb at `c`: finds its speaker and content.
#[allow(clippy::too_many_arguments)]
fn cue_frame(
    inp: &Input<'_>,
    sent: &Sentence,
    c: usize,
    lemma: &'static str,
    cursor: usize,
    sentence_speaker: Option<Mention>,
    out: &mut Vec<Found>,
    used: &mut [bool],
) -> Option<(usize, Mention)> {
    let v = &inp.view;
    let toks = v.tokens;
    let (s, e) = sent.tokens;
    let cue = Some((toks[c].span(), lemma));
    let word = v.s(c);
    let participle = word.ends_with("ing");
    let lo = cursor;

    // ", adding that …": the sentence's speaker goes on.
    if participle && c > s && (v.is_punct(c - 1, ",") || toks[c - 1].class == Class::Conj) {
        let speaker = sentence_speaker.or_else(|| v.subject(s, c))?;
        let start = content_start(inp, c + 1, e, lemma)?;
        // "The senator, speaking on Fox News, said …": the participle
        // phrase is an aside; the verb after it is the sentence's own.
        if toks[start].cue.is_some() {
            return None;
        }
        let end = clause_end(inp, start, e);
        let (cs, ce) = content_tokens(inp, start, end)?;
        push(inp, sent, cs, ce, cue, Some(speaker), 0.75, out, used);
        return Some((end, speaker));
    }
    // "Stocks fell, with analysts saying a weak report …": the phrase after
    // "with" is the participle's subject.
    if participle
        && lemma != model::LEARNED
        && let Some(speaker) = with_subject(inp, c, lo)
    {
        let start = content_start(inp, c + 1, e, lemma)?;
        let end = clause_end(inp, start, e);
        let (cs, ce) = content_tokens(inp, start, end)?;
        push(inp, sent, cs, ce, cue, Some(speaker), 0.7, out, used);
        return Some((end, speaker));
    }
    // "… before confirming that …", "while insisting …": a participle
    // after a subordinating preposition speaks for the sentence's subject.
    let adverbial = participle && c > s && is_adverbial_participle_lead(v.s(c - 1));
    if participle && !adverbial && !(c >= 3 && v.s(c - 1) == "as" && v.s(c - 2) == "quoted") {
        // "saying" elsewhere is rarely a reporting frame of its own.
        if !(c > s && toks[c - 1].class == Class::Aux) {
            return None;
        }
    }

    // Speaker to the left, or after the verb (inversion).
    // "Pindling was quoted as saying": the speaker is before "was quoted as".
    let quoted_as = c >= lo + 2 && v.s(c - 1) == "as" && v.s(c - 2) == "quoted";
    let j = v.skip_adjuncts_left(c as isize - if quoted_as { 3 } else { 1 }, lo);
    // "43 said", "About 9 percent say", "Another said": a quantity or a
    // pronoun-like determiner is the subject (numbers are otherwise
    // skipped as dates).
    let mut left = v.group_left(c, lo);
    if left.is_none() && j >= lo as isize {
        let ju = j as usize;
        if v.is_punct(ju, ",") || matches!(v.s(ju), "—" | "–" | "--") {
            left = v.apposition_left(ju, lo);
        } else {
            left = v.np_left(j, lo);
        }
    }
    // "Republicans who oppose the bill argue …": the phrase before the cue
    // closes a relative clause; what it modifies is the speaker.
    if let Some(m) = left
        && let Some(a) = v.relative_antecedent(m.tokens.0, lo)
    {
        left = Some(a);
    }
    // "Ramos used his speech to call for …", "went on ABC to defend …": an
    // infinitive cue speaks for the sentence's subject.
    let mut infinitive = false;
    if left.is_none() && c > s && (v.s(c - 1) == "to" || adverbial) {
        // "It is too soon to say whether …": an expletive "it" speaks for
        // no one.
        left = v
            .subject(s, c - 1)
            .filter(|m| m.tokens.1 < c - 1 && m.kind != MentionKind::Pronoun(Pron::It));
        infinitive = left.is_some();
    }
    // "Mr. Trump, who said last week that …": the relative's antecedent.
    let mut relative = false;
    if left.is_none()
        && j >= lo as isize + 2
        && matches!(v.s(j as usize), "who")
        && v.is_punct(j as usize - 1, ",")
    {
        left = v.np_left(j - 2, lo);
        relative = left.is_some();
    }
    // "business leaders who say …": a restrictive relative's antecedent
    // (its clause runs to the sentence's own verb or end).
    if left.is_none()
        && j > lo as isize
        && matches!(v.s(j as usize), "who")
        && Lemma::named(lemma).is_speech()
        && lemma != model::LEARNED
    {
        left = v.np_left(j - 1, lo);
    }
    // "In a Facebook message posted Friday, Cruz said …": a phrase inside a
    // prepositional phrase is no subject, so its verb is no frame.
    // ("Supporters in Congress say …" falls back to the sentence subject
    // below.)
    if let Some(m) = left
        && m.tokens.0 > lo
        && matches!(v.s(m.tokens.0 - 1), "in" | "In" | "on" | "On")
        && m.kind == MentionKind::Descriptor
        && m.tokens.1 <= c
    {
        left = None;
    }
    // "show" speaks only for evidence: "polls show", "Numbers show"; "the
    // show" and "TV shows" are nouns.
    if matches!(word, "show" | "shows")
        && !left.is_some_and(|m| {
            let head = lower_ascii(v.s(m.tokens.1 - 1));
            matches!(
                head.as_str(),
                "polls"
                    | "poll"
                    | "numbers"
                    | "statistics"
                    | "data"
                    | "figures"
                    | "surveys"
                    | "survey"
                    | "records"
                    | "documents"
                    | "averages"
                    | "results"
                    | "studies"
                    | "study"
                    | "report"
                    | "reports"
                    | "estimates"
                    | "analysis"
                    | "research"
                    | "emails"
                    | "filings"
            )
        })
    {
        return None;
    }
    let mut after_speaker = c + 1;
    let mut inverted = false;
    if left.is_none() {
        let prev_is_break = j < s as isize
            || j < lo as isize
            || v.is_punct(j as usize, ",")
            || toks[j as usize].kind == TokKind::QuoteMark;
        // "…, said Smith." / "said Smith on Tuesday": an inverted subject
        // ends its clause; in ", said he would …" it opens the content.
        if prev_is_break
            && let Some(r) = v.np_right(c + 1, e)
            && !opens_clause(inp, r.tokens.1, e)
        {
            after_speaker = r.tokens.1;
            left = Some(v.apposition_right(r, e));
            inverted = true;
        }
    }
    // "told reporters", "asked him": skip the addressee.
    let mut k = after_speaker;
    if !inverted && Lemma::named(lemma).takes_object() && k < e {
        if matches!(toks[k].class, Class::Pronoun(_)) {
            k += 1;
        } else if let Some(obj) = v.np_right(k, e) {
            k = obj.tokens.1;
        }
    }
    if let Some(m) = left
        && !inverted
        && !agrees_with_base_form(inp, &m, c, word, lemma)
    {
        return None;
    }
    // "what Trump says his plan would do", "the list, which the campaign
    // says includes …", "Everything he says is …": the clause around the
    // frame is the writer's; what is reported is the pronoun the frame
    // leaves out.
    if let Some(m) = left
        && !inverted
        && Lemma::named(lemma).is_speech()
        && let Some(p) = reported_pronoun_before(inp, m.tokens.0, s)
        && !verb_has_own_clause(inp, k, e)
    {
        let cue = Some((toks[c].span(), lemma));
        push(
            inp,
            sent,
            p,
            p + 1,
            cue,
            Some(m),
            confidence(&m, true) - 0.2,
            out,
            used,
        );
        return Some((skip_to_clause_end(inp, k, e), m));
    }
    let governed = k + 1 < e && Lemma::named(lemma).governs(v.s(k));
    if Lemma::named(lemma).needs_preposition() && !governed {
        return None;
    }
    // "agreed with X", "accused Clinton of …", "pointed to X": a
    // preposition the verb governs opens its content, not an adjunct.
    let after = if !inverted && governed {
        let start = if toks[k + 1].class == Class::That {
            k + 2
        } else {
            k + 1
        };
        After::Content(start)
    } else {
        match what_follows(inp, k, e) {
            // "…, said Dan Gerstein, director of …": what follows an
            // inverted speaker's comma is his apposition.
            After::CommaClause(_) if inverted => After::Nothing,
            after => after,
        }
    };
    // "Critics scoffed at the mayor's claim that …": the clause after the
    // claim is the mayor's, not the critics'.
    if !matches!(after, After::Nothing) && opens_with_owned_statement(inp, k, e) {
        return None;
    }
    let speaker_start = left.map_or(c, |m| m.tokens.0.min(c));
    let has_before = content_tokens(inp, lo, speaker_start).is_some();
    // `"…," he said <anything>`: the quotation right before is the content.
    // A short quoted title in an introductory phrase ("In an interview on
    // “Face the Nation,” Ryan said …") is not it.
    let quote_before = {
        let b = trim_back(inp, lo, speaker_start);
        b > lo
            && toks[b - 1].kind == TokKind::QuoteMark
            && toks[b - 1].in_quote.is_none()
            && b >= 2
            && toks[b - 2].in_quote.is_some_and(|q| {
                let q = &inp.quotes[q.index()];
                let words = (q.open..b).filter(|&t| is_word(inp, t)).count();
                words >= 4 || !(lo..q.open).any(|t| is_word(inp, t))
            })
    };
    // A short introductory phrase before "X said," is not the content.
    let long_before = || {
        let b = (lo..speaker_start).filter(|&t| is_word(inp, t)).count();
        b > 4 || quoted_before(inp, lo, speaker_start)
    };
    let frame_after_content = has_before
        && (quote_before
            || matches!(
                after,
                After::Nothing | After::SplitQuote(_) | After::Adjunct(_)
            )
            || (matches!(after, After::CommaClause(_)) && long_before()));

    if frame_after_content {
        let speaker = left?;
        if !Lemma::named(lemma).is_speech()
            && !quoted_before(inp, lo, speaker_start)
            && !(lemma != model::LEARNED
                && matches!(after, After::Nothing)
                && (k..e).all(|t| toks[t].kind == TokKind::Punct)
                && speaker_start > lo
                && v.is_punct(speaker_start - 1, ",")
                && long_before())
        {
            return None;
        }
        let stop = trim_back(inp, lo, speaker_start);
        let (mut cs, ce) = content_tokens(inp, lo, stop)?;
        // `Whatever X, "…," said Y`: only the trailing quotation is the content.
        if let Some(q) = toks[ce - 1].in_quote.or_else(|| {
            (ce >= 2 && toks[ce - 1].kind == TokKind::QuoteMark)
                .then(|| toks[ce - 2].in_quote)
                .flatten()
        }) {
            let open = inp.quotes[q.index()].open;
            let words_before_quote = (cs..open).filter(|&t| is_word(inp, t)).count();
            let words_in_quote = (open..ce).filter(|&t| is_word(inp, t)).count();
            // … and `The number represents “more losses than …,” CSIS said`:
            // a long quotation after a short lead is the statement itself.
            let short_lead =
                words_before_quote <= 4 && words_in_quote >= 3 * words_before_quote.max(1);
            if open > cs && (v.is_punct(open - 1, ",") || v.is_punct(open - 1, ":") || short_lead) {
                cs = open;
            }
        }
        let conf = confidence(&speaker, Lemma::named(lemma).is_speech());
        push(inp, sent, cs, ce, cue, Some(speaker), conf, out, used);
        let mut next = skip_to_clause_end(inp, k, e);
        // `"…," he said, "…"` and "The argument would be aided, Devine
        // said, by the calendar": a frame inside the sentence interrupts
        // one statement, and the rest after its comma is content too.
        let rest = match after {
            After::SplitQuote(q) => Some(q),
            After::CommaClause(q)
                if q == k + 1
                    && !inverted
                    && !quote_before
                    && !v.s(q).ends_with("ing")
                    && !new_frame_follows(inp, q, e) =>
            {
                Some(q)
            }
            _ => None,
        };
        if let Some(q) = rest {
            let end = clause_end(inp, q, e);
            if let Some((qs, qe)) = content_tokens(inp, q, end) {
                push(inp, sent, qs, qe, cue, Some(speaker), conf, out, used);
                next = end;
            }
        }
        return Some((next, speaker));
    }
    if infinitive && !matches!(after, After::Content(_)) {
        return None;
    }
    // A learned cue must be followed by its content: "talks in Istanbul
    // were …" is a noun with an adjunct, not a frame.
    if lemma == model::LEARNED && matches!(after, After::Adjunct(_)) {
        return None;
    }
    match after {
        After::Content(start)
        | After::Adjunct(start)
        | After::SplitQuote(start)
        | After::CommaClause(start) => {
            let speaker = match left {
                Some(m) => m,
                // "… and then tweeted that …": the speaker of the frame
                // before, or the sentence subject.
                None if j >= s as isize
                    && matches!(v.s(j as usize), "and" | "but")
                    && Lemma::named(lemma).is_speech() =>
                {
                    sentence_speaker.or_else(|| v.subject(s, c))?
                }
                None if j >= s as isize
                    && matches!(v.s(j as usize), "—" | "–" | "--" | ",")
                    && Lemma::named(lemma).is_speech() =>
                {
                    v.subject(s, c)?
                }
                // "Experts on North Korea said …", "those surveyed say …":
                // a subject longer than a speaker phrase, before a speech
                // verb with a clear content: the subject's first phrase.
                None if Lemma::named(lemma).is_speech()
                    && lemma != model::LEARNED
                    && matches!(after, After::Content(_)) =>
                {
                    v.subject(lo, c).filter(|m| m.tokens.1 < c)?
                }
                None => return None,
            };
            // "talked about X", "called for X": the preposition belongs to
            // the cue, not to the content.
            let start = if lemma != "say"
                && lemma != "tell"
                && start < e
                && matches!(v.s(start), "about" | "for" | "against" | "of" | "over")
            {
                start + 1
            } else {
                start
            };
            // "He may add to it, he said": what follows the comma is the
            // next frame, so this verb is part of that frame's content.
            if matches!(after, After::CommaClause(_)) && new_frame_follows(inp, start, e) {
                return None;
            }
            let mut end = clause_end(inp, start, e);
            if relative {
                // The relative clause ends at the next comma: ", who said …,
                // issued a statement".
                if let Some(c2) =
                    (start..end).find(|&m| v.is_punct(m, ",") && toks[m].in_quote.is_none())
                {
                    end = c2;
                }
            }
            let Some((cs, ce)) = content_tokens(inp, start, end) else {
                // "X said in a speech:" with the quotation in the next paragraph.
                let colon = start > 0 && v.is_punct(start - 1, ":");
                return colon.then_some((e, speaker));
            };
            let words = (cs..ce).filter(|&t| toks[t].kind == TokKind::Word).count();
            if words < 2 {
                return None;
            }
            let conf = confidence(&speaker, Lemma::named(lemma).is_speech()) - 0.1;
            // "The latest test, X said, was its biggest": both fragments.
            if matches!(after, After::CommaClause(_))
                && let Some((bs, be)) = content_tokens(inp, lo, trim_back(inp, lo, speaker_start))
                && fronted_fragment(inp, bs, be, speaker_start)
            {
                push(inp, sent, bs, be, cue, Some(speaker), conf, out, used);
            }
            push(inp, sent, cs, ce, cue, Some(speaker), conf, out, used);
            Some((end, speaker))
        }
        After::Nothing => {
            // A colon lead-in with the quotation in the next paragraph.
            if k < e && v.is_punct(k, ":") && k + 1 == e {
                let speaker = left?;
                return Some((e, speaker));
            }
            None
        }
    }
}

/// "with analysts saying": the phrase between "with" and the participle at
/// `c`, when it is a speaker phrase.
fn with_subject(inp: &Input<'_>, c: usize, lo: usize) -> Option<Mention> {
    let v = &inp.view;
    let j = v.skip_adjuncts_left(c as isize - 1, lo);
    if j < lo as isize {
        return None;
    }
    let m = v.np_left(j, lo)?;
    let opens = m.tokens.0;
    (opens > lo && v.s(opens - 1) == "with" && !matches!(m.kind, MentionKind::Pronoun(_)))
        .then_some(m)
}

/// Whether the words at `start` open with a statement noun that has its
/// own owner and clause ("the mayor's claim that …", "his warning that …"):
/// that clause is the owner's statement, found by the nominal frame.
fn opens_with_owned_statement(inp: &Input<'_>, start: usize, e: usize) -> bool {
    let v = &inp.view;
    let toks = v.tokens;
    let owned = |n: usize| {
        (start..n).any(|t| {
            toks[t].possessive || matches!(v.s(t), "his" | "her" | "their" | "its" | "His" | "Her")
        })
    };
    (start..e.min(start + 8)).any(|n| {
        n + 1 < e
            && toks[n + 1].class == Class::That
            && crate::attribution::frames::is_statement_noun(v.s(n))
            && owned(n)
    })
}

/// Whether the words before a frame inside a sentence ("The latest test,
/// X said, was …", "Now, she said, …") are a fragment of the statement:
/// they must be set off from the speaker by a comma ("But as X said, …"
/// is a frame of its own) and not end in a dangling opener ("Then, once").
fn fronted_fragment(inp: &Input<'_>, bs: usize, be: usize, speaker_start: usize) -> bool {
    let toks = inp.view.tokens;
    let set_off = (be..speaker_start).any(|t| inp.view.is_punct(t, ","));
    let dangling = matches!(toks[be - 1].class, Class::Prep | Class::Conj | Class::Det);
    set_off && !dangling && (bs..be).any(|t| is_word(inp, t))
}

/// Whether the word at `k`, right after a noun phrase, is a verb of that
/// phrase (an auxiliary or a plain lower-case word), so that the phrase is
/// a subject rather than an inverted speaker.
fn opens_clause(inp: &Input<'_>, k: usize, e: usize) -> bool {
    let toks = inp.view.tokens;
    k < e
        && toks[k].kind == TokKind::Word
        && !toks[k].cap
        && toks[k].in_quote.is_none()
        && matches!(toks[k].class, Class::Aux | Class::Other)
}

/// Subject-verb agreement for a cue in its base form ("think", "expect"):
/// the subject is plural, a pronoun, or an auxiliary stands between
/// ("will support"). "Open-source think tanks" has no cue.
fn agrees_with_base_form(
    inp: &Input<'_>,
    speaker: &Mention,
    c: usize,
    word: &str,
    lemma: &str,
) -> bool {
    let v = &inp.view;
    if !word.eq_ignore_ascii_case(lemma) || matches!(speaker.kind, MentionKind::Pronoun(_)) {
        return true;
    }
    let head = v.s(speaker.tokens.1 - 1);
    // "Officials in Dunmore say": the phrase's head, not its last word, is
    // plural ("Several think tanks": a lone quantifier is no subject).
    let plural = looks_plural(head) || (speaker.plural && speaker.tokens.1 - speaker.tokens.0 > 1);
    let aux_between =
        (speaker.tokens.1..c).any(|k| matches!(v.tokens[k].class, Class::Aux) || v.s(k) == "to");
    plural || aux_between
}

/// Whether the stretch before the speaker holds a quotation (which makes a
/// non-speech verb like "sighed" a cue).
pub(crate) fn quoted_before(inp: &Input<'_>, from: usize, to: usize) -> bool {
    // Bounded look-back: a frame's quotation is never hundreds of tokens away.
    (from.max(to.saturating_sub(200))..to).any(|k| inp.view.tokens[k].in_quote.is_some())
}

pub(crate) fn confidence(speaker: &Mention, speech: bool) -> f32 {
    let base = match speaker.kind {
        MentionKind::Name => 0.95,
        MentionKind::Pronoun(_) => 0.85,
        MentionKind::Descriptor => 0.8,
    };
    if speech { base } else { base - 0.15 }
}

/// Records a statement over tokens `[s, e)`, deciding its kind and span.
#[allow(clippy::too_many_arguments)]
pub(crate) fn push(
    inp: &Input<'_>,
    sent: &Sentence,
    s: usize,
    e: usize,
    cue: Option<(Span, &'static str)>,
    speaker: Option<Mention>,
    confidence: f32,
    out: &mut Vec<Found>,
    used: &mut [bool],
) {
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
                used[q.index()] = true;
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
    // "It is unclear whether …": the "it" stands for the clause.
    let speaker = speaker.filter(|m| !cue.is_some_and(|(c, _)| is_expletive_it(&inp.view, m, c)));
    out.push(Found {
        content,
        kind,
        cue,
        speaker,
        carried: false,
        confidence: confidence.clamp(0.0, 1.0),
        para: sent.para,
        sentence: sentence_span(inp, sent),
        time_words: has_time_words(inp, sent),
    });
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
        copula |= !matches!(w.as_str(), "not" | "n't" | "still" | "also" | "now");
    }
    copula
}

pub(crate) fn sentence_span(inp: &Input<'_>, sent: &Sentence) -> Span {
    let toks = inp.view.tokens;
    Span::new(
        toks[sent.tokens.0].span().start,
        toks[sent.tokens.1 - 1].span().end,
    )
}

pub(crate) fn has_time_words(_inp: &Input<'_>, sent: &Sentence) -> bool {
    sent.time_words
}

/// Subordinating words that open an adverbial participle clause.
fn is_adverbial_participle_lead(w: &str) -> bool {
    matches!(
        w,
        "before" | "after" | "while" | "by" | "without" | "when" | "since"
    )
}

/// The relative or indefinite pronoun right before a speaker at `speaker`
/// that stands for what the speaker reports ("what", "which",
/// "everything"), not at the sentence start `s` unless it is the subject
/// ("Everything Trump says is a lie").
fn reported_pronoun_before(inp: &Input<'_>, speaker: usize, s: usize) -> Option<usize> {
    let v = &inp.view;
    let p = speaker.checked_sub(1).filter(|&p| p >= s)?;
    let t = &v.tokens[p];
    // "in which he says …": after a preposition the clause is the content.
    if p > s && v.tokens[p - 1].class == Class::Prep {
        return None;
    }
    let pronoun = t.kind == TokKind::Word
        && t.in_quote.is_none()
        && matches!(
            lower_ascii(v.s(p)).as_str(),
            "what" | "which" | "whatever" | "everything" | "anything" | "nothing" | "something"
        );
    pronoun.then_some(p)
}

/// Whether what follows the cue at `k` opens a clause with its own
/// subject or a quotation ("which he says he is doing", "what she says
/// “…”"): then that clause is reported, not the pronoun before the frame.
fn verb_has_own_clause(inp: &Input<'_>, k: usize, e: usize) -> bool {
    let toks = inp.view.tokens;
    k < e && {
        let t = &toks[k];
        t.kind == TokKind::QuoteMark
            || t.in_quote.is_some()
            || t.cap
            || matches!(t.class, Class::Pronoun(_) | Class::Det | Class::That)
    }
}
