//! Stage 3: reporting cues — the verbs and phrases that introduce speech.
//!
//! A cue is recognised by a closed lexicon of word forms mapped to their
//! lemma, so that every inflection ("says", "said", "saying") is one
//! hash lookup away (the `lexicon` word map holds class and lemma together)
//! and no per-token allocation or stemming is needed. Forms
//! that are far more often nouns ("claims", "report", "remarks") are left
//! out; their verb forms ("claimed", "reported") stay. Multi-word cues
//! ("according to", "was quoted as saying", "in a statement") are recognised
//! by the attribution stage from the token sequence around these words.

pub(crate) mod model;

/// A reporting-verb lemma as an index into [`FORMS`]. Every token carries
/// one (or none), and a `&'static str` there would be 16 bytes of a token
/// that otherwise fits in 32: on long documents the token list is most of
/// the memory the engine touches, and fresh memory costs page faults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Lemma(u8);

// A `Lemma` must be able to name every entry of `FORMS`.
const _: () = assert!(FORMS.len() <= u8::MAX as usize + 1);

impl Lemma {
    /// The lemma of `FORMS[index]`.
    pub(crate) fn of_entry(index: usize) -> Lemma {
        debug_assert!(index < FORMS.len());
        Lemma(index as u8)
    }

    /// The lemma of cues found by the learned-cue model (`cue_model`):
    /// none is known, so it is the empty first entry of `FORMS`.
    pub(crate) const LEARNED: Lemma = Lemma(0);

    /// The dictionary form ("say").
    pub(crate) fn as_str(self) -> &'static str {
        FORMS[usize::from(self.0)].0
    }
}

