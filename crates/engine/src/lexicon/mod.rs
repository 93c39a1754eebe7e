//! Closed word classes the stages share: pronouns, determiners, titles,
//! speaker descriptors, time words, abbreviations.
//!
//! Attribution in news follows a few token patterns ("NP said", "said NP",
//! "according to NP"); recognising them needs to know what may sit inside a
//! speaker noun phrase and what may sit between a speaker and its verb. A
//! full part-of-speech tagger is not needed for that, and closed classes
//! looked up by `match` on a stack-lowercased word keep tokenisation at
//! memory speed (no allocation per token).

use std::sync::OnceLock;

use crate::cues::{self, Lemma};

pub(crate) mod words;

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

    pub(crate) fn is_time(self) -> bool {
        matches!(self, Class::Weekday | Class::Month | Class::TimeWord)
    }
}

/// A plural-looking noun ("officials", "Republicans", not "boss").
pub(crate) fn looks_plural(word: &str) -> bool {
    (word.ends_with('s') && !word.ends_with("ss")) || is_irregular_plural(word)
}

/// Plural nouns without an "-s" that often speak in news ("people say",
/// "police believe").
fn is_irregular_plural(word: &str) -> bool {
    [
        "people", "police", "men", "women", "children", "clergy", "staff",
    ]
    .iter()
    .any(|p| p.eq_ignore_ascii_case(word))
}

/// Class, possessive flag and cue lemma of a word token (tests; the
/// tokenizer calls [`classify_in`]).
#[cfg(test)]
pub(crate) fn classify(word: &str) -> (Class, bool, Option<Lemma>) {
    classify_in(word_table(), word, word.as_bytes())
}

/// [`classify`] for a word that `rest` (the text from the word's first byte
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
/// case).
fn is_ly_noun(bytes: &[u8]) -> bool {
    [
        "family", "rally", "supply", "reply", "italy", "july", "assembly", "ally",
    ]
    .iter()
    .any(|w| bytes.eq_ignore_ascii_case(w.as_bytes()))
}

/// The high bit of every byte of a `u64`.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// A word of at most [`KEY_BYTES`] bytes, zero-padded to a key's length
/// (words hold no NUL, so the padding also encodes the length).
fn padded(bytes: &[u8]) -> [u8; KEY_BYTES] {
    let mut window = [0u8; KEY_BYTES];
    window[..bytes.len()].copy_from_slice(bytes);
    window
}

/// The first `len` bytes of `window` (1 to [`KEY_BYTES`]) packed
/// little-endian into `u64`s, the bytes after them zero; not yet
/// lowercased. Only the `u64`s the word reaches are loaded, and only the
/// last of them is masked: most words fit in the first.
fn load_key(window: &[u8; KEY_BYTES], len: usize) -> Key {
    let word = |k: usize| {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&window[8 * k..8 * k + 8]);
        u64::from_le_bytes(bytes)
    };
    // The first `valid` (1 to 8) bytes of a `u64`. Each case names its own
    // `u64`, so the key stays in registers (an indexed store would put it
    // on the stack).
    let head = |x: u64, valid: usize| x & (u64::MAX >> (64 - 8 * valid.clamp(1, 8)));
    if len <= 8 {
        [head(word(0), len), 0, 0]
    } else if len <= 16 {
        [word(0), head(word(1), len - 8), 0]
    } else {
        [word(0), word(1), head(word(2), len - 16)]
    }
}

/// A packed ASCII word, lowercased.
fn lower_key(key: Key) -> Key {
    key.map(lower_ascii_word)
}

