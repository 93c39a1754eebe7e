//! Stage 3: reporting cues — the verbs and phrases that introduce speech.
//!
//! A cue is recognised by a closed lexicon of word forms mapped to their
//! lemma, so that every inflection ("says", "said", "saying") is one
//! `match` away and no per-token allocation or stemming is needed. Forms
//! that are far more often nouns ("claims", "report", "remarks") are left
//! out; their verb forms ("claimed", "reported") stay. Multi-word cues
//! ("according to", "was quoted as saying", "in a statement") are recognised
//! by the attribution stage from the token sequence around these words.

/// The lemma of a reporting-verb form given in lower case, if it is one.
pub(crate) fn lemma(lower: &str) -> Option<&'static str> {
    Some(match lower {
        "accuse" | "accused" | "accuses" | "accusing" => "accuse",
        "acknowledge" | "acknowledged" | "acknowledges" | "acknowledging" => "acknowledge",
        "add" | "added" | "adding" | "adds" => "add",
        "admit" | "admits" | "admitted" | "admitting" => "admit",
        "advise" | "advised" | "advises" | "advising" => "advise",
        "agree" | "agreed" | "agrees" | "agreing" => "agree",
        "allege" | "alleged" | "alleges" | "alleging" => "allege",
        "announce" | "announced" | "announces" | "announcing" => "announce",
        "answered" | "answering" => "answer",
        "argue" | "argued" | "argues" | "arguing" => "argue",
        "ask" | "asked" | "asking" | "asks" => "ask",
        "assert" | "asserted" | "asserting" | "asserts" => "assert",
        "assure" | "assured" | "assures" | "assuring" => "assure",
        "believe" | "believed" | "believes" | "believing" => "believe",
        "blasted" | "blasting" | "blasts" => "blast",
        "boast" | "boasted" | "boasting" | "boasts" => "boast",
        "caution" | "cautioned" | "cautioning" | "cautions" => "caution",
        "challenged" | "challenging" => "challenge",
        "charged" | "charging" => "charge",
        "cited" | "cites" | "citing" => "cite",
        "claimed" | "claiming" => "claim",
        "commented" | "commenting" => "comment",
        "complain" | "complained" | "complaining" | "complains" => "complain",
        "concede" | "conceded" | "concedes" | "conceding" => "concede",
        "conclude" | "concluded" | "concludes" | "concluding" => "conclude",
        "concur" | "concurred" | "concurring" | "concurs" => "concur",
        "confirm" | "confirmed" | "confirming" | "confirms" => "confirm",
        "contend" | "contended" | "contending" | "contends" => "contend",
        "countered" | "countering" => "counter",
        "criticise" | "criticised" | "criticises" | "criticising" => "criticise",
        "criticize" | "criticized" | "criticizes" | "criticizing" => "criticize",
        "cried" | "cries" | "crying" => "cry",
        "declare" | "declared" | "declares" | "declaring" => "declare",
        "demanded" | "demanding" => "demand",
        "denied" | "denies" | "deny" | "denying" => "deny",
        "describe" | "described" | "describes" | "describing" => "describe",
        "disagree" | "disagreed" | "disagrees" | "disagreing" => "disagree",
        "disclose" | "disclosed" | "discloses" | "disclosing" => "disclose",
        "dispute" | "disputed" | "disputes" | "disputing" => "dispute",
        "emphasise" | "emphasised" | "emphasises" | "emphasising" => "emphasise",
        "emphasize" | "emphasized" | "emphasizes" | "emphasizing" => "emphasize",
        "estimated" | "estimating" => "estimate",
        "exclaim" | "exclaimed" | "exclaiming" | "exclaims" => "exclaim",
        "explain" | "explained" | "explaining" | "explains" => "explain",
        "expressed" | "expresses" | "expressing" => "express",
        "feared" | "fearing" => "fear",
        "forecast" | "forecasted" | "forecasting" | "forecasts" => "forecast",
        "grumble" | "grumbled" | "grumbles" | "grumbling" => "grumble",
        "guaranteed" | "guaranteing" => "guarantee",
        "highlight" | "highlighted" | "highlighting" | "highlights" => "highlight",
        "hinted" | "hinting" | "hints" => "hint",
        "indicate" | "indicated" | "indicates" | "indicating" => "indicate",
        "inform" | "informed" | "informing" | "informs" => "inform",
        "insist" | "insisted" | "insisting" | "insists" => "insist",
        "joked" | "joking" => "joke",
        "knew" | "knows" => "know",
        "lament" | "lamented" | "lamenting" | "laments" => "lament",
        "maintain" | "maintained" | "maintaining" | "maintains" => "maintain",
        "mentioned" | "mentioning" => "mention",
        "murmured" | "murmuring" | "murmurs" => "murmur",
        "muse" | "mused" | "muses" | "musing" => "muse",
        "noted" | "noting" => "note",
        "observe" | "observed" | "observes" | "observing" => "observe",
        "plead" | "pleaded" | "pleading" | "pleads" | "pled" => "plead",
        "pledged" | "pledging" => "pledge",
        "pointed" | "pointing" => "point",
        "posted" | "posting" => "post",
        "praised" | "praises" | "praising" => "praise",
        "predict" | "predicted" | "predicting" | "predicts" => "predict",
        "proclaim" | "proclaimed" | "proclaiming" | "proclaims" => "proclaim",
        "promised" | "promising" => "promise",
        "propose" | "proposed" | "proposes" | "proposing" => "propose",
        "questioned" | "questioning" => "question",
        "quipped" | "quipping" | "quips" => "quip",
        "rebut" | "rebuted" | "rebuting" | "rebuts" => "rebut",
        "recall" | "recalled" | "recalling" | "recalls" => "recall",
        "recommend" | "recommended" | "recommending" | "recommends" => "recommend",
        "recount" | "recounted" | "recounting" | "recounts" => "recount",
        "reiterate" | "reiterated" | "reiterates" | "reiterating" => "reiterate",
        "remarked" | "remarking" => "remark",
        "remind" | "reminded" | "reminding" | "reminds" => "remind",
        "repeated" | "repeating" | "repeats" => "repeat",
        "replied" | "replies" | "reply" | "replying" => "reply",
        "reported" | "reporting" => "report",
        "respond" | "responded" | "responding" | "responds" => "respond",
        "retort" | "retorted" | "retorting" | "retorts" => "retort",
        "reveal" | "revealed" | "revealing" | "reveals" => "reveal",
        "said" | "say" | "saying" | "says" => "say",
        "scream" | "screamed" | "screaming" | "screams" => "scream",
        "shout" | "shouted" | "shouting" | "shouts" => "shout",
        "showed" | "showing" | "shown" => "show",
        "sighed" | "sighing" | "sighs" => "sigh",
        "signaled" | "signaling" => "signal",
        "slammed" | "slamming" | "slams" => "slam",
        "snaped" | "snaping" => "snap",
        "stated" | "stating" => "state",
        "stressed" | "stresses" | "stressing" => "stress",
        "suggest" | "suggested" | "suggesting" | "suggests" => "suggest",
        "swear" | "swearing" | "swears" | "swore" | "sworn" => "swear",
        "tell" | "telling" | "tells" | "told" => "tell",
        "testified" | "testifies" | "testify" | "testifying" => "testify",
        "think" | "thinking" | "thinks" | "thought" => "think",
        "threaten" | "threatened" | "threatening" | "threatens" => "threaten",
        "tout" | "touted" | "touting" | "touts" => "tout",
        "tweeted" | "tweeting" => "tweet",
        "underscore" | "underscored" | "underscores" | "underscoring" => "underscore",
        "urge" | "urged" | "urges" | "urging" => "urge",
        "vow" | "vowed" | "vowing" | "vows" => "vow",
        "warn" | "warned" | "warns" => "warn",
        "whisper" | "whispered" | "whispering" | "whispers" => "whisper",
        "wonder" | "wondered" | "wondering" | "wonders" => "wonder",
        "worried" | "worries" | "worrying" => "worry",
        "write" | "writes" | "writing" | "written" | "wrote" => "write",
        "yell" | "yelled" | "yelling" | "yells" => "yell",
        _ => return None,
    })
}

/// Cues that take the addressee as an object before the content
/// ("told reporters that …", "asked him whether …").
pub(crate) fn takes_object(lemma: &str) -> bool {
    matches!(
        lemma,
        "tell" | "ask" | "inform" | "assure" | "remind" | "warn" | "urge" | "accuse" | "advise"
    )
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
    use super::*;

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
