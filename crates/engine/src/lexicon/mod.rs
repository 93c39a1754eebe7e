//! What the engine knows of English words: closed word classes
//! (pronouns, determiners, titles, speaker descriptors, time words, …),
//! the reporting-verb lemma of each cue form, abbreviations and the small
//! word lists the rules consult.
//!
//! Attribution in news follows a few token patterns ("NP said", "said NP",
//! "according to NP"); recognising them needs to know what may sit inside a
//! speaker noun phrase and what may sit between a speaker and its verb. A
//! full part-of-speech tagger is not needed for that. Closed classes are
//! looked up once per word by the tokenizer in one table that holds class
//! and cue lemma together (`table`), keyed by the word packed into
//! integers and lowercased in place, which keeps tokenisation at memory
//! speed (no allocation per token).
//!
//! The words themselves are data, so that a linguist edits a text file
//! rather than Rust: `classes/CLASS.txt` (one file a [`Class`]),
//! `words/NAME.txt` (the lists behind `words::is_NAME`) and the cue forms
//! of `cues/cues.toml`, compiled in by the crate's `build.rs`. This stage
//! depends on no other; `text` and `cues` build on it.

pub(crate) mod case;
mod lemma;
mod table;
pub(crate) mod words;

pub(crate) use lemma::Lemma;
use table::{HIGH_BITS, KEY_BYTES, load_key, lower_ascii_word, lower_key, padded};
pub(crate) use table::{WordTable, word_table};

/// Pronoun families, for agreement in coreference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pron {
    He,
    She,
    It,
    They,
    We,
    I,
    You,
}

/// The lexicon class of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    Pronoun(Pron),
    /// Articles, possessive determiners, quantifiers.
    Det,
    Prep,
    Conj,
    That,
    /// Auxiliaries and negation.
    Aux,
    /// Adverbs that may sit between a speaker and its verb.
    Adverb,
    Weekday,
    Month,
    /// today, yesterday, night, week, late, …
    TimeWord,
    /// Titles and functions that name a role ("minister", "spokesman", "Gen.").
    Title,
    /// Nouns that head an anonymous or collective speaker ("officials").
    Descriptor,
    /// Lower-case modifiers seen inside roles ("senior", "foreign", "policy").
    RoleMod,
    /// Words that make a name an organisation ("Institute", "Ministry").
    OrgWord,
    Other,
}

impl Class {
    /// Words that can head a speaker noun phrase when lower case.
    pub(crate) fn is_np_head(self) -> bool {
        matches!(self, Class::Title | Class::Descriptor | Class::OrgWord)
    }

    /// Lower-case words allowed inside a speaker noun phrase.
    pub(crate) fn is_np_inner(self) -> bool {
        matches!(
            self,
            Class::Title | Class::Descriptor | Class::OrgWord | Class::RoleMod
        )
    }

    /// Words that typically open a sentence (used after "U.S." or "a.m.").
    pub(crate) fn is_sentence_opener(self) -> bool {
        matches!(
            self,
            Class::Pronoun(_) | Class::Det | Class::Conj | Class::Prep | Class::That
        )
    }

    /// Words a title may leave in lower case: determiners, prepositions,
    /// conjunctions, "that" and auxiliaries ("is", "will", "not").
    pub(crate) fn is_function_word(self) -> bool {
        matches!(
            self,
            Class::Det | Class::Prep | Class::Conj | Class::That | Class::Aux
        )
    }

    pub(crate) fn is_time(self) -> bool {
        matches!(self, Class::Weekday | Class::Month | Class::TimeWord)
    }

    /// Whether a word of this class opens an adjunct rather than a clause
    /// or a noun phrase: a preposition, an adverb or a time word ("on local
    /// radio", "quietly", "Tuesday").
    pub(crate) fn opens_adjunct(self) -> bool {
        matches!(self, Class::Prep | Class::Adverb) || self.is_time()
    }
}

/// A plural-looking noun ("officials", "Republicans", not "boss").
pub(crate) fn looks_plural(word: &str) -> bool {
    (word.ends_with('s') && !word.ends_with("ss")) || is_irregular_plural(word)
}

/// A past-participle-looking word: "-ed" or an irregular participle
/// ("taken", "written").
pub(crate) fn looks_participle(word: &str) -> bool {
    word.ends_with("ed") || words::is_irregular_participles(word)
}

