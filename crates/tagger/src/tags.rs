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
        Adj = "ADJ",
        /// Adposition (preposition, postposition).
        Adp = "ADP",
        /// Adverb.
        Adv = "ADV",
        /// Auxiliary (is, has, will, did as helpers).
        Aux = "AUX",
        /// Coordinating conjunction.
        Cconj = "CCONJ",
        /// Determiner.
        Det = "DET",
        /// Interjection.
        Intj = "INTJ",
        /// Common noun.
        Noun = "NOUN",
        /// Numeral.
        Num = "NUM",
        /// Particle (to, not, 's).
        Part = "PART",
        /// Pronoun.
        Pron = "PRON",
        /// Proper noun.
        Propn = "PROPN",
        /// Punctuation.
        Punct = "PUNCT",
        /// Subordinating conjunction.
        Sconj = "SCONJ",
        /// Symbol.
        Sym = "SYM",
        /// Verb (main verb).
        Verb = "VERB",
        /// Other.
        X = "X",
    }
}

tagset! {
    /// Penn Treebank part-of-speech tags, with the extra tags of the English
    /// Web Treebank (`HYPH`, `NFP`, `ADD`, `GW`, `AFX`).
    Penn {
        /// Coordinating conjunction.
        Cc = "CC",
        /// Cardinal number.
        Cd = "CD",
        /// Determiner.
        Dt = "DT",
        /// Existential "there".
        Ex = "EX",
        /// Foreign word.
        Fw = "FW",
        /// Preposition or subordinating conjunction.
        In = "IN",
        /// Adjective.
        Jj = "JJ",
        /// Comparative adjective.
        Jjr = "JJR",
        /// Superlative adjective.
        Jjs = "JJS",
        /// List item marker.
        Ls = "LS",
        /// Modal.
        Md = "MD",
        /// Singular or mass noun.
        Nn = "NN",
        /// Plural noun.
        Nns = "NNS",
        /// Singular proper noun.
        Nnp = "NNP",
        /// Plural proper noun.
        Nnps = "NNPS",
        /// Predeterminer.
        Pdt = "PDT",
        /// Possessive ending.
        Pos = "POS",
        /// Personal pronoun.
        Prp = "PRP",
        /// Possessive pronoun (`PRP$`).
        Prps = "PRP$",
        /// Adverb.
        Rb = "RB",
        /// Comparative adverb.
        Rbr = "RBR",
        /// Superlative adverb.
        Rbs = "RBS",
        /// Particle.
        Rp = "RP",
        /// Symbol.
        Sym = "SYM",
        /// "to".
        To = "TO",
        /// Interjection.
        Uh = "UH",
        /// Verb, base form.
        Vb = "VB",
        /// Verb, past tense.
        Vbd = "VBD",
        /// Verb, gerund or present participle.
        Vbg = "VBG",
        /// Verb, past participle.
        Vbn = "VBN",
        /// Verb, non-3rd-person singular present.
        Vbp = "VBP",
        /// Verb, 3rd-person singular present.
        Vbz = "VBZ",
        /// Wh-determiner.
        Wdt = "WDT",
        /// Wh-pronoun.
        Wp = "WP",
        /// Possessive wh-pronoun (`WP$`).
        Wps = "WP$",
        /// Wh-adverb.
        Wrb = "WRB",
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
        Lrb = "-LRB-",
        /// Closing bracket.
        Rrb = "-RRB-",
        /// Currency sign.
        Dollar = "$",
        /// Pound sign `#`.
        Hash = "#",
        /// Hyphen (EWT).
        Hyph = "HYPH",
        /// Superfluous punctuation (EWT).
        Nfp = "NFP",
        /// Address: URL, e-mail (EWT).
        Add = "ADD",
        /// "Goes with": part of a split word (EWT).
        Gw = "GW",
        /// Affix written apart (EWT).
        Afx = "AFX",
        /// Unknown (EWT).
        Xx = "XX",
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
        matches!(self.upos, Upos::Verb | Upos::Aux)
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.penn, self.upos)
    }
}
