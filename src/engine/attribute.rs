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
//! INDIRECT. Quotations that no frame covered are then looked at on their
//! own: a paragraph or sentence that is only a quotation continues the
//! previous speaker (split quotes, multi-paragraph quotes, colon lead-ins),
//! a dash sign-off names its speaker, and anything else (a scare quote, a
//! title) is not a statement.

use super::cues;
use super::lexicon::Class;
use super::mentions::{Mention, MentionKind, View};
use super::quotes::Quotation;
use super::text::{Sentence, TokKind};
use super::{Span, StatementKind};

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
type Context = Option<(Mention, Option<(Span, &'static str)>, u32)>;

/// Everything the attribution stage reads.
pub(crate) struct Input<'a> {
    pub view: View<'a>,
    pub sentences: &'a [Sentence],
    pub quotes: &'a [Quotation],
}

/// What follows a cue.
enum After {
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
const MAX_CLAUSE_TOKENS: usize = 400;

/// Finds all statements, in text order.
pub(crate) fn attribute(inp: &Input<'_>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
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
    }
    out.sort_by_key(|f| f.content.start);
    out
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
    let mut i = s;
    while i < e {
        let t = &toks[i];
        if let Some(q) = t.in_quote {
            let q = &inp.quotes[q as usize];
            i = q.close.map_or(e, |c| c + 1).max(i + 1);
            continue;
        }
        if t.kind == TokKind::Word
            && v.s(i).eq_ignore_ascii_case("according")
            && i + 1 < e
            && v.s(i + 1) == "to"
            && let Some(next) = according_to(inp, sent, i, cursor, out, used)
        {
            i = next;
            cursor = next;
            continue;
        }
        if matches!(v.s(i), "about" | "against" | "for" | "on")
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
        if let Some(lemma) = t.cue
            && !t.cap
            && let Some((next, speaker)) =
                cue_frame(inp, sent, i, lemma, cursor, sentence_speaker, out, used)
        {
            sentence_speaker = Some(speaker);
            last_cue = Some((t.span, lemma));
            i = next;
            cursor = next;
            continue;
        }
        i += 1;
    }
    sentence_speaker.map(|m| (m, last_cue))
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
    let speaker = v.np_right(i + 2, e)?;
    let cue = Some((
        Span::new(v.tokens[i].span.start, v.tokens[i + 1].span.end),
        "according to",
    ));
    let after_np = speaker.tokens.1;
    let before = content_tokens(inp, cursor, trim_back(inp, cursor, i));
    if let Some((cs, ce)) = before {
        push(inp, sent, cs, ce, cue, Some(speaker), 0.8, out, used);
        return Some(skip_to_clause_end(inp, after_np, e));
    }
    // Leading: the clause follows the comma after the speaker.
    let mut k = after_np;
    while k < e && !v.is_punct(k, ",") && k - after_np < 10 {
        k += 1;
    }
    if k < e && v.is_punct(k, ",") {
        let end = clause_end(inp, k + 1, e);
        if let Some((cs, ce)) = content_tokens(inp, k + 1, end) {
            push(inp, sent, cs, ce, cue, Some(speaker), 0.8, out, used);
            return Some(end);
        }
    }
    None
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
    let cue = Some((toks[c].span, lemma));
    let word = v.s(c);
    let participle = word.ends_with("ing");
    let lo = cursor;

    // ", adding that …": the sentence's speaker goes on.
    if participle && c > s && (v.is_punct(c - 1, ",") || toks[c - 1].class == Class::Conj) {
        let speaker = sentence_speaker.or_else(|| v.subject(s, c))?;
        let start = content_start(inp, c + 1, e, lemma)?;
        let end = clause_end(inp, start, e);
        let (cs, ce) = content_tokens(inp, start, end)?;
        push(inp, sent, cs, ce, cue, Some(speaker), 0.75, out, used);
        return Some((end, speaker));
    }
    if participle && !(c >= 3 && v.s(c - 1) == "as" && v.s(c - 2) == "quoted") {
        // "saying" elsewhere is rarely a reporting frame of its own.
        if !(c > s && toks[c - 1].class == Class::Aux) {
            return None;
        }
    }

    // Speaker to the left, or after the verb (inversion).
    let j = v.skip_adjuncts_left(c as isize - 1, lo);
    let mut left = None;
    if j >= lo as isize {
        let ju = j as usize;
        if v.is_punct(ju, ",") || matches!(v.s(ju), "—" | "–" | "--") {
            left = v.apposition_left(ju, lo);
        } else {
            left = v.np_left(j, lo);
        }
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
    // "In a Facebook message posted Friday, Cruz said …": a phrase inside a
    // prepositional phrase is no subject, so its verb is no frame.
    if let Some(m) = left
        && m.tokens.0 > lo
        && matches!(v.s(m.tokens.0 - 1), "in" | "In" | "on" | "On")
        && m.kind == MentionKind::Descriptor
        && m.tokens.1 <= c
    {
        return None;
    }
    // "show" speaks only for evidence: "polls show", "Numbers show"; "the
    // show" and "TV shows" are nouns.
    if matches!(word, "show" | "shows")
        && !left.is_some_and(|m| {
            let head = v.s(m.tokens.1 - 1).to_ascii_lowercase();
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
        if prev_is_break && let Some(r) = v.np_right(c + 1, e) {
            after_speaker = r.tokens.1;
            left = Some(r);
            inverted = true;
        }
    }
    // "told reporters", "asked him": skip the addressee.
    let mut k = after_speaker;
    if !inverted && cues::takes_object(lemma) && k < e {
        if matches!(toks[k].class, Class::Pronoun(_)) {
            k += 1;
        } else if let Some(obj) = v.np_right(k, e) {
            k = obj.tokens.1;
        }
    }
    let after = what_follows(inp, k, e);
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
                let q = &inp.quotes[q as usize];
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
        if !cues::is_speech(lemma) && !quoted_before(inp, lo, speaker_start) {
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
            let open = inp.quotes[q as usize].open;
            if open > cs && (v.is_punct(open - 1, ",") || v.is_punct(open - 1, ":")) {
                cs = open;
            }
        }
        let conf = confidence(&speaker, cues::is_speech(lemma));
        push(inp, sent, cs, ce, cue, Some(speaker), conf, out, used);
        let mut next = skip_to_clause_end(inp, k, e);
        if let After::SplitQuote(q) = after {
            let end = clause_end(inp, q, e);
            if let Some((qs, qe)) = content_tokens(inp, q, end) {
                push(inp, sent, qs, qe, cue, Some(speaker), conf, out, used);
                next = end;
            }
        }
        return Some((next, speaker));
    }
    match after {
        After::Content(start)
        | After::Adjunct(start)
        | After::SplitQuote(start)
        | After::CommaClause(start) => {
            let speaker = match left {
                Some(m) => m,
                // "… and then tweeted that …": the sentence subject.
                None if j >= s as isize
                    && matches!(v.s(j as usize), "and" | "but")
                    && cues::is_speech(lemma) =>
                {
                    v.subject(s, c)?
                }
                None if j >= s as isize
                    && matches!(v.s(j as usize), "—" | "–" | "--" | ",")
                    && cues::is_speech(lemma) =>
                {
                    v.subject(s, c)?
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
            let conf = confidence(&speaker, cues::is_speech(lemma)) - 0.1;
            // "The latest test, X said, was its biggest": both fragments.
            if matches!(after, After::CommaClause(_))
                && let Some((bs, be)) = content_tokens(inp, lo, trim_back(inp, lo, speaker_start))
                && !matches!(
                    toks[bs].class,
                    Class::Prep
                        | Class::Adverb
                        | Class::Conj
                        | Class::TimeWord
                        | Class::Weekday
                        | Class::Month
                )
                && (bs..be).filter(|&t| is_word(inp, t)).count() >= 2
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

/// `NP VERB that CLAUSE` for a verb outside the cue lexicon ("believes
/// that", "hopes that", "warned voters that"): PolNeAR-style attribution
/// covers beliefs and claims, and the complementiser makes the frame clear.
fn that_frame(
    inp: &Input<'_>,
    sent: &Sentence,
    i: usize,
    cursor: usize,
    out: &mut Vec<Found>,
    used: &mut [bool],
) -> Option<(usize, Mention)> {
    let v = &inp.view;
    let toks = v.tokens;
    let (_, e) = sent.tokens;
    let w = i - 1;
    let verb = &toks[w];
    let word = v.s(w);
    let verbish = verb.kind == TokKind::Word
        && !verb.cap
        && verb.in_quote.is_none()
        && (verb.cue.is_some()
            || (verb.class == Class::Other
                && (word.ends_with("ed") || word.ends_with('s') || is_base_belief(word))
                && !matches!(word, "is" | "was" | "has" | "does" | "as" | "thus" | "this")));
    if !verbish {
        return None;
    }
    let j = v.skip_adjuncts_left(w as isize - 1, cursor);
    let speaker = v.np_left(j, cursor)?;
    // "the attacks that jolted …": after a plural noun, "that" is a
    // relative pronoun unless a clear subject (a name or pronoun) precedes.
    if verb.cue.is_none()
        && word.ends_with('s')
        && !word.ends_with("ss")
        && speaker.kind == MentionKind::Descriptor
    {
        return None;
    }
    let end = clause_end(inp, i + 1, e);
    let (cs, ce) = content_tokens(inp, i + 1, end)?;
    if (cs..ce).filter(|&t| is_word(inp, t)).count() < 3 {
        return None;
    }
    let lemma = verb.cue.unwrap_or("");
    let conf = confidence(&speaker, false) - 0.2;
    push(
        inp,
        sent,
        cs,
        ce,
        Some((verb.span, lemma)),
        Some(speaker),
        conf,
        out,
        used,
    );
    Some((end, speaker))
}

/// "Trump's claim that …", "the warning that …": a statement noun with a
/// that-clause; the speaker is the possessor when there is one.
fn nominal_frame(
    inp: &Input<'_>,
    sent: &Sentence,
    i: usize,
    cursor: usize,
    out: &mut Vec<Found>,
    used: &mut [bool],
) -> Option<usize> {
    let v = &inp.view;
    let toks = v.tokens;
    let (_, e) = sent.tokens;
    let n = i - 1;
    if toks[n].cap || toks[n].in_quote.is_some() || !is_statement_noun(v.s(n)) {
        return None;
    }
    let end = clause_end(inp, i + 1, e);
    let (cs, ce) = content_tokens(inp, i + 1, end)?;
    if (cs..ce).filter(|&t| is_word(inp, t)).count() < 3 {
        return None;
    }
    // The possessor: "Trump's claim", "his claim", "the senator's warning".
    let mut k = n;
    while k > cursor && n - k < 3 && !toks[k - 1].possessive && toks[k - 1].kind == TokKind::Word {
        if matches!(toks[k - 1].class, Class::Pronoun(_)) {
            break;
        }
        if !(toks[k - 1].class == Class::RoleMod || toks[k - 1].class == Class::Other) {
            break;
        }
        k -= 1;
    }
    let speaker = (k > cursor).then(|| k - 1).and_then(|p| {
        let t = &toks[p];
        if t.possessive && t.kind == TokKind::Word {
            v.possessor(p, cursor)
        } else if matches!(t.class, Class::Pronoun(_)) && t.kind == TokKind::Word {
            v.np_left(p as isize, cursor)
        } else {
            None
        }
    });
    push(
        inp,
        sent,
        cs,
        ce,
        Some((toks[n].span, "")),
        speaker,
        0.45,
        out,
        used,
    );
    Some(end)
}

/// "talked about X", "warned against X", "her concerns about X": the topic
/// of speech or attitude is attributed content too (PolNeAR marks it).
fn topic_frame(
    inp: &Input<'_>,
    sent: &Sentence,
    i: usize,
    cursor: usize,
    out: &mut Vec<Found>,
    used: &mut [bool],
) -> Option<usize> {
    let v = &inp.view;
    let toks = v.tokens;
    let (_, e) = sent.tokens;
    let w = i - 1;
    let head = &toks[w];
    if head.kind != TokKind::Word || head.cap || head.in_quote.is_some() {
        return None;
    }
    if i + 1 >= e || toks[i + 1].kind == TokKind::Number {
        return None; // "about 200 people"
    }
    let word = v.s(w);
    // "for" and "on" are attributive only after a few heads ("called for",
    // "support for", "focused on", "position on").
    let narrow = match v.s(i) {
        "for" => Some(matches!(
            word,
            "called"
                | "calls"
                | "calling"
                | "pushed"
                | "pushing"
                | "pushes"
                | "advocated"
                | "argued"
                | "pressed"
                | "lobbied"
                | "pleaded"
                | "campaigned"
                | "support"
                | "demands"
                | "demand"
                | "plea"
                | "appeal"
                | "voted"
                | "praised"
                | "criticized"
                | "blamed"
                | "thanked"
                | "apologized"
                | "asked"
        )),
        "on" => Some(matches!(
            word,
            "focused"
                | "focuses"
                | "focusing"
                | "commented"
                | "insisted"
                | "weighed"
                | "position"
                | "stance"
                | "views"
                | "remarks"
                | "comments"
                | "called"
                | "urged"
                | "reported"
                | "elaborated"
                | "campaigned"
                | "spoke"
                | "speak"
        )),
        _ => None,
    };
    if narrow == Some(false) {
        return None;
    }
    let noun = matches!(
        word,
        "concerns"
            | "concern"
            | "questions"
            | "comments"
            | "remarks"
            | "worries"
            | "fears"
            | "criticism"
            | "complaints"
            | "warnings"
            | "case"
            | "argument"
            | "views"
            | "support"
            | "position"
            | "stance"
            | "demands"
            | "demand"
            | "plea"
            | "appeal"
    ) || is_statement_noun(word);
    let verb = !noun
        && (head.cue.is_some()
            || (head.class == Class::Other
                && (word.ends_with("ed") || word.ends_with("ing") || word.ends_with('s'))
                && !word.ends_with("ous")
                && !word.ends_with("ss")));
    if !noun && !verb {
        return None;
    }
    let speaker = if verb {
        let j = v.skip_adjuncts_left(w as isize - 1, cursor);
        Some(v.np_left(j, cursor)?)
    } else {
        (w > cursor).then(|| w - 1).and_then(|p| {
            v.possessor(p, cursor).or_else(|| {
                matches!(toks[p].class, Class::Pronoun(_))
                    .then(|| v.np_left(p as isize, cursor))
                    .flatten()
            })
        })
    };
    let end = clause_end(inp, i + 1, e);
    let (cs, ce) = content_tokens(inp, i + 1, end)?;
    let cue_span = Span::new(head.span.start, toks[i].span.end);
    push(
        inp,
        sent,
        cs,
        ce,
        Some((cue_span, head.cue.unwrap_or(""))),
        speaker,
        0.4,
        out,
        used,
    );
    Some(end)
}

fn is_statement_noun(w: &str) -> bool {
    matches!(
        w,
        "claim"
            | "claims"
            | "statement"
            | "assertion"
            | "suggestion"
            | "argument"
            | "warning"
            | "promise"
            | "pledge"
            | "belief"
            | "view"
            | "comments"
            | "remarks"
            | "allegation"
            | "allegations"
            | "accusation"
            | "insistence"
            | "announcement"
            | "prediction"
            | "assessment"
            | "contention"
            | "charge"
            | "complaint"
            | "message"
            | "notion"
            | "idea"
            | "assurance"
            | "assurances"
            | "vow"
    )
}

/// Base forms of belief and claim verbs that do not end in -s/-ed.
fn is_base_belief(word: &str) -> bool {
    matches!(
        word,
        "believe"
            | "think"
            | "know"
            | "hope"
            | "fear"
            | "expect"
            | "feel"
            | "agree"
            | "worry"
            | "realize"
            | "understand"
            | "insist"
            | "argue"
            | "suggest"
            | "warn"
            | "predict"
            | "acknowledge"
            | "admit"
            | "assume"
            | "doubt"
            | "recognize"
            | "contend"
            | "knew"
            | "thought"
            | "felt"
            | "understood"
    )
}

/// Whether the stretch before the speaker holds a quotation (which makes a
/// non-speech verb like "sighed" a cue).
fn quoted_before(inp: &Input<'_>, from: usize, to: usize) -> bool {
    // Bounded look-back: a frame's quotation is never hundreds of tokens away.
    (from.max(to.saturating_sub(200))..to).any(|k| inp.view.tokens[k].in_quote.is_some())
}

fn confidence(speaker: &Mention, speech: bool) -> f32 {
    let base = match speaker.kind {
        MentionKind::Name => 0.95,
        MentionKind::Pronoun(_) => 0.85,
        MentionKind::Descriptor => 0.8,
    };
    if speech { base } else { base - 0.15 }
}

/// Classifies what follows a cue (after its speaker/object) at token `k`.
fn what_follows(inp: &Input<'_>, k: usize, e: usize) -> After {
    let v = &inp.view;
    let toks = v.tokens;
    if k >= e || is_terminal_punct(inp, k) {
        return After::Nothing;
    }
    let t = &toks[k];
    if t.class == Class::That {
        return After::Content(k + 1);
    }
    // "vowed to fight", "urged to act": an infinitive complement.
    if v.s(k) == "to"
        && k + 1 < e
        && toks[k + 1].kind == TokKind::Word
        && !toks[k + 1].cap
        && matches!(toks[k + 1].class, Class::Other | Class::Aux)
    {
        return After::Content(k);
    }
    if v.is_punct(k, ":") {
        return if k + 1 < e {
            After::Content(k + 1)
        } else {
            After::Nothing
        };
    }
    if t.kind == TokKind::QuoteMark {
        return After::Content(k);
    }
    if v.is_punct(k, ",") {
        return after_comma(inp, k, e);
    }
    if t.class == Class::Prep || t.class.is_time() || t.class == Class::Adverb {
        // Adjuncts: "said in an interview published late Tuesday that …".
        let lim = (k + 28).min(e);
        let mut m = k;
        let mut first_comma = None;
        while m < lim {
            let tm = &toks[m];
            if tm.class == Class::That && tm.in_quote.is_none() {
                return After::Content(m + 1);
            }
            if v.is_punct(m, ":") {
                return After::Content(m + 1);
            }
            if v.is_punct(m, ",") && first_comma.is_none() {
                // "said Thursday during a town hall in Buffalo, New York, that …"
                if let split @ After::SplitQuote(_) = after_comma(inp, m, e) {
                    return split;
                }
                first_comma = Some(m);
            }
            if tm.cue.is_some() || is_terminal_punct(inp, m) {
                break;
            }
            m += 1;
        }
        if let Some(c) = first_comma {
            return after_comma(inp, c, e);
        }
        if m >= e || is_terminal_punct(inp, m) {
            return After::Nothing;
        }
        return After::Adjunct(k);
    }
    After::Content(k)
}

fn after_comma(inp: &Input<'_>, k: usize, e: usize) -> After {
    let v = &inp.view;
    let toks = v.tokens;
    if k + 2 < e && toks[k + 1].kind == TokKind::QuoteMark && toks[k + 2].in_quote.is_some() {
        return After::SplitQuote(k + 1);
    }
    if k + 1 < e && toks[k + 1].kind == TokKind::Word {
        let w = v.s(k + 1);
        let participle = toks[k + 1].cue.is_some() && w.ends_with("ing");
        let according = w.eq_ignore_ascii_case("according");
        let relative = matches!(
            toks[k + 1].class,
            Class::Conj | Class::Prep | Class::Weekday
        ) || toks[k + 1].class.is_time();
        if !participle && !according && !relative {
            return After::CommaClause(k + 1);
        }
    }
    After::Nothing
}

fn is_terminal_punct(inp: &Input<'_>, k: usize) -> bool {
    let v = &inp.view;
    v.tokens[k].kind == TokKind::Punct && matches!(v.s(k), "." | "!" | "?" | ";")
}

/// Where the content of a speaker-first frame begins after a participle cue.
fn content_start(inp: &Input<'_>, k: usize, e: usize, lemma: &str) -> Option<usize> {
    let v = &inp.view;
    let mut k = k;
    if cues::takes_object(lemma)
        && k < e
        && let Some(obj) = v.np_right(k, e)
    {
        k = obj.tokens.1;
    }
    match what_follows(inp, k, e) {
        After::Content(s) | After::SplitQuote(s) | After::Adjunct(s) | After::CommaClause(s) => {
            Some(s)
        }
        After::Nothing => None,
    }
}

/// The end (exclusive token) of a reported clause starting at `start`:
/// the sentence end, or before ", adding …" / ", according to" / ";".
fn clause_end(inp: &Input<'_>, start: usize, e: usize) -> usize {
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
            k = inp.quotes[q as usize].close.map_or(e, |c| c + 1).max(k + 1);
            continue;
        }
        // A parenthesis ends the clause when it holds an aside ("(though
        // he …"), not a label ("Gov. Pat McCrory (R)").
        if v.is_punct(k, ";")
            || (v.is_punct(k, "(")
                && k > start
                && toks
                    .get(k + 1)
                    .is_some_and(|n| n.kind == TokKind::Word && !n.cap))
        {
            return k;
        }
        // "…, Trump responded, “…”": another frame starts after a comma.
        if k > start && v.is_punct(k, ",") && new_frame_follows(inp, k + 1, e) {
            return k;
        }
        // "… statements: “…” he wrote": a colon before a quotation hands
        // over to the quotation's own attribution.
        if k > start
            && v.is_punct(k, ":")
            && toks
                .get(k + 1)
                .is_some_and(|n| n.kind == TokKind::QuoteMark)
        {
            return k;
        }
        // "… and he …": a coordinated clause with its own subject pronoun.
        if k > start
            && matches!(v.s(k), "and" | "but")
            && toks.get(k + 1).is_some_and(|n| {
                matches!(n.class, Class::Pronoun(_)) && !n.possessive && n.kind == TokKind::Word
            })
            && !matches!(v.s(k + 1), "him" | "her" | "them" | "us" | "me" | "it")
        {
            return if v.is_punct(k - 1, ",") { k - 1 } else { k };
        }
        // "…, but he said …" / "… and said …": a coordinated new frame.
        if k > start && matches!(v.s(k), "and" | "but") && new_frame_follows(inp, k + 1, e) {
            return if v.is_punct(k - 1, ",") { k - 1 } else { k };
        }
        // A dash ends the clause unless it opens a parenthesis that a second
        // dash closes, or is that closing dash.
        if k > start && toks[k].kind == TokKind::Punct && matches!(v.s(k), "—" | "–" | "--") {
            if open_dash {
                open_dash = false;
            } else if (k + 1..e).any(|m| toks[m].kind == TokKind::Punct && v.s(m) == v.s(k)) {
                open_dash = true;
            } else {
                return k;
            }
        }
        if v.is_punct(k, ",") && k + 1 < e {
            let n = &toks[k + 1];
            let w = v.s(k + 1);
            // A new clause or a participle phrase after a comma ends the
            // reported clause: ", and …", ", who …", ", referring to …".
            let new_clause = matches!(
                w,
                "while"
                    | "which"
                    | "who"
                    | "whom"
                    | "whose"
                    | "where"
                    | "although"
                    | "though"
                    | "whereas"
                    | "unlike"
                    | "despite"
                    | "even"
            );
            let participle = !n.cap && n.kind == TokKind::Word && w.ends_with("ing");
            if new_clause
                || participle
                || (w.eq_ignore_ascii_case("according") && k + 2 < e && v.s(k + 2) == "to")
            {
                return k;
            }
        }
        k += 1;
    }
    e
}

/// Whether a speaker phrase (or nothing) and then a speech cue start at `k`.
fn new_frame_follows(inp: &Input<'_>, k: usize, e: usize) -> bool {
    let toks = inp.view.tokens;
    let lim = (k + 7).min(e);
    for (m, t) in toks.iter().enumerate().take(lim).skip(k) {
        if t.in_quote.is_some() || t.kind != TokKind::Word {
            return false;
        }
        if let Some(lemma) = t.cue
            && !t.cap
        {
            return cues::is_speech(lemma) && !inp.view.s(m).ends_with("ing");
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

/// Skips to the end of the attribution clause (after adjuncts), stopping
/// before a comma so that ", adding …" is seen as its own cue.
fn skip_to_clause_end(inp: &Input<'_>, k: usize, e: usize) -> usize {
    let v = &inp.view;
    let mut k = k;
    while k < e && !v.is_punct(k, ",") && v.tokens[k].kind != TokKind::QuoteMark {
        k += 1;
    }
    k
}

/// Moves `end` back over commas, dashes and closing marks between the
/// content and its attribution.
fn trim_back(inp: &Input<'_>, lo: usize, end: usize) -> usize {
    let v = &inp.view;
    let mut end = end;
    while end > lo {
        let t = &v.tokens[end - 1];
        if t.kind == TokKind::Punct && matches!(v.s(end - 1), "," | "—" | "–" | "--" | ":") {
            end -= 1;
        } else {
            break;
        }
    }
    end
}

/// The content token range `[s, e)` trimmed of leading connectives and
/// punctuation; `None` when no word is left.
fn content_tokens(inp: &Input<'_>, s: usize, e: usize) -> Option<(usize, usize)> {
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

/// Records a statement over tokens `[s, e)`, deciding its kind and span.
#[allow(clippy::too_many_arguments)]
fn push(
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
    let mut first_q: Option<u32> = None;
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
                used[q as usize] = true;
            }
            None => outside += 1,
        }
    }
    let (kind, content) = if inside > 0 && outside == 0 && single_quote {
        let q = &inp.quotes[first_q.unwrap_or(0) as usize];
        (StatementKind::Direct, q.content)
    } else {
        let span = Span::new(toks[s].span.start, toks[e - 1].span.end);
        let kind = if inside > 0 {
            StatementKind::Mixed
        } else {
            StatementKind::Indirect
        };
        (kind, span)
    };
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

/// Quotations in `sent` that no frame covered: continuations, sign-offs,
/// colon attributions and unusual verbs, or scare quotes (dropped).
fn leftover_quotes(
    inp: &Input<'_>,
    sent: &Sentence,
    out: &mut Vec<Found>,
    used: &mut [bool],
    context: &mut Context,
) {
    let v = &inp.view;
    let toks = v.tokens;
    let (s, e) = sent.tokens;
    // Words of the sentence, found once: a quotation has words before it
    // when the first word precedes it, after it when the last word follows.
    let first_word = (s..e).find(|&t| is_word(inp, t)).unwrap_or(e);
    let last_word = (s..e).rev().find(|&t| is_word(inp, t));
    let mut k = s;
    while k < e {
        let Some(qi) = toks[k].in_quote else {
            k += 1;
            continue;
        };
        let q = inp.quotes[qi as usize];
        let after = q.close.map_or(e, |c| c + 1).max(k + 1);
        k = after;
        if used[qi as usize] {
            continue;
        }
        let found = |speaker: Mention, cue, carried, confidence| Found {
            content: q.content,
            kind: StatementKind::Direct,
            cue,
            speaker: Some(speaker),
            carried,
            confidence,
            para: sent.para,
            sentence: sentence_span(inp, sent),
            time_words: has_time_words(inp, sent),
        };
        let words_before = first_word < q.open;
        let mut m = after;
        while m < e && toks[m].kind == TokKind::Punct && matches!(v.s(m), "," | "." | "!" | "?") {
            m += 1;
        }
        // "… — Commissioner Jane Doe"
        if m < e
            && matches!(v.s(m), "—" | "–" | "--")
            && let Some(sp) = v.np_right(m + 1, e)
        {
            used[qi as usize] = true;
            out.push(found(sp, None, false, 0.8));
            *context = Some((sp, None, sent.para));
            continue;
        }
        // `"…," Ella Moss sighed.` / `"…," tweeted a user.`: the structure
        // makes an unusual verb a cue.
        if !words_before && let Some((sp, cue)) = trailing_attribution(inp, m, e) {
            used[qi as usize] = true;
            out.push(found(sp, Some(cue), false, 0.75));
            *context = Some((sp, Some(cue), sent.para));
            continue;
        }
        // "Jane Doe: “…”"
        if q.open >= s + 2
            && v.is_punct(q.open - 1, ":")
            && let Some(sp) = v.np_left(q.open as isize - 2, s)
            && sp.tokens.0 == s
        {
            used[qi as usize] = true;
            out.push(found(sp, None, false, 0.75));
            *context = Some((sp, None, sent.para));
            continue;
        }
        let words_outside = words_before || last_word.is_some_and(|w| w >= after);
        let words = (q.open..after).filter(|&t| is_word(inp, t)).count();
        if words_outside {
            // A quotation inside a sentence with no cue: a short one is a
            // scare quote or a title; a long one is still someone's words,
            // most likely the sentence subject's.
            if words >= 4
                && let Some(sp) = v.subject(s, q.open).or(context.map(|c| c.0))
            {
                used[qi as usize] = true;
                out.push(found(sp, None, false, 0.4));
            }
            continue;
        }
        let Some((sp, cue, para)) = *context else {
            continue;
        };
        let same_para = sent.para == para;
        let near = same_para || sent.para <= para + 2 || (q.continues && sent.para <= para + 3);
        if !near || (!same_para && words < 3) {
            continue;
        }
        used[qi as usize] = true;
        out.push(found(
            sp,
            cue,
            true,
            if same_para {
                0.7
            } else if sent.para == para + 1 {
                0.55
            } else {
                0.45
            },
        ));
        *context = Some((sp, cue, sent.para));
    }
}

fn sentence_span(inp: &Input<'_>, sent: &Sentence) -> Span {
    let toks = inp.view.tokens;
    Span::new(
        toks[sent.tokens.0].span.start,
        toks[sent.tokens.1 - 1].span.end,
    )
}

fn has_time_words(_inp: &Input<'_>, sent: &Sentence) -> bool {
    sent.time_words
}

fn is_word(inp: &Input<'_>, t: usize) -> bool {
    matches!(inp.view.tokens[t].kind, TokKind::Word | TokKind::Number)
}

/// `NP VERB` or `VERB NP` right after a quotation, followed by nothing but
/// adjuncts; the verb may be outside the cue lexicon.
fn trailing_attribution(
    inp: &Input<'_>,
    m: usize,
    e: usize,
) -> Option<(Mention, (Span, &'static str))> {
    let v = &inp.view;
    let toks = v.tokens;
    let verbish = |i: usize| {
        i < e
            && toks[i].kind == TokKind::Word
            && !toks[i].cap
            && toks[i].in_quote.is_none()
            && matches!(toks[i].class, Class::Other | Class::Adverb)
    };
    let ends_clause = |i: usize| {
        i >= e
            || toks[i].kind == TokKind::Punct
            || matches!(
                toks[i].class,
                Class::Prep | Class::Weekday | Class::TimeWord
            )
    };
    let cue_of = |i: usize| (toks[i].span, toks[i].cue.unwrap_or(""));
    if let Some(sp) = v.np_right(m, e) {
        let w = sp.tokens.1;
        if verbish(w) && ends_clause(w + 1) {
            return Some((sp, cue_of(w)));
        }
    }
    if verbish(m)
        && let Some(sp) = v.np_right(m + 1, e)
        && ends_clause(sp.tokens.1)
    {
        return Some((sp, cue_of(m)));
    }
    None
}