/// Lemma and word forms, as data; `lexicon` folds them into its word map
/// so that a word costs one lookup for class and cue together.
pub(crate) const FORMS: &[(&str, &[&str])] = &[
    // `Lemma::LEARNED`: no word form of its own.
    ("", &[]),
    ("talk", &["talked", "talking"]),
    ("speak", &["spoke", "speaks", "speaking"]),
    ("push", &["pushed", "pushing"]),
    ("focus", &["focused", "focusing"]),
    ("find", &["found"]),
    ("know", &["know", "knows", "knew"]),
    ("vow", &["vowed", "vows", "vowing"]),
    ("pledge", &["pledged", "pledging"]),
    ("promise", &["promised", "promising"]),
    (
        "condemn",
        &["condemn", "condemned", "condemns", "condemning"],
    ),
    (
        "dismiss",
        &["dismiss", "dismissed", "dismisses", "dismissing"],
    ),
    ("reject", &["reject", "rejected", "rejects", "rejecting"]),
    ("endorse", &["endorse", "endorsed", "endorses", "endorsing"]),
    ("oppose", &["oppose", "opposed", "opposes", "opposing"]),
    ("blame", &["blame", "blamed", "blames", "blaming"]),
    ("defend", &["defend", "defended", "defends", "defending"]),
    ("propose", &["proposed", "proposes", "proposing"]),
    ("expect", &["expect", "expected", "expects", "expecting"]),
    ("call", &["called", "calls", "calling"]),
    ("attack", &["attacked", "attacks", "attacking"]),
    ("decline", &["declined", "declines", "declining"]),
    (
        "consider",
        &["consider", "considered", "considers", "considering"],
    ),
    (
        "support",
        &["support", "supported", "supports", "supporting"],
    ),
    ("hope", &["hope", "hoped", "hopes", "hoping"]),
    ("want", &["want", "wanted", "wants"]),
    (
        "discuss",
        &["discuss", "discussed", "discusses", "discussing"],
    ),
    ("promote", &["promoted", "promotes", "promoting"]),
    ("list", &["listed"]),
    ("name", &["named"]),
    ("accuse", &["accuse", "accused", "accuses", "accusing"]),
    (
        "acknowledge",
        &[
            "acknowledge",
            "acknowledged",
            "acknowledges",
            "acknowledging",
        ],
    ),
    ("add", &["add", "added", "adding", "adds"]),
    ("admit", &["admit", "admits", "admitted", "admitting"]),
    ("advise", &["advise", "advised", "advises", "advising"]),
    ("agree", &["agree", "agreed", "agrees", "agreing"]),
    ("allege", &["allege", "alleged", "alleges", "alleging"]),
    (
        "announce",
        &["announce", "announced", "announces", "announcing"],
    ),
    ("answer", &["answered", "answering"]),
    ("argue", &["argue", "argued", "argues", "arguing"]),
    ("ask", &["ask", "asked", "asking", "asks"]),
    ("assert", &["assert", "asserted", "asserting", "asserts"]),
    ("assure", &["assure", "assured", "assures", "assuring"]),
    ("believe", &["believe", "believed", "believes", "believing"]),
    ("blast", &["blasted", "blasting", "blasts"]),
    ("boast", &["boast", "boasted", "boasting", "boasts"]),
    (
        "caution",
        &["caution", "cautioned", "cautioning", "cautions"],
    ),
    ("challenge", &["challenged", "challenging"]),
    ("charge", &["charged", "charging"]),
    ("cite", &["cited", "cites", "citing"]),
    ("claim", &["claimed", "claiming"]),
    ("comment", &["commented", "commenting"]),
    (
        "complain",
        &["complain", "complained", "complaining", "complains"],
    ),
    ("concede", &["concede", "conceded", "concedes", "conceding"]),
    (
        "conclude",
        &["conclude", "concluded", "concludes", "concluding"],
    ),
    ("concur", &["concur", "concurred", "concurring", "concurs"]),
    (
        "confirm",
        &["confirm", "confirmed", "confirming", "confirms"],
    ),
    (
        "contend",
        &["contend", "contended", "contending", "contends"],
    ),
    ("counter", &["countered", "countering"]),
    (
        "criticise",
        &["criticise", "criticised", "criticises", "criticising"],
    ),
    (
        "criticize",
        &["criticize", "criticized", "criticizes", "criticizing"],
    ),
    ("cry", &["cried", "cries", "crying"]),
    ("declare", &["declare", "declared", "declares", "declaring"]),
    ("demand", &["demanded", "demanding"]),
    ("deny", &["denied", "denies", "deny", "denying"]),
    (
        "describe",
        &["describe", "described", "describes", "describing"],
    ),
    (
        "disagree",
        &["disagree", "disagreed", "disagrees", "disagreing"],
    ),
    (
        "disclose",
        &["disclose", "disclosed", "discloses", "disclosing"],
    ),
    ("dispute", &["dispute", "disputed", "disputes", "disputing"]),
    (
        "emphasise",
        &["emphasise", "emphasised", "emphasises", "emphasising"],
    ),
    (
        "emphasize",
        &["emphasize", "emphasized", "emphasizes", "emphasizing"],
    ),
    ("estimate", &["estimated", "estimating"]),
    (
        "exclaim",
        &["exclaim", "exclaimed", "exclaiming", "exclaims"],
    ),
    (
        "explain",
        &["explain", "explained", "explaining", "explains"],
    ),
    ("express", &["expressed", "expresses", "expressing"]),
    ("fear", &["fear", "feared", "fearing"]),
    (
        "forecast",
        &["forecast", "forecasted", "forecasting", "forecasts"],
    ),
    ("grumble", &["grumble", "grumbled", "grumbles", "grumbling"]),
    ("guarantee", &["guaranteed", "guaranteing"]),
    (
        "highlight",
        &["highlight", "highlighted", "highlighting", "highlights"],
    ),
    ("hint", &["hinted", "hinting", "hints"]),
    (
        "indicate",
        &["indicate", "indicated", "indicates", "indicating"],
    ),
    ("inform", &["inform", "informed", "informing", "informs"]),
    ("insist", &["insist", "insisted", "insisting", "insists"]),
    ("joke", &["joked", "joking"]),
    ("know", &["knew", "knows"]),
    ("lament", &["lament", "lamented", "lamenting", "laments"]),
    (
        "maintain",
        &["maintain", "maintained", "maintaining", "maintains"],
    ),
    ("mention", &["mentioned", "mentioning"]),
    ("murmur", &["murmured", "murmuring", "murmurs"]),
    ("muse", &["muse", "mused", "muses", "musing"]),
    ("note", &["noted", "noting"]),
    ("observe", &["observe", "observed", "observes", "observing"]),
    ("plead", &["plead", "pleaded", "pleading", "pleads", "pled"]),
    ("pledge", &["pledged", "pledging"]),
    ("point", &["pointed", "pointing"]),
    ("post", &["posted", "posting"]),
    ("praise", &["praised", "praises", "praising"]),
    (
        "predict",
        &["predict", "predicted", "predicting", "predicts"],
    ),
    (
        "proclaim",
        &["proclaim", "proclaimed", "proclaiming", "proclaims"],
    ),
    ("promise", &["promised", "promising"]),
    ("propose", &["propose", "proposed", "proposes", "proposing"]),
    ("question", &["question", "questioned", "questioning"]),
    ("quip", &["quipped", "quipping", "quips"]),
    ("rebut", &["rebut", "rebuted", "rebuting", "rebuts"]),
    ("recall", &["recall", "recalled", "recalling", "recalls"]),
    (
        "recommend",
        &["recommend", "recommended", "recommending", "recommends"],
    ),
    (
        "recount",
        &["recount", "recounted", "recounting", "recounts"],
    ),
    ("refer", &["referred", "referring", "refers"]),
    (
        "reiterate",
        &["reiterate", "reiterated", "reiterates", "reiterating"],
    ),
    ("remark", &["remarked", "remarking"]),
    ("remind", &["remind", "reminded", "reminding", "reminds"]),
    ("repeat", &["repeated", "repeating", "repeats"]),
    ("reply", &["replied", "replies", "reply", "replying"]),
    ("report", &["reported", "reporting"]),
    (
        "respond",
        &["respond", "responded", "responding", "responds"],
    ),
    ("retort", &["retort", "retorted", "retorting", "retorts"]),
    ("reveal", &["reveal", "revealed", "revealing", "reveals"]),
    ("say", &["said", "say", "saying", "says"]),
    ("scream", &["scream", "screamed", "screaming", "screams"]),
    ("shout", &["shout", "shouted", "shouting", "shouts"]),
    ("show", &["show", "shows", "showed", "showing", "shown"]),
    ("sigh", &["sighed", "sighing", "sighs"]),
    ("signal", &["signaled", "signaling"]),
    ("slam", &["slammed", "slamming", "slams"]),
    ("snap", &["snaped", "snaping"]),
    ("state", &["stated", "stating"]),
    ("stress", &["stressed", "stresses", "stressing"]),
    (
        "suggest",
        &["suggest", "suggested", "suggesting", "suggests"],
    ),
    ("swear", &["swear", "swearing", "swears", "swore", "sworn"]),
    ("tell", &["tell", "telling", "tells", "told"]),
    (
        "testify",
        &["testified", "testifies", "testify", "testifying"],
    ),
    ("think", &["think", "thinks", "thought"]),
    (
        "threaten",
        &["threaten", "threatened", "threatening", "threatens"],
    ),
    ("tout", &["tout", "touted", "touting", "touts"]),
    ("tweet", &["tweeted", "tweeting"]),
    (
        "underscore",
        &["underscore", "underscored", "underscores", "underscoring"],
    ),
    ("urge", &["urge", "urged", "urges", "urging"]),
    ("vow", &["vow", "vowed", "vowing", "vows"]),
    ("warn", &["warn", "warned", "warns"]),
    (
        "whisper",
        &["whisper", "whispered", "whispering", "whispers"],
    ),
    ("wonder", &["wonder", "wondered", "wondering", "wonders"]),
    ("worry", &["worry", "worried", "worries", "worrying"]),
    ("write", &["write", "writes", "writing", "written", "wrote"]),
    ("yell", &["yell", "yelled", "yelling", "yells"]),
    (
        "speculate",
        &["speculate", "speculated", "speculates", "speculating"],
    ),
    ("imply", &["implied", "implies", "implying"]),
    ("hail", &["hailed", "hailing"]),
    (
        "applaud",
        &["applaud", "applauded", "applauds", "applauding"],
    ),
    ("welcome", &["welcomed", "welcomes", "welcoming"]),
    (
        "denounce",
        &["denounce", "denounced", "denounces", "denouncing"],
    ),
    ("decry", &["decry", "decried", "decries", "decrying"]),
    ("lambaste", &["lambasted", "lambastes", "lambasting"]),
    ("ridicule", &["ridiculed", "ridiculing"]),
    ("deride", &["derided", "derides", "deriding"]),
    (
        "characterize",
        &[
            "characterize",
            "characterized",
            "characterizes",
            "characterizing",
        ],
    ),
    ("portray", &["portrayed", "portrays", "portraying"]),
    ("refute", &["refute", "refuted", "refutes", "refuting"]),
    ("request", &["requested", "requesting"]),
    (
        "anticipate",
        &["anticipate", "anticipated", "anticipates", "anticipating"],
    ),
    ("brag", &["bragged", "brags", "bragging"]),
    ("reassure", &["reassured", "reassures", "reassuring"]),
    (
        "reaffirm",
        &["reaffirm", "reaffirmed", "reaffirms", "reaffirming"],
    ),
    ("clarify", &["clarified", "clarifies", "clarifying"]),
    ("credit", &["credited", "crediting"]),
    ("champion", &["championed", "championing"]),
    ("chide", &["chided", "chides", "chiding"]),
    ("scold", &["scolded", "scolds", "scolding"]),
    ("rebuke", &["rebuked", "rebukes", "rebuking"]),
    ("assail", &["assailed", "assails", "assailing"]),
    (
        "envision",
        &["envision", "envisioned", "envisions", "envisioning"],
    ),
    ("instruct", &["instructed", "instructs", "instructing"]),
    ("implore", &["implored", "implores", "imploring"]),
    ("scoff", &["scoffed", "scoffs", "scoffing"]),
    ("confide", &["confided", "confides", "confiding"]),
    ("echo", &["echoed", "echoing"]),
    ("commend", &["commended", "commends", "commending"]),
    ("object", &["objected", "objecting"]),
    ("bemoan", &["bemoan", "bemoaned", "bemoans", "bemoaning"]),
    ("doubt", &["doubted", "doubting"]),
];

