//! A deterministic, news-like corpus for benchmarks.
//!
//! Real articles cannot be shipped (copyright), so the benchmarks generate
//! their own: wire-style articles of 2–8 KB with a dateline, a byline and the
//! attribution shapes news uses most (speaker after the quote, inversion,
//! colon lead-ins, split quotes, "according to", reported speech, pronoun
//! continuations, multi-paragraph quotes), mixing curly and straight marks.
//! The same seed always gives the same text, so numbers are comparable
//! between runs and machines. The generator is a small xorshift PRNG over
//! fixed word lists: no dependency, no I/O.
//!
//! Pathological shapes for the scaling check live here too.

#![allow(dead_code)] // each bench target uses a different subset

/// xorshift64*: tiny, deterministic, good enough to pick words.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const FIRST: &[&str] = &[
    "Maria", "James", "Olena", "Ahmed", "Sofia", "Daniel", "Priya", "Tomasz", "Grace", "Luis",
    "Hannah", "Kwame", "Ingrid", "Mateo", "Aisha", "Robert", "Yuki", "Elena", "Samuel", "Fatima",
];
const LAST: &[&str] = &[
    "Kowalczyk",
    "Okafor",
    "Hernandez",
    "Lindqvist",
    "Brennan",
    "Tanaka",
    "Moreau",
    "Van der Berg",
    "Abernathy",
    "Castellano",
    "O'Neill",
    "Petrenko",
    "Haddad",
    "Nakamura",
    "Whitfield",
    "Delacroix",
    "Ruiz-Campos",
    "Szabo",
    "Mbeki",
    "Fairweather",
];
const TITLES: &[&str] = &[
    "Foreign Minister",
    "Sen.",
    "Gov.",
    "Mayor",
    "Defense Secretary",
    "Gen.",
    "Rep.",
    "Police Chief",
    "Finance Minister",
    "spokeswoman",
    "spokesman",
    "Judge",
];
const APPOSITIONS: &[&str] = &[
    "a senior economist at the central bank",
    "the head of the regional council",
    "a spokesperson for the ministry",
    "the city's chief planner",
    "a professor of political science",
    "the union's lead negotiator",
];
const ORGS: &[&str] = &[
    "the Ministry of Transport",
    "the National Weather Service",
    "the Institute for Fiscal Studies",
    "the World Health Organization",
    "the State Department",
    "the Harbor Authority",
];
const GROUPS: &[&str] = &[
    "local officials",
    "a senior official",
    "two people familiar with the talks",
    "witnesses",
    "analysts",
];
const VERBS_AFTER: &[&str] = &[
    "said",
    "told reporters",
    "added",
    "said on Tuesday",
    "wrote",
];
const VERBS_THAT: &[&str] = &[
    "said",
    "warned",
    "argued",
    "noted",
    "insisted",
    "confirmed",
    "acknowledged",
    "claimed",
    "announced",
    "told reporters",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Sunday",
];
const MONTHS: &[&str] = &["January", "March", "May", "July", "September", "November"];
const SUBJECTS: &[&str] = &[
    "the agreement",
    "the new budget",
    "the bridge project",
    "the ceasefire",
    "the proposal",
    "the investigation",
    "the vote",
    "the reform",
    "the outbreak",
    "the negotiations",
];
const PREDICATES: &[&str] = &[
    "would take longer than expected",
    "had been delayed by months of disputes",
    "was the best option available",
    "could cost the region billions of dollars",
    "will be reviewed again next spring",
    "had broad support among residents",
    "was never going to be easy",
    "must be finished before the winter",
];
const CLAUSES: &[&str] = &[
    "We have done everything we can, and we will keep doing it",
    "Nobody expected the numbers to move this fast",
    "This is not the end of the process, it is the beginning",
    "I think people deserve a straight answer",
    "The U.S. position hasn't changed since Jan. 9",
    "We are ready to talk, but not at any price",
    "Frankly, it's a mess, and everyone knows it",
    "Our teams worked through the night at 3 a.m. and again at noon",
];
const NARRATIVE: &[&str] = &[
    "Traffic was halted for several hours near the river crossing",
    "The measure passed by a narrow margin after a long debate",
    "Prices rose for the third month in a row",
    "Rescue crews reached the village shortly before dawn",
    "The talks are set to resume next week in Geneva",
    "Turnout was higher than in any election since 2004",
];

/// One generated person: full name plus an optional title.
struct Person {
    first: &'static str,
    last: &'static str,
    title: &'static str,
}