/// Plural nouns without an "-s" that often speak in news ("people say",
/// "police believe"), in any case.
fn is_irregular_plural(word: &str) -> bool {
    words::is_irregular_plurals(case::lower_ascii(word).as_str())
}

/// Class, possessive flag and cue lemma of a word token (tests; the
/// tokenizer calls [`classify_in`]).
#[cfg(test)]
pub(crate) fn classify(word: &str) -> (Class, bool, Option<Lemma>) {
    classify_in(word_table(), word, word.as_bytes())
}

/// `classify` for a word that `rest` (the text from the word's first byte
/// to the end of the text) starts with.
///
/// Called once per word of every document, so the word is never copied
/// into a `String` nor hashed byte by byte: it is packed into a few `u64`s,
/// lowercased eight bytes at a time, and those are both the hash input and
/// the key the lexicon table compares. With the rest of the text at hand
/// the packing is one to three loads and a mask, not a copy into a buffer.
// Inlined into the tokenizer's loop, its only caller outside tests: as a
// call, saving and restoring registers was a fifth of its cost.
#[inline(always)]
pub(crate) fn classify_in(
    table: &WordTable,
    word: &str,
    rest: &[u8],
) -> (Class, bool, Option<Lemma>) {
    let (base, possessive) = strip_possessive(word);
    let bytes = base.as_bytes();
    let len = bytes.len();
    let (mut class, lemma) = if (1..=KEY_BYTES).contains(&len) {
        let key = match rest.first_chunk::<KEY_BYTES>() {
            Some(window) => load_key(window, len),
            None => load_key(&padded(bytes), len),
        };
        // The key holds the whole word (the rest is masked off).
        if (key[0] | key[1] | key[2]) & HIGH_BITS != 0 {
            return (Class::Other, possessive, None);
        }
        // Most words fit in the first `u64`: that case is its own copy of
        // the lookup, with the other two known to be zero.
        if len <= 8 {
            table.get_short(lower_ascii_word(key[0]))
        } else {
            table.get(lower_key(key))
        }
    } else if len <= 32 && bytes.is_ascii() {
        // No lexicon word is this long, but it may be an adverb.
        (Class::Other, None)
    } else {
        // Words past 32 bytes or outside ASCII are in no class (as before
        // the table: the lowercasing buffer had 32 bytes).
        return (Class::Other, possessive, None);
    };
    if class == Class::Other && is_ly_adverb(bytes) {
        class = Class::Adverb;
    }
    let cue = if possessive { None } else { lemma };
    (class, possessive, cue)
}

/// [`classify_in`] for a word of one to seven ASCII letters and digits
/// (`bytes`), packed little-endian into `packed` with the bytes after it
/// zero: the tokenizer's common case, with no possessive to strip and no
/// byte outside ASCII to test for.
#[inline(always)]
pub(crate) fn classify_short(
    table: &WordTable,
    packed: u64,
    bytes: &[u8],
) -> (Class, Option<Lemma>) {
    debug_assert!(bytes.len() < 8 && bytes.iter().all(u8::is_ascii_alphanumeric));
    let (class, lemma) = table.get_short(lower_ascii_word(packed));
    if class == Class::Other && bytes.len() > 4 && is_ly_adverb(bytes) {
        return (Class::Adverb, lemma);
    }
    (class, lemma)
}

/// "-ly" makes an adverb only in lower case: "Kelly", "Hensley" are names.
///
/// Asked of every word outside the lexicon as it is tokenized: inlined
/// there, the three byte tests that settle nearly every word cost no call;
/// only a lower-case "-ly" word goes on to the list of "-ly" nouns.
#[inline(always)]
fn is_ly_adverb(bytes: &[u8]) -> bool {
    bytes.first().is_some_and(u8::is_ascii_lowercase)
        && bytes.len() > 4
        && ends_with_ly(bytes)
        && !is_ly_noun(bytes)
}

/// The word ends in "ly", ignoring ASCII case.
fn ends_with_ly(bytes: &[u8]) -> bool {
    bytes.len() >= 2 && bytes[bytes.len() - 2..].eq_ignore_ascii_case(b"ly")
}