/// Cues that take the addressee as an object before the content
/// ("told reporters that …", "asked him whether …").
pub(crate) fn takes_object(lemma: &str) -> bool {
    matches!(
        lemma,
        "tell" | "ask" | "inform" | "assure" | "remind" | "warn" | "urge" | "accuse" | "advise"
    )
}

/// The preposition (or particle) a cue governs: what follows it is the
/// content ("agreed with the analysis", "accused her of lying", "pointed
/// out that …"), where after other verbs a preposition opens an adjunct
/// ("said in a statement").
pub(crate) fn governs(lemma: &str, prep: &str) -> bool {
    match prep {
        "with" => matches!(lemma, "agree" | "disagree" | "concur" | "side"),
        "of" => matches!(
            lemma,
            "accuse" | "warn" | "complain" | "speak" | "talk" | "know" | "think" | "approve"
        ),
        "to" => matches!(lemma, "point" | "object" | "refer" | "respond" | "reply"),
        "out" => matches!(lemma, "point"),
        "about" => !matches!(lemma, "say" | "tell"),
        "against" => matches!(
            lemma,
            "warn" | "argue" | "caution" | "testify" | "speak" | "rail" | "vote"
        ),
        "for" => matches!(
            lemma,
            "call" | "push" | "argue" | "plead" | "praise" | "blame" | "criticize" | "hope"
        ),
        "on" => matches!(lemma, "comment" | "call" | "focus" | "blame" | "report"),
        _ => false,
    }
}

