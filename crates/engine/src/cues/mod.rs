//! Stage 3: reporting cues — the verbs and phrases that introduce speech.
//!
//! A cue is recognised by a closed list of word forms mapped to their
//! lemma, so that every inflection ("says", "said", "saying") is one hash
//! lookup away and no per-token allocation or stemming is needed: the
//! lexicon's word table holds class and lemma together, and the tokenizer
//! stores the lemma on the token. What a cue does to the clause around it
//! (whether it reports speech outright, takes an addressee, governs a
//! preposition) is a property of its lemma, read through [`Lemma`]'s
//! methods.
//!
//! Both the forms and the properties are data: `cues.toml`, one `[[cue]]`
//! a lemma, which build.rs compiles into the lexicon's `FORMS` and into
//! this module's `PROPERTIES`. Forms that are far more often nouns
//! ("claims", "report", "remarks") are left out; their verb forms
//! ("claimed", "reported") stay. Multi-word cues ("according to", "was
//! quoted as saying", "in a statement") are recognised by the attribution
//! stage from the token sequence around these words.

pub(crate) mod model;

pub(crate) use crate::lexicon::Lemma;

include!(concat!(env!("OUT_DIR"), "/cue_properties.rs"));

/// What `cues.toml` says of one lemma, as the generated `PROPERTIES` holds
/// it (one entry a lemma, in `FORMS` order).
struct Properties {
    speech: bool,
    takes_object: bool,
    needs_preposition: bool,
    /// One bit a governed preposition ([`preposition_bit`]).
    governs: u16,
    object: ObjectSense,
}

/// What a plain noun-phrase object of the cue is (`object` in
/// `cues.toml`): whether "X <verb> the N" reports anything.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum ObjectSense {
    /// Any object is content: "criticized the plan", "announced new rules".
    Any,
    /// The verb reports through a clause, a quotation, or an object that
    /// names a statement ("denied the allegations"); with another object it
    /// is used in a sense that reports nothing ("denied entry", "found the
    /// letter", "charged a fee").
    Statement,
    /// The verb reports through a clause or an object with a predicate
    /// after it ("called the plan a mistake", "considers him a friend");
    /// with a bare object it names or deliberates ("a unit called the Task
    /// Force", "considered the proposal").
    Predicate,
}

impl Lemma {
    /// The lemma called `name`. A name no `[[cue]]` has (a phrase cue such
    /// as "according to", or "" for a learned cue) is a cue of no known
    /// lemma: [`Lemma::LEARNED`], with only the default properties.
    pub(crate) fn named(name: &str) -> Lemma {
        entry_named(name).map_or(Lemma::LEARNED, Lemma::of_entry)
    }

    fn properties(self) -> &'static Properties {
        &PROPERTIES[self.index()]
    }

    /// Cues that report speech outright; the others (belief, description,
    /// evaluation) need a clear frame before they are trusted.
    pub(crate) fn is_speech(self) -> bool {
        self.properties().speech
    }

    /// Cues that take the addressee as an object before the content
    /// ("told reporters that …", "asked him whether …").
    pub(crate) fn takes_object(self) -> bool {
        self.properties().takes_object
    }

    /// Whether the cue governs the preposition (or particle) `prep`: what
    /// follows it is the content ("agreed with the analysis", "accused her
    /// of lying", "pointed out that …"), where after other verbs a
    /// preposition opens an adjunct ("said in a statement").
    pub(crate) fn governs(self, prep: &str) -> bool {
        self.properties().governs & preposition_bit(prep) != 0
    }

    /// A cue that reports only through the preposition it governs:
    /// "referred to the deal", not "referred reporters to a statement".
    pub(crate) fn needs_preposition(self) -> bool {
        self.properties().needs_preposition
    }

    /// What a plain object after the cue is: content, or a sense of the
    /// verb that reports nothing unless it names a statement or has a
    /// predicate (see [`ObjectSense`]).
    pub(crate) fn object_sense(self) -> ObjectSense {
        self.properties().object
    }
}

#[cfg(test)]
mod tests {
    fn lemma(form: &str) -> Option<&'static str> {
        crate::lexicon::classify(form).2.map(super::Lemma::as_str)
    }

    #[test]
    fn properties_come_from_the_data_file() {
        use super::Lemma;
        let say = Lemma::named("say");
        assert_eq!(say.as_str(), "say");
        assert!(say.is_speech() && !say.takes_object());
        assert!(!say.governs("about"), "\"said about\" opens an adjunct");
        assert!(Lemma::named("talk").governs("about"));
        assert!(Lemma::named("point").governs("out"));
        assert!(Lemma::named("tell").takes_object());
        assert!(Lemma::named("refer").needs_preposition());
        assert!(!Lemma::named("refer").governs("in"));
        assert_eq!(say.object_sense(), super::ObjectSense::Any);
        assert_eq!(
            Lemma::named("deny").object_sense(),
            super::ObjectSense::Statement
        );
        assert_eq!(
            Lemma::named("call").object_sense(),
            super::ObjectSense::Predicate
        );
        let phrase = Lemma::named("according to");
        assert_eq!(phrase, Lemma::LEARNED);
        assert!(!phrase.is_speech() && phrase.governs("about"));
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
