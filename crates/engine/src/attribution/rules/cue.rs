//! "X said …", "…, X said", "said X": a reporting verb of the cue
//! lexicon (or one the cue model learned) with its speaker and content.
//!
//! Around a cue the frame is decided from what follows it:
//!
//! * nothing, or only adjuncts ("said Wednesday in a statement"): the
//!   content is what precedes — `"…," Peskov said.`, `"…," said Peskov.`,
//!   `Drones struck a train, local officials said.`
//! * a clause, `that`, a colon or a quotation: the content follows —
//!   `Peskov said: "…"`, `Sybiha confirmed that …`.
//!
//! A participle cue after a comma (", adding that …") continues the
//! sentence's speaker.

use crate::attribution::clause::{
    After, clause_end, content_start, content_tokens, new_frame_follows, skip_to_clause_end,
    trim_back, what_follows,
};
use crate::attribution::found::{Claim, confidence};
use crate::attribution::frame::FrameContext;
use crate::attribution::input::{Input, is_word, quoted_before};
use crate::cues::Lemma;
use crate::cues::model;
use crate::lexicon::{Class, Pron, looks_plural, words};
use crate::mentions::{Mention, MentionKind};
use crate::text::{TokKind, lower_ascii};

/// At a cue; a capitalised one only inside a title-case headline.
pub(super) fn applies(fc: &FrameContext<'_, '_>) -> bool {
    let t = fc.token();
    t.cue.is_some() && (!t.cap || (fc.at > fc.sent.tokens.0 && fc.is_headline()))
}

/// The cue rule: on a frame, its speaker becomes the sentence's speaker.
pub(super) fn run(fc: &mut FrameContext<'_, '_>) -> Option<usize> {
    let t = fc.token();
    let cue = t.cue.map(|l| (t.span(), l.as_str()));
    let (next, speaker) = cue_frame(fc)?;
    fc.speaker = Some((speaker, cue));
    Some(next)
}

/// A reporting verb at `c`: finds its speaker and content.
fn cue_frame(fc: &mut FrameContext<'_, '_>) -> Option<(usize, Mention)> {
    let (inp, sent, c, lo) = (fc.inp, fc.sent, fc.at, fc.cursor);
    let lemma = fc.token().cue.map(Lemma::as_str)?;
    let sentence_speaker = fc.speaker.map(|(m, _)| m);

    let v = &inp.view;
    let toks = v.tokens;
    let (s, e) = sent.tokens;
    let cue = Some((toks[c].span(), lemma));
    let word = v.s(c);
    let participle = word.ends_with("ing");

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
        fc.push(
            cs,
            ce,
            Claim {
                cue,
                speaker: Some(speaker),
                confidence: 0.75,
            },
        );
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
        fc.push(
            cs,
            ce,
            Claim {
                cue,
                speaker: Some(speaker),
                confidence: 0.7,
            },
        );
        return Some((end, speaker));
    }
    // "… before confirming that …", "while insisting …": a participle
    // after a subordinating preposition speaks for the sentence's subject.
    let adverbial = participle && c > s && words::is_adverbial_participle_leads(v.s(c - 1));
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
        && words::is_scene_prepositions(v.s(m.tokens.0 - 1))
        && m.kind == MentionKind::Descriptor
        && m.tokens.1 <= c
    {
        left = None;
    }
    // "show" speaks only for evidence: "polls show", "Numbers show"; "the
    // show" and "TV shows" are nouns.
    if words::is_evidence_verbs(word)
        && !left.is_some_and(|m| {
            let head = lower_ascii(v.s(m.tokens.1 - 1));
            words::is_evidence_nouns(head.as_str())
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
        fc.push(
            p,
            p + 1,
            Claim {
                cue,
                speaker: Some(m),
                confidence: confidence(&m, true) - 0.2,
            },
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
        fc.push(
            cs,
            ce,
            Claim {
                cue,
                speaker: Some(speaker),
                confidence: conf,
            },
        );
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
                fc.push(
                    qs,
                    qe,
                    Claim {
                        cue,
                        speaker: Some(speaker),
                        confidence: conf,
                    },
                );
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
                    && words::is_clause_conjunctions(v.s(j as usize))
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
                && words::is_cue_prepositions(v.s(start))
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
                fc.push(
                    bs,
                    be,
                    Claim {
                        cue,
                        speaker: Some(speaker),
                        confidence: conf,
                    },
                );
            }
            fc.push(
                cs,
                ce,
                Claim {
                    cue,
                    speaker: Some(speaker),
                    confidence: conf,
                },
            );
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
        (start..n).any(|t| toks[t].possessive || words::is_possessive_determiners(v.s(t)))
    };
    (start..e.min(start + 8)).any(|n| {
        n + 1 < e
            && toks[n + 1].class == Class::That
            && words::is_statement_nouns(v.s(n))
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
        && words::is_reported_pronouns(lower_ascii(v.s(p)).as_str());
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