/// Words ending in "-ly" that are not adverbs (compared ignoring ASCII
/// case). Kept out of line: lowering the word on the stack would otherwise
/// cost the tokenizer's loop registers on every word.
#[inline(never)]
pub(crate) fn is_ly_noun(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|w| words::is_ly_nouns(case::lower_ascii(w).as_str()))
}

/// The word without a possessive ’s / 's (either case), and whether it had
/// one.
fn strip_possessive(word: &str) -> (&str, bool) {
    // Checked from the last byte: most words do not end in "s" at all.
    if !matches!(word.as_bytes().last(), Some(b's' | b'S')) {
        return (word, false);
    }
    let stem = &word[..word.len() - 1];
    match stem.strip_suffix(['’', '\'']) {
        Some(base) if !base.is_empty() => (base, true),
        _ => (word, false),
    }
}

/// Words whose following dot belongs to the word (`word` without the dot).
pub(crate) fn is_abbreviation(word: &str) -> bool {
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // Initials: "J. Smith", "Plan B." is rarer than a middle initial.
        return c.is_alphabetic();
    }
    if word.contains('.') {
        return true; // "U.S", "a.m", "Ph.D"
    }
    words::is_abbreviations(word) || words::is_state_abbreviations(word)
}

/// Abbreviations (with their dot) that can also end a sentence.
pub(crate) fn abbreviation_may_end_sentence(word: &str) -> bool {
    let inner = &word[..word.len() - 1];
    inner.contains('.')
        || words::is_sentence_final_abbreviations(inner)
        || words::is_state_abbreviations(inner)
}

/// Words that make a capitalised name an organisation's ("Harbour
/// Authority", "Delta Air Lines", "Acme Holdings"), beside the lexicon's
/// organisation words. They are kept out of that class on purpose: the
/// class is a feature of both learned models, and as nouns ("the
/// authority", "a hospital") these words are ordinary; only inside a name
/// do they tell an organisation from a person.
pub(crate) fn is_org_name_word(word: &str) -> bool {
    words::is_org_name_words(word)
}

/// Adjectives and participles that take an extraposed clause after an
/// expletive "it": "it is unclear whether …", "it was reported that …".
/// Such an "it" stands for the clause, not for a speaker. Feelings are not
/// among them: in "it was disappointed that …" the "it" is a company.
pub(crate) fn is_extraposition_predicate(word: &str) -> bool {
    words::is_extraposition_predicates(word)
}

/// Words that may stand between an expletive "it" and its predicate: forms
/// of "be" and linking verbs, auxiliaries, negation and degree words ("it
/// is still not entirely clear").
pub(crate) fn is_copula_or_aux(word: &str) -> bool {
    words::is_copulas_and_auxiliaries(word)
}

/// The most name particles in a row inside a name ("de la", "van der").
pub(crate) const MAX_NAME_PARTICLES: usize = 2;

/// Lower-case particles inside a person's name ("de", "van", "bin"); a
/// run of them joins the parts of a name where one other connector would
/// ("Maria de la Cruz", but not "Burman of the Center").
pub(crate) fn is_name_particle(word: &str) -> bool {
    words::is_name_particles(word)
}

/// Lower-case words that connect the parts of a capitalised name
/// ("Institute for the Study of War", "Center for Strategic and …").
pub(crate) fn is_name_connector(word: &str) -> bool {
    words::is_name_connectors(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn possessive_words_keep_their_class() {
        assert!(classify("Ukraine’s").1);
        assert_eq!(classify("officials").0, Class::Descriptor);
        assert_eq!(classify("Spokesman").0, Class::Title);
        assert_eq!(classify("publicly").0, Class::Adverb);
        assert_eq!(classify("Kelly").0, Class::Other, "a name, not an adverb");
        assert_eq!(classify("said").2.map(Lemma::as_str), Some("say"));
    }

    #[test]
    fn lookups_ignore_case_and_long_words_can_still_be_adverbs() {
        assert_eq!(classify("OFFICIALS").0, Class::Descriptor);
        assert_eq!(classify("President-Elect").0, Class::Title);
        assert_eq!(classify("Said").2.map(Lemma::as_str), Some("say"));
        assert_eq!(classify("uncharacteristically").0, Class::Adverb);
        assert_eq!(classify("family").0, Class::Other);
        assert_eq!(classify("officialsx").0, Class::Other);
    }
}
