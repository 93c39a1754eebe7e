//! The tag sets: Universal POS ([`Upos`]) and Penn Treebank ([`Penn`]).
//!
//! The tagger predicts both at once: each model class is a (Penn, UPOS)
//! pair as seen in the training data (`VBD/VERB`, `VBD/AUX`, `IN/ADP`,
//! `IN/SCONJ`, ...). UPOS is what most rules want (is this a verb?), while
//! Penn keeps the distinctions UPOS drops and the attribution engine needs:
//! past tense `VBD` vs participle `VBN` vs gerund `VBG`, possessive `POS`,
//! `MD` modals. Predicting the pair avoids a lossy Penn → UPOS mapping
//! (`VBZ` is `AUX` in "is" but `VERB` in "says").

use std::fmt;
use std::str::FromStr;

macro_rules! tagset {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        #[allow(clippy::upper_case_acronyms)]
        pub enum $name { $($(#[$vm])* $v),* }

        impl $name {
            /// Every tag, in declaration order (index = `tag as usize`).
            pub const ALL: &'static [$name] = &[$($name::$v),*];

            /// The tag as written in CoNLL-U / the Penn Treebank.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$v => $s),* }
            }

            /// The tag with index `i` (as given by `tag as u8`).
            pub fn from_index(i: u8) -> Option<Self> {
                Self::ALL.get(usize::from(i)).copied()
            }
        }

        impl FromStr for $name {
            type Err = UnknownTag;
            fn from_str(s: &str) -> Result<Self, UnknownTag> {
                match s { $($s => Ok($name::$v),)* _ => Err(UnknownTag(s.to_string())) }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

tagset! {
    /// Universal Dependencies part-of-speech tags (the 17 UPOS tags).
    Upos {
        /// Adjective.
        ADJ = "ADJ",
        /// Adposition (preposition, postposition).
        ADP = "ADP",
        /// Adverb.
        ADV = "ADV",
        /// Auxiliary (is, has, will, did as helpers).
        AUX = "AUX",
        /// Coordinating conjunction.
        CCONJ = "CCONJ",
        /// Determiner.
        DET = "DET",
        /// Interjection.
        INTJ = "INTJ",
        /// Common noun.
        NOUN = "NOUN",
        /// Numeral.
        NUM = "NUM",
        /// Particle (to, not, 's).
        PART = "PART",
        /// Pronoun.
        PRON = "PRON",
        /// Proper noun.
        PROPN = "PROPN",
        /// Punctuation.
        PUNCT = "PUNCT",
        /// Subordinating conjunction.
        SCONJ = "SCONJ",
        /// Symbol.
        SYM = "SYM",
        /// Verb (main verb).
        VERB = "VERB",
        /// Other.
        X = "X",
    }
}

tagset! {
    /// Penn Treebank part-of-speech tags, with the extra tags of the English
    /// Web Treebank (`HYPH`, `NFP`, `ADD`, `GW`, `AFX`).
    Penn {
        /// Coordinating conjunction.
        CC = "CC",
        /// Cardinal number.
        CD = "CD",
        /// Determiner.
        DT = "DT",
        /// Existential "there".
        EX = "EX",
        /// Foreign word.
        FW = "FW",
        /// Preposition or subordinating conjunction.
        IN = "IN",
        /// Adjective.
        JJ = "JJ",
        /// Comparative adjective.
        JJR = "JJR",
        /// Superlative adjective.
        JJS = "JJS",
        /// List item marker.
        LS = "LS",
        /// Modal.
        MD = "MD",
        /// Singular or mass noun.
        NN = "NN",
        /// Plural noun.
        NNS = "NNS",
        /// Singular proper noun.
        NNP = "NNP",
        /// Plural proper noun.
        NNPS = "NNPS",
        /// Predeterminer.
        PDT = "PDT",
        /// Possessive ending.
        POS = "POS",
        /// Personal pronoun.
        PRP = "PRP",
        /// Possessive pronoun (`PRP$`).
        PRPS = "PRP$",
        /// Adverb.
        RB = "RB",
        /// Comparative adverb.
        RBR = "RBR",
        /// Superlative adverb.
        RBS = "RBS",
        /// Particle.
        RP = "RP",
        /// Symbol.
        SYM = "SYM",
        /// "to".
        TO = "TO",
        /// Interjection.
        UH = "UH",
        /// Verb, base form.
        VB = "VB",
        /// Verb, past tense.
        VBD = "VBD",
        /// Verb, gerund or present participle.
        VBG = "VBG",
        /// Verb, past participle.
        VBN = "VBN",
        /// Verb, non-3rd-person singular present.
        VBP = "VBP",
        /// Verb, 3rd-person singular present.
        VBZ = "VBZ",
        /// Wh-determiner.
        WDT = "WDT",
        /// Wh-pronoun.
        WP = "WP",
        /// Possessive wh-pronoun (`WP$`).
        WPS = "WP$",
        /// Wh-adverb.
        WRB = "WRB",
        /// Sentence-final punctuation.
        Period = ".",
        /// Comma.
        Comma = ",",
        /// Colon, semicolon, dash, ellipsis.
        Colon = ":",
        /// Opening quotation mark.
        OpenQuote = "``",
        /// Closing quotation mark.
        CloseQuote = "''",
        /// Opening bracket.
        LRB = "-LRB-",
        /// Closing bracket.
        RRB = "-RRB-",
        /// Currency sign.
        Dollar = "$",
        /// Pound sign `#`.
        Hash = "#",
        /// Hyphen (EWT).
        HYPH = "HYPH",
        /// Superfluous punctuation (EWT).
        NFP = "NFP",
        /// Address: URL, e-mail (EWT).
        ADD = "ADD",
        /// "Goes with": part of a split word (EWT).
        GW = "GW",
        /// Affix written apart (EWT).
        AFX = "AFX",
        /// Unknown (EWT).
        XX = "XX",
    }
}

/// A string that is not a known tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownTag(pub String);

impl fmt::Display for UnknownTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown tag {:?}", self.0)
    }
}

impl std::error::Error for UnknownTag {}

/// One token's predicted tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tag {
    /// Universal POS tag.
    pub upos: Upos,
    /// Penn Treebank tag.
    pub penn: Penn,
}

impl Tag {
    /// True for `VERB` and `AUX`.
    pub fn is_verbal(self) -> bool {
        matches!(self.upos, Upos::VERB | Upos::AUX)
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.penn, self.upos)
    }
}