/// A cue that reports only through the preposition it governs: "referred
/// to the deal", not "referred reporters to a statement".
pub(crate) fn needs_preposition(lemma: &str) -> bool {
    lemma == "refer"
}

/// Cues that report speech outright; the others (belief, description,
/// evaluation) need a clear frame before they are trusted.
pub(crate) fn is_speech(lemma: &str) -> bool {
    matches!(
        lemma,
        "say"
            | "tell"
            | "add"
            | "write"
            | "note"
            | "claim"
            | "state"
            | "deny"
            | "confirm"
            | "insist"
            | "warn"
            | "argue"
            | "explain"
            | "announce"
            | "acknowledge"
            | "suggest"
            | "ask"
            | "reply"
            | "recall"
            | "tweet"
            | "declare"
            | "assert"
            | "contend"
            | "maintain"
            | "emphasize"
            | "emphasise"
            | "stress"
            | "admit"
            | "concede"
            | "predict"
            | "promise"
            | "vow"
            | "pledge"
            | "report"
            | "testify"
            | "reiterate"
            | "complain"
            | "respond"
            | "answer"
            | "observe"
            | "remark"
            | "allege"
            | "retort"
            | "caution"
            | "mention"
            | "indicate"
            | "conclude"
            | "proclaim"
            | "post"
            | "shout"
            | "yell"
            | "quip"
            | "joke"
            | "muse"
            | "counter"
    )
}

#[cfg(test)]
mod tests {
    fn lemma(form: &str) -> Option<&'static str> {
        crate::lexicon::classify(form).2.map(super::Lemma::as_str)
    }

    #[test]
    fn inflections_share_a_lemma() {
        for form in ["say", "says", "said", "saying"] {
            assert_eq!(lemma(form), Some("say"));
        }
        assert_eq!(lemma("denied"), Some("deny"));
        assert_eq!(lemma("wrote"), Some("write"));
        assert_eq!(lemma("acknowledging"), Some("acknowledge"));
        assert_eq!(lemma("claims"), None, "a noun more often than a verb");
    }
}