/// Generates article `index` of the corpus (deterministic).
pub fn article(index: u64) -> String {
    let mut rng = Rng::new(index + 1);
    let mut out = String::with_capacity(6 * 1024);
    let month = rng.pick(MONTHS);
    let day = 1 + rng.below(28);
    out.push_str(&format!(
        "{} {} {}\n\nBy {} {}, Staff Writer\nUpdated {month} {day}, 2026 at 9:{:02} a.m. EST\n\n",
        capitalise(rng.pick(SUBJECTS)),
        rng.pick(PREDICATES),
        "amid new questions",
        rng.pick(FIRST),
        rng.pick(LAST),
        rng.below(60)
    ));
    let people: Vec<Person> = (0..3 + rng.below(3))
        .map(|_| Person {
            first: rng.pick(FIRST),
            last: rng.pick(LAST),
            title: rng.pick(TITLES),
        })
        .collect();
    let paragraphs = 20 + rng.below(30);
    for p in 0..paragraphs {
        let who = &people[rng.below(people.len())];
        let straight = rng.chance(30);
        let (open, close) = if straight {
            ("\"", "\"")
        } else {
            ("\u{201c}", "\u{201d}")
        };
        let first_mention = p < people.len();
        let speaker = if first_mention {
            format!("{} {} {}", who.title, who.first, who.last)
        } else if rng.chance(40) {
            (if rng.chance(50) { "he" } else { "she" }).to_string()
        } else {
            who.last.to_string()
        };
        let quote = rng.pick(CLAUSES);
        let paragraph = match rng.below(11) {
            0 => format!("{open}{quote},{close} {speaker} {}.", rng.pick(VERBS_AFTER)),
            1 => format!("{open}{quote},{close} said {} {}.", who.first, who.last),
            2 => format!("{} said: {open}{quote}.{close}", capitalise(&speaker)),
            3 => format!(
                "{open}{quote},{close} {speaker} said. {open}{}.{close}",
                rng.pick(CLAUSES)
            ),
            4 => format!(
                "According to {}, {} {}.",
                rng.pick(ORGS),
                rng.pick(SUBJECTS),
                rng.pick(PREDICATES)
            ),
            5 => format!(
                "{} {} that {} {}.",
                capitalise(&speaker),
                rng.pick(VERBS_THAT),
                rng.pick(SUBJECTS),
                rng.pick(PREDICATES)
            ),
            6 => format!(
                "{} {}, {}, {} on {} that {} was {open}{}{close}.",
                who.first,
                who.last,
                rng.pick(APPOSITIONS),
                rng.pick(VERBS_THAT),
                rng.pick(WEEKDAYS),
                rng.pick(SUBJECTS),
                rng.pick(&["a disaster", "overdue", "a step forward", "premature"])
            ),
            7 => format!(
                "{}, {} said, {}.",
                capitalise(rng.pick(SUBJECTS)),
                rng.pick(GROUPS),
                rng.pick(PREDICATES)
            ),
            8 => format!(
                "{open}{}. {}.\n\n{open}{}.{close}",
                rng.pick(CLAUSES),
                rng.pick(CLAUSES),
                rng.pick(CLAUSES)
            ),
            9 => format!("{open}{quote}.{close}"),
            _ => format!(
                "{}. {} on {}, {} {}.",
                rng.pick(NARRATIVE),
                rng.pick(NARRATIVE),
                rng.pick(WEEKDAYS),
                rng.pick(SUBJECTS),
                rng.pick(PREDICATES)
            ),
        };
        out.push_str(&paragraph);
        out.push_str("\n\n");
    }
    out
}

/// The first `n` articles of the corpus.
pub fn articles(n: usize) -> Vec<String> {
    (0..n as u64).map(article).collect()
}

/// Concatenated articles until the text is at least `bytes` long, cut back
/// to exactly `bytes` on a character boundary.
pub fn news_of_size(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 8 * 1024);
    let mut i = 0;
    while out.len() < bytes {
        out.push_str(&article(i));
        i += 1;
    }
    truncate_on_char(out, bytes)
}

/// Thousands of quotation marks: short quoted fragments back to back, some
/// unbalanced, in many small paragraphs.
pub fn many_quote_marks(bytes: usize) -> String {
    let unit = "\u{201c}Yes,\u{201d} he said. \"No\" and \u{201c}maybe \u{2018}so\u{2019} \"\u{201d} \u{201c}\n\n";
    repeat_to(unit, bytes)
}

/// One paragraph with no line breaks at all, made of ordinary sentences.
pub fn single_paragraph(bytes: usize) -> String {
    let para = news_of_size(bytes).replace('\n', " ");
    truncate_on_char(para, bytes)
}

/// One sentence that never ends: words and commas, no terminal punctuation.
pub fn one_long_sentence(bytes: usize) -> String {
    repeat_to(
        "officials said that the plan, which Smith called \u{201c}bold,\u{201d} would ",
        bytes,
    )
}

fn repeat_to(unit: &str, bytes: usize) -> String {
    let copies = bytes / unit.len() + 1;
    truncate_on_char(unit.repeat(copies), bytes)
}

fn truncate_on_char(mut s: String, bytes: usize) -> String {
    let mut end = bytes.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