/// Lowercases the eight ASCII bytes of `x` at once: each byte in 'A'..='Z'
/// gets 0x20 added. No byte is above 0x7f, so the additions never carry
/// into the next byte.
fn lower_ascii_word(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let at_least_a = x.wrapping_add(ONES * (0x80 - u64::from(b'A')));
    let past_z = x.wrapping_add(ONES * (0x80 - u64::from(b'Z') - 1));
    let upper = at_least_a & !past_z & (ONES * 0x80);
    x | (upper >> 2)
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

/// The closed classes, as data: looked up through one hash map built on
/// first use, so classifying a word costs one hash, not a chain of string
/// comparisons.
const CLASS_TABLE: &[(&[&str], Class)] = &[
    (&["he", "him", "himself"], Class::Pronoun(Pron::He)),
    (&["she", "herself"], Class::Pronoun(Pron::She)),
    (&["it", "itself"], Class::Pronoun(Pron::It)),
    (&["they", "them", "themselves"], Class::Pronoun(Pron::They)),
    (&["we", "us", "ourselves"], Class::Pronoun(Pron::We)),
    (&["i", "me", "myself"], Class::Pronoun(Pron::I)),
    (&["you"], Class::Pronoun(Pron::You)),
    (
        &[
            "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these",
            "those", "some", "many", "several", "both", "all", "most", "another", "each", "every",
            "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens",
            "hundreds", "few", "no", "any", "one",
        ],
        Class::Det,
    ),
    (
        &[
            "in",
            "on",
            "at",
            "to",
            "from",
            "with",
            "by",
            "for",
            "of",
            "about",
            "during",
            "after",
            "before",
            "over",
            "under",
            "into",
            "through",
            "via",
            "since",
            "against",
            "among",
            "amid",
            "without",
            "within",
            "as",
            "like",
            "near",
            "despite",
            "than",
            "per",
            "following",
            "toward",
            "towards",
            "upon",
            "across",
        ],
        Class::Prep,
    ),
    (
        &[
            "and",
            "but",
            "or",
            "yet",
            "so",
            "nor",
            "because",
            "although",
            "though",
            "while",
            "if",
            "when",
            "whether",
            "however",
            "meanwhile",
            "where",
            "who",
            "which",
            "what",
            "whom",
            "whose",
            "why",
            "how",
            "unless",
            "until",
            "instead",
            "moreover",
            "nevertheless",
            "thus",
            "therefore",
            "indeed",
        ],
        Class::Conj,
    ),
    (&["that"], Class::That),
    (
        &[
            "has", "have", "had", "is", "are", "was", "were", "will", "would", "could", "should",
            "can", "may", "might", "must", "did", "does", "do", "been", "be", "being", "not",
            "never", "also", "has't", "didn't", "doesn't", "won't", "wouldn't", "hasn't",
            "haven't", "isn't", "wasn't",
        ],
        Class::Aux,
    ),
    (
        &[
            "repeatedly",
            "previously",
            "later",
            "then",
            "again",
            "once",
            "often",
            "still",
            "already",
            "just",
            "now",
            "even",
            "further",
            "first",
            "long",
            "too",
            "twice",
            "ever",
            "soon",
            "alone",
        ],
        Class::Adverb,
    ),
    (
        &[
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ],
        Class::Weekday,
    ),
    (
        &[
            "january",
            "february",
            "march",
            "april",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
            "jan.",
            "feb.",
            "mar.",
            "apr.",
            "jun.",
            "jul.",
            "aug.",
            "sep.",
            "sept.",
            "oct.",
            "nov.",
            "dec.",
        ],
        Class::Month,
    ),
    (
        &[
            "today",
            "yesterday",
            "tonight",
            "morning",
            "afternoon",
            "evening",
            "night",
            "week",
            "month",
            "year",
            "weekend",
            "late",
            "early",
            "earlier",
            "last",
            "recently",
            "overnight",
            "days",
            "weeks",
            "months",
            "ago",
        ],
        Class::TimeWord,
    ),
    (
        &[
            "president",
            "councillor",
            "councilor",
            "councilman",
            "councilwoman",
            "alderman",
            "trustee",
            "minister",
            "secretary",
            "senator",
            "sen.",
            "rep.",
            "representative",
            "gov.",
            "governor",
            "mayor",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "adviser",
            "advisor",
            "aide",
            "chairman",
            "chairwoman",
            "chair",
            "director",
            "chief",
            "head",
            "leader",
            "ambassador",
            "general",
            "gen.",
            "lt.",
            "col.",
            "sgt.",
            "capt.",
            "maj.",
            "adm.",
            "commander",
            "judge",
            "justice",
            "attorney",
            "speaker",
            "candidate",
            "nominee",
            "ceo",
            "founder",
            "professor",
            "prof.",
            "dr.",
            "mr.",
            "mrs.",
            "ms.",
            "economist",
            "analyst",
            "strategist",
            "pollster",
            "manager",
            "official",
            "officer",
            "commissioner",
            "chancellor",
            "premier",
            "king",
            "queen",
            "prince",
            "pope",
            "rev.",
            "diplomat",
            "envoy",
            "negotiator",
            "lawyer",
            "counsel",
            "treasurer",
            "president-elect",
            "executive",
            "administrator",
            "sheriff",
            "congressman",
            "congresswoman",
            "lawmaker",
            "delegate",
            "correspondent",
            "editor",
            "columnist",
            "author",
            "researcher",
            "scientist",
            "expert",
            "activist",
            "organizer",
            "host",
            "anchor",
            "owner",
            "coach",
            "vice-president",
            "businessman",
            "businesswoman",
            "billionaire",
            "contender",
            "hopeful",
            "operative",
            "consultant",
            "staffer",
            "surrogate",
            "chairperson",
            "rabbi",
            "bishop",
            "priest",
            "captain",
            "sergeant",
            "lieutenant",
            "colonel",
            "major",
            "admiral",
            "prosecutor",
            "detective",
            "gop",
            "senior",
            // Occupations that name a speaker as readily as an office does
            // ("said historian Jane Doe", "a farmer in Iowa said").
            "lobbyist",
            "historian",
            "publisher",
            "producer",
            "pastor",
            "mogul",
            "entrepreneur",
            "investor",
            "physician",
            "doctor",
            "nurse",
            "teacher",
            "superintendent",
            "engineer",
            "comedian",
            "actor",
            "actress",
            "singer",
            "musician",
            "artist",
            "writer",
            "journalist",
            "reporter",
            "blogger",
            "commentator",
            "pundit",
            "philanthropist",
            "banker",
            "farmer",
            "rancher",
            "scholar",
            "physicist",
            "sociologist",
            "psychologist",
            "demographer",
            "novelist",
            "filmmaker",
            "campaigner",
            "advocate",
            "chaplain",
            "imam",
        ],
        Class::Title,
    ),
    (
        &[
            "officials",
            "traders",
            "lawyers",
            "attorneys",
            "judges",
            "soldiers",
            "immigrants",
            "refugees",
            "demonstrators",
            "neighbors",
            "neighbours",
            "locals",
            "villagers",
            "consumers",
            "shoppers",
            "customers",
            "passengers",
            "users",
            "viewers",
            "readers",
            "executives",
            "managers",
            "owners",
            "rivals",
            "colleagues",
            "relatives",
            "coaches",
            "players",
            "athletes",
            "clerics",
            "priests",
            "bishops",
            "rebels",
            "militants",
            "insurgents",
            "fighters",
            "troops",
            "commanders",
            "negotiators",
            "envoys",
            "regulators",
            "lenders",
            "consultants",
            "advocates",
            "campaigners",
            "volunteers",
            "spokeswomen",
            "lobbyists",
            "historians",
            "teachers",
            "doctors",
            "nurses",
            "bloggers",
            "commentators",
            "pundits",
            "farmers",
            "investors",
            "bankers",
            "physicians",
            "pastors",
            "engineers",
            "writers",
            "artists",
            "reporters",
            "journalists",
            "sources",
            "source",
            "people",
            "aides",
            "experts",
            "analysts",
            "lawmakers",
            "residents",
            "voters",
            "critics",
            "supporters",
            "observers",
            "authorities",
            "investigators",
            "prosecutors",
            "police",
            "officers",
            "witnesses",
            "leaders",
            "members",
            "spokespeople",
            "staff",
            "staffers",
            "advisers",
            "advisors",
            "allies",
            "opponents",
            "economists",
            "scholars",
            "researchers",
            "scientists",
            "diplomats",
            "man",
            "woman",
            "person",
            "report",
            "statement",
            "study",
            "poll",
            "survey",
            "document",
            "memo",
            "letter",
            "website",
            "newspaper",
            "paper",
            "spokesmen",
            "candidates",
            "strategists",
            "operatives",
            "democrats",
            "republicans",
            "conservatives",
            "liberals",
            "protesters",
            "activists",
            "attendees",
            "delegates",
            "donors",
            "organizers",
            "pollsters",
            "polls",
            "surveys",
            "reports",
            "data",
            "figures",
            "estimates",
            "records",
            "documents",
            "emails",
            "ministers",
            "generals",
            "governors",
            "senators",
            "mayors",
            "workers",
            "employees",
            "americans",
            "citizens",
            "voter",
            "supporter",
            "critic",
            "resident",
            "friend",
            "friends",
            "spokesperson's",
            "insiders",
            "insider",
            "veterans",
            "veteran",
            "men",
            "women",
            "students",
            "student",
            "parents",
            "mother",
            "father",
            "wife",
            "husband",
            "son",
            "daughter",
            "crowd",
            "audience",
            "panel",
            "tweet",
            "ad",
            "ads",
            "video",
            "release",
            "filing",
            "filings",
            "analysis",
            "article",
            "editorial",
            "book",
            "blog",
            "post",
        ],
        Class::Descriptor,
    ),
    (
        &[
            "institute",
            "center",
            "centre",
            "university",
            "department",
            "ministry",
            "committee",
            "council",
            "commission",
            "agency",
            "office",
            "party",
            "campaign",
            "administration",
            "association",
            "foundation",
            "corporation",
            "company",
            "inc.",
            "corp.",
            "group",
            "news",
            "times",
            "journal",
            "network",
            "bank",
            "fund",
            "union",
            "court",
            "congress",
            "senate",
            "house",
            "army",
            "military",
            "government",
            "coalition",
            "organization",
            "organisation",
            "service",
            "bureau",
            "board",
            "kremlin",
            "pentagon",
            "cabinet",
            "team",
            "caucus",
            "federation",
            "alliance",
            "tribune",
            "press",
            "magazine",
            "channel",
            "radio",
            "television",
            "club",
            "society",
            "school",
            "college",
            "firm",
            "pac",
            "fbi",
            "cia",
            "nato",
            "un",
            "eu",
            "gop's",
            "dnc",
            "rnc",
            "whitehouse",
            "post's",
            "police's",
            "navy",
            "forces",
            "parliament",
            "assembly",
            "legislature",
            "regime",
            "embassy",
            "state-run",
            "outlet",
            "outlets",
            "institution",
            "think",
            "tank",
            "tanks",
        ],
        Class::OrgWord,
    ),
    (
        &[
            "top",
            "former",
            "deputy",
            "foreign",
            "policy",
            "local",
            "state",
            "federal",
            "national",
            "security",
            "defense",
            "defence",
            "communications",
            "political",
            "economic",
            "presidential",
            "republican",
            "democratic",
            "vice",
            "assistant",
            "acting",
            "longtime",
            "current",
            "future",
            "outgoing",
            "incoming",
            "interim",
            "legal",
            "regional",
            "district",
            "county",
            "city",
            "international",
            "intelligence",
            "anonymous",
            "unnamed",
            "other",
            "independent",
            "conservative",
            "liberal",
            "progressive",
            "prominent",
            "leading",
            "public",
            "health",
            "finance",
            "trade",
            "energy",
            "education",
            "law",
            "enforcement",
            "white",
            "administration's",
            "military's",
            "government's",
            "press-secretary",
            "new",
            "junior",
            "majority",
            "minority",
            "ranking",
            "election",
            "elections",
            "retired",
            "chief's",
            "u.s.",
            "american",
            "western",
            "european",
            "israeli",
            "iranian",
            "russian",
            "ukrainian",
            "chinese",
            "british",
            "french",
            "german",
            "obama",
            "clinton",
            "trump",
            "sanders",
            "nonpartisan",
            "bipartisan",
            "right-wing",
            "left-wing",
            "civil",
            "rights",
            "human",
            "advocacy",
            "research",
            "polling",
            "news-media",
            "media",
            "spokes",
            "press-office",
            "democratic-leaning",
            "republican-leaning",
            "well-known",
            "high-ranking",
            "senior-level",
            "military-intelligence",
            "union's",
        ],
        Class::RoleMod,
    ),
];

/// The longest lexicon word, in bytes (checked when the table is built).
const KEY_BYTES: usize = 24;

/// A word packed by [`load_key`].
type Key = [u64; KEY_BYTES / 8];

/// A lexicon word with its class and cue lemma.
struct Entry {
    key: Key,
    class: Class,
    lemma: Option<Lemma>,
}

/// Class and cue lemma of every lexicon word: open addressing over a
/// power-of-two array of entry numbers, keyed by the packed word (a
/// `HashMap<&str, _>` hashed the word byte by byte and compared keys with
/// `memcmp`; two integer comparisons do here).
pub(crate) struct WordTable {
    /// Entry number + 1, 0 for an empty slot.
    slots: Vec<u16>,
    mask: usize,
    entries: Vec<Entry>,
    /// The entries of at most eight bytes (most lookups) again, in a table
    /// of their own whose slots hold them: a probe compares one `u64` in
    /// place instead of going through an entry number to a 24-byte key.
    short: Vec<ShortEntry>,
    short_mask: usize,
}

/// A lexicon word of at most eight bytes (key 0 marks an empty slot).
#[derive(Clone, Copy)]
struct ShortEntry {
    key: u64,
    class: Class,
    lemma: Option<Lemma>,
}

impl WordTable {
    fn build() -> WordTable {
        let words = CLASS_TABLE.iter().map(|(w, _)| w.len());
        let forms = cues::FORMS.iter().map(|(_, f)| f.len());
        // At most a quarter full, so a miss usually ends at its first slot.
        let capacity = (words.chain(forms).sum::<usize>() * 4).next_power_of_two();
        let mut table = WordTable {
            slots: vec![0; capacity],
            mask: capacity - 1,
            entries: Vec::new(),
            short: Vec::new(),
            short_mask: 0,
        };
        for (words, class) in CLASS_TABLE {
            for w in *words {
                table.add(w, *class, None);
            }
        }
        for (entry, (_, forms)) in cues::FORMS.iter().enumerate() {
            for f in *forms {
                table.add(f, Class::Other, Some(Lemma::of_entry(entry)));
            }
        }
        table.build_short();
        table
    }

    /// Copies the entries of at most eight bytes into [`WordTable::short`],
    /// at most a quarter full like the main table.
    fn build_short(&mut self) {
        let short = self
            .entries
            .iter()
            .filter(|e| e.key[1] == 0 && e.key[2] == 0);
        let capacity = (short.clone().count() * 4).next_power_of_two().max(16);
        let empty = ShortEntry {
            key: 0,
            class: Class::Other,
            lemma: None,
        };
        let mut slots = vec![empty; capacity];
        let mask = capacity - 1;
        for e in short {
            let mut i = slot_of(e.key) & mask;
            while slots[i].key != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = ShortEntry {
                key: e.key[0],
                class: e.class,
                lemma: e.lemma,
            };
        }
        self.short = slots;
        self.short_mask = mask;
    }

    /// [`WordTable::get`] for a packed lower-case word of at most eight
    /// bytes (`[word, 0, 0]` as a key).
    #[inline(always)]
    fn get_short(&self, word: u64) -> (Class, Option<Lemma>) {
        let mut i = slot_of([word, 0, 0]) & self.short_mask;
        loop {
            let e = &self.short[i];
            if e.key == word {
                return (e.class, e.lemma);
            }
            if e.key == 0 {
                return (Class::Other, None);
            }
            i = (i + 1) & self.short_mask;
        }
    }

    /// Adds a word; a word already present keeps its class (the first
    /// class listed wins, as in a `match`) and its first cue lemma.
    fn add(&mut self, word: &'static str, class: Class, lemma: Option<Lemma>) {
        assert!(
            (1..=KEY_BYTES).contains(&word.len()),
            "lexicon words fit a key"
        );
        let key = lower_key(load_key(&padded(word.as_bytes()), word.len()));
        let mut i = slot_of(key) & self.mask;
        while let Some(n) = usize::from(self.slots[i]).checked_sub(1) {
            let e = &mut self.entries[n];
            if e.key == key {
                e.lemma = e.lemma.or(lemma);
                return;
            }
            i = (i + 1) & self.mask;
        }
        self.entries.push(Entry { key, class, lemma });
        self.slots[i] =
            u16::try_from(self.entries.len()).expect("the lexicon has fewer than 65,535 words");
    }

    /// Class and cue lemma of a packed lower-case word.
    #[inline(always)]
    fn get(&self, key: Key) -> (Class, Option<Lemma>) {
        let mut i = slot_of(key) & self.mask;
        loop {
            let Some(n) = usize::from(self.slots[i]).checked_sub(1) else {
                return (Class::Other, None);
            };
            let e = &self.entries[n];
            if e.key == key {
                return (e.class, e.lemma);
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// The slot a key starts probing at: a multiply-xorshift mix of both
/// halves, so words sharing a prefix spread over the table.
#[inline(always)]
fn slot_of(key: Key) -> usize {
    let h = (key[0] ^ key[1].rotate_left(23) ^ key[2].rotate_left(41))
        .wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> 40) as usize
}

/// The lexicon table, built on first use. The tokenizer fetches it once
/// per call rather than once per word: the `OnceLock` check was about ten
/// instructions a word.
pub(crate) fn word_table() -> &'static WordTable {
    static TABLE: OnceLock<WordTable> = OnceLock::new();
    TABLE.get_or_init(WordTable::build)
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
        || matches!(inner, "Inc" | "Corp" | "Co" | "Ltd" | "Jr" | "Sr" | "etc")
        || words::is_state_abbreviations(inner)
}

/// Words that make a capitalised name an organisation's ("Harbour
/// Authority", "Delta Air Lines", "Acme Holdings"), beside the lexicon's
/// organisation words. They are kept out of that class on purpose: the
/// class is a feature of both learned models, and as nouns ("the
/// authority", "a hospital") these words are ordinary; only inside a name
/// do they tell an organisation from a person.
pub(crate) fn is_org_name_word(word: &str) -> bool {
    matches!(
        word,
        "Authority"
            | "Airline"
            | "Airlines"
            | "Airways"
            | "Railway"
            | "Railways"
            | "Hospital"
            | "Church"
            | "Museum"
            | "Library"
            | "Utility"
            | "Utilities"
            | "Ltd"
            | "LLC"
            | "PLC"
            | "Plc"
            | "Holdings"
            | "Industries"
            | "Technologies"
            | "Systems"
            | "Partners"
            | "Tribunal"
            | "Directorate"
            | "Secretariat"
            | "Council"
            | "Police"
    )
}

/// Adjectives and participles that take an extraposed clause after an
/// expletive "it": "it is unclear whether …", "it was reported that …".
/// Such an "it" stands for the clause, not for a speaker. Feelings are not
/// among them: in "it was disappointed that …" the "it" is a company.
pub(crate) fn is_extraposition_predicate(word: &str) -> bool {
    matches!(
        word,
        "clear"
            | "unclear"
            | "likely"
            | "unlikely"
            | "possible"
            | "impossible"
            | "probable"
            | "certain"
            | "uncertain"
            | "obvious"
            | "evident"
            | "apparent"
            | "true"
            | "doubtful"
            | "expected"
            | "believed"
            | "reported"
            | "said"
            | "thought"
            | "known"
            | "understood"
            | "rumored"
            | "rumoured"
            | "alleged"
            | "estimated"
            | "feared"
            | "hoped"
    )
}

/// Words that may stand between an expletive "it" and its predicate: forms
/// of "be" and linking verbs, auxiliaries, negation and degree words ("it
/// is still not entirely clear").
pub(crate) fn is_copula_or_aux(word: &str) -> bool {
    matches!(
        word,
        "is" | "was"
            | "'s"
            | "’s"
            | "be"
            | "been"
            | "being"
            | "remains"
            | "remained"
            | "seems"
            | "seemed"
            | "appears"
            | "appeared"
            | "becomes"
            | "became"
            | "become"
            | "will"
            | "would"
            | "may"
            | "might"
            | "could"
            | "can"
            | "should"
            | "has"
            | "had"
            | "have"
            | "not"
            | "n't"
            | "still"
            | "also"
            | "now"
            | "entirely"
            | "completely"
            | "quite"
            | "very"
            | "so"
            | "too"
            | "less"
            | "more"
            | "increasingly"
            | "widely"
            | "generally"
    )
}

/// Lower-case words that connect the parts of a capitalised name
/// ("Institute for the Study of War", "Center for Strategic and …").
pub(crate) fn is_name_connector(word: &str) -> bool {
    matches!(
        word,
        "of" | "for"
            | "and"
            | "the"
            | "de"
            | "van"
            | "von"
            | "der"
            | "da"
            | "del"
            | "la"
            | "le"
            | "bin"
            | "al"
            | "el"
            | "di"
            | "du"
            | "&"
    )
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
}

#[cfg(test)]
mod table_tests {
    use super::*;

    #[test]
    fn every_lexicon_word_fits_a_key_in_lower_case() {
        let words = CLASS_TABLE.iter().flat_map(|(w, _)| w.iter());
        let forms = cues::FORMS.iter().flat_map(|(_, f)| f.iter());
        for w in words.chain(forms) {
            assert!(w.len() <= KEY_BYTES, "{w} is longer than a key");
            assert!(
                w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()),
                "{w} must be lower-case ASCII: words are looked up lowercased"
            );
        }
    }

    #[test]
    fn the_short_table_agrees_with_the_main_table() {
        let table = word_table();
        for e in table
            .entries
            .iter()
            .filter(|e| e.key[1] == 0 && e.key[2] == 0)
        {
            assert_eq!(table.get_short(e.key[0]), table.get(e.key));
        }
        for word in ["said", "xyzzy", "official", "quarter"] {
            let key = lower_key(load_key(&padded(word.as_bytes()), word.len()));
            if word.len() <= 8 {
                assert_eq!(table.get_short(key[0]), table.get(key), "{word}");
            }
        }
    }

    #[test]
    fn packed_lowercasing_agrees_with_ascii_lowercasing() {
        let all: Vec<u8> = (1..0x80).collect();
        for chunk in all.chunks(8) {
            let mut a = [0u8; 8];
            a[..chunk.len()].copy_from_slice(chunk);
            let lowered = lower_ascii_word(u64::from_le_bytes(a)).to_le_bytes();
            assert_eq!(lowered, a.map(|b| b.to_ascii_lowercase()));
        }
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
